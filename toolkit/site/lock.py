"""One build at a time per output folder.

Two builds writing one folder at once (two workspaces, or ``--lang et`` and ``--lang en`` of
one) would interleave their pages and remove each other's cache entries. So a build holds an
OS file lock (``flock``) on ``.<name>.teekond-lock`` next to the output folder ``<name>``
while it reads and writes the folder, its cache, its manifest and its stamp (an up-to-date
build, which only reads the stamp, never takes it). A second build waits, says so, and
gives up with :class:`~toolkit.errors.OutputBusy` after a timeout. The kernel releases the
lock of a process that dies, so a killed build never blocks the next one.

The lock file exists only while a build runs: the holder removes it before releasing it,
and a waiter that then gets the lock checks that it locked the file at the path and not the
removed one (if not, it tries again). A killed build leaves the file behind, unlocked; the
next build takes it and removes it.

Where the output folder's parent cannot be written (a site folder of the user's inside a
folder of someone else's), the lock file is inside the output folder, which such a build
writes in place (:mod:`toolkit.site.staging`). On a file system that refuses locks (some
network file systems) the build goes on without one.

This module imports only the standard library and :mod:`toolkit.output.files`: a build
takes the lock before anything heavy is loaded.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import OutputBusy
from ..output.files import cannot_write

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds are not locked there
    fcntl = None  # type: ignore[assignment]

LOCK_TIMEOUT = 600.0
"""Seconds a build waits for another build of the same output folder (a full build of a
large workspace with every PDF takes a minute or two)."""
POLL = 0.1

log = logging.getLogger(__name__)


def lock_path(out: Path) -> Path:
    """The lock file of builds into ``out`` (the same for every name of the folder)."""
    real = Path(os.path.realpath(out))
    parent = real.parent
    if parent != real and (os.access(parent, os.W_OK) or not real.is_dir()):
        return parent / f".{real.name}.teekond-lock"
    return real / ".teekond-lock"


@contextlib.contextmanager
def output_lock(out: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock of builds into ``out`` for the ``with`` block; wait up to ``timeout``
    seconds for another build that holds it."""
    path = lock_path(out)
    fd = _acquire(path, out, timeout)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)  # while still holding it: see the module docstring
        os.close(fd)


def _acquire(path: Path, out: Path, timeout: float) -> int:
    deadline, waiting = time.monotonic() + timeout, False
    while True:
        fd = _open(path, out)
        if fcntl is None:
            return fd
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if not waiting:
                log.warning("waiting for another build of %s (%s) to finish…", out,
                            _holder(path))
                waiting = True
            if time.monotonic() >= deadline:
                raise OutputBusy(f"another build of {out} ({_holder(path)}) did not finish "
                                 f"within {timeout:g} s; try again when it has") from None
            time.sleep(POLL)
            continue
        except OSError as err:
            log.debug("no lock on %s (%s): building without one", path, err)
            return fd
        if _is_at(fd, path):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            return fd
        os.close(fd)  # its holder removed it meanwhile: lock the file at the path now


def _open(path: Path, out: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as err:
        raise cannot_write(out, err) from None


def _is_at(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def _holder(path: Path) -> str:
    try:
        pid = int(path.read_text(encoding="ascii"))
    except (OSError, ValueError):
        return "a teekond process"
    return f"process {pid}"
