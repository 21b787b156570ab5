"""Closed forms of PRA104 for the transient (time-optimised) coherence of a target qubit.

* Eq. (14): the formal solution of the Bloch equations (B2) (RWA) and (B12) (Rabi form),
  :func:`bloch_trajectory` (exact for the master equation).
* Eqs. (15), (16): optimised coherence and purity with clusters of N bath qubits (TLS);
  Eqs. (20), (21): the same with clusters of N bath oscillators (LHO);
  t_max ≈ π/ω (text below Eq. (15)).
* Eqs. (B14)-(B16) and (B17)-(B19): approximate weakly damped Bloch solutions of the Rabi
  form from a thermal state (x₀ = y₀ = 0, z₀).

All functions are pure. Eqs. (15)-(21) and (B14)-(B19) are vectorised over numpy arrays
(broadcast together); :func:`bloch_trajectory` over the times. The
approximations assume weak coupling f1, f2 ≪ ω, resonance ω = ω_B and an initial state in
equilibrium with the bath, z₀ = -tanh(ω/2T); :mod:`~autocoherence.collision.transient`
gives the exact optimum that the tests compare them with (measured regimes in
``docs/collision.md``).

Written in the cluster moments a = ⟨{A, A†}⟩, c = ⟨[A, A†]⟩ (Eq. (7), (18)), the four
printed formulas are one pair: with a = N, c = N|z₀| (qubits) or a = N/|z₀|, c = N
(oscillators, where coth = 1/|z₀| at resonance),

    C̄_RWA ≈ 2|f1 f2| c exp[-πa(f1² + f2²/4)/ω]/ω,   P̄_RWA ≈ (1 + z₀²)/2,
    C̄_C-R ≈ 4|f1 f2| a|z₀| exp[-πa(f1² + f2²)/ω]/ω,  P̄_C-R ≈ (1 + z₀² exp[-2πa(f1² + f2²)/ω])/2.

Discrepancy (``docs/discrepancies.md``): the printed C̄ carry f1 f2; the l1 coherence is
non-negative, so the code uses |f1 f2| (as for Eq. (3)).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import scipy.linalg as sla

from autocoherence.collision.formulas.closed_form import bloch_equations
from autocoherence.errors import ParameterError

__all__ = [
    "bloch_rabi_b14",
    "bloch_rabi_b17",
    "bloch_trajectory",
    "peak_coherence_lho",
    "peak_coherence_tls",
    "peak_purity_lho",
    "peak_purity_tls",
    "peak_time",
]

ArrayLike = npt.ArrayLike


def _check_z0(z0: np.ndarray) -> None:
    if np.any(~np.isfinite(z0)) or np.any(np.abs(z0) > 1):
        raise ParameterError(
            f"z0 (initial inversion <sigma_z(0)>) must be in [-1, 1], got z0={z0!r}"
        )


def _check_cluster(n: np.ndarray) -> None:
    if np.any(~np.isfinite(n)) or np.any(n < 1):
        raise ParameterError(f"cluster_size must be >= 1, got cluster_size={n!r}")


def _check_omega(omega: np.ndarray) -> None:
    if np.any(~np.isfinite(omega)) or np.any(omega <= 0):
        raise ParameterError(f"omega must be > 0 for Eqs. (15)-(21), got omega={omega!r}")


def _peak_arguments(*args: ArrayLike) -> tuple[np.ndarray, ...]:
    """(f1, f2, ω, N, z₀) of Eqs. (15), (16), (20), (21) as float arrays, checked."""
    f1, f2, w, n, z = (np.asarray(v, dtype=float) for v in args)
    _check_omega(w)
    _check_cluster(n)
    _check_z0(z)
    return f1, f2, w, n, z


def bloch_trajectory(
    times: ArrayLike,
    f1: float,
    f2: float,
    omega: float,
    anticommutator: float,
    commutator: float,
    z0: float,
    *,
    rwa: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Exact Bloch vector (x, y, z)(t) from (0, 0, z₀), PRA104 Eq. (14).

    RWA: ⟨σ⃗⟩(t) = exp(Bt)(⟨σ⃗⟩₀ + B⁻¹c) - B⁻¹c with B, c of Eqs. (B2)-(B6); Rabi form:
    exp(𝔹t)⟨σ⃗⟩₀ with 𝔹 of Eq. (B13). Evaluated as the exponential of the affine 4×4
    generator [[B, c], [0, 0]], which equals (14) and needs no B⁻¹ (so f2 = 0 works too).

    Parameters
    ----------
    times : 1-D array of float
        t >= 0.
    f1, f2, omega, anticommutator, commutator : float
        Couplings, target frequency, cluster moments a, c.
    z0 : float
        Initial inversion ⟨σz(0)⟩ (no initial coherence).
    rwa : bool, keyword-only

    Returns
    -------
    x, y, z : arrays of shape ``times.shape``

    Examples
    --------
    >>> from autocoherence.collision.formulas.closed_form import steady_state_coherence
    >>> x, y, z = bloch_trajectory([0.0, 200.0], 0.3, 0.6, 1.0, 1.0, 1.0, -1.0)
    >>> c_ss = steady_state_coherence(0.3, 0.6, 1.0, 1.0, 1.0)    # Eq. (3)
    >>> float(z[0]), bool(abs(np.hypot(x[1], y[1]) - c_ss) < 1e-12)
    (-1.0, True)
    """
    t = np.asarray(times, dtype=float)
    if t.ndim != 1 or np.any(~np.isfinite(t)) or np.any(t < 0):
        raise ParameterError("times must be a 1-D array of finite values >= 0")
    _check_z0(np.asarray(z0, dtype=float))
    with np.errstate(over="ignore"):
        B, c = bloch_equations(f1, f2, omega, anticommutator, commutator, rwa=rwa)
    if not (np.all(np.isfinite(B)) and np.all(np.isfinite(c))):
        raise ParameterError(
            "the Bloch matrix of PRA104 Eq. (B3)/(B13) overflows: its rates f1² a, f2² a, "
            f"f1 f2 a and omega must be finite floats (< 1.8e308), got f1={f1!r}, f2={f2!r}, "
            f"omega={omega!r}, anticommutator={anticommutator!r}; use "
            "closed_form.steady_state_bloch for the long-time state"
        )
    gen = np.zeros((4, 4))
    gen[:3, :3] = B
    gen[:3, 3] = c
    start = np.array([0.0, 0.0, float(z0), 1.0])
    out = sla.expm(gen[None, :, :] * t[:, None, None]) @ start
    return out[:, 0], out[:, 1], out[:, 2]


