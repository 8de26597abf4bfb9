"""`teekond import stats`: JSON-stat 2.0 datasets (hand-written fixtures in the form
Statistics Estonia's PxWeb API answers) into statistics/*.csv."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.edit.stats_import import NotADataset, import_stats, period_of
from toolkit.load.statistics import read_table

from .conftest import TESTS

FIXTURES = TESTS / "fixtures" / "jsonstat"
RETURNEES = FIXTURES / "returnees.json"
SPARSE = FIXTURES / "top5-sparse.json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["import", "stats", *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_dry_run_lists_the_rows_and_the_missing_values_and_writes_nothing(tiny: Path) -> None:
    before = (tiny / "statistics" / "returnees.csv").read_bytes()
    code, out, err = run(str(RETURNEES), str(tiny), "--measure", "first-registrations",
                         "--target-group", "returnee", "--source", "seed-004",
                         "--into", "statistics/returnees.csv")
    assert code == 0, out + err
    # the tiny table holds Tartu 2022 and 2024 (same values) and Tallinn 2023 (same value)
    assert out.splitlines() == [
        "+ johvi 2022 returnee/all first-registrations: 30",
        "+ johvi 2023 returnee/all first-registrations: 18",
        "+ saaremaa 2022 returnee/all first-registrations: 49",
        "+ saaremaa 2023 returnee/all first-registrations: 45",
        "+ saaremaa 2024 returnee/all first-registrations: 46",
        "+ tallinn 2022 returnee/all first-registrations: 842",
        "+ tallinn 2024 returnee/all first-registrations: 638",
        "+ tartu 2023 returnee/all first-registrations: 134",
        "returnees.json:21:27: I306 'Kogu Eesti' is not a KOV: its values are not imported",
        "    hint: a national, county or other total",
        "returnees.json:35:3: I309 no value for 2024, Jõhvi vald, Kokku, Tagasipöördujad: "
        "not written",
        "    hint: the dashboard shows no data there"]
    assert err == ("returnees.json -> statistics/returnees.csv: would write 8 new rows, "
                   "0 changed, 3 unchanged; run again with --write to write them\n")
    assert (tiny / "statistics" / "returnees.csv").read_bytes() == before


def test_write_merges_backs_up_and_never_writes_a_missing_value_as_zero(tiny: Path) -> None:
    table = tiny / "statistics" / "returnees.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",126,", ",120,"),
                     encoding="utf-8")
    old = table.read_bytes()
    code, out, err = run(str(RETURNEES), str(tiny), "--measure", "first-registrations",
                         "--target-group", "returnee", "--source", "seed-004",
                         "--into", "statistics/returnees.csv", "--write")
    assert code == 0, out + err
    assert "~ tartu 2024 returnee/all first-registrations: 120 → 126" in out.splitlines()
    rows, problems = read_table(table, "statistics/returnees.csv")
    assert problems == []
    values = {(r.kov, r.period): r.value for r in rows}
    assert values[("tartu", "2024")] == 126 and values[("johvi", "2023")] == 18
    assert ("johvi", "2024") not in values  # null with status "..": no row, not 0
    assert len(rows) == 12  # 4 of the tiny table (one replaced) + 8 new
    assert [r.kov for r in rows[:4]] == ["tartu", "tartu", "tallinn", "maardu"]  # kept in place
    backups = list((tiny / ".teekond-cache" / "backups").glob("*/statistics/returnees.csv"))
    assert [b.read_bytes() for b in backups] == [old]
    assert "wrote 8 new rows, 1 changed, 2 unchanged" in err


def test_a_sparse_value_object_its_absent_cells_and_citizenship_groups(tiny: Path) -> None:
    code, out, err = run(str(SPARSE), str(tiny), "--measure", "unstated", "--source",
                         "seed-004", "--write")
    assert code == 0, out + err
    rows, problems = read_table(tiny / "statistics" / "unstated.csv", "statistics/unstated.csv")
    assert problems == []
    assert [(r.kov, r.period, r.group, r.value) for r in rows] == [
        ("tallinn", "2020/2024", "eu", 1948), ("tallinn", "2020/2024", "third-country", 5211),
        ("tartu", "2020/2024", "eu", 563), ("tartu", "2020/2024", "third-country", 842),
        ("valga", "2020/2024", "eu", 64)]
    assert ("top5-sparse.json:24:3: I309 no value for 2020–2024, Valga vald, Kolmandate "
            "riikide kodanikud: not written") in out.splitlines()
    assert "top5-sparse.json:13:79: I306 'Harju maakond' is not a KOV" in out
    assert CliRunner().invoke(main, ["validate", str(tiny), "-q"]).exit_code == 0


def test_an_undeclared_source_writes_nothing(tiny: Path) -> None:
    code, out, _ = run(str(SPARSE), str(tiny), "--measure", "unstated", "--write")
    assert code == 1
    assert out.splitlines()[0] == ("top5-sparse.json:1:1: I311 source 'statistics-estonia' "
                                   "is not declared in teekond.yaml")
    assert not (tiny / "statistics" / "unstated.csv").exists()


def test_a_dimension_teekond_cannot_place_stops_the_import(tiny: Path,
                                                          tmp_path: Path) -> None:
    data = json.loads(SPARSE.read_text(encoding="utf-8"))
    data["id"].append("Sugu")
    data["size"].append(2)
    data["dimension"]["Sugu"] = {"label": "Sugu", "category": {
        "index": ["M", "N"], "label": {"M": "Mehed", "N": "Naised"}}}
    data["value"] = {}
    bad = tmp_path / "sex.json"
    bad.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    code, out, _ = run(str(bad), str(tiny), "--measure", "unstated", "--source", "seed-004")
    assert code == 1
    assert ("I305 dimension 'Sugu' has 2 categories and is not a KOV, period or citizenship "
            "group") in out


@pytest.mark.parametrize(("text", "problem"), [
    ("not json", "x.json:1:1: I301 the file is not JSON: Expecting value"),
    ('{"class": "collection"}', "x.json:1:1: I301 the file is not a JSON-stat 2.0 dataset "
     '(no "class": "dataset")'),
    ('{"class": "dataset", "id": ["A"], "size": [2], "dimension": {"A": {"category": '
     '{"index": ["2022", "2023"]}}}, "value": [1]}',
     'x.json:1:111: I302 value has 1 items; the sizes make 2'),
])
def test_a_file_that_is_no_dataset_is_one_problem(tiny: Path, tmp_path: Path, text: str,
                                                 problem: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NotADataset) as err:
        import_stats(tiny, path, "unstated", "seed-004")
    assert err.value.problem.to_text().splitlines()[0] == problem
    assert run(str(path), str(tiny), "--measure", "unstated")[0] == 1


def test_period_labels() -> None:
    assert [period_of(x) for x in ("2024", "2024 I poolaasta", "2024 II poolaasta", "2024H2",
                                   "2020–2024", "2024-2020", "Kokku")] == [
        "2024", "2024-H1", "2024-H2", "2024-H2", "2020/2024", None, None]
