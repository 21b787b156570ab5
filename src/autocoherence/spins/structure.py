"""The conserved-quantity structure of the N-ancilla presets (Local Eqs. (14)/(C1), (C4), (C7)).

A preset network records *what it is* in a small frozen :class:`AncillaStructure`: the
model, the core parameters, and the ancillas as groups of identical ones
(:class:`AncillaGroup`, ``count`` ancillas with the same ω, γ, θ). The symmetry-reduced Gibbs
route (:mod:`autocoherence.spins.gibbs_symmetry`) works from this record alone, so a network of
N = 10⁶ identical ancillas never builds its 2·10⁶ Pauli terms or its 2^N-dimensional matrix;
:meth:`AncillaStructure.terms` generates the terms only when somebody asks for them.

Site layout (site 0 is the paper's first-listed qubit, as for every preset):

=================  ========================  =============  ==================
model              equation                  core sites     ancilla sites
=================  ========================  =============  ==================
``direct_n``       Local Eq. (14) = (C1)     target 0       1 .. N
``indirect_n``     Local Eq. (C4)            target 0 (T)   1 .. N
``transferred_n``  Local Eq. (C7)            target 0, 1    2 .. N+1
=================  ========================  =============  ==================
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from autocoherence.spins.pauli import PauliString

__all__ = ["MODELS", "AncillaGroup", "AncillaStructure", "SiteLabels", "group_ancillas"]

#: Models with a structure record, and the paper equation of each.
MODELS: dict[str, str] = {
    "direct_n": "Local Eq. (14)/(C1)",
    "indirect_n": "Local Eq. (C4)",
    "transferred_n": "Local Eq. (C7)",
}


class SiteLabels(Sequence[str]):
    """Site labels ``head + (str(first), str(first + 1), ...)`` without building them all.

    Compares equal to the tuple of its labels; short ones print as that tuple.

    Examples
    --------
    >>> SiteLabels(("T",), 1, 3)
    ('T', '1', '2', '3')
    >>> SiteLabels((), 1, 10**6)[-1], len(SiteLabels((), 1, 10**6))
    ('1000000', 1000000)
    >>> SiteLabels((), 0, 3) == ("0", "1", "2")
    True
    """

    __slots__ = ("_count", "_first", "_head")

    def __init__(self, head: tuple[str, ...], first: int, count: int) -> None:
        self._head = tuple(head)
        self._first = int(first)
        self._count = int(count)

    def __len__(self) -> int:
        return len(self._head) + self._count

    def _label(self, k: int) -> str:
        h = len(self._head)
        return self._head[k] if k < h else str(self._first + k - h)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...
    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        n = len(self)
        if isinstance(index, slice):
            return tuple(self._label(k) for k in range(*index.indices(n)))
        k = int(index)
        if k < 0:
            k += n
        if not 0 <= k < n:
            raise IndexError(f"site label index {index} out of range for {n} sites")
        return self._label(k)

    def __iter__(self) -> Iterator[str]:
        yield from self._head
        for k in range(self._count):
            yield str(self._first + k)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SiteLabels):
            return (self._head, self._first, self._count) == (
                other._head,
                other._first,
                other._count,
            )
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        if len(self) <= 12:
            return repr(tuple(self))
        return f"SiteLabels({self[0]!r}, {self[1]!r}, ..., {self[-1]!r})"


@dataclass(frozen=True)
class AncillaGroup:
    """``count`` identical ancillas: frequency ω, coupling γ (and θ for Local Eq. (C4)).

    Examples
    --------
    >>> AncillaGroup(count=10**6, omega=0.5, gamma=0.25)
    AncillaGroup(count=1000000, omega=0.5, gamma=0.25, theta=0.0)
    """

    count: int
    omega: float
    gamma: float
    theta: float = 0.0


def group_ancillas(
    omegas: Sequence[float], gammas: Sequence[float], thetas: Sequence[float] | None = None
) -> tuple[tuple[AncillaGroup, ...], tuple[int, ...] | None]:
    """Group per-ancilla parameters into groups of exactly equal (ω, γ, θ).

    Returns the groups in order of first appearance, and the group index of each ancilla
    (``None`` when all ancillas are identical, i.e. a single group).

    Examples
    --------
    >>> groups, members = group_ancillas([0.5, 0.7, 0.5], [0.1, 0.2, 0.1])
    >>> [(g.count, g.omega) for g in groups], members
    ([(2, 0.5), (1, 0.7)], (0, 1, 0))
    """
    th = thetas if thetas is not None else [0.0] * len(omegas)
    index: dict[tuple[float, float, float], int] = {}
    members: list[int] = []
    for key in zip(omegas, gammas, th, strict=True):
        members.append(index.setdefault(key, len(index)))
    counts = [0] * len(index)
    for m in members:
        counts[m] += 1
    groups = tuple(AncillaGroup(c, w, g, t) for c, (w, g, t) in zip(counts, index, strict=True))
    return groups, (None if len(groups) == 1 else tuple(members))


@dataclass(frozen=True)
class AncillaStructure:
    """What an N-ancilla preset is, in O(number of groups) numbers.

    Attributes
    ----------
    model : {"direct_n", "indirect_n", "transferred_n"}
    omega_target : float
        ω1 of Eq. (14)/(C1), ω_T of (C4), ω0 of (C7).
    groups : tuple of AncillaGroup
    members : tuple of int or None
        Group index of each ancilla in site order; ``None``: one group (identical ancillas).
    omega_mediator, theta : float
        ω1 and θ of (C7) (the mediator qubit 1 and its σx0σx1 coupling); 0 otherwise.

    Examples
    --------
    >>> s = AncillaStructure("direct_n", 1.0, (AncillaGroup(3, 0.5, 0.25),))
    >>> s.n_sites, s.n_ancillas, s.first_ancilla
    (4, 3, 1)
    >>> [t for t in s.terms()][:3]
    [(((0, 'Z'),), 0.5), (((1, 'Z'),), 0.25), (((0, 'X'), (1, 'Z')), 0.125)]
    """

    model: str
    omega_target: float
    groups: tuple[AncillaGroup, ...]
    members: tuple[int, ...] | None = None
    omega_mediator: float = 0.0
    theta: float = 0.0

    # ------------------------------------------------------------------ layout
    @property
    def equation(self) -> str:
        """The paper equation of the model."""
        return MODELS[self.model]

    @property
    def n_ancillas(self) -> int:
        """N."""
        return sum(g.count for g in self.groups)

    @property
    def first_ancilla(self) -> int:
        """Site index of the first ancilla (1, or 2 for (C7) with its mediator)."""
        return 2 if self.model == "transferred_n" else 1

    @property
    def n_sites(self) -> int:
        """Number of qubits of the network."""
        return self.first_ancilla + self.n_ancillas

    @property
    def core_sites(self) -> tuple[int, ...]:
        """Sites that are not ancillas: the target (and the (C7) mediator)."""
        return tuple(range(self.first_ancilla))

    def group_of(self, ancilla: int) -> int:
        """Group index of ancilla number ``ancilla`` (0-based among the ancillas)."""
        return 0 if self.members is None else self.members[ancilla]

    def site_class(self, site: int) -> int:
        """Index of ``site``'s reduced-state class: core sites 0.., then one per group.

        Every ancilla of a group has the same reduced Gibbs state (the Hamiltonian is
        invariant under permutations within a group), so classes are the core sites followed
        by the groups.
        """
        if site < self.first_ancilla:
            return site
        return self.first_ancilla + self.group_of(site - self.first_ancilla)

    @property
    def n_classes(self) -> int:
        """Number of reduced-state classes (core sites + groups)."""
        return self.first_ancilla + len(self.groups)

    def labels(self) -> SiteLabels:
        """The paper's site labels (lazy for large N)."""
        n = self.n_ancillas
        if self.model == "direct_n":
            return SiteLabels((), 1, n + 1)
        if self.model == "indirect_n":
            return SiteLabels(("T",), 1, n)
        return SiteLabels((), 0, n + 2)

    def name(self) -> str:
        """Display name, e.g. ``"direct_n (N=3), Local Eq. (14)/(C1)"``."""
        return f"{self.model} (N={self.n_ancillas}), {self.equation}"

    def ancilla_groups(self) -> Iterator[AncillaGroup]:
        """The group of each ancilla, in site order (N items; a generator)."""
        if self.members is None:
            return itertools.repeat(self.groups[0], self.n_ancillas)
        return (self.groups[m] for m in self.members)

    # ------------------------------------------------------------------ Pauli terms
    @property
    def n_terms(self) -> int:
        """Number of Pauli terms of the Hamiltonian."""
        per = 3 if self.model == "indirect_n" else 2
        return (
            len(self.core_sites)
            + (1 if self.model == "transferred_n" else 0)
            + per * (self.n_ancillas)
        )

    def terms(self) -> Iterator[tuple[PauliString, float]]:
        """The Pauli terms, in the order the presets list them (a generator).

        (14)/(C1): ω1/2 Z0, then per ancilla k: ω_k/2 Zk, γ_k/2 X0 Zk.
        (C4): ω_T/2 Z0, then ω_k/2 Zk, γ_k/2 Z0 Xk, θ_k/2 X0 Xk.
        (C7): ω0/2 Z0, θ/2 X0 X1, ω1/2 Z1, then γ_k/2 X1 Zk, ω_k/2 Zk.
        """
        first = self.first_ancilla
        if self.model == "direct_n":
            yield ((0, "Z"),), self.omega_target / 2
            for k, g in enumerate(self.ancilla_groups(), start=first):
                yield ((k, "Z"),), g.omega / 2
                yield ((0, "X"), (k, "Z")), g.gamma / 2
        elif self.model == "indirect_n":
            yield ((0, "Z"),), self.omega_target / 2
            for k, g in enumerate(self.ancilla_groups(), start=first):
                yield ((k, "Z"),), g.omega / 2
                yield ((0, "Z"), (k, "X")), g.gamma / 2
                yield ((0, "X"), (k, "X")), g.theta / 2
        else:
            yield ((0, "Z"),), self.omega_target / 2
            yield ((0, "X"), (1, "X")), self.theta / 2
            yield ((1, "Z"),), self.omega_mediator / 2
            for k, g in enumerate(self.ancilla_groups(), start=first):
                yield ((1, "X"), (k, "Z")), g.gamma / 2
                yield ((k, "Z"),), g.omega / 2

    def coefficients(self) -> tuple[list[float], list[float]]:
        """(all coefficients, Z2-odd coefficients), one entry per group, not per ancilla.

        The odd terms (an odd number of X/Y letters, Local Eq. (A2)) are γ X0 Z / Z0 X (and
        γ X1 Z for (C7)); σx σx couplings are even.
        """
        core = [self.omega_target / 2]
        if self.model == "transferred_n":
            core += [self.omega_mediator / 2, self.theta / 2]
        every = core + [c for g in self.groups for c in (g.omega / 2, g.gamma / 2, g.theta / 2)]
        odd = [g.gamma / 2 for g in self.groups]
        return every, odd

    def describe(self) -> dict[str, Any]:
        """Parameters as a plain dict (for display and records)."""
        out: dict[str, Any] = {"model": self.model, "omega_target": self.omega_target}
        if self.model == "transferred_n":
            out |= {"omega_mediator": self.omega_mediator, "theta": self.theta}
        out["groups"] = [(g.count, g.omega, g.gamma, g.theta) for g in self.groups]
        return out
