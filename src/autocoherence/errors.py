"""Error and warning types raised by :mod:`autocoherence`.

Every error is also a built-in ``ValueError``/``TypeError``/``RuntimeError`` so that
generic ``except ValueError`` code keeps working.
"""

from __future__ import annotations

__all__ = [
    "AutocoherenceError",
    "AutocoherenceWarning",
    "ConvergenceError",
    "MethodNotApplicableError",
    "NoSteadyStateError",
    "NonUniqueSteadyStateError",
    "ParameterError",
    "TruncationError",
]


class AutocoherenceError(Exception):
    """Base class of every error raised by the package."""


class AutocoherenceWarning(UserWarning):
    """Base class of the package's warnings (the test suite turns them into errors)."""


class ParameterError(AutocoherenceError, ValueError):
    """A parameter has a value outside its allowed domain."""


class MethodNotApplicableError(AutocoherenceError, ValueError):
    """The requested computational route cannot handle this model."""


class TruncationError(AutocoherenceError, ValueError):
    """A Fock-space truncation is too small for the requested accuracy."""


class NonUniqueSteadyStateError(AutocoherenceError, ValueError):
    """The dynamics has more than one stationary state (it depends on the initial state)."""


class NoSteadyStateError(AutocoherenceError, ValueError):
    """The untruncated dynamics has no stationary state (e.g. the energy grows without bound).

    Attributes
    ----------
    mean_a_limit : complex or None
        The limit of ⟨a⟩(t) where it exists although the state does not (PRA104 Eq. (22)).
    """

    def __init__(self, message: str, *, mean_a_limit: complex | None = None) -> None:
        super().__init__(message)
        self.mean_a_limit = mean_a_limit


class ConvergenceError(AutocoherenceError, RuntimeError):
    """An iterative numerical procedure did not reach its tolerance."""
