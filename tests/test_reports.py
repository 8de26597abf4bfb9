"""The final report and the interim summary.

The final report is built from ``tests/fixtures/analysis`` (rankings computed by hand in
test_analysis.py) and kept as golden Markdown per language; the interim summary compares
the two versions of ``tests/fixtures/changes`` (known differences, see test_changes.py),
from a folder and from git history. Golden files are rewritten on purpose only, by
``python tests/regenerate.py reports``; review the diff.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from toolkit.check.validate import validate
from toolkit.cli import main
from toolkit.i18n import translator
from toolkit.output.templates import markdown_escape
from toolkit.site.builder import build_site
from toolkit.views.base import ViewContext
from toolkit.views.report_final import FinalReportBuilder

from .browser_support import pdf_facts
from .conftest import TESTS, analysed
from .test_changes import AFTER, BEFORE, DAY_AFTER, DAY_BEFORE, commit_version, git

FIXTURE = TESTS / "fixtures" / "analysis"
GOLDEN = TESTS / "golden" / "reports"
LANGS = ("et", "en")

needs_poppler = pytest.mark.skipif(shutil.which("pdfinfo") is None,
                                   reason="poppler-utils (pdfinfo, pdftotext) not installed")


def built(root: Path, out: Path) -> Path:
    result = validate(root)
    assert result.errors == [], [d.to_text() for d in result.errors]
    build_site(result.workspace, out, list(LANGS), formats=("svg", "pdf"))
    return out


def interim(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["report", "interim", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(FIXTURE, tmp_path_factory.mktemp("reports") / "build")


@pytest.fixture(scope="module")
def report_en():  # type: ignore[no-untyped-def]
    ws = validate(FIXTURE).workspace
    period = next(p for p in ws.settings.reporting_periods if p.kind == "final")
    return FinalReportBuilder(ViewContext(*analysed(ws), "en"), period).build()


@pytest.fixture(scope="module")
def interim_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("interim") / "build"
    code, stdout, _ = interim([str(AFTER), "--period", "2025-Q2", "--since", str(BEFORE),
                               "--out", str(out)])
    assert code == 0
    assert stdout.split() == [str(out / lang / "reports" / f"interim-2025-q2{suffix}")
                              for lang in LANGS for suffix in (".html", ".md", ".pdf")]
    return out


def portable(markdown: str) -> str:
    """The summary names the folder compared with as given, here an absolute path: golden
    files hold it relative to the repository, so they match in any clone."""
    return markdown.replace(str(BEFORE), "tests/fixtures/changes/before")


def regenerate() -> None:
    """Rewrite tests/golden/reports; review the diff."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        final = built(FIXTURE, Path(tmp) / "final")
        changes = Path(tmp) / "interim"
        CliRunner().invoke(main, ["report", "interim", str(AFTER), "--period", "2025-q2",
                                  "--since", str(BEFORE), "--out", str(changes), "-q"],
                           catch_exceptions=False)
        for lang in LANGS:
            for out, name in ((final, "final-2025.md"), (changes, "interim-2025-q2.md")):
                target = GOLDEN / lang / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(portable((out / lang / "reports" / name).read_text(
                    encoding="utf-8")), encoding="utf-8")
                print(target)


# -- the final report ------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_final_markdown_matches_golden(site: Path, lang: str) -> None:
    expected = (GOLDEN / lang / "final-2025.md").read_text(encoding="utf-8")
    assert (site / lang / "reports" / "final-2025.md").read_text(encoding="utf-8") == \
        expected, "final-2025.md differs: if intended, `python tests/regenerate.py reports`"


def test_bottlenecks_ranked_by_hand(report_en) -> None:  # type: ignore[no-untyped-def]
    # severity 3: p2 (arrival, newcomer), r1 (arrival, returnee), p4 (registration);
    # severity 2: p1 (arrival), r2 (registration); severity 1: p3 (registration), p5
    assert [p.id for p in report_en.pain_points] == ["p2", "r1", "p4", "p1", "r2", "p3", "p5"]
    assert [p.rank for p in report_en.pain_points] == list(range(1, 8))
    assert [p.id for p in report_en.top_pain_points] == ["p2", "r1", "p4", "p1", "r2"]
    # the stage chart carries test_analysis' hand-computed scores
    assert [(b.label, b.value) for b in report_en.stage_chart.bars] == [
        ("Arrival", 40), ("Registration", 30), ("Community", 3)]


