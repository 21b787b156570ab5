"""Error and warning types raised by :mod:`autocoherence`.

Every error is also a built-in ``ValueError``/``TypeError``/``RuntimeError`` (or
``ArithmeticError``) so that generic ``except ValueError`` code keeps working. All of the
package's error classes live here (the sweep modules re-export theirs).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AutocoherenceError",
    "AutocoherenceWarning",
    "ConvergenceError",
    "MethodNotApplicableError",
    "NoSteadyStateError",
    "NonFiniteResultError",
    "NonUniqueSteadyStateError",
    "ParameterError",
    "SpecError",
    "StoreBusyError",
    "StoreCorruptError",
    "StoreMismatchError",
    "TruncationError",
]


class AutocoherenceError(Exception):
    """Base class of every error raised by the package.

    Examples
    --------
    >>> issubclass(ParameterError, AutocoherenceError)
    True
    """


class AutocoherenceWarning(UserWarning):
    """Base class of the package's warnings (the test suite turns them into errors).

    Examples
    --------
    >>> issubclass(AutocoherenceWarning, UserWarning)
    True
    """


class ParameterError(AutocoherenceError, ValueError):
    """A parameter has a value outside its allowed domain.

    Examples
    --------
    >>> import autocoherence as ac
    >>> try:
    ...     ac.Oscillator(omega=1.0, dim=1)
    ... except ValueError as exc:
    ...     print(exc)
    dim must be an integer >= 2, got dim=1
    """


class MethodNotApplicableError(AutocoherenceError, ValueError):
    """The requested computational route cannot handle this model.

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0), temperature=0.5,
    ...                       coupling=ac.Bilinear(ac.spaces.sigma_x(), ac.spaces.sigma_minus()))
    >>> try:
    ...     m.steady_state(method="closed_form")
    ... except MethodNotApplicableError as exc:
    ...     print("master_equation" in str(exc))
    True
    """


class TruncationError(AutocoherenceError, ValueError):
    """A Fock-space truncation is too small for the requested accuracy.

    Examples
    --------
    >>> import autocoherence as ac
    >>> try:
    ...     ac.states.thermal_state(ac.Oscillator(1.0, 4), 2.0)
    ... except TruncationError as exc:
    ...     print(str(exc).startswith("dim=4"))
    True
    """


class NonUniqueSteadyStateError(AutocoherenceError, ValueError):
    """The dynamics has more than one stationary state (it depends on the initial state).

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0), temperature=0.5,
    ...                       coupling=ac.Composite(f1=0.3, f2=0.0))  # pure dephasing
    >>> try:
    ...     m.steady_state()
    ... except NonUniqueSteadyStateError:
    ...     print("populations are conserved")
    populations are conserved
    """


class NoSteadyStateError(AutocoherenceError, ValueError):
    """The untruncated dynamics has no stationary state (e.g. the energy grows without bound).

    Attributes
    ----------
    mean_a_limit : complex or None
        The limit of ⟨a⟩(t) where it exists although the state does not (PRA104 Eq. (22)).

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Oscillator(1.0, 20), unit=ac.Qubit(1.0),
    ...                       coupling=ac.Composite(0.3, 0.4, rwa=False), temperature=0.5)
    >>> try:
    ...     m.steady_state()
    ... except NoSteadyStateError as exc:
    ...     print(round(abs(exc.mean_a_limit), 4))
    0.0599
    """

    def __init__(self, message: str, *, mean_a_limit: complex | None = None) -> None:
        super().__init__(message)
        self.mean_a_limit = mean_a_limit


class ConvergenceError(AutocoherenceError, RuntimeError):
    """An iterative numerical procedure did not reach its tolerance.

    Examples
    --------
    >>> issubclass(ConvergenceError, RuntimeError)
    True
    """


class SpecError(ParameterError):
    """A sweep specification (TOML) is invalid; the message names the field.

    Examples
    --------
    >>> issubclass(SpecError, ValueError)
    True
    """


class StoreMismatchError(AutocoherenceError, ValueError):
    """A sweep store holds a different sweep than the one being run.

    Examples
    --------
    >>> issubclass(StoreMismatchError, ValueError)  # caught by ``except ValueError`` too
    True
    """


class StoreCorruptError(AutocoherenceError, ValueError):
    """A sweep store is damaged beyond what a rerun repairs (the message says how to proceed).

    Examples
    --------
    >>> str(StoreCorruptError("s.zarr is damaged: ...")).startswith("s.zarr is damaged")
    True
    """


class StoreBusyError(AutocoherenceError, RuntimeError):
    """Another process is writing the sweep store (it holds the writer lock).

    Examples
    --------
    >>> issubclass(StoreBusyError, RuntimeError)
    True
    """


class NonFiniteResultError(AutocoherenceError, ArithmeticError):
    """Some points of a sweep gave NaN or inf: they are not finished (the others are kept).

    Attributes
    ----------
    points : list of dict
        The parameters of every failed point.
    dataset : xarray.Dataset
        The sweep's result: finished points, NaN elsewhere (also stored, with ``store=``).

    Examples
    --------
    >>> isinstance(NonFiniteResultError("x", points=[], dataset=None), ArithmeticError)
    True
    """

    def __init__(self, message: str, *, points: list[dict[str, Any]], dataset: Any) -> None:
        super().__init__(message)
        self.points = points
        self.dataset = dataset
