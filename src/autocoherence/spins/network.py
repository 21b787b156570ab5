"""SpinNetwork: a Hamiltonian on n qubits, as Pauli-string terms, a dense operator, or the
structure record of an N-ancilla preset.

The model holds parameters only; the dense matrix is built on first use. A preset of
Local Eqs. (14)/(C1), (C4), (C7) carries an :class:`AncillaStructure` instead of its terms, so
N = 10⁶ identical ancillas cost O(1) memory until somebody asks for the terms or the matrix.
Conventions (DESIGN.md): qubit basis ``[e, g]``, site k is the k-th tensor factor (site 0
leftmost).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from autocoherence._checks import (
    as_operator,
    check_choice,
    check_hermitian,
    check_int,
    check_temperature,
)
from autocoherence.errors import MethodNotApplicableError, ParameterError
from autocoherence.spins.gibbs import (
    GibbsState,
    ReducedStates,
    check_site,
    dense_gibbs,
    local_eigenbasis,
    reduced_state,
    thermal_bloch,
    transverse_norm,
)
from autocoherence.spins.gibbs_symmetry import (
    check_supported,
    symmetry_bloch,
    symmetry_purity,
    unsupported_reason,
)
from autocoherence.spins.pauli import (
    PauliString,
    check_coefficient,
    format_pauli,
    parse_pauli,
    pauli_matrix,
    pauli_parity,
)
from autocoherence.spins.structure import AncillaGroup, AncillaStructure, SiteLabels
from autocoherence.spins.symmetry import is_z2_symmetric
from autocoherence.typing import ComplexArray, FloatArray, OperatorLike

__all__ = ["DENSE_MAX_SITES", "GIBBS_METHODS", "SpinNetwork"]

#: Routes accepted by :meth:`SpinNetwork.gibbs`; "auto" picks "symmetry" for a preset the
#: symmetry-reduced route understands, "dense" otherwise.
GIBBS_METHODS: tuple[str, ...] = ("auto", "dense", "symmetry")

#: The dense route builds 2^n x 2^n matrices: 14 sites are 16384 x 16384 (4 GiB complex).
DENSE_MAX_SITES = 14


def _default_labels(n: int) -> Sequence[str]:
    if n <= 64:
        return tuple(str(k) for k in range(n))
    return SiteLabels((), 0, n)  # lazy: n_sites=10**9 costs nothing until labels are read


def _check_labels(labels: Sequence[str] | None, n: int) -> Sequence[str]:
    if labels is None:
        return _default_labels(n)
    if isinstance(labels, SiteLabels) and len(labels) == n:
        return labels  # lazy labels stay lazy (never a tuple of 10^9 strings)
    out = tuple(str(x) for x in labels)
    if len(out) != n:
        raise ParameterError(f"labels must have one entry per site ({n}), got labels={labels!r}")
    return out


def _ldexp(x: float, n: int) -> float:
    """x 2^n, inf where that leaves the float range (x >= 0)."""
    try:
        return math.ldexp(x, n)
    except OverflowError:
        return math.inf


class SpinNetwork:
    """A network of n interacting qubits with Hamiltonian H (Local Eq. (2): H_S^tot).

    Build it with :meth:`from_terms`, :meth:`from_operator` or a preset of
    :mod:`autocoherence.spins.presets`. Instances are immutable.

    Attributes
    ----------
    n_sites : int
    terms : tuple of (PauliString, float)
        Σ coeff × Pauli string (empty when built from an operator; generated on first use
        for a preset that carries a structure).
    labels : sequence of str
        The paper's name of each site (display only; sites are addressed by index).
    name : str
        What the network is (a preset records its paper equation).
    operator : (2^n, 2^n) complex array or None
        The Hamiltonian given to :meth:`from_operator`.
    structure : AncillaStructure or None
        The conserved-quantity record of an N-ancilla preset (Local Eqs. (14)/(C1), (C4),
        (C7)); it lets ``gibbs(method="symmetry")`` (and ``"auto"``) avoid 2^n matrices.

    Examples
    --------
    >>> net = SpinNetwork.from_terms({"Z0": 0.5, "Z1": 0.25, "X0 Z1": 0.35})
    >>> net
    SpinNetwork(n_sites=2, H = 0.5 Z0 + 0.25 Z1 + 0.35 X0 Z1)
    >>> net.is_z2_symmetric()
    False
    >>> round(net.gibbs(0.0).l1_coherence(0), 6)
    0.573462
    """

    n_sites: int
    labels: Sequence[str]
    name: str
    operator: ComplexArray | None
    structure: AncillaStructure | None

    def __init__(
        self,
        n_sites: int,
        terms: Sequence[tuple[PauliString, float]] = (),
        labels: Sequence[str] | None = None,
        name: str = "",
        operator: ComplexArray | None = None,
        *,
        structure: AncillaStructure | None = None,
    ) -> None:
        n = check_int(n_sites, "n_sites", minimum=1)
        if structure is not None:
            if n != structure.n_sites or terms or operator is not None:
                raise ParameterError(
                    f"a network with a structure takes its terms from it: n_sites must be "
                    f"{structure.n_sites} and terms/operator empty, got n_sites={n_sites!r}"
                )
            labs: Sequence[str] = structure.labels() if labels is None else tuple(labels)
        else:
            labs = _check_labels(labels or None, n)
            for string, _ in terms:
                for site, _letter in string:
                    if site >= n:
                        raise ParameterError(
                            f"Pauli term {format_pauli(string)!r} acts on site {site}, "
                            f"but the network has n_sites={n} (sites 0..{n - 1})"
                        )
            object.__setattr__(self, "terms", tuple(terms))
        if len(labs) != n:
            raise ParameterError(
                f"labels must have one entry per site ({n}), got {len(labs)} labels"
            )
        for key, value in (
            ("n_sites", n),
            ("labels", labs),
            ("name", name),
            ("operator", operator),
            ("structure", structure),
        ):
            object.__setattr__(self, key, value)

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError(f"SpinNetwork is immutable; cannot set {key!r}")

    def __delattr__(self, key: str) -> None:
        raise AttributeError(f"SpinNetwork is immutable; cannot delete {key!r}")

    # ----------------------------------------------------------------- constructors
    @classmethod
    def from_terms(
        cls,
        terms: Mapping[str, float] | Iterable[tuple[str, float]],
        *,
        n_sites: int | None = None,
        labels: Sequence[str] | None = None,
        name: str = "",
    ) -> SpinNetwork:
        """H = Σ coeff × Pauli string, e.g. ``{"X0 Z1": 0.35, "Z0": 0.5}``.

        Parameters
        ----------
        terms : mapping or iterable of (str, float)
            Pauli strings (grammar in :mod:`autocoherence.spins.pauli`) and real coefficients.
            Equal strings written differently (``"X0 Z1"``, ``"Z1 X0"``) are summed.
        n_sites : int, keyword-only
            Number of qubits; default: the largest site index + 1.
        labels : sequence of str, keyword-only
            Display names of the sites.
        name : str, keyword-only

        Examples
        --------
        >>> SpinNetwork.from_terms([("Z1 X0", 1.0), ("X0 Z1", 0.5)], n_sites=3).terms
        ((((0, 'X'), (1, 'Z')), 1.5),)
        """
        items = terms.items() if isinstance(terms, Mapping) else terms
        summed: dict[PauliString, float] = {}
        for item in items:
            try:
                text, coeff = item
            except (TypeError, ValueError) as exc:
                raise TypeError(
                    f"terms must map Pauli strings to coefficients or be (string, coefficient) "
                    f"pairs, got {item!r}"
                ) from exc
            string = parse_pauli(text)
            summed[string] = summed.get(string, 0.0) + check_coefficient(coeff, text)
        if not summed:
            raise ParameterError("terms must contain at least one Pauli term, got none")
        highest = max((s for string in summed for s, _ in string), default=0)
        if n_sites is None:
            n = highest + 1
        else:
            n = check_int(n_sites, "n_sites", minimum=1)
            if highest >= n:
                bad = next(k for k in summed if any(s >= n for s, _ in k))
                raise ParameterError(
                    f"Pauli term {format_pauli(bad)!r} acts on site {highest}, unknown for "
                    f"n_sites={n} (sites 0..{n - 1})"
                )
        return cls(n, tuple(summed.items()), _check_labels(labels, n), name)

    @classmethod
    def from_operator(
        cls,
        hamiltonian: OperatorLike,
        *,
        labels: Sequence[str] | None = None,
        name: str = "",
    ) -> SpinNetwork:
        """A network from a dense Hermitian 2^n x 2^n matrix (numpy array or ``qutip.Qobj``).

        Examples
        --------
        >>> import numpy as np
        >>> SpinNetwork.from_operator(np.diag([1.0, 0.0, 0.0, -1.0])).n_sites
        2
        """
        h = as_operator(hamiltonian, "hamiltonian")
        d = h.shape[0]
        n = round(math.log2(d)) if d > 0 else 0
        if d < 2 or 2**n != d:
            raise ParameterError(
                f"hamiltonian must be a 2^n x 2^n matrix for n >= 1 qubits, got shape {h.shape}"
            )
        check_hermitian(h, "hamiltonian")
        h = 0.5 * (h + h.conj().T)
        return cls(n, (), _check_labels(labels, n), name, h)

    @classmethod
    def from_structure(cls, structure: AncillaStructure) -> SpinNetwork:
        """The network an :class:`AncillaStructure` describes (what the N-ancilla presets use).

        Examples
        --------
        >>> from autocoherence.spins.structure import AncillaGroup
        >>> s = AncillaStructure("direct_n", 1.0, (AncillaGroup(10**6, 0.5, 0.25),))
        >>> SpinNetwork.from_structure(s).n_sites
        1000001
        """
        return cls(structure.n_sites, structure=structure, name=structure.name())

    # -------------------------------------------------------------------- numerics
    @functools.cached_property
    def terms(self) -> tuple[tuple[PauliString, float], ...]:
        """Pauli terms (generated from the structure on first use)."""
        assert self.structure is not None  # otherwise set in __init__
        return tuple(self.structure.terms())

    @functools.cached_property
    def hamiltonian(self) -> ComplexArray:
        """Dense H, 2^n x 2^n, in the product ``[e, g]`` basis (built on first use)."""
        if self.operator is not None:
            return self.operator
        if self.n_sites > DENSE_MAX_SITES:
            raise MethodNotApplicableError(
                f"the dense route needs the 2^n x 2^n Hamiltonian, and n_sites={self.n_sites} "
                f"is beyond its limit of {DENSE_MAX_SITES} sites; use method='symmetry' "
                "(presets direct_n, indirect_n, transferred_n) or 'auto'"
            )
        d = 2**self.n_sites
        h = np.zeros((d, d), dtype=complex)
        for string, coeff in self.terms:
            if coeff != 0.0:
                h += coeff * pauli_matrix(string, self.n_sites)
        return h

    @functools.cached_property
    def _local_fields(self) -> dict[int, tuple[float, float, float]]:
        """(c_x, c_y, c_z) of the single-site terms of each site that has an X or Y one."""
        if self.structure is not None:
            return {}  # the presets' single-site terms are ω/2 σz only
        if self.operator is not None:
            n, h = self.n_sites, self.operator
            out: dict[int, tuple[float, float, float]] = {}
            for site in range(n):
                m = reduced_state(h, site, n) / 2 ** (n - 1)  # tr_others H / 2^(n-1)
                cx, cy = (
                    float(np.real(m[0, 1] + m[1, 0])) / 2,
                    float(np.imag(m[1, 0] - m[0, 1])) / 2,
                )
                if cx != 0.0 or cy != 0.0:
                    out[site] = (cx, cy, float(np.real(m[0, 0] - m[1, 1])) / 2)
            return out
        acc: dict[int, list[float]] = {}
        for string, coeff in self.terms:
            if len(string) == 1:
                site, letter = string[0]
                acc.setdefault(site, [0.0, 0.0, 0.0])["XYZ".index(letter)] += coeff
        return {k: (v[0], v[1], v[2]) for k, v in acc.items() if v[0] != 0.0 or v[1] != 0.0}

    def local_field(self, site: int) -> tuple[float, float, float]:
        """(c_x, c_y, c_z) of ``site``'s single-site terms c_x X + c_y Y + c_z Z.

        These define the basis of the site's local coherence (:meth:`local_basis`). For a
        network built from an operator they are the Pauli components tr(H σ_a)/2^n.

        Examples
        --------
        >>> SpinNetwork.from_terms({"Z0": 0.92, "X0": 0.29, "X0 X1": 0.1}).local_field(0)
        (0.29, 0.0, 0.92)
        """
        s = check_site(site, self.n_sites, self.labels)
        if s in self._local_fields:
            return self._local_fields[s]
        st = self.structure
        if st is not None:
            if s == 0:
                return (0.0, 0.0, st.omega_target / 2)
            if s < st.first_ancilla:  # the (C7) mediator
                return (0.0, 0.0, st.omega_mediator / 2)
            return (0.0, 0.0, st.groups[st.group_of(s - st.first_ancilla)].omega / 2)
        if self.operator is not None:
            m = reduced_state(self.operator, s, self.n_sites) / 2 ** (self.n_sites - 1)
            return (0.0, 0.0, float(np.real(m[0, 0] - m[1, 1])) / 2)
        cz = sum(c for string, c in self.terms if string == ((s, "Z"),))
        return (0.0, 0.0, float(cz))

    def local_basis(self, site: int) -> ComplexArray | None:
        """Basis of ``site``'s local coherence: eigenvectors of its single-site terms.

        ``None`` when those terms are σz only (or absent): the product ``[e, g]`` basis, as in
        the papers. Otherwise a 2x2 unitary whose columns are the eigenvectors of
        c_x X + c_y Y + c_z Z ordered [higher energy, lower energy] (matching ``[e, g]``).

        Examples
        --------
        >>> net = SpinNetwork.from_terms({"Z0": 0.5, "X0": 0.5, "Z1": 1.0, "X0 Z1": 0.1})
        >>> net.local_basis(1) is None
        True
        >>> b = net.local_basis(0)
        >>> h = 0.5 * np.array([[1.0, 1.0], [1.0, -1.0]])
        >>> bool(np.allclose(b.conj().T @ h @ b, np.diag([1, -1]) / np.sqrt(2)))
        True
        """
        s = check_site(site, self.n_sites, self.labels)
        return local_eigenbasis(self._local_fields[s]) if s in self._local_fields else None

    # -------------------------------------------------- scale-free Gibbs states
    # τ = exp(-H/T)/Z depends on H/T only. Energies beyond 2^±128 (|coefficients| ~ 3e38 or
    # 3e-39) can overflow or underflow in the routes' intermediate products (fourth powers of
    # couplings in the (C7) blocks, norms); H and T are then both divided by the same power
    # of two, which is exact (a T that leaves the float range becomes inf or 0, its limit).
    # In between nothing is rescaled, so every result there is bit for bit as before.
    _SCALE_LIMIT = 128  # 2^128 ~ 3e38: fourth powers of the couplings stay in range

    @functools.cached_property
    def _top_coefficient(self) -> float:
        if self.structure is not None:
            return max(abs(c) for c in self.structure.coefficients()[0])
        if self.operator is not None:
            return float(np.max(np.abs(self.operator)))
        return max([0.0, *(abs(c) for _, c in self.terms)])

    @functools.cached_property
    def _scale_exponent(self) -> int:
        top = self._top_coefficient
        if top == 0.0 or not math.isfinite(top):
            return 0
        k = math.frexp(top)[1]
        return k if abs(k) > self._SCALE_LIMIT else 0

    def _frozen(self, temps: FloatArray, k: int) -> FloatArray:
        """T below 2^-900 of the largest (rescaled) coefficient is T = 0 exactly.

        Every splitting above the energies' resolution (1e-12 x max|E|) then has
        ΔE/T > 1e258 and weight exp(-ΔE/T) = 0, and the ones below it are merged at any T:
        the Gibbs state is the T = 0 one, and E/T is never formed where it overflows.
        """
        top = self._top_coefficient
        if top == 0.0 or not math.isfinite(top):
            return temps
        floor = math.ldexp(math.ldexp(top, -k), -900)
        out: FloatArray = np.where((temps > 0) & (temps < floor), 0.0, temps)
        return out

    def _scaled_hamiltonian(self, k: int) -> ComplexArray:
        if k == 0:
            return self.hamiltonian
        if self.operator is not None:
            return np.ldexp(self.operator.real, -k) + 1j * np.ldexp(self.operator.imag, -k)
        d = 2**self.n_sites
        if self.n_sites > DENSE_MAX_SITES:
            return self.hamiltonian  # raises the dense route's limit error
        h = np.zeros((d, d), dtype=complex)
        for string, coeff in self.terms:
            if coeff != 0.0:
                h += math.ldexp(coeff, -k) * pauli_matrix(string, self.n_sites)
        return h

    def _scaled_structure(self, k: int) -> AncillaStructure:
        st = self.structure
        assert st is not None
        if k == 0:
            return st
        groups = tuple(
            AncillaGroup(
                g.count, math.ldexp(g.omega, -k), math.ldexp(g.gamma, -k), math.ldexp(g.theta, -k)
            )
            for g in st.groups
        )
        return dataclasses.replace(
            st,
            omega_target=math.ldexp(st.omega_target, -k),
            groups=groups,
            omega_mediator=math.ldexp(st.omega_mediator, -k),
            theta=math.ldexp(st.theta, -k),
        )

    @property
    def dims(self) -> tuple[int, ...]:
        """Local dimensions, (2, ..., 2)."""
        return (2,) * self.n_sites

    def gibbs_route(self, method: str = "auto") -> str:
        """The route ``method`` resolves to for this network: ``"dense"`` or ``"symmetry"``.

        Raises
        ------
        ParameterError
            Unknown ``method``.
        MethodNotApplicableError
            ``"symmetry"`` on a network it cannot handle (the message lists what it supports).

        Examples
        --------
        >>> from autocoherence.spins import direct, direct_n
        >>> direct(1.0, 0.5, 0.7).gibbs_route(), direct_n(1.0, 0.5, 0.2, n=8).gibbs_route()
        ('dense', 'symmetry')
        """
        check_choice(method, "method", GIBBS_METHODS)
        if method == "symmetry":
            check_supported(self.structure, f"network {self.name or repr(self)!r}")
            return "symmetry"
        if method == "auto" and self.structure is not None:
            if unsupported_reason(self.structure) is not None:
                return "dense"
            # all-different (C4) ancillas: one block of the full size, no reduction
            no_gain = all(g.count == 1 for g in self.structure.groups)
            if self.structure.model != "indirect_n" or not no_gain:
                return "symmetry"
            if self.n_sites > DENSE_MAX_SITES:
                return "symmetry"
        return "dense"

    def gibbs(self, temperature: float, *, method: str = "auto") -> GibbsState:
        """Gibbs state τ = exp(-H/T)/Z (Local Eq. (2)).

        Parameters
        ----------
        temperature : float
            T >= 0; T = 0 gives the equal mixture over the ground space, T = inf the
            maximally mixed state.
        method : {"auto", "dense", "symmetry"}, keyword-only
            ``"dense"``: exact diagonalisation of the 2^n x 2^n H (at most
            ``DENSE_MAX_SITES`` sites). ``"symmetry"``: block diagonalisation by conserved
            quantities (:mod:`autocoherence.spins.gibbs_symmetry`) for the presets
            ``direct_n``, ``transferred_n`` (conserved ancilla σz, Local Eqs. (14)/(C1), (C7))
            and ``indirect_n`` (conserved total spin, (C4)); it keeps the local states only.
            ``"auto"`` picks ``"symmetry"`` where it applies (except ``indirect_n`` with all
            ancillas different, where its one block is the whole space), else ``"dense"``.

        Examples
        --------
        >>> from autocoherence.spins import direct, direct_n
        >>> direct(1.0, 0.5, 0.7).gibbs(math.inf).purity()
        0.25
        >>> g = direct_n(1.0, 0.5, 1e-6, n=10**6).gibbs(0.5)   # Σγ_j = 1
        >>> g.method, round(g.l1_coherence(0), 6)
        ('symmetry', 0.336045)
        """
        t = check_temperature(temperature)
        k = self._scale_exponent
        ts = float(self._frozen(np.array([_ldexp(t, -k)]), k)[0])  # τ(H/T): see _scale_exponent
        if self.gibbs_route(method) == "dense":
            rho = dense_gibbs(self._scaled_hamiltonian(k), ts)
            return GibbsState(t, "dense", self.labels, density=rho, local_fields=self._local_fields)
        assert self.structure is not None
        structure = self._scaled_structure(k)
        r = symmetry_bloch(structure, [ts])
        local = ReducedStates(
            n_sites=self.n_sites,
            class_bloch=r.bloch[0],
            site_class=self.structure.site_class,
            whole_purity=functools.partial(symmetry_purity, structure, ts),
            dropped_weight=float(r.dropped_weight[0]),
            blocks=int(r.blocks[0]),
        )
        return GibbsState(t, "symmetry", self.labels, local=local)

    def local_bloch(
        self, site: int, temperatures: npt.ArrayLike, *, method: str = "auto"
    ) -> FloatArray:
        """(⟨σx⟩, ⟨σy⟩, ⟨σz⟩) of ``site`` at each temperature, one diagonalisation for all.

        Parameters
        ----------
        site : int
        temperatures : array of T >= 0
        method : {"auto", "dense", "symmetry"}, keyword-only
            As in :meth:`gibbs`; the symmetry route shares its block diagonalisations too.

        Returns
        -------
        (len(temperatures), 3) float array.

        Examples
        --------
        >>> from autocoherence.spins import direct
        >>> b = direct(1.0, 0.5, 0.7).local_bloch(0, [0.0, math.inf])
        >>> np.round(np.hypot(b[:, 0], b[:, 1]), 6)
        array([0.573462, 0.      ])
        """
        s = check_site(site, self.n_sites, self.labels)
        temps = np.atleast_1d(np.asarray(temperatures, dtype=float))
        for t in temps:
            check_temperature(float(t), "temperatures")
        k = self._scale_exponent
        with np.errstate(over="ignore"):
            temps = self._frozen(np.ldexp(temps, -k), k)  # exact; 0, inf stay; beyond -> inf
        if self.gibbs_route(method) == "dense":
            return thermal_bloch(self._scaled_hamiltonian(k), s, temps, n_sites=self.n_sites)
        assert self.structure is not None
        bloch = symmetry_bloch(self._scaled_structure(k), temps).bloch
        return bloch[:, self.structure.site_class(s), :]

    def local_coherence(
        self, site: int, temperatures: npt.ArrayLike, *, method: str = "auto"
    ) -> FloatArray:
        """Local l1 coherence C_site(T) over many temperatures.

        |⟨σx⟩ + i⟨σy⟩| when the site's single-site terms are σz only (the papers' networks);
        otherwise |n × ⟨σ⟩|, the coherence in the eigenbasis of the site's single-site terms
        n·σ (:meth:`local_basis`).
        """
        b = self.local_bloch(site, temperatures, method=method)
        s = check_site(site, self.n_sites, self.labels)
        if s not in self._local_fields:
            return np.hypot(b[:, 0], b[:, 1])
        return transverse_norm(b, self._local_fields[s])

    def is_z2_symmetric(self, *, atol: float = 1e-12) -> bool:
        """[Z, H] = 0 with Z = ⊗σz (Local Eqs. (3), (A2)): no local coherence at any T.

        For a Pauli-term network this is exact (every X/Y-odd term has zero coefficient);
        for an operator network the parity-changing matrix elements are compared to ``atol``.
        """
        if self.structure is not None:
            every, odd = self.structure.coefficients()
            scale = max(abs(c) for c in every)  # relative, no floor: scale-free verdict
            return all(abs(c) <= atol * scale for c in odd)
        if self.operator is None:
            scale = max([0.0, *(abs(c) for _, c in self.terms)])
            return all(
                abs(c) <= atol * scale for string, c in self.terms if pauli_parity(string) < 0
            )
        return is_z2_symmetric(self.operator, atol=atol)

    def to_qutip(self) -> Any:
        """The Hamiltonian as a ``qutip.Qobj`` with dims ``[[2]*n, [2]*n]``.

        Site 0 is the first tensor factor and each qubit's basis is ``[e, g]``, so
        ``qutip.sigmaz()`` on a site is that site's σz (the excited state is ``basis(2, 0)``).
        Needs the dense matrix (at most ``DENSE_MAX_SITES`` sites).

        Examples
        --------
        >>> import qutip
        >>> from autocoherence.spins import direct
        >>> h = direct(1.0, 0.5, 0.7).to_qutip()
        >>> h.dims
        [[2, 2], [2, 2]]
        >>> ref = (0.5 * qutip.tensor(qutip.sigmaz(), qutip.qeye(2))
        ...        + 0.25 * qutip.tensor(qutip.qeye(2), qutip.sigmaz())
        ...        + 0.35 * qutip.tensor(qutip.sigmax(), qutip.sigmaz()))
        >>> bool(np.allclose(h.full(), ref.full()))
        True
        """
        import qutip  # noqa: PLC0415  (optional heavy import, only when asked for)

        dims = [[2] * self.n_sites, [2] * self.n_sites]
        return qutip.Qobj(self.hamiltonian, dims=dims)

    # ----------------------------------------------------------------- display
    def pauli_terms(self) -> dict[str, float]:
        """Terms as ``{"X0 Z1": coeff, ...}`` (canonical spelling)."""
        return {format_pauli(s): c for s, c in self.terms}

    def __repr__(self) -> str:
        head = f"SpinNetwork(n_sites={self.n_sites}"
        if self.name:
            head += f", {self.name}"
        if self.structure is not None:
            first = list(itertools.islice(self.structure.terms(), 6))
            count = self.structure.n_terms
        elif self.operator is None:
            first, count = list(self.terms[:6]), len(self.terms)
        else:
            return head + ", dense operator)"
        shown = [f"{c:.4g} {format_pauli(s)}" for s, c in first]
        more = " + ..." if count > 6 else ""
        return f"{head}, H = {' + '.join(shown)}{more})"
