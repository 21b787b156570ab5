"""Sweep results in memory or in a Zarr store written point block by point block.

Store layout (one Zarr v3 group, written and read with xarray's Zarr backend):

* one array per grid axis (its values; dimension name = the axis);
* one float64 array per quantity, shaped like the grid, NaN until computed;
* ``done`` (bool) and ``run`` (int16: which run of the sweep computed the point, 0 = not yet,
  ``-k`` = run ``k`` tried it and got a non-finite value), shaped like the grid;
* group attributes ``manifest`` (JSON: the sweep's identity, see
  :mod:`autocoherence.sweeps.manifest`) and ``runs`` (JSON list: when each run started and
  on which executor).

The store is created from a template Dataset of lazy arrays chunked by the sweep's blocks
(``to_zarr(compute=False)``: metadata and axes only, every chunk reads as its fill value),
in a hidden sibling directory renamed into place once complete: a kill or a full disk
during creation leaves no half-made store (the next writer removes the leftover). A
finished block is written as whole chunks by ``to_zarr(region=...)``: quantities and
``run`` first, then, in a second write, ``done``. Zarr's local store writes each chunk to a
temporary file and renames it, so a process killed at any moment leaves every block either
marked done with all its values, or not marked done (recomputed on resume).

Integrity, on every open (:meth:`ZarrResults.open` and :func:`load`):

* the manifest, every array and every chunk are read and checked. A point counts as
  finished only if it is marked ``done``, every quantity is finite and ``run`` says which
  run computed it: a missing chunk file (which Zarr reads as its fill value) therefore makes
  its points unfinished again, and the next run recomputes them. What cannot be repaired (a
  damaged chunk, garbage JSON, an array missing) raises :class:`StoreCorruptError`, naming
  the store, what is wrong and what to do;
* a writer holds the store's lock (:mod:`autocoherence.sweeps.store_lock`); a second writer
  gets :class:`StoreBusyError` naming the pid that holds it. A store with nothing left to
  compute is only read: no lock, no write, so it also opens on a read-only file system;
* a store that holds no finished point, of another sweep (e.g. its first point failed), is
  replaced by the new sweep instead of blocking it.

Only the process that runs :func:`~autocoherence.sweeps.sweep` writes; workers return values.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from autocoherence.errors import ParameterError, StoreBusyError, StoreCorruptError
from autocoherence.sweeps.grid import Block, Grid
from autocoherence.sweeps.manifest import StoreMismatchError, dataset_attrs, manifest_difference
from autocoherence.sweeps.store_lock import WriterLock

__all__ = [
    "RESERVED",
    "MemoryResults",
    "StoreBusyError",
    "StoreCorruptError",
    "ZarrResults",
    "finished_mask",
    "load",
    "to_netcdf",
]

#: Array names a store uses besides the axes and quantities.
RESERVED: tuple[str, ...] = ("done", "run")

Task = tuple[int, np.ndarray]


def _corrupt(path: Path, what: str) -> StoreCorruptError:
    return StoreCorruptError(
        f"{path} is damaged: {what}. It cannot be repaired in place: delete it "
        f"(rm -r {path}) and run the sweep again, or pass a fresh store path"
    )


def finished_mask(
    done: np.ndarray, values: np.ndarray, run: np.ndarray, quantities: Sequence[str]
) -> np.ndarray:
    """Points that count as finished: marked done, every value valid, ``run`` > 0.

    ``values`` has the quantities along its first axis; a value is valid unless NaN (or
    inf, except for quantities where inf has a meaning, see
    :func:`~autocoherence.sweeps.quantities.valid_points`). A chunk file that went missing
    reads as its fill value (NaN, 0 or False), so its points are not finished.

    Examples
    --------
    >>> finished_mask(np.array([True, True, True, False]),
    ...               np.array([[0.5, np.nan, 0.5, 0.5]]), np.array([1, 1, 0, 1]), ["purity"])
    array([ True, False, False, False])
    """
    from autocoherence.sweeps.quantities import valid_points  # noqa: PLC0415

    return np.asarray(done, dtype=bool) & valid_points(quantities, values) & (np.asarray(run) > 0)


class MemoryResults:
    """Results held in numpy arrays (a sweep without ``store``).

    Examples
    --------
    >>> from autocoherence.sweeps.evaluate import Job
    >>> from autocoherence.sweeps.manifest import build_manifest
    >>> grid = Grid.from_mapping({"temperature": [0.0, 0.5, 1.0]})
    >>> manifest = build_manifest(Job(lambda temperature: None, grid, ("purity",), "auto"), "demo")
    >>> res = MemoryResults(grid, ["purity"], (2,), manifest)
    >>> [idx.tolist() for _, idx in res.pending()]  # two blocks of at most 2 points
    [[0, 1], [2]]
    >>> res.write(0, np.array([0, 1]), np.array([[1.0, np.nan]])).tolist()  # the failed points
    [1]
    >>> res.done_count(), res.dataset().purity.values.tolist()
    (1, [1.0, nan, nan])
    """

    def __init__(
        self,
        grid: Grid,
        quantities: Sequence[str],
        block_shape: tuple[int, ...],
        manifest: Mapping[str, Any],
    ) -> None:
        self.grid = grid
        self.quantities = tuple(quantities)
        self.block_shape = block_shape
        self.manifest = dict(manifest)
        self.values = np.full((len(self.quantities), grid.size), np.nan)
        self.done = np.zeros(grid.size, dtype=bool)
        self.failed = np.zeros(grid.size, dtype=bool)
        self.blocks = list(grid.blocks(block_shape))

    def pending(self) -> list[Task]:
        """``(block_id, flat indices not yet done)`` for every unfinished block."""
        out = []
        for k, block in enumerate(self.blocks):
            idx = self.grid.block_indices(block)
            if not self.done[idx].all():
                out.append((k, idx[~self.done[idx]]))
        return out

    def done_count(self) -> int:
        """Number of finished points."""
        return int(self.done.sum())

    def write(self, block_id: int, indices: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Record the values (quantities × points) of computed points.

        Points with a NaN (or a meaningless inf) are not finished: they stay NaN, not done.
        Returns the flat indices of those failed points.
        """
        del block_id
        ok = _valid(self.quantities, values)
        self.values[:, indices] = np.where(ok, values, np.nan)
        self.done[indices] = ok
        self.failed[indices] = ~ok
        return np.asarray(indices[~ok])

    def close(self) -> None:
        """Nothing to release (the same interface as :class:`ZarrResults`)."""

    def dataset(self) -> xr.Dataset:
        """The results as an xarray Dataset (dims: the grid axes)."""
        ds = _dataset(
            self.grid,
            self.quantities,
            self.values.reshape(len(self.quantities), *self.grid.shape),
            self.done.reshape(self.grid.shape),
            self.manifest,
        )
        ds.attrs["points_failed"] = int(self.failed.sum())
        return ds


