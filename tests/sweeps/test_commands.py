"""The sweep and plot commands, registered on a typer app exactly as cli.py registers them."""

from __future__ import annotations

import io

import pytest
import typer
import xarray as xr
from rich.console import Console
from rich.progress import Progress
from typer.testing import CliRunner

from autocoherence.cli.sweep_commands import _ProgressBar, plot_command, sweep_command
from autocoherence.sweeps import load

app = typer.Typer()
app.command("sweep")(sweep_command)
app.command("plot")(plot_command)
runner = CliRunner()

NO_SWEEP_TABLE = """
[model]
family = "collision"
f1 = 0.42426406871192845
f2 = 0.6
[grid]
temperature = [0.1]
"""

GOOD = """
title = "small map"
[model]
family = "collision"
f2 = 0.6
tau = 0.05
[grid]
cluster_size = [1, 2]
f1 = [0.2, 0.4]
temperature = { start = 0.1, stop = 1.0, num = 4 }
[sweep]
quantities = ["l1_coherence", "purity"]
method = "master_equation"
"""

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def spec(tmp_path):
    path = tmp_path / "map.toml"
    path.write_text(GOOD)
    return path


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_sweep_writes_a_store_and_resumes(spec, tmp_path):
    out = tmp_path / "map.zarr"
    nc = tmp_path / "map.nc"
    result = invoke("sweep", spec, "--out", out, "--executor", "serial", "--netcdf", nc)
    assert result.exit_code == 0, result.output
    assert f"wrote {out} and {nc}: 16 of 16 points" in result.output.replace("\n", "")
    ds = load(out)
    assert ds.attrs["points_done"] == 16
    assert xr.load_dataset(nc).purity.shape == (2, 2, 4)
    again = invoke("sweep", spec, "--out", out, "--executor", "serial")
    assert again.exit_code == 0, again.output


def test_sweep_reports_errors_without_a_traceback(spec, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(NO_SWEEP_TABLE)
    result = invoke("sweep", bad, "--out", tmp_path / "x.zarr")
    assert result.exit_code == 2
    assert "error:" in result.output
    assert "needs a [sweep] table" in result.output.replace("\n", "")
    out = tmp_path / "map.zarr"
    assert invoke("sweep", spec, "--out", out, "--executor", "serial").exit_code == 0
    spec.write_text(GOOD.replace("num = 4", "num = 5"))
    clash = invoke("sweep", spec, "--out", out, "--executor", "serial")
    assert clash.exit_code == 2
    assert "holds a different sweep" in clash.output.replace("\n", "")
    wrong = invoke("sweep", spec, "--out", tmp_path / "y.zarr", "--executor", "threads")
    assert wrong.exit_code == 2
    assert "executor must be one of" in wrong.output.replace("\n", "")
    addr = invoke("sweep", spec, "--out", tmp_path / "z.zarr", "--address", "tcp://127.0.0.1:1")
    assert addr.exit_code == 2
    assert "address is only used with executor='dask'" in addr.output.replace("\n", "")


@pytest.fixture
def store(spec, tmp_path):
    out = tmp_path / "map.zarr"
    assert invoke("sweep", spec, "--out", out, "--executor", "serial").exit_code == 0
    return out


def test_plot_writes_a_png(store, tmp_path):
    png = tmp_path / "figs" / "c.png"
    result = invoke(
        "plot",
        store,
        "--x",
        "temperature",
        "--y",
        "l1_coherence",
        "--hue",
        "cluster_size",
        "--sel",
        "f1=0.39",
        "--out",
        png,
    )
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == PNG_SIGNATURE
    default = invoke(
        "plot",
        store,
        "--x",
        "f1",
        "--y",
        "purity",
        "--hue",
        "temperature",
        "--sel",
        "cluster_size=2",
    )
    assert default.exit_code == 0, default.output
    assert (store.parent / "map_purity_vs_f1.png").read_bytes()[:8] == PNG_SIGNATURE


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--x", "temperature", "--y", "coherence"], "--y 'coherence' is not a quantity"),
        (["--x", "T", "--y", "purity"], "--x 'T' is not a grid axis; axes: cluster_size"),
        (["--x", "temperature", "--y", "purity", "--hue", "temperature"], "must be different"),
        (
            ["--x", "temperature", "--y", "purity", "--hue", "f1"],
            "the grid axis 'cluster_size' has 2 values",
        ),
        (
            ["--x", "temperature", "--y", "purity", "--hue", "f1", "--sel", "cluster_size"],
            "--sel takes NAME=NUMBER",
        ),
        (
            ["--x", "temperature", "--y", "purity", "--hue", "f1", "--sel", "n=2"],
            "cannot select 'n': not a grid axis",
        ),
        (
            ["--x", "temperature", "--y", "purity", "--hue", "f1", "--sel", "f1=2"],
            "'f1' is plotted",
        ),
        (
            [
                "--x",
                "temperature",
                "--y",
                "purity",
                "--sel",
                "f1=2",
                "--sel",
                "cluster_size=1",
                "--out",
                "plot.pdf",
            ],
            "--out must be a .png file",
        ),
    ],
)
def test_plot_errors(store, args, message):
    result = invoke("plot", store, *args)
    assert result.exit_code == 2
    assert message in result.output.replace("\n", "")


def test_plot_of_a_missing_store(tmp_path):
    result = invoke("plot", tmp_path / "none.zarr", "--x", "temperature", "--y", "purity")
    assert result.exit_code == 2
    assert "no sweep store" in result.output.replace("\n", "")


def test_progress_bar_counts_stored_points_as_already_done():
    bar = Progress(console=Console(file=io.StringIO()))
    callback = _ProgressBar(bar, "map")
    callback(10, 40)
    callback(25, 40)
    task = bar.tasks[0]
    assert (task.description, task.total, task.completed) == ("map", 40, 25)


def test_commands_are_documented():
    help_text = invoke("sweep", "--help").output
    assert "--executor" in help_text
    assert "--address" in help_text
    assert "resumes" in help_text
