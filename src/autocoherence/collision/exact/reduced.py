"""Symmetry-reduced exact collisions: which reduction applies, and the total-spin sector route.

``method="collisions"`` evaluates the exact one-collision channel
ρ → tr_B[U(ρ ⊗ ρ_B)U†], U = exp(-iτ(H_S + H_B + V/√τ)) (PRA104 Eq. (A1)). On the whole
target ⊗ cluster space that costs (d·d_B^N)³. Because every bath operator enters
collectively (Eq. (6), (17)), the cluster's permutation symmetry removes the exponential:

| bath units | reduction | size |
| --- | --- | --- |
| one kind of qubit (any coupling) | total-spin sectors j, weights by m | d·(2j+1) per sector |
| oscillators, bath operators linear in b, b† | one collective mode, couplings √N·f | d·dim |
| anything else, target ``c_ops``, mixtures | none: the dense route | d·dim^N |

(:mod:`~autocoherence.collision.exact.spin_sectors`,
:mod:`~autocoherence.collision.exact.collective_mode`.) Every function here takes the
compiled :class:`~autocoherence.collision.operators.CollisionOperators` (and the unit and
temperature that the sector weights need), never a model. The collective mode is a change of
the model's parameters (:meth:`CollisionModel.collective_mode_model`) followed by the dense
route.

The sector channels are cached per (H_S, terms, unit, N, τ), not per temperature: models that
differ only in temperature (a temperature sweep) share one set of block propagators.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from autocoherence.collision.exact.collective_mode import linear_coefficients
from autocoherence.collision.exact.sector_channel import SpinSectorChannel
from autocoherence.collision.exact.spin_sectors import DEFAULT_TOL
from autocoherence.collision.generator.stationary import channel_noise, stationary_state
from autocoherence.collision.operators import CollisionOperators
from autocoherence.errors import MethodNotApplicableError, ParameterError
from autocoherence.spaces import Oscillator, Qubit
from autocoherence.states import thermal_populations
from autocoherence.typing import ComplexArray

__all__ = [
    "BOSON_TOL",
    "MAX_SECTOR_CLUSTER",
    "ROUTES",
    "reduction",
    "sector_channel",
    "sector_steady_state",
    "sector_superoperator",
]

#: The reductions, as reported in ``SteadyState.info["collision_route"]``.
ROUTES = ("spin_sectors", "collective_mode")
#: Largest cluster of qubit units the total-spin sector route takes (N = 1000 costs a few
#: seconds on one core, and the cost grows faster than N²).
MAX_SECTOR_CLUSTER = 4096
#: Fixed accuracy at which a truncated oscillator unit must hold its thermal state for the
#: collective-mode reduction (exact for bosons) to apply; independent of the user's
#: ``truncation_tol``, so raising that tolerance never enables the reduction. Below it the
#: collective mode and the dense cluster of truncated units agree to the truncation error
#: (1e-6 is the accuracy of the figures' oscillator dots); a 3-level "oscillator" whose
#: thermal tail is ~1e-2 gets the dense route of the model as written.
BOSON_TOL = 1e-6


def reduction(
    unit: Any,
    bath_ops: Sequence[ComplexArray],
    cluster_size: int,
    temperature: float,
    *,
    c_ops: bool = False,
) -> str | None:
    """The reduction of the exact collision channel that applies, or None (dense route).

    ``"spin_sectors"`` for :class:`~autocoherence.spaces.Qubit` units; ``"collective_mode"``
    for N >= 2 :class:`~autocoherence.spaces.Oscillator` units whose bath operators
    ``bath_ops`` (the B_k of V, Fock basis) are linear in b, b† and whose kept Fock levels hold
    the thermal state to :data:`BOSON_TOL` (they behave as bosons). None with the target's
    ``c_ops``, for a unit mixture or any other unit (Transmon, System: not bosons, whatever
    their ladder), and for one oscillator unit (the dense route is already minimal).

    Examples
    --------
    >>> from autocoherence.spaces import sigma_x
    >>> reduction(Qubit(1.0), [sigma_x()], 3, 0.5), reduction(Qubit(1.0), [sigma_x()], 3, 0.5,
    ...                                                      c_ops=True)
    ('spin_sectors', None)
    """
    if c_ops:
        return None
    if isinstance(unit, Qubit):
        return "spin_sectors"
    if (
        isinstance(unit, Oscillator)
        and cluster_size > 1
        and all(linear_coefficients(b, unit) is not None for b in bath_ops)
        and _behaves_as_boson(unit, temperature)
    ):
        return "collective_mode"
    return None


def _behaves_as_boson(unit: Oscillator, temperature: float) -> bool:
    """Whether the kept Fock levels hold the unit's thermal state to :data:`BOSON_TOL`."""
    if temperature == math.inf:
        return False
    tail = 1.0 - float(np.sum(thermal_populations(unit, temperature)))
    return tail <= BOSON_TOL


