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

import dataclasses
import functools
import inspect
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy.typing as npt
import xarray as xr

from autocoherence.errors import TruncationError
from autocoherence.spaces import Oscillator
from autocoherence.states import fock_dimension

if TYPE_CHECKING:
    from autocoherence.collision import CollisionModel

__all__ = ["fock_search", "grid_data", "variant"]


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
    for name in ds.coords:  # the figure's own axes: described in its units by _params.describe
        ds[name].attrs.clear()
    return ds


def variant(
    func: Callable[..., Any], /, defaults: Mapping[str, Any] | None = None, **fixed: Any
) -> Callable[..., Any]:
    """``func`` with the keywords ``fixed`` bound and removed from its signature.

    The table entry of one figure of a kind: the bound keywords tell it apart from the other
    entries and are not options of the entry (``autocoherence figure NAME --help`` lists only
    the remaining ones). ``defaults`` gives options of the entry other defaults than ``func``'s.

    Examples
    --------
    >>> def compute(cluster_sizes=(1, 2), *, unit="qubit", tau=0.05):
    ...     return unit, tuple(cluster_sizes), tau
    >>> fig5a = variant(compute, unit="oscillator")
    >>> fig5a(tau=0.1), list(inspect.signature(fig5a).parameters)
    (('oscillator', (1, 2), 0.1), ['cluster_sizes', 'tau'])
    >>> variant(compute, {"cluster_sizes": (3,)}, unit="oscillator")()
    ('oscillator', (3,), 0.05)
    """
    signature = inspect.signature(func, eval_str=True)
    new = dict(defaults or {})
    unknown = sorted((set(fixed) | set(new)) - set(signature.parameters))
    if unknown:
        raise TypeError(f"{func.__qualname__} has no parameter {unknown[0]!r} to fix")
    signature = signature.replace(
        parameters=[
            p.replace(default=new.get(name, p.default))
            for name, p in signature.parameters.items()
            if name not in fixed
        ]
    )

    @functools.wraps(func)
    def entry(*args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        return func(*bound.args, **bound.kwargs, **fixed)

    hints = typing.get_type_hints(func)  # resolved here: entry's module cannot resolve them
    entry.__annotations__ = {k: v for k, v in hints.items() if k not in fixed}
    entry.__signature__ = signature  # type: ignore[attr-defined]
    del entry.__wrapped__  # inspect.signature must read __signature__, not func's
    return entry


def fock_search(
    model: CollisionModel, attempt: Callable[[CollisionModel], Any], *, max_dim: int
) -> CollisionModel | None:
    """``model`` with the fewest Fock levels per oscillator unit on which ``attempt`` succeeds.

    The one Fock-dimension search of the figures: the unit gets
    :func:`~autocoherence.states.fock_dimension` ``(ω_B, T, truncation_tol)`` levels (thermal
    tail below the model's ``truncation_tol``), one more after each
    :class:`~autocoherence.errors.TruncationError` of ``attempt(model)`` (population leaking
    out of the kept levels), up to ``max_dim``: None beyond it. Other units are kept as they are.

    Examples
    --------
    An exact-collision dot of PRA104 Fig. 5(b): N = 3 oscillators at T = 1 through their
    collective mode, tail and leakage below 1e-6:

    >>> from autocoherence.sweeps import CollisionFamily
    >>> m = CollisionFamily(unit="oscillator", unit_dim=2, f1=0.15, f2=0.15, tau=0.051,
    ...                     truncation_tol=1e-6)(temperature=1.0, cluster_size=3)
    >>> peak = lambda m: m.collective_mode_model().transient_peak(method="collisions")
    >>> fock_dimension(1.0, 1.0, 1e-6), fock_search(m, peak, max_dim=512).unit.dim
    (18, 18)
    >>> fock_search(m, peak, max_dim=17) is None
    True
    """
    if not isinstance(model.unit, Oscillator):
        return model
    dim = fock_dimension(model.unit.omega, model.temperature, model.truncation_tol)
    for d in range(dim, max_dim + 1):
        trial = dataclasses.replace(model, unit=Oscillator(model.unit.omega, d))
        try:
            attempt(trial)
        except TruncationError:
            continue
        return trial
    return None
