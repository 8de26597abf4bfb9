"""Tables out and back: `teekond export table` and `teekond import table` (issue 12)."""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from toolkit.cli import main
from toolkit.edit.table_import import SheetProblems, import_table
from toolkit.output.spreadsheet import export_table, neutralise, restore

from .conftest import TESTS, TINY

GOLDEN = TESTS / "fixtures" / "tables"
ANALYSIS = TESTS / "fixtures" / "analysis"
REGENERATE = os.environ.get("TEEKOND_REGENERATE_TABLES") == "1"
"""Run with TEEKOND_REGENERATE_TABLES=1 to rewrite the golden CSVs on purpose."""


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the workspace but teekond's cache (where backups go)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".teekond-cache" not in p.parts}


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return Path(shutil.copytree(TINY, tmp_path / "ws"))


# -- export -------------------------------------------------------------------------------

@pytest.mark.parametrize("table", ["pain-points", "proposals", "services"])
def test_export_csv_matches_the_golden_file(table: str) -> None:
    data = export_table(TINY, table, "csv", "en").data
    golden = GOLDEN / f"tiny-{table}.csv"
    if REGENERATE:
        golden.write_bytes(data)
    assert data == golden.read_bytes()


def test_export_csv_columns_hints_and_figures() -> None:
    rows = read_csv(export_table(TINY, "pain-points", "csv", "en").data)
    header, hints, row = rows[0], rows[1], dict(zip(rows[0], rows[2], strict=True))
    assert header[:3] == ["pain_point_id", "title_et", "title_en"]
    assert dict(zip(header, hints, strict=True))["severity"] == "editable"
    assert dict(zip(header, hints, strict=True))["rank"] == "read-only"
    assert {h for h, w in zip(header, hints, strict=True) if w == "editable"} == {
        "severity", "comment"}
    assert row["title_et"] == "Infot on raske leida"
    assert row["title_en"] == "Information is hard to find"
    assert (row["stage_number"], row["stage"], row["step"]) == (
        "1", "Arrival", "Applies for a residence permit")
    assert (row["severity"], row["was_severity"], row["rank"]) == ("2", "2", "1")
    assert (row["evidence"], row["sources"], row["proposals"]) == (
        "assumed", "general-knowledge", "permit-guide")


def test_the_rank_is_the_analysis_rank() -> None:
    from toolkit.analyse.analysis import analyse_workspace

    analysis, _ = analyse_workspace(ANALYSIS)
    rows = read_csv(export_table(ANALYSIS, "pain-points", "csv", "en").data)
    ranks = {r[0]: int(r[rows[0].index("rank")]) for r in rows[2:]}
    assert ranks == {p.id: p.rank for p in analysis.bottlenecks}
    assert [r[0] for r in rows[2:]] == [p.id for p in analysis.bottlenecks]


def test_estonian_hints_and_names() -> None:
    rows = read_csv(export_table(TINY, "pain-points", "csv", "et").data)
    assert set(rows[1]) == {"muudetav", "ainult lugemiseks"}
    assert rows[2][rows[0].index("stage")] == "Saabumine"


def test_xlsx_is_byte_identical_across_runs() -> None:
    first = export_table(TINY, "proposals", "xlsx", "en").data
    assert export_table(TINY, "proposals", "xlsx", "en").data == first


def test_xlsx_layout(tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    path.write_bytes(export_table(TINY, "proposals", "xlsx", "en").data)
    wb = load_workbook(path)
    assert wb.sheetnames == ["proposals", "README"]
    sheet = wb["proposals"]
    assert sheet.freeze_panes == "B3"
    header = [c.value for c in sheet[1]]
    grey = {header[i] for i, c in enumerate(sheet[3]) if c.fill.fgColor.rgb.endswith("D9D9D9")}
    assert set(header) - grey == {"status", "owner", "target_date", "comment"}
    assert wb.properties.created.year == 2000 and wb.properties.modified.year == 2000
    [drop_down] = sheet.data_validations.dataValidation
    status = sheet.cell(1, header.index("status") + 1).column_letter
    assert (drop_down.formula1, str(drop_down.sqref)) == (
        '"idea,quick-test,prototype,pilot,implemented,rejected"', f"{status}3")
    assert any("was_" in str(row[0].value) for row in wb["README"].iter_rows())


# -- formula injection --------------------------------------------------------------------

@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx",
                                  "=HYPERLINK(\"http://x\")"])
