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

The journey flow reads left to right, stage box by stage box, its steps in one row; each
step heads a column: pain points and good practices above it, the touchpoints it uses
(with channel) below it, then the services of those touchpoints in one box per provider.
The ecosystem map is a grid of provider boxes grouped by level, with pain hotspots. Long
lists are laid out in grids (:attr:`Theme.grid_rows` per column), so that a journey with
150 touchpoints or a catalogue of 120 services stays readable. Why the layouts look the
way they do (dot 2.43 quirks) is told at :class:`_Flow`.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
import textwrap
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from types import MappingProxyType

from ..graph.network import JourneyGraph, node_key
from ..i18n import word
from ..load.model import Journey, Provider, Service, Stage, Step, Text, Touchpoint
from ..load.workspace import Workspace

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
FONT_STACK = "DejaVu Sans,Verdana,Arial,sans-serif"
"""What the SVG asks a browser for instead of :data:`FONT`: a partner's computer without
DejaVu gets a wide sans-serif close to its metrics, not the default serif."""
FONT_SIZE = 11.0
"""Label size in points; titles of the diagram are larger (:data:`TITLE_FONT_SIZE`)."""
TITLE_FONT_SIZE = 18.0
TEXT_COLOUR = "#212529"
"""Text on every fill below has a contrast of at least 6.5:1 with this colour (WCAG AA
asks 4.5:1)."""
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

ECOSYSTEM_COLUMNS = 5
"""Provider boxes per row in a level of the ecosystem map."""

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
HOTSPOT_FILLS: tuple[str, str, str] = ("#FFF3BF", "#FFC078", "#FF8787")
"""Ecosystem map: service fill for a pain score from 1, from a third and from two thirds of
the highest score on the map (relative, so that the worst services stand out however many
pain points a workspace records). A score of 0 keeps the normal fill. The score is also
printed in the label and widens the border (:attr:`Theme.hotspot_penwidth`)."""
CLUSTER_FILL = "#F8F9FA"
CLUSTER_BORDER = "#868E96"
"""Borders of stage, level and provider boxes: 3.1:1 on the box fills (WCAG 1.4.11)."""
STEP_LINE_COLOUR = "#868E96"
"""Lines joining a step to its pain points, good practices and touchpoints (3.1:1)."""
NEXT_EDGE_COLOUR = "#1864AB"
"""``next`` edges and the arrows between stages: 5.8:1 on the stage fill."""
GRAPH_ATTRS: Mapping[str, str] = MappingProxyType({
    "nodesep": "0.25", "ranksep": "0.35", "pad": "0.3",
    "outputorder": "edgesfirst", "labelloc": "t", "labeljust": "l", "compound": "true",
})
"""Graph attributes of both views."""
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
    ecosystem_rankdir: str = "TB"
    """Ecosystem: journeys on top, then the provider levels. Only TB is laid out with care."""
    ecosystem_columns: int = ECOSYSTEM_COLUMNS
    shapes: Mapping[str, str] = field(default_factory=lambda: SHAPES)
    styles: Mapping[str, str] = field(default_factory=lambda: STYLES)
    fills: Mapping[str, str] = field(default_factory=lambda: FILLS)
    borders: Mapping[str, str] = field(default_factory=lambda: BORDERS)
    severity_fills: Mapping[int, str] = field(default_factory=lambda: SEVERITY_FILLS)
    severity_borders: Mapping[int, str] = field(default_factory=lambda: SEVERITY_BORDERS)
    level_fills: Mapping[str, str] = field(default_factory=lambda: LEVEL_FILLS)
    hotspot_fills: tuple[str, str, str] = HOTSPOT_FILLS
    hotspot_penwidth: float = 3.0
    """Extra border width of the node with the highest pain score (others in proportion)."""
    cluster_fill: str = CLUSTER_FILL
    cluster_border: str = CLUSTER_BORDER
    step_line_colour: str = STEP_LINE_COLOUR
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
        "practice": "Hea näide", "next": "järgmine samm",
        "sev1": "väike", "sev2": "tõsine", "sev3": "takistab teekonda",
        "severity": "raskusaste", "emotion": "emotsioon", "personas": "Persoonad",
        "proposals": "ettepanekuid",
        "cross_cutting": "läbiv etapp", "pain_score": "kitsaskohti",
        "journey": "Teekond",
        "hotspot": "Kitsaskohtade raskusastmete summa; värv: alates kolmandikust ja kahest "
                   "kolmandikust kaardi suurimast summast",
        "provider_box": "Kast: teenuseosutaja teenused",
        "ecosystem": "Teenuste ökosüsteem",
        "unused": "Teenus, mida ükski teekond ei kasuta",
        "journey_code": "T", "services_used": "kasutatud teenuseid",
        "used_by": "T1 T2: teekonnad, mis teenust kasutavad",
    }),
    "en": MappingProxyType({
        "legend": "Legend", "step": "Step", "touchpoint": "Touchpoint [channel]",
        "service": "Service", "provider": "Provider (level)", "pain": "Pain point",
        "practice": "Good practice", "next": "next step",
        "sev1": "minor", "sev2": "serious", "sev3": "blocks the journey",
        "severity": "severity", "emotion": "emotion", "personas": "Personas",
        "proposals": "proposals",
        "cross_cutting": "cross-cutting stage", "pain_score": "pain score",
        "journey": "Journey",
        "hotspot": "Pain score: the sum of the severities of the pain points touching it; "
                   "colours from a third and two thirds of the highest score on the map",
        "provider_box": "Box: a provider's services",
        "ecosystem": "Service ecosystem",
        "unused": "Service no journey uses",
        "journey_code": "J", "services_used": "services used",
        "used_by": "J1 J2: the journeys that use the service",
    }),
})
"""Fixed texts of the diagrams; languages without an entry use English."""


