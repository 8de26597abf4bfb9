"""The final report's content in one language, built from the workspace and its analysis.

The report follows the seeds' structure (domain.md §2.9): 1) the target groups' journeys,
2) roles and tasks by stakeholder group, 3) the bottlenecks ranked, each with its evidence,
4) the proposals by stakeholder group; then good practices, one section per partner KOV
and a method annex. Everything here is plain data in display form; the templates
``report_final.html`` and ``report_final.md`` lay it out, and the charts are
:class:`BarChart` values and the journeys' emotion charts.

Ranking of pain points (documented in docs/reports.md): severity, highest first; then the
rank of the pain point's stage in the analysis' stage ranking; then the journey's order
(target group, id); then the order in the YAML. Every number in the report is a count of
YAML items or a figure of :mod:`toolkit.analysis`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from .. import i18n
from ..analyse.figures import Analysis
from ..graph.network import JourneyGraph
from ..i18n.report_text import report_text
from ..load.model import Journey, PainPoint, Proposal, ReportingPeriod, Text
from ..load.workspace import Workspace
from .journey import EmotionChart, EvidenceView, Named, ViewBuilder

TARGET_GROUP_ORDER = ("newcomer", "other-background", "returnee")
TOP = 10
"""How many bottleneck services and stages the report lists in its tables."""


# --- charts -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    note: str = ""
    """A short addition written after the value (e.g. the severity behind a score)."""


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart: each label above its bar, so long labels need no cutting."""

    id: str
    title: str
    value_label: str
    bars: list[Bar]
    width: int = 640
    row: int = 34

    @property
    def height(self) -> int:
        return self.row * len(self.bars) + 8

    @property
    def scale(self) -> float:
        """Pixels per unit; the longest bar leaves room for its value."""
        top = max((b.value for b in self.bars), default=0)
        return (self.width - 60) / top if top else 0.0

    @property
    def summary(self) -> str:
        """The chart in one sentence, for its <title> (the table below has the rest)."""
        return "; ".join(f"{b.label}: {b.value}" for b in self.bars)


# --- content ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Figure:
    value: int | str
    label: str


@dataclass(frozen=True)
class StageLine:
    number: int
    name: str
    steps: int
    pain_points: int
    cross_cutting: bool


@dataclass(frozen=True)
class EmotionRow:
    stage: str
    values: list[str]
    """Mean emotion of each persona in the stage, or "–" where it has none."""


@dataclass(frozen=True)
class JourneySection:
    id: str
    title: str
    target_group: str
    description: str
    personas: list[Named]
    stages: list[StageLine]
    chart: EmotionChart
    emotion_rows: list[EmotionRow]
    figures: list[Figure]


@dataclass(frozen=True)
class PainEntry:
    rank: int
    id: str
    title: str
    description: str
    journey: str
    stage: str
    step: str
    kind: str
    perspective: str
    severity: int
    kovs: list[str]
    evidence: list[EvidenceView]
    proposals: list[Named]


@dataclass(frozen=True)
class RankedRow:
    rank: int
    name: str
    extra: str
    score: int
    severity: int
    count: int


@dataclass(frozen=True)
class RoleLine:
    stakeholder: str
    task: str
    proposal: str


@dataclass(frozen=True)
class ProvideLine:
    stage: str
    services: int
    providers: list[str]


@dataclass(frozen=True)
class GroupRolesSection:
    id: str
    name: str
    owns: list[str]
    tasks: list[RoleLine]
    provides: list[ProvideLine]


@dataclass(frozen=True)
class ProposalEntry:
    id: str
    title: str
    description: str
    journey: str
    owner: str
    status: str
    status_label: str
    target_date: str
    addresses: list[Named]
    roles: list[Named]
    evidence: list[EvidenceView]


@dataclass(frozen=True)
class GroupProposals:
    id: str
    name: str
    proposals: list[ProposalEntry]
    by_status: str
    """e.g. "idea 12, pilot 1"."""


@dataclass(frozen=True)
class PracticeEntry:
    title: str
    description: str
    journey: str
    step: str
    kovs: list[str]
    evidence: list[EvidenceView]


@dataclass(frozen=True)
class PracticeGroupView:
    name: str
    practices: list[PracticeEntry]


