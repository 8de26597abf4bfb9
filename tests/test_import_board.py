"""`teekond import FILE`: a workshop board's notes as draft items (toolkit/edit/board.py).

Fixtures in tests/fixtures/boards/ (made-up test data; its README says which export shapes
are assumptions) are imported into a copy of tests/fixtures/tiny."""

from __future__ import annotations

import csv
import difflib
import shutil
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from toolkit.check.validate import validate
from toolkit.cli import main
from toolkit.edit.board import import_board
from toolkit.edit.ids import journey_prefix, slug, unique_id
from toolkit.errors import TeekondError

from .conftest import TESTS

BOARDS = TESTS / "fixtures" / "boards"
JOURNEY = Path("journeys/newcomer.yaml")


class Ran:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def teekond(*args: str) -> Ran:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return Ran(result.exit_code, result.stdout, result.stderr)


def board(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copy(BOARDS / name, tmp_path / name))


def run_import(tiny: Path, file: Path, *more: str) -> Ran:
    return teekond("import", str(file), str(tiny), "--journey", "newcomer",
                   "--source", "seed-003", *more)


def journey_data(tiny: Path) -> dict:
    return yaml.safe_load((tiny / JOURNEY).read_text(encoding="utf-8"))


def items(data: dict) -> dict[str, dict]:
    found = {p["id"]: p for p in data.get("proposals", [])}
    for stage in data["stages"]:
        for step in stage["steps"]:
            for item in [*step.get("pain_points", []), *step.get("good_practices", [])]:
                found[item["id"]] = item
    return found


# -- the bad rows: every problem at once, with its exact text -----------------------------

def test_bad_rows_are_reported_with_their_row_number_and_exit_1(tiny: Path,
                                                                  tmp_path: Path) -> None:
    file = board(tmp_path, "bad.csv")
    ran = run_import(tiny, file)
    assert ran.code == 1
    expected = (BOARDS / "bad-expected.txt").read_text(encoding="utf-8")
    assert ran.out.replace(str(file), "bad.csv") == expected
    assert "would add 1 draft item, 9 rows rejected, 2 skipped" in ran.err
    assert "Traceback" not in ran.out + ran.err


def test_bad_rows_with_write_add_the_good_row_and_still_exit_1(tiny: Path,
                                                                 tmp_path: Path) -> None:
    ran = run_import(tiny, board(tmp_path, "bad.csv"), "--write")
    assert ran.code == 1
    added = [i for i in items(journey_data(tiny)).values() if i.get("draft")]
    assert [i["title"] for i in added] == ["@everyone a note that starts with at"]


# -- the template, Miro, Mural, XLSX ------------------------------------------------------

def test_template_dry_run_lists_the_items_and_writes_nothing(tiny: Path,
                                                             tmp_path: Path) -> None:
    before = (tiny / JOURNEY).read_bytes()
    ran = run_import(tiny, board(tmp_path, "template.csv"))
    assert ran.code == 0, ran.out + ran.err
    assert ran.out.splitlines() == [
        "journeys/newcomer.yaml: arrival/apply-permit: pain-point "
        "the-permit-form-asks-for-documents: The permit form asks for documents nobody "
        "explained",
        "journeys/newcomer.yaml: arrival/apply-permit: pain-point "
        "taotluse-ootamine-kestab-kuid: Taotluse ootamine kestab kuid",
        "journeys/newcomer.yaml: arrival/apply-permit: good-practice "
        "employer-explains-the-permit-steps-in: Employer explains the permit steps in the "
        "first week",
        "journeys/newcomer.yaml: arrival/apply-permit: proposal "
        "a-checklist-of-the-first-month-in-three: A checklist of the first month in three "
        "languages",
        "journeys/newcomer.yaml: arrival/apply-permit: proposal "
        "sum-a1-a2-looks-like-a-formula-but-is-a: =SUM(A1:A2) looks like a formula but is "
        "a note",
    ]
    assert "(template): would add 5 draft items, 0 rows rejected, 0 skipped" in ran.err
    assert (tiny / JOURNEY).read_bytes() == before
    assert not (tiny / ".teekond-cache" / "backups").exists()