def _words(lang: str) -> Mapping[str, str]:
    return WORDS.get(lang, WORDS["en"])


def portable_svg_fonts(svg: bytes) -> bytes:
    """dot's SVG with :data:`FONT_STACK` as the font family, and bold as a weight:
    browsers know no family called "DejaVu Sans Bold" and would fall back to a serif."""
    family = f'font-family="{FONT_STACK}"'.encode()
    return (svg.replace(f'font-family="{FONT_BOLD}"'.encode(), family + b' font-weight="bold"')
            .replace(f'font-family="{FONT}"'.encode(), family))


# --- escaping: the one way YAML text enters DOT -------------------------------------------

_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)) + "]")
"""Characters dropped from labels: controls except the line feed (NUL and friends break dot
and XML), lone surrogates (not encodable) and non-characters (not allowed in XML). One
regular expression, because this runs on every label of every diagram."""


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
    text = _UNSAFE.sub("", text)
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

    def text(self, name: str, theme: Theme, graph: Attrs) -> str:
        """The whole DOT document: ``digraph name``, defaults, then the statements."""
        head = [f"digraph {name} {{"]
        head += ["    " + f"{kind} [{_attr_list(attrs)}];" for kind, attrs in (
            ("graph", graph), ("node", _node_defaults(theme)), ("edge", _edge_defaults(theme)))]
        return "\n".join([*head, *self.lines, "}"]) + "\n"


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


def _rows(count: int, rows: int) -> int:
    """How many rows :func:`_grid` uses for ``count`` items."""
    return math.ceil(count / math.ceil(count / rows)) if count else 0


def _grid(dot: _Dot, items: Sequence[str], rows: int, *, above: str | None = None,
          below: str | None = None, line: Attrs | None = None) -> None:
    """Lay ``items`` out in columns of at most ``rows``, row by row in reading order, under
    ``above`` and/or over ``below``. Items of a column are joined by ``line`` edges (to
    ``above``/``below`` too); without ``line`` the joins are invisible."""
    if not items:
        return
    join = dict(line) if line else {"style": "invis"}
    columns = math.ceil(len(items) / rows)
    grid = [items[i:i + columns] for i in range(0, len(items), columns)]
    for row in grid:
        dot.same_rank(row)
        for left, right in pairwise(row):
            dot.edge(left, right, {"style": "invis"})
    for upper, lower in pairwise(grid):
        for index, item in enumerate(lower):
            dot.edge(upper[min(index, len(upper) - 1)], item, join)
    if above:
        for item in grid[0]:
            dot.edge(above, item, join)
    if below:
        for item in grid[-1]:
            dot.edge(item, below, join)


