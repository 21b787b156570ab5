"""Where every figure's numbers come from: the sweep engine, and table entries of one figure kind.

A figure's data are named groups of one :class:`xarray.Dataset`: curves, dots and closed
forms. Curves and dots are grids of models evaluated by :func:`autocoherence.sweeps.sweep`
(:func:`grid_data`), on the serial executor: ``reproduce`` runs whole figures in parallel, so
one figure is one process's work. Closed forms are functions of the grid's coordinates.

Figures of the same kind (the steady-state figures with qubit or oscillator units, the
transient figures, the spin-network C(T) figures) share one ``compute`` and one ``draw``;
:func:`variant` makes each table entry from them by fixing the arguments that tell the
entries apart (and hiding those from the entry's command-line options).
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

    Variables are renamed ``prefix + quantity`` (their ``long_name``/``units`` kept); the
    sweep's provenance attributes and the coordinates' attributes are dropped (the figure
    records its own parameters and describes its axes).

    Examples
    --------
    Two exact-collision dots of PRA104 Fig. 2(a) (N = 1, T = 0.05 and 0.3, τ = 0.051):

    >>> from autocoherence.sweeps import CollisionFamily
    >>> fam = CollisionFamily(f1=0.6 / 2**0.5, f2=0.6, tau=0.051, cluster_size=1)
    >>> ds = grid_data(fam, {"temperature": [0.05, 0.3]}, ["l1_coherence"],
    ...                method="collisions", prefix="dot_")
    >>> list(ds.data_vars), ds.dot_l1_coherence.values.round(4)
    (['dot_l1_coherence'], array([0.243 , 0.2262]))
    """
    from autocoherence.sweeps import sweep  # noqa: PLC0415  (figures sit above sweeps)

    ds = sweep(factory, grid, quantities, method=method, site=site, executor="serial")
    ds = ds.rename({name: f"{prefix}{name}" for name in ds.data_vars})
    ds.attrs = {}
    for name in ds.coords:  # the figure's axes: described in its own units by _params.describe
        ds[name].attrs.clear()
    return ds


def variant(
    func: Callable[..., Any], /, *, defaults: Mapping[str, Any] | None = None, **fixed: Any
) -> Callable[..., Any]:
    """``func`` with the keywords ``fixed`` bound and removed from its signature.

    The table entry of one figure of a kind: the bound keywords tell it apart from the other
    entries and are not options of the entry (``autocoherence figure NAME --help`` lists only
    the remaining ones). ``defaults`` change the defaults of options the entry keeps.

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
    new = dict(defaults or {})
    unknown = sorted((set(fixed) | set(new)) - set(signature.parameters))
    if unknown:
        raise TypeError(f"{func.__qualname__} has no parameter {unknown[0]!r} to fix")
    names = list(signature.parameters)

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
    (thermal tail of a unit of frequency ``omega`` at ``temperature`` at most ``tail_tol``) and
    try one more level while ``attempt`` (which builds the models and runs the routes that
    check leakage out of the kept levels) raises :class:`~autocoherence.errors.TruncationError`.
    Returns None when every dimension up to ``stop`` fails.

    Examples
    --------
    >>> from autocoherence.errors import TruncationError
    >>> def attempt(dim):
    ...     if dim < 7:
    ...         raise TruncationError(f"dim={dim} leaks")
    ...     return f"model with dim {dim}"
    >>> fock_search(attempt, omega=1.0, temperature=0.2, tail_tol=1e-10, stop=20)
    (7, 'model with dim 7')
    >>> fock_search(attempt, omega=1.0, temperature=0.2, tail_tol=1e-10, stop=6) is None
    True
    """
    for dim in range(fock_dimension(omega, temperature, tail_tol), stop + 1):
        try:
            return dim, attempt(dim)
        except TruncationError:
            continue
    return None
