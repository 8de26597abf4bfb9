"""Who does what: roles per stakeholder group, the proposal pipeline, services to improve
or develop, and how the evidence stands (observed, assumed, sources cited)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import get_args

from ..graph.index import Index
from ..load.model import Evidence, ProposalStatus, ServiceStatus, Text
from .rankings import claim_status
from .vocabulary import vocabulary_text

STATUS_ORDER: tuple[str, ...] = get_args(ProposalStatus)
SERVICE_STATUS_ORDER: tuple[str, ...] = tuple(reversed(get_args(ServiceStatus)))
EVIDENCE_KINDS = ("pain", "practice", "proposal")
"""The items whose evidence the annex counts."""


@dataclass(frozen=True)
class RoleTask:
    proposal: str
    stakeholder: str
    task: Text


@dataclass(frozen=True)
class StageServices:
    stage: str
    services: tuple[str, ...]
    providers: tuple[str, ...]
    """The group's providers of those services, by id."""


@dataclass(frozen=True)
class GroupRoles:
    group: str
    name: Text
    owns: tuple[str, ...]
    tasks: tuple[RoleTask, ...]
    provides: tuple[StageServices, ...]
    """In stage order (the journeys' order, a stage id once)."""


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
class GroupProposals:
    """The proposals whose owner belongs to one stakeholder group (``""``: no owner)."""

    group: str
    proposals: tuple[str, ...]
    """In journey order."""
    by_status: dict[str, int]
    """Status -> count, statuses in pipeline order, only those present."""


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
class EvidenceCount:
    """How the items of one kind stand: an observed source states the claim (observed),
    observed sources state only its background (context), it cites only hypotheses
    (assumed), or it cites nothing (unsourced). Context-only items count as assumed
    everywhere else; this table shows them apart."""

    kind: str
    """pain, practice, proposal, service, persona or provider"""
    items: int
    observed: int
    context: int
    assumed: int
    unsourced: int


@dataclass(frozen=True)
class SourceUse:
    source: str
    cited: int
    """Evidence entries of pain points, good practices and proposals citing it."""


def roles(ix: Index) -> tuple[GroupRoles, ...]:
    owns: dict[str, list[str]] = defaultdict(list)
    tasks: dict[str, list[RoleTask]] = defaultdict(list)
    provides: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for placed in ix.proposals.values():
        proposal = placed.proposal
        if proposal.owner:
            owns[ix.group_of(proposal.owner)].append(proposal.id)
        for role in proposal.roles:
            tasks[ix.group_of(role.stakeholder)].append(
                RoleTask(proposal.id, role.stakeholder, role.task))
    for at in ix.steps:
        for tp in at.step.touchpoints:
            service = ix.touchpoints[tp].service
            group = ix.group_of(ix.provider_of(service))
            provides[group].setdefault(at.stage.id, set()).add(service)
    order = list(ix.groups) + sorted({*owns, *tasks, *provides} - ix.groups.keys())
    stages = {s: i for i, s in enumerate(dict.fromkeys(at.stage.id for at in ix.steps))}
    return tuple(GroupRoles(
        g, ix.groups[g].name if g in ix.groups else vocabulary_text(g),
        tuple(sorted(owns[g])),
        tuple(sorted(tasks[g], key=lambda t: (t.proposal, t.stakeholder))),
        tuple(StageServices(s, tuple(sorted(v)), tuple(sorted({ix.provider_of(x) for x in v})))
              for s, v in sorted(provides[g].items(), key=lambda item: stages[item[0]])))
        for g in order)


def pipeline(ix: Index) -> tuple[StatusCount, ...]:
    return tuple(StatusCount(status, tuple(sorted(p.proposal.id for p in ix.proposals.values()
                                                  if p.proposal.status == status)))
                 for status in STATUS_ORDER)


def _by_status(statuses: list[str]) -> dict[str, int]:
    return {s: n for s in STATUS_ORDER if (n := statuses.count(s))}