def peak_time(omega: ArrayLike) -> np.ndarray:
    """t_max ≈ π/ω, the time of the coherence maximum for weak damping (below PRA104 Eq. (15)).

    Examples
    --------
    >>> round(float(peak_time(1.0)), 6)        # half a period of the target
    3.141593
    """
    w = np.asarray(omega, dtype=float)
    _check_omega(w)
    return np.pi / w


def _rates(f1: np.ndarray, f2: np.ndarray, rwa: bool) -> np.ndarray:
    with np.errstate(over="ignore", under="ignore"):
        return f1**2 + f2**2 / 4 if rwa else f1**2 + f2**2


def _peak(
    pref: float,
    f1: np.ndarray,
    f2: np.ndarray,
    amp: np.ndarray,
    exponent: np.ndarray,
    w: np.ndarray,
) -> np.ndarray:
    """pref |f1 f2| amp exp(-exponent)/w, finite for every finite input.

    The textbook product is used where it is finite (bit-for-bit as before); where |f1 f2|
    overflows while exp(-exponent) underflows (f ~ 1e160: inf x 0 = NaN), the same value is
    taken in logarithms, exp(log pref + log|f1| + log|f2| + log amp - exponent - log w).
    """
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        value = pref * np.abs(f1 * f2) * amp * np.exp(-exponent) / w
        logs = (
            np.log(pref)
            + np.log(np.abs(f1))
            + np.log(np.abs(f2))
            + np.log(amp)
            - exponent
            - np.log(w)
        )
        return np.where(np.isfinite(value), value, np.exp(logs))


def peak_coherence_tls(
    f1: ArrayLike,
    f2: ArrayLike,
    omega: ArrayLike,
    cluster_size: ArrayLike,
    z0: ArrayLike,
    *,
    rwa: bool = True,
) -> np.ndarray:
    """Optimised transient coherence with clusters of N bath qubits, PRA104 Eq. (15).

    C̄^RWA ≈ 2|f1 f2| N|z₀| exp[-πN(f1² + f2²/4)/ω]/ω,
    C̄^C-R ≈ 4|f1 f2| N|z₀| exp[-πN(f1² + f2²)/ω]/ω.

    Valid for f1, f2 ≪ ω = ω_B, small N and 1/2 ≲ |z₀| ≤ 1 (measured errors in
    ``docs/collision.md``).

    Examples
    --------
    >>> round(float(peak_coherence_tls(0.15, 0.15, 1.0, 1, -1.0)), 5)   # Fig. 2(b), T = 0
    0.04119
    """
    f1, f2, w, n, z = _peak_arguments(f1, f2, omega, cluster_size, z0)
    pref = 2.0 if rwa else 4.0
    with np.errstate(over="ignore"):
        exponent = np.pi * n * _rates(f1, f2, rwa) / w
    return _peak(pref, f1, f2, n * np.abs(z), exponent, w)


