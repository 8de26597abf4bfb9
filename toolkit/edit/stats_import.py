"""`teekond import stats`: a JSON-stat 2.0 dataset (what Statistics Estonia's PxWeb API
returns) into a statistics table of the workspace (``statistics/<measure>.csv``).

The dataset's dimensions are recognised by their category labels: the one whose labels
are KOV names ("Tallinn", "Tartu linn", "Saaremaa vald") gives the KOV, the one whose
labels are periods ("2024", "2024 I poolaasta", "2020–2024"; or the dimension the dataset's
``role.time`` names) the period, and one whose labels are citizenship groups ("Kokku",
"Euroopa Liidu kodanikud", "Kolmandate riikide kodanikud") the group (``all`` when there
is none). A dimension of one category is a constant and is left alone; any other one is a
problem (I305). The measure, target group and source are the command's options.

A value that is missing (``null``, a status ``..``, or a cell a sparse ``value`` leaves
out) is **not written**: a row is a value the source gives, so the dashboard says "no
data" there instead of drawing a zero (I309 names each, up to :data:`SHOWN_MISSING`).
A label that is not a KOV, period or group ("Kogu Eesti", "Harju maakond") is reported
(I306-I308) and its values are left out.

The import is a dry run unless ``write``: it prints each row it would add or change. The
table is written through :func:`toolkit.edit.roundtrip.save` (only when its text changes,
never over a file changed since it was read, the old bytes backed up first, atomically).
Rows already in the table keep their place; a row for the same KOV, period, target group,
group and measure is replaced; new rows follow, by KOV, period and group.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..check.validate import validate
from ..diagnostics import Diagnostic, printable, shown
from ..errors import TeekondError
from ..load.estonian_kovs import KOVS
from ..load.statistics import (
    COLUMNS,
    FOLDER,
    MAX_BYTES,
    StatRow,
    period_order,
    read_table,
)
from ..load.workspace import load_workspace
from .roundtrip import Document, save

SHOWN_MISSING = 20
"""Missing values named one by one; the rest are counted in one more line."""
MISSING_STATUS = ("..", "...", "…")
"""Statuses that mean "no value" in Statistics Estonia's tables."""
GROUP_LABELS = {
    "all": ("kokku", "total", "kõik", "kõik kodakondsused", "all citizenships", "all"),
    "eu": ("euroopa liidu kodanikud", "euroopa liit", "el", "el kodanikud", "eu",
           "eu citizens", "european union"),
    "third-country": ("kolmandate riikide kodanikud", "kolmandad riigid",
                      "third-country nationals", "third countries", "third-country citizens"),
}
_HALF = re.compile(r"(\d{4})\s*(?:-?\s*(I{1,2}|H1|H2|1|2)\.?\s*(?:poolaasta|half|half-year)?)?",
                   re.IGNORECASE)
_SPAN = re.compile(r"(\d{4})\s*[-–/]\s*(\d{4})")


@dataclass(frozen=True)
class Problem:
    """A problem of the dataset, at the place of the text it is about (``notice``: told,
    not a failure)."""

    file: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    notice: bool = False

    def to_text(self) -> str:
        text = printable(f"{self.file}:{self.line}:{self.col}: {self.code} {self.message}")
        return text + (f"\n    hint: {printable(self.hint)}" if self.hint else "")


@dataclass(frozen=True)
class Change:
    """One row the import adds (``old`` None) or changes."""

    row: StatRow
    old: int | None

    def to_text(self) -> str:
        r = self.row
        what = f"{r.kov} {r.period} {r.target_group}/{r.group} {r.measure}"
        if self.old is None:
            return printable(f"+ {what}: {r.value}")
        return printable(f"~ {what}: {self.old} → {r.value}")


@dataclass
class StatsImport:
    """What an import found, changed and wrote."""

    target: str
    """The table, relative to the workspace (``statistics/residents.csv``)."""
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    backup: Path | None = None
    after: list[Diagnostic] = field(default_factory=list)
    """The workspace's diagnostics after writing."""

    @property
    def failed(self) -> bool:
        return any(not p.notice for p in self.problems) or any(
            d.severity == "error" for d in self.after)


