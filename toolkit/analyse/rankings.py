"""Where the journeys hurt most: pain rankings of stages, topics, services and providers,
the ranked list of every pain point (the bottlenecks), shared services and lacks.

Formulas and tie-breaks are in docs/analysis.md and :mod:`toolkit.analyse.analysis`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..graph.index import Index, PainAt
from ..load.model import Evidence, PainPoint, Text
from .vocabulary import vocabulary_text

SHARED_MIN_JOURNEYS = 2
"""A service counts as shared when at least this many journeys use it."""


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
class RankedPain:
    """One pain point in the ranking of every pain point (the report's bottleneck list)."""

    rank: int
    """1-based; :data:`Analysis.bottlenecks` has them in rank order."""
    id: str
    journey: str
    stage: str
    step: str
    kind: str
    perspective: str
    severity: int
    kovs: tuple[str, ...]
    proposals: tuple[str, ...]
    """Proposals addressing it, in journey order."""
    evidence: str
    """``observed`` if a source it cites states it, ``assumed`` if it cites only
    hypotheses, ``none`` if it cites nothing (as the evidence annex counts them)."""


@dataclass(frozen=True)
class SharedService:
    id: str
    name: Text
    provider: str
    journeys: tuple[str, ...]
    severity: int
    pain_points: tuple[str, ...]


@dataclass(frozen=True)
class Lack:
    kind: str
    perspective: str
    severity: int
    pain_points: tuple[str, ...]


def _rank_key(item: Ranked) -> tuple[int, int, str]:
    return (-item.score, -item.severity, item.id)


def _ranked(ix: Index, ident: str, name: Text, pains: Iterable[PainAt],
            journeys: Iterable[str] = ()) -> Ranked:
    unique = {at.pain.id: at for at in pains}
    used = {at.at.journey.id for at in unique.values()} | set(journeys)
    groups, personas = ix.reach(used)
    severity = sum(at.pain.severity for at in unique.values())
    return Ranked(ident, name, severity * (len(groups) + len(personas)), severity, groups,
                  personas, tuple(sorted(used)), tuple(sorted(unique)))


def _rank_by(ix: Index, key: str) -> tuple[Ranked, ...]:
    """Pain ranking of stages (``key="stage"``) or topics (``key="kind"``)."""
    grouped: dict[str, list[PainAt]] = defaultdict(list)
    for at in ix.pains.values():
        grouped[at.at.stage.id if key == "stage" else at.pain.kind].append(at)
    items = [_ranked(ix, k, ix.stage_names[k] if key == "stage" else vocabulary_text(k), v)
             for k, v in grouped.items()]
    return tuple(sorted(items, key=_rank_key))


def rank_stages(ix: Index) -> tuple[Ranked, ...]:
    return _rank_by(ix, "stage")


def rank_topics(ix: Index) -> tuple[Ranked, ...]:
    return _rank_by(ix, "kind")


def rank_services(ix: Index) -> tuple[Ranked, ...]:
    items = [_ranked(ix, s, ix.services[s].name, pains, ix.journeys_of_service.get(s, ()))
             for s, pains in ix.pains_of_service.items()]
    return tuple(sorted(items, key=_rank_key))


def rank_providers(ix: Index) -> tuple[Ranked, ...]:
    pains: dict[str, list[PainAt]] = defaultdict(list)
    journeys: dict[str, set[str]] = defaultdict(set)
    for service, found in ix.pains_of_service.items():
        pains[ix.provider_of(service)].extend(found)
    for service, used in ix.journeys_of_service.items():
        journeys[ix.provider_of(service)].update(used)
    items = [_ranked(ix, p, ix.providers[p].name, found, journeys[p])
             for p, found in pains.items()]
    return tuple(sorted(items, key=_rank_key))


def rank_pains(ix: Index, stages: tuple[Ranked, ...]) -> tuple[RankedPain, ...]:
    """Every pain point: severity desc, then the rank of its stage in ``stages``, then its
    journey (target group, id), then its position in the journey."""
    stage_rank = {r.id: i for i, r in enumerate(stages)}
    journey_rank = {j: i for i, j in enumerate(ix.journeys)}
    ordered = sorted(ix.pains.values(), key=lambda p: (
        -p.pain.severity, stage_rank.get(p.at.stage.id, len(stage_rank)),
        journey_rank[p.at.journey.id], p.order))
    return tuple(RankedPain(
        rank, p.pain.id, p.at.journey.id, p.at.stage.id, p.at.step.id, p.pain.kind,
        p.pain.perspective, p.pain.severity, tuple(p.pain.kovs),
        tuple(ix.proposals_for.get(p.pain.id, ())), evidence_status(p.pain.evidence))
        for rank, p in enumerate(ordered, start=1))


def claim_status(evidence: list[Evidence] | None) -> str:
    """``observed`` if an observed entry supports the item's claim, ``context`` if its
    observed entries all state only the background, else ``assumed``, or ``none`` when it
    cites nothing."""
    entries = evidence or []
    observed = [e for e in entries if e.status == "observed"]
    if any(e.supports == "claim" for e in observed):
        return "observed"
    return "context" if observed else "assumed" if entries else "none"


def evidence_status(evidence: list[Evidence] | None) -> str:
    """``observed``, ``assumed`` or ``none``: an item is observed only when an observed
    source states its claim; one resting on observed background alone counts as assumed."""
    status = claim_status(evidence)
    return "assumed" if status == "context" else status


def shared_services(ix: Index) -> tuple[SharedService, ...]:
    items = []
    for service, used in ix.journeys_of_service.items():
        if len(used) < SHARED_MIN_JOURNEYS:
            continue
        pains = {at.pain.id: at.pain.severity for at in ix.pains_of_service.get(service, ())}
        items.append(SharedService(service, ix.services[service].name,
                                   ix.provider_of(service), tuple(sorted(used)),
                                   sum(pains.values()), tuple(sorted(pains))))
    return tuple(sorted(items, key=lambda s: (-len(s.journeys), -s.severity, s.id)))


def lacks(ix: Index) -> tuple[Lack, ...]:
    grouped: dict[tuple[str, str], list[PainPoint]] = defaultdict(list)
    for at in ix.pains.values():
        grouped[at.pain.kind, at.pain.perspective].append(at.pain)
    items = [Lack(kind, perspective, sum(p.severity for p in pains),
                  tuple(sorted(p.id for p in pains)))
             for (kind, perspective), pains in grouped.items()]
    return tuple(sorted(items, key=lambda x: (-x.severity, x.kind, x.perspective)))
