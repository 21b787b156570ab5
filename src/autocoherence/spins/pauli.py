"""Pauli strings: a small hand-written parser and their dense matrices.

Grammar (whitespace between factors is optional, ``*`` may separate factors)::

    term   := factor ( [sep] factor )*
    factor := letter index
    letter := "I" | "X" | "Y" | "Z"        (lower case accepted)
    index  := digit+                         (site, 0-based; site 0 is the leftmost factor)
    digit  := "0" | ... | "9"                (ASCII only: "Z١", "Z０", "X²" are refused)
    sep    := whitespace | "*"

Examples: ``"X0 Z1"``, ``"x0*z1"``, ``"Z3"``, ``"X0Y1Z2"``. Identity factors ``I k`` are
accepted and dropped. No ``eval`` is ever used; every error names the term and the
(0-based) character position of the problem.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

from autocoherence.errors import ParameterError
from autocoherence.spaces import sigma_x, sigma_y, sigma_z
from autocoherence.typing import ComplexArray

__all__ = [
    "MAX_SITE_INDEX",
    "PauliString",
    "format_pauli",
    "parse_pauli",
    "pauli_matrix",
    "pauli_parity",
]

#: A parsed Pauli string: ``((site, letter), ...)`` sorted by site, letters in ``"XYZ"``;
#: the empty tuple is the identity.
PauliString = tuple[tuple[int, str], ...]

_LETTERS = "IXYZ"
_DIGITS = "0123456789"

#: Largest site index a Pauli string may name. A network of Pauli terms is diagonalised
#: densely (at most 14 sites, :data:`autocoherence.spins.network.DENSE_MAX_SITES`); larger
#: ones can still be built and inspected, but a site index beyond 10⁶ is a typo, and refusing
#: it while parsing keeps ``"Z" + "9" * 30`` from reaching any allocation.
MAX_SITE_INDEX = 999_999


def _matrix_of(letter: str) -> ComplexArray:
    return {"X": sigma_x, "Y": sigma_y, "Z": sigma_z}[letter]()


def parse_pauli(term: Any) -> PauliString:
    """Parse one Pauli string such as ``"X0 Z1"`` into ``((0, "X"), (1, "Z"))``.

    Parameters
    ----------
    term : str
        Factors ``letter index`` (see the module docstring for the grammar).

    Returns
    -------
    PauliString
        Factors sorted by site, identity factors dropped.

    Raises
    ------
    TypeError
        If ``term`` is not a string.
    ParameterError
        Empty term, unknown letter, missing or negative index, repeated site; the message
        names the term and the character position.

    Examples
    --------
    >>> parse_pauli("Z1 X0")
    ((0, 'X'), (1, 'Z'))
    >>> parse_pauli("x0*y2")
    ((0, 'X'), (2, 'Y'))
    """
    if not isinstance(term, str):
        raise TypeError(f"a Pauli term must be a string such as 'X0 Z1', got {term!r}")
    if not term.strip():
        raise ParameterError(
            f"Pauli term {term!r} is empty; a term is one or more factors "
            "'<letter><site>' with letter in I, X, Y, Z, e.g. 'X0 Z1'"
        )
    factors: dict[int, str] = {}
    pos = 0
    n = len(term)
    expect_factor = True
    while pos < n:
        ch = term[pos]
        if ch.isspace():
            pos += 1
            continue
        if ch == "*":
            if expect_factor:
                raise ParameterError(
                    f"Pauli term {term!r}: '*' at position {pos} must sit between two factors"
                )
            expect_factor = True
            pos += 1
            continue
        letter = ch.upper()
        if letter not in _LETTERS:
            raise ParameterError(
                f"Pauli term {term!r}: unknown letter {ch!r} at position {pos}; "
                "allowed letters are I, X, Y, Z (each followed by a site index)"
            )
        start = pos
        pos += 1
        if pos < n and term[pos] == "-":
            end = pos + 1
            while end < n and term[end] in _DIGITS:
                end += 1
            raise ParameterError(
                f"Pauli term {term!r}: negative site index {term[pos:end]!r} at position {pos}; "
                "sites are integers >= 0"
            )
        digits_start = pos
        while pos < n and term[pos] in _DIGITS:
            pos += 1
        if pos < n and (term[pos].isdigit() or term[pos].isnumeric()):
            raise ParameterError(
                f"Pauli term {term!r}: site index character {term[pos]!r} at position {pos} is "
                "not an ASCII digit; write site indices with the digits 0-9, e.g. 'X0'"
            )
        if pos == digits_start:
            raise ParameterError(
                f"Pauli term {term!r}: letter {ch!r} at position {start} has no site index; "
                "write e.g. 'X0'"
            )
        significant = term[digits_start:pos].lstrip("0")
        if len(significant) > len(str(MAX_SITE_INDEX)) or int(significant or "0") > MAX_SITE_INDEX:
            raise ParameterError(
                f"Pauli term {term!r}: site index {term[digits_start:pos][:12]!r}"
                f"{'...' if pos - digits_start > 12 else ''} at position {digits_start} is "
                f"beyond the largest allowed, {MAX_SITE_INDEX} (dense networks of Pauli terms "
                "have at most 14 sites; N-ancilla networks come from the presets direct_n, "
                "indirect_n, transferred_n)"
            )
        site = int(term[digits_start:pos])
        if site in factors:
            raise ParameterError(
                f"Pauli term {term!r}: site {site} repeated at position {start}; "
                "each site may appear at most once in a term"
            )
        factors[site] = letter
        expect_factor = False
    if expect_factor:
        raise ParameterError(f"Pauli term {term!r}: trailing '*' without a factor after it")
    return tuple(sorted((s, c) for s, c in factors.items() if c != "I"))


def format_pauli(string: PauliString) -> str:
    """Canonical text of a parsed Pauli string, ``"I"`` for the identity.

    Examples
    --------
    >>> format_pauli(((0, "X"), (1, "Z")))
    'X0 Z1'
    """
    return " ".join(f"{c}{s}" for s, c in string) or "I"


def pauli_parity(string: PauliString) -> int:
    """+1 if the string commutes with Z = ⊗σz (an even number of X/Y letters), else -1.

    Local Eq. (A1)-(A2): the Z2 map flips σx and σy and keeps σz.

    Examples
    --------
    >>> pauli_parity(parse_pauli("X0 Z1")), pauli_parity(parse_pauli("X0 Y1"))
    (-1, 1)
    """
    odd = sum(1 for _, c in string if c in "XY") % 2
    return -1 if odd else 1


def pauli_matrix(string: PauliString, n_sites: int) -> ComplexArray:
    """Dense matrix of a Pauli string on ``n_sites`` qubits (site 0 is the leftmost factor).

    Examples
    --------
    >>> pauli_matrix(parse_pauli("Z0"), 2).real.diagonal()
    array([ 1.,  1., -1., -1.])
    """
    letters = dict(string)
    eye = np.eye(2, dtype=complex)
    mats = [_matrix_of(letters[k]) if k in letters else eye for k in range(n_sites)]
    out = np.eye(1, dtype=complex)
    for m in mats:
        out = np.kron(out, m)
    return out


def check_coefficient(value: Any, term: str) -> float:
    """A real, finite coefficient of ``term`` (complex values with zero imaginary part pass)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        raise TypeError(
            f"coefficient of Pauli term {term!r} must be a real number, got {value!r} "
            f"({type(value).__name__})"
        )
    c = complex(value)  # type: ignore[call-overload]
    if c.imag != 0.0:
        raise ParameterError(
            f"coefficient of Pauli term {term!r} must be real (Pauli strings are Hermitian, so "
            f"a complex coefficient makes H non-Hermitian), got {value!r}"
        )
    if not math.isfinite(c.real):
        raise ParameterError(f"coefficient of Pauli term {term!r} must be finite, got {value!r}")
    return c.real