class NotADataset(TeekondError):
    """The file is no JSON-stat 2.0 dataset teekond can read: nothing imported."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.to_text())
        self.problem = problem


@dataclass(frozen=True)
class Dimension:
    id: str
    codes: list[str]
    labels: list[str]


def import_stats(root: Path, file: Path, measure: str, source: str,
                 target_group: str = "not-stated", into: str | None = None,
                 write: bool = False) -> StatsImport:
    """Import the JSON-stat dataset ``file`` into the workspace ``root`` (see the module's
    docstring); raise :class:`NotADataset` when it cannot be read at all."""
    target = into or f"{FOLDER}/{measure}.csv"
    result = StatsImport(target)
    name = file.name
    text = _read(file, name)
    data = _parse(text, name)
    dims, values, status = _structure(data, text, name)
    ws, _ = load_workspace(root)
    if ws.settings is not None and source not in {s.id for s in ws.settings.sources}:
        result.problems.append(Problem(name, 1, 1, "I311", f"source '{shown(source)}' is not "
                                       "declared in teekond.yaml",
                                       "declare it under sources:, or name one with --source"))
    kov_names = _kov_names({p.id: list(p.name.values()) for p in ws.providers()
                            if p.level == "kov"})
    roles = _roles(dims, data, kov_names, text, name, result.problems)
    if roles is None:
        return result
    rows = _rows(dims, roles, values, status, measure, target_group, source, data, text,
                 name, result.problems)
    existing, found = _existing(root, target)
    result.problems.extend(found)
    if result.failed:
        return result
    merged = _merge(existing, rows, result)
    if write and result.changes:
        document = CsvDocument(root, target, (root / target).read_bytes()
                               if (root / target).exists() else b"", merged)
        result.backup = save([document])
        result.written = True
        result.after = [d for d in validate(root).diagnostics if d.file == target]
    return result


class CsvDocument(Document):
    """A statistics table to write through :func:`~toolkit.edit.roundtrip.save`: ``data``
    is its rows."""

    def text(self) -> str:
        return table_text(self.data)


def table_text(rows: list[StatRow]) -> str:
    """The CSV text of ``rows``, with the header (the columns in teekond's order)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([r.kov, r.period, r.target_group, r.group, r.measure, r.value, r.rank,
                         r.source, r.section, r.note])
    return out.getvalue()


# -- reading the dataset --------------------------------------------------------------------

def _read(file: Path, name: str) -> str:
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise NotADataset(Problem(name, 1, 1, "I301", f"the file is {size:,} bytes; "
                                      f"teekond reads datasets up to {MAX_BYTES:,}",
                                      "ask the API for fewer KOVs or periods at a time"))
        return file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise NotADataset(Problem(name, 1, 1, "I301", f"the file is not UTF-8 text (byte "
                                  f"{err.start + 1})", "save the API's answer as it came")
                          ) from None
    except OSError as err:
        raise NotADataset(Problem(name, 1, 1, "I301", f"cannot read the file: "
                                  f"{err.strerror}")) from None


def _parse(text: str, name: str) -> dict[str, Any]:
    try:
        data = json.loads(text, parse_constant=lambda c: None)
    except (json.JSONDecodeError, RecursionError) as err:
        line, col = (err.lineno, err.colno) if isinstance(err, json.JSONDecodeError) else (1, 1)
        raise NotADataset(Problem(name, line, col, "I301", f"the file is not JSON: "
                                  f"{getattr(err, 'msg', 'nested too deeply')}")) from None
    if not isinstance(data, dict) or data.get("class") != "dataset":
        raise NotADataset(Problem(name, 1, 1, "I301", "the file is not a JSON-stat 2.0 "
                                  "dataset (no \"class\": \"dataset\")",
                                  "ask PxWeb for the format json-stat2; a collection or "
                                  "bundle is imported one dataset at a time"))
    return data


def _structure(data: dict[str, Any], text: str,
               name: str) -> tuple[list[Dimension], dict[int, Any], dict[int, str]]:
    ids, sizes, dims = data.get("id"), data.get("size"), data.get("dimension")
    if (not isinstance(ids, list) or not isinstance(sizes, list) or not isinstance(dims, dict)
            or len(ids) != len(sizes) or not all(isinstance(i, str) for i in ids)
            or not all(isinstance(s, int) and s > 0 for s in sizes)):
        raise NotADataset(Problem(name, *_where(text, '"id"'), "I301", "the dataset's id, "
                                  "size and dimension do not describe its dimensions",
                                  "id and size are lists of the same length"))
    found = []
    for ident, size in zip(ids, sizes, strict=True):
        dim = _dimension(ident, dims.get(ident), text, name)
        if len(dim.codes) != size:
            raise NotADataset(Problem(name, *_where(text, f'"{ident}"'), "I302",
                                      f"dimension '{shown(ident)}' has {len(dim.codes)} "
                                      f"categories; size says {size}"))
        found.append(dim)
    total = math.prod(sizes)
    values = _indexed(data.get("value"), total, text, name, "value")
    status = {k: v for k, v in _indexed(data.get("status", {}), total, text, name,
                                         "status").items() if isinstance(v, str)}
    return found, values, status


