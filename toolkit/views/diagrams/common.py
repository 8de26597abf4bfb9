"""Pieces both diagrams use: labels in one language, node attributes by kind, defaults."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ... import i18n
from ...graph.index import Index
from ...load.model import Provider, Text
from .graph import Left, wrap
from .theme import LEVELS, Theme


def key(kind: str, ident: str) -> str:
    """The key a node id is hashed from: ``<kind>:<id>`` (see :func:`graph.node_id`)."""
    return f"{kind}:{ident}"


def node_defaults(theme: Theme) -> dict[str, str | float]:
    return {"fontname": theme.font, "fontsize": theme.font_size,
            "fontcolor": theme.text_colour, **theme.node_attrs}


def edge_defaults(theme: Theme) -> dict[str, str | float]:
    return {"fontname": theme.font, "fontsize": theme.font_size - 1,
            "fontcolor": theme.text_colour, **theme.edge_attrs}


def graph_attrs(theme: Theme, rankdir: str, title: str) -> dict[str, str | float]:
    return {"rankdir": rankdir, "fontname": theme.font_bold,
            "fontsize": theme.title_font_size, "fontcolor": theme.text_colour,
            **theme.graph_attrs, "label": Left(title)}


@dataclass(frozen=True)
class Labels:
    """Text of the index in one language, wrapped for diagram labels."""

    index: Index
    lang: str
    theme: Theme

    @property
    def translator(self) -> i18n.Translator:
        """The diagram's fixed words, in ``lang`` (English where it has none)."""
        return i18n.translator(self.lang)

    def text(self, text: Text | None) -> str:
        return text.get_lang(self.lang, self.index.default_language) if text else ""

    def wrapped(self, text: Text | str | None) -> str:
        plain = text if isinstance(text, str) else self.text(text)
        return wrap(plain, self.theme.wrap_width, self.theme.max_label_chars)

    def provider_label(self, provider: Provider) -> str:
        name = self.text(provider.name)
        if provider.short:
            name += f" ({provider.short})"
        return f"{self.wrapped(name)}\n[{self.translator.word(provider.level)}]"


def node(theme: Theme, kind: str, label: str, **extra: str | float) -> dict[str, str | float]:
    attrs: dict[str, str | float] = {"label": label, "shape": theme.shapes[kind],
                                     "style": theme.styles[kind]}
    if kind in theme.fills:
        attrs["fillcolor"] = theme.fills[kind]
    if kind in theme.borders:
        attrs["color"] = theme.borders[kind]
    if kind in ("step", "provider", "journey"):
        attrs["fontname"] = theme.font_bold
    attrs.update(extra)
    return attrs


def severity_word(translator: i18n.Translator, severity: int) -> str:
    """A pain point's severity (1-3) in words."""
    _ = translator.gettext
    return {1: _("minor"), 2: _("serious"), 3: _("blocks the journey")}[severity]


def pain_attrs(theme: Theme, severity: int, translator: i18n.Translator, title: str) -> dict[
        str, str | float]:
    label = f"{'!' * severity} {severity_word(translator, severity)} ({severity}/3)\n{title}"
    return node(theme, "pain", label, fillcolor=theme.severity_fills[severity],
                color=theme.severity_borders[severity], penwidth=1.0 + 0.5 * severity,
                peripheries=2 if severity == 3 else 1)


def practice_label(translator: i18n.Translator, title: str = "") -> str:
    label = "✓ " + translator.gettext("Good practice")
    return label + (f"\n{title}" if title else "")


def signed(value: int) -> str:
    """An emotion score with a real minus sign: +1, 0, −2."""
    return f"+{value}" if value > 0 else ("−" + str(-value) if value < 0 else "0")


def thresholds(highest: int) -> tuple[int, int, int]:
    """Lowest pain scores of the three hotspot bands, for a map whose highest score is
    ``highest``: 1, a third and two thirds of it (always increasing)."""
    middle = max(2, math.ceil(highest / 3))
    return 1, middle, max(middle + 1, math.ceil(2 * highest / 3))


def level_order(provider: Provider) -> tuple[int, str]:
    return (LEVELS.index(provider.level) if provider.level in LEVELS else len(LEVELS),
            provider.id)
