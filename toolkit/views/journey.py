"""The journey map and its text version: a journey in one language, stage by stage, from
the index and the analysis' journey figures; and each partner KOV's version of the map
(the analysis' :class:`~toolkit.analyse.journeys.KovJourneyFigures`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..analyse.journeys import Grouped, JourneyFigures, KovJourneyFigures, StageFigures
from ..graph.index import StepAt
from ..load.model import GoodPractice, Journey, Proposal, Step
from .base import EvidenceView, Figure, Named, ViewContext, signed
from .charts import (
    ChartPoint,
    CurveStyle,
    EmotionChart,
    Series,
    Shape,
    emotion_chart,
    marker,
    persona_styles,
)
from .structured_data import journey_services_jsonld

SERVICES_SHOWN = 6
"""A stage's most used services shown before "Show all"."""


def kov_page(journey: str, kov: str) -> str:
    """File name of a KOV's version of a journey's map, beside the map: ids never hold
    "--", so no journey or KOV id can make two pages' names meet."""
    return f"{journey}--{kov}.html"


@dataclass(frozen=True)
class Link:
    href: str
    text: str


@dataclass(frozen=True)
class PainView:
    id: str
    title: str
    description: str
    kind: str
    severity: int
    kovs: list[str]
    evidence: list[EvidenceView]
    status: str
    """observed, assumed or none: the strongest of its evidence."""
    status_label: str
    rank: Figure
    """Its place among all the workspace's pain points (the bottleneck ranking)."""
    proposals: list[Link]
    """The proposals on the page addressing it."""
    stage: str = ""
    stage_number: int = 0
    local: bool = False
    """Specific to the KOV of the page (a KOV version) or limited to some KOVs."""
    draft: bool = False
    """Marked ``draft: true`` (only a `build --drafts` shows it)."""


@dataclass(frozen=True)
class PracticeView:
    id: str
    title: str
    description: str
    kovs: list[str]
    evidence: list[EvidenceView]
    local: bool = False
    draft: bool = False


@dataclass(frozen=True)
class ProposalView:
    id: str
    title: str
    description: str
    owner: str
    status: str
    status_label: str
    target_date: str
    addresses: list[Link]
    """The pain points it addresses: on this page, else on their journey's map."""
    roles: list[Named]
    evidence: list[EvidenceView]
    local: bool = False
    draft: bool = False


@dataclass(frozen=True)
class TouchpointView:
    id: str
    name: str
    channel: str
    kov: str
    """The KOV's name, if the touchpoint is local; else ""."""
    local: bool = False


@dataclass(frozen=True)
class ServiceView:
    id: str
    name: str
    provider: str
    level: str
    """The provider's level (state, kov, ngo ...): the badge's colour."""
    level_label: str
    local: bool = False


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
    draft: bool = False


@dataclass(frozen=True)
class Group:
    """Items under a heading (a channel, a provider level), for compact map cells."""

    label: str
    items: list[Named]
    count: Figure
    key: str = ""
    """The vocabulary value (a level: the badge's colour)."""


@dataclass(frozen=True)
class TouchpointGroup:
    label: str
    items: list[TouchpointView]
    count: Figure


@dataclass(frozen=True)
class StageView:
    id: str
    number: int
    name: str
    description: str
    cross_cutting: bool
    steps: list[StepView]
    chart: EmotionChart
    """The stage's part of the journey's emotion chart."""
    pain_points: list[PainView]
    practices: list[PracticeView]
    touchpoints: list[TouchpointGroup]
    """The stage's distinct touchpoints by channel."""
    touchpoint_count: Figure
    services: list[ServiceView]
    """The most used services of the stage (the first :data:`SERVICES_SHOWN`)."""
    more_services: list[ServiceView]
    service_count: Figure
    providers: list[Group]
    """Providers behind the stage's services, by level (back stage)."""

    @property
    def all_services(self) -> list[ServiceView]:
        return self.services + self.more_services


