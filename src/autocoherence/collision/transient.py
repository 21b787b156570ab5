"""Time-optimised (transient) coherence of the target: exact optimisation, PRA104 Sec. II B, III B.

The transient coherence is the largest l1 coherence the target reaches on its way to the
steady state,

    C̄ = sup_{t >= 0} C(ρ(t)),   ρ(t) = exp(𝓛t) ρ₀        (master equation, Eq. (A5), (14))
    C̄ = max_{n >= 0} C(Φⁿ(ρ₀)),  t = nτ                    (exact collisions, App. A)

from the thermal initial state z₀ = -tanh(ω/2T) by default. The paper approximates it by
Eqs. (15), (16), (20), (21) (:mod:`~autocoherence.collision.formulas.transient_closed_form`); this
module computes it exactly, for any model (Bilinear couplings and oscillator targets too).

Method (both routes share it):

1. the one-step map E = exp(𝓛 dt) (master equation) or the one-collision channel M;
2. the limit ρ_∞ = P₀ρ₀ with P₀ the spectral projector onto the stationary states
   (:func:`stationary_projector`; also where the steady state is not unique, e.g. f2 = 0);
   dynamics with undamped oscillating modes is refused;
3. a march ρ_{k+1} = E ρ_k recording C_k, stopped by a *certificate*: trace distance to
   ρ_∞ never grows under a CPTP semigroup, and |C(ρ) - C(σ)| ≤ κ_d ‖ρ - σ‖₁ with
   κ_d = min(d, d(d-1)/2) (κ₂ = 1), so C(t) ≤ C(ρ_∞) + κ_d ‖ρ(t_k) - ρ_∞‖₁ for all t ≥ t_k.
   The march stops once that bound is below the best value found (nothing later can beat
   it), or below C(ρ_∞) + ``atol`` (the supremum is then the steady state itself, reached
   only as t → ∞: the result has ``time = inf``);
4. master equation only: the best few grid maxima are refined on the bracket
   t = t_{k-1} + s, s ∈ [0, 2dt], where ρ = exp(𝓛s) ρ(t_{k-1}) comes from its Taylor
   series (exact to rounding since ‖𝓛s‖₁ ≤ 0.2) and the slope

       dC/dt = Σ_{i≠j} Re(conj(ρ_ij) ρ̇_ij) / |ρ_ij|,   ρ̇ = 𝓛ρ,

   is exact too. The optimum is the root of dC/dt where it falls through zero, found by
   Brent's method to a few ulps of t (``info["peak_located_by"] = "derivative_root"``).
   Locating it by C alone could not do better than ~√ε relative in t (C is flat there),
   which leaves t* off by ~1e-8 and the purity at t* (whose slope is not zero) by ~1e-10.
   C has kinks where some ρ_ij = 0, all convex (|·| is), so no maximum sits on one; should
   the slope still not change sign on the bracket, or the root not beat the grid value, a
   bounded Brent search on C takes over (``"bounded_search"``). ``info["abs_dC_dt"]`` is
   |dC/dt| at the returned t*. The grid step dt = 0.1/‖𝓛‖₁ (63 points per period of the
   fastest rotation) resolves every peak.

For the collisions route n is an integer and the optimum is exact (no refinement).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.linalg as sla
from scipy.optimize import brentq, minimize_scalar

from autocoherence import measures
from autocoherence._checks import check_int, check_positive
from autocoherence.errors import ConvergenceError, MethodNotApplicableError
from autocoherence.spaces import Qubit
from autocoherence.typing import ComplexArray

__all__ = ["TransientPeak", "peak_collisions", "peak_master_equation", "stationary_projector"]

METHODS = ("master_equation", "collisions")
#: Grid steps between stored checkpoints (and between certificate checks).
_CHUNK = 64
#: Grid maxima refined by the root of dC/dt.
_CANDIDATES = 5
#: Machine epsilon (tolerances of the root search and of comparing C values).
_EPS = float(np.finfo(float).eps)


@dataclass(frozen=True, eq=False)
class TransientPeak:
    """The time-optimised coherence of the target and the state where it is reached.

    Attributes
    ----------
    time : float
        Optimal time t* (``math.inf`` when no finite time beats the steady state, i.e. the
        supremum is approached only as t → ∞).
    l1_coherence : float
        C̄ = C(ρ(t*)), l1 coherence in the target's energy basis.
    purity : float
        tr ρ(t*)², the purity "at the same instant" of PRA104 Eqs. (16), (21).
    rho : (d, d) complex array
        The target state at t*.
    method : str
        ``"master_equation"`` or ``"collisions"``.
    target : system or None
        The target (set by :meth:`CollisionModel.transient_peak`; None from the operator-level
        functions).
    collisions : int or None
        Optimal number of collisions n* (``method="collisions"``; None if t* = inf).
    info : mapping
        How it was computed: grid step or τ, steps marched, certified horizon, l1 coherence
        of the limit state; master equation also ``peak_located_by`` (``"derivative_root"``,
        ``"bounded_search"``, ``"grid"``, ``"initial_state"`` or ``"limit"``) and
        ``abs_dC_dt``, |dC/dt| at t*.

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> peak = m.transient_peak()
    >>> peak.in_transient, peak.l1_coherence > m.steady_state().l1_coherence
    (True, True)
    >>> peak.method, peak.collisions is None
    ('master_equation', True)
    """

    time: float
    l1_coherence: float
    purity: float
    rho: ComplexArray
    method: str
    target: Any = None
    collisions: int | None = None
    info: Mapping[str, Any] = field(default_factory=dict)

    @property
    def bloch(self) -> tuple[float, float, float] | None:
        """(⟨σx⟩, ⟨σy⟩, ⟨σz⟩) at t* for a qubit target, ``None`` for an oscillator."""
        return measures.bloch_vector(self.rho) if isinstance(self.target, Qubit) else None

    def to_qutip(self) -> Any:
        """The state at t* as a ``qutip.Qobj`` density matrix.

        Examples
        --------
        >>> import autocoherence as ac
        >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
        ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5)
        >>> m.transient_peak().to_qutip().isherm
        True
        """
        import qutip  # noqa: PLC0415

        return qutip.Qobj(self.rho)

    @property
    def in_transient(self) -> bool:
        """True when the optimum is reached at a finite time (it beats the steady state)."""
        return math.isfinite(self.time)

    def __repr__(self) -> str:
        where = f"collisions={self.collisions}, " if self.collisions is not None else ""
        return (
            f"TransientPeak(method={self.method!r}, time={self.time:.6g}, {where}"
            f"l1_coherence={self.l1_coherence:.6g}, purity={self.purity:.6g})"
        )


def peak_master_equation(
    L: ComplexArray, rho0: ComplexArray, *, atol: float = 1e-10, max_steps: int = 1_000_000
) -> TransientPeak:
    """Exact time-optimised l1 coherence under ρ(t) = exp(𝓛t)ρ₀ (PRA104 Sec. II B, Eq. (14)).

    Parameters
    ----------
    L : (d², d²) array
        Liouvillian on row-major vec(ρ), in the target's energy basis (so that the l1
        coherence is the off-diagonal sum).
    rho0 : (d, d) array
        Initial state, same basis.
    atol : float, keyword-only
        Certified absolute accuracy of C̄ against later times (see the module docstring);
        keep it above the ~1e-12 accuracy of the limit state.
    max_steps : int, keyword-only
        Largest number of grid steps marched before giving up.

    Raises
    ------
    MethodNotApplicableError
        If the dynamics has undamped oscillating modes (e.g. f1 = f2 = 0), so that C(t)
        never settles.
    ConvergenceError
        If the certificate is not reached within ``max_steps``.

    Examples
    --------
    >>> from autocoherence.collision import CollisionModel, Composite
    >>> from autocoherence.spaces import Qubit
    >>> m = CollisionModel(target=Qubit(1.0), unit=Qubit(1.0), coupling=Composite(0.15, 0.15),
    ...                    temperature=0.0, tau=0.051)
    >>> peak = peak_master_equation(m.liouvillian(), np.diag([0.0, 1.0]).astype(complex))
    >>> round(peak.time, 3), round(peak.l1_coherence, 4)
    (3.039, 0.0414)
    >>> peak.info["peak_located_by"], bool(peak.info["abs_dC_dt"] < 1e-15)
    ('derivative_root', True)
    """
    atol = check_positive(atol, "atol")
    max_steps = check_int(max_steps, "max_steps", minimum=1)
    return _peak_master_equation(L, rho0, atol, max_steps)


def peak_collisions(
    M: ComplexArray,
    tau: float,
    rho0: ComplexArray,
    *,
    atol: float = 1e-10,
    max_steps: int = 1_000_000,
) -> TransientPeak:
    """Exact optimum of the l1 coherence over collision numbers, ρ_n = Mⁿρ₀ (t = nτ).

    ``M`` is the one-collision channel (d², d²) on row-major vec(ρ) in the target's energy
    basis; see :func:`peak_master_equation` for the other parameters.

    Examples
    --------
    >>> from autocoherence.collision import CollisionModel, Composite
    >>> from autocoherence.spaces import Qubit
    >>> m = CollisionModel(target=Qubit(1.0), unit=Qubit(1.0), coupling=Composite(0.15, 0.15),
    ...                    temperature=0.0, tau=0.051)
    >>> peak = peak_collisions(m.channel(), m.tau, np.diag([0.0, 1.0]).astype(complex))
    >>> peak.collisions, round(peak.l1_coherence, 3)
    (60, 0.041)
    """
    atol = check_positive(atol, "atol")
    max_steps = check_int(max_steps, "max_steps", minimum=1)
    tau = check_positive(tau, "tau")
    return _peak_collisions(M, tau, rho0, atol, max_steps)


# --------------------------------------------------------------------------- shared march
def stationary_projector(G: ComplexArray, *, rtol: float = 1e-10) -> ComplexArray:
    """Spectral projector P₀ onto ker G (the eigenvalue 0 of a generator G).

    For G = 𝓛 (master equation) or G = M - 1 (collision channel M), P₀ vec ρ₀ is the
    long-time limit lim exp(𝓛t)ρ₀ or lim Mⁿρ₀, also where the stationary state is not unique
    (e.g. f2 = 0, where populations are conserved). With R and Λ bases of the right and left
    null spaces (from one SVD), P₀ = R (Λ†R)⁻¹ Λ†; the eigenvalue 0 of a bounded semigroup is
    semisimple, so this is exact.

    Parameters
    ----------
    G : (d², d²) array
    rtol : float, keyword-only
        Singular values below ``rtol`` × the largest count as zero.

    Examples
    --------
    >>> import numpy as np
    >>> P = stationary_projector(np.diag([0.0, -1.0, -1.0, 0.0]).astype(complex))
    >>> P.real.diagonal()
    array([1., 0., 0., 1.])
    """
    u, sv, vh = np.linalg.svd(G)
    null = sv < rtol * max(float(sv[0]), 1e-300)
    right = vh[null].conj().T
    left = u[:, null]
    projector: ComplexArray = right @ np.linalg.solve(left.conj().T @ right, left.conj().T)
    return projector


def _check_damped(eigenvalues: np.ndarray, *, discrete: bool, rtol: float = 1e-10) -> None:
    """Refuse generators (or channels) with undamped oscillating modes."""
    if discrete:  # channel eigenvalues μ: undamped if |μ| = 1 and μ ≠ 1
        undamped = (np.abs(eigenvalues) > 1 - rtol) & (np.abs(eigenvalues - 1) > rtol)
    else:
        scale = max(1.0, float(np.max(np.abs(eigenvalues))))
        undamped = (eigenvalues.real > -rtol * scale) & (np.abs(eigenvalues) > rtol * scale)
    if np.any(undamped):
        raise MethodNotApplicableError(
            "transient_peak needs dynamics that settle: the generator has undamped oscillating "
            "modes (e.g. f1 = f2 = 0), so C(t) has no limit and its supremum is not attained"
        )


def _coherences(block: ComplexArray, d: int) -> np.ndarray:
    """l1 coherence of each row-major vec(ρ) in ``block`` (shape (k, d²))."""
    mats = block.reshape(-1, d, d)
    diag = np.abs(np.diagonal(mats, axis1=1, axis2=2)).sum(axis=1)
    return np.maximum(np.abs(mats).sum(axis=(1, 2)) - diag, 0.0)


def _trace_norm(delta: ComplexArray, d: int) -> float:
    m = delta.reshape(d, d)
    return float(np.abs(np.linalg.eigvalsh(0.5 * (m + m.conj().T))).sum())


@dataclass
class _March:
    """Values C_k on the grid, with checkpoints to rebuild any state cheaply."""

    values: np.ndarray
    checkpoints: list[ComplexArray]
    limit_coherence: float
    limit: ComplexArray
    steps: int

    def state(self, k: int, step: ComplexArray) -> ComplexArray:
        """vec ρ_k, rebuilt from the checkpoint before it."""
        vec = self.checkpoints[k // _CHUNK].copy()
        for _ in range(k % _CHUNK):
            vec = step @ vec
        return vec


def _march(
    step: ComplexArray,
    projector: ComplexArray,
    rho0: ComplexArray,
    atol: float,
    max_steps: int,
    what: str,
) -> _March:
    d = rho0.shape[0]
    kappa = min(d, d * (d - 1) // 2)
    vec = rho0.reshape(-1).astype(complex)
    limit = projector @ vec
    c_inf = float(_coherences(limit[None, :], d)[0])
    values = [float(_coherences(vec[None, :], d)[0])]
    checkpoints = [vec.copy()]
    best = values[0]
    while True:
        bound = kappa * _trace_norm(vec - limit, d)
        if c_inf + bound <= best or bound <= atol:
            break
        if len(values) - 1 >= max_steps:
            raise ConvergenceError(
                f"transient_peak: no certified optimum after max_steps={max_steps} {what} "
                f"(the remaining bound on C is {c_inf + bound:.3g} > best {best:.3g}); the "
                "relaxation is very slow compared with the step: raise max_steps"
            )
        block = np.empty((_CHUNK, vec.size), dtype=complex)
        for j in range(_CHUNK):
            vec = step @ vec
            block[j] = vec
        vals = _coherences(block, d)
        values.extend(vals.tolist())
        checkpoints.append(vec.copy())
        best = max(best, float(vals.max()))
    return _March(np.asarray(values), checkpoints, c_inf, limit, len(values) - 1)


def _local_maxima(values: np.ndarray, count: int) -> list[int]:
    """Indices of the ``count`` largest local maxima (end points included)."""
    padded = np.concatenate(([-np.inf], values, [-np.inf]))
    idx = np.flatnonzero((padded[1:-1] >= padded[:-2]) & (padded[1:-1] >= padded[2:]))
    return heapq.nlargest(count, idx.tolist(), key=lambda k: values[k])


class _TaylorPropagator:
    """s ↦ exp(𝓛s)v for 0 ≤ s ≤ 2dt by its Taylor series on the vector.

    ‖𝓛s‖₁ ≤ 0.2 on the bracket, so 15 terms leave a remainder below 0.2¹⁵/15! ≈ 3e-23
    (relative); the Krylov vectors 𝓛ᵏv are computed once per bracket.
    """

    TERMS = 15

    def __init__(self, L: ComplexArray, vec: ComplexArray) -> None:
        powers = [vec]
        for k in range(1, self.TERMS):
            powers.append(L @ powers[-1] / k)
        self.powers = np.array(powers)

    def __call__(self, s: float) -> ComplexArray:
        out: ComplexArray = (s ** np.arange(self.TERMS)) @ self.powers
        return out


@dataclass(frozen=True, eq=False)
class _Refined:
    """One refined grid maximum: t, C(t), vec ρ(t), how it was located and |dC/dt| there."""

    time: float
    coherence: float
    vec: ComplexArray
    located_by: str
    abs_slope: float


def _coherence_slope(vec: ComplexArray, rate: ComplexArray, d: int) -> float:
    """dC/dt = Σ_{i≠j} Re(conj(ρ_ij) ρ̇_ij)/|ρ_ij| at vec ρ, with vec ρ̇ = ``rate``.

    An element with ρ_ij = 0 contributes its right derivative |ρ̇_ij| (C has a kink there;
    |ρ_ij| only has convex kinks, so no maximum of C sits on one).
    """
    off = ~np.eye(d, dtype=bool)
    rho, dot = vec.reshape(d, d)[off], rate.reshape(d, d)[off]
    modulus = np.abs(rho)
    nonzero = modulus > 0.0
    terms = np.where(
        nonzero, (rho.conj() * dot).real / np.where(nonzero, modulus, 1.0), np.abs(dot)
    )
    return float(terms.sum())


def _refine_grid_maximum(
    L: ComplexArray, march: _March, E: ComplexArray, k: int, dt: float
) -> _Refined:
    """The local maximum of C(t) next to the grid maximum t_k = k dt, to rounding in t.

    On the bracket [t_{k-1}, t_{k+1}] ρ(t) comes from the Taylor propagator and
    dC/dt = Σ Re(conj ρ_ij (𝓛ρ)_ij)/|ρ_ij| is exact; the maximum is the root of dC/dt where
    it falls from + to - (Brent, to a few ulps of t). Should the slope not change sign
    there, or the root not beat the grid value (kinks where some ρ_ij = 0), a bounded
    Brent search on C itself (t to ~√ε) takes over.
    """
    d = math.isqrt(march.limit.size)
    lo = max(k - 1, 0)
    local = _TaylorPropagator(L, march.state(lo, E))
    t_k, c_k, vec_k = k * dt, float(march.values[k]), march.state(k, E)

    def slope(s: float) -> float:
        vec = local(s)
        return _coherence_slope(vec, L @ vec, d)

    nodes = sorted({0.0, (k - lo) * dt, (k + 1 - lo) * dt})
    slopes = [slope(s) for s in nodes]
    if k == 0 and slopes[0] <= 0.0:  # C falls from the start: the optimum is t = 0
        return _Refined(0.0, c_k, vec_k, "initial_state", abs(slopes[0]))
    tolerance = 8.0 * _EPS * max(c_k, 1.0)  # rounding of C
    for i in range(len(nodes) - 1):
        a, b = nodes[i], nodes[i + 1]
        if slopes[i] > 0.0 >= slopes[i + 1]:  # the slope falls through 0: a maximum
            root = float(brentq(slope, a, b, xtol=1e-14 * dt, rtol=4 * _EPS))
            vec = local(root)
            c_root = float(_coherences(vec[None, :], d)[0])
            if c_root + tolerance >= c_k:
                return _Refined(lo * dt + root, c_root, vec, "derivative_root", abs(slope(root)))
    opt = minimize_scalar(
        lambda s: -float(_coherences(local(s)[None, :], d)[0]),
        bounds=(0.0, nodes[-1]),
        method="bounded",
        options={"xatol": 1e-9 * dt},
    )
    if -opt.fun > c_k:
        s = float(opt.x)
        return _Refined(lo * dt + s, -float(opt.fun), local(s), "bounded_search", abs(slope(s)))
    return _Refined(t_k, c_k, vec_k, "grid", abs(slope((k - lo) * dt)))


# ------------------------------------------------------------------------- the two routes
def _peak_master_equation(
    L: ComplexArray, rho0: ComplexArray, atol: float, max_steps: int
) -> TransientPeak:
    d = rho0.shape[0]
    norm = float(np.max(np.abs(L).sum(axis=0)))
    if norm == 0.0:  # no dynamics at all: ρ(t) = ρ₀
        info0 = {"grid_step": 0.0, "peak_located_by": "initial_state", "abs_dC_dt": 0.0}
        return _result(d, 0.0, rho0.reshape(-1), "master_equation", info0)
    _check_damped(np.linalg.eigvals(L), discrete=False)
    dt = 0.1 / norm
    E = sla.expm(L * dt)
    march = _march(E, stationary_projector(L), rho0, atol, max_steps, "grid steps")
    info: dict[str, Any] = {
        "grid_step": dt,
        "steps": march.steps,
        "certified_until": march.steps * dt,
        "limit_l1_coherence": march.limit_coherence,
    }
    best = _Refined(0.0, -1.0, march.checkpoints[0], "grid", math.inf)
    for k in _local_maxima(march.values, _CANDIDATES):
        refined = _refine_grid_maximum(L, march, E, k, dt)
        if refined.coherence > best.coherence:
            best = refined
    if best.coherence <= march.limit_coherence:
        info.update(peak_located_by="limit", abs_dC_dt=0.0)
        return _result(d, math.inf, march.limit, "master_equation", info)
    info.update(peak_located_by=best.located_by, abs_dC_dt=best.abs_slope)
    return _result(d, best.time, best.vec, "master_equation", info)


def _peak_collisions(
    M: ComplexArray, tau: float, rho0: ComplexArray, atol: float, max_steps: int
) -> TransientPeak:
    d = rho0.shape[0]
    _check_damped(np.linalg.eigvals(M), discrete=True)
    projector = stationary_projector(M - np.eye(M.shape[0]))
    march = _march(M, projector, rho0, atol, max_steps, "collisions")
    info: dict[str, Any] = {
        "tau": tau,
        "steps": march.steps,
        "certified_until": march.steps * tau,
        "limit_l1_coherence": march.limit_coherence,
    }
    n = int(np.argmax(march.values))
    if march.values[n] <= march.limit_coherence:
        return _result(d, math.inf, march.limit, "collisions", info)
    return _result(d, n * tau, march.state(n, M), "collisions", info, collisions=n)


def _result(
    d: int,
    time: float,
    vec: ComplexArray,
    method: str,
    info: dict[str, Any],
    collisions: int | None = None,
) -> TransientPeak:
    rho = vec.reshape(d, d)
    rho = 0.5 * (rho + rho.conj().T)
    return TransientPeak(
        time=float(time),
        l1_coherence=measures.l1_coherence(rho),
        purity=measures.purity(rho),
        rho=rho,
        method=method,
        collisions=collisions,
        info=info,
    )
