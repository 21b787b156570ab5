"""collision/closed_form.py: PRA104 Bloch equations and closed forms against the Liouvillian.

Routes compared: the closed forms (B2)-(B13), (10), (11) versus the Liouvillian built from the
general partial trace of Eq. (A5) (master_equation.py), and versus Eq. (8) itself at large N.
"""

import math

import numpy as np
import pytest

from autocoherence.collision import closed_form as cf
from autocoherence.collision.generator.master_equation import lindblad_operators, liouvillian
from autocoherence.collision.interactions import Composite
from autocoherence.errors import NonUniqueSteadyStateError, ParameterError
from autocoherence.spaces import (
    Oscillator,
    Qubit,
    sigma_minus,
    sigma_plus,
    sigma_x,
    sigma_y,
    sigma_z,
)
from autocoherence.states import cluster_moments, thermal_state

PAULI = (sigma_x(), sigma_y(), sigma_z())


def _affine_bloch_map(L):
    """(B, c) with d<σ>/dt = B<σ> + c, read off a qubit Liouvillian (row-major vec)."""

    def deriv(rho):
        drho = (L @ rho.reshape(-1)).reshape(2, 2)
        return np.array([np.real(np.trace(p @ drho)) for p in PAULI])

    c = deriv(np.eye(2) / 2)
    B = np.array([deriv(np.eye(2) / 2 + p / 2) - c for p in PAULI]).T
    return B, c


@pytest.mark.parametrize("rwa", [True, False])
@pytest.mark.parametrize(
    ("unit", "n", "temperature"),
    [
        (Qubit(1.0), 1, 0.0),
        (Qubit(0.7), 3, 0.45),
        (Qubit(1.0), 2, math.inf),
        (Oscillator(1.0, 70), 1, 0.6),
        (Oscillator(1.3, 40), 2, 0.0),
    ],
)
def test_bloch_equations_match_liouvillian(rwa, unit, n, temperature):
    """(B2)-(B6) [RWA] and (B12)-(B13) [Rabi] versus the (A5) Liouvillian (exact, 1e-10)."""
    f1, f2, omega = 0.23, -0.41, 1.2
    coupling = Composite(f1, f2, rwa=rwa)
    target = Qubit(omega)
    rho_b = thermal_state(unit, temperature, tail_tol=1e-13)
    L = liouvillian(
        target.hamiltonian(), lindblad_operators(coupling.terms(target, unit), rho_b, n)
    )
    B_num, c_num = _affine_bloch_map(L)
    a, c = cluster_moments(unit, n, temperature)
    B, cvec = cf.bloch_equations(f1, f2, omega, a, c, rwa=rwa)
    # truncated oscillators shift moments by dim·p_{dim-1} < 1e-11 for these dims
    assert np.allclose(B_num, B, atol=1e-10)
    assert np.allclose(c_num, cvec, atol=1e-10)


@pytest.mark.parametrize("sign", [+1, -1])
def test_b1_identities_with_corrected_signs(sign):
    """Eq. (B1): tr{𝓛[f1σz + f2σ±]ρ σ_i}. The paper prints ∓2f1f2 in (B1a) and ±f2² in (B1c);
    with σ₋ = |g⟩⟨e| (upper sign σ₋) the correct signs are ±2f1f2 and ∓f2² (docs/discrepancies.md).
    """
    f1, f2 = 0.3, 0.5
    op = sigma_minus() if sign == +1 else sigma_plus()
    s = f1 * sigma_z() + f2 * op
    rng = np.random.default_rng(1)
    x, y, z = rng.uniform(-0.5, 0.5, 3)
    rho = 0.5 * (np.eye(2) + x * PAULI[0] + y * PAULI[1] + z * PAULI[2])
    lind = s @ rho @ s.conj().T - 0.5 * (s.conj().T @ s @ rho + rho @ s.conj().T @ s)
    tx, ty, tz = (np.real(np.trace(lind @ p)) for p in PAULI)
    K = 2 * f1**2 + f2**2 / 2
    assert tx == pytest.approx(-K * x + f1 * f2 * z + sign * 2 * f1 * f2, abs=1e-14)
    assert ty == pytest.approx(-K * y, abs=1e-14)
    assert tz == pytest.approx(-(f2**2) * z + f1 * f2 * x - sign * f2**2, abs=1e-14)