def _valid(quantities: Sequence[str], values: np.ndarray) -> np.ndarray:
    from autocoherence.sweeps.quantities import valid_points  # noqa: PLC0415

    return valid_points(quantities, values)


def _dataset(
    grid: Grid,
    quantities: Sequence[str],
    values: np.ndarray,
    done: np.ndarray,
    manifest: Mapping[str, Any],
) -> xr.Dataset:
    from autocoherence.sweeps.labels import axis_attrs  # noqa: PLC0415
    from autocoherence.sweeps.quantities import long_name, units  # noqa: PLC0415

    data = {
        q: (grid.names, values[k], {"long_name": long_name(q), "units": units(q)})
        for k, q in enumerate(quantities)
    }
    coords = {name: (name, axis, axis_attrs(name, axis, manifest)) for name, axis in grid.axes}
    attrs = dataset_attrs(manifest)
    attrs["points_done"] = int(done.sum())
    attrs["points_total"] = grid.size
    return xr.Dataset(data, coords=coords, attrs=attrs)


@dataclass
class _State:
    """What a verified store holds (flat arrays over the grid, C order)."""

    manifest: dict[str, Any]
    runs: list[Any]
    grid: Grid
    values: np.ndarray  # (quantities, points)
    done: np.ndarray  # as stored
    run: np.ndarray
    finished: np.ndarray  # what counts as done (see finished_mask)
    axes_ok: bool
    chunks: tuple[int, ...]


