"""``autocoherence example``: the example sweep specs shipped inside the package.

The TOML files live in ``autocoherence/examples/`` (package data), so an installed wheel
can follow the docs: ``autocoherence example collision-fig2a --out fig2a.toml``.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

__all__ = ["example", "example_names", "example_text"]

console = Console(highlight=False)


def _folder() -> Traversable:
    return files("autocoherence").joinpath("examples")


def example_names() -> list[str]:
    """Names of the shipped example specs (file names without ``.toml``), sorted.

    Examples
    --------
    >>> "collision-fig2a" in example_names()
    True
    """
    return sorted(p.name[: -len(".toml")] for p in _folder().iterdir() if p.name.endswith(".toml"))


def example_text(name: str) -> str:
    """The TOML text of example ``name``.

    Raises
    ------
    ParameterError
        For an unknown name, listing the available ones.

    Examples
    --------
    >>> example_text("collision-fig2a").splitlines()[0][:30]
    '# PRA 104, 062209 (2021), Fig.'
    >>> example_text("fig2a")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: unknown example 'fig2a'; available: collision-fig2a, ...
    """
    from autocoherence.errors import ParameterError  # noqa: PLC0415

    names = example_names()
    stem = name.removesuffix(".toml")
    if stem not in names:
        raise ParameterError(f"unknown example {name!r}; available: {', '.join(names)}")
    return _folder().joinpath(f"{stem}.toml").read_text(encoding="utf-8")


def _summary(text: str) -> str:
    first = [ln.lstrip("# ").rstrip() for ln in text.splitlines() if ln.startswith("#")]
    return " ".join(first[:2])


def example(
    name: Annotated[str | None, typer.Argument(help="Example name, e.g. collision-fig2a.")] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the spec to this file (default: print).")
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the example specs.")] = False,
) -> None:
    """Print or write one of the example sweep specs (TOML), e.g. to run with ``sweep``."""
    if list_ or name is None:
        for n in example_names():
            console.print(f"{n:22s} {escape(_summary(example_text(n)))}", soft_wrap=True)
        return
    from autocoherence.errors import ParameterError  # noqa: PLC0415

    try:
        text = example_text(name)
    except ParameterError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(code=2) from exc
    if out is None:
        typer.echo(text, nl=False)
        return
    if out.is_dir():
        out = out / f"{name.removesuffix('.toml')}.toml"
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        console.print(f"[red]error:[/red] cannot write {escape(str(out))}: {exc.strerror}")
        raise typer.Exit(code=2) from exc
    console.print(f"wrote {escape(str(out))}; run it with: autocoherence sweep {escape(str(out))}")
