"""Symmetry-reduced exact collisions: which reduction a model admits, and its channel.

``method="collisions"`` evaluates the exact one-collision channel
ρ → tr_B[U(ρ ⊗ ρ_B)U†], U = exp(-iτ(H_S + H_B + V/√τ)) (PRA104 Eq. (A1)). On the whole
target ⊗ cluster space that costs (d·d_B^N)³. Because every bath operator enters
collectively (Eq. (6), (17)), the cluster's permutation symmetry removes the exponential:

| bath units | reduction | size |
| --- | --- | --- |
| qubits (any coupling) | total-spin sectors j, weights by m | d·(2j+1) per sector |
| oscillators, bath operators linear in b, b† | one collective mode, couplings √N·f | d·dim |
| anything else | none: the dense route | d·dim^N |

(:mod:`~autocoherence.collision.exact.spin_sectors`,
:mod:`~autocoherence.collision.exact.collective_mode`.)

The sector channels are cached per (target, unit, coupling, N, τ), not per temperature:
models that differ only in temperature (a temperature sweep) share one set of block
propagators.
"""

from __future__ import annotations

import dataclasses
import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from autocoherence.collision.exact import repeated
from autocoherence.collision.exact.collective_mode import collective_mode_coupling
from autocoherence.collision.exact.sector_channel import SpinSectorChannel
from autocoherence.collision.exact.spin_sectors import DEFAULT_TOL
from autocoherence.collision.generator.stationary import channel_noise, stationary_state
from autocoherence.collision.interactions import Bilinear, Composite, Interaction, coupling_terms
from autocoherence.collision.operators import energy_basis, rotate_all
from autocoherence.errors import MethodNotApplicableError, ParameterError
from autocoherence.spaces import Oscillator, Qubit
from autocoherence.states import thermal_populations
from autocoherence.typing import ComplexArray

if TYPE_CHECKING:
    from autocoherence.collision.model import CollisionModel

__all__ = [
    "ROUTES",
    "channel",
    "collective_mode_model",
    "reduction",
    "sector_channel",
    "steady_state",
]

#: The reductions, as reported in ``SteadyState.info["collision_route"]``.
ROUTES = ("spin_sectors", "collective_mode")
#: Largest cluster of qubit units the total-spin sector route takes (N = 1000 costs a few
#: seconds on one core, and the cost grows faster than N²).
MAX_SECTOR_CLUSTER = 4096


def reduction(model: CollisionModel) -> str | None:
    """The reduction of the exact collision channel that ``model`` admits, or None.

    ``"spin_sectors"`` for qubit units; ``"collective_mode"`` for N ≥ 2 oscillator units
    whose bath operators are linear in b, b†; None otherwise (also for one oscillator unit,
    which the dense route already handles at its minimal size).

    Examples
    --------
    >>> import dataclasses
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> reduction(m), reduction(dataclasses.replace(m, unit=ac.Oscillator(1.0, 12)))
    ('spin_sectors', None)
    """
    if model.c_ops or not isinstance(model.unit, Qubit | Oscillator):
        return None  # target c_ops, unit mixtures, Transmon/System units: dense only
    if isinstance(model.unit, Qubit):
        return "spin_sectors"
    if (
        model.cluster_size > 1
        and collective_mode_coupling(model.coupling, model.unit, model.cluster_size) is not None
        and _behaves_as_boson(model.unit, model.temperature)
    ):
        return "collective_mode"
    return None


#: Fixed accuracy at which a truncated oscillator unit must hold its thermal state for the
#: collective-mode reduction (exact for bosons) to apply; independent of the user's
#: ``truncation_tol``, so raising that tolerance never enables the reduction.
BOSON_TOL = 1e-8


def _behaves_as_boson(unit: Oscillator, temperature: float) -> bool:
    """Whether the kept Fock levels hold the unit's thermal state to :data:`BOSON_TOL`."""
    if temperature == math.inf:
        return False
    tail = 1.0 - float(np.sum(thermal_populations(unit, temperature)))
    return tail <= BOSON_TOL


def _tau(model: CollisionModel) -> float:
    if model.tau is None:
        raise ParameterError(
            "tau is required for method='collisions': pass tau=<collision duration > 0> "
            "to CollisionModel"
        )
    return model.tau


@lru_cache(maxsize=8)
def _sector_channel(
    target: Any,
    unit: Qubit,
    coupling: Composite | Bilinear | Interaction,
    n: int,
    tau: float,
) -> SpinSectorChannel:
    # the target in its energy basis (as every route sees it); qubit units are diagonal already
    H_S, _, W = energy_basis(target.hamiltonian())
    terms = coupling_terms(coupling, target, unit)
    system_ops = rotate_all([s for s, _ in terms], W)
    return SpinSectorChannel(
        H_S, list(zip(system_ops, [b for _, b in terms], strict=True)), unit, n, tau
    )


