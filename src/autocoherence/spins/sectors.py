"""Conserved sectors of the N-ancilla networks and Gibbs weights in log space (pure functions).

* Conserved σz of every ancilla (Local Eqs. (14)/(C1), (C7)): a *configuration* gives, per
  group of identical ancillas, the number k_g of excited ancillas; its multiplicity is
  Π_g C(n_g, k_g) (:func:`configurations`).
* Conserved total spin of each group of identical ancillas (Local Eq. (C4)): a *sector*
  gives the total spin j_g of each group; its multiplicity is Π_g d(n_g, j_g) with
  d(n, j) = C(n, n/2 - j) - C(n, n/2 - j - 1)
  (:func:`autocoherence._su2.log_dicke_multiplicities`).

Multiplicities are kept as logarithms *relative to the largest one*, accumulated outward
from the peak of the binomial (:func:`autocoherence._su2.log_binomial_relative`), so that
N = 10⁶ neither overflows nor loses the ~1e-9 of relative precision that log Γ(N + 1) ≈
1.4·10⁷ would cost. The binomials, the Dicke multiplicities and the spin-j ladder are shared
with the collision route (:mod:`autocoherence._su2`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from autocoherence._su2 import ladder_elements, log_binomial_relative
from autocoherence.typing import FloatArray

__all__ = [
    "DEGENERACY_RTOL",
    "configurations",
    "ground_cluster",
    "level_probabilities",
    "spin_matrices",
]

#: Levels closer than this × max|E| are one degenerate level (the dense route,
#: :func:`autocoherence.spins.gibbs.gibbs_weights`, at every T; the routes here at T = 0).
#: It is the floating-point resolution of the energies, not a physical scale: a dense
#: eigensolver returns eigenvalues to ~√d ε max|E| ≤ 128 ε max|E| for d ≤ 2^14, and
#: 1e-12 ≈ 4500 ε leaves a margin. There is deliberately no absolute floor (a floor of 1
#: merged every level of a Hamiltonian with energies ~1e-11), and no comparison with the
#: spectrum's width: two levels 1e-11 apart are distinct, and at T ~ 1e-11 that matters.
DEGENERACY_RTOL = 1e-12


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
        Σ_g :func:`autocoherence._su2.log_binomial_peak`).

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


def spin_matrices(two_j: int) -> tuple[FloatArray, FloatArray]:
    """Diagonal of J_z and the first superdiagonal of J_x for spin j = two_j/2.

    Basis m = j, j-1, ..., -j (J_z eigenvalue descending, the ``[e, g]`` order for j = 1/2).

    Examples
    --------
    >>> jz, jx = spin_matrices(1)
    >>> jz.tolist(), jx.tolist()
    ([0.5, -0.5], [0.5])
    """
    m = two_j / 2.0 - np.arange(two_j + 1, dtype=float)
    # <m|J_x|m-1> = <m|J+|m-1>/2 = sqrt((j + m)(j - m + 1))/2 for m = j .. -j+1
    return m, 0.5 * ladder_elements(two_j)


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
