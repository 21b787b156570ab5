"""Gibbs states of Local Eq. (C4) by conserved total spin of each group of identical ancillas.

With J^g = Σ_{j ∈ g} σ_j/2 the collective spin of a group g of n_g identical ancillas,

    H = ω_T/2 σz_T + Σ_g [ω_g J^g_z + (γ_g σz_T + θ_g σx_T) J^g_x]          (Local Eq. (C4))

contains the ancillas only through J^g_z and J^g_x, so every (J^g)² is conserved. A sector
(j_1, ..., j_G) is a block of dimension 2 Π_g (2j_g + 1) that occurs d(n_1, j_1) ⋯ d(n_G, j_G)
times, with d(n, j) = C(n, n/2 - j) - C(n, n/2 - j - 1)
(:func:`~autocoherence._su2.log_dicke_multiplicities`). For one group (identical ancillas)
the block is banded (bandwidth 3 in the order |m, t⟩, target t fastest) and diagonalised
with :func:`scipy.linalg.eig_banded`.

The reduced state of one ancilla follows from permutation symmetry inside its group:
⟨σ_a⟩ = 2⟨J^g_a⟩/n_g. H is real, so every ⟨σy⟩ vanishes.

Sectors are pruned in two stages (see :mod:`autocoherence.spins.gibbs_symmetry`): first by
rigorous bounds without diagonalising — tr H_s = 0 gives Z_s ≥ D_s (Jensen); the lowest level
lies above Σ_g 2j_g λ_min(h_g) (Weyl's inequality, H written as a sum of target–single-spin
terms h_g on the symmetric subspace) and below the energy of the best product trial state
(target Bloch angle φ, spin-coherent groups), bounds 0.055 apart for the Fig. 3(b) parameters
at every j — then by the exact weights from eigenvalues only. Eigenvectors are computed only
for the levels that keep weight, by inverse iteration from the known eigenvalues
(:mod:`autocoherence.spins.banded`), with a full decomposition where that is cheaper.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy.linalg import eig_banded, eigh
from scipy.special import logsumexp

from autocoherence._su2 import log_dicke_multiplicities, log_dicke_multiplicity
from autocoherence.spins.banded import lowest_eigenvectors
from autocoherence.spins.sectors import ground_cluster, level_probabilities, spin_matrices
from autocoherence.spins.structure import AncillaStructure
from autocoherence.typing import FloatArray

__all__ = [
    "MAX_BLOCK_DIM",
    "indirect_bloch",
    "indirect_spectrum",
    "largest_block",
    "sector_hamiltonian",
]

#: Largest block 2 Π_g (n_g + 1) the total-spin route diagonalises (N ≤ 2047 identical).
MAX_BLOCK_DIM = 4096

_BANDED_MIN_DIM = 64  # below this, a dense eigh of the band is as fast and simpler
_SMALL_TOTAL_DIM = 1024  # below this total block size every sector is diagonalised
_INVERSE_ITERATION_FRACTION = 4  # inverse iteration for at most D/4 lowest levels, else full


def largest_block(counts: Sequence[int]) -> int:
    """Dimension 2 Π_g (n_g + 1) of the largest total-spin block (all j_g = n_g/2).

    Examples
    --------
    >>> largest_block([8])  # target qubit ⊗ spin j = 4
    18
    >>> largest_block([3, 2])  # target ⊗ spin 3/2 ⊗ spin 1
    24
    """
    return 2 * math.prod(n + 1 for n in counts)


def _band(structure: AncillaStructure, two_j: int) -> FloatArray:
    """Upper band (4, D) of the one-group block in the order index = 2 i + t.

    i = j - m (spin), t = 0 (target |e⟩) or 1 (|g⟩); ``ab[3 + r - c, c] = H[r, c]``.
    """
    g = structure.groups[0]
    m, jx = spin_matrices(two_j)
    d = 2 * (two_j + 1)
    ab = np.zeros((4, d))
    s_t = np.tile([1.0, -1.0], two_j + 1)
    ab[3] = 0.5 * structure.omega_target * s_t + g.omega * np.repeat(m, 2)
    # offset 1: (2i+1, 2i+2) = θ jx_i  (σx_T J_x, t: g -> e)
    ab[2, 2::2] = g.theta * jx
    # offset 2: (2i+t, 2i+2+t) = γ s_t jx_i  (σz_T J_x)
    ab[1, 2::2] = g.gamma * jx
    ab[1, 3::2] = -g.gamma * jx
    # offset 3: (2i, 2i+3) = θ jx_i  (σx_T J_x, t: e -> g)
    ab[0, 3::2] = g.theta * jx
    return ab


def _band_to_dense(ab: FloatArray) -> FloatArray:
    d = ab.shape[1]
    h = np.diag(ab[3])
    for off in (1, 2, 3):
        if off < d:
            v = ab[3 - off, off:]
            h += np.diag(v, off) + np.diag(v, -off)
    return h


_SZ = np.diag([1.0, -1.0])
_SX = np.array([[0.0, 1.0], [1.0, 0.0]])


def _embed(
    two_js: Sequence[int], target: FloatArray, g: int = -1, op: FloatArray | None = None
) -> FloatArray:
    """target ⊗ (op on group g, identity on the other groups), order target ⊗ g1 ⊗ ... ⊗ gG."""
    dims = [tj + 1 for tj in two_js]
    if op is None:
        return np.kron(target, np.eye(math.prod(dims))).astype(float)
    left, right = math.prod(dims[:g]), math.prod(dims[g + 1 :])
    return np.kron(target, np.kron(np.kron(np.eye(left), op), np.eye(right))).astype(float)


def sector_hamiltonian(structure: AncillaStructure, two_js: Sequence[int]) -> FloatArray:
    """Dense block of Local Eq. (C4) in sector (j_1, ..., j_G), order target ⊗ g1 ⊗ ... ⊗ gG.

    Examples
    --------
    >>> from autocoherence.spins import indirect_n
    >>> s = indirect_n(1.0, 0.5, 0.3, 0.2, n=2).structure
    >>> sector_hamiltonian(s, [0]).round(12).tolist()
    [[0.5, 0.0], [0.0, -0.5]]
    """
    h = 0.5 * structure.omega_target * _embed(two_js, _SZ)
    for g, grp in enumerate(structure.groups):
        m, jx = spin_matrices(two_js[g])
        jx_full = np.diag(jx, 1) + np.diag(jx, -1)
        h += grp.omega * _embed(two_js, np.eye(2), g, np.diag(m))
        h += _embed(two_js, grp.gamma * _SZ + grp.theta * _SX, g, jx_full)
    return h


def _expectations(two_js: Sequence[int], vecs: FloatArray) -> FloatArray:
    """Per eigenvector [⟨σx_T⟩, ⟨σz_T⟩, ⟨J^g_x⟩..., ⟨J^g_z⟩...] from the tensor structure."""
    k = vecs.shape[1]
    dims = [2] + [tj + 1 for tj in two_js]
    v = vecs.reshape(*dims, k)
    out = [
        np.sum(v * np.tensordot(_SX, v, axes=(1, 0)), axis=tuple(range(len(dims)))),
        np.sum(v * np.tensordot(_SZ, v, axes=(1, 0)), axis=tuple(range(len(dims)))),
    ]
    jx_rows: list[FloatArray] = []
    jz_rows: list[FloatArray] = []
    for g, tj in enumerate(two_js):
        m, jx = spin_matrices(tj)
        for op, rows in ((np.diag(jx, 1) + np.diag(jx, -1), jx_rows), (np.diag(m), jz_rows)):
            w = np.moveaxis(np.tensordot(op, v, axes=(1, g + 1)), 0, g + 1)
            rows.append(np.sum(v * w, axis=tuple(range(len(dims)))))
    return np.stack(out + jx_rows + jz_rows)


def _ground_lower_bound(structure: AncillaStructure, two_j: npt.NDArray[np.int64]) -> FloatArray:
    """Rigorous lower bound of each sector's lowest level (Weyl, spin by spin).

    In sector (j_g) the block is H restricted to the symmetric states of K = Σ_g 2j_g spins 1/2,
    H = Σ_g Σ_{k ∈ g} h_g with h_g = ω_T/(2K) σz_T + ω_g/2 σz_k + (γ_g σz_T + θ_g σx_T) σx_k/2
    on the target and one spin; so λ_min ≥ Σ_g 2j_g λ_min(h_g) (-|ω_T|/2 exactly for K = 0).
    """
    sz, sx, one = np.diag([1.0, -1.0]), np.array([[0.0, 1.0], [1.0, 0.0]]), np.eye(2)
    k_tot = two_j.sum(axis=0)
    ks, inverse = np.unique(k_tot, return_inverse=True)
    share = structure.omega_target / (2.0 * np.maximum(ks, 1))
    out = np.zeros(k_tot.size)
    for g, grp in enumerate(structure.groups):
        spin = 0.5 * grp.omega * np.kron(one, sz) + 0.5 * np.kron(
            grp.gamma * sz + grp.theta * sx, sx
        )
        stack = spin[None] + share[:, None, None] * np.kron(sz, one)[None]
        lam = np.linalg.eigvalsh(stack)[:, 0]
        out += two_j[g] * lam[inverse]
    return np.where(k_tot > 0, out, -0.5 * abs(structure.omega_target))


def _ground_upper_bound(structure: AncillaStructure, two_j: npt.NDArray[np.int64]) -> FloatArray:
    """Upper bound of each sector's lowest level: the best product trial state on a grid.

    Target Bloch vector (sin φ, 0, cos φ), each group in a spin-coherent state along its
    optimal direction: E(φ) = ω_T/2 cos φ - Σ_g j_g √(ω_g² + (γ_g cos φ + θ_g sin φ)²);
    every φ gives an upper bound, the minimum over 1024 angles is used.
    """
    phi = np.linspace(0.0, 2.0 * math.pi, 1024, endpoint=False)
    cos, sin = np.cos(phi), np.sin(phi)
    energy = np.broadcast_to(0.5 * structure.omega_target * cos, (two_j.shape[1], phi.size)).copy()
    for g, grp in enumerate(structure.groups):
        radius = np.sqrt(grp.omega**2 + (grp.gamma * cos + grp.theta * sin) ** 2)
        energy -= 0.5 * two_j[g][:, None] * radius[None, :]
    return energy.min(axis=1)


class _Sectors:
    """The sectors of one structure: spins, multiplicities, bounds, and cached spectra."""

    def __init__(self, structure: AncillaStructure) -> None:
        self.structure = structure
        groups = structure.groups
        per = [log_dicke_multiplicities(g.count) for g in groups]
        idx = np.meshgrid(*[np.arange(tj.size) for tj, _ in per], indexing="ij")
        self.two_j = np.stack([tj[i.ravel()] for (tj, _), i in zip(per, idx, strict=True)])
        self.log_d = np.sum([ld[i.ravel()] for (_, ld), i in zip(per, idx, strict=True)], axis=0)
        self.dim = 2 * np.prod(self.two_j + 1, axis=0)
        r = np.array([math.sqrt(g.omega**2 + g.gamma**2 + g.theta**2) for g in groups])
        self.scale = 0.5 * abs(structure.omega_target) + 0.5 * float(np.max(r @ self.two_j))
        self._values: dict[int, FloatArray] = {}
        self._pairs: dict[int, tuple[FloatArray, FloatArray]] = {}

    @functools.cached_property
    def ground_lo(self) -> FloatArray:
        """Lower bounds of each sector's lowest level."""
        return _ground_lower_bound(self.structure, self.two_j)

    @functools.cached_property
    def ground_hi(self) -> FloatArray:
        """Upper bounds of each sector's lowest level."""
        return _ground_upper_bound(self.structure, self.two_j)

    def exact_log_d(self, s: int) -> float:
        """Absolute log multiplicity Π_g d(n_g, j_g) of sector s (accurate to ~1e-15)."""
        out = 0.0
        for g, tj in zip(self.structure.groups, self.two_j[:, s], strict=True):
            out += log_dicke_multiplicity(g.count, int(tj))
        return out

    @property
    def size(self) -> int:
        return int(self.log_d.size)

    def _matrix(self, s: int) -> tuple[FloatArray | None, FloatArray | None]:
        """(band, None) for large one-group blocks, else (None, dense)."""
        tjs = [int(t) for t in self.two_j[:, s]]
        if len(tjs) == 1:
            ab = _band(self.structure, tjs[0])
            if ab.shape[1] >= _BANDED_MIN_DIM:
                return ab, None
            return None, _band_to_dense(ab)
        return None, sector_hamiltonian(self.structure, tjs)

    def values(self, s: int) -> FloatArray:
        """All eigenvalues of sector s, ascending (cached).

        Small and multi-group blocks are diagonalised completely at once (eigenvectors
        included, cached for :meth:`lowest`); large banded ones by eigenvalues only.
        """
        if s not in self._values:
            ab, h = self._matrix(s)
            if ab is None:
                self._pairs[s] = self._compute_pairs(s, int(self.dim[s]), h)
                self._values[s] = self._pairs[s][0]
            else:
                self._values[s] = eig_banded(ab, eigvals_only=True)
        return self._values[s]

    def lowest(self, s: int, k: int) -> tuple[FloatArray, FloatArray]:
        """The k lowest levels of sector s: energies (k,) and per level the expectations
        [⟨σx_T⟩, ⟨σz_T⟩, ⟨J^g_x⟩..., ⟨J^g_z⟩...] as a (2 + 2G, k) array (cached)."""
        cached = self._pairs.get(s)
        if cached is None or cached[0].size < k:
            cached = self._compute_pairs(s, k)
            self._pairs[s] = cached
        return cached[0][:k], cached[1][:, :k]

    def _compute_pairs(
        self, s: int, k: int, dense: FloatArray | None = None
    ) -> tuple[FloatArray, FloatArray]:
        tjs = [int(t) for t in self.two_j[:, s]]
        ab, h = (None, dense) if dense is not None else self._matrix(s)
        vecs = None
        if ab is not None and k <= ab.shape[1] // _INVERSE_ITERATION_FRACTION:
            e = self.values(s)[:k]
            vecs = lowest_eigenvectors(ab, e, seed=s)
        if vecs is None:
            e, vecs = eig_banded(ab) if ab is not None else eigh(h)
        if len(tjs) == 1:
            m, jx = spin_matrices(tjs[0])
            ve, vg = vecs[0::2], vecs[1::2]
            sz = np.sum(ve**2, axis=0) - np.sum(vg**2, axis=0)
            sx = 2.0 * np.sum(ve * vg, axis=0)
            jz = m @ (ve**2 + vg**2)
            jxe = 2.0 * (jx @ (ve[:-1] * ve[1:] + vg[:-1] * vg[1:]))
            return e, np.stack([sx, sz, jxe, jz])
        return e, _expectations(tjs, vecs)