def _dimension(ident: str, dim: Any, text: str, name: str) -> Dimension:
    category = dim.get("category") if isinstance(dim, dict) else None
    if not isinstance(category, dict):
        raise NotADataset(Problem(name, *_where(text, f'"{ident}"'), "I301",
                                  f"dimension '{shown(ident)}' has no category"))
    index, labels = category.get("index"), category.get("label") or {}
    if isinstance(index, dict):
        codes = [code for code, _ in sorted(index.items(), key=lambda item: item[1])]
    elif isinstance(index, list):
        codes = [str(code) for code in index]
    elif isinstance(labels, dict) and len(labels) == 1:
        codes = list(labels)
    else:
        raise NotADataset(Problem(name, *_where(text, f'"{ident}"'), "I301",
                                  f"dimension '{shown(ident)}' has no category index"))
    if not isinstance(labels, dict):
        labels = {}
    return Dimension(ident, codes, [str(labels.get(code, code)) for code in codes])


def _indexed(raw: Any, total: int, text: str, name: str, key: str) -> dict[int, Any]:
    """``value`` or ``status`` as position -> item: a list (one per cell), an object
    (sparse: position as text -> item) or, for status, one text for every cell."""
    if isinstance(raw, list):
        if len(raw) != total:
            raise NotADataset(Problem(name, *_where(text, f'"{key}"'), "I302",
                                      f"{key} has {len(raw)} items; the sizes make {total}"))
        return dict(enumerate(raw))
    if isinstance(raw, dict):
        found = {}
        for position, item in raw.items():
            if not position.isdigit() or int(position) >= total:
                raise NotADataset(Problem(name, *_where(text, f'"{key}"'), "I302",
                                          f"{key} names position '{shown(position)}'; the "
                                          f"sizes make positions 0 to {total - 1}"))
            found[int(position)] = item
        return found
    if key == "status" and isinstance(raw, str):
        return dict.fromkeys(range(total), raw)
    raise NotADataset(Problem(name, 1, 1, "I301", f"the dataset has no {key} list or object"))


def _where(text: str, needle: str) -> tuple[int, int]:
    """Line and column of the first ``needle`` in ``text`` (1, 1 when absent)."""
    at = text.find(needle)
    if at < 0:
        return 1, 1
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


# -- what the dimensions mean ---------------------------------------------------------------

def _kov_names(workspace: dict[str, list[str]]) -> dict[str, str]:
    """Label (case-folded) -> KOV id: the official names, the names without ``linn`` or
    ``vald`` where only one KOV has that name, and the workspace's KOV names."""
    found = {name.casefold(): ident for ident, name in KOVS.items()}
    bases: dict[str, set[str]] = {}
    for ident, name in KOVS.items():
        bases.setdefault(re.sub(r" (linn|vald)$", "", name).casefold(), set()).add(ident)
    found.update({base: next(iter(ids)) for base, ids in bases.items() if len(ids) == 1})
    for ident, names in workspace.items():
        found.update({n.casefold(): ident for n in names})
    return found


def period_of(label: str) -> str | None:
    """A period label as a period (``2024 I poolaasta`` -> ``2024-H1``), None if it is none."""
    label = label.strip()
    span = _SPAN.fullmatch(label)
    if span:
        return f"{span.group(1)}/{span.group(2)}" if span.group(2) > span.group(1) else None
    found = _HALF.fullmatch(label)
    if not found:
        return None
    half = (found.group(2) or "").upper()
    if not half:
        return found.group(1)
    return f"{found.group(1)}-{'H1' if half in ('I', 'H1', '1') else 'H2'}"


def group_of(label: str) -> str | None:
    folded = label.strip().casefold()
    return next((g for g, names in GROUP_LABELS.items() if folded in names), None)


@dataclass(frozen=True)
class Roles:
    kov: int
    period: int
    group: int | None
    mapped: list[dict[str, str]]
    """Per dimension, category code -> KOV id, period or group (the labels that map)."""


