"""Graphviz views of the model: DOT source as plain text (the Graphviz half of *render*).

Two views, both pure functions from the validated workspace and its graph to a ``str`` of
DOT (erdantic's ``to_dot()``): :func:`journey_flow_dot` and :func:`ecosystem_dot`. Running
``dot`` on the text is :mod:`toolkit.dot_runner`'s job, so everything here is testable
without Graphviz and the same input always gives the same bytes (model order, sorted
catalogue, ids hashed from model keys, no timestamps).

Safety: every text that comes from YAML reaches the DOT source through :func:`dot_string`
and nowhere else; node and cluster ids are generated (:func:`node_id`), never YAML text;
no HTML-like labels and no ``record`` shapes are used, so ``<``, ``{`` and ``|`` in text are
just characters.

Layout of the journey flow (top to bottom): the journey's steps in one row, grouped into
stage boxes left to right. Each step has its own box: its pain points and good practices
above it, the touchpoints it uses (with channel) below it. Under all steps, one box per
provider holds the provider's services used by the journey, the provider itself at the
bottom. Edges: ``next`` between steps, touchpoint -> service. Long lists are laid out in
grids (:attr:`Theme.grid_rows` per column) so that a journey with 150 touchpoints stays
readable.
"""

from __future__ import annotations

import hashlib
import math
import textwrap
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import MappingProxyType

from .graph import JourneyGraph, node_key
from .i18n import word
from .model import Journey, Provider, Service, Stage, Step, Text, Touchpoint
from .workspace import Workspace

__all__ = [
    "DEFAULT_THEME",
    "Theme",
    "dot_string",
    "ecosystem_dot",
    "journey_flow_dot",
    "node_id",
    "wrap",
]

# --- theme: documented defaults ---------------------------------------------------------

FONT = "DejaVu Sans"
"""Font of every label. DejaVu is installed with Graphviz on Debian, covers Estonian,
Cyrillic and the few symbols used (✓, −); browsers showing the SVG fall back to sans-serif."""
FONT_BOLD = "DejaVu Sans Bold"
"""Font of stage titles, steps and providers."""
FONT_SIZE = 11.0
"""Label size in points; titles of the diagram are larger (:data:`TITLE_FONT_SIZE`)."""
TITLE_FONT_SIZE = 18.0
TEXT_COLOUR = "#212529"
"""Text on every fill below has a contrast of at least 7:1 (WCAG AAA) with this colour."""
LINE_COLOUR = "#495057"
"""Borders and edges: 8.2:1 on white, so lines stay visible (WCAG 1.4.11 asks 3:1)."""
WRAP_WIDTH = 24
"""Characters per label line before wrapping."""
MAX_LABEL_CHARS = 160
"""Longer texts are cut with an ellipsis: the diagram names things, the HTML map explains."""
GRID_ROWS = 8
"""Touchpoints of a step, pain points of a step and services of a provider are stacked in
columns of at most this many rows, so a long list grows sideways in columns, not into a
single very wide row."""

