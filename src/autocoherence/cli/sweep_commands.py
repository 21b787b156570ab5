"""The ``autocoherence sweep`` and ``autocoherence plot`` commands (plain typer functions).

Registered in :mod:`autocoherence.cli` with ``app.command("sweep")(sweep_command)`` and
``app.command("plot")(plot_command)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from autocoherence.errors import AutocoherenceError, ParameterError

__all__ = ["plot_command", "sweep_command"]

console = Console()


class _RateColumn(ProgressColumn):
    """Points per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("-- points/s" if speed is None else f"{speed:,.0f} points/s")


class _ProgressBar:
    """A rich progress bar fed by the sweep's ``progress(done, total)`` callback."""

    def __init__(self, progress: Progress, description: str) -> None:
        self.progress = progress
        self.description = description
        self.task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.task is None:  # the first call: points already in the store do not count as speed
            self.task = self.progress.add_task(self.description, total=total, completed=done)
        else:
            self.progress.update(self.task, completed=done)


def _fail(message: str, code: int = 2) -> typer.Exit:
    console.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code=code)


#: What a command reports as a clear message (exit code 2) instead of a traceback.
USER_ERRORS = (AutocoherenceError, ValueError, TypeError, ImportError, OSError)


def _output_file(path: Path | None, option: str, suffix: str) -> None:
    """Refuse an output file option that names a directory or has the wrong suffix."""
    if path is None:
        return
    if path.is_dir():
        raise _fail(f"{option} {path} is a directory; give a file name ending in {suffix}")
    if path.suffix.lower() != suffix:
        raise _fail(f"{option} must be a {suffix} file, got {path}")


def sweep_command(
    spec: Annotated[Path, typer.Argument(help="TOML sweep spec (see examples/).")],
    out: Annotated[
        Path, typer.Option("--out", help="Zarr store; an existing one of the same spec resumes.")
    ] = Path("results.zarr"),
    executor: Annotated[
        str, typer.Option("--executor", help="local (process pool), dask, or serial.")
    ] = "local",
    address: Annotated[
        str | None, typer.Option("--address", help="Dask scheduler, e.g. tcp://host:8786.")
    ] = None,
    netcdf: Annotated[
        Path | None, typer.Option("--netcdf", help="Also write the result to this .nc file.")
    ] = None,
) -> None:
    """Run a parameter sweep from a TOML spec into a resumable Zarr store.

    Examples
    --------
    ``autocoherence sweep fig2a.toml --out fig2a.zarr --executor serial`` on the command
    line is this call (the first output line is the progress bar):

    >>> import tempfile
    >>> toml = '''
    ... [model]
    ... family = "collision"
    ... f1 = 0.3
    ... f2 = 0.6
    ... [grid]
    ... temperature = [0.0, 0.5, 1.0]
    ... [sweep]
    ... quantities = ["l1_coherence"]
    ... '''
    >>> with tempfile.TemporaryDirectory() as d:  # doctest: +ELLIPSIS
    ...     spec = Path(d) / "fig2a.toml"
    ...     _ = spec.write_text(toml)
    ...     sweep_command(spec, out=Path(d) / "fig2a.zarr", executor="serial")
    fig2a ...
    wrote .../fig2a.zarr: 3 of 3 points, quantities l1_coherence
    """
    from autocoherence.sweeps.runner import NonFiniteResultError  # noqa: PLC0415
    from autocoherence.sweeps.spec import load_spec, run_spec  # noqa: PLC0415
    from autocoherence.sweeps.storage import to_netcdf  # noqa: PLC0415

    try:
        parsed = load_spec(spec)
    except USER_ERRORS as exc:
        raise _fail(str(exc)) from exc
    if out.exists() and not out.is_dir():
        raise _fail(
            f"--out {out} is an existing file, not a sweep store (a Zarr directory); give a "
            "new path, or the store of an earlier run of this spec to resume it"
        )
    _output_file(netcdf, "--netcdf", ".nc")
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("points"),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    try:
        with Progress(*columns, console=console) as bar:
            ds = run_spec(
                parsed,
                store=out,
                executor=executor,
                address=address,
                progress=_ProgressBar(bar, escape(spec.stem)),
            )
        if netcdf is not None:
            to_netcdf(ds, netcdf)
    except NonFiniteResultError as exc:  # not a user error: the computation failed there
        raise _fail(str(exc), code=1) from exc
    except USER_ERRORS as exc:
        raise _fail(str(exc)) from exc
    extra = f" and {netcdf}" if netcdf is not None else ""
    console.print(
        escape(
            f"wrote {out}{extra}: {ds.attrs['points_done']} of {ds.attrs['points_total']} "
            f"points, quantities {', '.join(map(str, ds.data_vars))}"
        ),
        highlight=False,
        soft_wrap=True,
    )


def _parse_sel(items: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in items:
        name, eq, value = item.partition("=")
        try:
            if not eq or not name:
                raise ParameterError(item)
            out[name.strip()] = float(value)
        except ValueError as exc:
            raise _fail(f"--sel takes NAME=NUMBER, e.g. --sel f2=0.6; got {item!r}") from exc
    return out


def plot_command(
    store: Annotated[Path, typer.Argument(help="Sweep store written by `autocoherence sweep`.")],
    x: Annotated[str, typer.Option("--x", help="Grid axis on the horizontal axis.")],
    y: Annotated[str, typer.Option("--y", help="Quantity on the vertical axis.")],
    hue: Annotated[str | None, typer.Option("--hue", help="Grid axis: one line per value.")] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="PNG file; default STORE_Y_vs_X.png beside it.")
    ] = None,
    sel: Annotated[
        list[str] | None,
        typer.Option("--sel", help="Fix another axis: --sel f2=0.6 (nearest value)."),
    ] = None,
) -> None:
    """Plot one quantity of a sweep against a grid axis (PNG, matplotlib).

    Examples
    --------
    ``autocoherence plot fig2a.zarr --x temperature --y l1_coherence`` on the command line
    is this call:

    >>> import tempfile
    >>> from autocoherence.sweeps import CollisionFamily, sweep
    >>> with tempfile.TemporaryDirectory() as d:  # doctest: +ELLIPSIS
    ...     store = Path(d) / "fig2a.zarr"
    ...     _ = sweep(CollisionFamily(f1=0.3, f2=0.6), {"temperature": [0.0, 0.5, 1.0]},
    ...               ["l1_coherence"], store=store, executor="serial")
    ...     plot_command(store, x="temperature", y="l1_coherence")
    wrote .../fig2a_l1_coherence_vs_temperature.png
    """
    from autocoherence.sweeps.plotting import line_plot  # noqa: PLC0415
    from autocoherence.sweeps.storage import load  # noqa: PLC0415

    selection = _parse_sel(sel or [])
    png = out or store.with_name(f"{store.stem}_{y}_vs_{x}.png")
    _output_file(png, "--out", ".png")
    try:
        ds = load(store)
        fig = line_plot(ds, x, y, hue, selection)
        png.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(png, dpi=130)
    except USER_ERRORS as exc:
        raise _fail(str(exc)) from exc
    console.print(escape(f"wrote {png}"), highlight=False, soft_wrap=True)
