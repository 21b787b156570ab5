"""Lowest eigenpairs of a real symmetric band matrix by inverse iteration (pure functions).

LAPACK's banded eigensolvers form the full orthogonal reduction Q (O(n³)) even when a few
eigenvectors are wanted. When the eigenvalues are already known (from the cheap values-only
solver), each of the k lowest eigenvectors costs one banded LU factorisation of H - λI and a
few solves, O(n b²) each — inverse iteration as in LAPACK's ``?stein``, with every new vector
orthogonalised against the previous ones (so degenerate and clustered eigenvalues give an
orthonormal basis of their eigenspace). A vector whose residual ‖Hv - λv‖ stays above
``RESIDUAL_RTOL × max(1, ‖H‖)`` is reported as not converged, and the caller falls back to a
full decomposition.

Band storage is the upper form of :func:`scipy.linalg.eig_banded`:
``ab[u + i - j, j] = H[i, j]`` for ``i <= j``.
"""

from __future__ import annotations

import numpy as np
from scipy.linalg import lapack

from autocoherence.typing import FloatArray

__all__ = ["RESIDUAL_RTOL", "band_matvec", "lowest_eigenvectors"]

#: Convergence threshold of the relative residual ‖Hv - λv‖ / max(1, ‖H‖).
RESIDUAL_RTOL = 1e-12

_MAX_ITERATIONS = 6


def band_matvec(ab: FloatArray, x: FloatArray) -> FloatArray:
    """H @ x for a symmetric band matrix in upper storage ``ab`` (u + 1, n); x (n,) or (n, k).

    Examples
    --------
    >>> ab = np.array([[0.0, 1.0], [2.0, 3.0]])   # H = [[2, 1], [1, 3]]
    >>> band_matvec(ab, np.array([1.0, 1.0])).tolist()
    [3.0, 4.0]
    """
    u = ab.shape[0] - 1
    diag = ab[u] if x.ndim == 1 else ab[u][:, None]
    y = diag * x
    for off in range(1, u + 1):
        v = ab[u - off, off:] if x.ndim == 1 else ab[u - off, off:][:, None]
        y[:-off] += v * x[off:]
        y[off:] += v * x[:-off]
    return y


def _general_band(ab: FloatArray) -> FloatArray:
    """LAPACK ``?gbtrf`` storage (3u + 1, n) of the symmetric band matrix (kl = ku = u)."""
    u, n = ab.shape[0] - 1, ab.shape[1]
    gb = np.zeros((3 * u + 1, n))
    gb[u : 2 * u + 1] = ab  # upper triangle and diagonal: rows kl .. kl + ku
    for off in range(1, u + 1):
        gb[2 * u + off, : n - off] = ab[u - off, off:]  # H[j + off, j] = H[j, j + off]
    return gb


def lowest_eigenvectors(ab: FloatArray, values: FloatArray, *, seed: int = 0) -> FloatArray | None:
    """Eigenvectors (n, k) of the known eigenvalues ``values`` (ascending) of band matrix ab.

    Parameters
    ----------
    ab : (u + 1, n) array
        Upper band storage of a real symmetric matrix H.
    values : (k,) array
        Eigenvalues of H, ascending (from a values-only solver).
    seed : int, keyword-only
        Seed of the (deterministic) random start vectors.

    Returns
    -------
    (n, k) array of orthonormal eigenvectors, or ``None`` if one did not converge.

    Examples
    --------
    >>> from scipy.linalg import eig_banded
    >>> ab = np.array([[0.0, 0.5, 0.5], [1.0, 2.0, 3.0]])
    >>> e = eig_banded(ab, eigvals_only=True)
    >>> v = lowest_eigenvectors(ab, e[:2])
    >>> bool(np.allclose(band_matvec(ab, v), v * e[:2], atol=1e-12))
    True
    """
    u, n = ab.shape[0] - 1, ab.shape[1]
    # ‖H‖ bound, relative: no floor of 1 (it made the residual test absolute for small H)
    norm = float(np.max(np.abs(ab[u]))) + 2.0 * float(np.sum(np.max(np.abs(ab[:u]), 1)))
    scale = max(norm, np.finfo(float).tiny)
    tol = RESIDUAL_RTOL * scale
    rng = np.random.default_rng(seed)
    gb = _general_band(ab)
    out = np.zeros((n, values.size))
    nudge = 4.0 * np.finfo(float).eps * scale
    for i, lam in enumerate(values):
        shifted = gb.copy()
        shifted[2 * u] -= lam + nudge
        lu, piv, info = lapack.dgbtrf(shifted, u, u)
        if info < 0:  # pragma: no cover - argument error, cannot happen for valid input
            return None
        x = rng.standard_normal(n)
        prev = out[:, :i]
        for it in range(_MAX_ITERATIONS):
            x, info = lapack.dgbtrs(lu, u, u, x, piv)
            if info != 0 or not np.all(np.isfinite(x)):
                return None
            for _ in range(2):  # orthogonalise twice (classical Gram-Schmidt, re-orthogonalised)
                x -= prev @ (prev.T @ x)
            x /= np.linalg.norm(x)
            if it >= 1 and np.linalg.norm(band_matvec(ab, x) - lam * x) <= tol:
                break
        else:
            return None
        out[:, i] = x
    return out
