"""Graphviz views and the dot runner: golden DOT, DOT as a parsed graph, real SVG/PNG/PDF,
determinism, hostile text (the hostile fixture and the Big List of Naughty Strings) and
every way ``dot`` can fail.

Golden files are rewritten on purpose only, by :func:`regenerate`
(``python -c "from tests.test_diagrams import regenerate; regenerate()"``).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import struct
import subprocess
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from toolkit.analyse.analysis import Analysis
from toolkit.check.validate import validate
from toolkit.graph.index import Index
from toolkit.load.model import Catalogue, Journey
from toolkit.load.workspace import Workspace, load_workspace
from toolkit.output import dot_runner
from toolkit.output.dot import (
    dot_string,
    ecosystem_dot,
    journey_flow_dot,
    journey_overview_dot,
    journey_part_dot,
)
from toolkit.output.dot_runner import DotError, dot_available, render
from toolkit.views.diagrams.flow import Part
from toolkit.views.diagrams.theme import DEFAULT_THEME, Theme

from .conftest import ROOT, TESTS, TINY, analysed

GOLDEN = TESTS / "golden"
HOSTILE = TESTS / "fixtures" / "hostile"
BLNS = TESTS / "fixtures" / "blns.json"
NAME = "journey 'newcomer' (et)"

needs_dot = pytest.mark.skipif(not dot_available(), reason="Graphviz dot is not installed")

Maker = Callable[[Index, Analysis], str]
GOLDEN_FILES: dict[str, Maker] = {
    "journey-newcomer-et.dot": lambda ws, g: journey_flow_dot(ws, g, "newcomer", "et"),
    "journey-newcomer-en.dot": lambda ws, g: journey_flow_dot(ws, g, "newcomer", "en"),
    "ecosystem-et.dot": lambda ws, g: ecosystem_dot(ws, g, "et"),
    "journey-newcomer-overview-en.dot": lambda ws, g: journey_overview_dot(ws, g, "newcomer",
                                                                            "en"),
    "journey-newcomer-stage-1-en.dot": lambda ws, g: journey_part_dot(ws, g, "newcomer", "en",
                                                                       Part(1)),
}
"""Golden file name -> how its DOT is made from the tiny workspace."""


def loaded(root: Path) -> tuple[Index, Analysis]:
    result = validate(root)
    assert result.errors == [], result.errors
    return analysed(result.workspace)


def regenerate() -> None:
    """Rewrite the golden DOT files from the tiny workspace; review the diff."""
    ws, graph = loaded(TINY)
    GOLDEN.mkdir(exist_ok=True)
    for name, make in GOLDEN_FILES.items():
        (GOLDEN / name).write_text(make(ws, graph), encoding="utf-8", newline="\n")
        print(f"tests/golden/{name}")


@pytest.fixture(scope="module")
def tiny() -> tuple[Index, Analysis]:
    return loaded(TINY)


@pytest.fixture(scope="module")
def tiny_flow(tiny: tuple[Index, Analysis]) -> str:
    return journey_flow_dot(*tiny, "newcomer", "et")


# -- helpers: reading what dot made ----------------------------------------------------------

def layout(source: str) -> dict[str, Any]:
    """dot's JSON output for ``source``: nodes, clusters and edges with positions."""
    return json.loads(render_json(source))


def render_json(source: str) -> bytes:
    done = subprocess.run(["dot", "-Tjson"], input=source.encode(), capture_output=True,
                          timeout=60, check=True)
    return done.stdout


def kinds(data: dict[str, Any]) -> Counter[str]:
    """How many nodes of each kind (the prefix of the generated ids) a layout holds."""
    return Counter(o["name"].split("_")[0] for o in data["objects"]
                   if "nodes" not in o and "subgraphs" not in o
                   and not o["name"].startswith("cluster"))


def visible_nodes(source: str) -> int:
    return len(re.findall(r"^\s*\w+ \[(?![^\]]*style=\"invis\")", source, re.MULTILINE)) - sum(
        1 for _ in re.finditer(r"^\s*(graph|node|edge) \[", source, re.MULTILINE))


