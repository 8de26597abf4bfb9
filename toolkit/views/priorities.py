"""The proposals in priority order, and the impact x effort matrix: one view for the site's
priorities page and the final report's section (the analysis ranked them,
:mod:`toolkit.analyse.priorities`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..analyse.priorities import EFFORT_WEIGHTS, IMPACT_WEIGHTS, Priority
from .base import Figure, ViewContext
from .charts import MatrixChart, MatrixItem, impact_effort_matrix


@dataclass(frozen=True)
class PriorityRow:
    rank: Figure
    id: str
    title: str
    href: str
    """Where the proposal is shown: its journey's map on the site, its entry in a report."""
    score: Figure
    impact: str
    effort: str
    pains: Figure
    """How many pain points it addresses."""
    worst: int
    """The highest severity among them (1–3)."""
    measure: str
    owner: str
    service: str
    service_href: str
    status: str


@dataclass(frozen=True)
class PrioritiesView:
    rows: list[PriorityRow]
    matrix: MatrixChart
    weights: str
    """The weights of the formula, written out: "low 1, medium 2, high 3"."""


def level_words(ctx: ViewContext) -> dict[str, str]:
    """The levels of impact and effort in words."""
    pgettext = ctx.pgettext
    return {"low": pgettext("impact or effort", "low"),
            "medium": pgettext("impact or effort", "medium"),
            "high": pgettext("impact or effort", "high")}


def score_text(value: float | None) -> str:
    """A score as written: 27, 13.5, 7.33; "–" for none."""
    if value is None:
        return "–"
    return f"{value:g}" if value == round(value, 1) else f"{value:.2f}"


def priorities_view(ctx: ViewContext, report: bool = False) -> PrioritiesView:
    """The ranking and its matrix; ``report``: links point into the final report (its
    proposal entries and its services section), else to the site's pages."""
    _ = ctx.gettext
    rows = [_row(ctx, p, report, level_words(ctx)) for p in ctx.analysis.priorities]
    words = level_words(ctx)
    matrix = impact_effort_matrix(
        "matrix-priorities", _("Proposals by impact and effort"),
        [MatrixItem(p.impact, p.effort, str(p.rank),
                    f"{p.rank}. {row.title} ({_('Score')} {row.score.shown})")
         for p, row in zip(ctx.analysis.priorities, rows, strict=True)
         if p.impact and p.effort],
        words, words, (_("Impact"), _("Effort")))
    weights = ", ".join(f"{words[level]} {w}" for level, w in IMPACT_WEIGHTS.items())
    assert IMPACT_WEIGHTS == EFFORT_WEIGHTS  # one line of weights explains both
    return PrioritiesView(rows, matrix, weights)


def _row(ctx: ViewContext, p: Priority, report: bool, words: dict[str, str]) -> PriorityRow:
    proposal = ctx.index.proposals[p.id].proposal
    key = f"proposal:{p.id}"
    service = ctx.index.services.get(p.service)
    return PriorityRow(
        rank=Figure(f"{key}:priority", p.rank), id=p.id, title=ctx.text(proposal.title),
        href=f"#proposal-{p.id}" if report else f"journeys/{p.journey}.html#proposal-{p.id}",
        score=Figure(f"{key}:score", p.score, text=score_text(p.score)),
        impact=words[p.impact] if p.impact else "–",
        effort=words[p.effort] if p.effort else "–",
        pains=Figure(f"{key}:addressed", len(p.pain_points)), worst=p.worst,
        measure=ctx.text(proposal.measure),
        owner=ctx.name_of(p.owner) if p.owner else "",
        service=ctx.text(service.name) if service else "",
        service_href=("#" if report else "services.html#") + f"service-{p.service}",
        status=ctx.word(p.status))
