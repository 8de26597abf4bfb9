"""The journeys in figures: what each journey and stage holds, each partner KOV's version
of a journey, the workspace's totals, handoffs between providers and steps with no
touchpoint."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import get_args

from ..graph.index import Index, StepAt
from ..load.model import Channel, Journey, Persona, ProviderLevel, Text
from .rankings import RankedPain

CHANNEL_ORDER: tuple[str, ...] = get_args(Channel)
LEVEL_ORDER: tuple[str, ...] = get_args(ProviderLevel)
TOP_PAINS = 5
"""How many of a journey's largest bottlenecks its map names at the top."""


@dataclass(frozen=True)
class Grouped:
    """Ids under one vocabulary value (a channel, a provider level)."""

    key: str
    ids: tuple[str, ...]


@dataclass(frozen=True)
class PersonaMean:
    persona: str
    mean: float | None
    """Mean of the persona's step emotions, to one decimal; None where it scores none."""


@dataclass(frozen=True)
class StageFigures:
    journey: str
    id: str
    number: int
    steps: tuple[str, ...]
    touchpoints: tuple[str, ...]
    """Distinct touchpoints its steps use, in order of first use."""
    channels: tuple[Grouped, ...]
    """Those touchpoints by channel, channels in vocabulary order."""
    services: tuple[str, ...]
    """Distinct services of those touchpoints, most used first: by the number of the
    stage's steps using the service (through a touchpoint) desc, then id."""
    providers: tuple[str, ...]
    """Providers of those services, by id."""
    levels: tuple[Grouped, ...]
    """Those providers by level, levels in vocabulary order."""
    pain_points: tuple[str, ...]
    practices: tuple[str, ...]
    proposals: tuple[str, ...]
    """Proposals addressing a pain point of the stage, in order of the pain points."""
    emotion: tuple[PersonaMean, ...]
    """Each persona of the journey, in the journey's order."""


@dataclass(frozen=True)
class JourneyFigures:
    id: str
    target_group: str
    personas: tuple[str, ...]
    stages: tuple[StageFigures, ...]
    steps: int
    pain_points: tuple[str, ...]
    """In journey order."""
    proposals: tuple[str, ...]
    """The journey's own proposals, in file order."""
    practices: tuple[str, ...]
    services: tuple[str, ...]
    """Services its steps use, by id."""
    top_pains: tuple[str, ...]
    """Its :data:`TOP_PAINS` largest bottlenecks, in the order of the bottleneck ranking."""
    map_proposals: tuple[str, ...]
    """The proposals its map lists: its own (file order), then those of other journeys
    addressing its pain points (in the order of the pain points)."""


@dataclass(frozen=True)
class KovJourneyFigures:
    """One partner KOV's version of a journey: what a person living there meets.

    Its touchpoints are those the person meets (:meth:`~toolkit.graph.index.Index.meets`);
    its pain points and good practices those with no ``kovs:`` and those naming the KOV
    (the rule of the pain points that touch a persona); its proposals those of the map
    not owned by another KOV that address a pain point it shows (a proposal addressing
    none of this journey's pain points is kept if its owner is). The ``local_*`` fields are
    what is specific to the KOV: touchpoints local to it or of a service it runs, pain
    points and good practices naming it, proposals it owns."""

    journey: str
    kov: str
    stages: tuple[StageFigures, ...]
    pain_points: tuple[str, ...]
    """In journey order."""
    practices: tuple[str, ...]
    top_pains: tuple[str, ...]
    proposals: tuple[str, ...]
    """In the order of the journey's :attr:`JourneyFigures.map_proposals`."""
    touchpoints: tuple[str, ...]
    """Distinct touchpoints of its steps, in order of first use."""
    local_touchpoints: tuple[str, ...]
    local_pains: tuple[str, ...]
    local_practices: tuple[str, ...]
    local_proposals: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str]:
        return (self.journey, self.kov)


@dataclass(frozen=True)
class Totals:
    """The workspace in numbers (the report's summary)."""

    journeys: int
    personas: int
    stages: int
    steps: int
    pain_points: int
    proposals: int
    practices: int
    partner_kovs: int
    target_groups: int
    """Target groups with a journey."""
    sources: int
    """Sources declared in teekond.yaml (:attr:`Analysis.source_kinds` has them by kind)."""


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


def mean_of(scores: list[int]) -> float | None:
    """The mean to one decimal (a whole number as an int-valued float), None if empty."""
    return round(sum(scores) / len(scores), 1) if scores else None