def _candidates(
    sec: _Sectors, t: float, prune_tol: float
) -> tuple[npt.NDArray[np.intp], FloatArray]:
    """Stage 1: sectors not excluded by the bounds; and hi_s (upper bound of log w_s).

    Small problems (all blocks together below ``_SMALL_TOTAL_DIM``) skip the bounds.
    """
    if int(sec.dim.sum()) <= _SMALL_TOTAL_DIM:
        return np.arange(sec.size), np.zeros(sec.size)
    log_dim = np.log(sec.dim)
    if t == 0.0:
        margin = 1e-6 * max(1.0, sec.scale)
        return np.flatnonzero(sec.ground_lo <= sec.ground_hi.min() + margin), np.zeros(0)
    beta = 1.0 / t
    hi = sec.log_d + log_dim - beta * sec.ground_lo
    if prune_tol <= 0.0:
        return np.arange(sec.size), hi
    lo = sec.log_d + np.maximum(log_dim, -beta * sec.ground_hi)
    return np.flatnonzero(hi >= lo.max() + math.log(prune_tol / sec.size)), hi


def _kept(sec: _Sectors, t: float, prune_tol: float) -> tuple[dict[int, int], float]:
    """Stage 2: {sector: number of its lowest levels kept} at T, and the dropped weight ε.

    From the exact eigenvalues of the candidate sectors, the least probable levels are
    dropped while their total weight, plus the bound on the sectors stage 1 excluded, stays
    within ``prune_tol`` of Z; T = 0 keeps the ground cluster.
    """
    cand, hi = _candidates(sec, t, prune_tol)
    vals = [sec.values(int(s)) for s in cand]
    owner = np.concatenate([np.full(v.size, i) for i, v in enumerate(vals)])
    energies = np.concatenate(vals)
    if t == 0.0:
        keep = ground_cluster(energies, sec.scale)
        dropped = 0.0
    else:
        logw = sec.log_d[cand][owner] - energies / t
        outside = np.setdiff1d(np.arange(sec.size), cand)
        log_out = float(logsumexp(hi[outside])) if outside.size else -math.inf
        top = float(logw.max())
        order = np.argsort(logw)
        cum = np.cumsum(np.exp(logw[order] - top))
        total = float(cum[-1]) + math.exp(log_out - top)
        n_drop = int(np.searchsorted(cum, prune_tol * total, side="right")) if prune_tol > 0 else 0
        keep = np.ones(energies.size, dtype=bool)
        keep[order[:n_drop]] = False
        dropped = ((float(cum[n_drop - 1]) if n_drop else 0.0) + math.exp(log_out - top)) / total
    counts: dict[int, int] = {}
    start = 0
    for s, v in zip(cand, vals, strict=True):
        kept_here = np.flatnonzero(keep[start : start + v.size])
        start += v.size
        if kept_here.size:
            counts[int(s)] = int(kept_here[-1]) + 1  # levels ascend: keep a prefix
    return counts, min(1.0, dropped)