SHAPES: Mapping[str, str] = MappingProxyType({
    "step": "box", "touchpoint": "box", "service": "box", "provider": "box3d",
    "pain": "octagon", "practice": "note", "journey": "cds",
})
"""Node shape per kind: pain points and good practices differ by shape, not colour alone."""
STYLES: Mapping[str, str] = MappingProxyType({
    "step": "rounded,filled,bold", "touchpoint": "filled", "service": "rounded,filled",
    "provider": "filled", "pain": "filled", "practice": "filled", "journey": "filled",
})
FILLS: Mapping[str, str] = MappingProxyType({
    "step": "#D0EBFF", "touchpoint": "#FFFFFF", "service": "#F1F3F5", "provider": "#E9ECEF",
    "practice": "#D3F9D8", "journey": "#D0EBFF",
})
"""Fill per node kind (pain points: :data:`SEVERITY_FILLS`; providers: :data:`LEVEL_FILLS`)."""
BORDERS: Mapping[str, str] = MappingProxyType({
    "step": "#1864AB", "touchpoint": LINE_COLOUR, "service": LINE_COLOUR,
    "provider": LINE_COLOUR, "practice": "#2B8A3E", "journey": "#1864AB",
})
SEVERITY_FILLS: Mapping[int, str] = MappingProxyType({1: "#FFF3BF", 2: "#FFC078", 3: "#FF8787"})
"""Pain point fill by severity: yellow, orange, red; the label says the severity in words
and with 1-3 exclamation marks, and severity 3 has a double border."""
SEVERITY_BORDERS: Mapping[int, str] = MappingProxyType({1: "#8F6B00", 2: "#A23B0A", 3: "#A61E1E"})
LEVELS: tuple[str, ...] = ("state", "kov", "ngo", "international", "private")
"""Provider levels in the order their groups are drawn."""
LEVEL_FILLS: Mapping[str, str] = MappingProxyType({
    "state": "#DBE4FF", "kov": "#C3FAE8", "ngo": "#F3D9FA", "international": "#E3FAFC",
    "private": "#F1F3F5",
})
"""Provider fill by level (the level is also written in the provider's label)."""
HOTSPOT_BANDS: tuple[tuple[int, str], ...] = ((6, "#FF8787"), (3, "#FFC078"), (1, "#FFF3BF"))
"""Ecosystem map: (lowest pain score, fill); a score of 0 keeps the normal fill. The score is
also printed in the label and widens the border (:attr:`Theme.hotspot_penwidth`)."""
CLUSTER_FILL = "#F8F9FA"
CLUSTER_BORDER = "#868E96"
STEP_BOX_BORDER = "#CED4DA"
NEXT_EDGE_COLOUR = "#1864AB"
GRAPH_ATTRS: Mapping[str, str] = MappingProxyType({
    "newrank": "true", "nodesep": "0.25", "ranksep": "0.35", "pad": "0.3",
    "outputorder": "edgesfirst", "labelloc": "t", "labeljust": "l", "compound": "true",
})
"""Graph attributes of both views. ``newrank`` lets one row (rank) span several clusters."""
NODE_ATTRS: Mapping[str, str] = MappingProxyType({
    "margin": "0.1,0.05", "penwidth": "1.2", "width": "1.9",
})
EDGE_ATTRS: Mapping[str, str] = MappingProxyType({
    "color": LINE_COLOUR, "arrowsize": "0.7", "penwidth": "1.0",
})


@dataclass(frozen=True)
class Theme:
    """Every Graphviz style the views use; override with ``dataclasses.replace``.

    >>> dataclasses.replace(DEFAULT_THEME, font="Liberation Sans", grid_rows=5)
    """

    font: str = FONT
    font_bold: str = FONT_BOLD
    font_size: float = FONT_SIZE
    title_font_size: float = TITLE_FONT_SIZE
    text_colour: str = TEXT_COLOUR
    wrap_width: int = WRAP_WIDTH
    max_label_chars: int = MAX_LABEL_CHARS
    grid_rows: int = GRID_ROWS
    flow_rankdir: str = "TB"
    """The flow's steps run left to right; its layers (pains, step, touchpoints, services,
    providers) top to bottom. Only TB is laid out with care."""
    ecosystem_rankdir: str = "LR"
    """Ecosystem: journeys on the left, then services, then providers."""
    shapes: Mapping[str, str] = field(default_factory=lambda: SHAPES)
    styles: Mapping[str, str] = field(default_factory=lambda: STYLES)
    fills: Mapping[str, str] = field(default_factory=lambda: FILLS)
    borders: Mapping[str, str] = field(default_factory=lambda: BORDERS)
    severity_fills: Mapping[int, str] = field(default_factory=lambda: SEVERITY_FILLS)
    severity_borders: Mapping[int, str] = field(default_factory=lambda: SEVERITY_BORDERS)
    level_fills: Mapping[str, str] = field(default_factory=lambda: LEVEL_FILLS)
    hotspot_bands: tuple[tuple[int, str], ...] = HOTSPOT_BANDS
    hotspot_penwidth: float = 0.5
    """Extra border width per point of pain score (capped at 10 points)."""
    cluster_fill: str = CLUSTER_FILL
    cluster_border: str = CLUSTER_BORDER
    step_box_border: str = STEP_BOX_BORDER
    next_edge_colour: str = NEXT_EDGE_COLOUR
    graph_attrs: Mapping[str, str] = field(default_factory=lambda: GRAPH_ATTRS)
    node_attrs: Mapping[str, str] = field(default_factory=lambda: NODE_ATTRS)
    edge_attrs: Mapping[str, str] = field(default_factory=lambda: EDGE_ATTRS)
    legend: bool = True
    """Draw the legend box."""