class _NoManifestError(Exception):
    """A Zarr group without a sweep manifest (translated by the callers)."""


def _unreadable(path: Path, exc: Exception) -> str:
    """What :func:`xarray.open_zarr` could not read: the group metadata or which array."""
    import zarr  # noqa: PLC0415

    try:
        zarr.open_group(str(path), mode="r")
    except Exception:
        return f"its group metadata (zarr.json) cannot be read ({exc})"
    for child in sorted(p for p in path.iterdir() if (p / "zarr.json").exists()):
        try:
            zarr.open_array(str(child), mode="r")
        except Exception as inner:
            return f"the array {child.name!r} cannot be read ({inner})"
    return f"it cannot be opened ({exc})"


def _read(path: Path) -> _State:
    """Open the store at ``path`` with xarray, read and check every part (module docstring)."""
    try:
        ds = xr.open_zarr(path, consolidated=False, chunks=None, mask_and_scale=False)
    except Exception as exc:
        raise _corrupt(path, _unreadable(path, exc)) from exc
    if "manifest" not in ds.attrs:
        raise _NoManifestError
    try:
        manifest = json.loads(ds.attrs["manifest"])
        runs = json.loads(ds.attrs.get("runs", "[]"))
    except (TypeError, ValueError) as exc:
        raise _corrupt(path, f"its manifest or runs attribute is not valid JSON ({exc})") from exc
    if (
        not isinstance(manifest, dict)
        or not isinstance(manifest.get("grid"), dict)
        or not isinstance(manifest.get("quantities"), list)
        or not isinstance(manifest.get("model"), dict)
        or not isinstance(runs, list)
    ):
        raise _corrupt(path, "its manifest lacks the grid, quantities or model of the sweep")
    try:
        grid = Grid.from_mapping({k: np.asarray(v) for k, v in manifest["grid"].items()})
    except (ValueError, TypeError) as exc:
        raise _corrupt(path, f"the grid in its manifest is invalid ({exc})") from exc
    quantities = [str(q) for q in manifest["quantities"]]
    if not quantities:
        raise _corrupt(path, "its manifest lists no quantities")
    arrays: dict[str, np.ndarray] = {}
    for name in [*grid.names, *quantities, *RESERVED]:
        if name not in ds.variables:
            raise _corrupt(path, f"the array {name!r} is missing")
        try:
            arrays[name] = np.array(ds[name].values)  # a writable copy
        except Exception as exc:
            raise _corrupt(path, f"the array {name!r} cannot be read ({exc})") from exc
        if name not in grid.names and arrays[name].shape != grid.shape:
            shape = arrays[name].shape
            raise _corrupt(path, f"the array {name!r} has shape {shape}, the grid has {grid.shape}")
    values = np.stack([arrays[q].reshape(-1) for q in quantities]).astype(float, copy=False)
    done = arrays["done"].reshape(-1).astype(bool)
    run = arrays["run"].reshape(-1).astype(np.int16)
    finished = finished_mask(done, values, run, quantities)
    axes_ok = all(np.array_equal(arrays[n], v) for n, v in grid.axes)
    chunks = tuple(int(c) for c in ds["done"].encoding["chunks"])
    return _State(manifest, runs, grid, values, done, run, finished, axes_ok, chunks)


