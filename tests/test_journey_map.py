"""The journey map's views: one look per persona on every chart of the site, value labels
that never overlap, a stage's part of the emotion chart, the KOV versions' file names, and
the map's pain point ↔ proposal links. The browser checks of the same pages (sticky stage
row, phone layout) are in test_browser.py."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.cli import main
from toolkit.load.model import ID_PATTERN
from toolkit.views.charts import (
    CURVE_COLOURS,
    PERSONA_MARKERS,
    ChartPoint,
    Series,
    emotion_chart,
    persona_style,
    persona_styles,
)
from toolkit.views.journey import kov_page

from .conftest import TESTS

FIXTURE = TESTS / "fixtures" / "analysis"
LEGEND = re.compile(r'<svg viewBox="0 0 20 20" width="1[46]" height="1[46]" aria-hidden="true" '
                    r'fill="(#[0-9a-f]{6})"><(\w+)[^>]*/></svg> ?(?:<a [^>]*>)?(\w+)')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("map") / "build"
    result = CliRunner().invoke(main, ["build", str(FIXTURE), "--out", str(out), "--formats",
                                       "svg", "-q"])
    assert result.exit_code == 0, result.output
    return out


# -- one look per persona ----------------------------------------------------------------------

def test_persona_styles_follow_the_index_order() -> None:
    styles = persona_styles(["anna", "boris", "kati"])
    assert [(s.colour, s.marker) for s in styles.values()] == [
        ("#0b5cad", "circle"), ("#b3261e", "square"), ("#1d6b34", "triangle")]
    # the first 36 personas all look different; the colour shifts each round of markers
    looks = {(persona_style(i).colour, persona_style(i).marker) for i in range(36)}
    assert len(looks) == len(CURVE_COLOURS) * len(PERSONA_MARKERS) == 36


def test_a_persona_looks_the_same_on_every_page(site: Path) -> None:
    """Kati, the only persona of the returnee journey, is the third persona of the
    workspace: green triangles on the returnee map, the comparison page and the report (in
    each chart's own order she would be the first curve, blue circles)."""
    seen: dict[str, set[tuple[str, str]]] = defaultdict(set)
    pages: dict[str, set[str]] = defaultdict(set)
    for page in site.rglob("*.html"):
        for colour, shape, name in LEGEND.findall(page.read_text(encoding="utf-8")):
            seen[name].add((colour, shape))
            pages[name].add(page.relative_to(site).as_posix())
    assert seen == {"Anna": {("#0b5cad", "circle")}, "Boris": {("#b3261e", "rect")},
                    "Kati": {("#1d6b34", "polygon")}}
    assert {"en/journeys/returnee.html", "en/personas/compare.html",
            "en/reports/final-2025.html"} <= pages["Kati"]


# -- the emotion chart ---------------------------------------------------------------------------

def _boxes(chart) -> list[tuple[float, float, float, float]]:  # type: ignore[no-untyped-def]
    """Each value label's box, as a 13 px bold font draws it (at most 8 px a character)."""
    found = []
    for label in chart.labels:
        width = 8 * len(label.text)
        left = label.x - width / 2 if label.anchor == "middle" else label.x
        found.append((left, label.y - 11, left + width, label.y + 2))
    return found


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_personas_with_the_same_score_share_one_label_and_sit_side_by_side() -> None:
    style = persona_styles(["a", "b"])
    chart = emotion_chart([Series("A", style["a"], [ChartPoint(100, -1, "A, step: -1")]),
                           Series("B", style["b"], [ChartPoint(100, -1, "B, step: -1")])], 1)
    assert [(lb.text, lb.colour, lb.anchor) for lb in chart.labels] == [("-1", "#1b1f24",
                                                                         "middle")]
    assert [c.points[0].x for c in chart.curves] == [96.0, 104.0]
    assert [c.points[0].name for c in chart.curves] == ["A, step: -1", "B, step: -1"]


def test_scores_one_apart_are_labelled_above_and_below() -> None:
    """The collision the issue saw: 0 and -1 at one step, both labels between the curves."""
    style = persona_styles(["a", "b"])
    chart = emotion_chart([Series("A", style["a"], [ChartPoint(100, 0, "")]),
                           Series("B", style["b"], [ChartPoint(100, -1, "")])], 1)
    above, below = sorted(chart.labels, key=lambda lb: lb.y)
    assert (above.text, below.text) == ("0", "-1")
    assert above.y < chart.curves[0].points[0].y and below.y > chart.curves[1].points[0].y
    assert not _overlap(*_boxes(chart))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.integers(-2, 2), min_size=4, max_size=4), min_size=1, max_size=6),
       st.integers(1, 4))
def test_value_labels_never_overlap(scores: list[list[int]], steps: int) -> None:
    """Up to six personas, up to four steps in a 200 wide band: no two labels meet."""
    styles = persona_styles([str(i) for i in range(len(scores))])
    series = [Series(str(i), styles[str(i)],
                     [ChartPoint((k + 0.5) * 200 / steps, v, "") for k, v in
                      enumerate(values[:steps])]) for i, values in enumerate(scores)]
    boxes = _boxes(emotion_chart(series, 1))
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if _overlap(a, b)]


