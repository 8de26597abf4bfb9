"""What every view reads: the index, the analysis and the page's language.

A view selects from the validated model and the analysis and puts it into the language of
the page; it never counts, ranks or averages (the analysis did) and never holds data of its
own. Templates only lay the view objects out.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import i18n
from ..analyse.analysis import Analysis
from ..graph.index import Index
from ..load.model import Evidence, Text


@dataclass(frozen=True)
class Named:
    id: str
    name: str
    extra: str = ""


@dataclass(frozen=True)
class Figure:
    """A number a page shows, with the key that names it for machines (the templates write
    ``<data value=... data-figure=key>``, e.g. ``journey:newcomer:stages``)."""

    key: str
    value: int | float | None
    noun: str = ""
    """The words after the number ("stages"), if any."""
    text: str = ""
    """How the number is written, when not plainly (a signed mean, "–" for none)."""

    @property
    def shown(self) -> str:
        return self.text or ("" if self.value is None else str(self.value))


@dataclass(frozen=True)
class EvidenceView:
    source: str
    section: str
    status: str
    """observed or assumed"""
    status_label: str


class ViewContext:
    """The index and analysis of one workspace, seen in one language."""

    def __init__(self, index: Index, analysis: Analysis, lang: str) -> None:
        self.index, self.analysis, self.lang = index, analysis, lang
        self.ui = i18n.ui(lang)

    def text(self, value: Text | None) -> str:
        return value.get_lang(self.lang, self.index.default_language) if value else ""

    def name_of(self, ident: str) -> str:
        """Display name of a provider, stakeholder group or persona id."""
        found = self.index.name(ident)
        return self.text(found) if found else ident

    def word(self, value: str) -> str:
        """A vocabulary value (target group, channel, status ...) in the page's language."""
        return i18n.word(self.lang, value)

    def plural(self, forms: str, n: int) -> str:
        """The singular or the plural of ``forms`` ("stage|stages") for ``n``."""
        singular, plural = forms.split("|")
        return singular if n == 1 else plural

    def count(self, key: str, n: int, forms: str) -> Figure:
        """``n`` with its noun: a figure named ``key``."""
        return Figure(key, n, self.plural(forms, n))

    def evidence(self, items: list[Evidence] | None) -> list[EvidenceView]:
        sources = self.index.sources
        return [EvidenceView(self.text(sources[e.source].title) if e.source in sources
                             else e.source, e.section or "", e.status, self.ui[e.status])
                for e in items or []]


def signed(value: float) -> str:
    """A score or mean as written next to it: +1, 0, -2, or -0.5 for a mean."""
    if value == int(value):
        return f"{int(value):+d}" if value else "0"
    return f"{value:+.1f}"


@dataclass(frozen=True)
class SiteInfo:
    """What every page shows about the site."""

    title: str
    organisation: str
    languages: list[str]
    pdf: bool
    """True when the build makes the PDFs of cards and reports (``--formats`` has pdf)."""


def page_context(ctx: ViewContext, languages: list[str], pdf: bool) -> dict[str, object]:
    """What every page of the language of ``ctx`` is rendered with."""
    settings = ctx.index.settings
    site = SiteInfo(ctx.text(settings.title) if settings else ctx.ui["site_title"],
                    ctx.text(settings.organisation) if settings else "", list(languages), pdf)
    return {"lang": ctx.lang, "ui": ctx.ui, "site": site}
