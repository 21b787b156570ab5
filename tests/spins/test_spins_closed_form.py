"""Closed forms of Local: limits, vectorisation and the relations the paper states between them.

Agreement with dense Gibbs numerics is in tests/integration/test_spins_closed_form_vs_dense.py.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from autocoherence.spins import closed_form as cf


def test_eq6_limits_are_exact():
    assert cf.direct_c1(1.0, 0.5, 0.7, 0.0) == pytest.approx(0.7 / math.hypot(1.0, 0.7), abs=1e-15)
    assert cf.direct_c1(1.0, 0.5, 0.7, math.inf) == 0.0
    assert cf.direct_c1(0.0, 0.5, 0.0, 0.3) == 0.0  # ω̄1 = 0: no NaN
    assert cf.direct_c1(1.0, 0.0, 0.7, 0.0) == 0.0  # ω2 = 0: tanh(0/0) -> 0, no NaN


def test_vectorised_over_temperature_and_parameters():
    temps = np.array([0.0, 0.1, 1.0, math.inf])
    c = cf.direct_c1(1.0, 0.5, 0.7, temps)
    assert c.shape == (4,)
    np.testing.assert_allclose(c, [cf.direct_c1(1.0, 0.5, 0.7, float(t)) for t in temps])
    grid = cf.direct_c1(1.0, np.array([[0.5], [1.0]]), np.array([0.1, 0.7, 2.0]), 0.3)
    assert grid.shape == (2, 3)
    assert isinstance(cf.direct_c1(1.0, 0.5, 0.7, 0.3), float)


def test_eq6_is_monotone_decreasing_in_temperature():
    c = cf.direct_c1(1.0, 0.5, 0.7, np.linspace(0.0, 5.0, 200))
    assert np.all(np.diff(c) <= 1e-15)


def test_eq7_tends_to_eq6_at_low_temperature():
    for t in (0.02, 0.05):
        assert cf.direct_c1_low_t(1.0, 0.5, 0.7, t) == pytest.approx(
            cf.direct_c1(1.0, 0.5, 0.7, t), abs=10 * math.exp(-1.0 / t)
        )
    assert cf.direct_c1_low_t(1.0, 0.5, 0.7, 0.0) == cf.direct_c1(1.0, 0.5, 0.7, 0.0)


def test_statements_below_eq7():
    # weak coupling C1 ≈ γ/ω1, strong coupling C1 ≈ 1 - ω1²/(2γ²)
    assert cf.direct_c1(1.0, 0.5, 1e-3, 0.0) == pytest.approx(1e-3, rel=1e-6)
    assert cf.direct_c1(1.0, 0.5, 100.0, 0.0) == pytest.approx(1 - 1 / (2 * 100.0**2), abs=1e-8)


def test_eqB1_is_the_high_temperature_limit_of_eq6():
    t = 1e3
    assert cf.direct_c1_high_t(0.5, 0.7, t) == pytest.approx(
        cf.direct_c1(1.0, 0.5, 0.7, t), rel=1e-6
    )
    assert cf.direct_c1_high_t(0.5, 0.7, math.inf) == 0.0


def test_eq8_and_eq16_are_squares_of_the_coherence():
    assert cf.direct_qfi_low_t(1.0, 0.7) == pytest.approx(cf.direct_c1(1.0, 0.5, 0.7, 0.0) ** 2)
    assert cf.direct_n_qfi_low_t(1.0, [0.2, 0.3]) == pytest.approx(
        cf.direct_n_c1_low_t(1.0, [0.2, 0.3]) ** 2
    )


def test_eq15_with_one_source_is_eq7_at_zero_temperature():
    assert cf.direct_n_c1_low_t(1.0, [0.7]) == pytest.approx(cf.direct_c1(1.0, 0.5, 0.7, 0.0))
    assert cf.direct_n_c1_low_t(1.0, [0.35, 0.35]) == pytest.approx(
        cf.direct_c1(1.0, 0.5, 0.7, 0.0)
    )


def test_exact_direct_n_with_one_source_is_eq6():
    temps = np.array([0.0, 0.05, 0.3, 3.0, math.inf])
    np.testing.assert_allclose(
        cf.direct_n_c1(1.0, [0.5], [0.7], temps), cf.direct_c1(1.0, 0.5, 0.7, temps), atol=1e-15
    )


def test_exact_direct_n_degenerate_qubit_at_zero_temperature():
    # ω1 = 0 and Γ = 0 in the ground configuration: qubit 1 is degenerate, no coherence
    assert cf.direct_n_c1(0.0, [1.0, 1.0], [0.5, -0.5], 0.0) == 0.0


def test_eq10_weak_coupling_limit_of_first_line():
    args = (1.0, 0.8, 1e-4, 2e-4)
    assert cf.indirect_c2_low_t(*args) == pytest.approx(cf.indirect_c2_weak(*args), rel=1e-6)


def test_ratio_c2_over_c1_in_strong_coupling():
    # below Eq. (11): C2/C1 ≈ θ/√(θ² + γ²) for θ ≈ γ >> ω1, ω2
    g, th = 300.0, 200.0
    ratio = cf.indirect_c2_low_t(1.0, 1.0, g, th) / cf.direct_c1(1.0, 1.0, g, 0.0)
    assert ratio == pytest.approx(th / math.hypot(th, g), rel=5 / g)  # corrections O(ω/γ)


def test_eq11_leading_term():
    assert cf.indirect_optimal_gamma(0.3, 1.0, 0.0) == pytest.approx(0.3 ** (2 / 3))
    assert cf.indirect_optimal_gamma(1.0, 8.0, 0.0) == pytest.approx(2.0)


def test_ratio_c0_over_c1_below_eq13_and_eq18():
    # C0/C1 = x / √(1 + C1² x²), x = θ/ω0 (text below Eq. (13) and Eq. (18))
    w0, w1, g, th = 1.0, 0.8, 0.6, 1.7
    c1, x = cf.direct_c1(w1, 1.0, g, 0.0), th / w0
    assert cf.transferred_c0_low_t(w0, w1, g, th) / c1 == pytest.approx(
        x / math.sqrt(1 + c1**2 * x**2)
    )
    n = 3
    c1n = cf.direct_n_c1_low_t(w1, [g] * n)
    c0n = cf.transferred_n_c0_low_t(w0, w1, th, g, n)
    assert c0n / c1n == pytest.approx(x / math.sqrt(1 + c1n**2 * x**2))


def test_eqC9_with_one_source_is_eq13():
    assert cf.transferred_n_c0_low_t(1.0, 0.7, 0.5, 0.4, 1) == pytest.approx(
        cf.transferred_c0_low_t(1.0, 0.7, 0.4, 0.5)
    )


def test_eq17_with_one_source_is_eq10_weak():
    # (C4) with N = 1 is (9) with the target as qubit 2: ω_T -> ω2, ω_j -> ω1, θ = γ
    assert cf.indirect_n_ct_low_t(0.8, 1.0, 0.05, 1) == pytest.approx(
        cf.indirect_c2_weak(1.0, 0.8, 0.05, 0.05)
    )


def test_high_t_forms_with_one_source_match_two_qubit_forms():
    t = 7.0
    assert cf.indirect_n_ct_high_t(0.8, [0.3], [0.4], t) == pytest.approx(
        cf.indirect_c2_high_t(0.8, 0.3, 0.4, t)
    )
    assert cf.direct_n_c1_high_t([0.5], [0.7], t) == pytest.approx(cf.direct_c1_high_t(0.5, 0.7, t))
    assert cf.transferred_n_c0_high_t(0.4, [1.3], [0.3], t) == pytest.approx(
        cf.transferred_c0_high_t(1.3, 0.3, 0.4, t)
    )


def test_eqC2_paper_form_for_identical_sources():
    # paper: Σ_j γ_j ω2 / (4T²)
    assert cf.direct_n_c1_high_t([0.5] * 3, [0.1, 0.2, 0.3], 2.0) == pytest.approx(0.6 * 0.5 / 16)


def test_eqC9_saturates_with_n():
    # limited capacity of the θ channel: C0^N -> θ/√(θ² + ω0²) as N -> inf
    c = [cf.transferred_n_c0_low_t(1.0, 0.5, 0.5, 0.5, n) for n in (1, 7, 10_000)]
    assert c[0] < c[1] < c[2] < 0.5 / math.hypot(0.5, 1.0)
    assert c[2] == pytest.approx(0.5 / math.hypot(0.5, 1.0), rel=1e-6)
