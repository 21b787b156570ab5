"""Executors: a local process pool and a real Dask LocalCluster give the serial numbers exactly."""

from __future__ import annotations

import math
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest
import xarray as xr

import autocoherence as ac
from autocoherence.errors import ParameterError
from autocoherence.sweeps import (
    DaskExecutor,
    FuturesExecutor,
    LocalExecutor,
    SerialExecutor,
    SpinFamily,
    sweep,
)
from autocoherence.sweeps.executors import resolve_executor

distributed = pytest.importorskip("distributed")

GRID = {"temperature": [0.0, 0.2, 0.7, 1.5], "ratio": [0.3, 1.0, 2.0]}
QUANTITIES = ["l1_coherence", "purity", "bloch"]


def make_factory(scale):
    """A closure over a local value: only cloudpickle can ship it to another process."""

    def factory(temperature, ratio):
        s = ac.spaces.sigma_minus()
        return ac.CollisionModel(
            target=ac.Qubit(1.0),
            unit=ac.Qubit(1.0),
            coupling=ac.Bilinear(scale * ratio * ac.spaces.sigma_z() + 0.6 * s, s),
            temperature=temperature,
            cluster_size=2,
        )

    return factory


def collisions_lambda():
    return lambda temperature, ratio: ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(1.0),
        cluster_size=2,
        coupling=ac.Composite(0.6 / math.sqrt(2) * ratio, 0.6),
        temperature=temperature,
        tau=0.05,
    )


def run(factory, executor, method="auto", **kwargs):
    return sweep(
        factory, GRID, QUANTITIES, method=method, executor=executor, chunk_points=2, **kwargs
    )


def assert_identical(a, b):
    """Bit for bit, values, coordinates and their labels (not the run's attributes)."""
    xr.testing.assert_identical(a.drop_attrs(deep=False), b.drop_attrs(deep=False))


@pytest.fixture(scope="module")
def cluster():
    """A real distributed LocalCluster: one single-threaded worker process."""
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as c:
        yield c


@pytest.mark.parametrize("method", ["auto", "collisions"])
def test_local_pool_equals_serial(method):
    factory = make_factory(0.3) if method == "auto" else collisions_lambda()
    assert_identical(run(factory, "local", method), run(factory, "serial", method))


def test_spawned_workers_receive_closures():
    factory = make_factory(0.25)
    pool = LocalExecutor(max_workers=2, mp_context="spawn")
    assert_identical(run(factory, pool), run(factory, SerialExecutor()))


def test_dask_cluster_equals_local(cluster):
    factory = collisions_lambda()
    on_dask = run(factory, "dask", "collisions", address=cluster.scheduler_address)
    assert_identical(on_dask, run(factory, "local", "collisions"))
    with distributed.Client(cluster) as client:
        via_client = run(make_factory(0.3), DaskExecutor(client=client))
        assert client.status == "running"  # a client passed in is not closed by the sweep
    assert_identical(via_client, run(make_factory(0.3), "serial"))


def test_dask_without_address_starts_a_local_cluster():
    ds = sweep(
        collisions_lambda(),
        {"temperature": [0.1, 0.4], "ratio": [1.0]},
        ["purity"],
        method="collisions",
        executor=DaskExecutor(n_workers=1),
        chunk_points=1,
    )
    ref = sweep(
        collisions_lambda(),
        {"temperature": [0.1, 0.4], "ratio": [1.0]},
        ["purity"],
        method="collisions",
        executor="serial",
    )
    assert_identical(ds, ref)


@pytest.mark.parametrize("executor", ["local", "dask"])
def test_worker_errors_reach_the_caller_with_the_point(executor, cluster):
    good = make_factory(0.3)  # (a closure: referring to make_factory, a global of this test
    # module, would make the worker import the test module, which a Dask worker cannot)

    def factory(temperature, ratio):
        return good(temperature, ratio) if temperature < 1 else (ac.Qubit(1.0), 1.0)

    address = cluster.scheduler_address if executor == "dask" else None
    with pytest.raises(TypeError, match=r"must return a CollisionModel.*temperature=1.5"):
        sweep(factory, GRID, ["purity"], executor=executor, address=address, chunk_points=3)


def test_a_custom_executor_object_is_used():
    class Recording(SerialExecutor):
        name = "recording"
        blocks = 0

        def map_unordered(self, job, tasks):
            for result in super().map_unordered(job, tasks):
                Recording.blocks += 1
                yield result

    run(make_factory(0.3), Recording())
    assert Recording.blocks == 8  # (1, 2) blocks over a 4 x 3 grid


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: LocalExecutor(max_workers=0), ParameterError, "max_workers must be an integer"),
        (lambda: LocalExecutor(mp_context="threads"), ParameterError, "mp_context must be one of"),
        (lambda: DaskExecutor(address=8786), TypeError, "address must be a string"),
        (lambda: DaskExecutor("tcp://a:1", client=object()), ParameterError, "either address"),
        (lambda: resolve_executor("dask", 3), TypeError, "address must be a string"),
    ],
)
def test_bad_executor_settings(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_resolve_executor_names():
    assert isinstance(resolve_executor("local", None), LocalExecutor)
    assert isinstance(resolve_executor("serial", None), SerialExecutor)
    dask = resolve_executor("dask", "tcp://127.0.0.1:8786")
    assert isinstance(dask, DaskExecutor)
    assert dask.address == "tcp://127.0.0.1:8786"


def test_any_concurrent_futures_executor_is_an_executor():
    """emcee's pool= habit: a ProcessPoolExecutor or ThreadPoolExecutor of the caller's own
    gives the same numbers as the serial route, and the caller's pool stays usable."""
    fam = SpinFamily("direct", omega1=1.0, omega2=0.5, gamma=0.7)
    grid = {"temperature": [0.0, 0.2, 0.5, 1.0]}
    ref = sweep(fam, grid, ["l1_coherence"], executor="serial", chunk_points=1)
    for pool_type in (ThreadPoolExecutor, ProcessPoolExecutor):
        with pool_type(2) as pool:
            assert isinstance(resolve_executor(pool, None), FuturesExecutor)
            ds = sweep(fam, grid, ["l1_coherence"], executor=pool, chunk_points=1)
            assert pool.submit(int, "3").result() == 3  # not shut down by the sweep
        xr.testing.assert_equal(ds.l1_coherence, ref.l1_coherence)