def test_formula_starts_are_neutralised_and_restored(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize("text", ["plain", "'quoted", "a=b", "", "1-2"])
def test_other_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text
    assert restore(text) == text


def _hostile(tiny: Path) -> Path:
    path = tiny / "journeys" / "newcomer.yaml"
    text = path.read_text(encoding="utf-8")
    old = "en: Information is hard to find}"
    assert old in text
    path.write_text(text.replace(old, "en: '=HYPERLINK(\"http://evil\",\"x\")'}"),
                    encoding="utf-8")
    return tiny


def test_a_formula_in_the_yaml_is_exported_as_text(tiny: Path, tmp_path: Path) -> None:
    _hostile(tiny)
    rows = read_csv(export_table(tiny, "pain-points", "csv", "en").data)
    assert rows[2][rows[0].index("title_en")] == "'=HYPERLINK(\"http://evil\",\"x\")"
    path = tmp_path / "p.xlsx"
    path.write_bytes(export_table(tiny, "pain-points", "xlsx", "en").data)
    cell = load_workbook(path)["pain-points"]["C3"]
    assert (cell.value, cell.data_type) == ("'=HYPERLINK(\"http://evil\",\"x\")", "s")


def test_an_exported_formula_comes_back_unchanged(tiny: Path, tmp_path: Path) -> None:
    _hostile(tiny)
    sheet = tmp_path / "p.csv"
    sheet.write_bytes(export_table(tiny, "pain-points", "csv", "en").data)
    rows = read_csv(sheet.read_bytes())
    rows[2][rows[0].index("comment")] = "'-2 is too low"
    write_csv(sheet, rows)
    result = import_table(tiny, sheet)
    assert [(c.field, c.new) for c in result.changes] == [("notes", "-2 is too low")]


# -- the byte-exact round trip ------------------------------------------------------------

def test_csv_round_trip_changes_exactly_one_field(tiny: Path, tmp_path: Path) -> None:
    before = snapshot(tiny)
    sheet = tmp_path / "proposals.csv"
    assert cli("export", "table", "proposals", str(tiny), "--format", "csv",
               "--out", str(sheet))[0] == 0
    rows = read_csv(sheet.read_bytes())
    rows[2][rows[0].index("status")] = "pilot"
    write_csv(sheet, rows)
    code, out, _ = cli("import", "table", str(sheet), str(tiny))
    assert (code, out) == (0, "permit-guide: status: idea → pilot\n")
    assert snapshot(tiny) == before  # a dry run writes nothing
    code, out, err = cli("import", "table", str(sheet), str(tiny), "--write")
    assert code == 0, err
    after = snapshot(tiny)
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {"journeys/newcomer.yaml"} and after.keys() == before.keys()
    old = before["journeys/newcomer.yaml"].decode()
    assert after["journeys/newcomer.yaml"].decode() == old.replace(
        "    status: idea\n", "    status: pilot\n")
    assert "0 errors" in err
    assert list((tiny / ".teekond-cache" / "backups").rglob("newcomer.yaml"))


def test_xlsx_round_trip_changes_exactly_one_field(tiny: Path, tmp_path: Path) -> None:
    before = snapshot(tiny)
    sheet = tmp_path / "pains.xlsx"
    sheet.write_bytes(export_table(tiny, "pain-points", "xlsx", "en").data)
    wb = load_workbook(sheet)
    header = [c.value for c in wb["pain-points"][1]]
    wb["pain-points"].cell(3, header.index("severity") + 1).value = 3
    wb.save(sheet)
    result = import_table(tiny, sheet, write=True)
    assert [c.to_text() for c in result.changes] == ["permit-info-hard-to-find: severity: 2 → 3"]
    after = snapshot(tiny)
    assert {k for k in before if before[k] != after[k]} == {"journeys/newcomer.yaml"}
    assert after["journeys/newcomer.yaml"].decode() == before[
        "journeys/newcomer.yaml"].decode().replace("severity: 2\n", "severity: 3\n")


def test_comment_becomes_a_note_and_a_date_is_added(tiny: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "proposals.csv"
    sheet.write_bytes(export_table(tiny, "proposals", "csv", "en").data)
    rows = read_csv(sheet.read_bytes())
    rows[2][rows[0].index("target_date")] = "31.12.2026"  # as Excel in Estonian saves it
    rows[2][rows[0].index("comment")] = "Tartu wants this first"
    write_csv(sheet, rows)
    result = import_table(tiny, sheet, write=True)
    assert [c.to_text() for c in result.changes] == [
        "permit-guide: target_date: (none) → 2026-12-31",
        "permit-guide: notes: + 'Tartu wants this first'"]
    text = (tiny / "journeys" / "newcomer.yaml").read_text(encoding="utf-8")
    assert "    status: idea\n    target_date: 2026-12-31\n" in text
    assert text.endswith("    notes:\n      - Tartu wants this first\n")
    assert result.after is not None and result.after.ok(strict=True)
    # a second comment is appended, never replacing the first
    import_table(tiny, sheet, write=True)
    assert (tiny / "journeys" / "newcomer.yaml").read_text(encoding="utf-8").endswith(
        "    notes:\n      - Tartu wants this first\n      - Tartu wants this first\n")


def test_an_unchanged_sheet_changes_nothing(tiny: Path, tmp_path: Path) -> None:
    before = snapshot(tiny)
    for table in ("pain-points", "proposals", "services"):
        for fmt in ("csv", "xlsx"):
            sheet = tmp_path / f"{table}.{fmt}"
            sheet.write_bytes(export_table(tiny, table, fmt, "en").data)
            assert import_table(tiny, sheet, write=True).changes == []
    assert snapshot(tiny) == before


# -- problems, per row --------------------------------------------------------------------

def test_bad_rows_are_reported_all_at_once_and_nothing_is_written(tiny: Path,
                                                                 tmp_path: Path) -> None:
    sheet = tmp_path / "proposals.csv"
    sheet.write_bytes(export_table(tiny, "proposals", "csv", "en").data)
    rows = read_csv(sheet.read_bytes())
    col = rows[0].index
    good = rows[2]
    unknown = list(good)
    unknown[0] = "permit-gide"
    bad = list(good)
    bad[0] = "permit-guide"
    bad[col("status")], bad[col("owner")], bad[col("target_date")] = "done", "ppb", "soon"
    rows[2:] = [unknown, bad]
    write_csv(sheet, rows)
    # someone changed the YAML since the export, and the sheet changes the same field
    yaml_file = tiny / "journeys" / "newcomer.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace(
        "    owner: ppa\n", "    owner: ppa\n    target_date: 2026-01-01\n"), encoding="utf-8")
    before = snapshot(tiny)
    code, out, err = cli("import", "table", str(sheet), str(tiny), "--write")
    assert code == 1
    assert out == (
        f"{sheet}:3: T502 no proposal has the id 'permit-gide'\n"
        "    hint: ids are read-only: restore it from the export\n"
        f"{sheet}:4: T503 permit-guide: status 'done' is not allowed\n"
        "    hint: use one of idea, quick-test, prototype, pilot, implemented, rejected\n"
        f"{sheet}:4: T503 permit-guide: no provider or stakeholder group has the id 'ppb'\n"
        "    hint: write the id of a provider or stakeholder group (the owner_name column "
        "shows the name of the exported one)\n"
        f"{sheet}:4: T504 permit-guide: target_date was '' at export but is '2026-01-01' "
        "in the YAML now; the sheet says 'soon'\n"
        "    hint: someone changed the YAML since the export: export the table again and "
        "redo this edit there\n")
    assert "error: 4 problems in the sheet; nothing written" in err
    assert snapshot(tiny) == before


