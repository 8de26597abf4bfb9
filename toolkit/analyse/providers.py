"""Partner packs in figures: for each provider (a KOV, a state agency, an NGO ...), what of
the journeys is its part: the steps where it meets the target group, its handoffs to and
from other providers, the pain points there (ranked), the proposals it owns or that touch
its services, and good practices of its peers at the same stages.

Definitions (docs/analysis.md, "Partner packs"):

- *Its services*: the services it provides. *Its steps*: the journey steps with a
  touchpoint of one of its services (cross-cutting stages included), in journey order.
- *Its pain points*: those touching its services (:attr:`~toolkit.graph.index.PainAt.
  services`) and, for a KOV, those whose ``kovs:`` name it; for a KOV, a pain point whose
  ``kovs:`` name only other KOVs is left out (the rule of a KOV's version of a map). In the
  order of the bottleneck ranking; the first :data:`PACK_TOP_PAINS` are its top pains.
- *Its handoffs*: the handoffs of :func:`~toolkit.analyse.journeys.handoffs` with it at one
  end, one per (journey, from touchpoint, to touchpoint) with the personas passed along
  it, grouped by direction and the provider at the other end. Groups: ``in`` (to it)
  first, then number of handoffs desc, then the other provider's id; in a group, journey
  (index order), then step order.
- *Its proposals*: those it owns, those naming it in ``roles:``, those whose ``service:``
  is one of its services, and those addressing one of its top pains (for a KOV, not
  those owned by another KOV). Each with its closest relation, in that order of
  relations, then in index order (journeys in the programme's order, file order) —
  :func:`proposal_order` is the one place to change that order.
- *Peer practices*: good practices at its steps' stages (the same journey and stage) that
  name another KOV, and, for a KOV, that do not name it. Those at one of its steps
  first, then the others, each in journey order; the first :data:`PACK_PRACTICES` are
  the ones its pack describes.
- A provider has a pack when it has a step, a pain point or a proposal; the others are
  left out (nothing on any journey: there would be nothing to tell it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..graph.index import Index
from .journeys import JourneyHandoffs, applies_to
from .priorities import Priority
from .rankings import RankedPain

PACK_TOP_PAINS = 8
"""How many of a provider's pain points its pack describes (the rest it counts and links)."""
PACK_PRACTICES = 6
"""How many peer practices a pack describes."""
RELATIONS: tuple[str, ...] = ("owner", "role", "service", "addresses")
"""How a proposal concerns a provider, closest first."""


@dataclass(frozen=True)
class PackStep:
    """A step where the provider meets the target group, through these touchpoints."""

    journey: str
    stage: str
    step: str
    touchpoints: tuple[str, ...]
    """Its touchpoints at the step, in the order the step lists them."""


@dataclass(frozen=True)
class PackStage:
    """A stage with the provider's steps in it (across journeys: a stage id shared by
    several journeys is one stage)."""

    id: str
    steps: tuple[str, ...]
    """Its steps in the stage as ``<journey>/<step>``, in journey order (journeys in index
    order)."""
    touchpoints: tuple[str, ...]
    """Its touchpoints at those steps, distinct, in order of first use."""


@dataclass(frozen=True)
class PackHandoff:
    """A handoff between two consecutive touchpoints of a journey."""

    journey: str
    from_step: str
    from_touchpoint: str
    to_step: str
    to_touchpoint: str
    personas: tuple[str, ...]
    """The personas passed along it, by id."""


@dataclass(frozen=True)
class PackLink:
    """The handoffs between the provider and one other provider in one direction."""

    direction: str
    """``in`` (the other provider hands people to it) or ``out``."""
    other: str
    handoffs: tuple[PackHandoff, ...]


@dataclass(frozen=True)
class PackProposal:
    id: str
    relation: str
    """owner, role, service or addresses: see :data:`RELATIONS`."""
    pains: tuple[str, ...]
    """The provider's pain points it addresses, in ranking order."""


@dataclass(frozen=True)
class ProviderPack:
    """One provider's part of the journeys."""

    provider: str
    level: str
    group: str
    """Its stakeholder group (``stakeholder_group``, else its level)."""
    journeys: tuple[str, ...]
    """Journeys with one of its steps or pain points, in index order."""
    stages: tuple[PackStage, ...]
    """Stages of its steps, in order of first appearance (journeys in index order)."""
    services: tuple[str, ...]
    """Its services met at a step, by id."""
    steps: tuple[PackStep, ...]
    kov_maps: tuple[str, ...]
    """For a partner KOV: the journeys that have its version of the map."""
    handoffs: tuple[PackLink, ...]
    pain_points: tuple[str, ...]
    """In the order of the bottleneck ranking."""
    top_pains: tuple[str, ...]
    proposals: tuple[PackProposal, ...]
    practices: tuple[str, ...]
    """Peer practices: at its steps first, then at their stages, each in journey order."""
    top_practices: tuple[str, ...]


def provider_packs(ix: Index, bottlenecks: tuple[RankedPain, ...],
                   found: tuple[JourneyHandoffs, ...],
                   priorities: tuple[Priority, ...] = ()) -> tuple[ProviderPack, ...]:
    """The pack of every provider with something on a journey, by provider id;
    ``priorities`` (the priority ranking) orders each pack's proposals within a relation."""
    rank = {p.id: p.rank for p in priorities}
    packs = (_pack(ix, ident, bottlenecks, found, rank) for ident in sorted(ix.providers))
    return tuple(p for p in packs if p.steps or p.pain_points or p.proposals)