def test_every_pain_point_shows_its_evidence_and_proposals(report_en) -> None:  # type: ignore[no-untyped-def]
    ws = validate(FIXTURE).workspace
    pains = {p.id: p for j in ws.journeys for s in j.stages for st_ in s.steps
             for p in st_.pain_points}
    for entry in report_en.pain_points:
        assert [e.status for e in entry.evidence] == \
            [e.status for e in pains[entry.id].evidence or []]
        addressed = sorted(pr.id for j in ws.journeys for pr in j.proposals
                           if entry.id in pr.addresses)
        assert sorted(p.id for p in entry.proposals) == addressed


def test_method_annex_counts_observed_and_assumed(report_en) -> None:  # type: ignore[no-untyped-def]
    ws = validate(FIXTURE).workspace
    pains = [p for j in ws.journeys for s in j.stages for st_ in s.steps
             for p in st_.pain_points]
    row = report_en.evidence[0]
    observed = sum(1 for p in pains if any(e.status == "observed" and e.supports == "claim"
                                           for e in p.evidence or []))
    context = sum(1 for p in pains
                  if any(e.status == "observed" for e in p.evidence or [])) - observed
    assert (row.items.value, row.observed.value, row.context.value,
            row.assumed.value + row.unsourced.value) == \
        (len(pains), observed, context, len(pains) - observed - context)
    assert row.context.key == "evidence:pain:context"
    assert sum(s.cited for s in report_en.sources) == sum(
        len(x.evidence or []) for j in ws.journeys for s in j.stages for st_ in s.steps
        for x in [*st_.pain_points, *st_.good_practices]) + sum(
        len(p.evidence or []) for j in ws.journeys for p in j.proposals)


def test_every_partner_kov_has_a_section(report_en) -> None:  # type: ignore[no-untyped-def]
    ws = validate(FIXTURE).workspace
    assert [k.id for k in report_en.kovs] == sorted(p.id for p in ws.providers() if p.partner)


def test_final_html_has_sections_charts_with_text_alternatives(site: Path) -> None:
    html = (site / "en" / "reports" / "final-2025.html").read_text(encoding="utf-8")
    for section in ("summary", "journeys", "roles", "bottlenecks", "proposals", "practices",
                    "kovs", "method"):
        assert f'<section id="{section}"' in html
    charts = re.findall(r'<svg class="(bar-chart|emotion-chart)"[^>]*role="img"', html)
    assert charts.count("bar-chart") == 2 and charts.count("emotion-chart") == 2
    assert html.count("<title id=") == 4  # every chart names itself and its numbers
    assert html.count("Data of the chart") >= 4  # and has its numbers in a table
    assert '<img src="../diagrams/newcomer-overview.svg"' in html


def test_index_lists_the_reports(site: Path) -> None:
    html = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<a href="reports/final-2025.html">Integration journey mapping: final report 2025' \
        in html
    assert (site / "en" / "reports" / "final-2025.pdf").is_file()


@needs_poppler
@pytest.mark.parametrize("lang", LANGS)
def test_final_pdf_is_a4_with_extractable_text(site: Path, lang: str) -> None:
    pages, size, text = pdf_facts(site / lang / "reports" / "final-2025.pdf")
    assert size == "595.28 x 841.89"
    assert 6 <= pages <= 20, pages  # a title page and one page per main section at least
    flat = " ".join(text.split())
    _ = translator(lang).gettext
    assert _("Integration journey mapping: final report %(year)s") % {"year": 2025} in flat
    assert _("Bottlenecks") in flat
    assert f"2 / {pages}" in flat  # page numbers in the margin, but not on the cover:
    assert not re.search(rf"(?<!\d)1 / {pages}", flat)
    assert "file:" not in text and str(site) not in text  # no build path leaks


