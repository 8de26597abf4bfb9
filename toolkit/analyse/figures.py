"""The *analyse* stage: typed answers to the programme's questions, never strings.

:func:`analyse` turns a validated workspace and its graph into one :class:`Analysis`. Every
number can be traced back to the YAML: a ranked item carries the ids of the pain points it
sums. Every list is sorted with a documented, deterministic tie-break.

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
- **Shared services**: services used by at least ``SHARED_MIN_JOURNEYS`` journeys. Order:
  number of journeys desc, severity of their pain points desc, id asc.
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
- **Language gaps**: a persona's usable languages are those at level ``USABLE_LEVELS``
  (B1 or better, or native). For each service the persona meets on the journeys it walks,
  the offered
  languages are the touchpoint's, else the service's. A gap is a persona × service where
  languages are recorded and none is usable. Unrecorded languages are not gaps. Order:
  persona id, then service id.
- **KOV comparison**: per partner KOV its services, touchpoints (``kov:``) and kinds; a matrix
  kind × KOV. **Roles** per stakeholder group: proposals owned, role tasks, and the
  services its providers offer at each stage (a provider's group is its
  ``stakeholder_group``, else its level). **Pipeline**: proposals by status and owner.
  **Indicator**: partner KOVs with ``journey_model_since`` set, per target year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import get_args

from .. import i18n
from ..graph.network import JourneyGraph, node_key
from ..load.model import (
    Journey,
    PainPoint,
    Persona,
    Proposal,
    ProposalStatus,
    ServiceStatus,
    Stage,
    Step,
    Text,
)
from ..load.workspace import Workspace

__all__ = [
    "Analysis", "GroupRoles", "Handoff", "IndicatorProgress", "IndicatorYear", "JourneyHandoffs",
    "KovMatrixRow", "KovMissing", "KovProfile", "Lack", "LanguageGap", "OwnerPipeline",
    "Practice", "PracticeGroup", "Ranked", "RoleTask", "ServiceNeed", "SharedService",
    "StageServices", "StatusCount", "StepGap", "analyse", "service_kind", "usable_languages",
]

USABLE_LEVELS = frozenset({"native", "C2", "C1", "B2", "B1"})
"""Language levels at which a persona can use a service in that language."""
SHARED_MIN_JOURNEYS = 2
"""A service counts as shared when at least this many journeys use it."""
MISSING_MIN_KOVS = 2
"""A service kind counts as missing at a KOV when at least this many other KOVs offer it."""
JOURNEY_MODEL_INDICATOR = "kovs-journey-model"
"""Id of the teekond.yaml indicator counting KOVs where the journey model is implemented."""
STATUS_ORDER: tuple[str, ...] = get_args(ProposalStatus)
SERVICE_STATUS_ORDER: tuple[str, ...] = tuple(reversed(get_args(ServiceStatus)))


# --- results ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Ranked:
    """A stage, topic (pain kind), service or provider with the pain points in its score."""

    id: str
    name: Text
    score: int
    severity: int
    target_groups: tuple[str, ...]
    personas: tuple[str, ...]
    journeys: tuple[str, ...]
    pain_points: tuple[str, ...]


@dataclass(frozen=True)
class SharedService:
    id: str
    name: Text
    provider: str
    journeys: tuple[str, ...]
    severity: int
    pain_points: tuple[str, ...]


@dataclass(frozen=True)
class Handoff:
    """A person passed from one provider to another between two consecutive touchpoints."""

    from_step: str
    from_touchpoint: str
    from_provider: str
    to_step: str
    to_touchpoint: str
    to_provider: str


@dataclass(frozen=True)
class JourneyHandoffs:
    """Handoffs of one persona walking one journey (only the touchpoints it can meet)."""

    journey: str
    persona: str
    kov: str
    """The persona's KOV."""
    name: Text
    count: int
    providers: tuple[str, ...]
    """Distinct providers met, in order of first contact."""
    handoffs: tuple[Handoff, ...]