@dataclass(frozen=True)
class _Key:
    """Hashable content of the operators a sector channel is built from."""

    data: tuple[bytes, ...]
    omega: float
    n: int
    tau: float
    ops: CollisionOperators = field(compare=False, hash=False)


@lru_cache(maxsize=8)
def _sector_channel(key: _Key, unit: Qubit) -> SpinSectorChannel:
    ops = key.ops
    return SpinSectorChannel(ops.H_S, ops.terms(0), unit, key.n, key.tau)


def sector_channel(ops: CollisionOperators, unit: Qubit) -> SpinSectorChannel:
    """The temperature-independent sector channel of one kind of qubit unit (cached).

    Ask it for
    :meth:`~autocoherence.collision.exact.sector_channel.SpinSectorChannel.superoperators`
    at many temperatures to reuse its block propagators explicitly; operators that differ only
    in the bath temperature get the same object.

    Examples
    --------
    >>> import dataclasses
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0), cluster_size=3,
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> hot = dataclasses.replace(m, temperature=2.0)
    >>> sector_channel(hot.operators(), m.unit) is sector_channel(m.operators(), m.unit)
    True
    """
    if not isinstance(unit, Qubit):
        raise MethodNotApplicableError(
            "the total-spin sector reduction is for qubit bath units; oscillator units use "
            "the collective mode (CollisionModel.collective_mode_model)"
        )
    if ops.tau is None:
        raise ParameterError(
            "tau is required for method='collisions': pass tau=<collision duration > 0> "
            "to CollisionModel"
        )
    if ops.cluster_size > MAX_SECTOR_CLUSTER:
        raise MethodNotApplicableError(
            f"the exact collisions of cluster_size={ops.cluster_size} qubit units need about "
            f"N/2 total-spin sectors of size up to N + 1; the limit is N <= {MAX_SECTOR_CLUSTER} "
            "(minutes of work beyond it). Use method='master_equation' or 'closed_form' (any N, "
            "the τ → 0 limit), or a smaller cluster"
        )
    arrays = [ops.H_S, *ops.system_ops, *ops.units[0].ops]
    data = tuple(a.tobytes() + str(a.shape).encode() for a in arrays)
    key = _Key(data, unit.omega, ops.cluster_size, ops.tau, ops)
    return _sector_channel(key, unit)


def sector_superoperator(
    ops: CollisionOperators, unit: Qubit, temperature: float, *, tol: float = DEFAULT_TOL
) -> tuple[ComplexArray, dict[str, Any]]:
    """Superoperator (d², d²) of one exact collision by total-spin sectors, and route info.

    Examples
    --------
    >>> import numpy as np
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0), cluster_size=3,
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> M, info = sector_superoperator(m.operators(), m.unit, m.temperature)
    >>> info["collision_route"], bool(np.allclose(M, m.channel(dense=True)))
    ('spin_sectors', True)
    """
    res = sector_channel(ops, unit).superoperator(temperature, tol=tol)
    return res.superoperator, _sector_info(res)


def sector_steady_state(
    ops: CollisionOperators, unit: Qubit, temperature: float, *, tol: float = DEFAULT_TOL
) -> tuple[ComplexArray, dict[str, Any]]:
    """Fixed point of the sector channel, and route info.

    The info holds the pruning error (``dropped_weight`` δ, ``window_error`` ε) and
    ``error_bound``: the bound on ‖ρ - ρ_exact‖_F of
    :meth:`~autocoherence.collision.exact.sector_channel.SectorChannel.fixed_point_error_bound`
    plus the rounding bound of the fixed-point solve.

    Examples
    --------
    >>> import numpy as np
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0), cluster_size=3,
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> rho, info = sector_steady_state(m.operators(), m.unit, m.temperature)
    >>> dense = m.steady_state(method="collisions", dense=True).rho
    >>> bool(np.allclose(rho, dense)), bool(info["error_bound"] < 1e-10)
    (True, True)
    """
    res = sector_channel(ops, unit).superoperator(temperature, tol=tol)
    M = res.superoperator
    rho, accuracy = stationary_state(
        M - np.eye(M.shape[0]), what="collision channel", noise=channel_noise(M)
    )
    info = _sector_info(res)
    info["error_bound"] = res.fixed_point_error_bound() + accuracy["error_bound"]
    info["residual"] = accuracy["residual"]
    return rho, info


def _sector_info(res: Any) -> dict[str, Any]:
    return {
        "collision_route": "spin_sectors",
        "n_sectors": res.n_sectors,
        "n_levels": res.n_levels,
        "max_window": res.max_window,
        "dropped_weight": res.dropped_weight,
        "window_error": res.window_error,
    }