# --- shared pieces --------------------------------------------------------------------------

@dataclass(frozen=True)
class _Catalogue:
    """The workspace's catalogue by id, and text lookup in one language."""

    ws: Workspace
    lang: str
    theme: Theme

    @functools.cached_property
    def providers(self) -> dict[str, Provider]:
        return {p.id: p for p in self.ws.providers()}

    @functools.cached_property
    def services(self) -> dict[str, Service]:
        return {s.id: s for s in self.ws.services()}

    @functools.cached_property
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


def _practice_label(words: Mapping[str, str], title: str = "") -> str:
    return f"✓ {words['practice']}" + (f"\n{title}" if title else "")


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else ("−" + str(-value) if value < 0 else "0")


def _thresholds(highest: int) -> tuple[int, int, int]:
    """Lowest pain scores of the three hotspot bands, for a map whose highest score is
    ``highest``: 1, a third and two thirds of it (always increasing)."""
    middle = max(2, math.ceil(highest / 3))
    return 1, middle, max(middle + 1, math.ceil(2 * highest / 3))


def _level_order(provider: Provider) -> tuple[int, str]:
    return (LEVELS.index(provider.level) if provider.level in LEVELS else len(LEVELS),
            provider.id)


# --- journey flow ---------------------------------------------------------------------------


def journey_flow_dot(ws: Workspace, graph: JourneyGraph, journey_id: str, lang: str,
                     theme: Theme = DEFAULT_THEME) -> str:
    """DOT of one journey in ``lang`` (falling back to the workspace's default language).

    Stages run left to right, their steps in one row joined by ``next`` edges. Above a
    step, its pain points (worst first; severity as colour, exclamation marks, words and a
    double border for 3) with the number of proposals addressing each, and its good
    practices; below it, its touchpoints with their channel, then their services in one
    box per provider. ``graph`` must be built from ``ws``. Raises ``KeyError`` for an
    unknown journey id.
    """
    journey = {j.id: j for j in ws.journeys}[journey_id]
    flow = _Flow(_Catalogue(ws, lang, theme), graph, journey)
    if theme.legend:  # first in the source, so that dot places it left of the journey
        _flow_legend(flow.dot, theme, flow.words, lang)
    for number, stage in enumerate(journey.stages, start=1):
        if number > 1:
            flow.arrow(number)
        flow.stage(number, stage)
    personas = {p.id: p.name for p in ws.personas}
    names = ", ".join(personas.get(p, p) for p in journey.personas)
    title = (f"{wrap(flow.cat.text(journey.title), 60, 300)}\n"
             f"{flow.words['personas']}: {wrap(names, 80, 300)}")
    return flow.dot.text("journey", theme, _graph_attrs(theme, theme.flow_rankdir, title))


