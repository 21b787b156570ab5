"""Where the blocks of a sweep run: in this process, in a local process pool, or on Dask.

An executor takes a :class:`~autocoherence.sweeps.evaluate.Job` and a list of tasks
``(block_id, flat_indices)`` and yields ``(block_id, flat_indices, values)`` as blocks
finish, in any order. The sweep writes each result as it arrives, so an interrupted sweep
keeps what was done.

* :class:`SerialExecutor` (``executor="serial"``): in the calling process, one block after
  the other. For debugging and for small sweeps.
* :class:`LocalExecutor` (``executor="local"``, the default): a
  :class:`concurrent.futures.ProcessPoolExecutor` on this machine.
* :class:`DaskExecutor` (``executor="dask"``): a ``distributed`` cluster at ``address``, or a
  ``LocalCluster`` started and stopped for the sweep (optional dependency:
  ``pip install autocoherence[distributed]``).

The job travels to worker processes as ``cloudpickle`` bytes, so factories may be lambdas
and closures on every executor and under every start method (fork, forkserver, spawn). A
factory defined in an importable module travels by reference: the workers must be able to
import that module (always true on this machine; on a remote cluster install it there).

Every executor computes a block with the same function on the same points, so a sweep gives
identical numbers on all of them.

:func:`map_calls` runs any function on the same executors (``reproduce`` runs whole figures
with it).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from typing import Any, Protocol, runtime_checkable

import numpy as np

from autocoherence.errors import ParameterError
from autocoherence.sweeps.evaluate import Job, evaluate

__all__ = [
    "EXECUTORS",
    "DaskExecutor",
    "FuturesExecutor",
    "LocalExecutor",
    "SerialExecutor",
    "SweepExecutor",
    "map_calls",
    "resolve_executor",
    "run_task",
]

#: Names accepted by ``sweep(executor=...)``.
EXECUTORS: tuple[str, ...] = ("local", "dask", "serial")

Task = tuple[int, np.ndarray]
TaskResult = tuple[int, np.ndarray, np.ndarray]


@runtime_checkable
class SweepExecutor(Protocol):
    """What the sweep needs from an executor.

    Examples
    --------
    Any object with a ``name`` and a ``map_unordered`` method is an executor:

    >>> class Inline:
    ...     name = "inline"
    ...     def map_unordered(self, job, tasks):
    ...         for block_id, indices in tasks:
    ...             yield block_id, indices, evaluate(job, indices)[0]
    >>> isinstance(Inline(), SweepExecutor), isinstance(SerialExecutor(), SweepExecutor)
    (True, True)
    >>> from autocoherence.sweeps import SpinFamily, sweep
    >>> ds = sweep(SpinFamily("direct", omega1=1.0, omega2=0.5, gamma=0.7),
    ...            {"temperature": [0.0, 0.3]}, ["l1_coherence"], executor=Inline(), chunk_points=1)
    >>> ds.l1_coherence.values.round(6)
    array([0.573462, 0.378098])
    """

    name: str

    def map_unordered(self, job: Job, tasks: Sequence[Task]) -> Iterator[TaskResult]:
        """Evaluate every task; yield ``(block_id, indices, values)`` as each finishes."""
        ...


def _dumps(job: Job) -> bytes:
    import cloudpickle  # noqa: PLC0415

    return bytes(cloudpickle.dumps(job))


def run_task(payload: bytes, task: Task) -> TaskResult:
    """Worker entry point: unpickle the job (cloudpickle bytes) and evaluate one block.

    Examples
    --------
    >>> import cloudpickle
    >>> from autocoherence.sweeps import CollisionFamily, Grid
    >>> job = Job(CollisionFamily(f1=0.3, f2=0.6), Grid.from_mapping({"temperature": [0.0, 1.0]}),
    ...           ("purity",), "auto")
    >>> block_id, indices, values = run_task(cloudpickle.dumps(job), (7, np.arange(2)))
    >>> block_id, indices.tolist(), values.round(6).tolist()
    (7, [0, 1], [[0.986107, 0.603809]])
    """
    import cloudpickle  # noqa: PLC0415

    job = cloudpickle.loads(payload)
    block_id, indices = task
    values, _ = evaluate(job, indices)
    return block_id, indices, values


class SerialExecutor:
    """Evaluate the blocks one after another in the calling process.

    Examples
    --------
    >>> SerialExecutor().name
    'serial'
    """

    name = "serial"

    def map_unordered(self, job: Job, tasks: Sequence[Task]) -> Iterator[TaskResult]:
        """Evaluate the tasks in order."""
        for block_id, indices in tasks:
            values, _ = evaluate(job, indices)
            yield block_id, indices, values


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


#: Seconds between two checks of a local worker's watchdog that its driver is alive.
WATCHDOG_INTERVAL = 0.2


def _driver_alive(driver: int, parent: int) -> bool:
    """Whether the sweep's driver process still runs (and this worker is still its child)."""
    if os.getppid() != parent:  # re-parented: the process that started us has died
        return False
    try:
        os.kill(driver, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - a pid reused by another user
        return False
    return True


def _watch_driver(driver: int, parent: int, interval: float) -> None:
    while _driver_alive(driver, parent):
        time.sleep(interval)
    os._exit(1)  # the driver is gone (e.g. SIGKILL): nobody will collect our results


def _worker_init(driver: int) -> None:
    """Pool initializer: one BLAS thread per worker, and a watchdog on the driver.

    The workers already use every core, so each keeps one BLAS thread. A daemon thread
    checks every :data:`WATCHDOG_INTERVAL` seconds that the driver (the process running the
    sweep) is alive, and ends the worker when it is not: a driver killed with SIGKILL cannot
    stop its pool, and its workers would otherwise wait for work for ever.
    """
    from threadpoolctl import threadpool_limits  # noqa: PLC0415

    threadpool_limits(limits=1)
    watchdog = threading.Thread(
        target=_watch_driver,
        args=(driver, os.getppid(), WATCHDOG_INTERVAL),
        name="autocoherence-driver-watchdog",
        daemon=True,
    )
    watchdog.start()


class LocalExecutor:
    """A process pool on this machine (the default executor).

    Each worker limits its BLAS to one thread (``threadpoolctl``), as Dask's workers do:
    ``max_workers`` processes with a multi-threaded BLAS each would oversubscribe the cores.
    Each worker also ends itself within a fraction of a second when the process running the
    sweep dies, even by SIGKILL (a watchdog thread, see :func:`_worker_init`): nothing is
    left running.

    Parameters
    ----------
    max_workers : int, optional
        Worker processes; default: the CPUs this process may use.
    mp_context : {"fork", "forkserver", "spawn"}, optional
        Start method of the workers; default: the platform's.

    Examples
    --------
    >>> LocalExecutor(max_workers=2).max_workers
    2
    """

    name = "local"

    def __init__(self, max_workers: int | None = None, *, mp_context: str | None = None) -> None:
        if max_workers is not None and (
            isinstance(max_workers, bool) or not isinstance(max_workers, int) or max_workers < 1
        ):
            raise ParameterError(
                f"max_workers must be an integer >= 1 (or None: one per CPU), got "
                f"max_workers={max_workers!r}"
            )
        methods = multiprocessing.get_all_start_methods()
        if mp_context is not None and mp_context not in methods:
            raise ParameterError(
                f"mp_context must be one of {', '.join(map(repr, methods))}, got {mp_context!r}"
            )
        self.max_workers = max_workers or _cpu_count()
        self.mp_context = mp_context

    def map_unordered(self, job: Job, tasks: Sequence[Task]) -> Iterator[TaskResult]:
        """Submit every block to the pool; yield results as they complete."""
        payload = _dumps(job)
        context = multiprocessing.get_context(self.mp_context)
        workers = max(1, min(self.max_workers, len(tasks)))
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_worker_init,
            initargs=(os.getpid(),),
        )
        try:
            pending: set[Future[TaskResult]] = {
                pool.submit(run_task, payload, task) for task in tasks
            }
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor:
    """Blocks as tasks on a Dask ``distributed`` cluster.

    Parameters
    ----------
    address : str, optional
        Scheduler address (``"tcp://host:8786"``). Without it (and without ``client``) a
        ``LocalCluster`` of ``n_workers`` single-threaded worker processes is started for
        the sweep and closed after it.
    client : distributed.Client, optional
        An existing client to use (not closed by the sweep).
    n_workers : int, optional
        Workers of the LocalCluster; default: the CPUs this process may use.

    Examples
    --------
    >>> DaskExecutor(address="tcp://127.0.0.1:8786").address
    'tcp://127.0.0.1:8786'
    """

    name = "dask"

    def __init__(
        self, address: str | None = None, *, client: Any = None, n_workers: int | None = None
    ) -> None:
        if address is not None and not isinstance(address, str):
            raise TypeError(f"address must be a string such as 'tcp://host:8786', got {address!r}")
        if address is not None and client is not None:
            raise ParameterError("give either address or client, not both")
        if n_workers is not None and (
            isinstance(n_workers, bool) or not isinstance(n_workers, int) or n_workers < 1
        ):
            raise ParameterError(
                f"n_workers must be an integer >= 1 (or None: one per CPU), got "
                f"n_workers={n_workers!r}"
            )
        if n_workers is not None and (address is not None or client is not None):
            raise ParameterError(
                "n_workers sizes the LocalCluster started without address or client; "
                f"got n_workers={n_workers!r} with an existing cluster"
            )
        self.address = address
        self.client = client
        self.n_workers = n_workers

    def _connect(self) -> tuple[Any, list[Any]]:
        try:
            from distributed import Client, LocalCluster  # noqa: PLC0415
        except ImportError as exc:  # pragma: no cover - the test suite has distributed
            raise ImportError(
                "executor='dask' needs the optional dependencies dask and distributed: "
                "pip install 'autocoherence[distributed]'"
            ) from exc
        if self.client is not None:
            return self.client, []
        if self.address is not None:
            client = Client(self.address)
            return client, [client]
        cluster = LocalCluster(
            n_workers=self.n_workers or _cpu_count(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: never clash with a running dashboard
        )
        client = Client(cluster)
        return client, [client, cluster]

    def map_unordered(self, job: Job, tasks: Sequence[Task]) -> Iterator[TaskResult]:
        """Scatter the job once, submit every block, yield results as they complete."""
        from distributed import as_completed  # noqa: PLC0415

        client, owned = self._connect()
        futures: list[Any] = []
        try:
            [payload] = client.scatter([_dumps(job)], broadcast=True)
            futures = [client.submit(run_task, payload, task, pure=False) for task in tasks]
            for future in as_completed(futures):
                yield future.result()
        finally:
            if futures:
                client.cancel(futures)
            for resource in owned:
                resource.close()


class FuturesExecutor:
    """Any ``concurrent.futures.Executor`` you already have (emcee's ``pool=`` habit).

    The pool is used as it is and not shut down by the sweep. A ``ProcessPoolExecutor`` gets
    the job once per block as cloudpickle bytes, so lambdas travel; a ``ThreadPoolExecutor``
    works too (the numerics release the GIL only inside LAPACK).

    Examples
    --------
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> from autocoherence.sweeps import SpinFamily, sweep
    >>> with ThreadPoolExecutor(2) as pool:
    ...     ds = sweep(SpinFamily("direct", omega1=1.0, omega2=0.5, gamma=0.7),
    ...                {"temperature": [0.0, 0.3]}, ["l1_coherence"], executor=pool)
    >>> ds.l1_coherence.values.round(6)
    array([0.573462, 0.378098])
    """

    name = "futures"

    def __init__(self, pool: Executor) -> None:
        if not isinstance(pool, Executor):
            raise TypeError(
                f"pool must be a concurrent.futures.Executor, got {type(pool).__name__}"
            )
        self.pool = pool

    def map_unordered(self, job: Job, tasks: Sequence[Task]) -> Iterator[TaskResult]:
        """Submit every block to the pool; yield results as they complete."""
        payload = _dumps(job)
        pending: set[Future[TaskResult]] = {
            self.pool.submit(run_task, payload, task) for task in tasks
        }
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        finally:
            for future in pending:
                future.cancel()


def _is_dask_client(value: Any) -> bool:
    cls = type(value)
    return cls.__name__ == "Client" and cls.__module__.startswith("distributed")


def resolve_executor(executor: Any, address: str | None) -> SweepExecutor:
    """An executor from ``sweep``'s ``executor``/``address`` arguments.

    ``executor`` is ``"local"``, ``"dask"``, ``"serial"``, any ``concurrent.futures.Executor``
    (:class:`FuturesExecutor`), a ``dask.distributed.Client`` (:class:`DaskExecutor`), or an
    object with a ``map_unordered(job, tasks)`` method (:class:`LocalExecutor`,
    :class:`DaskExecutor`, :class:`SerialExecutor` or your own). ``address`` is only
    meaningful with ``"dask"``.

    Examples
    --------
    >>> resolve_executor("serial", None).name
    'serial'
    >>> resolve_executor("local", "tcp://127.0.0.1:8786")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: address is only used with executor='dask', ...
    """
    if address is not None and executor != "dask":
        raise ParameterError(
            f"address is only used with executor='dask', got executor={executor!r}"
        )
    if isinstance(executor, str):
        if executor == "local":
            return LocalExecutor()
        if executor == "dask":
            return DaskExecutor(address)
        if executor == "serial":
            return SerialExecutor()
        raise ParameterError(
            f"executor must be one of {', '.join(map(repr, EXECUTORS))} or an executor object; "
            f"got executor={executor!r}"
        )
    if isinstance(executor, SweepExecutor):
        return executor
    if isinstance(executor, Executor):
        return FuturesExecutor(executor)
    if _is_dask_client(executor):
        return DaskExecutor(client=executor)
    raise TypeError(
        "executor must be 'local', 'dask', 'serial', a concurrent.futures.Executor, a "
        "dask.distributed.Client or an object with map_unordered(job, tasks), got "
        f"{type(executor).__name__}"
    )


# --------------------------------------------------------------- any function, not sweep blocks
def _call(payload: bytes, args: tuple[Any, ...]) -> Any:
    """Worker entry point of :func:`map_calls`: unpickle the function and call it."""
    import cloudpickle  # noqa: PLC0415

    return cloudpickle.loads(payload)(*args)


def _as_completed(futures: Sequence[Future[Any]]) -> Iterator[tuple[int, Any]]:
    index = {future: i for i, future in enumerate(futures)}
    pending = set(futures)
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            yield index[future], future.result()


@contextlib.contextmanager
def map_calls(
    executor: SweepExecutor, func: Callable[..., Any], calls: Sequence[tuple[Any, ...]]
) -> Iterator[Iterator[tuple[int, Any]]]:
    """Run ``func(*args)`` for every ``args`` of ``calls`` on a sweep's executor.

    On entry every call is submitted (the serial executor runs them as they are read); the
    context yields ``(k, func(*calls[k]))`` as each finishes, in any order, and a worker's
    exception is raised where its result is read. On exit the calls not yet started are
    cancelled and a pool the executor started is shut down (the running ones finish).
    ``reproduce`` runs whole figures this way: the same pools, the same watchdog on the
    driver (:class:`LocalExecutor`), the same Dask clusters and ``concurrent.futures``
    executors as sweeps. ``func`` travels as cloudpickle bytes (lambdas are fine).

    Examples
    --------
    >>> with map_calls(SerialExecutor(), pow, [(2, 3), (3, 2)]) as results:
    ...     sorted(results)
    [(0, 8), (1, 9)]
    """
    if isinstance(executor, SerialExecutor):
        yield ((k, func(*args)) for k, args in enumerate(calls))
        return
    import cloudpickle  # noqa: PLC0415

    payload = bytes(cloudpickle.dumps(func))
    owned: list[Any] = []
    if isinstance(executor, DaskExecutor):
        from distributed import as_completed  # noqa: PLC0415

        client, owned = executor._connect()  # noqa: SLF001  (this module's own class)
        futures = [client.submit(_call, payload, args, pure=False) for args in calls]
        index = {future.key: k for k, future in enumerate(futures)}
        try:
            yield ((index[f.key], f.result()) for f in as_completed(futures))
        finally:
            client.cancel(futures)
            for resource in owned:
                resource.close()
        return
    if isinstance(executor, LocalExecutor):
        pool: Executor = ProcessPoolExecutor(
            max_workers=max(1, min(executor.max_workers, len(calls))),
            mp_context=multiprocessing.get_context(executor.mp_context),
            initializer=_worker_init,
            initargs=(os.getpid(),),
        )
        owned = [pool]
    elif isinstance(executor, FuturesExecutor):
        pool = executor.pool
    else:
        raise TypeError(
            f"{type(executor).__name__} runs sweep blocks only (map_unordered); functions run "
            "on 'serial', 'local', 'dask', a concurrent.futures.Executor or a dask Client"
        )
    futures_: list[Future[Any]] = [pool.submit(_call, payload, args) for args in calls]
    try:
        yield _as_completed(futures_)
    finally:
        for future in futures_:
            future.cancel()
        for resource in owned:
            resource.shutdown(wait=True, cancel_futures=True)
