"""When a pain point, good practice or proposal became known: the date of its evidence.

An evidence entry is dated by its own ``date:``, else by the date of the source it cites
(``sources:`` in teekond.yaml); either may be missing. An item is known from the earliest
date of its evidence. Evidence without any date counts as known from the start (it is never
left out of a report): an item is only held back from a report when *every* entry of its
evidence is dated, and the earliest of them is after the report's period. The reasoning:
an undated entry is most often an old document or general knowledge, and leaving an item out
of a report because a date was never written down would hide what the workspace says.

Reports use :func:`known_since` through :func:`toolkit.graph.known.known_by`; the check
stage warns (C310) about an item known only after every reporting period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .model import Evidence, GoodPractice, PainPoint, Proposal, Source, WorkspaceSettings

__all__ = ["Dated", "evidence_date", "known_since", "last_period_end"]

Dated = PainPoint | GoodPractice | Proposal
"""The items whose evidence dates them."""


def evidence_date(evidence: Evidence, sources: Mapping[str, Source]) -> dt.date | None:
    """The entry's own ``date:``, else its source's, else None (undated)."""
    if evidence.date is not None:
        return evidence.date
    source = sources.get(evidence.source)
    return source.date if source is not None else None


def known_since(item: Dated, sources: Mapping[str, Source]) -> tuple[dt.date, Evidence] | None:
    """The earliest date of ``item``'s evidence and the entry that gives it; None when the
    item is known from the start (no evidence, or an entry with no date)."""
    dated = []
    for evidence in item.evidence or []:
        day = evidence_date(evidence, sources)
        if day is None:
            return None
        dated.append((day, evidence))
    return min(dated, key=lambda pair: pair[0]) if dated else None


def last_period_end(settings: WorkspaceSettings | None) -> dt.date | None:
    """The end of the last reporting period of teekond.yaml (None without periods)."""
    ends = [p.end for p in settings.reporting_periods] if settings else []
    return max(ends, default=None)
