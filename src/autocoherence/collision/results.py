"""Typed results of the collision-model routes: they carry the state and how it was computed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from autocoherence import measures
from autocoherence._checks import as_operator
from autocoherence.errors import ParameterError
from autocoherence.spaces import Qubit
from autocoherence.typing import ComplexArray, OperatorLike

__all__ = ["SteadyState"]


@dataclass(frozen=True, eq=False)
class SteadyState:
    """Stationary state of the target, with the route that produced it.

    Attributes
    ----------
    rho : (d, d) complex array
        Target density matrix in the basis in which the target's Hamiltonian was given
        (``[e, g]`` for a qubit, Fock for an oscillator, the user's basis for a System).
    method : str
        ``"closed_form"``, ``"master_equation"`` or ``"collisions"``.
    target : system
        The target the state lives on.
    info : mapping
        Route details (cluster size, τ, truncations, matrix sizes, ``relaxation_gap``, ...).
    basis : (d, d) complex array or None
        Energy eigenvectors of the target (columns, in the basis of ``rho``); None when the
        target's Hamiltonian is diagonal in the given basis.

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> s = m.steady_state()
    >>> s.method, round(s.l1_coherence, 6), s.mean_a is None
    ('closed_form', 0.132792, True)
    >>> bool(abs(s.qfi - s.l1_coherence**2) < 1e-12)    # qubit: F_Q = C²
    True
    """

    rho: ComplexArray
    method: str
    target: Any
    info: Mapping[str, Any] = field(default_factory=dict)
    basis: ComplexArray | None = None

    @property
    def _qubit(self) -> bool:
        return isinstance(self.target, Qubit)

    @property
    def rho_energy(self) -> ComplexArray:
        """ρ in the target's energy eigenbasis (``rho`` itself when H_S is diagonal)."""
        if self.basis is None:
            return self.rho
        out: ComplexArray = self.basis.conj().T @ self.rho @ self.basis
        return out

    @property
    def l1_coherence(self) -> float:
        """l1 coherence Σ_{i≠j}|ρ_ij| in the eigenbasis of H_S (2|ρ_eg| for a qubit).

        Where H_S is diagonal in the given basis that basis is used as it is, so coherence
        between degenerate levels counts in the basis you chose; otherwise the eigenvectors of
        ``numpy.linalg.eigh`` (any basis of a degenerate eigenspace: pass your own to
        :meth:`l1_coherence_in`).
        """
        return measures.l1_coherence(self.rho_energy)

    def l1_coherence_in(self, basis: OperatorLike) -> float:
        """l1 coherence Σ_{i≠j}|(B†ρB)_ij| in the basis whose vectors are the columns of ``basis``.

        Examples
        --------
        >>> import numpy as np
        >>> import autocoherence as ac
        >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
        ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5)
        >>> s = m.steady_state()
        >>> bool(abs(s.l1_coherence_in(np.eye(2)) - s.l1_coherence) < 1e-15)
        True
        """
        B = as_operator(basis, "basis", dim=self.rho.shape[0])
        if not np.allclose(B.conj().T @ B, np.eye(B.shape[0]), atol=1e-10):
            raise ParameterError("basis must be unitary (orthonormal columns)")
        return measures.l1_coherence(B.conj().T @ self.rho @ B)

    def to_qutip(self) -> Any:
        """The state as a ``qutip.Qobj`` density matrix (user basis).

        Examples
        --------
        >>> import autocoherence as ac
        >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
        ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5)
        >>> m.steady_state().to_qutip().shape
        (2, 2)
        """
        import qutip  # noqa: PLC0415

        return qutip.Qobj(self.rho)

    @property
    def purity(self) -> float:
        """tr ρ²."""
        return measures.purity(self.rho)

    @property
    def bloch(self) -> tuple[float, float, float] | None:
        """(⟨σx⟩, ⟨σy⟩, ⟨σz⟩) for a qubit target, ``None`` for an oscillator target."""
        return measures.bloch_vector(self.rho) if self._qubit else None

    @property
    def qfi(self) -> float | None:
        """QFI of a σz/2 phase rotation, ⟨σx⟩² + ⟨σy⟩² (qubit targets), else ``None``."""
        return measures.qfi_qubit(self.rho) if self._qubit else None

    @property
    def mean_a(self) -> complex | None:
        """⟨a⟩ for an oscillator target, ``None`` for a qubit target."""
        return None if self._qubit else measures.mean_lowering(self.rho)

    def __repr__(self) -> str:
        d = self.rho.shape[0]
        return (
            f"SteadyState(method={self.method!r}, dim={d}, "
            f"l1_coherence={self.l1_coherence:.6g}, purity={self.purity:.6g})"
        )
