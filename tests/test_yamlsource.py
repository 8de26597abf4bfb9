"""Unit tests of the position-keeping YAML loader (toolkit.load.yamlsource).

Every diagnostic a designer sees points at a line and column, so positions are checked
exactly (1-based, in characters, as an editor shows them)."""

from __future__ import annotations

import datetime as dt
import time
import tracemalloc
from pathlib import Path

import pytest

from toolkit.check.validate import validate
from toolkit.diagnostics import EXCERPT_WIDTH, Diagnostic, excerpt
from toolkit.load import yamlsource
from toolkit.load.yamlsource import MAX_DEPTH, MAX_VALUES, Document

from .conftest import TINY


def load(tmp_path: Path, content: str | bytes, name: str = "f.yaml") -> tuple[
        Document, list[Diagnostic]]:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return yamlsource.load(path, name)


def codes(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.col) for d in diagnostics]


NESTED = """\
a:
  b: [1, {c: d}]
  e:
    - f: 1
      g: two
    - - x
      - y
h: last
"""


# -- positions ---------------------------------------------------------------------------

def test_values_and_keys_of_nested_mappings_and_lists(tmp_path: Path) -> None:
    doc, diagnostics = load(tmp_path, NESTED)
    assert diagnostics == []
    assert doc.data == {"a": {"b": [1, {"c": "d"}], "e": [{"f": 1, "g": "two"}, ["x", "y"]]},
                        "h": "last"}
    assert doc.values == {
        (): (1, 1),
        ("a",): (2, 3),
        ("a", "b"): (2, 6),
        ("a", "b", 0): (2, 7),
        ("a", "b", 1): (2, 10),
        ("a", "b", 1, "c"): (2, 14),
        ("a", "e"): (4, 5),
        ("a", "e", 0): (4, 7),
        ("a", "e", 0, "f"): (4, 10),
        ("a", "e", 0, "g"): (5, 10),
        ("a", "e", 1): (6, 7),
        ("a", "e", 1, 0): (6, 9),
        ("a", "e", 1, 1): (7, 9),
        ("h",): (8, 4),
    }
    assert doc.keys == {
        ("a",): (1, 1),
        ("a", "b"): (2, 3),
        ("a", "b", 1, "c"): (2, 11),
        ("a", "e"): (3, 3),
        ("a", "e", 0, "f"): (4, 7),
        ("a", "e", 0, "g"): (5, 7),
        ("h",): (8, 1),
    }


def test_position_of_value_and_of_key(tmp_path: Path) -> None:
    doc, _ = load(tmp_path, NESTED)
    assert doc.position(("a", "e", 0, "g")) == (5, 10)
    assert doc.position(("a", "e", 0, "g"), key=True) == (5, 7)
    assert doc.position(("h",), key=True) == (8, 1)


def test_position_falls_back_to_the_nearest_enclosing_value(tmp_path: Path) -> None:
    doc, _ = load(tmp_path, NESTED)
    assert doc.position(("a", "e", 0, "missing")) == (4, 7)
    assert doc.position(("a", "e", 0, "missing", 3, "deeper")) == (4, 7)
    assert doc.position(("a", "b", 7)) == (2, 6)
    assert doc.position(("nowhere",)) == (1, 1)
    # a key that is not there falls back to the value positions too
    assert doc.position(("a", "e", 0, "missing"), key=True) == (4, 7)


def test_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    doc, _ = load(tmp_path, "ä: [1, {ö: Väike}]\n")
    assert doc.values[("ä", 1, "ö")] == (1, 12)
    assert doc.keys[("ä", 1, "ö")] == (1, 9)


def test_positions_inside_a_real_workspace_file() -> None:
    doc, diagnostics = yamlsource.load(TINY / "journeys" / "newcomer.yaml",
                                       "journeys/newcomer.yaml")
    assert diagnostics == []
    # line 33:  "              - {source: seed-003, section: 3.5.2.1.2 (Tartu), status: observed}"
    where = ("stages", 1, "steps", 0, "good_practices", 0, "evidence", 0)
    assert doc.position((*where, "source")) == (33, 26)
    assert doc.position((*where, "section"), key=True) == (33, 36)
    assert doc.data["stages"][1]["steps"][0]["good_practices"][0]["evidence"][0]["section"] \
        == "3.5.2.1.2 (Tartu)"
    assert doc.position(("proposals", 0, "owner")) == (38, 12)


