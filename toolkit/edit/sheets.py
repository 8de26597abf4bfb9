"""Reading the rows of a spreadsheet a person exported: CSV (any of the encodings and
separators whiteboard tools and spreadsheet programs write) or XLSX.

Rows are numbered as a spreadsheet program shows them: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import printable
from ..errors import UsageError

__all__ = ["RowProblem", "Sheet", "csv_rows", "read_sheet", "xlsx_values"]

MAX_BYTES = 50_000_000
"""A larger file is refused: a board of 10,000 notes is about 2 MB."""


class CannotReadSheet(UsageError):
    """The file is not a CSV or XLSX file teekond can read; ``reason`` says why without
    naming the file."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message


@dataclass(frozen=True)
class RowProblem:
    """A row of a sheet teekond does not take (``notice``: left out on purpose, e.g. a
    duplicate; it does not fail the command). Printed as ``FILE:ROW: CODE message`` and
    its hint, control characters escaped."""

    file: str
    row: int
    code: str
    message: str
    hint: str = ""
    notice: bool = False

    def to_text(self) -> str:
        text = printable(f"{self.file}:{self.row}: {self.code} {self.message}")
        return text + (f"\n    hint: {printable(self.hint)}" if self.hint else "")


@dataclass(frozen=True)
class Sheet:
    header: list[str]
    rows: list[tuple[int, list[str]]]
    """(row number as the spreadsheet shows it, cells) for each row after the header."""


def read_sheet(path: Path) -> Sheet:
    """The header and rows of ``path`` (.xlsx, or CSV with any other name)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CannotReadSheet(f"{path} is larger than {MAX_BYTES // 1_000_000} MB")
        if path.suffix.lower() == ".xlsx":
            return _sheet([_cell(value) for value in row] for row in xlsx_values(path))
        return _sheet(csv_rows(_decode(path.read_bytes(), path)))
    except OSError as err:
        raise CannotReadSheet(f"cannot read {path}: {err.strerror}") from None


def _sheet(rows: Iterator[list[str]]) -> Sheet:
    header = next(rows, None)
    if header is None:
        return Sheet([], [])
    return Sheet([cell.strip() for cell in header],
                 [(number, cells) for number, cells in enumerate(rows, start=2)])


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 with or without a byte-order mark, or UTF-16 with one (what Excel's
    "Unicode text" and some whiteboard exports write)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CannotReadSheet(
            f"{path} is not UTF-8 or UTF-16 text (byte {err.start}); save it again as "
            "'CSV UTF-8' or as .xlsx") from None


def csv_rows(text: str) -> Iterator[list[str]]:
    """The rows of a CSV text, split at the separator its header uses most: Excel in an
    Estonian locale writes ';', Miro's UTF-16 exports and "Unicode text" use tabs."""
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def xlsx_values(path: Path, prefer: Collection[str] = ()) -> Iterator[list[Any]]:
    """The rows of a workbook's first sheet named in ``prefer`` (else its first sheet), as
    openpyxl reads the cells' values (text, numbers, dates, None)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise CannotReadSheet(f"{path} is not an .xlsx file teekond can read ({err})",
                              str(err)) from None
    try:
        names = [n for n in book.sheetnames if n in prefer] or book.sheetnames[:1]
        for row in book[names[0]].iter_rows(values_only=True):
            yield list(row)
    finally:
        book.close()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a severity typed as 2 reads 2.0 from some files
    return str(value)
