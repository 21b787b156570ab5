"""Gibbs states of a spin network, dense route (Local Eq. (2)), and their local measures.

τ = exp(-H/T)/Z is built from one Hermitian eigendecomposition H = V diag(E) V†, with
weights exp(-(E - E_min)/T) (shifted energies, so nothing overflows). T = 0 gives the
equal mixture over the ground space and T = inf the maximally mixed state, both exactly.
Eigenvalues that agree to the floating-point resolution of the energies,
``DEGENERACY_RTOL × max|E|`` (1e-12 × max|E|, :data:`autocoherence.spins.sectors.DEGENERACY_RTOL`),
are treated as one degenerate level and get exactly equal weights, at every T. Splittings
above that resolution are kept as they are, however small against the spectrum or against
T: at T comparable to a splitting of 1e-11 the two levels get their true Boltzmann weights
(a threshold relative to the spectrum's width, as before, merged them at every T and could
change a local coherence by 0.57). Merging levels closer than the resolution changes a
weight by at most that resolution / T. When H has no matrix element between states of opposite
Z = ⊗σz parity (Local App. A), the two parity blocks are diagonalised separately, so the
eigenvectors are exactly parity-pure and a Z2-symmetric H gives exactly zero local
coherence even where near-degenerate levels make a full eigensolver's vectors uncertain
(eigenvector error ~ machine epsilon × ‖H‖ / gap).

:class:`GibbsState` holds either the dense τ (``method="dense"``) or, for the
symmetry-reduced route of :mod:`autocoherence.spins.gibbs_symmetry`, only the local states
(:class:`ReducedStates`): the same public methods work on both.
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.linalg import eigh

from autocoherence._checks import check_temperature
from autocoherence.errors import MethodNotApplicableError, ParameterError
from autocoherence.measures import bloch_vector, l1_coherence, purity, qfi_qubit
from autocoherence.spaces import sigma_x, sigma_y, sigma_z
from autocoherence.spins.sectors import DEGENERACY_RTOL
from autocoherence.spins.symmetry import z2_parities
from autocoherence.typing import ComplexArray, FloatArray

__all__ = [
    "GibbsState",
    "ReducedStates",
    "check_site",
    "dense_gibbs",
    "eigensystem",
    "gibbs_weights",
    "local_eigenbasis",
    "reduced_state",
    "thermal_bloch",
    "transverse_norm",
]


def _label_summary(labels: Sequence[str]) -> str:
    """'1, 2, 3' or, for many sites, '1, 2, 3, ..., 1000001' (never joins a million labels)."""
    n = len(labels)
    if n <= 10:
        return ", ".join(labels)
    return f"{', '.join(labels[k] for k in range(3))}, ..., {labels[n - 1]}"


def check_site(site: Any, n_sites: int, labels: Sequence[str] | None = None) -> int:
    """Return ``site`` as an int in ``[0, n_sites - 1]`` or raise naming the allowed range.

    Examples
    --------
    >>> check_site(1, 2)
    1
    >>> check_site(2, 2, labels=("1", "2"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: site must be in [0, 1] for this 2-site network ...
    """
    where = f" (paper labels {_label_summary(labels)})" if labels else ""
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
    tol = DEGENERACY_RTOL * float(np.max(np.abs(es)))  # resolution of the energies, no floor
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
    with np.errstate(over="ignore"):  # ΔE/T beyond the float range: weight exactly 0
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
    """Reduced 2x2 state of qubit ``site`` (site 0 is the leftmost tensor factor).

    Examples
    --------
    Each half of a Bell pair is maximally mixed:

    >>> psi = np.array([1.0, 0.0, 0.0, 1.0]) / np.sqrt(2)  # (|ee⟩ + |gg⟩)/√2
    >>> reduced_state(np.outer(psi, psi), 0, 2).real.round(12)
    array([[0.5, 0. ],
           [0. , 0.5]])
    """
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

    Examples
    --------
    Local coherence of qubit 1 of Local Eq. (5), fading from T = 0 to T = inf:

    >>> from autocoherence.spins import direct
    >>> b = thermal_bloch(direct(1.0, 0.5, 0.7).hamiltonian, 0, [0.0, 0.3, math.inf], n_sites=2)
    >>> np.hypot(b[:, 0], b[:, 1]).round(6)
    array([0.573462, 0.378098, 0.      ])
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


def local_eigenbasis(field_xyz: Sequence[float]) -> ComplexArray:
    """Eigenvectors of c_x σx + c_y σy + c_z σz as columns, [higher energy, lower energy].

    The basis of a site's local coherence when its single-site terms are not σz only
    (issue 10 item 5); ``[e, g]`` order is kept: the first column is the upper level.

    Examples
    --------
    >>> b = local_eigenbasis((1.0, 0.0, 0.0))          # σx: |+⟩ is the upper level
    >>> np.round(np.abs(b) ** 2, 12)
    array([[0.5, 0.5],
           [0.5, 0.5]])
    """
    c = np.asarray(field_xyz, dtype=float)
    cx, cy, cz = c / np.max(np.abs(c))  # scale-free: only the direction matters
    h = np.array([[cz, cx - 1j * cy], [cx + 1j * cy, -cz]], dtype=complex)
    _, v = np.linalg.eigh(h)
    out: ComplexArray = np.ascontiguousarray(v[:, ::-1])
    return out


def transverse_norm(bloch: npt.ArrayLike, field_xyz: Sequence[float]) -> FloatArray:
    """|n × r| for Bloch vectors r (rows) and n = c/|c|: the l1 coherence in n·σ's eigenbasis.

    Examples
    --------
    >>> transverse_norm([[0.3, 0.0, 0.4]], (0.0, 0.0, 2.0))   # n = z: |⟨σx⟩ + i⟨σy⟩|
    array([0.3])
    """
    r = np.atleast_2d(np.asarray(bloch, dtype=float))
    c = np.asarray(field_xyz, dtype=float)
    c = c / np.max(np.abs(c))  # scale-free (|c| ~ 1e-189 would underflow in the norm)
    n = c / np.linalg.norm(c)
    out: FloatArray = np.linalg.norm(np.cross(n, r), axis=1)
    return out


@dataclass(frozen=True)
class ReducedStates:
    """Local states of a symmetry-reduced Gibbs state (no 2^n x 2^n matrix is built).

    Attributes
    ----------
    n_sites : int
    class_bloch : (n_classes, 3) float array
        Bloch vector of each site class (sites with equal reduced states, e.g. every ancilla
        of a group of identical ones).
    site_class : callable int -> int
        Class index of a site.
    whole_purity : callable () -> float
        Computes tr τ² of the whole Gibbs state (on first use; :meth:`purity`).
    dropped_weight : float
        Bound ε on the Gibbs weight of pruned blocks: every local Bloch component, l1
        coherence and local purity is within 2ε of the exact one, the purity within 4ε.
    blocks : int
        Number of blocks (ancilla configurations or spin sectors) that entered the state.

    Examples
    --------
    The symmetry route keeps one Bloch vector per class of sites, here the target and the
    4 identical ancillas of Local Eq. (14), and agrees with the dense 2⁵ x 2⁵ route:

    >>> from autocoherence.spins import direct_n
    >>> net = direct_n(1.0, 0.5, 0.2, n=4)
    >>> local = net.gibbs(0.5).local
    >>> local.n_sites, local.blocks, local.site_class(1) == local.site_class(4)
    (5, 5, True)
    >>> round(float(np.hypot(*local.class_bloch[0, :2])), 6)
    0.273567
    >>> round(net.gibbs(0.5, method="dense").l1_coherence(0), 6)
    0.273567
    """

    n_sites: int
    class_bloch: FloatArray
    site_class: Callable[[int], int]
    whole_purity: Callable[[], float]
    dropped_weight: float = 0.0
    blocks: int = 0

    @functools.cached_property
    def _purity(self) -> float:
        return float(self.whole_purity())

    def purity(self) -> float:
        """tr τ² of the whole Gibbs state (computed once, on first use)."""
        return self._purity

    def reduced(self, site: int) -> ComplexArray:
        """2x2 state (I + x σx + y σy + z σz)/2 of ``site`` in the ``[e, g]`` basis."""
        x, y, z = self.class_bloch[self.site_class(site)]
        rho: ComplexArray = np.array(
            [[0.5 * (1.0 + z), 0.5 * (x - 1j * y)], [0.5 * (x + 1j * y), 0.5 * (1.0 - z)]],
            dtype=np.complex128,
        )
        return rho


@dataclass(frozen=True, repr=False)
class GibbsState:
    """A Gibbs state τ of a spin network and its local measures.

    Attributes
    ----------
    temperature : float
    method : str
        The route that computed it (``"dense"`` or ``"symmetry"``).
    labels : sequence of str
        The paper's names of the sites (site index k has label ``labels[k]``).
    density : (2^n, 2^n) complex array or None
        τ in the product ``[e, g]`` basis (dense route); also available as :attr:`rho`.
    local : ReducedStates or None
        The local states (symmetry route).
    local_fields : mapping of int to (c_x, c_y, c_z)
        Single-site terms c_x X + c_y Y + c_z Z of the sites that have an X or Y one; their
        local coherence and QFI are taken in the eigenbasis of those terms
        (:meth:`local_basis`). Every other site uses the ``[e, g]`` (σz) basis.

    Notes
    -----
    The local l1 coherence of a site is measured in the eigenbasis of the site's own
    single-site terms (the Hamiltonian terms acting on that site alone), ordered
    [higher, lower] energy. When those are σz only or absent (every network of the papers)
    this is the ``[e, g]`` basis and C_j = |⟨σx_j⟩ + i⟨σy_j⟩|, exactly as before; with a
    transverse term such as ``X0`` a lone qubit in its own Gibbs state has zero coherence,
    as it should. :meth:`reduced` and :meth:`bloch` stay in the ``[e, g]`` basis.

    Examples
    --------
    >>> from autocoherence.spins import direct
    >>> g = direct(omega1=1.0, omega2=0.5, gamma=0.7).gibbs(0.3)
    >>> g
    GibbsState(n_sites=2, temperature=0.3, method='dense')
    >>> round(g.l1_coherence(0), 6), round(g.l1_coherence(1), 6)
    (0.378098, 0.0)
    """

    temperature: float
    method: str
    labels: Sequence[str] = field(default=())
    density: ComplexArray | None = None
    local: ReducedStates | None = None
    local_fields: Mapping[int, tuple[float, float, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if (self.density is None) == (self.local is None):
            raise ParameterError("a GibbsState holds exactly one of density= and local=")

    @property
    def rho(self) -> ComplexArray:
        """τ as a (2^n, 2^n) complex array (only the dense route builds it)."""
        if self.density is None:
            raise MethodNotApplicableError(
                f"this Gibbs state was computed by method={self.method!r}, which keeps only the "
                "local states of its sites, not the 2^n x 2^n matrix; use reduced(site), "
                "bloch(site), purity(), or compute it with method='dense' (at most 14 sites)"
            )
        return self.density

    @property
    def n_sites(self) -> int:
        """Number of qubits."""
        if self.local is not None:
            return self.local.n_sites
        return round(math.log2(self.rho.shape[0]))

    @property
    def truncation(self) -> float:
        """Bound ε on the Gibbs weight the route left out (0 for dense; see ReducedStates)."""
        return 0.0 if self.local is None else self.local.dropped_weight

    def __repr__(self) -> str:
        return (
            f"GibbsState(n_sites={self.n_sites}, temperature={self.temperature:g}, "
            f"method={self.method!r})"
        )

    def reduced(self, site: int) -> ComplexArray:
        """Reduced 2x2 state of ``site`` in the ``[e, g]`` basis."""
        s = check_site(site, self.n_sites, self.labels)
        if self.local is not None:
            return self.local.reduced(s)
        return reduced_state(self.rho, s, self.n_sites)

    def local_basis(self, site: int) -> ComplexArray:
        """The basis of ``site``'s local coherence, as a 2x2 unitary (columns [upper, lower]).

        The identity (``[e, g]``) unless the site has X or Y single-site terms (class Notes).

        Examples
        --------
        >>> from autocoherence.spins import SpinNetwork
        >>> g = SpinNetwork.from_terms({"Z0": 0.92, "X0": 0.29}).gibbs(0.74)
        >>> round(g.l1_coherence(0), 12), g.local_basis(0).shape
        (0.0, (2, 2))
        """
        s = check_site(site, self.n_sites, self.labels)
        if s in self.local_fields:
            return local_eigenbasis(self.local_fields[s])
        return np.eye(2, dtype=complex)

    def l1_coherence(self, site: int) -> float:
        """Local l1 coherence in the site's :meth:`local_basis` (Local Sec. II).

        C_j = |⟨σx_j⟩ + i⟨σy_j⟩| = 2|ρ_eg| when the site's single-site terms are σz only.
        """
        s = check_site(site, self.n_sites, self.labels)
        if s in self.local_fields:
            return l1_coherence(self.reduced(s), basis=self.local_basis(s))
        return l1_coherence(self.reduced(s))

    def bloch(self, site: int) -> tuple[float, float, float]:
        """Local Bloch vector (⟨σx⟩, ⟨σy⟩, ⟨σz⟩) of ``site``."""
        return bloch_vector(self.reduced(site))

    def purity(self, site: int | None = None) -> float:
        """Purity tr ρ² of ``site``'s reduced state, or of the whole τ if ``site`` is None."""
        if site is None:
            return self.local.purity() if self.local is not None else purity(self.rho)
        return purity(self.reduced(site))

    def qfi(self, site: int) -> float:
        """QFI of ``site`` for a σz/2 phase: ⟨σx⟩² + ⟨σy⟩² (Local Eqs. (8), (16)).

        For a site with X or Y single-site terms n·σ, the phase is generated by n·σ/2 and the
        QFI is |n × ⟨σ⟩|², again the square of :meth:`l1_coherence`.
        """
        s = check_site(site, self.n_sites, self.labels)
        if s in self.local_fields:
            r = np.array(self.bloch(s))
            return float(transverse_norm(r, self.local_fields[s])[0] ** 2)
        return qfi_qubit(self.reduced(s))

    def to_qutip(self, site: int | None = None) -> Any:
        """τ as a ``qutip.Qobj`` (dims ``[[2]*n, [2]*n]``), or ``site``'s reduced state.

        Examples
        --------
        >>> import qutip
        >>> from autocoherence.spins import direct
        >>> g = direct(1.0, 0.5, 0.7).gibbs(0.3)
        >>> tau = g.to_qutip()
        >>> tau.dims, round(float(abs(tau.tr())), 12)
        ([[2, 2], [2, 2]], 1.0)
        >>> bool(np.allclose(tau.ptrace(0).full(), g.to_qutip(site=0).full()))
        True
        """
        import qutip  # noqa: PLC0415  (optional heavy import, only when asked for)

        if site is not None:
            return qutip.Qobj(self.reduced(site), dims=[[2], [2]])
        n = self.n_sites
        return qutip.Qobj(self.rho, dims=[[2] * n, [2] * n])
