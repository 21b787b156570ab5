"""The exact one-collision channel of N identical qubit units, assembled sector by sector.

PRA104 App. A, Eq. (A1), reduced by total spin (:mod:`~autocoherence.collision.exact.spin_sectors`):

    Φ(ρ) = Σ_j Σ_m d_j p_e^{N/2+m} p_g^{N/2-m} Φ_{j,m}(ρ),
    Φ_{j,m}(ρ) = tr_B[U_j (ρ ⊗ |j m⟩⟨j m|) U_j†],

where each Φ_{j,m} is a d²×d² superoperator that does not depend on the temperature.
:class:`SpinSectorChannel` computes these pieces once per (target, coupling, N, τ), caches
them, and assembles Φ at any number of temperatures from the weights alone, so a temperature
sweep reuses the block propagators. Its result, :class:`SectorChannel`, carries the pruning
error: the dropped bath weight δ, the window error ε (including the Chebyshev truncation of
:func:`~autocoherence.collision.exact.propagation.propagate_columns`), and a bound on the error of
the fixed point.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.linalg as sla
import scipy.sparse as sp

from autocoherence._checks import check_int, check_positive, check_temperature
from autocoherence.collision.exact.propagation import propagate_columns
from autocoherence.collision.exact.spin_sectors import (
    DEFAULT_TOL,
    SectorWeights,
    block_diagonals,
    qubit_log_populations,
    sector_weights,
    window_error_bounds,
    window_top,
)
from autocoherence.errors import ParameterError
from autocoherence.spaces import Qubit
from autocoherence.typing import ComplexArray, FloatArray

__all__ = ["SectorChannel", "SpinSectorChannel"]

#: Windows of dimension d·levels up to this are assembled dense (scipy.sparse overhead).
_DENSE_WINDOW = 256

Term = tuple[ComplexArray, ComplexArray]


@dataclass(frozen=True)
class SectorChannel:
    """One-collision superoperator at one temperature, with what its pruning cost.

    Attributes
    ----------
    superoperator : (d², d²) complex array
        On row-major vec(ρ), like
        :func:`autocoherence.collision.exact.repeated.channel_superoperator`.
    dropped_weight : float
        δ, total bath weight of the dropped sectors and levels.
    window_error : float
        ε, the largest window error bound of a propagated state.
    n_sectors, n_levels : int
        Kept sectors and (sector, level) pairs.
    max_window : int
        Largest number of ladder levels propagated in one sector.

    Examples
    --------
    >>> from autocoherence.collision import Composite
    >>> q = Qubit(1.0)
    >>> ch = SpinSectorChannel(q.hamiltonian(), Composite(0.3, 0.6).terms(q, q), q, 4, 0.05)
    >>> res = ch.superoperator(0.5)
    >>> res.n_sectors, res.channel_error, res.fixed_point_error_bound()   # N = 4: nothing pruned
    (3, 0.0, 0.0)
    >>> M = res.superoperator   # row-major vec: tr Φ(ρ) = rows 0 + 3
    >>> bool(np.allclose(M[0] + M[3], [1, 0, 0, 1]))
    True
    """

    superoperator: ComplexArray
    dropped_weight: float
    window_error: float
    n_sectors: int
    n_levels: int
    max_window: int

    @property
    def channel_error(self) -> float:
        """2δ + 2ε + ε²: bound on ‖Φ(ρ) - Φ̃(ρ)‖₁ for every state ρ.

        See :mod:`~autocoherence.collision.exact.spin_sectors`: ‖UXU† - ŨXŨ†‖₁ ≤
        ‖U - Ũ‖(‖U‖ + ‖Ũ‖)‖X‖₁ ≤ ε(2 + ε) per piece, plus δ for the dropped weight and δ
        for renormalising the kept weights.
        """
        eps = self.window_error
        return 2.0 * self.dropped_weight + eps * (2.0 + eps)

    def fixed_point_error_bound(self) -> float:
        """Bound on ‖ρ_ss - ρ̃_ss‖_F between the exact and the pruned channel's fixed points.

        From (1 - Φ̃)(ρ - ρ̃) = (Φ - Φ̃)(ρ) with ρ - ρ̃ traceless:
        ‖ρ - ρ̃‖_F ≤ :attr:`channel_error` / σ_min, σ_min the smallest singular value of
        1 - Φ̃ on the traceless matrices (Φ̃ is trace preserving, so it maps them to
        themselves). ``math.inf`` if 1 - Φ̃ is singular there (no unique fixed point).
        """
        if self.channel_error == 0.0:
            return 0.0
        M = self.superoperator
        d = round(math.sqrt(M.shape[0]))
        traceless = sla.null_space(np.eye(d).reshape(1, -1))
        restricted = traceless.conj().T @ (np.eye(d * d) - M) @ traceless
        smin = float(np.linalg.svd(restricted, compute_uv=False)[-1])
        return math.inf if smin == 0.0 else self.channel_error / smin


@dataclass(frozen=True)
class _Pieces:
    pieces: ComplexArray  # (levels, d², d²)
    eps: FloatArray  # window error bound of each level
    window: int


class SpinSectorChannel:
    """Exact collision channel of a target with N identical qubit units, sector by sector.

    Temperature-independent: build it once for (target, coupling terms, unit, N, τ) and ask
    for the superoperator at any number of temperatures; the block propagators of each
    sector are computed once and cached (:attr:`n_propagations` counts them).

    Parameters
    ----------
    target_hamiltonian : (d, d) array
        H_S.
    terms : sequence of (S_α, b_α)
        Single-unit terms of V = Σ_α S_α ⊗ Σ_k b_α^(k) (b_α 2×2, ``[e, g]`` basis).
    unit : Qubit
        One bath qubit (H_B = ω_B σz/2 per unit).
    n : int
        Cluster size N.
    tau : float
        Collision duration τ (the interaction is V/√τ, PRA104 Eq. (A1)).

    Examples
    --------
    >>> from autocoherence.collision import Composite
    >>> q = Qubit(1.0)
    >>> ch = SpinSectorChannel(q.hamiltonian(), Composite(0.3, 0.6).terms(q, q), q, 100, 0.05)
    >>> res = ch.superoperator(0.5)
    >>> res.superoperator.shape, res.dropped_weight <= 1e-14
    ((4, 4), True)
    """

    def __init__(
        self,
        target_hamiltonian: ComplexArray,
        terms: Sequence[Term],
        unit: Qubit,
        n: int,
        tau: float,
    ) -> None:
        if not isinstance(unit, Qubit):
            raise TypeError(f"unit must be a Qubit, got {type(unit).__name__}")
        self.n = check_int(n, "n", minimum=1)
        self.tau = check_positive(tau, "tau")
        self.unit = unit
        self.h_s = np.asarray(target_hamiltonian, dtype=complex)
        self.d = self.h_s.shape[0]
        self.terms = [
            (np.asarray(s, dtype=complex), np.asarray(b, dtype=complex)) for s, b in terms
        ]
        for _, b in self.terms:
            if b.shape != (2, 2):
                raise ParameterError(f"bath operators must be 2x2 (qubit units), got {b.shape}")
        self.top_first = unit.omega < 0
        # ladder coupling per √τ: the operator multiplying J₊ (or J₋) on the target
        raise_op = sum((b[0, 1] * s for s, b in self.terms), np.zeros((self.d, self.d)))
        lower_op = sum((b[1, 0] * s for s, b in self.terms), np.zeros((self.d, self.d)))
        self.ladder_coupling = max(
            float(np.linalg.norm(raise_op, 2)), float(np.linalg.norm(lower_op, 2))
        )
        self.n_propagations = 0
        self._cache: dict[int, _Pieces] = {}

    # ------------------------------------------------------------------- public
    @property
    def propagated_sectors(self) -> tuple[int, ...]:
        """2j of every sector whose block propagator is cached."""
        return tuple(sorted(self._cache))

    def superoperator(self, temperature: float, *, tol: float = DEFAULT_TOL) -> SectorChannel:
        """The pruned exact channel at one bath temperature (see :meth:`superoperators`)."""
        return self.superoperators([temperature], tol=tol)[0]

    def superoperators(
        self, temperatures: Iterable[float], *, tol: float = DEFAULT_TOL
    ) -> list[SectorChannel]:
        """The pruned exact channel at each temperature, sharing the block propagators.

        Parameters
        ----------
        temperatures : iterable of float
            Bath temperatures T >= 0 (0 and ``math.inf`` allowed).
        tol : float, keyword-only
            Bound on the dropped bath weight δ and on each state's window error ε.
        """
        tol = check_positive(tol, "tol")
        weights = []
        for t in temperatures:
            log_pe, log_pg = qubit_log_populations(self.unit.omega, check_temperature(t))
            weights.append(
                sector_weights(self.n, log_pe, log_pg, top_first=self.top_first, tol=tol)
            )
        # every sector is propagated once, for the most levels any temperature needs
        need: dict[int, int] = {}
        for w in weights:
            for two_j, k in zip(w.two_j.tolist(), w.k_max.tolist(), strict=True):
                need[two_j] = max(need.get(two_j, 0), k)
        for two_j, k in need.items():
            self._pieces(two_j, k, tol)
        return [self._assemble(w) for w in weights]

    # ------------------------------------------------------------------ helpers
    def _assemble(self, w: SectorWeights) -> SectorChannel:
        d2 = self.d * self.d
        M = np.zeros((d2, d2), dtype=complex)
        total = 0.0
        eps = 0.0
        windows = 0
        for i, two_j in enumerate(w.two_j.tolist()):
            lw = w.level_weights(i)
            entry = self._cache[two_j]
            M += np.tensordot(lw, entry.pieces[: lw.size], axes=1)
            total += float(lw.sum())
            eps = max(eps, float(entry.eps[: lw.size].max()))
            windows = max(windows, entry.window)
        M /= total  # the kept weights, renormalised: Φ̃ stays trace preserving
        return SectorChannel(
            superoperator=M,
            dropped_weight=w.dropped,
            window_error=eps,
            n_sectors=int(w.two_j.size),
            n_levels=int(np.sum(w.k_max + 1)),
            max_window=windows,
        )

    def _pieces(self, two_j: int, k_max: int, tol: float) -> _Pieces:
        cached = self._cache.get(two_j)
        if (
            cached is not None
            and cached.pieces.shape[0] > k_max
            and float(cached.eps[: k_max + 1].max()) <= tol
        ):
            return cached
        if cached is not None:  # grow geometrically, so a rising sweep recomputes rarely
            k_max = min(two_j, max(k_max, (3 * cached.pieces.shape[0]) // 2))
        top = window_top(two_j, k_max, self.ladder_coupling, self.tau, 0.9 * tol)
        levels = top + 1
        eps = window_error_bounds(two_j, top, np.arange(k_max + 1), self.ladder_coupling, self.tau)
        psi, cheb_error = self._propagate(two_j, levels, k_max, tol)
        pieces = np.einsum("skar,tkaq->astrq", psi, psi.conj())
        entry = _Pieces(
            pieces=pieces.reshape(k_max + 1, self.d**2, self.d**2),
            eps=eps + cheb_error,
            window=levels,
        )
        self._cache[two_j] = entry
        return entry

    def _propagate(
        self, two_j: int, levels: int, k_max: int, tol: float
    ) -> tuple[ComplexArray, float]:
        """U_w |r, k₀⟩ for r < d, k₀ ≤ k_max as an array (s, k, k₀, r), and its error bound."""
        d = self.d
        # columns |r, k0> of the joint space (index r * levels + k0), ordered (k0, r)
        cols = (np.arange(d)[None, :] * levels + np.arange(k_max + 1)[:, None]).reshape(-1)
        H = self._window_hamiltonian(two_j, levels)
        psi, error = propagate_columns(H, self.tau, cols, tol=tol / 10)
        self.n_propagations += 1
        return psi.reshape(d, levels, k_max + 1, d), error

    def _window_hamiltonian(self, two_j: int, levels: int) -> ComplexArray | sp.csr_array:
        """H_S + H_B + V/√τ on target ⊗ (first ``levels`` levels of sector j).

        Dense for small windows (where scipy.sparse overhead would dominate), sparse
        (block-tridiagonal) otherwise.
        """
        d, n = self.d, self.n
        scale = 1.0 / math.sqrt(self.tau)
        sys_ops = np.array([np.eye(d), *(scale * s for s, _ in self.terms)], dtype=complex)
        bath_ops = [self.unit.hamiltonian(), *(b for _, b in self.terms)]
        diagonals = np.array(
            [block_diagonals(b, n, two_j, levels, top_first=self.top_first) for b in bath_ops]
        )  # (ops, 3, levels): below, main, above
        if d * levels <= _DENSE_WINDOW:
            k = np.arange(levels)
            blocks = np.zeros((len(bath_ops), levels, levels), dtype=complex)
            blocks[:, k, k] = diagonals[:, 1]
            blocks[:, k[1:], k[:-1]] = diagonals[:, 0, : levels - 1]
            blocks[:, k[:-1], k[1:]] = diagonals[:, 2, : levels - 1]
            H = np.einsum("ast,akl->sktl", sys_ops, blocks).reshape(d * levels, d * levels)
            H += np.kron(self.h_s, np.eye(levels))
            return H.real if not np.any(H.imag) else H
        Hs = sp.kron(sp.csr_array(self.h_s), sp.eye_array(levels, format="csr"))
        for s, (below, diag, above) in zip(sys_ops, diagonals, strict=True):
            block = sp.diags_array(
                [below[: levels - 1], diag, above[: levels - 1]], offsets=[-1, 0, 1], format="csr"
            )
            Hs = Hs + sp.kron(sp.csr_array(s), block)
        Hs = sp.csr_array(Hs)
        return sp.csr_array(Hs.real) if not np.any(Hs.data.imag) else Hs