class _Flow:
    """Builds the journey flow stage by stage, step by step.

    Why this shape: dot 2.43 keeps nodes in the order of flat edges (our ``next`` edges)
    only while nothing else pulls them around. A box (cluster) per step, edges from one
    step's touchpoints to services shared with other steps, and long invisible edges that
    align rows all made it swap steps, and a ``next`` edge between two stage boxes is
    drawn twice. So:

    - every stage is a separate connected component: dot places components left to right
      in the order of the source, which no edge can undo. Between two stages, a block
      arrow (a component of its own) stands for the ``next`` edge;
    - inside a stage, ``next`` edges join the steps; every step is a self-contained
      column: its pain points and good practices above, its touchpoints below, then its
      services in one box per provider. A service used by several steps appears under each;
    - every component starts with an invisible spacer :attr:`step_rank` ranks above its
      steps, so that the steps of all stages form one row.
    """

    def __init__(self, cat: _Catalogue, graph: JourneyGraph, journey: Journey) -> None:
        self.cat, self.graph, self.journey, self.theme = cat, graph, journey, cat.theme
        self.words = _words(cat.lang)
        self.dot = _Dot()
        self.personas = {p.id: p.name for p in cat.ws.personas}
        self.line = {"color": self.theme.step_line_colour, "arrowhead": "none",
                     "penwidth": 1.5, "weight": 5}
        """Joins a step to its pain points and touchpoints."""
        self.step_rank = max((_rows(len(s.pain_points) + len(s.good_practices),
                                    self.theme.grid_rows)
                              for stage in journey.stages for s in stage.steps), default=0)
        """Rank of the step row: the most rows of pain points and practices above a step."""

    def key(self, kind: str, *parts: str) -> str:
        return node_key(kind, "/".join((self.journey.id, *parts)))

    def stage(self, number: int, stage: Stage) -> None:
        theme, words = self.theme, self.words
        label = f"{number}. {self.cat.wrapped(stage.name)}"
        if stage.cross_cutting:
            label += f"\n({words['cross_cutting']})"
        label = _Left(label)
        style = "rounded,filled,dashed" if stage.cross_cutting else "rounded,filled"
        with self.dot.cluster("cluster_" + node_id(self.key("stage", stage.id)), {
                "label": label, "style": style, "fillcolor": theme.cluster_fill,
                "color": theme.cluster_border, "fontname": theme.font_bold,
                "fontsize": theme.font_size + 2, "labeljust": "l", "penwidth": 1.5}):
            steps = [self.step(f"{number}.{index}", step)
                     for index, step in enumerate(stage.steps, start=1)]
            for before, after in pairwise(steps):
                # minlen 0 and a high weight keep the steps in one row without rank=same
                self.dot.edge(before, after, {"color": theme.next_edge_colour,
                                              "penwidth": 2.5, "weight": 10, "minlen": 0})
            if steps:
                self.spacer(f"stage-{stage.id}", steps[0])

    def spacer(self, name: str, below: str) -> None:
        """An invisible node :attr:`step_rank` ranks above ``below``: the top of its
        component, so that ``below`` lands in the step row."""
        if self.step_rank:
            ident = node_id(self.key("spacer", name))
            self.dot.node(ident, {"style": "invis", "shape": "point", "width": 0,
                                  "label": ""})
            self.dot.edge(ident, below, {"style": "invis", "minlen": self.step_rank})

    def arrow(self, number: int) -> None:
        """The block arrow between stage ``number - 1`` and stage ``number``."""
        ident = node_id(self.key("arrow", str(number)))
        self.dot.node(ident, {"shape": "rarrow", "style": "filled", "label": "",
                              "fillcolor": self.theme.next_edge_colour,
                              "color": self.theme.next_edge_colour,
                              "width": 0.45, "height": 0.3, "fixedsize": "true"})
        self.spacer(f"arrow-{number}", ident)

    def step(self, number: str, step: Step) -> str:
        theme, cat, words = self.theme, self.cat, self.words
        ident = node_id(self.key("step", step.id))
        label = f"{number} {cat.wrapped(step.name)}"
        feelings = [f"{self.personas.get(p, p)} {_signed(v)}"
                    for p, v in sorted(step.emotion.items())]
        if feelings:
            label += f"\n{words['emotion']}: " + wrap(", ".join(feelings), 36, 200)
        self.dot.node(ident, _node(theme, "step", label))
        notes = []
        for pain in sorted(step.pain_points, key=lambda p: -p.severity):
            notes.append(node_id(self.key("pain", step.id, pain.id)))
            proposals = len(self.graph.proposals_for(node_key("pain", pain.id)))
            title = f"{cat.wrapped(pain.title)}\n{words['proposals']}: {proposals}"
            self.dot.node(notes[-1], _pain_attrs(theme, pain.severity, words, title))
        for practice in step.good_practices:
            notes.append(node_id(self.key("practice", step.id, practice.id)))
            self.dot.node(notes[-1], _node(theme, "practice", _practice_label(
                words, cat.wrapped(practice.title))))
        _grid(self.dot, notes, theme.grid_rows, below=ident, line=self.line)
        uses = []
        for position, tp_id in enumerate(step.touchpoints):
            tp = cat.touchpoints[tp_id]
            use = node_id(self.key("use", step.id, str(position), tp_id))
            uses.append((use, tp_id))
            self.dot.node(use, _node(theme, "touchpoint", f"{cat.wrapped(tp.name)}\n"
                                                          f"[{word(cat.lang, tp.channel)}]"))
        _grid(self.dot, [use for use, _ in uses], theme.grid_rows, above=ident,
              line=self.line)
        self.services(step, uses)
        return ident

    def services(self, step: Step, uses: list[tuple[str, str]]) -> None:
        """The step's services in one box per provider, the provider at the bottom; the
        boxes in as many columns as the touchpoints above, so the column stays narrow."""
        theme, cat = self.theme, self.cat
        services, touchpoints, providers = cat.services, cat.touchpoints, cat.providers
        used: dict[str, list[str]] = defaultdict(list)  # provider -> services, first use first
        edges = []
        for use, tp_id in uses:
            service = services[touchpoints[tp_id].service]
            if service.id not in used[service.provider]:
                used[service.provider].append(service.id)
            edges.append((use, node_id(self.key("service", step.id, service.id))))
        boxes: list[tuple[list[str], str]] = []  # (first row of services, provider node)
        for provider in sorted((providers[p] for p in used), key=_level_order):
            pid = node_id(self.key("provider", step.id, provider.id))
            fill = theme.level_fills.get(provider.level, theme.cluster_fill)
            with self.dot.cluster("cluster_" + pid, {"label": "", "style": "rounded,filled",
                                                     "fillcolor": fill,
                                                     "color": theme.cluster_border}):
                ids = [node_id(self.key("service", step.id, s)) for s in used[provider.id]]
                for ident, service_id in zip(ids, used[provider.id], strict=True):
                    self.dot.node(ident, _node(theme, "service",
                                               cat.wrapped(services[service_id].name)))
                self.dot.node(pid, _node(theme, "provider", cat.provider_label(provider),
                                         fillcolor=fill))
                _grid(self.dot, ids, theme.grid_rows, below=pid)
                boxes.append((ids[:math.ceil(len(ids) / theme.grid_rows)], pid))
        columns = max(1, math.ceil(len(uses) / theme.grid_rows))
        last_row = [use for use, _ in uses][-columns:]
        for top, _ in boxes[:columns]:  # the first boxes start under the touchpoints
            for ident in top:
                for use in last_row:
                    if (use, ident) not in edges:  # never two edges between one pair
                        self.dot.edge(use, ident, {"style": "invis"})
        for (top, _), (_, above) in zip(boxes[columns:], boxes, strict=False):
            for ident in top:
                self.dot.edge(above, ident, {"style": "invis"})
        for tail, head in edges:
            self.dot.edge(tail, head)


