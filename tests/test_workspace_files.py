"""Which files of a workspace are read: .yaml and .yml in any case; every other file in a
content folder is named in a warning (Y010), except hidden files, a README and portraits."""

from __future__ import annotations

from pathlib import Path

from toolkit.check.validate import validate
from toolkit.load.workspace import content_files


def test_yaml_files_are_read_whatever_the_case_of_their_suffix(tiny: Path) -> None:
    journey = (tiny / "journeys" / "newcomer.yaml").read_text(encoding="utf-8")
    (tiny / "journeys" / "newcomer.yaml").rename(tiny / "journeys" / "Newcomer.YAML")
    (tiny / "personas" / "anna.yaml").rename(tiny / "personas" / "anna.Yml")
    assert [rel for rel, _ in content_files(tiny)] == [
        "teekond.yaml", "journeys/Newcomer.YAML", "personas/anna.Yml",
        "touchpoints/catalogue.yaml"]
    assert validate(tiny).diagnostics == []
    nested = tiny / "journeys" / "local" / "tartu.yml"
    nested.parent.mkdir()
    nested.write_text(journey.replace("id: newcomer", "id: tartu"), encoding="utf-8")
    assert "journeys/local/tartu.yml" in [rel for rel, _ in content_files(tiny)]


def test_other_files_in_content_folders_are_named(tiny: Path) -> None:
    for rel in ("journeys/notes.txt", "journeys/newcomer.yaml.bak", "personas/anna.json",
                "touchpoints/old/catalogue.yaml~"):
        (tiny / rel).parent.mkdir(exist_ok=True)
        (tiny / rel).write_text("x", encoding="utf-8")
    found = validate(tiny).diagnostics
    assert [(d.file, d.line, d.col, d.code, d.severity) for d in found] == [
        ("journeys/newcomer.yaml.bak", 1, 1, "Y010", "warning"),
        ("journeys/notes.txt", 1, 1, "Y010", "warning"),
        ("personas/anna.json", 1, 1, "Y010", "warning"),
        ("touchpoints/old/catalogue.yaml~", 1, 1, "Y010", "warning")]
    assert found[1].message == "this file is not read: journeys/ holds .yaml or .yml files"
    assert found[1].hint == "if it holds content, rename it to .yaml; otherwise move it out " \
                            "of journeys/"


def test_hidden_files_a_readme_and_portraits_are_skipped_silently(tiny: Path) -> None:
    for rel in ("journeys/.gitkeep", "journeys/.newcomer.yaml.swp", "personas/README.md",
                "personas/readme.txt", "personas/images/anna.PNG", "personas/images/b.webp",
                "journeys/.drafts/x.txt"):
        (tiny / rel).parent.mkdir(parents=True, exist_ok=True)
        (tiny / rel).write_text("x", encoding="utf-8")
    assert validate(tiny).diagnostics == []


def test_a_fifo_named_yaml_is_not_opened(tiny: Path) -> None:
    """Opening a named pipe would wait for a writer for ever."""
    import os

    os.mkfifo(tiny / "journeys" / "pipe.yaml")
    found = validate(tiny).diagnostics
    assert [(d.file, d.code) for d in found] == [("journeys/pipe.yaml", "Y010")]