def svg_tree(svg: bytes) -> ET.Element:
    return ET.fromstring(svg)


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def unsafe_svg(root: ET.Element) -> list[str]:
    """Everything in an SVG that a browser could run: script elements, event handler
    attributes, javascript: URLs, foreign objects."""
    found = []
    for element in root.iter():
        if local(element.tag).lower() in ("script", "foreignobject", "iframe", "object"):
            found.append(f"<{local(element.tag)}>")
        for name, value in element.attrib.items():
            if local(name).lower().startswith("on"):
                found.append(f"{local(name)}=")
            if "javascript:" in re.sub(r"\s", "", value).lower():
                found.append(f"{local(name)}={value!r}")
    return found


def texts(root: ET.Element) -> list[str]:
    return [el.text or "" for el in root.iter() if local(el.tag) == "text"]


# -- golden DOT ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(GOLDEN_FILES))
def test_golden_dot(name: str, tiny: tuple[Index, Analysis]) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert GOLDEN_FILES[name](*tiny) == expected, (
        f"tests/golden/{name} differs; if the change is intended, run regenerate()")


def test_dot_is_deterministic_across_loads(tiny: tuple[Index, Analysis]) -> None:
    again = loaded(TINY)
    for make in GOLDEN_FILES.values():
        assert make(*tiny) == make(*tiny) == make(*again)


def test_languages_differ_and_fall_back(tiny: tuple[Index, Analysis]) -> None:
    et = journey_flow_dot(*tiny, "newcomer", "et")
    en = journey_flow_dot(*tiny, "newcomer", "en")
    ru = journey_flow_dot(*tiny, "newcomer", "ru")  # no Russian texts: Estonian content
    assert "Taotleb elamisluba" in et and "Applies for a" in en
    assert "Taotleb elamisluba" in ru and "Legend" in ru  # English fixed words


def test_unknown_journey_is_a_key_error(tiny: tuple[Index, Analysis]) -> None:
    with pytest.raises(KeyError):
        journey_flow_dot(*tiny, "no-such-journey", "et")


def test_theme_overrides_reach_the_dot(tiny: tuple[Index, Analysis]) -> None:
    theme = dataclasses.replace(DEFAULT_THEME, font="Liberation Sans", legend=False,
                                severity_fills={1: "#111111", 2: "#222222", 3: "#333333"})
    source = journey_flow_dot(*tiny, "newcomer", "en", theme)
    assert 'fontname="Liberation Sans"' in source and 'fillcolor="#222222"' in source
    assert "legend_" not in source and "DejaVu Sans\"" not in source
    assert isinstance(DEFAULT_THEME, Theme)


def test_pain_points_are_marked_by_text_and_shape_not_colour_alone(tiny_flow: str) -> None:
    pain = next(line for line in tiny_flow.splitlines() if line.strip().startswith("pain_"))
    assert 'shape="octagon"' in pain and "!! tõsine (2/3)" in pain
    assert "ettepanekuid: 1" in pain  # the proposal addressing it
    assert "✓ Hea näide" in tiny_flow and 'shape="note"' in tiny_flow


def test_ids_are_generated_never_yaml_text(tiny_flow: str) -> None:
    statements = re.findall(r"^\s*(\w+)(?: -> (\w+))? \[", tiny_flow, re.MULTILINE)
    ids = {i for pair in statements for i in pair if i} - {"graph", "node", "edge"}
    assert ids and all(re.fullmatch(r"(legend_\w+|[a-z]+_[0-9a-f]{12})", i) for i in ids)


def test_no_edge_has_label_with_constraint_false(tiny: tuple[Index, Analysis]) -> None:
    # dot 2.43 crashes on label= together with constraint=false
    for make in GOLDEN_FILES.values():
        for attrs in re.findall(r"-> \w+ \[([^\]]*)\]", make(*tiny)):
            assert not ("constraint" in attrs and "label=" in attrs)


# -- DOT as a parsed graph -----------------------------------------------------------------

@needs_dot
def test_journey_flow_parses_into_the_expected_graph(tiny_flow: str) -> None:
    data = layout(tiny_flow)
    assert kinds(data) == {"legend": 10, "step": 2, "pain": 1, "practice": 1, "use": 2,
                           "service": 2, "provider": 2, "arrow": 1, "spacer": 3}
    names = {o["_gvid"]: o["name"] for o in data["objects"]}
    edges = Counter((names[e["tail"]].split("_")[0], names[e["head"]].split("_")[0])
                    for e in data["edges"] if e.get("style") != "invis")
    assert edges == {("pain", "step"): 1, ("practice", "step"): 1, ("step", "use"): 2,
                     ("use", "service"): 2, ("legend", "legend"): 2}
    stages = [o["label"] for o in data["objects"]
              if o["name"].startswith("cluster_stage")]
    assert stages == ["1. Saabumine\\l", "2. Registreerimine\\l"]


