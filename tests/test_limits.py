"""Limits on what one file may hold, checked on files written at test time.

A file over the size limit is not committed to tests/bad (it would bloat the repository);
it is generated here in a temporary copy of the tiny workspace instead."""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from toolkit.check.validate import validate
from toolkit.load.model import TEXT_LIMIT, TITLE_LIMIT
from toolkit.load.yamlsource import MAX_BYTES, MAX_DEPTH, MAX_TEXT

PERSONA = """\
id: mari
name: Mari
target_group: newcomer
quote: {et: Kust ma alustan?, en: Where do I start?}
background:
  age_band: 35-44
  origin: {et: Kolmas riik, en: Third country}
  kov: tartu
  in_estonia: {et: 1 aasta, en: 1 year}
languages:
  - {lang: ru, level: native}
digital_skills: medium
channels: [in-person]
goals:
  - {et: Töö, en: A job}
needs:
  - {et: Keeleõpe, en: Language classes}
"""


def lines(root: Path) -> list[str]:
    return [f"{d.file}:{d.line}:{d.col}: {d.severity} {d.code} {d.message}"
            for d in validate(root).diagnostics]


def padded(size: int) -> bytes:
    """A valid persona followed by comment lines, exactly ``size`` bytes long."""
    head = PERSONA.encode("utf-8")
    row = b"# notes from the workshop, kept for later " + b"." * 37 + b"\n"  # 80 bytes
    body = row * ((size - len(head)) // len(row))
    rest = size - len(head) - len(body)
    tail = (b"#" + b"." * (rest - 2) + b"\n") if rest >= 2 else b"\n" * rest
    data = head + body + tail
    assert len(data) == size
    return data


def test_file_at_the_size_limit_is_read(tiny: Path) -> None:
    (tiny / "personas" / "mari.yaml").write_bytes(padded(MAX_BYTES))
    assert lines(tiny) == []


def test_file_over_the_size_limit_gives_one_y006(tiny: Path) -> None:
    (tiny / "personas" / "mari.yaml").write_bytes(padded(MAX_BYTES + 1))
    assert lines(tiny) == [f"personas/mari.yaml:1:1: error Y006 the file is "
                           f"{MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,}"]


def test_file_far_over_the_size_limit_gives_one_y006(tiny: Path) -> None:
    """A persona pasted thousands of times: still one diagnostic, not one per copy."""
    big = PERSONA.replace("id: mari\n", "").encode("utf-8")
    data = PERSONA.encode("utf-8") + b"\n".join(
        b"# " + line for line in (big * (3 * MAX_BYTES // len(big))).splitlines())
    (tiny / "personas" / "mari.yaml").write_bytes(data)
    found = validate(tiny).diagnostics
    assert [(d.file, d.code) for d in found] == [("personas/mari.yaml", "Y006")]
    assert "split it into several files" in found[0].hint


def test_nesting_deeper_than_the_limit_gives_one_y007(tiny: Path) -> None:
    depth = MAX_DEPTH + 5
    text = PERSONA + "frustrations: " + "[" * depth + "x" + "]" * depth + "\n"
    (tiny / "personas" / "mari.yaml").write_text(text, encoding="utf-8")
    found = validate(tiny).diagnostics
    assert [(d.file, d.code) for d in found] == [("personas/mari.yaml", "Y007")]
    assert found[0].line == PERSONA.count("\n") + 1
    assert f"more than {MAX_DEPTH} levels" in found[0].message


def test_cli_reports_a_too_large_file_with_a_hint_and_exit_1(tiny: Path) -> None:
    (tiny / "personas" / "mari.yaml").write_bytes(padded(MAX_BYTES + 1))
    run = subprocess.run([sys.executable, "-m", "toolkit", "validate", str(tiny)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr
    assert "personas/mari.yaml:1:1: error Y006" in run.stdout
    assert "    hint: split it into several files" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


# -- text: expanded size and the length of one field --------------------------------------

def text_bomb(anchor_chars: int, uses: int) -> str:
    """The persona of issue 13: one long text anchored once and repeated through aliases."""
    text = ("Lorem ipsum dolor sit amet 123 456, helista mulle õhtul. " * (
        anchor_chars // 56 + 1))[:anchor_chars]
    return (PERSONA.replace("needs:\n  - {et: Keeleõpe, en: Language classes}\n", "")
            + f'needs:\n  - &t "{text}"\n' + "  - *t\n" * uses)


@pytest.mark.parametrize(("anchor_chars", "uses"), [(100_000, 2_000), (100_000, 19_000)],
                         ids=["0.2MB", "1.9MB"])
def test_an_alias_text_bomb_gives_one_y007_quickly(tiny: Path, anchor_chars: int,
                                                   uses: int) -> None:
    """Issue 13: a 0.2 MB persona whose 100 KB anchor is used 2,000 times took 7.3 s to
    validate, a 1.9 MB one over 120 s. Both expand to far more than MAX_TEXT characters."""
    (tiny / "personas" / "mari.yaml").write_text(text_bomb(anchor_chars, uses),
                                                 encoding="utf-8")
    start = time.perf_counter()
    tracemalloc.start()
    try:
        found = lines(tiny)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - start
    # the anchor is on line 17; it and MAX_TEXT // anchor_chars aliases cross the limit
    line = 17 + MAX_TEXT // anchor_chars
    assert found == [f"personas/mari.yaml:{line}:5: error Y007 the file expands to more "
                     f"than {MAX_TEXT:,} characters of text"]
    print(f"text bomb {anchor_chars:,} x {uses:,}: {elapsed:.2f} s, peak {peak / 1e6:.0f} MB")
    assert elapsed < 5.0  # measured 0.1-0.3 s; loose for a busy machine
    assert peak < 100 * 1024 * 1024


def test_aliases_of_long_texts_below_the_limit_are_read(tiny: Path) -> None:
    """An anchor of 10,000 characters used 100 times (1 MB of text): read, and scanned for
    personal data once, not once per use."""
    (tiny / "personas" / "mari.yaml").write_text(text_bomb(10_000, 100), encoding="utf-8")
    start = time.perf_counter()
    result = validate(tiny)
    assert [d.code for d in result.diagnostics] == ["C306"] * 101
    assert time.perf_counter() - start < 5.0


@pytest.mark.parametrize(("field", "limit"), [("name", TITLE_LIMIT), ("needs", TEXT_LIMIT)])
def test_a_text_over_its_field_limit_gives_s108(tiny: Path, field: str, limit: int) -> None:
    persona = PERSONA
    if field == "name":
        persona = persona.replace("name: Mari\n", f"name: {'M' * (limit + 1)}\n")
    else:
        persona = persona.replace("{et: Keeleõpe, en: Language classes}",
                                  "{et: Keeleõpe, en: \"" + "x" * (limit + 1) + "\"}")
    (tiny / "personas" / "mari.yaml").write_text(persona, encoding="utf-8")
    position = "2:7" if field == "name" else "17:24"
    assert lines(tiny) == [f"personas/mari.yaml:{position}: error S108 '{field}' is "
                           f"{limit + 1:,} characters long; the limit is {limit:,}"]
    at_limit = persona.replace("M" * (limit + 1), "M" * limit).replace(
        "x" * (limit + 1), "x" * limit)
    (tiny / "personas" / "mari.yaml").write_text(at_limit, encoding="utf-8")
    assert lines(tiny) == []


def test_a_title_of_a_megabyte_gives_one_s108_quickly(tiny: Path) -> None:
    """Issue 13: a 1 MB title was accepted and made a 177 MB site."""
    journey = tiny / "journeys" / "newcomer.yaml"
    title = "{et: Uussisserändaja teekond, en: Newcomer journey}"
    text = journey.read_text(encoding="utf-8")
    long_title = "Pealkiri " * 111_112  # 1 MB; YAML drops the last space
    journey.write_text(text.replace(title, long_title), encoding="utf-8")
    start = time.perf_counter()
    found = validate(tiny).diagnostics
    elapsed = time.perf_counter() - start
    assert [d.to_text().splitlines()[0] for d in found] == [
        f"journeys/newcomer.yaml:2:8: error S108 'title' is {len(long_title) - 1:,} characters "
        f"long; the limit is {TITLE_LIMIT:,}"]
    assert found[0].hint == "shorten it, and put the details in the description"
    print(f"1 MB title: {elapsed:.2f} s")
    assert elapsed < 5.0
