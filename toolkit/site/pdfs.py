"""PDFs of pages of the site (journey maps, persona cards, reports), made by WeasyPrint
after the pages.

Each PDF is cached in the build's cache folder (``pdf/``) by the hash of everything it is
made from (the page as printed and the stylesheets it reads), so a rebuild with unchanged
input runs WeasyPrint not at all.

The PDFs that are not cached are made in ``jobs`` worker processes (the build's
``--jobs``): WeasyPrint is pure Python, so threads would take turns on one core. Each PDF
depends only on its own input, and WeasyPrint writes no date or random id into it, so the
bytes are the same whatever the number of workers and whichever finishes first.
"""

from __future__ import annotations

import base64
import hashlib
import multiprocessing
import os
import re
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..output.files import remove_file, write_atomic
from ..output.pdf import html_to_pdf
from ..version import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

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
                 progress: Callable[[str], None], jobs: int = 1) -> None:
        self.writer, self.cache, self.make, self.progress = writer, cache / CACHE, make, progress
        self.jobs = max(1, jobs)
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
        jobs = [self._job(*queued) for queued in self.queued]
        missing = {job.key: job for job in jobs if not (self.cache / job.key).is_file()}
        for job, data in render_pdfs(list(missing.values()), self.writer.out, self.jobs,
                                     self.progress):
            write_atomic(self.cache / job.key, data)
        for job in jobs:
            self.writer.write(job.out, (self.cache / job.key).read_bytes())
        used = {job.key for job in jobs}
        for stale in self.cache.glob("*") if self.cache.is_dir() else []:
            if stale.name not in used:
                remove_file(stale)
        return len(missing)


def _render(job: PdfJob, root: Path) -> bytes:
    return html_to_pdf(job.html, job.page, root, job.name, job.tagged)


def render_pdfs(jobs: list[PdfJob], root: Path, workers: int,
                progress: Callable[[str], None]) -> Iterator[tuple[PdfJob, bytes]]:
    """Each of ``jobs`` with its PDF, in the order given, made in up to ``workers``
    processes (fetching nothing outside ``root``); the first failure is raised as its
    :class:`~toolkit.output.pdf.PdfError`, and stops the others."""
    if workers == 1 or len(jobs) < 2:
        for job in jobs:
            progress(f"making the PDF of the {job.name}")
            yield job, _render(job, root)
        return
    import weasyprint  # noqa: F401 - imported once here, inherited by the forked workers

    done = 0

    def made(_: bytes) -> None:
        nonlocal done
        done += 1
        progress(f"[{done}/{len(jobs)}] PDFs made")

    pool = _context().Pool(min(workers, len(jobs)), _worker_start, (os.getpid(),))
    try:
        # the longest first, so that no worker starts a long one at the end alone
        order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i].html))
        pending = {i: pool.apply_async(_render, (jobs[i], root), callback=made) for i in order}
        for i, job in enumerate(jobs):
            yield job, pending[i].get()
        pool.close()
    finally:
        pool.terminate()  # at once: on a failure or Ctrl-C no PDF is worth waiting for
        pool.join()


def _context() -> multiprocessing.context.BaseContext:
    """Fork where there is fork: the workers start at once with WeasyPrint loaded (the
    build's dot threads have all finished by now, so no lock is copied while held)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _worker_start(build: int) -> None:
    """In each PDF worker: leave Ctrl-C to the build, which stops the workers, and on
    Linux die with the build, so that a killed build leaves no worker running on (holding
    the output folder's lock, which it inherited)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != build:  # the build was gone before prctl
            os._exit(1)


_PR_SET_PDEATHSIG = 1
