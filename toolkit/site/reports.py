"""The report part of `teekond build`: the final report of every `final` reporting period,
per language, as HTML, Markdown and PDF.

Output, under ``build/<lang>/reports/``::

    final-<year>.html, .md, .pdf      the final report (teekond.yaml names the period)
    interim-<period>.html, .md, .pdf  interim summaries, written by `teekond report interim`

The build writes the final reports and lists every report of the folder on the index;
interim summaries need git history, so only `teekond report interim` writes them (the
build's manifest does not list them, so a build never removes them).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..analyse.changes import Changes
from ..analyse.figures import Analysis, analyse
from ..i18n.report_text import report_text
from ..load.model import ReportingPeriod, WorkspaceSettings
from ..output.files import write_atomic
from ..output.pdf import html_to_pdf
from ..output.templates import markdown_environment, render, static_text
from ..views.journey import ViewBuilder
from ..views.report_final import FinalReportBuilder
from ..views.report_interim import InterimReportBuilder
from .pdfs import printable

if TYPE_CHECKING:
    from .builder import SiteBuilder

CSS = ("teekond.css", "report.css")
"""Stylesheets of the report pages, in build/assets/; a PDF's cache key includes them."""
FOLDER = "reports"


@dataclass(frozen=True)
class ReportLink:
    kind: str
    """final or interim"""
    period: str
    title: str
    page: str
    """Path relative to the language folder, e.g. reports/final-2025.html."""


def final_periods(settings: WorkspaceSettings | None) -> list[ReportingPeriod]:
    """The `final` reporting periods of teekond.yaml, by id."""
    return sorted((p for p in settings.reporting_periods if p.kind == "final"),
                  key=lambda p: p.id) if settings else []


class ReportPages:
    """Writes the final reports of one site through its SiteBuilder and queues their PDFs."""

    def __init__(self, site: SiteBuilder) -> None:
        self.site = site
        self.periods = final_periods(site.ws.settings)
        self.markdown = markdown_environment(site.ws.root)

    @cached_property
    def analysis(self) -> Analysis:
        return analyse(self.site.ws, self.site.graph)

    def write(self, lang: str, common: dict[str, object]) -> None:
        # The stylesheet also serves the interim summaries, with or without final reports.
        self.site._write(self.site.out / "assets" / "report.css",
                         static_text(self.site.env, "report.css"))
        t = report_text(lang)
        for period in self.periods:
            report = FinalReportBuilder(self.site.ws, self.site.graph, self.analysis, period,
                                        lang).build()
            page = f"{FOLDER}/final-{report.year}.html"
            self.site._page(lang, page, "report_final.html", common, report=report, t=t)
            markdown = render(self.markdown, "report_final.md", report=report, t=t, **common)
            self.site._write(self.site.out / lang / FOLDER / f"final-{report.year}.md",
                             tidy_markdown(markdown))
            self.site.pdfs.add(lang, page, f"final report {report.year} ({lang})", CSS)

    def links(self, lang: str) -> list[ReportLink]:
        """The reports the index lists: this build's final reports, then the interim
        summaries found in the folder (newest period first)."""
        t = report_text(lang)
        found = [ReportLink("final", p.id, t["final_title"].format(year=p.end.year),
                            f"{FOLDER}/final-{p.end.year}.html") for p in self.periods]
        folder = self.site.out / lang / FOLDER
        interim = sorted(folder.glob("interim-*.html"), reverse=True) if folder.is_dir() else []
        for path in interim:
            period = path.stem.removeprefix("interim-")
            found.append(ReportLink("interim", period,
                                    t["interim_title"].format(period=period.upper()),
                                    f"{FOLDER}/{path.name}"))
        return found


def tidy_markdown(text: str) -> str:
    """At most one blank line in a row and one newline at the end: the template's
    block tags leave runs of blank lines that mean nothing in Markdown."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip() + "\n"



# --- interim summaries (`teekond report interim`) ---------------------------------------

def write_interim(site: SiteBuilder, period: ReportingPeriod, changes: Changes | None,
                  compared_with: str, no_history: str) -> list[Path]:
    """Write the interim summary of ``period`` as HTML and Markdown in every language of
    ``site``; return the HTML pages. Their PDFs come after the site build, which writes the
    stylesheets they read (:func:`write_interim_pdfs`)."""
    analysis = analyse(site.ws, site.graph)
    markdown = markdown_environment(site.ws.root)
    pages = []
    for lang in site.languages:
        common = site.common(ViewBuilder(site.ws, site.graph, lang))
        t = report_text(lang)
        report = InterimReportBuilder(site.ws, site.graph, analysis, period, lang, changes,
                                      compared_with, no_history).build()
        page = f"{FOLDER}/interim-{period.id}.html"
        site._page(lang, page, "report_interim.html", common, report=report, t=t)
        site._write(site.out / lang / page.replace(".html", ".md"), tidy_markdown(
            render(markdown, "report_interim.md", report=report, t=t, **common)))
        pages.append(site.out / lang / page)
    return pages


def write_interim_pdfs(out: Path, pages: list[Path]) -> list[Path]:
    """The PDF of each interim page, next to it."""
    written = []
    for page in pages:
        name = f"interim summary {page.stem.removeprefix('interim-')} ({page.parent.parent.name})"
        data = html_to_pdf(printable(page.read_text(encoding="utf-8"), page), page, out, name)
        write_atomic(page.with_suffix(".pdf"), data)
        written.append(page.with_suffix(".pdf"))
    return written
