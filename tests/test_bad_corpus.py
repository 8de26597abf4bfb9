"""Every bad workspace in tests/bad gives exactly the diagnostics in its expected.txt.

To (re)write an expected.txt after a deliberate change, run
``python tests/regenerate.py bad`` and review the diff line by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.check.validate import validate
from toolkit.diagnostics import EXCERPT_WIDTH

from .conftest import BAD, overlay_workspace

CASES = sorted(p for p in BAD.iterdir() if p.is_dir())


def diagnostic_lines(root: Path) -> list[str]:
    """The first line of each diagnostic as the terminal shows it (control characters
    escaped: a case may hold them)."""
    return [d.to_text().splitlines()[0] for d in validate(root).diagnostics]


def test_corpus_is_large_and_covers_every_rule() -> None:
    from toolkit.diagnostics import RULES

    assert len(CASES) >= 30
    seen = {line.split()[2] for case in CASES
            for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines()}
    seen.add("Y006")  # a file over 2 MiB is made on the fly in tests/test_limits.py
    seen.add("Y009")  # links out of the workspace are made at run time in tests/test_outside.py
    seen.add("N615")  # a statistics file of 20,001 rows is made in tests/test_statistics.py
    assert set(RULES) - seen == set(), "rules without a bad case"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_case(case: Path, tmp_path: Path) -> None:
    root = overlay_workspace(case, tmp_path / "ws")
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert diagnostic_lines(root) == expected
    assert not validate(root).ok(strict=True)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_printed_diagnostics_are_safe_for_a_terminal_and_narrow(case: Path,
                                                               tmp_path: Path) -> None:
    """What `teekond validate` prints holds no control character (ESC, BEL, CR ...), and
    no excerpt line is wider than EXCERPT_WIDTH (plus its number, margin and '…' marks)."""
    root = overlay_workspace(case, tmp_path / "ws")
    for d in validate(root).diagnostics:
        text = d.to_text()
        assert not [c for c in text if c != "\n" and (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0)]
        for row in d.excerpt.splitlines():
            number, _, shown = row.partition(" | ")
            assert len(shown) <= EXCERPT_WIDTH + 2, row[:200]