def _flow_legend(dot: _Dot, theme: Theme, words: Mapping[str, str], lang: str) -> None:
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
             sample("practice", _node(theme, "practice", _practice_label(words)))],
            [sample("service", _node(theme, "service", words["service"])),
             sample("sev1", _pain_attrs(theme, 1, words, words["pain"]))],
            [sample("provider", _node(theme, "provider", f"{words['provider']}",
                                      fillcolor=theme.level_fills["state"])),
             sample("sev2", _pain_attrs(theme, 2, words, words["pain"]))],
            [sample("box", {"label": wrap(words["provider_box"], 20), "shape": "box",
                            "style": "rounded,filled", "color": theme.cluster_border,
                            "fillcolor": theme.level_fills["state"]}),
             sample("sev3", _pain_attrs(theme, 3, words, words["pain"]))],
        ]
        for row in rows:
            dot.same_rank(row)
        for upper, lower in pairwise(rows):
            for top, bottom in zip(upper, lower, strict=True):
                if (top, bottom) != ("legend_touchpoint", "legend_service"):
                    dot.edge(top, bottom, {"style": "invis"})
        dot.edge("legend_step", "legend_next", {"color": theme.next_edge_colour,
                                                "penwidth": 2.5})
        dot.edge("legend_touchpoint", "legend_service")


