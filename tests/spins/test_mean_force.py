"""Mean-force coherence of a qubit in a bosonic bath (Local Fig. 1(a) benchmark).

Routes checked against :mod:`autocoherence.spins.mean_force` (derivation: docs/mean_force.md):

* kernel vs the naive formula in 60-digit decimal arithmetic (all numerical branches);
* exact diagonalisation of a qubit + two truncated modes, extrapolated in the coupling
  (exact ↔ exact at O(g²), O(g⁴) removed by Richardson extrapolation);
* the second-order imaginary-time double integral with the Ohmic-exponential bath
  correlation function in closed form (trigamma), no frequency integral at all;
* closed forms at T = 0, the 1/T² (and 1/T⁴) high-T series, the T² low-T law.
"""

from __future__ import annotations

import math
from decimal import Decimal, localcontext

import numpy as np
import pytest
from scipy import integrate, special

from autocoherence.errors import ConvergenceError, ParameterError
from autocoherence.spaces import Oscillator, embed, sigma_minus, sigma_plus, sigma_x, sigma_z
from autocoherence.spins.mean_force import (
    MeanForceCoherence,
    fig1a_mean_force_curve,
    mean_force_coherence,
    mean_force_kernel,
    ohmic_exponential,
)

LAM, CUTOFF, OMEGA = 1e-3, 5.0, 1.0
A, B = 0.7, 0.4  # Hermitian-form weights (ab = 0.28)


# ------------------------------------------------------------------ kernel
def _kernel_decimal(nu: float, omega: float, temperature: float) -> float:
    """[ω - ν coth(βν/2) tanh(βω/2)] / (ν - ω), naively, with 60 significant digits."""
    with localcontext() as ctx:
        ctx.prec = 60
        n, w, beta = Decimal(nu), Decimal(omega), 1 / Decimal(temperature)
        en, ew = (beta * n).exp(), (beta * w).exp()  # e^{2x}, e^{2y}
        h = w - n * (en + 1) / (en - 1) * (ew - 1) / (ew + 1)
        return float(h / (n - w))


@pytest.mark.parametrize("temperature", [1e-3, 0.1, 0.49999, 0.5, 0.50001, 0.9, 3.0, 100.0, 1e6])
def test_kernel_matches_high_precision_naive_formula(temperature):
    # ν near 0, at ω ± tiny, on both sides of the branch boundary x = βν/2 = 1.5 (ν = 3T),
    # and far above; the float kernel has no cancellation: measured worst 9e-16 relative
    nus = [1e-6, 1e-3, 0.3, 1 - 1e-9, 1 + 1e-7, 2.0, 7.0, 1e3]
    nus += [2.999 * temperature, 3.001 * temperature]
    got = mean_force_kernel(OMEGA, nus, temperature)
    ref = np.array([_kernel_decimal(n, OMEGA, temperature) / (OMEGA * n) for n in nus])
    np.testing.assert_allclose(got, ref, rtol=1e-14, atol=0)
    herm = mean_force_kernel(OMEGA, nus, temperature, form="hermitian", a=A, b=B)
    ref_h = ref * OMEGA * 2 * A * B / (np.array(nus) + OMEGA)
    np.testing.assert_allclose(herm, ref_h, rtol=1e-14, atol=0)


@pytest.mark.parametrize("temperature", [0.05, 0.5, 2.0, 1e4])
def test_kernel_at_resonance_is_the_removable_limit(temperature):
    # lim_{ν→ω} K = [βω/sinh(βω) - 1]/ω² (RWA): derivative of the bracket at ν = ω
    x = OMEGA / temperature
    expected = (x / math.sinh(x) - 1) / OMEGA**2
    assert mean_force_kernel(OMEGA, OMEGA, temperature) == pytest.approx(expected, rel=1e-13)


