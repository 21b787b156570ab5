"""Closed forms of PRA104 for a qubit target: Bloch equations and steady-state coherence.

All functions are pure and vectorised: every argument may be a scalar or a numpy array
(broadcast together). The bath enters only through the cluster moments
a = ⟨{A, A†}⟩ and c = ⟨[A, A†]⟩ of the collective lowering operator A = S₋ or B
(Eq. (7) for qubit units, Eq. (18) for oscillator units; see
:func:`autocoherence.states.cluster_moments`). ``a = inf`` (oscillators at T = inf) is
handled as the exact limit.

Discrepancies with the paper (see ``docs/discrepancies.md``):

* Eq. (3) and (8) give C_ss with the factor f1 f2; the l1 coherence is |f1 f2| (...), the
  formula as printed is negative for f1 f2 < 0.
* The identities (B1a) and (B1c) carry the signs ∓2f1f2 and ±f2²; with the paper's own
  conventions (σ₋ = |g⟩⟨e|, upper sign for σ₋) they read ±2f1f2 and ∓f2². The Bloch
  equations (B2)-(B9) that follow are consistent with the corrected signs.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from autocoherence.errors import NonUniqueSteadyStateError

__all__ = [
    "bloch_equations",
    "coherence_bound",
    "mean_a_hermitian",
    "mean_a_hermitian_evolution",
    "mean_a_rwa_weak",
    "purity_large_n",
    "sigma_z_large_n",
    "steady_state_bloch",
    "steady_state_coherence",
    "steady_state_coherence_large_n",
    "steady_state_purity",
]

ArrayLike = npt.ArrayLike


# ---------------------------------------------------------------------------------------
# Scale-free evaluation. Every steady-state formula here is homogeneous: it depends on the
# couplings only through f1/f, f2/f (f = max(|f1|, |f2|)) and on the rates through the ratio
# of g = a f² to ω. The couplings are divided by a power of two 2^e ~ f and the rates
# (a f², c f², ω) by a common power of two 2^m ~ max(a f², |ω|) with np.ldexp, which is exact:
# in the range where the textbook expressions neither overflow nor underflow, the rescaled
# ones give bit-for-bit the same numbers (rounding commutes with powers of two), and from
# f = 1e-200 to f = 1e200 (or a ~ 1e300) they stay finite instead of giving inf/inf = NaN.


def _unit_couplings(f1: np.ndarray, f2: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(u1, u2, e) with f = u 2^e exactly and max(|u1|, |u2|) in [0.5, 1) (0 if both are 0)."""
    _, e = np.frexp(np.maximum(np.abs(f1), np.abs(f2)))
    return np.ldexp(f1, -e), np.ldexp(f2, -e), e


def _rate_exponent(a: np.ndarray, e: np.ndarray, omega: np.ndarray) -> np.ndarray:
    """m with max(a 2^(2e), |ω|) = O(2^m) (a > 0 finite), without forming a 2^(2e)."""
    _, ea = np.frexp(a)
    ea = ea + 2 * e
    _, ew = np.frexp(omega)
    ew = np.where(omega == 0, ea, ew)  # ω = 0: the rates alone set the scale
    return np.maximum(ea, ew)


def _scaled(
    f1: np.ndarray, f2: np.ndarray, omega: np.ndarray, a: np.ndarray, c: np.ndarray
) -> tuple[np.ndarray, ...]:
    """u1, u2, and the rates a', c', ω' = (a, c) 2^(2e-m), ω 2^-m (see the comment above)."""
    u1, u2, e = _unit_couplings(f1, f2)
    m = _rate_exponent(a, e, omega)
    return u1, u2, np.ldexp(a, 2 * e - m), np.ldexp(c, 2 * e - m), np.ldexp(omega, -m)