def test_b11_identities_rabi():
    f1, f2 = 0.3, 0.5
    s = f1 * sigma_z() + f2 * sigma_x()
    x, y, z = 0.1, -0.2, 0.3
    rho = 0.5 * (np.eye(2) + x * PAULI[0] + y * PAULI[1] + z * PAULI[2])
    lind = s @ rho @ s - 0.5 * (s @ s @ rho + rho @ s @ s)
    tx, ty, tz = (np.real(np.trace(lind @ p)) for p in PAULI)
    assert (tx, ty, tz) == pytest.approx(
        (
            -2 * f1**2 * x + 2 * f1 * f2 * z,
            -2 * (f1**2 + f2**2) * y,
            -2 * f2**2 * z + 2 * f1 * f2 * x,
        ),
        abs=1e-14,
    )


@pytest.mark.parametrize(("f1", "f2"), [(0.3, 0.6), (-0.2, 0.5), (0.7, -0.1), (0.0, 0.4)])
@pytest.mark.parametrize(("a", "c"), [(1.0, 1.0), (3.0, 1.2), (5.5, 3.0), (2.0, 0.0)])
def test_steady_bloch_solves_bloch_equations(f1, f2, a, c):
    """(B7)-(B9) is the fixed point of (B2): B s + c = 0; C_ss of Eq. (3) equals (B10)."""
    omega = 0.8
    x, y, z = cf.steady_state_bloch(f1, f2, omega, a, c)
    B, cvec = cf.bloch_equations(f1, f2, omega, a, c)
    assert np.allclose(B @ np.array([x, y, z]) + cvec, 0, atol=1e-14)
    Gamma = (2 * f1**2 + f2**2 / 2) * a
    assert cf.steady_state_coherence(f1, f2, omega, a, c) == pytest.approx(
        abs(x) * math.sqrt(1 + (omega / Gamma) ** 2), abs=1e-14
    )
    assert cf.steady_state_coherence(f1, f2, omega, a, c) >= 0


def test_vectorised_equals_scalar():
    f2 = np.linspace(0.1, 1.0, 7)[:, None]
    temps = np.array([0.0, 0.3, 1.0, np.inf])[None, :]
    pol = np.tanh(0.5 / np.where(temps == 0, 1e-300, temps))
    grid = cf.steady_state_coherence(0.3, f2, 1.0, 3.0, 3.0 * pol)
    assert grid.shape == (7, 4)
    for i in range(7):
        for j in range(4):
            scalar = cf.steady_state_coherence(0.3, f2[i, 0], 1.0, 3.0, 3.0 * pol[0, j])
            assert grid[i, j] == scalar


@pytest.mark.parametrize("temperature", [0.0, 0.3, 1.0, 5.0])
def test_large_n_limits_eq10_eq11(temperature):
    """Eqs. (10), (11) and ⟨σz⟩ ≈ -tanh(1 - f1C₀/f2) are the N → ∞ limits of (8), (B9):
    at N = 10⁶ the corrections are O(ω²/(N²K L)) ≈ 1e-11."""
    f2 = 0.6
    f1 = f2 / math.sqrt(2)
    a, c = cluster_moments(Qubit(1.0), 10**6, temperature)
    pol = c / a
    x, y, z = cf.steady_state_bloch(f1, f2, 1.0, a, c)
    assert np.hypot(x, y) == pytest.approx(
        cf.steady_state_coherence_large_n(f1, f2, pol), abs=1e-10
    )
    assert z == pytest.approx(cf.sigma_z_large_n(f1, f2, pol), abs=1e-10)
    assert cf.steady_state_purity(x, y, z) == pytest.approx(
        cf.purity_large_n(f1, f2, pol), abs=1e-10
    )
    # the printed form of Eq. (11)
    c0 = cf.coherence_bound(f1, f2)
    assert cf.purity_large_n(f1, f2, pol) == pytest.approx(
        0.5 + (0.5 + f2**2 / (8 * f1**2)) * c0**2 * pol**2, abs=1e-15
    )


def test_coherence_bound_maximum():
    """C₀ reaches 1/√2 at f2 = √2 f1 (below Eq. (10))."""
    f2 = np.linspace(0.01, 3, 3001)
    c0 = cf.coherence_bound(1.0, f2)
    assert c0.max() == pytest.approx(1 / math.sqrt(2), abs=1e-6)
    assert f2[c0.argmax()] == pytest.approx(math.sqrt(2), abs=1e-3)