def _grouped(ids: list[str], key, order: tuple[str, ...]) -> tuple[Grouped, ...]:  # type: ignore[no-untyped-def]
    groups: dict[str, list[str]] = {}
    for ident in ids:
        groups.setdefault(key(ident), []).append(ident)
    return tuple(Grouped(k, tuple(groups[k])) for k in sorted(
        groups, key=lambda k: order.index(k) if k in order else len(order)))


def applies_to(kovs: Iterable[str], kov: str) -> bool:
    """Whether a pain point or good practice limited to ``kovs`` (none: every KOV) is one
    a person in ``kov`` can meet."""
    kovs = tuple(kovs)
    return not kovs or kov in kovs


class Seen:
    """What one KOV's version of a map shows (``kov=None``: the whole map)."""

    def __init__(self, ix: Index, kov: str | None = None) -> None:
        self.ix, self.kov = ix, kov

    def touchpoint(self, ident: str) -> bool:
        return self.kov is None or self.ix.meets(self.kov, ident)

    def item(self, kovs: Iterable[str]) -> bool:
        """A pain point or good practice limited to ``kovs``."""
        return self.kov is None or applies_to(kovs, self.kov)

    def owner(self, proposal: str) -> bool:
        """A proposal not owned by another KOV."""
        owner = self.ix.proposals[proposal].proposal.owner
        provider = self.ix.providers.get(owner) if owner else None
        return (self.kov is None or provider is None or provider.level != "kov"
                or provider.id == self.kov)


def _services_by_use(ix: Index, steps: list[StepAt], seen: Callable[[str], bool]) -> list[str]:
    uses = Counter(s for at in steps for s in {ix.touchpoints[t].service
                                               for t in at.step.touchpoints if seen(t)})
    return sorted(uses, key=lambda s: (-uses[s], s))


def stage_figures(ix: Index, journey: Journey, number: int, steps: list[StepAt],
                  seen: Seen | None = None) -> StageFigures:
    """A stage's figures; with ``seen``, as one KOV's version shows it."""
    seen = seen or Seen(ix)
    stage = journey.stages[number - 1]
    touchpoints = list(dict.fromkeys(t for at in steps for t in at.step.touchpoints
                                     if seen.touchpoint(t)))
    services = _services_by_use(ix, steps, seen.touchpoint)
    providers = sorted({ix.provider_of(s) for s in services})
    pains = [p.id for at in steps for p in at.step.pain_points if seen.item(p.kovs)]
    proposals = dict.fromkeys(pr for pain in pains for pr in ix.proposals_for.get(pain, ())
                              if seen.owner(pr))
    return StageFigures(
        journey=journey.id, id=stage.id, number=number,
        steps=tuple(at.step.id for at in steps), touchpoints=tuple(touchpoints),
        channels=_grouped(touchpoints, lambda t: ix.touchpoints[t].channel, CHANNEL_ORDER),
        services=tuple(services), providers=tuple(providers),
        levels=_grouped(providers, lambda p: ix.providers[p].level, LEVEL_ORDER),
        pain_points=tuple(pains),
        practices=tuple(g.id for at in steps for g in at.step.good_practices
                        if seen.item(g.kovs)),
        proposals=tuple(proposals),
        emotion=tuple(PersonaMean(p, mean_of([at.step.emotion[p] for at in steps
                                              if p in at.step.emotion]))
                      for p in journey.personas))


def _stages(ix: Index, journey: Journey, seen: Seen) -> tuple[StageFigures, ...]:
    steps = ix.steps_of(journey.id)
    return tuple(stage_figures(ix, journey, number,
                               [at for at in steps if at.stage_number == number], seen)
                 for number in range(1, len(journey.stages) + 1))


def _top(pains: Iterable[str], bottlenecks: tuple[RankedPain, ...]) -> tuple[str, ...]:
    wanted = set(pains)
    return tuple(p.id for p in bottlenecks if p.id in wanted)[:TOP_PAINS]