def test_kernel_zero_and_infinite_temperature_exact():
    nus = np.array([0.2, 1.0, 3.0])
    np.testing.assert_array_equal(mean_force_kernel(OMEGA, nus, 0.0), -1 / (OMEGA * nus))
    np.testing.assert_array_equal(
        mean_force_kernel(OMEGA, nus, 0.0, form="hermitian", a=A, b=B),
        -2 * A * B / (nus * (nus + OMEGA)),
    )
    np.testing.assert_array_equal(mean_force_kernel(OMEGA, nus, math.inf), np.zeros(3))


def test_kernel_is_negative():
    nus = np.geomspace(1e-3, 1e3, 61)
    for t in (1e-3, 0.3, 1.0, 30.0):
        assert np.all(mean_force_kernel(OMEGA, nus, t) < 0)


# ------------------------------------------------------------------ exact diagonalisation
def _ed_rho_eg(form, nus, g, f, temperature, dim):
    """ρ_eg of the qubit, exact Gibbs state (or ground state at T = 0) of qubit + modes."""
    dims = (2,) + (dim,) * len(nus)
    sz = embed(sigma_z(), 0, dims)
    sx = embed(sigma_x(), 0, dims)
    sp = embed(sigma_plus(), 0, dims)
    sm = embed(sigma_minus(), 0, dims)
    H = 0.5 * OMEGA * sz
    for k, nu in enumerate(nus):
        b = embed(Oscillator(nu, dim).lowering(), k + 1, dims)
        H = H + nu * b.conj().T @ b
        X = b + b.conj().T
        if form == "rwa":
            H = H + g[k] * sz @ X + f[k] * (sp @ b + sm @ b.conj().T)
        else:
            H = H + g[k] * (A * sz + B * sx) @ X
    assert np.all(H.imag == 0)
    energies, vecs = np.linalg.eigh(H.real)
    if temperature == 0:
        weights = np.zeros_like(energies)
        weights[0] = 1.0
    else:
        weights = np.exp(-(energies - energies[0]) / temperature)
        weights /= weights.sum()
    rho = (vecs * weights) @ vecs.T
    rho_q = np.trace(rho.reshape(2, dim ** len(nus), 2, dim ** len(nus)), axis1=1, axis2=3)
    return float(rho_q[0, 1])


@pytest.mark.parametrize("form", ["rwa", "hermitian"])
@pytest.mark.parametrize(("temperature", "dim"), [(0.0, 6), (0.25, 8)])
def test_exact_diagonalisation_with_two_modes(form, temperature, dim):
    # two modes, one below and one above ω, couplings of mixed sign. ρ_eg(ε) = ε²K + ε⁴K₄ + ...
    # (a Gaussian bath has no odd orders), so ρ(ε)/ε² misses K by O(ε²) and the Richardson
    # combination [4ρ(ε/2)/(ε/2)² - ρ(ε)/ε²]/3 by O(ε⁴) ~ 1e-8 relative. The truncation
    # (dim = 8 at T = 0.25: top-level weight e^{-βν(dim-1)} = 2e-10) adds ~1e-8 (measured:
    # 5e-9 RWA, 1e-9 Hermitian; 6e-8 at dim = 7). At T = 0.25 ρ_eg is 25% (RWA) below T = 0.
    nus = (0.8, 1.7)
    g = np.array([0.3, 0.5])
    f = np.array([0.4, -0.2])
    if form == "rwa":
        expected = sum(g * f * mean_force_kernel(OMEGA, nus, temperature))
    else:
        expected = sum(g**2 * mean_force_kernel(OMEGA, nus, temperature, form=form, a=A, b=B))
    eps = 0.02
    r1 = _ed_rho_eg(form, nus, eps * g, eps * f, temperature, dim)
    r2 = _ed_rho_eg(form, nus, eps / 2 * g, eps / 2 * f, temperature, dim)
    k1, k2 = r1 / eps**2, r2 / (eps / 2) ** 2  # real H (real couplings) -> real ρ_eg
    # linear in the coupling product: the O(ε²) error shrinks ~4x when ε halves
    assert abs(k1 - expected) / abs(k2 - expected) == pytest.approx(4.0, rel=0.05)
    assert abs(k1 - expected) < 1e-3 * abs(expected)  # (εg/ν)² ~ 3e-4
    richardson = (4 * k2 - k1) / 3
    assert richardson == pytest.approx(expected, rel=1e-7)


