"""A partner pack: one provider's part of the journeys, as a short brief for that
organisation (a KOV, a state agency, an NGO ...), from the analysis'
:class:`~toolkit.analyse.providers.ProviderPack`. The pages of the packs are listed on the
site's index, grouped by stakeholder group."""

from __future__ import annotations

from dataclasses import dataclass

from ..analyse.providers import PackHandoff, PackLink, PackProposal, PackStage, ProviderPack
from .base import EvidenceView, Figure, ViewContext
from .journey import JourneyViews, Link, PainView, PracticeView, kov_page


def pack_page(provider: str) -> str:
    """Path of a provider's pack, relative to the language folder."""
    return f"packs/{provider}.html"


@dataclass(frozen=True)
class StageRow:
    """A stage: the provider's steps in it on each journey of the pack, and its
    touchpoints there."""

    name: str
    steps: list[list[str]]
    """Per journey of the pack (in its order), the step names."""
    touchpoints: list[tuple[str, str]]
    """Each touchpoint's name and channel."""


@dataclass(frozen=True)
class HandoffRow:
    journey: str
    """The journey, named by its target group."""
    step: str
    """The step, when the handoff is inside one step (then from and to are touchpoints)."""
    source: str
    """The step (or touchpoint) the person comes from."""
    target: str
    personas: str


@dataclass(frozen=True)
class HandoffGroup:
    direction: str
    other: str
    count: Figure
    handoffs: list[HandoffRow]


@dataclass(frozen=True)
class ProposalRow:
    id: str
    title: str
    relation: str
    """Why it is in the pack, in words."""
    tasks: list[str]
    """The provider's tasks in it (its roles)."""
    owner: str
    impact: str
    effort: str
    status: str
    measure: str
    addresses: list[tuple[Figure, str]]
    """The provider's pain points it addresses: rank and title."""
    evidence: list[EvidenceView]


@dataclass(frozen=True)
class PackPractice:
    practice: PracticeView
    where: list[str]
    """Journey, stage and step names."""


@dataclass(frozen=True)
class PackView:
    id: str
    name: str
    level: str
    description: str
    journeys: list[Link]
    target_groups: list[str]
    """The target group of each journey (the columns of the stage table)."""
    kov_maps: list[Link]
    """A KOV's own version of each journey's map."""
    stages: list[StageRow]
    figures: list[Figure]
    """Steps, handoffs, pain points, proposals, peer practices."""
    handoffs: list[HandoffGroup]
    pains: list[tuple[PainView, list[str]]]
    """Its top pain points with where each sits, in ranking order."""
    shown_pains: Figure
    pain_count: Figure
    pain_total: Figure
    proposals: list[ProposalRow]
    practices: list[PackPractice]
    shown_practices: Figure
    practice_count: Figure
    is_kov: bool


def pack_view(ctx: ViewContext, pack: ProviderPack) -> PackView:
    """The pack of one provider in the language of ``ctx``."""
    ix, key = ctx.index, f"pack:{pack.provider}"
    provider = ix.providers[pack.provider]
    journeys = JourneyViews(ctx)
    count = ctx.count
    pains = count(f"{key}:pain_points", len(pack.pain_points), "pain point", "pain points")
    practices = count(f"{key}:practices", len(pack.practices), "good practice of peers",
                      "good practices of peers")
    return PackView(
        id=pack.provider, name=ctx.text(provider.name), level=ctx.word(provider.level),
        description=ctx.text(provider.description),
        journeys=[Link(f"../journeys/{j}.html", ctx.text(ix.journeys[j].title))
                  for j in pack.journeys],
        target_groups=[ctx.word(ix.journeys[j].target_group) for j in pack.journeys],
        kov_maps=[Link(f"../journeys/{kov_page(j, pack.provider)}",
                       ctx.word(ix.journeys[j].target_group)) for j in pack.kov_maps],
        stages=[_stage(ctx, pack, s) for s in pack.stages],
        figures=[count(f"{key}:steps", len(pack.steps), "step", "steps"),
                 count(f"{key}:handoffs", sum(len(g.handoffs) for g in pack.handoffs),
                       "handoff", "handoffs"),
                 pains,
                 count(f"{key}:proposals", len(pack.proposals), "proposal", "proposals"),
                 practices],
        handoffs=[_handoff_group(ctx, key, g) for g in pack.handoffs],
        pains=[(journeys.pain(p), _where(ctx, ix.pains[p].at.journey.id,
                                         ix.pains[p].at.step.id)) for p in pack.top_pains],
        shown_pains=Figure(f"{key}:top_pains", len(pack.top_pains)), pain_count=pains,
        pain_total=Figure("total:pain_points", len(ctx.analysis.bottlenecks)),
        proposals=[_proposal(ctx, pack.provider, p) for p in pack.proposals],
        practices=[PackPractice(journeys.practice(ix.practices[g].practice),
                                _where(ctx, ix.practices[g].at.journey.id,
                                       ix.practices[g].at.step.id))
                   for g in pack.top_practices],
        shown_practices=Figure(f"{key}:top_practices", len(pack.top_practices)),
        practice_count=practices,
        is_kov=provider.level == "kov")


