"""The personas in figures: the journeys each walks, its low and high points, the pain
points that touch it, its emotion per stage, how a target group's personas differ, and
language gaps.

- **low and high points**: the steps of the journeys a persona walks (journeys by id, then
  journey order) where its emotion is below 0 (lowest first) or above 0 (highest first);
  ties keep journey order;
- **pain points that touch a persona**: every pain point on a step of a journey it walks,
  except one that names KOVs (``kovs:``) none of which is the persona's KOV; ranked by
  severity (highest first), then the persona's emotion at that step (lowest first; a step
  it does not score comes last), then pain point id;
- **stage means**: per stage id, the mean of the persona's step emotions over the journeys
  it walks (a stage id shared by two journeys pools their steps), to one decimal;
- **comparison**: per target group, its personas (by id) on the stages all of them score,
  in order of first appearance; a stage's *spread* is the largest minus the smallest mean;
  the stages that differ most are the :data:`DIFFER_MOST` largest spreads above 0 (ties in
  stage order). Also the languages the personas speak and the channels they prefer, each
  with the personas who have it and whether all of them do (a language counts as shared
  when every persona can use it, at a level of :data:`USABLE_LEVELS`); most personas
  first, ties in order of first appearance (personas in order, each in its file's order).
  When personas of more than one target group exist, one more comparison, :data:`ALL`,
  holds every persona (target groups in their order, then by id).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..graph.index import TARGET_GROUP_ORDER, Index
from ..load.model import Persona, Text
from .journeys import mean_of

USABLE_LEVELS = frozenset({"native", "C2", "C1", "B2", "B1"})
"""Language levels at which a persona can use a service in that language."""
DIFFER_MOST = 3
"""How many stages a comparison names as those where the personas differ most."""
ALL = "all"
"""The ``target_group`` of the comparison of every persona across the target groups."""


@dataclass(frozen=True)
class Moment:
    """A step where a persona's emotion is scored."""

    journey: str
    stage: str
    step: str
    score: int


@dataclass(frozen=True)
class TouchingPain:
    """A pain point on a step a persona walks."""

    id: str
    journey: str
    stage: str
    step: str
    severity: int
    emotion: int | None
    """The persona's emotion at the step, if scored."""


@dataclass(frozen=True)
class StageMean:
    stage: str
    mean: float


@dataclass(frozen=True)
class PersonaFigures:
    id: str
    target_group: str
    kov: str
    journeys: tuple[str, ...]
    """The journeys it walks, by id."""
    lows: tuple[Moment, ...]
    highs: tuple[Moment, ...]
    pains: tuple[TouchingPain, ...]
    stage_means: tuple[StageMean, ...]
    """In order of first appearance in its journeys."""


@dataclass(frozen=True)
class StageSpread:
    stage: str
    means: tuple[float, ...]
    """Each persona's mean, in the order of :attr:`Comparison.personas`."""
    spread: float


@dataclass(frozen=True)
class Shared:
    """A language or a channel, the personas of a comparison who have it, and whether
    all of them do."""

    value: str
    """A language code or a channel."""
    personas: tuple[str, ...]
    """In the order of :attr:`Comparison.personas`."""
    by_all: bool


@dataclass(frozen=True)
class Comparison:
    """The personas of one target group (or :data:`ALL`) across the stages all of them
    score, and their languages and channels."""

    target_group: str
    personas: tuple[str, ...]
    stages: tuple[StageSpread, ...]
    differ_most: tuple[str, ...]
    """Stage ids, largest spread first."""
    languages: tuple[Shared, ...] = ()
    channels: tuple[Shared, ...] = ()


@dataclass(frozen=True)
class LanguageGap:
    persona: str
    service: str
    name: Text
    usable: tuple[str, ...]
    offered: tuple[str, ...]
    journeys: tuple[str, ...]
    touchpoints: tuple[str, ...]


def persona_figures(ix: Index) -> tuple[PersonaFigures, ...]:
    return tuple(_persona(ix, p) for p in ix.personas.values())


