"""`teekond build`: gather every page and diagram of the site, then write what changed.

The data flow reads like the architecture: the validated workspace becomes a graph, the
graph and model become views per language, views become HTML and DOT, DOT becomes SVG, PNG
and PDF through the real ``dot``. Writes are atomic and only touch files whose bytes
changed; ``dot`` output is cached by the hash of its DOT source, so a rebuild with
unchanged input renders nothing.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from .. import __version__, i18n
from ..graph.network import JourneyGraph
from ..load.model import LANGS
from ..load.workspace import Workspace
from ..output import dot_runner
from ..output.files import write_atomic
from ..output.templates import environment, render, static_text
from ..views import diagrams
from ..views.journey import Named, ViewBuilder
from .pdfs import PdfQueue
from .personas import PersonaPages
from .reports import ReportLink, ReportPages

CACHE = ".cache/dot"
ASSETS = "assets"
MANIFEST = ".teekond-files"
"""Lists the files the last build wrote, so the next one can remove those it no longer makes
(a journey deleted from the YAML) without touching anything else in the output folder."""


@dataclass(frozen=True)
class Diagram:
    """One DOT source and the files it becomes."""

    name: str
    """What the diagram shows, for error messages: "journey 'newcomer' (et)"."""
    source: str
    outputs: dict[str, Path]
    """Format (svg, png, pdf) -> output path."""

    def key(self, fmt: str) -> str:
        digest = hashlib.sha256(f"{__version__}\0{fmt}\0{self.source}".encode()).hexdigest()
        return f"{digest[:32]}.{fmt}"


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    removed: int = 0
    """Files of the previous build that this one no longer makes."""
    rendered: int = 0
    """dot runs (the expensive part); 0 on a rebuild with unchanged input."""
    outputs: list[Path] = field(default_factory=list)
    """Every file this build made, written or unchanged."""
    inputs: list[str] = field(default_factory=list)
    """Workspace files read besides the YAML and templates (e.g. persona images), relative
    to the workspace: a change to them must trigger a rebuild."""
    pdfs: int = 0
    """WeasyPrint runs (persona cards); 0 on a rebuild with unchanged input."""


@dataclass(frozen=True)
class SiteInfo:
    """What every page shows about the site."""

    title: str
    organisation: str
    languages: list[str]
    pdf: bool
    """True when the build makes the PDFs of cards and reports (``--formats`` has pdf)."""


class SiteBuilder:
    def __init__(self, ws: Workspace, out: Path, languages: list[str], formats: Iterable[str],
                 jobs: int = 1, progress: Callable[[str], None] | None = None) -> None:
        self.ws, self.out, self.languages = ws, out, languages
        self.formats = [f for f in ("svg", "png", "pdf") if f in set(formats) | {"svg"}]
        self.jobs = jobs
        self.progress = progress or (lambda message: None)
        self.graph = JourneyGraph.from_workspace(ws)
        self.env = environment(ws.root)
        self.report = BuildReport()
        self.produced: set[Path] = set()
        self.cached: set[str] = set()
        """Names of the dot outputs this build uses; the others are pruned at the end."""
        self.pending: dict[str, Future[None]] = {}
        """dot runs under way, by cache name."""
        self.lock = threading.Lock()
        self.done = 0

    def build(self) -> BuildReport:
        # dot runs in worker threads (subprocesses, so no GIL) while this thread writes the
        # DOT sources and the pages; a page waits only for the SVG it embeds.
        with ThreadPoolExecutor(max_workers=max(1, self.jobs)) as pool:
            try:
                diagrams_by_lang = {lang: self._diagrams(lang, pool) for lang in self.languages}
                for diagram in (d for ds in diagrams_by_lang.values() for d in ds.values()):
                    for fmt in self.formats[1:]:  # PNG and PDF after every SVG
                        self._submit(pool, diagram, fmt)
                self._write(self.out / ASSETS / "teekond.css",
                            static_text(self.env, "teekond.css"))
                self._write(self.out / "index.html", self._root_index())
                self.pdfs = PdfQueue(self)
                self.persona_pages = PersonaPages(self)
                self.report_pages = ReportPages(self)
                for lang in self.languages:
                    self._pages(lang, diagrams_by_lang[lang])
                for diagrams_of in diagrams_by_lang.values():
                    self._write_diagram_files(diagrams_of.values())
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
        self.report.pdfs = self.pdfs.write()
        self.report.inputs = self.persona_pages.inputs
        self._remove_stale()
        self.report.outputs = sorted(self.produced)
        return self.report

    # -- diagrams ------------------------------------------------------------------------

    def _diagrams(self, lang: str, pool: ThreadPoolExecutor) -> dict[str, Diagram]:
        base = self.out / lang / "diagrams"
        found = {}
        for journey in sorted(self.ws.journeys, key=lambda j: j.id):
            source = diagrams.journey_flow_dot(self.ws, self.graph, journey.id, lang)
            found[journey.id] = self._submit(pool, Diagram(
                f"journey '{journey.id}' ({lang})", source,
                {fmt: base / f"{journey.id}.{fmt}" for fmt in self.formats}), "svg")
        found[""] = self._submit(pool, Diagram(f"ecosystem map ({lang})", diagrams.ecosystem_dot(
            self.ws, self.graph, lang), {fmt: base / f"ecosystem.{fmt}" for fmt in self.formats}),
            "svg")
        return found

    def _submit(self, pool: ThreadPoolExecutor, diagram: Diagram, fmt: str) -> Diagram:
        """Start rendering ``diagram`` as ``fmt`` unless the cache holds it already."""
        key = diagram.key(fmt)
        self.cached.add(key)
        cached = self.out / CACHE / key
        if key in self.pending or cached.exists():
            return diagram

        def run() -> None:
            data = dot_runner.render(diagram.source, fmt, name=diagram.name)  # type: ignore
            write_atomic(cached, diagrams.portable_svg_fonts(data) if fmt == "svg" else data)

        self.report.rendered += 1
        self.pending[key] = pool.submit(run)
        self.pending[key].add_done_callback(lambda _: self._rendered_one())
        return diagram

    def _rendered_one(self) -> None:
        with self.lock:
            self.done += 1
            self.progress(f"[{self.done}/{self.report.rendered}] diagrams rendered")

    def _cached(self, diagram: Diagram, fmt: str) -> Path:
        """The cache file of ``diagram`` as ``fmt``, once dot has written it."""
        future = self.pending.get(diagram.key(fmt))
        if future is not None:
            future.result()  # re-raises the DotError of a failed render
        return self.out / CACHE / diagram.key(fmt)

    def _write_diagram_files(self, todo: Iterable[Diagram]) -> None:
        for diagram in todo:
            for fmt, path in diagram.outputs.items():
                self._write(path, self._cached(diagram, fmt).read_bytes())

    def _svg(self, diagram: Diagram) -> Markup:
        svg = self._cached(diagram, "svg").read_text(encoding="utf-8")
        return Markup(inline_svg(svg))  # dot escapes every text it writes into SVG

    # -- pages ---------------------------------------------------------------------------

    def _pages(self, lang: str, diagrams_of: dict[str, Diagram]) -> None:
        views = ViewBuilder(self.ws, self.graph, lang)
        common = self.common(views)
        for journey in sorted(self.ws.journeys, key=lambda j: j.id):
            view = views.journey(journey)
            diagram = diagrams_of[journey.id]
            downloads = [(fmt.upper(), f"../diagrams/{journey.id}.{fmt}") for fmt in self.formats]
            page = f"journeys/{journey.id}.html"
            self._page(lang, page, "journey.html", common, journey=view,
                       flow_svg=self._svg(diagram), downloads=downloads)
            self._page(lang, f"journeys/{journey.id}-text.html", "journey_text.html", common,
                       journey=view)
        eco = diagrams_of[""]
        self._page(lang, "ecosystem.html", "ecosystem.html", common,
                   ecosystem_svg=self._svg(eco),
                   downloads=[(fmt.upper(), f"diagrams/ecosystem.{fmt}") for fmt in self.formats])
        self.persona_pages.write(lang, views, common)
        self.report_pages.write(lang, common)
        self._page(lang, "index.html", "index.html", common, index=self._index(views))

    def _page(self, lang: str, page: str, template: str, common: dict[str, object],
              **context: object) -> None:
        root = "../" * (page.count("/") + 1)
        try:
            html = render(self.env, template, root=root, page_path=page, **common, **context)
        except jinja2.TemplateError as err:
            raise BuildError(f"template {template}: {err}") from err
        self._write(self.out / lang / page, html)

    def common(self, views: ViewBuilder) -> dict[str, object]:
        """What every page of the language of ``views`` is rendered with."""
        return {"lang": views.lang, "ui": i18n.ui(views.lang), "site": self._site_info(views)}

    def _site_info(self, views: ViewBuilder) -> SiteInfo:
        settings = self.ws.settings
        return SiteInfo(views.text(settings.title) if settings else i18n.ui(views.lang)[
            "site_title"], views.text(settings.organisation) if settings else "",
            list(self.languages), "pdf" in self.formats)

    def _index(self, views: ViewBuilder) -> IndexView:
        lang = views.lang
        order = ("newcomer", "other-background", "returnee")
        journeys = []
        for j in sorted(self.ws.journeys, key=lambda j: (order.index(j.target_group), j.id)):
            steps = [step for stage in j.stages for step in stage.steps]
            journeys.append(JourneyCard(
                j.id, views.text(j.title), i18n.word(lang, j.target_group),
                shorten(views.text(j.description), 220), len(j.stages), len(j.personas),
                sum(len(step.pain_points) for step in steps), len(j.proposals)))
        personas = [Named(p.id, p.name, f"{i18n.word(lang, p.target_group)} · "
                          f"{views.name_of(p.background.kov)} · {views.text(p.quote)}")
                    for p in sorted(self.ws.personas, key=lambda p: p.id)]
        return IndexView(journeys, personas, self._kovs(views), self.report_pages.links(lang))

    def _kovs(self, views: ViewBuilder) -> list[KovRow]:
        rows = []
        services = [s.provider for s in self.ws.services()]
        ui = i18n.ui(views.lang)
        for kov in sorted((p for p in self.ws.providers() if p.partner), key=lambda p: p.id):
            partner = kov.partner
            assert partner is not None
            council = partner.participation_council
            rows.append(KovRow(
                views.text(kov.name),
                f"{partner.contract.start.isoformat()} – {partner.contract.end.isoformat()}",
                i18n.word(views.lang, council.status) if council else ui["none"],
                services.count(kov.id),
                str(partner.journey_model_since) if partner.journey_model_since
                else ui["not_yet"]))
        return rows

    def _root_index(self) -> str:
        first = self.languages[0]
        links = "".join(f'<li><a href="{lang}/index.html" lang="{lang}">{lang.upper()}</a></li>'
                        for lang in self.languages)
        return (f"<!DOCTYPE html>\n<html lang=\"{first}\"><head><meta charset=\"utf-8\">"
                f"<meta http-equiv=\"refresh\" content=\"0; url={first}/index.html\">"
                f"<title>teekond</title></head><body><ul>{links}</ul></body></html>\n"
                )

    # -- writing -------------------------------------------------------------------------

    def _remove_stale(self) -> None:
        cache = self.out / CACHE
        for stale in sorted(cache.glob("*")) if cache.is_dir() else []:
            if stale.name not in self.cached:
                stale.unlink()
        manifest = self.out / MANIFEST
        before = manifest.read_text(encoding="utf-8").splitlines() if manifest.is_file() else []
        now = {p.relative_to(self.out).as_posix() for p in self.produced}
        # A build of some languages leaves the pages of the others alone.
        others = {lang for lang in LANGS if lang not in self.languages}
        kept = {rel for rel in before if rel.split("/", 1)[0] in others}
        for rel in sorted(set(before) - now - kept):
            stale = self.out / rel
            # Only plain files under the output folder: a hand-edited manifest cannot make
            # the build delete anything outside it.
            if ".." not in Path(rel).parts and stale.is_file() and not stale.is_symlink():
                stale.unlink()
                self.report.removed += 1
                _remove_empty_parents(stale.parent, self.out)
        listing = sorted(now | kept)
        if listing != before:
            write_atomic(manifest, "".join(f"{rel}\n" for rel in listing))

    def _write(self, path: Path, data: str | bytes) -> None:
        self.produced.add(path)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if path.is_file() and path.read_bytes() == raw:
            self.report.unchanged += 1
            return
        write_atomic(path, raw)
        self.report.written.append(path)


@dataclass(frozen=True)
class JourneyCard:
    id: str
    name: str
    target_group: str
    summary: str
    stages: int
    personas: int
    pain_points: int
    proposals: int


@dataclass(frozen=True)
class KovRow:
    name: str
    contract: str
    council: str
    services: int
    model: str


@dataclass(frozen=True)
class IndexView:
    journeys: list[JourneyCard]
    personas: list[Named]
    kovs: list[KovRow]
    reports: list[ReportLink]


class BuildError(Exception):
    """A page or diagram could not be made; the message names which."""


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut + "…"


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)


def inline_svg(svg: str) -> str:
    """dot's SVG without the XML prolog and DOCTYPE, ready to embed in HTML."""
    return _PROLOG.sub("", svg, count=1).strip()


def build_site(ws: Workspace, out: Path, languages: list[str], formats: Iterable[str] = ("svg",
               "png", "pdf"), jobs: int = 1,
               progress: Callable[[str], None] | None = None) -> BuildReport:
    """Build the static site of ``ws`` into ``out``; raise BuildError or DotError on failure."""
    return SiteBuilder(ws, out, languages, formats, jobs, progress).build()
