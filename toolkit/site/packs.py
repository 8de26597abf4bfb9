"""The partner packs of `teekond build`: per language, one short brief per provider with
something on a journey (:attr:`~toolkit.analyse.analysis.Analysis.packs`), as a page and
its PDF.

Output, under ``build/<lang>/packs/``::

    <provider>.html, <provider>.pdf   the pack of one provider (a few A4 pages)

The PDFs are made by the build's :class:`~toolkit.site.pdfs.PdfQueue`.
"""

from __future__ import annotations

from ..views.base import ViewContext
from ..views.pack import pack_page, pack_view
from .pdfs import PdfQueue
from .writer import SiteWriter

CSS = ("teekond.css", "print.css")
"""Stylesheets of a pack, in build/assets/; its PDF's cache key includes them."""


class PackPages:
    """Writes the partner packs of one site and queues their PDFs."""

    def __init__(self, writer: SiteWriter, pdfs: PdfQueue) -> None:
        self.writer, self.pdfs = writer, pdfs

    def write(self, ctx: ViewContext, common: dict[str, object]) -> None:
        """Write the packs of the language of ``ctx`` and queue their PDFs."""
        for pack in ctx.analysis.packs:
            page = pack_page(pack.provider)
            if self.writer.wants(ctx.lang, page):
                self.writer.page(ctx.lang, page, "pack.html", common,
                                 pack=pack_view(ctx, pack))
                self.pdfs.add(ctx.lang, page, f"partner pack '{pack.provider}' ({ctx.lang})",
                              CSS)
