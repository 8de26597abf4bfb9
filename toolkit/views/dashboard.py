"""The statistics dashboard (``<lang>/dashboard.html``): how many people of the target groups
each KOV has, by period and citizenship group, with the change from the previous period and
the rank the source gives.

Each dataset of the analysis (:mod:`toolkit.analyse.statistics`) becomes a section: one
chart across KOVs per period, one chart per KOV across periods (when there are several),
and a table with every number. A period with no value is drawn as "no data", never as a
zero bar. Chart geometry is computed here; the template only writes the elements out. The
page's filters (KOV, period, target group) read the ``data-*`` attributes this view sets.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analyse.statistics import StatDataset, StatPoint, StatSeries
from ..load.statistics import PERIOD, period_order
from .base import Figure, Named, ViewContext, signed
from .charts import BarRow

CHART_WIDTH = 400
"""Width of a chart across KOVs (its text stays readable on a phone)."""
KOV_CHART_WIDTH = 280
"""Width of a KOV's chart across periods."""
ROW = 34
LABEL_ROOM = 70
"""Room right of the longest bar for its value."""
BAR_COLOUR = "#0b5cad"
PARTNER_COLOUR = "#0b5cad"
OTHER_COLOUR = "#5b6773"
"""Bars of KOVs that are not partners of the programme (both have 4.5:1 on white)."""
TEXT_COLOUR = "#1b1f24"


@dataclass(frozen=True)
class ChartBar(BarRow):
    label: str
    value: str
    """The value as written next to the bar, or "no data"."""
    y: int
    width: str
    value_x: str
    colour: str
    no_data: bool


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    bars: list[ChartBar]
    kov: str = ""
    """Set on a KOV's chart (the KOV filter hides the others)."""
    period: str = ""
    """Set on a period's chart across KOVs (the period filter hides the others)."""
    width: int = CHART_WIDTH

    @property
    def height(self) -> int:
        return ROW * len(self.bars) + 8

    @property
    def summary(self) -> str:
        """The chart in one sentence, for its <title>."""
        return "; ".join(f"{b.label}: {b.value}" for b in self.bars)


@dataclass(frozen=True)
class Row:
    kov: str
    kov_name: str
    period: str
    period_label: str
    value: Figure
    change: Figure
    rank: Figure


@dataclass(frozen=True)
class DatasetView:
    id: str
    title: str
    target_group: str
    target_group_label: str
    measure_note: str
    period_charts: list[Chart]
    kov_charts: list[Chart]
    rows: list[Row]
    sources: list[str]
    sections: list[str]
    notes: list[str]


@dataclass(frozen=True)
class DashboardView:
    datasets: list[DatasetView]
    kovs: list[Named]
    periods: list[Named]
    target_groups: list[Named]


def dashboard_view(ctx: ViewContext) -> DashboardView:
    """The dashboard of the analysis' statistics in the language of ``ctx``."""
    datasets = [_dataset(ctx, d) for d in ctx.analysis.statistics]
    kovs = {s.kov for d in ctx.analysis.statistics for s in d.series}
    periods = {p for d in ctx.analysis.statistics for p in d.periods}
    groups = {d.target_group: v.target_group_label
              for d, v in zip(ctx.analysis.statistics, datasets, strict=True)}
    return DashboardView(
        datasets,
        sorted((Named(k, _kov_name(ctx, k)) for k in kovs), key=lambda n: (n.name, n.id)),
        [Named(p, period_label(ctx, p)) for p in sorted(periods, key=_period_key)],
        [Named(k, v) for k, v in sorted(groups.items())])


def period_label(ctx: ViewContext, period: str) -> str:
    """``2024`` as it is, ``2020/2024`` as ``2020–2024``, ``2024-H1`` as a half-year."""
    found = PERIOD.fullmatch(period)
    if not found:
        return period
    year, half, end = found.groups()
    if half:
        text = (ctx.gettext("%(year)s, first half") if half == "H1"
                else ctx.gettext("%(year)s, second half"))
        return text % {"year": year}
    return f"{year}–{end}" if end else year


def _period_key(period: str) -> tuple[tuple[int, int, int], str]:
    return period_order(period), period


