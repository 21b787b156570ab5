"""Closed forms of the local coherence of thermalized spin networks (Kolář & Filip, "Local").

Every function is vectorised with numpy broadcasting over its parameters and returns a
float for scalar input. Coherences are l1 coherences C = |⟨σx⟩ + i⟨σy⟩| (Local Sec. II).
Each docstring states the formula's validity regime; ``docs/spins.md`` lists them all and
``docs/discrepancies.md`` the places where the code departs from the printed formula.

Exactness (checked against dense Gibbs states in the tests):

* (6) and :func:`direct_n_c1` are exact at every T.
* (10, first line), (13), (15)/(C3), (18)/(C9) are exact at T = 0 (ground state) for
  positive parameters, as the paper assumes; at T > 0 they are off by O(exp(-gap/T)).
* (7) is a low-T expansion, (10, last line) and (17)/(C6) weak-coupling expansions, (11)
  an asymptotic for ω1 ≪ ω2, (B1)-(B3), (C2), (C5), (C8) leading high-T terms.
"""

from __future__ import annotations

import functools
import inspect
import itertools
import math
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from autocoherence._checks import check_int
from autocoherence._su2 import log_binomial_relative
from autocoherence.errors import ParameterError
from autocoherence.spins.sectors import DEGENERACY_RTOL

__all__ = [
    "direct_c1",
    "direct_c1_high_t",
    "direct_c1_low_t",
    "direct_n_c1",
    "direct_n_c1_high_t",
    "direct_n_c1_low_t",
    "direct_n_qfi_low_t",
    "direct_qfi_low_t",
    "indirect_c2_high_t",
    "indirect_c2_low_t",
    "indirect_c2_weak",
    "indirect_n_ct_high_t",
    "indirect_n_ct_low_t",
    "indirect_optimal_gamma",
    "transferred_c0_high_t",
    "transferred_c0_low_t",
    "transferred_n_c0_high_t",
    "transferred_n_c0_low_t",
]

Real = npt.ArrayLike
_F = TypeVar("_F", bound=Callable[..., Any])


def _arr(value: Any, name: str) -> npt.NDArray[np.float64]:
    a = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(a)):
        raise ParameterError(f"{name} must be finite real, got {name}={value!r}")
    return a


def _temp(value: Any, *, positive: bool = False, eq: str = "") -> npt.NDArray[np.float64]:
    t = np.asarray(value, dtype=float)
    if np.any(np.isnan(t)) or np.any(t < 0):
        raise ParameterError(
            f"temperature must be >= 0 (0 and inf are allowed), got temperature={value!r}"
        )
    if positive and np.any(t == 0):
        raise ParameterError(
            f"the high-temperature asymptote {eq} needs temperature > 0, got temperature={value!r}"
        )
    return t


def _out(x: npt.NDArray[np.float64]) -> Any:
    return float(x) if np.ndim(x) == 0 else x


def _tanh_half(omega: npt.NDArray[np.float64], t: npt.NDArray[np.float64]) -> Any:
    """tanh(ω/2T) with the exact limits T = 0 (sign ω) and T = inf (0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.where(np.isinf(t), 0.0, omega / (2.0 * t))
    return np.tanh(np.where(omega == 0, 0.0, x))


def _ratio(num: Any, den: Any) -> Any:
    """num/den with 0/0 -> 0 (a vanishing coupling gives no coherence)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den == 0, 0.0, num / np.where(den == 0, 1.0, den))


# ------------------------------------------------------------------- scale-free evaluation
#: Beyond 2^±128 (3e38, 3e-39) the energies are rescaled; in between, nothing is touched.
_SCALE_LIMIT = 128
_NOT_ENERGIES = ("n", "temperature")