@dataclass(frozen=True)
class StepGap:
    journey: str
    stage: str
    step: str
    name: Text
    pain_points: tuple[str, ...]


@dataclass(frozen=True)
class ServiceNeed:
    """A service to improve or develop: its status is not `exists`, or a proposal names it."""

    id: str
    name: Text
    provider: str
    status: str
    proposals: tuple[str, ...]
    severity: int
    pain_points: tuple[str, ...]


@dataclass(frozen=True)
class KovMissing:
    kov: str
    kind: str
    offered_by: tuple[str, ...]
    services: tuple[str, ...]
    """The services of that kind at the KOVs offering it."""


@dataclass(frozen=True)
class Lack:
    kind: str
    perspective: str
    severity: int
    pain_points: tuple[str, ...]


@dataclass(frozen=True)
class LanguageGap:
    persona: str
    service: str
    name: Text
    usable: tuple[str, ...]
    offered: tuple[str, ...]
    journeys: tuple[str, ...]
    touchpoints: tuple[str, ...]


@dataclass(frozen=True)
class Practice:
    id: str
    name: Text
    kind: str
    journey: str
    stage: str
    step: str
    kovs: tuple[str, ...]


@dataclass(frozen=True)
class PracticeGroup:
    """Good practices of one stage, or of one KOV (key ``""``: not tied to a KOV)."""

    key: str
    practices: tuple[str, ...]


@dataclass(frozen=True)
class KovProfile:
    kov: str
    name: Text
    services: tuple[str, ...]
    touchpoints: tuple[str, ...]
    kinds: tuple[str, ...]
    journey_model_since: int | None


@dataclass(frozen=True)
class KovMatrixRow:
    kind: str
    offered: dict[str, tuple[str, ...]]
    """KOV id -> its services of this kind (only KOVs offering it)."""


@dataclass(frozen=True)
class RoleTask:
    proposal: str
    stakeholder: str
    task: Text


@dataclass(frozen=True)
class StageServices:
    stage: str
    services: tuple[str, ...]


@dataclass(frozen=True)
class GroupRoles:
    group: str
    name: Text
    owns: tuple[str, ...]
    tasks: tuple[RoleTask, ...]
    provides: tuple[StageServices, ...]


@dataclass(frozen=True)
class StatusCount:
    status: str
    proposals: tuple[str, ...]


@dataclass(frozen=True)
class OwnerPipeline:
    owner: str
    """Provider or stakeholder group id; ``""`` for proposals without an owner."""
    group: str
    proposals: tuple[str, ...]
    by_status: dict[str, int]


@dataclass(frozen=True)
class IndicatorYear:
    year: int
    target: int
    actual: int
    """Partner KOVs with the journey model implemented in or before that year."""


@dataclass(frozen=True)
class IndicatorProgress:
    id: str
    name: Text
    kovs: tuple[str, ...]
    actual: int
    years: tuple[IndicatorYear, ...]


@dataclass(frozen=True)
class Analysis:
    """Every answer, computed once from one validated workspace."""

    stages: tuple[Ranked, ...]
    topics: tuple[Ranked, ...]
    services: tuple[Ranked, ...]
    providers: tuple[Ranked, ...]
    shared_services: tuple[SharedService, ...]
    handoffs: tuple[JourneyHandoffs, ...]
    step_gaps: tuple[StepGap, ...]
    service_needs: tuple[ServiceNeed, ...]
    kov_missing: tuple[KovMissing, ...]
    lacks: tuple[Lack, ...]
    language_gaps: tuple[LanguageGap, ...]
    practices: tuple[Practice, ...]
    practices_by_stage: tuple[PracticeGroup, ...]
    practices_by_kov: tuple[PracticeGroup, ...]
    kov_profiles: tuple[KovProfile, ...]
    kov_matrix: tuple[KovMatrixRow, ...]
    roles: tuple[GroupRoles, ...]
    pipeline: tuple[StatusCount, ...]
    pipeline_by_owner: tuple[OwnerPipeline, ...]
    indicator: IndicatorProgress
    names: dict[str, Text]
    """Display names of every id the results mention, keyed ``<kind>:<id>``
    (stage, service, provider, journey, persona, pain, proposal, practice, group, step)."""


