"""The parameter grid of a sweep: named 1-D axes, their points, and blocks of points.

A grid is the outer product of its axes, in the order given (C order: the last axis varies
fastest). Points are addressed by their flat index into that product. Work and storage are
cut into rectangular *blocks* that take whole trailing axes first, so a block of a
(temperature × cluster_size) grid holds complete cluster-size rows, and a block's flat
indices are the grid's flat indices of its points.
"""

from __future__ import annotations

import keyword
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from autocoherence.errors import ParameterError

__all__ = ["MAX_POINTS", "Block", "Grid", "block_shape", "check_size"]

Block = tuple[slice, ...]

#: Most points of one sweep: 10^8 points are 0.8 GB per quantity in the result (float64),
#: and at least minutes of work on the fastest route; more is refused before any work.
MAX_POINTS = 10**8


def check_size(shape: Mapping[str, int]) -> None:
    """Refuse a grid of more than :data:`MAX_POINTS` points, naming its size and the ways out.

    Examples
    --------
    >>> check_size({"temperature": 10**4, "f2": 10**4})  # exactly the limit
    >>> check_size({"temperature": 10**5, "f2": 10**4})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: grid has 1e+09 points (temperature 100000 x f2 10000), ...
    """
    size = math.prod(shape.values())
    if size > MAX_POINTS:
        axes = " x ".join(f"{name} {n}" for name, n in shape.items())
        raise ParameterError(
            f"grid has {size:.3g} points ({axes}), more than the limit of {MAX_POINTS:.0e} "
            "points per sweep (the result is held in memory, 8 bytes per point and quantity); "
            "split the grid into several sweeps (e.g. one per value of the first axis, each "
            "with its own store=, run on executor='dask' for a cluster), or take fewer points"
        )


def _check_axis(name: Any, values: Any) -> tuple[str, np.ndarray]:
    if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
        raise ParameterError(
            f"grid axis names must be Python identifiers (they are passed as keyword "
            f"arguments to the factory), got {name!r}"
        )
    try:
        arr = np.asarray(values)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"grid axis {name!r} must be a 1-D sequence of numbers") from exc
    if arr.ndim != 1:
        raise ParameterError(
            f"grid axis {name!r} must be a 1-D sequence of numbers, got shape {arr.shape}; "
            "a single value is a fixed parameter, not an axis"
        )
    if arr.size == 0:
        raise ParameterError(f"grid axis {name!r} is empty; give at least one value")
    if arr.dtype.kind in "iu":
        arr = arr.astype(np.int64)
    elif arr.dtype.kind == "f":
        arr = arr.astype(np.float64)
        if np.any(np.isnan(arr)):
            raise ParameterError(f"grid axis {name!r} contains NaN; every value must be a number")
    else:
        raise TypeError(
            f"grid axis {name!r} must hold integers or real numbers, got values of dtype "
            f"{arr.dtype} ({values!r:.80})"
        )
    if np.unique(arr).size != arr.size:
        raise ParameterError(
            f"grid axis {name!r} has repeated values; each value may appear once (it becomes "
            "a coordinate of the result)"
        )
    arr.setflags(write=False)
    return name, arr


def block_shape(shape: tuple[int, ...], chunk_points: int) -> tuple[int, ...]:
    """Block shape of at most ``chunk_points`` points that takes whole trailing axes first.

    Examples
    --------
    >>> block_shape((200, 4), 64)
    (16, 4)
    >>> block_shape((3, 5, 7), 1000)
    (3, 5, 7)
    >>> block_shape((10, 10), 1)
    (1, 1)
    """
    if isinstance(chunk_points, bool) or not isinstance(chunk_points, int) or chunk_points < 1:
        raise ParameterError(f"chunk_points must be an integer >= 1, got {chunk_points!r}")
    out = [1] * len(shape)
    room = chunk_points
    for k in range(len(shape) - 1, -1, -1):
        take = min(shape[k], room)
        out[k] = max(1, take)
        if take < shape[k]:
            break
        room //= shape[k]
    return tuple(out)


@dataclass(frozen=True, eq=False)
class Grid:
    """Named 1-D axes whose outer product is the set of sweep points.

    Build it with :meth:`from_mapping`. Integer axes stay integers (cluster sizes), real
    axes are float64; NaN, repeated values and empty axes are refused.

    Examples
    --------
    >>> g = Grid.from_mapping({"temperature": [0.1, 0.2, 0.3], "cluster_size": [1, 8]})
    >>> g.shape, g.size
    ((3, 2), 6)
    >>> g.point(3)
    {'temperature': 0.2, 'cluster_size': 8}
    """

    axes: tuple[tuple[str, np.ndarray], ...]

    @classmethod
    def from_mapping(cls, grid: Mapping[str, npt.ArrayLike]) -> Grid:
        """Validate ``{name: 1-D values}`` (in order) into a :class:`Grid`."""
        if not isinstance(grid, Mapping):
            raise TypeError(
                f"grid must map parameter names to 1-D arrays, got {type(grid).__name__}"
            )
        if not grid:
            raise ParameterError("grid must have at least one axis, got an empty mapping")
        axes = tuple(_check_axis(name, values) for name, values in grid.items())
        check_size({name: int(values.size) for name, values in axes})
        return cls(axes)

    @property
    def names(self) -> tuple[str, ...]:
        """Axis names, in order."""
        return tuple(name for name, _ in self.axes)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of values of each axis."""
        return tuple(int(values.size) for _, values in self.axes)

    @property
    def size(self) -> int:
        """Number of points."""
        return math.prod(self.shape)

    def coords(self) -> dict[str, np.ndarray]:
        """``{name: values}`` for every axis."""
        return dict(self.axes)

    def to_lists(self) -> dict[str, list[float] | list[int]]:
        """Axes as plain lists (exact: floats keep every bit through JSON)."""
        return {name: values.tolist() for name, values in self.axes}

    def point(self, index: int) -> dict[str, Any]:
        """Parameters of the point with flat index ``index``, as Python ints and floats."""
        pos = np.unravel_index(int(index), self.shape)
        return {name: values[k].item() for (name, values), k in zip(self.axes, pos, strict=True)}

    def points(self, indices: npt.ArrayLike) -> dict[str, np.ndarray]:
        """Parameter arrays of many points: ``{name: values at each flat index}``."""
        pos = np.unravel_index(np.asarray(indices, dtype=np.int64), self.shape)
        return {name: values[p] for (name, values), p in zip(self.axes, pos, strict=True)}

    def blocks(self, shape: tuple[int, ...]) -> Iterator[Block]:
        """Rectangular blocks of the given shape covering the grid (edges may be smaller)."""
        starts = [range(0, n, b) for n, b in zip(self.shape, shape, strict=True)]
        for corner in np.ndindex(*(len(s) for s in starts)):
            yield tuple(
                slice(s[c], min(s[c] + b, n))
                for s, c, b, n in zip(starts, corner, shape, self.shape, strict=True)
            )

    def block_indices(self, block: Block) -> np.ndarray:
        """Flat indices of the points of ``block``, in C order."""
        ranges = np.meshgrid(*(np.arange(s.start, s.stop) for s in block), indexing="ij")
        return np.ravel_multi_index(tuple(r.ravel() for r in ranges), self.shape)
