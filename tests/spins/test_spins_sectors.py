"""Pure numerics of the symmetry-reduced route: configurations, spin matrices, weights, bands.

The binomials and the spin sectors' multiplicities are tested in tests/test_su2.py. Oracles:
exact integer binomials (``math.comb``), the angular-momentum algebra, and dense
``numpy.linalg.eigh``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.linalg import eig_banded

from autocoherence.spins.banded import band_matvec, lowest_eigenvectors
from autocoherence.spins.sectors import (
    DEGENERACY_RTOL,
    configurations,
    ground_cluster,
    level_probabilities,
    spin_matrices,
)
from autocoherence.spins.structure import AncillaGroup, AncillaStructure
from autocoherence.spins.total_spin import (
    _ground_lower_bound,
    _ground_upper_bound,
    _Sectors,
    sector_hamiltonian,
)


def test_configurations_multiplicities_and_spins():
    m, lm = configurations([2, 1])
    mult = np.exp(lm - lm.max()) * math.comb(2, 1)  # relative to the largest, C(2,1)C(1,k)
    assert m.shape == (2, 6)
    assert sorted(zip(m[0].tolist(), m[1].tolist(), np.round(mult).tolist(), strict=True)) == [
        (-2, -1, 1.0),
        (-2, 1, 1.0),
        (0, -1, 2.0),
        (0, 1, 2.0),
        (2, -1, 1.0),
        (2, 1, 1.0),
    ]


@pytest.mark.parametrize("two_j", [0, 1, 2, 5, 12])
def test_spin_matrices_obey_the_algebra(two_j):
    m, jx_off = spin_matrices(two_j)
    jz = np.diag(m)
    jp = 2 * np.diag(jx_off, 1)  # J+ raises m; basis m = j, ..., -j (index up = m up)
    jx = (jp + jp.T) / 2
    jy = (jp - jp.T) / (2j)
    j = two_j / 2
    np.testing.assert_allclose(jx @ jy - jy @ jx, 1j * jz, atol=1e-12)
    np.testing.assert_allclose(
        jx @ jx + jy @ jy + jz @ jz, j * (j + 1) * np.eye(two_j + 1), atol=1e-12
    )


def test_ground_cluster_chains_like_the_dense_route():
    # levels 0, 0.5, 1, 1.5 (x tol) chain (gaps < tol = DEGENERACY_RTOL x max|E|); 1 is apart
    tol = DEGENERACY_RTOL
    e = np.array([1.0, 1.5 * tol, 0.0, 0.5 * tol, tol])
    assert ground_cluster(e, 1.0).tolist() == [False, True, True, True, True]
    many = np.concatenate([np.arange(100) * 0.5 * tol, [1.0]])  # a long chain: wide window
    assert ground_cluster(many, 1.0).sum() == 100


def test_ground_cluster_resolves_splittings_above_the_resolution():
    # 1e-11 is 10x the resolution of energies ~1: a distinct level (the old 1e-10 x max(1, E)
    # threshold merged it); and energies ~1e-11 have no absolute floor merging them all
    assert ground_cluster(np.array([0.0, 1e-11, 1.0]), 1.0).tolist() == [True, False, False]
    tiny = np.array([0.0, 1e-11, 2e-11]) * 1e-3
    assert ground_cluster(tiny, 2e-14).tolist() == [True, False, False]


def test_level_probabilities_limits():
    e = np.array([[-1.0, 1.0], [-1.0, 3.0]])
    lm = np.log([[1.0], [3.0]])
    p0 = level_probabilities(e, lm, 0.0, scale=3.0)
    np.testing.assert_allclose(p0, [[0.25, 0.0], [0.75, 0.0]])
    pinf = level_probabilities(e, lm, math.inf, scale=3.0)
    np.testing.assert_allclose(pinf, [[0.125, 0.125], [0.375, 0.375]])
    pt = level_probabilities(e, lm, 0.5, scale=3.0)
    w = np.array([[1.0, math.exp(-4.0)], [3.0, 3 * math.exp(-8.0)]])
    np.testing.assert_allclose(pt, w / w.sum(), rtol=1e-14)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(min_value=4, max_value=80), seed=st.integers(0, 2**32 - 1))
def test_band_inverse_iteration_matches_dense_eigh(n, seed):
    rng = np.random.default_rng(seed)
    ab = rng.normal(size=(4, n))
    ab[:3] *= np.array([[0.3], [1.0], [0.5]])
    h = np.diag(ab[3])
    for off in (1, 2, 3):
        h += np.diag(ab[3 - off, off:], off) + np.diag(ab[3 - off, off:], -off)
    e_ref, v_ref = np.linalg.eigh(h)
    k = max(1, n // 4)
    assume(e_ref[k] - e_ref[k - 1] > 1e-6)  # the k lowest eigenvectors span a well-defined space
    e = eig_banded(ab, eigvals_only=True)[:k]
    v = lowest_eigenvectors(ab, e, seed=seed % 97)
    assert v is not None
    np.testing.assert_allclose(v.T @ v, np.eye(k), atol=1e-12)
    np.testing.assert_allclose(band_matvec(ab, v), v * e, atol=1e-10)
    # the projector onto the k lowest levels (basis independent) agrees with dense eigh
    np.testing.assert_allclose(v @ v.T, v_ref[:, :k] @ v_ref[:, :k].T, atol=1e-8)


def test_band_inverse_iteration_degenerate_eigenvalues_give_an_orthonormal_basis():
    # H = diag(0, 0, 0, 1, 2, ...): a threefold ground level
    n = 10
    ab = np.zeros((4, n))
    ab[3] = np.array([0.0, 0.0, 0.0, *range(1, n - 2)], dtype=float)
    v = lowest_eigenvectors(ab, np.zeros(3))
    assert v is not None
    np.testing.assert_allclose(v.T @ v, np.eye(3), atol=1e-12)
    np.testing.assert_allclose(np.abs(v[3:]), 0.0, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    counts=st.lists(st.integers(1, 5), min_size=1, max_size=2),
    params=st.lists(st.floats(-2.0, 2.0), min_size=7, max_size=7),
)
def test_sector_ground_bounds_are_rigorous(counts, params):
    """The pruning's bounds on each (C4) sector's lowest level hold for any parameters."""
    groups = tuple(
        AncillaGroup(n, params[1 + 3 * g], params[2 + 3 * g], params[3 + 3 * g])
        for g, n in enumerate(counts)
    )
    s = AncillaStructure("indirect_n", params[0], groups)
    two_j = _Sectors(s).two_j
    lo, hi = _ground_lower_bound(s, two_j), _ground_upper_bound(s, two_j)
    for k in range(two_j.shape[1]):
        exact = np.linalg.eigvalsh(sector_hamiltonian(s, [int(t) for t in two_j[:, k]]))[0]
        assert lo[k] <= exact + 1e-12
        assert exact <= hi[k] + 1e-12
