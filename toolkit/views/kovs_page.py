"""The partner KOVs side by side, and where people fall between languages and providers:
the KOV comparison matrix (service kinds x KOVs), the kinds a KOV lacks that others offer,
the language gaps and the handoffs. One view for the site's page and the final report's
section (the analysis computed every figure, :mod:`toolkit.analyse.kovs`,
:mod:`toolkit.analyse.personas`, :mod:`toolkit.analyse.journeys`)."""

from __future__ import annotations

from dataclasses import dataclass

from .base import Figure, ViewContext


@dataclass(frozen=True)
class MatrixRow:
    kind: str
    cells: list[Figure | None]
    """One per KOV of :attr:`KovsView.kovs`: its number of services of the kind."""


@dataclass(frozen=True)
class MissingRow:
    kov: str
    kind: str
    offered_by: Figure
    kovs: list[str]


@dataclass(frozen=True)
class LanguageGapRow:
    persona: str
    service: str
    usable: str
    offered: str


@dataclass(frozen=True)
class HandoffRow:
    journey: str
    persona: str
    kov: str
    count: Figure
    providers: Figure


@dataclass(frozen=True)
class OnlyHere:
    """The service kinds only one partner KOV offers."""

    kov: str
    kinds: list[str]


@dataclass(frozen=True)
class KovsView:
    kovs: list[str]
    matrix: list[MatrixRow]
    """The kinds at least two partner KOVs offer (the analysis' order: most KOVs first)."""
    only_here: list[OnlyHere]
    """The other kinds, per KOV (KOVs by id, kinds in the analysis' order)."""
    missing: list[MissingRow]
    language_gaps: list[LanguageGapRow]
    handoffs: list[HandoffRow]


def kovs_view(ctx: ViewContext) -> KovsView:
    a = ctx.analysis
    kovs = [k.kov for k in a.kov_profiles]
    shared = [row for row in a.kov_matrix if len(row.offered) > 1]
    matrix = [MatrixRow(row.kind, [
        Figure(f"kov-matrix:{row.kind}:{k}", len(row.offered[k])) if k in row.offered
        else None for k in kovs]) for row in shared]
    only_here = [OnlyHere(ctx.name_of(k), [row.kind for row in a.kov_matrix
                                           if list(row.offered) == [k]]) for k in kovs]
    missing = [MissingRow(ctx.name_of(m.kov), m.kind,
                          Figure(f"kov-missing:{m.kov}:{m.kind}", len(m.offered_by)),
                          [ctx.name_of(k) for k in m.offered_by]) for m in a.kov_missing]
    languages = ctx.translator.language_name
    gaps = [LanguageGapRow(ctx.name_of(g.persona), ctx.text(g.name),
                           ", ".join(languages(x) for x in g.usable),
                           ", ".join(languages(x) for x in g.offered))
            for g in a.language_gaps]
    handoffs = [HandoffRow(ctx.text(ctx.index.journeys[h.journey].title),
                           ctx.name_of(h.persona), ctx.name_of(h.kov) if h.kov else "",
                           Figure(f"handoffs:{h.journey}:{h.persona}", h.count),
                           Figure(f"handoffs:{h.journey}:{h.persona}:providers",
                                  len(h.providers)))
                for h in a.handoffs]
    return KovsView([ctx.name_of(k) for k in kovs], matrix,
                    [o for o in only_here if o.kinds], missing, gaps, handoffs)
