"""The ``autocoherence`` command: figures, reproduction of both papers, the demo, examples.

A thin typer layer: figures come from :mod:`autocoherence.figures`, the demo's numbers from
:mod:`autocoherence.headline` and :mod:`autocoherence.spins.headline`, sweeps from
:mod:`autocoherence.cli.sweep_commands`. A user error (unknown figure or option, bad value,
an ``--out`` that is a file) ends with one ``error:`` line and exit status 2, never a
Python traceback.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from autocoherence.cli._examples import example
from autocoherence.cli._params import describe, figure_parameters, parse_settings
from autocoherence.cli._render import Rendered, render_all
from autocoherence.cli.predict import predict_command
from autocoherence.cli.sweep_commands import plot_command, sweep_command
from autocoherence.errors import AutocoherenceError

__all__ = ["app", "main"]

app = typer.Typer(
    help="Autonomous quantum coherence from thermal environments: collision models, spin networks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(highlight=False)
app.command("sweep", help="Run a parameter sweep from a TOML spec into a resumable Zarr store.")(
    sweep_command
)
app.command("plot", help="Plot one quantity of a sweep against a grid axis (PNG, matplotlib).")(
    plot_command
)
app.command("example", help="Print or write one of the example sweep specs (TOML).")(example)
app.command(
    "predict",
    help="Predict a device's steady-state coherence from a TOML description in lab units.",
)(predict_command)

DOCS_PAGE = (
    "docs/getting-started.md, and every figure with its caption in the gallery "
    "(make docs, then open site/index.html)"
)


class ImageFormat(StrEnum):
    """Image formats of ``--format``."""

    png = "png"
    pdf = "pdf"
    svg = "svg"


OutOption = Annotated[
    Path, typer.Option("--out", help="Directory for the images and their netCDF data.")
]
FormatOption = Annotated[
    ImageFormat | None, typer.Option("--format", help="Image format (default png).")
]
DpiOption = Annotated[
    int | None, typer.Option("--dpi", min=1, help="Resolution of raster images (dots per inch).")
]
JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", min=1, help="Figures computed in parallel (processes).")
]
CacheOption = Annotated[
    bool,
    typer.Option(
        "--cache/--no-cache", help="Reuse figures in OUT whose code and options are unchanged."
    ),
]


def _version(value: bool) -> None:
    if value:
        from autocoherence import __version__  # noqa: PLC0415

        typer.echo(f"autocoherence {__version__}")
        raise typer.Exit


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Autonomous quantum coherence from thermal environments: collision models, spin networks."""


def fail(message: str) -> typer.Exit:
    """Print ``error: message`` and return the exit (status 2) to raise."""
    console.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True)
    return typer.Exit(code=2)


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise fail(f"--out must be a directory, got {str(out)!r}, which is an existing file")


#: Processes for reproduce/demo: two, or one on a single-core machine.
JOBS = max(1, min(2, os.cpu_count() or 1))


def _progress(prefix: str = "") -> Callable[[int, int, Rendered], None]:
    """Plain lines ``[3/19] collision-fig2a ... 2.1 s`` (readable in a log as on a terminal)."""

    def report(done: int, total: int, r: Rendered) -> None:
        timing = "cached" if r.cached else f"{r.seconds:.1f} s"
        console.print(f"{prefix}[{done}/{total}] {escape(r.name)} ... {timing}", soft_wrap=True)

    return report


def _run(
    names: Sequence[str],
    out: Path,
    *,
    options: dict[str, dict[str, Any]] | None = None,
    fmt: ImageFormat | None = None,
    dpi: int | None = None,
    jobs: int = 1,
    use_cache: bool = False,
    meanwhile: Callable[[], None] | None = None,
) -> list[Rendered]:
    """render_all with the CLI's progress lines; user errors become ``error:`` lines."""
    _check_out(out)
    waiting = (
        console.status(f"computing {len(names)} figure(s) ...")
        if console.is_terminal
        else contextlib.nullcontext()
    )  # a spinner on a terminal; the plain progress lines are printed either way
    try:
        with waiting:
            return render_all(
                names,
                out,
                options=options,
                fmt=None if fmt is None else fmt.value,
                dpi=dpi,
                jobs=jobs,
                use_cache=use_cache,
                report=_progress(),
                meanwhile=meanwhile,
            )
    except AutocoherenceError as exc:
        raise fail(str(exc)) from exc
    except (ValueError, TypeError) as exc:  # figure code checking options with builtin errors
        raise fail(f"{', '.join(names)}: {exc}") from exc