# --- ecosystem ------------------------------------------------------------------------------

def ecosystem_dot(ws: Workspace, graph: JourneyGraph, lang: str,
                  theme: Theme = DEFAULT_THEME) -> str:
    """DOT of every provider (grouped by level), its services and the journeys using them.

    Journeys are in the top row, each with a short code (J1, J2 ...). Below them, one box
    per level (state, kov, ...) holds a grid of provider boxes: the provider on top, its
    services under it, each service listing the codes of the journeys that use it. (Edges
    from journeys to services were tried: with a hundred services they wind around every
    box and hide the map.) A service's pain score is the sum of the severities of the pain
    points touching it (:meth:`JourneyGraph.services_of_pain`), a provider's likewise
    (:meth:`JourneyGraph.providers_of_pain`); both are printed in the label and raise the
    fill and border width. Services that no journey uses have a dashed border.
    """
    eco = _Ecosystem(_Catalogue(ws, lang, theme), graph)
    if theme.legend:
        _eco_legend(eco.dot, theme, eco.words, eco.hot)
    bottoms = eco.journeys()
    for level in LEVELS:
        bottoms = eco.level(level, bottoms)
    title = f"{eco.words['ecosystem']}: " + eco.cat.wrapped(
        ws.settings.title if ws.settings else "")
    return eco.dot.text("ecosystem", theme, _graph_attrs(theme, theme.ecosystem_rankdir, title))