@needs_dot
def test_ecosystem_parses_into_the_expected_graph(tiny: tuple[Index, Analysis]) -> None:
    data = layout(ecosystem_dot(*tiny, "et"))
    found = kinds(data)
    assert {k: found[k] for k in ("journey", "service", "provider")} == {
        "journey": 1, "service": 2, "provider": 2}
    levels = sorted(o["label"] for o in data["objects"] if o["name"].startswith("cluster_level"))
    assert levels == ["KOV\\l", "Riik\\l"]
    labels = " ".join(o.get("label", "") for o in data["objects"])
    assert "kitsaskohti 2" in labels and "T1" in labels  # pain score and journey code


def step_positions(source: str) -> list[tuple[float, float, tuple[int, int]]]:
    """(x, y, number) of every step node, left to right."""
    found = []
    for o in layout(source)["objects"]:
        number = re.match(r"(\d+)\.(\d+) ", o.get("label", ""))
        if o["name"].startswith("step_") and number:
            x, y = map(float, o["pos"].split(","))
            found.append((x, y, (int(number[1]), int(number[2]))))
    return sorted(found)


def assert_steps_in_one_ordered_row(source: str) -> None:
    positions = step_positions(source)
    numbers = [n for _, _, n in positions]
    assert numbers == sorted(numbers), f"steps out of order: {numbers}"
    assert len({round(y) for _, y, _ in positions}) == 1, "steps not in one row"


@needs_dot
def test_steps_stay_in_order_in_a_crowded_journey() -> None:
    # Touchpoints shared across steps and stages pull dot's ordering around: the layout
    # must still show the steps left to right, in one row.
    ws = crowded_workspace(stages=5, steps=4)
    assert_steps_in_one_ordered_row(journey_flow_dot(*analysed(ws), "crowded", "en"))


@needs_dot
@pytest.mark.skipif(not (ROOT / "journeys").is_dir(), reason="no shipped journeys")
def test_steps_stay_in_order_in_the_shipped_journeys() -> None:
    result = validate(ROOT)
    assert result.errors == []
    index, analysis = analysed(result.workspace)
    for journey in result.workspace.journeys:
        assert_steps_in_one_ordered_row(journey_flow_dot(index, analysis, journey.id, "en"))


# -- real renders ----------------------------------------------------------------------------

@needs_dot
def test_svg_parses_with_one_group_per_visible_node(tiny_flow: str) -> None:
    svg = render(tiny_flow, "svg", name=NAME)
    root = svg_tree(svg)
    groups = [g for g in root.iter() if local(g.tag) == "g" and g.get("class") == "node"]
    assert len(groups) == visible_nodes(tiny_flow) == 21
    assert any("Taotleb elamisluba" in t for t in texts(root))
    assert unsafe_svg(root) == []


@needs_dot
@pytest.mark.parametrize("fmt, signature", [("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF")])
def test_png_and_pdf(tiny_flow: str, fmt: str, signature: bytes) -> None:
    data = render(tiny_flow, fmt, name=NAME)  # type: ignore[arg-type]
    assert data.startswith(signature) and len(data) > 1000


@needs_dot
def test_svg_and_dot_are_byte_identical_across_runs(tiny: tuple[Index, Analysis]) -> None:
    for make in GOLDEN_FILES.values():
        first, second = make(*tiny), make(*loaded(TINY))
        assert first == second
        assert render(first, "svg", name=NAME) == render(second, "svg", name=NAME)


@needs_dot
@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_png_and_pdf_are_byte_identical_across_runs(tiny_flow: str, fmt: str) -> None:
    first = render(tiny_flow, fmt, name=NAME)  # type: ignore[arg-type]
    time.sleep(1.05)  # cairo's PDF time stamp has whole seconds
    assert render(tiny_flow, fmt, name=NAME) == first  # type: ignore[arg-type]
    if fmt == "pdf":
        assert dot_runner.PDF_DATE in first