@dataclass(frozen=True)
class KovSection:
    id: str
    name: str
    contract: str
    council: str
    journey_model: str
    staff: list[str]
    facts: list[str]
    figures: list[Figure]
    services: list[str]
    pain_points: list[Named]
    practices: list[str]
    proposals: list[str]


@dataclass(frozen=True)
class EvidenceCount:
    kind: str
    items: int
    observed: int
    assumed: int
    unsourced: int


@dataclass(frozen=True)
class SourceLine:
    id: str
    kind: str
    title: str
    date: str
    reference: str
    cited: int


@dataclass(frozen=True)
class IndicatorRow:
    year: int
    target: int
    actual: int


@dataclass(frozen=True)
class FinalReport:
    lang: str
    year: int
    title: str
    organisation: str
    period: str
    due: str
    figures: list[Figure]
    top_pain_points: list[PainEntry]
    journeys: list[JourneySection]
    roles: list[GroupRolesSection]
    stage_chart: BarChart
    stages: list[RankedRow]
    topics: list[RankedRow]
    services: list[RankedRow]
    pain_points: list[PainEntry]
    status_chart: BarChart
    proposal_groups: list[GroupProposals]
    practices: list[PracticeGroupView]
    kovs: list[KovSection]
    indicator_name: str
    indicator: list[IndicatorRow]
    indicator_kovs: list[str]
    evidence: list[EvidenceCount]
    sources: list[SourceLine]


# --- building ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Placed:
    """A pain point with where it sits."""

    pain: PainPoint
    journey: Journey
    stage_id: str
    stage_name: Text
    step_name: Text
    order: int


@dataclass(frozen=True)
class _KovIndex:
    pains: dict[str, list[Named]]
    owned: dict[str, list[str]]
    roles: dict[str, int]
    practices: dict[str, tuple[str, ...]]


