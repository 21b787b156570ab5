"""The writer lock of a sweep store: one process at a time writes it.

An exclusive ``fcntl.flock`` on the hidden file ``.NAME.lock`` beside the store, holding the
writer's pid; the kernel releases it when the process ends, also on SIGKILL. Not POSIX: no
lock.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from autocoherence.errors import ParameterError, StoreBusyError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no writer lock
    fcntl = None  # type: ignore[assignment]

__all__ = ["WriterLock"]


class WriterLock:
    """An exclusive ``flock`` on ``.NAME.lock`` beside the store, holding the writer's pid."""

    def __init__(self, path: Path) -> None:
        self.store = path
        self.file = path.with_name(f".{path.name}.lock")
        self.fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise StoreBusyError naming the pid that holds it."""
        if fcntl is None:  # pragma: no cover - not POSIX
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.file, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ParameterError(
                f"cannot write the store {self.store}: {exc.strerror or exc} (creating its lock "
                f"file {self.file}); points are left to compute, so the store must be "
                "writable: run on a writable copy, or pass another store path"
            ) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise StoreBusyError(
                f"{self.store} is being written by pid {holder} (another sweep holds its "
                f"lock {self.file}); wait for it to finish and rerun (finished points are "
                "kept), or write to another store"
            ) from exc
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self.fd = fd

    def release(self) -> None:
        """Let the lock go (the kernel also does when the process ends)."""
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, 0)
            os.close(self.fd)  # closing the descriptor releases the flock
            self.fd = None
