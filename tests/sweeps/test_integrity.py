"""Store faults, injected for real: missing and damaged chunks, garbage metadata, a kill or a
full disk during creation, two writers, a read-only finished store, a store of a failed sweep.

Every case ends either in a correct result (recomputing exactly what is missing) or in one
typed error that names the store, what is wrong and what to do.
"""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
import xarray as xr
import zarr
from typer.testing import CliRunner

from autocoherence.cli.sweep_commands import plot_command
from autocoherence.errors import NonUniqueSteadyStateError
from autocoherence.sweeps import (
    CollisionFamily,
    StoreBusyError,
    StoreCorruptError,
    StoreMismatchError,
    load,
    sweep,
)
from autocoherence.sweeps.evaluate import Job
from autocoherence.sweeps.grid import Grid
from autocoherence.sweeps.manifest import build_manifest
from autocoherence.sweeps.storage import ZarrResults

from .conftest import F1, F2, composite_model

FAMILY = CollisionFamily(f1=F1, f2=F2, tau=0.05)
GRID = {"temperature": [0.1, 0.5, 1.0, 2.0], "cluster_size": [1, 2, 3]}
QUANTITIES = ["l1_coherence", "purity"]
SRC = str(Path(__file__).resolve().parents[2] / "src")


def run(store, **kwargs):
    options = {"method": "collisions", "executor": "serial", "chunk_points": 3} | kwargs
    return sweep(FAMILY, GRID, QUANTITIES, store=store, **options)


@pytest.fixture(scope="module")
def reference():
    return run(None)


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "s.zarr"
    run(path)
    return path


