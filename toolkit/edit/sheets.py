"""Reading the rows of a spreadsheet a person exported: CSV (any of the encodings and
separators whiteboard tools and spreadsheet programs write) or XLSX.

Rows are numbered as a spreadsheet program shows them: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError

__all__ = ["Sheet", "read_sheet"]

MAX_BYTES = 50_000_000
"""A larger file is refused: a board of 10,000 notes is about 2 MB."""


class CannotReadSheet(UsageError):
    """The file is not a CSV or XLSX file teekond can read."""


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
            return _sheet(_xlsx_rows(path))
        return _sheet(_csv_rows(_decode(path.read_bytes(), path)))
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


def _csv_rows(text: str) -> Iterator[list[str]]:
    first = text.split("\n", 1)[0]
    # The separator the header uses most: Excel in an Estonian locale writes ';', Miro's
    # UTF-16 exports and "Unicode text" use tabs.
    delimiter = max(",;\t", key=first.count)
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise CannotReadSheet("reading .xlsx needs openpyxl: pip install openpyxl") from None
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise CannotReadSheet(f"{path} is not an .xlsx file teekond can read ({err})") from None
    try:
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [_cell(value) for value in row]
    finally:
        book.close()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a severity typed as 2 reads 2.0 from some files
    return str(value)
