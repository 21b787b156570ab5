"""What every figure provides: a name, a caption, a data step and a drawing step.

Figures are drawn on :class:`matplotlib.figure.Figure` objects and written through
:meth:`~matplotlib.figure.Figure.savefig` (an Agg canvas, attached by the Figure itself): no
pyplot state, no backend switch. A Jupyter user's ``matplotlib.get_backend()`` is left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import xarray as xr

from autocoherence._checks import check_choice, check_int

__all__ = ["FORMATS", "STYLE", "FigureSpec", "save"]

#: Image formats :func:`save` writes.
FORMATS: tuple[str, ...] = ("png", "pdf", "svg")

#: Font sizes of every figure, applied while it is drawn and written (``matplotlib.rc_context``:
#: the user's settings are restored afterwards). Two-panel figures are ~7.5 in wide, so at page
#: width (≈ 6.5 in) the smallest text (legends, 8.5 pt) still prints at ≥ 7 pt.
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

    Attributes
    ----------
    name : str
        CLI name, prefixed by the paper (``collision-fig2a``, ``spins-fig3a``) or descriptive
        for our own figures.
    caption : str
        One sentence on what it shows and which routes draw curves and dots.
    compute : callable
        ``compute(**options) -> xarray.Dataset``: all numbers the figure shows. Every physical
        parameter is a keyword argument with a type annotation and a default (the command line
        derives each figure's options from ``inspect.signature(compute)``).
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


def save(
    spec: FigureSpec,
    out_dir: str | Path,
    *,
    fmt: Any = "png",  # str; Any so that untyped option dicts (**options) type-check
    dpi: Any = None,  # int | None; both are validated below
    **options: Any,
) -> tuple[Path, Path]:
    """Compute, draw and write ``NAME.<fmt>`` and ``NAME.nc`` (the data) into ``out_dir``.

    Parameters
    ----------
    spec : FigureSpec
        The figure.
    out_dir : str or Path
        Output folder (created if missing).
    fmt : {"png", "pdf", "svg"}, keyword-only
        Image format.
    dpi : int, optional, keyword-only
        Resolution of the image (default 130; in pdf/svg it only affects rasterised parts).
    **options
        Passed to ``spec.compute``.

    Returns
    -------
    (Path, Path)
        The image and the netCDF file.

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
    >>> save(spec, ".", fmt="jpg")
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: fmt must be one of 'png', 'pdf', 'svg'; got fmt='jpg'
    """
    import matplotlib  # noqa: PLC0415

    fmt = check_choice(fmt, "fmt", FORMATS)
    resolution = 130 if dpi is None else check_int(dpi, "dpi", minimum=1)
    out = Path(out_dir)
    ds = spec.compute(**options)
    ds.attrs.setdefault("figure", spec.name)
    ds.attrs.setdefault("caption", spec.caption)
    out.mkdir(parents=True, exist_ok=True)
    image = out / f"{spec.name}.{fmt}"
    nc = out / f"{spec.name}.nc"
    with matplotlib.rc_context(cast(Any, STYLE)):
        fig = spec.draw(ds)
        fig.savefig(image, format=fmt, dpi=resolution, bbox_inches="tight")
    ds.to_netcdf(nc)
    return image, nc
