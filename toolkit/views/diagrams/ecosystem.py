"""The service ecosystem map: every provider (grouped by level), its services and the
journeys using them, with pain hotspots, as a :class:`DotGraph`."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from ...analyse.analysis import Analysis
from ...graph.index import Index
from ...i18n import Translator
from ...load.model import Provider, Service
from .common import (
    Labels,
    edge_defaults,
    graph_attrs,
    key,
    level_order,
    node,
    node_defaults,
    thresholds,
)
from .graph import DotGraph, Left, grid, node_id, wrap
from .theme import DEFAULT_THEME, LEVELS, Theme


def ecosystem(index: Index, analysis: Analysis, lang: str,
              theme: Theme = DEFAULT_THEME) -> DotGraph:
    """DOT of every provider (grouped by level), its services and the journeys using them.

    Journeys are in the top row, each with a short code (J1, J2 ...). Below them, one box
    per level (state, kov, ...) holds a grid of provider boxes: the provider on top, its
    services under it, each service listing the codes of the journeys that use it. (Edges
    from journeys to services were tried: with a hundred services they wind around every
    box and hide the map.) A service's pain score is the sum of the severities of the pain
    points touching it, a provider's likewise (the analysis' service and provider rankings);
    both are printed in the label and raise the fill and border width. Services that no
    journey uses have a dashed border.
    """
    eco = _Ecosystem(Labels(index, lang, theme), analysis)
    if theme.legend:
        _eco_legend(eco.dot, theme, eco.tr, eco.hot)
    bottoms = eco.journeys()
    for level in LEVELS:
        bottoms = eco.level(level, bottoms)
    title = eco.tr.gettext("Service ecosystem") + ": " + eco.cat.wrapped(
        index.settings.title if index.settings else "")
    eco.dot.graph_attrs = graph_attrs(theme, theme.ecosystem_rankdir, title)
    return eco.dot


class _Ecosystem:
    """Builds the ecosystem map level by level."""

    def __init__(self, cat: Labels, analysis: Analysis) -> None:
        self.cat, self.theme, self.tr = cat, cat.theme, cat.translator
        self.analysis, self.index = analysis, cat.index
        self.dot = DotGraph("ecosystem", node_attrs=node_defaults(self.theme),
                            edge_attrs=edge_defaults(self.theme))
        self.hot = _Hotspots(self.theme, self.tr,
                             max((r.severity for r in analysis.services), default=1))
        self.hot_providers = _Hotspots(self.theme, self.tr,
                                       max((r.severity for r in analysis.providers), default=1))
        self.by_provider: dict[str, list[Service]] = defaultdict(list)
        for service in sorted(self.index.services.values(), key=lambda s: s.id):
            self.by_provider[service.provider].append(service)
        self.journey_ids = sorted(self.index.journeys)
        code = journey_code(self.tr)
        self.codes = {j: f"{code}{number}"
                      for number, j in enumerate(self.journey_ids, start=1)}
        """Journey id -> short code shown on the services it uses."""

    def journeys(self) -> list[str]:
        ids = []
        for journey_id in self.journey_ids:
            journey = self.index.journeys[journey_id]
            ids.append(node_id(key("journey", journey_id)))
            used = len(self.analysis.journey(journey_id).services)
            label = (f"{self.codes[journey_id]} · {self.cat.wrapped(journey.title)}\n"
                     + self.tr.gettext("services used") + f": {used}")
            self.dot.node(ids[-1], node(self.theme, "journey", label))
        self.dot.same_rank(ids)
        return ids

    def level(self, level: str, above: list[str]) -> list[str]:
        """The box of one provider level under the nodes ``above``; returns its bottom
        nodes (``above`` if the level has no providers)."""
        theme = self.theme
        members = sorted((p for p in self.index.providers.values() if p.level == level),
                         key=level_order)
        if not members:
            return above
        anchor = self._anchor(f"level-{level}", above)
        name = self.tr.word(level)
        with self.dot.cluster(f"cluster_level_{level}", {
                "label": Left(name[:1].upper() + name[1:]), "style": "rounded,filled",
                "fillcolor": theme.cluster_fill, "color": theme.cluster_border,
                "fontname": theme.font_bold, "fontsize": theme.font_size + 3,
                "labeljust": "l"}):
            bottoms: list[str] = []
            for start in range(0, len(members), theme.ecosystem_columns):
                if start:
                    anchor = self._anchor(f"level-{level}-{start}", bottoms)
                    bottoms = []
                for provider in members[start:start + theme.ecosystem_columns]:
                    bottoms.extend(self._provider(provider, anchor))
        return bottoms

    def _anchor(self, name: str, above: list[str]) -> str:
        """An invisible node under all of ``above``: the next row of boxes hangs from it."""
        ident = node_id(key("anchor", name))
        self.dot.node(ident, {"style": "invis", "shape": "point", "width": 0, "label": ""})
        for upper in above:
            self.dot.edge(upper, ident, {"style": "invis"})
        return ident

    def _provider(self, provider: Provider, anchor: str) -> list[str]:
        """A provider's box under ``anchor``; returns the nodes at its bottom."""
        theme, cat = self.theme, self.cat
        pid = node_id(key("provider", provider.id))
        fill = theme.level_fills.get(provider.level, theme.cluster_fill)
        with self.dot.cluster("cluster_" + pid, {"label": "", "style": "rounded,filled",
                                                 "fillcolor": fill,
                                                 "color": theme.cluster_border}):
            score = self.analysis.pain_score("provider", provider.id)
            suffix, extra = self.hot_providers.style(score, fill=False)
            self.dot.node(pid, node(theme, "provider", cat.provider_label(provider) + suffix,
                                     fillcolor=fill, **extra))
            ids = []
            for service in self.by_provider[provider.id]:
                ids.append(node_id(key("service", service.id)))
                suffix, extra = self.hot.style(self.analysis.pain_score("service", service.id))
                users = [self.codes[j] for j in self.journey_ids
                         if j in self.index.journeys_of_service.get(service.id, ())]
                if users:
                    suffix += "\n" + wrap(" ".join(users), theme.wrap_width)
                else:
                    extra["style"] = theme.styles["service"] + ",dashed"
                self.dot.node(ids[-1], node(theme, "service", cat.wrapped(service.name) + suffix,
                                             **extra))
            grid(self.dot, ids, theme.grid_rows, above=pid)
        self.dot.edge(anchor, pid, {"style": "invis"})
        if not ids:
            return [pid]
        columns = math.ceil(len(ids) / theme.grid_rows)
        return ids[len(ids) - (len(ids) % columns or columns):]


