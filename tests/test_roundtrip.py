"""`toolkit.edit.roundtrip`: the YAML teekond writes back keeps what a person wrote."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.edit.roundtrip import new_document, open_document, save
from toolkit.errors import CannotWrite

from .conftest import ROOT

SHIPPED = sorted(p.relative_to(ROOT).as_posix() for folder in ("journeys", "personas",
                 "touchpoints") for p in (ROOT / folder).glob("*.yaml")) + ["teekond.yaml"]


@pytest.mark.parametrize("rel", SHIPPED)
def test_every_shipped_file_dumps_back_byte_for_byte(rel: str) -> None:
    doc = open_document(ROOT, rel)
    assert doc.text().encode("utf-8") == doc.original
    assert not doc.changed


def test_a_change_keeps_comments_order_and_quotes_and_leaves_a_backup(tiny: Path) -> None:
    rel = "journeys/newcomer.yaml"
    path = tiny / rel
    path.write_text("# a comment the designer wrote\n" + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    before = path.read_bytes()
    doc = open_document(tiny, rel)
    doc.data["stages"][0]["steps"][0]["pain_points"][0]["severity"] = 3
    backup = save([doc])
    after = path.read_text(encoding="utf-8").splitlines()
    old = before.decode("utf-8").splitlines()
    assert [i for i, (a, b) in enumerate(zip(old, after, strict=True)) if a != b] == [18]
    assert after[18] == "            severity: 3"
    assert backup is not None and (backup / rel).read_bytes() == before
    assert (tiny / ".teekond-cache" / ".gitignore").is_file()


def test_nothing_is_written_when_nothing_changed(tiny: Path) -> None:
    assert save([open_document(tiny, "journeys/newcomer.yaml")]) is None
    assert not (tiny / ".teekond-cache" / "backups").exists()


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(tiny: Path) -> None:
    doc = open_document(tiny, "journeys/newcomer.yaml")
    doc.data["id"] = "renamed"
    doc.path.write_text(doc.original.decode("utf-8") + "# saved in an editor\n",
                        encoding="utf-8")
    edited = doc.path.read_bytes()
    with pytest.raises(CannotWrite, match="changed since teekond read it"):
        save([doc])
    assert doc.path.read_bytes() == edited


def test_a_new_file_is_written_without_a_backup(tiny: Path) -> None:
    doc = new_document(tiny, "journeys/more/new.yaml", {"id": "new"})
    assert save([doc]) is None
    assert (tiny / "journeys/more/new.yaml").read_text(encoding="utf-8") == "id: new\n"


def test_two_saves_in_one_second_keep_both_backups(tiny: Path) -> None:
    backups = []
    for value in (3, 1):
        doc = open_document(tiny, "journeys/newcomer.yaml")
        doc.data["stages"][0]["steps"][0]["pain_points"][0]["severity"] = value
        backups.append(save([doc]))
    assert len({b for b in backups if b}) == 2
    shutil.rmtree(tiny / ".teekond-cache")
