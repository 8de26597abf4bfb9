"""The diagrams' look: every Graphviz style as a documented constant, gathered in
:class:`Theme` (override with ``dataclasses.replace``). Their words come from the gettext
catalogues (:mod:`toolkit.i18n`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

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
    service_columns: int = 1
    """Provider boxes side by side under a step, at least (more under many touchpoints)."""
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

PRINT_THEME = Theme(
    grid_rows=3, service_columns=2, legend=False,
    graph_attrs=MappingProxyType({**GRAPH_ATTRS, "nodesep": "0.18", "ranksep": "0.25"}))
"""The parts of a journey's flow made for paper (:class:`~toolkit.views.diagrams.flow.Part`):
shorter columns and provider boxes side by side, so a part is wider than tall like a
landscape page, and packed closer; the page around them shows the legend once."""

MIN_PRINT_LABEL_PT = 6.0
"""No label of a printed diagram is smaller: a diagram is scaled down at most by
``MIN_PRINT_LABEL_PT / FONT_SIZE``."""
