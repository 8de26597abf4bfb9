"""Chart geometry: every coordinate and colour of the inline SVG charts, computed here so
that templates only write the elements out.

Colours are SVG presentation attributes as well as in the stylesheet, so that a chart also
draws right where page CSS does not reach the SVG (WeasyPrint's PDFs).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .base import signed

PERSONA_MARKERS = ("circle", "square", "triangle", "diamond", "star", "cross")
"""Marker shapes of the personas' emotion curves: shape, not colour alone."""
CURVE_COLOURS = ("#0b5cad", "#b3261e", "#1d6b34", "#6b3fa0", "#8a4b00", "#00727a")
"""Colours of the personas' curves; each has at least 4.5:1 against white (its value labels
are written in it)."""
LEVEL_COLOURS = {"zero": "#8b96a3", "other": "#d5dbe2"}
BAND_COLOUR = "#c9d1db"
MARKER_SIZE = 6
MARKER_GAP = 8
"""Horizontal distance between the markers of personas with the same score at one step."""
SHARED_LABEL_COLOUR = "#1b1f24"
"""Colour of a value label two or more personas share."""
BAR_COLOUR = "#0b5cad"
BAR_TEXT_COLOUR = "#1b1f24"


@dataclass(frozen=True)
class Shape:
    """One SVG element: its tag and attributes, numbers already written as text."""

    tag: str
    attrs: tuple[tuple[str, str], ...]


def _n(value: float) -> str:
    return f"{value:.1f}"


def _polygon(points: Iterable[tuple[float, float]]) -> Shape:
    return Shape("polygon", (("points", " ".join(f"{_n(a)},{_n(b)}" for a, b in points)),))


def marker(shape: str, x: float, y: float, size: int = MARKER_SIZE) -> Shape:
    """The marker of a curve point: one of :data:`PERSONA_MARKERS` (else a diamond)."""
    s = size
    if shape == "circle":
        return Shape("circle", (("cx", _n(x)), ("cy", _n(y)), ("r", str(s))))
    if shape == "square":
        return Shape("rect", (("x", _n(x - s)), ("y", _n(y - s)),
                              ("width", str(s * 2)), ("height", str(s * 2))))
    if shape == "triangle":
        return _polygon([(x, y - s - 1), (x + s + 1, y + s), (x - s - 1, y + s)])
    if shape == "star":
        return _polygon([(x + r * math.cos(a), y + r * math.sin(a)) for i in range(10)
                         for r, a in [((s + 3) if i % 2 == 0 else (s + 3) * 0.45,
                                       math.radians(-90 + 36 * i))]])
    if shape == "cross":
        a, b = s + 1, (s + 1) / 2.5
        return _polygon([(x - b, y - a), (x + b, y - a), (x + b, y - b), (x + a, y - b),
                         (x + a, y + b), (x + b, y + b), (x + b, y + a), (x - b, y + a),
                         (x - b, y + b), (x - a, y + b), (x - a, y - b), (x - b, y - b)])
    return _polygon([(x, y - s - 2), (x + s + 2, y), (x, y + s + 2), (x - s - 2, y)])


@dataclass(frozen=True)
class CurveStyle:
    """How one persona's curve looks on every chart of the site."""

    colour: str
    marker: str