def _homogeneous(degree: int) -> Callable[[_F], _F]:
    """Evaluate a closed form of the given degree in the energies (and T) scale-free.

    Every closed form of Local depends on the energies and T through their ratios (degree
    0), except :func:`indirect_optimal_gamma`, an energy (degree 1). When the largest |energy|
    lies beyond 2^±128, all energies and T are divided by the same power of two 2^k (exact;
    a T that leaves the float range becomes inf or 0, its limit) and the result multiplied
    by 2^(k·degree): (1e300, 1e300, 1e300, T = 1e300) gives the value of (1, 1, 1, T = 1)
    instead of inf/inf = NaN or an overflow. In between the function runs unchanged (bit for
    bit); overflows of ω/T there are the exact limits (tanh -> 1, exp(-ω/T) -> 0) and are
    not warned about.

    Examples
    --------
    >>> direct_c1(1e300, 0.5e300, 0.7e300, 0.3e300) == direct_c1(1.0, 0.5, 0.7, 0.3)
    True
    """

    def wrap(fn: _F) -> _F:
        sig = inspect.signature(fn)

        @functools.wraps(fn)
        def scaled(*args: Any, **kwargs: Any) -> Any:
            bound = sig.bind(*args, **kwargs)
            k = 0
            try:
                energies = [
                    np.abs(np.asarray(v, dtype=float))
                    for name, v in bound.arguments.items()
                    if name not in _NOT_ENERGIES
                ]
                finite = [e[np.isfinite(e)] for e in energies]
                top = max((float(e.max()) for e in finite if e.size), default=0.0)
                if top > 0.0:
                    k = math.frexp(top)[1]
            except (TypeError, ValueError):
                k = 0  # let the function's own checks name the bad argument
            # T² or T³ of a high-T asymptote may underflow at T ~ 1e-300: the value is then
            # the overflow inf that 1e600 is in floats, not an error
            with np.errstate(over="ignore", under="ignore", divide="ignore"):
                if abs(k) <= _SCALE_LIMIT:
                    return fn(*bound.args, **bound.kwargs)
                for name, v in bound.arguments.items():
                    if name == "n":
                        continue
                    bound.arguments[name] = np.ldexp(np.asarray(v, dtype=float), -k)
                out = fn(*bound.args, **bound.kwargs)
                return out if degree == 0 else _out(np.ldexp(np.asarray(out), k * degree))

        return scaled  # type: ignore[return-value]

    return wrap


# --------------------------------------------------------------------- Eq. (5): direct
@_homogeneous(0)
def direct_c1(omega1: Real, omega2: Real, gamma: Real, temperature: Real) -> Any:
    """Exact C1 of the direct model at any T, Local Eq. (6) (C2 = 0 there).

    C1 = |γ tanh(ω2/2T) tanh(ω̄1/2T)| / ω̄1, ω̄1 = √(γ² + ω1²).

    Examples
    --------
    >>> round(direct_c1(1.0, 0.5, 0.7, 0.3), 6)
    0.378098
    """
    w1, w2, g = _arr(omega1, "omega1"), _arr(omega2, "omega2"), _arr(gamma, "gamma")
    t = _temp(temperature)
    wb = np.hypot(w1, g)
    return _out(np.abs(_ratio(g * _tanh_half(w2, t) * _tanh_half(wb, t), wb)))


@_homogeneous(0)
def direct_c1_low_t(omega1: Real, omega2: Real, gamma: Real, temperature: Real) -> Any:
    """Low-T expansion of (6), Local Eq. (7), with both exponential corrections.

    C1 ≈ γ/ω̄1 [1 - 2 exp(-ω̄1/T) - 2 exp(-ω2/T)], ω̄1 = √(γ² + ω1²), T ≪ ω̄1, ω2 (> 0).

    The paper prints only the exp(-ω̄1/T) term, "assuming ω1 < ω2"; that is the leading
    correction only when ω̄1 < ω2. Expanding both tanh factors of (6) gives the form here,
    valid for either order (docs/discrepancies.md). Its error is O(exp(-(ω̄1 + ω2)/T)).

    Examples
    --------
    >>> round(direct_c1_low_t(1.0, 0.5, 0.7, 0.05), 6)
    0.57341
    """
    w1, w2, g = _arr(omega1, "omega1"), _arr(omega2, "omega2"), _arr(gamma, "gamma")
    t = _temp(temperature)
    wb = np.hypot(w1, g)
    with np.errstate(divide="ignore"):
        corr = 2 * np.exp(-np.abs(wb) / t) + 2 * np.exp(-np.abs(w2) / t)
    return _out(np.abs(_ratio(g, wb)) * (1 - corr))


@_homogeneous(0)
def direct_qfi_low_t(omega1: Real, gamma: Real) -> Any:
    """QFI of qubit 1 on the low-T plateau, Local Eq. (8): H1 = C1² = γ²/(γ² + ω1²).

    Examples
    --------
    >>> direct_qfi_low_t(1.0, 1.0)
    0.5
    """
    w1, g = _arr(omega1, "omega1"), _arr(gamma, "gamma")
    return _out(_ratio(g**2, g**2 + w1**2))


