"""Typed contexts for the templates: everything a page shows, computed in tested Python.

A view selects from the validated model and puts it into the language of the page; it never
holds data of its own. Templates only lay these objects out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import i18n
from ..graph.network import JourneyGraph
from ..load.model import Journey, PainPoint, Persona, Proposal, Provider, Step, Text
from ..load.workspace import Workspace

PERSONA_MARKERS = ("circle", "square", "triangle", "diamond", "star", "cross")
"""Marker shape of each persona's emotion curve, in journey order: shape, not colour alone."""


@dataclass(frozen=True)
class Named:
    id: str
    name: str
    extra: str = ""


@dataclass(frozen=True)
class EvidenceView:
    source: str
    section: str
    status: str
    """observed or assumed"""
    status_label: str


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
class StepView:
    id: str
    name: str
    description: str
    touchpoints: list[Named]
    """Touchpoint name, with the channel as ``extra``."""
    emotions: list[tuple[str, int, str]]
    """(persona name, score, word) for each persona of the journey."""
    pain_points: list[PainView]
    good_practices: list[PracticeView]


@dataclass(frozen=True)
class Group:
    """Items under a heading (a channel, a provider level), for compact map cells."""

    label: str
    items: list[Named]


@dataclass(frozen=True)
class StageView:
    id: str
    name: str
    description: str
    cross_cutting: bool
    steps: list[StepView]
    touchpoints: list[Group]
    """The stage's distinct touchpoints by channel, the KOV (if local) as ``extra``."""
    services: list[Named]
    """Services used in the stage, with their provider as ``extra`` (front stage)."""
    providers: list[Group]
    """Providers behind the stage's services, by level (back stage)."""
    proposals: list[ProposalView]

    @property
    def touchpoint_count(self) -> int:
        return sum(len(g.items) for g in self.touchpoints)


@dataclass(frozen=True)
class CurvePoint:
    x: float
    y: float
    value: float
    """A step's score, or a stage's mean score (rounded to one decimal)."""

    @property
    def label(self) -> str:
        """The value as written next to its marker: +1, 0, -2, or -0.5 for a mean."""
        if self.value == int(self.value):
            return f"{int(self.value):+d}" if self.value else "0"
        return f"{self.value:+.1f}"


@dataclass(frozen=True)
class Curve:
    persona: str
    marker: str
    points: list[CurvePoint]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True)
class EmotionChart:
    """An emotion curve per persona across the steps, in a viewBox of stage-wide bands."""

    width: int
    height: int
    band: int
    curves: list[Curve]
    levels: list[tuple[int, float]] = field(default_factory=list)
    """(score, y) of the horizontal guide lines."""


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