def pdf_page_texts(pdf: Path) -> list[str]:
    """Each page's text, white space made single spaces."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return [" ".join((page.extract_text() or "").split()) for page in document.pages]


@pytest.mark.parametrize("lang", LANGS)
def test_final_pdf_opens_with_a_cover_then_contents_with_the_right_page_numbers(
        site: Path, report_en, lang: str) -> None:  # type: ignore[no-untyped-def]
    pages = pdf_page_texts(site / lang / "reports" / "final-2025.pdf")
    _ = translator(lang).gettext
    cover = pages[0]
    for part in (_("Integration journey mapping: final report %(year)s") % {"year": 2025},
                 "2025-01-01 – 2025-12-31", "2026-01-31", _("Period"), _("Due")):
        assert part in cover, part
    organisation = validate(FIXTURE).workspace.settings.organisation.get_lang(lang, "et")
    assert organisation.upper() in cover  # the kicker is in capitals
    assert _("Summary") not in cover
    contents = pages[1]
    assert contents.startswith(_("Contents"))
    entries = [_("Summary"), "1. " + _("The target groups' journeys"),
               "2. " + _("Roles and tasks by stakeholder group"), "3. " + _("Bottlenecks"),
               "4. " + _("Proposals by stakeholder group"), "5. " + _("Good practices"),
               "6. " + _("Partner municipalities"),
               _("Annex") + ": " + _("Method and sources")]
    numbers = []
    for entry in entries:
        found = re.search(re.escape(entry) + r" ?\.+ ?(\d+)", contents)
        assert found, f"{entry!r} has no page number in: {contents}"
        numbers.append(int(found[1]))
        # the section's heading opens the page the contents name
        assert pages[numbers[-1] - 1].startswith(entry), (entry, numbers[-1])
    assert numbers == sorted(numbers) and numbers[0] == 3


@needs_poppler
@pytest.mark.parametrize("lang", LANGS)
def test_final_pdf_is_tagged(site: Path, lang: str) -> None:
    info = subprocess.run(["pdfinfo", str(site / lang / "reports" / "final-2025.pdf")],
                          capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_of_the_final_pdf_is_6_pt_or_more(site: Path, lang: str) -> None:
    """The journeys' overview diagrams included: their labels are the smallest text."""
    import pdfplumber

    with pdfplumber.open(site / lang / "reports" / "final-2025.pdf") as pdf:
        sizes = [c["size"] for page in pdf.pages for c in page.chars if c["text"].strip()]
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert min(sizes) >= 6.0 - 0.05
    # the overviews were drawn as text: each step of the fixture's journeys names emotions
    assert text.count(translator(lang).gettext("emotion") + ":") == 8


def test_summary_speaks_to_partners_and_the_yaml_note_is_in_the_annex(site: Path) -> None:
    html = (site / "en" / "reports" / "final-2025.html").read_text(encoding="utf-8")
    summary = html[html.index('<section id="summary"'):html.index('<section id="journeys"')]
    method = html[html.index('<section id="method"'):]
    for heading in ("What was mapped", "With whom", "What hurts most"):
        assert f"<h3>{heading}</h3>" in summary
    assert "YAML" not in summary and "YAML files" in method
    # what was mapped, with whom: figures of the analysis (test_figures checks every key)
    for key in ("total:target_groups", "total:journeys", "total:stages", "total:steps",
                "total:personas", "total:partner_kovs", "total:sources",
                "sources:kind:seed", "sources:kind:general-knowledge"):
        assert f'data-figure="{key}"' in summary, key
    assert "City of Pärnu, City of Rakvere, City of Tartu" in summary
    assert summary.count('<a href="#pain-') == 5


def test_yaml_text_is_escaped_in_html_and_markdown(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(FIXTURE, ws)
    journey = ws / "journeys" / "newcomer.yaml"
    text = journey.read_text(encoding="utf-8")
    hostile = "<script>alert(1)</script> *bold* [x](javascript:alert(1)) | cell"
    original = "en: Service only in Estonian}"
    assert text.count(original) == 1, "pain point p2 of the fixture has this English title"
    journey.write_text(text.replace(original, f"en: '{hostile}'}}"), encoding="utf-8")
    out = built(ws, tmp_path / "build")
    html = (out / "en" / "reports" / "final-2025.html").read_text(encoding="utf-8")
    markdown = (out / "en" / "reports" / "final-2025.md").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"(?<!\\)\]\(javascript:", markdown)  # no live link
    assert not re.search(r"(?<!\\)<script", markdown)
    assert r"\<script\>alert(1)\</script\> \*bold\* \[x\](javascript:alert(1)) \| cell" \
        in markdown


def test_same_input_same_bytes(site: Path, tmp_path: Path) -> None:
    again = built(FIXTURE, tmp_path / "build")
    for lang in LANGS:
        for name in ("final-2025.html", "final-2025.md", "final-2025.pdf"):
            assert (again / lang / "reports" / name).read_bytes() == \
                (site / lang / "reports" / name).read_bytes(), name


