"""CollisionModel: a target repeatedly colliding with clusters of thermal bath units (PRA104).

The model is a small frozen record of parameters; the numerics live in
:mod:`~autocoherence.collision.closed_form`, :mod:`~autocoherence.collision.master_equation`
and :mod:`~autocoherence.collision.repeated`, and this class only dispatches to them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import xarray as xr

from autocoherence import measures
from autocoherence._checks import (
    as_operator,
    check_choice,
    check_hermitian,
    check_int,
    check_positive,
    check_temperature,
)
from autocoherence.collision import (
    closed_form,
    master_equation,
    oscillator_target,
    reduced,
    repeated,
    transient,
)
from autocoherence.collision import thermodynamics as thermo
from autocoherence.collision.couplings import Bilinear, Composite
from autocoherence.collision.oscillator_target import Stationarity
from autocoherence.collision.results import SteadyState
from autocoherence.collision.thermodynamics import ThermodynamicRates
from autocoherence.collision.transient import TransientPeak
from autocoherence.errors import (
    MethodNotApplicableError,
    NoSteadyStateError,
    ParameterError,
    TruncationError,
)
from autocoherence.spaces import Oscillator, Qubit, collective
from autocoherence.states import cluster_moments, thermal_state
from autocoherence.typing import ComplexArray, OperatorLike

__all__ = ["CollisionModel"]

METHODS = ("auto", "closed_form", "master_equation", "collisions")
#: Largest target ⊗ cluster dimension the dense collision route builds (a 4096² matrix).
MAX_DENSE_DIM = 4096


@dataclass(frozen=True, kw_only=True)
class CollisionModel:
    """A target (qubit or oscillator) colliding with clusters of N thermal bath units.

    Parameters
    ----------
    target : Qubit or Oscillator
        The system in which coherence is created (PRA104: qubit, Secs. II-III; oscillator, Sec. IV).
    unit : Qubit or Oscillator
        One bath unit; every collision meets a fresh cluster of ``cluster_size`` of them.
    coupling : Composite or Bilinear
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

    target: Qubit | Oscillator
    unit: Qubit | Oscillator
    coupling: Composite | Bilinear
    temperature: float
    cluster_size: int = 1
    tau: float | None = None
    truncation_tol: float = 1e-10

    def __post_init__(self) -> None:
        for name in ("target", "unit"):
            value = getattr(self, name)
            if not isinstance(value, Qubit | Oscillator):
                raise TypeError(
                    f"{name} must be a Qubit or an Oscillator, got {type(value).__name__}"
                )
        if not isinstance(self.coupling, Composite | Bilinear):
            raise TypeError(
                f"coupling must be a Composite or a Bilinear, got {type(self.coupling).__name__}"
            )
        object.__setattr__(self, "temperature", check_temperature(self.temperature))
        object.__setattr__(
            self, "cluster_size", check_int(self.cluster_size, "cluster_size", minimum=1)
        )
        if self.tau is not None:
            object.__setattr__(self, "tau", check_positive(self.tau, "tau"))
        tol = check_positive(self.truncation_tol, "truncation_tol")
        if tol >= 1:
            raise ParameterError(f"truncation_tol must be in (0, 1), got truncation_tol={tol}")
        self.coupling.terms(self.target, self.unit)  # validates operator dimensions

    # ----------------------------------------------------------------- operators
    def unit_state(self) -> ComplexArray:
        """Thermal state of one bath unit (checked against the Fock truncation)."""
        return thermal_state(self.unit, self.temperature, tail_tol=self.truncation_tol)

    def lindblad(self) -> tuple[ComplexArray, list[ComplexArray]]:
        """Effective master equation (H_S, [c_k]) of the τ → 0 limit, PRA104 Eq. (A5).

        dρ/dt = -i[H_S, ρ] + Σ_k (c_k ρ c_k† - ½{c_k† c_k, ρ}); see
        :func:`autocoherence.collision.master_equation.lindblad_operators`.
        """
        terms = self.coupling.terms(self.target, self.unit)
        c_ops = master_equation.lindblad_operators(terms, self.unit_state(), self.cluster_size)
        return self.target.hamiltonian(), c_ops

    def liouvillian(self) -> ComplexArray:
        """Liouvillian of :meth:`lindblad` on row-major vec(ρ), shape (d², d²)."""
        return master_equation.liouvillian(*self.lindblad())

    def to_qutip(self) -> tuple[Any, list[Any]]:
        """The effective master equation as ``(qutip.Qobj H, [qutip.Qobj c_k])``."""
        import qutip  # noqa: PLC0415  (optional at import time of the package)

        H, c_ops = self.lindblad()
        return qutip.Qobj(H), [qutip.Qobj(c) for c in c_ops]

    def interaction(self) -> ComplexArray:
        """Dense V on target ⊗ cluster (target is the left factor), shape (d·D, d·D)."""
        terms = self.coupling.terms(self.target, self.unit)
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
        D = self.unit.dim**n
        H_B = collective(self.unit.hamiltonian(), n)
        return (
            np.kron(self.target.hamiltonian(), np.eye(D))
            + np.kron(np.eye(d), H_B)
            + self.interaction() / math.sqrt(tau)
        )

    def bath_populations(self) -> np.ndarray:
        """Diagonal of the cluster's product thermal state ρ_B = ρ_unit^{⊗N}, length D."""
        p1 = np.real(np.diag(self.unit_state()))
        p: np.ndarray = np.ones(1)
        for _ in range(self.cluster_size):
            p = np.kron(p, p1)
        return p

    def channel(self, *, dense: bool = False) -> ComplexArray:
        """Superoperator of one exact collision ρ → tr_B[U(ρ⊗ρ_B)U†] (row-major vec), (d², d²).

        Symmetry-reduced where the cluster allows it (:mod:`~autocoherence.collision.reduced`:
        total-spin sectors for qubit units, one collective mode for oscillator units coupled
        linearly); ``dense=True`` builds it on the whole target ⊗ cluster space instead.
        """
        if not dense and reduced.reduction(self) is not None:
            return reduced.channel(self)[0]
        return repeated.channel_superoperator(
            self._unitary(), self.bath_populations(), self.target.dim
        )

    def _unitary(self) -> ComplexArray:
        self._check_dense_size()
        return repeated.collision_unitary(self.collision_hamiltonian(), self._require_tau())

    # ------------------------------------------------------------------ routes
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
            coupled linearly; see :mod:`~autocoherence.collision.reduced`). ``"auto"``: the
            closed form where it applies, else the master equation.
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
        if method == "auto":
            method = self._auto_method()
        info: dict[str, Any] = {"cluster_size": self.cluster_size, "temperature": self.temperature}
        if method == "closed_form":
            self._check_closed_form()
            rho = _qubit_rho(*self._closed_form_bloch())
        elif method == "master_equation":
            rho = master_equation.steady_state_liouvillian(self.liouvillian())
        else:
            info["tau"] = self._require_tau()
            if not dense and reduced.reduction(self) is not None:
                rho, route_info = reduced.steady_state(self)
                info |= route_info
            else:
                U = self._unitary()
                rho = repeated.fixed_point(
                    repeated.channel_superoperator(U, self.bath_populations(), self.target.dim)
                )
                self._check_bath_leakage(U, rho)
                info["collision_route"] = "dense"
                info["dense_dim"] = self.target.dim * self.unit.dim**self.cluster_size
        if isinstance(self.target, Oscillator):
            self._check_target_truncation(rho[np.newaxis], "steady state")
        return SteadyState(rho=rho, method=method, target=self.target, info=info)

    def stationarity(self) -> Stationarity:
        """Whether an oscillator target has a steady state at all (PRA104 Sec. IV, App. C).

        See :func:`autocoherence.collision.oscillator_target.stationarity`: the phase-averaged
        energy balance of the effective generator decides; ⟨a⟩'s limit is reported where its
        equation of motion closes (Eq. (C1)).
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
    ) -> xr.Dataset:
        """Time evolution of the target from ``initial``.

        Parameters
        ----------
        times : 1-D array of float
            Times t >= 0. For ``method="collisions"`` each time is rounded to the nearest
            whole number of collisions n = round(t/τ); the returned ``time`` coordinate is
            the stroboscopic nτ and the ``collision`` coordinate holds n.
        initial : (d, d) array or qutip.Qobj, optional
            Initial target state; default: the target's thermal state at the bath
            temperature (for a qubit, z₀ = -tanh(ω/2T)).
        method : {"master_equation", "collisions"}
        dense : bool, keyword-only
            ``method="collisions"`` only: the channel on the whole target ⊗ cluster space
            instead of the symmetry-reduced one (see :meth:`channel`).

        Returns
        -------
        xarray.Dataset over ``time`` with ``l1_coherence``, ``purity``, ``rho`` and
        ``sx``, ``sy``, ``sz`` (qubit target) or ``mean_a`` (complex; oscillator target).
        """
        method = check_choice(method, "method", ("master_equation", "collisions"))
        t = np.asarray(times, dtype=float)
        if t.ndim != 1 or t.size == 0 or not np.all(np.isfinite(t)) or np.any(t < 0):
            raise ParameterError(
                "times must be a non-empty 1-D array of finite values >= 0, "
                f"got times with shape {t.shape}"
            )
        rho0 = self._initial_state(initial)
        coords: dict[str, Any] = {}
        if method == "master_equation":
            states = master_equation.evolve_liouvillian(self.liouvillian(), rho0, t)
        else:
            tau = self._require_tau()
            n = np.rint(t / tau).astype(int)
            states = repeated.stroboscopic_states(self.channel(dense=dense), rho0, n)
            t = n * tau
            coords["collision"] = ("time", n)
        if isinstance(self.target, Oscillator):
            self._check_target_truncation(states, "evolution")
        return _trajectory_dataset(t, states, self, method, coords)

    def transient_peak(
        self,
        initial: OperatorLike | None = None,
        *,
        method: str = "master_equation",
        atol: float = 1e-10,
        max_steps: int = 1_000_000,
    ) -> TransientPeak:
        """Time-optimised l1 coherence (PRA104 Sec. II B, III B).

        See :func:`autocoherence.collision.transient.transient_peak`: the exact maximum of
        C(t) over the master-equation dynamics (or over collision numbers for
        ``method="collisions"``), from the thermal state by default.
        """
        return transient.transient_peak(
            self, initial, method=method, atol=atol, max_steps=max_steps
        )

    def thermodynamics(self, state: Any = None) -> ThermodynamicRates:
        """Heat, work and energy rates of PRA104 Eq. (24) in the state ``state``.

        ``state`` defaults to the steady state; see
        :func:`autocoherence.collision.thermodynamics.thermodynamics`.
        """
        return thermo.thermodynamics(self, state)

    # ----------------------------------------------------------------- helpers
    def _auto_method(self) -> str:
        return "closed_form" if self._closed_form_reason() is None else "master_equation"

    def _closed_form_reason(self) -> str | None:
        if not isinstance(self.target, Qubit):
            return "the closed forms of PRA104 Eqs. (3)-(11) are for a qubit target"
        if not isinstance(self.coupling, Composite):
            return "closed forms exist only for the Composite coupling family"
        return None

    def _check_closed_form(self) -> None:
        reason = self._closed_form_reason()
        if reason is not None:
            raise MethodNotApplicableError(
                f"method='closed_form' does not apply: {reason}; "
                "use method='master_equation' or method='collisions'"
            )

    def _closed_form_bloch(self) -> tuple[float, float, float]:
        assert isinstance(self.coupling, Composite)
        a, c = cluster_moments(self.unit, self.cluster_size, self.temperature)
        x, y, z = closed_form.steady_state_bloch(
            self.coupling.f1, self.coupling.f2, self.target.omega, a, c, rwa=self.coupling.rwa
        )
        return float(x), float(y), float(z)

    def _require_tau(self) -> float:
        if self.tau is None:
            raise ParameterError(
                "tau is required for method='collisions': pass tau=<collision duration > 0> "
                "to CollisionModel"
            )
        return self.tau

    def _check_dense_size(self) -> None:
        dim = self.target.dim * self.unit.dim**self.cluster_size
        if dim > MAX_DENSE_DIM:
            raise MethodNotApplicableError(
                f"the dense collision route needs the target ⊗ cluster space of dimension "
                f"{dim} (cluster_size={self.cluster_size}), above the limit {MAX_DENSE_DIM}; "
                "use the symmetry-reduced collisions (dense=False: qubit units, or oscillator "
                "units coupled linearly) or method='master_equation' / 'closed_form'"
            )

    def _check_bath_leakage(self, U: ComplexArray, rho: ComplexArray) -> None:
        """Oscillator units: population pushed into the top Fock level by one collision."""
        if not isinstance(self.unit, Oscillator):
            return
        joint = U @ np.kron(rho, np.diag(self.bath_populations())) @ U.conj().T
        d, D = self.target.dim, self.unit.dim**self.cluster_size
        p_bath = np.real(np.einsum("aiaj->ij", joint.reshape(d, D, d, D)).diagonal())
        dims = (self.unit.dim,) * self.cluster_size
        p_units = p_bath.reshape(dims)
        top = max(float(np.moveaxis(p_units, k, 0)[-1].sum()) for k in range(self.cluster_size))
        if top > self.truncation_tol:
            raise TruncationError(
                f"one collision leaves population {top:.3g} in the top Fock level "
                f"(dim={self.unit.dim}) of a bath unit, above truncation_tol="
                f"{self.truncation_tol:g}: increase the unit's dim"
            )

    def _check_target_truncation(self, states: ComplexArray, what: str) -> None:
        top = float(np.max(np.real(states[:, -1, -1])))
        if top > self.truncation_tol:
            raise TruncationError(
                f"the target's top Fock level (dim={self.target.dim}) holds population "
                f"{top:.3g} in the {what}, above truncation_tol={self.truncation_tol:g}: "
                "increase the target's dim"
            )

    def _initial_state(self, initial: OperatorLike | None) -> ComplexArray:
        if initial is None:
            return thermal_state(self.target, self.temperature, tail_tol=self.truncation_tol)
        rho = check_hermitian(as_operator(initial, "initial", dim=self.target.dim), "initial")
        tr = float(np.real(np.trace(rho)))
        if abs(tr - 1) > 1e-10:
            raise ParameterError(f"initial must have trace 1, got trace {tr:.12g}")
        if float(np.linalg.eigvalsh(rho)[0]) < -1e-10:
            raise ParameterError("initial must be positive semidefinite (a density matrix)")
        return rho.astype(complex)


def _qubit_rho(x: float, y: float, z: float) -> ComplexArray:
    """ρ = (I + xσx + yσy + zσz)/2 in the [e, g] basis."""
    rho = np.array([[1 + z, x - 1j * y], [x + 1j * y, 1 - z]], dtype=complex)
    rho *= 0.5
    return rho


def _trajectory_dataset(
    t: np.ndarray,
    states: ComplexArray,
    model: CollisionModel,
    method: str,
    extra_coords: dict[str, Any],
) -> xr.Dataset:
    data: dict[str, Any] = {
        "l1_coherence": ("time", np.array([measures.l1_coherence(r) for r in states])),
        "purity": ("time", np.array([measures.purity(r) for r in states])),
        "rho": (("time", "row", "col"), states),
    }
    if isinstance(model.target, Qubit):
        bloch = np.array([measures.bloch_vector(r) for r in states]).reshape(-1, 3)
        data |= {
            "sx": ("time", bloch[:, 0]),
            "sy": ("time", bloch[:, 1]),
            "sz": ("time", bloch[:, 2]),
        }
    else:
        data["mean_a"] = ("time", np.array([measures.mean_lowering(r) for r in states]))
    attrs: dict[str, Any] = {
        "method": method,
        "cluster_size": model.cluster_size,
        "temperature": model.temperature,
    }
    if model.tau is not None:
        attrs["tau"] = model.tau
    return xr.Dataset(data, coords={"time": t, **extra_coords}, attrs=attrs)
