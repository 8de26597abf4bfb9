"""The site's index: the journeys with their figures, the personas, the reports, the
partner KOVs with theirs, and the partner packs by stakeholder group."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import keep_lang
from .base import Figure, ViewContext
from .journey import Link, kov_page
from .pack import pack_page

SUMMARY_CHARS = 220
"""A journey's description on its card is cut at a word to at most this many characters."""


@dataclass(frozen=True)
class ReportLink:
    kind: str
    """final or interim"""
    period: str
    title: str
    page: str
    """Path relative to the language folder, e.g. reports/final-2025.html."""


@dataclass(frozen=True)
class JourneyCard:
    id: str
    name: str
    target_group: str
    summary: str
    figures: list[Figure]
    """Stages, personas, pain points, proposals."""
    kov_versions: list[Link]
    """The map's version for each partner KOV."""
    draft: bool = False


@dataclass(frozen=True)
class PersonaLink:
    id: str
    name: str
    target_group: str
    kov: str
    quote: str
    draft: bool = False


@dataclass(frozen=True)
class KovRow:
    id: str
    name: str
    contract: str
    council: str
    services: Figure
    model: str


@dataclass(frozen=True)
class PackGroup:
    """The partner packs of one stakeholder group."""

    name: str
    packs: list[Link]
    """Each pack's page (its PDF is beside it)."""


@dataclass(frozen=True)
class IndexView:
    journeys: list[JourneyCard]
    personas: list[PersonaLink]
    kovs: list[KovRow]
    reports: list[ReportLink]
    packs: list[PackGroup]
    dashboard: bool = False
    """True when the site has the statistics dashboard (the workspace has statistics)."""


def index_view(ctx: ViewContext, reports: list[ReportLink]) -> IndexView:
    ix = ctx.index
    journeys = []
    for f in ctx.analysis.journeys:
        j, key = ix.journeys[f.id], f"journey:{f.id}"
        journeys.append(JourneyCard(
            j.id, ctx.text(j.title), ctx.word(j.target_group),
            shorten(ctx.text(j.description), SUMMARY_CHARS),
            [ctx.count(f"{key}:stages", len(f.stages), "stage", "stages"),
             ctx.count(f"{key}:personas", len(f.personas), "persona", "personas"),
             ctx.count(f"{key}:pain_points", len(f.pain_points), "pain point", "pain points"),
             ctx.count(f"{key}:proposals", len(f.proposals), "proposal", "proposals")],
            [Link(f"journeys/{kov_page(j.id, k)}", ctx.name_of(k))
             for k in ctx.analysis.kovs_of_journey(j.id)], j.draft))
    personas = [PersonaLink(p.id, p.name, ctx.word(p.target_group),
                            ctx.name_of(p.background.kov), ctx.text(p.quote), p.draft)
                for p in ix.personas.values()]
    kovs = []
    for profile in ctx.analysis.kov_profiles:
        partner = ix.providers[profile.kov].partner
        assert partner is not None  # kov_profiles lists partner KOVs only
        council = partner.participation_council
        kovs.append(KovRow(
            profile.kov, ctx.text(profile.name),
            f"{partner.contract.start.isoformat()} – {partner.contract.end.isoformat()}",
            ctx.word(council.status) if council else "—",
            Figure(f"kov:{profile.kov}:services", len(profile.services)),
            str(profile.journey_model_since) if profile.journey_model_since
            else ctx.gettext("not yet")))
    return IndexView(journeys, personas, kovs, reports, pack_groups(ctx),
                     bool(ctx.analysis.statistics))


def pack_groups(ctx: ViewContext) -> list[PackGroup]:
    """The packs by stakeholder group: groups in teekond.yaml's order (a level no group
    declares after them, by id), a group's packs by provider name."""
    groups: dict[str, list[Link]] = {}
    for pack in ctx.analysis.packs:
        groups.setdefault(pack.group, []).append(
            Link(pack_page(pack.provider), ctx.name_of(pack.provider)))
    declared = list(ctx.index.groups)
    order = sorted(groups, key=lambda g: (declared.index(g) if g in declared
                                          else len(declared), g))
    return [PackGroup(ctx.name_of(g) if g in ctx.index.groups else ctx.word(g),
                      sorted(groups[g], key=lambda link: (str(link.text).casefold(),
                                                          link.href)))
            for g in order]


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…" when cut
    (in the language of ``text``)."""
    whole = " ".join(text.split())
    if len(whole) <= limit:
        return keep_lang(whole, text)
    cut = whole[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return keep_lang(cut + "…", text)