def pipeline_by_owner(ix: Index) -> tuple[OwnerPipeline, ...]:
    owned: dict[str, list[str]] = defaultdict(list)
    statuses: dict[str, list[str]] = defaultdict(list)
    for placed in ix.proposals.values():
        owner = placed.proposal.owner or ""
        owned[owner].append(placed.proposal.id)
        statuses[owner].append(placed.proposal.status)
    items = [OwnerPipeline(owner, ix.group_of(owner) if owner else "",
                           tuple(sorted(found)), _by_status(statuses[owner]))
             for owner, found in owned.items()]
    return tuple(sorted(items, key=lambda o: (-len(o.proposals), o.owner)))


def proposals_by_group(ix: Index) -> tuple[GroupProposals, ...]:
    """Proposals by their owner's stakeholder group: the declared groups in order, then
    other groups in order of appearance, then proposals without an owner."""
    grouped: dict[str, list[str]] = {}
    statuses: dict[str, list[str]] = defaultdict(list)
    for placed in ix.proposals.values():
        proposal = placed.proposal
        group = ix.group_of(proposal.owner) if proposal.owner else ""
        grouped.setdefault(group, []).append(proposal.id)
        statuses[group].append(proposal.status)
    declared = list(ix.groups)
    order = sorted(grouped, key=lambda g: (declared.index(g) if g in declared
                                           else len(declared) + (g == "")))
    return tuple(GroupProposals(g, tuple(grouped[g]), _by_status(statuses[g])) for g in order)


def service_needs(ix: Index) -> tuple[ServiceNeed, ...]:
    named: dict[str, list[str]] = defaultdict(list)
    for placed in ix.proposals.values():
        if placed.proposal.service:
            named[placed.proposal.service].append(placed.proposal.id)
    items = []
    for service in ix.services.values():
        if service.status == "exists" and service.id not in named:
            continue
        pains = {at.pain.id: at.pain.severity for at in ix.pains_of_service.get(service.id, ())}
        items.append(ServiceNeed(service.id, service.name, service.provider, service.status,
                                 tuple(sorted(named[service.id])), sum(pains.values()),
                                 tuple(sorted(pains))))
    return tuple(sorted(items, key=lambda s: (SERVICE_STATUS_ORDER.index(s.status), s.id)))


def _evidence_lists(ix: Index) -> dict[str, list[list[Evidence]]]:
    return {
        "pain": [p.pain.evidence or [] for p in ix.pains.values()],
        "practice": [p.practice.evidence or [] for p in ix.practices.values()],
        "proposal": [p.proposal.evidence or [] for p in ix.proposals.values()],
        "service": [s.evidence or [] for s in ix.services.values()],
        "persona": [p.evidence or [] for p in ix.personas.values()],
        "provider": [p.evidence or [] for p in ix.providers.values()],
    }


def evidence_counts(ix: Index) -> tuple[EvidenceCount, ...]:
    counts = []
    for kind, lists in _evidence_lists(ix).items():
        status = Counter(claim_status(evidence) for evidence in lists)
        counts.append(EvidenceCount(kind, len(lists), status["observed"], status["context"],
                                    status["assumed"], status["none"]))
    return tuple(counts)


@dataclass(frozen=True)
class SourceKind:
    kind: str
    sources: tuple[str, ...]
    """The sources of this kind, in teekond.yaml order."""


def source_kinds(ix: Index) -> tuple[SourceKind, ...]:
    """The declared sources by kind (workshop, interview, …), most sources first, ties by
    kind."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for ident, source in ix.sources.items():
        by_kind[source.kind].append(ident)
    return tuple(SourceKind(kind, tuple(ids)) for kind, ids in
                 sorted(by_kind.items(), key=lambda item: (-len(item[1]), item[0])))


def source_uses(ix: Index) -> tuple[SourceUse, ...]:
    """Every declared source, in teekond.yaml order, with how often evidence cites it."""
    cited: dict[str, int] = defaultdict(int)
    for lists in _evidence_lists(ix).values():
        for evidence in lists:
            for entry in evidence:
                cited[entry.source] += 1
    return tuple(SourceUse(s, cited[s]) for s in ix.sources)
