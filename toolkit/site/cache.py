"""Where a build keeps what is not the site: rendered diagrams and PDFs, the stamp of the
last build and the list of files it wrote (the manifest).

All of it lives in ``.teekond-cache/`` at the top of the workspace (safe to delete: the next
build renders again; it holds a ``.gitignore`` of its own, as ``.pytest_cache`` does, so git
ignores it in any repository), one folder per output folder, so ``build/`` holds
only the site that a user zips and mails. A workspace that cannot be written to (a read-only
checkout) keeps its cache under the user's cache folder instead.

Only one build uses a cache folder at a time: builds into one output folder take turns
(:mod:`toolkit.site.lock`), and two output folders never share a cache folder. Entries are
written atomically, so a build killed halfway leaves whole entries or none.

This module imports only the standard library and :mod:`toolkit.output.files`: the up-to-date
check runs before anything heavy is loaded.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..errors import CannotWrite
from ..output.files import cannot_write, write_atomic

CACHE_FOLDER = ".teekond-cache"
MANIFEST = "manifest"
"""In the build's cache folder: the files of the output folder that builds made, so the next
one can remove those it no longer makes (a journey deleted from the YAML) without touching
anything else in the output folder."""


def workspace_cache(workspace: Path) -> Path:
    """``workspace/.teekond-cache``, created with a ``.gitignore`` that keeps it out of git.
    Raises OSError or CannotWrite when it cannot be made."""
    folder = workspace / CACHE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        write_atomic(ignore, "# made by teekond: the build cache is never committed\n*\n")
    return folder


def cache_dir(workspace: Path, out: Path) -> Path:
    """The cache folder of builds of ``workspace`` into ``out`` (created if missing)."""
    name = "build-" + _digest(out)
    preferred = workspace / CACHE_FOLDER / name
    try:
        workspace_cache(workspace)
        preferred.mkdir(parents=True, exist_ok=True)
        if os.access(preferred, os.W_OK):
            return preferred
        first = "Permission denied"
    except (OSError, CannotWrite) as err:
        first = err.reason if isinstance(err, CannotWrite) else err.strerror or str(err)
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    fallback = home / "teekond" / _digest(workspace) / name
    try:
        fallback.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise CannotWrite(preferred, f"{first}; nor to {fallback}: "
                                     f"{cannot_write(fallback, err).reason}") from None
    return fallback


def read_manifest(cache: Path) -> list[str]:
    """The files the last build of this cache's output folder made, relative to it."""
    try:
        return (cache / MANIFEST).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []


def write_manifest(cache: Path, listing: list[str]) -> None:
    if read_manifest(cache) != listing:
        write_atomic(cache / MANIFEST, "".join(f"{rel}\n" for rel in listing))


def _digest(path: Path) -> str:
    return hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]
