"""`teekond import table`: read a sheet a partner returns (CSV or XLSX, as `teekond export
table` wrote it), find the editable cells they changed, check them, and write only those
fields back into the YAML (:mod:`toolkit.edit.roundtrip`), after showing the changes.

Every problem of every row is found before anything is written; one problem and nothing is
written. A problem names the sheet's row as the spreadsheet numbers it (the header is row
1, the hint row 2). Codes:

- ``T501`` the sheet is not an exported table (no id column, a column missing);
- ``T502`` a row names an id the workspace does not have (or names it twice);
- ``T503`` a value that is not allowed (severity not 1-3, unknown status or owner, a date
  that is no date, a comment too long or holding personal data);
- ``T504`` a conflict: the YAML changed since the export (the ``was_`` column differs from
  the YAML now) and the sheet changes the same field.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..check import privacy
from ..check.validate import Result, validate, validated
from ..diagnostics import printable
from ..errors import TeekondError
from ..graph.index import Index
from ..load.model import TEXT_LIMIT, Model
from ..output.spreadsheet import restore
from ..views.tables import (
    CHOICES,
    COMMENT,
    EDITABLE,
    ID_COLUMNS,
    TABLES,
    date_text,
    hint_words,
    was,
)
from .roundtrip import Document, open_document, save
from .sheets import CannotReadSheet, RowProblem, csv_rows, xlsx_values


@dataclass(frozen=True)
class Change:
    """One field of one item the sheet changes (``notes``: a comment to append)."""

    row: int
    ident: str
    field: str
    old: str
    new: str

    def to_text(self) -> str:
        if self.field == "notes":
            return printable(f"{self.ident}: notes: + {self.new!r}")
        return printable(f"{self.ident}: {self.field}: {self.old or '(none)'} → "
                         f"{self.new or '(none)'}")


class SheetProblems(TeekondError):
    """The returned sheet has problems; nothing was written."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        count = len(problems)
        super().__init__(f"{count} problem{'s' * (count != 1)} in the sheet; nothing written")


@dataclass
class Imported:
    table: str
    rows: int
    changes: list[Change]
    written: bool = False
    backup: Path | None = None
    after: Result | None = None
    """The workspace validated again after writing."""


@dataclass
class Sheet:
    file: str
    header: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    """(spreadsheet row number, column -> value) of each data row."""


# -- reading ------------------------------------------------------------------------------

MAX_SHEET_BYTES = 20 * 1024 * 1024
"""Largest sheet read, and largest XLSX once unzipped: an export of a few thousand items is
well under 1 MiB; more is not a returned table (or is a zip bomb)."""


def read_sheet(path: Path) -> Sheet:
    """The header and data rows of a CSV or XLSX file (the hint row left out)."""
    _check_size(path)
    raw = _rows_xlsx(path) if path.suffix.lower() == ".xlsx" else _rows_csv(path)
    rows = list(raw)
    if not rows:
        raise SheetProblems([RowProblem(str(path), 1, "T501", "the sheet is empty",
                                        _EXPORT_HINT)])
    header = [str(h or "").strip() for h in rows[0]]
    sheet = Sheet(str(path), header)
    hints = {w for lang in ("en", "et") for w in hint_words(lang)}
    for number, values in enumerate(rows[1:], start=2):
        cells = [_text(v) if not isinstance(v, int | float | dt.date) else v
                 for v in values]
        if not any(str(c).strip() for c in cells if c is not None):
            continue
        if number == 2 and str(cells[0]).strip() in hints:
            continue
        sheet.rows.append((number, dict(zip(header, cells, strict=False))))
    return sheet


def _check_size(path: Path) -> None:
    size = path.stat().st_size
    if path.suffix.lower() == ".xlsx" and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            size = max(size, sum(info.file_size for info in archive.infolist()))
    if size > MAX_SHEET_BYTES:
        raise SheetProblems([RowProblem(str(path), 1, "T501", f"the sheet is {size:,} bytes "
                                        f"(unzipped); teekond reads at most "
                                        f"{MAX_SHEET_BYTES:,}", _EXPORT_HINT)])


