"""Line plots of a sweep result: one quantity against one grid axis, one line per hue value."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import xarray as xr

from autocoherence.errors import ParameterError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["line_plot", "select"]


def select(ds: xr.Dataset, sel: Mapping[str, float], keep: tuple[str, ...]) -> xr.Dataset:
    """Fix every grid axis not in ``keep``: by ``sel`` (nearest value) or because it has one value.

    Raises
    ------
    ParameterError
        If an axis is neither kept, selected nor of length one (the message lists its values).

    Examples
    --------
    >>> ds = xr.Dataset({"purity": (("temperature", "n"), [[1.0, 0.9], [0.8, 0.7]])},
    ...                 coords={"temperature": [0.0, 1.0], "n": [1, 2]})
    >>> select(ds, {"n": 2}, keep=("temperature",)).purity.values
    array([0.9, 0.7])
    >>> select(ds, {}, keep=("temperature",))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: the grid axis 'n' has 2 values (1, 2, ...); fix one ...
    """
    for name in sel:
        if name not in ds.dims:
            raise ParameterError(
                f"cannot select {name!r}: not a grid axis; axes: {', '.join(map(str, ds.dims))}"
            )
        if name in keep:
            raise ParameterError(f"{name!r} is plotted (x or hue) and cannot also be selected")
    out = ds.sel(dict(sel), method="nearest") if sel else ds
    for dim in list(out.dims):
        if dim in keep:
            continue
        if out.sizes[dim] == 1:
            out = out.isel({dim: 0})
        else:
            values = ", ".join(f"{v:g}" for v in np.asarray(out[dim].values)[:8])
            raise ParameterError(
                f"the grid axis {dim!r} has {out.sizes[dim]} values ({values}, ...); fix one with "
                f"--sel {dim}=VALUE, or plot it as --x or --hue"
            )
    return out


def line_plot(
    ds: xr.Dataset,
    x: str,
    y: str,
    hue: str | None = None,
    sel: Mapping[str, float] | None = None,
) -> Figure:
    """``y`` against the grid axis ``x``, one line per value of the axis ``hue``.

    Examples
    --------
    >>> ds = xr.Dataset({"purity": (("temperature", "n"), [[1.0, 0.9], [0.8, 0.7]])},
    ...                 coords={"temperature": [0.0, 1.0], "n": [1, 2]})
    >>> fig = line_plot(ds, "temperature", "purity", hue="n")
    >>> len(fig.axes[0].lines)
    2
    """
    from matplotlib.figure import Figure  # noqa: PLC0415

    if y not in ds.data_vars:
        names = ", ".join(map(str, ds.data_vars))
        raise ParameterError(f"--y {y!r} is not a quantity of this sweep; quantities: {names}")
    for label, axis in (("--x", x), ("--hue", hue)):
        if axis is not None and axis not in ds.dims:
            raise ParameterError(
                f"{label} {axis!r} is not a grid axis; axes: {', '.join(map(str, ds.dims))}"
            )
    if hue == x:
        raise ParameterError(f"--x and --hue must be different axes, got {x!r} for both")
    keep = (x,) if hue is None else (x, hue)
    data = select(ds, sel or {}, keep)[y]
    fig = Figure(figsize=(6.0, 4.0))
    ax = fig.add_subplot()
    if hue is None:
        ax.plot(data[x].values, data.values)
    else:
        for value in data[hue].values:
            line = data.sel({hue: value}).transpose(x)
            ax.plot(data[x].values, line.values, label=f"{hue} = {value:g}")
    ax.set_xlabel(x)
    ax.set_ylabel(str(data.attrs.get("long_name", y)))
    fixed = {d: data[d].item() for d in data.coords if d not in keep and data[d].ndim == 0}
    if fixed:
        ax.set_title(", ".join(f"{k} = {v:g}" for k, v in fixed.items()), fontsize=9)
    if hue is not None:
        ax.legend(fontsize=8)
    fig.tight_layout()
    return fig
