"""``sweep``: a grid of model parameters evaluated into an ``xarray.Dataset``."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import xarray as xr

from autocoherence.errors import NonFiniteResultError, ParameterError
from autocoherence.sweeps.evaluate import Job, build, point_route, uses_family_closed_form
from autocoherence.sweeps.executors import SerialExecutor, resolve_executor
from autocoherence.sweeps.families import Family
from autocoherence.sweeps.grid import Grid, block_shape
from autocoherence.sweeps.manifest import build_manifest
from autocoherence.sweeps.progress import default_progress
from autocoherence.sweeps.quantities import (
    check_for_kind,
    expand_quantities,
    quantities,
    valid_points,
)
from autocoherence.sweeps.storage import RESERVED, MemoryResults, ZarrResults

__all__ = ["NonFiniteResultError", "default_chunk_points", "sweep"]

Progress = Callable[[int, int], None]

#: Points shown in the message of a :class:`NonFiniteResultError`.
_SHOWN = 3


def _non_finite_error(
    grid: Grid, names: Sequence[str], failed: dict[int, np.ndarray], ds: xr.Dataset, store: Any
) -> NonFiniteResultError:
    indices = sorted(failed)
    shown = []
    for index in indices[:_SHOWN]:
        values = ", ".join(f"{q}={v!r}" for q, v in zip(names, failed[index].tolist(), strict=True))
        point = ", ".join(f"{k}={v!r}" for k, v in grid.point(index).items())
        shown.append(f"{values} at grid point {point}")
    more = f" (and {len(indices) - _SHOWN} more)" if len(indices) > _SHOWN else ""
    where = f"in {store} " if store is not None else ""
    return NonFiniteResultError(
        f"{len(indices)} of {grid.size} grid points gave non-finite values (NaN, or inf "
        "where it has no meaning) and "
        f"are not counted as finished: {'; '.join(shown)}{more}. The other points are "
        f"finished {where}(attribute dataset of this error); these parameters are outside "
        "the range the route handles: change the grid or the method"
        + (", then rerun on the store to compute only what is missing" if store else ""),
        points=[grid.point(i) for i in indices],
        dataset=ds,
    )


def default_chunk_points(job: Job) -> int:
    """Points per block when the caller does not choose (depends on the job only).

    Vectorised routes take large blocks (their cost per point is small and a block is one
    numpy call); the generic route takes small ones, so that parallel workers share the
    load and progress and storage advance often.

    Examples
    --------
    >>> from autocoherence.sweeps import CollisionFamily, SpinFamily
    >>> grid = Grid.from_mapping({"temperature": [0.1, 0.5]})
    >>> collision = CollisionFamily(f1=0.3, f2=0.6, tau=0.05)
    >>> spins = SpinFamily("direct", omega1=1.0, omega2=0.5, gamma=0.7)
    >>> [default_chunk_points(Job(f, grid, ("purity",), m))
    ...  for f, m in [(collision, "auto"), (spins, "auto"), (collision, "collisions")]]
    [131072, 2048, 1]
    """
    if uses_family_closed_form(job):
        return 2**17
    kind, model = build(job, 0)
    bloch = all(quantities(kind)[q].from_bloch is not None for q in job.quantities)
    route = point_route(kind, model, job.method, bloch)
    if route == "gibbs_dense":
        return 2048
    if route != "generic":
        return 512
    return max(1, min(32, math.ceil(job.grid.size / 64)))


def _check_settings(method: Any, site: Any, spec_id: Any, chunk_points: Any) -> None:
    if not isinstance(method, str):
        raise TypeError(f"method must be a string such as 'auto', got {method!r}")
    if isinstance(site, bool) or not isinstance(site, int) or site < 0:
        raise ParameterError(f"site must be an integer >= 0, got site={site!r}")
    if spec_id is not None and (not isinstance(spec_id, str) or not spec_id):
        raise ParameterError(f"spec_id must be a non-empty string, got spec_id={spec_id!r}")
    if chunk_points is not None and (
        isinstance(chunk_points, bool) or not isinstance(chunk_points, int) or chunk_points < 1
    ):
        raise ParameterError(f"chunk_points must be an integer >= 1, got {chunk_points!r}")


def sweep(
    factory: Callable[..., Any],
    grid: Mapping[str, npt.ArrayLike] | Grid,
    quantities: Sequence[str],
    *,
    method: str = "auto",
    store: str | Path | None = None,
    executor: Any = "local",
    address: str | None = None,
    site: int = 0,
    spec_id: str | None = None,
    chunk_points: int | None = None,
    progress: bool | Progress | None = False,
) -> xr.Dataset:
    """Evaluate quantities over a parameter grid.

    Parameters
    ----------
    factory : callable
        ``factory(**point)`` returns the model at one grid point: a
        :class:`~autocoherence.collision.CollisionModel`, or a pair
        ``(SpinNetwork, temperature)``. A lambda is fine on every executor (it travels with
        cloudpickle). A :class:`~autocoherence.sweeps.CollisionFamily` or
        :class:`~autocoherence.sweeps.SpinFamily` is a factory that also names its fixed
        parameters (recorded in the result) and lets the closed form run on whole arrays.
    grid : mapping of str to 1-D array
        One axis per parameter (in order; the last varies fastest). Values are passed to
        ``factory`` as Python ints (integer axes) or floats.
    quantities : list of str
        ``"l1_coherence"``, ``"purity"``, ``"qfi"``, ``"sx"``, ``"sy"``, ``"sz"`` (or
        ``"bloch"`` for the three components); for spin networks they refer to ``site``.
    method : str, keyword-only
        Route of each point: ``steady_state(method=...)`` of a CollisionModel ("auto",
        "closed_form", "master_equation", "collisions") or ``gibbs(T, method=...)`` of a
        network ("auto", "dense").
    store : path, keyword-only
        Zarr store written as blocks of points finish, with a manifest of the sweep. If it
        exists, the sweep resumes: finished points are kept, not recomputed (points whose
        chunk went missing are recomputed). A store holding finished points of a different
        sweep is refused (:class:`~autocoherence.sweeps.StoreMismatchError`); one holding
        none is replaced. A finished store is only read (no lock, works read-only).
    executor : {"local", "dask", "serial"} or executor object, keyword-only
        ``"local"``: a process pool on this machine; ``"dask"``: a distributed cluster at
        ``address`` (or a LocalCluster for the sweep); ``"serial"``: this process. Or a
        :class:`~autocoherence.sweeps.LocalExecutor` / :class:`~autocoherence.sweeps.DaskExecutor`
        instance. Vectorised closed-form sweeps of a CollisionFamily always run in this
        process (their cost is one numpy call per block).
    address : str, keyword-only
        Dask scheduler address, with ``executor="dask"``.
    site : int, keyword-only
        Site of spin-network quantities (default 0, the paper's first-listed qubit).
    spec_id : str, keyword-only
        A name for this sweep's model, used as its identity in the store instead of the
        identity derived from the factory (see :mod:`autocoherence.sweeps.manifest`).
    chunk_points : int, keyword-only
        Points per block (the unit of parallel work and of storage). The default depends
        on the route; a resumed store keeps its own blocks.
    progress : bool or callable, keyword-only
        ``True``: a progress bar in a terminal or in Jupyter, log records of the logger
        ``autocoherence.sweeps`` elsewhere (see :mod:`autocoherence.sweeps.progress`). A
        callable: ``progress(done, total)`` after each block (and once at the start, where
        ``done`` counts points already in the store). Default: no progress.

    Returns
    -------
    xarray.Dataset
        One dimension per grid axis, one float variable per quantity; attributes record the
        package version, the method, every fixed parameter of a family (or the factory's
        identity) and the full manifest as JSON. Every variable and coordinate has
        ``long_name`` and ``units`` (``"1"``: dimensionless; energies, temperatures, times
        and rates in ħ = k_B = 1 model units).

    Raises
    ------
    NonFiniteResultError
        After the sweep, if some points gave NaN or inf: they are not finished (not marked
        done in the store); the message names their parameters, the error carries the
        result of the other points.
    StoreBusyError, StoreCorruptError, StoreMismatchError
        If the store is being written by another process, is damaged, or holds finished
        points of a different sweep.

    Examples
    --------
    >>> import math
    >>> import autocoherence as ac
    >>> from autocoherence.sweeps import sweep
    >>> ds = sweep(
    ...     lambda temperature, cluster_size: ac.CollisionModel(
    ...         target=ac.Qubit(1.0), unit=ac.Qubit(1.0), cluster_size=cluster_size,
    ...         coupling=ac.Composite(0.6 / math.sqrt(2), 0.6), temperature=temperature),
    ...     {"temperature": [0.01, 1.0], "cluster_size": [1, 8]},
    ...     ["l1_coherence", "purity"],
    ...     executor="serial",
    ... )
    >>> ds.l1_coherence.sel(temperature=0.01).values.round(4)
    array([0.2422, 0.6718])
    """
    if not callable(factory):
        raise TypeError(f"factory must be callable (factory(**point) -> model), got {factory!r}")
    g = grid if isinstance(grid, Grid) else Grid.from_mapping(grid)
    names = expand_quantities(quantities)
    _check_settings(method, site, spec_id, chunk_points)
    clash = sorted(set(g.names) & (set(names) | set(RESERVED)))
    if clash:
        raise ParameterError(
            f"grid axis {clash[0]!r} has the name of a quantity or of a stored array "
            f"({', '.join(RESERVED)}); rename the parameter"
        )
    if isinstance(factory, Family):
        factory.check_grid(g)
        factory.check_method(method)
    job = Job(factory, g, names, method, site)
    if not uses_family_closed_form(job):
        kind, _ = build(job, 0)  # fail early, in this process, on a bad factory or method
        check_for_kind(kind, names, method)
    runner = resolve_executor(executor, address)
    reporter = _reporter(progress)
    manifest = build_manifest(job, spec_id)
    shape = block_shape(g.shape, chunk_points or default_chunk_points(job))
    results: MemoryResults | ZarrResults
    if store is None:
        results = MemoryResults(g, names, shape, manifest)
    else:
        results = ZarrResults.open(store, manifest, g, names, shape, executor=runner.name)
    failed: dict[int, np.ndarray] = {}
    try:
        tasks = results.pending()
        done, total = g.size - sum(t[1].size for t in tasks), g.size
        if reporter is not None:
            reporter(done, total)
        if uses_family_closed_form(job) or len(tasks) <= 1:
            runner = SerialExecutor()
        finished = runner.map_unordered(job, tasks) if tasks else iter(())
        try:
            for block_id, indices, values in finished:
                results.write(block_id, indices, values)
                bad = np.flatnonzero(~valid_points(names, values))
                for k in bad.tolist():  # stored as not finished; reported after the sweep
                    failed[int(indices[k])] = values[:, k]
                done += indices.size - bad.size
                if reporter is not None:
                    reporter(done, total)
        finally:
            close = getattr(finished, "close", None)
            if close is not None:
                close()  # stops the executor's workers if this loop ended early
    finally:
        results.close()
        if reporter is not None and hasattr(reporter, "close"):
            reporter.close()
    ds = results.dataset()
    if failed:
        raise _non_finite_error(g, names, failed, ds, store)
    return ds


def _reporter(progress: Any) -> Any:
    if progress is None or progress is False:
        return None
    if progress is True:
        return default_progress()
    if callable(progress):
        return progress
    raise TypeError(
        "progress must be True (a bar, or log records when not in a terminal), False, or a "
        f"callable progress(done, total); got progress={progress!r}"
    )