# --- index: the workspace looked up once ------------------------------------------------

@dataclass(frozen=True)
class _PainAt:
    pain: PainPoint
    journey: Journey
    stage: Stage
    step: Step
    services: tuple[str, ...]


class _Index:
    """Lookups built in one pass, so that every analysis is linear in the workspace."""

    def __init__(self, ws: Workspace, graph: JourneyGraph) -> None:
        self.settings = ws.settings
        self.providers = {p.id: p for p in ws.providers()}
        self.services = {s.id: s for s in ws.services()}
        self.touchpoints = {t.id: t for t in ws.touchpoints()}
        self.personas: dict[str, Persona] = {p.id: p for p in ws.personas}
        self.journeys: dict[str, Journey] = {j.id: j for j in ws.journeys}
        self.groups = {g.id: g for g in ws.settings.stakeholder_groups} if ws.settings else {}
        self.group_of_provider = {p: graph.g.nodes[node_key("provider", p)]["group"]
                                  for p in self.providers}
        self.partner_kovs = sorted(p.id for p in self.providers.values() if p.partner)
        self.stage_names: dict[str, Text] = {}
        self.journeys_of_service: dict[str, set[str]] = defaultdict(set)
        self.pains: list[_PainAt] = []
        self.pains_of_service: dict[str, list[_PainAt]] = defaultdict(list)
        self.proposals: list[Proposal] = [p for j in ws.journeys for p in j.proposals]
        self.journeys_of_persona: dict[str, list[Journey]] = defaultdict(list)
        for journey in ws.journeys:
            for persona in journey.personas:
                self.journeys_of_persona[persona].append(journey)
        for journey in ws.journeys:
            self._add_journey(journey)

    def _add_journey(self, journey: Journey) -> None:
        for stage, step in self.steps(journey):
            self.stage_names.setdefault(stage.id, stage.name)
            used = {self.touchpoints[tp].service for tp in step.touchpoints}
            for service in used:
                self.journeys_of_service[service].add(journey.id)
            for pain in step.pain_points:
                # as JourneyGraph.services_of_pain, without a graph query per pain point
                services = tuple(sorted(used.union(pain.services)))
                at = _PainAt(pain, journey, stage, step, services)
                self.pains.append(at)
                for service in services:
                    self.pains_of_service[service].append(at)

    @staticmethod
    def steps(journey: Journey) -> Iterable[tuple[Stage, Step]]:
        for stage in journey.stages:
            for step in stage.steps:
                yield stage, step

    def provider_of(self, service: str) -> str:
        return self.services[service].provider

    def meets(self, home: str, touchpoint: str) -> bool:
        """Whether a person living in KOV ``home`` can meet ``touchpoint``: it is not local
        to another KOV, and its service is not run by another KOV."""
        tp = self.touchpoints[touchpoint]
        provider = self.providers[self.provider_of(tp.service)]
        return tp.kov in (None, home) and (provider.level != "kov" or provider.id == home)

    def group_of(self, ref: str) -> str:
        """Stakeholder group of a provider or group id."""
        return ref if ref in self.groups else self.group_of_provider.get(ref, ref)

    def reach(self, journeys: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Target groups and personas of ``journeys``."""
        found = [self.journeys[j] for j in journeys]
        groups = sorted({j.target_group for j in found})
        personas = sorted({p for j in found for p in j.personas})
        return tuple(groups), tuple(personas)

    def kinds_offered(self) -> dict[str, dict[str, list[str]]]:
        """Partner KOV -> service kind -> its services of that kind."""
        offered: dict[str, dict[str, list[str]]] = {k: defaultdict(list)
                                                    for k in self.partner_kovs}
        for service in self.services.values():
            where = {service.provider, *(service.availability.kovs
                                         if service.availability else ())}
            for kov in sorted(where & offered.keys()):
                offered[kov][service_kind(service.id, kov)].append(service.id)
        return offered


def service_kind(service: str, kov: str) -> str:
    """The kind of a KOV's service: its id without the KOV's prefix."""
    return service.removeprefix(f"{kov}-")


# --- pain rankings ----------------------------------------------------------------------

def _rank_key(item: Ranked) -> tuple[int, int, str]:
    return (-item.score, -item.severity, item.id)


def _ranked(ix: _Index, ident: str, name: Text, pains: Iterable[_PainAt],
            journeys: Iterable[str] = ()) -> Ranked:
    unique = {at.pain.id: at for at in pains}
    used = {at.journey.id for at in unique.values()} | set(journeys)
    groups, personas = ix.reach(used)
    severity = sum(at.pain.severity for at in unique.values())
    return Ranked(ident, name, severity * (len(groups) + len(personas)), severity, groups,
                  personas, tuple(sorted(used)), tuple(sorted(unique)))


def _rank_by(ix: _Index, key: str) -> tuple[Ranked, ...]:
    """Pain ranking of stages (``key="stage"``) or topics (``key="kind"``)."""
    grouped: dict[str, list[_PainAt]] = defaultdict(list)
    for at in ix.pains:
        grouped[at.stage.id if key == "stage" else at.pain.kind].append(at)
    items = [_ranked(ix, k, ix.stage_names[k] if key == "stage" else vocabulary_text(k), v)
             for k, v in grouped.items()]
    return tuple(sorted(items, key=_rank_key))


def rank_stages(ix: _Index) -> tuple[Ranked, ...]:
    return _rank_by(ix, "stage")


def rank_topics(ix: _Index) -> tuple[Ranked, ...]:
    return _rank_by(ix, "kind")


def rank_services(ix: _Index) -> tuple[Ranked, ...]:
    items = [_ranked(ix, s, ix.services[s].name, pains, ix.journeys_of_service.get(s, ()))
             for s, pains in ix.pains_of_service.items()]
    return tuple(sorted(items, key=_rank_key))


def rank_providers(ix: _Index) -> tuple[Ranked, ...]:
    pains: dict[str, list[_PainAt]] = defaultdict(list)
    journeys: dict[str, set[str]] = defaultdict(set)
    for service, found in ix.pains_of_service.items():
        pains[ix.provider_of(service)].extend(found)
    for service, used in ix.journeys_of_service.items():
        journeys[ix.provider_of(service)].update(used)
    items = [_ranked(ix, p, ix.providers[p].name, found, journeys[p])
             for p, found in pains.items()]
    return tuple(sorted(items, key=_rank_key))


def shared_services(ix: _Index) -> tuple[SharedService, ...]:
    items = []
    for service, used in ix.journeys_of_service.items():
        if len(used) < SHARED_MIN_JOURNEYS:
            continue
        pains = {at.pain.id: at.pain.severity for at in ix.pains_of_service.get(service, ())}
        items.append(SharedService(service, ix.services[service].name,
                                   ix.provider_of(service), tuple(sorted(used)),
                                   sum(pains.values()), tuple(sorted(pains))))
    return tuple(sorted(items, key=lambda s: (-len(s.journeys), -s.severity, s.id)))


def vocabulary_text(value: str) -> Text:
    """A vocabulary value (pain kind, status ...) in every language that has words."""
    return Text({lang: i18n.word(lang, value) for lang in i18n.VOCABULARY})


# --- handoffs and gaps ------------------------------------------------------------------

def journey_handoffs(ix: _Index, journey: Journey, persona: Persona) -> JourneyHandoffs:
    """Handoffs between providers along one journey as one persona walks it."""
    home = persona.background.kov
    chain = [(step.id, tp, ix.provider_of(ix.touchpoints[tp].service))
             for stage, step in ix.steps(journey) if not stage.cross_cutting
             for tp in step.touchpoints if ix.meets(home, tp)]
    handoffs = tuple(Handoff(*a, *b) for a, b in pairwise(chain) if a[2] != b[2])
    providers = tuple(dict.fromkeys(p for _, _, p in chain))
    return JourneyHandoffs(journey.id, persona.id, home, journey.title, len(handoffs),
                           providers, handoffs)


def handoffs(ix: _Index) -> tuple[JourneyHandoffs, ...]:
    found = [journey_handoffs(ix, j, ix.personas[p])
             for j in ix.journeys.values() for p in j.personas]
    return tuple(sorted(found, key=lambda h: (-h.count, h.journey, h.persona)))


def step_gaps(ix: _Index) -> tuple[StepGap, ...]:
    return tuple(StepGap(j.id, stage.id, step.id, step.name,
                         tuple(sorted(p.id for p in step.pain_points)))
                 for j in ix.journeys.values() for stage, step in ix.steps(j)
                 if not step.touchpoints)


def service_needs(ix: _Index) -> tuple[ServiceNeed, ...]:
    named: dict[str, list[str]] = defaultdict(list)
    for proposal in ix.proposals:
        if proposal.service:
            named[proposal.service].append(proposal.id)
    items = []
    for service in ix.services.values():
        if service.status == "exists" and service.id not in named:
            continue
        pains = {at.pain.id: at.pain.severity for at in ix.pains_of_service.get(service.id, ())}
        items.append(ServiceNeed(service.id, service.name, service.provider, service.status,
                                 tuple(sorted(named[service.id])), sum(pains.values()),
                                 tuple(sorted(pains))))
    return tuple(sorted(items, key=lambda s: (SERVICE_STATUS_ORDER.index(s.status), s.id)))


def kov_missing(offered: dict[str, dict[str, list[str]]]) -> tuple[KovMissing, ...]:
    """Per KOV, the kinds at least MISSING_MIN_KOVS other partner KOVs offer."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kov in sorted(offered):
        for kind in offered[kov]:
            by_kind[kind].append(kov)
    items = [KovMissing(kov, kind, tuple(kovs),
                        tuple(sorted(s for k in kovs for s in offered[k][kind])))
             for kind, kovs in by_kind.items() if len(kovs) >= MISSING_MIN_KOVS
             for kov in sorted(offered) if kov not in kovs]
    return tuple(sorted(items, key=lambda m: (m.kov, -len(m.offered_by), m.kind)))


def lacks(ix: _Index) -> tuple[Lack, ...]:
    grouped: dict[tuple[str, str], list[PainPoint]] = defaultdict(list)
    for at in ix.pains:
        grouped[at.pain.kind, at.pain.perspective].append(at.pain)
    items = [Lack(kind, perspective, sum(p.severity for p in pains),
                  tuple(sorted(p.id for p in pains)))
             for (kind, perspective), pains in grouped.items()]
    return tuple(sorted(items, key=lambda x: (-x.severity, x.kind, x.perspective)))


# --- languages --------------------------------------------------------------------------

def usable_languages(persona: Persona) -> tuple[str, ...]:
    return tuple(sorted({s.lang for s in persona.languages if s.level in USABLE_LEVELS}))


def _persona_services(ix: _Index, persona: Persona) -> dict[str, dict[str, set[str]]]:
    """Service -> {"offered", "journeys", "touchpoints"} the persona meets (known languages)."""
    found: dict[str, dict[str, set[str]]] = {}
    for journey in ix.journeys_of_persona.get(persona.id, ()):
        for _, step in ix.steps(journey):
            for tp_id in step.touchpoints:
                if not ix.meets(persona.background.kov, tp_id):
                    continue
                tp = ix.touchpoints[tp_id]
                service = ix.services[tp.service]
                offered = tp.languages or service.languages
                if not offered:
                    continue
                entry = found.setdefault(service.id, {"offered": set(), "journeys": set(),
                                                      "touchpoints": set()})
                entry["offered"].update(offered)
                entry["journeys"].add(journey.id)
                entry["touchpoints"].add(tp.id)
    return found


def language_gaps(ix: _Index) -> tuple[LanguageGap, ...]:
    gaps = []
    for persona in sorted(ix.personas.values(), key=lambda p: p.id):
        usable = usable_languages(persona)
        for service, entry in sorted(_persona_services(ix, persona).items()):
            if entry["offered"] & set(usable):
                continue
            gaps.append(LanguageGap(persona.id, service, ix.services[service].name, usable,
                                    *(tuple(sorted(entry[k])) for k in
                                      ("offered", "journeys", "touchpoints"))))
    return tuple(gaps)


# --- good practices and KOVs ------------------------------------------------------------

def practices(ix: _Index) -> tuple[Practice, ...]:
    return tuple(Practice(p.id, p.title, p.kind, j.id, stage.id, step.id, tuple(sorted(p.kovs)))
                 for j in ix.journeys.values() for stage, step in ix.steps(j)
                 for p in step.good_practices)


def group_practices(found: tuple[Practice, ...], by: str) -> tuple[PracticeGroup, ...]:
    """Good practices grouped by ``stage`` or by ``kov`` (each KOV it names), keys sorted."""
    groups: dict[str, list[str]] = defaultdict(list)
    for p in found:
        for key in ((p.stage,) if by == "stage" else p.kovs or ("",)):
            groups[key].append(p.id)
    return tuple(PracticeGroup(k, tuple(sorted(v))) for k, v in sorted(groups.items()))


def kov_profiles(ix: _Index, offered: dict[str, dict[str, list[str]]]) -> tuple[KovProfile, ...]:
    touchpoints: dict[str, list[str]] = defaultdict(list)
    for tp in ix.touchpoints.values():
        if tp.kov:
            touchpoints[tp.kov].append(tp.id)
    return tuple(KovProfile(
        kov, ix.providers[kov].name,
        tuple(sorted(s for found in offered[kov].values() for s in found)),
        tuple(sorted(touchpoints[kov])), tuple(sorted(offered[kov])),
        ix.providers[kov].partner.journey_model_since)  # type: ignore[union-attr]
        for kov in ix.partner_kovs)


def kov_matrix(offered: dict[str, dict[str, list[str]]]) -> tuple[KovMatrixRow, ...]:
    rows: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    for kov in sorted(offered):
        for kind, services in offered[kov].items():
            rows[kind][kov] = tuple(sorted(services))
    return tuple(KovMatrixRow(kind, cells) for kind, cells in
                 sorted(rows.items(), key=lambda r: (-len(r[1]), r[0])))


# --- roles, pipeline and indicator ------------------------------------------------------

def roles(ix: _Index) -> tuple[GroupRoles, ...]:
    owns: dict[str, list[str]] = defaultdict(list)
    tasks: dict[str, list[RoleTask]] = defaultdict(list)
    provides: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for proposal in ix.proposals:
        if proposal.owner:
            owns[ix.group_of(proposal.owner)].append(proposal.id)
        for role in proposal.roles:
            tasks[ix.group_of(role.stakeholder)].append(
                RoleTask(proposal.id, role.stakeholder, role.task))
    for journey in ix.journeys.values():
        for stage, step in ix.steps(journey):
            for tp in step.touchpoints:
                service = ix.touchpoints[tp].service
                group = ix.group_of_provider[ix.provider_of(service)]
                provides[group].setdefault(stage.id, set()).add(service)
    order = list(ix.groups) + sorted({*owns, *tasks, *provides} - ix.groups.keys())
    return tuple(GroupRoles(
        g, ix.groups[g].name if g in ix.groups else vocabulary_text(g),
        tuple(sorted(owns[g])), tuple(sorted(tasks[g], key=lambda t: (t.proposal,
                                                                      t.stakeholder))),
        tuple(StageServices(s, tuple(sorted(v))) for s, v in provides[g].items()))
        for g in order)


def pipeline(ix: _Index) -> tuple[StatusCount, ...]:
    return tuple(StatusCount(status, tuple(sorted(p.id for p in ix.proposals
                                                  if p.status == status)))
                 for status in STATUS_ORDER)


def pipeline_by_owner(ix: _Index) -> tuple[OwnerPipeline, ...]:
    owned: dict[str, list[Proposal]] = defaultdict(list)
    for proposal in ix.proposals:
        owned[proposal.owner or ""].append(proposal)
    items = [OwnerPipeline(owner, ix.group_of(owner) if owner else "",
                           tuple(sorted(p.id for p in found)),
                           {s: n for s in STATUS_ORDER
                            if (n := sum(p.status == s for p in found))})
             for owner, found in owned.items()]
    return tuple(sorted(items, key=lambda o: (-len(o.proposals), o.owner)))


def indicator(ix: _Index) -> IndicatorProgress:
    since = {k: ix.providers[k].partner.journey_model_since  # type: ignore[union-attr]
             for k in ix.partner_kovs}
    done = {k: year for k, year in since.items() if year is not None}
    declared = next((i for i in (ix.settings.indicators if ix.settings else ())
                     if i.id == JOURNEY_MODEL_INDICATOR), None)
    targets = sorted(declared.targets.items()) if declared else []
    years = tuple(IndicatorYear(y, t, sum(s <= y for s in done.values())) for y, t in targets)
    name = declared.name if declared else Text({"en": JOURNEY_MODEL_INDICATOR})
    return IndicatorProgress(JOURNEY_MODEL_INDICATOR, name, tuple(sorted(done)), len(done),
                             years)


# --- everything -------------------------------------------------------------------------

def names(ix: _Index) -> dict[str, Text]:
    """Display names of every id the results can mention."""
    found: dict[str, Text] = {f"stage:{k}": v for k, v in ix.stage_names.items()}
    found.update({f"service:{k}": s.name for k, s in ix.services.items()})
    found.update({f"provider:{k}": p.name for k, p in ix.providers.items()})
    found.update({f"journey:{k}": j.title for k, j in ix.journeys.items()})
    found.update({f"persona:{k}": Text({"et": p.name}) for k, p in ix.personas.items()})
    found.update({f"group:{k}": g.name for k, g in ix.groups.items()})
    found.update({f"proposal:{p.id}": p.title for p in ix.proposals})
    found.update({f"touchpoint:{k}": t.name for k, t in ix.touchpoints.items()})
    for journey in ix.journeys.values():
        for _, step in ix.steps(journey):
            found[f"step:{journey.id}/{step.id}"] = step.name
            found.update({f"practice:{p.id}": p.title for p in step.good_practices})
    found.update({f"pain:{at.pain.id}": at.pain.title for at in ix.pains})
    return found


def analyse(ws: Workspace, graph: JourneyGraph) -> Analysis:
    """Every analysis of a workspace that validated without errors."""
    ix = _Index(ws, graph)
    offered = ix.kinds_offered()
    found_practices = practices(ix)
    return Analysis(
        stages=rank_stages(ix), topics=rank_topics(ix), services=rank_services(ix),
        providers=rank_providers(ix), shared_services=shared_services(ix),
        handoffs=handoffs(ix), step_gaps=step_gaps(ix), service_needs=service_needs(ix),
        kov_missing=kov_missing(offered), lacks=lacks(ix), language_gaps=language_gaps(ix),
        practices=found_practices,
        practices_by_stage=group_practices(found_practices, "stage"),
        practices_by_kov=group_practices(found_practices, "kov"),
        kov_profiles=kov_profiles(ix, offered), kov_matrix=kov_matrix(offered),
        roles=roles(ix), pipeline=pipeline(ix), pipeline_by_owner=pipeline_by_owner(ix),
        indicator=indicator(ix), names=names(ix),
    )
