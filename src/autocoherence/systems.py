"""General quantum systems: any finite Hamiltonian, the transmon ladder, and bath-unit mixtures.

Targets and bath units of a :class:`~autocoherence.collision.CollisionModel` are *systems*:
anything with a ``dim`` and a Hermitian ``hamiltonian()``. The papers' :class:`Qubit` and
:class:`Oscillator` (in :mod:`autocoherence.spaces`) are systems; so are

* :class:`System`: any finite Hermitian H, given as a matrix (numpy or ``qutip.Qobj``) or as
  energies (:meth:`System.from_energies`, diagonal in the given basis);
* :class:`Transmon`: an anharmonic ladder E_n = nω + αn(n-1)/2 with the oscillator's √n
  ladder operators, so the composite coupling of the papers applies to it;
* :class:`UnitMixture`: a *bath-unit* distribution — each collision meets a unit drawn
  independently from ``units`` with probabilities ``weights`` (a spread of frequencies).

Energies are in model units (ħ = k_B = 1). Nothing is computed at construction beyond
validation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import numpy as np

from autocoherence._checks import as_operator, check_finite, check_hermitian, check_int
from autocoherence.errors import ParameterError
from autocoherence.spaces import Oscillator, Qubit
from autocoherence.typing import ComplexArray, FloatArray

__all__ = ["System", "SystemLike", "Transmon", "UnitMixture", "energy_basis", "is_system"]

#: Largest dimension of one system's Hilbert space (a dense (dim, dim) complex matrix of
#: 64 MB); larger systems belong to a structured route, not a dense matrix.
MAX_SYSTEM_DIM = 2048


@runtime_checkable
class SystemLike(Protocol):
    """What a target or bath unit provides: a dimension and a Hermitian Hamiltonian.

    Examples
    --------
    >>> isinstance(Qubit(1.0), SystemLike), isinstance(System.from_energies([0, 1]), SystemLike)
    (True, True)
    """

    @property
    def dim(self) -> int:
        """Hilbert-space dimension."""
        ...

    def hamiltonian(self) -> ComplexArray:
        """Free Hamiltonian, (dim, dim) Hermitian."""
        ...


def is_system(value: Any) -> bool:
    """True for the systems a collision model accepts as target or unit.

    Examples
    --------
    >>> is_system(Qubit(1.0)), is_system(Transmon(1.0, -0.1, 3)), is_system("qubit")
    (True, True, False)
    """
    return isinstance(value, Qubit | Oscillator | System | Transmon)


@dataclass(frozen=True, eq=False)
class System:
    """A finite quantum system with any Hermitian Hamiltonian H.

    Parameters
    ----------
    H : (d, d) array or qutip.Qobj
        Hermitian, finite, d >= 2. The basis in which H is given is the basis of every state
        the package returns for this system; coherence is measured in H's eigenbasis.
    name : str, optional
        A label for printing.

    Examples
    --------
    >>> import numpy as np
    >>> two_qubits = System(np.diag([1.0, 0.2, -0.2, -1.0]) + 0.1 * np.fliplr(np.eye(4)))
    >>> two_qubits.dim
    4
    >>> System([[0, 1], [0, 0]])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: H must be Hermitian; its largest deviation ...
    """

    H: Any
    name: str = ""

    def __post_init__(self) -> None:
        H = check_hermitian(as_operator(self.H, "H"), "H")
        if H.shape[0] < 2:
            raise ParameterError(f"H must be at least 2x2, got shape {H.shape}")
        if H.shape[0] > MAX_SYSTEM_DIM:
            raise ParameterError(
                f"H has dimension {H.shape[0]}, above the dense limit {MAX_SYSTEM_DIM} of one "
                "system; use a smaller model"
            )
        H = 0.5 * (H + H.conj().T)
        H.setflags(write=False)
        object.__setattr__(self, "H", H)

    @classmethod
    def from_energies(cls, energies: Sequence[float], *, name: str = "") -> System:
        """The system H = diag(energies) (levels in the given order).

        Examples
        --------
        >>> v = System.from_energies([0.0, 1.0, 1.02])     # a V-system: two close excited levels
        >>> v.hamiltonian().real.diagonal()
        array([0.  , 1.  , 1.02])
        """
        e = np.asarray(energies, dtype=float)
        if e.ndim != 1 or e.size < 2:
            raise ParameterError(
                f"energies must be a 1-D sequence of at least 2 values, got shape {e.shape}"
            )
        if not np.all(np.isfinite(e)):
            raise ParameterError(f"energies must be finite, got energies={list(e)}")
        return cls(np.diag(e).astype(complex), name=name)

    @property
    def dim(self) -> int:
        """Hilbert-space dimension."""
        return int(self.H.shape[0])

    def hamiltonian(self) -> ComplexArray:
        """H as a (dim, dim) complex array (a copy)."""
        out: ComplexArray = np.array(self.H, dtype=complex)
        return out

    def __repr__(self) -> str:
        label = f"{self.name!r}, " if self.name else ""
        return f"System({label}dim={self.dim})"


@dataclass(frozen=True)
class Transmon:
    """An anharmonic ladder: E_n = nω + αn(n-1)/2, n = 0 … levels-1 (a transmon, Duffing mode).

    The ladder operator has the oscillator's √n matrix elements (the transmon's charge
    operator in the harmonic approximation), so ``Composite`` couplings apply: n̂ = b†b is the
    parallel (energy-diagonal) operator, b the lowering operator. The system is the ``levels``
    kept levels themselves (normalised thermal states on them; no truncation tail is assumed).

    Parameters
    ----------
    omega : float
        Frequency of the 0-1 transition, > 0.
    anharmonicity : float
        α (negative for a transmon), finite.
    levels : int
        Number of levels, >= 2 (3 gives the qubit plus its leakage level).

    Examples
    --------
    >>> t = Transmon(omega=1.0, anharmonicity=-0.05, levels=3)
    >>> t.hamiltonian().real.diagonal()              # 0, ω, 2ω + α
    array([0.  , 1.  , 1.95])
    """

    omega: float
    anharmonicity: float
    levels: int = 3

    def __post_init__(self) -> None:
        object.__setattr__(self, "omega", check_finite(self.omega, "omega"))
        if self.omega <= 0:
            raise ParameterError(f"omega must be > 0 for a transmon, got omega={self.omega!r}")
        object.__setattr__(self, "anharmonicity", check_finite(self.anharmonicity, "anharmonicity"))
        object.__setattr__(self, "levels", check_int(self.levels, "levels", minimum=2))
        if self.levels > MAX_SYSTEM_DIM:
            raise ParameterError(f"levels must be <= {MAX_SYSTEM_DIM}, got levels={self.levels}")

    @property
    def dim(self) -> int:
        """Hilbert-space dimension, ``levels``."""
        return self.levels

    def energies(self) -> np.ndarray:
        """E_n = nω + αn(n-1)/2."""
        n = np.arange(self.levels, dtype=float)
        out: np.ndarray = n * self.omega + 0.5 * self.anharmonicity * n * (n - 1)
        return out

    def hamiltonian(self) -> ComplexArray:
        """diag(E_n)."""
        return np.diag(self.energies()).astype(complex)

    def lowering(self) -> ComplexArray:
        """b with ⟨n-1|b|n⟩ = √n."""
        return np.diag(np.sqrt(np.arange(1, self.levels, dtype=float)), k=1).astype(complex)

    def number(self) -> ComplexArray:
        """b†b = diag(0, 1, …), the operator of the parallel coupling."""
        return np.diag(np.arange(self.levels, dtype=float)).astype(complex)

    def position(self) -> ComplexArray:
        """X = b + b†."""
        b = self.lowering()
        return b + b.conj().T


@dataclass(frozen=True, eq=False)
class UnitMixture:
    """Bath units drawn at random: a collision meets ``units[i]`` with probability ``weights[i]``.

    Every unit of a cluster of N is drawn independently. The exact collision channel is the
    weighted average of the channels over the draws, and the master-equation dissipator the
    weighted average of the dissipators. All units share one dimension, and the coupling's
    bath operators are the same matrices for every unit (given in each unit's own basis).

    Parameters
    ----------
    units : sequence of systems
        Qubit, Oscillator, Transmon or System, all of the same ``dim``.
    weights : sequence of float
        Probabilities: >= 0, summing to 1 (to 1e-12).

    Examples
    --------
    A TLS bath with a spread of frequencies around the target's:

    >>> tls = UnitMixture([Qubit(0.96), Qubit(1.0), Qubit(1.04)], weights=[0.25, 0.5, 0.25])
    >>> tls.dim, len(tls.units)
    (2, 3)
    >>> UnitMixture([Qubit(1.0), Qubit(1.1)], weights=[0.5, 0.6])
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: weights must sum to 1, got sum(weights)=1.1
    """

    units: Sequence[Any]
    weights: Sequence[float]

    def __post_init__(self) -> None:
        units = tuple(self.units)
        if not units:
            raise ParameterError("units must hold at least one system, got an empty sequence")
        for k, u in enumerate(units):
            if not is_system(u):
                raise TypeError(
                    f"units[{k}] must be a Qubit, Oscillator, Transmon or System, "
                    f"got {type(u).__name__}"
                )
        dims = {u.dim for u in units}
        if len(dims) > 1:
            raise ParameterError(
                f"units must all have the same dimension, got dims {[u.dim for u in units]}"
            )
        w = np.asarray(self.weights, dtype=float)
        if w.shape != (len(units),):
            raise ParameterError(
                f"weights must have one value per unit ({len(units)}), got shape {w.shape}"
            )
        if not np.all(np.isfinite(w)) or np.any(w < 0):
            raise ParameterError(f"weights must be finite and >= 0, got weights={list(w)}")
        if not math.isclose(float(w.sum()), 1.0, rel_tol=0.0, abs_tol=1e-12):
            raise ParameterError(f"weights must sum to 1, got sum(weights)={float(w.sum()):.12g}")
        object.__setattr__(self, "units", units)
        object.__setattr__(self, "weights", tuple(float(x) for x in w))

    @property
    def dim(self) -> int:
        """Dimension of every unit."""
        return int(self.units[0].dim)

    def __repr__(self) -> str:
        return f"UnitMixture({len(self.units)} units, weights={list(self.weights)})"


def energy_basis(H: ComplexArray) -> tuple[ComplexArray, FloatArray, ComplexArray | None]:
    """(H in its energy basis, energies, eigenvectors or None if H is already diagonal).

    A diagonal H is kept as given (no reordering, degenerate levels keep the given basis).

    Examples
    --------
    >>> H = np.array([[0.0, 0.5], [0.5, 0.0]], dtype=complex)
    >>> Hd, e, W = energy_basis(H)
    >>> e.round(12), bool(np.allclose(W @ Hd @ W.conj().T, H))
    (array([-0.5,  0.5]), True)
    >>> energy_basis(np.diag([1.0, 0.0]).astype(complex))[2] is None
    True
    """
    H = np.asarray(H, dtype=complex)
    if not np.any(H - np.diag(np.diag(H))):
        return H, np.real(np.diag(H)).copy(), None
    e, W = np.linalg.eigh(H)
    return np.diag(e).astype(complex), e, W
