"""The journey map and its text version: a journey in one language, stage by stage, from
the index and the analysis' journey figures."""

from __future__ import annotations

from dataclasses import dataclass

from ..analyse.journeys import Grouped, StageFigures
from ..graph.index import StepAt
from ..load.model import GoodPractice, Journey, PainPoint, Proposal
from .base import EvidenceView, Figure, Named, ViewContext, signed
from .charts import EmotionChart, emotion_chart


@dataclass(frozen=True)
class PainView:
    id: str
    title: str
    description: str
    kind: str
    severity: int
    kovs: list[str]
    evidence: list[EvidenceView]
    proposals: list[str]


@dataclass(frozen=True)
class PracticeView:
    id: str
    title: str
    description: str
    kovs: list[str]
    evidence: list[EvidenceView]


@dataclass(frozen=True)
class ProposalView:
    id: str
    title: str
    description: str
    owner: str
    status: str
    status_label: str
    target_date: str
    addresses: list[str]
    roles: list[Named]
    evidence: list[EvidenceView]


@dataclass(frozen=True)
class TouchpointView:
    id: str
    name: str
    channel: str
    kov: str
    """The KOV's name, if the touchpoint is local; else ""."""


@dataclass(frozen=True)
class StepView:
    id: str
    name: str
    description: str
    touchpoints: list[TouchpointView]
    emotions: list[tuple[str, str, str]]
    """(persona name, score as written, word) for each persona of the journey."""
    pain_points: list[PainView]
    good_practices: list[PracticeView]


@dataclass(frozen=True)
class Group:
    """Items under a heading (a channel, a provider level), for compact map cells."""

    label: str
    items: list[Named]
    count: Figure


@dataclass(frozen=True)
class StageView:
    id: str
    number: int
    name: str
    description: str
    cross_cutting: bool
    steps: list[StepView]
    touchpoints: list[Group]
    """The stage's distinct touchpoints by channel, the KOV (if local) as ``extra``."""
    touchpoint_count: Figure
    services: list[Named]
    """Services used in the stage, with their provider as ``extra`` (front stage)."""
    service_count: Figure
    providers: list[Group]
    """Providers behind the stage's services, by level (back stage)."""
    proposals: list[ProposalView]


@dataclass(frozen=True)
class JourneyView:
    id: str
    title: str
    description: str
    target_group: str
    personas: list[Named]
    stages: list[StageView]
    chart: EmotionChart
    proposals: list[ProposalView]


