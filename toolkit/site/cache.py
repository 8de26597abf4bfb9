"""Where a build keeps what is not the site: rendered diagrams and PDFs, the stamp of the
last build and the list of files it wrote.

All of it lives in ``.teekond-cache/`` at the top of the workspace (safe to delete: the next
build renders again; it holds a ``.gitignore`` of its own, as ``.pytest_cache`` does, so git
ignores it in any repository), one folder per output folder, so ``build/`` holds
only the site that a user zips and mails. A workspace that cannot be written to (a read-only
checkout) keeps its cache under the user's cache folder instead.

This module imports only the standard library: the up-to-date check runs before anything
heavy is loaded.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

CACHE_FOLDER = ".teekond-cache"


def cache_dir(workspace: Path, out: Path) -> Path:
    """The cache folder of builds of ``workspace`` into ``out`` (created if missing)."""
    name = "build-" + _digest(out)
    preferred = workspace / CACHE_FOLDER / name
    try:
        preferred.mkdir(parents=True, exist_ok=True)
        ignore = preferred.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# made by teekond: the build cache is never committed\n*\n",
                              encoding="utf-8")
        if os.access(preferred, os.W_OK):
            return preferred
    except OSError:
        pass
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    fallback = home / "teekond" / _digest(workspace) / name
    fallback.mkdir(parents=True, exist_ok=True)
    return fallback


def _digest(path: Path) -> str:
    return hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]