def test_a_stages_chart_holds_its_points_and_the_lines_to_its_neighbours() -> None:
    style = persona_styles(["a"])["a"]
    chart = emotion_chart([Series("A", style, [ChartPoint(x, v, f"s{x}") for x, v in
                                               ((100, 0), (250, 1), (350, -1), (500, 2))])], 3)
    middle = chart.band_chart(1)
    assert (middle.view_box, middle.x_end) == ("200 0 200 190", 400)
    curve = middle.curves[0]
    assert [p.name for p in curve.points] == ["s250", "s350"]
    assert [x for x, _ in curve.line] == [100, 250, 350, 500]  # cut at the viewBox edges
    assert [lb.x for lb in middle.labels] == [250, 350]
    assert chart.band_chart(0).curves[0].line == [(100, 95.0), (250, 61.5)]


def test_every_marker_on_the_map_names_its_step(site: Path) -> None:
    html = (site / "en" / "journeys" / "newcomer.html").read_text(encoding="utf-8")
    titles = re.findall(r"<(?:circle|rect|polygon)[^>]*><title>([^<]*)</title>", html)
    # newcomer: 6 steps, anna and boris score each
    assert len(titles) == 12
    # a dip names the pain points at its step, with their ranks
    assert "Anna, Visits PPA: -2 (very bad) · pain points here: #1 Service only in " \
           "Estonian" in titles
    assert "Boris, Waits for the card: 0 (neutral)" in titles


# -- KOV versions -------------------------------------------------------------------------------

@settings(max_examples=300)
@given(st.from_regex(ID_PATTERN, fullmatch=True).filter(lambda s: len(s) <= 12),
       st.from_regex(ID_PATTERN, fullmatch=True).filter(lambda s: len(s) <= 12),
       st.from_regex(ID_PATTERN, fullmatch=True).filter(lambda s: len(s) <= 12))
def test_a_kov_version_never_takes_another_pages_name(journey: str, kov: str,
                                                      other: str) -> None:
    assert kov_page(journey, kov) not in (f"{other}.html", f"{other}-text.html")


def test_the_kov_versions_are_built_and_linked(site: Path) -> None:
    pages = sorted(p.name for p in (site / "en" / "journeys").glob("*--*.html"))
    assert pages == [f"{j}--{k}.html" for j in ("newcomer", "returnee")
                     for k in ("parnu", "rakvere", "tartu")]
    index = (site / "en" / "index.html").read_text(encoding="utf-8")
    journey = (site / "en" / "journeys" / "newcomer.html").read_text(encoding="utf-8")
    kov = (site / "en" / "journeys" / "newcomer--parnu.html").read_text(encoding="utf-8")
    for name in pages:
        assert f'href="journeys/{name}"' in index
    assert 'href="newcomer--parnu.html"' in journey and 'href="newcomer.html"' in kov
    assert '<span aria-current="page">City of Pärnu</span>' in kov


def test_a_kov_version_leaves_out_other_kovs_items_and_marks_its_own(site: Path) -> None:
    parnu = (site / "en" / "journeys" / "newcomer--parnu.html").read_text(encoding="utf-8")
    assert "Counselling desk in Pärnu" in parnu and "Counselling desk in Tartu" not in parnu
    assert "Club meeting in Rakvere" not in parnu
    assert re.search(r'A club in two languages.*?<span class="local-tag">local to City of '
                     r"Pärnu</span>", parnu)
    assert 'class="local-tag"' not in (site / "en" / "journeys" / "newcomer.html").read_text(
        encoding="utf-8")


def test_pain_points_and_proposals_link_to_each_other(site: Path) -> None:
    for page in ("newcomer.html", "returnee.html", "newcomer--parnu.html"):
        html = (site / "en" / "journeys" / page).read_text(encoding="utf-8")
        ids = re.findall(r' id="([^"]+)"', html)
        assert len(ids) == len(set(ids)), page  # each pain point and proposal once
        pains = {chunk.split('"', 1)[0]: chunk.split("</td>", 1)[0]
                 for chunk in html.split('<li id="pain-')[1:]}
        proposals = dict(re.findall(r'<li id="proposal-([^"]+)"[^>]*>(.*?)</li>', html, re.S))
        assert pains and proposals, page
        for pain, body in pains.items():
            for target in re.findall(r'href="#proposal-([^"]+)"', body):
                assert f'href="#pain-{pain}"' in proposals[target], (page, pain, target)
        for proposal, body in proposals.items():
            for target in re.findall(r'href="#pain-([^"]+)"', body):
                assert target in pains, (page, proposal, target)


def test_the_text_version_lists_the_stages_to_jump_to(site: Path) -> None:
    html = (site / "en" / "journeys" / "newcomer-text.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="stage-index".*?</nav>', html, re.S)
    assert nav is not None
    links = re.findall(r'href="#(stage-\d+)">([^<]+)</a>', nav.group())
    assert links == [("stage-1", "Arrival"), ("stage-2", "Registration"),
                     ("stage-3", "Community")]
    assert all(f'<section id="{ident}"' in html for ident, _ in links)
    assert "Anna -2 (very bad)" in html  # the steps' scores, in words too


def test_a_local_journey_has_no_kov_versions(tmp_path: Path) -> None:
    ws = Path(shutil.copytree(FIXTURE, tmp_path / "ws"))
    path = ws / "journeys" / "returnee.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "target_group: returnee\n", "target_group: returnee\nkov: tartu\n"), encoding="utf-8")
    out = tmp_path / "build"
    result = CliRunner().invoke(main, ["build", str(ws), "--out", str(out), "--formats", "svg",
                                       "-q", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert not list((out / "en" / "journeys").glob("returnee--*.html"))
    assert len(list((out / "en" / "journeys").glob("newcomer--*.html"))) == 3
