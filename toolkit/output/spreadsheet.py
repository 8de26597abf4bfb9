"""A :class:`~toolkit.views.tables.Table` as CSV or XLSX bytes, and `teekond export table`.

Both formats are deterministic: the same workspace gives the same bytes. The CSV is UTF-8
with a byte-order mark (Excel then reads it as UTF-8) and CRLF line ends. The XLSX has
fixed creation and modification dates and its zip entries a fixed time stamp (openpyxl
would stamp both with the time of saving).

A cell a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) is written with a ``'`` in front, as OWASP recommends against
CSV injection; :func:`restore` removes it again when a sheet comes back.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..analyse.analysis import analyse
from ..check.validate import validated
from ..graph.index import Index
from ..views.tables import CHOICES, Table, hint_words, table_rows

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet treat a cell as a formula (OWASP)."""
QUOTE = "'"
FIXED_TIME = dt.datetime(2000, 1, 1)
"""The creation and modification date written into every XLSX (no build time stamps)."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
READ_ONLY_FILL = "D9D9D9"
"""Grey of the read-only columns."""
MAX_WIDTH = 60
CORE_PROPERTIES = "docProps/core.xml"
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def neutralise(value: str) -> str:
    """``value`` with a ``'`` in front when a spreadsheet would run it as a formula."""
    return QUOTE + value if value.startswith(FORMULA_STARTS) else value


def restore(value: str) -> str:
    """The text :func:`neutralise` was given (a cell without the prefix stays as it is)."""
    if value.startswith(QUOTE) and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _cell(value: str | int) -> str | int:
    return neutralise(value) if isinstance(value, str) else value


def _hints(table: Table) -> list[str]:
    editable, read_only = hint_words(table.lang)
    return [editable if c in table.editable else read_only for c in table.columns]


def to_csv(table: Table) -> bytes:
    """The header, the hint row (editable or read-only) and one line per item."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerow(_hints(table))
    for row in table.rows:
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    """One sheet named after the table (header and hint row frozen, read-only columns
    grey) and a README sheet explaining the columns."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    sheet = wb.active
    sheet.title = table.name
    sheet.append(list(table.columns))
    sheet.append(_hints(table))
    for row in table.rows:
        sheet.append([_cell(v) for v in row])
    grey = PatternFill("solid", start_color=READ_ONLY_FILL, end_color=READ_ONLY_FILL)
    bold = Font(bold=True)
    for index, column in enumerate(table.columns, start=1):
        cells = next(sheet.iter_cols(min_col=index, max_col=index, max_row=sheet.max_row))
        for cell in cells:
            cell.data_type = "s" if isinstance(cell.value, str) else cell.data_type
            if column not in table.editable:
                cell.fill = grey
        cells[0].font = bold
        width = max(len(str(c.value or "")) for c in cells)
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 2)
    _drop_downs(sheet, table)
    sheet.freeze_panes = "B3"
    readme = wb.create_sheet("README")
    for line in table.notes:
        readme.append([line])
    readme.column_dimensions["A"].width = 100
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.creator = "teekond"
    raw = io.BytesIO()
    wb.save(raw)
    return _fixed_zip_times(raw.getvalue())


def _drop_downs(sheet: Any, table: Table) -> None:
    """A list of the allowed values on each editable column that has one (Excel shows it
    as a drop-down and refuses other values; teekond checks them again on import)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    last = max(sheet.max_row, 3)
    for (name, field), allowed in CHOICES.items():
        if name != table.name or field not in table.columns:
            continue
        letter = get_column_letter(table.columns.index(field) + 1)
        check = DataValidation(type="list", formula1='"' + ",".join(allowed) + '"',
                               allow_blank=False)
        check.add(f"{letter}3:{letter}{last}")
        sheet.add_data_validation(check)


def _fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every entry stamped :data:`ZIP_TIME`, and the workbook's
    modification date :data:`FIXED_TIME` (openpyxl sets it to the time of saving)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = src.read(info.filename)
            if info.filename == CORE_PROPERTIES:
                content = _MODIFIED.sub(rb"\g<1>" + FIXED_TIME.strftime(
                    "%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", content)
            dst.writestr(fixed, content)
    return out.getvalue()


@dataclass(frozen=True)
class Exported:
    data: bytes
    rows: int
    table: Table


def export_table(root: Path, name: str, fmt: str, lang: str | None = None,
                 kov: str | None = None) -> Exported:
    """`teekond export table`: validate the workspace at ``root`` and return the table
    ``name`` as ``fmt`` (csv or xlsx) bytes, in ``lang`` (default: the workspace's)."""
    ix = Index(validated(root).workspace)
    analysis = analyse(ix)
    table = table_rows(ix, analysis, name, lang or ix.default_language, kov)
    data = to_xlsx(table) if fmt == "xlsx" else to_csv(table)
    return Exported(data, len(table.rows), table)


__all__ = ["Exported", "export_table", "neutralise", "restore", "to_csv", "to_xlsx"]
