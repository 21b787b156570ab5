"""What every figure provides (a name, a caption, a data step, a drawing step) and :func:`save`.

Figures draw on :class:`matplotlib.figure.Figure`: no pyplot state, the user's backend is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import xarray as xr

from autocoherence._checks import check_choice, check_int

__all__ = ["FORMATS", "STYLE", "FigureSpec", "save"]

FORMATS: tuple[str, ...] = ("png", "pdf", "svg")  #: image formats :func:`save` writes

#: Font sizes while a figure is drawn and written (``rc_context``: the user's are restored).
#: Two-panel figures are ~7.5 in wide: at page width (≈ 6.5 in) legends still print at ≥ 7 pt.
STYLE: dict[str, Any] = {
    "font.size": 10.0,
    "axes.labelsize": 11.0,
    "axes.titlesize": 10.0,
    "xtick.labelsize": 9.5,
    "ytick.labelsize": 9.5,
    "legend.fontsize": 8.5,
    "figure.titlesize": 10.5,
}


@dataclass(frozen=True)
class FigureSpec:
    """A reproducible figure.

    ``name``: the CLI name (``collision-fig2a``, ``spins-fig3a``, or descriptive for ours);
    ``caption``: one sentence on what it shows and which routes draw curves and dots;
    ``compute(**options) -> xarray.Dataset``: all numbers the figure shows, every option a
    keyword with a type annotation and a default (the CLI reads ``inspect.signature``);
    ``draw(dataset) -> matplotlib.figure.Figure``: plotting only, no physics.
    """

    name: str
    caption: str
    compute: Callable[..., xr.Dataset]
    draw: Callable[[xr.Dataset], Any]


def save(
    spec: FigureSpec,
    out_dir: str | Path,
    *,
    fmt: Any = "png",  # str; Any so that untyped option dicts (**options) type-check
    dpi: Any = None,  # int | None; both are validated below
    **options: Any,
) -> tuple[Path, Path]:
    """Compute, draw and write ``NAME.<fmt>`` and ``NAME.nc`` (the data) into ``out_dir``.

    ``out_dir`` is created if missing; ``fmt`` is one of :data:`FORMATS`; ``dpi`` (default 130)
    only affects rasterised parts in pdf/svg; ``options`` go to ``spec.compute``. Returns the
    paths of the image and of the netCDF file.

    Examples
    --------
    >>> import tempfile
    >>> from matplotlib.figure import Figure
    >>> spec = FigureSpec("demo", "One number.", lambda x=1.0: xr.Dataset({"x": x}),
    ...                   lambda ds: Figure())
    >>> with tempfile.TemporaryDirectory() as out:
    ...     image, nc = save(spec, out, fmt="svg", x=0.5)
    ...     print(image.name, nc.name, float(xr.load_dataset(nc).x))
    demo.svg demo.nc 0.5
    """
    import matplotlib  # noqa: PLC0415

    fmt = check_choice(fmt, "fmt", FORMATS)
    resolution = 130 if dpi is None else check_int(dpi, "dpi", minimum=1)
    ds = spec.compute(**options)
    ds.attrs.setdefault("figure", spec.name)
    ds.attrs.setdefault("caption", spec.caption)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    image, nc = Path(out_dir, f"{spec.name}.{fmt}"), Path(out_dir, f"{spec.name}.nc")
    with matplotlib.rc_context(cast(Any, STYLE)):
        fig = spec.draw(ds)
        fig.savefig(image, format=fmt, dpi=resolution, bbox_inches="tight")
    ds.to_netcdf(nc)
    return image, nc