def _kov_name(ctx: ViewContext, kov: str) -> str:
    name = ctx.analysis.names.get(f"kov:{kov}")
    return ctx.text(name) if name else kov


def _labels(ctx: ViewContext) -> dict[str, str]:
    _ = ctx.gettext
    return {
        "first-registrations": _("People who first registered their residence in the KOV"),
        "residents": _("Residents of the KOV"),
        "unstated": _("People (the source does not say what it counts)"),
        "not-stated": _("Target group not stated"),
        "all": _("all citizenships"),
        "eu": _("EU citizens"),
        "third-country": _("third-country nationals"),
    }


def _dataset(ctx: ViewContext, d: StatDataset) -> DatasetView:
    _ = ctx.gettext
    labels = _labels(ctx)
    group = labels.get(d.group) or _("citizens of %(country)s") % {"country": d.group}
    tg_label = (labels["not-stated"] if d.target_group == "not-stated"
                else ctx.word(d.target_group))
    title = f"{tg_label}, {group}"
    period_charts = [_period_chart(ctx, d, i) for i in range(len(d.periods))]
    kov_charts = ([_kov_chart(ctx, d, s) for s in d.series] if len(d.periods) > 1 else [])
    rows = [_row(ctx, d, s, p) for s in d.series for p in s.points]
    points = [p for s in d.series for p in s.points if p.value is not None]
    sources = ctx.index.sources
    return DatasetView(
        d.id, title, d.target_group, tg_label, labels[d.measure], period_charts, kov_charts,
        rows, [ctx.text(sources[s].title) if s in sources else s for s in d.sources],
        sorted({p.section for p in points if p.section}),
        sorted({p.note for p in points if p.note}))


def _figure_key(d: StatDataset, kov: str, period: str) -> str:
    return f"stat:{d.id}:{kov}:{period}"


def _row(ctx: ViewContext, d: StatDataset, s: StatSeries, p: StatPoint) -> Row:
    key = _figure_key(d, s.kov, p.period)
    no_data = ctx.gettext("no data")
    value = Figure(key, p.value, text="" if p.value is not None else no_data)
    change = Figure(f"{key}:change", p.change,
                    text=signed(p.change) if p.change is not None else "–")
    single = p.rank_best if p.rank_best == p.rank_worst else None
    rank = Figure(f"{key}:rank", single, text=p.rank or "–")
    return Row(s.kov, _kov_name(ctx, s.kov), p.period, period_label(ctx, p.period),
               value, change, rank)


def _bars(items: list[tuple[str, int | None, bool]], no_data: str,
          width: int = CHART_WIDTH) -> list[ChartBar]:
    """Bars of (label, value, partner) in the given order: the largest leaves room for its
    value; a missing value is a label "no data" and no bar."""
    top = max((v for _, v, _ in items if v is not None), default=0)
    scale = (width - LABEL_ROOM) / top if top else 0.0
    bars = []
    for i, (label, value, partner) in enumerate(items):
        width = value * scale if value is not None else 0.0
        bars.append(ChartBar(label, str(value) if value is not None else no_data, i * ROW,
                             f"{width:.1f}", f"{width + 6:.1f}",
                             PARTNER_COLOUR if partner else OTHER_COLOUR, value is None))
    return bars


def _period_chart(ctx: ViewContext, d: StatDataset, i: int) -> Chart:
    period = d.periods[i]
    ordered = sorted(d.series, key=lambda s: (s.points[i].value is None,
                                              -(s.points[i].value or 0), s.kov))
    items = [(_kov_name(ctx, s.kov), s.points[i].value, s.partner) for s in ordered]
    title = ctx.gettext("All KOVs, %(period)s") % {"period": period_label(ctx, period)}
    return Chart(f"chart-{_slug(d.id)}-{_slug(period)}", title,
                 _bars(items, ctx.gettext("no data")), period=period)


def _kov_chart(ctx: ViewContext, d: StatDataset, s: StatSeries) -> Chart:
    items = [(period_label(ctx, p.period), p.value, s.partner) for p in s.points]
    return Chart(f"chart-{_slug(d.id)}-{s.kov}", _kov_name(ctx, s.kov),
                 _bars(items, ctx.gettext("no data"), KOV_CHART_WIDTH), kov=s.kov,
                 width=KOV_CHART_WIDTH)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text)