@needs_dot
def test_png_size_is_capped() -> None:
    wide = "digraph { rankdir=LR; " + " -> ".join(f"n{i}" for i in range(600)) + " }"
    png = render(wide, "png", name="a very wide map")
    width, height = struct.unpack(">II", png[16:24])
    limit = dot_runner.PNG_MAX_INCHES * dot_runner.PNG_DPI
    assert width <= limit + 2 and height <= limit + 2  # cairo rounds up a pixel or two
    assert width > 4000  # scaled down to the cap, not to a thumbnail


# -- dot failures ----------------------------------------------------------------------------

def fake_dot(folder: Path, script: str) -> str:
    """A ``PATH`` whose first ``dot`` is a shell script running ``script``."""
    path = folder / "dot"
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(0o755)
    return f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"


def test_crash_is_a_dot_error_naming_the_journey(tmp_path: Path, tiny_flow: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", fake_dot(tmp_path, "cat >/dev/null\nkill -SEGV $$"))
    with pytest.raises(DotError) as caught:
        render(tiny_flow, "svg", name=NAME)
    error = caught.value
    assert str(error) == f"{NAME}: dot crashed (signal 11, SIGSEGV)"
    assert (error.name, error.reason) == (NAME, "dot crashed (signal 11, SIGSEGV)")
    assert error.__cause__ is None and error.__context__ is None
    assert "Traceback" not in str(error)


def test_timeout_is_a_dot_error_and_kills_the_process_group(
        tmp_path: Path, tiny_flow: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # sh waits for a child sleep that holds the output pipe: only killing the whole
    # process group ends the call promptly.
    monkeypatch.setenv("PATH", fake_dot(tmp_path, "sleep 30\necho never"))
    started = time.monotonic()
    with pytest.raises(DotError) as caught:
        render(tiny_flow, "svg", name=NAME, timeout=0.5)
    assert time.monotonic() - started < 10
    assert str(caught.value).startswith(f"{NAME}: dot ran longer than 0.5 s")
    assert caught.value.__suppress_context__


def test_error_exit_carries_dots_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         tiny_flow: str) -> None:
    script = "cat >/dev/null\necho 'Error: something broke' >&2\nexit 3"
    monkeypatch.setenv("PATH", fake_dot(tmp_path, script))
    with pytest.raises(DotError, match=r"dot failed \(exit code 3\): Error: something broke"):
        render(tiny_flow, "png", name=NAME)


@needs_dot
def test_syntax_error_from_the_real_dot() -> None:
    with pytest.raises(DotError, match=r"^ecosystem map \(et\): dot failed .*syntax error"):
        render("digraph { a -> }", "svg", name="ecosystem map (et)")


CRASHES_DOT_2_43 = """digraph {
    subgraph cluster_a { a; x; a -> x; c; a -> c [minlen=0] }
    subgraph cluster_b { b; y; b -> y }
    c -> b [minlen=0, style=invis]; c -> b [constraint=false]
}
"""
"""Two edges between nodes of two clusters, one flat and one not constraining: dot 2.43
aborts (class2.c merge_chain assertion). The views never write this."""


@needs_dot
def test_a_real_dot_crash_is_a_dot_error() -> None:
    try:
        svg = render(CRASHES_DOT_2_43, "svg", name=NAME)
    except DotError as error:
        assert str(error).startswith(f"{NAME}: dot crashed (signal 6, SIGABRT); dot said: ")
        assert "Assertion" in error.reason
    else:  # a Graphviz that no longer crashes here
        svg_tree(svg)


def test_missing_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_flow: str) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert not dot_available()
    with pytest.raises(DotError, match=r"^journey 'newcomer' \(et\): Graphviz 'dot' was not "):
        render(tiny_flow, "svg", name=NAME)


def test_unknown_format_is_a_programming_error(tiny_flow: str) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(tiny_flow, "gif", name=NAME)  # type: ignore[arg-type]


