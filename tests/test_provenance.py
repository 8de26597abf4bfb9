"""Readable provenance: a page names a source by what a partner can look up (its title, its
address), never by a file name of the project's own: no built page of the shipped workspace
(HTML, Markdown, the SVG diagrams and their text alternatives) holds a source's
`reference:` or the name of the domain digest the content was written from."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.check.validate import validate
from toolkit.cli import main

from .conftest import ROOT

TEXT_FILES = (".html", ".md", ".svg", ".txt", ".json", ".csv", ".xml")
DIGEST = "domain.md"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("provenance") / "build"
    result = CliRunner().invoke(main, ["build", str(ROOT), "--out", str(out), "--formats", "svg",
                                       "-q"])
    assert result.exit_code == 0, result.output
    return out


def own_names() -> list[str]:
    """Every source's `reference:` (and its file name alone), and the digest's name."""
    names = {DIGEST}
    for source in validate(ROOT).workspace.settings.sources:
        if source.reference:
            names.update({source.reference, Path(source.reference).name})
    return sorted(names)


def test_the_shipped_sources_have_references_to_look_for() -> None:
    assert any(name.startswith("seeds/") for name in own_names())


def test_no_built_page_names_a_file_of_our_own(site: Path) -> None:
    pages = [p for p in sorted(site.rglob("*")) if p.suffix in TEXT_FILES]
    assert any(p.suffix == ".svg" for p in pages) and any(p.suffix == ".md" for p in pages)
    names = own_names()
    found = [f"{page.relative_to(site)}: {name}" for page in pages
             for text in [page.read_text(encoding="utf-8", errors="replace")]
             for name in names if name in text]
    assert found == []


def test_the_method_annex_lists_each_source_by_title(site: Path) -> None:
    report = (site / "en" / "reports" / "final-2025.md").read_text(encoding="utf-8")
    for source in validate(ROOT).workspace.settings.sources:
        assert f"| {source.id} | {source.title['en']} |" in report
