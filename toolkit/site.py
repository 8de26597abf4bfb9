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
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import __version__, diagrams, dot_runner, i18n
from .files import write_atomic
from .graph import JourneyGraph
from .render import environment, render, static_text
from .site_personas import PersonaPages
from .views import Named, ViewBuilder
from .workspace import Workspace

CACHE = ".cache/dot"
ASSETS = "assets"


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
    rendered: int = 0
    """dot runs (the expensive part); 0 on a rebuild with unchanged input."""
    pdfs: int = 0
    """WeasyPrint runs (persona cards); 0 on a rebuild with unchanged input."""


@dataclass(frozen=True)
class SiteInfo:
    """What every page shows about the site."""

    title: str
    organisation: str
    languages: list[str]


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

    def build(self) -> BuildReport:
        diagrams_by_lang = {lang: self._diagrams(lang) for lang in self.languages}
        self._render_diagrams([d for ds in diagrams_by_lang.values() for d in ds.values()])
        self._write(self.out / ASSETS / "teekond.css", static_text(self.env, "teekond.css"))
        self._write(self.out / "index.html", self._root_index())
        self.persona_pages = PersonaPages(self)
        for lang in self.languages:
            self._pages(lang, diagrams_by_lang[lang])
        self.report.pdfs = self.persona_pages.write_pdfs()
        return self.report

    # -- diagrams ------------------------------------------------------------------------

    def _diagrams(self, lang: str) -> dict[str, Diagram]:
        base = self.out / lang / "diagrams"
        found = {}
        for journey in sorted(self.ws.journeys, key=lambda j: j.id):
            source = diagrams.journey_flow_dot(self.ws, self.graph, journey.id, lang)
            found[journey.id] = Diagram(
                f"journey '{journey.id}' ({lang})", source,
                {fmt: base / f"{journey.id}.{fmt}" for fmt in self.formats})
        found[""] = Diagram(f"ecosystem map ({lang})", diagrams.ecosystem_dot(
            self.ws, self.graph, lang), {fmt: base / f"ecosystem.{fmt}" for fmt in self.formats})
        return found

    def _render_diagrams(self, todo: list[Diagram]) -> None:
        cache = self.out / CACHE
        jobs = [(d, fmt) for d in todo for fmt in d.outputs
                if not (cache / d.key(fmt)).exists()]
        total = len(jobs)

        def run(job: tuple[Diagram, str]) -> None:
            diagram, fmt = job
            data = dot_runner.render(diagram.source, fmt, name=diagram.name)  # type: ignore
            write_atomic(cache / diagram.key(fmt), data)

        with ThreadPoolExecutor(max_workers=max(1, self.jobs)) as pool:
            for done, _ in enumerate(pool.map(run, jobs), start=1):
                self.progress(f"[{done}/{total}] rendered diagrams")
        self.report.rendered = total
        used = {d.key(fmt) for d in todo for fmt in d.outputs}
        for diagram in todo:
            for fmt, path in diagram.outputs.items():
                self._write(path, (cache / diagram.key(fmt)).read_bytes())
        for stale in cache.glob("*") if cache.is_dir() else []:
            if stale.name not in used:
                stale.unlink()

    def _svg(self, diagram: Diagram) -> Markup:
        svg = (self.out / CACHE / diagram.key("svg")).read_text(encoding="utf-8")
        return Markup(inline_svg(svg))  # dot escapes every text it writes into SVG

    # -- pages ---------------------------------------------------------------------------

    def _pages(self, lang: str, diagrams_of: dict[str, Diagram]) -> None:
        views = ViewBuilder(self.ws, self.graph, lang)
        common = {"lang": lang, "ui": i18n.ui(lang), "site": self._site_info(views)}
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
        self._page(lang, "index.html", "index.html", common, index=self._index(views))
        self.persona_pages.write(lang, views, common)

    def _page(self, lang: str, page: str, template: str, common: dict[str, object],
              **context: object) -> None:
        root = "../" * (page.count("/") + 1)
        try:
            html = render(self.env, template, root=root, page_path=page, **common, **context)
        except jinja2.TemplateError as err:
            raise BuildError(f"template {template}: {err}") from err
        self._write(self.out / lang / page, html)

    def _site_info(self, views: ViewBuilder) -> SiteInfo:
        settings = self.ws.settings
        return SiteInfo(views.text(settings.title) if settings else i18n.ui(views.lang)[
            "site_title"], views.text(settings.organisation) if settings else "",
            list(self.languages))

    def _index(self, views: ViewBuilder) -> IndexView:
        lang = views.lang
        groups = []
        for group in ("newcomer", "other-background", "returnee"):
            journeys = [Named(j.id, views.text(j.title), views.text(j.description)[:240])
                        for j in sorted(self.ws.journeys, key=lambda j: j.id)
                        if j.target_group == group]
            if journeys:
                groups.append(IndexGroup(i18n.word(lang, group), journeys))
        personas = [Named(p.id, p.name, f"{i18n.word(lang, p.target_group)} · "
                          f"{views.name_of(p.background.kov)} · {views.text(p.quote)}")
                    for p in sorted(self.ws.personas, key=lambda p: p.id)]
        return IndexView(groups, personas, self._kovs(views))

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

    def _write(self, path: Path, data: str | bytes) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if path.is_file() and path.read_bytes() == raw:
            self.report.unchanged += 1
            return
        write_atomic(path, raw)
        self.report.written.append(path)


@dataclass(frozen=True)
class IndexGroup:
    name: str
    journeys: list[Named]


@dataclass(frozen=True)
class KovRow:
    name: str
    contract: str
    council: str
    services: int
    model: str


@dataclass(frozen=True)
class IndexView:
    groups: list[IndexGroup]
    personas: list[Named]
    kovs: list[KovRow]


class BuildError(Exception):
    """A page or diagram could not be made; the message names which."""


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)


def inline_svg(svg: str) -> str:
    """dot's SVG without the XML prolog and DOCTYPE, ready to embed in HTML."""
    return _PROLOG.sub("", svg, count=1).strip()


def build_site(ws: Workspace, out: Path, languages: list[str], formats: Iterable[str] = ("svg",
               "png", "pdf"), jobs: int = 1,
               progress: Callable[[str], None] | None = None) -> BuildReport:
    """Build the static site of ``ws`` into ``out``; raise BuildError or DotError on failure."""
    return SiteBuilder(ws, out, languages, formats, jobs, progress).build()