# ------------------------------------------------------------------ imaginary-time double integral
def _double_integral(beta, form):
    """ρ_eg = e^{-βω/2}/Z_S ∫₀^β dτ ∫₀^τ dτ' [system factor] x [bath correlation]."""

    # Ohmic-exponential bath: C₊(s) = ∫J (n+1) e^{-νs} = λψ'((1/Ω + s)/β)/β²,
    # C₋(s) = ∫J n e^{νs} = λψ'((1/Ω + β - s)/β)/β² (geometric series of e^{-kβν}).
    def c_plus(s):
        return LAM / beta**2 * float(special.polygamma(1, (1 / CUTOFF + s) / beta))

    def c_minus(s):
        return LAM / beta**2 * float(special.polygamma(1, (1 / CUTOFF + beta - s) / beta))

    if form == "rwa":  # σz(τ)σ₊(τ')⟨B₁(τ)A(τ')⟩ + σ₊(τ)σz(τ')⟨A(τ)B₁(τ')⟩

        def integrand(tp, t):
            return math.exp(OMEGA * tp) * c_minus(t - tp) - math.exp(OMEGA * t) * c_plus(t - tp)

        pref = 1.0
    else:  # ab [σz σx(τ') + σx(τ) σz] ⟨X(τ)X(τ')⟩

        def integrand(tp, t):
            return (math.exp(OMEGA * tp) - math.exp(OMEGA * t)) * (c_plus(t - tp) + c_minus(t - tp))

        pref = A * B
    value, _ = integrate.dblquad(integrand, 0, beta, 0, lambda t: t, epsabs=0, epsrel=1e-11)
    return pref * math.exp(-beta * OMEGA / 2) / (2 * math.cosh(beta * OMEGA / 2)) * value


@pytest.mark.parametrize("form", ["rwa", "hermitian"])
@pytest.mark.parametrize("beta", [0.5, 2.0])
def test_frequency_integral_matches_imaginary_time_double_integral(form, beta):
    ab = {"a": A, "b": B} if form == "hermitian" else {}
    got = mean_force_coherence(OMEGA, 1 / beta, ohmic_exponential(LAM, CUTOFF), form=form, **ab)
    # both quadratures converge to ~1e-11 relative; measured agreement ~1e-16
    assert got.rho_eg == pytest.approx(_double_integral(beta, form), rel=1e-9)


# ------------------------------------------------------------------ closed forms
def test_zero_temperature_closed_forms_ohmic():
    J = ohmic_exponential(LAM, CUTOFF)
    rwa = mean_force_coherence(OMEGA, 0.0, J)
    # ρ_eg = -∫ J/(ων) = -λΩ/ω, C = 2λΩ/ω (the benchmark value)
    assert rwa.rho_eg == pytest.approx(-LAM * CUTOFF / OMEGA, rel=1e-10)
    assert rwa.l1_coherence == pytest.approx(2 * LAM * CUTOFF / OMEGA, rel=1e-10)
    herm = mean_force_coherence(OMEGA, 0.0, J, form="hermitian", a=A, b=B)
    # ρ_eg = -2ab ∫ J/(ν(ν+ω)) = -2abλ e^{ω/Ω} E₁(ω/Ω)
    x = OMEGA / CUTOFF
    expected = -2 * A * B * LAM * math.exp(x) * float(special.exp1(x))
    assert herm.rho_eg == pytest.approx(expected, rel=1e-10)


