"""Every bad workspace in tests/bad gives exactly the diagnostics in its expected.txt.

To (re)write an expected.txt after a deliberate change, run
``python tests/regenerate.py bad`` and review the diff line by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.check.validate import validate

from .conftest import BAD, overlay_workspace

CASES = sorted(p for p in BAD.iterdir() if p.is_dir())


def diagnostic_lines(root: Path) -> list[str]:
    return [f"{d.file}:{d.line}:{d.col}: {d.severity} {d.code} {d.message}"
            for d in validate(root).diagnostics]


def test_corpus_is_large_and_covers_every_rule() -> None:
    from toolkit.diagnostics import RULES

    assert len(CASES) >= 30
    seen = {line.split()[2] for case in CASES
            for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines()}
    seen.add("Y006")  # a file over 2 MiB is made on the fly in tests/test_limits.py
    assert set(RULES) - seen == set(), "rules without a bad case"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_case(case: Path, tmp_path: Path) -> None:
    root = overlay_workspace(case, tmp_path / "ws")
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert diagnostic_lines(root) == expected
    assert not validate(root).ok(strict=True)