def test_ssc_monotone_in_cluster_size_and_below_bound():
    f2 = 0.6
    f1 = f2 / math.sqrt(2)
    n = np.arange(1, 200)
    c = cf.steady_state_coherence(f1, f2, 1.0, n, n * 1.0)
    assert np.all(np.diff(c) > 0)
    assert np.all(c < cf.coherence_bound(f1, f2))


def test_rabi_form_has_no_steady_coherence():
    assert cf.steady_state_coherence(0.3, 0.5, 1.0, 2.0, 1.0, rwa=False) == 0.0
    assert cf.steady_state_bloch(0.3, 0.5, 1.0, 2.0, 1.0, rwa=False) == (0.0, 0.0, 0.0)


def test_infinite_anticommutator_limit():
    """Oscillator units at T = inf: a = N coth → ∞, the state tends to I/2."""
    assert cf.steady_state_bloch(0.3, 0.5, 1.0, math.inf, 1.0) == (0.0, 0.0, 0.0)
    big = cf.steady_state_coherence(0.3, 0.5, 1.0, 1e8, 1.0)
    assert big < 1e-7
    assert cf.steady_state_coherence(0.3, 0.5, 1.0, math.inf, 1.0) == 0.0


def test_non_unique_steady_state_detected():
    with pytest.raises(NonUniqueSteadyStateError, match="f2 = 0"):
        cf.steady_state_bloch(0.3, 0.0, 1.0, 1.0, 1.0)
    with pytest.raises(NonUniqueSteadyStateError, match="omega = 0"):
        cf.steady_state_coherence(0.3, 0.2, 0.0, 1.0, 1.0, rwa=False)


def test_purity_dips_below_large_n_limit_at_intermediate_n():
    """docs/discrepancies.md: at T = 0 the purity of Eq. (8)/(B9) is not monotone in N and
    lies below the N ≫ 1 limit (11) for 3 ≲ N ≲ 15 (0.867 at N = 5 vs 0.875)."""
    f2 = 0.6
    f1 = f2 / math.sqrt(2)

    def purity(n):
        return float(cf.steady_state_purity(*cf.steady_state_bloch(f1, f2, 1.0, n, n)))

    limit = float(cf.purity_large_n(f1, f2, 1.0))
    assert purity(1) > purity(2) > purity(3) > purity(5)
    assert purity(5) < purity(8) < purity(15) < limit
    assert limit - purity(5) == pytest.approx(0.00815, abs=1e-4)


# ---------------------------------------------------------------------------------------
# Extreme couplings (issue 13 item 2): finite, and equal to the rescaled-parameter value.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from autocoherence.collision import transient_closed_form as tcf  # noqa: E402


def _textbook_bloch(f1, f2, omega, a, c):
    """The unscaled expressions of Eqs. (B7)-(B9) (what the module computed before)."""
    K = 2 * f1**2 + f2**2 / 2
    L = f1**2 + f2**2 / 2
    x = f1 * f2 * c * K * a / (a**2 * K * L + omega**2)
    return x, omega / (K * a) * x, (f1 / f2) * x - c / a


def test_rescaled_closed_forms_are_bit_for_bit_the_textbook_ones_in_range():
    rng = np.random.default_rng(7)
    n = 5000
    f1, f2, w = (rng.normal(size=n) * 10 ** rng.uniform(-3, 3, n) for _ in range(3))
    a = 10 ** rng.uniform(0, 3, n)
    c = a * rng.uniform(-1, 1, n)
    got, ref = cf.steady_state_bloch(f1, f2, w, a, c), _textbook_bloch(f1, f2, w, a, c)
    for g, r in zip(got, ref, strict=True):
        np.testing.assert_array_equal(g, r)
    K, L = 2 * f1**2 + f2**2 / 2, f1**2 + f2**2 / 2
    r = np.abs(c) * np.sqrt(w**2 + a**2 * K**2)
    np.testing.assert_array_equal(
        cf.steady_state_coherence(f1, f2, w, a, c), np.abs(f1 * f2) * r / (a**2 * K * L + w**2)
    )
    np.testing.assert_array_equal(cf.coherence_bound(f1, f2), np.abs(f1 * f2) / L)
    np.testing.assert_array_equal(
        cf.mean_a_hermitian(f1, f2, w, a), -f1 * f2 / (f1**2 + 2j * w / a)
    )


