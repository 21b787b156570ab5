"""The symmetry-reduced Gibbs route (issue 4): conserved quantities, large N, pruning, API.

Oracles: the commutators the reduction relies on (checked on dense matrices); the exact
closed form ``direct_n_c1`` (its own log Γ binomial sum); the paper's low-T forms (15)/(C3),
(17)/(C6), (18)/(C9), exact at T = 0 or with the stated weak-coupling error; the high-T forms
(C2), (C5), (C8) (relative error ≤ (scale/T)², scale the largest single-site energy, as in
tests/integration/test_spins_closed_form_vs_dense.py); the N → ∞ limits below (C9) and, for
(C4), the mean-field limit derived in the test. Equality with the dense route for N ≤ 8 is in
tests/integration/test_spins_symmetry_vs_dense.py.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autocoherence.errors import MethodNotApplicableError
from autocoherence.spins import (
    SpinNetwork,
    closed_form,
    direct,
    direct_n,
    indirect_n,
    transferred_n,
)
from autocoherence.spins.gibbs_symmetry import symmetry_bloch
from autocoherence.spins.pauli import parse_pauli, pauli_matrix

BIG = 10**6


def _site_op(letter: str, site: int, n_sites: int) -> np.ndarray:
    return pauli_matrix(parse_pauli(f"{letter}{site}"), n_sites)


# ------------------------------------------------------------ the conserved quantities
@pytest.mark.parametrize(
    "net",
    [
        direct_n(0.9, [0.5, 0.7, 0.4], [0.3, -0.2, 0.6]),
        transferred_n(1.0, 0.4, 0.7, [1.3, 0.5, 0.9], [0.5, 0.2, -0.3]),
    ],
)
def test_every_ancilla_sigma_z_is_conserved_eq14_C7(net):
    h = net.hamiltonian
    for site in range(net.structure.first_ancilla, net.n_sites):
        z = _site_op("Z", site, net.n_sites)
        assert np.abs(h @ z - z @ h).max() < 1e-14


def _total_spin_squared(sites: list[int], n_sites: int) -> np.ndarray:
    j = [sum(_site_op(a, s, n_sites) for s in sites) / 2 for a in "XYZ"]
    return sum(c @ c for c in j)


def test_total_spin_of_identical_ancillas_is_conserved_eqC4():
    net = indirect_n(1.0, 0.5, 0.3, 0.4, n=4)
    j2 = _total_spin_squared([1, 2, 3, 4], net.n_sites)
    assert np.abs(net.hamiltonian @ j2 - j2 @ net.hamiltonian).max() < 1e-13


def test_each_group_keeps_its_own_total_spin_eqC4():
    net = indirect_n(1.0, [0.5, 0.7, 0.5, 0.7], [0.3, 0.2, 0.3, 0.2], [0.4, 0.1, 0.4, 0.1])
    assert net.structure.members == (0, 1, 0, 1)
    h = net.hamiltonian
    for sites in ([1, 3], [2, 4]):
        j2 = _total_spin_squared(sites, net.n_sites)
        assert np.abs(h @ j2 - j2 @ h).max() < 1e-13
    j2_all = _total_spin_squared([1, 2, 3, 4], net.n_sites)
    assert np.abs(h @ j2_all - j2_all @ h).max() > 1e-3  # different groups mix their spins


# ------------------------------------------------------------------ routing and the API
def test_auto_picks_symmetry_for_the_n_presets_and_dense_otherwise():
    assert direct_n(1.0, 0.5, 0.2, n=3).gibbs(0.3).method == "symmetry"
    assert transferred_n(1.0, 0.5, 0.5, 1.3, 0.5, n=2).gibbs_route() == "symmetry"
    assert indirect_n(1.0, 0.5, 0.5, 0.5, n=3).gibbs_route() == "symmetry"
    assert direct(1.0, 0.5, 0.7).gibbs_route() == "dense"
    assert SpinNetwork.from_terms({"Z0": 1.0}).gibbs_route() == "dense"
    # all-different (C4) ancillas: the one block is the whole space, dense is as good
    assert indirect_n(1.0, [0.5, 0.6], [0.3, 0.2], [0.1, 0.2]).gibbs_route() == "dense"
    assert indirect_n(1.0, [0.5, 0.6], [0.3, 0.2], [0.1, 0.2]).gibbs_route("symmetry") == (
        "symmetry"
    )


def test_a_million_ancillas_cost_nothing_until_asked():
    net = direct_n(1.0, 0.5, 1e-6, n=BIG)
    assert net.n_sites == BIG + 1
    assert net.labels[:2] == ("1", "2")
    assert net.labels[-1] == str(BIG + 1)
    assert len(net.labels) == BIG + 1
    assert len(repr(net)) < 300
    g = net.gibbs(0.2)
    assert "terms" not in vars(net)  # never built
    assert "hamiltonian" not in vars(net)
    assert g.n_sites == BIG + 1
    assert g.bloch(17) == g.bloch(BIG)  # identical ancillas share their reduced state
    assert g.bloch(17)[0] == 0.0  # every σz_j is conserved: no ancilla coherence
    assert not net.is_z2_symmetric()
    assert direct_n(1.0, 0.5, 0.0, n=BIG).is_z2_symmetric()


def test_symmetry_state_has_no_dense_matrix_but_every_local_measure():
    g = transferred_n(1.0, 0.5, 0.5, 1.3, 0.5, n=50).gibbs(0.4)
    with pytest.raises(MethodNotApplicableError, match=r"method='symmetry'.*method='dense'"):
        _ = g.rho
    assert repr(g) == "GibbsState(n_sites=52, temperature=0.4, method='symmetry')"
    for site in (0, 1, 2, 51):
        x, y, z = g.bloch(site)
        red = g.reduced(site)
        assert red[0, 0].real == pytest.approx((1 + z) / 2, abs=1e-15)
        assert g.l1_coherence(site) == pytest.approx(math.hypot(x, y), abs=1e-15)
        assert g.qfi(site) == pytest.approx(x * x + y * y, abs=1e-15)
        assert g.purity(site) == pytest.approx((1 + x * x + y * y + z * z) / 2, abs=1e-15)
        assert y == 0.0  # H is real
    assert 0.0 < g.purity() < 1.0
    assert 0.0 <= g.truncation <= 1e-15


def test_local_bloch_grid_equals_pointwise_gibbs():
    temps = [0.0, 0.05, 0.4, 3.0, math.inf]
    for net, sites in [
        (direct_n(1.0, [0.5, 0.8], [0.3, 0.3]), (0, 1, 2)),
        (transferred_n(1.0, 0.5, 0.7, 1.3, 0.4, n=30), (0, 1, 9)),
        (indirect_n(1.0, 0.5, 0.5, 0.5, n=40), (0, 7)),
    ]:
        for site in sites:
            curve = net.local_bloch(site, temps)
            for t, b in zip(temps, curve, strict=True):
                np.testing.assert_allclose(b, net.gibbs(t).bloch(site), atol=1e-13)


def test_infinite_temperature_is_exactly_maximally_mixed():
    for net in (direct_n(1.0, 0.5, 0.3, n=BIG), indirect_n(1.0, 0.5, 0.5, 0.5, n=1000)):
        g = net.gibbs(math.inf)
        assert g.bloch(0) == (0.0, 0.0, 0.0)
        assert g.bloch(5) == (0.0, 0.0, 0.0)
    assert indirect_n(1.0, 0.5, 0.5, 0.5, n=5).gibbs(math.inf).purity() == 2.0**-6


# -------------------------------------------------------------- large N: closed forms
def test_direct_n_million_matches_exact_binomial_closed_form():
    # direct_n_c1 sums the same configurations with its own log Γ binomials, whose rounding
    # (~ulp(log Γ(10⁶)) ≈ 2e-9 in the weights) sets the tolerance
    temps = [0.0, 0.01, 0.1, 0.5, 2.0, 30.0]
    for w1, w, g in [(1.0, 0.5, 1e-6), (0.7, 1.3, 2e-6), (1.0, -0.3, 1e-6), (1.0, 0.5, 0.25)]:
        ours = direct_n(w1, w, g, n=BIG).local_coherence(0, temps)
        ref = closed_form.direct_n_c1(w1, w, g, temps, n=BIG)
        np.testing.assert_allclose(ours, ref, rtol=0, atol=1e-9)


def test_eq15_C3_exact_at_zero_temperature_and_its_large_n_limit():
    for gamma in (1e-6, 3e-7, 1e-4):
        c = direct_n(1.0, 0.5, gamma, n=BIG).gibbs(0.0).l1_coherence(0)
        assert c == pytest.approx(closed_form.direct_n_c1_low_t(1.0, gamma * BIG), abs=1e-12)
    # Σγ_j ≫ ω1: C1^N -> 1 (App. C below (C3)), 1 - C ≈ ω1²/(2 (Σγ)²)
    c = direct_n(1.0, 0.5, 1e-4, n=BIG).gibbs(0.0).l1_coherence(0)
    assert 1 - c == pytest.approx(0.5 / 100.0**2, rel=1e-3)


def test_eq18_C9_exact_at_zero_temperature_and_saturation_for_a_million_sources():
    w0, th, w1, w2, g = 1.0, 0.5, 0.5, 1.3, 0.5
    c = transferred_n(w0, th, w1, w2, g, n=BIG).gibbs(0.0).l1_coherence(0)
    assert c == pytest.approx(closed_form.transferred_n_c0_low_t(w0, w1, th, g, BIG), abs=1e-12)
    # N -> ∞: C0^N -> θ/√(θ² + ω0²) ("limited capacity" of the θ channel, App. C), the
    # correction being O((ω1/(Nγ))²)
    assert abs(c - th / math.hypot(th, w0)) <= (w1 / (BIG * g)) ** 2 + 1e-12


def test_eqC6_weak_coupling_with_a_thousand_sources():
    for g in (0.002, 0.005):
        c = indirect_n(1.0, 1.0, g, g, n=1000).gibbs(0.0).l1_coherence(0)
        rel = abs(closed_form.indirect_n_ct_low_t(1.0, 1.0, g, 1000) / c - 1)
        assert rel <= 1000 * g**2  # leading order: relative error O(N γ²/ω²)


def test_indirect_n_mean_field_limit():
    # For N -> ∞ the ancillas form a classical spin N/2: minimising
    # ω_T/2 cos φ - (N/2) √(ω² + (γ cos φ + θ sin φ)²) over the target's Bloch angle φ puts the
    # target along (θ, 0, γ)/√(γ² + θ²) up to O(ω_T/N): C_T -> θ/√(γ² + θ²) (here 1/√2).
    limit = 1 / math.sqrt(2)
    gaps = [
        limit - indirect_n(1.0, 0.5, 0.5, 0.5, n=n).gibbs(0.0).l1_coherence(0) for n in (250, 1000)
    ]
    assert 0 < gaps[1] < gaps[0]
    assert gaps[0] / gaps[1] == pytest.approx(4.0, rel=0.01)  # O(1/N) convergence
    assert gaps[1] < 1.0 / 1000


@pytest.mark.parametrize("temperature", [30.0, 100.0])
def test_high_temperature_forms_at_large_n(temperature):
    rel_tol = (1.3 / temperature) ** 2  # (largest single-site energy / T)²
    c = direct_n(1.0, 0.5, 1e-6, n=BIG).gibbs(temperature).l1_coherence(0)
    assert abs(closed_form.direct_n_c1_high_t(0.5, 1.0, temperature) / c - 1) <= rel_tol  # (C2)
    c = transferred_n(1.0, 0.5, 0.7, 1.3, 1e-6, n=BIG).gibbs(temperature).l1_coherence(0)
    a = closed_form.transferred_n_c0_high_t(0.5, 1.3, 1.0, temperature)  # (C8): Σγ_j = 1
    assert abs(a / c - 1) <= rel_tol
    c = indirect_n(1.0, 0.5, 0.05, 0.05, n=1000).gibbs(temperature).l1_coherence(0)
    a = closed_form.indirect_n_ct_high_t(1.0, [0.05] * 1000, [0.05] * 1000, temperature)  # (C5)
    assert abs(a / c - 1) <= rel_tol


value = st.one_of(st.just(0.0), st.floats(0.01, 2.0), st.floats(-2.0, -0.01))
temperature = st.one_of(st.sampled_from([0.0, math.inf]), st.floats(0.01, 50.0))


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 3000), w1=value, w=value, g=value, t=temperature)
def test_direct_n_equals_the_binomial_closed_form_for_random_n(n, w1, w, g, t):
    # two independent codes for the same sum over k; log Γ rounding ≲ 1e-12 for N ≤ 3000
    c = direct_n(w1, w, g, n=n).gibbs(t).l1_coherence(0)
    assert c == pytest.approx(closed_form.direct_n_c1(w1, w, g, t, n=n), abs=1e-10)


@settings(max_examples=30, deadline=None)
@given(
    model=st.sampled_from(["direct_n", "transferred_n", "indirect_n"]),
    n=st.integers(1, 400),
    params=st.tuples(value, value, value, value, value),
    t=temperature,
)
def test_symmetry_states_are_physical(model, n, params, t):
    a, b, c, d, e = params
    if model == "direct_n":
        net = direct_n(a, b, c, n=n)
    elif model == "transferred_n":
        net = transferred_n(a, b, c, d, e, n=n)
    else:
        net = indirect_n(a, b, c, d, n=min(n, 60))
    g = net.gibbs(t, method="symmetry")
    for site in {0, 1, net.n_sites - 1}:
        x, y, z = g.bloch(site)
        assert x * x + y * y + z * z <= 1.0 + 1e-12
        assert y == 0.0  # H is real
        if model != "indirect_n" and site >= net.structure.first_ancilla:
            assert x == 0.0  # σz_j conserved: the ancilla state is diagonal
    assert 0.0 <= g.purity() <= 1.0 + 1e-12


# ------------------------------------------------------------------------- pruning
@pytest.mark.parametrize(
    ("net", "temperature", "tol"),
    [
        (indirect_n(1.0, 0.5, 0.5, 0.5, n=120), 0.5, 1e-3),
        (indirect_n(1.0, 0.5, 0.5, 0.5, n=120), 5.0, 1e-6),
        (indirect_n(1.0, 0.5, 0.5, 0.5, n=120), 0.05, 1e-9),
        (indirect_n(1.0, [0.5, 0.7] * 6, [0.4, 0.2] * 6, [0.3, 0.5] * 6), 0.8, 1e-4),
    ],
)
def test_pruning_error_is_within_its_bound(net, temperature, tol):
    """ρ = (1 - ε) ρ_kept + ε ρ_dropped: each Bloch component moves by at most 2ε."""
    full = symmetry_bloch(net.structure, [temperature], prune_tol=0.0)
    pruned = symmetry_bloch(net.structure, [temperature], prune_tol=tol)
    eps = float(pruned.dropped_weight[0])
    assert 0.0 < eps <= 2 * tol
    assert pruned.blocks[0] <= full.blocks[0]
    assert full.dropped_weight[0] == 0.0
    assert np.abs(pruned.bloch - full.bloch).max() <= 2 * eps
    # the default 1e-16 pruning is invisible
    default = symmetry_bloch(net.structure, [temperature])
    assert default.dropped_weight[0] <= 2e-16
    np.testing.assert_allclose(default.bloch, full.bloch, atol=1e-13)


def test_bloch_vectors_stay_physical_at_a_million_ancillas():
    # probabilities are normalised by their own sum: log-weights ~1e5 must not push |b| > 1
    for net in (direct_n(1.0, 0.5, 0.2, n=BIG), transferred_n(1.0, 0.5, 0.5, 1.3, 0.5, n=BIG)):
        for t in (0.01, 0.3, 3.0):
            g = net.gibbs(t)
            for site in (0, 1, 2):
                assert np.linalg.norm(g.bloch(site)) <= 1.0 + 1e-15
                assert g.l1_coherence(site) <= 1.0


# -------------------------------------------------------------------------- errors
def test_symmetry_on_a_network_without_structure_lists_what_it_supports():
    net = SpinNetwork.from_terms({"Z0": 0.5, "X0 Z1": 0.2})
    with pytest.raises(
        MethodNotApplicableError,
        match=r"method='symmetry' needs .*direct_n .*transferred_n .*indirect_n.*method='dense'",
    ):
        net.gibbs(0.3, method="symmetry")
    with pytest.raises(MethodNotApplicableError, match=r"'direct, Local Eq. \(5\)' is not one"):
        direct(1.0, 0.5, 0.7).local_coherence(0, [0.1], method="symmetry")


def test_too_many_configurations_or_too_large_blocks():
    rng = np.random.default_rng(1)
    net = direct_n(1.0, rng.uniform(0.5, 1.0, 23), rng.uniform(0.1, 0.2, 23))
    with pytest.raises(MethodNotApplicableError, match=r"8388608 ancilla configurations.*4194304"):
        net.gibbs(0.3, method="symmetry")
    # "auto" falls back to dense, which cannot take 24 sites either: its error says why
    with pytest.raises(MethodNotApplicableError, match=r"n_sites=24 is beyond its limit of 14"):
        net.gibbs(0.3)
    with pytest.raises(MethodNotApplicableError, match=r"block of dimension 6002.*N ≤ 2047"):
        indirect_n(1.0, 0.5, 0.5, 0.5, n=3000).gibbs(0.3, method="symmetry")


def test_unknown_site_of_a_million_site_state_names_the_range_briefly():
    g = direct_n(1.0, 0.5, 1e-6, n=BIG).gibbs(0.3)
    with pytest.raises(
        Exception, match=r"site must be in \[0, 1000000\].*1, 2, 3, \.\.\., 1000001"
    ):
        g.bloch(BIG + 1)