def test_strings_lists_every_text_with_its_path(tmp_path: Path) -> None:
    doc, _ = load(tmp_path, NESTED)
    assert sorted(doc.strings()) == sorted([
        (("a", "b", 1, "c"), "d"), (("a", "e", 0, "g"), "two"), (("a", "e", 1, 0), "x"),
        (("a", "e", 1, 1), "y"), (("h",), "last")])


# -- duplicate keys ----------------------------------------------------------------------

def test_duplicate_key_is_reported_and_the_rest_of_the_file_still_checked(
        tmp_path: Path) -> None:
    doc, diagnostics = load(tmp_path, "a: 1\nb:\n  c: 1\n  c: 2\na: 3\nd: 2025-13-45\n")
    assert codes(diagnostics) == [("Y002", 4, 3), ("Y002", 5, 1), ("S107", 6, 4)]
    assert "line 3" in diagnostics[0].hint and "line 1" in diagnostics[1].hint
    assert doc.data == {"a": 3, "b": {"c": 2}, "d": "2025-13-45"}  # YAML keeps the last


def test_duplicate_key_does_not_hide_schema_problems(tiny: Path) -> None:
    persona = tiny / "personas" / "anna.yaml"
    text = persona.read_text(encoding="utf-8")
    persona.write_text(text.replace("name: Anna\n", "name: Anna\nname: Anna\n")
                       .replace("digital_skills: high", "digital_skills: hihg"), encoding="utf-8")
    found = codes(validate(tiny).diagnostics)
    assert ("Y002", 3, 1) in found
    assert ("S104", 13, 17) in found


# -- encoding ----------------------------------------------------------------------------

def test_bom_is_stripped(tmp_path: Path) -> None:
    plain, _ = load(tmp_path, NESTED, "plain.yaml")
    doc, diagnostics = load(tmp_path, b"\xef\xbb\xbf" + NESTED.encode(), "bom.yaml")
    assert diagnostics == []
    assert not doc.text.startswith("\ufeff")
    assert doc.data == plain.data
    assert doc.values == plain.values and doc.keys == plain.keys
    assert "\ufeff" not in "".join(doc.data)


def test_workspace_with_bom_files_validates(tiny: Path) -> None:
    for path in tiny.rglob("*.yaml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert validate(tiny).diagnostics == []


def test_non_utf8_byte_gives_y004_at_its_line_and_column(tmp_path: Path) -> None:
    doc, diagnostics = load(tmp_path, b"a: 1\nbb: ok\ncc: x\xe9y\n")
    assert codes(diagnostics) == [("Y004", 3, 6)]
    assert "0xe9" in diagnostics[0].message
    assert diagnostics[0].hint
    assert doc.data is None


def test_non_utf8_byte_first_in_file(tmp_path: Path) -> None:
    _, diagnostics = load(tmp_path, b"\xff: 1\n")
    assert codes(diagnostics) == [("Y004", 1, 1)]


def test_non_utf8_column_counts_characters(tmp_path: Path) -> None:
    _, diagnostics = load(tmp_path, "x: 1\na: Väike ".encode() + b"\xff\n")
    assert codes(diagnostics) == [("Y004", 2, 10)]


def test_non_utf8_column_ignores_the_bom(tmp_path: Path) -> None:
    _, diagnostics = load(tmp_path, b"\xef\xbb\xbfa: abc \xff\n")
    assert codes(diagnostics) == [("Y004", 1, 8)]


def test_nul_byte_is_reported_where_it_is(tmp_path: Path) -> None:
    _, diagnostics = load(tmp_path, "a: 1\nb: x\x00y\n")
    assert codes(diagnostics) == [("Y004", 2, 5)]


# -- tabs --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "line", "col"), [
    ("a: 1\nb:\n\t- x\n", 3, 1),
    ("a:\n  b: 1\n  \tc: 2\n", 3, 3),
    ("a:\n  b:\n    - 1\n    \t- 2\n", 4, 5),
])
def test_tab_indentation_gives_y003_with_exact_position(tmp_path: Path, text: str, line: int,
                                                        col: int) -> None:
    doc, diagnostics = load(tmp_path, text)
    assert codes(diagnostics) == [("Y003", line, col)]
    assert doc.data is None


def test_tab_inside_a_value_is_not_indentation(tmp_path: Path) -> None:
    doc, diagnostics = load(tmp_path, 'a: "x\\ty"\nb: x\ty\n')
    assert diagnostics == []
    assert doc.data == {"a": "x\ty", "b": "x\ty"}


def test_tab_in_block_scalar_content_is_text(tmp_path: Path) -> None:
    doc, diagnostics = load(tmp_path, "a: |\n  text\n  \tindented\n")
    assert diagnostics == []
    assert doc.data == {"a": "text\n\tindented\n"}


