"""Read a workspace's ``statistics/*.csv``: tidy tables of counts, one row per value.

The columns (docs/statistics.md has the meaning of each and examples)::

    kov, period, target_group, group, measure, value, rank, source, section, note

A file's first line is its header: every column above, in any order, each once. A row is
one count of people: ``value`` people of ``target_group`` and citizenship ``group`` in
``kov`` during ``period``, by ``measure``, as ``source`` (a source id of teekond.yaml)
gives it. Everything a single file can get wrong is found here (N601-N603, N605-N611,
N613-N618, with the row's line and the cell's column); what needs the rest of the
workspace (is the KOV known, is the source declared) is checked in
:mod:`toolkit.check.statistics` (N604, N612).

A value the source does not give is no row at all: an empty ``value`` is an error, never
read as zero, so a chart can say "no data" where the table has a gap.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, shown
from . import paths
from .model import TEXT_LIMIT, TITLE_LIMIT
from .stat_vocabulary import GROUPS, MEASURES, TARGET_GROUPS

FOLDER = "statistics"
COLUMNS = ("kov", "period", "target_group", "group", "measure", "value", "rank", "source",
           "section", "note")
"""Every column of a statistics file, in the order teekond writes them."""
REQUIRED = ("kov", "period", "target_group", "group", "measure", "value", "source")
"""Columns whose cells may not be empty."""
MAX_BYTES = 2 * 1024 * 1024
"""Largest statistics file teekond reads (as a YAML file: docs/limits.md)."""
MAX_ROWS = 20_000
"""Most rows in one statistics file: 79 KOVs x 20 half-years x 3 groups x 4 citizenship
groups is under 20,000; a larger table belongs in several files."""
RANK_LIMIT = 79
"""Estonia has 79 KOVs: no rank is larger."""

PERIOD = re.compile(r"(\d{4})(?:-(H1|H2)|/(\d{4}))?")
RANK = re.compile(r"(\d{1,3})(?:\s*[-–]\s*(\d{1,3}))?")
COUNTRY = re.compile(r"[A-Z]{2}")
Report = Callable[[str, str, str, str], None]
"""Reports a problem of a row's cell: column name, code, message, hint."""


@dataclass(frozen=True)
class StatRow:
    """One value of a statistics file, with where it stands."""

    file: str
    line: int
    kov: str
    period: str
    target_group: str
    group: str
    measure: str
    value: int
    rank: str
    """As the source gives it: ``2``, or a shared place ``10–11`` (en dash); or empty."""
    source: str
    section: str
    note: str
    columns: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    """The column number of each field in its file (for diagnostics)."""

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """What one row may hold once: measure, target group, group, KOV, period."""
        return (self.measure, self.target_group, self.group, self.kov, self.period)

    def col(self, name: str) -> int:
        return self.columns.get(name, 1)


def period_order(period: str) -> tuple[int, int, int]:
    """Sort key of a period: its first year, then its half (a year before its halves,
    a span of years by its first year and then its length)."""
    found = PERIOD.fullmatch(period)
    if not found:
        return (0, 0, 0)
    year, half, end = found.groups()
    return (int(year), {"H1": 1, "H2": 2}.get(half or "", 0), int(end or year))


def rank_bounds(rank: str) -> tuple[int, int] | None:
    """The best and worst place of a rank (``10–11`` -> (10, 11)); None when empty."""
    found = RANK.fullmatch(rank.strip())
    if not found:
        return None
    low = int(found.group(1))
    return low, int(found.group(2) or low)


def load_statistics(root: Path) -> tuple[list[StatRow], list[Diagnostic]]:
    """Every row of every ``statistics/*.csv`` of the workspace at ``root`` (files sorted,
    rows in file order), and the diagnostics of each file."""
    boundary = Path(os.path.realpath(root))
    rows: list[StatRow] = []
    problems: list[Diagnostic] = []
    for entry in paths.walk(root / FOLDER, boundary):
        rel = entry.path.relative_to(root).as_posix()
        if entry.kind == "outside":
            problems.append(Diagnostic(
                rel, 1, 1, "Y009", "this file is a link to a place outside the workspace: "
                "teekond does not read it", "copy the file into the workspace instead of "
                "linking to it"))
        elif entry.path.suffix.lower() == ".csv" and entry.path.is_file():
            found, diagnostics = read_table(entry.path, rel)
            rows.extend(found)
            problems.extend(diagnostics)
        else:
            problems.append(Diagnostic(
                rel, 1, 1, "N617", f"this file is not read: {FOLDER}/ holds .csv files",
                f"if it holds statistics, save it as CSV (UTF-8); otherwise move it out of "
                f"{FOLDER}/"))
    return rows, problems


