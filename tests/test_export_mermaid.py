"""`teekond export mermaid`: golden files of the shipped journeys, escaping of hostile text,
usage errors, and every diagram read by Mermaid's own parser in Chromium.

Mermaid comes from npm (tests/mermaid/package.json, pinned in its package-lock.json;
scripts/test.sh runs `npm ci --prefix tests/mermaid` when node_modules is missing). The
browser gets the page from `set_content` and the script from the local file; every network
request is refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.browser_support import launched_chromium, open_context, skip_requested
from toolkit.cli import main
from toolkit.output.mermaid import flowchart_label, journey_text, markdown_text
from toolkit.site.exports import export_mermaid

TESTS = Path(__file__).parent
ROOT = TESTS.parent
GOLDEN = TESTS / "golden" / "mermaid"
HOSTILE = TESTS / "fixtures" / "hostile"
MERMAID_JS = TESTS / "mermaid" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
GOLDENS = {"newcomer-en.md": ("newcomer", "en"), "newcomer-et.md": ("newcomer", "et"),
           "other-background-en.md": ("other-background", "en"),
           "returnee-en.md": ("returnee", "en")}
FENCE = re.compile(r"```mermaid\n(.*?)```", re.DOTALL)


def regenerate() -> None:
    """`python tests/regenerate.py mermaid`: rewrite the golden Markdown files."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, (journey, lang) in GOLDENS.items():
        (GOLDEN / name).write_text(export_mermaid(ROOT, journey, lang=lang), encoding="utf-8")
        print(f"tests/golden/mermaid/{name}")


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_shipped_journeys_match_their_golden_files(name: str) -> None:
    journey, lang = GOLDENS[name]
    made = export_mermaid(ROOT, journey, lang=lang)
    assert made == (GOLDEN / name).read_text(encoding="utf-8")
    assert made == export_mermaid(ROOT, journey, lang=lang)  # byte for byte, every time


def test_scores_are_the_emotions_on_mermaids_scale() -> None:
    text = export_mermaid(ROOT, "newcomer", "olena-saaremaa", "en", "journey")
    # newcomer.yaml: olena-saaremaa scores -2 at the first two steps, +1 at "counselling".
    tasks = [line.strip() for line in text.splitlines() if line.startswith(" " * 8)]
    assert tasks[0] == ("Looks for information about Estonia and the future municipality "
                        "before moving: 1: Olena")
    assert tasks[1].endswith(": 1: Olena")
    assert "Gets counselling and draws up a personal integration plan: 4: Olena" in tasks
    assert all(task.endswith(": Olena") for task in tasks)  # Arjun left out


def unscored(tiny: Path) -> Path:
    """The tiny workspace with no emotion at its second step."""
    journey = tiny / "journeys" / "newcomer.yaml"
    text = journey.read_text(encoding="utf-8")
    journey.write_text(text.replace("        emotion: {anna: 1}\n", ""), encoding="utf-8")
    return tiny


def test_a_step_nobody_scores_is_marked_not_scored(tiny: Path) -> None:
    text = export_mermaid(unscored(tiny), "newcomer", lang="en", diagram="journey")
    assert text.splitlines()[-1] == "        Registers the residence (not scored): 3"
    text = export_mermaid(tiny, "newcomer", lang="et", diagram="journey")
    assert text.splitlines()[-1] == "        Registreerib elukoha (hindamata): 3"


def test_journey_text_cannot_break_the_journey_syntax() -> None:
    assert journey_text("a: b; c # d\nsecond line") == "a\u2236 b, c \uff03 d second line"
    assert journey_text("Section two") == "\u200bSection two"  # not read as a section
    assert journey_text("title") == "\u200btitle"
    assert journey_text("%%{init: x}%%") == "% %{init\u2236 x}% %"
    assert journey_text(" \n ") == "-"


def test_flowchart_labels_use_entity_codes() -> None:
    assert flowchart_label('say "hi" #1 <b> & `x`') == (
        '"say #quot;hi#quot; #35;1 #lt;b#gt; #amp; #96;x#96;"')
    assert flowchart_label("two\nlines\x00") == '"two lines"'
    assert markdown_text("# not a *heading* <b>") == r"\# not a \*heading\* \<b\>"


def test_hostile_text_stays_text() -> None:
    text = export_mermaid(HOSTILE, "newcomer", lang="et")
    journey, flowchart = FENCE.findall(text)
    for line in journey.splitlines()[2:]:  # after "journey" and the title
        keyword, _, rest = line.strip().partition(" ")
        if keyword != "section":
            assert len(line.split(":")) in (2, 3), line  # name: score[: actors]
        assert "#" not in line and ";" not in line
    for line in flowchart.splitlines()[1:]:
        labels = re.findall(r'"([^"]*)"', line)
        assert labels and not any(c in label for label in labels for c in '<>"`')