# -- limits ------------------------------------------------------------------------------

def _laughs(levels: int, width: int = 10) -> str:
    rows = ["l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels + 1):
        rows.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize("text", [
    _laughs(9),  # 10**10 values
    _laughs(30, 2),  # 2**31 values, tiny file
    "big: &big [" + ", ".join(str(i) for i in range(2000)) + "]\n"
    "many: [" + ", ".join(["*big"] * 200) + "]\n",  # 400,000 values, linear
    "k0: &k0 {x: 1, y: 2, z: [1, 2, 3]}\n" + "".join(
        f"k{i}: &k{i} {{p: *k{i - 1}, q: *k{i - 1}}}\n" for i in range(1, 41)),  # 2**40
], ids=["laughs", "binary", "linear", "mappings"])
def test_alias_bomb_gives_one_y007_quickly_in_bounded_memory(tmp_path: Path,
                                                              text: str) -> None:
    start = time.perf_counter()
    doc, diagnostics = load(tmp_path, text)
    elapsed = time.perf_counter() - start
    assert [d.code for d in diagnostics] == ["Y007"]
    assert f"{MAX_VALUES:,}" in diagnostics[0].message
    assert doc.data is None
    assert elapsed < 3.0
    tracemalloc.start()
    try:
        load(tmp_path, text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 150 * 1024 * 1024


def test_aliases_below_the_limit_are_read(tmp_path: Path) -> None:
    doc, diagnostics = load(tmp_path, "a: &a [1, 2]\nb: *a\nc: &s text\nd: *s\n")
    assert diagnostics == []
    assert doc.data == {"a": [1, 2], "b": [1, 2], "c": "text", "d": "text"}


def _flow(depth: int) -> str:
    return "a: " + "[" * depth + "]" * depth + "\n"


def _block(depth: int) -> str:
    return "".join("  " * i + "k:\n" for i in range(depth)) + "  " * depth + "v\n"


def test_nesting_up_to_max_depth_is_read(tmp_path: Path) -> None:
    doc, diagnostics = load(tmp_path, _flow(MAX_DEPTH - 1))
    assert diagnostics == []
    value = doc.data["a"]
    for _ in range(MAX_DEPTH - 2):
        value = value[0]
    assert value == []
    doc, diagnostics = load(tmp_path, _block(MAX_DEPTH - 1))
    assert diagnostics == []


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, MAX_DEPTH + 5, 100_000])
def test_nesting_deeper_than_max_depth_gives_y007(tmp_path: Path, depth: int) -> None:
    start = time.perf_counter()
    _, diagnostics = load(tmp_path, _flow(depth))
    assert [d.code for d in diagnostics] == ["Y007"]
    assert "nested" in diagnostics[0].message
    # reported at the first value that is too deep: "a: " + MAX_DEPTH brackets
    assert (diagnostics[0].line, diagnostics[0].col) == (1, 3 + MAX_DEPTH + 1)
    assert time.perf_counter() - start < 3.0


def test_flow_mappings_nested_past_libyamls_own_limit_give_y007(tmp_path: Path) -> None:
    # libyaml 0.2.6 refuses ~1000 levels before handing out the events; still Y007, at the
    # first value that is too deep ("a: " + MAX_DEPTH times "{a: ").
    depth = 5_000
    _, diagnostics = load(tmp_path, "a: " + "{a: " * depth + "}" * depth + "\n")
    assert codes(diagnostics) == [("Y007", 1, 3 + 4 * MAX_DEPTH + 1)]
    assert "nested" in diagnostics[0].message


def test_block_nesting_deeper_than_max_depth_gives_y007(tmp_path: Path) -> None:
    _, diagnostics = load(tmp_path, _block(MAX_DEPTH + 3))
    assert [d.code for d in diagnostics] == ["Y007"]
    assert diagnostics[0].line == MAX_DEPTH + 2


# -- unsupported YAML --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "line", "col"), [
    ("a: 1\nx: !!python/object:os.system\n", 2, 4),
    ("x: !!python/name:os.system\n", 1, 4),
    ("a:\n  b: !foo bar\n", 2, 6),
    ("!foo 1\n", 1, 1),
    ("x: !!binary aGVsbG8=\n", 1, 4),
])
def test_custom_tags_on_scalars_give_y008(tmp_path: Path, text: str, line: int,
                                          col: int) -> None:
    doc, diagnostics = load(tmp_path, text)
    assert codes(diagnostics) == [("Y008", line, col)]
    assert doc.data is None


