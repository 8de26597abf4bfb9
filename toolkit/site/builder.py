"""`teekond build`: gather every page and diagram of the site, then write what changed.

The data flow reads like the architecture: the validated workspace's index and analysis
become views per language, views become HTML and DOT, DOT becomes SVG, PNG and PDF through
the real ``dot``. Writes are atomic and only touch files whose bytes changed; ``dot`` output
and PDFs are cached outside the site (:mod:`toolkit.site.cache`), so a rebuild with
unchanged input renders nothing.

The builder writes into the folder it is given as it stands. ``teekond build``
(:func:`toolkit.site.commands.build`) gives it a staged copy of the output folder and swaps
the copy in when the site is complete (:mod:`toolkit.site.staging`): so every file goes
through :class:`~toolkit.site.writer.SiteWriter` (atomic writes, never into a file), since
a file of the copy is a hard link to the live site's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..analyse.analysis import Analysis, analyse
from ..check.drafts import without_drafts
from ..graph.index import Index
from ..i18n import interface_language
from ..load.model import LANGS, Journey
from ..load.workspace import Workspace
from ..output.dot import ecosystem_dot, journey_flow_dot, journey_overview_dot
from ..output.files import cannot_write
from ..output.templates import environment, markdown_environment, static_text
from ..views.base import ViewContext, page_context
from ..views.dashboard import dashboard_view
from ..views.flow_section import flow_section
from ..views.index_page import index_view
from ..views.journey import JourneyViews, kov_page
from ..views.kovs_page import kovs_view
from ..views.priorities import priorities_view
from ..views.report_final import overview_stem
from ..views.services_page import services_view
from .cache import cache_dir, read_manifest
from .diagrams import Diagram, DiagramRenderer
from .flows import FlowDiagrams
from .packs import PackPages
from .pdfs import PdfQueue
from .personas import PersonaPages
from .reports import ReportPages, final_periods, overview_suffix
from .writer import BuildReport, SiteWriter

ASSETS = "assets"
FORMATS = ("svg", "png", "pdf")
JINJA = "jinja"
"""Sub-folder of the build's cache folder: compiled templates."""
MAP_CSS = ("teekond.css", "print.css")
"""Stylesheets of a journey page, in build/assets/; its PDF's cache key includes them."""


