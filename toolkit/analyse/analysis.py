"""The *analyse* stage: every figure a reader sees, computed once, typed, never strings.

:func:`analyse` turns the :class:`~toolkit.graph.index.Index` of a validated workspace into
one :class:`Analysis`. Every page, report, diagram and ``teekond analyze`` reads its
numbers, rankings, means and lists from here, so no two of them can disagree. Every number
can be traced back to the YAML: a ranked item carries the ids of the pain points it sums.
Every list is sorted with a documented, deterministic tie-break.

Definitions and formulas
------------------------
*Journeys of an item* ``J(x)``: the journeys of the pain points summed into ``x``; for a
service also every journey that uses it (through a step's touchpoint), for a provider every
journey that uses any of its services. *Reach* ``R(x)`` = number of distinct target groups
of ``J(x)`` + number of distinct personas walking ``J(x)``.

- **Pain ranking** (stages, topics = pain kinds, services, providers)::

      severity(x) = sum of the severities of the pain points of x
      score(x)    = severity(x) * R(x)

  The pain points of a stage are those of its steps (a stage id shared by several journeys
  is one stage); of a topic, those of that kind; of a service, those of the steps that use
  it through a touchpoint plus those that name it in ``services:``; of a provider, those of
  its services (each pain point once). Order: score desc, severity desc, id asc.
- **Bottlenecks** (every pain point ranked): severity desc, then the rank of its stage in
  the stage ranking, then its journey (target group, id), then its order in the journey.
  Each carries its evidence status: observed if an observed source it cites states the
  pain point itself (``supports: claim``), else assumed (none if it cites nothing).
- **Shared services**: services used by at least ``SHARED_MIN_JOURNEYS`` journeys. Order:
  number of journeys desc, severity of their pain points desc, id asc.
- **Journeys and stages**: per journey its stages, steps, pain points, proposals, good
  practices and services, its ``TOP_PAINS`` (5) largest bottlenecks (its pain points in
  bottleneck order) and the proposals its map lists (its own, then other journeys' that
  address its pain points); per stage its steps, touchpoints (by channel), services (most
  used first: number of the stage's steps using it desc, then id), providers (by level),
  pain points, practices, the proposals addressing its pain points and each persona's
  mean emotion (one decimal).
- **KOV versions of a journey**: for each journey not local to a KOV and each partner
  KOV, the same figures over what a person living there meets: the touchpoints it
  *meets*, the pain points and good practices with no ``kovs:`` or naming it, the
  proposals not owned by another KOV that address a pain point shown; and what of these
  is specific to the KOV (local touchpoints or services it runs, items naming it,
  proposals it owns).
- **Handoffs**: for each persona walking a journey, the touchpoints it can meet (see
  *meets* below) in step order (a step's touchpoints in the order listed; steps of
  cross-cutting stages left out, as they run alongside the others). A handoff is a pair of
  consecutive touchpoints whose services have different providers. Order: count desc,
  journey id asc, persona id asc. A person *meets* a touchpoint unless it is local to
  another KOV (``kov:``) or its service is run by another KOV.
- **Gaps**: steps with no touchpoint; services whose status is not ``exists`` or that a
  proposal names (order: status, then id); per partner KOV, the *service kinds* that at
  least ``MISSING_MIN_KOVS`` other partner KOVs offer and it does not (order: KOV id, then
  number of KOVs offering desc, kind asc). A service's kind is its id without the leading
  ``<kov>-`` of the KOV offering it (``tartu-counselling`` -> ``counselling``); a KOV offers
  the services it provides and those whose ``availability.kovs`` name it.
- **Lacks** (mapping item 5): pain points by kind and perspective. Order: severity desc,
  kind asc, perspective asc.
- **Personas**: see :mod:`toolkit.analyse.personas` (low and high points, the pain points
  that touch a persona, stage means, comparisons).
- **Language gaps**: a persona's usable languages are those at level ``USABLE_LEVELS``
  (B1 or better, or native). For each service the persona meets on the journeys it walks,
  the offered languages are the touchpoint's, else the service's. A gap is a persona ×
  service where languages are recorded and none is usable. Unrecorded languages are not
  gaps. Order: persona id, then service id.
- **KOV comparison**: per partner KOV its services, touchpoints (``kov:``), kinds, the pain
  points and good practices naming it, the proposals it owns and its tasks in others'; a
  matrix kind × KOV. **Roles** per stakeholder group: proposals owned, role tasks, and the
  services its providers offer at each stage (a provider's group is its
  ``stakeholder_group``, else its level). **Pipeline**: proposals by status, by owner and
  by the owner's group. **Partner packs**: see :mod:`toolkit.analyse.providers`.
  **Indicator**: partner KOVs with ``journey_model_since`` set, per
  target year. **Priorities**: see :mod:`toolkit.analyse.priorities` (each open proposal's
  score = impact weight x the severity sum of the pain points it addresses / effort
  weight; services of mapping items (d) and (f) per KOV and per stage). **Evidence**: per
  kind of item, how many are observed (an observed source states the item), rest on
  observed background only, are assumed, or cite nothing; how often each source is cited.
- **Statistics** (the dashboard): per dataset (measure, target group, citizenship group)
  one series per KOV, each point's change from the previous period and the rank the source
  gives; see :mod:`toolkit.analyse.statistics`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..check.validate import validated
from ..diagnostics import Diagnostic
from ..graph.index import Index
from ..load.estonian_kovs import KOVS
from ..load.model import Text
from .journeys import (
    JourneyFigures,
    JourneyHandoffs,
    KovJourneyFigures,
    StageFigures,
    StepGap,
    Totals,
    handoffs,
    journey_figures,
    kov_journey_figures,
    step_gaps,
    totals,
)
from .kovs import (
    IndicatorProgress,
    KovMatrixRow,
    KovMissing,
    KovProfile,
    Practice,
    PracticeGroup,
    group_practices,
    indicator,
    kinds_offered,
    kov_matrix,
    kov_missing,
    kov_profiles,
    practices,
)
from .personas import (
    Comparison,
    LanguageGap,
    PersonaFigures,
    comparisons,
    language_gaps,
    persona_figures,
)
from .priorities import Priority, ServiceAnswer, rank_proposals, service_answers
from .proposals import (
    EvidenceCount,
    GroupProposals,
    GroupRoles,
    OwnerPipeline,
    ServiceNeed,
    SourceKind,
    SourceUse,
    StatusCount,
    evidence_counts,
    pipeline,
    pipeline_by_owner,
    proposals_by_group,
    roles,
    service_needs,
    source_kinds,
    source_uses,
)
from .providers import ProviderPack, provider_packs
from .rankings import (
    Lack,
    Ranked,
    RankedPain,
    SharedService,
    lacks,
    rank_pains,
    rank_providers,
    rank_services,
    rank_stages,
    rank_topics,
    shared_services,
)
from .statistics import StatDataset, statistics


@dataclass(frozen=True)
class Analysis:
    """Every figure, computed once from one validated workspace."""

    totals: Totals
    journeys: tuple[JourneyFigures, ...]
    kov_journeys: tuple[KovJourneyFigures, ...]
    stages: tuple[Ranked, ...]
    topics: tuple[Ranked, ...]
    services: tuple[Ranked, ...]
    providers: tuple[Ranked, ...]
    bottlenecks: tuple[RankedPain, ...]
    shared_services: tuple[SharedService, ...]
    handoffs: tuple[JourneyHandoffs, ...]
    step_gaps: tuple[StepGap, ...]
    service_needs: tuple[ServiceNeed, ...]
    kov_missing: tuple[KovMissing, ...]
    lacks: tuple[Lack, ...]
    language_gaps: tuple[LanguageGap, ...]
    personas: tuple[PersonaFigures, ...]
    comparisons: tuple[Comparison, ...]
    practices: tuple[Practice, ...]
    practices_by_stage: tuple[PracticeGroup, ...]
    practices_by_kov: tuple[PracticeGroup, ...]
    kov_profiles: tuple[KovProfile, ...]
    kov_matrix: tuple[KovMatrixRow, ...]
    roles: tuple[GroupRoles, ...]
    pipeline: tuple[StatusCount, ...]
    pipeline_by_owner: tuple[OwnerPipeline, ...]
    proposals_by_group: tuple[GroupProposals, ...]
    evidence: tuple[EvidenceCount, ...]
    sources: tuple[SourceUse, ...]
    source_kinds: tuple[SourceKind, ...]
    indicator: IndicatorProgress
    priorities: tuple[Priority, ...]
    missing_services: ServiceAnswer
    """Mapping item (d): services missing from the KOV's view."""
    improve_services: ServiceAnswer
    """Mapping item (f): services that need improving or developing."""
    packs: tuple[ProviderPack, ...]
    """Each provider's part of the journeys (its partner pack), by provider id."""
    statistics: tuple[StatDataset, ...]
    """The statistics dashboard's datasets (:mod:`toolkit.analyse.statistics`)."""
    names: dict[str, Text]
    """Display names of every id the results mention, keyed ``<kind>:<id>``
    (stage, service, provider, journey, persona, pain, proposal, practice, group, step)."""

    # -- lookups of the results by id (not fields: the JSON holds each figure once) ------

    def journey(self, ident: str) -> JourneyFigures:
        return self._by_id("journeys")[ident]

    def stage(self, journey: str, stage: str) -> StageFigures:
        return next(s for s in self.journey(journey).stages if s.id == stage)

    def kov_journey(self, journey: str, kov: str) -> KovJourneyFigures:
        return self._by_id("kov_journeys", "key")[journey, kov]

    def kovs_of_journey(self, journey: str) -> tuple[str, ...]:
        """The partner KOVs that have a version of ``journey``'s map, by id."""
        return tuple(k.kov for k in self.kov_journeys if k.journey == journey)

    def kov(self, ident: str) -> KovProfile:
        return self._by_id("kov_profiles", "kov")[ident]

    def pack(self, provider: str) -> ProviderPack:
        return self._by_id("packs", "provider")[provider]

    def persona(self, ident: str) -> PersonaFigures:
        return self._by_id("personas")[ident]

    def pain(self, ident: str) -> RankedPain:
        return self._by_id("bottlenecks")[ident]

    def priority(self, ident: str) -> Priority | None:
        """A proposal's place in the priority ranking (None for a closed proposal)."""
        return self._by_id("priorities").get(ident)

    def priorities_of(self, owner: str) -> tuple[Priority, ...]:
        """The open proposals ``owner`` (a provider or stakeholder group) owns, in
        priority order: a partner's own ranking."""
        return tuple(p for p in self.priorities if p.owner == owner)

    def pain_score(self, kind: str, ident: str) -> int:
        """The severity sum of a ``service`` or ``provider`` (0 if no pain touches it)."""
        found = self._by_id("services" if kind == "service" else "providers").get(ident)
        return found.severity if found else 0

    def _by_id(self, field: str, key: str = "id") -> dict:  # type: ignore[type-arg]
        cache = self.__dict__.setdefault("_lookups", {})  # frozen: the cache is no field
        if field not in cache:
            cache[field] = {getattr(item, key): item for item in getattr(self, field)}
        return cache[field]