class _Ecosystem:
    """Builds the ecosystem map level by level."""

    def __init__(self, cat: _Catalogue, graph: JourneyGraph) -> None:
        self.cat, self.theme, self.words = cat, cat.theme, _words(cat.lang)
        self.dot = _Dot()
        self.service_pain, self.provider_pain = _pain_scores(graph)
        self.hot = _Hotspots(self.theme, self.words, max(self.service_pain.values(), default=1))
        self.hot_providers = _Hotspots(self.theme, self.words,
                                       max(self.provider_pain.values(), default=1))
        self.using = _journeys_using(graph)
        self.services_by_id = {s.id: s for s in sorted(cat.ws.services(), key=lambda s: s.id)}
        self.by_provider: dict[str, list[Service]] = defaultdict(list)
        for service in self.services_by_id.values():
            self.by_provider[service.provider].append(service)
        journeys = sorted(cat.ws.journeys, key=lambda j: j.id)
        self.codes = {node_key("journey", j.id): f"{self.words['journey_code']}{number}"
                      for number, j in enumerate(journeys, start=1)}
        """Journey key -> short code shown on the services it uses."""

    def journeys(self) -> list[str]:
        ids = []
        counts: dict[str, int] = defaultdict(int)
        for users in self.using.values():
            for journey in users:
                counts[journey] += 1
        for journey in sorted(self.cat.ws.journeys, key=lambda j: j.id):
            key = node_key("journey", journey.id)
            ids.append(node_id(key))
            label = (f"{self.codes[key]} · {self.cat.wrapped(journey.title)}\n"
                     f"{self.words['services_used']}: {counts[key]}")
            self.dot.node(ids[-1], _node(self.theme, "journey", label))
        self.dot.same_rank(ids)
        return ids

    def level(self, level: str, above: list[str]) -> list[str]:
        """The box of one provider level under the nodes ``above``; returns its bottom
        nodes (``above`` if the level has no providers)."""
        theme = self.theme
        members = sorted((p for p in self.cat.ws.providers() if p.level == level),
                         key=_level_order)
        if not members:
            return above
        anchor = self._anchor(f"level-{level}", above)
        name = word(self.cat.lang, level)
        with self.dot.cluster(f"cluster_level_{level}", {
                "label": _Left(name[:1].upper() + name[1:]), "style": "rounded,filled",
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
        ident = node_id(node_key("anchor", name))
        self.dot.node(ident, {"style": "invis", "shape": "point", "width": 0, "label": ""})
        for node in above:
            self.dot.edge(node, ident, {"style": "invis"})
        return ident

    def _provider(self, provider: Provider, anchor: str) -> list[str]:
        """A provider's box under ``anchor``; returns the nodes at its bottom."""
        theme, cat, words = self.theme, self.cat, self.words
        pid = node_id(node_key("provider", provider.id))
        fill = theme.level_fills.get(provider.level, theme.cluster_fill)
        with self.dot.cluster("cluster_" + pid, {"label": "", "style": "rounded,filled",
                                                 "fillcolor": fill,
                                                 "color": theme.cluster_border}):
            score = self.provider_pain.get(node_key("provider", provider.id), 0)
            suffix, extra = self.hot_providers.style(score, fill=False)
            self.dot.node(pid, _node(theme, "provider", cat.provider_label(provider) + suffix,
                                     fillcolor=fill, **extra))
            ids = []
            for service in self.by_provider[provider.id]:
                key = node_key("service", service.id)
                ids.append(node_id(key))
                suffix, extra = self.hot.style(self.service_pain.get(key, 0))
                users = sorted((self.codes[j] for j in self.using.get(key, ())),
                               key=lambda code: int(code[len(words["journey_code"]):]))
                if users:
                    suffix += "\n" + wrap(" ".join(users), theme.wrap_width)
                else:
                    extra["style"] = theme.styles["service"] + ",dashed"
                self.dot.node(ids[-1], _node(theme, "service", cat.wrapped(service.name) + suffix,
                                             **extra))
            _grid(self.dot, ids, theme.grid_rows, above=pid)
        self.dot.edge(anchor, pid, {"style": "invis"})
        if not ids:
            return [pid]
        columns = math.ceil(len(ids) / theme.grid_rows)
        return ids[len(ids) - (len(ids) % columns or columns):]


def _pain_scores(graph: JourneyGraph) -> tuple[dict[str, int], dict[str, int]]:
    """Pain score by service key and by provider key."""
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
            band = sum(score >= low for low in _thresholds(self.highest)) - 1
            attrs["fillcolor"] = self.theme.hotspot_fills[band]
        return f"\n! {self.words['pain_score']} {score}", attrs


def _eco_legend(dot: _Dot, theme: Theme, words: Mapping[str, str], hot: _Hotspots) -> None:
    def sample(name: str, attrs: dict[str, str | float]) -> str:
        dot.node(f"legend_{name}", {**attrs, "width": 1.5, "fontsize": theme.font_size - 1})
        return f"legend_{name}"

    with dot.cluster("cluster_legend", {"label": words["legend"], "style": "rounded",
                                        "color": theme.cluster_border,
                                        "fontname": theme.font_bold, "labeljust": "l",
                                        "fontsize": theme.font_size + 2}):
        code = words["journey_code"]
        rows = [[sample("journey", _node(theme, "journey", f"{code}1 · {words['journey']}")),
                 sample("box", {"label": wrap(words["provider_box"], 20), "shape": "box",
                                "style": "rounded,filled", "color": theme.cluster_border,
                                "fillcolor": theme.level_fills["state"]})],
                [sample("provider", _node(theme, "provider", words["provider"],
                                          fillcolor=theme.level_fills["state"])),
                 sample("unused", _node(theme, "service", wrap(words["unused"], 18),
                                        style=theme.styles["service"] + ",dashed"))],
                [sample("service", _node(theme, "service",
                                         f"{words['service']}\n{code}1 {code}2")),
                 sample("uses", {"label": wrap(words["used_by"], 22), "shape": "plaintext"})]]
        samples = []
        for low in _thresholds(hot.highest):
            _, attrs = hot.style(low)
            samples.append(sample(f"hot{len(samples)}", _node(
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