def persona_style(position: int) -> CurveStyle:
    """The style of the persona at ``position`` among all the workspace's personas (the
    index's order, by id). Marker and colour both cycle, the colour shifted by one each
    round, so the first 36 personas all differ."""
    markers, colours = len(PERSONA_MARKERS), len(CURVE_COLOURS)
    return CurveStyle(CURVE_COLOURS[(position + position // markers) % colours],
                      PERSONA_MARKERS[position % markers])


def persona_styles(personas: Iterable[str]) -> dict[str, CurveStyle]:
    """Persona id -> its style, for ``personas`` = every persona id of the workspace in the
    index's order: the one assignment every chart reads, so that a persona has the same
    colour and marker on the map, the comparison page and in the reports."""
    return {p: persona_style(i) for i, p in enumerate(personas)}


@dataclass(frozen=True)
class ChartPoint:
    """A value to draw: its x, its score and what it is the score of (a step, a stage)."""

    x: float
    value: float
    name: str


@dataclass(frozen=True)
class Series:
    persona: str
    style: CurveStyle
    points: list[ChartPoint]


@dataclass(frozen=True)
class CurvePoint:
    x: float
    """Centre of the marker: the step's x, moved aside when other personas share it."""
    y: float
    value: float
    """A step's score, or a stage's mean score (one decimal)."""
    name: str
    """The step (or stage) the value belongs to: the marker's <title>."""
    shape: Shape

    @property
    def label(self) -> str:
        return signed(self.value)

    @property
    def value_text(self) -> str:
        """The value as in the chart's title: -2, 1, -0.5."""
        return str(int(self.value)) if self.value == int(self.value) else str(self.value)


@dataclass(frozen=True)
class Label:
    """A value written next to its marker(s); one label for personas with the same
    value at the same x."""

    x: float
    y: float
    text: str
    colour: str
    anchor: str
    """``middle`` (above or below the markers) or ``start`` (to their right)."""

    @property
    def at(self) -> tuple[str, str]:
        return _n(self.x), _n(self.y)


@dataclass(frozen=True)
class Curve:
    persona: str
    marker: str
    colour: str
    points: list[CurvePoint]
    legend_marker: Shape
    line: list[tuple[float, float]] = field(default_factory=list)
    """The polyline: the points, and in a band chart the neighbours just outside it."""

    @property
    def polyline(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.line)


@dataclass(frozen=True)
class GuideLine:
    y: str
    zero: bool
    colour: str


@dataclass(frozen=True)
class EmotionChart:
    """An emotion curve per persona across the steps, in a viewBox of stage-wide bands
    (or of one band, starting at ``x0``: one stage's part of the journey's chart)."""

    width: int
    height: int
    band: int
    curves: list[Curve]
    labels: list[Label] = field(default_factory=list)
    levels: list[GuideLine] = field(default_factory=list)
    """The horizontal guide lines at +2 … -2."""
    bands: list[int] = field(default_factory=list)
    """x of the vertical lines between stages."""
    band_colour: str = BAND_COLOUR
    x0: int = 0

    @property
    def view_box(self) -> str:
        return f"{self.x0} 0 {self.width} {self.height}"

    @property
    def x_end(self) -> int:
        return self.x0 + self.width

    def band_chart(self, number: int) -> EmotionChart:
        """The part of the chart over band ``number`` (0-based): its points and labels,
        and the lines to the points on either side, which the viewBox cuts at its edges
        so that the bands of adjacent columns join up."""
        x0, x1 = number * self.band, (number + 1) * self.band
        curves = [replace(c, points=[p for p in c.points if x0 <= p.x < x1],
                          line=_line_within(c.line, x0, x1)) for c in self.curves]
        return replace(self, width=self.band, x0=x0, bands=[],
                       curves=[c for c in curves if c.line],
                       labels=[lb for lb in self.labels if x0 <= lb.x < x1],
                       levels=self.levels)


def _line_within(line: list[tuple[float, float]], x0: float, x1: float
                 ) -> list[tuple[float, float]]:
    """The points of ``line`` inside [x0, x1) and the neighbour just outside each end."""
    inside = [i for i, (x, _) in enumerate(line) if x0 <= x < x1]
    if not inside:
        before = [i for i, (x, _) in enumerate(line) if x < x0]
        after = [i for i, (x, _) in enumerate(line) if x >= x1]
        return [line[before[-1]], line[after[0]]] if before and after else []
    return line[max(0, inside[0] - 1):inside[-1] + 2]


def emotion_y(score: float, height: int) -> float:
    """y of an emotion score in a chart ``height`` high: +2 at the top, -2 at the bottom,
    with room for the value labels above and below."""
    top, bottom = 28.0, height - 28.0
    return top + (2 - score) * (bottom - top) / 4


def _spread(series: list[Series]) -> dict[tuple[int, int], float]:
    """(series, point) -> how far its marker moves aside: personas with the same value at
    the same x sit side by side, centred on x."""
    shared: dict[tuple[float, float], list[tuple[int, int]]] = defaultdict(list)
    for i, s in enumerate(series):
        for k, p in enumerate(s.points):
            shared[p.x, p.value].append((i, k))
    return {at: (j - (len(group) - 1) / 2) * MARKER_GAP
            for group in shared.values() for j, at in enumerate(group)}


def _labels(series: list[Series], height: int) -> list[Label]:
    """One label per distinct value at each x: the highest above its markers, the lowest
    below, any between to the right, so no two labels of one step overlap."""
    at_x: dict[float, dict[float, list[Series]]] = defaultdict(lambda: defaultdict(list))
    for s in series:
        for p in s.points:
            at_x[p.x][p.value].append(s)
    labels = []
    for x, by_value in at_x.items():
        values = sorted(by_value, reverse=True)
        for rank, value in enumerate(values):
            owners = by_value[value]
            colour = owners[0].style.colour if len(owners) == 1 else SHARED_LABEL_COLOUR
            y = emotion_y(value, height)
            if rank == 0:
                place = (x, y - 12, "middle")
            elif rank == len(values) - 1:
                place = (x, y + 22, "middle")
            else:
                place = (x + (len(owners) - 1) * MARKER_GAP / 2 + 10, y + 4, "start")
            labels.append(Label(place[0], place[1], signed(value), colour, place[2]))
    return sorted(labels, key=lambda lb: (lb.x, lb.y))


def emotion_chart(series: list[Series], bands: int, band: int = 200,
                  height: int = 190) -> EmotionChart:
    """A chart of ``series`` (one per persona, points in x order) over ``bands`` stage
    bands ``band`` wide."""
    moved = _spread(series)
    curves = []
    for i, s in enumerate(series):
        points = []
        for k, p in enumerate(s.points):
            x, y = p.x + moved[i, k], emotion_y(p.value, height)
            points.append(CurvePoint(x, y, p.value, p.name, marker(s.style.marker, x, y)))
        curves.append(Curve(s.persona, s.style.marker, s.style.colour, points,
                            marker(s.style.marker, 10, 10), [(p.x, p.y) for p in points]))
    levels = [GuideLine(_n(emotion_y(v, height)), v == 0,
                        LEVEL_COLOURS["zero" if v == 0 else "other"]) for v in (2, 1, 0, -1, -2)]
    return EmotionChart(width=band * max(1, bands), height=height, band=band, curves=curves,
                        labels=_labels(series, height), levels=levels,
                        bands=[i * band for i in range(1, bands)])


class BarRow:
    """Where a horizontal bar's label, bar and value sit in its row (``y``: the row's top):
    shared by every bar chart, so they all read the same."""

    y: int

    @property
    def label_y(self) -> int:
        return self.y + 12

    @property
    def bar_y(self) -> int:
        return self.y + 16

    @property
    def value_y(self) -> int:
        return self.y + 27


@dataclass(frozen=True)
class Bar(BarRow):
    label: str
    value: int
    note: str = ""
    """A short addition written after the value (e.g. the severity behind a score)."""
    y: int = 0
    """Top of the bar's row."""
    width: str = "0.0"
    """Length of the bar, as written."""
    value_x: str = "6.0"


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart: each label above its bar, so long labels need no cutting."""

    id: str
    title: str
    value_label: str
    bars: list[Bar]
    width: int = 640
    row: int = 34
    colour: str = BAR_COLOUR
    text_colour: str = BAR_TEXT_COLOUR

    @property
    def height(self) -> int:
        return self.row * len(self.bars) + 8

    @property
    def summary(self) -> str:
        """The chart in one sentence, for its <title> (the table below has the rest)."""
        return "; ".join(f"{b.label}: {b.value}" for b in self.bars)


def bar_chart(ident: str, title: str, value_label: str, bars: list[Bar], width: int = 640,
              row: int = 34) -> BarChart:
    """A chart of ``bars`` with each bar's position and length; the longest bar leaves room
    for its value."""
    top = max((b.value for b in bars), default=0)
    scale = (width - 60) / top if top else 0.0
    placed = [Bar(b.label, b.value, b.note, i * row, _n(b.value * scale),
                  _n(b.value * scale + 6)) for i, b in enumerate(bars)]
    return BarChart(ident, title, value_label, placed, width, row)


MATRIX_LEVELS = ("low", "medium", "high")
"""The impact and effort levels, in axis order (effort left to right, impact bottom up)."""
MATRIX_CELL = (190, 120)
"""Smallest width and height of one impact x effort cell."""
MATRIX_STEP = 26
"""Distance between the centres of two points in a cell."""
MATRIX_RADIUS = 11
MATRIX_MARGIN = (96, 8, 8, 56)
"""Left (impact labels), top, right, bottom (effort labels) around the grid."""
MATRIX_FAVOURED = "#e3f1e6"
"""Background of the high-impact, low-effort cell (the first to look at)."""
GRID_COLOUR = "#8b96a3"


@dataclass(frozen=True)
class MatrixPoint:
    """One proposal in the matrix: its rank written in its circle, its title in <title>."""

    x: str
    y: str
    label: str
    title: str
    text_y: str


@dataclass(frozen=True)
class MatrixCell:
    x: str
    y: str
    width: str
    height: str
    fill: str


@dataclass(frozen=True)
class AxisLabel:
    x: str
    y: str
    text: str
    anchor: str


@dataclass(frozen=True)
class MatrixChart:
    """Proposals placed by impact (rows, high at the top) and effort (columns, low at the
    left), each as a numbered circle; inline SVG, its data in the table beside it."""

    id: str
    title: str
    width: int
    height: int
    cells: list[MatrixCell]
    labels: list[AxisLabel]
    points: list[MatrixPoint]
    colour: str = BAR_COLOUR
    text_colour: str = BAR_TEXT_COLOUR
    grid_colour: str = GRID_COLOUR

    @property
    def summary(self) -> str:
        """The chart in one sentence, for its <title>."""
        return "; ".join(p.title for p in self.points)


@dataclass(frozen=True)
class MatrixItem:
    """What the view gives for one proposal: its level of impact and effort, the number
    written in its point and its title."""

    impact: str
    effort: str
    label: str
    title: str


def impact_effort_matrix(ident: str, title: str, items: list[MatrixItem],
                         impact_words: dict[str, str], effort_words: dict[str, str],
                         axis_titles: tuple[str, str]) -> MatrixChart:
    """The geometry of a 3 x 3 impact x effort matrix with one point per item (items in
    rank order fill their cell row by row). ``axis_titles``: (impact, effort)."""
    left, top, right, bottom = MATRIX_MARGIN
    width, per_row = MATRIX_CELL[0], (MATRIX_CELL[0] - 8) // MATRIX_STEP
    cells: dict[tuple[str, str], list[MatrixItem]] = defaultdict(list)
    for item in items:
        cells[item.impact, item.effort].append(item)
    rows = max((math.ceil(len(v) / per_row) for v in cells.values()), default=1)
    height = max(MATRIX_CELL[1], rows * MATRIX_STEP + 12)
    shapes, points, labels = [], [], []
    for row, impact in enumerate(reversed(MATRIX_LEVELS)):
        y0 = top + row * height
        labels.append(AxisLabel(_n(left - 8), _n(y0 + height / 2 + 4), impact_words[impact],
                                "end"))
        for col, effort in enumerate(MATRIX_LEVELS):
            x0 = left + col * width
            favoured = impact == "high" and effort == "low"
            shapes.append(MatrixCell(_n(x0), _n(y0), str(width), str(height),
                                     MATRIX_FAVOURED if favoured else "#ffffff"))
            for k, item in enumerate(cells[impact, effort]):
                cx = x0 + 4 + MATRIX_STEP / 2 + (k % per_row) * MATRIX_STEP
                cy = y0 + 6 + MATRIX_STEP / 2 + (k // per_row) * MATRIX_STEP
                points.append(MatrixPoint(_n(cx), _n(cy), item.label, item.title, _n(cy + 4)))
    grid_bottom = top + 3 * height
    for col, effort in enumerate(MATRIX_LEVELS):
        labels.append(AxisLabel(_n(left + col * width + width / 2), _n(grid_bottom + 18),
                                effort_words[effort], "middle"))
    labels.append(AxisLabel(_n(left + 1.5 * width), _n(grid_bottom + 42),
                            axis_titles[1] + " →", "middle"))
    labels.append(AxisLabel(_n(4), _n(top + 12), "↑ " + axis_titles[0], "start"))
    return MatrixChart(ident, title, left + 3 * width + right, grid_bottom + bottom, shapes,
                       labels, points)