def test_template_write_adds_drafts_after_what_was_there(tiny: Path, tmp_path: Path) -> None:
    before = (tiny / JOURNEY).read_text(encoding="utf-8")
    ran = run_import(tiny, board(tmp_path, "template.csv"), "--write")
    assert ran.code == 0, ran.out + ran.err
    after = (tiny / JOURNEY).read_text(encoding="utf-8")
    # Nothing that was there changes: the diff only adds lines.
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    assert not [line for line in diff if line.startswith("- ")]
    found = items(journey_data(tiny))
    pain = found["the-permit-form-asks-for-documents"]
    assert pain == {"id": "the-permit-form-asks-for-documents", "draft": True,
                    "title": {"en": "The permit form asks for documents nobody explained"},
                    "kind": "process", "perspective": "target-group", "severity": 3,
                    "evidence": [{"source": "seed-003", "section": "Table 2",
                                  "status": "observed"}]}
    # No language column: the workspace's default language, a plain string.
    estonian = found["taotluse-ootamine-kestab-kuid"]
    assert estonian["title"] == "Taotluse ootamine kestab kuid"
    assert estonian["kovs"] == ["tartu"]
    checklist = found["a-checklist-of-the-first-month-in-three"]
    assert checklist["owner"] == "ppa" and checklist["status"] == "idea"
    assert checklist["addresses"] == ["permit-info-hard-to-find",
                                      "the-permit-form-asks-for-documents",
                                      "taotluse-ootamine-kestab-kuid"]
    assert '"=SUM(A1:A2) looks like a formula but is a note"' in after
    assert found["sum-a1-a2-looks-like-a-formula-but-is-a"]["owner"] == "kov"
    assert "5 draft items" in ran.err and "backup of the changed files" in ran.err
    result = validate(tiny)
    assert not result.errors
    assert list((tiny / ".teekond-cache" / "backups").rglob("newcomer.yaml"))


def test_a_second_import_of_the_same_board_adds_nothing(tiny: Path, tmp_path: Path) -> None:
    file = board(tmp_path, "template.csv")
    assert run_import(tiny, file, "--write").code == 0
    once = (tiny / JOURNEY).read_bytes()
    again = run_import(tiny, file, "--write")
    assert again.code == 0
    assert again.out.count("I201 skipped: the same text is already in") == 5
    assert (tiny / JOURNEY).read_bytes() == once


def test_miro_export_in_utf16_with_tabs(tiny: Path, tmp_path: Path) -> None:
    file = board(tmp_path, "miro.csv")
    assert file.read_bytes()[:2] == b"\xff\xfe"  # the fixture is what it says
    ran = run_import(tiny, file, "--write")
    assert ran.code == 0, ran.out + ran.err
    assert "(miro): added 3 draft items, 0 rows rejected, 1 skipped" in ran.err
    assert ":5: I109 not imported: questions have no place in the model yet" in ran.out
    found = items(journey_data(tiny))
    assert found["nobody-said-the-permit-takes-two-months"]["severity"] == 3
    assert found["ootejarjekord-ppa-s-on-pikk"]["title"] == "Ootejärjekord PPA-s on pikk"
    assert "library-staff-help-fill-in-the-form" in found


def test_mural_export_is_recognised(tiny: Path, tmp_path: Path) -> None:
    ran = run_import(tiny, board(tmp_path, "mural.csv"))
    assert ran.code == 0, ran.out + ran.err
    assert "(mural): would add 2 draft items" in ran.err
    assert ran.out.splitlines()[1].startswith(
        "journeys/newcomer.yaml: registration/register-residence: good-practice "
        "tartu-gives-a-one-stop-shop-for: ")


