"""sweeps.executors.map_calls: any function on the sweep executors (what ``reproduce`` uses)."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from autocoherence.errors import ParameterError
from autocoherence.sweeps.executors import (
    FuturesExecutor,
    LocalExecutor,
    SerialExecutor,
    map_calls,
)


def _fails(x: float) -> float:
    raise ParameterError(f"x must be > 0, got x={x}")


@pytest.mark.parametrize("executor", ["serial", "local", "threads"])
def test_every_call_comes_back_once_with_its_index(executor: str) -> None:
    calls = [(k, k + 1) for k in range(5)]
    if executor == "threads":
        with ThreadPoolExecutor(2) as pool, map_calls(FuturesExecutor(pool), pow, calls) as out:
            got = dict(out)
    else:
        runner = SerialExecutor() if executor == "serial" else LocalExecutor(max_workers=2)
        with map_calls(runner, lambda a, b: a**b, calls) as results:  # lambdas travel
            got = dict(results)
    assert got == {k: k ** (k + 1) for k in range(5)}


def test_a_worker_error_reaches_the_caller() -> None:
    with (
        pytest.raises(ParameterError, match="x must be > 0, got x=-1"),
        map_calls(LocalExecutor(max_workers=1), _fails, [(-1,)]) as results,
    ):
        list(results)


def test_an_executor_of_sweep_blocks_only_is_refused() -> None:
    class Inline:
        name = "inline"

        def map_unordered(self, _job, _tasks):  # pragma: no cover - never called
            yield from ()

    with pytest.raises(TypeError, match="runs sweep blocks only"), map_calls(Inline(), pow, []):
        pass
