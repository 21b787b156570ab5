"""When PRA104's closed forms apply to a model's parameters, and the steady state they give.

The closed forms (Eqs. (3)-(5), (8)-(9), (B7)-(B10)) hold for a qubit target with a
:class:`~autocoherence.collision.interactions.Composite` coupling, Qubit or Oscillator bath
units (one kind, or a :class:`~autocoherence.systems.UnitMixture` of one kind) and no
collapse operators of the target's own. :func:`closed_form_reason` says why they do not apply;
:func:`closed_form_rho` is the steady state where they do.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from autocoherence.collision.formulas import closed_form
from autocoherence.collision.interactions import Composite
from autocoherence.spaces import Oscillator, Qubit
from autocoherence.states import cluster_moments
from autocoherence.systems import UnitMixture
from autocoherence.typing import ComplexArray

__all__ = ["closed_form_reason", "closed_form_rho"]


def closed_form_reason(
    target: Any, unit_kinds: Sequence[Any], coupling: Any, c_ops: Sequence[Any]
) -> str | None:
    """Why the closed forms do not apply (None: they do).

    Examples
    --------
    >>> closed_form_reason(Qubit(1.0), [Qubit(1.0)], Composite(0.3, 0.6), ())
    >>> closed_form_reason(Oscillator(1.0, 4), [Qubit(1.0)], Composite(0.3, 0.6), ())
    'the closed forms of PRA104 Eqs. (3)-(11) are for a qubit target'
    """
    if not isinstance(target, Qubit):
        return "the closed forms of PRA104 Eqs. (3)-(11) are for a qubit target"
    if not isinstance(coupling, Composite):
        return "closed forms exist only for the Composite coupling family"
    if not (
        all(isinstance(u, Qubit) for u in unit_kinds)
        or all(isinstance(u, Oscillator) for u in unit_kinds)
    ):
        return "closed forms need Qubit or Oscillator bath units"
    if c_ops:
        return "closed forms do not include the target's own c_ops"
    return None


def closed_form_rho(
    target: Qubit, unit: Any, coupling: Composite, cluster_size: int, temperature: float
) -> ComplexArray:
    """Steady state ρ = (1 + xσx + yσy + zσz)/2 (basis [e, g]) of Eqs. (B7)-(B9).

    The units enter only through the cluster moments of Eq. (7)/(18); a UnitMixture averages
    them over its independent draws (Eq. (A5) is linear in them).

    Examples
    --------
    >>> rho = closed_form_rho(Qubit(1.0), Qubit(1.0), Composite(0.3, 0.6), 1, 0.0)
    >>> round(float(2 * abs(rho[0, 1])), 6)   # C_ss of Eq. (8) at T = 0, N = 1
    0.174361
    """
    if isinstance(unit, UnitMixture):
        a = c = 0.0
        for kind, w in zip(unit.units, unit.weights, strict=True):
            a_u, c_u = cluster_moments(kind, cluster_size, temperature)
            a, c = a + w * a_u, c + w * c_u
    else:
        a, c = cluster_moments(unit, cluster_size, temperature)
    x, y, z = (
        float(v)
        for v in closed_form.steady_state_bloch(
            coupling.f1, coupling.f2, target.omega, a, c, rwa=coupling.rwa
        )
    )
    rho = np.array([[1 + z, x - 1j * y], [x + 1j * y, 1 - z]], dtype=complex)
    rho *= 0.5
    return rho