@pytest.mark.parametrize("text", [
    "x: !foo {a: 1}\n",
    "x: !!python/object:os.system {}\n",
    "x: !!python/object/apply:os.system [ls]\n",
    "x: !!set {a, b}\n",
    "x: !foo\n  - 1\n",
], ids=["foo-map", "python-object-map", "python-apply-seq", "set", "foo-seq"])
def test_custom_tags_on_collections_give_y008(tmp_path: Path, text: str) -> None:
    _, diagnostics = load(tmp_path, text)
    assert codes(diagnostics) == [("Y008", 1, 4)]


@pytest.mark.parametrize("text", ["x: !!bool maybe\n", "x: !!timestamp foo\n", "x: !!int\n",
                                  "x: !!float ''\n"],
                         ids=["bool", "timestamp", "int-empty", "float-empty"])
def test_standard_tag_with_bad_value_is_a_diagnostic(tmp_path: Path, text: str) -> None:
    _, diagnostics = load(tmp_path, text)
    assert len(diagnostics) == 1
    assert diagnostics[0].code in ("S107", "Y008")
    assert (diagnostics[0].line, diagnostics[0].col) == (1, 4)


@pytest.mark.parametrize(("text", "line"), [
    ("a: 1\n---\nb: 2\n", 2),
    ("--- a\n...\n--- b\n", 3),
    ("a: 1\n---\n", 2),
])
def test_several_documents_give_y008(tmp_path: Path, text: str, line: int) -> None:
    _, diagnostics = load(tmp_path, text)
    assert codes(diagnostics) == [("Y008", line, 1)]
    assert "document" in diagnostics[0].message


def test_explicit_start_of_a_single_document_is_fine(tmp_path: Path) -> None:
    doc, diagnostics = load(tmp_path, "---\na: 1\n...\n")
    assert diagnostics == []
    assert doc.data == {"a": 1}


@pytest.mark.parametrize(("text", "col"), [
    ("? [a]\n: 1\n", 3), ("<<: {a: 1}\n", 1), ("1.5: a\n", 1), ("true: a\n", 1),
    ("~: a\n", 1), ("2025-01-01: a\n", 1),
])
def test_keys_that_are_not_names_give_y008(tmp_path: Path, text: str, col: int) -> None:
    _, diagnostics = load(tmp_path, text)
    assert codes(diagnostics) == [("Y008", 1, col)]


# -- values ------------------------------------------------------------------------------

def test_invalid_date_gives_s107_and_keeps_the_text(tmp_path: Path) -> None:
    doc, diagnostics = load(tmp_path, "a: ok\nwhen: 2025-13-45\n")
    assert codes(diagnostics) == [("S107", 2, 7)]
    assert "2025-13-45" in diagnostics[0].message
    assert doc.data == {"a": "ok", "when": "2025-13-45"}


def test_valid_and_quoted_dates(tmp_path: Path) -> None:
    doc, diagnostics = load(tmp_path, "a: 2025-02-28\nb: '2025-13-45'\nc: \"2025-02-30\"\n")
    assert diagnostics == []
    assert doc.data == {"a": dt.date(2025, 2, 28), "b": "2025-13-45", "c": "2025-02-30"}


def test_invalid_date_in_a_workspace_is_s107_at_the_value(tiny: Path) -> None:
    catalogue = tiny / "touchpoints" / "catalogue.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        "end: 2025-12-31", "end: 2025-13-45"), encoding="utf-8")
    found = codes(validate(tiny).errors)
    assert found == [("S107", 7, 42)]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n  # another\n"])
def test_empty_file_gives_y005(tmp_path: Path, text: str) -> None:
    _, diagnostics = load(tmp_path, text)
    assert codes(diagnostics) == [("Y005", 1, 1)]


@pytest.mark.parametrize("text", ["~\n", "null\n", "---\n"], ids=["tilde", "null", "dashes"])
def test_file_holding_only_null_is_an_error(tiny: Path, text: str) -> None:
    (tiny / "journeys" / "nothing.yaml").write_text(text, encoding="utf-8")
    result = validate(tiny)
    assert [d.file for d in result.errors] == ["journeys/nothing.yaml"]


def test_syntax_error_gives_y001_with_excerpt(tmp_path: Path) -> None:
    _, diagnostics = load(tmp_path, "a: 1\nb: [1, 2\nc: 3\n")
    assert len(diagnostics) == 1
    d = diagnostics[0]
    assert d.code == "Y001"
    assert d.line >= 2
    assert d.excerpt and "b: [1, 2" in d.excerpt


def test_file_too_large_gives_y006(tmp_path: Path) -> None:
    _, diagnostics = load(tmp_path, "a: " + "x" * yamlsource.MAX_BYTES + "\n")
    assert codes(diagnostics) == [("Y006", 1, 1)]