DEFAULT_THEME = Theme()

# --- words of the diagrams ----------------------------------------------------------------

WORDS: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "et": MappingProxyType({
        "legend": "Tingmärgid", "step": "Samm", "touchpoint": "Kokkupuutepunkt [kanal]",
        "service": "Teenus", "provider": "Teenuseosutaja (tase)", "pain": "Kitsaskoht",
        "practice": "Hea näide", "next": "järgmine samm", "uses": "kasutab teenust",
        "sev1": "väike", "sev2": "tõsine", "sev3": "takistab teekonda",
        "severity": "raskusaste", "emotion": "emotsioon", "personas": "Persoonad",
        "cross_cutting": "läbiv etapp", "pain_score": "kitsaskohti",
        "journey": "Teekond", "hotspot": "Kitsaskohtade raskusastmete summa",
        "step_box": "Sammu kast: kitsaskohad üleval, kokkupuutepunktid all",
        "provider_box": "Teenuseosutaja kast: tema teenused",
        "ecosystem": "Teenuste ökosüsteem",
    }),
    "en": MappingProxyType({
        "legend": "Legend", "step": "Step", "touchpoint": "Touchpoint [channel]",
        "service": "Service", "provider": "Provider (level)", "pain": "Pain point",
        "practice": "Good practice", "next": "next step", "uses": "uses service",
        "sev1": "minor", "sev2": "serious", "sev3": "blocks the journey",
        "severity": "severity", "emotion": "emotion", "personas": "Personas",
        "cross_cutting": "cross-cutting stage", "pain_score": "pain score",
        "journey": "Journey", "hotspot": "Sum of the severities of its pain points",
        "step_box": "Step box: pain points above, touchpoints below",
        "provider_box": "Provider box: its services",
        "ecosystem": "Service ecosystem",
    }),
})
"""Fixed texts of the diagrams; languages without an entry use English."""


def _words(lang: str) -> Mapping[str, str]:
    return WORDS.get(lang, WORDS["en"])


# --- escaping: the one way YAML text enters DOT -------------------------------------------

def _unsafe(ch: str) -> bool:
    """Characters dropped from labels: controls (NUL and friends break dot and XML),
    lone surrogates (not encodable) and non-characters (not allowed in XML)."""
    category = unicodedata.category(ch)
    return (category in ("Cc", "Cs") and ch != "\n") or (ord(ch) & 0xFFFE) == 0xFFFE or (
        0xFDD0 <= ord(ch) <= 0xFDEF)


_LINE_BREAKS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n",
                              "\t": " ", "\x0b": "\n", "\x0c": "\n"})


def dot_string(text: str, *, left: bool = False) -> str:
    """``text`` as a quoted DOT string, safe for any input, that Graphviz shows verbatim.

    Line breaks in ``text`` become DOT line breaks: centred (``\\n``), or with ``left``
    left-justified (``\\l``, which also ends the last line); control characters,
    surrogates and non-characters are dropped; backslashes and quotes are escaped (so
    ``\\N``, ``\\l``, ``\\G`` and a trailing backslash stay literal); ``&`` becomes
    ``&amp;`` because Graphviz decodes HTML entities in labels. The result is always a
    quoted string, never an HTML-like ``<...>`` label, so ``<b>``, braces and DOT syntax
    are plain text.
    """
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    text = "".join(ch for ch in text if not _unsafe(ch))
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    if left:
        return '"' + text.replace("\n", "\\l") + '\\l"'
    return '"' + text.replace("\n", "\\n") + '"'