class JourneyViews:
    """Builds journey views in one language."""

    def __init__(self, ctx: ViewContext) -> None:
        self.ctx = ctx
        self.ix = ctx.index

    def journey(self, journey: Journey) -> JourneyView:
        ctx = self.ctx
        figures = ctx.analysis.journey(journey.id)
        proposals = {p: self.proposal(self.ix.proposals[p].proposal)
                     for s in figures.stages for p in s.proposals}
        steps = self.ix.steps_of(journey.id)
        stages = [self._stage(f, [at for at in steps if at.stage_number == f.number], proposals)
                  for f in figures.stages]
        return JourneyView(
            id=journey.id, title=ctx.text(journey.title),
            description=ctx.text(journey.description),
            target_group=ctx.word(journey.target_group),
            personas=[Named(p, ctx.name_of(p)) for p in journey.personas],
            stages=stages, chart=self.emotion_chart(journey),
            proposals=[self.proposal(p) for p in journey.proposals])

    def _stage(self, f: StageFigures, steps: list[StepAt],
               proposals: dict[str, ProposalView]) -> StageView:
        ctx, ix, key = self.ctx, self.ix, f"stage:{f.journey}/{f.id}"
        stage = ix.journeys[f.journey].stages[f.number - 1]
        return StageView(
            id=f.id, number=f.number, name=ctx.text(stage.name),
            description=ctx.text(stage.description), cross_cutting=stage.cross_cutting,
            steps=[self._step(at) for at in steps],
            touchpoints=self._groups(f.channels, self._touchpoint, f"{key}:channel"),
            touchpoint_count=Figure(f"{key}:touchpoints", len(f.touchpoints)),
            services=[Named(s, ctx.text(ix.services[s].name), ctx.name_of(ix.provider_of(s)))
                      for s in f.services],
            service_count=Figure(f"{key}:services", len(f.services)),
            providers=self._groups(f.levels, lambda p: Named(p, ctx.name_of(p)),
                                   f"{key}:level"),
            proposals=[proposals[p] for p in f.proposals])

    def _groups(self, groups: tuple[Grouped, ...], make, key: str) -> list[Group]:  # type: ignore[no-untyped-def]
        return [Group(self.ctx.word(g.key), [make(i) for i in g.ids],
                      Figure(f"{key}:{g.key}", len(g.ids))) for g in groups]

    def _touchpoint(self, ident: str) -> Named:
        tp = self.ix.touchpoints[ident]
        return Named(ident, self.ctx.text(tp.name), self.ctx.name_of(tp.kov) if tp.kov else "")

    def _step_touchpoint(self, ident: str) -> TouchpointView:
        tp = self.ix.touchpoints[ident]
        return TouchpointView(ident, self.ctx.text(tp.name), self.ctx.word(tp.channel),
                              self.ctx.name_of(tp.kov) if tp.kov else "")

    def _step(self, at: StepAt) -> StepView:
        ctx, step = self.ctx, at.step
        return StepView(
            id=step.id, name=ctx.text(step.name), description=ctx.text(step.description),
            touchpoints=[self._step_touchpoint(t) for t in step.touchpoints],
            emotions=[(ctx.name_of(p), signed(step.emotion[p]),
                       ctx.translator.emotion_word(step.emotion[p]))
                      for p in at.journey.personas if p in step.emotion],
            pain_points=[self.pain(p) for p in step.pain_points],
            good_practices=[self.practice(g) for g in step.good_practices])

    def pain(self, pain: PainPoint) -> PainView:
        ctx = self.ctx
        return PainView(pain.id, ctx.text(pain.title), ctx.text(pain.description), pain.kind,
                        pain.severity, [ctx.name_of(k) for k in pain.kovs],
                        ctx.evidence(pain.evidence),
                        list(ctx.analysis.pain(pain.id).proposals))

    def practice(self, g: GoodPractice) -> PracticeView:
        ctx = self.ctx
        return PracticeView(g.id, ctx.text(g.title), ctx.text(g.description),
                            [ctx.name_of(k) for k in g.kovs], ctx.evidence(g.evidence))

    def proposal(self, proposal: Proposal) -> ProposalView:
        ctx = self.ctx
        return ProposalView(
            id=proposal.id, title=ctx.text(proposal.title),
            description=ctx.text(proposal.description),
            owner=ctx.name_of(proposal.owner) if proposal.owner else "",
            status=proposal.status, status_label=ctx.word(proposal.status),
            target_date=proposal.target_date.isoformat() if proposal.target_date else "",
            addresses=list(proposal.addresses),
            roles=[Named(r.stakeholder, ctx.name_of(r.stakeholder), ctx.text(r.task))
                   for r in proposal.roles],
            evidence=ctx.evidence(proposal.evidence))

    def emotion_chart(self, journey: Journey, band: int = 200, height: int = 190) -> EmotionChart:
        """Each persona's step scores: a stage is a band ``band`` wide, its steps spread
        evenly inside it, so the chart lines up with even-width stage columns."""
        series = []
        for persona in journey.personas:
            values = [(s * band + (k + 0.5) * band / len(stage.steps), step.emotion[persona])
                      for s, stage in enumerate(journey.stages)
                      for k, step in enumerate(stage.steps) if persona in step.emotion]
            series.append((self.ctx.name_of(persona), values))
        return emotion_chart(series, len(journey.stages), band, height)
