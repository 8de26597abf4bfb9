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
    """The index and analysis of one workspace, seen in one language.

    Interface strings come from :attr:`translator` (``ctx.gettext("Journeys")``); texts
    from the YAML from :meth:`text`, which says which language each one is really in."""

    def __init__(self, index: Index, analysis: Analysis, lang: str) -> None:
        self.index, self.analysis, self.lang = index, analysis, lang
        self.translator = i18n.translator(lang)
        self.gettext = self.translator.gettext
        self.ngettext = self.translator.ngettext
        self.pgettext = self.translator.pgettext

    def text(self, value: Text | None) -> str:
        """``value`` in the page's language, else in the workspace's default language (else
        in any it has), as a :class:`~toolkit.i18n.Localised` that knows which."""
        if not value:
            return ""
        default = self.index.default_language
        return i18n.Localised(value.get_lang(self.lang, default),
                              value.lang_of(self.lang, default))

    def name_of(self, ident: str) -> str:
        """Display name of a provider, stakeholder group or persona id (a persona's name is
        plain text: a name, in no language)."""
        if ident in self.index.personas:
            return self.index.personas[ident].name
        found = self.index.name(ident)
        return self.text(found) if found else ident

    def word(self, value: str) -> str:
        """A vocabulary value (target group, channel, status ...) in the page's language."""
        return self.translator.word(value)

    def count(self, key: str, n: int, singular: str, plural: str) -> Figure:
        """``n`` with its noun in the plural form the page's language wants for ``n``
        (English ``singular`` and ``plural``, translated by ``ngettext``): a figure named
        ``key``."""
        return Figure(key, n, self.ngettext(singular, plural, n))

    def evidence(self, items: list[Evidence] | None) -> list[EvidenceView]:
        sources = self.index.sources
        status = {("observed", "claim"): self.gettext("observed"),
                  ("observed", "context"): self.gettext("observed: background only"),
                  ("assumed", "claim"): self.gettext("assumed"),
                  ("assumed", "context"): self.gettext("assumed")}
        return [EvidenceView(self.text(sources[e.source].title) if e.source in sources
                             else e.source, e.section or "", e.status,
                             status[e.status, e.supports])
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
    interface: dict[str, str]
    """Language of each version's interface strings (``ru`` -> ``en`` until Russian is
    translated): how the language links are marked."""
    pdf: bool
    """True when the build makes the PDFs of cards and reports (``--formats`` has pdf)."""


def page_context(ctx: ViewContext, languages: list[str], pdf: bool) -> dict[str, object]:
    """What every page of the language of ``ctx`` is rendered with."""
    settings = ctx.index.settings
    title = ctx.text(settings.title) if settings else ctx.gettext("Integration journeys")
    site = SiteInfo(title, ctx.text(settings.organisation) if settings else "", list(languages),
                    {lang: i18n.interface_language(lang) for lang in languages}, pdf)
    return {"lang": ctx.lang, "translator": ctx.translator, "site": site}
