"""The command line as a user meets it: help per figure, options, clear errors, progress,
the cache of ``reproduce``/``demo``, the demo's tables, example specs, ``--version``."""

from __future__ import annotations

import inspect
import math
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
import xarray as xr
from typer.testing import CliRunner

import autocoherence
from autocoherence.cli import app
from autocoherence.cli._demo import print_tables
from autocoherence.cli._params import FigureParameter, figure_parameters, parse_settings
from autocoherence.cli._render import render_all
from autocoherence.errors import ParameterError
from autocoherence.figures import get_figure, save

ROOT = Path(__file__).resolve().parents[1]
FAST = "spins-fig2b"  # about half a second


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def assert_user_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "error" in result.output.lower()
    flat = " ".join(result.output.split())
    for fragment in fragments:
        assert fragment in flat, result.output


# ---------------------------------------------------------------- version and entry points
def test_version_option():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"autocoherence {autocoherence.__version__}"


def test_python_dash_m_is_the_same_command():
    done = subprocess.run(
        [sys.executable, "-m", "autocoherence", "--version"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert done.stdout.strip() == f"autocoherence {autocoherence.__version__}"


# ---------------------------------------------------------------- what a figure accepts
def test_figure_parameters_come_from_the_signature():
    spec = get_figure("collision-fig2a")
    params = figure_parameters(spec.compute)
    signature = inspect.signature(spec.compute).parameters
    assert list(params) == [n for n, p in signature.items() if p.default is not p.empty]
    assert params["tau"].annotation is float
    assert params["tau"].default == signature["tau"].default
    assert params["cluster_sizes"].type_name == "Sequence[int]"
    assert "Collision duration" in params["tau"].description


def test_per_figure_help_lists_parameters_types_and_defaults():
    result = invoke("figure", "collision-fig2a", "--help")
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line[:2] == "  "}
    for name, p in inspect.signature(get_figure("collision-fig2a").compute).parameters.items():
        assert name in lines, f"{name} missing from the help"
        assert repr(p.default) in lines[name]
    assert "float" in lines["tau"]
    assert "--set" in result.output


def test_plain_help_still_describes_the_command():
    result = invoke("figure", "--help")
    assert result.exit_code == 0
    assert "--set" in result.output
    assert "--format" in result.output


@pytest.mark.parametrize(
    ("annotation", "text", "value"),
    [
        (float, "0.25", 0.25),
        (int, "7", 7),
        (bool, "false", False),
        (str, "oscillator", "oscillator"),
        (Sequence[int], "1,2, 8", (1, 2, 8)),
        (Sequence[float], "0.5 1", (0.5, 1.0)),
        (tuple[float, ...], "0.1,0.2", (0.1, 0.2)),
        (float | None, "none", None),
        (float | None, "2", 2.0),
    ],
)
def test_values_are_coerced_by_annotation(annotation, text, value):
    assert FigureParameter("x", annotation, None).coerce(text) == value


@pytest.mark.parametrize(
    ("annotation", "text"), [(float, "abc"), (float, "nan"), (int, "2.5"), (bool, "maybe")]
)
def test_bad_values_name_parameter_and_type(annotation, text):
    with pytest.raises(ParameterError, match=rf"x must be .*, got x={text!r}"):
        FigureParameter("x", annotation, None).coerce(text)


def test_settings_reject_what_the_figure_does_not_take():
    params = figure_parameters(get_figure("collision-fig6").compute)
    assert parse_settings("collision-fig6", params, ["f2=0.2", "t-max=5"]) == {
        "f2": 0.2,
        "t_max": 5.0,
    }
    with pytest.raises(ParameterError, match="figure collision-fig6 does not take foo"):
        parse_settings("collision-fig6", params, ["foo=1"])
    with pytest.raises(ParameterError, match="NAME=VALUE"):
        parse_settings("collision-fig6", params, ["f2"])


# ---------------------------------------------------------------- user errors: exit 2, no traceback
def test_unknown_option_names_the_figure_and_what_it_accepts(tmp_path):
    result = invoke("figure", "collision-fig6", "--set", "foo=1", "--out", str(tmp_path))
    assert_user_error(result, "figure collision-fig6 does not take foo", "it accepts:", "z0")
    assert not list(tmp_path.iterdir())


def test_cluster_sizes_on_a_figure_without_them(tmp_path):
    result = invoke("figure", "collision-fig6", "--n", "2", "--out", str(tmp_path))
    assert_user_error(result, "collision-fig6 does not take cluster sizes (--n)")


def test_n_zero_is_a_clear_error(tmp_path):
    assert_user_error(
        invoke("figure", "collision-fig2a", "--n", "0", "--out", str(tmp_path)), "N >= 1"
    )


def test_wrong_type_is_a_clear_error(tmp_path):
    result = invoke("figure", FAST, "--set", "omega2=abc", "--out", str(tmp_path))
    assert_user_error(result, "omega2 must be float, got omega2='abc'")


def test_out_pointing_at_a_file(tmp_path):
    target = tmp_path / "a-file"
    target.write_text("keep me")
    for command in (["figure", FAST], ["reproduce"], ["demo"]):
        result = invoke(*command, "--out", str(target))
        assert_user_error(result, "--out must be a directory", "existing file")
    assert target.read_text() == "keep me"


def test_unknown_figure_lists_the_names():
    assert_user_error(invoke("figure", "fig2a"), "unknown figure 'fig2a'", "collision-fig2a")


def test_value_rejected_by_the_physics_is_a_clear_error(tmp_path):
    result = invoke(
        "figure", "collision-fig2a", "--n", "1", "--set", "tau=-0.1", "--set", "n_temperatures=3",
        "--out", str(tmp_path),
    )  # fmt: skip
    assert_user_error(result, "tau must be > 0, got tau=-0.1")


# ------------------------------------------------ figures: options, format, progress
def test_set_reaches_compute_and_progress_shows_in_a_log(tmp_path):
    result = invoke(
        "figure", FAST, "--set", "omega2=0.8", "--set", "gammas=0.5,1", "--out", str(tmp_path)
    )
    assert result.exit_code == 0, result.output
    assert re.search(rf"^\[1/1\] {FAST} \.\.\. \d+\.\d s$", result.output, flags=re.M), (
        result.output
    )
    with xr.open_dataset(tmp_path / f"{FAST}.nc") as back:
        fresh = get_figure(FAST).compute(omega2=0.8, gammas=(0.5, 1.0))
        xr.testing.assert_allclose(back.l1_coherence, fresh.l1_coherence)


def test_format_and_dpi(tmp_path):
    result = invoke("figure", FAST, "--format", "svg", "--dpi", "50", "--out", str(tmp_path))
    if {"fmt", "dpi"} <= set(inspect.signature(save).parameters):
        assert result.exit_code == 0, result.output
        assert (tmp_path / f"{FAST}.svg").read_text().lstrip().startswith("<?xml")
    else:  # figures.save without fmt/dpi (before the figures issue lands): a clear error
        assert_user_error(result, "does not take fmt, dpi")
    assert_user_error(invoke("figure", FAST, "--format", "jpg"), "jpg")


# ---------------------------------------------------------------- reproduce/demo: parallel, cached
def test_render_all_runs_on_a_pool_and_reuses_unchanged_figures(tmp_path):
    names = [FAST, "spins-fig1b"]
    seen: list[tuple[int, int, str, bool]] = []
    first = render_all(
        names, tmp_path, jobs=2, report=lambda d, t, r: seen.append((d, t, r.name, r.cached))
    )
    assert [r.name for r in first] == names
    assert sorted(seen) == [(1, 2, seen[0][2], False), (2, 2, seen[1][2], False)]
    stamps = {r.name: r.image.stat().st_mtime_ns for r in first}
    again = render_all(names, tmp_path, jobs=2)
    assert all(r.cached for r in again)
    assert {r.name: r.image.stat().st_mtime_ns for r in again} == stamps
    changed = render_all([FAST], tmp_path, jobs=1, options={FAST: {"omega2": 0.9}})
    assert not changed[0].cached
    (tmp_path / "spins-fig1b.png").unlink()  # a missing file is recomputed
    assert not render_all(["spins-fig1b"], tmp_path, jobs=1)[0].cached


def test_demo_tables_carry_their_parameters_and_limits():
    from rich.console import Console  # noqa: PLC0415

    console = Console(record=True, width=100)
    print_tables(console)
    text = console.export_text()
    assert "f1 = f2/√2 = 0.424264, f2 = 0.6, ω = ω_B = 1, τ = 0.051" in text
    rows = {
        line.split("│")[1].strip() + "|" + line.split("│")[2].strip(): line
        for line in text.splitlines()
        if line.count("│") > 3
    }
    c0 = rows["C0|0"].split("│")[3].strip()
    assert float(c0) == pytest.approx(1 / math.sqrt(2), abs=5e-7)
    large_n = float(rows["N ≫ 1|0.5"].split("│")[3])
    assert large_n == pytest.approx(math.tanh(1.0) / math.sqrt(2), abs=5e-7)
    assert float(rows["3|0.5"].split("│")[3]) == pytest.approx(0.402699, abs=5e-7)
    assert "1/√2 = 0.707107" in text
    assert "Why O(τ)" in text
    assert "Eq. (5): ω1=1, ω2=0.5, γ=0.5" in text
    # the demo points at sections that exist
    collision = (ROOT / "docs" / "collision.md").read_text(encoding="utf-8")
    for section in (
        "## Three routes to the steady state",
        "## Where exact collisions and the master equation part ways",
        "**Finite τ.**",
    ):
        assert section in collision


def test_demo_ends_by_naming_out_and_the_docs(tmp_path, monkeypatch):
    from autocoherence import figures  # noqa: PLC0415

    monkeypatch.setattr(figures, "figure_names", lambda: [FAST])
    out = tmp_path / "out"
    result = invoke("demo", "--out", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert (out / f"{FAST}.png").is_file()
    tail = " ".join(result.output.split()[-40:])
    assert str(out) in tail
    assert "docs/getting-started.md" in tail
    assert result.output.index("Paper 2") < result.output.index(f"[1/1] {FAST}")
    again = invoke("demo", "--out", str(out), "--jobs", "1")
    assert f"[1/1] {FAST} ... cached" in again.output


# ---------------------------------------------------------------- example specs
def test_example_list_print_and_write(tmp_path):
    listing = invoke("example", "--list")
    assert listing.exit_code == 0
    names = sorted(p.stem for p in (ROOT / "examples").glob("*.toml"))
    assert [line.split()[0] for line in listing.output.splitlines()] == names
    printed = invoke("example", "collision-fig2a")
    assert printed.output == (ROOT / "examples" / "collision-fig2a.toml").read_text("utf-8")
    written = invoke("example", "spins-fig2a", "--out", str(tmp_path))
    assert written.exit_code == 0, written.output
    assert (tmp_path / "spins-fig2a.toml").read_text() == (
        ROOT / "examples" / "spins-fig2a.toml"
    ).read_text()
    assert_user_error(invoke("example", "nope"), "unknown example 'nope'", "collision-fig2a")


def test_cache_key_covers_the_physics_not_the_cli(tmp_path, monkeypatch):
    """Editing a figure or physics module changes the key; editing the CLI does not."""
    import shutil  # noqa: PLC0415

    from autocoherence.cli import _render  # noqa: PLC0415

    package = Path(autocoherence.__file__).resolve().parent
    copy = tmp_path / "autocoherence"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(autocoherence, "__file__", str(copy / "__init__.py"))

    def digest() -> str:
        _render.source_digest.cache_clear()
        return _render.source_digest()

    try:
        before = digest()
        (copy / "cli" / "_demo.py").write_text("# edited\n", encoding="utf-8")
        assert digest() == before
        (copy / "figures" / "registry.py").write_text("# edited\n", encoding="utf-8")
        assert digest() != before
    finally:
        _render.source_digest.cache_clear()
