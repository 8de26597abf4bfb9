"""Drafts (`draft: true`): checked like everything, published only by `build --drafts`,
never in reports or `analyze` (toolkit/check/drafts.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.check.drafts import count_drafts, without_drafts
from toolkit.check.validate import validate, validated
from toolkit.cli import main

JOURNEY = Path("journeys/newcomer.yaml")

DRAFT_PAIN = """          - id: draft-pain
            draft: true
            title: {et: Mustand, en: A draft pain point}
            kind: process
            perspective: target-group
            severity: 3
            evidence:
              - {source: seed-003, status: observed}
"""
DRAFT_PROPOSAL = """  - id: draft-only-proposal
    title: {et: Ainult mustandile, en: Addresses the draft only}
    addresses: [draft-pain]
    owner: ppa
    evidence:
      - {source: seed-003, status: observed}
"""


def teekond(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def with_drafts(tiny: Path) -> Path:
    """The tiny workspace plus a draft pain point, a published proposal that addresses
    only it, and the published proposal also addressing it."""
    path = tiny / JOURNEY
    text = path.read_text(encoding="utf-8")
    anchor = "              - {source: general-knowledge, status: assumed}\n  - id: registration"
    assert anchor in text
    text = text.replace(anchor, anchor.replace("\n  - id: registration",
                                               "\n" + DRAFT_PAIN + "  - id: registration"))
    text = text.replace("addresses: [permit-info-hard-to-find]",
                        "addresses: [permit-info-hard-to-find, draft-pain]")
    path.write_text(text + DRAFT_PROPOSAL, encoding="utf-8")
    return tiny


def test_drafts_are_validated_and_counted(with_drafts: Path) -> None:
    result = validate(with_drafts)
    assert not result.errors
    assert count_drafts(result.workspace) == 1
    code, _, err = teekond("validate", str(with_drafts))
    assert code == 0
    assert err.strip().endswith("0 errors, 0 warnings, 1 draft")


def test_no_drafts_no_change_to_the_summary(tiny: Path) -> None:
    assert teekond("validate", str(tiny))[2].strip().endswith("0 errors, 0 warnings")


def test_a_draft_is_checked_like_everything_else(with_drafts: Path) -> None:
    path = with_drafts / JOURNEY
    path.write_text(path.read_text(encoding="utf-8").replace("severity: 3", "severity: 9"),
                    encoding="utf-8")
    assert [d.code for d in validate(with_drafts).errors] == ["S105"]


def test_without_drafts_drops_them_and_the_references_to_them(with_drafts: Path) -> None:
    ws = validated(with_drafts).workspace  # what every command after validate starts from
    journey = ws.journeys[0]
    pains = [p.id for s in journey.stages for st in s.steps for p in st.pain_points]
    assert pains == ["permit-info-hard-to-find"]
    proposals = {p.id: p.addresses for p in journey.proposals}
    # The published proposal loses its reference; the one about the draft only is hidden.
    assert proposals == {"permit-guide": ["permit-info-hard-to-find"]}
    full = validated(with_drafts, drafts=True).workspace
    assert count_drafts(full) == 1
    assert without_drafts(full).journeys[0].proposals[0].addresses == proposals["permit-guide"]
    # The original is untouched: the filter copies.
    assert full.journeys[0].proposals[0].addresses == ["permit-info-hard-to-find",
                                                      "draft-pain"]


def test_analyze_leaves_drafts_out(with_drafts: Path) -> None:
    code, out, _ = teekond("analyze", str(with_drafts), "--format", "json")
    assert code == 0
    assert "draft-pain" not in out and "draft-only-proposal" not in out
    assert json.loads(out)  # still a whole analysis


def test_build_shows_drafts_only_when_asked(with_drafts: Path, tmp_path: Path) -> None:
    plain, marked = tmp_path / "plain", tmp_path / "drafts"
    common = ["--formats", "svg", "--lang", "et"]
    assert teekond("build", str(with_drafts), "--out", str(plain), *common)[0] == 0
    page = (plain / "et" / "journeys" / "newcomer.html").read_text(encoding="utf-8")
    assert "Mustand" not in page and "draft-tag" not in page
    assert teekond("build", str(with_drafts), "--out", str(marked), "--drafts", *common)[0] == 0
    page = (marked / "et" / "journeys" / "newcomer.html").read_text(encoding="utf-8")
    assert 'id="pain-draft-pain"' in page
    assert '<span class="draft-tag">mustand</span>' in page  # translated badge
    text = (marked / "et" / "journeys" / "newcomer-text.html").read_text(encoding="utf-8")
    assert '<span class="draft-tag">mustand</span>' in text
    # Reports never show drafts, even in a build with drafts.
    for report in (marked / "et" / "reports").glob("*.html"):
        assert "draft-pain" not in report.read_text(encoding="utf-8"), report


def test_a_new_journey_skeleton_is_a_draft(tiny: Path) -> None:
    assert teekond("new", "journey", "placeholder", str(tiny))[0] == 0
    assert "placeholder" in [j.id for j in validated(tiny, drafts=True).workspace.journeys]
    assert "placeholder" not in [j.id for j in validated(tiny).workspace.journeys]
    code, _, err = teekond("validate", str(tiny))
    assert code == 0 and err.strip().endswith(", 1 draft")


def test_a_new_persona_skeleton_shows_only_with_drafts(tiny: Path, tmp_path: Path) -> None:
    assert teekond("new", "persona", "maria", str(tiny))[0] == 0
    common = ["--formats", "svg", "--lang", "en"]
    assert teekond("build", str(tiny), "--out", str(tmp_path / "a"), *common)[0] == 0
    assert not (tmp_path / "a" / "en" / "personas" / "maria.html").exists()
    assert "maria" not in (tmp_path / "a" / "en" / "index.html").read_text(encoding="utf-8")
    assert teekond("build", str(tiny), "--out", str(tmp_path / "b"), "--drafts", *common)[0] == 0
    page = (tmp_path / "b" / "en" / "personas" / "maria.html").read_text(encoding="utf-8")
    assert '<span class="draft-tag">draft</span>' in page
    index = (tmp_path / "b" / "en" / "index.html").read_text(encoding="utf-8")
    assert 'maria.html"><strong>Nimi</strong></a> <span class="draft-tag">draft</span>' in index


def test_a_draft_step_and_what_it_holds_show_only_with_drafts(tiny: Path,
                                                              tmp_path: Path) -> None:
    path = tiny / JOURNEY
    text = path.read_text(encoding="utf-8")
    anchor = "      - id: register-residence\n"
    path.write_text(text.replace(anchor, anchor + "        draft: true\n"), encoding="utf-8")
    ws = validated(tiny).workspace
    assert [s.id for s in ws.journeys[0].stages] == ["arrival"]  # its only step: a draft
    common = ["--formats", "svg", "--lang", "en"]
    assert teekond("build", str(tiny), "--out", str(tmp_path / "b"), "--drafts", *common)[0] == 0
    page = (tmp_path / "b" / "en" / "journeys" / "newcomer.html").read_text(encoding="utf-8")
    assert 'Registers the residence <span class="draft-tag">draft</span>' in page
    # Without drafts the stage is left out with its step.
    assert teekond("build", str(tiny), "--out", str(tmp_path / "a"), *common)[0] == 0
    page = (tmp_path / "a" / "en" / "journeys" / "newcomer.html").read_text(encoding="utf-8")
    assert "Registers the residence" not in page
    assert teekond("analyze", str(tiny))[0] == 0


def test_interim_changes_never_count_drafts(with_drafts: Path, tmp_path: Path) -> None:
    from toolkit.analyse.changes import compare
    from toolkit.analyse.snapshot import load_before

    # The earlier version holds the drafts too (a draft imported last quarter): neither
    # side of the comparison sees them.
    earlier = Path(shutil.copytree(with_drafts, tmp_path / "earlier"))
    now = validated(with_drafts).workspace
    path = with_drafts / JOURNEY
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: {et: Mustand, en: A draft pain point}",
        "title: {et: Mustand, en: A reworded draft pain point}"), encoding="utf-8")
    changes = compare(load_before(with_drafts, str(earlier)), validated(with_drafts).workspace)
    assert "draft" not in repr(changes)
    assert not changes.added and not changes.removed and not changes.changed
    assert now.journeys[0].proposals[0].addresses == ["permit-info-hard-to-find"]