class SiteBuilder:
    """Builds the site of one workspace into ``out``."""

    tidy = True
    """Whether a build drops the cache entries and output files it no longer makes (not
    when the pages go to memory: :mod:`toolkit.site.serve`)."""

    def __init__(self, index: Index, analysis: Analysis, out: Path, cache: Path,
                 languages: list[str], formats: Iterable[str], jobs: int = 1,
                 progress: Callable[[str], None] | None = None,
                 writer: SiteWriter | None = None) -> None:
        self.index, self.analysis, self.out, self.cache = index, analysis, out, cache
        self.languages = languages
        self.formats = [f for f in FORMATS if f in set(formats) | {"svg"}]
        self.progress = progress or (lambda message: None)
        self.writer = writer or SiteWriter(out, environment(index.root, cache / JINJA))
        self.renderer = DiagramRenderer(cache, jobs, self.progress)
        self.flows = FlowDiagrams(self.renderer, index, analysis, out)
        self.pdfs = PdfQueue(self.writer, cache, "pdf" in self.formats, self.progress, jobs)
        self.personas = PersonaPages(self.writer, self.pdfs, index)
        self.packs = PackPages(self.writer, self.pdfs)
        self.reports = ReportPages(self.writer, self.pdfs,
                                   markdown_environment(index.root, cache / JINJA),
                                   final_periods(index.settings))
        self.report_figures: tuple[Index, Analysis] | None = None
        """The index and analysis the reports are made from, when not the site's (a
        build with drafts: reports never show drafts)."""

    def contexts(self) -> list[tuple[ViewContext, dict[str, object]]]:
        return contexts(self.index, self.analysis, self.languages, "pdf" in self.formats)

    def build(self) -> BuildReport:
        writer, report = self.writer, self.writer.report
        try:
            # dot runs in this order: first what the pages embed or measure (overviews,
            # stage parts), then the full flows, which are only files to download
            for lang in self.languages:
                self.flows.submit(lang)
            diagrams = {lang: self._diagrams(lang) for lang in self.languages}
            for diagram in (d for ds in diagrams.values() for d in ds.values()):
                for fmt in self.formats[1:]:  # PNG and PDF after every SVG
                    self.renderer.submit(diagram, fmt)
            report_overviews = self._report_overviews()
            for sheet in self._stylesheets():
                writer.write(self.out / ASSETS / sheet, static_text(writer.env, sheet))
            writer.write(self.out / "index.html", self._root_index())
            for ctx, common in self.contexts():
                self._pages(ctx, common, diagrams[ctx.lang])
            for found in diagrams.values():
                self.renderer.write_files(writer, found.values())
            self.renderer.write_files(writer, self.flows.written())
            self.renderer.write_files(writer, report_overviews)
        except BaseException:
            self.renderer.close(cancel=True)
            raise
        self.renderer.close()
        report.rendered = self.renderer.started
        report.pdfs = self.pdfs.write()
        report.inputs = self.personas.inputs
        if self.tidy:
            self.renderer.prune()
            self._remove_stale()
        report.outputs = sorted(writer.produced)
        return report

    def _stylesheets(self) -> list[str]:
        """The site's stylesheets, written once for every language: the report stylesheet
        also serves the interim summaries, with or without final reports; every page
        links the print stylesheet."""
        return (["teekond.css", "print.css", "report.css"]
                + (["cards.css"] if self.index.personas else []))

    def _report_overviews(self) -> list[Diagram]:
        """The journey overviews of each final report that leaves out items known only
        after its period, drawn without them (the site's overviews show everything)."""
        found = []
        for period in self.reports.periods:
            narrowed = self.reports.narrowed(self.index, self.analysis, period)
            if narrowed is None:
                continue
            index, analysis = narrowed
            for lang in self.languages:
                for journey in index.journeys:
                    stem = overview_stem(journey, overview_suffix(period))
                    found.append(self.renderer.submit(Diagram(
                        f"journey '{journey}', overview for {period.id} ({lang})",
                        journey_overview_dot(index, analysis, journey, lang),
                        {"svg": self.out / lang / "diagrams" / f"{stem}.svg"}), "svg"))
        return found

    def _diagrams(self, lang: str) -> dict[str, Diagram]:
        base = self.out / lang / "diagrams"
        found = {}
        for journey in self.index.journeys:
            source = journey_flow_dot(self.index, self.analysis, journey, lang)
            found[journey] = self.renderer.submit(Diagram(
                f"journey '{journey}' ({lang})", source,
                {fmt: base / f"{journey}.{fmt}" for fmt in self.formats}), "svg")
        found[""] = self.renderer.submit(Diagram(
            f"ecosystem map ({lang})", ecosystem_dot(self.index, self.analysis, lang),
            {fmt: base / f"ecosystem.{fmt}" for fmt in self.formats}), "svg")
        return found

    def _pages(self, ctx: ViewContext, common: dict[str, object],
               diagrams: dict[str, Diagram]) -> None:
        lang, writer, journeys = ctx.lang, self.writer, JourneyViews(ctx)
        for journey in self.index.journeys.values():
            self.journey_pages(ctx, common, journeys, journey)
        writer.page(lang, "ecosystem.html", "ecosystem.html", common,
                    ecosystem_svg=self.renderer.svg(diagrams[""]),
                    downloads=[(fmt.upper(), f"diagrams/ecosystem.{fmt}")
                               for fmt in self.formats])
        self.personas.write(ctx, common)
        writer.page(lang, "priorities.html", "priorities.html", common,
                    priorities=priorities_view(ctx))
        writer.page(lang, "services.html", "services.html", common, services=services_view(ctx))
        writer.page(lang, "kovs.html", "kovs.html", common, kovs=kovs_view(ctx))
        self.packs.write(ctx, common)
        if self.report_figures:
            self.reports.write(ViewContext(*self.report_figures, lang), common)
        else:
            self.reports.write(ctx, common)
        if self.analysis.statistics:
            writer.page(lang, "dashboard.html", "dashboard.html", common,
                        dashboard=dashboard_view(ctx))
        writer.page(lang, "index.html", "index.html", common,
                    index=index_view(ctx, self.reports.links(ctx)))

    def journey_pages(self, ctx: ViewContext, common: dict[str, object],
                      journeys: JourneyViews, journey: Journey) -> None:
        """The pages of one journey in the language of ``ctx``: its map, its text version
        and its map as each KOV meets it."""
        lang, writer = ctx.lang, self.writer
        view = journeys.journey(journey)
        downloads = [(fmt.upper(), f"../diagrams/{journey.id}.{fmt}") for fmt in self.formats]
        parts = [part for part, _ in self.flows.parts(lang, journey.id)]
        page = f"journeys/{journey.id}.html"
        writer.page(lang, page, "journey.html", common, journey=view,
                    flow_svg=self.renderer.fitted_svg(self.flows.overview(lang, journey.id)),
                    flow=flow_section(ctx, journey, parts), downloads=downloads)
        self.pdfs.add(lang, page, f"journey map '{journey.id}' ({lang})", MAP_CSS)
        writer.page(lang, f"journeys/{journey.id}-text.html", "journey_text.html", common,
                    journey=view)
        for kov in self.analysis.kovs_of_journey(journey.id):
            page = f"journeys/{kov_page(journey.id, kov)}"
            if writer.wants(lang, page):
                writer.page(lang, page, "journey.html", common,
                            journey=journeys.journey(journey, kov), flow_svg="", downloads=[])

    def _root_index(self) -> str:
        """A page that sends the browser to the first language. A version whose interface
        is not yet translated (``ru``: English) is marked with the language it is in."""
        first, marked = self.languages[0], {lang: interface_language(lang)
                                            for lang in self.languages}
        links = "".join(f'<li><a href="{lang}/index.html" lang="{marked[lang]}">'
                        f'{lang.upper()}</a></li>' for lang in self.languages)
        return (f"<!DOCTYPE html>\n<html lang=\"{marked[first]}\"><head><meta charset=\"utf-8\">"
                f"<meta http-equiv=\"refresh\" content=\"0; url={first}/index.html\">"
                f"<title>teekond</title></head><body><ul>{links}</ul></body></html>\n")

    def _remove_stale(self) -> None:
        """Remove the files the last build made and this one does not; list what the output
        folder holds of teekond's in the report's manifest (the caller writes it once the
        site is in place)."""
        before = read_manifest(self.cache)
        now = {p.relative_to(self.out).as_posix() for p in self.writer.produced}
        # A build of some languages leaves the pages of the others alone.
        others = {lang for lang in LANGS if lang not in self.languages}
        kept = {rel for rel in before if rel.split("/", 1)[0] in others}
        for rel in sorted(set(before) - now - kept):
            stale = self.out / rel
            # Only plain files under the output folder: a hand-edited manifest cannot make
            # the build delete anything outside it.
            if ".." not in Path(rel).parts and stale.is_file() and not stale.is_symlink():
                try:
                    stale.unlink()
                    _remove_empty_parents(stale.parent, self.out)
                except OSError as err:
                    raise cannot_write(stale, err) from None
                self.writer.report.removed += 1
        self.writer.report.manifest = sorted(now | kept)


def contexts(index: Index, analysis: Analysis, languages: list[str],
             pdf: bool) -> list[tuple[ViewContext, dict[str, object]]]:
    """Each language's view context and what every page of it is rendered with."""
    found = []
    for lang in languages:
        ctx = ViewContext(index, analysis, lang)
        found.append((ctx, page_context(ctx, languages, pdf)))
    return found


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def build_site(ws: Workspace, out: Path, languages: list[str],
               formats: Iterable[str] = FORMATS, jobs: int = 1,
               progress: Callable[[str], None] | None = None,
               cache: Path | None = None) -> BuildReport:
    """Build the static site of a validated ``ws`` into ``out`` as it stands (no lock, no
    staging: ``teekond build`` adds those); raise an :class:`~toolkit.errors.OutputError`
    when a page, diagram or PDF cannot be made or written. When ``ws`` holds drafts
    (`build --drafts`), the reports are still made from the workspace without them."""
    index = Index(ws)
    builder = SiteBuilder(index, analyse(index), out, cache or cache_dir(ws.root, out),
                          languages, formats, jobs, progress)
    published = without_drafts(ws)
    if published is not ws:
        report_index = Index(published)
        builder.report_figures = (report_index, analyse(report_index))
    return builder.build()
