"""Where the figures' numbers come from: the sweep engine, and table entries of one kind.

Curves and dots: :func:`autocoherence.sweeps.sweep` on the serial executor (``reproduce``
runs whole figures in parallel). Figures of one kind (steady state, transient, spin-network
C(T)) share ``compute`` and ``draw``; :func:`variant` makes each entry of their table.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import numpy.typing as npt
import xarray as xr

from autocoherence.errors import TruncationError
from autocoherence.states import fock_dimension

__all__ = ["fock_search", "grid_data", "variant"]

T = TypeVar("T")


def grid_data(
    factory: Callable[..., Any],
    grid: Mapping[str, npt.ArrayLike],
    quantities: Sequence[str],
    *,
    method: str = "auto",
    prefix: str = "",
    site: int = 0,
) -> xr.Dataset:
    """``sweep(factory, grid, quantities, method=method)`` in this process, as figure data.

    Variables are renamed ``prefix + quantity`` (``long_name``/``units`` kept); the sweep's
    provenance and the coordinates' attributes are dropped (``describe`` labels the axes).
    """
    from autocoherence.sweeps import sweep  # noqa: PLC0415  (figures sit above sweeps)

    ds = sweep(factory, grid, quantities, method=method, site=site, executor="serial")
    ds = ds.rename({name: f"{prefix}{name}" for name in ds.data_vars})
    ds.attrs = {}
    for name in ds.coords:
        ds[name].attrs.clear()
    return ds


def variant(
    func: Callable[..., Any], /, *, defaults: Mapping[str, Any] | None = None, **fixed: Any
) -> Callable[..., Any]:
    """``func`` with the keywords ``fixed`` bound and removed from its signature (and CLI help).

    ``defaults`` change the defaults of the options the entry keeps.

    Examples
    --------
    >>> def compute(cluster_sizes=(1, 2), *, unit="qubit", tau=0.05):
    ...     return unit, tuple(cluster_sizes), tau
    >>> fig5a = variant(compute, unit="oscillator")
    >>> fig5a(tau=0.1), list(inspect.signature(fig5a).parameters)
    (('oscillator', (1, 2), 0.1), ['cluster_sizes', 'tau'])
    >>> fig4c = variant(compute, unit="oscillator", defaults={"cluster_sizes": (1,)})
    >>> fig4c(), inspect.signature(fig4c).parameters["cluster_sizes"].default
    (('oscillator', (1,), 0.05), (1,))
    """
    signature = inspect.signature(func, eval_str=True)  # the annotations as types
    names, new = list(signature.parameters), dict(defaults or {})
    if unknown := sorted((set(fixed) | set(new)) - set(names)):
        raise TypeError(f"{func.__qualname__} has no parameter {unknown[0]!r} to fix")

    @functools.wraps(func)
    def entry(*args: Any, **kwargs: Any) -> Any:
        given = {name: value for name, value in new.items() if name not in names[: len(args)]}
        return func(*args, **(given | kwargs), **fixed)

    hints = typing.get_type_hints(func)  # resolved here: entry's module cannot resolve them
    entry.__annotations__ = {k: v for k, v in hints.items() if k not in fixed}
    entry.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[
            p.replace(default=new.get(name, p.default))
            for name, p in signature.parameters.items()
            if name not in fixed
        ]
    )
    del entry.__wrapped__  # inspect.signature must read __signature__, not func's
    return entry


def fock_search(
    attempt: Callable[[int], T], *, omega: float, temperature: float, tail_tol: float, stop: int
) -> tuple[int, T] | None:
    """The smallest Fock dimension, and ``attempt(dim)``, for which no TruncationError is raised.

    The figures' one truncation rule: start at :func:`autocoherence.states.fock_dimension`
    (thermal tail at most ``tail_tol``) and add levels while ``attempt`` (the routes check
    leakage out of the kept levels) raises it. None when every dimension up to ``stop`` fails.

    Examples
    --------
    >>> from autocoherence.errors import TruncationError
    >>> def attempt(dim):
    ...     if dim < 7:
    ...         raise TruncationError(f"dim={dim} leaks")
    ...     return f"model with dim {dim}"
    >>> fock_search(attempt, omega=1.0, temperature=0.2, tail_tol=1e-10, stop=20)
    (7, 'model with dim 7')
    """
    for dim in range(fock_dimension(omega, temperature, tail_tol), stop + 1):
        try:
            return dim, attempt(dim)
        except TruncationError:
            continue
    return None
