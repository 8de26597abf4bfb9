"""`teekond new period YEAR`: add a year's reporting periods to teekond.yaml.

The new periods copy the shape of the latest year that has periods (the shipped workspace:
four quarterly interim summaries and a final report), moved to YEAR: ids and dates take the
new year, a period without ``due:`` stays without one. A workspace with no periods gets
:data:`DEFAULT_PATTERN`, the programme's own (domain.md: interim reports at the end of April,
June and September and in early January, the final report by the end of January).

teekond.yaml is written through :mod:`toolkit.edit.roundtrip`: comments and layout kept, the
old file backed up, the new one written atomically.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..check.validate import validate
from ..errors import ContentErrors, UsageError
from ..load.model import ReportingPeriod
from ..load.workspace import SETTINGS_FILE
from .roundtrip import open_document, save

__all__ = ["DEFAULT_PATTERN", "AddedPeriods", "add_year"]

FIRST_YEAR, LAST_YEAR = 1900, 2999

DEFAULT_PATTERN: tuple[ReportingPeriod, ...] = tuple(ReportingPeriod(**p) for p in (
    {"id": "2025-q1", "kind": "interim", "start": "2025-01-01", "end": "2025-04-30",
     "due": "2025-04-30"},
    {"id": "2025-q2", "kind": "interim", "start": "2025-05-01", "end": "2025-06-30",
     "due": "2025-06-30"},
    {"id": "2025-q3", "kind": "interim", "start": "2025-07-01", "end": "2025-09-30",
     "due": "2025-09-30"},
    {"id": "2025-q4", "kind": "interim", "start": "2025-10-01", "end": "2025-12-31"},
    {"id": "2025-final", "kind": "final", "start": "2025-01-01", "end": "2025-12-31",
     "due": "2026-01-31"},
))
"""The periods of a year when teekond.yaml has none to copy (the shipped ones of 2025)."""


class PeriodError(UsageError):
    """The year's periods cannot be added (not a year, or they exist already)."""


@dataclass
class AddedPeriods:
    """What `teekond new period` did, for the CLI to print."""

    path: Path
    periods: list[ReportingPeriod]
    backup: Path | None


def add_year(root: Path, year_text: str) -> AddedPeriods:
    """Append the reporting periods of the year ``year_text`` to ``root``/teekond.yaml."""
    year = _year(year_text)
    result = validate(root)
    settings = result.workspace.settings
    if settings is None:
        raise ContentErrors([d for d in result.diagnostics if d.file == SETTINGS_FILE]
                            or result.diagnostics, len(result.workspace.documents))
    existing = [p.id for p in settings.reporting_periods if year in (p.start.year, p.end.year)]
    if existing:
        raise PeriodError(f"{SETTINGS_FILE} has reporting periods of {year} already: "
                          f"{', '.join(existing)}; edit them there")
    taken = {p.id for p in settings.reporting_periods}
    added = [_moved(p, year, taken) for p in _pattern(settings.reporting_periods)]
    doc = open_document(root, SETTINGS_FILE)
    periods = doc.data.get("reporting_periods")
    if not periods:  # missing, or `[]`: a new block list (a comment on the key line stays)
        periods = doc.data["reporting_periods"] = CommentedSeq()
    _append(periods, [_entry(p) for p in added])
    return AddedPeriods(doc.path, added, save([doc]))


def _year(text: str) -> int:
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise PeriodError(f"'{text}' is not a year: write it like 2026")
    return int(text)


def _pattern(periods: list[ReportingPeriod]) -> list[ReportingPeriod]:
    """The periods of the latest year that starts one, in the file's order."""
    if not periods:
        return list(DEFAULT_PATTERN)
    latest = max(p.start.year for p in periods)
    return [p for p in periods if p.start.year == latest]


def _moved(period: ReportingPeriod, year: int, taken: set[str]) -> ReportingPeriod:
    """``period`` moved to ``year``: its id with the year replaced (or, for an id without
    its year, prefixed with the new one), its dates as many years later."""
    shift = year - period.start.year
    ident = period.id.replace(str(period.start.year), str(year))
    return period.model_copy(update={
        "id": ident if ident not in taken else f"{year}-{period.id}",
        "start": _shift(period.start, shift), "end": _shift(period.end, shift),
        "due": _shift(period.due, shift) if period.due else None})


def _shift(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)


def _entry(period: ReportingPeriod) -> CommentedMap:
    """A period as teekond.yaml writes it: id, kind, start, end and due if it has one."""
    entry = CommentedMap([("id", period.id), ("kind", period.kind),
                          ("start", period.start), ("end", period.end)])
    if period.due is not None:
        entry["due"] = period.due
    return entry


def _append(periods: Any, entries: list[CommentedMap]) -> None:
    """Append ``entries``; what followed the old last period (the blank line before the
    next key) follows the new last one."""
    trailing = None
    if periods and isinstance(periods[-1], CommentedMap) and periods[-1]:
        last = periods[-1]
        trailing = last.ca.items.pop(list(last)[-1], None)
    periods.extend(entries)
    if trailing is not None:
        entries[-1].ca.items[list(entries[-1])[-1]] = trailing