def _text(value: Any) -> str:
    return restore(str(value)) if value is not None else ""


def _rows_csv(path: Path) -> Iterator[list[Any]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetProblems([RowProblem(str(path), 1, "T501", "the file is not UTF-8 text",
                                        "save it as 'CSV UTF-8' (Excel) or export it "
                                        "as .xlsx")]) from None
    yield from csv_rows(text)


def _rows_xlsx(path: Path) -> Iterator[list[Any]]:
    try:
        yield from xlsx_values(path, TABLES)
    except CannotReadSheet as err:
        raise SheetProblems([RowProblem(str(path), 1, "T501", f"cannot read the workbook: "
                                        f"{err.reason}", _EXPORT_HINT)]) from None


_EXPORT_HINT = "return a sheet `teekond export table` wrote, with its first two rows"


# -- planning -----------------------------------------------------------------------------

def plan(ix: Index, sheet: Sheet) -> tuple[str, list[Change], list[RowProblem]]:
    """The table the sheet is, the changes it asks for and the problems of its rows."""
    name = next((t for t, c in ID_COLUMNS.items() if sheet.header[:1] == [c]), None)
    if name is None:
        return "", [], [RowProblem(sheet.file, 1, "T501", "the first column is none of "
                                   f"{', '.join(ID_COLUMNS.values())}", _EXPORT_HINT)]
    fields = EDITABLE[name]
    needed = [*fields, *(was(f) for f in fields)]
    missing = [c for c in needed if c not in sheet.header]
    if missing:
        return name, [], [RowProblem(sheet.file, 1, "T501", f"the sheet has no column "
                                     f"{', '.join(missing)}", _EXPORT_HINT)]
    changes: list[Change] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for number, row in sheet.rows:
        ident = str(row.get(ID_COLUMNS[name], "")).strip()
        item = _item(ix, name, ident)
        if item is None or ident in seen:
            message = (f"'{ident}' is also on row {seen[ident]}" if ident in seen else
                       f"no {name[:-1].replace('-', ' ')} has the id '{ident}'")
            problems.append(RowProblem(sheet.file, number, "T502", message,
                                       "ids are read-only: restore it from the export"))
            continue
        seen[ident] = number
        for f in fields:
            _plan_field(ix, name, sheet.file, number, ident, item, f, row, changes, problems)
        comment = _clean(row.get(COMMENT)).strip()
        if comment:
            problem = _bad_comment(comment)
            if problem:
                problems.append(RowProblem(sheet.file, number, "T503", f"{ident}: {problem[0]}",
                                           problem[1]))
            else:
                changes.append(Change(number, ident, "notes", "", comment))
    return name, changes, problems


PERSONAL_DATA = {"P401": "a personal identification code", "P402": "an e-mail address",
                 "P403": "a phone number", "P404": "what looks like a disguised e-mail address"}


def _bad_comment(comment: str) -> tuple[str, str] | None:
    """(message, hint) when a comment may not become a note: too long, or personal data
    (which `validate` would report as P4xx only after the note is written)."""
    if len(comment) > TEXT_LIMIT:
        return (f"the comment is {len(comment)} characters long; the limit is {TEXT_LIMIT}",
                "shorten it")
    found = next(privacy.find(comment), None)
    if found:
        return (f"the comment holds {PERSONAL_DATA[found[0]]}",
                "notes must not carry personal data: remove it")
    return None


def _item(ix: Index, name: str, ident: str) -> Model | None:
    if name == "pain-points":
        return ix.pains[ident].pain if ident in ix.pains else None
    if name == "proposals":
        return ix.proposals[ident].proposal if ident in ix.proposals else None
    return ix.services.get(ident)


def _current(item: Model, f: str) -> str:
    value = getattr(item, f)
    if isinstance(value, dt.date):
        return date_text(value)
    return "" if value is None else str(value)


def _clean(value: Any) -> str:
    """A cell as the text it stands for (a whole number without ``.0``; a date ISO)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _iso_date(text: str) -> str:
    """``text`` as YYYY-MM-DD when it is a date written the Estonian way (31.12.2026), as
    a spreadsheet may save a date cell; else unchanged."""
    try:
        return dt.datetime.strptime(text, "%d.%m.%Y").date().isoformat()
    except ValueError:
        return text


def _plan_field(ix: Index, name: str, file: str, number: int, ident: str, item: Model,
                f: str, row: dict[str, Any], changes: list[Change],
                problems: list[RowProblem]) -> None:
    new, old, now = (_clean(row.get(f)).strip(), _clean(row.get(was(f))).strip(),
                     _current(item, f))
    if f == "target_date":
        new, old = _iso_date(new), _iso_date(old)
    if new == old or new == now:
        return
    if old != now:
        problems.append(RowProblem(
            file, number, "T504", f"{ident}: {f} was '{old}' at export but is '{now}' in "
            f"the YAML now; the sheet says '{new}'",
            "someone changed the YAML since the export: export the table again and redo "
            "this edit there"))
        return
    problem = _invalid(ix, name, f, new)
    if problem:
        problems.append(RowProblem(file, number, "T503", f"{ident}: {problem[0]}", problem[1]))
        return
    changes.append(Change(number, ident, f, now, new))


def _invalid(ix: Index, name: str, f: str, value: str) -> tuple[str, str] | None:
    """(message, hint) when ``value`` may not go into field ``f``."""
    if f == "severity" and value not in ("1", "2", "3"):
        return (f"severity '{value}' is not 1, 2 or 3",
                "1 minor, 2 serious, 3 blocks the journey")
    allowed = CHOICES.get((name, f))
    if f != "severity" and allowed and value not in allowed:
        return f"status '{value}' is not allowed", "use one of " + ", ".join(allowed)
    if f == "owner" and value not in ix.providers and value not in ix.groups:
        if not value:
            return "the owner is empty", "every proposal needs an owner: a provider or " \
                "stakeholder group id"
        return (f"no provider or stakeholder group has the id '{value}'",
                "write the id of a provider or stakeholder group (the owner_name column "
                "shows the name of the exported one)")
    if f == "target_date" and value:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return f"target_date '{value}' is not a date", "write it as YYYY-MM-DD"
    return None


# -- applying -----------------------------------------------------------------------------

def _apply(ix: Index, name: str, changes: list[Change]) -> list[Document]:
    documents: dict[str, Document] = {}
    for change in changes:
        item = _item(ix, name, change.ident)
        assert item is not None  # planned from the same index
        rel = item._file
        if rel not in documents:
            documents[rel] = open_document(ix.root, rel)
        node = documents[rel].data
        for key in item._where:
            node = node[key]
        _set(node, change)
    return list(documents.values())


def _set(node: Any, change: Change) -> None:
    from ruamel.yaml.comments import CommentedSeq

    f, value = change.field, change.new
    if f == "notes":
        if "notes" in node:
            node["notes"].append(value)
        else:
            node.insert(len(node), "notes", CommentedSeq([value]))
    elif f == "severity":
        node[f] = int(value)
    elif f == "target_date" and not value:
        del node[f]
    elif f in node:
        node[f] = dt.date.fromisoformat(value) if f == "target_date" else value
    else:
        after = [k for k in ("status", "owner", "effort", "impact") if k in node]
        at = list(node).index(after[0]) + 1 if after else len(node)
        node.insert(at, f, dt.date.fromisoformat(value) if f == "target_date" else value)


def import_table(root: Path, path: Path, write: bool = False) -> Imported:
    """`teekond import table`: the changes ``path`` asks for; with ``write``, apply them
    and validate the workspace again. Raise :class:`SheetProblems` (nothing written) when
    any row has a problem."""
    ix = Index(validated(root).workspace)
    sheet = read_sheet(path)
    name, changes, problems = plan(ix, sheet)
    if problems:
        raise SheetProblems(problems)
    result = Imported(name, len(sheet.rows), changes)
    if write and changes:
        result.backup = save(_apply(ix, name, changes))
        result.written = True
        result.after = validate(root)
    return result