def wrap(text: str, width: int = WRAP_WIDTH, limit: int = MAX_LABEL_CHARS) -> str:
    """``text`` cut to ``limit`` characters and wrapped at ``width`` (lines joined by
    ``\\n``; :func:`dot_string` turns them into DOT line breaks)."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False)) or " "


def node_id(key: str) -> str:
    """A DOT id for a graph key such as ``step:newcomer/apply-permit``: the kind plus a
    hash, so ids are stable when other nodes are added and never contain YAML text."""
    kind = key.split(":", 1)[0]
    kind = kind if kind.isidentifier() and kind.isascii() else "x"
    return f"{kind}_{hashlib.sha256(key.encode()).hexdigest()[:12]}"


# --- a small DOT writer -------------------------------------------------------------------

Attrs = Mapping[str, str | float | int]


class _Left(str):
    """A label whose lines are left-justified."""


def _attr_list(attrs: Attrs) -> str:
    parts = []
    for name, value in attrs.items():
        text = f"{value:g}" if isinstance(value, float) else str(value)
        parts.append(f"{name}={dot_string(text, left=isinstance(value, _Left))}")
    return ", ".join(parts)


@dataclass
class _Dot:
    """Collects DOT statements with indentation; ids are checked to be unique."""

    lines: list[str] = field(default_factory=list)
    depth: int = 1
    ids: set[str] = field(default_factory=set)

    def line(self, text: str) -> None:
        self.lines.append("    " * self.depth + text)

    def defaults(self, kind: str, attrs: Attrs) -> None:
        if attrs:
            self.line(f"{kind} [{_attr_list(attrs)}];")

    def node(self, ident: str, attrs: Attrs) -> None:
        if ident in self.ids:
            raise ValueError(f"duplicate DOT node id {ident}")
        self.ids.add(ident)
        self.line(f"{ident} [{_attr_list(attrs)}];")

    def edge(self, tail: str, head: str, attrs: Attrs | None = None) -> None:
        self.line(f"{tail} -> {head}" + (f" [{_attr_list(attrs)}]" if attrs else "") + ";")

    def same_rank(self, idents: Sequence[str]) -> None:
        if len(idents) > 1:
            self.line("{rank=same; " + "; ".join(idents) + ";}")

    @contextmanager
    def cluster(self, ident: str, attrs: Attrs) -> Iterator[None]:
        self.line(f"subgraph {ident} {{")
        self.depth += 1
        self.defaults("graph", attrs)
        yield
        self.depth -= 1
        self.line("}")

    def text(self, name: str, theme: Theme, graph: Attrs, body: _Dot) -> str:
        head = [f"digraph {name} {{"]
        head += ["    " + f"{kind} [{_attr_list(attrs)}];" for kind, attrs in (
            ("graph", graph), ("node", _node_defaults(theme)), ("edge", _edge_defaults(theme)))]
        return "\n".join([*head, *body.lines, "}"]) + "\n"


def _node_defaults(theme: Theme) -> dict[str, str | float]:
    return {"fontname": theme.font, "fontsize": theme.font_size,
            "fontcolor": theme.text_colour, **theme.node_attrs}


def _edge_defaults(theme: Theme) -> dict[str, str | float]:
    return {"fontname": theme.font, "fontsize": theme.font_size - 1,
            "fontcolor": theme.text_colour, **theme.edge_attrs}


def _graph_attrs(theme: Theme, rankdir: str, title: str) -> dict[str, str | float]:
    return {"rankdir": rankdir, "fontname": theme.font_bold,
            "fontsize": theme.title_font_size, "fontcolor": theme.text_colour,
            **theme.graph_attrs, "label": _Left(title)}


def _grid(dot: _Dot, items: Sequence[str], rows: int, *, above: str | None = None,
          below: str | None = None) -> None:
    """Lay ``items`` out in columns of at most ``rows``, row by row in reading order, under
    ``above`` and/or over ``below`` (invisible edges; nothing is drawn)."""
    if not items:
        return
    columns = math.ceil(len(items) / rows)
    grid = [items[i:i + columns] for i in range(0, len(items), columns)]
    for row in grid:
        dot.same_rank(row)
        for left, right in zip(row, row[1:], strict=False):
            dot.edge(left, right, {"style": "invis"})
    for upper, lower in zip(grid, grid[1:], strict=False):
        for index, item in enumerate(lower):
            dot.edge(upper[min(index, len(upper) - 1)], item, {"style": "invis"})
    if above:
        for item in grid[0]:
            dot.edge(above, item, {"style": "invis"})
    if below:
        for item in grid[-1]:
            dot.edge(item, below, {"style": "invis"})


# --- shared pieces --------------------------------------------------------------------------

@dataclass(frozen=True)
class _Catalogue:
    """The workspace's catalogue by id, and text lookup in one language."""

    ws: Workspace
    lang: str
    theme: Theme

    @property
    def providers(self) -> dict[str, Provider]:
        return {p.id: p for p in self.ws.providers()}

    @property
    def services(self) -> dict[str, Service]:
        return {s.id: s for s in self.ws.services()}

    @property
    def touchpoints(self) -> dict[str, Touchpoint]:
        return {t.id: t for t in self.ws.touchpoints()}

    def text(self, text: Text | None) -> str:
        return text.get_lang(self.lang, self.ws.default_language) if text else ""

    def wrapped(self, text: Text | str | None) -> str:
        plain = text if isinstance(text, str) else self.text(text)
        return wrap(plain, self.theme.wrap_width, self.theme.max_label_chars)

    def provider_label(self, provider: Provider) -> str:
        name = self.text(provider.name)
        if provider.short:
            name += f" ({provider.short})"
        return f"{self.wrapped(name)}\n[{word(self.lang, provider.level)}]"