class FinalReportBuilder:
    """Builds the :class:`FinalReport` of one language."""

    def __init__(self, ws: Workspace, graph: JourneyGraph, analysis: Analysis,
                 period: ReportingPeriod, lang: str) -> None:
        self.ws, self.analysis, self.period, self.lang = ws, analysis, period, lang
        self.views = ViewBuilder(ws, graph, lang)
        self.t = report_text(lang)
        self.journeys = sorted(ws.journeys, key=lambda j: (
            TARGET_GROUP_ORDER.index(j.target_group)
            if j.target_group in TARGET_GROUP_ORDER else 9, j.id))
        self.placed = [
            _Placed(pain, journey, stage.id, stage.name, step.name, order)
            for journey in self.journeys for order, (stage, step, pain) in enumerate(
                (stage, step, pain) for stage in journey.stages for step in stage.steps
                for pain in step.pain_points)]
        self.pain_titles = {p.pain.id: self.views.text(p.pain.title) for p in self.placed}
        self.proposals = [(j, p) for j in self.journeys for p in j.proposals]
        self.addressed_by: dict[str, list[Named]] = {}
        for _, proposal in self.proposals:
            for pain in proposal.addresses:
                self.addressed_by.setdefault(pain, []).append(
                    Named(proposal.id, self.views.text(proposal.title)))

    def figure(self, value: int, key: str) -> Figure:
        """``value`` with the singular or plural of the report word ``key``."""
        singular, plural = self.t[key].split("|")
        return Figure(value, singular if value == 1 else plural)

    def plural(self, key: str) -> str:
        return self.t[key].split("|")[1]

    def name(self, kind: str, ident: str) -> str:
        found = self.analysis.names.get(f"{kind}:{ident}")
        return self.views.text(found) if found else self.views.name_of(ident)

    def build(self) -> FinalReport:
        settings = self.ws.settings
        pains = self.ranked_pains()
        indicator = self.analysis.indicator
        return FinalReport(
            lang=self.lang, year=self.period.end.year,
            title=self.t["final_title"].format(year=self.period.end.year),
            organisation=self.views.text(settings.organisation) if settings else "",
            period=f"{_date(self.period.start)} – {_date(self.period.end)}",
            due=_date(self.period.due) if self.period.due else "",
            figures=self._figures(), top_pain_points=pains[:5],
            journeys=[self._journey(j) for j in self.journeys],
            roles=self._roles(),
            stage_chart=self.stage_chart(),
            stages=self.ranked_rows(self.analysis.stages, "stage"),
            topics=[RankedRow(i, i18n.word(self.lang, r.id), "", r.score, r.severity,
                              len(r.pain_points))
                    for i, r in enumerate(self.analysis.topics, 1)],
            services=self.ranked_rows(self.analysis.services[:TOP], "service"),
            pain_points=pains,
            status_chart=BarChart("chart-status", self.t["chart_status"], self.t["count"], [
                Bar(i18n.word(self.lang, s.status), len(s.proposals))
                for s in self.analysis.pipeline]),
            proposal_groups=self._proposal_groups(),
            practices=self._practices(),
            kovs=[self._kov(p) for p in self.analysis.kov_profiles],
            indicator_name=self.views.text(indicator.name),
            indicator=[IndicatorRow(y.year, y.target, y.actual) for y in indicator.years],
            indicator_kovs=self.kovs_with_model(),
            evidence=self._evidence_counts(),
            sources=self._sources(),
        )

    # -- summary -------------------------------------------------------------------------

    def kovs_with_model(self) -> list[str]:
        """Partner KOVs where the journey model was implemented by the report's year."""
        year = self.period.end.year
        return [self.views.text(p.name) for p in sorted(self.ws.providers(), key=lambda p: p.id)
                if p.partner and p.partner.journey_model_since is not None
                and p.partner.journey_model_since <= year]

    def _figures(self) -> list[Figure]:
        steps = sum(len(s.steps) for j in self.journeys for s in j.stages)
        practices = sum(len(step.good_practices) for j in self.journeys for s in j.stages
                        for step in s.steps)
        partners = sum(1 for p in self.ws.providers() if p.partner)
        return [self.figure(len(self.journeys), "fig_journeys"),
                self.figure(len(self.ws.personas), "fig_personas"),
                self.figure(steps, "fig_steps"),
                self.figure(len(self.placed), "fig_pain_points"),
                self.figure(len(self.proposals), "fig_proposals"),
                self.figure(practices, "fig_practices"),
                self.figure(partners, "fig_kovs")]

    # -- 1. journeys ---------------------------------------------------------------------

    def _journey(self, journey: Journey) -> JourneySection:
        view = self.views.journey(journey)
        stages = [StageLine(i, self.views.text(s.name), len(s.steps),
                            sum(len(step.pain_points) for step in s.steps), s.cross_cutting)
                  for i, s in enumerate(journey.stages, 1)]
        rows = []
        for stage in journey.stages:
            values = []
            for persona in journey.personas:
                scores = [step.emotion[persona] for step in stage.steps
                          if persona in step.emotion]
                values.append(_signed(sum(scores) / len(scores)) if scores else "–")
            rows.append(EmotionRow(self.views.text(stage.name), values))
        practices = sum(len(step.good_practices) for s in journey.stages for step in s.steps)
        return JourneySection(
            id=journey.id, title=view.title, target_group=view.target_group,
            description=view.description,
            personas=[Named(p, self.views.personas[p].name,
                            self.views.text(self.views.personas[p].quote))
                      for p in journey.personas],  # the order of the chart and table columns
            stages=stages, chart=self.views.emotion_chart(journey, band=72, height=200),
            emotion_rows=rows,
            figures=[self.figure(len(stages), "fig_stages"),
                     self.figure(sum(s.steps for s in stages), "fig_steps"),
                     self.figure(sum(s.pain_points for s in stages), "fig_pain_points"),
                     self.figure(len(journey.proposals), "fig_proposals"),
                     self.figure(practices, "fig_practices")])

    # -- 2. roles and tasks --------------------------------------------------------------

    def _roles(self) -> list[GroupRolesSection]:
        services = {s.id: s for s in self.ws.services()}
        stage_order = {s: i for i, s in enumerate(dict.fromkeys(
            s.id for j in self.journeys for s in j.stages))}
        sections = []
        for group in self.analysis.roles:
            provides = []
            for line in sorted(group.provides,
                               key=lambda x: stage_order.get(x.stage, len(stage_order))):
                providers = sorted({self.views.name_of(services[s].provider)
                                    for s in line.services if s in services})
                provides.append(ProvideLine(self.name("stage", line.stage), len(line.services),
                                            providers))
            sections.append(GroupRolesSection(
                id=group.group, name=self.views.text(group.name),
                owns=[self.name("proposal", p) for p in group.owns],
                # grouped by who does them (a stable sort keeps the proposals' order)
                tasks=sorted((RoleLine(self.views.name_of(t.stakeholder), self.views.text(t.task),
                                       self.name("proposal", t.proposal)) for t in group.tasks),
                             key=lambda line: line.stakeholder),
                provides=provides))
        return sections

    # -- 3. bottlenecks ------------------------------------------------------------------

    def stage_chart(self) -> BarChart:
        return BarChart("chart-stages", self.t["chart_stages"], self.t["score"], [
            Bar(self.name("stage", r.id), r.score,
                self.t["severity_sum"].format(severity=r.severity))
            for r in self.analysis.stages])

    def ranked_pains(self) -> list[PainEntry]:
        stage_rank = {r.id: i for i, r in enumerate(self.analysis.stages)}
        journey_rank = {j.id: i for i, j in enumerate(self.journeys)}
        ranked = sorted(self.placed, key=lambda p: (
            -p.pain.severity, stage_rank.get(p.stage_id, len(stage_rank)),
            journey_rank[p.journey.id], p.order))
        return [PainEntry(
            rank=i, id=p.pain.id, title=self.views.text(p.pain.title),
            description=self.views.text(p.pain.description),
            journey=self.views.text(p.journey.title), stage=self.views.text(p.stage_name),
            step=self.views.text(p.step_name), kind=i18n.word(self.lang, p.pain.kind),
            perspective=self.t[f"perspective-{p.pain.perspective}"], severity=p.pain.severity,
            kovs=[self.views.name_of(k) for k in p.pain.kovs],
            evidence=self.views.evidence(p.pain.evidence),
            proposals=self.addressed_by.get(p.pain.id, []))
            for i, p in enumerate(ranked, 1)]

    def ranked_rows(self, rows, kind: str) -> list[RankedRow]:  # type: ignore[no-untyped-def]
        services = {s.id: s for s in self.ws.services()}
        return [RankedRow(i, self.name(kind, r.id),
                          self.views.name_of(services[r.id].provider)
                          if kind == "service" and r.id in services else "",
                          r.score, r.severity, len(r.pain_points))
                for i, r in enumerate(rows, 1)]

    # -- 4. proposals --------------------------------------------------------------------

    def _proposal_groups(self) -> list[GroupProposals]:
        group_of = {o.owner: o.group for o in self.analysis.pipeline_by_owner}
        order = [g.id for g in self.ws.settings.stakeholder_groups] if self.ws.settings else []
        by_group: dict[str, list[ProposalEntry]] = {}
        for journey, proposal in self.proposals:
            group = group_of.get(proposal.owner or "", "") if proposal.owner else ""
            by_group.setdefault(group, []).append(self._proposal(journey, proposal))
        result = []
        for group in sorted(by_group, key=lambda g: order.index(g) if g in order else 99):
            entries = by_group[group]
            counts = {}
            for e in entries:
                counts[e.status_label] = counts.get(e.status_label, 0) + 1
            result.append(GroupProposals(
                group, self.views.name_of(group) if group else self.t["no_owner"], entries,
                ", ".join(f"{label} {n}" for label, n in counts.items())))
        return result

    def _proposal(self, journey: Journey, proposal: Proposal) -> ProposalEntry:
        view = self.views.proposal(proposal)
        return ProposalEntry(
            id=view.id, title=view.title, description=view.description,
            journey=self.views.text(journey.title), owner=view.owner, status=view.status,
            status_label=view.status_label, target_date=view.target_date,
            addresses=[Named(p, self.pain_titles.get(p, p)) for p in proposal.addresses],
            roles=view.roles, evidence=view.evidence)

    # -- good practices, KOVs ------------------------------------------------------------

    def _practices(self) -> list[PracticeGroupView]:
        groups: dict[str, list[PracticeEntry]] = {}
        names: dict[str, str] = {}
        for journey in self.journeys:
            for stage in journey.stages:
                names.setdefault(stage.id, self.views.text(stage.name))
                for step in stage.steps:
                    for g in step.good_practices:
                        groups.setdefault(stage.id, []).append(PracticeEntry(
                            self.views.text(g.title), self.views.text(g.description),
                            self.views.text(journey.title), self.views.text(step.name),
                            [self.views.name_of(k) for k in g.kovs],
                            self.views.evidence(g.evidence)))
        order = {g.key: i for i, g in enumerate(self.analysis.practices_by_stage)}
        return [PracticeGroupView(names[s], groups[s])
                for s in sorted(groups, key=lambda s: order.get(s, len(order)))]

    @cached_property
    def _by_kov(self) -> _KovIndex:
        """Pain points, proposals, tasks and practices of each KOV, gathered in one pass
        (a lookup per KOV section keeps the report linear in the number of KOVs)."""
        index = _KovIndex({}, {}, {}, {g.key: g.practices for g in self.analysis.practices_by_kov})
        for placed in self.placed:
            for kov in placed.pain.kovs:
                index.pains.setdefault(kov, []).append(Named(
                    placed.pain.id, self.views.text(placed.pain.title), str(placed.pain.severity)))
        for _, proposal in self.proposals:
            if proposal.owner:
                index.owned.setdefault(proposal.owner, []).append(
                    self.views.text(proposal.title))
            for role in proposal.roles:
                index.roles[role.stakeholder] = index.roles.get(role.stakeholder, 0) + 1
        return index

    def _kov(self, profile) -> KovSection:  # type: ignore[no-untyped-def]
        t, v = self.t, self.views
        kov = v.providers[profile.kov]
        partner = kov.partner
        assert partner is not None  # kov_profiles lists partner KOVs only
        council = partner.participation_council
        by_kov = self._by_kov
        practices = by_kov.practices.get(profile.kov, ())
        pains = by_kov.pains.get(profile.kov, [])
        owned = by_kov.owned.get(profile.kov, [])
        roles = by_kov.roles.get(profile.kov, 0)
        return KovSection(
            id=profile.kov, name=v.text(kov.name),
            contract=f"{_date(partner.contract.start)} – {_date(partner.contract.end)}",
            council=(i18n.word(self.lang, council.status) if council else t["none"]),
            journey_model=str(partner.journey_model_since) if partner.journey_model_since
            else t["not_yet"],
            staff=[f"{v.text(s.role)} ({_fte(s.fte)})" for s in partner.staff],
            facts=[v.text(f) for f in partner.facts],
            figures=[self.figure(len(profile.services), "fig_services"),
                     self.figure(len(profile.touchpoints), "fig_touchpoints"),
                     self.figure(len(pains), "fig_pain_points"),
                     self.figure(len(practices), "fig_practices"),
                     self.figure(len(owned), "fig_owned"),
                     self.figure(roles, "fig_roles")],
            services=[self.name("service", s) for s in profile.services],
            pain_points=pains,
            practices=[self.name("practice", p) for p in practices],
            proposals=owned)

    # -- method annex --------------------------------------------------------------------

    def _evidence_counts(self) -> list[EvidenceCount]:
        kinds = [
            (self.plural("fig_pain_points"), [p.pain.evidence for p in self.placed]),
            (self.plural("fig_practices"), [g.evidence for j in self.journeys for s in j.stages
                                       for step in s.steps for g in step.good_practices]),
            (self.plural("fig_proposals"), [p.evidence for _, p in self.proposals]),
        ]
        counts = []
        for label, evidence in kinds:
            observed = sum(1 for e in evidence if e and any(x.status == "observed" for x in e))
            unsourced = sum(1 for e in evidence if not e)
            counts.append(EvidenceCount(label, len(evidence), observed,
                                        len(evidence) - observed - unsourced, unsourced))
        return counts

    def _sources(self) -> list[SourceLine]:
        cited: dict[str, int] = {}
        for evidence in self._all_evidence():
            cited[evidence.source] = cited.get(evidence.source, 0) + 1
        sources = self.ws.settings.sources if self.ws.settings else []
        return [SourceLine(s.id, self.t[f"kind-{s.kind}"], self.views.text(s.title),
                           _date(s.date) if s.date else "", s.reference or "",
                           cited.get(s.id, 0)) for s in sources]

    def _all_evidence(self):  # type: ignore[no-untyped-def]
        for p in self.placed:
            yield from p.pain.evidence or []
        for j in self.journeys:
            for s in j.stages:
                for step in s.steps:
                    for g in step.good_practices:
                        yield from g.evidence or []
            for proposal in j.proposals:
                yield from proposal.evidence or []


def _date(value: dt.date) -> str:
    return value.isoformat()


def _signed(value: float) -> str:
    text = f"{value:+.1f}".replace("+0.0", "0").replace("-0.0", "0")
    return text.removesuffix(".0")


def _fte(value: float) -> str:
    return f"{value:g} FTE"
