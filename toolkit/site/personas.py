"""The persona part of `teekond build`: persona pages, cards (HTML and PDF), the card sheet
and the comparison page, per language.

Output, under ``build/<lang>/personas/``::

    <id>.html                    the full persona page
    <id>-card.html, <id>-card.pdf   one A5 card
    cards.html, cards.pdf        every card of the language, two A5 cards per A4 page
    compare.html                 each target group's personas on one emotion chart

Portraits named by ``image:`` are copied to ``build/assets/personas/<id>.<ext>``. The PDFs
are made by the build's :class:`~toolkit.site.pdfs.PdfQueue`. When ``teekond.yaml`` sets
``site_url:``, each card carries a QR code of its persona page's address (segno: pure
Python, SVG out, the same bytes for the same address).
"""

from __future__ import annotations

import segno
from markupsafe import Markup

from ..graph.index import Index
from ..views.base import ViewContext
from ..views.persona import CardView, PersonaViews
from .pdfs import PdfQueue
from .writer import SiteWriter

CSS = ("teekond.css", "cards.css", "print.css")
"""Stylesheets of the persona pages, in build/assets/; a PDF's cache key includes them."""


class PersonaPages:
    """Writes the persona pages of one site and queues their PDFs."""

    def __init__(self, writer: SiteWriter, pdfs: PdfQueue, index: Index) -> None:
        self.writer, self.pdfs, self.index = writer, pdfs, index
        self.inputs: list[str] = []
        """The portraits read, relative to the workspace: the build stamp watches them."""
        self.images = self._copy_images()

    def _copy_images(self) -> dict[str, str]:
        """Persona id -> path of its portrait in the build, relative to the site root.
        Rule R206 has checked each image: a PNG, JPEG, GIF, SVG or WebP file inside the
        workspace (a build starts only from a workspace without errors)."""
        root = self.index.root.resolve()
        found = {}
        for persona in self.index.personas.values():
            if persona.image:
                source = (root / persona.image).resolve()
                rel = f"assets/personas/{persona.id}{source.suffix.lower()}"
                self.writer.write(self.writer.out / rel, source.read_bytes())
                self.inputs.append(source.relative_to(root).as_posix())
                found[persona.id] = rel
        return found

    def write(self, ctx: ViewContext, common: dict[str, object]) -> None:
        """Write the persona pages of the language of ``ctx`` and queue their PDFs."""
        if not self.index.personas:
            return
        lang, writer = ctx.lang, self.writer
        pv = PersonaViews(ctx, self.images)
        full = [pv.persona(p) for p in self.index.personas.values()]
        cards = [pv.card(view) for view in full]
        codes = {card.persona.id: qr_code(card) for card in cards}
        for view, card in zip(full, cards, strict=True):
            writer.page(lang, f"personas/{view.id}.html", "persona.html", common,
                        persona=view, card=card)
            page = f"personas/{view.id}-card.html"
            writer.page(lang, page, "persona_card.html", common, card=card, qr=codes)
            self.pdfs.add(lang, page, f"card of persona '{view.id}' ({lang})", CSS)
        writer.page(lang, "personas/cards.html", "persona_cards.html", common, cards=cards,
                    qr=codes)
        self.pdfs.add(lang, "personas/cards.html", f"card sheet ({lang})", CSS)
        writer.page(lang, "personas/compare.html", "persona_compare.html", common,
                    groups=pv.comparisons())


def qr_code(card: CardView) -> Markup:
    """The QR code of the card's address as inline SVG (hidden from screen readers: the
    address is written next to it), or nothing when the card has no address."""
    if not card.address:
        return Markup("")
    svg = segno.make(card.address, error="m").svg_inline(
        scale=1, border=2, omitsize=True, svgclass="pc-qr", lineclass=None, dark="#1b1f24",
        light="#ffffff")
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))
