"""Atomic file writes: a reader never sees a half-written file, and an interrupted write
leaves the previous version in place.

Every failure to write (a read-only or full disk, a folder that is a file) is a
:class:`~toolkit.errors.CannotWrite` naming the path and the reason in words, never an
``OSError``: the command line prints it as one line and exits 1.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import CannotWrite


def _current_umask() -> int:
    mask = os.umask(0)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The file is replaced, never written into: a hard link to it elsewhere (the live site,
    while a build stages the next one) keeps the old bytes."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise cannot_write(path, err) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        # mkstemp creates the file 0600; give it the mode a plain open() would have.
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise cannot_write(path, err) from None
        raise


def write_new(path: Path, data: str) -> None:
    """Write ``data`` to a file that must not exist yet (never overwrites)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(data)
    except OSError as err:
        raise cannot_write(path, err) from None


def check_writable(folder: Path) -> None:
    """Make ``folder`` if it is missing and write a few bytes into it (then remove them), so
    that a folder that cannot be written fails before a build spends time rendering."""
    probe = folder / ".teekond-probe"
    try:
        write_atomic(probe, b"probe\n")
        remove_file(probe)
    except CannotWrite as err:
        raise CannotWrite(folder, err.reason) from None


def remove_file(path: Path) -> None:
    """Remove ``path`` if it exists."""
    try:
        path.unlink(missing_ok=True)
    except OSError as err:
        raise cannot_write(path, err) from None


def cannot_write(path: Path, err: OSError) -> CannotWrite:
    """The error to show when writing ``path`` failed with ``err``: a folder on the way that
    is a file is named as such (the OS says only "File exists" or "Not a directory")."""
    for folder in path.parents:
        if folder.exists():
            if not folder.is_dir():
                return CannotWrite(path, f"{folder} is a file, not a folder")
            break
    return CannotWrite(path, err.strerror or str(err))
