"""Input validation with messages that name the parameter, its value and what is allowed."""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

from autocoherence.errors import ParameterError
from autocoherence.typing import ComplexArray

__all__ = [
    "as_operator",
    "check_choice",
    "check_finite",
    "check_hermitian",
    "check_int",
    "check_positive",
    "check_temperature",
]


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
    """Return ``value`` as an int, or raise unless it is an integer >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
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
    arr = np.asarray(op, dtype=complex)
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
