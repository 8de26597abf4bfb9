"""The README's tutorial, replayed on a copy of the shipped workspace: every YAML and CSV
snippet is used as the README shows it, and every command prints exactly what its console
block says (line numbers and backup times aside, which move with any edit)."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.check.validate import validate
from toolkit.cli import main

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
TUTORIAL = README[README.index("## Tutorial"):README.index("## Commands")]


def blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", TUTORIAL, re.DOTALL)


def unplaced(text: str) -> str:
    """Line and column numbers and backup times out: they change with any edit."""
    text = re.sub(r"\.yaml:\d+:\d+:", ".yaml:L:C:", text.strip())
    return re.sub(r"backups/\d{8}T\d{6}Z(-\d+)?", "backups/TIME", text)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped workspace, as the current folder (the README's commands run
    in the workspace)."""
    ws = tmp_path / "ws"
    for name in ("teekond.yaml", "journeys", "personas", "touchpoints"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, ws / name)
        else:
            ws.mkdir(exist_ok=True)
            shutil.copyfile(source, ws / name)
    monkeypatch.chdir(ws)
    return ws


def replay(console: str) -> None:
    """Run the block's command and compare the output with the rest of the block."""
    command, expected = console.split("\n", 1)
    assert command.startswith("$ teekond ")
    result = CliRunner().invoke(main, command.removeprefix("$ teekond ").split())
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert unplaced(result.output) == unplaced(expected), command
    has_errors = any(" error " in line for line in expected.splitlines()) or \
        re.search(r"\n\S+:\d+: I\d{3} ", "\n" + expected)
    assert result.exit_code == (1 if has_errors else 0), command


def test_the_tutorial_works_as_the_readme_says(ws: Path) -> None:
    source, proposal = blocks("yaml")
    (board,) = blocks("csv")
    dry_run, write, check, export, table_dry, table_write = blocks("console")
    assert validate(ws).ok()

    # 1. the workshop as a source (the snippet parses to what it says, comma and all)
    settings = ws / "teekond.yaml"
    entry = source.split("sources:\n", 1)[1]
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "sources:\n", "sources:\n" + entry, 1), encoding="utf-8")
    declared = next(s for s in validate(ws).workspace.settings.sources  # type: ignore[union-attr]
                    if s.id == "workshop-saaremaa-2025-10")
    assert dict(declared.title) == {
        "et": "Saaremaa töötuba, oktoober 2025", "en": "Saaremaa workshop, October 2025"}

    # 2-3. the board, a dry run with a bad row, the fix, the write
    (ws / "board.csv").write_text(board, encoding="utf-8")
    before = (ws / "journeys" / "newcomer.yaml").read_bytes()
    replay(dry_run)
    assert (ws / "journeys" / "newcomer.yaml").read_bytes() == before
    fixed = board.replace("4,9,pain point,Nobody knows who answers questions in Ukrainian,"
                          "saremaa", "4,2,pain point,Nobody knows who answers questions in "
                          "Ukrainian,saaremaa")
    assert fixed != board
    (ws / "board.csv").write_text(fixed, encoding="utf-8")
    replay(write)
    drafts = [p for p in validate(ws).workspace.journeys[0].stages[3].steps[0].pain_points
              if p.draft]
    assert [p.id for p in drafts] == ["nc-state-information-reaches-people-only"]

    # 5. a proposal by hand, at the top of the journey's proposals
    journey = ws / "journeys" / "newcomer.yaml"
    body = proposal.split("proposals:\n", 1)[1]
    journey.write_text(journey.read_text(encoding="utf-8").replace(
        "proposals:\n", "proposals:\n" + body, 1), encoding="utf-8")
    replay(check)

    # 6. the table out, a partner's edit, the table back
    replay(export)
    sheet = ws / "proposals-saaremaa.csv"
    rows = list(csv.reader(sheet.open(encoding="utf-8-sig")))
    header = rows[0]
    edited = re.search(r"^(\S+): status: \S+ → (\S+)$", table_dry, re.M)
    comment = re.search(r"^\S+: notes: \+ '(.*)'$", table_dry, re.M)
    assert edited and comment
    for row in rows[2:]:
        if row[0] == edited.group(1):
            row[header.index("status")] = edited.group(2)
            row[header.index("comment")] = comment.group(1)
    with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    replay(table_dry)
    replay(table_write)
    changed = next(p for p in validate(ws).workspace.journeys[0].proposals
                   if p.id == edited.group(1))
    assert (changed.status, changed.notes) == (edited.group(2), [comment.group(1)])
