"""Gibbs states of a spin network, dense route (Local Eq. (2)), and their local measures.

τ = exp(-H/T)/Z is built from one Hermitian eigendecomposition H = V diag(E) V†, with
weights exp(-(E - E_min)/T) (shifted energies, so nothing overflows). T = 0 gives the
equal mixture over the ground space and T = inf the maximally mixed state, both exactly.
Eigenvalues that agree to ``1e-10 × max(1, max|E|)`` are treated as one degenerate level
and get exactly equal weights. When H has no matrix element between states of opposite
Z = ⊗σz parity (Local App. A), the two parity blocks are diagonalised separately, so the
eigenvectors are exactly parity-pure and a Z2-symmetric H gives exactly zero local
coherence even where near-degenerate levels make a full eigensolver's vectors uncertain
(eigenvector error ~ machine epsilon × ‖H‖ / gap).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.linalg import eigh

from autocoherence._checks import check_temperature
from autocoherence.errors import ParameterError
from autocoherence.measures import bloch_vector, l1_coherence, purity, qfi_qubit
from autocoherence.spaces import sigma_x, sigma_y, sigma_z
from autocoherence.spins.symmetry import z2_parities
from autocoherence.typing import ComplexArray, FloatArray

__all__ = [
    "GibbsState",
    "check_site",
    "dense_gibbs",
    "eigensystem",
    "gibbs_weights",
    "reduced_state",
    "thermal_bloch",
]

_DEGENERACY_RTOL = 1e-10


def check_site(site: Any, n_sites: int, labels: Sequence[str] | None = None) -> int:
    """Return ``site`` as an int in ``[0, n_sites - 1]`` or raise naming the allowed range."""
    where = f" (paper labels {', '.join(labels)})" if labels else ""
    if isinstance(site, bool) or not isinstance(site, numbers.Integral):
        raise TypeError(
            f"site must be an integer index in [0, {n_sites - 1}]{where}, got site={site!r}"
        )
    s = int(site)
    if not 0 <= s < n_sites:
        raise ParameterError(
            f"site must be in [0, {n_sites - 1}] for this {n_sites}-site network{where}, "
            f"got site={site!r}"
        )
    return s


def _snap_degenerate(energies: FloatArray) -> FloatArray:
    """Replace each cluster of (sorted) eigenvalues closer than the tolerance by its mean."""
    e = np.asarray(energies, dtype=float)
    if e.size < 2:
        return e.copy()
    order = np.argsort(e)
    es = e[order]
    tol = _DEGENERACY_RTOL * max(1.0, float(np.max(np.abs(es))))
    group = np.concatenate(([0], np.cumsum(np.diff(es) > tol)))
    sums = np.bincount(group, weights=es)
    counts = np.bincount(group)
    snapped = np.empty_like(e)
    snapped[order] = (sums / counts)[group]
    return snapped


def gibbs_weights(energies: npt.ArrayLike, temperature: float) -> FloatArray:
    """Boltzmann populations p_k = exp(-E_k/T)/Z of the levels E_k (Local Eq. (2)).

    Parameters
    ----------
    energies : (D,) array of real eigenvalues
    temperature : float
        T >= 0; T = 0 returns the equal mixture over the (numerically) degenerate ground
        level, T = inf the uniform distribution.

    Examples
    --------
    >>> gibbs_weights([0.0, 0.0, 1.0], 0.0)
    array([0.5, 0.5, 0. ])
    >>> gibbs_weights([0.0, 1.0], math.inf)
    array([0.5, 0.5])
    """
    temperature = check_temperature(temperature)
    e = _snap_degenerate(np.asarray(energies, dtype=float))
    if temperature == math.inf:
        return np.full(e.shape, 1.0 / e.size)
    shifted = e - e.min()
    if temperature == 0.0:
        ground = (shifted == 0.0).astype(float)
        return ground / ground.sum()
    w = np.exp(-shifted / temperature)
    return w / w.sum()


def eigensystem(hamiltonian: ComplexArray) -> tuple[FloatArray, ComplexArray]:
    """Eigenvalues and eigenvectors of H, block by Z parity when H conserves it (App. A).

    Examples
    --------
    >>> e, v = eigensystem(np.diag([0.5, -0.5]).astype(complex))
    >>> e
    array([-0.5,  0.5])
    """
    d = hamiltonian.shape[0]
    n = round(math.log2(d)) if d > 1 else 0
    if d < 2 or 2**n != d:
        e, v = eigh(hamiltonian)
        return e, v
    bits = np.arange(d)
    parity = z2_parities(n) < 0
    if np.any(hamiltonian[parity[:, None] != parity[None, :]]):
        e, v = eigh(hamiltonian)
        return e, v
    energies = np.empty(d)
    vectors = np.zeros((d, d), dtype=complex)
    start = 0
    for block in (bits[~parity], bits[parity]):
        eb, vb = eigh(hamiltonian[np.ix_(block, block)])
        cols = slice(start, start + block.size)
        energies[cols] = eb
        vectors[block, cols] = vb
        start += block.size
    order = np.argsort(energies, kind="stable")
    return energies[order], vectors[:, order]


def dense_gibbs(hamiltonian: ComplexArray, temperature: float) -> ComplexArray:
    """τ = exp(-H/T)/Z by exact diagonalisation (Local Eq. (2)).

    Examples
    --------
    >>> h = np.diag([0.5, -0.5]).astype(complex)
    >>> dense_gibbs(h, 0.0).real
    array([[0., 0.],
           [0., 1.]])
    """
    e, v = eigensystem(hamiltonian)
    p = gibbs_weights(e, temperature)
    rho = (v * p) @ v.conj().T
    return 0.5 * (rho + rho.conj().T)


def reduced_state(rho: ComplexArray, site: int, n_sites: int) -> ComplexArray:
    """Reduced 2x2 state of qubit ``site`` (site 0 is the leftmost tensor factor)."""
    left, right = 2**site, 2 ** (n_sites - site - 1)
    r = rho.reshape(left, 2, right, left, 2, right)
    return np.einsum("aibajb->ij", r)


def _apply_local(op: ComplexArray, vecs: ComplexArray, site: int, n_sites: int) -> ComplexArray:
    """(op at ``site``) @ vecs without building the 2^n x 2^n operator."""
    d = vecs.shape[1]
    v = vecs.reshape(2**site, 2, 2 ** (n_sites - site - 1), d)
    return np.einsum("ij,ajbk->aibk", op, v).reshape(-1, d)


def thermal_bloch(
    hamiltonian: ComplexArray, site: int, temperatures: npt.ArrayLike, *, n_sites: int
) -> FloatArray:
    """Local Bloch vectors (⟨σx⟩, ⟨σy⟩, ⟨σz⟩) of one site over many temperatures.

    One diagonalisation serves every temperature: ⟨σ⟩_T = Σ_k p_k(T) ⟨E_k|σ|E_k⟩.

    Parameters
    ----------
    hamiltonian : (2^n, 2^n) complex array
    site : int
    temperatures : array of T >= 0 (0 and inf allowed)
    n_sites : int, keyword-only

    Returns
    -------
    (len(temperatures), 3) float array. The local l1 coherence is ``hypot(x, y)``.
    """
    temps = np.atleast_1d(np.asarray(temperatures, dtype=float))
    e, v = eigensystem(hamiltonian)
    diag = np.stack(
        [
            np.real(np.einsum("ik,ik->k", v.conj(), _apply_local(s(), v, site, n_sites)))
            for s in (sigma_x, sigma_y, sigma_z)
        ],
        axis=1,
    )
    weights = np.stack([gibbs_weights(e, float(t)) for t in temps])
    return weights @ diag


@dataclass(frozen=True, repr=False)
class GibbsState:
    """A Gibbs state τ of a spin network and its local measures.

    Attributes
    ----------
    rho : (2^n, 2^n) complex array
        τ in the product ``[e, g]`` basis (site 0 leftmost), Hermitian, trace 1.
    temperature : float
    method : str
        The route that computed it (``"dense"``).
    labels : tuple of str
        The paper's names of the sites (site index k has label ``labels[k]``).

    Examples
    --------
    >>> from autocoherence.spins import direct
    >>> g = direct(omega1=1.0, omega2=0.5, gamma=0.7).gibbs(0.3)
    >>> g
    GibbsState(n_sites=2, temperature=0.3, method='dense')
    >>> round(g.l1_coherence(0), 6), round(g.l1_coherence(1), 6)
    (0.378098, 0.0)
    """

    rho: ComplexArray
    temperature: float
    method: str
    labels: tuple[str, ...] = field(default=())

    @property
    def n_sites(self) -> int:
        """Number of qubits."""
        return round(math.log2(self.rho.shape[0]))

    def __repr__(self) -> str:
        return (
            f"GibbsState(n_sites={self.n_sites}, temperature={self.temperature:g}, "
            f"method={self.method!r})"
        )

    def reduced(self, site: int) -> ComplexArray:
        """Reduced 2x2 state of ``site`` in the ``[e, g]`` basis."""
        s = check_site(site, self.n_sites, self.labels)
        return reduced_state(self.rho, s, self.n_sites)

    def l1_coherence(self, site: int) -> float:
        """Local l1 coherence C_j = |⟨σx_j⟩ + i⟨σy_j⟩| = 2|ρ_eg| (Local Sec. II)."""
        return l1_coherence(self.reduced(site))

    def bloch(self, site: int) -> tuple[float, float, float]:
        """Local Bloch vector (⟨σx⟩, ⟨σy⟩, ⟨σz⟩) of ``site``."""
        return bloch_vector(self.reduced(site))

    def purity(self, site: int | None = None) -> float:
        """Purity tr ρ² of ``site``'s reduced state, or of the whole τ if ``site`` is None."""
        return purity(self.rho if site is None else self.reduced(site))

    def qfi(self, site: int) -> float:
        """QFI of ``site`` for a σz/2 phase: ⟨σx⟩² + ⟨σy⟩² (Local Eqs. (8), (16))."""
        return qfi_qubit(self.reduced(site))