def test_zero_temperature_closed_forms_super_ohmic():
    # any callable J: J = λν³e^{-ν/Ω}/Ω². RWA: -2λΩ/ω. Hermitian: -2ab λ/Ω² ∫ν²e^{-ν/Ω}/(ν+ω)
    # = -2ab λ/Ω² [Ω² - ωΩ + ω² e^{ω/Ω}E₁(ω/Ω)].
    omega = 0.7

    def J(nu):
        return LAM * nu**3 * math.exp(-nu / CUTOFF) / CUTOFF**2

    x = omega / CUTOFF
    assert mean_force_coherence(omega, 0.0, J).rho_eg == pytest.approx(
        -2 * LAM * CUTOFF / omega, rel=1e-10
    )
    expected = (
        -2
        * A
        * B
        * LAM
        / CUTOFF**2
        * (CUTOFF**2 - omega * CUTOFF + omega**2 * math.exp(x) * float(special.exp1(x)))
    )
    got = mean_force_coherence(omega, 0.0, J, form="hermitian", a=A, b=B).rho_eg
    assert got == pytest.approx(expected, rel=1e-10)


def test_high_temperature_series():
    # ω - ν coth(βν/2) tanh(βω/2) = -(β²ω/12)(ν² - ω²)[1 - β²(ν² + 6ω²)/60 + O(β⁴)], so for
    # the Ohmic-exponential bath ρ_eg = a₂/T² + a₄/T⁴ + O(T⁻⁶) with
    # RWA: a₂ = -λΩ(Ω+ω)/12, a₄ = λ(6Ω⁴ + 2ωΩ³ + 6ω²Ω² + 6ω³Ω)/720;
    # Hermitian: a₂ = -abωλΩ/6, a₄ = abωλ(2Ω³ + 6ω²Ω)/360.
    lam, cut, w, ab = LAM, CUTOFF, OMEGA, A * B
    series = {
        "rwa": (
            -lam * cut * (cut + w) / 12,
            lam * (6 * cut**4 + 2 * w * cut**3 + 6 * w**2 * cut**2 + 6 * w**3 * cut) / 720,
        ),
        "hermitian": (-ab * w * lam * cut / 6, ab * w * lam * (2 * cut**3 + 6 * w**2 * cut) / 360),
    }
    J = ohmic_exponential(lam, cut)
    temps = np.array([100.0, 200.0, 1e6])
    for form, (a2, a4) in series.items():
        ab_kw = {"a": A, "b": B} if form == "hermitian" else {}
        rho = mean_force_coherence(w, temps, J, form=form, **ab_kw).rho_eg
        # 1/T² law: T²ρ -> a₂, off by a₄/(a₂T²) ~ 2e-4 at T = 100
        np.testing.assert_allclose(rho * temps**2, a2, rtol=3e-4)
        assert rho[2] * temps[2] ** 2 == pytest.approx(a2, rel=1e-10)
        # next term: (T²ρ - a₂)T² -> a₄, off by O((Ω/T)²) ~ 3e-4 at T = 200
        assert (rho[1] * temps[1] ** 2 - a2) * temps[1] ** 2 == pytest.approx(a4, rel=1e-3)


def test_low_temperature_law_rwa():
    # For ν ≪ ω the kernel is -1/(ων) + 2n(ν)/ω² + O(e^{-βω}), so ρ_eg(T) - ρ_eg(0)
    # = (2λ/ω²)∫ν e^{-ν/Ω} n(ν) dν = λπ²T²/(3ω²) + O(T³); Richardson in T removes the T³ term.
    J = ohmic_exponential(LAM, CUTOFF)
    r = mean_force_coherence(OMEGA, [0.0, 0.005, 0.01], J).rho_eg
    d1, d2 = (r[1] - r[0]) / 0.005**2, (r[2] - r[0]) / 0.01**2
    assert 2 * d1 - d2 == pytest.approx(LAM * math.pi**2 / 3, rel=1e-3)