def _node(theme: Theme, kind: str, label: str, **extra: str | float) -> dict[str, str | float]:
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


def _pain_attrs(theme: Theme, severity: int, words: Mapping[str, str], title: str) -> dict[
        str, str | float]:
    label = f"{'!' * severity} {words[f'sev{severity}']} ({severity}/3)\n{title}"
    return _node(theme, "pain", label, fillcolor=theme.severity_fills[severity],
                 color=theme.severity_borders[severity], penwidth=1.0 + 0.5 * severity,
                 peripheries=2 if severity == 3 else 1)


def _practice_label(words: Mapping[str, str], title: str) -> str:
    return f"✓ {words['practice']}\n{title}"


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else ("−" + str(-value) if value < 0 else "0")


def _pain_fill(theme: Theme, score: int) -> str | None:
    return next((fill for low, fill in theme.hotspot_bands if score >= low), None)


def _level_order(provider: Provider) -> tuple[int, str]:
    return (LEVELS.index(provider.level) if provider.level in LEVELS else len(LEVELS),
            provider.id)


# --- journey flow ---------------------------------------------------------------------------

def journey_flow_dot(ws: Workspace, graph: JourneyGraph, journey_id: str, lang: str,
                     theme: Theme = DEFAULT_THEME) -> str:
    """DOT of one journey in ``lang`` (falling back to the workspace's default language).

    Stage boxes run left to right; in each, the step boxes (pain points and good practices
    above the step, its touchpoints below), and under them the stage's services grouped in
    provider boxes, so every edge stays inside its stage and dot keeps the stages in order.
    Raises ``KeyError`` for an unknown journey id.
    """
    journey = {j.id: j for j in ws.journeys}[journey_id]
    flow = _Flow(_Catalogue(ws, lang, theme), journey)
    if theme.legend:  # first in the source, so that dot places it left of the journey
        _flow_legend(flow.dot, theme, flow.words, lang, flow.first_step())
    for number, stage in enumerate(journey.stages, start=1):
        flow.stage(number, stage)
    flow.finish()
    personas = {p.id: p.name for p in ws.personas}
    names = ", ".join(personas.get(p, p) for p in journey.personas)
    title = f"{flow.cat.wrapped(journey.title)}\n{flow.words['personas']}: {wrap(names, 80, 300)}"
    return flow.dot.text("journey", theme, _graph_attrs(theme, theme.flow_rankdir, title),
                         flow.dot)


