"""Load a workspace and run every rule on it: the entry point of `teekond validate`."""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..errors import ContentErrors
from ..load.workspace import Workspace, load_workspace
from . import free_text
from .drafts import without_drafts
from .rules import check_workspace
from .statistics import check_statistics


@dataclass(frozen=True)
class Result:
    workspace: Workspace
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    def ok(self, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)


def validated(root: Path, drafts: bool = False, *, jobs: int | None = None,
              cache: bool = True) -> Result:
    """The result of a workspace without errors; raise :class:`ContentErrors` (with every
    diagnostic) when it has some. What every command after `validate` starts from: its
    workspace holds no drafts unless ``drafts`` (see :mod:`toolkit.check.drafts`)."""
    result = validate(root, jobs=jobs, cache=cache)
    if result.errors:
        raise ContentErrors(result.diagnostics, len(result.workspace.documents))
    if drafts:
        return result
    return Result(without_drafts(result.workspace), result.diagnostics)


def validate(root: Path, *, jobs: int | None = None, cache: bool = True) -> Result:
    """Every diagnostic of the workspace at ``root``, sorted by file, line and column.

    ``jobs`` and ``cache``: how files are parsed (see
    :func:`toolkit.load.workspace.load_workspace`); neither changes the result."""
    # Loading makes millions of small objects that all stay alive: the cyclic garbage
    # collector would scan them over and over and free nothing (about 15% of the run time
    # on a large workspace, measured with benchmarks/bench_validate.py --profile).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _validate(root, jobs, cache)
    finally:
        if enabled:
            gc.enable()


def _validate(root: Path, jobs: int | None, cache: bool) -> Result:
    ws, found = load_workspace(root, free_text.scan, jobs=jobs, cache=cache)
    failed = {d.file for d in found if d.severity == "error"}
    unreadable: set[str] = set()
    unread_kinds: set[str] = set()
    for name in failed:
        doc = ws.documents.get(name)
        if doc is None:  # never read (a link out of the workspace): its ids are unknown
            unread_kinds |= KINDS_DECLARED_IN.get(name.split("/")[0], set())
            continue
        if doc.data is None:
            unreadable.update(_ID_LINE.findall(doc.text))
        else:
            _collect_ids(doc.data, unreadable)
    found.extend(check_workspace(ws, unreadable, partial=bool(failed),
                                 unread_kinds=unread_kinds))
    found.extend(check_statistics(ws))
    return Result(ws, sorted(set(found)))


KINDS_DECLARED_IN = {
    "teekond.yaml": {"source", "stakeholder group"},
    "touchpoints": {"provider", "service", "touchpoint"},
    "personas": {"persona"},
    "journeys": {"journey"},
}
"""The kinds of id each file or folder of a workspace declares (see the rules' index)."""

_ID_LINE = re.compile(r"""^[ \t-]*id:[ \t]*["']?([A-Za-z0-9_-]+)""", re.MULTILINE)
"""An ``id:`` line in a file too broken to parse: good enough to know which ids it meant."""


def _collect_ids(value: Any, into: set[str]) -> None:
    """Every ``id:`` value in the raw data of a file that failed to load."""
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            into.add(value["id"])
        for item in value.values():
            _collect_ids(item, into)
    elif isinstance(value, list):
        for item in value:
            _collect_ids(item, into)
