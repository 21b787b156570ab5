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
from typing import Any

import numpy.typing as npt
import xarray as xr

__all__ = ["grid_data", "variant"]


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
    sweep's provenance attributes are dropped (the figure records its own parameters).

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
    return ds


def variant(func: Callable[..., Any], /, **fixed: Any) -> Callable[..., Any]:
    """``func`` with the keywords ``fixed`` bound and removed from its signature.

    The table entry of one figure of a kind: the bound keywords tell it apart from the other
    entries and are not options of the entry (``autocoherence figure NAME --help`` lists only
    the remaining ones).

    Examples
    --------
    >>> def compute(cluster_sizes=(1, 2), *, unit="qubit", tau=0.05):
    ...     return unit, tuple(cluster_sizes), tau
    >>> fig5a = variant(compute, unit="oscillator")
    >>> fig5a(tau=0.1), list(inspect.signature(fig5a).parameters)
    (('oscillator', (1, 2), 0.1), ['cluster_sizes', 'tau'])
    """
    signature = inspect.signature(func)
    unknown = sorted(set(fixed) - set(signature.parameters))
    if unknown:
        raise TypeError(f"{func.__qualname__} has no parameter {unknown[0]!r} to fix")

    @functools.wraps(func)
    def entry(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs, **fixed)

    hints = typing.get_type_hints(func)  # resolved here: entry's module cannot resolve them
    entry.__annotations__ = {k: v for k, v in hints.items() if k not in fixed}
    entry.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[p for name, p in signature.parameters.items() if name not in fixed]
    )
    del entry.__wrapped__  # inspect.signature must read __signature__, not func's
    return entry