def journey_figures(ix: Index, bottlenecks: tuple[RankedPain, ...]
                    ) -> tuple[JourneyFigures, ...]:
    found = []
    for journey in ix.journeys.values():
        stages = _stages(ix, journey, Seen(ix))
        pains = tuple(p for s in stages for p in s.pain_points)
        own = [p.id for p in journey.proposals]
        found.append(JourneyFigures(
            id=journey.id, target_group=journey.target_group,
            personas=tuple(journey.personas), stages=stages,
            steps=len(ix.steps_of(journey.id)), pain_points=pains, proposals=tuple(own),
            practices=tuple(p for s in stages for p in s.practices),
            services=tuple(sorted(ix.services_of_journey[journey.id])),
            top_pains=_top(pains, bottlenecks),
            map_proposals=tuple(dict.fromkeys(
                [*own, *(pr for p in pains for pr in ix.proposals_for.get(p, ()))]))))
    return tuple(found)


def kov_journey_figures(ix: Index, journeys: tuple[JourneyFigures, ...],
                        bottlenecks: tuple[RankedPain, ...]) -> tuple[KovJourneyFigures, ...]:
    """Each journey (except one local to a KOV: its map is that KOV's already) as each
    partner KOV sees it; journeys in index order, KOVs by id."""
    return tuple(_kov_journey(ix, f, kov, bottlenecks) for f in journeys
                 if ix.journeys[f.id].kov is None for kov in ix.partner_kovs)


def _kov_journey(ix: Index, full: JourneyFigures, kov: str,
                 bottlenecks: tuple[RankedPain, ...]) -> KovJourneyFigures:
    seen = Seen(ix, kov)
    stages = _stages(ix, ix.journeys[full.id], seen)
    pains = tuple(p for s in stages for p in s.pain_points)
    shown, on_map = set(pains), set(full.pain_points)

    def kept(proposal: str) -> bool:
        here = [p for p in ix.proposals[proposal].proposal.addresses if p in on_map]
        return seen.owner(proposal) and (not here or any(p in shown for p in here))

    proposals = tuple(p for p in full.map_proposals if kept(p))
    touchpoints = tuple(dict.fromkeys(t for s in stages for t in s.touchpoints))
    practices = tuple(g for s in stages for g in s.practices)
    return KovJourneyFigures(
        journey=full.id, kov=kov, stages=stages, pain_points=pains, practices=practices,
        top_pains=_top(pains, bottlenecks), proposals=proposals, touchpoints=touchpoints,
        local_touchpoints=tuple(t for t in touchpoints if ix.touchpoints[t].kov == kov
                                or ix.provider_of(ix.touchpoints[t].service) == kov),
        local_pains=tuple(p for p in pains if ix.pains[p].pain.kovs),
        local_practices=tuple(g for g in practices if ix.practices[g].practice.kovs),
        local_proposals=tuple(p for p in proposals if ix.proposals[p].proposal.owner == kov))


def totals(ix: Index) -> Totals:
    return Totals(journeys=len(ix.journeys), personas=len(ix.personas),
                  stages=sum(len(j.stages) for j in ix.journeys.values()),
                  steps=len(ix.steps), pain_points=len(ix.pains),
                  proposals=len(ix.proposals), practices=len(ix.practices),
                  partner_kovs=len(ix.partner_kovs),
                  target_groups=len({j.target_group for j in ix.journeys.values()}),
                  sources=len(ix.sources))


def journey_handoffs(ix: Index, journey: Journey, persona: Persona) -> JourneyHandoffs:
    """Handoffs between providers along one journey as one persona walks it."""
    home = persona.background.kov
    chain = [(at.step.id, tp, ix.provider_of(ix.touchpoints[tp].service))
             for at in ix.steps_of(journey.id) if not at.stage.cross_cutting
             for tp in at.step.touchpoints if ix.meets(home, tp)]
    handoffs = tuple(Handoff(*a, *b) for a, b in pairwise(chain) if a[2] != b[2])
    providers = tuple(dict.fromkeys(p for _, _, p in chain))
    return JourneyHandoffs(journey.id, persona.id, home, journey.title, len(handoffs),
                           providers, handoffs)


def handoffs(ix: Index) -> tuple[JourneyHandoffs, ...]:
    found = [journey_handoffs(ix, j, ix.personas[p])
             for j in ix.journeys.values() for p in j.personas]
    return tuple(sorted(found, key=lambda h: (-h.count, h.journey, h.persona)))


def step_gaps(ix: Index) -> tuple[StepGap, ...]:
    return tuple(StepGap(at.journey.id, at.stage.id, at.step.id, at.step.name,
                         tuple(sorted(p.id for p in at.step.pain_points)))
                 for at in ix.steps if not at.step.touchpoints)
