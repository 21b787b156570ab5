"""What a collision model compiles to: operators in the energy bases of target and units.

A :class:`~autocoherence.collision.CollisionModel` holds parameters; :meth:`operators` turns
them into a :class:`CollisionOperators` record, and every numerical route (the generator of
Eq. (A5), the exact channels, the transient search, the thermodynamic rates) takes that record
or plain arrays, never the model.

Bases. The target's operators are expressed in the eigenbasis of its Hamiltonian H_S (so
H_S is diagonal there and l1 coherence is the plain off-diagonal sum); ``basis`` holds the
eigenvectors as columns in the user's basis, or ``None`` when H_S is already diagonal (the
papers' qubits and oscillators, :meth:`System.from_energies`, transmons): then nothing is
rotated, and degenerate levels keep the user's basis. Each bath unit is expressed in its own
energy eigenbasis, where its thermal state is diagonal (the bath is traced out, so its basis
is invisible in every result).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from autocoherence.systems import energy_basis
from autocoherence.typing import ComplexArray, FloatArray

__all__ = ["BathUnit", "CollisionOperators", "energy_basis"]


@dataclass(frozen=True, eq=False)
class BathUnit:
    """One kind of bath unit, in its energy eigenbasis.

    Attributes
    ----------
    hamiltonian : (d_B, d_B) complex array
        H_B (diagonal).
    populations : (d_B,) float array
        Diagonal of the unit's thermal state.
    ops : tuple of (d_B, d_B) complex arrays
        B_k of the interaction terms, in this unit's basis.
    weight : float
        Probability with which a collision meets this unit (1 without a mixture).
    """

    hamiltonian: ComplexArray
    populations: FloatArray
    ops: tuple[ComplexArray, ...]
    weight: float = 1.0

    @property
    def state(self) -> ComplexArray:
        """ρ_unit = diag(populations), complex."""
        return np.diag(self.populations).astype(complex)


@dataclass(frozen=True, eq=False)
class CollisionOperators:
    """The operators of a collision model (PRA104 Eq. (A1), (A5)).

    Attributes
    ----------
    H_S : (d, d) complex array
        Target Hamiltonian in its energy basis.
    system_ops : tuple of (d, d) complex arrays
        S_k of V = Σ_k S_k ⊗ Σ_units B_k, in the target's energy basis.
    units : tuple of BathUnit
        One entry, or the components of a :class:`~autocoherence.systems.UnitMixture`.
    cluster_size : int
        N units per collision.
    tau : float or None
        Collision duration.
    c_ops : tuple of (d, d) complex arrays
        The target's own collapse operators (QuTiP convention, rates folded in), energy basis.
    basis : (d, d) complex array or None
        Columns: the energy eigenvectors in the user's basis; ``None`` for the identity.
    """

    H_S: ComplexArray
    system_ops: tuple[ComplexArray, ...]
    units: tuple[BathUnit, ...]
    cluster_size: int
    tau: float | None
    c_ops: tuple[ComplexArray, ...] = ()
    basis: ComplexArray | None = None

    @property
    def d(self) -> int:
        """Target dimension."""
        return int(self.H_S.shape[0])

    @property
    def unit_dim(self) -> int:
        """Dimension of one bath unit."""
        return int(self.units[0].hamiltonian.shape[0])

    @property
    def is_mixture(self) -> bool:
        """Whether units are drawn from more than one kind."""
        return len(self.units) > 1

    def terms(self, unit: int = 0) -> list[tuple[ComplexArray, ComplexArray]]:
        """(S_k, B_k) pairs for bath unit kind ``unit``."""
        return list(zip(self.system_ops, self.units[unit].ops, strict=True))

    def to_user(self, rho: ComplexArray) -> ComplexArray:
        """A target state from the energy basis to the user's basis (ρ → W ρ W†)."""
        if self.basis is None:
            return rho
        out: ComplexArray = self.basis @ rho @ self.basis.conj().T
        return out

    def from_user(self, op: ComplexArray) -> ComplexArray:
        """A target operator from the user's basis to the energy basis (A → W† A W)."""
        if self.basis is None:
            return op
        out: ComplexArray = self.basis.conj().T @ op @ self.basis
        return out

    def draws(self) -> list[tuple[tuple[int, ...], float]]:
        """The cluster compositions and their probabilities.

        Units are drawn independently, and the collective coupling is symmetric under
        permutations of the units, so only the multiset of kinds matters: each sorted tuple
        of N kinds comes with its multinomial probability.

        Examples
        --------
        >>> u = BathUnit(np.zeros((2, 2), complex), np.array([0.0, 1.0]), (), 0.25)
        >>> v = BathUnit(np.zeros((2, 2), complex), np.array([0.0, 1.0]), (), 0.75)
        >>> ops = CollisionOperators(np.zeros((2, 2), complex), (), (u, v), 2, None)
        >>> [(k, round(p, 4)) for k, p in ops.draws()]
        [((0, 0), 0.0625), ((0, 1), 0.375), ((1, 1), 0.5625)]
        """
        import itertools  # noqa: PLC0415

        n = self.cluster_size
        out = []
        for combo in itertools.combinations_with_replacement(range(len(self.units)), n):
            counts = np.bincount(combo, minlength=len(self.units))
            multinomial = math.factorial(n)
            for c in counts:
                multinomial //= math.factorial(int(c))
            p = multinomial * math.prod(
                self.units[k].weight ** int(c) for k, c in enumerate(counts)
            )
            if p > 0:
                out.append((combo, float(p)))
        return out


def rotate_all(ops: Sequence[ComplexArray], W: ComplexArray | None) -> tuple[ComplexArray, ...]:
    """W† A W for each A (unchanged if W is None)."""
    if W is None:
        return tuple(ops)
    return tuple(W.conj().T @ A @ W for A in ops)