def names(ix: Index) -> dict[str, Text]:
    """Display names of every id the results can mention."""
    found: dict[str, Text] = {f"stage:{k}": v for k, v in ix.stage_names.items()}
    found.update({f"service:{k}": s.name for k, s in ix.services.items()})
    found.update({f"provider:{k}": p.name for k, p in ix.providers.items()})
    found.update({f"journey:{k}": j.title for k, j in ix.journeys.items()})
    found.update({f"persona:{k}": Text({"et": p.name}) for k, p in ix.personas.items()})
    found.update({f"group:{k}": g.name for k, g in ix.groups.items()})
    found.update({f"proposal:{k}": p.proposal.title for k, p in ix.proposals.items()})
    found.update({f"touchpoint:{k}": t.name for k, t in ix.touchpoints.items()})
    found.update({f"step:{at.key}": at.step.name for at in ix.steps})
    found.update({f"practice:{k}": p.practice.title for k, p in ix.practices.items()})
    found.update({f"pain:{k}": p.pain.title for k, p in ix.pains.items()})
    found.update({f"kov:{k}": ix.providers[k].name if k in ix.providers
                  else Text({"et": KOVS[k], "en": KOVS[k]})
                  for k in sorted({row.kov for row in ix.ws.statistics})})
    return found


def analyse_workspace(root: Path) -> tuple[Analysis, list[Diagnostic]]:
    """Validate the workspace at ``root`` and analyse it: the analysis and the warnings
    (errors raise :class:`~toolkit.errors.ContentErrors`). What `teekond analyze` runs."""
    result = validated(root)
    return analyse(Index(result.workspace)), result.warnings