class ZarrResults(MemoryResults):
    """Results in a Zarr store on disk, written as blocks finish (see the module docstring).

    Examples
    --------
    A second run of the same sweep finds the finished block and has only the rest to do:

    >>> import tempfile
    >>> from autocoherence.sweeps.evaluate import Job
    >>> from autocoherence.sweeps.manifest import build_manifest
    >>> grid = Grid.from_mapping({"temperature": [0.0, 0.5, 1.0]})
    >>> manifest = build_manifest(Job(lambda temperature: None, grid, ("purity",), "auto"), "demo")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = Path(d) / "sweep.zarr"
    ...     first = ZarrResults.open(path, manifest, grid, ["purity"], (2,), executor="serial")
    ...     first.write(0, np.array([0, 1]), np.array([[1.0, 0.9]])).tolist()
    ...     first.close()  # releases the writer lock
    ...     again = ZarrResults.open(path, manifest, grid, ["purity"], (2,), executor="serial")
    ...     print(again.run, [idx.tolist() for _, idx in again.pending()])
    ...     again.close()
    []
    2 [[2]]
    """

    def __init__(self, path: Path, state: _State, lock: WriterLock | None) -> None:
        # not MemoryResults.__init__: the arrays are the store's, not fresh ones
        self.path = path
        self.grid = state.grid
        self.quantities = tuple(state.manifest["quantities"])
        self.block_shape = state.chunks
        self.manifest: dict[str, Any] = state.manifest
        self.blocks = list(self.grid.blocks(self.block_shape))
        self.values = state.values
        self.done = state.finished.copy()
        self.failed = ~state.finished & (state.run < 0)
        self.run = len(state.runs)
        self.lock = lock
        self.writable = lock is not None  # false for a finished store: only read
        self._run_of = state.run  # what the store holds besides the values
        self._marked = state.done
        self._store: Any = None  # opened on the first write and kept

    @classmethod
    def open(
        cls,
        path: str | Path,
        manifest: Mapping[str, Any],
        grid: Grid,
        quantities: Sequence[str],
        block_shape: tuple[int, ...],
        *,
        executor: str,
    ) -> ZarrResults:
        """Create the store, or reopen it after checking it holds this very sweep.

        A store with points left to compute is opened for writing (the writer lock is held
        until :meth:`close`); a finished one is only read.

        Raises
        ------
        StoreMismatchError
            If the store holds finished points of a different sweep (the message names the
            field), or the path is something else.
        StoreCorruptError
            If the store is damaged beyond repair.
        StoreBusyError
            If another process is writing the store.
        """
        path, new = Path(path), dict(manifest)
        state = _existing(path, new, locked=False)
        if state is not None and state.finished.all():
            return cls(path, state, None)  # nothing to compute: read only
        lock = WriterLock(path)
        lock.acquire()
        try:
            for leftover in path.parent.glob(f".{path.name}.creating-*"):  # killed creations
                shutil.rmtree(leftover, ignore_errors=True)
            state = _existing(path, new, locked=True)  # again: another writer may have run
            if state is not None and state.finished.all():
                lock.release()
                return cls(path, state, None)
            if state is None:
                _create(path, grid, quantities, block_shape, new)
                state = _read(path)
            now = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
            state.runs.append({"run": len(state.runs) + 1, "started": now, "executor": executor})
            results = cls(path, state, lock)
            results._repair(state)
        except BaseException:
            lock.release()
            raise
        return results

    def _repair(self, state: _State) -> None:
        """Make the store agree with what was verified, and record this run (under the lock)."""
        import zarr  # noqa: PLC0415

        if not state.axes_ok:
            xr.Dataset(coords=self.grid.coords()).to_zarr(self.path, mode="r+", consolidated=False)
        if (state.done & ~state.finished).any():  # done, but a chunk is missing: compute again
            self._marked[:] = state.finished
            self._put(tuple(slice(0, n) for n in self.grid.shape), ["done"])
        zarr.open_group(str(self.path), mode="r+").attrs["runs"] = json.dumps(state.runs)

    def _put(self, block: Block, names: Sequence[str]) -> None:
        """Write what is held of ``names`` over ``block`` (whole chunks) with xarray."""
        shape = self.grid.shape
        held = {q: self.values[k] for k, q in enumerate(self.quantities)}
        held |= {"run": self._run_of, "done": self._marked}
        part = xr.Dataset({n: (self.grid.names, held[n].reshape(shape)[block]) for n in names})
        if "done" in part:
            part["done"].encoding["dtype"] = bool  # stored as bool, not xarray's int8
        if self._store is None:
            from zarr.storage import LocalStore  # noqa: PLC0415

            self._store = LocalStore(self.path)
        region = dict(zip(self.grid.names, block, strict=True))
        part.to_zarr(self._store, region=region, mode="r+", consolidated=False)

    def close(self) -> None:
        """Release the writer lock (the sweep calls this when it ends, also on errors)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def write(self, block_id: int, indices: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Write computed points of one block: quantities and ``run`` first, then ``done``.

        Points with a NaN (or a meaningless inf) are stored as failed: NaN, ``run = -run``,
        not done.
        Returns their flat indices.
        """
        if not self.writable:
            raise RuntimeError(f"{self.path} was opened read-only (it is finished)")
        failed = super().write(block_id, indices, values)
        self._run_of[indices] = np.where(self.done[indices], self.run, -self.run)
        self._marked[indices] = self.done[indices]
        block = self.blocks[block_id]
        self._put(block, [*self.quantities, "run"])  # xarray writes these in any order,
        self._put(block, ["done"])  # so "done" is a second write: done once values are on disk
        return failed

    def dataset(self) -> xr.Dataset:
        """The stored results as an xarray Dataset (unfinished points are NaN)."""
        return load(self.path)


