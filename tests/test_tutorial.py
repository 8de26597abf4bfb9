"""The README's tutorial, replayed on a copy of the shipped workspace: each step must give
the output the README shows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli import main

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
STEP = "      - id: looks-for-information-in-own-language\n"


def _yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", README, re.DOTALL)


def _copy_workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    for name in ("teekond.yaml", "journeys", "personas", "touchpoints"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, ws / name)
        else:
            ws.mkdir(exist_ok=True)
            shutil.copyfile(source, ws / name)
    return ws


def _add_pain_point(ws: Path, snippet: str) -> None:
    journey = ws / "journeys" / "newcomer.yaml"
    text = journey.read_text(encoding="utf-8")
    start = text.index(STEP)
    at = text.index("        pain_points:\n", start) + len("        pain_points:\n")
    body = snippet.split("        pain_points:\n", 1)[1]
    journey.write_text(text[:at] + body + text[at:], encoding="utf-8")


def _validate(ws: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", str(ws)])
    return result.exit_code, result.output


def test_the_tutorial_works_as_the_readme_says(tmp_path: Path) -> None:
    pain_snippet, source_snippet = _yaml_blocks()[:2]
    ws = _copy_workspace(tmp_path)
    assert _validate(ws)[0] == 0

    _add_pain_point(ws, pain_snippet)
    code, output = _validate(ws)
    assert code == 1
    shown = re.search(r"```console\n\$ teekond validate\n(.*?)```", README, re.DOTALL)
    assert shown is not None
    def unplaced(text: str) -> str:  # line numbers move whenever the journey is edited
        return re.sub(r"\.yaml:\d+:\d+:", ".yaml:L:C:", text.strip())

    assert unplaced(output) == unplaced(shown.group(1))

    settings = ws / "teekond.yaml"
    text = settings.read_text(encoding="utf-8")
    entry = source_snippet.split("sources:\n", 1)[1]
    settings.write_text(text.replace("sources:\n", "sources:\n" + entry, 1), encoding="utf-8")
    journey = ws / "journeys" / "newcomer.yaml"
    journey.write_text(journey.read_text("utf-8").replace("kovs: [saaremaa]\n            evidence"
                       ":\n              - source: workshop", "kovs: [saremaa]\n            "
                       "evidence:\n              - source: workshop", 1), encoding="utf-8")
    code, output = _validate(ws)
    assert code == 1
    assert "error R202 unknown KOV 'saremaa'" in output
    assert "hint: did you mean 'saaremaa'?" in output