# -- a quote that is never closed ------------------------------------------------------------

RUNS_ON = """\
id: x
title: "Tere tulemast
kind: a
steps:
  - id: one
    name: "Esimene samm"
"""


@pytest.mark.parametrize(("text", "line", "col", "runs_to"), [
    (RUNS_ON, 2, 8, 6),  # closed by the quote that opens line 6's text
    (RUNS_ON.replace('"', "'"), 2, 8, 6),
    (RUNS_ON.replace('title: "Tere tulemast', 'title: {et: "Tere, en: Hi}'), 2, 13, 6),
    (RUNS_ON.replace('    name: "Esimene samm"\n', "    name: Mari's step\n"
                     ).replace('"', "'"), 2, 8, 6),  # closed by an apostrophe
    (RUNS_ON.replace("Esimene samm", "Esimene"), 2, 8, 6),
    ('id: x\nname: "Anna\n', 2, 7, 0),  # still open at the end of the file
])
def test_a_quote_never_closed_is_reported_where_it_opens(tmp_path: Path, text: str, line: int,
                                                         col: int, runs_to: int) -> None:
    _, diagnostics = load(tmp_path, text)
    assert [(d.code, d.line, d.col, d.message) for d in diagnostics] == [
        ("Y001", line, col, "a quote opened here is never closed")]
    hint = diagnostics[0].hint
    assert hint.startswith("add the closing quote where the text ends")
    assert (f"runs on to line {runs_to}" in hint) == bool(runs_to)
    assert diagnostics[0].excerpt.splitlines()[-1].endswith(" " * (col - 1) + "^")


def test_a_text_over_several_lines_is_not_taken_for_an_open_quote(tmp_path: Path) -> None:
    """A quoted text may span lines; an error after it is reported where it is."""
    text = 'a: "one\n  two"\nb: [1, 2\nc: 3\n'
    _, diagnostics = load(tmp_path, text)
    assert [(d.code, d.line) for d in diagnostics] == [("Y001", 3)]
    assert "quote" not in diagnostics[0].message


# -- excerpts ---------------------------------------------------------------------------------

def test_an_excerpt_of_a_long_line_is_cut_around_the_column(tmp_path: Path) -> None:
    items = ", ".join(f"item{i}" for i in range(1500))
    text = f"a: 1\nb: [{items}, {{x: y: z}}, {items}]\n"
    _, diagnostics = load(tmp_path, text)
    d = diagnostics[0]
    assert (d.code, d.line) == ("Y001", 2) and d.col > 10_000
    rows = d.excerpt.splitlines()
    assert rows[0] == "1 | a: 1"
    assert rows[1].startswith("2 | …") and rows[1].endswith("…")
    assert len(rows[1]) == len("2 | ") + EXCERPT_WIDTH + 2
    caret = rows[2].index("^")
    assert rows[1][caret] == text.splitlines()[1][d.col - 1]  # the caret is under the column


def test_an_excerpt_of_a_short_line_is_whole(tmp_path: Path) -> None:
    assert excerpt("a: 1\nb: [x\n", 2, 4) == "1 | a: 1\n2 | b: [x\n  |    ^"


def test_an_excerpt_escapes_control_characters_and_keeps_the_caret_in_place() -> None:
    shown = excerpt("a: \x1b[31mred: x\n", 1, 12)
    assert shown == "1 | a: \\x1b[31mred: x\n  |               ^"


def test_a_control_character_in_the_file_is_y001_where_it_is(tmp_path: Path) -> None:
    _, diagnostics = load(tmp_path, "id: x\nname: Anna \x1b]0;title\x07\n")
    assert [(d.code, d.line, d.col) for d in diagnostics] == [("Y001", 2, 12)]
    assert "U+001B" in diagnostics[0].message
    assert "\x1b" not in diagnostics[0].excerpt and "\\x1b" in diagnostics[0].excerpt


# -- text counted after aliases ------------------------------------------------------------

def test_text_of_keys_values_and_anchored_mappings_counts_towards_max_text(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "MAX_TEXT", 100)
    ok = "k: &m {aaaa: bbbbbbbbbb}\n" + "".join(f"c{i}: *m\n" for i in range(6))
    _, diagnostics = load(tmp_path, ok)  # 1 + 14 + 6 x (2 + 14) = 111 > 100
    assert codes(diagnostics) == [("Y007", 7, 5)]
    _, diagnostics = load(tmp_path, ok.replace("c5: *m\n", ""))  # 95
    assert diagnostics == []
