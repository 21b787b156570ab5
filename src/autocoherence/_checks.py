"""Input validation with messages that name the parameter, its value and what is allowed."""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

from autocoherence.errors import ParameterError
from autocoherence.typing import ComplexArray

__all__ = [
    "as_density_matrix",
    "as_operator",
    "check_choice",
    "check_finite",
    "check_hermitian",
    "check_int",
    "check_positive",
    "check_state",
    "check_temperature",
    "check_unitary",
]

#: Relative tolerance of :func:`check_state` and :func:`check_unitary` on round-off: a
#: density matrix from any route is Hermitian and of unit trace to ~1e-14; 1e-8 refuses
#: non-states (a typo, an unnormalised matrix) and never a state that went through arithmetic.
STATE_RTOL = 1e-8


def _is_real_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_finite(value: Any, name: str) -> float:
    """Return ``value`` as a float, or raise if it is not a finite real number."""
    if not _is_real_number(value):
        raise TypeError(f"{name} must be a real number, got {value!r} ({type(value).__name__})")
    x = float(value)
    if not math.isfinite(x):
        raise ParameterError(f"{name} must be a finite real number, got {name}={value!r}")
    return x


def check_positive(value: Any, name: str, *, allow_zero: bool = False) -> float:
    """Return ``value`` as a float, or raise unless it is finite and > 0 (>= 0 if allowed)."""
    x = check_finite(value, name)
    if x < 0 or (x == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise ParameterError(f"{name} must be {bound}, got {name}={value!r}")
    return x


def check_temperature(value: Any, name: str = "temperature") -> float:
    """Return a temperature as a float; ``0`` and ``math.inf`` are allowed, NaN and < 0 are not."""
    if not _is_real_number(value):
        raise TypeError(f"{name} must be a real number, got {value!r} ({type(value).__name__})")
    x = float(value)
    if math.isnan(x) or x < 0:
        raise ParameterError(
            f"{name} must be >= 0 (0 and math.inf are allowed), got {name}={value!r}"
        )
    return x


def check_int(value: Any, name: str, *, minimum: int) -> int:
    """Return ``value`` as an int, or raise unless it is an integer >= ``minimum``.

    ``bool`` is refused (``True`` is an int in Python, but ``cluster_size=True`` is a bug);
    a float with an integer value (``3.0``) is accepted.

    Examples
    --------
    >>> check_int(3.0, "n", minimum=1)
    3
    >>> check_int(True, "cluster_size", minimum=1)
    Traceback (most recent call last):
    ...
    TypeError: cluster_size must be an integer >= 1, got cluster_size=True (a bool)
    """
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be an integer >= {minimum}, got {name}={value!r} (a bool)")
    if not isinstance(value, numbers.Integral):
        if isinstance(value, numbers.Real) and float(value).is_integer():
            value = int(float(value))
        else:
            raise TypeError(f"{name} must be an integer >= {minimum}, got {name}={value!r}")
    n = int(value)
    if n < minimum:
        raise ParameterError(f"{name} must be an integer >= {minimum}, got {name}={value!r}")
    return n


def check_choice(value: Any, name: str, allowed: tuple[str, ...]) -> str:
    """Raise unless ``value`` is one of the ``allowed`` strings."""
    if value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise ParameterError(f"{name} must be one of {choices}; got {name}={value!r}")
    return str(value)


def as_operator(op: Any, name: str, *, dim: int | None = None) -> ComplexArray:
    """Convert a numpy array or ``qutip.Qobj`` to a square complex ndarray.

    Raises if it is not square, not finite, or (when ``dim`` is given) of the wrong size.
    """
    if hasattr(op, "full") and callable(op.full):  # qutip.Qobj
        op = op.full()
    try:
        arr = np.asarray(op, dtype=complex)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{name} must be a square numeric matrix (numpy array or qutip.Qobj), got "
            f"{type(op).__name__} {op!r:.60}"
        ) from exc
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        raise ParameterError(f"{name} must be a square matrix, got shape {arr.shape}")
    if dim is not None and arr.shape[0] != dim:
        raise ParameterError(
            f"{name} must be a {dim}x{dim} matrix for this space, got shape {arr.shape}"
        )
    if not np.all(np.isfinite(arr)):
        raise ParameterError(f"{name} has non-finite entries (NaN or inf)")
    return arr


