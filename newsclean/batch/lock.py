"""The output's lock: one run at a time writes an output. An advisory lock (``flock``) on a file
beside the output, ``.<OUT>.lock`` (hidden, so that a walk of the folder never reads it). The
kernel drops the lock when the run ends, however it ends (even ``kill -9``), so a lock file left
behind never blocks a later run."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from newsclean.batch.values import LOCK_SUFFIX, OutputError, UsageError

try:  # Unix only: elsewhere outputs are not locked.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def lock_path(out: Path) -> Path:
    """Where the lock of ``out`` lives: ``.<OUT>.lock`` beside it."""
    out = Path(os.path.abspath(out))
    return out.with_name(f".{out.name}{LOCK_SUFFIX}")


@contextlib.contextmanager
def output_lock(out: Path | None) -> Iterator[None]:
    """Hold the lock of ``out`` for the block; ``UsageError`` when another run holds it,
    ``OutputError`` when the lock file cannot be made (a bad ``-o``)."""
    if out is None or fcntl is None:
        yield
        return
    path = lock_path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write there ({exc.strerror or exc})") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
            raise UsageError(
                f"{out} is being written by another newsclean run (pid {holder}); wait for it "
                "to end, or pick another -o"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)
