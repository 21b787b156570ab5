"""Zarr stores: incremental writes, resume (also after SIGKILL), refusal of other sweeps."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
import xarray as xr
import zarr

import autocoherence as ac
from autocoherence.errors import ParameterError
from autocoherence.sweeps import (
    CollisionFamily,
    StoreMismatchError,
    load,
    load_spec,
    run_spec,
    sweep,
    to_netcdf,
)
from autocoherence.sweeps.evaluate import Job
from autocoherence.sweeps.grid import Grid
from autocoherence.sweeps.manifest import build_manifest
from autocoherence.sweeps.storage import ZarrResults

from .conftest import F1, F2

FAMILY = CollisionFamily(f1=F1, f2=F2, tau=0.05)
GRID = {"temperature": [0.1, 0.5, 1.0, 2.0], "cluster_size": [1, 2, 3]}


class InterruptSweepError(Exception):
    """Stops a sweep from its progress callback."""


def run(store, **kwargs):
    options = {"method": "collisions", "executor": "serial", "chunk_points": 3} | kwargs
    return sweep(FAMILY, GRID, ["l1_coherence", "purity"], store=store, **options)


def test_store_holds_the_same_dataset_as_memory(tmp_path):
    path = tmp_path / "s.zarr"
    stored = run(path)
    memory = run(None)
    xr.testing.assert_equal(stored, memory)
    assert stored.attrs["points_done"] == 12
    assert json.loads(stored.attrs["runs"])[0]["executor"] == "serial"
    # any Zarr reader sees named dimensions, coordinates and the done mask
    raw = xr.open_zarr(path, consolidated=False)
    assert raw.done.dims == ("temperature", "cluster_size")
    assert bool(raw.done.all())
    np.testing.assert_array_equal(raw.cluster_size.values, [1, 2, 3])
    nc = to_netcdf(path, tmp_path / "out" / "s.nc")
    back = xr.load_dataset(nc)
    xr.testing.assert_equal(back, memory)
    assert back.attrs["method"] == "collisions"


def test_resume_after_an_interruption_computes_only_the_rest(tmp_path):
    path = tmp_path / "s.zarr"
    seen = []

    def stop_after_two_blocks(done, total):
        seen.append(done)
        if done >= 6:
            raise InterruptSweepError

    with pytest.raises(InterruptSweepError):
        run(path, progress=stop_after_two_blocks)
    partial = load(path)
    assert partial.attrs["points_done"] == 6
    assert int(np.isnan(partial.purity.values).sum()) == 6

    calls = []
    resumed = run(path, progress=lambda done, _total: calls.append(done))
    assert calls == [6, 9, 12]  # starts at the stored points, computes the two missing blocks
    ref = run(None)
    xr.testing.assert_equal(resumed, ref)
    runs = zarr.open_group(str(path), mode="r")["run"][...]
    assert sorted(np.unique(runs).tolist()) == [1, 2]
    assert int((runs == 1).sum()) == 6
    assert len(json.loads(resumed.attrs["runs"])) == 2


def test_resume_keeps_the_store_blocks(tmp_path):
    path = tmp_path / "s.zarr"

    def stop_after_one_block(done, _total):
        if done:
            raise InterruptSweepError

    with pytest.raises(InterruptSweepError):
        run(path, progress=stop_after_one_block)
    resumed = run(path, chunk_points=5)
    assert zarr.open_group(str(path), mode="r")["done"].chunks == (1, 3)
    xr.testing.assert_equal(resumed, run(None))


def test_partial_blocks_are_written_point_by_point(tmp_path):
    grid = Grid.from_mapping(GRID)
    job = Job(FAMILY, grid, ("purity",), "collisions")
    results = ZarrResults.open(
        tmp_path / "s.zarr", build_manifest(job, None), grid, ("purity",), (2, 3), executor="serial"
    )
    [(k0, idx0), *_] = results.pending()
    results.write(k0, idx0[[0, 4]], np.array([[0.25, 0.75]]))
    assert results.done_count() == 2
    first = results.pending()[0]
    np.testing.assert_array_equal(first[1], idx0[[1, 2, 3, 5]])
    ds = results.dataset()
    assert ds.purity.values.flat[idx0[0]] == 0.25
    assert ds.purity.values.flat[idx0[4]] == 0.75
    assert np.isnan(ds.purity.values.flat[idx0[1]])


def _open(path, quantities=("purity",), block=(2, 3)):
    grid = Grid.from_mapping(GRID)
    manifest = build_manifest(Job(FAMILY, grid, tuple(quantities), "collisions"), None)
    return ZarrResults.open(path, manifest, grid, quantities, block, executor="serial")


def test_a_block_is_marked_done_only_after_its_values(tmp_path, monkeypatch):
    """``done`` is written last; a write that fails before ``done`` leaves the block
    unfinished, and the next run computes it again."""
    results = _open(tmp_path / "s.zarr", ("l1_coherence", "purity"))
    order = []
    original = zarr.Array.__setitem__

    def setitem(self, selection, value):
        order.append(self.basename)
        if self.basename == "done":
            raise OSError(28, "No space left on device")
        original(self, selection, value)

    monkeypatch.setattr(zarr.Array, "__setitem__", setitem)
    [(k0, idx0), *_] = results.pending()
    with pytest.raises(OSError, match="No space left"):
        results.write(k0, idx0, np.full((2, idx0.size), 0.5))
    assert sorted(order[:3]) == ["l1_coherence", "purity", "run"]
    assert order[3:] == ["done"]
    results.close()
    monkeypatch.undo()
    on_disk = zarr.open_group(str(tmp_path / "s.zarr"), mode="r")
    np.testing.assert_array_equal(on_disk["purity"][0:2], 0.5)  # the values were written ...
    assert load(tmp_path / "s.zarr").attrs["points_done"] == 0  # ... but are not finished
    again = _open(tmp_path / "s.zarr", ("l1_coherence", "purity"))
    assert [k for k, _ in again.pending()] == [0, 1]
    again.close()


def test_a_store_is_made_without_dask(tmp_path, monkeypatch):
    """dask is optional: the template is then eager, and Zarr stores none of its chunks."""
    monkeypatch.setitem(sys.modules, "dask.array", None)  # import dask.array fails
    results = _open(tmp_path / "s.zarr")
    results.close()
    monkeypatch.undo()  # scipy looks for dask.array in sys.modules
    chunks = sorted(p.relative_to(tmp_path / "s.zarr").as_posix()
                    for p in (tmp_path / "s.zarr").rglob("c/*"))  # fmt: skip
    assert chunks == ["cluster_size/c/0", "temperature/c/0"]  # the axes, no data chunk
    xr.testing.assert_equal(run(tmp_path / "s.zarr"), run(None))


def _zarr_only_store(path, grid, quantities, block, manifest):
    """A store as version 0.x wrote it, with zarr alone (no attributes of xarray)."""
    from zarr.codecs import ZstdCodec  # noqa: PLC0415

    group = zarr.open_group(str(path), mode="w-", zarr_format=3)
    for name, values in grid.axes:
        group.create_array(name, shape=values.shape, dtype=values.dtype, dimension_names=[name])
        group[name][...] = values
    common = {"shape": grid.shape, "chunks": block, "dimension_names": list(grid.names),
              "compressors": ZstdCodec(level=0, checksum=True)}  # fmt: skip
    for q in quantities:
        group.create_array(q, dtype="float64", fill_value=np.nan, **common)
    group.create_array("run", dtype="int16", fill_value=0, **common)
    group.create_array("done", dtype="bool", fill_value=False, **common)
    group.attrs["runs"] = json.dumps([{"run": 1, "started": "2026-01-01", "executor": "serial"}])
    group.attrs["manifest"] = json.dumps(manifest)
    return group


def test_a_store_written_by_zarr_alone_is_read_and_resumed(tmp_path):
    quantities = ("l1_coherence", "purity")
    grid = Grid.from_mapping(GRID)
    manifest = build_manifest(Job(FAMILY, grid, quantities, "collisions"), None)
    reference = run(None)
    path = tmp_path / "old.zarr"
    group = _zarr_only_store(path, grid, quantities, (1, 3), manifest)
    for q in quantities:  # the first two temperatures were finished by run 1
        group[q][:2] = reference[q].values[:2]
    group["run"][:2] = 1
    group["done"][:2] = True
    partial = load(path)
    assert partial.attrs["points_done"] == 6
    xr.testing.assert_equal(partial.isel(temperature=slice(0, 2)),
                            reference.isel(temperature=slice(0, 2)))  # fmt: skip
    calls = []
    resumed = run(path, progress=lambda done, _total: calls.append(done))
    assert calls == [6, 9, 12]
    xr.testing.assert_equal(resumed, reference)
    np.testing.assert_array_equal(zarr.open_group(str(path), mode="r")["run"][...][:, 0],
                                  [1, 1, 2, 2])  # fmt: skip


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"grid": {"temperature": [0.1, 0.5], "cluster_size": [1, 2, 3]}}, "grid.temperature"),
        ({"quantities": ["purity"]}, "quantities"),
        ({"method": "master_equation"}, "method"),
        ({"factory": CollisionFamily(f1=F1, f2=0.5, tau=0.05)}, "model.parameters.f2"),
        (
            {
                "factory": lambda temperature, cluster_size: FAMILY(
                    temperature=temperature, cluster_size=cluster_size
                )
            },
            "model.family",
        ),
    ],
)
def test_a_different_sweep_is_refused(tmp_path, change, field):
    path = tmp_path / "s.zarr"
    run(path)
    args = {
        "factory": FAMILY,
        "grid": GRID,
        "quantities": ["l1_coherence", "purity"],
        "method": "collisions",
    } | change
    with pytest.raises(StoreMismatchError, match=rf"holds a different sweep.*field '{field}'"):
        sweep(
            args.pop("factory"),
            args.pop("grid"),
            args.pop("quantities"),
            store=path,
            executor="serial",
            **args,
        )
    assert load(path).attrs["points_done"] == 12  # untouched


def test_another_package_version_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "s.zarr"
    run(path)
    monkeypatch.setattr(ac, "__version__", "99.0")
    with pytest.raises(StoreMismatchError, match=r"field 'package_version' differs.*\"99.0\""):
        run(path)


def test_paths_that_are_not_sweep_stores(tmp_path):
    afile = tmp_path / "notes.txt"
    afile.write_text("x")
    with pytest.raises(StoreMismatchError, match="exists and is not a sweep store"):
        run(afile)
    full = tmp_path / "full"
    full.mkdir()
    (full / "a").write_text("x")
    with pytest.raises(StoreMismatchError, match="exists and is not a sweep store"):
        run(full)
    empty = tmp_path / "empty.zarr"
    empty.mkdir()
    assert run(empty).attrs["points_done"] == 12
    other = tmp_path / "other.zarr"
    zarr.open_group(str(other), mode="w")
    with pytest.raises(StoreMismatchError, match="without a sweep manifest"):
        run(other)
    with pytest.raises(ParameterError, match="not a sweep store"):
        load(other)
    with pytest.raises(FileNotFoundError, match="no sweep store"):
        load(tmp_path / "missing.zarr")
    with pytest.raises(ParameterError, match=r"must end in \.nc"):
        to_netcdf(empty, tmp_path / "x.zarr")


KILL_SPEC = """
title = "kill test"
[model]
family = "collision"
f1 = 0.42426406871192845
f2 = 0.6
tau = 0.05
[grid]
cluster_size = [4, 5]
temperature = { start = 0.1, stop = 2.0, num = 24 }
[sweep]
quantities = ["l1_coherence", "purity", "sz"]
method = "collisions"
chunk_points = 1
"""


def _done_count(store: Path) -> int:
    try:
        group = zarr.open_group(str(store), mode="r")
        if "manifest" not in group.attrs:
            return 0
        return int(np.asarray(group["done"][...]).sum())
    except Exception:  # the store is being created
        return 0


def test_sigkill_mid_sweep_then_resume(tmp_path):
    """A sweep killed with SIGKILL resumes: every point exactly once, equal to a clean run."""
    spec_path = tmp_path / "kill.toml"
    spec_path.write_text(KILL_SPEC)
    store = tmp_path / "kill.zarr"
    script = textwrap.dedent(
        """
        import sys
        from autocoherence.sweeps import load_spec, run_spec
        run_spec(load_spec(sys.argv[1]), store=sys.argv[2], executor="serial")
        """
    )
    env = os.environ | {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(spec_path), str(store)],
        start_new_session=True,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    try:
        while _done_count(store) < 3:
            if proc.poll() is not None:
                pytest.fail(f"the sweep ended before it was killed: {proc.stderr.read()!r}")
            if time.monotonic() > deadline:
                pytest.fail("the sweep wrote no point within 60 s")
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    spec = load_spec(spec_path)
    total = spec.grid.size
    before = zarr.open_group(str(store), mode="r")
    done_at_kill = np.asarray(before["done"][...])
    n_killed = int(done_at_kill.sum())
    assert 0 < n_killed < total, "the kill must land mid-way"
    values_at_kill = np.asarray(before["purity"][...])[done_at_kill]

    first = []
    resumed = run_spec(
        spec, store=store, executor="serial", progress=lambda done, _tot: first.append(done)
    )
    assert first[0] == n_killed  # finished points were kept ...
    after = zarr.open_group(str(store), mode="r")
    runs = np.asarray(after["run"][...])
    assert bool(np.all(after["done"][...]))
    np.testing.assert_array_equal(runs[done_at_kill], 1)  # ... and not recomputed
    np.testing.assert_array_equal(runs[~done_at_kill], 2)
    np.testing.assert_array_equal(np.asarray(after["purity"][...])[done_at_kill], values_at_kill)
    clean = run_spec(spec, executor="serial")
    xr.testing.assert_equal(resumed, clean)
    assert not np.isnan(resumed.purity.values).any()
