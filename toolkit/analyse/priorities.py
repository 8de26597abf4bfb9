"""Which proposals to take up first: each open proposal's priority score, and the answers
to mapping items (d) and (f) (services missing from the KOV's view; services to improve or
develop) grouped per KOV and per stage.

Priority score (docs/analysis.md, "Priorities")::

    value(p) = IMPACT_WEIGHTS[impact] * sum of the severities of the pain points p addresses
    score(p) = value(p) / EFFORT_WEIGHTS[effort]        (written with two decimals)

The sum counts both how many pain points a proposal addresses and how badly each hurts.
Order: score desc (exact fractions, not the rounded figure), then id asc. Proposals without
``impact`` or ``effort`` have no score and come after the scored ones, by id. Only open
proposals are ranked: ``implemented`` and ``rejected`` ones need no decision.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from ..graph.index import Index
from .proposals import ServiceNeed

IMPACT_WEIGHTS: dict[str, int] = {"low": 1, "medium": 2, "high": 3}
EFFORT_WEIGHTS: dict[str, int] = {"low": 1, "medium": 2, "high": 3}
CLOSED_STATUSES = ("implemented", "rejected")
"""Proposal statuses left out of the ranking."""
MISSING_STATUS = "missing-kov-view"
"""The service status that answers mapping item (d)."""


@dataclass(frozen=True)
class Priority:
    """One open proposal in the priority ranking."""

    rank: int
    """1-based; :data:`Analysis.priorities` has them in rank order."""
    id: str
    journey: str
    score: float | None
    """value / effort weight, rounded to two decimals; None without impact or effort."""
    value: int | None
    impact: str | None
    effort: str | None
    severity: int
    """Sum of the severities of the pain points it addresses."""
    worst: int
    """The highest severity among them."""
    pain_points: tuple[str, ...]
    owner: str
    """Provider or stakeholder group id; ``""`` without an owner."""
    service: str
    """The service it names (``service:``); ``""`` if none."""
    status: str


@dataclass(frozen=True)
class NeedGroup:
    """Services of one answer grouped under one KOV or one stage (key ``""``: a service
    tied to no partner KOV, or used at no stage)."""

    key: str
    services: tuple[str, ...]
    """By id."""


@dataclass(frozen=True)
class ServiceAnswer:
    """Mapping item (d) or (f): its services, then the same grouped per KOV and per stage."""

    services: tuple[str, ...]
    """In the order of :data:`Analysis.service_needs`."""
    by_kov: tuple[NeedGroup, ...]
    """Partner KOVs by id, then ``""``."""
    by_stage: tuple[NeedGroup, ...]
    """Stages in journey order (a shared stage id once), then ``""``."""


def _score(impact: str | None, effort: str | None, severity: int) -> Fraction | None:
    if impact is None or effort is None:
        return None
    return Fraction(IMPACT_WEIGHTS[impact] * severity, EFFORT_WEIGHTS[effort])


def rank_proposals(ix: Index) -> tuple[Priority, ...]:
    """Every open proposal, highest priority first (module docstring)."""
    found = []
    for placed in ix.proposals.values():
        p = placed.proposal
        if p.status in CLOSED_STATUSES:
            continue
        severities = [ix.pains[a].pain.severity for a in p.addresses]
        found.append((p, placed.journey.id, sum(severities), max(severities),
                      _score(p.impact, p.effort, sum(severities))))
    found.sort(key=lambda f: (f[4] is None, -(f[4] or 0), f[0].id))
    return tuple(Priority(
        rank, p.id, journey, None if score is None else round(float(score), 2),
        None if score is None else IMPACT_WEIGHTS[p.impact] * severity,  # type: ignore[index]
        p.impact, p.effort, severity, worst, tuple(p.addresses), p.owner or "",
        p.service or "", p.status)
        for rank, (p, journey, severity, worst, score) in enumerate(found, start=1))


def _stage_order(ix: Index) -> dict[str, int]:
    order: dict[str, int] = {}
    for at in ix.steps:
        order.setdefault(at.stage.id, len(order))
    return order


def _stages_of_services(ix: Index) -> dict[str, set[str]]:
    """Service -> the stages where a step uses it (through a touchpoint) or where a pain
    point touching it sits."""
    stages: dict[str, set[str]] = defaultdict(set)
    for at in ix.steps:
        for tp in at.step.touchpoints:
            stages[ix.touchpoints[tp].service].add(at.stage.id)
    for service, pains in ix.pains_of_service.items():
        stages[service].update(p.at.stage.id for p in pains)
    return stages


def _kovs_of(ix: Index, service: str) -> list[str]:
    s = ix.services[service]
    where = {s.provider, *(s.availability.kovs if s.availability else ())}
    return sorted(where & set(ix.partner_kovs))


def _answer(ix: Index, services: list[str], stages: dict[str, set[str]],
            stage_order: dict[str, int]) -> ServiceAnswer:
    by_kov: dict[str, list[str]] = defaultdict(list)
    by_stage: dict[str, list[str]] = defaultdict(list)
    for service in sorted(services):
        for kov in _kovs_of(ix, service) or [""]:
            by_kov[kov].append(service)
        for stage in stages.get(service) or {""}:
            by_stage[stage].append(service)
    last = len(stage_order)
    return ServiceAnswer(
        tuple(services),
        tuple(NeedGroup(k, tuple(v)) for k, v in sorted(by_kov.items(),
                                                       key=lambda kv: (kv[0] == "", kv[0]))),
        tuple(NeedGroup(k, tuple(v)) for k, v in sorted(
            by_stage.items(), key=lambda kv: stage_order.get(kv[0], last))))


def service_answers(ix: Index, needs: tuple[ServiceNeed, ...]
                    ) -> tuple[ServiceAnswer, ServiceAnswer]:
    """(d): the services whose status is ``missing-kov-view``; (f): the other services to
    improve or develop (status ``needs-improvement`` or ``needs-development``, or named by
    a proposal). Each grouped per KOV and per stage."""
    stages, order = _stages_of_services(ix), _stage_order(ix)
    missing = [n.id for n in needs if n.status == MISSING_STATUS]
    improve = [n.id for n in needs if n.status != MISSING_STATUS]
    return _answer(ix, missing, stages, order), _answer(ix, improve, stages, order)
