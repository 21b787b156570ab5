"""SpinNetwork: a Hamiltonian on n qubits, as Pauli-string terms or a dense operator.

The model holds parameters only; the dense matrix is built on first use. Conventions
(DESIGN.md): qubit basis ``[e, g]``, site k is the k-th tensor factor (site 0 leftmost).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from autocoherence._checks import (
    as_operator,
    check_choice,
    check_hermitian,
    check_int,
    check_temperature,
)
from autocoherence.errors import ParameterError
from autocoherence.spins.gibbs import GibbsState, check_site, dense_gibbs, thermal_bloch
from autocoherence.spins.pauli import (
    PauliString,
    check_coefficient,
    format_pauli,
    parse_pauli,
    pauli_matrix,
    pauli_parity,
)
from autocoherence.spins.symmetry import is_z2_symmetric
from autocoherence.typing import ComplexArray, FloatArray, OperatorLike

__all__ = ["GIBBS_METHODS", "SpinNetwork"]

#: Routes accepted by :meth:`SpinNetwork.gibbs` ("auto" resolves to "dense").
GIBBS_METHODS: tuple[str, ...] = ("auto", "dense")


def _default_labels(n: int) -> tuple[str, ...]:
    return tuple(str(k) for k in range(n))


def _check_labels(labels: Sequence[str] | None, n: int) -> tuple[str, ...]:
    if labels is None:
        return _default_labels(n)
    out = tuple(str(x) for x in labels)
    if len(out) != n:
        raise ParameterError(f"labels must have one entry per site ({n}), got labels={labels!r}")
    return out


@dataclass(frozen=True, eq=False, repr=False)
class SpinNetwork:
    """A network of n interacting qubits with Hamiltonian H (Local Eq. (2): H_S^tot).

    Build it with :meth:`from_terms`, :meth:`from_operator` or a preset of
    :mod:`autocoherence.spins.presets`.

    Attributes
    ----------
    n_sites : int
    terms : tuple of (PauliString, float)
        Σ coeff × Pauli string (empty when built from an operator).
    labels : tuple of str
        The paper's name of each site (display only; sites are addressed by index).
    name : str
        What the network is (a preset records its paper equation).

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
    terms: tuple[tuple[PauliString, float], ...] = ()
    labels: tuple[str, ...] = ()
    name: str = ""
    operator: ComplexArray | None = field(default=None)

    def __post_init__(self) -> None:
        n = check_int(self.n_sites, "n_sites", minimum=1)
        object.__setattr__(self, "n_sites", n)
        object.__setattr__(self, "labels", _check_labels(self.labels or None, n))
        for string, _ in self.terms:
            for site, _letter in string:
                if site >= n:
                    raise ParameterError(
                        f"Pauli term {format_pauli(string)!r} acts on site {site}, "
                        f"but the network has n_sites={n} (sites 0..{n - 1})"
                    )

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

    # -------------------------------------------------------------------- numerics
    @functools.cached_property
    def hamiltonian(self) -> ComplexArray:
        """Dense H, 2^n x 2^n, in the product ``[e, g]`` basis (built on first use)."""
        if self.operator is not None:
            return self.operator
        d = 2**self.n_sites
        h = np.zeros((d, d), dtype=complex)
        for string, coeff in self.terms:
            if coeff != 0.0:
                h += coeff * pauli_matrix(string, self.n_sites)
        return h

    @property
    def dims(self) -> tuple[int, ...]:
        """Local dimensions, (2, ..., 2)."""
        return (2,) * self.n_sites

    def gibbs(self, temperature: float, *, method: str = "auto") -> GibbsState:
        """Gibbs state τ = exp(-H/T)/Z (Local Eq. (2)).

        Parameters
        ----------
        temperature : float
            T >= 0; T = 0 gives the equal mixture over the ground space, T = inf the
            maximally mixed state.
        method : {"auto", "dense"}, keyword-only
            ``"dense"``: exact diagonalisation; ``"auto"`` picks ``"dense"``.

        Examples
        --------
        >>> from autocoherence.spins import direct
        >>> direct(1.0, 0.5, 0.7).gibbs(math.inf).purity()
        0.25
        """
        t = check_temperature(temperature)
        check_choice(method, "method", GIBBS_METHODS)
        rho = dense_gibbs(self.hamiltonian, t)
        return GibbsState(rho=rho, temperature=t, method="dense", labels=self.labels)

    def local_bloch(self, site: int, temperatures: npt.ArrayLike) -> FloatArray:
        """(⟨σx⟩, ⟨σy⟩, ⟨σz⟩) of ``site`` at each temperature, one diagonalisation for all.

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
        return thermal_bloch(self.hamiltonian, s, temps, n_sites=self.n_sites)

    def local_coherence(self, site: int, temperatures: npt.ArrayLike) -> FloatArray:
        """Local l1 coherence C_site(T) = |⟨σx⟩ + i⟨σy⟩| over many temperatures."""
        b = self.local_bloch(site, temperatures)
        return np.hypot(b[:, 0], b[:, 1])

    def is_z2_symmetric(self, *, atol: float = 1e-12) -> bool:
        """[Z, H] = 0 with Z = ⊗σz (Local Eqs. (3), (A2)): no local coherence at any T.

        For a Pauli-term network this is exact (every X/Y-odd term has zero coefficient);
        for an operator network the parity-changing matrix elements are compared to ``atol``.
        """
        if self.operator is None:
            scale = max([1.0, *(abs(c) for _, c in self.terms)])
            return all(
                abs(c) <= atol * scale for string, c in self.terms if pauli_parity(string) < 0
            )
        return is_z2_symmetric(self.operator, atol=atol)

    # ----------------------------------------------------------------- display
    def pauli_terms(self) -> dict[str, float]:
        """Terms as ``{"X0 Z1": coeff, ...}`` (canonical spelling)."""
        return {format_pauli(s): c for s, c in self.terms}

    def __repr__(self) -> str:
        head = f"SpinNetwork(n_sites={self.n_sites}"
        if self.name:
            head += f", {self.name}"
        if not self.terms:
            return head + ", dense operator)"
        shown = [f"{c:.4g} {format_pauli(s)}" for s, c in self.terms[:6]]
        more = " + ..." if len(self.terms) > 6 else ""
        return f"{head}, H = {' + '.join(shown)}{more})"
