"""HTML → PDF with WeasyPrint, fetching nothing outside the build folder.

WeasyPrint rather than headless Chromium: it is a pip dependency (its pango libraries come
with Graphviz on Debian), needs no browser at build time, is fast (about 0.2 s a document)
and gives byte-identical PDFs for identical input. Any URL in the HTML that is not a file
inside ``allowed_root`` is refused, so a build never touches the network.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..errors import OutputError


class PdfError(OutputError):
    """A page could not be turned into PDF; the message names the page."""


def _fetcher(allowed_root: Path):  # type: ignore[no-untyped-def]
    from weasyprint.urls import URLFetcher

    root = allowed_root.resolve()

    class BuildFolderFetcher(URLFetcher):
        """Serves ``data:`` URLs and files inside ``root``; refuses everything else."""

        def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if not path.is_relative_to(root):
                    raise ValueError(f"refused {url!r}: outside {root}")
            elif parsed.scheme != "data":
                raise ValueError(f"refused {url!r}: a build fetches nothing from the network")
            return super().fetch(url, headers)

    return BuildFolderFetcher(allowed_protocols=("file", "data"))


TAGGED = "pdf/ua-1"
"""The PDF variant of a tagged document: PDF/UA-1 (WeasyPrint tags headings, lists, tables,
figures and links, and writes the title and language a screen reader announces)."""


def html_to_pdf(html: str, base: Path, allowed_root: Path, name: str,
                tagged: bool = False) -> bytes:
    """Render ``html`` (whose relative links resolve against the file ``base``) to PDF,
    ``tagged`` for accessibility as :data:`TAGGED`.

    ``name`` says which page this is, for the error message."""
    try:
        import weasyprint
    except ImportError as err:  # pragma: no cover - weasyprint is a dependency
        raise PdfError(f"{name}: WeasyPrint is not installed ({err})") from err
    # WeasyPrint logs unsupported CSS and refused fetches as warnings; they are not the
    # user's problem, so keep them off the terminal.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        document = weasyprint.HTML(string=html, base_url=base.resolve().as_uri(),
                                   url_fetcher=_fetcher(allowed_root))
        return document.write_pdf(**({"pdf_variant": TAGGED} if tagged else {}))
    except PdfError:
        raise
    except Exception as err:  # WeasyPrint raises many kinds; the build reports them all
        raise PdfError(f"{name}: could not make a PDF ({type(err).__name__}: {err})") from err
