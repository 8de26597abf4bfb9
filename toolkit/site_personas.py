"""The persona part of `teekond build`: persona pages, cards (HTML and PDF), the card sheet
and the comparison page, per language.

Output, under ``build/<lang>/personas/``::

    <id>.html                    the full persona page
    <id>-card.html, <id>-card.pdf   one A5 card
    cards.html, cards.pdf        every card of the language, two A5 cards per A4 page
    compare.html                 each target group's personas on one emotion chart

Portraits named by ``image:`` are copied to ``build/assets/personas/<id>.<ext>``. PDFs are
made by WeasyPrint (:mod:`toolkit.pdf`) and cached by the hash of everything they are made
from, so a rebuild with unchanged input runs WeasyPrint not at all.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .files import write_atomic
from .pdf import PdfError, html_to_pdf
from .persona_views import PersonaViews
from .render import static_text
from .views import ViewBuilder

if TYPE_CHECKING:
    from .site import SiteBuilder

CACHE = ".cache/pdf"
CSS = ("teekond.css", "cards.css")
"""Stylesheets of the persona pages, in build/assets/; a PDF's cache key includes them."""

_LINK_OPEN = re.compile(r"<a\b([^>]*)>")
_HREF = re.compile(r'\shref="[^"]*"')
_IMG_SRC = re.compile(r'(<img\b[^>]*\bsrc=")([^"]+)(")')
MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
        ".svg": "image/svg+xml", ".webp": "image/webp"}


def printable(html: str, page: Path) -> str:
    """The page as WeasyPrint gets it: links turned into plain text, images inlined.

    WeasyPrint writes every link as an absolute file:// URL and names every image after its
    URL, which would put the build folder's path into the PDF (useless to a partner, and
    the bytes would change with the folder). The printed card names the persona page in
    words instead. Only markup of our templates can match: text from YAML is escaped."""
    html = _LINK_OPEN.sub(lambda m: f"<span{_HREF.sub('', m[1])}>", html)
    html = html.replace("</a>", "</span>")
    return _IMG_SRC.sub(lambda m: m[1] + _data_url(page.parent / m[2]) + m[3], html)


def _data_url(path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{MIME.get(path.suffix.lower(), 'application/octet-stream')};base64,{data}"


@dataclass(frozen=True)
class PdfJob:
    name: str
    """Which page this is, for error messages."""
    html: str
    page: Path
    """The HTML file whose relative links the PDF's stylesheets and images resolve against."""
    out: Path
    key: str


class PersonaPages:
    """Writes the persona pages of one site through its SiteBuilder (atomic, only if
    changed), then their PDFs."""

    def __init__(self, site: SiteBuilder) -> None:
        self.site = site
        self.personas = sorted(site.ws.personas, key=lambda p: p.id)
        self.inputs: list[str] = []
        """The portraits read, relative to the workspace: the build stamp watches them."""
        self.images = self._copy_images()
        self.jobs: list[PdfJob] = []

    def _copy_images(self) -> dict[str, str]:
        """Persona id -> path of its portrait in the build, relative to the site root.
        Rule R206 has checked each image: a PNG, JPEG, GIF, SVG or WebP file inside the
        workspace (a build starts only from a workspace without errors)."""
        root = self.site.ws.root.resolve()
        found = {}
        for persona in self.personas:
            if persona.image:
                source = (root / persona.image).resolve()
                rel = f"assets/personas/{persona.id}{source.suffix.lower()}"
                self.site._write(self.site.out / rel, source.read_bytes())
                self.inputs.append(source.relative_to(root).as_posix())
                found[persona.id] = rel
        return found

    # -- pages ---------------------------------------------------------------------------

    def write(self, lang: str, views: ViewBuilder, common: dict[str, object]) -> None:
        """Write the persona pages of ``lang`` and queue their PDFs."""
        if not self.personas:
            return
        self.site._write(self.site.out / "assets" / "cards.css",
                         static_text(self.site.env, "cards.css"))
        pv = PersonaViews(views, self.site.graph, self.images)
        full = [pv.persona(p) for p in self.personas]
        cards = [pv.card(view) for view in full]
        for view, card in zip(full, cards, strict=True):
            self.site._page(lang, f"personas/{view.id}.html", "persona.html", common,
                            persona=view, card=card)
            page = f"personas/{view.id}-card.html"
            self.site._page(lang, page, "persona_card.html", common, card=card)
            self._queue(lang, page, f"card of persona '{view.id}' ({lang})")
        self.site._page(lang, "personas/cards.html", "persona_cards.html", common, cards=cards)
        self._queue(lang, "personas/cards.html", f"card sheet ({lang})")
        self.site._page(lang, "personas/compare.html", "persona_compare.html", common,
                        groups=pv.comparisons())

    def _queue(self, lang: str, page: str, name: str) -> None:
        path = self.site.out / lang / page
        html = printable(path.read_text(encoding="utf-8"), path)
        digest = hashlib.sha256(f"{__version__}\0{html}".encode())
        for css in CSS:  # the only files WeasyPrint reads besides the HTML
            digest.update(b"\0" + (self.site.out / "assets" / css).read_bytes())
        self.jobs.append(PdfJob(name, html, path, path.with_suffix(".pdf"),
                                f"{digest.hexdigest()[:32]}.pdf"))

    # -- PDFs ----------------------------------------------------------------------------

    def write_pdfs(self) -> int:
        """Render the queued PDFs that are not cached yet, write all of them, drop stale
        cache entries; return how many WeasyPrint rendered."""
        cache = self.site.out / CACHE
        rendered = 0
        for job in self.jobs:
            cached = cache / job.key
            if not cached.is_file():
                self.site.progress(f"making the PDF of the {job.name}")
                try:
                    data = html_to_pdf(job.html, job.page, self.site.out, job.name)
                except PdfError as err:
                    raise _build_error(str(err)) from err
                write_atomic(cached, data)
                rendered += 1
            self.site._write(job.out, cached.read_bytes())
        used = {job.key for job in self.jobs}
        for stale in cache.glob("*") if cache.is_dir() else []:
            if stale.name not in used:
                stale.unlink()
        return rendered


def _build_error(message: str) -> Exception:
    from .site import BuildError  # site imports this module; import its error late

    return BuildError(message)