def test_infinite_temperature_is_exactly_zero_and_curve_is_monotone():
    J = ohmic_exponential(LAM, CUTOFF)
    temps = np.concatenate([np.linspace(0, 3, 31), [math.inf]])
    res = mean_force_coherence(OMEGA, temps, J)
    assert res.rho_eg[-1] == 0.0
    assert res.abserr[-1] == 0.0
    assert np.all(np.diff(res.l1_coherence) < 0)


# ------------------------------------------------------------------ result object and Fig. 1(a)
def test_result_shapes_and_derived_quantities():
    J = ohmic_exponential(LAM, CUTOFF)
    scalar = mean_force_coherence(OMEGA, 0.3, J)
    assert isinstance(scalar.rho_eg, float)
    assert scalar.l1_coherence == 2 * abs(scalar.rho_eg)
    assert scalar.sigma_x == 2 * scalar.rho_eg
    assert scalar.rho_eg < 0
    assert "MeanForceCoherence(form='rwa'" in repr(scalar)
    grid = mean_force_coherence(OMEGA, [[0.1, 0.3], [0.5, 0.7]], J, form="hermitian")
    assert isinstance(grid, MeanForceCoherence)
    assert grid.rho_eg.shape == (2, 2)
    assert grid.prefactor == 2.0  # a = b = 1 by default
    assert grid.rho_eg[0, 1] == pytest.approx(
        mean_force_coherence(OMEGA, 0.3, J, form="hermitian").rho_eg, rel=1e-14
    )


def test_fig1a_curve_benchmark_values():
    c = fig1a_mean_force_curve([0.0, 0.5, math.inf])
    assert c[0] == pytest.approx(2 * 1e-3 * 5.0, rel=1e-10)  # C = 2λΩ/ω₂ = 0.01
    assert 0 < c[1] < c[0]
    assert c[2] == 0.0
    h = fig1a_mean_force_curve(0.0, form="hermitian")  # a = b = 1/√2: C = 2λ e^{ω/Ω}E₁(ω/Ω)
    assert float(h) == pytest.approx(2 * 1e-3 * math.exp(0.2) * float(special.exp1(0.2)), rel=1e-9)


# ------------------------------------------------------------------ bad input
J_OK = ohmic_exponential(LAM, CUTOFF)


@pytest.mark.parametrize("omega", [0.0, -1.0])
def test_bad_omega(omega):
    with pytest.raises(ParameterError, match=rf"omega must be > 0, got omega={omega}"):
        mean_force_coherence(omega, 0.1, J_OK)


def test_nan_omega():
    with pytest.raises(ParameterError, match=r"omega must be a finite real number, got omega=nan"):
        mean_force_kernel(math.nan, 1.0, 0.1)


@pytest.mark.parametrize("temperature", [-0.1, math.nan, [0.1, -2.0]])
def test_bad_temperature(temperature):
    with pytest.raises(ParameterError, match=r"temperature must be >= 0 \(0 and math.inf"):
        mean_force_coherence(OMEGA, temperature, J_OK)


def test_temperature_not_a_number():
    with pytest.raises(TypeError, match=r"temperature must be a real number"):
        mean_force_coherence(OMEGA, "hot", J_OK)


def test_bad_form():
    with pytest.raises(
        ParameterError, match=r"form must be one of 'rwa', 'hermitian'; got form='xy'"
    ):
        mean_force_coherence(OMEGA, 0.1, J_OK, form="xy")  # type: ignore[arg-type]


def test_a_b_only_with_hermitian_form():
    with pytest.raises(ParameterError, match=r"a and b apply only to form='hermitian'.*a=0.5"):
        mean_force_coherence(OMEGA, 0.1, J_OK, a=0.5)


def test_non_finite_a():
    with pytest.raises(ParameterError, match=r"a must be a finite real number, got a=inf"):
        mean_force_kernel(OMEGA, 1.0, 0.1, form="hermitian", a=math.inf)


