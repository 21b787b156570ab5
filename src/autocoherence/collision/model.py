"""CollisionModel: a target repeatedly colliding with clusters of thermal bath units (PRA104).

The model is a small frozen record of parameters. :meth:`CollisionModel.operators` compiles
it to a :class:`~autocoherence.collision.operators.CollisionOperators` record (operators in
the energy bases of target and units); the numerical routes
(:mod:`~autocoherence.collision.formulas.closed_form`,
:mod:`~autocoherence.collision.generator.master_equation`,
:mod:`~autocoherence.collision.exact.repeated`, :mod:`~autocoherence.collision.exact.reduced`,
:mod:`~autocoherence.collision.transient`, :mod:`~autocoherence.collision.thermodynamics`)
take operators, and this class only compiles, dispatches and rotates results back to the
user's basis.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import xarray as xr

from autocoherence._checks import (
    as_density_matrix,
    as_operator,
    check_choice,
    check_int,
    check_positive,
    check_temperature,
)
from autocoherence.collision import thermodynamics as thermo
from autocoherence.collision import transient
from autocoherence.collision.exact import reduced, repeated
from autocoherence.collision.exact.collective_mode import collective_mode_coupling
from autocoherence.collision.exact.repeated import MAX_DENSE_DIM
from autocoherence.collision.exact.sector_channel import SpinSectorChannel
from autocoherence.collision.formulas.closed_form_route import closed_form_reason, closed_form_rho
from autocoherence.collision.generator import master_equation, oscillator_target, stationary
from autocoherence.collision.generator.oscillator_target import Stationarity
from autocoherence.collision.interactions import (
    Bilinear,
    Composite,
    Interaction,
    coupling_terms,
)
from autocoherence.collision.operators import (
    BathUnit,
    CollisionOperators,
    energy_basis,
    rotate_all,
)
from autocoherence.collision.results import SteadyState
from autocoherence.collision.thermodynamics import ThermodynamicRates
from autocoherence.collision.trajectory import trajectory_dataset
from autocoherence.collision.transient import TransientPeak
from autocoherence.collision.truncation import check_bath_leakage, check_target_truncation
from autocoherence.errors import (
    MethodNotApplicableError,
    NoSteadyStateError,
    ParameterError,
)
from autocoherence.spaces import Oscillator, Qubit, collective
from autocoherence.states import gibbs_populations, thermal_state
from autocoherence.systems import UnitMixture, is_system
from autocoherence.typing import ComplexArray, OperatorLike

__all__ = ["MAX_DENSE_DIM", "CollisionModel"]

METHODS = ("auto", "closed_form", "master_equation", "collisions")
#: Largest d² for which results record the relaxation gap from a dense eigen-decomposition.
_GAP_MAX_D2 = 1024


@dataclass(frozen=True, kw_only=True, eq=False)
class CollisionModel:
    """A target colliding with clusters of N thermal bath units (PRA104, any finite systems).

    Parameters
    ----------
    target : Qubit, Oscillator, Transmon or System
        The system in which coherence is created (PRA104: qubit, Secs. II-III; oscillator,
        Sec. IV; any finite Hamiltonian through :class:`~autocoherence.systems.System`).
    unit : Qubit, Oscillator, Transmon, System or UnitMixture
        One bath unit; every collision meets a fresh cluster of ``cluster_size`` of them
        (with a :class:`~autocoherence.systems.UnitMixture`, each drawn independently).
    coupling : Composite, Bilinear or Interaction
        The interaction V of one collision (collective in the cluster, Eq. (6)).
    temperature : float
        Bath-unit temperature T >= 0 (0 and ``math.inf`` allowed).
    cluster_size : int
        N >= 1 units per collision.
    tau : float, optional
        Collision duration τ > 0, used by ``method="collisions"`` (the interaction is
        rescaled V/√τ, Eq. (A1)).
    truncation_tol : float
        Largest population allowed outside / in the top level of an oscillator's Fock
        truncation before :class:`~autocoherence.errors.TruncationError` is raised.
    c_ops : sequence of (d, d) arrays or qutip.Qobj
        The target's own environment (T1, T2, ...) as collapse operators in QuTiP's convention
        (rates folded in: √γ₁ σ₋, √(γ_φ/2) σz). The master equation adds Σ 𝓓[c]; the
        collision route applies them during each collision (exact joint Lindblad evolution of
        target ⊗ cluster over τ).

    Examples
    --------
    >>> import math
    >>> m = CollisionModel(target=Qubit(1.0), unit=Qubit(1.0), cluster_size=3,
    ...                    coupling=Composite(f1=0.6 / math.sqrt(2), f2=0.6),
    ...                    temperature=0.5, tau=0.051)
    >>> s = m.steady_state(method="closed_form")
    >>> abs(s.l1_coherence - m.steady_state(method="master_equation").l1_coherence) < 1e-12
    True
    """

    target: Any
    unit: Any
    coupling: Composite | Bilinear | Interaction
    temperature: float
    cluster_size: int = 1
    tau: float | None = None
    truncation_tol: float = 1e-10
    c_ops: Any = ()

    def __post_init__(self) -> None:
        if not is_system(self.target):
            raise TypeError(
                "target must be a Qubit, Oscillator, Transmon or System, got "
                f"{type(self.target).__name__}"
            )
        if not (is_system(self.unit) or isinstance(self.unit, UnitMixture)):
            raise TypeError(
                "unit must be a Qubit, Oscillator, Transmon, System or UnitMixture, got "
                f"{type(self.unit).__name__}"
            )
        if not isinstance(self.coupling, Composite | Bilinear | Interaction):
            raise TypeError(
                "coupling must be a Composite, Bilinear or Interaction, got "
                f"{type(self.coupling).__name__}"
            )
        if isinstance(self.c_ops, np.ndarray) or hasattr(self.c_ops, "full"):
            raise TypeError("c_ops must be a list of operators, e.g. c_ops=[c1, c2]")
        c_ops = []
        for k, c in enumerate(self.c_ops):
            op = as_operator(c, f"c_ops[{k}]", dim=self.target.dim)
            op.setflags(write=False)
            c_ops.append(op)
        object.__setattr__(self, "c_ops", tuple(c_ops))
        object.__setattr__(self, "temperature", check_temperature(self.temperature))
        object.__setattr__(
            self, "cluster_size", check_int(self.cluster_size, "cluster_size", minimum=1)
        )
        if self.tau is not None:
            object.__setattr__(self, "tau", check_positive(self.tau, "tau"))
        tol = check_positive(self.truncation_tol, "truncation_tol")
        if tol >= 1:
            raise ParameterError(f"truncation_tol must be in (0, 1), got truncation_tol={tol}")
        for unit in self._unit_kinds():
            coupling_terms(self.coupling, self.target, unit)  # validates operator dimensions

    def _unit_kinds(self) -> list[Any]:
        if isinstance(self.unit, UnitMixture):
            return list(self.unit.units)
        return [self.unit]

    # ----------------------------------------------------------------- compile
    def operators(self) -> CollisionOperators:
        """The model as operators: the input of every numerical route.

        The target's operators are in the eigenbasis of H_S (unchanged where H_S is already
        diagonal), each bath unit's in its own energy basis with its thermal populations
        (checked against the Fock truncation for oscillators).

        Examples
        --------
        >>> import math
        >>> m = CollisionModel(target=Qubit(1.0), unit=Qubit(1.0), cluster_size=3,
        ...                    coupling=Composite(0.3, 0.6), temperature=0.5)
        >>> ops = m.operators()
        >>> ops.d, ops.unit_dim, len(ops.system_ops), ops.basis is None
        (2, 2, 3, True)
        """
        H_S, _, W = energy_basis(self.target.hamiltonian())
        kinds = self._unit_kinds()
        weights = self.unit.weights if isinstance(self.unit, UnitMixture) else (1.0,)
        system_ops: tuple[ComplexArray, ...] = ()
        units = []
        for unit, w in zip(kinds, weights, strict=True):
            terms = coupling_terms(self.coupling, self.target, unit)
            system_ops = rotate_all([s for s, _ in terms], W)
            H_B, energies, W_B = energy_basis(unit.hamiltonian())
            if isinstance(unit, Qubit | Oscillator):
                p = np.real(
                    np.diag(thermal_state(unit, self.temperature, tail_tol=self.truncation_tol))
                )
            else:
                p = gibbs_populations(energies, self.temperature)
            units.append(BathUnit(H_B, p, rotate_all([b for _, b in terms], W_B), w))
        return CollisionOperators(
            H_S=H_S,
            system_ops=system_ops,
            units=tuple(units),
            cluster_size=self.cluster_size,
            tau=self.tau,
            c_ops=rotate_all(self.c_ops, W),
            basis=W,
        )

    # ----------------------------------------------------------------- operators
    def unit_state(self) -> ComplexArray:
        """Thermal state of one bath unit (checked against the Fock truncation), user basis."""
        unit = self._single_unit("unit_state")
        return thermal_state(unit, self.temperature, tail_tol=self.truncation_tol)

    def lindblad(self) -> tuple[ComplexArray, list[ComplexArray]]:
        """Effective master equation (H_S, [c_k]) of the τ → 0 limit, PRA104 Eq. (A5).

        dρ/dt = -i[H_S, ρ] + Σ_k (c_k ρ c_k† - ½{c_k† c_k, ρ}), in the user's basis; the bath's
        collapse operators
        (:func:`autocoherence.collision.generator.master_equation.lindblad_operators`,
        averaged over a unit mixture) followed by the target's own ``c_ops``.
        """
        ops = self.operators()
        c_ops = [*master_equation.bath_lindblad_operators(ops), *ops.c_ops]
        if ops.basis is None:
            return self.target.hamiltonian(), c_ops
        W = ops.basis
        return self.target.hamiltonian(), [W @ c @ W.conj().T for c in c_ops]

    def liouvillian(self) -> ComplexArray:
        """Liouvillian of :meth:`lindblad` on row-major vec(ρ), shape (d², d²)."""
        return master_equation.liouvillian(*self.lindblad())

    def _energy_liouvillian(self, ops: CollisionOperators) -> ComplexArray:
        return master_equation.liouvillian(ops.H_S, self._energy_c_ops(ops))

    def _energy_c_ops(self, ops: CollisionOperators) -> list[ComplexArray]:
        return [*master_equation.bath_lindblad_operators(ops), *ops.c_ops]

    def _single_unit(self, what: str) -> Any:
        if isinstance(self.unit, UnitMixture):
            raise MethodNotApplicableError(
                f"{what}() is defined for one kind of bath unit; this model draws its units from "
                "a UnitMixture (use operators() for every kind)"
            )
        return self.unit

    def to_qutip(self) -> tuple[Any, list[Any]]:
        """The effective master equation as ``(qutip.Qobj H, [qutip.Qobj c_k])``."""
        import qutip  # noqa: PLC0415  (optional at import time of the package)

        H, c_ops = self.lindblad()
        return qutip.Qobj(H), [qutip.Qobj(c) for c in c_ops]

    def interaction(self) -> ComplexArray:
        """Dense V on target ⊗ cluster (target is the left factor), shape (d·D, d·D)."""
        unit = self._single_unit("interaction")
        repeated.check_dense_size(self.target.dim, unit.dim, self.cluster_size)
        terms = coupling_terms(self.coupling, self.target, unit)
        n = self.cluster_size
        D = self.unit.dim**n
        V = np.zeros((self.target.dim * D,) * 2, dtype=complex)
        for s, b in terms:
            V += np.kron(s, collective(b, n))
        return V

    def collision_hamiltonian(self) -> ComplexArray:
        """H = H_S + H_B + V/√τ of one collision on target ⊗ cluster, PRA104 Eq. (A1)."""
        tau = self._require_tau()
        d, n = self.target.dim, self.cluster_size
        unit = self._single_unit("collision_hamiltonian")
        repeated.check_dense_size(d, unit.dim, n)
        D = unit.dim**n
        H_B = collective(unit.hamiltonian(), n)
        return (
            np.kron(self.target.hamiltonian(), np.eye(D))
            + np.kron(np.eye(d), H_B)
            + self.interaction() / math.sqrt(tau)
        )

    def bath_populations(self) -> np.ndarray:
        """Diagonal of the cluster's product thermal state ρ_B = ρ_unit^{⊗N}, length D.

        In the unit's energy basis (where its thermal state is diagonal).
        """
        unit = self._single_unit("bath_populations")
        repeated.check_dense_size(1, unit.dim, self.cluster_size)
        p1 = self.operators().units[0].populations
        p: np.ndarray = np.ones(1)
        for _ in range(self.cluster_size):
            p = np.kron(p, p1)
        return p

    def channel(self, *, dense: bool = False) -> ComplexArray:
        """Superoperator of one exact collision ρ → tr_B[U(ρ⊗ρ_B)U†] (row-major vec), (d², d²).

        Symmetry-reduced where the cluster allows it (:mod:`~autocoherence.collision.exact.reduced`:
        total-spin sectors for qubit units, one collective mode for oscillator units coupled
        linearly); ``dense=True`` builds it on the whole target ⊗ cluster space instead.
        """
        self._require_tau()
        return self._superoperator_to_user(self._energy_channel(self.operators(), dense=dense))

    def reduction(self) -> str | None:
        """The symmetry reduction of the exact collisions that applies, or None (dense).

        ``"spin_sectors"``: one kind of :class:`~autocoherence.spaces.Qubit` unit;
        ``"collective_mode"``: N >= 2 :class:`~autocoherence.spaces.Oscillator` units with bath
        operators linear in b, b†, whose thermal tail is below a fixed 1e-10 (they behave as
        bosons; a user's larger ``truncation_tol`` never enables it). Neither applies with the
        target's ``c_ops`` or a :class:`~autocoherence.systems.UnitMixture`; then, and for any
        other unit (Transmon, System: not bosons, whatever their ladder), the dense route is
        used.

        Examples
        --------
        >>> m = CollisionModel(target=Qubit(1.0), unit=Qubit(1.0), cluster_size=3,
        ...                    coupling=Composite(0.3, 0.6), temperature=0.5, tau=0.05)
        >>> m.reduction()
        'spin_sectors'
        """
        if isinstance(self.unit, UnitMixture):
            return None
        bath_ops = [b for _, b in coupling_terms(self.coupling, self.target, self.unit)]
        return reduced.reduction(
            self.unit, bath_ops, self.cluster_size, self.temperature, c_ops=bool(self.c_ops)
        )

    def sector_channel(self) -> SpinSectorChannel:
        """The temperature-independent total-spin sector channel (qubit units; cached).

        See :func:`autocoherence.collision.exact.reduced.sector_channel`: ask it for
        ``superoperators(temperatures)`` to reuse its block propagators explicitly.

        Examples
        --------
        >>> import dataclasses
        >>> m = CollisionModel(target=Qubit(1.0), unit=Qubit(1.0), cluster_size=3,
        ...                    coupling=Composite(0.3, 0.6), temperature=0.5, tau=0.05)
        >>> dataclasses.replace(m, temperature=2.0).sector_channel() is m.sector_channel()
        True
        """
        unit = self._single_unit("sector_channel")
        if not isinstance(unit, Qubit):
            raise MethodNotApplicableError(
                "the total-spin sector reduction is for qubit bath units; oscillator units use "
                "the collective mode (collective_mode_model)"
            )
        self._require_tau()
        return reduced.sector_channel(self.operators(), unit)

    def collective_mode_model(self) -> CollisionModel:
        """The one-unit model equivalent to a cluster of N oscillators (couplings √N·f).

        See :mod:`~autocoherence.collision.exact.collective_mode`; the unit's ``dim`` truncates
        the collective mode.

        Examples
        --------
        >>> m = CollisionModel(target=Qubit(1.0), unit=Oscillator(1.0, 12), cluster_size=4,
        ...                    coupling=Composite(0.3, 0.6), temperature=0.5, tau=0.05)
        >>> one = m.collective_mode_model()            # couplings scaled by √4 = 2
        >>> one.cluster_size, one.coupling
        (1, Composite(f1=0.6, f2=1.2, rwa=True))
        """
        if not isinstance(self.unit, Oscillator):
            raise MethodNotApplicableError(
                "the collective-mode reduction is for oscillator bath units; qubit units use the "
                "total-spin sectors (sector_channel)"
            )
        coupling = collective_mode_coupling(self.coupling, self.unit, self.cluster_size)
        if coupling is None:
            raise MethodNotApplicableError(
                "the collective-mode reduction needs bath operators linear in b, b† "
                "(x b + y b† + z); this coupling has another one: use the dense route"
            )
        return dataclasses.replace(self, cluster_size=1, coupling=coupling)

    def _superoperator_to_user(self, M: ComplexArray) -> ComplexArray:
        W = self.operators().basis if not isinstance(self.target, Qubit | Oscillator) else None
        if W is None:
            return M
        # vec(W ρ W†) = (W ⊗ W̄) vec(ρ) for row-major stacking
        T = np.kron(W, W.conj())
        out: ComplexArray = T @ M @ T.conj().T
        return out

    # ------------------------------------------------------------------ routes
    def steady_state_route(self, method: str = "auto") -> str:
        """The route :meth:`steady_state` takes for ``method``, with ``"auto"`` resolved.

        The one place where ``"auto"`` is decided (the sweep engine asks it too): the closed
        form (PRA104 Eqs. (3)-(5), (8)-(9), (B7)-(B10)) for a qubit target with a Composite
        coupling, Qubit or Oscillator units and no ``c_ops`` of its own, else the master
        equation (Eq. (A5)).

        Returns
        -------
        {"closed_form", "master_equation", "collisions"}

        Raises
        ------
        ParameterError
            Unknown ``method``.
        MethodNotApplicableError
            ``"closed_form"`` for a model the closed forms do not cover (the message says why
            and names the routes that apply).

        Examples
        --------
        >>> from autocoherence.spaces import Oscillator
        >>> qubit = CollisionModel(target=Qubit(1.0), unit=Qubit(1.0),
        ...                        coupling=Composite(f1=0.3, f2=0.6), temperature=0.5)
        >>> qubit.steady_state_route(), qubit.steady_state_route("collisions")
        ('closed_form', 'collisions')
        >>> oscillator = CollisionModel(target=Oscillator(1.0, dim=10), unit=Qubit(1.0),
        ...                             coupling=Composite(f1=0.3, f2=0.6), temperature=0.5)
        >>> oscillator.steady_state_route()
        'master_equation'
        """
        method = check_choice(method, "method", METHODS)
        if method == "auto":
            return "closed_form" if self._closed_form_reason() is None else "master_equation"
        if method == "closed_form":
            self._check_closed_form()
        return method

    def steady_state(self, method: str = "auto", *, dense: bool = False) -> SteadyState:
        """Stationary state of the target.

        Parameters
        ----------
        method : {"auto", "closed_form", "master_equation", "collisions"}
            ``"closed_form"``: PRA104 Eqs. (3)-(5), (8)-(9), (B7)-(B10) (qubit target,
            Composite coupling). ``"master_equation"``: null vector of the Liouvillian of
            Eq. (A5), any N. ``"collisions"``: fixed point of the exact one-collision
            channel at the model's τ, symmetry-reduced where the cluster allows it
            (total-spin sectors for qubit units, one collective mode for oscillator units
            coupled linearly; see :mod:`~autocoherence.collision.exact.reduced`). ``"auto"``: the
            closed form where it applies, else the master equation
            (:meth:`steady_state_route` says which).
        dense : bool, keyword-only
            ``method="collisions"`` only: build the channel on the whole target ⊗ cluster
            space instead of the reduced one (a cross-check; limited to small clusters).
            ``info["collision_route"]`` records which was used.

        Raises
        ------
        MethodNotApplicableError
            If the chosen route cannot handle the model (the message names those that can).
        NonUniqueSteadyStateError
            If the long-time state depends on the initial state.
        """
        method = check_choice(method, "method", METHODS)
        if isinstance(self.target, Oscillator):
            verdict = self.stationarity()
            if not verdict.state_exists:
                raise NoSteadyStateError(
                    f"{verdict.reason} (PRA104 Sec. IV). A truncated Liouvillian always has a "
                    "null vector, so none is returned; evolve(times) gives <a>(t)"
                    + (", and the error's mean_a_limit its limit" if verdict.mean_a_limit else ""),
                    mean_a_limit=verdict.mean_a_limit,
                )
        method = self.steady_state_route(method)
        info: dict[str, Any] = {"cluster_size": self.cluster_size, "temperature": self.temperature}
        if method == "closed_form":
            assert isinstance(self.coupling, Composite)  # steady_state_route checked it
            rho = closed_form_rho(
                self.target, self.unit, self.coupling, self.cluster_size, self.temperature
            )
            return SteadyState(rho=rho, method=method, target=self.target, info=info)
        ops = self.operators()
        if method == "master_equation":
            c_ops = self._energy_c_ops(ops)
            L = master_equation.liouvillian(ops.H_S, c_ops)
            if L.shape[0] <= _GAP_MAX_D2:
                noise = master_equation.dissipator_noise(c_ops)
                rho, accuracy = stationary.stationary_state(L, noise=noise)
                info |= accuracy
                info["relaxation_gap"] = master_equation.relaxation_gap(np.linalg.eigvals(L))
            else:
                rho = master_equation.steady_state_liouvillian(L)
        else:
            info["tau"] = self._require_tau()
            route = None if dense else self.reduction()
            if route == "spin_sectors":
                rho, route_info = reduced.sector_steady_state(ops, self.unit, self.temperature)
                info |= route_info
            elif route == "collective_mode":
                mode = self.collective_mode_model()
                s = mode.steady_state(method="collisions")
                rho = s.rho_energy
                info |= {
                    "collision_route": route,
                    "mode_coupling": mode.coupling,
                    "dense_dim": s.info.get("dense_dim"),
                    "error_bound": s.info.get("error_bound"),
                }
            else:
                M = repeated.dense_channel(ops)
                rho, accuracy = stationary.stationary_state(
                    M - np.eye(M.shape[0]),
                    what="collision channel",
                    noise=stationary.channel_noise(M),
                )
                info |= accuracy
                if M.shape[0] <= _GAP_MAX_D2:
                    info["relaxation_gap"] = master_equation.relaxation_gap(
                        np.linalg.eigvals(M), discrete=True
                    )
                self._check_bath_leakage(ops, rho)
                info["collision_route"] = "dense"
                info["dense_dim"] = ops.d * ops.unit_dim**self.cluster_size
        self._check_target_truncation(rho[np.newaxis], "steady state")
        return SteadyState(
            rho=ops.to_user(rho), method=method, target=self.target, info=info, basis=ops.basis
        )

    def stationarity(self) -> Stationarity:
        """Whether an oscillator target has a steady state at all (PRA104 Sec. IV, App. C).

        See :func:`autocoherence.collision.generator.oscillator_target.stationarity`: the
        phase-averaged energy balance of the effective generator decides; ⟨a⟩'s limit is
        reported where its equation of motion closes (Eq. (C1)).
        """
        if not isinstance(self.target, Oscillator):
            raise MethodNotApplicableError(
                "stationarity() is for oscillator targets; a qubit target always has a "
                "stationary state (uniqueness is checked by steady_state)"
            )
        return oscillator_target.stationarity(*self.lindblad())

    def evolve(
        self,
        times: Any,
        initial: OperatorLike | None = None,
        method: str = "master_equation",
        *,
        dense: bool = False,
        e_ops: Sequence[OperatorLike] = (),
    ) -> xr.Dataset:
        """Time evolution of the target from ``initial``.

        Parameters
        ----------
        times : 1-D array of float
            Times t >= 0. For ``method="collisions"`` each time is rounded to the nearest
            whole number of collisions n = round(t/τ); the returned ``time`` coordinate is
            the stroboscopic nτ and the ``collision`` coordinate holds n.
        initial : (d, d) array, ket, or qutip.Qobj, optional
            Initial target state (a ket |ψ⟩ is taken as |ψ⟩⟨ψ|); default: the target's
            thermal state at the bath temperature (for a qubit, z₀ = -tanh(ω/2T)).
        method : {"master_equation", "collisions"}
        dense : bool, keyword-only
            ``method="collisions"`` only: the channel on the whole target ⊗ cluster space
            instead of the symmetry-reduced one (see :meth:`channel`).
        e_ops : sequence of (d, d) arrays or qutip.Qobj, keyword-only
            Operators whose expectation values tr(O ρ(t)) are returned as ``expect``
            (QuTiP's ``e_ops``), in the basis in which H_S was given.

        Returns
        -------
        xarray.Dataset
            Over ``time``: ``l1_coherence`` (energy basis), ``purity``, ``rho`` (complex, user
            basis; write it with :func:`autocoherence.netcdf.write_netcdf`), ``expect`` (with
            ``e_ops``) and ``sx``, ``sy``, ``sz`` (qubit target) or ``mean_a`` (other
            targets). Every variable carries ``long_name`` and ``units``.
        """
        method = check_choice(method, "method", ("master_equation", "collisions"))
        t = np.asarray(times, dtype=float)
        if t.ndim != 1 or t.size == 0 or not np.all(np.isfinite(t)) or np.any(t < 0):
            raise ParameterError(
                "times must be a non-empty 1-D array of finite values >= 0, "
                f"got times with shape {t.shape}"
            )
        ops = self.operators()
        rho0 = ops.from_user(self._initial_state(initial))
        coords: dict[str, Any] = {}
        if method == "master_equation":
            states = master_equation.evolve_liouvillian(self._energy_liouvillian(ops), rho0, t)
        else:
            tau = self._require_tau()
            n = np.rint(t / tau).astype(int)
            states = repeated.stroboscopic_states(self._energy_channel(ops, dense=dense), rho0, n)
            t = n * tau
            coords["collision"] = ("time", n)
        self._check_target_truncation(states, "evolution")
        attrs: dict[str, Any] = {
            "method": method,
            "cluster_size": self.cluster_size,
            "temperature": self.temperature,
        }
        if self.tau is not None:
            attrs["tau"] = self.tau
        return trajectory_dataset(
            t,
            states,
            basis=ops.basis,
            qubit=isinstance(self.target, Qubit),
            e_ops=e_ops,
            coords=coords,
            attrs=attrs,
        )

    def _energy_channel(self, ops: CollisionOperators, *, dense: bool = False) -> ComplexArray:
        route = None if dense else self.reduction()
        if route == "spin_sectors":
            return reduced.sector_superoperator(ops, self.unit, self.temperature)[0]
        if route == "collective_mode":
            return repeated.dense_channel(self.collective_mode_model().operators())
        return repeated.dense_channel(ops)

    def transient_peak(
        self,
        initial: OperatorLike | None = None,
        *,
        method: str = "master_equation",
        atol: float = 1e-10,
        max_steps: int = 1_000_000,
    ) -> TransientPeak:
        """Time-optimised l1 coherence (PRA104 Sec. II B, III B).

        See :mod:`autocoherence.collision.transient`: the exact maximum of
        C(t) over the master-equation dynamics (or over collision numbers for
        ``method="collisions"``), from the thermal state by default.
        """
        method = check_choice(method, "method", transient.METHODS)
        ops = self.operators()
        rho0 = ops.from_user(self._initial_state(initial))
        if method == "master_equation":
            peak = transient.peak_master_equation(
                self._energy_liouvillian(ops), rho0, atol=atol, max_steps=max_steps
            )
        else:
            tau = self._require_tau()
            peak = transient.peak_collisions(
                self._energy_channel(ops), tau, rho0, atol=atol, max_steps=max_steps
            )
            if isinstance(self.unit, Oscillator) and self.reduction() is None:
                self._check_bath_leakage(ops, peak.rho)  # one collision from the peak state
        self._check_target_truncation(peak.rho[np.newaxis], "transient peak")
        return dataclasses.replace(peak, rho=ops.to_user(peak.rho), target=self.target)

    def thermodynamics(self, state: Any = None) -> ThermodynamicRates:
        """Heat, work and energy rates of PRA104 Eq. (24) in the state ``state``.

        ``state`` defaults to the steady state; see
        :func:`autocoherence.collision.thermodynamics.thermodynamics`.
        """
        ops = self.operators()
        if state is None:  # the model's errors say when no steady state exists
            rho = self.steady_state(method="master_equation").rho
            source = "steady state (master_equation)"
        else:
            rho = as_density_matrix(state, "state", dim=self.target.dim)
            source = f"given ({type(state).__name__})"
        try:
            bath_c_ops = master_equation.bath_lindblad_operators(ops)
        except MethodNotApplicableError as exc:
            raise MethodNotApplicableError(
                "thermodynamics needs tr_B(V rho_B) = 0: otherwise the first-order term "
                "<V>_B/sqrt(tau) diverges and the tau -> 0 rates of Eq. (24) do not exist"
            ) from exc
        rates = thermo.thermodynamics(ops, ops.from_user(rho), bath_c_ops)
        info = {
            "state": source,
            **rates.info,
            "cluster_size": self.cluster_size,
            "temperature": self.temperature,
        }
        return dataclasses.replace(rates, rho=rho, info=info)

    # ----------------------------------------------------------------- helpers
    def _closed_form_reason(self) -> str | None:
        return closed_form_reason(self.target, self._unit_kinds(), self.coupling, self.c_ops)

    def _check_closed_form(self) -> None:
        reason = self._closed_form_reason()
        if reason is not None:
            raise MethodNotApplicableError(
                f"method='closed_form' does not apply: {reason}; "
                "use method='master_equation' or method='collisions'"
            )

    def _require_tau(self) -> float:
        if self.tau is None:
            raise ParameterError(
                "tau is required for method='collisions': pass tau=<collision duration > 0> "
                "to CollisionModel"
            )
        return self.tau

    def _check_bath_leakage(self, ops: CollisionOperators, rho: ComplexArray) -> None:
        """Oscillator units: population pushed into the top Fock level by one collision."""
        if isinstance(self.unit, Oscillator) and not ops.c_ops:
            check_bath_leakage(
                ops,
                rho,
                unit_dim=self.unit.dim,
                cluster_size=self.cluster_size,
                tau=self._require_tau(),
                tol=self.truncation_tol,
            )

    def _check_target_truncation(self, states: ComplexArray, what: str) -> None:
        if isinstance(self.target, Oscillator):
            check_target_truncation(states, tol=self.truncation_tol, what=what)

    def _initial_state(self, initial: OperatorLike | None) -> ComplexArray:
        if initial is None:
            return thermal_state(self.target, self.temperature, tail_tol=self.truncation_tol)
        return as_density_matrix(initial, "initial", dim=self.target.dim)
