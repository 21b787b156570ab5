"""Every closed form of Local (Kolář & Filip) against dense Gibbs numerics, inside its regime.

Tolerances (each justified where it is used):

* exact formulas: 1e-12 (rounding of a 2^n eigendecomposition, n <= 8);
* T = 0 formulas at small T > 0: |C(T) - C(0)| <= 2 (1 - p0(T)), with p0 the ground-level
  population, since C(T) - C(0) = |Σ_{k>=1} p_k (v_k - v_0)| with |v_k - v_0| <= 2 for the
  local (x, y) Bloch components v_k of every eigenstate;
* high-T asymptotes: the first neglected term of exp(-H/T) is (‖H‖/T)² smaller than the kept
  one, so the relative error is <= (‖H‖/T)² (spectral norm ‖H‖);
* weak-coupling forms: relative error O(g²/ω²) from fourth-order perturbation theory.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from autocoherence.spins import (
    SpinNetwork,
    direct,
    direct_n,
    indirect,
    indirect_n,
    transferred,
    transferred_n,
)
from autocoherence.spins import closed_form as cf

EXACT = 1e-12


def ground_population(net: SpinNetwork, temperature: float) -> float:
    e = np.linalg.eigvalsh(net.hamiltonian)
    w = np.exp(-(e - e[0]) / temperature)
    return float(w[0] / w.sum())


def low_t_tolerance(net: SpinNetwork, temperature: float) -> float:
    return 2.0 * (1.0 - ground_population(net, temperature)) + EXACT


def high_t_rel_tolerance(net: SpinNetwork, temperature: float) -> float:
    return (np.linalg.norm(net.hamiltonian, 2) / temperature) ** 2


DIRECT_PARAMS = [(1.0, 0.5, 0.7), (1.0, 1.3, 0.2), (0.3, 2.0, 3.0), (2.0, 0.1, 0.05)]


# ------------------------------------------------------------------ (6), (7), (8), (B1)
@pytest.mark.parametrize(("w1", "w2", "g"), DIRECT_PARAMS)
def test_eq6_exact_at_every_temperature(w1, w2, g):
    net = direct(w1, w2, g)
    temps = [0.0, 0.01, 0.1, 0.5, 1.0, 5.0, 100.0, math.inf]
    np.testing.assert_allclose(
        net.local_coherence(0, temps, method="dense"), cf.direct_c1(w1, w2, g, temps), atol=EXACT
    )
    np.testing.assert_allclose(
        net.local_coherence(1, temps, method="dense"), 0.0, atol=EXACT
    )  # C2 = 0


def test_eq6_negative_omega2_and_zero_coupling():
    for w1, w2, g in [(1.0, -0.5, 0.7), (1.0, 0.5, 0.0), (0.0, 0.5, 0.7)]:
        for t in (0.0, 0.3):
            c = direct(w1, w2, g).gibbs(t, method="dense").l1_coherence(0)
            assert cf.direct_c1(w1, w2, g, t) == pytest.approx(c, abs=EXACT)


@pytest.mark.parametrize(("w1", "w2", "g"), DIRECT_PARAMS)
@pytest.mark.parametrize("temperature", [0.02, 0.05, 0.1])
def test_eq7_low_temperature(w1, w2, g, temperature):
    # error of (7) with both corrections: 4 q_a q_b + 2 q_a^2 + 2 q_b^2 (q = exp(-ω/T))
    # from tanh(x/2T) = 1 - 2q + 2q^2 - ...; 1.5x margin for the next order.
    wb = math.hypot(w1, g)
    qa, qb = math.exp(-w2 / temperature), math.exp(-wb / temperature)
    bound = (g / wb) * (4 * qa * qb + 2 * qa**2 + 2 * qb**2)
    dense = direct(w1, w2, g).gibbs(temperature, method="dense").l1_coherence(0)
    assert abs(cf.direct_c1_low_t(w1, w2, g, temperature) - dense) <= 1.5 * bound + EXACT


def test_eq7_as_printed_misses_the_source_correction():
    # Paper's (7) keeps only exp(-ω̄1/T). With ω1 < ω2 < ω̄1 (allowed by "ω1 < ω2") the
    # dropped -2 exp(-ω2/T) dominates: the printed form is off by ~2 (γ/ω̄1) exp(-ω2/T).
    w1, w2, g, t = 0.3, 0.5, 1.0, 0.1
    wb = math.hypot(w1, g)
    dense = direct(w1, w2, g).gibbs(t, method="dense").l1_coherence(0)
    printed = g / wb * (1 - 2 * math.exp(-wb / t))
    ours = cf.direct_c1_low_t(w1, w2, g, t)
    assert abs(printed - dense) == pytest.approx(2 * g / wb * math.exp(-w2 / t), rel=0.05)
    assert abs(ours - dense) < 0.01 * abs(printed - dense)


@pytest.mark.parametrize(("w1", "w2", "g"), DIRECT_PARAMS)
def test_eq8_qfi_at_zero_temperature(w1, w2, g):
    assert direct(w1, w2, g).gibbs(0.0, method="dense").qfi(0) == pytest.approx(
        cf.direct_qfi_low_t(w1, g), abs=EXACT
    )


@pytest.mark.parametrize(("w1", "w2", "g"), DIRECT_PARAMS[:3])
@pytest.mark.parametrize("temperature", [30.0, 100.0])
def test_eqB1_high_temperature(w1, w2, g, temperature):
    net = direct(w1, w2, g)
    dense = net.gibbs(temperature, method="dense").l1_coherence(0)
    rel = abs(cf.direct_c1_high_t(w2, g, temperature) / dense - 1)
    # next term of tanh x = x - x^3/3: relative error (ω2² + ω̄1²)/(12 T²) <= (‖H‖/T)²
    assert rel <= (w2**2 + w1**2 + g**2) / (12 * temperature**2) * 1.05
    assert rel <= high_t_rel_tolerance(net, temperature)


# ------------------------------------------------------------------ (10), (11), (B2)
INDIRECT_PARAMS = [
    (1.0, 1.0, 0.5, 0.5),
    (0.2, 1.0, 0.07, 0.07),
    (0.5, 1.0, 0.3, 0.8),
    (1.0, 2.0, 3.0, 0.5),
]


@pytest.mark.parametrize(("w1", "w2", "g", "th"), INDIRECT_PARAMS)
def test_eq10_exact_in_ground_state(w1, w2, g, th):
    net = indirect(w1, w2, g, th)
    assert net.gibbs(0.0, method="dense").l1_coherence(1) == pytest.approx(
        cf.indirect_c2_low_t(w1, w2, g, th), abs=EXACT
    )
    for t in (0.02, 0.05):
        dense = net.gibbs(t, method="dense").l1_coherence(1)
        assert abs(cf.indirect_c2_low_t(w1, w2, g, th) - dense) <= low_t_tolerance(net, t)


def test_indirect_c1_at_zero_temperature_equals_direct_eq7():
    # The text says C1 of model (9) at low T is ~1% below (7); numerics give exact equality
    # at T = 0 (docs/discrepancies.md).
    rng = np.random.default_rng(2024)
    for w1, w2, g, th in [*INDIRECT_PARAMS, *rng.uniform(0.1, 3.0, size=(6, 4))]:
        c1 = indirect(w1, w2, g, th).gibbs(0.0, method="dense").l1_coherence(0)
        assert c1 == pytest.approx(g / math.hypot(w1, g), abs=EXACT)


@pytest.mark.parametrize(
    ("w1", "w2", "g", "th"),
    [(1.0, 1.0, 0.01, 0.01), (0.5, 1.0, 0.02, 0.03), (1.0, 0.5, 0.05, 0.02)],
)
def test_eq10_weak_coupling(w1, w2, g, th):
    dense = indirect(w1, w2, g, th).gibbs(0.0, method="dense").l1_coherence(1)
    # next order of perturbation theory: relative O((γ² + θ²)/ω²)
    rel = abs(cf.indirect_c2_weak(w1, w2, g, th) / dense - 1)
    assert rel <= 2 * (g**2 + th**2) / min(w1, w2) ** 2


def _numerical_optimal_gamma(w1: float, w2: float, th: float) -> tuple[float, float]:
    res = minimize_scalar(
        lambda g: -indirect(w1, w2, g, th).gibbs(0.0, method="dense").l1_coherence(1),
        bounds=(1e-6, 10.0),
        method="bounded",
        options={"xatol": 1e-10},
    )
    return float(res.x), float(-res.fun)


@pytest.mark.parametrize("w1", [0.01, 0.1, 0.3])
@pytest.mark.parametrize("th", [0.1, 0.5])
def test_eq11_optimal_gamma_vs_numerical_maximisation(w1, th):
    w2 = 1.0
    g_num, c_max = _numerical_optimal_gamma(w1, w2, th)
    g_eq = cf.indirect_optimal_gamma(w1, w2, th)
    # (11) is the ω1 << ω2 asymptote; the θ -> 0 exact optimum solves s³ - 2ω1²s - ω1²ω2 = 0,
    # whose root differs from the leading term by ≈ (ω1/ω2)^{2/3}/5 relatively.
    assert abs(g_eq / g_num - 1) <= 0.25 * (w1 / w2) ** (2 / 3)
    assert indirect(w1, w2, g_eq, th).gibbs(0.0, method="dense").l1_coherence(1) >= 0.995 * c_max


def test_eq11_theta_dependence():
    # deep in the regime (ω1 = 1e-3 ω2) the θ² and θ⁴ terms of (11) predict the shift of the
    # optimum with θ; the omitted θ⁶ term is <= θ⁶/ω2⁶ ~ 2e-3 at θ = 0.5.
    w1, w2 = 1e-3, 1.0
    g0, _ = _numerical_optimal_gamma(w1, w2, 0.01)  # θ -> 0 reference (C2 = 0 at θ = 0)
    for th in (0.2, 0.5):
        g_num, _ = _numerical_optimal_gamma(w1, w2, th)
        ratio_eq = cf.indirect_optimal_gamma(w1, w2, th) / cf.indirect_optimal_gamma(w1, w2, 0.01)
        assert g_num / g0 == pytest.approx(ratio_eq, abs=2e-3)


@pytest.mark.parametrize("w1", [0.5, 1.0])
def test_eq11_gives_near_maximal_coherence_for_comparable_frequencies(w1):
    # "Fine tuning ... slight increase of C2 of a few percent": even at ω1 ~ ω2, where γ̄ itself
    # is off by up to ~21%, C2(γ̄) is within 2.5% of the maximum (measured: 2.4% at ω1 = ω2,
    # θ = 0.1; 1.4% at θ = 0.5).
    for th in (0.1, 0.5, 1.0):
        _, c_max = _numerical_optimal_gamma(w1, 1.0, th)
        c_eq = indirect(w1, 1.0, cf.indirect_optimal_gamma(w1, 1.0, th), th).gibbs(
            0.0, method="dense"
        )
        assert c_eq.l1_coherence(1) >= 0.975 * c_max


@pytest.mark.parametrize(("w1", "w2", "g", "th"), INDIRECT_PARAMS[:3])
@pytest.mark.parametrize("temperature", [30.0, 100.0])
def test_eqB2_high_temperature(w1, w2, g, th, temperature):
    net = indirect(w1, w2, g, th)
    dense = net.gibbs(temperature, method="dense").l1_coherence(1)
    rel = abs(cf.indirect_c2_high_t(w2, g, th, temperature) / dense - 1)
    assert rel <= high_t_rel_tolerance(net, temperature)


# ------------------------------------------------------------------ (13), (B3)
TRANSFERRED_PARAMS = [
    (1.0, 1.0, 1.3, 0.5, 0.5),
    (1.0, 1.3, 1.3, 0.5, 0.5),
    (1.0, 0.5, 1.3, 2.0, 2.0),
]


@pytest.mark.parametrize(("w0", "w1", "w2", "th", "g"), TRANSFERRED_PARAMS)
def test_eq13_exact_in_ground_state(w0, w1, w2, th, g):
    net = transferred(w0, w1, w2, th, g)
    c13 = cf.transferred_c0_low_t(w0, w1, g, th)
    assert net.gibbs(0.0, method="dense").l1_coherence(0) == pytest.approx(c13, abs=EXACT)
    for t in (0.02, 0.05):
        assert abs(c13 - net.gibbs(t, method="dense").l1_coherence(0)) <= low_t_tolerance(net, t)


@pytest.mark.parametrize(("w0", "w1", "w2", "th", "g"), TRANSFERRED_PARAMS[:2])
@pytest.mark.parametrize("temperature", [30.0, 100.0])
def test_eqB3_high_temperature(w0, w1, w2, th, g, temperature):
    net = transferred(w0, w1, w2, th, g)
    dense = net.gibbs(temperature, method="dense").l1_coherence(0)
    rel = abs(cf.transferred_c0_high_t(w2, g, th, temperature) / dense - 1)
    assert rel <= high_t_rel_tolerance(net, temperature)


# ------------------------------------------------------------------ (14)-(16), (C1)-(C3)
@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_eq15_eqC3_exact_in_ground_state(n):
    # sources ω_j = 1 > γ_j Σγ/ω̄: every source stays in |g> in the ground state
    net = direct_n(1.0, 1.0, 0.25, n=n)
    g0 = net.gibbs(0.0, method="dense")
    assert g0.l1_coherence(0) == pytest.approx(cf.direct_n_c1_low_t(1.0, [0.25] * n), abs=EXACT)
    assert g0.qfi(0) == pytest.approx(cf.direct_n_qfi_low_t(1.0, [0.25] * n), abs=EXACT)  # (16)
    for t in (0.02, 0.05):
        dense = net.gibbs(t, method="dense").l1_coherence(0)
        assert abs(cf.direct_n_c1_low_t(1.0, [0.25] * n) - dense) <= low_t_tolerance(net, t)


def test_eq15_different_sources():
    ws, gs = [1.0, 1.4, 0.9], [0.2, 0.35, 0.1]
    c = direct_n(0.8, ws, gs).gibbs(0.0, method="dense").l1_coherence(0)
    assert c == pytest.approx(cf.direct_n_c1_low_t(0.8, gs), abs=EXACT)


def test_direct_n_exact_formula_at_every_temperature():
    temps = [0.0, 0.01, 0.1, 0.5, 2.0, 50.0, math.inf]
    for w1, ws, gs in [(1.0, [0.5, 0.7, 1.1], [0.3, 0.2, 0.5]), (1.0, [0.1] * 4, [0.5] * 4)]:
        dense = direct_n(w1, ws, gs).local_coherence(0, temps, method="dense")
        np.testing.assert_allclose(cf.direct_n_c1(w1, ws, gs, temps), dense, atol=EXACT)


def test_eq15_needs_positive_source_frequencies():
    # a source with ω_j = -0.6 is excited in the ground state, where Γ = Σ s_j γ_j = 0: the
    # coherence vanishes, (15) (which assumes ω_j > 0) does not, the exact sum does.
    ws, gs = [1.0, -0.6], [0.5, 0.5]
    c = direct_n(1.0, ws, gs).gibbs(0.0, method="dense").l1_coherence(0)
    assert c == pytest.approx(cf.direct_n_c1(1.0, ws, gs, 0.0), abs=EXACT)
    assert c == pytest.approx(0.0, abs=EXACT)
    assert cf.direct_n_c1_low_t(1.0, gs) == pytest.approx(1 / math.sqrt(2))


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("temperature", [30.0, 100.0])
def test_eqC2_high_temperature(n, temperature):
    ws, gs = np.linspace(0.5, 1.0, n), np.linspace(0.2, 0.4, n)
    net = direct_n(1.0, ws, gs)
    dense = net.gibbs(temperature, method="dense").l1_coherence(0)
    rel = abs(cf.direct_n_c1_high_t(ws, gs, temperature) / dense - 1)
    assert rel <= high_t_rel_tolerance(net, temperature)


# ------------------------------------------------------------------ (17), (C4)-(C6)
@pytest.mark.parametrize("n", [1, 2, 3, 5])
@pytest.mark.parametrize(("wt", "w1", "g"), [(1.0, 1.0, 0.05), (1.0, 0.5, 0.02)])
def test_eq17_eqC6_weak_coupling(n, wt, w1, g):
    dense = indirect_n(wt, w1, g, g, n=n).gibbs(0.0, method="dense").l1_coherence(0)
    rel = abs(cf.indirect_n_ct_low_t(wt, w1, g, n) / dense - 1)
    # leading order in the collective coupling: relative error O(N γ²/ω²)
    assert rel <= n * (g / min(w1, wt)) ** 2


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("temperature", [30.0, 100.0])
def test_eqC5_high_temperature(n, temperature):
    net = indirect_n(1.0, 0.5, 0.5, 0.5, n=n)
    dense = net.gibbs(temperature, method="dense").l1_coherence(0)
    rel = abs(cf.indirect_n_ct_high_t(1.0, [0.5] * n, [0.5] * n, temperature) / dense - 1)
    assert rel <= high_t_rel_tolerance(net, temperature)
    # paper's identical-source form N γ² ω_T / (24 T³)
    assert cf.indirect_n_ct_high_t(1.0, [0.5] * n, [0.5] * n, temperature) == pytest.approx(
        n * 0.25 / (24 * temperature**3)
    )


def test_eqC5_different_sources():
    gs, ts, t = [0.3, 0.6], [0.5, 0.2], 50.0
    net = indirect_n(0.9, [0.4, 0.7], gs, ts)
    rel = abs(
        cf.indirect_n_ct_high_t(0.9, gs, ts, t) / net.gibbs(t, method="dense").l1_coherence(0) - 1
    )
    assert rel <= high_t_rel_tolerance(net, t)


# ------------------------------------------------------------------ (18), (C7)-(C9)
@pytest.mark.parametrize("n", [1, 2, 4, 6])
@pytest.mark.parametrize(
    ("w0", "th", "w1", "w2", "g"), [(1.0, 0.5, 0.5, 1.3, 0.5), (1.0, 0.5, 1.0, 1.3, 0.5)]
)
def test_eq18_eqC9_exact_in_ground_state(n, w0, th, w1, w2, g):
    net = transferred_n(w0, th, w1, w2, g, n=n)
    c18 = cf.transferred_n_c0_low_t(w0, w1, th, g, n)
    assert net.gibbs(0.0, method="dense").l1_coherence(0) == pytest.approx(c18, abs=EXACT)
    assert abs(c18 - net.gibbs(0.05, method="dense").l1_coherence(0)) <= low_t_tolerance(net, 0.05)


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("temperature", [30.0, 100.0])
def test_eqC8_high_temperature_with_derived_coefficient(n, temperature):
    ws, gs = np.linspace(1.0, 1.3, n), np.linspace(0.3, 0.5, n)
    net = transferred_n(1.0, 0.5, 0.7, ws, gs)
    dense = net.gibbs(temperature, method="dense").l1_coherence(0)
    rel = abs(cf.transferred_n_c0_high_t(0.5, ws, gs, temperature) / dense - 1)
    assert rel <= high_t_rel_tolerance(net, temperature)
    if n == 1:  # A = θγω2/8 reproduces (B3)
        assert cf.transferred_n_c0_high_t(0.5, ws, gs, temperature) == pytest.approx(
            cf.transferred_c0_high_t(ws[0], gs[0], 0.5, temperature)
        )
