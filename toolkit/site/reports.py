"""The report part of `teekond build`: the final report of every `final` reporting period,
per language, as HTML, Markdown and PDF; and interim summaries.

Output, under ``build/<lang>/reports/``::

    final-<year>.html, .md, .pdf      the final report (teekond.yaml names the period)
    interim-<period>.html, .md, .pdf  interim summaries, written by `teekond report interim`

A report shows what was known by the end of its period: its figures come from the index and
analysis of :func:`toolkit.graph.known.known_by` the period's end (the site's other pages
show everything). The build writes the final reports and lists every report of the folder
on the index;
interim summaries need git history, so only `teekond report interim` writes them (the
build's manifest does not list them, so a build never removes them).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2

from ..analyse.analysis import Analysis, analyse
from ..analyse.changes import Changes
from ..graph.index import Index
from ..graph.known import known_by
from ..load.model import ReportingPeriod, WorkspaceSettings
from ..output.templates import render
from ..views.base import ViewContext
from ..views.index_page import ReportLink
from ..views.report_final import FinalReportBuilder, final_title
from ..views.report_interim import InterimReportBuilder, interim_title
from .pdfs import PdfQueue
from .writer import SiteWriter

CSS = ("teekond.css", "report.css", "print.css")
"""Stylesheets of the report pages, in build/assets/; a PDF's cache key includes them."""
FOLDER = "reports"
INTERIM_CACHE = "interim"
"""Sub-folder of the build's cache folder: the interim summaries' PDFs."""


def final_periods(settings: WorkspaceSettings | None) -> list[ReportingPeriod]:
    """The `final` reporting periods of teekond.yaml, by id."""
    return sorted((p for p in settings.reporting_periods if p.kind == "final"),
                  key=lambda p: p.id) if settings else []


class ReportPages:
    """Writes the final reports of one site and queues their PDFs."""

    def __init__(self, writer: SiteWriter, pdfs: PdfQueue, markdown: jinja2.Environment,
                 periods: list[ReportingPeriod]) -> None:
        self.writer, self.pdfs, self.markdown, self.periods = writer, pdfs, markdown, periods
        self._known: dict[str, tuple[Index, Analysis]] = {}

    def write(self, ctx: ViewContext, common: dict[str, object]) -> None:
        lang, writer = ctx.lang, self.writer
        for period in self.periods:
            page = f"{FOLDER}/final-{period.end.year}.html"
            html, markdown = self.render(ctx, common, period)
            writer.write(writer.out / lang / page, html)
            writer.write(writer.out / lang / page.replace(".html", ".md"), markdown)
            self.pdfs.add(lang, page, f"final report {period.end.year} ({lang})", CSS,
                          tagged=True)

    def render(self, ctx: ViewContext, common: dict[str, object],
               period: ReportingPeriod) -> tuple[str, str]:
        """The final report of ``period`` in the language of ``ctx``: HTML and Markdown."""
        known = self.known(ctx, period)
        report = FinalReportBuilder(known, period, overview_suffix(period) if known
                                    is not ctx else "").build()
        page = f"{FOLDER}/final-{report.year}.html"
        html = self.writer.render(page, "report_final.html", common, report=report)
        markdown = render(self.markdown, "report_final.md", report=report, **common)
        return html, tidy_markdown(markdown)

    def narrowed(self, index: Index, analysis: Analysis,
                 period: ReportingPeriod) -> tuple[Index, Analysis] | None:
        """The index and analysis of what was known at the end of ``period``; None when
        that is all of ``index``. Made once per period, for every language."""
        if period.id not in self._known:
            ws = known_by(index.ws, period.end)
            known = index if ws is index.ws else Index(ws)
            self._known[period.id] = (known, analysis if known is index else analyse(known))
        found = self._known[period.id]
        return None if found[0] is index else found

    def known(self, ctx: ViewContext, period: ReportingPeriod) -> ViewContext:
        """``ctx`` as it was known at the end of ``period`` (``ctx`` itself when all of it
        was)."""
        found = self.narrowed(ctx.index, ctx.analysis, period)
        return ctx if found is None else ViewContext(*found, ctx.lang)

    def links(self, ctx: ViewContext) -> list[ReportLink]:
        """The reports the index lists: this build's final reports, then the interim
        summaries found in the folder (newest period first)."""
        found = [ReportLink("final", p.id, final_title(ctx, p.end.year),
                            f"{FOLDER}/final-{p.end.year}.html") for p in self.periods]
        folder = self.writer.out / ctx.lang / FOLDER
        interim = sorted(folder.glob("interim-*.html"), reverse=True) if folder.is_dir() else []
        for path in interim:
            period = path.stem.removeprefix("interim-")
            found.append(ReportLink("interim", period, interim_title(ctx, period),
                                    f"{FOLDER}/{path.name}"))
        return found


def overview_suffix(period: ReportingPeriod) -> str:
    """What the overview diagrams drawn for a report of ``period`` add to their stem."""
    return f"-{period.id}"


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

def write_interim_pages(writer: SiteWriter, markdown: jinja2.Environment,
                        contexts: list[tuple[ViewContext, dict[str, object]]],
                        period: ReportingPeriod, changes: Changes | None, compared_with: str,
                        no_history: str) -> list[Path]:
    """Write the interim summary of ``period`` as HTML and Markdown in the language of each
    context; return the HTML pages. Their PDFs come after the site build, which writes the
    stylesheets they read (:func:`write_interim_pdfs`)."""
    pages = []
    for ctx, common in contexts:
        report = InterimReportBuilder(ctx, period, changes, compared_with, no_history).build()
        page = f"{FOLDER}/interim-{period.id}.html"
        writer.page(ctx.lang, page, "report_interim.html", common, report=report)
        writer.write(writer.out / ctx.lang / page.replace(".html", ".md"), tidy_markdown(
            render(markdown, "report_interim.md", report=report, **common)))
        pages.append(writer.out / ctx.lang / page)
    return pages


def write_interim_pdfs(writer: SiteWriter, pages: list[Path], cache: Path, jobs: int,
                       progress: Callable[[str], None]) -> None:
    """The PDF of each interim page, next to it: made in ``jobs`` processes and cached like
    the build's, in a folder of their own in the build's cache (``interim/``), so the
    build's cache entries and these never prune each other."""
    queue = PdfQueue(writer, cache / INTERIM_CACHE, True, progress, jobs)
    for page in pages:
        lang, *rest = page.relative_to(writer.out).parts
        queue.add(lang, "/".join(rest),
                  f"interim summary {page.stem.removeprefix('interim-')} ({lang})", CSS,
                  tagged=True)
    queue.write()