def test_severity_out_of_range_and_a_duplicate_row(tiny: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "pains.csv"
    sheet.write_bytes(export_table(tiny, "pain-points", "csv", "en").data)
    rows = read_csv(sheet.read_bytes())
    rows[2][rows[0].index("severity")] = "4"
    rows.append(list(rows[2]))
    write_csv(sheet, rows)
    with pytest.raises(SheetProblems) as caught:
        import_table(tiny, sheet)
    assert [p.to_text() for p in caught.value.problems] == [
        f"{sheet}:3: T503 permit-info-hard-to-find: severity '4' is not 1, 2 or 3\n"
        "    hint: 1 minor, 2 serious, 3 blocks the journey",
        f"{sheet}:4: T502 'permit-info-hard-to-find' is also on row 3\n"
        "    hint: ids are read-only: restore it from the export"]


def test_a_yaml_change_the_sheet_does_not_touch_is_no_conflict(tiny: Path,
                                                               tmp_path: Path) -> None:
    sheet = tmp_path / "proposals.csv"
    sheet.write_bytes(export_table(tiny, "proposals", "csv", "en").data)
    rows = read_csv(sheet.read_bytes())
    rows[2][rows[0].index("status")] = "pilot"
    write_csv(sheet, rows)
    yaml_file = tiny / "journeys" / "newcomer.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace(
        "    owner: ppa\n", "    owner: ppa\n    target_date: 2026-01-01\n"), encoding="utf-8")
    assert [c.field for c in import_table(tiny, sheet).changes] == ["status"]