def bloch_equations(
    f1: float,
    f2: float,
    omega: float,
    anticommutator: float,
    commutator: float,
    *,
    rwa: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Bloch equations d⟨σ⟩/dt = B⟨σ⟩ + c of the target qubit, ⟨σ⟩ = (x, y, z).

    RWA form, PRA104 Eqs. (B2)-(B6):
    B = [[-Γ, -ω, Ω], [ω, -Γ, 0], [Ω, 0, -γ]], c = (c_x, 0, -c_z),
    Γ = (2f1² + f2²/2) a, Ω = f1 f2 a, γ = f2² a, c_z = f2² c, c_x = 2 f1 f2 c.

    Rabi form, PRA104 Eqs. (B12)-(B13):
    B = [[-γφ, -ω, Ω], [ω, -(γφ + γ), 0], [Ω, 0, -γ]], c = 0,
    γφ = 2f1² a, γ = 2f2² a, Ω = 2 f1 f2 a.

    Parameters
    ----------
    f1, f2, omega : float
        Couplings and target frequency ω.
    anticommutator, commutator : float
        a = ⟨{A, A†}⟩ and c = ⟨[A, A†]⟩ (finite).
    rwa : bool, keyword-only
        Which form of the orthogonal coupling.

    Returns
    -------
    B : (3, 3) array, c : (3,) array

    Examples
    --------
    >>> B, c = bloch_equations(0.3, 0.6, 1.0, 1.0, 1.0)
    >>> bool(np.linalg.eigvals(B).real.max() < 0)           # every mode is damped
    True
    >>> fixed = np.linalg.solve(B, -c)                      # B⟨σ⟩ + c = 0
    >>> bool(np.allclose(fixed, steady_state_bloch(0.3, 0.6, 1.0, 1.0, 1.0)))
    True
    """
    # numpy scalars: a rate that overflows is inf (a Python float raises OverflowError)
    f1, f2, omega = np.float64(f1), np.float64(f2), np.float64(omega)
    a, c = np.float64(anticommutator), np.float64(commutator)
    if rwa:
        Gamma, Omega, gamma = (2 * f1**2 + f2**2 / 2) * a, f1 * f2 * a, f2**2 * a
        B = np.array([[-Gamma, -omega, Omega], [omega, -Gamma, 0.0], [Omega, 0.0, -gamma]])
        return B, np.array([2 * f1 * f2 * c, 0.0, -(f2**2) * c])
    gphi, gamma, Omega = 2 * f1**2 * a, 2 * f2**2 * a, 2 * f1 * f2 * a
    B = np.array([[-gphi, -omega, Omega], [omega, -(gphi + gamma), 0.0], [Omega, 0.0, -gamma]])
    return B, np.zeros(3)


def _check_unique(f2: np.ndarray, omega: np.ndarray, rwa: bool) -> None:
    # det B = -f2² a (a² K L + ω²) (RWA) and -ω² γ (Rabi): zero iff f2 = 0 (or ω = 0, Rabi)
    bad = (f2 == 0) if rwa else ((f2 == 0) | (omega == 0))
    if np.any(bad):
        why = "f2 = 0" if rwa else "f2 = 0 or omega = 0"
        raise NonUniqueSteadyStateError(
            f"the steady state is not unique when {why}: the Bloch matrix of PRA104 "
            f"Eq. ({'B3' if rwa else 'B13'}) is singular and the long-time state depends on "
            "the initial state"
        )


def steady_state_bloch(
    f1: ArrayLike,
    f2: ArrayLike,
    omega: ArrayLike,
    anticommutator: ArrayLike,
    commutator: ArrayLike,
    *,
    rwa: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Steady-state Bloch vector (x, y, z) of the target qubit.

    RWA, PRA104 Eqs. (B7)-(B9), simplified with Γ - (f1/f2)² γ = (f1² + f2²/2) a:
        x = f1 f2 c K a / (a² K L + ω²),  y = (ω/Γ) x,  z = (Ω/γ) x - c_z/γ,
    with K = 2f1² + f2²/2, L = f1² + f2²/2. Rabi form (App. B2): (0, 0, 0).

    Raises
    ------
    NonUniqueSteadyStateError
        Where the steady state is not unique (see :func:`bloch_equations`).

    Examples
    --------
    >>> x, y, z = steady_state_bloch(0.3, 0.6, 1.0, 1.0, 1.0)
    >>> c = steady_state_coherence(0.3, 0.6, 1.0, 1.0, 1.0)
    >>> bool(abs(np.hypot(x, y) - c) < 1e-15)
    True
    """
    f1, f2, omega, a, c = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (f1, f2, omega, anticommutator, commutator))
    )
    _check_unique(f2, omega, rwa)
    if not rwa:
        zero = np.zeros(f1.shape)
        return zero, zero.copy(), zero.copy()
    finite = np.isfinite(a)
    a_f = np.where(finite, a, 1.0)
    # the same expressions in rescaled variables (exact powers of two, see _scaled)
    u1, u2, a_s, c_s, w_s = _scaled(f1, f2, omega, a_f, c)
    K = 2 * u1**2 + u2**2 / 2
    L = u1**2 + u2**2 / 2
    with np.errstate(invalid="ignore", divide="ignore", over="ignore", under="ignore"):
        x = u1 * u2 * c_s * K * a_s / (a_s**2 * K * L + w_s**2)
        y = np.where(K * a_s > 0, w_s / (K * a_s) * x, 0.0)  # a f² below ω's range: y -> 0
        z = (u1 / u2) * x - c / a_f
        # f2 << f1 beyond the float range: the cancellation-free form of the same z
        stable = -(c / a_f) * (a_s**2 * K * u2**2 / 2 + w_s**2) / (a_s**2 * K * L + w_s**2)
        z = np.where(np.isfinite(z), z, stable)
    # a -> inf (oscillator units at T = inf): x ~ 1/a, y ~ 1/a², z = -c/a -> 0
    zero = np.zeros(f1.shape)
    return np.where(finite, x, zero), np.where(finite, y, zero), np.where(finite, z, zero)