def _persona(ix: Index, p: Persona) -> PersonaFigures:
    walked = sorted(ix.journeys_of_persona.get(p.id, ()))
    steps = [at for j in walked for at in ix.steps_of(j)]
    moments = [Moment(at.journey.id, at.stage.id, at.step.id, at.step.emotion[p.id])
               for at in steps if p.id in at.step.emotion]
    pains = [TouchingPain(pain.id, at.journey.id, at.stage.id, at.step.id, pain.severity,
                          at.step.emotion.get(p.id))
             for at in steps for pain in at.step.pain_points
             if not pain.kovs or p.background.kov in pain.kovs]
    scores: dict[str, list[int]] = {}
    for m in moments:
        scores.setdefault(m.stage, []).append(m.score)
    return PersonaFigures(
        id=p.id, target_group=p.target_group, kov=p.background.kov, journeys=tuple(walked),
        lows=tuple(sorted((m for m in moments if m.score < 0), key=lambda m: m.score)),
        highs=tuple(sorted((m for m in moments if m.score > 0), key=lambda m: -m.score)),
        pains=tuple(sorted(pains, key=lambda t: (
            -t.severity, 3 if t.emotion is None else t.emotion, t.id))),
        stage_means=tuple(StageMean(s, mean_of(v)) for s, v in scores.items()))  # type: ignore[arg-type]


def comparisons(ix: Index, personas: tuple[PersonaFigures, ...]) -> tuple[Comparison, ...]:
    found, everyone = [], []
    for group in TARGET_GROUP_ORDER:
        members = sorted((p for p in personas if p.target_group == group), key=lambda p: p.id)
        if members:
            found.append(_compare(ix, group, members))
            everyone += members
    if len(found) > 1:
        found.append(_compare(ix, ALL, everyone))
    return tuple(found)


def _compare(ix: Index, group: str, members: list[PersonaFigures]) -> Comparison:
    means = {p.id: {m.stage: m.mean for m in p.stage_means} for p in members}
    walked = sorted({j for p in members for j in p.journeys})
    order = dict.fromkeys(s.id for j in walked for s in ix.journeys[j].stages)
    rows = []
    for stage in order:
        if all(stage in means[p.id] for p in members):
            values = tuple(means[p.id][stage] for p in members)
            rows.append(StageSpread(stage, values, round(max(values) - min(values), 1)))
    ranked = sorted((r for r in rows if r.spread > 0), key=lambda r: -r.spread)
    people = [ix.personas[p.id] for p in members]
    spoken = {p.id: [s.lang for s in p.languages] for p in people}
    usable = {p.id: set(usable_languages(p)) for p in people}
    return Comparison(
        group, tuple(p.id for p in members), tuple(rows),
        tuple(r.stage for r in ranked[:DIFFER_MOST]),
        languages=_shared(spoken, lambda lang: all(lang in u for u in usable.values())),
        channels=_shared({p.id: list(p.channels) for p in people},
                         lambda channel: all(channel in p.channels for p in people)))


def _shared(held: dict[str, list[str]], by_all: Callable[[str], bool]) -> tuple[Shared, ...]:
    """Each value of ``held`` (persona -> values) with the personas holding it, most
    personas first, ties in order of first appearance."""
    order = list(dict.fromkeys(v for values in held.values() for v in values))
    found = [Shared(v, tuple(p for p, values in held.items() if v in values), by_all(v))
             for v in order]
    return tuple(sorted(found, key=lambda s: -len(s.personas)))


def usable_languages(persona: Persona) -> tuple[str, ...]:
    return tuple(sorted({s.lang for s in persona.languages if s.level in USABLE_LEVELS}))


def _persona_services(ix: Index, persona: Persona) -> dict[str, dict[str, set[str]]]:
    """Service -> {"offered", "journeys", "touchpoints"} the persona meets (known languages)."""
    found: dict[str, dict[str, set[str]]] = {}
    for journey in ix.journeys_of_persona.get(persona.id, ()):
        for at in ix.steps_of(journey):
            for tp_id in at.step.touchpoints:
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
                entry["journeys"].add(journey)
                entry["touchpoints"].add(tp.id)
    return found


def language_gaps(ix: Index) -> tuple[LanguageGap, ...]:
    gaps = []
    for persona in ix.personas.values():
        usable = usable_languages(persona)
        for service, entry in sorted(_persona_services(ix, persona).items()):
            if entry["offered"] & set(usable):
                continue
            gaps.append(LanguageGap(persona.id, service, ix.services[service].name, usable,
                                    *(tuple(sorted(entry[k])) for k in
                                      ("offered", "journeys", "touchpoints"))))
    return tuple(gaps)
