"""Fock-truncation checks of oscillator targets and units, on operators (PRA104 Sec. IV).

A truncated oscillator is trusted only while the population its dynamics push into the top
kept level stays below the model's ``truncation_tol``; beyond it the routes raise
:class:`~autocoherence.errors.TruncationError` naming the space to enlarge.
"""

from __future__ import annotations

import numpy as np

from autocoherence.collision.exact import repeated
from autocoherence.collision.operators import CollisionOperators
from autocoherence.errors import TruncationError
from autocoherence.typing import ComplexArray

__all__ = ["check_bath_leakage", "check_target_truncation"]


def check_bath_leakage(
    ops: CollisionOperators,
    rho: ComplexArray,
    *,
    unit_dim: int,
    cluster_size: int,
    tau: float,
    tol: float,
) -> None:
    """Raise if one collision from ``rho`` leaves more than ``tol`` in a unit's top Fock level.

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Oscillator(1.0, 2),
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.0, tau=1.0)
    >>> check_bath_leakage(m.operators(), np.diag([0.0, 1.0]), unit_dim=2, cluster_size=1,
    ...                    tau=1.0, tol=1e-10)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.TruncationError: one collision leaves population ...
    """
    H, p = repeated.cluster_hamiltonian(ops, (0,) * cluster_size)
    U = repeated.collision_unitary(H, tau)
    top = repeated.top_level_leakage(U, rho, p, unit_dim, cluster_size)
    if top > tol:
        raise TruncationError(
            f"one collision leaves population {top:.3g} in the top Fock level "
            f"(dim={unit_dim}) of a bath unit, above truncation_tol={tol:g}: increase the "
            "unit's dim"
        )


def check_target_truncation(states: ComplexArray, *, tol: float, what: str) -> None:
    """Raise if the target's top Fock level holds more than ``tol`` in any of ``states``.

    Examples
    --------
    >>> check_target_truncation(np.diag([0.9, 0.1])[np.newaxis], tol=1e-10, what="steady state")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.TruncationError: the target's top Fock level (dim=2) holds population ...
    """
    top = float(np.max(np.real(states[:, -1, -1])))
    if top > tol:
        raise TruncationError(
            f"the target's top Fock level (dim={states.shape[-1]}) holds population "
            f"{top:.3g} in the {what}, above truncation_tol={tol:g}: increase the target's dim"
        )