def _stage(ctx: ViewContext, pack: ProviderPack, stage: PackStage) -> StageRow:
    ix = ctx.index
    return StageRow(
        ctx.text(ix.stage_names[stage.id]),
        [[ctx.text(ix.step[key].step.name) for key in stage.steps
          if key.split("/", 1)[0] == journey] for journey in pack.journeys],
        [(ctx.text(ix.touchpoints[t].name), ctx.word(ix.touchpoints[t].channel))
         for t in stage.touchpoints])


def _where(ctx: ViewContext, journey: str, step: str) -> list[str]:
    at = ctx.index.step[f"{journey}/{step}"]
    return [ctx.text(at.journey.title), ctx.text(at.stage.name), ctx.text(at.step.name)]


def _handoff_group(ctx: ViewContext, key: str, group: PackLink) -> HandoffGroup:
    return HandoffGroup(
        group.direction, ctx.name_of(group.other),
        Figure(f"{key}:handoffs:{group.direction}:{group.other}", len(group.handoffs)),
        [_handoff(ctx, h) for h in group.handoffs])


def _handoff(ctx: ViewContext, h: PackHandoff) -> HandoffRow:
    ix = ctx.index

    def step(ident: str) -> str:
        return ctx.text(ix.step[f"{h.journey}/{ident}"].step.name)

    same = h.from_step == h.to_step
    return HandoffRow(
        ctx.word(ix.journeys[h.journey].target_group), step(h.from_step) if same else "",
        ctx.text(ix.touchpoints[h.from_touchpoint].name) if same else step(h.from_step),
        ctx.text(ix.touchpoints[h.to_touchpoint].name) if same else step(h.to_step),
        ", ".join(ctx.name_of(p) for p in h.personas))


def _proposal(ctx: ViewContext, provider: str, item: PackProposal) -> ProposalRow:
    _ = ctx.gettext
    ix = ctx.index
    proposal = ix.proposals[item.id].proposal
    relation = {"owner": _("You own it"), "role": _("You have a task in it"),
                "service": _("It develops your service"),
                "addresses": _("It addresses a pain point above")}[item.relation]
    levels = {"low": ctx.pgettext("impact or effort", "low"),
              "medium": ctx.pgettext("impact or effort", "medium"),
              "high": ctx.pgettext("impact or effort", "high")}
    return ProposalRow(
        id=item.id, title=ctx.text(proposal.title), relation=relation,
        tasks=[ctx.text(r.task) for r in proposal.roles if r.stakeholder == provider],
        owner=ctx.name_of(proposal.owner) if proposal.owner else _("no owner yet"),
        impact=levels.get(proposal.impact or "", "—"),
        effort=levels.get(proposal.effort or "", "—"),
        status=ctx.word(proposal.status), measure=ctx.text(proposal.measure),
        addresses=[(Figure(f"pain:{p}:rank", ctx.analysis.pain(p).rank,
                           text=f"#{ctx.analysis.pain(p).rank}"),
                    ctx.text(ix.pains[p].pain.title)) for p in item.pains],
        evidence=ctx.evidence(proposal.evidence))
