"""The priority score of proposals and the answers to mapping items (d) and (f), on a
fixture small enough to score by hand (tests/fixtures/priorities: the analysis fixture with
impact, effort and a few more proposals).

Pain point severities: p1 2, p2 3, p3 1, p4 3, p5 1, r1 3, r2 2.
Weights: low 1, medium 2, high 3 (for impact and for effort).

    prop-a  high/low     addresses p1 p2     3 * (2 + 3) / 1     = 15
    prop-b  medium/high  addresses p3 p4 p5  2 * (1 + 3 + 1) / 3 = 3.33
    prop-aa low/medium   addresses p4 r2     1 * (3 + 2) / 2     = 2.5
    prop-c  low/medium   addresses r1 r2     1 * (3 + 2) / 2     = 2.5   (after prop-aa: id)
    prop-e  no impact or effort: no score, last
    prop-d  rejected: not ranked
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.analyse.analysis import Analysis, analyse
from toolkit.check.validate import validate
from toolkit.cli import main
from toolkit.graph.index import Index

from .conftest import TESTS

FIXTURE = TESTS / "fixtures" / "priorities"


@pytest.fixture(scope="module")
def a() -> Analysis:
    result = validate(FIXTURE)
    assert not result.errors
    return analyse(Index(result.workspace))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("priorities") / "build"
    result = CliRunner().invoke(main, ["build", str(FIXTURE), "--out", str(out),
                                       "--formats", "svg", "-q"])
    assert result.exit_code == 0, result.output
    return out


def test_scores_by_hand(a: Analysis) -> None:
    assert [(p.rank, p.id, p.score, p.severity, p.worst) for p in a.priorities] == [
        (1, "prop-a", 3 * (2 + 3) / 1, 5, 3),
        (2, "prop-b", round(2 * (1 + 3 + 1) / 3, 2), 5, 3),
        (3, "prop-aa", 1 * (3 + 2) / 2, 5, 3),
        (4, "prop-c", 1 * (3 + 2) / 2, 5, 3),
        (5, "prop-e", None, 1, 1),
    ]
    assert a.priority("prop-d") is None  # rejected


def test_a_partners_own_ranking(a: Analysis) -> None:
    assert [p.id for p in a.priorities_of("elvl")] == ["prop-c", "prop-e"]


def test_missing_and_improve_answers(a: Analysis) -> None:
    missing, improve = a.missing_services, a.improve_services
    assert missing.services == ("rakvere-club",)
    assert [(g.key, g.services) for g in missing.by_kov] == [("rakvere", ("rakvere-club",))]
    assert [(g.key, g.services) for g in missing.by_stage] == [("community", ("rakvere-club",))]
    assert improve.services == ("parnu-club", "tartu-counselling", "ppa-permit")
    assert [g.key for g in improve.by_kov] == ["parnu", "tartu", ""]  # "" (state) last
    assert [g.key for g in improve.by_stage] == ["arrival", "registration", "community"]


def test_analyze_shows_the_ranking() -> None:
    result = CliRunner().invoke(main, ["analyze", str(FIXTURE), "--format", "csv",
                                       "--section", "priorities", "-q"])
    assert result.exit_code == 0
    rows = [line.split(",")[:4] for line in result.stdout.splitlines()]
    assert rows[:6] == [["rank", "id", "score", "value"], ["1", "prop-a", "15", "15"],
                        ["2", "prop-b", "3.33", "10"], ["3", "prop-aa", "2.5", "5"],
                        ["4", "prop-c", "2.5", "5"], ["5", "prop-e", "", ""]]


def test_matrix_has_one_point_per_scored_proposal_with_its_text_escaped(site: Path) -> None:
    page = (site / "en" / "priorities.html").read_text(encoding="utf-8")
    svg = page[page.index("<svg class=\"matrix-chart\""):page.index("</svg>")]
    points = re.findall(r'<g class="matrix-point"><title>([^<]*)</title>', svg)
    assert [p.split(".")[0] for p in points] == ["1", "2", "3", "4"]  # prop-e has no levels
    assert points[0] == "1. Permit guide &lt;script&gt;&amp;&#34; (Score 15)"
    assert "<script>" not in page
    # the table links the proposal to its journey map and its service to the services page
    assert 'href="journeys/newcomer.html#proposal-prop-a"' in page
    assert 'href="services.html#service-ppa-permit"' in page
    assert "The guide is used" in page  # the success measure


def test_services_page_lists_item_d_with_its_evidence(site: Path) -> None:
    page = (site / "en" / "services.html").read_text(encoding="utf-8")
    item = page[page.index('<li id="service-rakvere-club">'):]
    item = item[:item.index("</li>")]
    assert "workshop 1" in item and "(assumed)" in item
    assert "None recorded" not in page.split('id="improve-h"')[0]


def test_report_has_the_new_sections(site: Path) -> None:
    md = (site / "en" / "reports" / "final-2025.md").read_text(encoding="utf-8")
    for heading in ("## 7. Proposals in priority order", "## 8. Services missing or to improve",
                    "## 9. Municipalities compared"):
        assert heading in md
    assert "| 1 | Permit guide" in md