class _Flow:
    """Builds the journey flow stage by stage."""

    def __init__(self, cat: _Catalogue, journey: Journey) -> None:
        self.cat, self.journey, self.theme = cat, journey, cat.theme
        self.words = _words(cat.lang)
        self.dot = _Dot()
        self.personas = {p.id: p.name for p in cat.ws.personas}
        self.steps: list[str] = []
        self.service_row: list[str] = []
        """First row of services of every stage: one lane across the whole map."""

    def key(self, kind: str, *parts: str) -> str:
        return node_key(kind, "/".join((self.journey.id, *parts)))

    def first_step(self) -> str | None:
        for stage in self.journey.stages:
            for step in stage.steps:
                return node_id(self.key("step", step.id))
        return None

    def stage(self, number: int, stage: Stage) -> None:
        theme, words = self.theme, self.words
        label = f"{number}. {self.cat.wrapped(stage.name)}"
        if stage.cross_cutting:
            label += f"\n({words['cross_cutting']})"
        style = "rounded,filled,dashed" if stage.cross_cutting else "rounded,filled"
        with self.dot.cluster("cluster_" + node_id(self.key("stage", stage.id)), {
                "label": label, "style": style, "fillcolor": theme.cluster_fill,
                "color": theme.cluster_border, "fontname": theme.font_bold,
                "fontsize": theme.font_size + 2, "labeljust": "l", "penwidth": 1.5}):
            uses: list[tuple[str, str]] = []
            columns = 0
            for index, step in enumerate(stage.steps, start=1):
                found = self.step(f"{number}.{index}", step)
                uses.extend(found)
                columns += max(1, math.ceil(len(found) / theme.grid_rows))
            self.services(stage, uses, columns)

    def step(self, number: str, step: Step) -> list[tuple[str, str]]:
        """The step's box; returns (touchpoint use node, touchpoint id) pairs."""
        theme, cat, words = self.theme, self.cat, self.words
        ident = node_id(self.key("step", step.id))
        self.steps.append(ident)
        label = f"{number} {cat.wrapped(step.name)}"
        feelings = [f"{self.personas.get(p, p)} {_signed(v)}"
                    for p, v in sorted(step.emotion.items())]
        if feelings:
            label += f"\n{words['emotion']}: " + wrap(", ".join(feelings), 36, 200)
        uses = []
        with self.dot.cluster("cluster_" + ident, {"label": "", "style": "rounded",
                                                   "color": theme.step_box_border}):
            self.dot.node(ident, _node(theme, "step", label))
            notes = []
            for pain in sorted(step.pain_points, key=lambda p: -p.severity):
                notes.append(node_id(self.key("pain", step.id, pain.id)))
                self.dot.node(notes[-1], _pain_attrs(theme, pain.severity, words,
                                                     cat.wrapped(pain.title)))
            for practice in step.good_practices:
                notes.append(node_id(self.key("practice", step.id, practice.id)))
                self.dot.node(notes[-1], _node(theme, "practice", _practice_label(
                    words, cat.wrapped(practice.title))))
            _grid(self.dot, notes, theme.grid_rows, below=ident)
            for position, tp_id in enumerate(step.touchpoints):
                tp = cat.touchpoints[tp_id]
                use = node_id(self.key("use", step.id, str(position), tp_id))
                uses.append((use, tp_id))
                self.dot.node(use, _node(theme, "touchpoint", f"{cat.wrapped(tp.name)}\n"
                                                              f"[{word(cat.lang, tp.channel)}]"))
            _grid(self.dot, [use for use, _ in uses], theme.grid_rows, above=ident)
        return uses

    def services(self, stage: Stage, uses: list[tuple[str, str]], columns: int) -> None:
        """The stage's services in one box per provider, provider at the bottom; the boxes
        in a grid of ``columns`` (as many as the steps above take), so that the services
        do not make the stage wider than its steps."""
        theme, cat = self.theme, self.cat
        services, touchpoints, providers = cat.services, cat.touchpoints, cat.providers
        used: dict[str, list[str]] = defaultdict(list)  # provider -> services, first use first
        edges = []
        for use, tp_id in uses:
            service = services[touchpoints[tp_id].service]
            if service.id not in used[service.provider]:
                used[service.provider].append(service.id)
            edges.append((use, node_id(self.key("service", stage.id, service.id))))
        boxes: list[tuple[list[str], str]] = []  # (first row of services, provider node)
        for provider in sorted((providers[p] for p in used), key=_level_order):
            pid = node_id(self.key("provider", stage.id, provider.id))
            fill = theme.level_fills.get(provider.level, theme.cluster_fill)
            with self.dot.cluster("cluster_" + pid, {"label": "", "style": "rounded,filled",
                                                     "fillcolor": fill,
                                                     "color": theme.cluster_border}):
                ids = [node_id(self.key("service", stage.id, s)) for s in used[provider.id]]
                for ident, service_id in zip(ids, used[provider.id], strict=True):
                    self.dot.node(ident, _node(theme, "service",
                                               cat.wrapped(services[service_id].name)))
                self.dot.node(pid, _node(theme, "provider", cat.provider_label(provider),
                                         fillcolor=fill))
                _grid(self.dot, ids, theme.grid_rows, below=pid)
                boxes.append((ids[:math.ceil(len(ids) / theme.grid_rows)], pid))
        for top, _ in boxes[:columns]:
            self.service_row.extend(top)
        for (top, _), (_, above) in zip(boxes[columns:], boxes, strict=False):
            for ident in top:
                self.dot.edge(above, ident, {"style": "invis"})
        for tail, head in edges:
            self.dot.edge(tail, head)

    def finish(self) -> None:
        """The rows that span stages: steps (joined by ``next``) and the services lane."""
        self.dot.same_rank(self.steps)
        for before, after in zip(self.steps, self.steps[1:], strict=False):
            self.dot.edge(before, after, {"color": self.theme.next_edge_colour,
                                          "penwidth": 2.5, "weight": 10})
        self.dot.same_rank(self.service_row)


