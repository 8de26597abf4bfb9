"""The journeys in figures: what each journey and stage holds, the workspace's totals,
handoffs between providers and steps with no touchpoint."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import get_args

from ..graph.index import Index, StepAt
from ..load.model import Channel, Journey, Persona, ProviderLevel, Text

CHANNEL_ORDER: tuple[str, ...] = get_args(Channel)
LEVEL_ORDER: tuple[str, ...] = get_args(ProviderLevel)


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
    """Distinct services of those touchpoints, by id."""
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


def stage_figures(ix: Index, journey: Journey, number: int, steps: list[StepAt]) -> StageFigures:
    stage = journey.stages[number - 1]
    touchpoints = list(dict.fromkeys(t for at in steps for t in at.step.touchpoints))
    services = sorted({ix.touchpoints[t].service for t in touchpoints})
    providers = sorted({ix.provider_of(s) for s in services})
    pains = [p.id for at in steps for p in at.step.pain_points]
    proposals = dict.fromkeys(pr for pain in pains for pr in ix.proposals_for.get(pain, ()))
    return StageFigures(
        journey=journey.id, id=stage.id, number=number,
        steps=tuple(at.step.id for at in steps), touchpoints=tuple(touchpoints),
        channels=_grouped(touchpoints, lambda t: ix.touchpoints[t].channel, CHANNEL_ORDER),
        services=tuple(services), providers=tuple(providers),
        levels=_grouped(providers, lambda p: ix.providers[p].level, LEVEL_ORDER),
        pain_points=tuple(pains),
        practices=tuple(g.id for at in steps for g in at.step.good_practices),
        proposals=tuple(proposals),
        emotion=tuple(PersonaMean(p, mean_of([at.step.emotion[p] for at in steps
                                              if p in at.step.emotion]))
                      for p in journey.personas))


def journey_figures(ix: Index) -> tuple[JourneyFigures, ...]:
    found = []
    for journey in ix.journeys.values():
        steps = ix.steps_of(journey.id)
        stages = tuple(stage_figures(ix, journey, number, [at for at in steps
                                                           if at.stage_number == number])
                       for number in range(1, len(journey.stages) + 1))
        found.append(JourneyFigures(
            id=journey.id, target_group=journey.target_group,
            personas=tuple(journey.personas), stages=stages, steps=len(steps),
            pain_points=tuple(p for s in stages for p in s.pain_points),
            proposals=tuple(p.id for p in journey.proposals),
            practices=tuple(p for s in stages for p in s.practices),
            services=tuple(sorted(ix.services_of_journey[journey.id]))))
    return tuple(found)


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