def test_spectral_density_not_callable():
    with pytest.raises(TypeError, match=r"spectral_density must be a callable J\(nu\)"):
        mean_force_coherence(OMEGA, 0.1, 1e-3)  # type: ignore[arg-type]


def test_spectral_density_returns_nan():
    with pytest.raises(ParameterError, match=r"spectral_density must be finite for nu > 0"):
        mean_force_coherence(OMEGA, 0.1, lambda _nu: math.nan)


def test_spectral_density_returns_non_real():
    with pytest.raises(TypeError, match=r"spectral_density must return a real number, got 1j"):
        mean_force_coherence(OMEGA, 0.1, lambda _nu: 1j)


@pytest.mark.parametrize(
    ("J", "where"),
    [
        (lambda _nu: 1e-3, "0"),  # J/ν ~ 1/ν at 0: log-divergent
        (lambda nu: nu**-0.5 * math.exp(-nu), "0"),
        (lambda nu: 1e-3 * nu, "infinity"),  # Ohmic without cutoff
    ],
)
def test_spectral_density_must_vanish_at_both_ends(J, where):
    with pytest.raises(ParameterError, match=rf"spectral_density must vanish as nu -> {where}"):
        mean_force_coherence(OMEGA, 0.1, J)


def test_quadrature_failure_is_reported():
    def wild(nu):  # integrable, but too oscillatory for 200 adaptive subintervals
        return nu * math.exp(-nu) * (1 + math.sin(1e6 * nu))

    with pytest.raises(
        ConvergenceError, match=r"frequency integral over \[0, 1\] did not converge"
    ):
        mean_force_coherence(OMEGA, 0.5, wild)


@pytest.mark.parametrize("rtol", [0.0, 0.1])
def test_bad_rtol(rtol):
    with pytest.raises(ParameterError, match=r"rtol must be"):
        mean_force_coherence(OMEGA, 0.1, J_OK, rtol=rtol)


def test_bad_ohmic_parameters():
    with pytest.raises(ParameterError, match=r"cutoff must be > 0, got cutoff=0"):
        ohmic_exponential(1e-3, 0)
    with pytest.raises(ParameterError, match=r"lam must be a finite real number, got lam=nan"):
        ohmic_exponential(math.nan, 5.0)


@pytest.mark.parametrize("frequency", [0.0, -1.0, math.inf, [1.0, math.nan]])
def test_bad_kernel_frequency(frequency):
    with pytest.raises(ParameterError, match=r"frequency must be finite and > 0"):
        mean_force_kernel(OMEGA, frequency, 0.1)


def test_kernel_needs_scalar_temperature():
    with pytest.raises(ParameterError, match=r"temperature must be a scalar here.*shape \(2,\)"):
        mean_force_kernel(OMEGA, 1.0, [0.1, 0.2])


@pytest.mark.parametrize("omega", [1e-200, 1e-12, 1e-3, 0.05, 7.0, 1e12, 1e200])
@pytest.mark.parametrize("form", ["rwa", "hermitian"])
def test_mean_force_coherence_is_scale_free(omega, form):
    # J(ν) = λ ν e^{-ν/Ω} with Ω ∝ ω and T ∝ ω: ρ_eg depends on ratios only. Before, quad's
    # semi-infinite rule missed the peak at ν ~ ω = 1e-12 (94% off), and ω = 1e-200 divided
    # by ω ν = 0.
    temps = np.array([0.0, 0.3, 2.0])
    ref = mean_force_coherence(1.0, temps, ohmic_exponential(1e-3, 5.0), form=form).rho_eg
    got = mean_force_coherence(
        omega, temps * omega, ohmic_exponential(1e-3, 5.0 * omega), form=form
    ).rho_eg
    np.testing.assert_allclose(got, ref, rtol=1e-12)
