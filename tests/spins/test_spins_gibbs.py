"""Dense Gibbs states (Local Eq. (2)) and their local measures."""

from __future__ import annotations

import math

import numpy as np
import pytest
import qutip
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from autocoherence.measures import l1_coherence
from autocoherence.spaces import embed
from autocoherence.spins import GibbsState, SpinNetwork, direct, transferred
from autocoherence.spins.gibbs import dense_gibbs, gibbs_weights


def random_hermitian(n_sites: int, seed: int, scale: float = 1.0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    d = 2**n_sites
    a = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    return scale * (a + a.conj().T) / 2


def test_finite_temperature_matches_expm():
    h = random_hermitian(3, 1)
    t = 0.7
    ref = scipy.linalg.expm(-h / t)
    ref /= np.trace(ref)
    np.testing.assert_allclose(dense_gibbs(h, t), ref, atol=1e-12)


def test_zero_temperature_is_ground_state():
    net = direct(1.0, 0.5, 0.7)
    _, v = np.linalg.eigh(net.hamiltonian)
    ground = np.outer(v[:, 0], v[:, 0].conj())
    np.testing.assert_allclose(net.gibbs(0.0).rho, ground, atol=1e-14)


def test_zero_temperature_degenerate_ground_space_is_equal_mixture():
    # H = Z0 Z1: ground space {|e g>, |g e>}; also H = X0 Z1 (Eq. (5) with all ω = 0)
    rho = SpinNetwork.from_terms({"Z0 Z1": 1.0}).gibbs(0.0).rho
    np.testing.assert_allclose(rho, np.diag([0, 0.5, 0.5, 0]), atol=1e-15)
    net = SpinNetwork.from_terms({"X0 Z1": 1.0})
    x0z1 = net.hamiltonian
    np.testing.assert_allclose(net.gibbs(0.0).rho, (np.eye(4) - x0z1) / 4, atol=1e-14)


def test_weights_degenerate_cluster_and_limits():
    np.testing.assert_array_equal(gibbs_weights([1.0, 1.0 + 1e-13, 3.0], 0.0), [0.5, 0.5, 0.0])
    w = gibbs_weights([1.0, 1.0 + 1e-13], 1e-6)
    assert w[0] == w[1]  # rounding-level splittings never bias a degenerate level
    np.testing.assert_array_equal(gibbs_weights([-5.0, 7.0], math.inf), [0.5, 0.5])


def test_infinite_temperature_is_maximally_mixed():
    g = transferred(1.0, 1.0, 1.3, 0.5, 0.5).gibbs(math.inf)
    np.testing.assert_allclose(g.rho, np.eye(8) / 8, atol=1e-15)
    assert g.purity() == pytest.approx(1 / 8)
    assert g.l1_coherence(0) == pytest.approx(0.0, abs=1e-15)


def test_huge_energies_over_tiny_temperature_do_not_overflow():
    net = SpinNetwork.from_terms({"Z0": 1e6, "X0 Z1": 3e5, "Z1": 2e5})
    for t in (1e-9, 1e-3, 1.0, 1e12):
        g = net.gibbs(t)
        assert np.all(np.isfinite(g.rho))
        assert np.trace(g.rho).real == pytest.approx(1.0)


def test_auto_resolves_to_dense_and_repr():
    g = direct(1.0, 0.5, 0.7).gibbs(0.3, method="auto")
    assert isinstance(g, GibbsState)
    assert g.method == "dense"
    assert repr(g) == "GibbsState(n_sites=2, temperature=0.3, method='dense')"


def test_local_measures_match_qutip_ptrace():
    h = random_hermitian(3, 7)
    net = SpinNetwork.from_operator(h)
    g = net.gibbs(0.9)
    q = qutip.Qobj(g.rho, dims=[[2, 2, 2], [2, 2, 2]])
    for site in range(3):
        red = q.ptrace(site).full()
        np.testing.assert_allclose(g.reduced(site), red, atol=1e-14)
        x, y, z = g.bloch(site)
        np.testing.assert_allclose(
            (x, y, z),
            [
                qutip.expect(s, q.ptrace(site))
                for s in (qutip.sigmax(), qutip.sigmay(), qutip.sigmaz())
            ],
            atol=1e-14,
        )
        # σz basis: measures.l1_coherence of the reduced state
        assert l1_coherence(g.reduced(site)) == pytest.approx(2 * abs(red[0, 1]), abs=1e-14)
        assert l1_coherence(g.reduced(site)) == pytest.approx(math.hypot(x, y), abs=1e-14)
        # a random H has X/Y single-site terms: the site's coherence is taken in their
        # eigenbasis (issue 10 item 5), |n × r| with n the direction of tr(H σ_a)/2^n
        c = np.array(
            [
                np.real(np.trace(h @ embed(s.full(), site, (2, 2, 2)))) / 8
                for s in (qutip.sigmax(), qutip.sigmay(), qutip.sigmaz())
            ]
        )
        n = c / np.linalg.norm(c)
        perp = np.linalg.norm(np.cross(n, [x, y, z]))
        assert g.l1_coherence(site) == pytest.approx(perp, abs=1e-14)
        assert g.qfi(site) == pytest.approx(perp**2, abs=1e-14)
        assert g.purity(site) == pytest.approx((1 + x * x + y * y + z * z) / 2, abs=1e-14)


def test_direct_model_has_no_coherence_on_qubit_2():
    # Local Eq. (6): C2 = 0 (σz_2 is conserved)
    g = direct(1.0, 0.5, 0.7).gibbs(0.4)
    assert g.l1_coherence(1) == pytest.approx(0.0, abs=1e-15)


def test_local_bloch_curve_equals_pointwise_gibbs():
    net = transferred(1.0, 0.8, 1.3, 0.5, 0.6)
    temps = [0.0, 0.05, 0.3, 2.0, math.inf]
    curve = net.local_bloch(0, temps)
    for t, b in zip(temps, curve, strict=True):
        np.testing.assert_allclose(b, net.gibbs(t).bloch(0), atol=1e-13)
    np.testing.assert_allclose(net.local_coherence(0, temps), np.hypot(curve[:, 0], curve[:, 1]))


temperatures = st.one_of(st.sampled_from([0.0, math.inf]), st.floats(min_value=1e-4, max_value=1e4))


@settings(max_examples=40, deadline=None)
@given(
    n_sites=st.integers(min_value=1, max_value=4),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    scale=st.floats(min_value=1e-3, max_value=1e3),
    temperature=temperatures,
)
def test_gibbs_state_is_hermitian_positive_trace_one(n_sites, seed, scale, temperature):
    g = SpinNetwork.from_operator(random_hermitian(n_sites, seed, scale)).gibbs(temperature)
    rho = g.rho
    assert np.all(np.isfinite(rho))
    np.testing.assert_allclose(rho, rho.conj().T, atol=0)
    assert np.trace(rho).real == pytest.approx(1.0, abs=1e-12)
    assert np.linalg.eigvalsh(rho).min() > -1e-12
    for site in range(n_sites):
        assert 0.0 <= g.l1_coherence(site) <= 1.0 + 1e-12
        assert 0.5 - 1e-12 <= g.purity(site) <= 1.0 + 1e-12