def test_a_sheet_that_is_no_table(tiny: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "other.xlsx"
    wb = Workbook()
    wb.active.append(["name", "value"])
    wb.save(sheet)
    code, out, _ = cli("import", "table", str(sheet), str(tiny))
    assert code == 1
    assert out.startswith(f"{sheet}:1: T501 the first column is none of pain_point_id, "
                          "proposal_id, service_id\n")


# -- --kov --------------------------------------------------------------------------------

@pytest.fixture
def kov_workspace(tmp_path: Path) -> Path:
    """The analysis fixture with p5 limited to Pärnu and a proposal Pärnu owns."""
    root = Path(shutil.copytree(ANALYSIS, tmp_path / "ws"))
    path = root / "journeys" / "newcomer.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index("          - id: p5\n")
    lines.insert(at + 1, "            kovs: [parnu]\n")
    lines += ["  - id: prop-parnu\n", "    title: {et: Pärnu klubi, en: Pärnu club}\n",
              "    addresses: [p5]\n", "    owner: parnu\n", "    evidence:\n",
              "      - {source: general-knowledge, status: assumed}\n"]
    path.write_text("".join(lines), encoding="utf-8")
    return root


def _ids(root: Path, table: str, kov: str | None) -> list[str]:
    rows = read_csv(export_table(root, table, "csv", "en", kov).data)
    return [r[0] for r in rows[2:]]


def test_kov_filter_keeps_its_items_and_the_shared_ones(kov_workspace: Path) -> None:
    assert _ids(kov_workspace, "pain-points", None) == ["p2", "r1", "p4", "p1", "r2", "p3",
                                                        "p5"]
    assert _ids(kov_workspace, "pain-points", "tartu") == ["p2", "r1", "p4", "p1", "r2", "p3"]
    assert _ids(kov_workspace, "pain-points", "parnu") == ["p2", "r1", "p4", "p1", "r2", "p3",
                                                           "p5"]
    assert _ids(kov_workspace, "proposals", "tartu") == ["prop-a", "prop-b", "prop-c"]
    assert _ids(kov_workspace, "proposals", "parnu") == ["prop-a", "prop-b", "prop-parnu",
                                                         "prop-c"]
    assert _ids(kov_workspace, "services", "tartu") == [
        "mtu-support", "ppa-permit", "tartu-counselling", "tartu-registration"]


def test_unknown_kov_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = cli("export", "table", "services", str(ANALYSIS), "--kov", "tallinn",
                       "--out", str(tmp_path / "x.csv"))
    assert code == 2
    assert "'tallinn' is not a partner KOV; partner KOVs: parnu, rakvere, tartu" in err


def test_export_to_standard_output_and_default_name(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = cli("export", "table", "services", str(TINY), "--format", "csv",
                       "--out", "-")
    assert code == 0 and out.startswith("\ufeffservice_id,")
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("export", "table", "services", str(ANALYSIS), "--kov", "tartu")
    assert code == 0 and err == "wrote services-tartu.xlsx: 4 rows\n"
    assert (tmp_path / "services-tartu.xlsx").read_bytes()[:2] == b"PK"


def test_a_csv_excel_saved_with_semicolons_and_no_bom(tiny: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "pains.csv"
    rows = read_csv(export_table(tiny, "pain-points", "csv", "en").data)
    rows[2][rows[0].index("severity")] = "1"
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    sheet.write_bytes(out.getvalue().encode("utf-8"))
    assert [c.to_text() for c in import_table(tiny, sheet).changes] == [
        "permit-info-hard-to-find: severity: 2 → 1"]


def test_a_csv_that_is_not_utf8(tiny: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "pains.csv"
    sheet.write_bytes(export_table(tiny, "pain-points", "csv", "en").data.decode(
        "utf-8-sig").encode("utf-16"))
    with pytest.raises(SheetProblems) as caught:
        import_table(tiny, sheet)
    assert [p.code for p in caught.value.problems] == ["T501"]


def test_a_sheet_too_large_once_unzipped(tiny: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.edit import table_import

    sheet = tmp_path / "pains.xlsx"
    sheet.write_bytes(export_table(tiny, "pain-points", "xlsx", "en").data)
    monkeypatch.setattr(table_import, "MAX_SHEET_BYTES", sheet.stat().st_size + 1)
    with pytest.raises(SheetProblems) as caught:
        import_table(tiny, sheet)
    assert caught.value.problems[0].message.startswith("the sheet is ")


def test_a_comment_with_personal_data_is_refused(tiny: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "pains.csv"
    rows = read_csv(export_table(tiny, "pain-points", "csv", "en").data)
    rows[2][rows[0].index("comment")] = "call Mari at mari.maasikas@example.com"
    write_csv(sheet, rows)
    with pytest.raises(SheetProblems) as caught:
        import_table(tiny, sheet, write=True)
    assert [p.to_text() for p in caught.value.problems] == [
        f"{sheet}:3: T503 permit-info-hard-to-find: the comment holds an e-mail address\n"
        "    hint: notes must not carry personal data: remove it"]


def test_a_date_cell_from_excel_and_a_removed_date(tiny: Path, tmp_path: Path) -> None:
    import datetime as dt

    yaml_file = tiny / "journeys" / "newcomer.yaml"
    before = yaml_file.read_text(encoding="utf-8")
    yaml_file.write_text(before.replace("    status: idea\n",
                                        "    status: idea\n    target_date: 2026-01-01\n"),
                         encoding="utf-8")
    sheet = tmp_path / "proposals.xlsx"
    sheet.write_bytes(export_table(tiny, "proposals", "xlsx", "en").data)
    wb = load_workbook(sheet)
    header = [c.value for c in wb["proposals"][1]]
    cell = wb["proposals"].cell(3, header.index("target_date") + 1)
    cell.value = dt.datetime(2026, 3, 1)  # Excel turns a typed date into a date cell
    wb.save(sheet)
    changes = import_table(tiny, sheet, write=True).changes
    assert [c.to_text() for c in changes] == ["permit-guide: target_date: 2026-01-01 → 2026-03-01"]
    assert "    target_date: 2026-03-01\n" in yaml_file.read_text(encoding="utf-8")
    cell.value, wb["proposals"].cell(3, header.index("was_target_date") + 1).value = (
        None, "2026-03-01")
    wb.save(sheet)
    import_table(tiny, sheet, write=True)
    assert yaml_file.read_text(encoding="utf-8") == before