def _roles(dims: list[Dimension], data: dict[str, Any], kov_names: dict[str, str],
           text: str, name: str, problems: list[Problem]) -> Roles | None:
    time = set((data.get("role") or {}).get("time") or []) if isinstance(
        data.get("role"), dict) else set()
    kov = period = group = None
    mapped: list[dict[str, str]] = []
    for i, dim in enumerate(dims):
        kovs = {c: kov_names[lab.strip().casefold()] for c, lab in zip(dim.codes, dim.labels,
                strict=True) if lab.strip().casefold() in kov_names}
        periods = {c: p for c, lab in zip(dim.codes, dim.labels, strict=True)
                   if (p := period_of(lab))}
        groups = {c: g for c, lab in zip(dim.codes, dim.labels, strict=True)
                  if (g := group_of(lab))}
        if kov is None and kovs:
            kov, found, what = i, kovs, ("I306", "a KOV", "a national, county or other total")
        elif period is None and (dim.id in time or (periods and len(periods) == len(
                dim.codes))):
            period, found, what = i, periods, ("I307", "a period", "write it as 2024, "
                                               "2024 I poolaasta or 2020–2024")
        elif group is None and groups:
            group, found, what = i, groups, ("I308", "a citizenship group",
                                             "use Kokku, Euroopa Liidu kodanikud or "
                                             "Kolmandate riikide kodanikud")
        elif len(dim.codes) == 1:
            mapped.append({})
            continue
        else:
            problems.append(Problem(name, *_where(text, f'"{dim.id}"'), "I305",
                                    f"dimension '{shown(dim.id)}' has {len(dim.codes)} "
                                    "categories and is not a KOV, period or citizenship group",
                                    "ask the API for one category of it (a selection of "
                                    "one value)"))
            mapped.append({})
            continue
        mapped.append(found)
        for code, label in zip(dim.codes, dim.labels, strict=True):
            if code not in found:
                problems.append(Problem(name, *_where(text, json.dumps(label,
                                        ensure_ascii=False)), what[0], f"'{shown(label)}' "
                                        f"is not {what[1]}: its values are not imported",
                                        what[2], notice=True))
    for missing, code, what in ((kov, "I303", "KOVs"), (period, "I304", "periods")):
        if missing is None:
            problems.append(Problem(name, *_where(text, '"dimension"'), code,
                                    f"no dimension of the dataset holds {what}",
                                    "ask the API for the KOV (Haldusüksus) and the period "
                                    "(Aasta) dimensions"))
    if kov is None or period is None or any(p.code == "I305" for p in problems):
        return None
    return Roles(kov, period, group, mapped)


def _rows(dims: list[Dimension], roles: Roles, values: dict[int, Any], status: dict[int, str],
          measure: str, target_group: str, source: str, data: dict[str, Any], text: str,
          name: str, problems: list[Problem]) -> list[StatRow]:
    label = str(data.get("label") or "")[:200]
    note = f"Imported from {name}" + (
        f", updated {data['updated']}" if isinstance(data.get("updated"), str) else "") + "."
    rows, missing = [], []
    for position, codes in enumerate(itertools.product(*(d.codes for d in dims))):
        parts = [roles.mapped[i].get(code) for i, code in enumerate(codes)]
        if any(p is None for i, p in enumerate(parts) if roles.mapped[i]):
            continue  # a label that maps to nothing (reported once, above)
        value = values.get(position)
        described = ", ".join(d.labels[d.codes.index(c)] for d, c in zip(dims, codes,
                                                                        strict=True))
        if value is None or status.get(position) in MISSING_STATUS:
            missing.append(described)
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or (
                value != int(value)):
            problems.append(Problem(name, *_where(text, '"value"'), "I310",
                                    f"the value of {shown(described)} is {shown(value)}: "
                                    "not a count", "a count is a whole number, 0 or more"))
            continue
        group = parts[roles.group] if roles.group is not None else "all"
        rows.append(StatRow(f"{FOLDER}/{measure}.csv", 0, str(parts[roles.kov]),
                            str(parts[roles.period]), target_group, str(group), measure,
                            int(value), "", source, label, note))
    line, col = _where(text, '"value"')
    for described in missing[:SHOWN_MISSING]:
        problems.append(Problem(name, line, col, "I309", f"no value for {shown(described, 90)}"
                                ": not written", "the dashboard shows no data there",
                                notice=True))
    if len(missing) > SHOWN_MISSING:
        problems.append(Problem(name, line, col, "I309", f"and {len(missing) - SHOWN_MISSING} "
                                "more values missing: not written", notice=True))
    return rows


# -- the table in the workspace ---------------------------------------------------------------

def _existing(root: Path, target: str) -> tuple[list[StatRow], list[Problem]]:
    path = root / target
    if not target.startswith(f"{FOLDER}/") or not target.endswith(".csv") or ".." in target:
        return [], [Problem(target, 1, 1, "I312", "the table must be a .csv file in "
                            f"{FOLDER}/", f"name one like {FOLDER}/residents.csv")]
    if not path.exists():
        return [], []
    rows, found = read_table(path, target)
    return rows, [Problem(d.file, d.line, d.col, "I312", f"the table has a problem: "
                          f"{d.code} {d.message}", "fix it (teekond validate) and import "
                          "again") for d in found if d.severity == "error"]


def _merge(existing: list[StatRow], rows: list[StatRow], result: StatsImport) -> list[StatRow]:
    new = {r.key: r for r in rows}
    merged = []
    for old in existing:
        row = new.pop(old.key, None)
        if row is None or (row.value, row.source) == (old.value, old.source):
            merged.append(old)
            result.unchanged += row is not None
            continue
        merged.append(row)
        result.changes.append(Change(row, old.value))
    added = sorted(new.values(), key=lambda r: (r.kov, period_order(r.period), r.group))
    merged.extend(added)
    result.changes.extend(Change(r, None) for r in added)
    return merged
