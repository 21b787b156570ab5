"""System-bath couplings of the collision models: the composite family and user bilinear forms.

A coupling is turned into a list of *single-unit* terms ``(S_α, b_α)`` such that the
interaction with a cluster of N identical units is

    V = Σ_α S_α ⊗ Σ_{k=1}^{N} b_α^(k),

i.e. every bath operator enters collectively (S± = Σ σ±, B = Σ b; PRA104 Eq. (6), (17)).
The master-equation route needs only these single-unit operators and the unit's thermal
moments, never the N-unit space.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from autocoherence._checks import as_operator, check_finite
from autocoherence.errors import ParameterError
from autocoherence.spaces import LocalSpace
from autocoherence.typing import ComplexArray, OperatorLike

__all__ = ["Bilinear", "Composite", "Coupling"]

Term = tuple[ComplexArray, ComplexArray]


@dataclass(frozen=True)
class Composite:
    """The papers' composite interaction: a parallel plus an orthogonal part.

    V = f1 n̂_S ⊗ X_B + f2 (s₊ ⊗ A + s₋ ⊗ A†)      (``rwa=True``; PRA104 Eq. (1), (6), (17))
    V = f1 n̂_S ⊗ X_B + f2 X_S ⊗ X_B              (``rwa=False``; Rabi form, Eq. (12), (19))

    with n̂_S = σz (qubit target) or a†a (oscillator target), s₋ = σ₋ or a, X_S = s₊ + s₋,
    A = σ₋^B or b for one bath unit (summed over the cluster), X_B = A + A†.

    Parameters
    ----------
    f1, f2 : float
        Parallel and orthogonal coupling constants (finite reals).
    rwa : bool
        Keep only the rotating terms of the orthogonal part (default) or the full Rabi form.

    Examples
    --------
    >>> Composite(f1=0.3, f2=0.6).rwa
    True
    """

    f1: float
    f2: float
    rwa: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "f1", check_finite(self.f1, "f1"))
        object.__setattr__(self, "f2", check_finite(self.f2, "f2"))
        if not isinstance(self.rwa, bool):
            raise TypeError(f"rwa must be True or False, got rwa={self.rwa!r}")

    def terms(self, target: LocalSpace, unit: LocalSpace) -> list[Term]:
        """Single-unit terms (S_α, b_α) of V; see the module docstring."""
        a = unit.lowering()
        terms: list[Term] = [(self.f1 * target.number(), unit.position())]
        if self.rwa:
            s_minus = target.lowering()
            terms += [(self.f2 * s_minus.conj().T, a), (self.f2 * s_minus, a.conj().T)]
        else:
            terms.append((self.f2 * target.position(), unit.position()))
        return terms


@dataclass(frozen=True, eq=False)
class Bilinear:
    """A user bilinear coupling V = s† ⊗ A + s ⊗ A† (PRA104 Eq. (A6)).

    For a cluster, A → Σ_k A_k. Both operators may be numpy arrays or ``qutip.Qobj``;
    ``s`` acts on the target, ``A`` on one bath unit.

    Examples
    --------
    >>> import numpy as np
    >>> from autocoherence.spaces import sigma_minus, sigma_z
    >>> c = Bilinear(0.3 * sigma_z() + 0.6 * sigma_minus(), sigma_minus())
    >>> c.s.shape, c.A.shape
    ((2, 2), (2, 2))
    """

    s: OperatorLike
    A: OperatorLike

    def __post_init__(self) -> None:
        object.__setattr__(self, "s", as_operator(self.s, "s"))
        object.__setattr__(self, "A", as_operator(self.A, "A"))

    def terms(self, target: LocalSpace, unit: LocalSpace) -> list[Term]:
        """Single-unit terms (s†, A) and (s, A†)."""
        if self.s.shape[0] != target.dim:
            raise ParameterError(
                f"Bilinear.s is {self.s.shape[0]}x{self.s.shape[0]} but the target has "
                f"dimension {target.dim}"
            )
        if self.A.shape[0] != unit.dim:
            raise ParameterError(
                f"Bilinear.A is {self.A.shape[0]}x{self.A.shape[0]} but the bath unit has "
                f"dimension {unit.dim}"
            )
        s = np.asarray(self.s)
        a = np.asarray(self.A)
        return [(s.conj().T, a), (s, a.conj().T)]


Coupling = Composite | Bilinear
