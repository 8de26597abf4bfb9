"""Limits on what one file may hold, checked on files written at test time.

A file over the size limit is not committed to tests/bad (it would bloat the repository);
it is generated here in a temporary copy of the tiny workspace instead."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from toolkit.check.validate import validate
from toolkit.load.yamlsource import MAX_BYTES, MAX_DEPTH

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