def read_table(path: Path, rel: str) -> tuple[list[StatRow], list[Diagnostic]]:
    """The rows of one statistics file and its problems (a file that cannot be read at
    all gives one N601 and no rows)."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        return [], [Diagnostic(rel, 1, 1, "N601", f"the file is {size:,} bytes; teekond reads "
                               f"statistics files up to {MAX_BYTES:,}",
                               "split the table into several files")]
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return [], [Diagnostic(rel, 1, 1, "N601", f"the file is not UTF-8 text (byte "
                               f"{err.start + 1})", "save the table as CSV UTF-8")]
    return parse_table(text, rel)


def parse_table(text: str, rel: str) -> tuple[list[StatRow], list[Diagnostic]]:
    """The rows of a statistics table given as text, and its problems."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as err:
        return [], [_unreadable(rel, 1, err)]
    if not header or not any(cell.strip() for cell in header):
        return [], [Diagnostic(rel, 1, 1, "N601", "the file has no header row",
                               "the first line names the columns: " + ", ".join(COLUMNS))]
    columns, problems = _header(header, rel)
    if problems:
        return [], problems
    rows: list[StatRow] = []
    seen: dict[tuple[str, ...], int] = {}
    line = reader.line_num + 1
    count = 0
    while True:
        try:
            cells = next(reader, None)
        except csv.Error as err:
            problems.append(_unreadable(rel, line, err))
            break
        if cells is None:
            break
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        count += 1
        if count > MAX_ROWS:
            problems.append(Diagnostic(rel, start, 1, "N615", f"the file has more than "
                                       f"{MAX_ROWS:,} rows; teekond reads the first "
                                       f"{MAX_ROWS:,}", "split the table into several files"))
            break
        row, found = _row(cells, columns, rel, start, len(header))
        problems.extend(found)
        if row is None:
            continue
        if row.key in seen:
            problems.append(Diagnostic(
                rel, start, 1, "N613", f"a second row for {row.kov} {row.period} "
                f"{row.target_group}/{row.group} {row.measure}",
                f"the first is on line {seen[row.key]}; keep one of them"))
            continue
        seen[row.key] = start
        rows.append(row)
    return rows, problems


def _unreadable(rel: str, line: int, err: csv.Error) -> Diagnostic:
    return Diagnostic(rel, line, 1, "N601", f"the file is not valid CSV: {err}",
                      "a cell holding a comma, quote or line break is written in double "
                      "quotes, with each quote inside doubled")


def _header(header: list[str], rel: str) -> tuple[dict[str, int], list[Diagnostic]]:
    columns: dict[str, int] = {}
    problems = []
    for number, cell in enumerate(header, 1):
        name = cell.strip().lower()
        if name not in COLUMNS:
            problems.append(Diagnostic(rel, 1, number, "N603", f"unknown column "
                                       f"'{shown(cell)}'", "the columns are "
                                       + ", ".join(COLUMNS)))
        elif name in columns:
            problems.append(Diagnostic(rel, 1, number, "N603", f"column '{name}' appears "
                                       f"twice (also column {columns[name]})",
                                       "keep one of them"))
        else:
            columns[name] = number
    for name in COLUMNS:
        if name not in columns:
            problems.append(Diagnostic(rel, 1, len(header) + 1, "N602",
                                       f"the column '{name}' is missing",
                                       "add it to the header (it may stay empty in rows)"
                                       if name not in REQUIRED else "add it to the header"))
    return columns, problems


def _row(cells: list[str], columns: dict[str, int], rel: str, line: int,
         width: int) -> tuple[StatRow | None, list[Diagnostic]]:
    problems = []
    if len(cells) != width:
        problems.append(Diagnostic(rel, line, min(len(cells), width) + 1, "N614",
                                   f"the row has {len(cells)} cells; the header has {width}",
                                   "check for a comma inside a cell that is not quoted"))
        return None, problems
    get = {name: cells[number - 1].strip() for name, number in columns.items()}

    def report(name: str, code: str, message: str, hint: str) -> None:
        problems.append(Diagnostic(rel, line, columns[name], code, message, hint))

    for name in REQUIRED:
        if not get[name]:
            report(name, "N616", f"the cell '{name}' is empty",
                   "a value the source does not give is no row at all (never 0)"
                   if name == "value" else f"fill in the {name}")
    _check_vocabularies(get, report)
    value = _value(get["value"], report)
    for name, limit in (("section", TITLE_LIMIT), ("note", TEXT_LIMIT)):
        if len(get[name]) > limit:
            report(name, "N618", f"the {name} is {len(get[name]):,} characters long; "
                   f"teekond reads up to {limit:,}", "shorten it")
    if problems or value is None:
        return None, problems
    rank = get["rank"].replace("-", "–").replace(" ", "")
    return StatRow(rel, line, get["kov"], get["period"], get["target_group"], get["group"],
                   get["measure"], value, rank, get["source"], get["section"], get["note"],
                   dict(columns)), problems


def _check_vocabularies(get: dict[str, str], report: Report) -> None:
    period = get["period"]
    if period:
        found = PERIOD.fullmatch(period)
        if not found or (found.group(3) and int(found.group(3)) <= int(found.group(1))):
            report("period", "N605", f"'{shown(period)}' is not a period",
                   "write a year (2024), a half-year (2024-H1, 2024-H2) or a span of years "
                   "(2020/2024)")
    for name, allowed in (("target_group", TARGET_GROUPS), ("measure", MEASURES)):
        if get[name] and get[name] not in allowed:
            code = "N606" if name == "target_group" else "N608"
            report(name, code, f"unknown {name.replace('_', ' ')} '{shown(get[name])}'",
                   "use one of: " + ", ".join(allowed))
    group = get["group"]
    if group and group not in GROUPS and not COUNTRY.fullmatch(group):
        report("group", "N607", f"unknown group '{shown(group)}'",
               "use all, eu, third-country, or a citizenship as a two-letter country code "
               "in capitals (UA)")
    rank = get["rank"]
    bounds = rank_bounds(rank) if rank else (1, 1)
    if bounds is None or not 1 <= bounds[0] <= bounds[1] <= RANK_LIMIT:
        report("rank", "N611", f"'{shown(rank)}' is not a rank",
               f"write a place from 1 to {RANK_LIMIT} (2), or a shared place (10–11); "
               "leave it empty when the source gives none")


def _value(text: str, report: Report) -> int | None:
    if not text:
        return None
    plain = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if not re.fullmatch(r"[+-]?\d+", plain):
        report("value", "N609", f"'{shown(text)}' is not a whole number",
               "write the count in digits (1948 or 1 948), without a decimal part")
        return None
    if int(plain) < 0:
        report("value", "N610", f"the count {plain} is negative",
               "a count of people is 0 or more")
        return None
    return int(plain)