# -- escaping --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, quoted", [
    ("plain", '"plain"'),
    ('say "hi"', r'"say \"hi\""'),
    ("back\\slash", r'"back\\slash"'),
    ("trailing\\", r'"trailing\\"'),
    ("\\N \\G \\l \\E", r'"\\N \\G \\l \\E"'),
    ('\\"', r'"\\\""'),
    ("<b>html</b>", '"<b>html</b>"'),
    ("<>", '"<>"'),
    ("{a|b} <port>", '"{a|b} <port>"'),
    ("a & b &amp; &#0;", '"a &amp; b &amp;amp; &amp;#0;"'),
    ("two\nlines", r'"two\nlines"'),
    ("cr\r\nlf\rx\u2028y", r'"cr\nlf\nx\ny"'),
    ("nul\x00bell\x07del\x7f\x9b", '"nulbelldel"'),
    ("tab\there", '"tab here"'),
    ("non\ufffe\uffffchar\ufdd0", '"nonchar"'),
    ('"]; x -> y [label="', r'"\"]; x -> y [label=\""'),
])
def test_dot_string(text: str, quoted: str) -> None:
    assert dot_string(text) == quoted


def test_dot_string_left_justified() -> None:
    assert dot_string("a\nb\\", left=True) == r'"a\lb\\\l"'


HOSTILE_TEXTS = [
    '<script>alert("x")</script>', '"]; x -> y [label="', "<b>html</b>", "\\", "\\\\",
    "end\\", "\\N\\G\\l\\E\\T\\H\\L", "{a|b} <p> }{", "&amp; &foo; &#0; &#x202E;", "]]>",
    "<!-- -->", "javascript:alert(1)", "<img src=x onerror=alert(1)>", "\u202eRTL", "ﾟ･✿ヾ╲",
    "Ω≈ç√∫", "田中さんにあげて下さい", "👾 🙇 💁", '"', "'", "<", ">", "&", "%s%n", "${x}",
]


@needs_dot
def test_hostile_texts_come_out_verbatim() -> None:
    lines = [f"n{i} [label={dot_string(t)}];" for i, t in enumerate(HOSTILE_TEXTS)]
    svg = render("digraph {\n" + "\n".join(lines) + "\n}\n", "svg", name="hostile texts")
    root = svg_tree(svg)
    assert unsafe_svg(root) == []
    shown = texts(root)
    for text in HOSTILE_TEXTS:
        assert text in shown, text


@needs_dot
@pytest.mark.parametrize("lang", ["et", "en"])
def test_hostile_workspace_renders_safely(lang: str) -> None:
    ws, graph = loaded(HOSTILE)
    for source in (journey_flow_dot(ws, graph, "newcomer", lang), ecosystem_dot(ws, graph, lang)):
        root = svg_tree(render(source, "svg", name=f"hostile ({lang})"))
        assert unsafe_svg(root) == []
        assert not any("\x00" in t or "\x07" in t for t in texts(root))
    shown = " ".join(texts(svg_tree(render(journey_flow_dot(ws, graph, "newcomer", "en"), "svg",
                                           name="hostile (en)"))))
    assert "<script>alert('pain')</s" in shown and "Police \\E\\T\\H\\L Board" in shown
    assert 'Arrival"]; x -> y' in shown


# -- the Big List of Naughty Strings -------------------------------------------------------

def blns() -> list[str]:
    strings = json.loads(BLNS.read_text(encoding="utf-8"))
    assert len(strings) == 503
    return strings


def visible(text: str) -> str:
    """A text the model accepts: blank strings are wrapped in brackets."""
    return text if text.strip() else f"[{text}]"


def workspace_with(strings: list[str], journey_id: str = "naughty") -> Workspace:
    """The tiny workspace plus a journey, catalogue and providers whose every text is one
    of ``strings``: a step name, its pain point, touchpoint, service and provider."""
    ws, _ = load_workspace(TINY)
    context = {"default_language": "et"}
    texts_ = [visible(s) for s in strings]
    catalogue = Catalogue.model_validate({
        "providers": [{"id": f"pr{i}", "name": t, "level": ("state", "kov", "ngo")[i % 3]}
                      for i, t in enumerate(texts_)],
        "services": [{"id": f"sv{i}", "name": t, "provider": f"pr{i}"}
                     for i, t in enumerate(texts_)],
        "touchpoints": [{"id": f"tp{i}", "name": t, "service": f"sv{i}", "channel": "web"}
                        for i, t in enumerate(texts_)],
    }, context=context)
    stages = []
    for start in range(0, len(texts_), 10):
        stages.append({"id": f"st{start}", "name": texts_[start], "steps": [{
            "id": f"s{i}", "name": t, "touchpoints": [f"tp{i}"], "emotion": {"anna": 0},
            "pain_points": [{"id": f"pain{i}", "title": t, "kind": "wording",
                             "perspective": "target-group", "severity": 1 + i % 3}],
        } for i, t in enumerate(texts_[start:start + 10], start=start)]})
    journey = Journey.model_validate({
        "id": journey_id, "title": texts_[0], "target_group": "newcomer",
        "personas": ["anna"], "stages": stages}, context=context)
    ws.catalogues.append(catalogue)
    ws.journeys.append(journey)
    return ws


