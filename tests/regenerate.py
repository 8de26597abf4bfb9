"""Rewrite golden files on purpose: ``python tests/regenerate.py bad``.

Targets: ``bad`` (the bad-input corpus), ``diagrams`` (golden DOT files), ``site``
(golden pages of the tiny workspace), ``cards`` (golden HTML of the persona pages and cards of
the tiny workspace), ``reports`` (golden Markdown of the reports), ``mermaid`` (golden
`teekond export mermaid` files of the shipped journeys). Never run from the test
suite; review every changed line before committing."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from tests.conftest import BAD, overlay_workspace  # noqa: E402
from tests.test_bad_corpus import diagnostic_lines  # noqa: E402


def regenerate_bad() -> None:
    for case in sorted(p for p in BAD.iterdir() if p.is_dir()):
        with tempfile.TemporaryDirectory() as tmp:
            lines = diagnostic_lines(overlay_workspace(case, Path(tmp) / "ws"))
        (case / "expected.txt").write_text("".join(f"{x}\n" for x in lines), encoding="utf-8")
        print(f"{case.name}: {len(lines)} diagnostics")


if __name__ == "__main__":
    targets = sys.argv[1:] or ["bad"]
    if "bad" in targets:
        regenerate_bad()
    if "diagrams" in targets:
        from tests.test_diagrams import regenerate as regenerate_diagrams

        regenerate_diagrams()
    if "site" in targets:
        from tests.test_build import regenerate as regenerate_site

        regenerate_site()
    if "reports" in targets:
        from tests.test_reports import regenerate as regenerate_reports

        regenerate_reports()
    if "mermaid" in targets:
        from tests.test_export_mermaid import regenerate as regenerate_mermaid

        regenerate_mermaid()
    if "cards" in targets:
        from tests.test_persona_cards import regenerate as regenerate_cards

        regenerate_cards()
