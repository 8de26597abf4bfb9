"""PDFs of pages of the site (persona cards, reports), made by WeasyPrint after the pages.

Each PDF is cached in the build's cache folder (``pdf/``) by the hash of everything it is
made from (the page as printed and the stylesheets it reads), so a rebuild with unchanged
input runs WeasyPrint not at all.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..output.files import remove_file, write_atomic
from ..output.pdf import html_to_pdf
from ..version import __version__

if TYPE_CHECKING:
    from collections.abc import Callable

    from .writer import SiteWriter

CACHE = "pdf"
"""Sub-folder of the build's cache folder."""

_LINK = re.compile(r"<a\b([^>]*)>|</a>")
_HREF = re.compile(r'\shref="[^"]*"')
_INTERNAL = re.compile(r'\shref="#[^"]*"')
_IMG_SRC = re.compile(r'(<img\b[^>]*\bsrc=")([^"]+)(")')
MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
        ".svg": "image/svg+xml", ".webp": "image/webp"}


def printable(html: str, page: Path) -> str:
    """The page as WeasyPrint gets it: links to other files turned into plain text, images
    inlined; links within the page (``href="#..."``) stay, as links inside the PDF, which
    the report's contents page also reads its page numbers from.

    WeasyPrint writes every other link as an absolute file:// URL and names every image
    after its URL, which would put the build folder's path into the PDF (useless to a
    partner, and the bytes would change with the folder). The printed card names the
    persona page in words instead. Only markup of our templates can match: text from YAML
    is escaped, and links do not nest, so each ``</a>`` closes the link opened last."""
    internal = False

    def relink(match: re.Match[str]) -> str:
        nonlocal internal
        if match[0] == "</a>":
            return "</a>" if internal else "</span>"
        internal = bool(_INTERNAL.search(match[1]))
        return match[0] if internal else f"<span{_HREF.sub('', match[1])}>"

    html = _LINK.sub(relink, html)
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
    tagged: bool


class PdfQueue:
    """The PDFs one build makes: queued as their pages are written, rendered at the end."""

    def __init__(self, writer: SiteWriter, cache: Path, make: bool,
                 progress: Callable[[str], None]) -> None:
        self.writer, self.cache, self.make, self.progress = writer, cache / CACHE, make, progress
        self.queued: list[tuple[str, Path, tuple[str, ...], bool]] = []

    def add(self, lang: str, page: str, name: str, css: tuple[str, ...],
            tagged: bool = False) -> None:
        """Queue the PDF of the page ``lang/page``, which reads the stylesheets ``css`` from
        build/assets/ (``tagged``: a tagged PDF, see :func:`~toolkit.output.pdf.
        html_to_pdf`). The page is read when the PDFs are made, after every page and
        diagram of the build is written (a report embeds the journeys' diagrams)."""
        if self.make:  # `--formats svg`: a quick build without documents
            self.queued.append((name, self.writer.out / lang / page, css, tagged))

    def _job(self, name: str, path: Path, css: tuple[str, ...], tagged: bool) -> PdfJob:
        html = printable(path.read_text(encoding="utf-8"), path)
        digest = hashlib.sha256(f"{__version__}\0{tagged}\0{html}".encode())
        for sheet in css:  # the only files WeasyPrint reads besides the HTML
            digest.update(b"\0" + (self.writer.out / "assets" / sheet).read_bytes())
        return PdfJob(name, html, path, path.with_suffix(".pdf"),
                      f"{digest.hexdigest()[:32]}.pdf", tagged)

    def write(self) -> int:
        """Render the queued PDFs that are not cached yet, write all of them, drop stale
        cache entries; return how many WeasyPrint rendered."""
        rendered = 0
        jobs = [self._job(*queued) for queued in self.queued]
        for job in jobs:
            cached = self.cache / job.key
            if not cached.is_file():
                self.progress(f"making the PDF of the {job.name}")
                write_atomic(cached, html_to_pdf(job.html, job.page, self.writer.out, job.name,
                                                 job.tagged))
                rendered += 1
            self.writer.write(job.out, cached.read_bytes())
        used = {job.key for job in jobs}
        for stale in self.cache.glob("*") if self.cache.is_dir() else []:
            if stale.name not in used:
                remove_file(stale)
        return rendered