@dataclass(frozen=True)
class _Hotspots:
    """How a pain score is drawn on one ecosystem map."""

    theme: Theme
    tr: Translator
    highest: int

    def style(self, score: int, fill: bool = True) -> tuple[str, dict[str, str | float]]:
        """Label suffix and attributes for ``score``; ``fill=False`` keeps the fill."""
        if score <= 0:
            return "", {}
        attrs: dict[str, str | float] = {
            "penwidth": round(1.2 + self.theme.hotspot_penwidth * score / self.highest, 2)}
        if fill:
            band = sum(score >= low for low in thresholds(self.highest)) - 1
            attrs["fillcolor"] = self.theme.hotspot_fills[band]
        return "\n! " + self.tr.gettext("pain score") + f" {score}", attrs


def journey_code(tr: Translator) -> str:
    """The letter before a journey's number on the map (J1, J2 ...)."""
    # TRANSLATORS: the letter before a journey's number on the ecosystem map (J1, J2 ...)
    return tr.pgettext("journey code", "J")


def _eco_legend(dot: DotGraph, theme: Theme, tr: Translator, hot: _Hotspots) -> None:
    def sample(name: str, attrs: dict[str, str | float]) -> str:
        dot.node(f"legend_{name}", {**attrs, "width": 1.5, "fontsize": theme.font_size - 1})
        return f"legend_{name}"

    _ = tr.gettext
    service, pain_score = _("Service"), _("pain score")
    with dot.cluster("cluster_legend", {"label": _("Legend"), "style": "rounded",
                                        "color": theme.cluster_border,
                                        "fontname": theme.font_bold, "labeljust": "l",
                                        "fontsize": theme.font_size + 2}):
        code = journey_code(tr)
        rows = [[sample("journey", node(theme, "journey", f"{code}1 · " + _("Journey"))),
                 sample("box", {"label": wrap(_("Box: a provider's services"), 20),
                                "shape": "box", "style": "rounded,filled",
                                "color": theme.cluster_border,
                                "fillcolor": theme.level_fills["state"]})],
                [sample("provider", node(theme, "provider", _("Provider (level)"),
                                          fillcolor=theme.level_fills["state"])),
                 sample("unused", node(theme, "service", wrap(_("Service no journey uses"), 18),
                                        style=theme.styles["service"] + ",dashed"))],
                [sample("service", node(theme, "service", f"{service}\n{code}1 {code}2")),
                 sample("uses", {"label": wrap(_("J1 J2: the journeys that use the service"),
                                               22), "shape": "plaintext"})]]
        samples = []
        for low in thresholds(hot.highest):
            attrs = hot.style(low)[1]
            samples.append(sample(f"hot{len(samples)}", node(
                theme, "service", f"{service}\n! {pain_score} ≥ {low}",
                **attrs)))
        rows.append(samples)
        hotspot = _("Pain score: the sum of the severities of the pain points touching it; "
                    "colours from a third and two thirds of the highest score on the map")
        rows.append([sample("hotspot", {"label": wrap(hotspot, 40), "shape": "plaintext"})])
        for row in rows:
            dot.same_rank(row)
        for row in rows:
            for left, right in pairwise(row):
                dot.edge(left, right, {"style": "invis"})
        for upper, lower in pairwise(rows):
            dot.edge(upper[0], lower[0], {"style": "invis"})

