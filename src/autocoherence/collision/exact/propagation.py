"""exp(-iτH) on a few basis vectors, with a bound on the error: the block propagator of a collision.

The symmetry-reduced collision channels need U = exp(-iτH) (PRA104 Eq. (A1)) only on the
states the bath actually occupies, a few columns of a large, sparse, banded H. Two exact
routes, the cheaper one picked by operation count:

* eigendecomposition of the Hermitian H (dense, ~10 D³ flops); error: rounding only;
* Chebyshev expansion (Tal-Ezer & Kosloff, J. Chem. Phys. 81, 3967 (1984)) on the sparse H,
  with Gershgorin bounds [c - R, c + R] on its spectrum:

      exp(-iτH) = e^{-iτc} Σ_{k≥0} (2 - δ_k0) (-i)^k J_k(τR) T_k((H - c)/R),

  each term a sparse matrix product. Keeping K terms leaves an operator-norm error
  ≤ 2 Σ_{k>K} |J_k(τR)| ≤ 2 Σ_{k>K} (τR/2)^k/k!, which is returned.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp
from scipy.special import gammaln, jv

from autocoherence._checks import check_positive
from autocoherence.typing import ComplexArray

__all__ = ["chebyshev_terms", "propagate_columns"]

#: Below this dimension the eigendecomposition costs microseconds: always use it.
_SMALL = 128


def chebyshev_terms(z: float, tol: float) -> tuple[int, float]:
    """Smallest K (in steps of 8) with 2 Σ_{k>K} (z/2)^k/k! ≤ tol, and that bound.

    The sum bounds 2 Σ_{k>K} |J_k(z)| (|J_k(z)| ≤ (z/2)^k/k! for real z ≥ 0); its tail is
    at most the first term over 1 - z/(2(K+2)).

    Examples
    --------
    >>> k, bound = chebyshev_terms(10.0, 1e-16)
    >>> k, bound <= 1e-16
    (42, True)
    """
    z = check_positive(z, "z", allow_zero=True)
    if z == 0.0:
        return 1, 0.0
    k = max(1, math.ceil(z))
    step = 8 if z < 1000 else math.ceil(z / 128)  # large z: the tail falls off past k ≈ ez/2
    log_tol = math.log(tol) if tol > 0 else -math.inf
    while True:
        ratio = z / (2 * (k + 2))
        if ratio < 1:
            # compared in logarithms: the first term overflows a float for large z
            log_bound = (
                math.log(2.0) + (k + 1) * math.log(z / 2) - float(gammaln(k + 2.0))
            ) - math.log1p(-ratio)
            if log_bound <= log_tol:
                return k, math.exp(log_bound)
        k += step


def propagate_columns(
    H: ComplexArray | sp.csr_array, tau: float, columns: np.ndarray, *, tol: float = 1e-16
) -> tuple[ComplexArray, float]:
    """exp(-iτH) applied to the basis vectors ``columns``, and a bound on its error.

    Parameters
    ----------
    H : (D, D) dense array or scipy sparse matrix
        Hermitian.
    tau : float
        Time τ > 0.
    columns : int array
        Indices of the basis vectors to propagate.
    tol : float, keyword-only
        Bound on the Chebyshev truncation error (operator norm).

    Returns
    -------
    psi : (D, len(columns)) complex array
        Column i is exp(-iτH) e_{columns[i]}.
    error : float
        Bound on the truncation error of every column (0 for the eigendecomposition route).

    Examples
    --------
    >>> from scipy.linalg import expm
    >>> H = sp.diags_array([np.full(299, 0.5), np.linspace(0, 3, 300), np.full(299, 0.5)],
    ...                    offsets=[-1, 0, 1], format="csr")
    >>> psi, err = propagate_columns(H, 2.0, np.array([0, 7]))  # Chebyshev (dimension 300)
    >>> bool(np.allclose(psi, expm(-2.0j * H.toarray())[:, [0, 7]], atol=1e-13)), err < 1e-16
    (True, True)
    """
    tau = check_positive(tau, "tau")
    columns = np.asarray(columns, dtype=int)
    dim = H.shape[0]
    sparse = sp.issparse(H)
    if sparse:
        Hs = sp.csr_array(H)
        diag = Hs.diagonal().real
        row_abs = np.asarray(abs(Hs).sum(axis=1)).ravel()
        nnz = Hs.nnz
    else:
        Hd = np.asarray(H)
        diag = np.diagonal(Hd).real
        row_abs = np.abs(Hd).sum(axis=1)
        nnz = int(np.count_nonzero(Hd))
    radius = row_abs - np.abs(diag)
    lo, hi = float(np.min(diag - radius)), float(np.max(diag + radius))
    center, half = 0.5 * (hi + lo), 0.5 * (hi - lo)
    small = dim <= _SMALL or half == 0.0
    n_terms, bound = (0, 0.0) if small else chebyshev_terms(tau * half, tol)
    if small or 2.0 * n_terms * nnz * columns.size >= 10.0 * dim**3:
        dense = Hs.toarray() if sparse else Hd
        e, v = np.linalg.eigh(dense.real if not np.any(dense.imag) else dense)
        return (v * np.exp(-1j * tau * e)) @ v[columns, :].conj().T, 0.0
    Hn = (sp.csr_array(H) - center * sp.eye_array(dim, format="csr")) / half
    t_prev = np.zeros((dim, columns.size), dtype=complex)
    t_prev[columns, np.arange(columns.size)] = 1.0
    t_cur = Hn @ t_prev
    coeff = jv(np.arange(n_terms + 1), tau * half) * (-1j) ** np.arange(n_terms + 1)
    acc = coeff[0] * t_prev + 2 * coeff[1] * t_cur
    for k in range(2, n_terms + 1):
        t_prev, t_cur = t_cur, 2 * (Hn @ t_cur) - t_prev
        acc += 2 * coeff[k] * t_cur
    return np.exp(-1j * tau * center) * acc, bound