def _flow_legend(dot: _Dot, theme: Theme, words: Mapping[str, str], lang: str,
                 first_step: str | None) -> None:
    """Sample nodes explaining shapes and colours, in a box left of the first step."""
    def sample(name: str, attrs: dict[str, str | float]) -> str:
        dot.node(f"legend_{name}", {**attrs, "width": 1.5, "fontsize": theme.font_size - 1})
        return f"legend_{name}"

    with dot.cluster("cluster_legend", {"label": words["legend"], "style": "rounded",
                                        "color": theme.cluster_border,
                                        "fontname": theme.font_bold, "labeljust": "l",
                                        "fontsize": theme.font_size + 2}):
        rows = [
            [sample("step", _node(theme, "step", words["step"])),
             sample("next", _node(theme, "step", words["next"]))],
            [sample("touchpoint", _node(theme, "touchpoint",
                                        f"{words['touchpoint']}\n[{word(lang, 'web')}]")),
             sample("practice", _node(theme, "practice", _practice_label(words, "")))],
            [sample("service", _node(theme, "service", words["service"])),
             sample("sev1", _pain_attrs(theme, 1, words, words["pain"]))],
            [sample("provider", _node(theme, "provider", f"{words['provider']}",
                                      fillcolor=theme.level_fills["state"])),
             sample("sev2", _pain_attrs(theme, 2, words, words["pain"]))],
            [sample("box", {"label": wrap(words["step_box"], 22), "shape": "box",
                            "style": "rounded,dashed", "color": theme.step_box_border}),
             sample("sev3", _pain_attrs(theme, 3, words, words["pain"]))],
        ]
        for row in rows:
            dot.same_rank(row)
        for upper, lower in zip(rows, rows[1:], strict=False):
            for top, bottom in zip(upper, lower, strict=True):
                if (top, bottom) != ("legend_touchpoint", "legend_service"):
                    dot.edge(top, bottom, {"style": "invis"})
        dot.edge("legend_step", "legend_next", {"color": theme.next_edge_colour,
                                                "penwidth": 2.5})
        dot.edge("legend_touchpoint", "legend_service")
        dot.edge("legend_next", "legend_practice", {"style": "invis"})
    if first_step:
        dot.same_rank(["legend_step", first_step])
        dot.edge("legend_next", first_step, {"style": "invis"})


# --- ecosystem ------------------------------------------------------------------------------

def ecosystem_dot(ws: Workspace, graph: JourneyGraph, lang: str,
                  theme: Theme = DEFAULT_THEME) -> str:
    """DOT of every provider (grouped by level), its services and the journeys using them.

    A service's pain score is the sum of the severities of the pain points touching it
    (:meth:`JourneyGraph.services_of_pain`), a provider's likewise
    (:meth:`JourneyGraph.providers_of_pain`); both are printed in the label and raise the
    fill and border width.
    """
    cat = _Catalogue(ws, lang, theme)
    words = _words(lang)
    service_pain, provider_pain = _pain_scores(graph)
    using = _journeys_using(graph)
    body = _Dot()
    journeys = sorted(ws.journeys, key=lambda j: j.id)
    for journey in journeys:
        label = f"{words['journey']}\n{cat.wrapped(journey.title)}"
        body.node(node_id(node_key("journey", journey.id)), _node(theme, "journey", label))
    body.same_rank([node_id(node_key("journey", j.id)) for j in journeys])
    by_provider: dict[str, list[Service]] = defaultdict(list)
    for service in sorted(ws.services(), key=lambda s: s.id):
        by_provider[service.provider].append(service)
    providers = sorted(ws.providers(), key=_level_order)
    for level in LEVELS:
        members = [p for p in providers if p.level == level]
        if not members:
            continue
        with body.cluster(f"cluster_level_{level}", {
                "label": word(lang, level), "style": "rounded,filled",
                "fillcolor": theme.cluster_fill, "color": theme.cluster_border,
                "fontname": theme.font_bold, "fontsize": theme.font_size + 3}):
            for provider in members:
                _eco_provider(body, cat, provider, by_provider[provider.id], words,
                              service_pain, provider_pain.get(node_key("provider", provider.id),
                                                              0))
    for journey in journeys:
        jid = node_id(node_key("journey", journey.id))
        for service in sorted(ws.services(), key=lambda s: s.id):
            if node_key("journey", journey.id) in using.get(node_key("service", service.id),
                                                            ()):
                body.edge(jid, node_id(node_key("service", service.id)))
    if theme.legend:
        _eco_legend(body, theme, words)
    title = f"{words['ecosystem']}: {cat.wrapped(ws.settings.title if ws.settings else '')}"
    return body.text("ecosystem", theme, _graph_attrs(theme, theme.ecosystem_rankdir, title),
                     body)


