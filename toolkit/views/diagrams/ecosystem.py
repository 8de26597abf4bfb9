"""The service ecosystem map: every provider (grouped by level), its services and the
journeys using them, with pain hotspots, as a :class:`DotGraph`."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

from ...analyse.analysis import Analysis
from ...graph.index import Index
from ...i18n import word
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
from .theme import DEFAULT_THEME, LEVELS, Theme, words


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
        _eco_legend(eco.dot, theme, eco.words, eco.hot)
    bottoms = eco.journeys()
    for level in LEVELS:
        bottoms = eco.level(level, bottoms)
    title = f"{eco.words['ecosystem']}: " + eco.cat.wrapped(
        index.settings.title if index.settings else "")
    eco.dot.graph_attrs = graph_attrs(theme, theme.ecosystem_rankdir, title)
    return eco.dot


class _Ecosystem:
    """Builds the ecosystem map level by level."""

    def __init__(self, cat: Labels, analysis: Analysis) -> None:
        self.cat, self.theme, self.words = cat, cat.theme, words(cat.lang)
        self.analysis, self.index = analysis, cat.index
        self.dot = DotGraph("ecosystem", node_attrs=node_defaults(self.theme),
                            edge_attrs=edge_defaults(self.theme))
        self.hot = _Hotspots(self.theme, self.words,
                             max((r.severity for r in analysis.services), default=1))
        self.hot_providers = _Hotspots(self.theme, self.words,
                                       max((r.severity for r in analysis.providers), default=1))
        self.by_provider: dict[str, list[Service]] = defaultdict(list)
        for service in sorted(self.index.services.values(), key=lambda s: s.id):
            self.by_provider[service.provider].append(service)
        self.journey_ids = sorted(self.index.journeys)
        self.codes = {j: f"{self.words['journey_code']}{number}"
                      for number, j in enumerate(self.journey_ids, start=1)}
        """Journey id -> short code shown on the services it uses."""

    def journeys(self) -> list[str]:
        ids = []
        for journey_id in self.journey_ids:
            journey = self.index.journeys[journey_id]
            ids.append(node_id(key("journey", journey_id)))
            used = len(self.analysis.journey(journey_id).services)
            label = (f"{self.codes[journey_id]} · {self.cat.wrapped(journey.title)}\n"
                     f"{self.words['services_used']}: {used}")
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
        name = word(self.cat.lang, level)
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
    words: Mapping[str, str]
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
        return f"\n! {self.words['pain_score']} {score}", attrs


def _eco_legend(dot: DotGraph, theme: Theme, words: Mapping[str, str], hot: _Hotspots) -> None:
    def sample(name: str, attrs: dict[str, str | float]) -> str:
        dot.node(f"legend_{name}", {**attrs, "width": 1.5, "fontsize": theme.font_size - 1})
        return f"legend_{name}"

    with dot.cluster("cluster_legend", {"label": words["legend"], "style": "rounded",
                                        "color": theme.cluster_border,
                                        "fontname": theme.font_bold, "labeljust": "l",
                                        "fontsize": theme.font_size + 2}):
        code = words["journey_code"]
        rows = [[sample("journey", node(theme, "journey", f"{code}1 · {words['journey']}")),
                 sample("box", {"label": wrap(words["provider_box"], 20), "shape": "box",
                                "style": "rounded,filled", "color": theme.cluster_border,
                                "fillcolor": theme.level_fills["state"]})],
                [sample("provider", node(theme, "provider", words["provider"],
                                          fillcolor=theme.level_fills["state"])),
                 sample("unused", node(theme, "service", wrap(words["unused"], 18),
                                        style=theme.styles["service"] + ",dashed"))],
                [sample("service", node(theme, "service",
                                         f"{words['service']}\n{code}1 {code}2")),
                 sample("uses", {"label": wrap(words["used_by"], 22), "shape": "plaintext"})]]
        samples = []
        for low in thresholds(hot.highest):
            _, attrs = hot.style(low)
            samples.append(sample(f"hot{len(samples)}", node(
                theme, "service", f"{words['service']}\n! {words['pain_score']} ≥ {low}",
                **attrs)))
        rows.append(samples)
        rows.append([sample("hotspot", {"label": wrap(words["hotspot"], 40),
                                        "shape": "plaintext"})])
        for row in rows:
            dot.same_rank(row)
        for row in rows:
            for left, right in pairwise(row):
                dot.edge(left, right, {"style": "invis"})
        for upper, lower in pairwise(rows):
            dot.edge(upper[0], lower[0], {"style": "invis"})

