"""Render figures into a folder: in parallel on a sweep executor, with progress lines, cached.

A figure is redrawn only when its cache key changes. The key hashes the figure's name, its
options, the image format and resolution, the versions of the libraries that draw it and
the source of the whole ``autocoherence`` package except the CLI (so any change to the
physics or the figures redraws every figure: coarse, but never stale). Keys live in
``OUT/.cache/NAME.json`` beside the timing of the last run, which orders the next run
longest-first.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["Rendered", "cache_key", "render_all", "render_one", "source_digest"]

_LIBRARIES = ("numpy", "scipy", "matplotlib", "xarray", "qutip")


@dataclass(frozen=True)
class Rendered:
    """One figure written: its files, the seconds it took, and whether the cache served it."""

    name: str
    image: Path
    data: Path
    seconds: float
    cached: bool


@cache
def source_digest() -> str:
    """SHA-256 over the ``.py`` files of the installed package that figures may depend on.

    That is every module but the command line (``cli/``), which figures never import
    (the layers go ``figures <- cli``), so a change to the CLI keeps the cache.

    Examples
    --------
    >>> len(source_digest())
    64
    """
    import autocoherence  # noqa: PLC0415

    root = Path(autocoherence.__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).parts[0] == "cli":
            continue
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    for lib in _LIBRARIES:
        try:
            h.update(f"{lib}={importlib.metadata.version(lib)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{lib}=?".encode())
    return h.hexdigest()


def cache_key(name: str, options: Mapping[str, Any], fmt: str | None, dpi: int | None) -> str:
    """The key of one figure's files; equal keys mean identical code, options and format.

    Examples
    --------
    >>> cache_key("a", {"x": 1}, None, None) == cache_key("a", {"x": 1}, None, None)
    True
    >>> cache_key("a", {"x": 1}, None, None) == cache_key("a", {"x": 2}, None, None)
    False
    """
    payload = json.dumps([name, sorted((k, repr(v)) for k, v in options.items()), fmt, dpi])
    return hashlib.sha256(f"{source_digest()}|{payload}".encode()).hexdigest()


def _save_kwargs(fmt: str | None, dpi: int | None) -> dict[str, Any]:
    """``fmt``/``dpi`` for ``figures.save``, passed only when the user gave them."""
    kwargs: dict[str, Any] = {}
    if fmt is not None:
        kwargs["fmt"] = fmt
    if dpi is not None:
        kwargs["dpi"] = dpi
    if kwargs:
        from autocoherence.figures import save  # noqa: PLC0415

        accepted = inspect.signature(save).parameters
        missing = [k for k in kwargs if k not in accepted]
        if missing:
            from autocoherence.errors import ParameterError  # noqa: PLC0415

            raise ParameterError(
                f"this version of autocoherence.figures.save does not take {', '.join(missing)}"
                "; only PNG at the default resolution is available"
            )
    return kwargs


def render_one(
    name: str,
    out: str | Path,
    options: Mapping[str, Any] | None = None,
    fmt: str | None = None,
    dpi: int | None = None,
) -> tuple[Path, Path, float]:
    """Compute, draw and write one figure (in this process, one BLAS thread); its seconds.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     image, data, seconds = render_one("spins-fig2b", d)
    ...     print(image.name, data.name, seconds > 0)
    spins-fig2b.png spins-fig2b.nc True
    """
    from threadpoolctl import threadpool_limits  # noqa: PLC0415

    from autocoherence.figures import get_figure, save  # noqa: PLC0415

    start = time.perf_counter()
    with threadpool_limits(limits=1):
        image, data = save(get_figure(name), out, **_save_kwargs(fmt, dpi), **dict(options or {}))
    return image, data, time.perf_counter() - start


def _record(out: Path, name: str) -> Path:
    return out / ".cache" / f"{name}.json"


def _cached(out: Path, name: str, key: str) -> Rendered | None:
    try:
        meta = json.loads(_record(out, name).read_text())
    except (OSError, ValueError):
        return None
    image, data = out / str(meta.get("image", "")), out / str(meta.get("data", ""))
    if meta.get("key") != key or not image.is_file() or not data.is_file():
        return None
    return Rendered(name, image, data, float(meta.get("seconds", 0.0)), cached=True)


def _last_seconds(out: Path, name: str) -> float:
    try:
        return float(json.loads(_record(out, name).read_text())["seconds"])
    except (OSError, ValueError, KeyError, TypeError):
        return float("inf")  # never measured: start it first


def render_all(
    names: Iterable[str],
    out: str | Path,
    *,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    fmt: str | None = None,
    dpi: int | None = None,
    jobs: int = 2,
    executor: Any = "local",
    use_cache: bool = True,
    report: Callable[[int, int, Rendered], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> list[Rendered]:
    """Write every named figure into ``out``; ``report(done, total, rendered)`` after each.

    ``meanwhile()`` runs in this process while the pool works (the demo prints its tables).

    Figures whose cache key is unchanged are not recomputed. The others run, longest first
    by the last recorded timing, on ``executor`` as sweeps do
    (:func:`autocoherence.sweeps.executors.map_calls`): ``"local"`` (default) is a pool of
    ``jobs`` processes whose workers end when this process dies (in this process when
    ``jobs == 1`` or only one figure is left); ``"serial"``, ``"dask"``, any
    ``concurrent.futures.Executor`` or a ``dask.distributed.Client`` as for ``sweep``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     first = render_all(["spins-fig2b"], d, jobs=1)
    ...     again = render_all(["spins-fig2b"], d, jobs=1)
    ...     print(first[0].cached, again[0].cached, again[0].image.name)
    False True spins-fig2b.png
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / ".cache").mkdir(exist_ok=True)
    names = list(names)
    options = options or {}
    _save_kwargs(fmt, dpi)  # fail before any work if save() cannot take them
    total, done = len(names), 0
    results: dict[str, Rendered] = {}
    hits: list[Rendered] = []
    todo: list[tuple[str, str]] = []
    for name in names:
        key = cache_key(name, options.get(name, {}), fmt, dpi)
        hit = _cached(out, name, key) if use_cache else None
        if hit is None:
            todo.append((name, key))
        else:
            hits.append(hit)
    todo.sort(key=lambda item: -_last_seconds(out, item[0]))

    def finish(r: Rendered, key: str | None = None) -> None:
        nonlocal done
        done += 1
        if key is not None:
            meta = {"key": key, "image": r.image.name, "data": r.data.name, "seconds": r.seconds}
            _record(out, r.name).write_text(json.dumps(meta))
        results[r.name] = r
        if report is not None:
            report(done, total, r)

    from autocoherence.sweeps.executors import (  # noqa: PLC0415
        LocalExecutor,
        SerialExecutor,
        map_calls,
        resolve_executor,
    )

    if not (isinstance(executor, str) and executor == "local"):
        runner = resolve_executor(executor, None)
    elif jobs <= 1 or len(todo) <= 1:
        runner = SerialExecutor()
    else:
        runner = LocalExecutor(max_workers=min(jobs, len(todo)))
    calls = [(name, out, options.get(name), fmt, dpi) for name, _ in todo]
    with map_calls(runner, render_one, calls) as rendered:
        if meanwhile is not None:
            meanwhile()
        for hit in hits:
            finish(hit)
        for k, (image, data, seconds) in rendered:
            name, key = todo[k]
            finish(Rendered(name, image, data, seconds, cached=False), key)
    return [results[name] for name in names]
