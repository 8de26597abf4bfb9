"""The interim summary's content in one language: what changed since the earlier version
(:mod:`toolkit.analyse.changes`), the indicator, and the current bottleneck ranking.

When there is no earlier version to compare with (no git history, or none before the
period), ``changes`` is None and the summary says why, then shows the current state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..analyse.changes import Changed, Changes, FieldChange, Item, Place
from ..load.model import ReportingPeriod
from .base import Figure, ViewContext
from .charts import BarChart
from .report_final import FinalReportBuilder, PainEntry, RankedRow

TOP = 10
"""How many pain points and services the current ranking lists."""


@dataclass(frozen=True)
class ChangeLine:
    kind: str
    name: str
    place: list[str]
    """journey, stage, step, as far as the item sits inside one (written joined by " › ")."""
    details: list[str]
    """For a changed item: what changed, e.g. "severity: 2 → 3", "title (en)"."""


@dataclass(frozen=True)
class KindCount:
    kind: str
    added: Figure
    removed: Figure
    changed: Figure


@dataclass(frozen=True)
class TransitionLine:
    name: str
    before: str
    after: str
    advanced: bool


@dataclass(frozen=True)
class IndicatorLine:
    name: str
    before: list[str]
    after: list[str]
    before_count: Figure
    after_count: Figure
    targets: list[tuple[int, int]]
    next_target: str


@dataclass(frozen=True)
class InterimReport:
    lang: str
    period_id: str
    title: str
    organisation: str
    period: str
    due: str
    compared_with: str
    no_history: str
    """Why nothing is compared (empty when a comparison was made)."""
    counts: list[KindCount]
    added: list[ChangeLine]
    removed: list[ChangeLine]
    changed: list[ChangeLine]
    transitions: list[TransitionLine]
    indicator: IndicatorLine | None
    stage_chart: BarChart
    pain_points: list[PainEntry]
    services: list[RankedRow]

    @property
    def file(self) -> str:
        """The stem of the summary's files: interim-2025-q2.html, .md, .pdf."""
        return f"interim-{self.period_id}"

    @property
    def compared(self) -> bool:
        return not self.no_history

    @property
    def unchanged(self) -> bool:
        return self.compared and not (self.added or self.removed or self.changed)


class InterimReportBuilder:
    def __init__(self, ctx: ViewContext, period: ReportingPeriod, changes: Changes | None,
                 compared_with: str, no_history: str) -> None:
        self.ctx, self.period, self.lang = ctx, period, ctx.lang
        self.changes, self.compared_with, self.no_history = changes, compared_with, no_history
        self.views = ctx
        self.final = FinalReportBuilder(ctx, period)
        self.kinds = item_kinds(ctx)

    def build(self) -> InterimReport:
        settings, changes = self.ctx.index.settings, self.changes
        return InterimReport(
            lang=self.lang, period_id=self.period.id,
            title=interim_title(self.ctx, self.period.id),
            organisation=self.views.text(settings.organisation) if settings else "",
            period=f"{self.period.start.isoformat()} – {self.period.end.isoformat()}",
            due=self.period.due.isoformat() if self.period.due else "",
            compared_with=self.compared_with, no_history=self.no_history,
            counts=self._counts(changes) if changes else [],
            added=[self._line(i) for i in changes.added] if changes else [],
            removed=[self._line(i) for i in changes.removed] if changes else [],
            changed=[self._changed(c) for c in changes.changed] if changes else [],
            transitions=[TransitionLine(self.views.text(s.name), self.ctx.word(s.old),
                                        self.ctx.word(s.new), s.advanced)
                         for s in changes.status_transitions] if changes else [],
            indicator=self._indicator(changes),
            stage_chart=self.final.stage_chart(),
            pain_points=self.final.ranked_pains()[:TOP],
            services=self.final.ranked_rows(self.ctx.analysis.services[:TOP], "service"),
        )

    def _counts(self, changes: Changes) -> list[KindCount]:
        return [KindCount(self.kinds[c.kind],
                          *(Figure(f"changes:{c.kind}:{what}", getattr(c, what))
                            for what in ("added", "removed", "changed")))
                for c in changes.counts()]

    def _place(self, place: Place, kind: str) -> list[str]:
        return [self.views.text(x.title if level == "journey" else x.name)
                for level in ("journey", "stage", "step")
                if (x := getattr(place, level)) is not None and level != kind]

    def _line(self, item: Item) -> ChangeLine:
        return ChangeLine(self.kinds[item.kind], self.views.text(item.name),
                          self._place(item.place, item.kind), [])

    def _changed(self, change: Changed) -> ChangeLine:
        return ChangeLine(self.kinds[change.kind], self.views.text(change.name),
                          self._place(change.place, change.kind),
                          [self._field(f) for f in change.fields])

    def _field(self, change: FieldChange) -> str:
        if change.what == "moved":
            return self.ctx.gettext("moved") + f": {change.old} → {change.new}"
        if change.what == "text":
            return f"{change.field} ({', '.join(change.languages)})"
        if _short(change.old) and _short(change.new):
            return f"{change.field}: {_show(change.old)} → {_show(change.new)}"
        return change.field

    def _indicator(self, changes: Changes | None) -> IndicatorLine | None:
        indicator, settings = self.ctx.analysis.indicator, self.ctx.index.settings
        if not any(i.id == indicator.id for i in (settings.indicators if settings else ())):
            return None
        year = self.period.end.year
        before = list(changes.journey_model.before) if changes else []
        upcoming = indicator.next_target(year)
        after = indicator.kovs_by(year)
        return IndicatorLine(
            self.views.text(indicator.name), [self.ctx.name_of(k) for k in before],
            [self.ctx.name_of(k) for k in after],
            Figure("indicator:before", len(before)), Figure(f"indicator:{year}", len(after)),
            [(y.year, y.target) for y in indicator.years],
            self.ctx.gettext("Next target: %(target)s by %(year)s.") % {
                "target": upcoming.target, "year": upcoming.year} if upcoming else "")


def interim_title(ctx: ViewContext, period: str) -> str:
    """An interim summary's title: "Interim summary 2025-Q2"."""
    return ctx.gettext("Interim summary %(period)s") % {"period": period.upper()}


def item_kinds(ctx: ViewContext) -> dict[str, str]:
    """The kind of a changed item in words (:attr:`toolkit.analyse.changes.Item.kind`)."""
    pgettext = ctx.pgettext
    return {"journey": pgettext("item", "journey"), "stage": pgettext("item", "stage"),
            "step": pgettext("item", "step"), "pain point": pgettext("item", "pain point"),
            "good practice": pgettext("item", "good practice"),
            "proposal": pgettext("item", "proposal"), "persona": pgettext("item", "persona"),
            "provider": pgettext("item", "provider"), "service": pgettext("item", "service"),
            "touchpoint": pgettext("item", "touchpoint")}


def _short(value: object) -> bool:
    return value is None or isinstance(value, (int, float, bool, dt.date)) or (
        isinstance(value, str) and len(value) <= 40)


def _show(value: object) -> str:
    if value is None:
        return "–"
    return value.isoformat() if isinstance(value, dt.date) else str(value)
