"""The layers of the package, checked on every module's imports (issue 14, item 5).

* ``errors, typing, _checks, _su2, spaces, states, measures, systems, netcdf`` import nothing above
  them (no ``collision``, ``spins``, ``sweeps``, ``figures``, ``lab``, ``cli``);
* the collision routes (``collision/formulas``, ``generator``, ``exact``, ``transient``,
  ``thermodynamics``, ``operators``, ``trajectory``, ``interactions``, ``results``) never import
  the model class at run time: models compile to operators, routes take operators;
* only ``cli/`` imports ``typer`` or ``autocoherence.cli``;
* the grid engine (``sweeps/``) never imports ``figures/``: figures are specifications over it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "autocoherence"
BASE = ("errors", "typing", "_checks", "_su2", "spaces", "states", "measures", "systems", "netcdf")
ABOVE = ("collision", "spins", "sweeps", "figures", "lab", "cli", "headline")


def _module(path: Path) -> str:
    return ".".join(("autocoherence", *path.relative_to(SRC).with_suffix("").parts))


def _runtime_imports(path: Path) -> set[str]:
    """Modules imported by ``path``, outside ``if TYPE_CHECKING:`` blocks (lazy ones too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                out.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                out.add(child.module)
                out.update(f"{child.module}.{alias.name}" for alias in child.names)
            visit(child)

    visit(tree)
    return out


MODULES = sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", [SRC / f"{name}.py" for name in BASE], ids=BASE)
def test_base_modules_import_nothing_above_them(path):
    above = {
        m
        for m in _runtime_imports(path)
        if any(m == f"autocoherence.{a}" or m.startswith(f"autocoherence.{a}.") for a in ABOVE)
    }
    assert not above, f"{_module(path)} imports {sorted(above)}"


ROUTES = [
    p
    for p in MODULES
    if p.is_relative_to(SRC / "collision") and p.name not in ("model.py", "__init__.py")
]


@pytest.mark.parametrize("path", ROUTES, ids=[_module(p) for p in ROUTES])
def test_collision_routes_never_import_the_model(path):
    bad = {m for m in _runtime_imports(path) if m.startswith("autocoherence.collision.model")}
    assert not bad, f"{_module(path)} imports {sorted(bad)}"


LIBRARY = [p for p in MODULES if not p.is_relative_to(SRC / "cli") and p.name != "__main__.py"]


@pytest.mark.parametrize("path", LIBRARY, ids=[_module(p) for p in LIBRARY])
def test_only_the_cli_imports_typer(path):
    bad = {
        m
        for m in _runtime_imports(path)
        if m == "typer" or m.startswith(("typer.", "autocoherence.cli"))
    }
    assert not bad, f"{_module(path)} imports {sorted(bad)}"


ENGINE = [p for p in MODULES if p.is_relative_to(SRC / "sweeps")]


@pytest.mark.parametrize("path", ENGINE, ids=[_module(p) for p in ENGINE])
def test_the_grid_engine_never_imports_the_figures(path):
    bad = {m for m in _runtime_imports(path) if m.startswith("autocoherence.figures")}
    assert not bad, f"{_module(path)} imports {sorted(bad)}"
