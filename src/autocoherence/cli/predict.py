"""The ``autocoherence predict`` command (a plain typer function).

The lead registers it in :mod:`autocoherence.cli` with ``app.command("predict")(predict_command)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from autocoherence.cli.sweep_commands import USER_ERRORS

__all__ = ["predict_command"]

console = Console()


def predict_command(
    path: Annotated[Path, typer.Argument(help="Device description in lab units (TOML).")],
    optimize: Annotated[
        bool, typer.Option("--optimize/--no-optimize", help="Search the best couplings.")
    ] = True,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the global search.")] = 0,
) -> None:
    """Steady-state coherence, purity, QFI, heat and work rates of a device, in lab units.

    Also the couplings that maximise the coherence (within [optimize]) and how the answer
    moves across the [uncertain] ranges (with a progress bar).

    Examples
    --------
    ``autocoherence predict device.toml --no-optimize`` on the command line is this call:

    >>> import tempfile
    >>> toml = '''
    ... [target]
    ... frequency = "5 GHz"
    ... [bath]
    ... frequency = "5 GHz"
    ... temperature = "20 mK"
    ... cluster_size = 3
    ... [coupling]
    ... g_parallel = "1 MHz"
    ... g_exchange = "1 MHz"
    ... tau = "50 ns"
    ... '''
    >>> with tempfile.TemporaryDirectory() as d:  # doctest: +ELLIPSIS
    ...     device = Path(d) / "device.toml"
    ...     _ = device.write_text(toml)
    ...     predict_command(device, optimize=False)
    device: qubit at 5 GHz, ...
    ...
    steady-state coherence C_ss (l1)  0.0001885
    ...
    """
    from autocoherence.lab.predict import load_device, predict  # noqa: PLC0415

    try:
        device = load_device(path)
    except USER_ERRORS as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=2) from exc
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    try:
        if not [k for k in device.uncertain if k != "points"]:
            result = predict(device, optimize=optimize, seed=seed)
        else:
            with Progress(
                *columns, console=console, transient=True, disable=not console.is_terminal
            ) as bar:
                task = None

                def progress(done: int, total: int) -> None:
                    nonlocal task
                    if task is None:
                        task = bar.add_task("uncertain ranges", total=total)
                    bar.update(task, completed=done)

                result = predict(device, optimize=optimize, progress=progress, seed=seed)
    except USER_ERRORS as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=2) from exc
    console.print(escape(result.report()), highlight=False, soft_wrap=True)