def analyse(ix: Index) -> Analysis:
    """Every figure of a workspace that validated without errors."""
    offered = kinds_offered(ix)
    found_practices = practices(ix)
    by_kov = group_practices(found_practices, "kov")
    stages = rank_stages(ix)
    bottlenecks = rank_pains(ix, stages)
    journeys = journey_figures(ix, bottlenecks)
    people = persona_figures(ix)
    needs = service_needs(ix)
    missing, improve = service_answers(ix, needs)
    walks = handoffs(ix)
    ranked = rank_proposals(ix)
    return Analysis(
        totals=totals(ix), journeys=journeys,
        kov_journeys=kov_journey_figures(ix, journeys, bottlenecks),
        stages=stages, topics=rank_topics(ix), services=rank_services(ix),
        providers=rank_providers(ix), bottlenecks=bottlenecks,
        shared_services=shared_services(ix), handoffs=walks, step_gaps=step_gaps(ix),
        service_needs=needs, kov_missing=kov_missing(offered), lacks=lacks(ix),
        language_gaps=language_gaps(ix), personas=people, comparisons=comparisons(ix, people),
        practices=found_practices,
        practices_by_stage=group_practices(found_practices, "stage"), practices_by_kov=by_kov,
        kov_profiles=kov_profiles(ix, offered, by_kov), kov_matrix=kov_matrix(offered),
        roles=roles(ix), pipeline=pipeline(ix), pipeline_by_owner=pipeline_by_owner(ix),
        proposals_by_group=proposals_by_group(ix), evidence=evidence_counts(ix),
        sources=source_uses(ix), source_kinds=source_kinds(ix), indicator=indicator(ix),
        priorities=ranked, missing_services=missing, improve_services=improve,
        packs=provider_packs(ix, bottlenecks, walks, ranked), statistics=statistics(ix),
        names=names(ix),
    )
