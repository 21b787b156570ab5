"""Symmetry-reduced Gibbs states of the N-ancilla networks (Local Eqs. (14)/(C1), (C7), (C4)).

In (14)/(C1) and (C7) every ancilla's σz_j commutes with H: in each configuration s of the
ancillas the core qubits see ``Γ_s/2 σx`` with Γ_s = Σ_j γ_j s_j, shifted by
E_s = Σ_j ω_j s_j/2. Only the number k_g of excited ancillas in each group of identical ones
matters, with multiplicity Π_g C(n_g, k_g): the Gibbs state (Local Eq. (2)) is a sum over
those configurations of 2x2 (C1) or 4x4 (C7) blocks, both diagonalised in closed form and
vectorised over the configurations. In (C4) each group's total spin is conserved
(:mod:`autocoherence.spins.total_spin`).

Everything is done with logarithms of the weights (log-sum-exp), so N = 10⁶ neither
overflows nor underflows; T = 0 (equal mixture over the ground cluster, as the dense route)
and T = inf (maximally mixed: every local Bloch vector is 0) are exact. The relative accuracy
of the weights is ~ε·(|log multiplicity| + |E|/T) of the dominant configurations: 1e-15 for
the papers' N ≤ 8, ~1e-10 at N = 10⁶ (energies ~10⁵, log C(10⁶, k) ~ 10⁵); the probabilities
are normalised by their own sum, so every Bloch vector stays in the unit ball.

**Pruning (C4).** A spin sector whose Gibbs weight is provably negligible is skipped: with
rigorous bounds lo_b ≤ log w_b ≤ hi_b, sectors with hi_b < max_b lo_b + log(tol/M) are dropped
(M sectors) before any diagonalisation, then the least probable levels of the rest (from
their exact eigenvalues) while their total weight stays below ``tol`` (default 1e-16) of Z.
The dropped weight ε (an upper bound, recorded per temperature) bounds the error of what is
returned: the state is ρ = (1 - ε) ρ_kept + ε ρ_dropped, so each local Bloch component, each
local l1 coherence and each local purity is off by at most 2ε. The purity of the whole state
is computed separately, as Z(2β)/Z(β)² (:func:`symmetry_purity`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import logsumexp

from autocoherence._su2 import log_binomial
from autocoherence.errors import MethodNotApplicableError
from autocoherence.spins.sectors import configurations, ground_cluster, level_probabilities
from autocoherence.spins.structure import AncillaStructure
from autocoherence.spins.total_spin import (
    MAX_BLOCK_DIM,
    indirect_bloch,
    indirect_spectrum,
    largest_block,
)
from autocoherence.typing import FloatArray

__all__ = [
    "MAX_CONFIGURATIONS",
    "PRUNE_TOL",
    "SymmetryBloch",
    "check_supported",
    "symmetry_bloch",
    "symmetry_purity",
    "unsupported_reason",
]

#: Largest number of ancilla configurations Π_g (n_g + 1) for (14)/(C1) and (C7):
#: N ≤ 4·10⁶ identical ancillas, or up to 22 all different ones.
MAX_CONFIGURATIONS = 2**22

#: Default bound on the Gibbs weight of the blocks the pruning drops (relative to Z).
PRUNE_TOL = 1e-16


@dataclass(frozen=True)
class SymmetryBloch:
    """Local Bloch vectors of every site class over a temperature grid.

    Attributes
    ----------
    bloch : (n_T, n_classes, 3) float array
        (⟨σx⟩, ⟨σy⟩, ⟨σz⟩) of each class: the core sites, then one per ancilla group
        (:meth:`AncillaStructure.site_class`).
    dropped_weight : (n_T,) float array
        Upper bound ε on the Gibbs weight of pruned blocks (0 where nothing was pruned).
    blocks : (n_T,) int array
        Number of blocks (configurations or spin sectors) that entered the state.

    Examples
    --------
    Target and 8 identical ancillas (Local Eq. (14)): 2 site classes, 9 configurations;
    at T = inf every local Bloch vector vanishes.

    >>> from autocoherence.spins import direct_n
    >>> r = symmetry_bloch(direct_n(1.0, 0.5, 0.2, n=8).structure, [0.5, math.inf])
    >>> r.bloch.shape, r.blocks.tolist(), r.dropped_weight.tolist()
    ((2, 2, 3), [9, 0], [0.0, 0.0])
    >>> round(float(np.hypot(*r.bloch[0, 0, :2])), 6), bool(np.all(r.bloch[1] == 0))
    (0.508359, True)
    """

    bloch: FloatArray
    dropped_weight: FloatArray
    blocks: npt.NDArray[np.int64]


def unsupported_reason(structure: AncillaStructure) -> str | None:
    """Why the symmetry route cannot handle ``structure`` (``None`` when it can).

    Examples
    --------
    >>> from autocoherence.spins import indirect_n
    >>> unsupported_reason(indirect_n(1.0, 0.5, 0.5, 0.5, n=100).structure) is None
    True
    >>> reason = unsupported_reason(indirect_n(1.0, 0.5, 0.5, 0.5, n=5000).structure)
    >>> print(reason)  # doctest: +ELLIPSIS
    indirect_n with ancilla groups of sizes [5000] ... dimension 10002, more than the limit 4096 ...
    """
    counts = [g.count for g in structure.groups]
    if structure.model in ("direct_n", "transferred_n"):
        n_conf = math.prod(n + 1 for n in counts)
        if n_conf > MAX_CONFIGURATIONS:
            return (
                f"{structure.model} with {len(counts)} groups of identical ancillas has "
                f"{n_conf} ancilla configurations, more than the limit {MAX_CONFIGURATIONS} "
                "(N identical ancillas give N + 1; all-different ones 2^N)"
            )
        return None
    dim = largest_block(counts)
    if dim > MAX_BLOCK_DIM:
        return (
            f"indirect_n with ancilla groups of sizes {counts[:8]}"
            f"{'...' if len(counts) > 8 else ''} has a largest total-spin block of "
            f"dimension {dim}, more than the limit "
            f"{MAX_BLOCK_DIM} (identical ancillas: N ≤ {MAX_BLOCK_DIM // 2 - 1})"
        )
    return None


def check_supported(structure: AncillaStructure | None, what: str = "this network") -> None:
    """Raise :class:`MethodNotApplicableError` unless the symmetry route applies.

    Examples
    --------
    >>> from autocoherence.spins import direct, direct_n
    >>> check_supported(direct_n(1.0, 0.5, 1e-6, n=10**6).structure)  # a million ancillas: fine
    >>> check_supported(direct(1.0, 0.5, 0.7).structure, "direct")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.MethodNotApplicableError: method='symmetry' needs a network built ...
    """
    if structure is None:
        raise MethodNotApplicableError(
            f"method='symmetry' needs a network built by a preset with conserved quantities: "
            f"direct_n (Local Eq. (14)/(C1)), transferred_n (Local Eq. (C7)) or indirect_n "
            f"(Local Eq. (C4)); {what} is not one of them; use method='dense' (or 'auto')"
        )
    reason = unsupported_reason(structure)
    if reason is not None:
        raise MethodNotApplicableError(
            f"method='symmetry' cannot handle {what}: {reason}; group the ancillas into fewer "
            "sets of identical ones (or use method='dense' for at most 14 sites)"
        )


def symmetry_bloch(
    structure: AncillaStructure,
    temperatures: Sequence[float] | FloatArray,
    *,
    prune_tol: float = PRUNE_TOL,
) -> SymmetryBloch:
    """Local Bloch vectors of the Gibbs state of an N-ancilla preset, without 2^N matrices.

    Parameters
    ----------
    structure : AncillaStructure
        The network's structure record (``network.structure``).
    temperatures : sequence of float
        T >= 0 (validated by the caller); 0 and inf are exact.
    prune_tol : float, keyword-only
        Bound on the Gibbs weight of the sectors and levels dropped before diagonalisation
        ((C4) only; (14)/(C1) and (C7) keep every configuration); 0 keeps everything.

    Returns
    -------
    SymmetryBloch

    Examples
    --------
    >>> from autocoherence.spins import direct_n
    >>> r = symmetry_bloch(direct_n(1.0, 0.5, 1e-6, n=10**6).structure, [0.0, 0.5])
    >>> np.round(np.hypot(r.bloch[:, 0, 0], r.bloch[:, 0, 1]), 6)
    array([0.707107, 0.336045])
    """
    check_supported(structure)
    with np.errstate(over="ignore"):  # E/T beyond the float range: weights exactly 0
        return _symmetry_bloch(structure, temperatures, prune_tol)


def _symmetry_bloch(
    structure: AncillaStructure, temperatures: Sequence[float] | FloatArray, prune_tol: float
) -> SymmetryBloch:
    temps = np.atleast_1d(np.asarray(temperatures, dtype=float))
    finite = np.isfinite(temps)
    n_t, n_classes = temps.size, structure.n_classes
    bloch = np.zeros((n_t, n_classes, 3))  # T = inf: I / 2^n, every Bloch vector is 0
    dropped = np.zeros(n_t)
    blocks = np.zeros(n_t, dtype=np.int64)
    if np.any(finite):
        solver = {
            "direct_n": _direct_bloch,
            "transferred_n": _transferred_bloch,
            "indirect_n": indirect_bloch,
        }[structure.model]
        b, dw, nb = solver(structure, temps[finite], prune_tol)
        bloch[finite], dropped[finite], blocks[finite] = b, dw, nb
    return SymmetryBloch(bloch, dropped, blocks)


def symmetry_purity(
    structure: AncillaStructure, temperature: float, *, prune_tol: float = PRUNE_TOL
) -> float:
    """Purity tr τ² of the whole Gibbs state, as Z(2β)/Z(β)² (1/g at T = 0, 2^-n at T = inf).

    The identity tr τ² = Σ_k e^{-2βE_k}/Z(β)² = Z(2β)/Z(β)² needs only level energies, so
    each partition function is pruned at its own temperature (T and T/2) with relative error
    ≤ 2·``prune_tol``. (Summing p_k² over the levels kept at T would not do: tr τ² is dominated
    by low-multiplicity, low-energy levels whose total weight may be pruned.) At T = 0 the
    ground cluster has g states: tr τ² = 1/g.

    Examples
    --------
    >>> from autocoherence.spins import direct_n
    >>> s = direct_n(1.0, 0.5, 0.25, n=10**6).structure
    >>> symmetry_purity(s, 0.0), round(symmetry_purity(s, 0.05), 9)
    (1.0, 0.542371302)
    """
    check_supported(structure)
    with np.errstate(over="ignore"):  # E/T beyond the float range: weights exactly 0
        return _symmetry_purity(structure, float(temperature), prune_tol)


def _symmetry_purity(structure: AncillaStructure, t: float, prune_tol: float) -> float:
    if t == math.inf:
        return math.ldexp(1.0, -structure.n_sites)  # 2^-n, 0.0 once it underflows
    spectrum = {
        "direct_n": _direct_spectrum,
        "transferred_n": _transferred_spectrum,
        "indirect_n": indirect_spectrum,
    }[structure.model]
    if t == 0.0:
        e, lm, offset, scale = spectrum(structure, 0.0, prune_tol)
        ground = ground_cluster(e, scale)
        return math.exp(-(float(logsumexp(lm[ground])) + offset))
    e1, lm1, offset, _ = spectrum(structure, t, prune_tol)
    e2, lm2, _, _ = spectrum(structure, 0.5 * t, prune_tol)  # same relative log multiplicities
    shift = min(float(e1.min()), float(e2.min()))
    lz1 = float(logsumexp(lm1 - (e1 - shift) / t))
    lz2 = float(logsumexp(lm2 - 2.0 * (e2 - shift) / t))
    return math.exp(lz2 - 2.0 * lz1 - offset)


_Out = tuple[FloatArray, FloatArray, npt.NDArray[np.int64]]
#: (level energies, their relative log multiplicities, absolute offset of those, scale)
_Spectrum = tuple[FloatArray, FloatArray, float, float]


def _ancilla_fields(
    structure: AncillaStructure,
) -> tuple[npt.NDArray[np.int64], FloatArray, FloatArray, FloatArray]:
    """Configurations m (G, M), log multiplicity (relative), Γ = Σ γ_j s_j, E = Σ ω_j s_j / 2."""
    counts = [g.count for g in structure.groups]
    m, log_mult = configurations(counts)
    gammas = np.array([g.gamma for g in structure.groups])
    omegas = np.array([g.omega for g in structure.groups])
    return m, log_mult, (gammas @ m).astype(float), (0.5 * (omegas @ m)).astype(float)


def _offset(
    structure: AncillaStructure, m: npt.NDArray[np.int64], log_mult: FloatArray, row: int
) -> float:
    """Absolute minus relative log multiplicity, evaluated exactly at configuration ``row``."""
    exact = sum(
        log_binomial(g.count, (int(m[k, row]) + g.count) // 2)
        for k, g in enumerate(structure.groups)
    )
    return exact - float(log_mult[row])


def _group_z(
    p_conf: FloatArray, m: npt.NDArray[np.int64], structure: AncillaStructure
) -> FloatArray:
    """⟨σz⟩ of one ancilla of each group: Σ_s P_s m_g(s) / n_g."""
    counts = np.array([g.count for g in structure.groups], dtype=float)
    return (m @ p_conf) / counts


# ----------------------------------------------------------------- (14)/(C1): 2x2 blocks
def _direct_levels(
    structure: AncillaStructure,
) -> tuple[npt.NDArray[np.int64], FloatArray, FloatArray, FloatArray, FloatArray]:
    """m, log mult, levels (M, 2) = E_s ∓ ω̄_s/2, and n_s = (Γ_s, 0, ω1)/ω̄_s as (nx, nz)."""
    m, log_mult, big_gamma, e_anc = _ancilla_fields(structure)
    w1 = structure.omega_target
    wb = np.hypot(w1, big_gamma)
    levels = np.stack([e_anc - 0.5 * wb, e_anc + 0.5 * wb], axis=1)
    safe = np.where(wb > 0, wb, 1.0)
    n = np.stack([np.where(wb > 0, big_gamma / safe, 0.0), np.where(wb > 0, w1 / safe, 0.0)])
    return m, log_mult, levels, n[0], n[1]


def _direct_bloch(structure: AncillaStructure, temps: FloatArray, prune_tol: float) -> _Out:
    """(14)/(C1): qubit 1 in the field (Γ_s, 0, ω1)/2 in configuration s.

    Levels E_s ∓ ω̄_s/2 with ω̄_s = √(Γ_s² + ω1²); the lower one has Bloch vector -n_s, the
    upper +n_s, n_s = (Γ_s, 0, ω1)/ω̄_s. Every configuration is kept (no pruning needed).
    """
    del prune_tol
    m, log_mult, levels, nx, nz = _direct_levels(structure)
    scale = float(np.max(np.abs(levels)))
    n_t = temps.size
    bloch = np.zeros((n_t, structure.n_classes, 3))
    for i, t in enumerate(temps):
        p = level_probabilities(levels, log_mult[:, None], float(t), scale=scale)
        diff = p[:, 1] - p[:, 0]
        bloch[i, 0, 0], bloch[i, 0, 2] = diff @ nx, diff @ nz
        bloch[i, 1:, 2] = _group_z(p.sum(axis=1), m, structure)
    return bloch, np.zeros(n_t), np.full(n_t, levels.shape[0], dtype=np.int64)


def _direct_spectrum(structure: AncillaStructure, t: float, prune_tol: float) -> _Spectrum:
    del prune_tol
    m, log_mult, levels, _, _ = _direct_levels(structure)
    row = int(np.argmin(levels[:, 0])) if t == 0.0 else int(np.argmax(log_mult - levels[:, 0] / t))
    lm = np.broadcast_to(log_mult[:, None], levels.shape)
    return levels.ravel(), lm.ravel(), _offset(structure, m, log_mult, row), _max_abs(levels)


def _max_abs(levels: FloatArray) -> float:
    return float(np.max(np.abs(levels)))


# ------------------------------------------------------------------- (C7): 4x4 blocks
def _transferred_levels(
    structure: AncillaStructure,
) -> tuple[npt.NDArray[np.int64], FloatArray, FloatArray, dict[str, FloatArray]]:
    """(C7) blocks h_s = ω0/2 Z0 + θ/2 X0X1 + ω1/2 Z1 + Γ_s/2 X1 in closed form.

    The four anticommutators give h² = c + K with c = (A + B)/4, A = ω0² + θ², B = ω1² + Γ²,
    K = (ω0ω1 Z0Z1 + ω0Γ Z0X1 + θΓ X0)/2 and K² = κ², κ = √(ω0²ω1² + Γ²A)/2. So the levels
    are ±λ_t, λ_t = √(c + tκ) (t = ±1; λ_-² = ((A - B)² + 4θ²ω1²)/(16(c + κ)) without
    cancellation), with projectors P_{s,t} = (1 + tK/κ)(1 + s h/λ_t)/4. The level (s, t) has
    ⟨σ⟩ = [tr(σP_t) + (s/λ_t) tr(σP_t h)]/2 with P_t = (1 + tK/κ)/2 and
    tr(X0 P_t) = tθΓ/κ, tr(Z0 P_t h) = ω0 + tω0B/(2κ), tr(Z1 P_t h) = ω1 + tω0²ω1/(2κ),
    tr(X1 P_t h) = Γ + tΓA/(2κ) (the others vanish). No eigensolver: exact to rounding for
    every Γ (an eigensolver loses ε‖h‖ ~ 1e-11 when Γ ~ 10⁵).

    Returns m, log multiplicities, levels (M, 4) in the order (s, t) = (-, +), (-, -),
    (+, -), (+, +), and per-level ⟨X0⟩, ⟨Z0⟩, ⟨X1⟩, ⟨Z1⟩ as (M, 4) arrays.
    """
    m, log_mult, big_gamma, e_anc = _ancilla_fields(structure)
    w0, th, w1 = structure.omega_target, structure.theta, structure.omega_mediator
    a, b = w0**2 + th**2, w1**2 + big_gamma**2
    c = 0.25 * (a + b)
    kappa = 0.5 * np.sqrt((w0 * w1) ** 2 + big_gamma**2 * a)
    lam_p = np.sqrt(c + kappa)
    with np.errstate(divide="ignore", invalid="ignore"):
        lam_m = np.sqrt(
            np.where(c + kappa > 0, ((a - b) ** 2 + 4 * (th * w1) ** 2) / 16 / (c + kappa), 0.0)
        )
        inv_k = np.where(kappa > 0, 1.0 / kappa, 0.0)  # K/κ -> 0 when K = 0 (P_t = 1/2)
        inv_lp = np.where(lam_p > 0, 1.0 / lam_p, 0.0)  # s h/λ -> 0 on a zero level pair
        inv_lm = np.where(lam_m > 0, 1.0 / lam_m, 0.0)
    levels = e_anc[:, None] + np.stack([-lam_p, -lam_m, lam_m, lam_p], axis=1)
    s_over = np.stack([-inv_lp, -inv_lm, inv_lm, inv_lp], axis=1)
    t = np.array([1.0, -1.0, -1.0, 1.0])
    tk = t * inv_k[:, None]
    g = big_gamma[:, None]
    local = {
        "x0": 0.5 * (th * g * tk),
        "z0": 0.5 * s_over * (w0 + 0.5 * w0 * b[:, None] * tk),
        "x1": 0.5 * s_over * (g + 0.5 * g * a * tk),
        "z1": 0.5 * s_over * (w1 + 0.5 * w0**2 * w1 * tk),
    }
    return m, log_mult, levels, local


def _transferred_bloch(structure: AncillaStructure, temps: FloatArray, prune_tol: float) -> _Out:
    """(C7): the closed-form 4x4 block of each configuration (no pruning needed)."""
    del prune_tol
    m, log_mult, levels, local = _transferred_levels(structure)
    scale = _max_abs(levels)
    n_t = temps.size
    bloch = np.zeros((n_t, structure.n_classes, 3))
    for i, t in enumerate(temps):
        p = level_probabilities(levels, log_mult[:, None], float(t), scale=scale)
        bloch[i, 0, 0], bloch[i, 0, 2] = np.sum(p * local["x0"]), np.sum(p * local["z0"])
        bloch[i, 1, 0], bloch[i, 1, 2] = np.sum(p * local["x1"]), np.sum(p * local["z1"])
        bloch[i, 2:, 2] = _group_z(p.sum(axis=1), m, structure)
    return bloch, np.zeros(n_t), np.full(n_t, levels.shape[0], dtype=np.int64)


def _transferred_spectrum(structure: AncillaStructure, t: float, prune_tol: float) -> _Spectrum:
    del prune_tol
    m, log_mult, levels, _ = _transferred_levels(structure)
    row = int(np.argmin(levels[:, 0])) if t == 0.0 else int(np.argmax(log_mult - levels[:, 0] / t))
    lm = np.broadcast_to(log_mult[:, None], levels.shape)
    return levels.ravel(), lm.ravel(), _offset(structure, m, log_mult, row), _max_abs(levels)
