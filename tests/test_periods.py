"""Reporting periods: evidence has a date, a report shows what was known by the end of its
period, C310 warns of an item dated after every period, `teekond new period` adds a year.

The figures are worked out by hand on ``tests/fixtures/analysis`` (test_analysis.py gives
the sums): with pain point p2 (severity 3, stage arrival) dated 2026, the arrival stage of
the 2025 report sums p1 2 + r1 3 = 5 over both journeys (reach 5) = 25, below registration
(30), and the newcomer journey has 4 pain points instead of 5.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from click.testing import CliRunner

from toolkit.check.validate import validate
from toolkit.cli import main
from toolkit.graph.known import known_by, unknown_at
from toolkit.load.dates import known_since
from toolkit.site.builder import build_site
from toolkit.site.reports import ReportPages
from toolkit.views.base import ViewContext
from toolkit.views.report_final import FinalReportBuilder

from .conftest import TESTS, analysed

FIXTURE = TESTS / "fixtures" / "analysis"
P2_EVIDENCE = ("              - {source: general-knowledge, status: assumed}\n"
               "      - id: wait-for-card")
DAY = dt.date


def workspace(tmp_path: Path, p2_evidence: str | None = None, settings: str = "") -> Path:
    """A copy of the analysis fixture; ``p2_evidence`` replaces pain point p2's evidence
    entry, ``settings`` is appended to teekond.yaml."""
    root = Path(shutil.copytree(FIXTURE, tmp_path / "ws"))
    if p2_evidence is not None:
        journey = root / "journeys" / "newcomer.yaml"
        text = journey.read_text(encoding="utf-8")
        assert P2_EVIDENCE in text
        journey.write_text(text.replace(P2_EVIDENCE, p2_evidence + "\n      - id: wait-for-card"),
                           encoding="utf-8")
    if settings:
        with (root / "teekond.yaml").open("a", encoding="utf-8") as f:
            f.write(settings)
    return root


def dated_p2(tmp_path: Path, day: str = "2026-11-29") -> Path:
    return workspace(tmp_path, "              - source: general-knowledge\n"
                               "                status: assumed\n"
                               f"                date: {day}")


def loaded(root: Path):  # type: ignore[no-untyped-def]
    result = validate(root)
    assert result.errors == [], [d.to_text() for d in result.errors]
    return result


def pain(ws, ident: str):  # type: ignore[no-untyped-def]
    return next(p for j in ws.journeys for s in j.stages for st in s.steps
                for p in st.pain_points if p.id == ident)


# -- dates -----------------------------------------------------------------------------------

def test_evidence_is_dated_by_its_own_date_else_by_its_source(tmp_path: Path) -> None:
    root = workspace(tmp_path, "              - {source: seed-003, status: observed}\n"
                               "              - {source: seed-003, status: observed, "
                               "date: 2025-05-02}",
                     settings="")
    teekond = root / "teekond.yaml"
    teekond.write_text(teekond.read_text(encoding="utf-8").replace(
        "title: {et: Tegevuskava 2025, en: Action plan 2025}",
        "title: {et: Tegevuskava 2025, en: Action plan 2025}\n    date: 2025-03-25"),
        encoding="utf-8")
    ws = loaded(root).workspace
    sources = {s.id: s for s in ws.settings.sources}
    day, evidence = known_since(pain(ws, "p2"), sources)
    assert day == DAY(2025, 3, 25)  # the source's date: the earlier of the two entries
    assert evidence.date is None
    assert known_since(pain(ws, "p1"), sources) is None  # general knowledge: no date


def test_undated_evidence_counts_as_known_from_the_start(tmp_path: Path) -> None:
    ws = loaded(workspace(tmp_path, "              - {source: general-knowledge, "
                                    "status: assumed}\n"
                                    "              - {source: seed-003, status: observed, "
                                    "date: 2026-11-29}")).workspace
    assert known_since(pain(ws, "p2"), {s.id: s for s in ws.settings.sources}) is None
    assert not unknown_at(ws, DAY(2025, 12, 31))


def test_an_item_dated_inside_the_period_is_kept_one_dated_after_is_left_out(
        tmp_path: Path) -> None:
    ws = loaded(dated_p2(tmp_path, "2025-12-31")).workspace
    assert known_by(ws, DAY(2025, 12, 31)) is ws
    assert not unknown_at(ws, DAY(2025, 12, 31))
    later = unknown_at(ws, DAY(2025, 12, 30))
    assert (later.pains, later.practices, later.proposals) == ({"p2"}, set(), set())
    known = known_by(ws, DAY(2025, 12, 30))
    pains = {p.id for j in known.journeys for s in j.stages for st in s.steps
             for p in st.pain_points}
    assert pains == {"p1", "p3", "p4", "p5", "r1", "r2"}
    proposal = next(p for j in known.journeys for p in j.proposals if p.id == "prop-a")
    assert proposal.addresses == ["p1"]  # p2 was not known yet
    assert "p2" in {p.id for j in ws.journeys for s in j.stages for st in s.steps
                    for p in st.pain_points}  # the workspace itself is left as it was


def test_a_proposal_addressing_only_unknown_pain_points_is_unknown(tmp_path: Path) -> None:
    root = dated_p2(tmp_path)
    journey = root / "journeys" / "newcomer.yaml"
    journey.write_text(journey.read_text(encoding="utf-8").replace(
        "addresses: [p1, p2]", "addresses: [p2]"), encoding="utf-8")
    ws = loaded(root).workspace
    assert unknown_at(ws, DAY(2025, 12, 31)).proposals == {"prop-a"}
    assert [p.id for j in known_by(ws, DAY(2025, 12, 31)).journeys
            for p in j.proposals] == ["prop-b", "prop-c"]


# -- the final report -------------------------------------------------------------------------

def final_report(root: Path, year: int = 2025, lang: str = "en"):  # type: ignore[no-untyped-def]
    """The final report of ``year`` as the site builds it (ReportPages narrows the view)."""
    ws = loaded(root).workspace
    period = next(p for p in ws.settings.reporting_periods
                  if p.kind == "final" and p.end.year == year)
    pages = ReportPages(None, None, None, [period])  # type: ignore[arg-type]
    ctx = pages.known(ViewContext(*analysed(ws), lang), period)
    return FinalReportBuilder(ctx, period).build()


def newcomer_pain_points(report) -> int:  # type: ignore[no-untyped-def]
    journey = next(j for j in report.journeys if j.id == "newcomer")
    return next(f.value for f in journey.figures if f.key.endswith(":pain_points"))


def test_the_2025_report_omits_an_item_dated_2026_and_counts_without_it(
        tmp_path: Path) -> None:
    before = final_report(FIXTURE)
    assert [p.id for p in before.pain_points][:2] == ["p2", "r1"]
    assert newcomer_pain_points(before) == 5
    report = final_report(dated_p2(tmp_path))
    # by hand: p2 gone, registration (30) outranks arrival (25), so within each severity
    # (3: p4, r1; 2: r2, p1; 1: p3, p5) registration's pain point comes first
    assert [p.id for p in report.pain_points] == ["p4", "r1", "r2", "p1", "p3", "p5"]
    assert [p.rank for p in report.pain_points] == list(range(1, 7))
    assert newcomer_pain_points(report) == 4
    # arrival: p1 2 + r1 3 = 5 x reach 5 = 25, now below registration's 30
    assert [(b.label, b.value) for b in report.stage_chart.bars] == [
        ("Registration", 30), ("Arrival", 25), ("Community", 3)]
    prop_a = next(p for g in report.proposal_groups for p in g.proposals if p.id == "prop-a")
    assert "p2" not in str(prop_a)


def test_the_built_site_keeps_the_item_on_live_pages_but_not_in_the_report(
        tmp_path: Path) -> None:
    root = dated_p2(tmp_path)
    out = tmp_path / "build"
    build_site(loaded(root).workspace, out, ["en"], formats=("svg",))
    report = (out / "en" / "reports" / "final-2025.md").read_text(encoding="utf-8")
    journey = (out / "en" / "journeys" / "newcomer.html").read_text(encoding="utf-8")
    assert "Service only in Estonian" in journey
    assert "Service only in Estonian" not in report
    assert "Information is hard to find" in report


def test_a_report_of_a_later_period_includes_the_item(tmp_path: Path) -> None:
    root = dated_p2(tmp_path)
    CliRunner().invoke(main, ["new", "period", "2026", str(root)], catch_exceptions=False)
    assert [p.id for p in final_report(root, 2026).pain_points][:1] == ["p2"]


# -- C310 -----------------------------------------------------------------------------------

def c310(root: Path) -> list[str]:
    return [d.to_text() for d in validate(root).diagnostics if d.code == "C310"]


def test_an_item_dated_after_every_period_is_warned_about_at_its_date(tmp_path: Path) -> None:
    assert c310(dated_p2(tmp_path)) == [
        "journeys/newcomer.yaml:34:23: warning C310 pain point 'p2' is dated 2026-11-29, "
        "after every reporting period (the last ends 2025-12-31)\n"
        "    hint: add a reporting period for 2026: teekond new period 2026"]


def test_the_warning_points_at_the_source_when_the_date_is_the_sources(
        tmp_path: Path) -> None:
    root = workspace(tmp_path, "              - {source: workshop, status: observed}",
                     settings="")
    teekond = root / "teekond.yaml"
    teekond.write_text(teekond.read_text(encoding="utf-8").replace(
        "sources:\n", "sources:\n  - id: workshop\n    kind: workshop\n"
        "    title: {et: Töötuba, en: Workshop}\n    date: 2026-11-29\n"), encoding="utf-8")
    assert [t.splitlines()[0] for t in c310(root)] == [
        "journeys/newcomer.yaml:32:26: warning C310 pain point 'p2' is dated 2026-11-29, "
        "after every reporting period (the last ends 2025-12-31)"]


def test_no_warning_once_a_period_covers_the_date(tmp_path: Path) -> None:
    root = dated_p2(tmp_path)
    assert CliRunner().invoke(main, ["new", "period", "2026", str(root)]).exit_code == 0
    assert c310(root) == []


# -- teekond new period ---------------------------------------------------------------------

def test_new_period_appends_the_years_periods_and_keeps_comments(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    before = (root / "teekond.yaml").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["new", "period", "2026", str(root)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == [
        f"added to {root / 'teekond.yaml'}:",
        "  2026-q2: interim, 2026-05-01 to 2026-06-30, due 2026-06-30",
        "  2026-final: final, 2026-01-01 to 2026-12-31, due 2027-01-31"]
    after = (root / "teekond.yaml").read_text(encoding="utf-8")
    assert after == before + (
        "  - id: 2026-q2\n    kind: interim\n    start: 2026-05-01\n    end: 2026-06-30\n"
        "    due: 2026-06-30\n"
        "  - id: 2026-final\n    kind: final\n    start: 2026-01-01\n    end: 2026-12-31\n"
        "    due: 2027-01-31\n")
    assert after.startswith("# Analysis fixture: small enough to rank by hand")
    backups = list((root / ".teekond-cache" / "backups").glob("*/teekond.yaml"))
    assert [b.read_text(encoding="utf-8") for b in backups] == [before]
    assert loaded(root).warnings == validate(FIXTURE).warnings


def test_new_period_keeps_what_follows_the_periods_after_them(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    teekond = root / "teekond.yaml"
    text = teekond.read_text(encoding="utf-8")
    block = text[text.index("indicators:"):text.index("reporting_periods:")]
    teekond.write_text(text.replace(block, "") + "\n# the indicators\n" + block,
                       encoding="utf-8")
    assert CliRunner().invoke(main, ["new", "period", "2026", str(root)]).exit_code == 0
    after = teekond.read_text(encoding="utf-8")
    assert ("    due: 2026-01-31\n  - id: 2026-q2\n" in after
            and after.endswith("    due: 2027-01-31\n\n# the indicators\n" + block))


def test_new_period_refuses_a_year_that_has_periods(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    before = (root / "teekond.yaml").read_bytes()
    result = CliRunner().invoke(main, ["new", "period", "2025", str(root)])
    assert result.exit_code == 2
    assert ("teekond.yaml has reporting periods of 2025 already: 2025-q2, 2025-final; "
            "edit them there") in result.stderr
    assert (root / "teekond.yaml").read_bytes() == before
    result = CliRunner().invoke(main, ["new", "period", "next", str(root)])
    assert result.exit_code == 2 and "'next' is not a year" in result.stderr


# -- interim summaries -------------------------------------------------------------------------

def test_an_interim_summary_leaves_out_what_was_known_only_after_its_period(
        tmp_path: Path) -> None:
    from .test_changes import AFTER, BEFORE

    root = Path(shutil.copytree(AFTER, tmp_path / "after"))
    journey = root / "journeys" / "newcomer.yaml"
    text = journey.read_text(encoding="utf-8")
    entry = "            kovs: [tartu]\n            evidence:\n              - {source: seed-003, "
    assert entry + "status: observed}" in text
    journey.write_text(text.replace(entry + "status: observed}",
                                    entry + "status: observed, date: 2025-07-15}"),
                       encoding="utf-8")
    out = tmp_path / "build"
    result = CliRunner().invoke(main, ["report", "interim", str(root), "--period", "2025-q2",
                                       "--since", str(BEFORE), "--out", str(out), "--lang",
                                       "en"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    summary = (out / "en" / "reports" / "interim-2025-q2.md").read_text(encoding="utf-8")
    # known on 2025-07-15, after 2025-q2 ended: neither the pain point nor the proposal
    # addressing only it is new in, or ranked by, the summary (the golden one lists both)
    assert "Long queue at the desk" not in summary and "Online booking" not in summary
    assert "Information is very hard to find" in summary
    journey_page = (out / "en" / "journeys" / "newcomer.html").read_text(encoding="utf-8")
    assert "Long queue at the desk" in journey_page


def test_new_period_without_periods_writes_the_programmes_pattern(tmp_path: Path) -> None:
    root = Path(shutil.copytree(TESTS / "fixtures" / "tiny", tmp_path / "ws"))
    teekond = root / "teekond.yaml"
    before = teekond.read_text(encoding="utf-8")
    teekond.write_text(before + "reporting_periods: []  # none yet\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["new", "period", "2027", str(root)])
    assert result.exit_code == 0, result.output
    after = teekond.read_text(encoding="utf-8")
    assert after.startswith(before + "reporting_periods:     # none yet\n  - id: 2027-q1\n")
    assert after.endswith("  - id: 2027-final\n    kind: final\n    start: 2027-01-01\n"
                          "    end: 2027-12-31\n    due: 2028-01-31\n")
    assert [p.id for p in loaded(root).workspace.settings.reporting_periods] == [
        "2027-q1", "2027-q2", "2027-q3", "2027-q4", "2027-final"]


def test_new_period_gives_ids_without_a_year_the_new_one(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    teekond = root / "teekond.yaml"
    teekond.write_text(teekond.read_text(encoding="utf-8").replace(
        "id: 2025-final", "id: final"), encoding="utf-8")
    result = CliRunner().invoke(main, ["new", "period", "2026", str(root)])
    assert result.exit_code == 0, result.output
    assert [p.id for p in loaded(root).workspace.settings.reporting_periods] == [
        "2025-q2", "final", "2026-q2", "2026-final"]


def test_the_report_embeds_overviews_drawn_without_the_items_it_leaves_out(
        tmp_path: Path) -> None:
    out = tmp_path / "build"
    build_site(loaded(dated_p2(tmp_path)).workspace, out, ["en"], formats=("svg",))
    report = (out / "en" / "reports" / "final-2025.html").read_text(encoding="utf-8")
    markdown = (out / "en" / "reports" / "final-2025.md").read_text(encoding="utf-8")
    assert 'src="../diagrams/newcomer-overview-2025-final.svg"' in report
    assert "(../diagrams/newcomer-overview-2025-final.svg)" in markdown
    site, own = (out / "en" / "diagrams" / f"newcomer-overview{s}.svg" for s in
                 ("", "-2025-final"))
    # the site's overview marks visit-ppa, which holds only p2, !!!; the report's has no p2
    assert "!!!" in site.read_text(encoding="utf-8")
    assert site.read_text(encoding="utf-8") != own.read_text(encoding="utf-8")
    plain = tmp_path / "plain"
    build_site(loaded(FIXTURE).workspace, plain, ["en"], formats=("svg",))
    assert 'src="../diagrams/newcomer-overview.svg"' in (
        plain / "en" / "reports" / "final-2025.html").read_text(encoding="utf-8")
    assert not list((plain / "en" / "diagrams").glob("*-overview-*"))