@dataclass(frozen=True)
class PersonaKey:
    """A persona of the journey with its curve's look (the chart legend)."""

    id: str
    name: str
    style: CurveStyle

    @property
    def legend(self) -> Shape:
        """The curve's marker, as the chart legend draws it."""
        return marker(self.style.marker, 10, 10)


@dataclass(frozen=True)
class JourneyView:
    id: str
    title: str
    description: str
    target_group: str
    personas: list[PersonaKey]
    stages: list[StageView]
    chart: EmotionChart
    proposals: list[ProposalView]
    top_pains: list[PainView]
    pain_total: Figure
    """Pain points of the workspace: "#2 of 74"."""
    kov: Named | None = None
    """The KOV whose version this is (None: the full map)."""
    kov_versions: list[Link] = field(default_factory=list)
    facts: list[tuple[Figure, Figure]] = field(default_factory=list)
    """A KOV version: (shown, of which specific to the KOV) per kind of item."""
    draft: bool = False
    services_jsonld: str = ""
    """schema.org JSON-LD of the journey's services, safe inside <script> (full map only)."""

    @property
    def map_href(self) -> str:
        return f"{self.id}.html"


class JourneyViews:
    """Builds journey views in one language."""

    def __init__(self, ctx: ViewContext) -> None:
        self.ctx = ctx
        self.ix = ctx.index
        self.styles = persona_styles(self.ix.personas)

    def journey(self, journey: Journey, kov: str | None = None) -> JourneyView:
        """The map of ``journey``; with ``kov``, that partner KOV's version of it."""
        ctx, a = self.ctx, self.ctx.analysis
        full = a.journey(journey.id)
        seen = a.kov_journey(journey.id, kov) if kov else None
        figures = seen.stages if seen else full.stages
        shown = set(seen.proposals if seen else full.map_proposals)
        local = _Local.of(seen)
        pains = {p: self.pain(p, shown, local.pains, journey.id)
                 for s in figures for p in s.pain_points}
        chart = self.emotion_chart(journey)
        steps = self.ix.steps_of(journey.id)
        stages = [self._stage(f, [at for at in steps if at.stage_number == f.number],
                              chart, pains, local, kov) for f in figures]
        return JourneyView(
            id=journey.id, title=ctx.text(journey.title),
            description=ctx.text(journey.description),
            target_group=ctx.word(journey.target_group),
            personas=[PersonaKey(p, ctx.name_of(p), self.styles[p]) for p in journey.personas],
            stages=stages, chart=chart,
            proposals=[self.proposal(self.ix.proposals[p].proposal, (journey.id, set(pains)),
                                     p in local.proposals)
                       for p in (seen.proposals if seen else full.map_proposals)],
            top_pains=[pains[p] for p in (seen.top_pains if seen else full.top_pains)],
            pain_total=Figure("total:pain_points", len(a.bottlenecks)),
            kov=Named(kov, ctx.name_of(kov)) if kov else None,
            kov_versions=[Link(kov_page(journey.id, k), ctx.name_of(k))
                          for k in a.kovs_of_journey(journey.id)],
            facts=self._facts(full, seen) if seen else [], draft=journey.draft,
            services_jsonld="" if kov else journey_services_jsonld(ctx, journey.id))

    def _facts(self, full: JourneyFigures, seen: KovJourneyFigures) -> list[tuple[Figure, Figure]]:
        key, count = f"journey:{full.id}:kov:{seen.kov}", self.ctx.count
        shown = [count(f"{key}:pain_points", len(seen.pain_points), "pain point", "pain points"),
                 count(f"{key}:proposals", len(seen.proposals), "proposal", "proposals"),
                 count(f"{key}:practices", len(seen.practices), "good practice",
                       "good practices"),
                 count(f"{key}:touchpoints", len(seen.touchpoints), "touchpoint",
                       "touchpoints")]
        local = (seen.local_pains, seen.local_proposals, seen.local_practices,
                 seen.local_touchpoints)
        return [(f, Figure(f"{key}:local_{f.key.rsplit(':', 1)[1]}", len(ids)))
                for f, ids in zip(shown, local, strict=True)]

    def _stage(self, f: StageFigures, steps: list[StepAt], chart: EmotionChart,
               pains: dict[str, PainView], local: _Local, kov: str | None) -> StageView:
        ctx, ix = self.ctx, self.ix
        key = f"stage:{f.journey}/{f.id}" + (f":kov:{kov}" if kov else "")
        stage = ix.journeys[f.journey].stages[f.number - 1]
        services = [self._service(s, local) for s in f.services]
        return StageView(
            id=f.id, number=f.number, name=ctx.text(stage.name),
            description=ctx.text(stage.description), cross_cutting=stage.cross_cutting,
            steps=[self._step(at) for at in steps], chart=chart.band_chart(f.number - 1),
            pain_points=[pains[p] for p in f.pain_points],
            practices=[self.practice(ix.practices[g].practice, g in local.practices)
                       for g in f.practices],
            touchpoints=[TouchpointGroup(ctx.word(g.key),
                                         [self._touchpoint(t, local) for t in g.ids],
                                         Figure(f"{key}:channel:{g.key}", len(g.ids)))
                         for g in f.channels],
            touchpoint_count=Figure(f"{key}:touchpoints", len(f.touchpoints)),
            services=services[:SERVICES_SHOWN], more_services=services[SERVICES_SHOWN:],
            service_count=Figure(f"{key}:services", len(f.services)),
            providers=self._groups(f.levels, f"{key}:level"))

    def _groups(self, groups: tuple[Grouped, ...], key: str) -> list[Group]:
        return [Group(self.ctx.word(g.key), [Named(p, self.ctx.name_of(p)) for p in g.ids],
                      Figure(f"{key}:{g.key}", len(g.ids)), g.key) for g in groups]

    def _service(self, ident: str, local: _Local) -> ServiceView:
        service = self.ix.services[ident]
        provider = self.ix.providers[service.provider]
        return ServiceView(ident, self.ctx.text(service.name), self.ctx.text(provider.name),
                           provider.level, self.ctx.word(provider.level),
                           provider.id == local.kov)

    def _touchpoint(self, ident: str, local: _Local | None = None) -> TouchpointView:
        tp = self.ix.touchpoints[ident]
        return TouchpointView(ident, self.ctx.text(tp.name), self.ctx.word(tp.channel),
                              self.ctx.name_of(tp.kov) if tp.kov else "",
                              bool(local and ident in local.touchpoints))

    def _step(self, at: StepAt) -> StepView:
        ctx, step = self.ctx, at.step
        return StepView(
            id=step.id, name=ctx.text(step.name), description=ctx.text(step.description),
            touchpoints=[self._touchpoint(t) for t in step.touchpoints],
            emotions=[(ctx.name_of(p), signed(step.emotion[p]),
                       ctx.translator.emotion_word(step.emotion[p]))
                      for p in at.journey.personas if p in step.emotion],
            pain_points=[self.pain(p.id) for p in step.pain_points],
            good_practices=[self.practice(g) for g in step.good_practices], draft=step.draft)

    def pain(self, ident: str, shown: set[str] | None = None, local: set[str] | None = None,
             journey: str = "") -> PainView:
        """A pain point with its rank; ``shown``: the proposals on the page (None: all)."""
        ctx, placed, ranked = self.ctx, self.ix.pains[ident], self.ctx.analysis.pain(ident)
        pain = placed.pain
        return PainView(
            pain.id, ctx.text(pain.title), ctx.text(pain.description), pain.kind,
            pain.severity, [ctx.name_of(k) for k in pain.kovs], ctx.evidence(pain.evidence),
            ranked.evidence, ctx.gettext(ranked.evidence) if ranked.evidence != "none"
            else ctx.gettext("no source"),
            Figure(f"pain:{ident}:rank", ranked.rank, text=f"#{ranked.rank}"),
            [Link(f"#proposal-{p}", ctx.text(self.ix.proposals[p].proposal.title))
             for p in ranked.proposals if shown is None or p in shown],
            ctx.text(placed.at.stage.name), placed.at.stage_number,
            ident in (local or ()), pain.draft)

    def practice(self, g: GoodPractice, local: bool = False) -> PracticeView:
        ctx = self.ctx
        return PracticeView(g.id, ctx.text(g.title), ctx.text(g.description),
                            [ctx.name_of(k) for k in g.kovs], ctx.evidence(g.evidence), local,
                            g.draft)

    def proposal(self, proposal: Proposal, page: tuple[str, set[str]] | None = None,
                 local: bool = False) -> ProposalView:
        """A proposal; ``page``: the journey of the page and the pain points it shows (the
        pain points it addresses on other journeys link to their map; those of this
        journey the page leaves out, it leaves out)."""
        ctx = self.ctx
        return ProposalView(
            id=proposal.id, title=ctx.text(proposal.title),
            description=ctx.text(proposal.description),
            owner=ctx.name_of(proposal.owner) if proposal.owner else "",
            status=proposal.status, status_label=ctx.word(proposal.status),
            target_date=proposal.target_date.isoformat() if proposal.target_date else "",
            addresses=[link for p in proposal.addresses
                       for link in self._pain_links(p, page)],
            roles=[Named(r.stakeholder, ctx.name_of(r.stakeholder), ctx.text(r.task))
                   for r in proposal.roles],
            evidence=ctx.evidence(proposal.evidence), local=local, draft=proposal.draft)

    def _pain_links(self, ident: str, page: tuple[str, set[str]] | None) -> list[Link]:
        placed = self.ix.pains[ident]
        title = self.ctx.text(placed.pain.title)
        if page is None or ident in page[1]:
            return [Link(f"#pain-{ident}", title)]
        if placed.at.journey.id != page[0]:
            return [Link(f"{placed.at.journey.id}.html#pain-{ident}", title)]
        return []

    def _pains_at(self, step: Step) -> str:
        """What a dip in the curve is about: the step's pain points with their ranks, for
        the marker's title (tooltip and text alternative)."""
        if not step.pain_points:
            return ""
        _ = self.ctx.gettext
        pains = "; ".join(f"#{self.ctx.analysis.pain(p.id).rank} {self.ctx.text(p.title)}"
                          for p in step.pain_points)
        label = _("pain points here")
        return f" · {label}: {pains}"

    def emotion_chart(self, journey: Journey, band: int = 200, height: int = 190) -> EmotionChart:
        """Each persona's step scores: a stage is a band ``band`` wide, its steps spread
        evenly inside it, so the chart lines up with even-width stage columns."""
        ctx, series = self.ctx, []
        for persona in journey.personas:
            name = ctx.name_of(persona)
            values = [ChartPoint(s * band + (k + 0.5) * band / len(stage.steps),
                                 step.emotion[persona],
                                 f"{name}, {ctx.text(step.name)}: {signed(step.emotion[persona])}"
                                 f" ({ctx.translator.emotion_word(step.emotion[persona])})"
                                 + self._pains_at(step))
                      for s, stage in enumerate(journey.stages)
                      for k, step in enumerate(stage.steps) if persona in step.emotion]
            series.append(Series(name, self.styles[persona], values))
        return emotion_chart(series, len(journey.stages), band, height)


@dataclass(frozen=True)
class _Local:
    """What a KOV version marks as the KOV's own (nothing on the full map)."""

    kov: str = ""
    touchpoints: frozenset[str] = frozenset()
    pains: frozenset[str] = frozenset()
    practices: frozenset[str] = frozenset()
    proposals: frozenset[str] = frozenset()

    @classmethod
    def of(cls, seen: KovJourneyFigures | None) -> _Local:
        if seen is None:
            return cls()
        return cls(seen.kov, frozenset(seen.local_touchpoints), frozenset(seen.local_pains),
                   frozenset(seen.local_practices), frozenset(seen.local_proposals))