def peak_purity_tls(
    f1: ArrayLike,
    f2: ArrayLike,
    omega: ArrayLike,
    cluster_size: ArrayLike,
    z0: ArrayLike,
    *,
    rwa: bool = True,
) -> np.ndarray:
    """Purity at the coherence maximum with clusters of N bath qubits, PRA104 Eq. (16).

    P̄^RWA ≈ (1 + z₀²)/2,  P̄^C-R ≈ (1 + z₀² exp[-2πN(f1² + f2²)/ω])/2.

    Examples
    --------
    >>> float(peak_purity_tls(0.15, 0.15, 1.0, 1, -1.0))
    1.0
    """
    f1, f2, w, n, z = _peak_arguments(f1, f2, omega, cluster_size, z0)
    if rwa:
        return np.broadcast_to(0.5 * (1 + z**2), np.broadcast(f1, f2, w, n, z).shape).copy()
    with np.errstate(over="ignore", under="ignore"):  # huge couplings: exp(-inf) = 0, exact
        return 0.5 * (1 + z**2 * np.exp(-2 * np.pi * n * (f1**2 + f2**2) / w))


def peak_coherence_lho(
    f1: ArrayLike,
    f2: ArrayLike,
    omega: ArrayLike,
    cluster_size: ArrayLike,
    z0: ArrayLike,
    *,
    rwa: bool = True,
) -> np.ndarray:
    """Optimised transient coherence with clusters of N bath oscillators, PRA104 Eq. (20).

    C̄^RWA ≈ 2|f1 f2| N exp[-πN(f1² + f2²/4)/(|z₀|ω)]/ω,
    C̄^C-R ≈ 4|f1 f2| N exp[-πN(f1² + f2²)/(|z₀|ω)]/ω;
    z₀ = 0 (T = ∞) gives the limit 0.

    Examples
    --------
    >>> round(float(peak_coherence_lho(0.15, 0.15, 1.0, 1, -1.0)), 5)   # = Eq. (15) at T = 0
    0.04119
    """
    f1, f2, w, n, z = _peak_arguments(f1, f2, omega, cluster_size, z0)
    pref = 2.0 if rwa else 4.0
    az = np.abs(z)
    safe = np.where(az > 0, az, 1.0)
    with np.errstate(over="ignore"):
        exponent = np.pi * n * _rates(f1, f2, rwa) / (safe * w)
    value = _peak(pref, f1, f2, n, exponent, w)
    return np.where(az > 0, value, 0.0)


def peak_purity_lho(
    f1: ArrayLike,
    f2: ArrayLike,
    omega: ArrayLike,
    cluster_size: ArrayLike,
    z0: ArrayLike,
    *,
    rwa: bool = True,
) -> np.ndarray:
    """Purity at the coherence maximum with clusters of N bath oscillators, PRA104 Eq. (21).

    P̄^RWA ≈ (1 + z₀²)/2,  P̄^C-R ≈ (1 + z₀² exp[-2πN(f1² + f2²)/(|z₀|ω)])/2.

    Examples
    --------
    >>> round(float(peak_purity_lho(0.15, 0.15, 1.0, 1, -0.5, rwa=False)), 5)
    0.57101
    """
    f1, f2, w, n, z = _peak_arguments(f1, f2, omega, cluster_size, z0)
    if rwa:
        return np.broadcast_to(0.5 * (1 + z**2), np.broadcast(f1, f2, w, n, z).shape).copy()
    az = np.abs(z)
    safe = np.where(az > 0, az, 1.0)
    with np.errstate(over="ignore", under="ignore"):
        decay = np.exp(-2 * np.pi * n * (f1**2 + f2**2) / (safe * w))
    return 0.5 * (1 + z**2 * np.where(az > 0, decay, 0.0))