@_homogeneous(0)
def direct_c1_high_t(omega2: Real, gamma: Real, temperature: Real) -> Any:
    """High-T asymptote of (6), Local Eq. (B1): C1 ≈ γ ω2 / (4 T²), T ≫ γ, ω1, ω2.

    Relative error ≈ (ω2² + γ² + ω1²)/(12 T²) (next term of tanh x ≈ x - x³/3).

    Examples
    --------
    >>> round(direct_c1_high_t(0.5, 0.7, 10.0), 9)
    0.000875
    """
    w2, g = _arr(omega2, "omega2"), _arr(gamma, "gamma")
    t = _temp(temperature, positive=True, eq="(B1)")
    return _out(np.abs(g * w2) / (4 * t**2))


# ------------------------------------------------------------------- Eq. (9): indirect
@_homogeneous(0)
def indirect_c2_low_t(omega1: Real, omega2: Real, gamma: Real, theta: Real) -> Any:
    """Low-T coherence of the target qubit 2 of the indirect model, Local Eq. (10), line 1.

    C2 = θγ/ω̄1 √{[θ² + (ω2 - ω̄1)²] / [(θ² + ω2² + ω̄1²)² - 4ω2²ω̄1²]}, ω̄1 = √(ω1² + γ²).
    Exact in the ground state (T = 0) for positive parameters; T ≪ γ, θ, ω1, ω2.

    Examples
    --------
    >>> round(indirect_c2_low_t(1.0, 1.0, 0.5, 0.5), 6)
    0.102749
    """
    w1, w2 = _arr(omega1, "omega1"), _arr(omega2, "omega2")
    g, th = _arr(gamma, "gamma"), _arr(theta, "theta")
    wb = np.hypot(w1, g)
    den = (th**2 + w2**2 + wb**2) ** 2 - 4 * w2**2 * wb**2
    return _out(np.abs(_ratio(th * g, wb)) * np.sqrt(_ratio(th**2 + (w2 - wb) ** 2, den)))


@_homogeneous(0)
def indirect_c2_weak(omega1: Real, omega2: Real, gamma: Real, theta: Real) -> Any:
    """Weak-coupling limit of (10), Local Eq. (10), last line: C2 ≈ θγ / [ω1(ω1 + ω2)].

    Valid for T ≪ γ, θ ≪ ω1, ω2; relative error O((γ² + θ²)/ω²).

    Examples
    --------
    >>> round(indirect_c2_weak(1.0, 1.0, 0.1, 0.1), 9)
    0.005
    """
    w1, w2 = _arr(omega1, "omega1"), _arr(omega2, "omega2")
    g, th = _arr(gamma, "gamma"), _arr(theta, "theta")
    return _out(np.abs(th * g / (w1 * (w1 + w2))))


@_homogeneous(1)
def indirect_optimal_gamma(omega1: Real, omega2: Real, theta: Real) -> Any:
    """Coupling γ̄ that maximises the low-T C2 of the indirect model, Local Eq. (11).

    γ̄ ≈ ω1^{2/3} (ω2^{1/3} + θ²/(3 ω2^{5/3}) - θ⁴/(9 ω2^{11/3})).

    This is an asymptotic form for ω1 ≪ ω2 (and θ ≲ ω2): at θ → 0 the exact optimum solves
    s³ - 2ω1² s - ω1² ω2 = 0 with s = √(ω1² + γ̄²), whose ω1 ≪ ω2 root is the leading term
    above. The relative error in γ̄ is ≈ (ω1/ω2)^{2/3}/5 (4% at ω1 = 0.1 ω2, 17-21% at
    ω1 = ω2), while C2 at this γ̄ stays within 0.4% of its maximum for ω1 ≤ 0.3 ω2 and within
    2.5% for ω1 = ω2 (the paper states the regime as "ω1 ≲ ω2, θ ≲ ω2").

    Examples
    --------
    >>> round(indirect_optimal_gamma(0.01, 1.0, 0.3), 6)
    0.047767
    """
    w1, w2, th = _arr(omega1, "omega1"), _arr(omega2, "omega2"), _arr(theta, "theta")
    return _out(
        np.cbrt(w1**2)
        * (np.cbrt(w2) + th**2 / (3 * np.cbrt(w2) ** 5) - th**4 / (9 * np.cbrt(w2) ** 11))
    )