def test_xlsx_gives_the_same_items_as_csv(tiny: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    with open(BOARDS / "template.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([int(c) if c.isdigit() else c for c in row])  # numbers as numbers
    for cells in book.active.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # typed as text, as a spreadsheet keeps '=SUM...
    book.save(tmp_path / "template.xlsx")
    from_xlsx = run_import(tiny, tmp_path / "template.xlsx")
    from_csv = run_import(tiny, board(tmp_path, "template.csv"))
    assert from_xlsx.code == from_csv.code == 0
    assert from_xlsx.out == from_csv.out


def test_map_names_columns_of_any_sheet(tiny: Path, tmp_path: Path) -> None:
    file = tmp_path / "notes.csv"
    file.write_text("Where,Kind,Note\n1.1,good practice,Friendly staff at the desk\n",
                    encoding="utf-8")
    ran = run_import(tiny, file, "--map", "Where=stage", "--map", "Kind=type",
                     "--map", "Note=text")
    assert ran.code == 0, ran.out + ran.err
    assert "good-practice friendly-staff-at-the-desk" in ran.out
    bad = run_import(tiny, file, "--map", "Where=place")
    assert bad.code == 2 and "'place' is not a field" in bad.err


# -- the command around it ----------------------------------------------------------------

def test_import_board_subcommand_is_the_default(tiny: Path, tmp_path: Path) -> None:
    file = board(tmp_path, "template.csv")
    explicit = teekond("import", "board", str(file), str(tiny), "--journey", "newcomer",
                       "--source", "seed-003")
    assert explicit.code == 0
    assert explicit.out == run_import(tiny, file).out


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--journey", "nope", "no journey 'nope'"),
    ("--source", "nope", "no source 'nope' in teekond.yaml"),
])
def test_unknown_journey_or_source_is_a_usage_error(tiny: Path, tmp_path: Path, option: str,
                                                    value: str, message: str) -> None:
    args = {"--journey": "newcomer", "--source": "seed-003", option: value}
    ran = teekond("import", str(board(tmp_path, "template.csv")), str(tiny),
                  *[x for pair in args.items() for x in pair])
    assert ran.code == 2
    assert message in ran.err


def test_a_workspace_with_errors_is_refused(tiny: Path, tmp_path: Path) -> None:
    path = tiny / JOURNEY
    path.write_text(path.read_text(encoding="utf-8").replace("severity: 2", "severity: 7"),
                    encoding="utf-8")
    before = path.read_bytes()
    ran = run_import(tiny, board(tmp_path, "template.csv"), "--write")
    assert ran.code == 1
    assert "error S1" in ran.out  # the workspace's own diagnostics
    assert path.read_bytes() == before


def test_not_a_spreadsheet_is_a_usage_error(tiny: Path, tmp_path: Path) -> None:
    file = tmp_path / "board.csv"
    file.write_bytes(b"stage,text\n1.1,\xff\xfe\xfa\n")
    ran = run_import(tiny, file)
    assert ran.code == 2 and "not UTF-8 or UTF-16" in ran.err


def test_new_import_template_writes_the_columns(tmp_path: Path, tiny: Path) -> None:
    path = tmp_path / "template.csv"
    ran = teekond("new", "import-template", str(path))
    assert ran.code == 0 and ran.out.strip() == f"wrote {path}"
    assert path.read_text(encoding="utf-8").splitlines()[0] == (
        "stage,step,type,text,kov,severity,owner,language,section,addresses")
    empty = run_import(tiny, path)  # the example rows are skipped
    assert empty.code == 0 and empty.out == ""
    assert teekond("new", "import-template", str(path)).code == 2  # never overwrites
    pytest.importorskip("openpyxl")
    xlsx = tmp_path / "template.xlsx"
    assert teekond("new", "import-template", str(xlsx)).code == 0
    assert run_import(tiny, xlsx).code == 0


# -- ids ----------------------------------------------------------------------------------

