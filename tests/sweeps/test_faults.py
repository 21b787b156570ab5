"""Sweeps under faults and hostile input: NaN points, a killed driver, huge grids, progress,
errors that name the parameter (also through the CLI, without a traceback), labelled data."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import time

import numpy as np
import psutil
import pytest
import typer
import xarray as xr
from typer.testing import CliRunner

from autocoherence.cli.sweep_commands import plot_command, sweep_command
from autocoherence.errors import ParameterError
from autocoherence.sweeps import (
    CollisionFamily,
    DaskExecutor,
    LocalExecutor,
    NonFiniteResultError,
    SpecError,
    SpinFamily,
    fast_paths,
    load,
    parse_spec,
    progress,
    sweep,
    to_netcdf,
)
from autocoherence.sweeps.labels import UNKNOWN_UNITS
from autocoherence.sweeps.quantities import MODEL_UNITS

from .conftest import F1, bilinear_model, composite_model

app = typer.Typer()
app.command("sweep")(sweep_command)
app.command("plot")(plot_command)

NAN_GRID = {"f2": [0.3, 0.6], "temperature": [0.1, 1.0]}
FAMILY = CollisionFamily(f1=F1)


def invoke(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def assert_clear_error(result, *fragments, code=2):
    """A message and an exit code, never a traceback."""
    output = result.output.replace("\n", "")
    assert result.exit_code == code, output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "error:" in output
    assert "Traceback" not in output
    for fragment in fragments:
        assert fragment in output


@pytest.fixture
def nan_at_f2_03(monkeypatch):
    """The closed form gives NaN wherever f2 == 0.3 (a route failing for valid input)."""
    real = fast_paths.collision_family_bloch

    def closed_form(family, points):
        x, y, z = real(family, points)
        return np.where(np.asarray(points["f2"]) == 0.3, np.nan, x), y, z

    monkeypatch.setattr(fast_paths, "collision_family_bloch", closed_form)


@pytest.fixture(scope="module")
def clean():
    return sweep(FAMILY, NAN_GRID, ["l1_coherence", "purity"], executor="serial")


def test_a_nan_point_is_never_a_finished_point(nan_at_f2_03, clean):
    with pytest.raises(NonFiniteResultError) as info:
        sweep(FAMILY, NAN_GRID, ["l1_coherence", "purity"], executor="serial")
    message = str(info.value)
    assert message.startswith("2 of 4 grid points gave non-finite values (NaN, or inf where")
    assert "l1_coherence=nan, purity=nan at grid point f2=0.3, temperature=0.1" in message
    assert "f2=0.3, temperature=1.0" in message
    assert info.value.points == [{"f2": 0.3, "temperature": 0.1}, {"f2": 0.3, "temperature": 1.0}]
    ds = info.value.dataset
    assert (ds.attrs["points_done"], ds.attrs["points_failed"]) == (2, 2)
    assert np.isnan(ds.purity.sel(f2=0.3)).all()
    xr.testing.assert_equal(ds.sel(f2=[0.6]), clean.sel(f2=[0.6]))


def test_a_nan_point_is_stored_as_failed_and_retried(nan_at_f2_03, clean, tmp_path, monkeypatch):
    store = tmp_path / "s.zarr"
    with pytest.raises(NonFiniteResultError, match=rf"finished in {store} "):
        sweep(FAMILY, NAN_GRID, ["l1_coherence", "purity"], executor="serial", store=store)
    stored = load(store)
    assert (stored.attrs["points_done"], stored.attrs["points_failed"]) == (2, 2)
    monkeypatch.undo()  # the route is fixed
    calls = []
    again = sweep(
        FAMILY,
        NAN_GRID,
        ["l1_coherence", "purity"],
        executor="serial",
        store=store,
        progress=lambda done, _total: calls.append(done),
    )
    assert calls == [2, 4]  # only the failed points were computed again
    xr.testing.assert_equal(again, clean)
    assert load(store).attrs["points_failed"] == 0


NAN_SPEC = """
[model]
family = "collision"
f1 = 0.42426406871192845
[grid]
f2 = [0.3, 0.6]
temperature = [0.1, 1.0]
[sweep]
quantities = ["l1_coherence"]
"""


def test_the_cli_exits_non_zero_on_nan_points(nan_at_f2_03, tmp_path):
    spec = tmp_path / "nan.toml"
    spec.write_text(NAN_SPEC)
    result = invoke("sweep", spec, "--out", tmp_path / "nan.zarr", "--executor", "serial")
    assert_clear_error(result, "2 of 4 grid points gave non-finite", "f2=0.3", code=1)


def _slow_driver():
    """A sweep on a local pool whose points take a while (run in a forked process)."""

    def slow(temperature):
        time.sleep(0.2)
        return composite_model(temperature)

    sweep(
        slow,
        {"temperature": np.linspace(0.1, 1.0, 400)},
        ["purity"],
        executor=LocalExecutor(max_workers=2),
        chunk_points=1,
    )


def _gone(pid):
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_sigkill_of_the_driver_leaves_no_worker_running():
    driver = multiprocessing.get_context("fork").Process(target=_slow_driver)
    driver.start()
    workers = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2:
            assert time.monotonic() < deadline, "the pool did not start"
            time.sleep(0.05)
            workers = psutil.Process(driver.pid).children(recursive=True)
        time.sleep(0.5)  # the workers are computing
        os.kill(driver.pid, signal.SIGKILL)
        driver.join()
        deadline = time.monotonic() + 5
        while not all(_gone(w.pid) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        alive = [w.pid for w in workers if not _gone(w.pid)]
        assert not alive, f"workers {alive} outlived their driver"
    finally:
        for w in workers:
            if not _gone(w.pid):
                w.kill()
        if driver.is_alive():
            driver.kill()


def test_a_huge_grid_is_refused_up_front():
    grid = {"temperature": np.linspace(0, 1, 10**4), "f2": np.linspace(0.1, 1, 10**4 + 1)}
    with pytest.raises(
        ParameterError,
        match=r"grid has 1e\+08 points \(temperature 10000 x f2 10001\), more than the limit "
        r"of 1e\+08 points per sweep .* split the grid into several sweeps",
    ):
        sweep(FAMILY, grid, ["purity"], executor="serial")
    spec = {
        "model": {"family": "collision", "f1": 0.3},
        "grid": {"temperature": {"start": 0.0, "stop": 1.0, "num": 10**9}, "f2": [0.6]},
        "sweep": {"quantities": ["purity"]},
    }
    with pytest.raises(SpecError, match=r"\[grid\] temperature.num must be <= 1e\+08"):
        parse_spec(spec)
    spec["grid"] = {
        "temperature": {"start": 0.0, "stop": 1.0, "num": 10**5},
        "f2": {"start": 0.1, "stop": 1.0, "num": 10**4},
    }
    with pytest.raises(SpecError, match=r"grid has 1e\+09 points"):
        parse_spec(spec)


def test_progress_true_logs_where_there_is_no_terminal(caplog):
    with caplog.at_level(logging.INFO, logger="autocoherence.sweeps"):
        sweep(
            composite_model,
            {"temperature": [0.1, 0.2, 0.3, 0.4]},
            ["purity"],
            executor="serial",
            method="master_equation",
            chunk_points=1,
            progress=True,
        )
    lines = [r.getMessage().split(",")[0] for r in caplog.records]
    assert lines == [f"sweep: {k} of 4 points ({25 * k}%)" for k in range(5)]


def test_progress_true_draws_a_bar_where_someone_watches(monkeypatch, capsys):
    monkeypatch.setattr(progress, "_in_jupyter", lambda: True)
    sweep(composite_model, {"temperature": [0.1, 0.2, 0.3]}, ["purity"], executor="serial",
          method="master_equation", chunk_points=1, progress=True)  # fmt: skip
    captured = capsys.readouterr()
    assert "3/3" in captured.err
    assert captured.out == ""


def test_progress_must_be_a_bool_or_a_callable():
    with pytest.raises(TypeError, match=r"progress must be True .* got progress='yes'"):
        sweep(composite_model, {"temperature": [0.1]}, ["purity"], progress="yes")


@pytest.mark.parametrize("value", [0, -2, True, 2.5])
def test_worker_counts_must_be_positive_integers(value):
    with pytest.raises(ParameterError, match=rf"n_workers must be an integer >= 1.*={value!r}$"):
        DaskExecutor(n_workers=value)
    with pytest.raises(ParameterError, match=rf"max_workers must be an integer >= 1.*={value!r}$"):
        LocalExecutor(max_workers=value)


def test_n_workers_is_only_for_a_local_cluster():
    with pytest.raises(ParameterError, match="n_workers sizes the LocalCluster"):
        DaskExecutor("tcp://127.0.0.1:8786", n_workers=2)


def test_an_unknown_executor_is_named():
    with pytest.raises(ParameterError, match=r"executor must be one of .* got executor='nope'"):
        sweep(composite_model, {"temperature": [0.1]}, ["purity"], executor="nope")


GOOD = """
[model]
family = "collision"
f1 = 0.3
f2 = 0.6
[grid]
temperature = [0.1, 1.0]
[sweep]
quantities = ["purity"]
"""


@pytest.mark.parametrize(
    ("content", "fragments"),
    [
        (bytes(range(256)), ["is not a UTF-8 text file (byte 0x80 at offset 128"]),
        ("title = 'température'\n".encode("latin-1"), ["is not a UTF-8 text file (byte 0xe9"]),
        (b"title = 'x'\x00\x00\n", ["is a binary file (it contains NUL bytes)"]),
        (b"[model\n", ["not valid TOML"]),
    ],
)
def test_unreadable_spec_files(tmp_path, content, fragments):
    spec = tmp_path / "bad.toml"
    spec.write_bytes(content)
    result = invoke("sweep", spec, "--out", tmp_path / "x.zarr")
    assert_clear_error(result, f"{spec}", *fragments)
    assert not (tmp_path / "x.zarr").exists()


def test_output_options_that_cannot_be_written(tmp_path):
    spec = tmp_path / "good.toml"
    spec.write_text(GOOD)
    afile = tmp_path / "notes.txt"
    afile.write_text("keep me")
    adir = tmp_path / "out.nc"
    adir.mkdir()
    assert_clear_error(invoke("sweep", tmp_path, "--out", tmp_path / "a.zarr"), "cannot read")
    assert_clear_error(invoke("sweep", spec, "--out", afile), f"--out {afile} is an existing file")
    assert afile.read_text() == "keep me"
    out = tmp_path / "s.zarr"
    assert_clear_error(
        invoke("sweep", spec, "--out", out, "--netcdf", adir),
        f"--netcdf {adir} is a directory; give a file name ending in .nc",
    )
    assert_clear_error(
        invoke("sweep", spec, "--out", out, "--netcdf", tmp_path / "s.txt"),
        "--netcdf must be a .nc file",
    )
    assert not out.exists()  # refused before any work
    assert invoke("sweep", spec, "--out", out, "--executor", "serial").exit_code == 0
    assert_clear_error(
        invoke("plot", out, "--x", "temperature", "--y", "purity", "--out", tmp_path),
        f"--out {tmp_path} is a directory",
    )
    with pytest.raises(ParameterError, match=r"path must be a file name ending in \.nc"):
        to_netcdf(load(out), adir)


def _assert_labelled(ds):
    for name, var in [*ds.data_vars.items(), *ds.coords.items()]:
        assert isinstance(var.attrs.get("long_name"), str), name
        assert var.attrs["long_name"], name
        assert isinstance(var.attrs.get("units"), str), name
        assert var.attrs["units"], name


def test_every_variable_and_coordinate_is_labelled(tmp_path):
    ds = sweep(
        CollisionFamily(f1=F1, tau=0.05),
        {"f2": [0.6], "temperature": [0.5], "cluster_size": [1, 2]},
        ["l1_coherence", "bloch", "heat_rate", "peak_time"],
        executor="serial",
    )
    _assert_labelled(ds)
    units = {name: v.attrs["units"] for name, v in [*ds.data_vars.items(), *ds.coords.items()]}
    assert units == {
        "l1_coherence": "1",
        "sx": "1",
        "sy": "1",
        "sz": "1",
        "heat_rate": MODEL_UNITS,
        "peak_time": MODEL_UNITS,
        "f2": MODEL_UNITS,
        "temperature": MODEL_UNITS,
        "cluster_size": "1",
    }
    assert ds.temperature.attrs["long_name"] == "bath temperature T"
    nc = to_netcdf(ds, tmp_path / "s.nc")
    xr.testing.assert_identical(xr.load_dataset(nc), ds)  # ħ and all survive netCDF

    spins = sweep(
        SpinFamily("direct_n", omega1=1.0, omegas=0.5),
        {"n": [1, 2], "gammas": [0.7], "temperature": [0.3]},
        ["l1_coherence", "purity"],
        executor="serial",
    )
    _assert_labelled(spins)
    assert (spins.n.attrs["units"], spins.gammas.attrs["units"]) == ("1", MODEL_UNITS)

    python = sweep(
        bilinear_model, {"temperature": [0.5], "ratio": [1.0]}, ["purity"], executor="serial"
    )
    _assert_labelled(python)
    assert python.ratio.attrs == {"long_name": "ratio", "units": UNKNOWN_UNITS}
    assert python.temperature.attrs["units"] == MODEL_UNITS