def sector_channel(model: CollisionModel) -> SpinSectorChannel:
    """The temperature-independent sector channel of a model with qubit units (cached).

    Ask it for
    :meth:`~autocoherence.collision.exact.sector_channel.SpinSectorChannel.superoperators`
    at many temperatures to reuse its block propagators explicitly; models that differ only
    in temperature get the same object.

    Examples
    --------
    >>> import dataclasses
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0), cluster_size=3,
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> sector_channel(dataclasses.replace(m, temperature=2.0)) is sector_channel(m)
    True
    """
    if not isinstance(model.unit, Qubit):
        raise MethodNotApplicableError(
            "the total-spin sector reduction is for qubit bath units; oscillator units use "
            "the collective mode (collective_mode_model)"
        )
    if model.cluster_size > MAX_SECTOR_CLUSTER:
        raise MethodNotApplicableError(
            f"the exact collisions of cluster_size={model.cluster_size} qubit units need about "
            f"N/2 total-spin sectors of size up to N + 1; the limit is N <= {MAX_SECTOR_CLUSTER} "
            "(minutes of work beyond it). Use method='master_equation' or 'closed_form' (any N, "
            "the τ → 0 limit), or a smaller cluster"
        )
    return _sector_channel(
        model.target, model.unit, model.coupling, model.cluster_size, _tau(model)
    )


def collective_mode_model(model: CollisionModel) -> CollisionModel:
    """The one-unit model equivalent to a cluster of N oscillators (couplings √N·f).

    See :mod:`~autocoherence.collision.exact.collective_mode`; the unit's ``dim`` truncates the
    collective mode.

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Oscillator(1.0, 12), cluster_size=4,
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> one = collective_mode_model(m)            # couplings scaled by √4 = 2
    >>> one.cluster_size, one.coupling
    (1, Composite(f1=0.6, f2=1.2, rwa=True))
    """
    if not isinstance(model.unit, Oscillator):
        raise MethodNotApplicableError(
            "the collective-mode reduction is for oscillator bath units; qubit units use the "
            "total-spin sectors (sector_channel)"
        )
    coupling = collective_mode_coupling(model.coupling, model.unit, model.cluster_size)
    if coupling is None:
        raise MethodNotApplicableError(
            "the collective-mode reduction needs bath operators linear in b, b† "
            "(x b + y b† + z); this coupling has another one: use the dense route"
        )
    return dataclasses.replace(model, cluster_size=1, coupling=coupling)


def channel(
    model: CollisionModel, *, tol: float = DEFAULT_TOL
) -> tuple[ComplexArray, dict[str, Any]]:
    """Superoperator (d², d²) of one exact collision by the model's reduction, and route info.

    Raises
    ------
    MethodNotApplicableError
        If the model admits no reduction (:func:`reduction` is None).

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0), cluster_size=3,
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> import numpy as np
    >>> M, info = channel(m)
    >>> info["collision_route"], bool(np.allclose(M, m.channel(dense=True)))
    ('spin_sectors', True)
    """
    route = reduction(model)
    if route == "spin_sectors":
        res = sector_channel(model).superoperator(model.temperature, tol=tol)
        return res.superoperator, _sector_info(res)
    if route == "collective_mode":
        mode = collective_mode_model(model)
        M = repeated.dense_channel(mode.operators())
        return M, {"collision_route": route, "mode_coupling": mode.coupling}
    raise _no_reduction()


def steady_state(
    model: CollisionModel, *, tol: float = DEFAULT_TOL
) -> tuple[ComplexArray, dict[str, Any]]:
    """Fixed point of the reduced exact collision channel, and route info.

    For spin sectors the info holds the pruning error: ``dropped_weight`` δ,
    ``window_error`` ε and ``error_bound``, a bound on ‖ρ - ρ_exact‖_F
    (:meth:`~autocoherence.collision.exact.sector_channel.SectorChannel.fixed_point_error_bound`).
    For the collective mode it holds the one-mode model's info (``dense_dim`` = d·dim) and
    the rescaled coupling; the dense route's Fock-truncation checks apply.

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0), cluster_size=3,
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> import numpy as np
    >>> rho, info = steady_state(m)
    >>> dense = m.steady_state(method="collisions", dense=True).rho
    >>> bool(np.allclose(rho, dense)), bool(info["error_bound"] < 1e-12)
    (True, True)
    """
    route = reduction(model)
    if route == "spin_sectors":
        res = sector_channel(model).superoperator(model.temperature, tol=tol)
        M = res.superoperator
        rho, accuracy = stationary_state(
            M - np.eye(M.shape[0]), what="collision channel", noise=channel_noise(M)
        )
        info = _sector_info(res)
        # pruning (bounded in sector_channel) plus rounding in the fixed-point solve
        info["error_bound"] = res.fixed_point_error_bound() + accuracy["error_bound"]
        info["residual"] = accuracy["residual"]
        return rho, info
    if route == "collective_mode":
        mode = collective_mode_model(model)
        s = mode.steady_state(method="collisions")
        return s.rho_energy, {
            "collision_route": route,
            "mode_coupling": mode.coupling,
            "dense_dim": s.info.get("dense_dim"),
        }
    raise _no_reduction()


def _no_reduction() -> MethodNotApplicableError:
    return MethodNotApplicableError(
        "no symmetry reduction applies (oscillator units with bath operators that are not "
        "linear in b, b†, or a single oscillator unit): use the dense collision route"
    )


def _sector_info(res: Any) -> dict[str, Any]:
    return {
        "collision_route": "spin_sectors",
        "n_sectors": res.n_sectors,
        "n_levels": res.n_levels,
        "max_window": res.max_window,
        "dropped_weight": res.dropped_weight,
        "window_error": res.window_error,
    }
