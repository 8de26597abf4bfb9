"""The *graph* stage: the validated workspace looked up by id, built once.

:class:`Index` is the one lookup every stage after ``check`` reads: analysis, views,
diagrams and the site never build dictionaries by id of their own. It also knows where each
pain point, good practice and step sits (journey, stage, step, order) and the relations the
design names (a step *uses* touchpoints, a touchpoint is *of* a service, a service is
*provided by* a provider, a persona *walks* a journey, a proposal *addresses* pain points).
The networkx graph of the same relations (:class:`~toolkit.graph.network.JourneyGraph`,
made from an index) is one view of it, for graph algorithms and ``teekond graph``.

Build it only from a workspace that validated without errors: references are assumed to
resolve (a missing one raises ``KeyError``, which would be a bug in the validator).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..load.model import (
    GoodPractice,
    Journey,
    PainPoint,
    Persona,
    Proposal,
    Provider,
    Service,
    Source,
    Stage,
    StakeholderGroup,
    Step,
    Text,
    Touchpoint,
)
from ..load.workspace import Workspace

__all__ = ["TARGET_GROUP_ORDER", "Index", "PainAt", "PracticeAt", "ProposalAt", "StepAt"]

TARGET_GROUP_ORDER: tuple[str, ...] = ("newcomer", "other-background", "returnee")
"""The order of the target groups everywhere: the programme lists them so."""


@dataclass(frozen=True)
class StepAt:
    """A step with the journey and stage it belongs to."""

    journey: Journey
    stage: Stage
    step: Step
    stage_number: int
    """1-based number of the stage in its journey."""
    order: int
    """0-based position of the step in its journey."""

    @property
    def key(self) -> str:
        """``<journey>/<step>``: step ids are unique only inside their journey."""
        return f"{self.journey.id}/{self.step.id}"


@dataclass(frozen=True)
class PainAt:
    """A pain point, where it sits, and the services it touches: those of its step's
    touchpoints plus those it names in ``services:``."""

    pain: PainPoint
    at: StepAt
    services: tuple[str, ...]
    order: int
    """0-based position of the pain point in its journey."""


@dataclass(frozen=True)
class PracticeAt:
    practice: GoodPractice
    at: StepAt


@dataclass(frozen=True)
class ProposalAt:
    proposal: Proposal
    journey: Journey


class Index:
    """Every item of a validated workspace by id, and where it sits, in one pass."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.root: Path = ws.root
        self.settings = ws.settings
        self.languages: list[str] = ws.languages
        self.default_language: str = ws.default_language
        self.providers: dict[str, Provider] = {p.id: p for p in ws.providers()}
        self.services: dict[str, Service] = {s.id: s for s in ws.services()}
        self.touchpoints: dict[str, Touchpoint] = {t.id: t for t in ws.touchpoints()}
        self.personas: dict[str, Persona] = {p.id: p for p in sorted(ws.personas,
                                                                     key=lambda p: p.id)}
        self.journeys: dict[str, Journey] = {j.id: j for j in sorted(ws.journeys,
                                                                     key=_journey_order)}
        """In the programme's order: target group, then id."""
        settings = ws.settings
        self.groups: dict[str, StakeholderGroup] = (
            {g.id: g for g in settings.stakeholder_groups} if settings else {})
        self.sources: dict[str, Source] = {s.id: s for s in settings.sources} if settings else {}
        self.partner_kovs: list[str] = sorted(p.id for p in self.providers.values() if p.partner)
        self.steps: list[StepAt] = []
        self.steps_by_journey: dict[str, list[StepAt]] = defaultdict(list)
        self.step: dict[str, StepAt] = {}
        """``<journey>/<step>`` -> the step where it sits."""
        self.pains: dict[str, PainAt] = {}
        self.practices: dict[str, PracticeAt] = {}
        self.proposals: dict[str, ProposalAt] = {}
        self.stage_names: dict[str, Text] = {}
        """Stage id -> its name where it first appears (a stage id shared by journeys is
        one stage)."""
        self.journeys_of_persona: dict[str, list[str]] = defaultdict(list)
        self.journeys_of_service: dict[str, set[str]] = defaultdict(set)
        self.services_of_journey: dict[str, set[str]] = defaultdict(set)
        self.pains_of_service: dict[str, list[PainAt]] = defaultdict(list)
        self.proposals_for: dict[str, list[str]] = defaultdict(list)
        """Pain point id -> ids of the proposals addressing it, in journey order."""
        for journey in self.journeys.values():
            self._add_journey(journey)
        for journey in self.journeys.values():  # a proposal may address any journey's pain
            for proposal in journey.proposals:
                self.proposals[proposal.id] = ProposalAt(proposal, journey)
                for pain in proposal.addresses:
                    self.proposals_for[pain].append(proposal.id)

    def _add_journey(self, journey: Journey) -> None:
        for persona in journey.personas:
            self.journeys_of_persona[persona].append(journey.id)
        order = len(self.steps)
        pains = 0
        for number, stage in enumerate(journey.stages, start=1):
            self.stage_names.setdefault(stage.id, stage.name)
            for step in stage.steps:
                at = StepAt(journey, stage, step, number, len(self.steps) - order)
                self.steps.append(at)
                self.steps_by_journey[journey.id].append(at)
                self.step[at.key] = at
                used = {self.touchpoints[tp].service for tp in step.touchpoints}
                for service in used:
                    self.journeys_of_service[service].add(journey.id)
                self.services_of_journey[journey.id].update(used)
                for pain in step.pain_points:
                    placed = PainAt(pain, at, tuple(sorted(used.union(pain.services))), pains)
                    pains += 1
                    self.pains[pain.id] = placed
                    for service in placed.services:
                        self.pains_of_service[service].append(placed)
                for practice in step.good_practices:
                    self.practices[practice.id] = PracticeAt(practice, at)

    # -- lookups -------------------------------------------------------------------------

    def steps_of(self, journey: str) -> list[StepAt]:
        """The steps of a journey, in journey order."""
        return self.steps_by_journey[journey]

    def provider_of(self, service: str) -> str:
        return self.services[service].provider

    def group_of(self, ref: str) -> str:
        """Stakeholder group of a provider or group id: a provider's ``stakeholder_group``,
        else its level."""
        if ref in self.groups:
            return ref
        provider = self.providers.get(ref)
        return (provider.stakeholder_group or provider.level) if provider else ref

    def meets(self, home: str, touchpoint: str) -> bool:
        """Whether a person living in KOV ``home`` can meet ``touchpoint``: it is not local
        to another KOV, and its service is not run by another KOV."""
        tp = self.touchpoints[touchpoint]
        provider = self.providers[self.provider_of(tp.service)]
        return tp.kov in (None, home) and (provider.level != "kov" or provider.id == home)

    def reach(self, journeys: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Target groups and personas of ``journeys``, each sorted."""
        found = [self.journeys[j] for j in journeys]
        return (tuple(sorted({j.target_group for j in found})),
                tuple(sorted({p for j in found for p in j.personas})))

    def name(self, ident: str) -> Text | None:
        """Display name of a provider, stakeholder group or persona id (None if unknown)."""
        if ident in self.providers:
            return self.providers[ident].name
        if ident in self.groups:
            return self.groups[ident].name
        if ident in self.personas:
            return Text({lang: self.personas[ident].name for lang in self.languages})
        return None


def _journey_order(journey: Journey) -> tuple[int, str]:
    group = journey.target_group
    return (TARGET_GROUP_ORDER.index(group) if group in TARGET_GROUP_ORDER
            else len(TARGET_GROUP_ORDER), journey.id)
