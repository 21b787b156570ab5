"""Typed results of the collision-model routes: they carry the state and how it was computed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from autocoherence import measures
from autocoherence.spaces import LocalSpace, Qubit
from autocoherence.typing import ComplexArray

__all__ = ["SteadyState"]


@dataclass(frozen=True, eq=False)
class SteadyState:
    """Stationary state of the target, with the route that produced it.

    Attributes
    ----------
    rho : (d, d) complex array
        Target density matrix in its energy basis (``[e, g]`` for a qubit, Fock for an oscillator).
    method : str
        ``"closed_form"``, ``"master_equation"`` or ``"collisions"``.
    target : Qubit or Oscillator
        The target space the state lives on.
    info : mapping
        Route details (cluster size, τ, truncations, matrix sizes, ...).

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
    target: LocalSpace
    info: Mapping[str, Any] = field(default_factory=dict)

    @property
    def _qubit(self) -> bool:
        return isinstance(self.target, Qubit)

    @property
    def l1_coherence(self) -> float:
        """l1 coherence Σ_{i≠j}|ρ_ij| (2|ρ_eg| for a qubit)."""
        return measures.l1_coherence(self.rho)

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