class ViewBuilder:
    """Builds the views of one workspace in one language."""

    def __init__(self, ws: Workspace, graph: JourneyGraph, lang: str) -> None:
        self.ws, self.graph, self.lang = ws, graph, lang
        self.providers: dict[str, Provider] = {p.id: p for p in ws.providers()}
        self.services = {s.id: s for s in ws.services()}
        self.touchpoints = {t.id: t for t in ws.touchpoints()}
        self.personas: dict[str, Persona] = {p.id: p for p in ws.personas}
        self.groups = {g.id: g for g in ws.settings.stakeholder_groups} if ws.settings else {}
        self.sources = {s.id: s for s in ws.settings.sources} if ws.settings else {}

    def text(self, value: Text | None) -> str:
        return value.get_lang(self.lang, self.ws.default_language) if value else ""

    def name_of(self, ident: str) -> str:
        """Display name of a provider, stakeholder group, KOV or persona id."""
        if ident in self.providers:
            return self.text(self.providers[ident].name)
        if ident in self.groups:
            return self.text(self.groups[ident].name)
        if ident in self.personas:
            return self.personas[ident].name
        return ident

    # -- journeys ------------------------------------------------------------------------

    def journey(self, journey: Journey) -> JourneyView:
        proposals = [self.proposal(p) for p in journey.proposals]
        by_pain: dict[str, list[ProposalView]] = {}
        for view in proposals:
            for pain in view.addresses:
                by_pain.setdefault(pain, []).append(view)
        stages = [self._stage(stage, journey, by_pain) for stage in journey.stages]
        return JourneyView(
            id=journey.id, title=self.text(journey.title),
            description=self.text(journey.description),
            target_group=i18n.word(self.lang, journey.target_group),
            personas=[Named(p, self.name_of(p)) for p in journey.personas],
            stages=stages, chart=self.emotion_chart(journey), proposals=proposals,
        )

    def _stage(self, stage, journey: Journey,  # type: ignore[no-untyped-def]
               by_pain: dict[str, list[ProposalView]]) -> StageView:
        steps = [self._step(step, journey, by_pain) for step in stage.steps]
        service_ids = sorted({self.touchpoints[t].service for step in stage.steps
                              for t in step.touchpoints})
        provider_ids = sorted({self.services[s].provider for s in service_ids})
        touchpoint_ids = list(dict.fromkeys(t for step in stage.steps for t in step.touchpoints))
        seen: set[str] = set()
        proposals = []
        for step in steps:
            for pain in step.pain_points:
                for view in by_pain.get(pain.id, []):
                    if view.id not in seen:
                        seen.add(view.id)
                        proposals.append(view)
        return StageView(
            id=stage.id, name=self.text(stage.name), description=self.text(stage.description),
            cross_cutting=stage.cross_cutting, steps=steps,
            touchpoints=self._by(touchpoint_ids, lambda t: self.touchpoints[t].channel,
                                 self._touchpoint),
            services=[Named(s, self.text(self.services[s].name),
                            self.name_of(self.services[s].provider)) for s in service_ids],
            providers=self._by(provider_ids, lambda p: self.providers[p].level,
                               lambda p: Named(p, self.name_of(p))),
            proposals=proposals,
        )

    def _by(self, ids: list[str], key, make) -> list[Group]:  # type: ignore[no-untyped-def]
        """``ids`` grouped by ``key`` (a vocabulary value), groups in vocabulary order."""
        groups: dict[str, list[Named]] = {}
        for ident in ids:
            groups.setdefault(key(ident), []).append(make(ident))
        order = list(i18n.VOCABULARY["en"])
        return [Group(i18n.word(self.lang, k), groups[k])
                for k in sorted(groups, key=lambda k: order.index(k) if k in order else 99)]

    def _touchpoint(self, ident: str) -> Named:
        tp = self.touchpoints[ident]
        return Named(ident, self.text(tp.name), self.name_of(tp.kov) if tp.kov else "")

    def _step(self, step: Step, journey: Journey,
              by_pain: dict[str, list[ProposalView]]) -> StepView:
        return StepView(
            id=step.id, name=self.text(step.name), description=self.text(step.description),
            touchpoints=[Named(t, self.text(self.touchpoints[t].name),
                               i18n.word(self.lang, self.touchpoints[t].channel) + (
                                   f", {self.name_of(self.touchpoints[t].kov)}"
                                   if self.touchpoints[t].kov else ""))
                         for t in step.touchpoints],
            emotions=[(self.name_of(p), step.emotion[p], i18n.emotion_word(self.lang,
                                                                          step.emotion[p]))
                      for p in journey.personas if p in step.emotion],
            pain_points=[self.pain(p, [v.id for v in by_pain.get(p.id, [])])
                         for p in step.pain_points],
            good_practices=[PracticeView(g.id, self.text(g.title), self.text(g.description),
                                         [self.name_of(k) for k in g.kovs],
                                         self.evidence(g.evidence))
                            for g in step.good_practices],
        )

    def pain(self, pain: PainPoint, proposals: list[str]) -> PainView:
        return PainView(pain.id, self.text(pain.title), self.text(pain.description), pain.kind,
                        pain.severity, [self.name_of(k) for k in pain.kovs],
                        self.evidence(pain.evidence), proposals)

    def proposal(self, proposal: Proposal) -> ProposalView:
        return ProposalView(
            id=proposal.id, title=self.text(proposal.title),
            description=self.text(proposal.description),
            owner=self.name_of(proposal.owner) if proposal.owner else "",
            status=proposal.status, status_label=i18n.word(self.lang, proposal.status),
            target_date=proposal.target_date.isoformat() if proposal.target_date else "",
            addresses=list(proposal.addresses),
            roles=[Named(r.stakeholder, self.name_of(r.stakeholder), self.text(r.task))
                   for r in proposal.roles],
            evidence=self.evidence(proposal.evidence),
        )

    def evidence(self, items) -> list[EvidenceView]:  # type: ignore[no-untyped-def]
        ui = i18n.ui(self.lang)
        return [EvidenceView(self.text(self.sources[e.source].title) if e.source in self.sources
                             else e.source, e.section or "", e.status, ui[e.status])
                for e in items or []]

    # -- the emotion chart ---------------------------------------------------------------

    def emotion_chart(self, journey: Journey, band: int = 200, height: int = 190) -> EmotionChart:
        """Points of each persona's curve: a stage is a band ``band`` wide, its steps spread
        evenly inside it, so the chart lines up with even-width stage columns."""
        def y_of(score: float) -> float:
            return emotion_y(score, height)

        curves = []
        for i, persona in enumerate(journey.personas):
            points = []
            for s, stage in enumerate(journey.stages):
                for k, step in enumerate(stage.steps):
                    if persona in step.emotion:
                        x = s * band + (k + 0.5) * band / len(stage.steps)
                        points.append(CurvePoint(x, y_of(step.emotion[persona]),
                                                 step.emotion[persona]))
            curves.append(Curve(self.name_of(persona),
                                PERSONA_MARKERS[i % len(PERSONA_MARKERS)], points))
        return EmotionChart(width=band * len(journey.stages), height=height, band=band,
                            curves=curves, levels=[(v, y_of(v)) for v in (2, 1, 0, -1, -2)])



def emotion_y(score: float, height: int) -> float:
    """y of an emotion score in a chart ``height`` high: +2 at the top, -2 at the bottom,
    with room for the value labels above and below."""
    top, bottom = 28.0, height - 28.0
    return top + (2 - score) * (bottom - top) / 4
