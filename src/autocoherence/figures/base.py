"""What every figure provides: a name, a caption, a data step and a drawing step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xarray as xr

__all__ = ["FigureSpec", "save"]


@dataclass(frozen=True)
class FigureSpec:
    """A reproducible figure.

    Attributes
    ----------
    name : str
        CLI name, prefixed by the paper (``collision-fig2a``, ``spins-fig3a``) or descriptive
        for our own figures.
    caption : str
        One sentence on what it shows and which routes draw curves and dots.
    compute : callable
        ``compute(**options) -> xarray.Dataset``: all numbers the figure shows.
    draw : callable
        ``draw(dataset) -> matplotlib.figure.Figure``: plotting only, no physics.

    Examples
    --------
    The purity (1 + tanh²(ω/2T))/2 of a thermal qubit (ω = 1) as a figure:

    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> def compute(temperatures=(0.5, 1.0, 2.0)):
    ...     t = np.asarray(temperatures, dtype=float)
    ...     p = 0.5 * (1.0 + np.tanh(0.5 / t) ** 2)
    ...     return xr.Dataset({"purity": ("temperature", p)}, coords={"temperature": t})
    >>> def draw(ds):
    ...     fig = Figure()
    ...     fig.add_subplot().plot(ds.temperature, ds.purity)
    ...     return fig
    >>> spec = FigureSpec("thermal-purity", "Purity of a thermal qubit.", compute, draw)
    >>> spec.compute(temperatures=[1.0]).purity.values.round(6)
    array([0.606776])
    """

    name: str
    caption: str
    compute: Callable[..., xr.Dataset]
    draw: Callable[[xr.Dataset], Any]


def save(spec: FigureSpec, out_dir: str | Path, **options: Any) -> tuple[Path, Path]:
    """Compute, draw and write ``NAME.png`` and ``NAME.nc`` (the data) into ``out_dir``.

    ``options`` are passed to ``spec.compute``.

    Examples
    --------
    >>> import tempfile
    >>> from matplotlib.figure import Figure
    >>> spec = FigureSpec("demo", "One number.", lambda x=1.0: xr.Dataset({"x": x}),
    ...                   lambda ds: Figure())
    >>> with tempfile.TemporaryDirectory() as out:
    ...     png, nc = save(spec, out, x=0.5)
    ...     print(png.name, nc.name, float(xr.load_dataset(nc).x))
    demo.png demo.nc 0.5
    """
    import matplotlib  # noqa: PLC0415

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ds = spec.compute(**options)
    ds.attrs.setdefault("figure", spec.name)
    ds.attrs.setdefault("caption", spec.caption)
    fig = spec.draw(ds)
    png = out / f"{spec.name}.png"
    nc = out / f"{spec.name}.nc"
    fig.savefig(png, dpi=130, bbox_inches="tight")
    plt.close(fig)
    ds.to_netcdf(nc)
    return png, nc