def indirect_bloch(
    structure: AncillaStructure, temps: FloatArray, prune_tol: float
) -> tuple[FloatArray, FloatArray, npt.NDArray[np.int64]]:
    """(C4) local Bloch vectors over T by total-spin sectors (finite T and T = 0).

    Returns bloch (n_T, 1 + G, 3), the dropped weight ε (n_T,) and the number of sectors
    used (n_T,); see :func:`autocoherence.spins.gibbs_symmetry.symmetry_bloch`.

    Examples
    --------
    Target and 4 identical ancillas: only the symmetric sector j = 2 matters at T = 0,
    all three sectors at T = 0.5; the target's coherence matches the dense route.

    >>> from autocoherence.spins import indirect_n
    >>> net = indirect_n(1.0, 0.5, 0.5, 0.5, n=4)
    >>> bloch, dropped, sectors = indirect_bloch(net.structure, np.array([0.0, 0.5]), 1e-16)
    >>> np.hypot(bloch[:, 0, 0], bloch[:, 0, 1]).round(6), sectors.tolist()
    (array([0.499098, 0.15709 ]), [1, 3])
    >>> round(net.gibbs(0.5, method="dense").l1_coherence(0), 6)
    0.15709
    """
    sec = _Sectors(structure)
    counts = np.array([g.count for g in structure.groups], dtype=float)
    n_groups = counts.size
    n_t = temps.size
    bloch = np.zeros((n_t, 1 + n_groups, 3))
    dropped = np.zeros(n_t)
    blocks = np.empty(n_t, dtype=np.int64)
    for i, t in enumerate(temps):
        kept, dropped[i] = _kept(sec, float(t), prune_tol)
        parts = [sec.lowest(s, k) for s, k in kept.items()]
        energies = np.concatenate([e for e, _ in parts])
        ex = np.concatenate([x for _, x in parts], axis=1)
        lm = np.concatenate([np.full(k, sec.log_d[s]) for s, k in kept.items()])
        p = level_probabilities(energies, lm, float(t), scale=sec.scale)
        avg = ex @ p
        bloch[i, 0, 0], bloch[i, 0, 2] = avg[0], avg[1]
        bloch[i, 1:, 0] = 2.0 * avg[2 : 2 + n_groups] / counts
        bloch[i, 1:, 2] = 2.0 * avg[2 + n_groups :] / counts
        blocks[i] = len(kept)
    return bloch, dropped, blocks


