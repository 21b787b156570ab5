"""Exact collision channel for a cluster of N identical qubit units, reduced by total spin.

Every bath operator enters collectively (PRA104 Eq. (6)): for one qubit unit any b is
b_ee|e⟩⟨e| + b_eg σ₊ + b_ge σ₋ + b_gg|g⟩⟨g|, so its cluster sum is

    Σ_k b^(k) = b_ee (N/2 + J_z) + b_gg (N/2 - J_z) + b_eg J₊ + b_ge J₋,

and H = H_S + H_B + V/√τ (Eq. (A1)) commutes with every permutation of the units. On the
total-spin decomposition (C²)^{⊗N} = ⊕_j C^{2j+1} ⊗ C^{d_j} it acts as H_j ⊗ 1 with H_j on
target ⊗ (2j+1), and the product thermal state ρ_unit^{⊗N} is diagonal in |j, m, α⟩ with a
weight p_e^{N/2+m} p_g^{N/2-m} that depends on m only. Hence the exact one-collision channel is

    Φ(ρ) = Σ_j d_j Σ_m p_e^{N/2+m} p_g^{N/2-m} tr_B[U_j (ρ ⊗ |j m⟩⟨j m|) U_j†],
    U_j = exp(-iτ H_j),   d_j = C(N, N/2-j) - C(N, N/2-j-1),

a weighted sum of d²×d² pieces Φ_{j,m} (the multiplicities d_j: :mod:`autocoherence._su2`).
Temperature enters only through the weights: the pieces (the block propagators) are computed
once per (N, τ, coupling) and reused for every temperature
(:class:`~autocoherence.collision.exact.sector_channel.SpinSectorChannel`).

Pruning, and its error bound. Weights are handled in log space (no overflow at any N).
Levels are counted from the heavier end of each ladder (m = -j for ω_B ≥ 0), where the
weight is largest and falls geometrically, ratio r = e^{-|ω_B|/T}, along the ladder:

* **weights** — whole sectors are dropped while their summed weight stays ≤ tol/2, and each
  kept sector keeps its first k_max + 1 levels with r^{k_max+1} ≤ tol/2, so the dropped
  weight δ ≤ tol (computed exactly and reported);
* **windows** — a kept level is propagated on a window of the ladder, levels 0 … K, instead
  of the whole (2j+1)-level block. By Duhamel's formula the error of one propagated state is
  ε ≤ τ a_K max_{s≤τ}‖Π_K e^{-iH_w s} ψ₀‖, with a_K the norm of the coupling from level K
  to K+1. In the interaction picture of the level-diagonal part, the Dyson series bounds the
  amplitude on level K by (e^{τA})_{K,k₀}, A the non-negative ladder of block norms
  c·√((k+1)(2j-k))/√τ ≤ c√(2j/τ)·√(k+1), c = ‖Σ_α b_α,eg S_α‖; so with x = c√(2jτ)

      ε ≤ τ a_K · e^{x²/2} ⟨K| e^{x b†} e^{x b} |k₀⟩      (bosonic majorant, closed form),

  and K is the first level where this is ≤ tol for every kept k₀ (K = 2j: exact block);
* together: for any state ρ, ‖Φ(ρ) - Φ̃(ρ)‖₁ ≤ 2δ + 2ε + ε² (ε the largest error of a
  propagated state, window and Chebyshev truncation together; the windowed propagator is
  unitary on its window up to that truncation), and the fixed points differ by at most that
  divided by the smallest singular value of 1 - Φ̃ on traceless matrices
  (:meth:`~autocoherence.collision.exact.sector_channel.SectorChannel.fixed_point_error_bound`).

The bound ignores floating-point rounding (≈1e-15 per operation; log-space weights at
N = 1000 carry a relative error ≈1e-13).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.special import gammaln, logsumexp

from autocoherence._checks import check_finite, check_int, check_temperature
from autocoherence._su2 import ladder_elements, log_dicke_multiplicities
from autocoherence.errors import ParameterError
from autocoherence.typing import ComplexArray, FloatArray

__all__ = [
    "DEFAULT_TOL",
    "SectorWeights",
    "block_diagonals",
    "block_operator",
    "qubit_log_populations",
    "sector_weights",
    "window_error_bounds",
    "window_top",
]

Term = tuple[ComplexArray, ComplexArray]

#: Default bound on the dropped bath weight and on each propagated state's window error.
DEFAULT_TOL = 1e-14


# ----------------------------------------------------------------------------- weights
def qubit_log_populations(omega: float, temperature: float) -> tuple[float, float]:
    """(log p_e, log p_g) of a thermal qubit ω σz/2, in log space (no underflow).

    p_e = 1/(1 + e^{ω/T}), p_g = 1/(1 + e^{-ω/T}); T = 0 gives ``-inf`` for the excited
    (ω > 0) or ground (ω < 0) state and log ½ twice for ω = 0; T = inf gives log ½ twice.

    Examples
    --------
    >>> qubit_log_populations(1.0, 0.0)
    (-inf, 0.0)
    """
    omega = check_finite(omega, "omega")
    temperature = check_temperature(temperature)
    if temperature == math.inf or omega == 0.0:
        x = 0.0
    elif temperature == 0.0:
        x = math.copysign(math.inf, omega)
    else:
        x = omega / temperature
    return 0.0 - float(np.logaddexp(0.0, x)), 0.0 - float(np.logaddexp(0.0, -x))


def _xlog(count: np.ndarray, log_p: float) -> np.ndarray:
    """count · log p with 0 · (-inf) = 0."""
    if log_p == -math.inf:
        return np.where(count == 0, 0.0, -math.inf)
    return count * log_p


def _log_geometric(log_r: float, length: np.ndarray) -> np.ndarray:
    """log Σ_{k<L} r^k for r = e^{log_r} ≤ 1."""
    if log_r == 0.0:
        return np.log(length.astype(float))
    if log_r == -math.inf:
        return np.zeros(length.shape)
    return np.log(-np.expm1(length * log_r)) - math.log(-math.expm1(log_r))


@dataclass(frozen=True)
class SectorWeights:
    """Bath weights of the kept (sector, level) pairs of N thermal qubits.

    Level k of sector j has weight exp(log_w0[i] + k log_r), k = 0 … k_max[i]; level 0 is
    the heavier end of the ladder (m = -j if ``top_first`` is False, m = +j otherwise).

    Attributes
    ----------
    two_j, log_w0, k_max : arrays over the kept sectors
    log_r : float
        log of the level-to-level weight ratio, ≤ 0.
    dropped : float
        Total weight of the dropped sectors and levels, ≤ tol.

    Examples
    --------
    >>> w = sector_weights(4, *qubit_log_populations(1.0, 0.5))
    >>> w.two_j.tolist(), w.k_max.tolist()
    ([4, 2, 0], [4, 2, 0])
    >>> kept = sum(float(w.level_weights(i).sum()) for i in range(w.two_j.size))
    >>> round(kept + w.dropped, 12)   # kept and dropped weights sum to 1
    1.0
    """

    two_j: np.ndarray
    log_w0: FloatArray
    k_max: np.ndarray
    log_r: float
    dropped: float

    def level_weights(self, i: int) -> FloatArray:
        """Weights of levels 0 … k_max of kept sector ``i``."""
        k = np.arange(self.k_max[i] + 1)
        if self.log_r == -math.inf:  # only the heavy end carries weight
            return np.exp(self.log_w0[i]) * (k == 0)
        return np.exp(self.log_w0[i] + k * self.log_r)


def sector_weights(
    n: int, log_pe: float, log_pg: float, *, top_first: bool = False, tol: float = DEFAULT_TOL
) -> SectorWeights:
    """Weights d_j p_e^{N/2+m} p_g^{N/2-m} of the states |j, m⟩ of N thermal qubits, pruned.

    Parameters
    ----------
    n : int
        Cluster size N.
    log_pe, log_pg : float
        log populations of one unit (:func:`autocoherence.states.qubit_log_populations`).
    top_first : bool, keyword-only
        Count levels from m = +j (the heavier end when p_e > p_g, i.e. ω_B < 0).
    tol : float, keyword-only
        Largest total weight dropped (sectors ≤ tol/2, level tails ≤ tol/2).

    Returns
    -------
    SectorWeights, normalised so that all weights (kept and dropped) sum to 1.

    Examples
    --------
    At T = ∞ every state of N = 6 qubits has weight 2⁻⁶, so the weights of the heavy ends
    are the multiplicities d_j, and Σ_j d_j (2j+1) = 2^N:

    >>> half = math.log(0.5)
    >>> w = sector_weights(6, half, half)
    >>> d = np.exp(w.log_w0) * 2**6
    >>> w.two_j.tolist(), d.round().astype(int).tolist(), round(float(np.sum(d * (w.two_j + 1))))
    ([6, 4, 2, 0], [1, 5, 9, 5], 64)

    Cold units: only the low sectors and levels are kept, the rest weighs ≤ tol.

    >>> w = sector_weights(6, *qubit_log_populations(1.0, 0.05))
    >>> w.two_j.tolist(), w.k_max.tolist(), w.dropped <= DEFAULT_TOL
    ([6, 4], [1, 1], True)
    """
    n = check_int(n, "n", minimum=1)
    two_j, log_d = log_dicke_multiplicities(n)  # relative to the peak: normalised below
    n_e0 = (n + two_j) // 2 if top_first else (n - two_j) // 2
    log_r = (log_pg - log_pe) if top_first else (log_pe - log_pg)
    if math.isnan(log_r):  # both -inf cannot happen for a qubit; guard anyway
        raise ParameterError("invalid populations: log p_g and log p_e are both -inf")
    log_r = min(log_r, 0.0)
    log_w0 = log_d + _xlog(n_e0, log_pe) + _xlog(n - n_e0, log_pg)
    length = two_j + 1
    log_s = log_w0 + _log_geometric(log_r, length)
    total = float(logsumexp(log_s))
    log_w0, log_s = log_w0 - total, log_s - total
    s = np.exp(log_s)

    # drop the lightest sectors while their summed weight stays <= tol/2
    order = np.argsort(s, kind="stable")
    light = np.cumsum(s[order]) <= tol / 2
    keep = np.ones(s.size, dtype=bool)
    keep[order[light]] = False
    dropped = float(s[order[light]].sum())

    # in each kept sector keep the levels k <= k_max with r^{k_max+1} <= tol/2
    if log_r == 0.0:
        k_max = two_j.copy()
    elif log_r == -math.inf:
        k_max = np.zeros_like(two_j)
    else:
        k_cut = max(0, math.ceil(math.log(tol / 2) / log_r) - 1)
        k_max = np.minimum(two_j, k_cut)
        with np.errstate(under="ignore"):
            tail = (np.exp((k_max + 1) * log_r) - np.exp(length * log_r)) / -np.expm1(
                length * log_r
            )
        dropped += float(np.sum((s * tail)[keep]))
    return SectorWeights(
        two_j=two_j[keep], log_w0=log_w0[keep], k_max=k_max[keep], log_r=log_r, dropped=dropped
    )


# ---------------------------------------------------------------------- window bound
def _log_majorant(top: npt.ArrayLike, k0: npt.ArrayLike, x: float) -> FloatArray:
    """log (e^{x(b+b†)})_{top,k0}, broadcast over ``top`` and ``k0`` (integer arrays).

    = x²/2 + log Σ_i x^{top+k0-2i} √(top! k0!)/((top-i)!(k0-i)! i!) (BCH: e^{x(b+b†)} =
    e^{x²/2} e^{xb†} e^{xb}).
    """
    i = np.arange(int(np.max(k0)) + 1)
    top, k0c = np.asarray(top)[..., None], np.asarray(k0)[..., None]
    valid = i <= k0c
    ii = np.where(valid, i, 0)
    terms = (
        (top + k0c - 2 * ii) * math.log(x)
        + 0.5 * (gammaln(top + 1.0) + gammaln(k0c + 1.0))
        - gammaln(top - ii + 1.0)
        - gammaln(k0c - ii + 1.0)
        - gammaln(ii + 1.0)
    )
    terms = np.where(valid, terms, -np.inf)
    return np.asarray(0.5 * x * x + logsumexp(terms, axis=-1), dtype=float)


def window_error_bounds(two_j: int, top: int, k0: np.ndarray, c: float, tau: float) -> FloatArray:
    """Bound on ‖(e^{-iHτ} - e^{-iH_w τ})|s, k₀⟩‖ for a window of levels 0 … ``top``.

    See the module docstring: ε ≤ τ a_top e^{x²/2}⟨top|e^{xb†}e^{xb}|k₀⟩, a_top =
    c√((top+1)(2j-top))/√τ, x = c√(2jτ). Zero when the window is the whole block
    (top = 2j) or when nothing moves along the ladder (c = 0).

    Parameters
    ----------
    two_j : int
        2j of the sector.
    top : int
        Highest level of the window (levels counted from the heavier end).
    k0 : array of int
        Starting levels, each ≤ top.
    c : float
        ‖Σ_α b_α,eg S_α‖ (= ‖Σ_α b_α,ge S_α‖ for a Hermitian V), the ladder coupling per √τ.
    tau : float
        Collision duration.

    Examples
    --------
    >>> window_error_bounds(10, 10, np.array([0, 1]), 0.6, 0.05)   # whole block: exact
    array([0., 0.])
    >>> eps = [window_error_bounds(100, top, np.array([0]), 0.6, 0.05)[0] for top in (10, 20, 30)]
    >>> bool(min(eps) >= 0), bool(eps[0] > eps[1] > eps[2])   # wider windows, smaller bounds
    (True, True)
    """
    k0 = np.asarray(k0, dtype=int)
    if top >= two_j or c == 0.0:
        return np.zeros(k0.shape)
    a_top = c * math.sqrt((top + 1) * (two_j - top)) / math.sqrt(tau)
    x = c * math.sqrt(two_j * tau)
    with np.errstate(over="ignore"):
        return np.asarray(tau * a_top * np.exp(_log_majorant(top, k0, x)), dtype=float)


def window_top(two_j: int, k_max: int, c: float, tau: float, tol: float) -> int:
    """Smallest window top K >= k_max whose bound is <= tol for every start level <= k_max.

    Examples
    --------
    >>> top = window_top(100, 2, 0.6, 0.05, 1e-14)
    >>> top, bool(np.all(window_error_bounds(100, top, np.arange(3), 0.6, 0.05) <= 1e-14))
    (39, True)
    >>> window_top(100, 2, 0.0, 0.05, 1e-14)   # nothing moves along the ladder
    2
    """
    if c == 0.0:
        return k_max
    tops = np.arange(k_max, two_j)
    if tops.size == 0:
        return two_j
    # bound for the highest start level, all candidate tops at once
    x = c * math.sqrt(two_j * tau)
    log_a = np.log(c * ladder_elements(two_j)[k_max:] / math.sqrt(tau))  # a_K for K in tops
    log_bound = math.log(tau) + log_a + _log_majorant(tops, k_max, x)
    starts = np.arange(k_max + 1)
    for top in tops[log_bound <= math.log(tol)].tolist():
        # then every start level (the bound need not be monotone in k0)
        if bool(np.all(window_error_bounds(two_j, top, starts, c, tau) <= tol)):
            return int(top)
    return two_j


# -------------------------------------------------------------------- block operators
def block_diagonals(
    b: ComplexArray, n: int, two_j: int, levels: int, *, top_first: bool
) -> ComplexArray:
    """The diagonals of :func:`block_operator` as a (3, levels) array: below, main, above.

    Row 0 holds the sub-diagonal (entry k is ⟨k+1|·|k⟩), row 2 the super-diagonal (entry k is
    ⟨k|·|k+1⟩); their last entries are 0.

    Examples
    --------
    J₊ (b = σ₊) of N = 2 qubits, sector j = 1: below the diagonal, ⟨m+1|J₊|m⟩ = √2:

    >>> from autocoherence.spaces import sigma_plus
    >>> block_diagonals(sigma_plus(), 2, 2, 3, top_first=False).real.round(4)
    array([[1.4142, 1.4142, 0.    ],
           [0.    , 0.    , 0.    ],
           [0.    , 0.    , 0.    ]])
    """
    k = np.arange(levels)
    two_m = (-two_j + 2 * k) if not top_first else (two_j - 2 * k)
    m = two_m / 2.0
    # step k joins levels k and k+1: <m+1|J+|m> = sqrt((2j - k)(k + 1)) from either end
    step = np.zeros(levels)
    step[:-1] = ladder_elements(two_j, levels - 1)
    out = np.empty((3, levels), dtype=complex)
    out[1] = b[0, 0] * (n / 2 + m) + b[1, 1] * (n / 2 - m)
    if not top_first:  # J+ below the diagonal (k -> k+1), J- above
        out[0], out[2] = b[0, 1] * step, b[1, 0] * step
    else:  # J+ above the diagonal (k -> k-1)
        out[0], out[2] = b[1, 0] * step, b[0, 1] * step
    return out


def block_operator(
    b: ComplexArray, n: int, two_j: int, levels: int, *, top_first: bool
) -> sp.csr_array:
    """Σ_k b^(k) of N qubit units restricted to the first ``levels`` levels of sector j.

    b_ee(N/2 + J_z) + b_gg(N/2 - J_z) + b_eg J₊ + b_ge J₋ in the basis |j, m_k⟩,
    m_k = -j + k (or j - k if ``top_first``), with b a 2×2 matrix in the ``[e, g]`` basis.
    Returned sparse (tridiagonal).

    Examples
    --------
    >>> from autocoherence.spaces import sigma_z
    >>> block_operator(sigma_z(), 2, 2, 3, top_first=False).diagonal().real
    array([-2.,  0.,  2.])
    """
    below, diag, above = block_diagonals(b, n, two_j, levels, top_first=top_first)
    return sp.diags_array(
        [below[:-1], diag, above[:-1]], offsets=[-1, 0, 1], shape=(levels, levels), format="csr"
    )
