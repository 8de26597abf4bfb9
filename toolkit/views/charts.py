"""Chart geometry: every coordinate and colour of the inline SVG charts, computed here so
that templates only write the elements out.

Colours are SVG presentation attributes as well as in the stylesheet, so that a chart also
draws right where page CSS does not reach the SVG (WeasyPrint's PDFs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .base import signed

PERSONA_MARKERS = ("circle", "square", "triangle", "diamond", "star", "cross")
"""Marker shape of each persona's emotion curve, in journey order: shape, not colour alone."""
CURVE_COLOURS = ("#0b5cad", "#b3261e", "#1d6b34", "#6b3fa0")
"""Colour of each persona's curve, in the same order (the legend repeats marker and name)."""
LEVEL_COLOURS = {"zero": "#8b96a3", "other": "#d5dbe2"}
BAND_COLOUR = "#c9d1db"
MARKER_SIZE = 6
BAR_COLOUR = "#0b5cad"
BAR_TEXT_COLOUR = "#1b1f24"


@dataclass(frozen=True)
class Shape:
    """One SVG element: its tag and attributes, numbers already written as text."""

    tag: str
    attrs: tuple[tuple[str, str], ...]


def _n(value: float) -> str:
    return f"{value:.1f}"


def marker(shape: str, x: float, y: float, size: int = MARKER_SIZE) -> Shape:
    """The marker of a curve point: a circle, square, triangle or (otherwise) diamond."""
    if shape == "circle":
        return Shape("circle", (("cx", _n(x)), ("cy", _n(y)), ("r", str(size))))
    if shape == "square":
        return Shape("rect", (("x", _n(x - size)), ("y", _n(y - size)),
                              ("width", str(size * 2)), ("height", str(size * 2))))
    if shape == "triangle":
        points = [(x, y - size - 1), (x + size + 1, y + size), (x - size - 1, y + size)]
    else:
        points = [(x, y - size - 2), (x + size + 2, y), (x, y + size + 2), (x - size - 2, y)]
    return Shape("polygon", (("points", " ".join(f"{_n(a)},{_n(b)}" for a, b in points)),))


@dataclass(frozen=True)
class CurvePoint:
    x: float
    y: float
    value: float
    """A step's score, or a stage's mean score (one decimal)."""
    label_y: float = 0.0
    """Where the value's label goes (above the point for even curves, below for odd)."""

    @property
    def label(self) -> str:
        return signed(self.value)

    @property
    def label_x(self) -> str:
        return _n(self.x + 6)

    @property
    def label_at(self) -> str:
        return _n(self.label_y)

    @property
    def value_text(self) -> str:
        """The value as in the chart's title: -2, 1, -0.5."""
        return str(int(self.value)) if self.value == int(self.value) else str(self.value)


@dataclass(frozen=True)
class Curve:
    persona: str
    marker: str
    colour: str
    points: list[CurvePoint]
    markers: list[Shape]
    legend_marker: Shape

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True)
class GuideLine:
    y: str
    zero: bool
    colour: str


@dataclass(frozen=True)
class EmotionChart:
    """An emotion curve per persona across the steps, in a viewBox of stage-wide bands."""

    width: int
    height: int
    band: int
    curves: list[Curve]
    levels: list[GuideLine] = field(default_factory=list)
    """The horizontal guide lines at +2 … -2."""
    bands: list[int] = field(default_factory=list)
    """x of the vertical lines between stages."""
    band_colour: str = BAND_COLOUR


def emotion_y(score: float, height: int) -> float:
    """y of an emotion score in a chart ``height`` high: +2 at the top, -2 at the bottom,
    with room for the value labels above and below."""
    top, bottom = 28.0, height - 28.0
    return top + (2 - score) * (bottom - top) / 4


def emotion_chart(series: list[tuple[str, list[tuple[float, float]]]], bands: int,
                  band: int = 200, height: int = 190) -> EmotionChart:
    """A chart of ``series``: (persona name, [(x, score) ...]) in persona order, over
    ``bands`` stage bands ``band`` wide."""
    curves = []
    for i, (name, values) in enumerate(series):
        shape = PERSONA_MARKERS[i % len(PERSONA_MARKERS)]
        dy = -9 if i % 2 == 0 else 21
        points = [CurvePoint(x, emotion_y(v, height), v, emotion_y(v, height) + dy)
                  for x, v in values]
        curves.append(Curve(name, shape, CURVE_COLOURS[i % len(CURVE_COLOURS)], points,
                            [marker(shape, p.x, p.y) for p in points], marker(shape, 10, 10)))
    levels = [GuideLine(_n(emotion_y(v, height)), v == 0,
                        LEVEL_COLOURS["zero" if v == 0 else "other"]) for v in (2, 1, 0, -1, -2)]
    return EmotionChart(width=band * max(1, bands), height=height, band=band, curves=curves,
                        levels=levels, bands=[i * band for i in range(1, bands)])


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    note: str = ""
    """A short addition written after the value (e.g. the severity behind a score)."""
    y: int = 0
    """Top of the bar's row."""
    width: str = "0.0"
    """Length of the bar, as written."""
    value_x: str = "6.0"

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