def steady_state_coherence(
    f1: ArrayLike,
    f2: ArrayLike,
    omega: ArrayLike,
    anticommutator: ArrayLike,
    commutator: ArrayLike,
    *,
    rwa: bool = True,
) -> np.ndarray:
    """Steady-state l1 coherence C_ss = |f1 f2| r/(s + ω²), PRA104 Eqs. (3)-(5), (8)-(9).

    r = |c| √(ω² + a² K²), s = a² K L, K = 2f1² + f2²/2, L = f1² + f2²/2, with a and c the
    cluster anticommutator and commutator (N and N tanh(ω_B/2T) for qubit units,
    N coth(ω_B/2T) and N for oscillator units). Zero for the Rabi form (App. B2).

    Examples
    --------
    >>> f2 = 0.6; f1 = f2 / np.sqrt(2)
    >>> round(float(steady_state_coherence(f1, f2, 1.0, 1.0, 1.0)), 6)  # Fig. 2(a), N = 1, T = 0
    0.242215
    """
    f1, f2, omega, a, c = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (f1, f2, omega, anticommutator, commutator))
    )
    _check_unique(f2, omega, rwa)
    if not rwa:
        return np.zeros(f1.shape)
    finite = np.isfinite(a)
    a_f = np.where(finite, a, 1.0)
    u1, u2, a_s, c_s, w_s = _scaled(f1, f2, omega, a_f, c)  # exact rescaling, see _scaled
    K = 2 * u1**2 + u2**2 / 2
    L = u1**2 + u2**2 / 2
    with np.errstate(under="ignore"):
        r = np.abs(c_s) * np.sqrt(w_s**2 + a_s**2 * K**2)
        s = a_s**2 * K * L
        return np.where(finite, np.abs(u1 * u2) * r / (s + w_s**2), 0.0)


def steady_state_purity(x: ArrayLike, y: ArrayLike, z: ArrayLike) -> np.ndarray:
    """Qubit purity P = (1 + x² + y² + z²)/2 = (1 + C² + ⟨σz⟩²)/2 (PRA104 below Eq. (10)).

    Examples
    --------
    >>> float(steady_state_purity(0, 0, -1)), float(steady_state_purity(0, 0, 0))
    (1.0, 0.5)
    """
    x, y, z = (np.asarray(v, dtype=float) for v in (x, y, z))
    return 0.5 * (1 + x**2 + y**2 + z**2)


def coherence_bound(f1: ArrayLike, f2: ArrayLike) -> np.ndarray:
    """C₀ = |f1 f2| / (f1² + f2²/2), the T → 0, N → ∞ coherence (PRA104 Eq. (10)).

    Maximal, 1/√2, at f2 = √2 f1.

    Examples
    --------
    >>> import math
    >>> round(float(coherence_bound(1, math.sqrt(2))), 6)   # the optimum, 1/√2
    0.707107
    """
    f1, f2 = np.asarray(f1, dtype=float), np.asarray(f2, dtype=float)
    u1, u2, _ = _unit_couplings(f1, f2)  # homogeneous of degree 0: exact rescaling
    return np.abs(u1 * u2) / (u1**2 + u2**2 / 2)