def test_report_final_names_its_files(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(FIXTURE, ws)
    result = CliRunner().invoke(main, ["report", "final", str(ws), "--year", "2025",
                                       "--lang", "en", "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    files = [ws / "build" / "en" / "reports" / f"final-2025{s}" for s in (".html", ".md", ".pdf")]
    assert result.stdout.split() == [str(f) for f in files]
    assert all(f.is_file() for f in files)


def test_report_final_unknown_year_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["report", "final", str(FIXTURE), "--year", "2031"])
    assert result.exit_code == 2
    assert "no `final` reporting period ending in 2031; final periods end in: 2025" \
        in result.stderr


# -- the interim summary ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_interim_markdown_matches_golden(interim_site: Path, lang: str) -> None:
    expected = (GOLDEN / lang / "interim-2025-q2.md").read_text(encoding="utf-8")
    assert portable((interim_site / lang / "reports" / "interim-2025-q2.md").read_text(
        encoding="utf-8")) == expected, "if intended, `python tests/regenerate.py reports`"


def test_interim_lists_the_known_differences(interim_site: Path) -> None:
    markdown = (interim_site / "en" / "reports" / "interim-2025-q2.md").read_text(
        encoding="utf-8")
    assert "| stage | 1 | 1 | 0 |" in markdown
    assert "- Residence permit guide: idea → pilot" in markdown
    assert "severity: 2 → 3" in markdown
    assert "- Before: 0\n- Now: 1 (City of Tartu)" in markdown
    index = (interim_site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<a href="reports/interim-2025-q2.html">Interim summary 2025-Q2</a>' in index


@needs_poppler
def test_interim_pdf(interim_site: Path) -> None:
    pages, size, text = pdf_facts(interim_site / "en" / "reports" / "interim-2025-q2.pdf")
    assert size == "595.28 x 841.89" and pages >= 2
    assert "Interim summary 2025-Q2" in text and "Residence permit guide" in text


def test_interim_from_git_history_compares_with_the_previous_period(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    first = commit_version(repo, BEFORE, DAY_BEFORE)
    commit_version(repo, AFTER, DAY_AFTER)
    code, _, stderr = interim([str(repo / "ws"), "--period", "2025-q2", "-q"])
    assert code == 0, stderr
    markdown = (repo / "ws" / "build" / "en" / "reports" / "interim-2025-q2.md").read_text(
        encoding="utf-8")
    assert f"since 2025-04-30 (git {first[:10]})" in markdown
    assert "- Residence permit guide: idea → pilot" in markdown
    assert git(repo, "status", "--porcelain") == "?? ws/build/"  # the YAML is untouched


def test_interim_without_history_says_so(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(AFTER, ws)
    code, _, stderr = interim([str(ws), "--period", "2025-q2"])
    assert code == 0
    assert f"warning: {ws} is not in a git repository" in stderr
    markdown = (ws / "build" / "en" / "reports" / "interim-2025-q2.md").read_text(
        encoding="utf-8")
    assert "> No comparison is possible:" in markdown
    assert "This summary shows the current state only." in markdown
    assert "## 3. Current ranking of bottlenecks" in markdown


@pytest.mark.parametrize("args, message", [
    (["--period", "2031-q9"], "2031-q9"),
    (["--period", "2025-q2", "--since", "no-such-revision"], "no-such-revision"),
])
def test_interim_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    commit_version(repo, AFTER, DAY_AFTER)
    code, _, stderr = interim([str(repo / "ws"), *args])
    assert code == 2 and message in stderr and "Traceback" not in stderr


# -- Markdown escaping -----------------------------------------------------------------------

@given(st.text())
def test_markdown_escape_keeps_the_text_and_leaves_no_markup(text: str) -> None:
    escaped = markdown_escape(text)
    # Undoing the escapes gives the text back, with its whitespace runs made single spaces
    assert re.sub(r"\\(.)", r"\1", escaped) == " ".join(text.split())
    # and no markup character is left bare
    bare, chars = [], iter(escaped)
    for char in chars:
        if char == "\\":
            next(chars)  # an escaped character
        elif char in "`*_[]<>|#&!~":
            bare.append(char)
    assert bare == []
    assert "\n" not in escaped


def test_a_build_without_pdf_makes_no_documents_and_links_none(tmp_path: Path) -> None:
    ws = validate(FIXTURE).workspace
    out = tmp_path / "build"
    report = build_site(ws, out, list(LANGS), formats=("svg",))
    assert report.pdfs == 0
    assert sorted(p.name for p in out.rglob("*.pdf")) == []
    for page in out.rglob("*.html"):
        assert ".pdf\"" not in page.read_text(encoding="utf-8"), page
    assert (out / "en" / "reports" / "final-2025.md").is_file()