def _pain_scores(graph: JourneyGraph) -> tuple[dict[str, int], dict[str, int]]:
    services: dict[str, int] = defaultdict(int)
    providers: dict[str, int] = defaultdict(int)
    for pain in graph.nodes_of_kind("pain"):
        severity = int(graph.g.nodes[pain]["severity"])
        for service in graph.services_of_pain(pain):
            services[service] += severity
        for provider in graph.providers_of_pain(pain):
            providers[provider] += severity
    return dict(services), dict(providers)


def _journeys_using(graph: JourneyGraph) -> dict[str, set[str]]:
    """Service key -> keys of the journeys using it (one pass instead of one per service)."""
    using: dict[str, set[str]] = defaultdict(set)
    for journey in graph.nodes_of_kind("journey"):
        for service in graph.services_of_journey(graph.g.nodes[journey]["id"]):
            using[service].add(journey)
    return using


def _hotspot(theme: Theme, base_fill: str, score: int, words: Mapping[str, str]) -> tuple[
        str, dict[str, str | float]]:
    """Label suffix and style of a node with pain score ``score``."""
    if score <= 0:
        return "", {"fillcolor": base_fill}
    extra: dict[str, str | float] = {"penwidth": 1.2 + theme.hotspot_penwidth * min(score, 10),
                                     "fillcolor": _pain_fill(theme, score) or base_fill}
    return f"\n! {words['pain_score']} {score}", extra


def _eco_provider(dot: _Dot, cat: _Catalogue, provider: Provider, services: list[Service],
                  words: Mapping[str, str], service_pain: dict[str, int], score: int) -> None:
    theme = cat.theme
    pid = node_id(node_key("provider", provider.id))
    fill = theme.level_fills.get(provider.level, theme.cluster_fill)
    with dot.cluster("cluster_" + pid, {"label": "", "style": "rounded,filled",
                                        "fillcolor": fill, "color": theme.cluster_border}):
        suffix, extra = _hotspot(theme, fill, score, words)
        dot.node(pid, _node(theme, "provider", cat.provider_label(provider) + suffix, **extra))
        for service in services:
            sid = node_id(node_key("service", service.id))
            pain = service_pain.get(node_key("service", service.id), 0)
            suffix, extra = _hotspot(theme, theme.fills["service"], pain, words)
            dot.node(sid, _node(theme, "service", cat.wrapped(service.name) + suffix, **extra))
            dot.edge(sid, pid, {"arrowhead": "none", "color": theme.cluster_border})


def _eco_legend(dot: _Dot, theme: Theme, words: Mapping[str, str]) -> None:
    with dot.cluster("cluster_legend", {"label": words["legend"], "style": "rounded",
                                        "color": theme.cluster_border,
                                        "fontname": theme.font_bold}):
        samples = [
            ("journey", _node(theme, "journey", words["journey"])),
            ("service", _node(theme, "service", words["service"])),
            ("provider", _node(theme, "provider", words["provider"],
                               fillcolor=theme.level_fills["state"])),
        ]
        for low, fill in sorted(theme.hotspot_bands):
            samples.append((f"hot{low}", _node(
                theme, "service", f"{words['service']}\n! {words['pain_score']} ≥ {low}",
                fillcolor=fill, penwidth=1.2 + theme.hotspot_penwidth * low)))
        for name, attrs in samples:
            dot.node(f"legend_{name}", {**attrs, "width": 1.6})
        dot.node("legend_hotspot", {"label": wrap(words["hotspot"], 24), "shape": "plaintext"})