def indirect_spectrum(
    structure: AncillaStructure, t: float, prune_tol: float
) -> tuple[FloatArray, FloatArray, float, float]:
    """Levels that matter at T (values only), their relative log multiplicities, the absolute
    offset of those (exact at the most probable sector), and the energy scale.

    Examples
    --------
    Nothing pruned (``prune_tol=0``): the multiplicities count all 2⁵ states of the target
    and 4 ancillas; at T = 0 only the nondegenerate ground level is left.

    >>> from autocoherence.spins import indirect_n
    >>> s = indirect_n(1.0, 0.5, 0.5, 0.5, n=4).structure
    >>> e, log_mult, offset, scale = indirect_spectrum(s, 1.0, 0.0)
    >>> round(float(np.exp(log_mult + offset).sum()), 9)
    32.0
    >>> e, log_mult, offset, scale = indirect_spectrum(s, 0.0, 0.0)
    >>> e.size, round(float(np.exp(log_mult[0] + offset)), 9)
    (1, 1.0)
    """
    sec = _Sectors(structure)
    kept, _ = _kept(sec, t, prune_tol)
    energies = np.concatenate([sec.values(s)[:k] for s, k in kept.items()])
    lm = np.concatenate([np.full(k, sec.log_d[s]) for s, k in kept.items()])
    sectors = np.array(list(kept))
    if t == 0.0:
        ref = int(sectors[np.argmin([sec.values(s)[0] for s in sectors])])
    else:
        ref = int(sectors[np.argmax([sec.log_d[s] - sec.values(s)[0] / t for s in sectors])])
    return energies, lm, sec.exact_log_d(ref) - float(sec.log_d[ref]), sec.scale