def files(path: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(path)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def run_array(path):
    return np.asarray(zarr.open_group(str(path), mode="r")["run"][...])


@pytest.mark.parametrize("array", ["purity", "done", "run"])
def test_a_missing_chunk_is_recomputed_not_returned_as_done(store, reference, array):
    """A deleted chunk file reads as its fill value: its points are unfinished, then redone."""
    (store / array / "c" / "1" / "0").unlink()  # block 1: temperature 0.5, every N
    partial = load(store)
    assert partial.attrs["points_done"] == 9
    assert np.isnan(partial.purity.sel(temperature=0.5)).all()
    calls = []
    resumed = run(store, progress=lambda done, _total: calls.append(done))
    assert calls == [9, 12]  # the three lost points, and nothing else, were computed again
    xr.testing.assert_equal(resumed, reference)
    runs = run_array(store)
    np.testing.assert_array_equal(runs[1], 2)
    np.testing.assert_array_equal(np.delete(runs, 1, axis=0), 1)
    assert load(store).attrs["points_done"] == 12


def test_a_missing_axis_chunk_is_rewritten_from_the_manifest(store, reference):
    (store / "temperature" / "c" / "0").unlink()
    xr.testing.assert_equal(load(store), reference)  # the manifest holds the axis values
    (store / "purity" / "c" / "0" / "0").unlink()  # something to compute: a writer repairs
    xr.testing.assert_equal(run(store), reference)
    np.testing.assert_array_equal(
        xr.open_zarr(store, consolidated=False).temperature.values, GRID["temperature"]
    )


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


CORRUPTIONS = {
    "truncated quantity chunk": (lambda s: _truncate(s / "purity" / "c" / "2" / "0"), "'purity'"),
    "flipped byte in a chunk": (lambda s: _flip(s / "l1_coherence" / "c" / "0" / "0"), "cannot"),
    "truncated done chunk": (lambda s: _truncate(s / "done" / "c" / "0" / "0"), "'done'"),
    "empty run chunk": (lambda s: (s / "run" / "c" / "3" / "0").write_bytes(b""), "'run'"),
    "garbage group metadata": (lambda s: (s / "zarr.json").write_text("{oops"), "zarr.json"),
    "garbage array metadata": (lambda s: (s / "purity" / "zarr.json").write_text("]"), "'purity'"),
    "array deleted": (lambda s: shutil.rmtree(s / "done"), "'done' is missing"),
    "garbage manifest": (
        lambda s: _set_attr(s, "manifest", "{not json"),
        "manifest or runs attribute is not valid JSON",
    ),
    "manifest without grid": (
        lambda s: _set_attr(s, "manifest", json.dumps({"quantities": ["purity"]})),
        "lacks the grid",
    ),
    "garbage runs": (lambda s: _set_attr(s, "runs", "[1,"), "not valid JSON"),
    "wrong shape": (
        lambda s: _set_attr(
            s,
            "manifest",
            json.dumps(
                json.loads(zarr.open_group(str(s), mode="r").attrs["manifest"])
                | {"grid": {"temperature": [0.1, 0.5], "cluster_size": [1, 2, 3]}}
            ),
        ),
        "has shape (4, 3), the grid has (2, 3)",
    ),
}


def _set_attr(store: Path, name: str, value: str) -> None:
    meta = json.loads((store / "zarr.json").read_text())
    meta["attributes"][name] = value
    (store / "zarr.json").write_text(json.dumps(meta))


@pytest.mark.parametrize("case", list(CORRUPTIONS))
def test_damage_gives_one_clear_error(store, case):
    damage, detail = CORRUPTIONS[case]
    damage(store)
    before = files(store)
    for attempt in (lambda: load(store), lambda: run(store)):
        with pytest.raises(StoreCorruptError) as info:
            attempt()
        message = str(info.value)
        assert message.startswith(f"{store} is damaged: ")
        assert detail in message
        assert f"delete it (rm -r {store})" in message
        assert "pass a fresh store path" in message
    assert files(store) == before  # nothing was written to the damaged store
    app_result = CliRunner().invoke(
        _plot_app(), ["plot", str(store), "--x", "temperature", "--y", "purity"]
    )
    assert app_result.exit_code == 2
    assert isinstance(app_result.exception, SystemExit)  # no traceback
    output = app_result.output.replace("\n", "")
    assert "error:" in output
    assert "is damaged" in output


def _plot_app():
    import typer  # noqa: PLC0415

    app = typer.Typer()
    app.command("plot")(plot_command)
    app.command("unused")(lambda: None)
    return app


def test_a_failed_first_run_does_not_block_a_corrected_sweep(tmp_path):
    """A store holding no finished point is replaced by a different sweep."""
    path = tmp_path / "s.zarr"

    def factory(temperature, f2):
        return composite_model(temperature, f2=f2)

    with pytest.raises(NonUniqueSteadyStateError):  # f2 = 0: pure dephasing
        sweep(
            factory, {"temperature": [0.5], "f2": [0.0]}, ["purity"], store=path, executor="serial"
        )
    assert load(path).attrs["points_done"] == 0
    fixed = sweep(
        factory, {"temperature": [0.5], "f2": [0.6]}, ["purity"], store=path, executor="serial"
    )
    xr.testing.assert_equal(
        fixed, sweep(factory, {"temperature": [0.5], "f2": [0.6]}, ["purity"], executor="serial")
    )
    assert json.loads(load(path).attrs["sweep_manifest"])["grid"]["f2"] == [0.6]
    assert len(json.loads(load(path).attrs["runs"])) == 1  # a new store, not a second run
    # a store with a finished point of another sweep is still refused
    with pytest.raises(StoreMismatchError, match="holds a different sweep"):
        sweep(
            factory, {"temperature": [0.5], "f2": [0.5]}, ["purity"], store=path, executor="serial"
        )


def test_a_second_writer_is_refused_with_the_pid(tmp_path, reference):
    path = tmp_path / "s.zarr"
    grid = Grid.from_mapping(GRID)
    manifest = build_manifest(Job(FAMILY, grid, tuple(QUANTITIES), "collisions"), None)
    first = ZarrResults.open(path, manifest, grid, QUANTITIES, (1, 3), executor="serial")
    try:
        with pytest.raises(StoreBusyError, match=rf"is being written by pid {os.getpid()} "):
            run(path)
    finally:
        first.close()
    xr.testing.assert_equal(run(path), reference)  # released: the next writer goes ahead
    assert run_array(path).min() == 2  # run 1 (the holder) computed nothing


RACE_GRID = {"temperature": [0.1, 0.3, 0.5, 0.7, 1.0, 1.5], "cluster_size": [5, 6]}


def _race(path, barrier):
    """One of two processes starting the same sweep at the same moment."""
    barrier.wait()
    try:
        sweep(FAMILY, RACE_GRID, ["purity"], method="collisions", executor="serial",
              chunk_points=1, store=path)  # fmt: skip
    except Exception as exc:
        path.with_name(f"error-{os.getpid()}").write_text(f"{type(exc).__name__}: {exc}")
        os._exit(3)


def test_two_processes_starting_the_same_sweep_do_not_race(tmp_path):
    path = tmp_path / "race.zarr"
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(2)
    procs = [context.Process(target=_race, args=(path, barrier)) for _ in range(2)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(timeout=120)
    codes = sorted(proc.exitcode for proc in procs)
    errors = [p.read_text() for p in tmp_path.glob("error-*")]
    assert codes in ([0, 0], [0, 3]), errors  # both finish (one after the other) or one fails
    assert len(errors) == codes.count(3)
    for message in errors:
        assert message.startswith(f"StoreBusyError: {path} is being written by pid"), message
    np.testing.assert_array_equal(run_array(path), 1)  # every point computed once, by run 1
    assert len(json.loads(load(path).attrs["runs"])) == 1
    assert not list(tmp_path.glob(".race.zarr.creating-*"))


def _create_then_die(path):
    original = zarr.Group.create_array
    made = []

    def create_array(self, *args, **kwargs):
        made.append(1)
        if len(made) == 4:  # three arrays exist, the other two do not
            os.kill(os.getpid(), signal.SIGKILL)
        return original(self, *args, **kwargs)

    zarr.Group.create_array = create_array
    sweep(CollisionFamily(f1=0.3, f2=0.6), {"temperature": [0.1, 0.5]}, ["purity", "sz"],
          store=path, executor="serial")  # fmt: skip


def test_a_kill_during_creation_leaves_nothing_half_made(tmp_path):
    path = tmp_path / "s.zarr"
    proc = multiprocessing.get_context("fork").Process(target=_create_then_die, args=(path,))
    proc.start()
    proc.join(timeout=120)
    assert proc.exitcode == -signal.SIGKILL
    assert not path.exists()  # the half-made store is not at the path ...
    [leftover] = tmp_path.glob(".s.zarr.creating-*")  # ... but beside it, hidden
    assert len(list(leftover.glob("*/zarr.json"))) == 3  # three of its five arrays
    ds = sweep(CollisionFamily(f1=0.3, f2=0.6), {"temperature": [0.1, 0.5]}, ["purity", "sz"],
               store=path, executor="serial")  # fmt: skip
    assert ds.attrs["points_done"] == 2
    assert not leftover.exists()  # the next writer removed it


def test_a_full_disk_during_creation_leaves_nothing(tmp_path, monkeypatch, reference):
    path = tmp_path / "s.zarr"
    original = zarr.Group.create_array
    made = []

    def create_array(self, *args, **kwargs):
        made.append(1)
        if len(made) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(zarr.Group, "create_array", create_array)
    with pytest.raises(OSError, match="No space left"):
        run(path)
    assert not path.exists()
    assert not list(tmp_path.glob(".s.zarr.creating-*"))
    monkeypatch.undo()
    xr.testing.assert_equal(run(path), reference)  # the lock was released; a clean start


def test_an_empty_directory_becomes_the_store(tmp_path, reference):
    path = tmp_path / "s.zarr"
    path.mkdir()
    xr.testing.assert_equal(run(path), reference)


def test_a_finished_store_is_only_read(store, reference):
    """Nothing left to compute: no lock file, no byte written, no run recorded."""
    lock = store.with_name(".s.zarr.lock")
    lock.unlink()
    before = files(store)
    xr.testing.assert_equal(run(store), reference)
    assert files(store) == before
    assert not lock.exists()


READ_ONLY = """
import sys
sys.path.insert(0, {src!r})
from autocoherence.sweeps import CollisionFamily, load, sweep
family = CollisionFamily(f1={f1!r}, f2={f2!r}, tau=0.05)
grid = {grid!r}
ds = sweep(family, grid, {quantities!r}, method="collisions", executor="serial", chunk_points=3,
           store=sys.argv[1])
print(ds.attrs["points_done"], load(sys.argv[1]).attrs["points_done"])
try:  # a store with points left to compute must be written
    sweep(family, grid, {quantities!r}, method="collisions", executor="serial", chunk_points=3,
          store=sys.argv[2])
except Exception as exc:
    print(f"{{type(exc).__name__}}: {{exc}}")
"""


@pytest.mark.skipif(
    os.geteuid() == 0 and shutil.which("setpriv") is None,
    reason="root ignores permissions and setpriv is not there to drop CAP_DAC_OVERRIDE",
)
def test_a_finished_store_opens_on_a_read_only_directory(reference):
    parent = Path(tempfile.mkdtemp(prefix="ro-store-"))
    try:
        path, partial = parent / "s.zarr", parent / "p.zarr"
        run(path)
        run(partial)
        (partial / "purity" / "c" / "0" / "0").unlink()
        for p in [parent, *parent.rglob("*")]:
            p.chmod(0o555 if p.is_dir() else 0o444)
        # root ignores permissions: run without the capability that lets it
        prefix = ["setpriv", "--bounding-set", "-dac_override"] if os.geteuid() == 0 else []
        script = READ_ONLY.format(src=SRC, f1=F1, f2=F2, grid=GRID, quantities=QUANTITIES)
        proc = subprocess.run(
            [*prefix, sys.executable, "-c", script, str(path), str(partial)],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        finished, refused = proc.stdout.splitlines()
        assert finished == "12 12"
        assert refused.startswith(f"ParameterError: cannot write the store {partial}: Permission")
        assert not list(parent.glob(".s.zarr.creating-*"))
    finally:
        for p in [parent, *parent.rglob("*")]:
            p.chmod(0o755)
        shutil.rmtree(parent)