_exp = st.floats(-150.0, 150.0)
_unit = st.floats(0.1, 1.0)


@settings(max_examples=50, deadline=None)
@given(
    k=_exp,
    v1=_unit,
    v2=_unit,
    s1=st.sampled_from([-1.0, 1.0]),
    w=st.floats(0.05, 20.0),
    n=st.integers(1, 50),
    pol=st.floats(0.0, 1.0),
)
def test_closed_form_is_finite_and_scale_free_from_1e_150_to_1e150(k, v1, v2, s1, w, n, pol):
    lam = 10.0**k
    f1, f2 = s1 * v1 * lam, v2 * lam
    a, c = float(n), n * pol
    # rates a f² and ω scale together: the steady state depends only on the ratios
    got = cf.steady_state_bloch(f1, f2, w * lam**2, a, c)
    ref = cf.steady_state_bloch(s1 * v1, v2, w, a, c)
    for g, r in zip(got, ref, strict=True):
        assert np.isfinite(g)
        assert g == pytest.approx(float(r), rel=1e-12, abs=1e-300)
    assert float(np.sum(np.square(got))) <= 1.0 + 1e-12
    coh = cf.steady_state_coherence(f1, f2, w * lam**2, a, c)
    assert coh == pytest.approx(float(np.hypot(ref[0], ref[1])), rel=1e-12, abs=1e-300)
    # fixed ω = 1: finite for every coupling scale, inside the Bloch ball
    fixed = cf.steady_state_bloch(f1, f2, 1.0, a, c)
    assert all(np.isfinite(v) for v in fixed)
    assert float(np.sum(np.square(fixed))) <= 1.0 + 1e-12
    assert np.isfinite(cf.steady_state_coherence(f1, f2, 1.0, a, c))
    assert cf.coherence_bound(f1, f2) == pytest.approx(float(cf.coherence_bound(s1 * v1, v2)))
    for fn in (cf.sigma_z_large_n, cf.purity_large_n, cf.steady_state_coherence_large_n):
        assert fn(f1, f2, pol) == pytest.approx(float(fn(s1 * v1, v2, pol)), rel=1e-12)
    assert np.isfinite(cf.mean_a_hermitian(f1, f2, 1.0, a))
    assert np.isfinite(cf.mean_a_rwa_weak(f1, f2, 1.0, a + 1.0, c))
    for peak in (tcf.peak_coherence_tls, tcf.peak_coherence_lho, tcf.peak_purity_tls):
        assert np.isfinite(peak(f1, f2, 1.0, n, -0.5, rwa=False))


@pytest.mark.parametrize(
    ("f1", "f2", "expected"),
    [
        (1e80, 1e80, (2 / 3, 0.0, -1 / 3)),  # a f² >> ω: the ω -> 0 limit of (B7)-(B9)
        (1e-200, 1e-200, (0.0, 0.0, -1.0)),  # f -> 0: the thermal state of the bath units
        (1.0, 1e-320, (0.0, 0.0, -1 / 3)),  # f2 -> 0+: z = -c ω²/(a(a²KL + ω²)) at f2 = 0
    ],
)
def test_extreme_couplings_that_gave_nan(f1, f2, expected):
    x, y, z = cf.steady_state_bloch(f1, f2, 1.0, 1.0, 1.0)
    np.testing.assert_allclose([x, y, z], expected, atol=1e-15)


def test_transient_routes_refuse_overflowing_rates_by_name():
    with pytest.raises(ParameterError, match="f1"):
        tcf.bloch_trajectory([0.0, 1.0], 1e200, 1e200, 1.0, 1.0, 1.0, -1.0)
    with pytest.raises(ParameterError, match="anticommutator"):
        tcf.bloch_rabi_b17([1.0], 1e200, 1e200, 1.0, 1.0, -1.0)
    x, y, z = tcf.bloch_trajectory([0.0, 1.0], 1e-200, 1e-200, 1.0, 1.0, 1.0, -1.0)
    np.testing.assert_array_equal(z, [-1.0, -1.0])
    np.testing.assert_array_equal(np.hypot(x, y), [0.0, 0.0])
