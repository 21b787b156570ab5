"""Local Hilbert spaces (qubit, truncated oscillator), their operators, and collective operators.

Conventions (DESIGN.md): qubit basis order ``[e, g]`` so that σz|e⟩ = +|e⟩, σ₋ = |g⟩⟨e|,
σ₊ = σ₋†; oscillator basis is the Fock basis |0⟩, ..., |dim-1⟩. Every operator is a dense
``numpy`` array, computed on request (nothing is cached at import).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from autocoherence._checks import check_finite, check_int, check_positive
from autocoherence.errors import ParameterError
from autocoherence.typing import ComplexArray

#: Largest dimension of a dense operator built here: 2^14 = 16384, one complex matrix of
#: 4 GiB (the same budget as the dense spin route's 14 sites, and 4x the dense collision
#: route's limit of 4096). Checked before anything is allocated, so ``Oscillator(1.0, 10**6)``
#: (14.6 TiB per operator) or ``collective(σ₋, 40)`` is refused at once.
DENSE_MAX_DIM = 2**14


def _bytes(dim: int) -> str:
    """Human size of a dense complex dim x dim matrix."""
    size = 16.0 * dim * dim
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"):
        if size < 1024 or unit == "EiB":
            return f"{size:.3g} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def check_dense_dim(dim: int, name: str, alternatives: str) -> int:
    """Raise unless a dense ``dim`` x ``dim`` operator fits :data:`DENSE_MAX_DIM`.

    Examples
    --------
    >>> check_dense_dim(4096, "dim", "")
    4096
    >>> check_dense_dim(10**6, "dim", "use a smaller dim")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: dim=1000000 is above the limit 16384 of dense ...
    """
    if dim > DENSE_MAX_DIM:
        shown = f"{dim}" if dim < 10**30 else f"~10^{len(str(dim)) - 1}"
        size = _bytes(dim) if dim < 10**30 else "more than all memory"
        raise ParameterError(
            f"{name}={shown} is above the limit {DENSE_MAX_DIM} of dense operators "
            f"(one {shown} x {shown} complex matrix needs {size}); {alternatives}"
        )
    return dim


__all__ = [
    "DENSE_MAX_DIM",
    "LocalSpace",
    "Oscillator",
    "Qubit",
    "collective",
    "embed",
    "sigma_minus",
    "sigma_plus",
    "sigma_x",
    "sigma_y",
    "sigma_z",
]


def sigma_x() -> ComplexArray:
    """Pauli σx in the ``[e, g]`` basis.

    Examples
    --------
    >>> sigma_x().real
    array([[0., 1.],
           [1., 0.]])
    >>> bool(np.allclose(sigma_x(), sigma_plus() + sigma_minus()))
    True
    """
    return np.array([[0, 1], [1, 0]], dtype=complex)


def sigma_y() -> ComplexArray:
    """Pauli σy in the ``[e, g]`` basis (σy = -i(σ₊ - σ₋)).

    Examples
    --------
    >>> bool(np.allclose(sigma_y(), -1j * (sigma_plus() - sigma_minus())))
    True
    >>> bool(np.allclose(sigma_x() @ sigma_y(), 1j * sigma_z()))   # σx σy = iσz
    True
    """
    return np.array([[0, -1j], [1j, 0]], dtype=complex)


def sigma_z() -> ComplexArray:
    """Pauli σz in the ``[e, g]`` basis: diag(+1, -1).

    Examples
    --------
    >>> sigma_z().real
    array([[ 1.,  0.],
           [ 0., -1.]])
    """
    return np.array([[1, 0], [0, -1]], dtype=complex)


def sigma_minus() -> ComplexArray:
    """Lowering operator σ₋ = |g⟩⟨e| in the ``[e, g]`` basis.

    Examples
    --------
    >>> (sigma_minus() @ [1, 0]).real            # σ₋|e⟩ = |g⟩
    array([0., 1.])
    """
    return np.array([[0, 0], [1, 0]], dtype=complex)


def sigma_plus() -> ComplexArray:
    """Raising operator σ₊ = |e⟩⟨g| in the ``[e, g]`` basis.

    Examples
    --------
    >>> sp, sm = sigma_plus(), sigma_minus()
    >>> bool(np.array_equal(sp, sm.conj().T)), bool(np.allclose(sp @ sm - sm @ sp, sigma_z()))
    (True, True)
    """
    return np.array([[0, 1], [0, 0]], dtype=complex)


@runtime_checkable
class LocalSpace(Protocol):
    """What a target or bath unit provides: a frequency, a dimension and its operators.

    Examples
    --------
    >>> isinstance(Qubit(1.0), LocalSpace), isinstance(Oscillator(1.0, dim=3), LocalSpace)
    (True, True)
    """

    @property
    def omega(self) -> float:
        """Frequency ω."""
        ...

    @property
    def dim(self) -> int:
        """Hilbert-space dimension."""
        ...

    def hamiltonian(self) -> ComplexArray:
        """Free Hamiltonian."""
        ...

    def lowering(self) -> ComplexArray:
        """Lowering operator (σ₋ or a)."""
        ...

    def number(self) -> ComplexArray:
        """Diagonal operator of the parallel coupling (σz for a qubit, a†a for an oscillator)."""
        ...

    def position(self) -> ComplexArray:
        """Quadrature X = lowering + raising (σx or a + a†)."""
        ...


@dataclass(frozen=True)
class Qubit:
    """A two-level system with free Hamiltonian H = ω σz / 2.

    Parameters
    ----------
    omega : float
        Transition frequency ω (any finite real; ω = 0 is a degenerate qubit).

    Examples
    --------
    >>> q = Qubit(omega=1.0)
    >>> q.hamiltonian().real
    array([[ 0.5,  0. ],
           [ 0. , -0.5]])
    """

    omega: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "omega", check_finite(self.omega, "omega"))

    @property
    def dim(self) -> int:
        """Hilbert-space dimension, 2."""
        return 2

    def hamiltonian(self) -> ComplexArray:
        """H = ω σz / 2."""
        return 0.5 * self.omega * sigma_z()

    def lowering(self) -> ComplexArray:
        """σ₋ = |g⟩⟨e|."""
        return sigma_minus()

    def number(self) -> ComplexArray:
        """σz, the operator of the parallel (energy-diagonal) coupling, PRA104 Eq. (1)."""
        return sigma_z()

    def position(self) -> ComplexArray:
        """σx = σ₊ + σ₋."""
        return sigma_x()


@dataclass(frozen=True)
class Oscillator:
    """A harmonic oscillator H = ω a†a truncated to the Fock states |0⟩ ... |dim-1⟩.

    Parameters
    ----------
    omega : float
        Frequency ω > 0 (a thermal state needs a positive gap).
    dim : int
        Number of Fock levels kept, 2 <= dim <= :data:`DENSE_MAX_DIM` (the operators are
        dense; the limit is checked here, before anything is allocated). Routes that use the
        truncation check the population of the top level and raise
        :class:`~autocoherence.errors.TruncationError` when it is too large.

    Examples
    --------
    >>> Oscillator(omega=1.0, dim=3).number().real.diagonal()
    array([0., 1., 2.])
    """

    omega: float
    dim: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "omega", check_positive(self.omega, "omega"))
        dim = check_int(self.dim, "dim", minimum=2)
        check_dense_dim(
            dim,
            "dim",
            "use a smaller dim (the routes raise TruncationError naming the levels a "
            "temperature needs) or, for clusters of oscillator units, the collective-mode route",
        )
        object.__setattr__(self, "dim", dim)

    def hamiltonian(self) -> ComplexArray:
        """H = ω a†a (zero-point energy dropped)."""
        return self.omega * self.number()

    def lowering(self) -> ComplexArray:
        """Annihilation operator a, truncated."""
        return np.diag(np.sqrt(np.arange(1, self.dim, dtype=float)), k=1).astype(complex)

    def number(self) -> ComplexArray:
        """a†a, the operator of the parallel (energy-diagonal) coupling."""
        return np.diag(np.arange(self.dim, dtype=float)).astype(complex)

    def position(self) -> ComplexArray:
        """X = a + a†."""
        a = self.lowering()
        return a + a.conj().T


def embed(op: ComplexArray, site: int, dims: tuple[int, ...]) -> ComplexArray:
    """Embed a local operator acting on ``site`` into the tensor product of ``dims``.

    Parameters
    ----------
    op : (dims[site], dims[site]) array
    site : int
        Index of the factor, 0-based, in tensor order (site 0 is the leftmost factor).
    dims : tuple of int
        Local dimensions.

    Returns
    -------
    (prod(dims), prod(dims)) complex array

    Examples
    --------
    >>> embed(sigma_z(), 0, (2, 3)).shape
    (6, 6)
    >>> bool(np.allclose(embed(sigma_z(), 1, (2, 2)), np.kron(np.eye(2), sigma_z())))
    True
    """
    if not 0 <= site < len(dims):
        raise ParameterError(f"site must be in [0, {len(dims) - 1}], got site={site}")
    check_dense_dim(math.prod(int(d) for d in dims), "prod(dims)", "use fewer or smaller factors")
    left = int(np.prod(dims[:site], dtype=int))
    right = int(np.prod(dims[site + 1 :], dtype=int))
    out: ComplexArray = np.kron(np.kron(np.eye(left), op), np.eye(right)).astype(complex)
    return out


def collective(op: ComplexArray, n: int) -> ComplexArray:
    """Collective operator Σ_{k=1}^{n} op^(k) on n identical units (S± = Σ σ±, B = Σ b).

    PRA104 Eq. (6) and the definition of B below Eq. (18).

    Examples
    --------
    >>> s_minus = collective(sigma_minus(), 2)
    >>> s_minus.shape
    (4, 4)
    """
    n = check_int(n, "n", minimum=1)
    d = op.shape[0]
    # d >= 2, so n > 14 is beyond the limit: never evaluate d**n for n = 10^9
    if d > 1 and (n > 14 or d**n > DENSE_MAX_DIM):
        size = f"{d}^{n} = {d**n}" if n <= 14 else f"{d}^{n}"
        raise ParameterError(
            f"n={n} units of dimension {d} make a dense cluster operator of dimension {size}, "
            f"above the limit {DENSE_MAX_DIM} of dense operators (DENSE_MAX_DIM, 4 GiB per "
            "matrix); use a smaller n, or a route that does not build the cluster "
            "(master_equation, total-spin sectors, collective mode)"
        )
    dims = (d,) * n
    total = np.zeros((d**n, d**n), dtype=complex)
    for k in range(n):
        total += embed(op, k, dims)
    return total