def _pack(ix: Index, ident: str, bottlenecks: tuple[RankedPain, ...],
          found: tuple[JourneyHandoffs, ...], priority: dict[str, int]) -> ProviderPack:
    provider = ix.providers[ident]
    kov = ident if provider.level == "kov" else None
    services = {s for s, service in ix.services.items() if service.provider == ident}
    steps = tuple(PackStep(at.journey.id, at.stage.id, at.step.id, mine)
                  for at in ix.steps
                  if (mine := tuple(t for t in at.step.touchpoints
                                    if ix.touchpoints[t].service in services)))
    pains = _pains(ix, services, kov, bottlenecks)
    practices = _practices(ix, steps, kov)
    journeys = {s.journey for s in steps} | {ix.pains[p].at.journey.id for p in pains}
    return ProviderPack(
        provider=ident, level=provider.level, group=ix.group_of(ident),
        journeys=tuple(j for j in ix.journeys if j in journeys),
        stages=_stages(steps),
        services=tuple(sorted({ix.touchpoints[t].service for s in steps
                               for t in s.touchpoints})),
        steps=steps,
        kov_maps=tuple(j for j in ix.journeys if kov in ix.partner_kovs
                       and ix.journeys[j].kov is None),
        handoffs=_handoffs(ix, ident, found), pain_points=pains,
        top_pains=pains[:PACK_TOP_PAINS],
        proposals=proposal_order(ix, _proposals(ix, ident, services, pains, kov), priority),
        practices=practices, top_practices=practices[:PACK_PRACTICES])


def _stages(steps: tuple[PackStep, ...]) -> tuple[PackStage, ...]:
    grouped: dict[str, list[PackStep]] = {}
    for step in steps:
        grouped.setdefault(step.stage, []).append(step)
    return tuple(PackStage(stage, tuple(f"{s.journey}/{s.step}" for s in found),
                           tuple(dict.fromkeys(t for s in found for t in s.touchpoints)))
                 for stage, found in grouped.items())


def _pains(ix: Index, services: set[str], kov: str | None,
           bottlenecks: tuple[RankedPain, ...]) -> tuple[str, ...]:
    def mine(p: RankedPain) -> bool:
        if kov is not None and kov in p.kovs:
            return True
        touches = bool(services.intersection(ix.pains[p.id].services))
        return touches and (kov is None or applies_to(p.kovs, kov))

    return tuple(p.id for p in bottlenecks if mine(p))


def _handoffs(ix: Index, ident: str, found: tuple[JourneyHandoffs, ...]
              ) -> tuple[PackLink, ...]:
    personas: dict[tuple[str, str, str, str, str, str, str], set[str]] = defaultdict(set)
    for walk in found:
        for h in walk.handoffs:
            if ident in (h.from_provider, h.to_provider):
                out = h.from_provider == ident
                key = ("out" if out else "in", h.to_provider if out else h.from_provider,
                       walk.journey, h.from_step, h.from_touchpoint, h.to_step,
                       h.to_touchpoint)
                personas[key].add(walk.persona)
    journey_rank = {j: i for i, j in enumerate(ix.journeys)}

    def order(key: tuple[str, ...]) -> tuple[int, int, int, str, str]:
        at, to = ix.step[f"{key[2]}/{key[3]}"], ix.step[f"{key[2]}/{key[5]}"]
        return (journey_rank[key[2]], at.order, to.order, key[4], key[6])

    groups: dict[tuple[str, str], list[PackHandoff]] = defaultdict(list)
    for key in sorted(personas, key=order):
        groups[key[:2]].append(PackHandoff(*key[2:], tuple(sorted(personas[key]))))
    return tuple(PackLink(d, other, tuple(items)) for (d, other), items in sorted(
        groups.items(), key=lambda g: (g[0][0] != "in", -len(g[1]), g[0][1])))


def _proposals(ix: Index, ident: str, services: set[str], pains: tuple[str, ...],
               kov: str | None) -> list[PackProposal]:
    top = set(pains[:PACK_TOP_PAINS])
    found = []
    for pid, placed in ix.proposals.items():
        proposal = placed.proposal
        owner = ix.providers.get(proposal.owner) if proposal.owner else None
        other_kov = (kov is not None and owner is not None and owner.level == "kov"
                     and owner.id != kov)
        relations = (proposal.owner == ident,
                     any(r.stakeholder == ident for r in proposal.roles),
                     proposal.service in services,
                     not other_kov and bool(top.intersection(proposal.addresses)))
        relation = next((r for r, holds in zip(RELATIONS, relations, strict=True) if holds),
                        None)
        if relation:
            found.append(PackProposal(pid, relation, tuple(
                p for p in pains if p in proposal.addresses)))
    return found


def proposal_order(ix: Index, proposals: list[PackProposal],
                   priority: dict[str, int]) -> tuple[PackProposal, ...]:
    """A pack's proposals in the order it lists them: closest relation first, then the
    priority ranking (:mod:`toolkit.analyse.priorities`; proposals it does not rank,
    implemented or rejected ones, after), then index order."""
    order = {p: i for i, p in enumerate(ix.proposals)}
    unranked = len(order) + 1
    return tuple(sorted(proposals, key=lambda p: (
        RELATIONS.index(p.relation), priority.get(p.id, unranked), order[p.id])))


def _practices(ix: Index, steps: tuple[PackStep, ...], kov: str | None) -> tuple[str, ...]:
    at_steps = {(s.journey, s.step) for s in steps}
    stages = {(s.journey, s.stage) for s in steps}  # the same stage of the same journey
    found = [g for g, placed in ix.practices.items()
             if (placed.at.journey.id, placed.at.stage.id) in stages
             and any(k != kov for k in placed.practice.kovs)
             and (kov is None or kov not in placed.practice.kovs)]
    return tuple(sorted(found, key=lambda g: (
        (ix.practices[g].at.journey.id, ix.practices[g].at.step.id) not in at_steps)))
