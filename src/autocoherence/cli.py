"""The ``autocoherence`` command: figures, reproduction of both papers, and the demo."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from autocoherence.sweeps.commands import plot_command, sweep_command

app = typer.Typer(
    help="Autonomous quantum coherence from thermal environments: collision models, spin networks.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
app.command("sweep", help="Run a parameter sweep from a TOML spec into a resumable Zarr store.")(
    sweep_command
)
app.command("plot", help="Plot one quantity of a sweep against a grid axis (PNG, matplotlib).")(
    plot_command
)

OutOption = Annotated[Path, typer.Option("--out", help="Directory for PNG and netCDF files.")]


@app.command()
def figure(
    name: Annotated[str | None, typer.Argument(help="Figure name, e.g. collision-fig2a.")] = None,
    out: OutOption = Path("out"),
    list_: Annotated[bool, typer.Option("--list", help="List the available figures.")] = False,
    n: Annotated[
        list[int] | None,
        typer.Option("--n", help="Cluster sizes for figures that take N: --n 1 2 3 8 32."),
    ] = None,
    more_n: Annotated[list[int] | None, typer.Argument(hidden=True)] = None,
) -> None:
    """Reproduce one figure: writes NAME.png and its data NAME.nc."""
    if more_n and not n:
        console.print(f"[red]error:[/red] unexpected arguments {more_n}; did you mean --n?")
        raise typer.Exit(code=2)
    n = [*(n or []), *(more_n or [])]
    from autocoherence.figures import get_figure, registry, save  # noqa: PLC0415

    if list_ or name is None:
        table = Table("name", "what it shows")
        for spec in registry().values():
            table.add_row(spec.name, spec.caption)
        console.print(table)
        return
    try:
        spec = get_figure(name)
    except ValueError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(code=2) from exc
    options = {"cluster_sizes": tuple(n)} if n else {}
    try:
        png, nc = save(spec, out, **options)
    except TypeError as exc:
        console.print(f"[red]error:[/red] figure {name} does not accept these options ({exc})")
        raise typer.Exit(code=2) from exc
    console.print(f"wrote {png} and {nc}")


@app.command()
def reproduce(out: OutOption = Path("out")) -> None:
    """Reproduce every figure of both papers into OUT."""
    from autocoherence.figures import registry, save  # noqa: PLC0415

    for spec in registry().values():
        with console.status(f"computing {spec.name} ..."):
            png, _ = save(spec, out)
        console.print(f"wrote {png}")


def _print_collision_table() -> None:
    from autocoherence.headline import collision_steady_state_table  # noqa: PLC0415

    ds = collision_steady_state_table()
    console.rule("Paper 1 (PRA 104, 062209): steady-state coherence C_ss, Fig. 2(a) parameters")
    console.print(
        f"omega = omega_B = 1, f2 = {ds.attrs['f2']}, f1 = f2/sqrt(2); "
        f"dots route: exact collisions at tau = {ds.attrs['tau']}"
    )
    table = Table("N", "T", "closed form (8)", "master eq. (A5)", "collisions", "P_ss (8)")
    for n in ds.cluster_size.values:
        for t in ds.temperature.values:
            c = ds.l1_coherence.sel(cluster_size=n, temperature=t)
            p = ds.purity.sel(cluster_size=n, temperature=t, route="closed_form")
            table.add_row(
                str(n),
                f"{t:g}",
                *(f"{float(c.sel(route=r)):.6f}" for r in ds.route.values),
                f"{float(p):.6f}",
            )
    console.print(table)


def _print_spins_table() -> None:
    from autocoherence.spins.headline import spins_headline_table  # noqa: PLC0415

    ds = spins_headline_table()
    console.rule("Paper 2 (Kolář, Filip): local coherence of thermalized spin networks, low T")
    console.print(f"dense Gibbs states at T = {ds.attrs.get('temperature', 0.01)}")
    table = Table("quantity", "equation", "closed form", "dense Gibbs", "|difference|")
    for q in ds.quantity.values:
        row = ds.sel(quantity=q)
        table.add_row(
            str(q),
            str(row.equation.values),
            f"{float(row.closed_form):.10f}",
            f"{float(row.dense):.10f}",
            f"{float(row.abs_difference):.1e}",
        )
    console.print(table)


@app.command()
def demo(out: OutOption = Path("out")) -> None:
    """Print the headline results of both papers beside their closed forms; write figures."""
    _print_collision_table()
    _print_spins_table()
    reproduce(out)


if __name__ == "__main__":  # pragma: no cover
    app()
