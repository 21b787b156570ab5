"""Packaging: one version, typed, licensed, example specs shipped; the built sdist and wheel.

The source-tree checks always run. The checks of a built sdist and wheel run when
``AUTOCOHERENCE_DIST`` names the folder ``make wheel-check`` built them into (``python -m
build``: the sdist, then the wheel from the sdist). The wheel is installed with ``--no-deps``
into a fresh venv whose only other path is this environment's site-packages (a ``.pth``
line), so the test proves the wheel's own files are enough without downloading numpy,
scipy and QuTiP again on every CI run; ``.pth`` files of that folder (this checkout's
editable install) are not executed, so the import must come from the wheel.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

import autocoherence
from autocoherence.cli._examples import example_names, example_text

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "autocoherence"
DIST = os.environ.get("AUTOCOHERENCE_DIST")


# ------------------------------------------------------------------ the source tree
def test_version_has_one_source():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    assert "version" not in project
    assert project["dynamic"] == ["version"]
    dynamic = pyproject["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "autocoherence.__version__"}
    init = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    assert re.findall(r'^__version__ = "([^"]+)"$', init, flags=re.M) == [autocoherence.__version__]


def test_typed_and_licensed():
    assert (PACKAGE / "py.typed").is_file()
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == "MIT"
    assert "Typing :: Typed" in pyproject["project"]["classifiers"]
    data = pyproject["tool"]["setuptools"]["package-data"]["autocoherence"]
    assert set(data) == {"py.typed", "examples/*.toml"}


def test_shipped_examples_are_the_repository_examples():
    """examples/*.toml (what the docs show) and the package data (what a wheel has) agree."""
    repo = sorted(p.stem for p in (ROOT / "examples").glob("*.toml"))
    assert example_names() == repo
    for name in repo:
        assert example_text(name) == (ROOT / "examples" / f"{name}.toml").read_text("utf-8")


def test_readme_is_self_contained():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../" not in readme
    first_screen = "\n".join(readme.splitlines()[:40])
    for command in ("pip install .", "make demo", "make test"):
        assert command in first_screen
    assert len(_readme_example(readme).strip().splitlines()) <= 12


def _readme_example(readme: str) -> str:
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert len(blocks) == 1, "the README has exactly one Python example"
    return blocks[0]


def test_readme_example_prints_what_it_says():
    """The README example, run here: three routes, closed form = master equation."""
    code = _readme_example((ROOT / "README.md").read_text(encoding="utf-8"))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    values = dict(re.findall(r"^(\w+)\s+C_ss = ([0-9.]+)", out, flags=re.M))
    assert set(values) == {"closed_form", "master_equation", "collisions"}
    assert values["closed_form"] == values["master_equation"] == "0.402699"
    assert values["collisions"] == "0.405877"  # O(τ) above: 3.2e-3 at τ = 0.051
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(0.402699)" in readme
    assert "(0.405877, O(τ) away)" in readme


# ------------------------------------------------------------------ the built distributions
needs_dist = pytest.mark.skipif(
    DIST is None, reason="set AUTOCOHERENCE_DIST (make wheel-check builds and sets it)"
)


def _one(pattern: str) -> Path:
    assert DIST is not None
    found = sorted(Path(DIST).glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {DIST}, found {found}"
    return found[0]


@needs_dist
def test_sdist_carries_docs_examples_and_the_whole_test_suite():
    sdist = _one("autocoherence-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    expected = {
        "README.md",
        "LICENSE",
        "Makefile",
        "mkdocs.yml",
        ".ci/run",
        "docs/index.md",
        "docs/architecture.md",
        "docs/hooks/gallery.py",
        "src/autocoherence/py.typed",
    }
    for folder in ("tests", "examples", "docs", "benchmarks", "src/autocoherence/examples"):
        expected |= {
            p.relative_to(ROOT).as_posix()
            for p in (ROOT / folder).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }
    missing = sorted(expected - names)
    assert not missing, f"missing from the sdist: {missing}"


@needs_dist
def test_wheel_installs_alone_and_runs_the_readme_example(tmp_path):
    wheel = _one("autocoherence-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        files = set(zf.namelist())
        meta = zf.read(next(n for n in files if n.endswith(".dist-info/METADATA"))).decode()
    assert "autocoherence/py.typed" in files
    assert {f"autocoherence/examples/{n}.toml" for n in example_names()} <= files
    assert f"\nVersion: {autocoherence.__version__}\n" in meta
    assert "\nLicense-Expression: MIT\n" in meta

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "project-deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run(  # --ignore-installed: the project's own (editable) install is visible
        [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
         "--no-index", "--ignore-installed", wheel],
        check=True, env=clean,
    )  # fmt: skip
    work = tmp_path / "elsewhere"
    work.mkdir()

    def run(*args: str | Path) -> str:
        done = subprocess.run(
            args, capture_output=True, text=True, cwd=work, env=clean, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    where = run(python, "-c", "import autocoherence; print(autocoherence.__file__)")
    assert Path(where).is_relative_to(env_dir), where
    readme = _readme_example((ROOT / "README.md").read_text(encoding="utf-8"))
    out = run(python, "-c", readme)
    assert re.search(r"^closed_form\s+C_ss = 0\.402699", out, flags=re.M), out
    assert run(env_dir / "bin" / "autocoherence", "--version").strip() == (
        f"autocoherence {autocoherence.__version__}"
    )
    run(python, "-m", "autocoherence", "example", "collision-fig2a", "--out", "fig2a.toml")
    assert (work / "fig2a.toml").read_text() == example_text("collision-fig2a")
