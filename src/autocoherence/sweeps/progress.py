"""Progress of a sweep: ``sweep(..., progress=True)``.

``tqdm`` is not a dependency, so the bar is :mod:`rich`'s (already a dependency of the
command line; imported only when a bar is shown), on standard error, in a terminal and in
Jupyter. Elsewhere (a batch job, a pipe, a log file) the progress goes to the logger
``autocoherence.sweeps`` at level INFO, at most every 10 % of the points or every 30 s:
enable it with ``logging.basicConfig(level=logging.INFO)``. Library code never prints.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import IO, Any, Protocol

__all__ = ["LogProgress", "ProgressReporter", "RichProgress", "default_progress"]

logger = logging.getLogger("autocoherence.sweeps")


class ProgressReporter(Protocol):
    """``reporter(done, total)`` after each block; ``close()`` when the sweep ends."""

    def __call__(self, done: int, total: int) -> None:
        """Report ``done`` of ``total`` points finished."""

    def close(self) -> None:
        """Stop reporting (remove the bar's live display)."""


def _in_jupyter() -> bool:
    shell = sys.modules.get("IPython")
    get_ipython = getattr(shell, "get_ipython", None)
    ip = get_ipython() if callable(get_ipython) else None
    return ip is not None and type(ip).__name__ == "ZMQInteractiveShell"


class LogProgress:
    """Progress as log records of the ``autocoherence.sweeps`` logger (non-interactive output).

    Examples
    --------
    >>> import logging
    >>> records = []
    >>> handler = logging.Handler()
    >>> handler.emit = records.append
    >>> logger.addHandler(handler)
    >>> logger.setLevel(logging.INFO)
    >>> report = LogProgress(label="demo")
    >>> for done in (0, 50, 100):
    ...     report(done, 100)
    >>> report.close()
    >>> logger.removeHandler(handler)
    >>> logger.setLevel(logging.NOTSET)
    >>> [r.getMessage().split(",")[0] for r in records]
    ['demo: 0 of 100 points (0%)', 'demo: 50 of 100 points (50%)', 'demo: 100 of 100 points (100%)']
    """

    def __init__(self, label: str = "sweep", *, every_s: float = 30.0) -> None:
        self.label = label
        self.every_s = every_s
        self.start = time.monotonic()
        self.first: int | None = None
        self.last_time = -float("inf")
        self.last_done = -1

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self.first is None:
            self.first, self.start = done, now
        step = max(1, total // 10)
        if done < total and done - self.last_done < step and now - self.last_time < self.every_s:
            return
        elapsed = now - self.start
        rate = (done - self.first) / elapsed if elapsed > 0 else 0.0
        percent = 100 * done // total if total else 100
        logger.info(
            "%s: %d of %d points (%d%%), %.3g points/s, %.1f s",
            self.label,
            done,
            total,
            percent,
            rate,
            elapsed,
        )
        self.last_time, self.last_done = now, done

    def close(self) -> None:
        """Nothing to release."""


class RichProgress:
    """A rich progress bar (terminal and Jupyter) on standard error.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> bar = RichProgress(file=out, label="demo")
    >>> bar(0, 4); bar(4, 4); bar.close()
    >>> "4/4" in out.getvalue()
    True
    """

    def __init__(self, *, file: IO[str] | None = None, label: str = "sweep") -> None:
        from rich.console import Console  # noqa: PLC0415
        from rich.progress import (  # noqa: PLC0415
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        console = Console(file=file) if file is not None else Console(stderr=True)
        self.progress: Any = Progress(
            TextColumn(label),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("points"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
        )
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.task is None:  # points already in the store do not count as speed
            self.progress.start()
            self.task = self.progress.add_task("sweep", total=total, completed=done)
        else:
            self.progress.update(self.task, completed=done)

    def close(self) -> None:
        """Stop the live display (the finished bar stays)."""
        if self.task is not None:
            self.progress.stop()


def default_progress(*, interactive: bool | None = None) -> ProgressReporter:
    """The reporter of ``progress=True``: a bar where someone watches, else log records.

    Examples
    --------
    >>> type(default_progress(interactive=False)).__name__
    'LogProgress'
    """
    if interactive is None:
        interactive = _in_jupyter() or bool(getattr(sys.stderr, "isatty", lambda: False)())
    return RichProgress() if interactive else LogProgress()