@_homogeneous(0)
def indirect_c2_high_t(omega2: Real, gamma: Real, theta: Real, temperature: Real) -> Any:
    """High-T asymptote of the indirect model, Local Eq. (B2): C2 ≈ γθω2/(24 T³).

    Valid for T ≫ γ, θ, ω1, ω2; relative error O(max(γ, θ, ω)²/T²).

    Examples
    --------
    >>> round(indirect_c2_high_t(1.0, 0.5, 0.5, 10.0) * 24e3, 9)
    0.25
    """
    w2, g, th = _arr(omega2, "omega2"), _arr(gamma, "gamma"), _arr(theta, "theta")
    t = _temp(temperature, positive=True, eq="(B2)")
    return _out(np.abs(g * th * w2) / (24 * t**3))


# ---------------------------------------------------------------- Eq. (12): transferred
@_homogeneous(0)
def transferred_c0_low_t(omega0: Real, omega1: Real, gamma: Real, theta: Real) -> Any:
    """Low-T coherence of qubit 0 of the transferred model, Local Eq. (13).

    C0 = θγ / √[(θγ)² + ω0²(γ² + ω1²)]; exact at T = 0 for positive parameters,
    T ≪ γ, θ, ω1, ω2. Independent of ω2.

    Examples
    --------
    >>> round(transferred_c0_low_t(1.0, 1.0, 0.5, 0.5), 6)
    0.218218
    """
    w0, w1 = _arr(omega0, "omega0"), _arr(omega1, "omega1")
    g, th = _arr(gamma, "gamma"), _arr(theta, "theta")
    tg = th * g
    return _out(np.abs(_ratio(tg, np.sqrt(tg**2 + w0**2 * (g**2 + w1**2)))))


@_homogeneous(0)
def transferred_c0_high_t(omega2: Real, gamma: Real, theta: Real, temperature: Real) -> Any:
    """High-T asymptote of the transferred model, Local Eq. (B3): C0 ≈ γθω2/(8 T³).

    Valid for T ≫ γ, θ, ω0, ω1, ω2; relative error O(max(γ, θ, ω)²/T²).

    Examples
    --------
    >>> transferred_c0_high_t(1.3, 0.5, 0.5, 10.0)
    4.0625e-05
    """
    w2, g, th = _arr(omega2, "omega2"), _arr(gamma, "gamma"), _arr(theta, "theta")
    t = _temp(temperature, positive=True, eq="(B3)")
    return _out(np.abs(g * th * w2) / (8 * t**3))


# -------------------------------------------------------- Eq. (14)/(C1): N direct sources
@_homogeneous(0)
def direct_n_c1_low_t(omega1: Real, gammas: Real) -> Any:
    """Low-T coherence of qubit 1 with N direct sources, Local Eqs. (15) = (C3).

    C1^N = Σγ_j / √[(Σγ_j)² + ω1²] (sum over the last axis of ``gammas``). Exact at T = 0
    for γ_j, ω_j > 0: every source σz_j is conserved, and the configuration with all
    sources in |g⟩ minimises both the source energy and the qubit-1 level -√(Γ² + ω1²)/2.

    Examples
    --------
    >>> round(direct_n_c1_low_t(1.0, [0.25] * 4), 6)
    0.707107
    """
    w1, gs = _arr(omega1, "omega1"), _arr(gammas, "gammas")
    s = np.sum(gs, axis=-1) if gs.ndim else gs
    return _out(np.abs(_ratio(s, np.hypot(s, w1))))


@_homogeneous(0)
def direct_n_qfi_low_t(omega1: Real, gammas: Real) -> Any:
    """QFI on the plateau with N direct sources, Local Eq. (16): H_N = (C1^N)².

    Examples
    --------
    >>> round(direct_n_qfi_low_t(1.0, [0.5, 0.5]), 6)
    0.5
    """
    c = direct_n_c1_low_t(omega1, gammas)
    return c * c


@_homogeneous(0)
def direct_n_c1_high_t(omegas: Real, gammas: Real, temperature: Real) -> Any:
    """High-T asymptote with N direct sources, Local Eq. (C2): C1^N ≈ Σ_j γ_j ω_j / (4 T²).

    The paper writes Σγ_j ω2 for identical sources ω_j = ω2; the third-order expansion of
    the Gibbs state gives Σ γ_j ω_j in general (the two agree for identical ω_j).

    Examples
    --------
    >>> round(direct_n_c1_high_t([0.5, 0.5], [0.7, 0.7], 10.0), 9)
    0.00175
    """
    ws, gs = _arr(omegas, "omegas"), _arr(gammas, "gammas")
    t = _temp(temperature, positive=True, eq="(C2)")
    return _out(np.abs(np.sum(ws * gs, axis=-1)) / (4 * t**2))