def test_ids_are_readable_unique_and_prefixed_like_the_journey() -> None:
    assert slug("Ühe ukse teenus: Tartu!") == "uhe-ukse-teenus-tartu"
    assert slug("=SUM(A1)") == "sum-a1"
    taken = {"nc-one-stop-shop"}
    assert unique_id("nc", "One stop shop", taken) == "nc-one-stop-shop-2"
    assert unique_id("nc", "One stop shop", taken) == "nc-one-stop-shop-3"
    assert journey_prefix(["nc-a", "nc-b", "other-c"]) == "nc"
    assert journey_prefix(["permit-a", "permit-b"]) == ""  # a word, not a prefix
    assert journey_prefix([]) == ""


def test_the_shipped_journeys_get_their_prefix(tmp_path: Path) -> None:
    root = TESTS.parent
    ws_copy = tmp_path / "ws"
    ws_copy.mkdir()
    for name in ("teekond.yaml", "journeys", "personas", "touchpoints"):
        source = root / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, ws_copy / name)
    file = tmp_path / "b.csv"
    file.write_text("stage,step,type,text\n1,1,pain point,Test note: the prefix\n",
                    encoding="utf-8")
    outcome = import_board(ws_copy, file, "newcomer", "general-knowledge")
    assert [p.id for p in outcome.plan.planned] == ["nc-test-note-the-prefix"]


# -- size ---------------------------------------------------------------------------------

def test_ten_thousand_rows(tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    file = tmp_path / "big.csv"
    kinds = ["pain point", "good practice", "proposal", "kitsaskoht"]
    with open(file, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["stage", "step", "type", "text", "severity", "language", "addresses",
                      "owner"])
        for n in range(10_000):
            proposal = n % 4 == 2
            out.writerow([1 + n % 2, 1, kinds[n % 4], f"Generated test note number {n}",
                          1 + n % 3, "en", "permit-info-hard-to-find" if proposal else "",
                          "ppa" if proposal else ""])
    started = time.perf_counter()
    dry = import_board(tiny, file, "newcomer", "seed-003")
    dry_seconds = time.perf_counter() - started
    assert len(dry.plan.planned) == 10_000 and not dry.plan.problems
    # Written into one journey, 10,000 notes make a file larger than teekond reads: the
    # import says so and writes nothing.
    before = (tiny / JOURNEY).read_bytes()
    with pytest.raises(TeekondError, match="would be 2,7[0-9,]+ bytes; teekond reads files up to"):
        import_board(tiny, file, "newcomer", "seed-003", write=True)
    assert (tiny / JOURNEY).read_bytes() == before
    half = tmp_path / "half.csv"
    half.write_text("".join(file.read_text(encoding="utf-8").splitlines(True)[:5_001]),
                    encoding="utf-8")
    started = time.perf_counter()
    written = import_board(tiny, half, "newcomer", "seed-003", write=True)
    write_seconds = time.perf_counter() - started
    assert written.written and len(written.plan.planned) == 5_000
    assert not [d for d in written.after if d.severity == "error"]
    with capsys.disabled():
        print(f"\n10,000 rows: dry run {dry_seconds:.1f} s; 5,000 rows: write + validate "
              f"{write_seconds:.1f} s")
    assert dry_seconds < 30 and write_seconds < 120


def test_a_rejected_row_does_not_make_its_twin_a_duplicate(tiny: Path, tmp_path: Path) -> None:
    file = tmp_path / "twins.csv"
    file.write_text("stage,step,type,text,severity\n"
                    "1,1,pain point,Same words twice,5\n"
                    "1,1,pain point,Same words twice,2\n"
                    "1,1,pain point,Same words twice,2\n", encoding="utf-8")
    ran = run_import(tiny, file)
    assert ran.code == 1
    assert ran.out.splitlines() == [
        "journeys/newcomer.yaml: arrival/apply-permit: pain-point same-words-twice: "
        "Same words twice",
        f"{file}:2: I104 severity '5' is not 1, 2 or 3",
        "    hint: 1 minor, 2 serious, 3 blocks the journey",
        f"{file}:4: I201 skipped: the same text is already in this step",
    ]
