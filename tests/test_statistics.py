"""Statistics (statistics/*.csv): the loader, the rules, the figures of the dashboard.

The expected numbers are the seed's (seed-004, domain.md §6.1-6.2), written here by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

from toolkit.analyse.analysis import analyse
from toolkit.check.validate import validate, validated
from toolkit.graph.index import Index
from toolkit.load.estonian_kovs import KOVS
from toolkit.load.statistics import COLUMNS, MAX_ROWS, parse_table

from .conftest import ROOT

HEADER = ",".join(COLUMNS) + "\n"


def lines(rel: str, text: str) -> list[str]:
    return [d.to_text() for d in parse_table(text, rel)[1]]


def test_estonia_has_79_kovs_and_the_partners_ids_are_among_them() -> None:
    assert len(KOVS) == 79
    assert {"tallinn", "tartu", "parnu", "rakvere", "saaremaa", "haapsalu", "johvi",
            "kohtla-jarve", "maardu", "narva", "valga"} <= set(KOVS)
    assert KOVS["tartu"] == "Tartu linn" and KOVS["tartu-vald"] == "Tartu vald"


def test_a_good_row_is_read_with_its_rank_as_the_source_gives_it() -> None:
    rows, problems = parse_table(HEADER + "johvi,2022,returnee,all,first-registrations,30,"
                                 "10-11,seed-004,Tabel,\n", "statistics/x.csv")
    assert problems == []
    assert (rows[0].kov, rows[0].value, rows[0].rank, rows[0].line) == ("johvi", 30, "10–11", 2)


def test_a_value_with_a_thousands_space_is_read_and_a_blank_line_skipped() -> None:
    rows, problems = parse_table(HEADER + "\ntallinn,2020/2024,not-stated,eu,unstated,1 948,1,"
                                 "seed-004,,\n", "statistics/x.csv")
    assert problems == [] and rows[0].value == 1948 and rows[0].line == 3


def test_an_empty_value_is_an_error_never_zero() -> None:
    assert lines("statistics/x.csv", HEADER + "tartu,2022,returnee,all,first-registrations,,,"
                 "seed-004,,\n") == [
        "statistics/x.csv:2:6: error N616 the cell 'value' is empty\n"
        "    hint: a value the source does not give is no row at all (never 0)"]


def test_an_empty_file_and_a_header_only_file() -> None:
    assert lines("statistics/x.csv", "") == [
        "statistics/x.csv:1:1: error N601 the file has no header row\n"
        "    hint: the first line names the columns: " + ", ".join(COLUMNS)]
    assert parse_table(HEADER, "statistics/x.csv") == ([], [])


def test_too_many_rows(tiny: Path) -> None:
    row = "narva,{},returnee,all,first-registrations,1,,seed-003,,\n"
    (tiny / "statistics" / "big.csv").write_text(
        HEADER + "".join(row.format(f"{1000 + i // 3}" + ("", "-H1", "-H2")[i % 3])
                         for i in range(MAX_ROWS + 1)),
        encoding="utf-8")
    found = [d.to_text().splitlines()[0] for d in validate(tiny).diagnostics]
    assert found == [f"statistics/big.csv:{MAX_ROWS + 2}:1: error N615 the file has more "
                     "than 20,000 rows; teekond reads the first 20,000"]


def test_unknown_kov_and_source_suggest_the_closest(tiny: Path) -> None:
    (tiny / "statistics" / "a.csv").write_text(
        HEADER + "kohtla-jarwe,2022,returnee,all,first-registrations,1,,seed-03,,\n",
        encoding="utf-8")
    assert [d.to_text() for d in validate(tiny).diagnostics] == [
        "statistics/a.csv:2:1: error N604 unknown KOV 'kohtla-jarwe'\n"
        "    hint: did you mean 'kohtla-jarve'?",
        "statistics/a.csv:2:8: error N612 unknown source 'seed-03'\n"
        "    hint: did you mean 'seed-003'?"]


def shipped_statistics() -> dict[str, object]:
    index = Index(validated(ROOT).workspace)
    return {d.id: d for d in analyse(index).statistics}


def test_the_shipped_workspace_has_the_seed_tables() -> None:
    datasets = shipped_statistics()
    assert list(datasets) == ["first-registrations.returnee.all", "unstated.not-stated.eu",
                              "unstated.not-stated.third-country"]
    returnees = datasets["first-registrations.returnee.all"]
    assert returnees.periods == ("2022", "2023", "2024")
    tartu = next(s for s in returnees.series if s.kov == "tartu")
    # seed-004: Tartu 146, 134, 126 returnees in 2022-2024, 2nd of 79 KOVs each year.
    assert [p.value for p in tartu.points] == [146, 134, 126]
    assert [p.change for p in tartu.points] == [None, -12, -8]
    assert [p.rank for p in tartu.points] == ["2", "2", "2"]
    johvi = next(s for s in returnees.series if s.kov == "johvi")
    assert [(p.value, p.rank, p.rank_best, p.rank_worst) for p in johvi.points] == [
        (30, "10–11", 10, 11), (18, "27–28", 27, 28), (4, "72–73", 72, 73)]
    assert [s.kov for s in returnees.series] == [
        "tallinn", "tartu", "parnu", "saaremaa", "kohtla-jarve", "rakvere", "haapsalu", "johvi"]


def test_a_partner_without_a_top5_figure_has_no_data_not_zero() -> None:
    eu = shipped_statistics()["unstated.not-stated.eu"]
    values = {s.kov: s.points[0].value for s in eu.series}
    # seed-004 TOP 5, EU citizens: Tallinn 1948, Tartu 563, Valga 64, Narva 55, Pärnu 46.
    assert {k: v for k, v in values.items() if v is not None} == {
        "tallinn": 1948, "tartu": 563, "valga": 64, "narva": 55, "parnu": 46}
    assert values["rakvere"] is None and values["kohtla-jarve"] is None
    assert {s.kov: s.partner for s in eu.series}["valga"] is False


def test_a_statistics_folder_copied_into_the_tiny_workspace_validates(tiny: Path) -> None:
    shutil.copytree(ROOT / "statistics", tiny / "statistics", dirs_exist_ok=True)
    assert validate(tiny).diagnostics == []


def test_a_changed_statistics_table_rebuilds_the_dashboard(tiny: Path, tmp_path: Path) -> None:
    """The build's stamp reads statistics/ too: a build after a table changed is no
    "nothing changed"."""
    from click.testing import CliRunner

    from toolkit.cli import main

    out = tmp_path / "site"
    args = ["build", str(tiny), "--out", str(out), "--formats", "svg", "--lang", "en", "-q"]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert 'data-figure="stat:first-registrations.returnee.all:tartu:2022">146<' in (
        out / "en" / "dashboard.html").read_text(encoding="utf-8")
    table = tiny / "statistics" / "returnees.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",146,", ",147,"),
                     encoding="utf-8")
    assert CliRunner().invoke(main, args).exit_code == 0
    assert 'data-figure="stat:first-registrations.returnee.all:tartu:2022">147<' in (
        out / "en" / "dashboard.html").read_text(encoding="utf-8")