def crowded_workspace(stages: int, steps: int) -> Workspace:
    """A journey whose steps use touchpoints of services that other steps use too."""
    ws, _ = load_workspace(TINY)
    context = {"default_language": "et"}
    count = stages * steps
    ws.catalogues.append(Catalogue.model_validate({
        "providers": [{"id": f"pr{i}", "name": f"Provider {i}", "level": "kov"}
                      for i in range(4)],
        "services": [{"id": f"sv{i}", "name": f"Service {i}", "provider": f"pr{i % 4}"}
                     for i in range(count)],
        "touchpoints": [{"id": f"tp{i}", "name": f"Touchpoint {i}", "service": f"sv{i}",
                         "channel": "web"} for i in range(count)],
    }, context=context))
    ws.journeys.append(Journey.model_validate({
        "id": "crowded", "title": "Crowded", "target_group": "newcomer", "personas": ["anna"],
        "stages": [{"id": f"st{a}", "name": f"Stage {a}", "steps": [{
            "id": f"s{a}-{b}", "name": f"Step {a}.{b}", "emotion": {"anna": 0},
            # reversed and shared: pulls later steps' services under earlier steps
            "touchpoints": [f"tp{(count - 1 - a * steps - b + k * 7) % count}"
                            for k in range(1 + (a + b) % 4)],
            "pain_points": [{"id": f"p{a}-{b}-{k}", "title": f"Pain {k}", "kind": "process",
                             "perspective": "kov", "severity": 1 + k % 3}
                            for k in range((a * b) % 3)],
        } for b in range(steps)]} for a in range(stages)],
    }, context=context))
    return ws


def batches(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def naughty_problems() -> list[str]:
    """Render every BLNS string in the texts of a journey and of the ecosystem, 50 to a
    graph; returns every failed render and every unsafe thing in the SVG."""
    problems = []
    for number, batch in enumerate(batches(blns(), 50)):
        ws, graph = analysed(workspace_with(batch))
        for view, source in (("journey", journey_flow_dot(ws, graph, "naughty", "en")),
                             ("ecosystem", ecosystem_dot(ws, graph, "en"))):
            name = f"BLNS batch {number} {view}"
            try:
                root = svg_tree(render(source, "svg", name=name))
            except DotError as error:  # its message names the batch already
                problems.append(str(error))
                continue
            except ET.ParseError as error:
                problems.append(f"{name}: SVG is not XML: {error}")
                continue
            problems.extend(f"{name}: {p}" for p in unsafe_svg(root))
    return problems


@needs_dot
def test_every_naughty_string_renders_safely() -> None:
    started = time.monotonic()
    assert naughty_problems() == []
    assert time.monotonic() - started < 60


def test_blns_licence_is_vendored() -> None:
    licence = (TESTS / "fixtures" / "BLNS-LICENSE").read_text(encoding="utf-8")
    assert "Copyright (c) 2015 Max Woolf" in licence and "MIT License" in licence


@needs_dot
def test_property_any_text_renders() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    strategies = pytest.importorskip("hypothesis.strategies")

    @hypothesis.settings(max_examples=8, deadline=None, database=None)
    @hypothesis.given(strategies.lists(strategies.text(max_size=40), min_size=40, max_size=40))
    def check(labels: list[str]) -> None:
        lines = [f"n{i} [label={dot_string(t)}];" for i, t in enumerate(labels)]
        root = svg_tree(render("digraph {\n" + "\n".join(lines) + "\n}\n", "svg",
                               name="generated"))
        assert unsafe_svg(root) == []

    check()