def steady_state_coherence_large_n(
    f1: ArrayLike, f2: ArrayLike, polarisation: ArrayLike
) -> np.ndarray:
    """C_ss^∞ = C₀ tanh(βω_B/2), the N ≫ 1 limit of Eq. (8) (PRA104 Eq. (10)).

    ``polarisation`` is tanh(ω_B/2T) = c/a (qubit units; for oscillator units the same
    limit holds, Sec. III A).

    Examples
    --------
    >>> import math
    >>> p, n = math.tanh(1.0), 1000                          # ω_B = 1, T = 0.5, N = 1000
    >>> c_n = steady_state_coherence(0.3, 0.6, 1.0, n, n * p)  # Eq. (8) at finite N
    >>> round(float(steady_state_coherence_large_n(0.3, 0.6, p)), 4), round(float(c_n), 4)
    (0.5077, 0.5077)
    """
    return coherence_bound(f1, f2) * np.abs(np.asarray(polarisation, dtype=float))


def sigma_z_large_n(f1: ArrayLike, f2: ArrayLike, polarisation: ArrayLike) -> np.ndarray:
    """⟨σz⟩_ss ≈ -tanh(βω_B/2)(1 - f1 C₀/f2) for N ≫ 1 (PRA104 text below Fig. 3).

    Examples
    --------
    >>> float(sigma_z_large_n(0.0, 0.6, 0.5))   # f1 = 0: thermalises, ⟨σz⟩ = -tanh(βω_B/2)
    -0.5
    >>> round(float(sigma_z_large_n(0.3, 0.6, 0.5)), 6)
    -0.333333
    """
    f1, f2 = np.asarray(f1, dtype=float), np.asarray(f2, dtype=float)
    p = np.asarray(polarisation, dtype=float)
    u1, u2, _ = _unit_couplings(f1, f2)
    return -p * (1 - u1 * u1 / (u1**2 + u2**2 / 2))


def purity_large_n(f1: ArrayLike, f2: ArrayLike, polarisation: ArrayLike) -> np.ndarray:
    """P_ss ≈ 1/2 + (1/2 + f2²/(8 f1²)) C₀² tanh²(βω_B/2) for N ≫ 1 (PRA104 Eq. (11)).

    Written as 1/2 + ½ tanh² [C₀² + (f2²/(2L))²] with L = f1² + f2²/2, which equals (11)
    for f1 ≠ 0 and stays finite at f1 = 0.

    Examples
    --------
    >>> p = 0.5
    >>> c, z = steady_state_coherence_large_n(0.3, 0.6, p), sigma_z_large_n(0.3, 0.6, p)
    >>> bool(abs(purity_large_n(0.3, 0.6, p) - steady_state_purity(c, 0, z)) < 1e-12)
    True
    >>> float(purity_large_n(0.3, 0.6, 0.0))    # T = ∞: maximally mixed
    0.5
    """
    f1, f2 = np.asarray(f1, dtype=float), np.asarray(f2, dtype=float)
    p = np.asarray(polarisation, dtype=float)
    u1, u2, _ = _unit_couplings(f1, f2)
    L = u1**2 + u2**2 / 2
    return 0.5 + 0.5 * p**2 * (coherence_bound(f1, f2) ** 2 + (u2**2 / (2 * L)) ** 2)


# ----------------------------------------------------------------------------------------
# Oscillator target (PRA104 Sec. IV, App. C)


def mean_a_hermitian(
    f1: ArrayLike, f2: ArrayLike, omega0: ArrayLike, anticommutator: ArrayLike
) -> np.ndarray:
    """Limit of ⟨a⟩(t) for V = (f1 a†a + f2 X_a) ⊗ X_B, PRA104 Eq. (22) and App. C (Eq. (C1)).

    ⟨a⟩_∞ = -K2/K1 = -f1 f2 / (f1² + 2iω̃), ω̃ = ω0/⟨{A, A†}⟩. Exact: the ⟨a⟩ equation (C1)
    is closed. The *state* has no limit (the energy grows linearly); only ⟨a⟩ converges,
    which needs Re K1 = f1² a/2 > 0, i.e. f1 ≠ 0.

    Examples
    --------
    >>> m = complex(mean_a_hermitian(0.3, 0.4, 1.0, 1.0))
    >>> round(m.real, 6), round(m.imag, 6)
    (-0.002695, 0.059879)
    """
    f1, f2, omega0, a = (np.asarray(v, dtype=float) for v in (f1, f2, omega0, anticommutator))
    u1, u2, e = _unit_couplings(f1, f2)
    with np.errstate(over="ignore", under="ignore"):
        q = np.ldexp(np.imag(2j * omega0 / a), -2 * e)  # (2ω0/a)/f²: inf below f²'s range
        out = -u1 * u2 / (u1**2 + 1j * np.where(np.isfinite(q), q, 0.0))
    return np.where(np.isfinite(q), out, 0.0 + 0.0j)