@app.command(context_settings={"help_option_names": []})
def figure(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Figure name, e.g. collision-fig2a.")] = None,
    out: OutOption = Path("out"),
    list_: Annotated[bool, typer.Option("--list", help="List the available figures.")] = False,
    n: Annotated[
        list[int] | None,
        typer.Option("--n", help="Cluster sizes for figures that take N: --n 1 2 3 8 32."),
    ] = None,
    settings: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="NAME=VALUE",
            help="A parameter of the figure, repeatable: --set f2=0.5 --set tau=0.02 "
            "(see autocoherence figure NAME --help).",
        ),
    ] = None,
    fmt: FormatOption = None,
    dpi: DpiOption = None,
    help_: Annotated[
        bool,
        typer.Option(
            "--help", "-h", help="Show this message, or with NAME what that figure accepts."
        ),
    ] = False,
    more_n: Annotated[list[int] | None, typer.Argument(hidden=True)] = None,
) -> None:
    """Reproduce one figure: writes NAME.png (or --format) and its data NAME.nc.

    With NAME, --help lists the figure's parameters, their types and defaults.
    """
    from autocoherence.figures import get_figure, registry  # noqa: PLC0415

    if help_ and name is None:
        text = ctx.get_help()
        if text:
            typer.echo(text)
        raise typer.Exit
    if list_ or name is None:
        from rich.table import Table  # noqa: PLC0415

        table = Table("name", "what it shows")
        for spec in registry().values():
            table.add_row(spec.name, spec.caption)
        console.print(table)
        return
    try:
        spec = get_figure(name)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    params = figure_parameters(spec.compute)
    if help_:
        console.print(escape(describe(spec.name, spec.caption, params)), soft_wrap=True)
        console.print(
            f"\nExample: autocoherence figure {spec.name} --out out --format pdf"
            + (" --n 1 2 3" if "cluster_sizes" in params else ""),
            soft_wrap=True,
        )
        return
    if more_n and not n:
        raise fail(f"unexpected arguments {more_n}; did you mean --n?")
    sizes = [*(n or []), *(more_n or [])]
    try:
        options = parse_settings(spec.name, params, settings or [])
    except AutocoherenceError as exc:
        raise fail(str(exc)) from exc
    if sizes:
        if "cluster_sizes" not in params:
            raise fail(
                f"figure {spec.name} does not take cluster sizes (--n); "
                f"it accepts: {', '.join(params) or 'no parameters'}"
            )
        bad = [s for s in sizes if s < 1]
        if bad:
            raise fail(f"--n takes cluster sizes N >= 1, got {bad[0]}")
        options["cluster_sizes"] = tuple(sizes)
    (r,) = _run([spec.name], out, options={spec.name: options}, fmt=fmt, dpi=dpi)
    console.print(f"wrote {escape(str(r.image))} and {escape(str(r.data))}", soft_wrap=True)


@app.command()
def reproduce(
    out: OutOption = Path("out"),
    fmt: FormatOption = None,
    dpi: DpiOption = None,
    jobs: JobsOption = JOBS,
    use_cache: CacheOption = True,
) -> None:
    """Reproduce every figure of both papers into OUT (in parallel; unchanged ones are reused)."""
    import time  # noqa: PLC0415

    from autocoherence.figures import figure_names  # noqa: PLC0415

    start = time.perf_counter()
    done = _run(figure_names(), out, fmt=fmt, dpi=dpi, jobs=jobs, use_cache=use_cache)
    fresh = sum(not r.cached for r in done)
    console.print(
        f"wrote {len(done)} figures ({fresh} computed, {len(done) - fresh} cached) with their "
        f"netCDF data to {escape(str(out))}/ in {time.perf_counter() - start:.1f} s",
        soft_wrap=True,
    )


@app.command()
def demo(
    out: OutOption = Path("out"),
    jobs: JobsOption = JOBS,
    use_cache: CacheOption = True,
) -> None:
    """Print both papers' headline numbers beside their closed forms; write every figure."""
    import time  # noqa: PLC0415

    from autocoherence.cli._demo import print_tables  # noqa: PLC0415
    from autocoherence.figures import figure_names  # noqa: PLC0415

    start = time.perf_counter()
    names = figure_names()
    console.print(
        f"Drawing {len(names)} figures into {escape(str(out))}/ on {jobs} process(es) while "
        "the tables are computed; progress lines follow the tables.",
        soft_wrap=True,
    )
    done = _run(
        names,
        out,
        jobs=jobs,
        use_cache=use_cache,
        meanwhile=lambda: print_tables(console),
    )
    fresh = sum(not r.cached for r in done)
    console.rule("Done")
    console.print(
        f"{len(done)} figures (PNG) and their data (netCDF) are in {escape(str(out))}/ "
        f"({fresh} computed, {len(done) - fresh} reused); "
        f"total {time.perf_counter() - start:.1f} s.\nRead next: {DOCS_PAGE}.",
        soft_wrap=True,
    )


def main() -> None:
    """Run the command line (the ``autocoherence`` script and ``python -m autocoherence``)."""
    app(prog_name="autocoherence")
