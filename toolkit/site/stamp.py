"""Recognise a build whose inputs and outputs are exactly as the last build left them.

After a successful build, ``stamp.json`` in the build's cache folder records a fingerprint
of everything the build read (the workspace's YAML and templates, extra files such as
persona images, teekond's own code and templates, the build options) together with the
size and modification time of every file it wrote, and the warnings validation printed.
When the next ``teekond build`` finds the same fingerprint and every output untouched, it prints the
stored warnings and stops: no loading, validation or rendering, which is what makes a no-op
rebuild cost a small fraction of a full one.

This module imports only the standard library, so the check runs before the heavy modules
(pydantic, networkx, Jinja) are imported at all.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from ..load.paths import inside, walk
from ..output.files import remove_file, write_atomic
from ..output.template_search import PACKAGE, package_templates
from ..version import __version__

STAMP = "stamp.json"
"""In the build's cache folder (:mod:`toolkit.site.cache`), never in the site."""
INPUT_FOLDERS = ("journeys", "personas", "touchpoints", "templates", "statistics")
SETTINGS = "teekond.yaml"


def _input_files(root: Path) -> list[Path]:
    """The files a build may read. A link that leaves the workspace is listed too, but
    :func:`_contents` never reads it (it may be ``/dev/zero`` or someone's key)."""
    boundary = root.resolve()
    files = [root / SETTINGS]
    for folder in INPUT_FOLDERS:
        files += [entry.path for entry in walk(root / folder, boundary)]
    return files


def _contents(path: Path, boundary: Path) -> bytes:
    if not inside(path, boundary):
        return b"\0outside"
    try:
        return path.read_bytes() if path.is_file() else b"\0missing"
    except OSError:  # unreadable: validation says so; the stamp only needs it to differ
        return b"\0unreadable"


@functools.cache
def _tool_fingerprint() -> str:
    """teekond's own code and default templates: a changed teekond rebuilds everything."""
    digest = hashlib.sha256(__version__.encode())
    for folder in (PACKAGE, package_templates()):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (
                ".py", ".html", ".css", ".md", ".svg", ".yaml", ".po")):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(root: Path, options: dict[str, Any], extra_inputs: list[str]) -> str:
    """Hash of every input of a build of ``root`` with ``options``."""
    digest = hashlib.sha256(_tool_fingerprint().encode())
    digest.update(json.dumps(options, sort_keys=True).encode())
    boundary = root.resolve()
    for path in _input_files(root) + [root / rel for rel in extra_inputs]:
        digest.update(b"\0" + path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(_contents(path, boundary))
    return digest.hexdigest()


def _state(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def up_to_date(root: Path, out: Path, cache: Path,
               options: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The warnings of the last build when nothing changed since it; otherwise None."""
    try:
        stamp = json.loads((cache / STAMP).read_text(encoding="utf-8"))
        if stamp["fingerprint"] != fingerprint(root, options, stamp["extra_inputs"]):
            return None
        if any(_state(out / rel) != state for rel, state in stamp["outputs"].items()):
            return None
        return list(stamp["warnings"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no stamp, or one we cannot read: build


def write(root: Path, out: Path, cache: Path, options: dict[str, Any], outputs: list[Path],
          extra_inputs: list[str], warnings: list[dict[str, Any]]) -> None:
    stamp = {
        "fingerprint": fingerprint(root, options, extra_inputs),
        "extra_inputs": sorted(extra_inputs),
        "outputs": {p.relative_to(out).as_posix(): _state(p) for p in sorted(outputs)},
        "warnings": warnings,
    }
    write_atomic(cache / STAMP, json.dumps(stamp, indent=1, sort_keys=True) + "\n")


def remove(cache: Path) -> None:
    """Forget the last build (called before a build starts, so a failed or interrupted
    build is never taken for a complete one)."""
    remove_file(cache / STAMP)
