"""collision/propagation.py: exp(-iτH) on a few columns (Chebyshev / eigh) against scipy's expm."""

import numpy as np
import pytest
import scipy.linalg as sla
import scipy.sparse as sp
from scipy.special import jv

from autocoherence.collision.exact.propagation import chebyshev_terms, propagate_columns
from autocoherence.errors import ParameterError


def _banded_hermitian(dim, seed, scale):
    rng = np.random.default_rng(seed)
    main = scale * rng.normal(size=dim)
    off = scale * (rng.normal(size=dim - 1) + 1j * rng.normal(size=dim - 1))
    off2 = scale * rng.normal(size=dim - 2)
    h = np.diag(main) + np.diag(off, 1) + np.diag(off2, 2)
    return h + np.triu(h, 1).conj().T


@pytest.mark.parametrize(
    ("dim", "scale", "tau"), [(300, 1.0, 0.5), (400, 30.0, 0.2), (60, 5.0, 3.0)]
)
def test_chebyshev_columns_match_expm_within_their_bound(dim, scale, tau):
    H = _banded_hermitian(dim, dim, scale)
    cols = np.array([0, 5, dim // 2])
    psi, bound = propagate_columns(sp.csr_array(H), tau, cols, tol=1e-15)
    ref = sla.expm(-1j * tau * H)[:, cols]
    # truncation bound plus rounding of ~K sparse products of norm <= 1 (K < 300)
    assert np.abs(psi - ref).max() <= bound + 1e-12
    assert bound <= 1e-15


def test_dense_route_is_taken_when_most_columns_are_needed():
    H = _banded_hermitian(40, 1, 20.0)  # τ‖H‖ ~ 10²: ~10² Chebyshev terms on 40 columns
    cols = np.arange(40)
    psi, bound = propagate_columns(H, 3.0, cols)
    assert bound == 0.0  # the eigendecomposition route reports no truncation
    assert np.allclose(psi, sla.expm(-3.0j * H), atol=1e-11)
    # a multiple of the identity has a zero-width spectrum: exact phase
    psi, _ = propagate_columns(2.0 * np.eye(3), 0.5, np.array([1]))
    assert np.allclose(psi[:, 0], np.exp(-1j) * np.eye(3)[1])


@pytest.mark.parametrize("z", [0.5, 7.0, 80.0, 400.0])
def test_chebyshev_term_count_bounds_the_bessel_tail(z):
    k, bound = chebyshev_terms(z, 1e-16)
    tail = 2 * np.sum(np.abs(jv(np.arange(k + 1, k + 400), z)))
    assert tail <= bound <= 1e-16
    assert chebyshev_terms(0.0, 1e-16) == (1, 0.0)


def test_bad_tau_is_refused():
    with pytest.raises(ParameterError, match="tau"):
        propagate_columns(np.eye(2), 0.0, np.array([0]))
