"""The final report's content in one language, built from the workspace and its analysis.

The report follows the seeds' structure (domain.md §2.9): 1) the target groups' journeys,
2) roles and tasks by stakeholder group, 3) the bottlenecks ranked, each with its evidence,
4) the proposals by stakeholder group; then good practices, one section per partner KOV
and a method annex. Everything here is plain data in display form; the templates
``report_final.html`` and ``report_final.md`` lay it out, and the charts are
:class:`BarChart` values and the journeys' emotion charts.

Every number, ranking and mean in the report is a figure of the analysis
(:mod:`toolkit.analyse`); this module only puts them into the report's words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..analyse.rankings import Ranked, RankedPain
from ..load.model import ReportingPeriod
from .base import EvidenceView, Figure, Named, ViewContext, signed
from .charts import Bar, BarChart, EmotionChart, bar_chart
from .journey import JourneyViews

TOP = 10
"""How many bottleneck services the report lists in its table."""
TOP_SUMMARY = 5
"""How many bottlenecks the summary names."""


# --- content ----------------------------------------------------------------------------

@dataclass(frozen=True)
class StageLine:
    number: int
    name: str
    steps: Figure
    pain_points: Figure
    cross_cutting: bool


@dataclass(frozen=True)
class EmotionRow:
    stage: str
    values: list[Figure]
    """Mean emotion of each persona in the stage (label "–" where it has none)."""


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
    overview: str
    """The overview diagram, from the report's folder: the site's, or for a report that
    leaves items out (known later than its period), one drawn without them."""


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
    services: Figure
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
    by_status: list[Figure]
    """Proposals by status (idea 12, pilot 1)."""


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
class StaffLine:
    role: str
    fte: str
    """The full-time equivalent as written: "0.5 FTE"."""


@dataclass(frozen=True)
class KovSection:
    id: str
    name: str
    contract: str
    council: str
    journey_model: str
    staff: list[StaffLine]
    facts: list[str]
    figures: list[Figure]
    services: list[str]
    pain_points: list[Named]
    practices: list[str]
    proposals: list[str]


@dataclass(frozen=True)
class SourceLine:
    id: str
    kind: str
    title: str
    date: str
    url: str
    """The public address a partner can look it up at ("" for a document without one);
    never the `reference` (a file name of the project's own)."""
    cited: int


@dataclass(frozen=True)
class EvidenceRow:
    """One kind of item in the method annex: how many state their claim, only their
    background, only hypotheses, or nothing."""

    kind: str
    items: Figure
    observed: Figure
    context: Figure
    assumed: Figure
    unsourced: Figure


@dataclass(frozen=True)
class IndicatorRow:
    year: int
    target: int
    actual: int


@dataclass(frozen=True)
class MappedJourney:
    """A journey as the summary names it."""

    id: str
    title: str
    target_group: str
    stages: Figure
    steps: Figure


@dataclass(frozen=True)
class Summary:
    """The summary for partners: what was mapped, with whom, what hurts most (the five
    largest bottlenecks are :attr:`FinalReport.top_pain_points`)."""

    mapped: list[Figure]
    """Target groups, journeys, stages, steps, personas."""
    journeys: list[MappedJourney]
    partners: Figure
    partner_names: list[str]
    sources: Figure
    source_kinds: list[Figure]
    """The sources by kind: "4 seed documents"."""


@dataclass(frozen=True)
class FinalReport:
    lang: str
    year: int
    title: str
    organisation: str
    period: str
    due: str
    summary: Summary
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
    evidence: list[EvidenceRow]
    sources: list[SourceLine]

    @property
    def file(self) -> str:
        """The stem of the report's files: final-2025.html, .md, .pdf."""
        return f"final-{self.year}"


# --- building ---------------------------------------------------------------------------

class FinalReportBuilder:
    """Builds the :class:`FinalReport` of one period in one language."""

    def __init__(self, ctx: ViewContext, period: ReportingPeriod,
                 overview_suffix: str = "") -> None:
        """``overview_suffix``: the journey overviews to embed are
        ``<journey>-overview<suffix>.svg`` (a report of what was known at its period's end
        has its own, :func:`overview_stem`)."""
        self.ctx, self.period, self.overview_suffix = ctx, period, overview_suffix
        self.ix, self.analysis, self.lang = ctx.index, ctx.analysis, ctx.lang
        self.journey_views = JourneyViews(ctx)
        self.perspectives = {"kov": ctx.pgettext("perspective", "municipality's view"),
                             "target-group": ctx.pgettext("perspective", "target group's view")}

    def name(self, kind: str, ident: str) -> str:
        found = self.analysis.names.get(f"{kind}:{ident}")
        return self.ctx.text(found) if found else self.ctx.name_of(ident)

    def build(self) -> FinalReport:
        ctx, settings = self.ctx, self.ix.settings
        pains = self.ranked_pains()
        indicator = self.analysis.indicator
        year = self.period.end.year
        return FinalReport(
            lang=self.lang, year=year, title=final_title(ctx, year),
            organisation=ctx.text(settings.organisation) if settings else "",
            period=f"{_date(self.period.start)} – {_date(self.period.end)}",
            due=_date(self.period.due) if self.period.due else "",
            summary=self._summary(), figures=self._figures(),
            top_pain_points=pains[:TOP_SUMMARY],
            journeys=[self._journey(j) for j in self.analysis.journeys],
            roles=self._roles(),
            stage_chart=self.stage_chart(),
            stages=self.ranked_rows(self.analysis.stages, "stage"),
            topics=[self._row(i, r, ctx.word(r.id), "topic") for i, r in
                    enumerate(self.analysis.topics, 1)],
            services=self.ranked_rows(self.analysis.services[:TOP], "service"),
            pain_points=pains,
            status_chart=bar_chart(
                "chart-status", ctx.gettext("Proposals by status"), ctx.gettext("Count"),
                [Bar(ctx.word(s.status), len(s.proposals)) for s in self.analysis.pipeline]),
            proposal_groups=self._proposal_groups(),
            practices=self._practices(),
            kovs=[self._kov(p) for p in self.analysis.kov_profiles],
            indicator_name=ctx.text(indicator.name),
            indicator=[IndicatorRow(y.year, y.target, y.actual) for y in indicator.years],
            indicator_kovs=[ctx.name_of(k) for k in indicator.kovs_by(year)],
            evidence=self._evidence_counts(),
            sources=self._sources(),
        )

    # -- summary -------------------------------------------------------------------------

    def _summary(self) -> Summary:
        ctx, n, count = self.ctx, self.analysis.totals, self.ctx.count
        journeys = [MappedJourney(
            f.id, ctx.text(self.ix.journeys[f.id].title),
            ctx.word(self.ix.journeys[f.id].target_group),
            count(f"journey:{f.id}:stages", len(f.stages), "stage", "stages"),
            count(f"journey:{f.id}:steps", f.steps, "step", "steps"))
            for f in self.analysis.journeys]
        return Summary(
            mapped=[count("total:target_groups", n.target_groups, "target group",
                          "target groups"),
                    count("total:journeys", n.journeys, "journey", "journeys"),
                    count("total:stages", n.stages, "stage", "stages"),
                    count("total:steps", n.steps, "step", "steps"),
                    count("total:personas", n.personas, "persona", "personas")],
            journeys=journeys,
            partners=count("total:partner_kovs", n.partner_kovs, "partner municipality",
                           "partner municipalities"),
            partner_names=[ctx.name_of(k.kov) for k in self.analysis.kov_profiles],
            sources=count("total:sources", n.sources, "source", "sources"),
            source_kinds=[source_kind_count(ctx, k.kind, len(k.sources))
                          for k in self.analysis.source_kinds])

    def _figures(self) -> list[Figure]:
        n, count = self.analysis.totals, self.ctx.count
        return [count("total:pain_points", n.pain_points, "pain point", "pain points"),
                count("total:proposals", n.proposals, "proposal", "proposals"),
                count("total:practices", n.practices, "good practice", "good practices"),
                count("total:partner_kovs", n.partner_kovs, "partner municipality",
                      "partner municipalities")]

    # -- 1. journeys ---------------------------------------------------------------------

    def _journey(self, f) -> JourneySection:  # type: ignore[no-untyped-def]
        ctx, journey, key = self.ctx, self.ix.journeys[f.id], f"journey:{f.id}"
        stages = [StageLine(
            s.number, ctx.text(journey.stages[s.number - 1].name),
            ctx.count(f"stage:{f.id}/{s.id}:steps", len(s.steps), "step", "steps"),
            ctx.count(f"stage:{f.id}/{s.id}:pain_points", len(s.pain_points), "pain point",
                      "pain points"),
            journey.stages[s.number - 1].cross_cutting) for s in f.stages]
        rows = [EmotionRow(ctx.text(journey.stages[s.number - 1].name), [
            Figure(f"stage:{f.id}/{s.id}:emotion:{m.persona}", m.mean,
                   text="–" if m.mean is None else signed(m.mean)) for m in s.emotion])
            for s in f.stages]
        return JourneySection(
            id=journey.id, title=ctx.text(journey.title),
            target_group=ctx.word(journey.target_group),
            description=ctx.text(journey.description),
            personas=[Named(p, self.ix.personas[p].name, ctx.text(self.ix.personas[p].quote))
                      for p in journey.personas],  # the order of the chart and table columns
            stages=stages,
            chart=self.journey_views.emotion_chart(journey, band=72, height=200),
            emotion_rows=rows,
            overview=f"../diagrams/{overview_stem(journey.id, self.overview_suffix)}.svg",
            figures=[ctx.count(f"{key}:stages", len(f.stages), "stage", "stages"),
                     ctx.count(f"{key}:steps", f.steps, "step", "steps"),
                     ctx.count(f"{key}:pain_points", len(f.pain_points), "pain point",
                               "pain points"),
                     ctx.count(f"{key}:proposals", len(f.proposals), "proposal", "proposals"),
                     ctx.count(f"{key}:practices", len(f.practices), "good practice",
                               "good practices")])

    # -- 2. roles and tasks --------------------------------------------------------------

    def _roles(self) -> list[GroupRolesSection]:
        ctx = self.ctx
        return [GroupRolesSection(
            id=group.group, name=ctx.text(group.name),
            owns=[self.name("proposal", p) for p in group.owns],
            # grouped by who does them (a stable sort keeps the proposals' order)
            tasks=sorted((RoleLine(ctx.name_of(t.stakeholder), ctx.text(t.task),
                                   self.name("proposal", t.proposal)) for t in group.tasks),
                         key=lambda line: line.stakeholder),
            provides=[ProvideLine(self.name("stage", line.stage),
                                  ctx.count(f"group:{group.group}:stage:{line.stage}:services",
                                            len(line.services), "service", "services"),
                                  sorted(ctx.name_of(p) for p in line.providers))
                      for line in group.provides])
            for group in self.analysis.roles]

    # -- 3. bottlenecks ------------------------------------------------------------------

    def stage_chart(self) -> BarChart:
        _ = self.ctx.gettext
        return bar_chart("chart-stages", _("Pain score by stage"), _("Score"), [
            Bar(self.name("stage", r.id), r.score,
                _("sum of severities %(severity)s") % {"severity": r.severity})
            for r in self.analysis.stages])

    def ranked_pains(self) -> list[PainEntry]:
        return [self._pain(p) for p in self.analysis.bottlenecks]

    def _pain(self, p: RankedPain) -> PainEntry:
        ctx, placed = self.ctx, self.ix.pains[p.id]
        pain, at = placed.pain, placed.at
        return PainEntry(
            rank=p.rank, id=p.id, title=ctx.text(pain.title),
            description=ctx.text(pain.description), journey=ctx.text(at.journey.title),
            stage=ctx.text(at.stage.name), step=ctx.text(at.step.name),
            kind=ctx.word(p.kind), perspective=self.perspectives[p.perspective],
            severity=p.severity, kovs=[ctx.name_of(k) for k in p.kovs],
            evidence=ctx.evidence(pain.evidence),
            proposals=[Named(pr, self.name("proposal", pr)) for pr in p.proposals])

    def ranked_rows(self, rows: tuple[Ranked, ...], kind: str) -> list[RankedRow]:
        return [self._row(i, r, self.name(kind, r.id), kind) for i, r in enumerate(rows, 1)]

    def _row(self, rank: int, r: Ranked, name: str, kind: str) -> RankedRow:
        extra = (self.ctx.name_of(self.ix.provider_of(r.id))
                 if kind == "service" and r.id in self.ix.services else "")
        return RankedRow(rank, name, extra, r.score, r.severity, len(r.pain_points))

    # -- 4. proposals --------------------------------------------------------------------

    def _proposal_groups(self) -> list[GroupProposals]:
        ctx = self.ctx
        return [GroupProposals(
            g.group, ctx.name_of(g.group) if g.group else ctx.gettext("no owner yet"),
            [self._proposal(p) for p in g.proposals],
            [Figure(f"group:{g.group or '-'}:status:{s}", n, ctx.word(s))
             for s, n in g.by_status.items()])
            for g in self.analysis.proposals_by_group]

    def _proposal(self, ident: str) -> ProposalEntry:
        placed = self.ix.proposals[ident]
        view = self.journey_views.proposal(placed.proposal)
        return ProposalEntry(
            id=view.id, title=view.title, description=view.description,
            journey=self.ctx.text(placed.journey.title), owner=view.owner,
            status=view.status, status_label=view.status_label,
            target_date=view.target_date,
            addresses=[Named(p, self.name("pain", p)) for p in placed.proposal.addresses],
            roles=view.roles, evidence=view.evidence)

    # -- good practices, KOVs ------------------------------------------------------------

    def _practices(self) -> list[PracticeGroupView]:
        ctx, groups = self.ctx, []
        for group in self.analysis.practices_by_stage:
            entries = []
            for ident in group.practices:
                placed = self.ix.practices[ident]
                g, at = placed.practice, placed.at
                entries.append(PracticeEntry(
                    ctx.text(g.title), ctx.text(g.description), ctx.text(at.journey.title),
                    ctx.text(at.step.name), [ctx.name_of(k) for k in g.kovs],
                    ctx.evidence(g.evidence)))
            groups.append(PracticeGroupView(self.name("stage", group.key), entries))
        return groups

    def _kov(self, profile) -> KovSection:  # type: ignore[no-untyped-def]
        ctx, count, key = self.ctx, self.ctx.count, f"kov:{profile.kov}"
        kov = self.ix.providers[profile.kov]
        partner = kov.partner
        assert partner is not None  # kov_profiles lists partner KOVs only
        council = partner.participation_council
        return KovSection(
            id=profile.kov, name=ctx.text(kov.name),
            contract=f"{_date(partner.contract.start)} – {_date(partner.contract.end)}",
            council=ctx.word(council.status if council else "none"),
            journey_model=str(partner.journey_model_since) if partner.journey_model_since
            else ctx.gettext("not yet"),
            staff=[StaffLine(ctx.text(s.role), _fte(s.fte)) for s in partner.staff],
            facts=[ctx.text(f) for f in partner.facts],
            figures=[count(f"{key}:services", len(profile.services), "service", "services"),
                     count(f"{key}:touchpoints", len(profile.touchpoints), "local touchpoint",
                           "local touchpoints"),
                     count(f"{key}:pain_points", len(profile.pain_points), "pain point",
                           "pain points"),
                     count(f"{key}:practices", len(profile.practices), "good practice",
                           "good practices"),
                     count(f"{key}:proposals_owned", len(profile.proposals_owned),
                           "proposal it owns", "proposals it owns"),
                     count(f"{key}:role_tasks", len(profile.role_tasks),
                           "task in others' proposals", "tasks in others' proposals")],
            services=[self.name("service", s) for s in profile.services],
            pain_points=[Named(p, self.name("pain", p), str(self.ix.pains[p].pain.severity))
                         for p in profile.pain_points],
            practices=[self.name("practice", p) for p in profile.practices],
            proposals=[self.name("proposal", p) for p in profile.proposals_owned])

    # -- method annex --------------------------------------------------------------------

    def _evidence_counts(self) -> list[EvidenceRow]:
        pgettext = self.ctx.pgettext
        # TRANSLATORS: rows of the table of observed and assumed items, followed by numbers
        kinds = {"pain": pgettext("evidence table", "pain points"),
                 "practice": pgettext("evidence table", "good practices"),
                 "proposal": pgettext("evidence table", "proposals"),
                 "service": pgettext("evidence table", "services"),
                 "persona": pgettext("evidence table", "personas"),
                 "provider": pgettext("evidence table", "providers")}
        return [EvidenceRow(kinds[e.kind], *(Figure(f"evidence:{e.kind}:{name}", getattr(e, name))
                                            for name in EVIDENCE_COLUMNS))
                for e in self.analysis.evidence]

    def _sources(self) -> list[SourceLine]:
        ctx = self.ctx
        kinds = source_kinds(ctx)
        return [SourceLine(s.id, kinds[s.kind], ctx.text(s.title),
                           _date(s.date) if s.date else "", s.url or "",
                           use.cited)
                for use in self.analysis.sources for s in [self.ix.sources[use.source]]]


EVIDENCE_COLUMNS = ("items", "observed", "context", "assumed", "unsourced")
"""The columns of the annex's evidence table, in order (fields of EvidenceCount)."""


def final_title(ctx: ViewContext, year: int) -> str:
    """The final report's title: "Integration journey mapping: final report 2025"."""
    return ctx.gettext("Integration journey mapping: final report %(year)s") % {"year": year}


def source_kinds(ctx: ViewContext) -> dict[str, str]:
    """A source's kind in words."""
    pgettext = ctx.pgettext
    return {"seed": pgettext("source kind", "seed document"),
            "workshop": pgettext("source kind", "workshop"),
            "interview": pgettext("source kind", "interview"),
            "survey": pgettext("source kind", "survey"),
            "statistic": pgettext("source kind", "statistic"),
            "web": pgettext("source kind", "web page"),
            "general-knowledge": pgettext("source kind", "general knowledge")}


def source_kind_count(ctx: ViewContext, kind: str, n: int) -> Figure:
    """``n`` sources of ``kind`` in words: "4 seed documents"."""
    count, key = ctx.count, f"sources:kind:{kind}"
    nouns = {  # literal strings, for pybabel
        "seed": lambda: count(key, n, "seed document", "seed documents"),
        "workshop": lambda: count(key, n, "workshop", "workshops"),
        "interview": lambda: count(key, n, "interview", "interviews"),
        "survey": lambda: count(key, n, "survey", "surveys"),
        "statistic": lambda: count(key, n, "statistic", "statistics"),
        "web": lambda: count(key, n, "web page", "web pages"),
        "general-knowledge": lambda: count(key, n, "general-knowledge source",
                                           "general-knowledge sources")}
    return nouns.get(kind, lambda: count(key, n, "source", "sources"))()


def _date(value: dt.date) -> str:
    return value.isoformat()


def _fte(value: float) -> str:
    return f"{value:g} FTE"


def overview_stem(journey: str, suffix: str = "") -> str:
    """The file stem of a journey's overview diagram, ``<journey>-overview<suffix>``."""
    return f"{journey}-overview{suffix}"
