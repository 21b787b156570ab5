"""Conserved sectors of the N-ancilla networks and Gibbs weights in log space (pure functions).

* Conserved σz of every ancilla (Local Eqs. (14)/(C1), (C7)): a *configuration* gives, per
  group of identical ancillas, the number k_g of excited ancillas; its multiplicity is
  Π_g C(n_g, k_g) (:func:`configurations`).
* Conserved total spin of each group of identical ancillas (Local Eq. (C4)): a *sector*
  gives the total spin j_g of each group; its multiplicity is Π_g d(n_g, j_g) with
  d(n, j) = C(n, n/2 - j) - C(n, n/2 - j - 1) (:func:`spin_multiplicities`).

Multiplicities are kept as logarithms *relative to the largest one*, accumulated outward
from the peak of the binomial (:func:`log_binomial_relative`), so that N = 10⁶ neither
overflows nor loses the ~1e-9 of relative precision that log Γ(N + 1) ≈ 1.4·10⁷ would cost.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy.special import gammaln

from autocoherence.typing import FloatArray

__all__ = [
    "DEGENERACY_RTOL",
    "configurations",
    "ground_cluster",
    "level_probabilities",
    "log_binomial",
    "log_binomial_peak",
    "log_binomial_relative",
    "logsumexp",
    "spin_matrices",
    "spin_multiplicities",
]

#: Levels closer than this × max|E| are one degenerate level (the dense route,
#: :func:`autocoherence.spins.gibbs.gibbs_weights`, at every T; the routes here at T = 0).
#: It is the floating-point resolution of the energies, not a physical scale: a dense
#: eigensolver returns eigenvalues to ~√d ε max|E| ≤ 128 ε max|E| for d ≤ 2^14, and
#: 1e-12 ≈ 4500 ε leaves a margin. There is deliberately no absolute floor (a floor of 1
#: merged every level of a Hamiltonian with energies ~1e-11), and no comparison with the
#: spectrum's width: two levels 1e-11 apart are distinct, and at T ~ 1e-11 that matters.
DEGENERACY_RTOL = 1e-12


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

    Examples
    --------
    >>> round(math.exp(log_binomial_peak(4)), 9), round(math.exp(log_binomial_peak(5)), 9)
    (6.0, 10.0)
    >>> math.isclose(log_binomial_peak(10**6), log_binomial(10**6, 500_000), rel_tol=1e-12)
    True
    """
    k = n // 2
    return float(gammaln(n + 1.0) - gammaln(k + 1.0) - gammaln(n - k + 1.0))


def configurations(counts: Sequence[int]) -> tuple[npt.NDArray[np.int64], FloatArray]:
    """All excitation configurations of groups of n_g identical ancillas.

    Parameters
    ----------
    counts : sequence of int
        n_g for each group.

    Returns
    -------
    m : (G, M) int array
        Σ σz over each group, m_g = 2 k_g - n_g (k_g excited ancillas), M = Π (n_g + 1).
    log_mult : (M,) float array
        log Π_g C(n_g, k_g), relative to the largest (the absolute offset is
        Σ_g :func:`log_binomial_peak`).

    Examples
    --------
    >>> m, lm = configurations([2])
    >>> m.tolist(), np.round(np.exp(lm), 12).tolist()
    ([[-2, 0, 2]], [0.5, 1.0, 0.5])
    """
    grids = np.meshgrid(*[np.arange(n + 1) for n in counts], indexing="ij")
    m = np.stack([2 * g.ravel() - n for g, n in zip(grids, counts, strict=True)])
    log_mult = np.zeros(m.shape[1])
    for g, n in zip(grids, counts, strict=True):
        log_mult += log_binomial_relative(n)[g.ravel()]
    return m.astype(np.int64), log_mult


