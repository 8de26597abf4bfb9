"""Claim versus context: an item counts as observed only when an observed source states the
item itself (``supports: claim``, the default); observed evidence that states only its
background (``supports: context``) leaves it assumed. C311 warns of an item resting on
background alone with nothing saying what is to be tested; C312 rejects observed evidence
from a web source without ``url`` and ``accessed``.

Built on ``tests/fixtures/analysis``: pain point p2 there cites general knowledge (assumed)
and, after :func:`with_p2_evidence`, whatever a test gives it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.analyse.proposals import EvidenceCount
from toolkit.analyse.rankings import claim_status, evidence_status
from toolkit.check.validate import validate
from toolkit.cli import main
from toolkit.load.model import Evidence

from .conftest import TESTS, analysed

FIXTURE = TESTS / "fixtures" / "analysis"
P2_EVIDENCE = ("              - {source: general-knowledge, status: assumed}\n"
               "      - id: wait-for-card")


def entry(status: str, supports: str = "claim") -> Evidence:
    return Evidence(source="seed-003", status=status, supports=supports)


@pytest.mark.parametrize(("entries", "claim", "shown"), [
    ([entry("observed")], "observed", "observed"),
    ([entry("observed", "context"), entry("observed")], "observed", "observed"),
    ([entry("observed", "context")], "context", "assumed"),
    ([entry("observed", "context"), entry("assumed")], "context", "assumed"),
    ([entry("assumed"), entry("assumed", "context")], "assumed", "assumed"),
    ([], "none", "none"),
])
def test_an_item_is_observed_only_when_an_observed_source_states_its_claim(
        entries: list[Evidence], claim: str, shown: str) -> None:
    assert claim_status(entries) == claim
    assert evidence_status(entries) == shown


def test_supports_defaults_to_claim() -> None:
    assert Evidence(source="seed-003", status="observed").supports == "claim"


def with_p2_evidence(tmp_path: Path, lines: list[str]) -> Path:
    root = Path(shutil.copytree(FIXTURE, tmp_path / "ws"))
    journey = root / "journeys" / "newcomer.yaml"
    text = journey.read_text(encoding="utf-8")
    assert text.count(P2_EVIDENCE) == 1
    new = "".join(f"              - {line}\n" for line in lines) + "      - id: wait-for-card"
    journey.write_text(text.replace(P2_EVIDENCE, new), encoding="utf-8")
    return root


def codes(root: Path) -> list[str]:
    """The first line of each diagnostic but the fixture's own C302 (a step with no
    touchpoint)."""
    return [d.to_text().splitlines()[0] for d in validate(root).diagnostics if d.code != "C302"]


def test_background_with_the_hypothesis_beside_it_is_quiet_and_counts_as_assumed(
        tmp_path: Path) -> None:
    root = with_p2_evidence(tmp_path, [
        "{source: seed-003, status: observed, supports: context}",
        "{source: general-knowledge, status: assumed}"])
    assert codes(root) == []
    _, analysis = analysed(validate(root).workspace)
    assert next(p for p in analysis.bottlenecks if p.id == "p2").evidence == "assumed"
    assert analysis.evidence[0] == EvidenceCount("pain", 7, 0, 1, 6, 0)


def test_background_alone_warns_c311_at_the_item(tmp_path: Path) -> None:
    root = with_p2_evidence(tmp_path, ["{source: seed-003, status: observed, supports: context}"])
    assert codes(root) == [
        "journeys/newcomer.yaml:26:17: warning C311 pain point 'p2' cites only its background "
        "(supports: context), so it counts as assumed"]


def test_claim_evidence_beside_background_makes_the_item_observed(tmp_path: Path) -> None:
    root = with_p2_evidence(tmp_path, [
        "{source: seed-003, status: observed, supports: context}",
        "{source: seed-003, status: observed}"])
    assert codes(root) == []
    _, analysis = analysed(validate(root).workspace)
    assert analysis.evidence[0] == EvidenceCount("pain", 7, 1, 0, 6, 0)


def test_a_web_source_with_url_and_date_read_may_be_observed(tmp_path: Path) -> None:
    root = with_p2_evidence(tmp_path, ["{source: ext-page, status: observed}"])
    settings = root / "teekond.yaml"
    text = settings.read_text(encoding="utf-8")
    page = ("  - id: ext-page\n    kind: web\n    title: {et: Leht, en: A page}\n"
            "    url: https://www.example.org/page\n")
    settings.write_text(text.replace("sources:\n", "sources:\n" + page, 1), encoding="utf-8")
    assert [line.split()[2] for line in codes(root)] == ["C312"]
    settings.write_text(text.replace("sources:\n", "sources:\n" + page
                                     + "    accessed: 2025-03-01\n", 1), encoding="utf-8")
    assert codes(root) == []


def test_a_source_url_must_be_an_http_address(tmp_path: Path) -> None:
    root = Path(shutil.copytree(FIXTURE, tmp_path / "ws"))
    settings = root / "teekond.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("sources:\n", "sources:\n  - id: ext-page\n    kind: web\n"
                                     "    title: {et: Leht, en: A page}\n"
                                     "    url: seeds/000_page.txt\n", 1), encoding="utf-8")
    assert [line.split()[2] for line in codes(root)] == ["S107"]


def test_the_annex_gives_a_web_sources_address_and_never_a_reference(tmp_path: Path) -> None:
    root = with_p2_evidence(tmp_path, ["{source: ext-page, status: observed}"])
    settings = root / "teekond.yaml"
    page = ("  - id: ext-page\n    kind: web\n    title: {et: Leht, en: A page}\n"
            "    url: https://www.example.org/page\n    accessed: 2025-03-01\n"
            "    reference: notes/page-copy.txt\n")
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("sources:\n", "sources:\n" + page, 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["report", "final", str(root), "--year", "2025",
                                       "--lang", "en", "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = (root / "build" / "en" / "reports" / "final-2025.md").read_text(encoding="utf-8")
    assert "| Id | Source | Kind | Date | Address | Cited |" in report
    assert "| ext-page | A page | web page |  | https://www.example.org/page | 1 |" in report
    assert "page-copy" not in report