@_homogeneous(0)
def direct_n_c1(
    omega1: float, omegas: Real, gammas: Real, temperature: Real, *, n: int | None = None
) -> Any:
    """Exact C1^N of Local Eq. (14)/(C1) at any T (our generalisation of Local Eq. (6)).

    Every σz_j of a source is conserved, so each configuration s ∈ {±1}^N of the sources
    leaves qubit 1 in the field (Γ_s, 0, ω1)/2 with Γ_s = Σ s_j γ_j. With ω̄_s = √(Γ_s² + ω1²)
    and source energy E_s = Σ s_j ω_j / 2,

    ⟨σx_1⟩ = -Σ_s w_s (Γ_s/ω̄_s) tanh(ω̄_s/2T), w_s ∝ exp(-E_s/T) cosh(ω̄_s/2T),

    evaluated with log-sum-exp (T = 0 and inf exact). For N = 1 it is Eq. (6).
    Cost 2^N, vectorised over ``temperature``. With ``n=N`` and scalar ``omegas``,
    ``gammas`` (N identical sources) only the number k of excited sources matters: the sum
    runs over k = 0..N with weights C(N, k) (log Γ), cost N + 1, so N = 10⁶ is fine (the
    log Γ differences carry ~1e-9 relative error in the weights at N = 10⁶).

    Examples
    --------
    >>> round(direct_n_c1(1.0, [0.5], [0.7], 0.3), 6) == round(direct_c1(1.0, 0.5, 0.7, 0.3), 6)
    True
    >>> round(direct_n_c1(1.0, 0.5, 1e-6, 0.5, n=10**6), 6)   # Σγ_j = 1
    0.336045
    """
    w1 = float(_arr(omega1, "omega1"))
    ws, gs = np.atleast_1d(_arr(omegas, "omegas")), np.atleast_1d(_arr(gammas, "gammas"))
    t = _temp(temperature)
    if n is not None:
        n = check_int(n, "n", minimum=1)
        if ws.size != 1 or gs.size != 1:
            raise ParameterError(
                f"with n={n} identical sources, omegas and gammas must be scalars, got shapes "
                f"{np.shape(omegas)} and {np.shape(gammas)}"
            )
        k = np.arange(n + 1.0)
        m = n - 2.0 * k  # Σ_j s_j with k sources in |g> (s_j = -1)
        log_mult = log_binomial_relative(n)  # log C(n, k) - log C(n, n//2): normalised below
        big_gamma, e_src = m * gs[0], 0.5 * m * ws[0]
    else:
        if ws.shape != gs.shape or ws.ndim != 1:
            raise ParameterError(
                f"omegas and gammas must be 1-D with one value per source, got shapes "
                f"{ws.shape} and {gs.shape}"
            )
        s = np.array(list(itertools.product((1.0, -1.0), repeat=ws.size)))
        big_gamma, e_src = s @ gs, 0.5 * (s @ ws)
        log_mult = np.zeros(big_gamma.size)
    wb = np.hypot(big_gamma, w1)
    sx = -_ratio(big_gamma, wb)  # ⟨σx⟩ in the lower qubit-1 level of configuration s
    tt = np.atleast_1d(t)[:, None]
    # lower level energy of each configuration, and the two levels' degeneracy at T = 0
    low = e_src - wb / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.where(np.isinf(tt), 0.0, wb / (2 * tt))
        logw = np.where(np.isinf(tt), 0.0, -(low - low.min()) / tt) + np.log1p(np.exp(-2 * x))
        logw = logw + log_mult
        th = np.tanh(x)
    zero = (tt == 0)[:, 0]
    if np.any(zero):
        # floating-point resolution of the levels (no absolute floor: a floor of 1 merged
        # levels of a network whose energies are all ~1e-11)
        tol = DEGENERACY_RTOL * float(max(np.max(np.abs(low)), np.max(np.abs(wb))))
        ground = low - low.min() <= tol
        n_states = np.where(wb > tol, 1.0, 2.0)  # a degenerate qubit pair adds 2 states
        logw[zero] = np.where(ground, np.log(n_states) + log_mult, -np.inf)
        th[zero] = np.where(wb > tol, 1.0, 0.0)
    w = np.exp(logw - logw.max(axis=1, keepdims=True))
    w /= w.sum(axis=1, keepdims=True)
    c = np.abs(np.sum(w * sx * th, axis=1))
    return float(c[0]) if np.ndim(t) == 0 else c.reshape(np.shape(t))