def _rabi_rates(
    f1: ArrayLike, f2: ArrayLike, anticommutator: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """γφ = 2f1²a, γ = 2f2²a, Ω = 2f1f2a of the Rabi Bloch matrix (B13)."""
    f1, f2, a = (np.asarray(v, dtype=float) for v in (f1, f2, anticommutator))
    with np.errstate(over="ignore", under="ignore"):
        rates = 2 * f1**2 * a, 2 * f2**2 * a, 2 * f1 * f2 * a
    if not all(np.all(np.isfinite(r)) for r in rates):
        raise ParameterError(
            "the rates 2 f1² a, 2 f2² a, 2 f1 f2 a of PRA104 Eq. (B13) overflow (they must be "
            f"finite floats, < 1.8e308; Eqs. (B14)-(B19) assume f1, f2 << omega), got f1={f1!r}, "
            f"f2={f2!r}, anticommutator={a!r}"
        )
    return rates


def bloch_rabi_b14(
    t: ArrayLike,
    f1: ArrayLike,
    f2: ArrayLike,
    omega: ArrayLike,
    anticommutator: ArrayLike,
    z0: ArrayLike,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Approximate Rabi-form Bloch vector, PRA104 Eqs. (B14)-(B16), as printed.

    x ≈ z₀Ω e^{-3γφt/2} sin(tν₁)/ν₁,  ν₁ = √(ω² - Ω² - γφ²/4)          (B14)
    y ≈ z₀Ωω e^{-2γφt}[1 - cos(tν₂)]/ν₂²,  ν₂ = √(ω² - Ω²)            (B15)
    z ≈ (Ω/ω) y + z₀ e^{-2γφt}                                         (B16)

    derived for f2 = √2 f1 (γ ≈ 2γφ) and weak coupling; γφ = 2f1²a, Ω = 2f1f2a.

    Raises
    ------
    ParameterError
        Outside the underdamped regime ω² > Ω² + γφ²/4 where (B14) is real.

    Examples
    --------
    >>> x, y, z = bloch_rabi_b14([0.0, np.pi], 0.1, 0.1 * np.sqrt(2), 1.0, 1.0, -0.6)
    >>> float(z[0]), round(float(np.hypot(x[1], y[1])), 4)
    (-0.6, 0.03)
    """
    t, w, z0a = (np.asarray(v, dtype=float) for v in (t, omega, z0))
    _check_z0(z0a)
    gphi, _, Om = _rabi_rates(f1, f2, anticommutator)
    nu1_sq = w**2 - Om**2 - gphi**2 / 4
    if np.any(nu1_sq <= 0):
        raise ParameterError(
            "Eqs. (B14)-(B16) describe underdamped motion and need omega^2 > Omega^2 + "
            f"gamma_phi^2/4; got omega={w!r}, Omega={Om!r}, gamma_phi={gphi!r}"
        )
    nu1, nu2_sq = np.sqrt(nu1_sq), w**2 - Om**2
    x = z0a * Om * np.exp(-1.5 * gphi * t) * np.sin(t * nu1) / nu1
    y = z0a * Om * w * np.exp(-2 * gphi * t) * (1 - np.cos(t * np.sqrt(nu2_sq))) / nu2_sq
    z = (Om / w) * y + z0a * np.exp(-2 * gphi * t)
    return x, y, z


def bloch_rabi_b17(
    t: ArrayLike,
    f1: ArrayLike,
    f2: ArrayLike,
    omega: ArrayLike,
    anticommutator: ArrayLike,
    z0: ArrayLike,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Simplified Rabi-form Bloch vector used to derive Eqs. (15)-(16), PRA104 (B17)-(B19).

    With D(t) = exp[-t(γ + γφ)/2] (γ = 2f2²a, γφ = 2f1²a, Ω = 2f1f2a):
    x ≈ z₀Ω D sin(ωt)/ω,  y ≈ z₀Ω D [1 - cos(ωt)]/ω,  z ≈ z₀ D.

    Its coherence C = 2|z₀Ω| D |sin(ωt/2)|/ω peaks near t = π/ω at the C-R value of
    Eq. (15)/(20), and z² there gives Eq. (16)/(21).

    Examples
    --------
    >>> x, y, z = bloch_rabi_b17([np.pi], 0.15, 0.15, 1.0, 1.0, -1.0)
    >>> round(float(np.hypot(x[0], y[0])), 5)    # = C-R Eq. (15), N = 1, T = 0
    0.07813
    """
    t, w, z0a = (np.asarray(v, dtype=float) for v in (t, omega, z0))
    _check_z0(z0a)
    _check_omega(w)
    gphi, gamma, Om = _rabi_rates(f1, f2, anticommutator)
    damp = np.exp(-t * (gamma + gphi) / 2)
    return (
        z0a * Om * damp * np.sin(w * t) / w,
        z0a * Om * damp * (1 - np.cos(w * t)) / w,
        z0a * damp,
    )
