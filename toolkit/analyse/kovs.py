"""The partner KOVs in figures: what each offers and is named in, how they compare, which
service kinds one lacks, good practices, and the journey-model indicator."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..graph.index import Index
from ..load.model import Provider, Text

MISSING_MIN_KOVS = 2
"""A service kind counts as missing at a KOV when at least this many other KOVs offer it."""
JOURNEY_MODEL_INDICATOR = "kovs-journey-model"
"""Id of the teekond.yaml indicator counting KOVs where the journey model is implemented."""


@dataclass(frozen=True)
class KovProfile:
    kov: str
    name: Text
    services: tuple[str, ...]
    """Services it offers: those it provides and those whose ``availability.kovs`` name it."""
    touchpoints: tuple[str, ...]
    """Touchpoints local to it (``kov:``)."""
    kinds: tuple[str, ...]
    journey_model_since: int | None
    pain_points: tuple[str, ...]
    """Pain points whose ``kovs:`` name it, in journey order."""
    practices: tuple[str, ...]
    """Good practices whose ``kovs:`` name it, by id."""
    proposals_owned: tuple[str, ...]
    """Proposals it owns, in journey order."""
    role_tasks: tuple[str, ...]
    """A proposal id for each task it has in a proposal's ``roles:``."""


@dataclass(frozen=True)
class KovMissing:
    kov: str
    kind: str
    offered_by: tuple[str, ...]
    services: tuple[str, ...]
    """The services of that kind at the KOVs offering it."""


@dataclass(frozen=True)
class KovMatrixRow:
    kind: str
    offered: dict[str, tuple[str, ...]]
    """KOV id -> its services of this kind (only KOVs offering it)."""


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
    since: dict[str, int] = field(default_factory=dict)
    """KOV id -> year its journey model was implemented."""

    def kovs_by(self, year: int) -> tuple[str, ...]:
        """Partner KOVs with the journey model implemented in or before ``year``, by id."""
        return tuple(k for k in self.kovs if self.since[k] <= year)

    def next_target(self, year: int) -> IndicatorYear | None:
        """The first target in or after ``year``; None if none is left."""
        return next((y for y in self.years if y.year >= year), None)


def service_kind(service: str, kov: str) -> str:
    """The kind of a KOV's service: its id without the KOV's prefix."""
    return service.removeprefix(f"{kov}-")


def kinds_offered(ix: Index) -> dict[str, dict[str, list[str]]]:
    """Partner KOV -> service kind -> its services of that kind."""
    offered: dict[str, dict[str, list[str]]] = {k: defaultdict(list) for k in ix.partner_kovs}
    for service in ix.services.values():
        where = {service.provider, *(service.availability.kovs if service.availability else ())}
        for kov in sorted(where & offered.keys()):
            offered[kov][service_kind(service.id, kov)].append(service.id)
    return offered


def kov_profiles(ix: Index, offered: dict[str, dict[str, list[str]]],
                 by_kov: tuple[PracticeGroup, ...]) -> tuple[KovProfile, ...]:
    touchpoints: dict[str, list[str]] = defaultdict(list)
    for tp in ix.touchpoints.values():
        if tp.kov:
            touchpoints[tp.kov].append(tp.id)
    pains: dict[str, list[str]] = defaultdict(list)
    for at in ix.pains.values():
        for kov in at.pain.kovs:
            pains[kov].append(at.pain.id)
    owned: dict[str, list[str]] = defaultdict(list)
    tasks: dict[str, list[str]] = defaultdict(list)
    for placed in ix.proposals.values():
        if placed.proposal.owner:
            owned[placed.proposal.owner].append(placed.proposal.id)
        for role in placed.proposal.roles:
            tasks[role.stakeholder].append(placed.proposal.id)
    practices = {g.key: g.practices for g in by_kov}
    return tuple(KovProfile(
        kov, ix.providers[kov].name,
        tuple(sorted(s for found in offered[kov].values() for s in found)),
        tuple(sorted(touchpoints[kov])), tuple(sorted(offered[kov])),
        ix.providers[kov].partner.journey_model_since,  # type: ignore[union-attr]
        tuple(pains[kov]), practices.get(kov, ()), tuple(owned[kov]), tuple(tasks[kov]))
        for kov in ix.partner_kovs)


def kov_matrix(offered: dict[str, dict[str, list[str]]]) -> tuple[KovMatrixRow, ...]:
    rows: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    for kov in sorted(offered):
        for kind, services in offered[kov].items():
            rows[kind][kov] = tuple(sorted(services))
    return tuple(KovMatrixRow(kind, cells) for kind, cells in
                 sorted(rows.items(), key=lambda r: (-len(r[1]), r[0])))


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


def practices(ix: Index) -> tuple[Practice, ...]:
    return tuple(Practice(p.practice.id, p.practice.title, p.practice.kind, p.at.journey.id,
                          p.at.stage.id, p.at.step.id, tuple(sorted(p.practice.kovs)))
                 for p in ix.practices.values())


def group_practices(found: tuple[Practice, ...], by: str) -> tuple[PracticeGroup, ...]:
    """Good practices grouped by ``stage`` or by ``kov`` (each KOV it names): keys sorted,
    the practices of a key in journey order."""
    groups: dict[str, list[str]] = defaultdict(list)
    for p in found:
        for key in ((p.stage,) if by == "stage" else p.kovs or ("",)):
            groups[key].append(p.id)
    return tuple(PracticeGroup(k, tuple(v)) for k, v in sorted(groups.items()))


def journey_model_since(providers: Iterable[Provider]) -> dict[str, int]:
    """Partner KOV id -> the year its journey model was implemented, for those where it is
    (by id). Works on any workspace, valid or not: interim summaries compare two."""
    return {p.id: p.partner.journey_model_since for p in sorted(providers, key=lambda p: p.id)
            if p.partner is not None and p.partner.journey_model_since is not None}


def indicator(ix: Index) -> IndicatorProgress:
    done = journey_model_since(ix.providers.values())
    declared = next((i for i in (ix.settings.indicators if ix.settings else ())
                     if i.id == JOURNEY_MODEL_INDICATOR), None)
    targets = sorted(declared.targets.items()) if declared else []
    years = tuple(IndicatorYear(y, t, sum(s <= y for s in done.values())) for y, t in targets)
    name = declared.name if declared else Text({"en": JOURNEY_MODEL_INDICATOR})
    return IndicatorProgress(JOURNEY_MODEL_INDICATOR, name, tuple(sorted(done)), len(done),
                             years, done)