def mean_a_hermitian_evolution(
    t: ArrayLike,
    f1: float,
    f2: float,
    omega0: float,
    anticommutator: float,
    a0: complex = 0.0,
) -> np.ndarray:
    """⟨a⟩(t) = e^{-K1 t} a0 - (1 - e^{-K1 t}) K2/K1 of Eq. (C1), K1 = iω0 + f1²a/2, K2 = f1f2a/2.

    The paper states the a0 = 0 case; the a0 term is the homogeneous solution of (C1).

    Examples
    --------
    >>> a_t = mean_a_hermitian_evolution([0.0, 1000.0], 0.3, 0.4, 1.0, 1.0, a0=0.5)
    >>> complex(a_t[0])                          # starts at a0
    (0.5+0j)
    >>> bool(abs(a_t[1] - mean_a_hermitian(0.3, 0.4, 1.0, 1.0)) < 1e-12)  # relaxes to Eq. (22)
    True
    """
    t = np.asarray(t, dtype=float)
    k1 = 1j * omega0 + f1**2 * anticommutator / 2
    k2 = f1 * f2 * anticommutator / 2
    decay = np.exp(-k1 * t)
    return decay * a0 - (1 - decay) * k2 / k1


def mean_a_rwa_weak(
    f1: ArrayLike,
    f2: ArrayLike,
    omega0: ArrayLike,
    anticommutator: ArrayLike,
    commutator: ArrayLike,
) -> np.ndarray:
    """Weak-coupling ⟨a⟩_ss for V = f1 a†a ⊗ X_B + f2(a† ⊗ A + a ⊗ A†), PRA104 Eq. (23), App. C.

    The exact first-moment equation (our generalisation of Eq. (C2) to clusters; the paper's
    form is N = 1 oscillator units, c = 1) is

        d⟨a⟩/dt = -(iω0 + f1² a/2 + f2² c/2)⟨a⟩ - (f1f2/2)⟨A†A⟩ - (f1f2 c/2)⟨a²⟩,

    with a = ⟨{A, A†}⟩, c = ⟨[A, A†]⟩, ⟨A†A⟩ = (a - c)/2. Dropping the ⟨a²⟩ term (higher
    order in f1, f2) gives ⟨a⟩_ss ≈ -f1 f2 ⟨A†A⟩ / (2iω0 + f1² a + f2² c); the relative error
    vanishes as f1,2² → 0. Zero at T = 0 (⟨A†A⟩ = 0).

    Examples
    --------
    >>> complex(mean_a_rwa_weak(0.1, 0.1, 1.0, 1.0, 1.0))   # T = 0: a = c = 1, no ⟨a⟩
    0j
    >>> m = complex(mean_a_rwa_weak(0.1, 0.1, 1.0, 3.0, 1.0))  # ⟨A†A⟩ = (a - c)/2 = 1
    >>> round(m.real, 6), round(m.imag, 6)
    (-0.0001, 0.004998)
    """
    f1, f2, omega0, a, c = (
        np.asarray(v, dtype=float) for v in (f1, f2, omega0, anticommutator, commutator)
    )
    n_up = (a - c) / 2
    u1, u2, e = _unit_couplings(f1, f2)  # numerator and denominator divided by 2^(2e)
    with np.errstate(over="ignore", under="ignore"):
        q = np.ldexp(2 * omega0, -2 * e)
        out = -u1 * u2 * n_up / (1j * np.where(np.isfinite(q), q, 0.0) + u1**2 * a + u2**2 * c)
    return np.where(np.isfinite(q), out, 0.0 + 0.0j)