def spin_multiplicities(n: int) -> tuple[npt.NDArray[np.int64], FloatArray]:
    """Total-spin sectors of n spins 1/2: 2j = n, n-2, ..., and log d_j (relative).

    d_j = C(n, n/2 - j) - C(n, n/2 - j - 1) = C(n, k) (2j + 1)/(n/2 + j + 1), k = n/2 - j,
    is the number of copies of the spin-j irreducible representation (Σ_j d_j (2j+1) = 2^n).

    Returns
    -------
    two_j : (S,) int array, descending
    log_d : (S,) float array, log d_j relative to log C(n, ⌊n/2⌋)

    Examples
    --------
    >>> two_j, log_d = spin_multiplicities(4)
    >>> two_j.tolist(), np.round(np.exp(log_d + log_binomial_peak(4))).tolist()
    ([4, 2, 0], [1.0, 3.0, 2.0])
    """
    k = np.arange(n // 2 + 1)
    two_j = n - 2 * k
    log_d = log_binomial_relative(n)[k] + np.log(two_j + 1.0) - np.log(n - k + 1.0)
    return two_j.astype(np.int64), log_d


def spin_matrices(two_j: int) -> tuple[FloatArray, FloatArray]:
    """Diagonal of J_z and the first superdiagonal of J_x for spin j = two_j/2.

    Basis m = j, j-1, ..., -j (J_z eigenvalue descending, the ``[e, g]`` order for j = 1/2).

    Examples
    --------
    >>> jz, jx = spin_matrices(1)
    >>> jz.tolist(), jx.tolist()
    ([0.5, -0.5], [0.5])
    """
    j = two_j / 2.0
    m = j - np.arange(two_j + 1, dtype=float)
    # <m|J_x|m-1> = sqrt(j(j+1) - m(m-1)) / 2 for m = j .. -j+1
    jx = 0.5 * np.sqrt(np.maximum(j * (j + 1.0) - m[:-1] * (m[:-1] - 1.0), 0.0))
    return m.astype(float), jx.astype(float)


def ground_cluster(energies: FloatArray, scale: float) -> npt.NDArray[np.bool_]:
    """Levels in the degenerate ground cluster, as the dense route defines it.

    Consecutive (sorted) levels closer than ``DEGENERACY_RTOL × scale`` chain into
    one cluster; the cluster that contains the minimum is the ground level.

    Examples
    --------
    >>> ground_cluster(np.array([0.0, 1e-14, 2e-14, 1.0]), 1.0).tolist()
    [True, True, True, False]
    >>> ground_cluster(np.array([0.0, 1e-11, 1.0]), 1.0).tolist()   # 1e-11 is resolved
    [True, False, False]
    """
    e = np.asarray(energies, dtype=float)
    tol = DEGENERACY_RTOL * max(float(scale), float(np.max(np.abs(e))))
    lo = float(e.min())
    window = 8
    while True:  # a chain of c levels spans at most c·tol: widen the window until it ends
        es = np.sort(e[e - lo <= tol * window])
        gaps = np.flatnonzero(np.diff(es) > tol)
        if gaps.size or es.size < window or es.size == e.size:
            top = es[gaps[0]] if gaps.size else es[-1]
            return e <= top
        window *= 4


def logsumexp(x: npt.ArrayLike) -> float:
    """log Σ exp(x) over all entries (-inf entries allowed; -inf for none or all -inf).

    A lean version of :func:`scipy.special.logsumexp` (several times faster on 10⁶ entries).

    Examples
    --------
    >>> round(logsumexp([1000.0, 1000.0]) - 1000.0, 12) == round(math.log(2.0), 12)
    True
    """
    a = np.asarray(x, dtype=float)
    if a.size == 0:
        return -math.inf
    top = float(a.max())
    if not math.isfinite(top):
        return top
    return top + math.log(float(np.sum(np.exp(a - top))))


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


def level_probabilities(
    energies: FloatArray, log_mult: FloatArray, temperature: float, *, scale: float
) -> FloatArray:
    """Gibbs probabilities of levels that come with multiplicities.

    Parameters
    ----------
    energies : array
        Level energies (any shape).
    log_mult : array broadcastable to ``energies``
        log of the number of copies of each level (any common offset).
    temperature : float
        T >= 0 (0: equal mixture over the ground cluster; inf: weight ∝ multiplicity).
    scale : float
        max|E| over the whole spectrum (or an upper bound), for the T = 0 tolerance.

    Returns
    -------
    p : array shaped like ``energies``
        Total probability of each level (all its copies together), Σ p = 1.

    Examples
    --------
    >>> level_probabilities(np.array([[-1.0, 1.0]]), np.zeros((1, 1)), 0.0, scale=1.0).tolist()
    [[1.0, 0.0]]
    """
    e, lm = np.broadcast_arrays(
        np.asarray(energies, dtype=float), np.asarray(log_mult, dtype=float)
    )
    if temperature == math.inf:
        logw = lm.copy()
    elif temperature == 0.0:
        logw = np.where(ground_cluster(e, scale), lm, -np.inf)
    else:
        with np.errstate(over="ignore"):  # ΔE/T beyond the float range: weight exactly 0
            logw = lm - (e - e.min()) / temperature
    w = np.exp(logw - logw.max())  # normalise by the sum itself: Σ p = 1 to rounding, even
    return w / w.sum()  # when log w ~ 1e5 (exp(log w - log Z) would be off by ulp(log Z))
