"""System-bath interactions of the collision models: any sum of products, and the papers' forms.

Every coupling is a list of *single-unit* terms ``(S_k, B_k)`` such that the interaction with a
cluster of N units is

    V = Σ_k S_k ⊗ Σ_{j=1}^{N} B_k^(j),

i.e. every bath operator enters collectively (S± = Σ σ±, B = Σ b; PRA104 Eq. (6), (17)).
:class:`Interaction` takes the terms from the user; :class:`Composite` (the papers' family)
and :class:`Bilinear` (Eq. (A6)) build them from the target's and unit's ladder operators or
from two user operators. The master-equation route needs only these single-unit operators
and the unit's thermal moments, never the N-unit space.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from autocoherence._checks import as_operator, check_finite
from autocoherence.errors import MethodNotApplicableError, ParameterError
from autocoherence.typing import ComplexArray, OperatorLike

__all__ = [
    "Bilinear",
    "Composite",
    "Coupling",
    "Interaction",
    "coupling_terms",
    "single_unit_interaction",
]

Term = tuple[ComplexArray, ComplexArray]


def _check_dims(terms: Sequence[Term], target: Any, unit: Any, owner: str) -> None:
    for k, (s, b) in enumerate(terms):
        if s.shape[0] != target.dim:
            raise ParameterError(
                f"{owner}: S_{k} is {s.shape[0]}x{s.shape[0]} but the target has dimension "
                f"{target.dim}"
            )
        if b.shape[0] != unit.dim:
            raise ParameterError(
                f"{owner}: B_{k} is {b.shape[0]}x{b.shape[0]} but the bath unit has dimension "
                f"{unit.dim}"
            )


def single_unit_interaction(terms: Sequence[Term]) -> ComplexArray:
    """V₁ = Σ_k S_k ⊗ B_k on target ⊗ one unit (the target is the left factor).

    Examples
    --------
    >>> from autocoherence.spaces import sigma_x, sigma_z
    >>> single_unit_interaction([(sigma_z(), sigma_x())]).shape
    (4, 4)
    """
    d = terms[0][0].shape[0] * terms[0][1].shape[0]
    V = np.zeros((d, d), dtype=complex)
    for s, b in terms:
        V += np.kron(s, b)
    return V


@dataclass(frozen=True, eq=False)
class Interaction:
    """Any system-bath interaction V = Σ_k S_k ⊗ Σ_units B_k (collective over a cluster).

    Parameters
    ----------
    terms : sequence of (S_k, B_k)
        Operators on the target (S_k, all of one shape) and on one bath unit (B_k, all of one
        shape), numpy arrays or ``qutip.Qobj``. The terms need not be Hermitian one by one,
        but V must be Hermitian as a whole (checked on target ⊗ one unit, to 1e-12 of its
        largest entry); a cluster then sums Hermitian copies.

    Examples
    --------
    Three product terms (exchange plus a parallel part), Hermitian only as a whole:

    >>> from autocoherence.spaces import sigma_minus, sigma_plus, sigma_x, sigma_z
    >>> V = Interaction([(sigma_plus(), sigma_minus()), (sigma_minus(), sigma_plus()),
    ...                  (0.3 * sigma_z(), sigma_x())])
    >>> len(V.terms), V.terms[0][0].shape
    (3, (2, 2))
    >>> Interaction([(sigma_plus(), sigma_minus())])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: Interaction: V = sum_k S_k (x) B_k must be Hermitian ...
    """

    terms: Sequence[tuple[OperatorLike, OperatorLike]]

    def __post_init__(self) -> None:
        raw = list(self.terms)
        if not raw:
            raise ParameterError("Interaction: terms must hold at least one (S, B) pair")
        terms: list[Term] = []
        for k, pair in enumerate(raw):
            if not isinstance(pair, tuple | list) or len(pair) != 2:
                raise ParameterError(
                    f"Interaction: terms[{k}] must be a pair (S, B), got {type(pair).__name__}"
                )
            terms.append((as_operator(pair[0], f"S_{k}"), as_operator(pair[1], f"B_{k}")))
        for name, idx in (("S", 0), ("B", 1)):
            shapes = {t[idx].shape for t in terms}
            if len(shapes) > 1:
                raise ParameterError(
                    f"Interaction: every {name}_k must have one shape, got {sorted(shapes)}"
                )
        V = single_unit_interaction(terms)
        scale = max(1e-300, float(np.max(np.abs(V))))
        dev = float(np.max(np.abs(V - V.conj().T)))
        if dev > 1e-12 * scale:
            raise ParameterError(
                "Interaction: V = sum_k S_k (x) B_k must be Hermitian as a whole; "
                f"|V - V^dagger| reaches {dev:.3g} (add the Hermitian-conjugate terms)"
            )
        object.__setattr__(self, "terms", tuple(terms))

    def terms_for(self, target: Any, unit: Any) -> list[Term]:
        """The terms, checked against the target's and the unit's dimensions."""
        terms = [(s.copy(), b.copy()) for s, b in self.terms]
        _check_dims(terms, target, unit, "Interaction")
        return terms

    def __repr__(self) -> str:
        s, b = self.terms[0]
        return (
            f"Interaction({len(self.terms)} terms, target dim {s.shape[0]}, unit dim {b.shape[0]})"
        )


def _ladder(space: Any, role: str) -> Any:
    if not all(hasattr(space, m) for m in ("lowering", "number", "position")):
        raise MethodNotApplicableError(
            f"Composite needs a {role} with a ladder (Qubit, Oscillator or Transmon), got "
            f"{type(space).__name__}; write the coupling as ac.Interaction([(S, B), ...])"
        )
    return space


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

    def terms(self, target: Any, unit: Any) -> list[Term]:
        """Single-unit terms (S_α, b_α) of V; see the module docstring."""
        target, unit = _ladder(target, "target"), _ladder(unit, "bath unit")
        a = unit.lowering()
        terms: list[Term] = [(self.f1 * target.number(), unit.position())]
        if self.rwa:
            s_minus = target.lowering()
            terms += [(self.f2 * s_minus.conj().T, a), (self.f2 * s_minus, a.conj().T)]
        else:
            terms.append((self.f2 * target.position(), unit.position()))
        return terms

    def interaction(self, target: Any, unit: Any) -> Interaction:
        """The same coupling as a general :class:`Interaction` for this target and unit.

        Examples
        --------
        >>> from autocoherence.spaces import Qubit
        >>> Composite(0.3, 0.6).interaction(Qubit(1.0), Qubit(1.0))
        Interaction(3 terms, target dim 2, unit dim 2)
        """
        return Interaction(self.terms(target, unit))


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

    def terms(self, target: Any, unit: Any) -> list[Term]:
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

    def interaction(self, target: Any, unit: Any) -> Interaction:
        """The same coupling as a general :class:`Interaction` for this target and unit.

        Examples
        --------
        >>> from autocoherence.spaces import Qubit, sigma_minus
        >>> Bilinear(sigma_minus(), sigma_minus()).interaction(Qubit(1.0), Qubit(1.0))
        Interaction(2 terms, target dim 2, unit dim 2)
        """
        return Interaction(self.terms(target, unit))


Coupling = Composite | Bilinear | Interaction


def coupling_terms(coupling: Coupling, target: Any, unit: Any) -> list[Term]:
    """Single-unit terms (S_k, B_k) of any coupling for this target and bath unit.

    Examples
    --------
    >>> from autocoherence.spaces import Qubit
    >>> len(coupling_terms(Composite(0.3, 0.6), Qubit(1.0), Qubit(1.0)))
    3
    """
    if isinstance(coupling, Interaction):
        return coupling.terms_for(target, unit)
    return coupling.terms(target, unit)
