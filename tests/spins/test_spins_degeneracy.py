"""Degenerate-level thresholds of the Gibbs routes compare splittings with the resolution of
the energies, never with the spectrum's scale alone (issue 13 item 1)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy.linalg import eig_banded

import autocoherence as ac
from autocoherence.spins import SpinNetwork, closed_form
from autocoherence.spins.banded import band_matvec, lowest_eigenvectors
from autocoherence.spins.gibbs import dense_gibbs, gibbs_weights
from autocoherence.spins.sectors import DEGENERACY_RTOL


def test_splitting_below_old_threshold_is_resolved_at_comparable_temperature():
    # levels split by ω2 = 1e-11 (< the old 1e-10 x max(1, max|E|)) at T = 1e-12: Eq. (6)
    t = 1e-12
    dense = ac.spins.direct(1.0, 1e-11, 0.7).gibbs(t).l1_coherence(0)
    symmetric = ac.spins.direct_n(1.0, 1e-11, 0.7, n=1).gibbs(t).l1_coherence(0)
    exact = closed_form.direct_c1(1.0, 1e-11, 0.7, t)
    assert exact == pytest.approx(0.57341, abs=1e-5)
    # the levels carry rounding ~ε max|E| ~ 1e-16, i.e. ~1e-4 of T: the excited weight
    # e^{-10} ~ 5e-5 is known to ~1e-4 relative, the coherence to ~1e-8
    assert dense == pytest.approx(exact, rel=1e-8)
    assert symmetric == pytest.approx(exact, rel=1e-8)


def test_ground_state_of_a_tiny_splitting_is_unique_at_zero_temperature():
    # at T = 0 the ground level is the single |e>-ancilla branch, coherence γ/ω̄1 of Eq. (7)
    gamma, wb = 0.7, math.hypot(1.0, 0.7)
    for route in ("dense", "auto"):
        net = (
            ac.spins.direct(1.0, 1e-11, gamma)
            if route == "dense"
            else ac.spins.direct_n(1.0, 1e-11, gamma, n=1)
        )
        assert net.gibbs(0.0).l1_coherence(0) == pytest.approx(gamma / wb, rel=1e-12)


@pytest.mark.parametrize("scale", [1e-12, 1e-6, 1.0, 1e6, 1e12])
def test_gibbs_state_is_invariant_under_scaling_h_and_t_together(scale):
    # τ(sH, sT) = τ(H, T): the old absolute floor max(1, max|E|) broke this for s << 1
    net = ac.spins.direct(1.0, 0.5, 0.7)
    ref = net.gibbs(0.3).rho
    scaled = dense_gibbs(scale * net.hamiltonian, 0.3 * scale)
    np.testing.assert_allclose(scaled, ref, atol=1e-13)
    assert ac.spins.direct(scale, 0.5 * scale, 0.7 * scale).gibbs(0.3 * scale).l1_coherence(
        0
    ) == pytest.approx(0.378098, abs=1e-6)


def test_levels_within_the_resolution_still_share_their_weight():
    # rounding-level splittings (below DEGENERACY_RTOL x max|E|) are one level at every T
    eps = 0.1 * DEGENERACY_RTOL
    w = gibbs_weights([1.0, 1.0 + eps, 3.0], 1e-14)
    assert w[0] == w[1] == 0.5
    assert w[2] == 0.0
    w = gibbs_weights([1.0, 1.0 + 100 * DEGENERACY_RTOL * 3.0], 1e-10)
    assert w[0] > w[1] > 0  # resolved: a real splitting of 3e-10 at T = 1e-10


def test_tiny_hamiltonian_is_not_all_degenerate():
    # energies ~1e-11 (the old threshold was 1e-10 absolute for them): T = 1e-12 matters
    w = gibbs_weights([0.0, 1e-11], 1e-12)
    assert w[1] / w[0] == pytest.approx(math.exp(-10.0), rel=1e-12)


@pytest.mark.parametrize("scale", [1e-14, 1.0, 1e14])
def test_z2_verdict_is_scale_free(scale):
    # Local App. A: X0 Z1 breaks the symmetry at every scale (the floor max(1, max|H|) made a
    # Hamiltonian of size 1e-14 look symmetric)
    odd = ac.spins.direct(scale, 0.5 * scale, 0.7 * scale)
    assert not odd.is_z2_symmetric()
    assert not SpinNetwork.from_operator(odd.hamiltonian).is_z2_symmetric()
    assert not ac.spins.direct_n(scale, 0.5 * scale, 0.2 * scale, n=3).is_z2_symmetric()
    even = SpinNetwork.from_terms({"Z0": scale, "X0 X1": scale})
    assert even.is_z2_symmetric()
    assert SpinNetwork.from_operator(even.hamiltonian).is_z2_symmetric()


@pytest.mark.parametrize("scale", [1e-14, 1.0])
def test_banded_eigenvectors_are_accurate_relative_to_the_matrix(scale):
    rng = np.random.default_rng(5)
    ab = scale * np.vstack([rng.normal(size=(1, 40)), np.arange(40.0)[None, :]])
    e = eig_banded(ab, eigvals_only=True)
    v = lowest_eigenvectors(ab, e[:3])
    assert v is not None
    residual = np.linalg.norm(band_matvec(ab, v) - v * e[:3], axis=0)
    assert np.all(residual <= 1e-11 * scale)


_PRESETS = [
    lambda s: ac.spins.direct(s, 0.5 * s, 0.7 * s),
    lambda s: ac.spins.direct_n(s, 0.5 * s, 0.2 * s, n=3),
    lambda s: ac.spins.indirect_n(s, 0.5 * s, 0.5 * s, 0.5 * s, n=3),
    lambda s: ac.spins.transferred_n(s, 0.5 * s, 0.5 * s, 1.3 * s, 0.5 * s, n=2),
    lambda s: SpinNetwork.from_terms({"Z0": s, "X0": 0.3 * s, "X0 Z1": 0.4 * s, "Z1": 0.5 * s}),
]


@pytest.mark.parametrize("scale", [1e-300, 1e-150, 1e-40, 1e40, 1e150, 1e300])
@pytest.mark.parametrize("preset", range(len(_PRESETS)))
def test_every_route_is_finite_and_scale_free_across_600_decades(scale, preset):
    # no OverflowError, no NaN, no numpy warning: τ depends on H/T only
    ref = _PRESETS[preset](1.0)
    net = _PRESETS[preset](scale)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for t in (0.3, 1.0):
            g, g_ref = net.gibbs(t * scale), ref.gibbs(t)
            assert g.l1_coherence(0) == pytest.approx(g_ref.l1_coherence(0), rel=1e-11)
            assert g.purity() == pytest.approx(g_ref.purity(), rel=1e-11)
            assert net.local_coherence(0, [t * scale])[0] == pytest.approx(
                g_ref.l1_coherence(0), rel=1e-11
            )
        # T far below every splitting (or beyond the float range) is the T = 0 / inf state
        assert net.gibbs(scale * 1e-290 if scale > 1e-10 else 0.0).l1_coherence(0) == (
            pytest.approx(ref.gibbs(0.0).l1_coherence(0), rel=1e-11)
        )
        assert net.gibbs(1e300).l1_coherence(0) == pytest.approx(
            ref.gibbs(1e300 / scale if scale > 1.0 else math.inf).l1_coherence(0), abs=1e-12
        )