def _check_path(path: Path) -> None:
    if path.exists() and not (path / "zarr.json").exists():
        if path.is_dir() and not any(path.iterdir()):
            return  # an empty directory: the store is created in its place
        what = "a file" if not path.is_dir() else "a directory that is not a Zarr store"
        raise StoreMismatchError(
            f"{path} exists and is not a sweep store ({what}); choose another path"
        )


def _existing(path: Path, manifest: Mapping[str, Any], *, locked: bool) -> _State | None:
    """The verified store at ``path`` if it holds this sweep, else ``None`` (no store yet).

    A store of another sweep is refused if it holds a finished point, else (under the
    writer lock) removed: nothing is lost.
    """
    _check_path(path)
    if not (path / "zarr.json").exists():
        return None
    try:
        state = _read(path)
    except _NoManifestError:
        raise StoreMismatchError(
            f"{path} is a Zarr group without a sweep manifest (another program's data, or a "
            "store whose creation was interrupted); choose another path or delete it"
        ) from None
    diff = manifest_difference(state.manifest, manifest)
    if diff is None:
        return state
    if state.finished.any():
        raise StoreMismatchError(
            f"{path} holds a different sweep, refusing to mix results: {diff}. "
            "Write to a new store, or delete this one to start over"
        )
    if locked:
        shutil.rmtree(path)
    return None


