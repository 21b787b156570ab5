"""Sweep results in memory or in a Zarr store written point block by point block.

Store layout (one Zarr v3 group):

* one array per grid axis (its values; dimension name = the axis);
* one float64 array per quantity, shaped like the grid, NaN until computed;
* ``done`` (bool) and ``run`` (int16: which run of the sweep computed the point, 0 = not yet),
  shaped like the grid;
* group attributes ``manifest`` (JSON: the sweep's identity, see
  :mod:`autocoherence.sweeps.manifest`) and ``runs`` (JSON list: when each run started and
  on which executor).

Every array is chunked by the sweep's blocks, so a finished block is written as whole
chunks: quantities first, then ``run``, then ``done``. Zarr's local store writes each chunk
to a temporary file and renames it, so a process killed at any moment leaves every block
either marked done with all its values, or not marked done (recomputed on resume).

Only the process that runs :func:`~autocoherence.sweeps.sweep` writes; workers return values.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from autocoherence.errors import ParameterError
from autocoherence.sweeps.grid import Block, Grid
from autocoherence.sweeps.manifest import StoreMismatchError, dataset_attrs, manifest_difference

__all__ = ["RESERVED", "MemoryResults", "ZarrResults", "load", "to_netcdf"]

#: Array names a store uses besides the axes and quantities.
RESERVED: tuple[str, ...] = ("done", "run")

Task = tuple[int, np.ndarray]


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
    >>> res.write(0, np.array([0, 1]), np.array([[1.0, 0.9]]))
    >>> res.done_count(), res.dataset().purity.values.tolist()
    (2, [1.0, 0.9, nan])
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
        self.blocks = list(grid.blocks(block_shape))

    def pending(self) -> list[Task]:
        """``(block_id, flat indices not yet done)`` for every unfinished block."""
        out = []
        for k, block in enumerate(self.blocks):
            idx = self.grid.block_indices(block)
            todo = idx[~self.done[idx]]
            if todo.size:
                out.append((k, todo))
        return out

    def done_count(self) -> int:
        """Number of finished points."""
        return int(self.done.sum())

    def write(self, block_id: int, indices: np.ndarray, values: np.ndarray) -> None:
        """Record the values (quantities × points) of finished points."""
        del block_id
        self.values[:, indices] = values
        self.done[indices] = True

    def dataset(self) -> xr.Dataset:
        """The results as an xarray Dataset (dims: the grid axes)."""
        return _dataset(
            self.grid,
            self.quantities,
            self.values.reshape(len(self.quantities), *self.grid.shape),
            self.done.reshape(self.grid.shape),
            self.manifest,
        )


def _dataset(
    grid: Grid,
    quantities: Sequence[str],
    values: np.ndarray,
    done: np.ndarray,
    manifest: Mapping[str, Any],
) -> xr.Dataset:
    from autocoherence.sweeps.quantities import long_name  # noqa: PLC0415

    data = {
        q: (grid.names, values[k], {"long_name": long_name(q)}) for k, q in enumerate(quantities)
    }
    attrs = dataset_attrs(manifest)
    attrs["points_done"] = int(done.sum())
    attrs["points_total"] = grid.size
    return xr.Dataset(data, coords=grid.coords(), attrs=attrs)


def _local(block: Block, grid: Grid, indices: np.ndarray) -> tuple[np.ndarray, ...]:
    pos = np.unravel_index(indices, grid.shape)
    return tuple(p - s.start for p, s in zip(pos, block, strict=True))


class ZarrResults:
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
    ...     first.write(0, np.array([0, 1]), np.array([[1.0, 0.9]]))
    ...     again = ZarrResults.open(path, manifest, grid, ["purity"], (2,), executor="serial")
    ...     print(again.run, [idx.tolist() for _, idx in again.pending()])
    2 [[2]]
    """

    def __init__(self, path: Path, group: Any, grid: Grid, quantities: Sequence[str]) -> None:
        self.path = path
        self.group = group
        self.grid = grid
        self.quantities = tuple(quantities)
        self.block_shape: tuple[int, ...] = tuple(group["done"].chunks)
        self.blocks = list(grid.blocks(self.block_shape))
        self.manifest: dict[str, Any] = json.loads(group.attrs["manifest"])
        self.run = len(json.loads(group.attrs["runs"]))

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

        Raises
        ------
        StoreMismatchError
            If the store was written by a different sweep (the message names the field).
        """
        import zarr  # noqa: PLC0415

        path = Path(path)
        group: Any
        if path.exists() and not (path / "zarr.json").exists():
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
            else:
                raise StoreMismatchError(
                    f"{path} exists and is not a sweep store; choose another path"
                )
        if path.exists():
            group = zarr.open_group(str(path), mode="r+")
            if "manifest" not in group.attrs:
                raise StoreMismatchError(
                    f"{path} is a Zarr group without a sweep manifest (another program's data, "
                    "or a store whose creation was interrupted); choose another path or "
                    "delete it"
                )
            stored = json.loads(group.attrs["manifest"])
            diff = manifest_difference(stored, dict(manifest))
            if diff is not None:
                raise StoreMismatchError(
                    f"{path} holds a different sweep, refusing to mix results: {diff}. "
                    "Write to a new store, or delete this one to start over"
                )
        else:
            group = _create(path, grid, quantities, block_shape)
            group.attrs["runs"] = "[]"
            group.attrs["manifest"] = json.dumps(dict(manifest))
        runs = json.loads(group.attrs["runs"])
        runs.append(
            {
                "run": len(runs) + 1,
                "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "executor": executor,
            }
        )
        group.attrs["runs"] = json.dumps(runs)
        return cls(path, group, grid, quantities)

    def done_mask(self) -> np.ndarray:
        """Which points are finished, shaped like the grid."""
        return np.asarray(self.group["done"][...], dtype=bool)

    def done_count(self) -> int:
        """Number of finished points."""
        return int(self.done_mask().sum())

    def pending(self) -> list[Task]:
        """``(block_id, flat indices not yet done)`` for every unfinished block."""
        done = self.done_mask().reshape(-1)
        out = []
        for k, block in enumerate(self.blocks):
            idx = self.grid.block_indices(block)
            todo = idx[~done[idx]]
            if todo.size:
                out.append((k, todo))
        return out

    def write(self, block_id: int, indices: np.ndarray, values: np.ndarray) -> None:
        """Write finished points of one block: quantities, then ``run``, then ``done``."""
        block = self.blocks[block_id]
        shape = tuple(s.stop - s.start for s in block)
        full = indices.size == int(np.prod(shape))
        local = _local(block, self.grid, indices)
        updates: list[tuple[str, np.ndarray | int | bool]] = [
            *((q, values[k]) for k, q in enumerate(self.quantities)),
            ("run", self.run),
            ("done", True),
        ]
        for name, new in updates:
            array = self.group[name]
            if full:
                array[block] = (
                    np.broadcast_to(new, shape)
                    if np.ndim(new) == 0
                    else (np.asarray(new).reshape(shape))
                )
            else:
                current = np.asarray(array[block])
                current[local] = new
                array[block] = current

    def dataset(self) -> xr.Dataset:
        """The stored results as an xarray Dataset (unfinished points are NaN)."""
        return load(self.path)


def _create(path: Path, grid: Grid, quantities: Sequence[str], block_shape: tuple[int, ...]) -> Any:
    import zarr  # noqa: PLC0415

    group: Any = zarr.open_group(str(path), mode="w-", zarr_format=3)
    for name, values in grid.axes:
        axis = group.create_array(
            name, shape=values.shape, dtype=values.dtype, dimension_names=[name]
        )
        axis[...] = values
    common: dict[str, Any] = {
        "shape": grid.shape,
        "chunks": block_shape,
        "dimension_names": list(grid.names),
    }
    for q in quantities:
        group.create_array(q, dtype="float64", fill_value=np.nan, **common)
    group.create_array("run", dtype="int16", fill_value=0, **common)
    group.create_array("done", dtype="bool", fill_value=False, **common)
    return group


def load(path: str | Path) -> xr.Dataset:
    """Open a sweep store as an in-memory xarray Dataset.

    Unfinished points are NaN; ``attrs["points_done"]`` and ``attrs["points_total"]`` say
    how far the sweep got, ``attrs["runs"]`` lists its runs.

    Raises
    ------
    FileNotFoundError
        If there is no store at ``path``.
    ParameterError
        If ``path`` is not a sweep store.

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
    """
    import zarr  # noqa: PLC0415

    path = Path(path)
    if not (path / "zarr.json").exists():
        raise FileNotFoundError(f"no sweep store at {path} (expected a Zarr group directory)")
    group: Any = zarr.open_group(str(path), mode="r")
    if "manifest" not in group.attrs:
        raise ParameterError(f"{path} is a Zarr group but not a sweep store (no manifest)")
    manifest = json.loads(group.attrs["manifest"])
    grid = Grid.from_mapping({name: group[name][...] for name in manifest["grid"]})
    quantities = manifest["quantities"]
    values = np.stack([np.asarray(group[q][...]) for q in quantities])
    done = np.asarray(group["done"][...], dtype=bool)
    ds = _dataset(grid, quantities, values, done, manifest)
    ds.attrs["runs"] = group.attrs["runs"]
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
    if out.suffix != ".nc":
        raise ParameterError(f"path must end in .nc (a netCDF file), got {str(out)!r}")
    out.parent.mkdir(parents=True, exist_ok=True)
    ds.to_netcdf(out)
    return out
