"""The workspace as it was known at a date: what a report of a period may show.

A report of a period (the final report of a year, an interim summary) shows only the pain
points, good practices and proposals known by the period's end
(:func:`toolkit.load.dates.known_since`); every figure in it is computed on that workspace,
so the filtering happens once, here, before the index and the analysis are made. The site's
other pages show everything.

A proposal is known when its own evidence is and at least one pain point it addresses is;
the pain points it addresses are narrowed to the known ones (a proposal cannot address a
bottleneck nobody knew of yet).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from ..load.dates import Dated, known_since
from ..load.model import GoodPractice, Journey, PainPoint, Source
from ..load.workspace import Workspace

__all__ = ["Unknown", "known_by", "unknown_at"]


@dataclasses.dataclass(frozen=True)
class Unknown:
    """Ids of the items not yet known at a date, by kind (ids are unique per kind only)."""

    pains: frozenset[str] = frozenset()
    practices: frozenset[str] = frozenset()
    proposals: frozenset[str] = frozenset()

    def of(self, item: Dated) -> frozenset[str]:
        """The ids of ``item``'s kind."""
        return (self.pains if isinstance(item, PainPoint) else
                self.practices if isinstance(item, GoodPractice) else self.proposals)

    def __bool__(self) -> bool:
        return bool(self.pains or self.practices or self.proposals)


def unknown_at(ws: Workspace, day: dt.date) -> Unknown:
    """The pain points, good practices and proposals not yet known on ``day``."""
    sources = _sources(ws)
    steps = [step for journey in ws.journeys for stage in journey.stages
             for step in stage.steps]
    pains = [pain for step in steps for pain in step.pain_points]
    late_pains = {p.id for p in pains if _after(p, day, sources)}
    known_pains = {p.id for p in pains} - late_pains
    return Unknown(
        frozenset(late_pains),
        frozenset(g.id for step in steps for g in step.good_practices
                  if _after(g, day, sources)),
        frozenset(p.id for journey in ws.journeys for p in journey.proposals
                  if _after(p, day, sources) or not known_pains.intersection(p.addresses)))


def known_by(ws: Workspace, day: dt.date) -> Workspace:
    """``ws`` without what was not known on ``day``; ``ws`` itself when all of it was."""
    late = unknown_at(ws, day)
    if not late:
        return ws
    dropped = {id(item) for item in _items(ws) if item.id in late.of(item)}
    return dataclasses.replace(ws, journeys=[_journey(j, late) for j in ws.journeys],
                               objects=[o for o in ws.objects if id(o) not in dropped])


def _journey(journey: Journey, late: Unknown) -> Journey:
    stages = [stage.model_copy(update={"steps": [step.model_copy(update={
        "pain_points": [p for p in step.pain_points if p.id not in late.pains],
        "good_practices": [g for g in step.good_practices if g.id not in late.practices]})
        for step in stage.steps]}) for stage in journey.stages]
    proposals = [p.model_copy(update={"addresses": [a for a in p.addresses
                                                    if a not in late.pains]})
                 if late.pains.intersection(p.addresses) else p
                 for p in journey.proposals if p.id not in late.proposals]
    return journey.model_copy(update={"stages": stages, "proposals": proposals})


def _items(ws: Workspace) -> list[Dated]:
    found: list[Dated] = []
    for journey in ws.journeys:
        for stage in journey.stages:
            for step in stage.steps:
                found.extend(step.pain_points)
                found.extend(step.good_practices)
        found.extend(journey.proposals)
    return found


def _after(item: Dated, day: dt.date, sources: dict[str, Source]) -> bool:
    known = known_since(item, sources)
    return known is not None and known[0] > day


def _sources(ws: Workspace) -> dict[str, Source]:
    return {s.id: s for s in ws.settings.sources} if ws.settings else {}
