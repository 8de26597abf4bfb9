"""The figures of the statistics dashboard: per dataset, per KOV and period series with their
change from the previous period and the rank the source gives.

- A **dataset** is every row of one measure, target group and citizenship group
  (``first-registrations``/``returnee``/``all``). Its periods are those any of its rows
  name, in time order (:func:`~toolkit.load.statistics.period_order`).
- A **series** is one KOV's values in a dataset, one point per period of the dataset. A
  period the KOV has no row for is a point with no value ("no data", never 0). Every
  partner KOV of the workspace has a series in every dataset, with no data where the
  source does not list it (a TOP 5 table names five KOVs).
- **Change** of a point: its value minus the value of the dataset's previous period, when
  both exist (else none).
- **Rank**: the place the source gives (``2``, a shared place ``10–11``), never computed
  here: a source listing eight KOVs cannot rank them among 79.

Order: datasets by measure, target group, group (vocabulary order); series by the value of
the dataset's last period (largest first, no data last), then by the value of each earlier
period, then KOV id.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..graph.index import Index
from ..load.statistics import (
    GROUPS,
    MEASURES,
    TARGET_GROUPS,
    StatRow,
    period_order,
    rank_bounds,
)


@dataclass(frozen=True)
class StatPoint:
    period: str
    value: int | None
    """None: the source gives no value for this KOV and period."""
    change: int | None
    """Value minus the previous period's value, when both exist."""
    rank: str
    """As the source gives it (``10–11``), or empty."""
    rank_best: int | None
    rank_worst: int | None
    source: str
    section: str
    note: str


@dataclass(frozen=True)
class StatSeries:
    kov: str
    partner: bool
    """True for a partner KOV of the programme (a workspace provider with ``partner:``)."""
    points: tuple[StatPoint, ...]


@dataclass(frozen=True)
class StatDataset:
    id: str
    """``<measure>.<target group>.<group>``"""
    measure: str
    target_group: str
    group: str
    periods: tuple[str, ...]
    series: tuple[StatSeries, ...]
    sources: tuple[str, ...]
    """Source ids its rows cite, sorted."""


def statistics(ix: Index) -> tuple[StatDataset, ...]:
    """Every dataset of the workspace's statistics (see the module's docstring)."""
    partners = sorted(p.id for p in ix.providers.values()
                      if p.level == "kov" and p.partner is not None)
    grouped: dict[tuple[str, str, str], list[StatRow]] = defaultdict(list)
    for row in ix.ws.statistics:
        grouped[row.measure, row.target_group, row.group].append(row)
    return tuple(_dataset(key, rows, partners) for key, rows in sorted(
        grouped.items(), key=lambda item: _dataset_order(*item[0])))


def _dataset_order(measure: str, target_group: str, group: str) -> tuple[int, int, int, str]:
    return (MEASURES.index(measure), TARGET_GROUPS.index(target_group),
            GROUPS.index(group) if group in GROUPS else len(GROUPS), group)


def _dataset(key: tuple[str, str, str], rows: list[StatRow],
             partners: list[str]) -> StatDataset:
    periods = tuple(sorted({r.period for r in rows}, key=lambda p: (period_order(p), p)))
    by_kov: dict[str, dict[str, StatRow]] = defaultdict(dict)
    for row in rows:
        by_kov[row.kov][row.period] = row
    series = [StatSeries(kov, kov in partners, _points(by_kov.get(kov, {}), periods))
              for kov in sorted(set(by_kov) | set(partners))]
    series.sort(key=lambda s: (*(-(p.value if p.value is not None else -1)
                                 for p in reversed(s.points)), s.kov))
    return StatDataset(".".join(key), *key, periods, tuple(series),
                       tuple(sorted({r.source for r in rows})))


def _points(rows: dict[str, StatRow], periods: tuple[str, ...]) -> tuple[StatPoint, ...]:
    points = []
    previous: int | None = None
    for period in periods:
        row = rows.get(period)
        if row is None:
            points.append(StatPoint(period, None, None, "", None, None, "", "", ""))
            previous = None
            continue
        bounds = rank_bounds(row.rank) if row.rank else None
        change = row.value - previous if previous is not None else None
        points.append(StatPoint(period, row.value, change, row.rank,
                                bounds[0] if bounds else None, bounds[1] if bounds else None,
                                row.source, row.section, row.note))
        previous = row.value
    return tuple(points)
