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
    """

    name: str
    caption: str
    compute: Callable[..., xr.Dataset]
    draw: Callable[[xr.Dataset], Any]


def save(spec: FigureSpec, out_dir: str | Path, **options: Any) -> tuple[Path, Path]:
    """Compute, draw and write ``NAME.png`` and ``NAME.nc`` (the data) into ``out_dir``."""
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