def check_hermitian(op: ComplexArray, name: str, *, atol: float = 1e-12) -> ComplexArray:
    """Raise unless ``op`` is Hermitian to ``atol`` (relative to its norm)."""
    scale = max(1.0, float(np.max(np.abs(op))) if op.size else 1.0)
    dev = float(np.max(np.abs(op - op.conj().T))) if op.size else 0.0
    if dev > atol * scale:
        raise ParameterError(
            f"{name} must be Hermitian; its largest deviation |A - A^dagger| is {dev:.3g}"
        )
    return op


def check_state(rho: ComplexArray, name: str = "rho") -> ComplexArray:
    """Raise unless ``rho`` (square, finite: see :func:`as_operator`) is Hermitian with trace 1.

    Both to :data:`STATE_RTOL` (relative to the largest entry for Hermiticity). Positivity is
    not checked (it needs an eigendecomposition); the cost is one pass over the matrix.

    Examples
    --------
    >>> check_state(np.eye(2) / 2).real
    array([[0.5, 0. ],
           [0. , 0.5]])
    >>> check_state(np.eye(2))
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: rho must be a density matrix with trace 1, got trace 2
    """
    if rho.size == 0:
        raise ParameterError(f"{name} must be a non-empty density matrix, got shape {rho.shape}")
    scale = float(np.max(np.abs(rho)))
    dev = float(np.max(np.abs(rho - rho.conj().T)))
    if dev > STATE_RTOL * scale:
        raise ParameterError(
            f"{name} must be a Hermitian density matrix; its largest deviation "
            f"|rho - rho^dagger| is {dev:.3g} (allowed: {STATE_RTOL:g} x max|rho_ij|)"
        )
    tr = complex(np.trace(rho))
    if abs(tr - 1.0) > STATE_RTOL:
        raise ParameterError(
            f"{name} must be a density matrix with trace 1, got trace {tr.real:.6g}"
        )
    return rho


def check_unitary(u: ComplexArray, name: str = "basis") -> ComplexArray:
    """Raise unless ``u`` is unitary, max|U†U - I| <= :data:`STATE_RTOL`.

    Examples
    --------
    >>> check_unitary(np.eye(2)).real
    array([[1., 0.],
           [0., 1.]])
    >>> check_unitary(2 * np.eye(2))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: basis must be unitary (its columns an orthonormal ...
    """
    dev = float(np.max(np.abs(u.conj().T @ u - np.eye(u.shape[0])))) if u.size else 0.0
    if dev > STATE_RTOL:
        raise ParameterError(
            f"{name} must be unitary (its columns an orthonormal basis); max|U^dagger U - I| "
            f"is {dev:.3g}, allowed {STATE_RTOL:g}"
        )
    return u


def as_density_matrix(state: Any, name: str, *, dim: int) -> ComplexArray:
    """A checked density matrix from what a user may pass as a state.

    Accepted: a (dim, dim) array or ``qutip.Qobj`` operator; a ket (``qutip`` ket, 1-D array or
    column vector, taken as |ψ⟩⟨ψ| after normalisation is checked); or a result object with
    a ``.rho`` (``SteadyState``, ``TransientPeak``). It must be Hermitian (to 1e-12), of trace 1
    and positive (both to 1e-10).

    Examples
    --------
    >>> as_density_matrix(np.array([1.0, 0.0]), "initial", dim=2).real
    array([[1., 0.],
           [0., 0.]])
    >>> as_density_matrix(np.eye(2), "initial", dim=2)
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: initial must have trace 1, got trace 2
    """
    if hasattr(state, "rho") and not hasattr(state, "full"):
        state = state.rho
    if hasattr(state, "isket"):  # qutip.Qobj
        state = state.full()
    arr = np.asarray(state) if not isinstance(state, str) else state
    if isinstance(arr, np.ndarray) and (
        arr.ndim == 1 or (arr.ndim == 2 and arr.shape[1] == 1 and arr.shape[0] > 1)
    ):
        psi = np.asarray(arr, dtype=complex).reshape(-1)
        state = np.outer(psi, psi.conj())
    rho = check_hermitian(as_operator(state, name, dim=dim), name)
    tr = float(np.real(np.trace(rho)))
    if abs(tr - 1) > 1e-10:
        raise ParameterError(f"{name} must have trace 1, got trace {tr:.12g}")
    if float(np.linalg.eigvalsh(rho)[0]) < -1e-10:
        raise ParameterError(f"{name} must be positive semidefinite (a density matrix)")
    return rho.astype(complex)