def _create(
    path: Path,
    grid: Grid,
    quantities: Sequence[str],
    block_shape: tuple[int, ...],
    manifest: Mapping[str, Any],
) -> None:
    """Write the sweep's template in a hidden sibling directory, then rename it into place.

    Its data arrays are lazy (dask): ``to_zarr(compute=False)`` writes the metadata (Zarr
    chunks = blocks) and the axes, no chunk (each reads as its fill value). Without dask
    they are broadcast views of the fill value, which Zarr does not store either.
    """
    from zarr.codecs import ZstdCodec  # noqa: PLC0415

    try:
        import dask.array as da  # noqa: PLC0415
    except ImportError:  # dask is optional
        da = None  # type: ignore[assignment]

    def empty(fill: Any, dtype: str) -> tuple[tuple[str, ...], Any]:
        if da is None:
            return grid.names, np.broadcast_to(np.asarray(fill, dtype=dtype), grid.shape)
        return grid.names, da.full(grid.shape, fill, dtype=dtype, chunks=grid.shape)  # 1 task

    fills = dict.fromkeys(quantities, (np.nan, "float64")) | {"run": (0, "int16")}
    data = {name: empty(*fill) for name, fill in fills.items()} | {"done": empty(False, "bool")}
    attrs = {"runs": "[]", "manifest": json.dumps(dict(manifest))}
    template = xr.Dataset(data, coords=grid.coords(), attrs=attrs)
    common = {"chunks": block_shape, "compressors": ZstdCodec(level=0, checksum=True)}
    encoding = {name: dict(common) for name in data}  # the checksum detects a damaged chunk
    encoding["done"]["dtype"] = bool  # stored as bool, not xarray's int8
    options: dict[str, Any] = {"zarr_format": 3, "consolidated": False, "encoding": encoding}
    tmp = path.with_name(f".{path.name}.creating-{os.getpid()}")
    try:
        if da is None:
            template.to_zarr(tmp, mode="w-", **options)
        else:
            template.to_zarr(tmp, mode="w-", compute=False, **options)
        if path.exists():
            path.rmdir()  # the empty directory _check_path allowed
        tmp.rename(path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def load(path: str | Path) -> xr.Dataset:
    """Open a sweep store as an in-memory xarray Dataset (read only: no lock, no write).

    Unfinished points (also failed ones and those of a missing chunk) are NaN;
    ``attrs["points_done"]`` and ``attrs["points_total"]`` say how far the sweep got,
    ``attrs["points_failed"]`` how many points gave non-finite values, ``attrs["runs"]``
    lists its runs.

    Raises
    ------
    FileNotFoundError
        If there is no store at ``path``.
    ParameterError
        If ``path`` is not a sweep store.
    StoreCorruptError
        If the store is damaged (the message says what and how to proceed).

    Examples
    --------
    >>> import tempfile
    >>> from autocoherence.sweeps import CollisionFamily, sweep
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = sweep(CollisionFamily(f1=0.3, f2=0.6), {"temperature": [0.0, 1.0]}, ["purity"],
    ...               store=Path(d) / "sweep.zarr", executor="serial")
    ...     ds = load(Path(d) / "sweep.zarr")
    >>> ds.attrs["points_done"], ds.attrs["points_total"], ds.purity.values.round(6)
    (2, 2, array([0.986107, 0.603809]))
    >>> ds.purity.attrs["units"], ds.temperature.attrs["long_name"]
    ('1', 'bath temperature T')
    """
    path = Path(path)
    if not (path / "zarr.json").exists():
        raise FileNotFoundError(f"no sweep store at {path} (expected a Zarr group directory)")
    try:
        state = _read(path)
    except _NoManifestError:
        raise ParameterError(
            f"{path} is a Zarr group but not a sweep store (no manifest)"
        ) from None
    quantities = [str(q) for q in state.manifest["quantities"]]
    values = np.where(state.finished, state.values, np.nan)
    shape = state.grid.shape
    ds = _dataset(
        state.grid,
        quantities,
        values.reshape(len(quantities), *shape),
        state.finished.reshape(shape),
        state.manifest,
    )
    ds.attrs["points_failed"] = int(np.sum(~state.finished & (state.run < 0)))
    ds.attrs["runs"] = json.dumps(state.runs)
    return ds


def to_netcdf(source: xr.Dataset | str | Path, path: str | Path) -> Path:
    """Write a sweep result (a Dataset, or the path of a store) to a netCDF file.

    Examples
    --------
    >>> import tempfile
    >>> ds = xr.Dataset({"purity": ("temperature", [1.0])}, coords={"temperature": [0.1]})
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = to_netcdf(ds, Path(d) / "sweep.nc")
    ...     float(xr.load_dataset(out).purity[0])
    1.0
    """
    ds = source if isinstance(source, xr.Dataset) else load(source)
    out = Path(path)
    if out.is_dir():
        raise ParameterError(
            f"path must be a file name ending in .nc, got {str(out)!r}, which is a directory"
        )
    if out.suffix != ".nc":
        raise ParameterError(f"path must end in .nc (a netCDF file), got {str(out)!r}")
    out.parent.mkdir(parents=True, exist_ok=True)
    ds.to_netcdf(out)
    return out