# ------------------------------------------------------ Eq. (C4): N indirect sources
@_homogeneous(0)
def indirect_n_ct_low_t(omega_t: Real, omega1: Real, gamma: Real, n: int) -> Any:
    """Low-T, weak-coupling coherence of the target with N indirect sources, Local Eqs. (17)
    = (C6).

    C_T^N ≈ N γ² / [ω1 (ω_T + ω1)] for γ_j = θ_j = γ, ω_j = ω1. Leading order in the
    couplings: valid for T ≪ ω1, ω_T and √N γ ≪ ω1, ω_T (relative error O(N γ²/ω²)).
    The paper prints the validity as "T ≪ Nγ² ≪ ω" in (17) and "T ≪ Nγ ≪ ω" in (C6).

    Examples
    --------
    >>> round(indirect_n_ct_low_t(1.0, 1.0, 0.05, 2), 6)
    0.0025
    """
    n = check_int(n, "n", minimum=1)
    wt, w1, g = _arr(omega_t, "omega_t"), _arr(omega1, "omega1"), _arr(gamma, "gamma")
    return _out(np.abs(n * g**2 / (w1 * (wt + w1))))


@_homogeneous(0)
def indirect_n_ct_high_t(omega_t: Real, gammas: Real, thetas: Real, temperature: Real) -> Any:
    """High-T asymptote with N indirect sources, Local Eq. (C5): C_T^N ≈ ω_T Σ_j γ_j θ_j/(24T³).

    The paper writes N γ² ω_T/(24 T³) for γ_j = θ_j = γ; the general sum follows from the
    same third-order expansion (each source contributes as in Eq. (B2)).

    Examples
    --------
    >>> round(indirect_n_ct_high_t(1.0, [0.5, 0.5], [0.5, 0.5], 10.0) * 24e3, 9)
    0.5
    """
    wt, gs, ts = _arr(omega_t, "omega_t"), _arr(gammas, "gammas"), _arr(thetas, "thetas")
    t = _temp(temperature, positive=True, eq="(C5)")
    return _out(np.abs(wt * np.sum(gs * ts, axis=-1)) / (24 * t**3))


# ------------------------------------------------ Eq. (C7): N sources, transferred to 0
@_homogeneous(0)
def transferred_n_c0_low_t(omega0: Real, omega1: Real, theta: Real, gamma: Real, n: int) -> Any:
    """Low-T coherence of qubit 0 with N sources via the mediator, Local Eqs. (18) = (C9).

    C0^N = Nθγ / √[(Nθγ)² + ω0²((Nγ)² + ω1²)] for γ_j = γ: Eq. (13) with γ -> Nγ. Exact at
    T = 0 for positive parameters (the sources then all sit in |g⟩); T ≪ γ, θ, ω0, ω1, ω2.

    Examples
    --------
    >>> round(transferred_n_c0_low_t(1.0, 0.5, 0.5, 0.5, 7), 6)
    0.443607
    """
    n = check_int(n, "n", minimum=1)
    return transferred_c0_low_t(omega0, omega1, n * np.asarray(gamma, dtype=float), theta)


@_homogeneous(0)
def transferred_n_c0_high_t(theta: Real, omegas: Real, gammas: Real, temperature: Real) -> Any:
    """High-T asymptote with N sources via the mediator, Local Eq. (C8): C0^N ≈ A/T³.

    The paper leaves A unspecified. The third-order expansion of the Gibbs state (only the
    products θσx_0σx_1 · γ_jσx_1σz_j · ω_jσz_j survive the trace) gives
    A = θ Σ_j γ_j ω_j / 8, which is Eq. (B3) for N = 1 and N θ γ ω2 / 8 for identical sources.

    Examples
    --------
    >>> transferred_n_c0_high_t(0.5, [1.3, 1.3], [0.5, 0.5], 10.0)
    8.125e-05
    """
    th, ws, gs = _arr(theta, "theta"), _arr(omegas, "omegas"), _arr(gammas, "gammas")
    t = _temp(temperature, positive=True, eq="(C8)")
    return _out(np.abs(th * np.sum(gs * ws, axis=-1)) / (8 * t**3))
