"""Shared fixtures: tiny workspaces copied to a temporary folder for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.analyse.analysis import Analysis, analyse
from toolkit.graph.index import Index
from toolkit.load.workspace import Workspace

TESTS = Path(__file__).parent
TINY = TESTS / "fixtures" / "tiny"
BAD = TESTS / "bad"
ROOT = TESTS.parent


def overlay_workspace(case: Path, into: Path) -> Path:
    """The tiny workspace with a bad case's files laid over it.

    A case folder holds replacement files at their workspace paths, an ``expected.txt``,
    and optionally ``delete.txt`` listing workspace files to remove."""
    shutil.copytree(TINY, into)
    for path in sorted(case.rglob("*")):
        rel = path.relative_to(case)
        if path.is_dir() or rel.as_posix() in ("expected.txt", "delete.txt", "README.md"):
            continue
        target = into / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    deletions = case / "delete.txt"
    if deletions.exists():
        for line in deletions.read_text(encoding="utf-8").split():
            (into / line).unlink()
    return into


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A fresh copy of the tiny valid workspace."""
    return Path(shutil.copytree(TINY, tmp_path / "ws"))


def analysed(ws: Workspace) -> tuple[Index, Analysis]:
    """The index and the analysis of a validated workspace (what every view reads)."""
    index = Index(ws)
    return index, analyse(index)
