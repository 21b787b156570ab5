"""Total spin of N spins 1/2: sectors, Dicke multiplicities and log-binomials (pure functions).

(C²)^{⊗N} = ⊕_j C^{2j+1} ⊗ C^{d_N(j)}, 2j = N, N-2, …, N mod 2, with the Dicke multiplicity
(the number of copies of spin j)

    d_N(j) = C(N, k) - C(N, k - 1) = C(N, k) (2j + 1)/(N - k + 1),   k = N/2 - j,

so that Σ_j (2j + 1) d_N(j) = 2^N (PRA104 Eq. (6) and App. A, the collision channel of a
cluster of qubit units; Local Eq. (C4), the Gibbs state of identical ancillas). Both routes
work in log space: multiplicities are logarithms *relative to* log C(N, ⌊N/2⌋), accumulated
outward from the peak of the binomial (:func:`log_binomial_relative`), so that N = 10⁶ neither
overflows nor loses the ~1e-9 of relative precision that log Γ(N + 1) ≈ 1.4·10⁷ would cost.
The spin-j ladder J₊|j, m⟩ = √((j - m)(j + m + 1)) |j, m + 1⟩ is here too
(:func:`ladder_elements`), computed from an exact integer product.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
from scipy.special import gammaln

from autocoherence._checks import check_int
from autocoherence.typing import FloatArray

__all__ = [
    "ladder_elements",
    "log_binomial",
    "log_binomial_peak",
    "log_binomial_relative",
    "log_dicke_multiplicities",
    "log_dicke_multiplicity",
    "two_j_values",
]


def two_j_values(n: int) -> npt.NDArray[np.int64]:
    """The total spins of n spins 1/2, as 2j = n, n - 2, …, n mod 2 (descending).

    Index k of the result is the number of "lowered" spins, k = n/2 - j = 0 … ⌊n/2⌋.

    Examples
    --------
    >>> two_j_values(5).tolist(), two_j_values(4).tolist()
    ([5, 3, 1], [4, 2, 0])
    """
    n = check_int(n, "n", minimum=0)
    return (n - 2 * np.arange(n // 2 + 1)).astype(np.int64)


def log_binomial_relative(n: int) -> FloatArray:
    """log C(n, k) - log C(n, ⌊n/2⌋) for k = 0..n, accurate to ~1e-15 near the peak.

    The ratio C(n, i)/C(n, i-1) = (n - i + 1)/i gives log increments log1p((n - 2i + 1)/i),
    summed outward from the peak (small partial sums where the weight is), and mirrored with
    C(n, k) = C(n, n - k).

    Examples
    --------
    >>> np.round(np.exp(log_binomial_relative(4)), 12)
    array([0.16666667, 0.66666667, 1.        , 0.66666667, 0.16666667])
    """
    n = check_int(n, "n", minimum=0)
    peak = n // 2
    i = np.arange(peak + 1, n + 1, dtype=float)
    upper = np.concatenate(([0.0], np.cumsum(np.log1p((n - 2.0 * i + 1.0) / i))))
    out = np.empty(n + 1)
    out[peak:] = upper
    # mirror: C(n, k) = C(n, n - k) with n - k > peak for k < peak
    ks = np.arange(peak)
    out[:peak] = upper[(n - ks) - peak]
    return out


def log_binomial_peak(n: int) -> float:
    """log C(n, ⌊n/2⌋) (absolute; only needed for absolute quantities such as the purity).

    From log Γ (:func:`scipy.special.gammaln`): relative accuracy ~1e-16 · log Γ(n + 1)/log C.

    Examples
    --------
    >>> round(math.exp(log_binomial_peak(4)), 9), round(math.exp(log_binomial_peak(5)), 9)
    (6.0, 10.0)
    >>> math.isclose(log_binomial_peak(10**6), log_binomial(10**6, 500_000), rel_tol=1e-12)
    True
    """
    n = check_int(n, "n", minimum=0)
    k = n // 2
    return float(gammaln(n + 1.0) - gammaln(k + 1.0) - gammaln(n - k + 1.0))


def log_binomial(n: int, k: int) -> float:
    """log C(n, k), summed in exact arithmetic (:func:`math.fsum`) from the nearer end.

    Relative accuracy ~1e-15 of the result for every k (log Γ(n + 1) differences lose
    ~ulp(log Γ(n + 1)) ≈ 2e-9 at n = 10⁶).

    Examples
    --------
    >>> log_binomial(10**6, 0), round(log_binomial(10, 3) - math.log(120), 14)
    (0.0, 0.0)
    """
    k = min(int(k), int(n) - int(k))
    if k <= 0:
        return 0.0
    i = np.arange(1, k + 1, dtype=float)
    return math.fsum(np.log1p((n - k) / i))


def log_dicke_multiplicities(n: int) -> tuple[npt.NDArray[np.int64], FloatArray]:
    """Total spins of n spins 1/2 and the logs of their multiplicities, relative to the peak.

    d_n(j) = C(n, k) - C(n, k - 1) = C(n, k) (2j + 1)/(n - k + 1), k = n/2 - j, is the number
    of copies of the spin-j irreducible representation (Σ_j (2j + 1) d_n(j) = 2^n).

    Returns
    -------
    two_j : (⌊n/2⌋+1,) int array
        2j = n, n-2, ..., 1 or 0 (:func:`two_j_values`).
    log_d : (⌊n/2⌋+1,) float array
        log d_n(j) - log C(n, ⌊n/2⌋); add :func:`log_binomial_peak` for the absolute value.

    Examples
    --------
    >>> two_j, log_d = log_dicke_multiplicities(4)
    >>> two_j.tolist(), np.round(np.exp(log_d + log_binomial_peak(4))).tolist()
    ([4, 2, 0], [1.0, 3.0, 2.0])
    """
    two_j = two_j_values(n)
    k = np.arange(two_j.size)
    log_d = log_binomial_relative(n)[k] + np.log(two_j + 1.0) - np.log(n - k + 1.0)
    return two_j, log_d


def log_dicke_multiplicity(n: int, two_j: int) -> float:
    """Absolute log d_n(j) of one sector, accurate to ~1e-15 relative (:func:`log_binomial`).

    Examples
    --------
    >>> [round(math.exp(log_dicke_multiplicity(4, tj)), 12) for tj in (4, 2, 0)]
    [1.0, 3.0, 2.0]
    """
    k = (int(n) - int(two_j)) // 2
    return log_binomial(n, k) + math.log(two_j + 1.0) - math.log(n - k + 1.0)


def ladder_elements(two_j: int, count: int | None = None) -> FloatArray:
    """⟨j, m+1|J₊|j, m⟩ = √((j - m)(j + m + 1)) along the ladder of spin j = two_j/2.

    Entry k is the step from the k-th to the (k+1)-th level counted from either end
    (m = -j + k upward, or m = j - k - 1 to j - k): √((2j - k)(k + 1)), the same list both
    ways. The product is formed in integers, so each entry is the correctly rounded root.

    Parameters
    ----------
    two_j : int
        2j >= 0.
    count : int, optional
        Number of steps wanted, from the end (default: all 2j of them; at most 2j).

    Examples
    --------
    >>> ladder_elements(2) ** 2, ladder_elements(3) ** 2
    (array([2., 2.]), array([3., 4., 3.]))
    """
    two_j = check_int(two_j, "two_j", minimum=0)
    count = two_j if count is None else min(check_int(count, "count", minimum=0), two_j)
    k = np.arange(count, dtype=np.int64)
    return np.sqrt(((two_j - k) * (k + 1)).astype(float))