@pytest.mark.parametrize(("args", "message"), [
    (["newcomr"], "no journey 'newcomr'; did you mean 'newcomer'?"),
    (["newcomer", "--persona", "olena"],
     "no persona 'olena' of journey 'newcomer'; did you mean 'olena-saaremaa'?"),
    (["newcomer", "--persona", "kadri-parnu"], "no persona 'kadri-parnu' of journey"),
])
def test_unknown_journey_or_persona_is_a_usage_error(args: list[str], message: str) -> None:
    journey, *options = args
    result = CliRunner().invoke(main, ["export", "mermaid", journey, str(ROOT), *options])
    assert result.exit_code == 2
    assert message in result.output


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "newcomer.md"
    result = CliRunner().invoke(main, ["export", "mermaid", "newcomer", str(ROOT), "--lang",
                                       "en", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == (GOLDEN / "newcomer-en.md").read_text(
        encoding="utf-8")


# -- Mermaid's own parser ---------------------------------------------------------------

PARSE = """async (text) => {
  mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});
  try { await mermaid.parse(text); return ''; }
  catch (error) { return String(error && error.message || error); }
}"""
"""Mermaid's parse error for ``text``, or '' when it parses."""
RENDER = """async (text) => {
  const {svg} = await mermaid.render('exported', text);
  document.body.innerHTML = svg;
  return document.querySelectorAll('svg text, svg foreignObject').length;
}"""


def diagrams() -> dict[str, str]:
    """Every diagram of the golden files and of the hostile workspace, by name."""
    found = {}
    for name in sorted(GOLDENS):
        text = (GOLDEN / name).read_text(encoding="utf-8")
        for kind, diagram in zip(("journey", "flowchart"), FENCE.findall(text), strict=True):
            found[f"{name}:{kind}"] = diagram
    for lang in ("et", "en"):
        hostile = FENCE.findall(export_mermaid(HOSTILE, "newcomer", lang=lang))
        found[f"hostile-{lang}:journey"], found[f"hostile-{lang}:flowchart"] = hostile
    return found


def test_unscored_steps_and_empty_diagrams_parse(mermaid_page, tiny: Path) -> None:  # type: ignore[no-untyped-def]
    texts = [export_mermaid(unscored(tiny), "newcomer", diagram="journey"),
             "flowchart LR\n", "journey\n    title X\n"]
    assert [mermaid_page.evaluate(PARSE, text) for text in texts] == ["", "", ""]


@pytest.fixture(scope="module")
def mermaid_page():  # type: ignore[no-untyped-def]
    if skip_requested():
        pytest.skip("TEEKOND_SKIP_BROWSER=1")
    if not MERMAID_JS.is_file():
        pytest.fail(f"{MERMAID_JS} is missing: run `npm ci --prefix tests/mermaid` (or "
                    "`sh scripts/test.sh`, which does)", pytrace=False)
    with launched_chromium() as browser:
        context = open_context(browser)
        page = context.new_page()
        page.set_content("<!doctype html><html lang='en'><body></body></html>")
        page.add_script_tag(path=str(MERMAID_JS))
        yield page
        context.close()


def test_every_exported_diagram_parses(mermaid_page) -> None:  # type: ignore[no-untyped-def]
    found = diagrams()
    errors = {name: mermaid_page.evaluate(PARSE, text) for name, text in found.items()}
    assert len(errors) == 12
    assert {name: error for name, error in errors.items() if error} == {}


def test_a_broken_diagram_fails_the_parse(mermaid_page) -> None:  # type: ignore[no-untyped-def]
    good = (GOLDEN / "newcomer-en.md").read_text(encoding="utf-8")
    journey = FENCE.findall(good)[0]
    broken = [journey.replace(": 1: Olena", ": 1: Olena; x: y", 1),
              journey.replace("    section ", "    section x: y\n    section ", 1),
              journey.replace("Looks for", "Section looks for", 1),  # what the guard prevents
              "flowchart LR\n    a[\"x\"] -->|\"y| b\n"]
    errors = [mermaid_page.evaluate(PARSE, text) for text in broken]
    assert all("Parse error" in error for error in errors), errors


def test_a_diagram_renders_to_svg(mermaid_page) -> None:  # type: ignore[no-untyped-def]
    flowchart = FENCE.findall((GOLDEN / "newcomer-en.md").read_text(encoding="utf-8"))[1]
    assert mermaid_page.evaluate(RENDER, flowchart) > 10
    labels = mermaid_page.locator("svg").first.text_content() or ""
    assert "Police and Border Guard Board" in labels and "Olena, Arjun" in labels


@pytest.mark.parametrize("command", [["mermaid", "newcomer"], ["cpsv"]])
def test_a_workspace_with_errors_exits_1_with_its_problems(command: list[str],
                                                           tmp_path: Path) -> None:
    from tests.conftest import BAD, overlay_workspace

    case = BAD / "channel-not-in-vocabulary"
    ws = overlay_workspace(case, tmp_path / "ws")
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    kind, *rest = command
    result = CliRunner().invoke(main, ["export", kind, *rest[:1], str(ws)])
    assert result.exit_code == 1
    assert all(line in result.output for line in expected)
    assert "Traceback" not in result.output
