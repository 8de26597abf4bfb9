"""Printing a journey map, as Chromium prints it (the browser a coordinator prints from) and as
the build's PDF (WeasyPrint): A3 landscape, the map first (body text at 7 pt or more, the
emotion chart under the stage columns), then the flow diagram in parts whose labels are
6 pt or more. Also: no Graphviz ids in the titles of any SVG, and the flow's overview
fitted to the screen. Font sizes are read from the PDFs' characters with pdfplumber."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from toolkit.check.validate import validate
from toolkit.i18n import translator
from toolkit.site.flows import PRINT_AREA_PT, fits

from .browser_support import build_site, launched_chromium, skip_requested
from .conftest import ROOT

A3_LANDSCAPE_PT = (1190.6, 841.9)
MIN_BODY_PT = 7.0
MIN_LABEL_PT = 6.0
TOLERANCE_PT = 0.05
"""Chromium writes 7 pt as 6.9999."""
A3_CONTENT_PX = round(408 / 25.4 * 96)
"""The width of the A3 landscape page inside its 6 mm margins (print.css), in CSS px."""

browser_tests = pytest.mark.skipif(skip_requested(), reason="browser tests skipped on request")

JOURNEYS = sorted(j.id for j in validate(ROOT).workspace.journeys)
JOURNEY_PAGES = [f"{lang}/journeys/{j}.html" for lang in ("et", "en") for j in JOURNEYS]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("print") / "build"
    build_site(ROOT, out)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def page(browser: Any) -> Any:
    return browser.new_page()


def pdf_pages(pdf: Path) -> tuple[int, tuple[float, float]]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    assert size, info
    return pages, (float(size.group(1)), float(size.group(2)))


def page_texts(pdf: Path) -> list[tuple[str, list[float]]]:
    """Each page's text and the sizes of its characters (white space left out), in pt."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return [(page.extract_text() or "",
                 [c["size"] for c in page.chars if c["text"].strip()])
                for page in document.pages]


def assert_legible(pdf: Path, lang: str) -> None:
    """The map's grid on the first two pages, its proposals on the next at the latest, all
    at 7 pt or more; then the flow (from the page that opens with its heading) in parts
    whose labels are 6 pt or more."""
    words = translator(lang)
    pages = page_texts(pdf)
    starts = [i for i, (text, _) in enumerate(pages) if
              text.startswith(words.gettext("Journey flow diagram"))]
    assert starts, f"{pdf.name}: no page opens with the flow's heading"
    maps, flows = [s for _, s in pages[:starts[0]]], [s for _, s in pages[starts[0]:]]
    assert 1 <= len(maps) <= 3, f"{pdf.name}: the map and its proposals take {len(maps)} pages"
    last_lane = words.gettext("Providers (back stage)").split()[0]  # its label wraps
    grid = [i for i, (text, _) in enumerate(pages)
            if any(line.startswith(last_lane + " ") for line in text.splitlines())]
    assert grid and grid[0] <= 1, f"{pdf.name}: the map's last lane is on page {grid[:1]}"
    small = sorted({round(s, 2) for sizes in maps for s in sizes
                    if s < MIN_BODY_PT - TOLERANCE_PT})
    assert small == [], f"{pdf.name}: map text below {MIN_BODY_PT} pt: {small}"
    labels = [s for sizes in flows for s in sizes]
    assert len(labels) > 1000, f"{pdf.name}: the flow's parts drew almost no text"
    assert min(labels) >= MIN_LABEL_PT - TOLERANCE_PT, \
        f"{pdf.name}: a flow label of {min(labels):.2f} pt"


# -- Chromium --------------------------------------------------------------------------------

@browser_tests
@pytest.mark.parametrize("name", JOURNEY_PAGES)
def test_chromium_prints_the_map_then_the_flow_legibly_on_a3_landscape(
        site: Path, page: Any, name: str, tmp_path: Path) -> None:
    page.goto((site / name).as_uri())
    pdf = tmp_path / "map.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    _, size = pdf_pages(pdf)
    assert size == pytest.approx(A3_LANDSCAPE_PT, abs=1)
    assert_legible(pdf, name.split("/")[0])


CHART_GEOMETRY = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; };
  // the width the chart is drawn at: its viewBox kept whole ("meet") inside the element
  const drawn = svg => { const r = svg.getBoundingClientRect(), v = svg.viewBox.baseVal;
                         return Math.min(r.width, r.height * v.width / v.height); };
  const charts = [...document.querySelectorAll('.journey-map td.chart-cell svg.emotion-chart')];
  return {
    stages: [...document.querySelectorAll('.journey-map thead .stage-head')].map(box),
    charts: charts.map(box),
    drawn: charts.map(drawn),
    overflowing: [...document.querySelectorAll('.journey-map th')]
      .filter(th => th.scrollWidth > th.clientWidth + 1).map(th => th.textContent.trim()),
    fontSizes: [...document.querySelectorAll('.journey-map *')]
      .filter(e => e.offsetParent !== null && [...e.childNodes].some(
          n => n.nodeType === 3 && n.textContent.trim()))
      .map(e => parseFloat(getComputedStyle(e).fontSize)),
  };
}"""


@browser_tests
@pytest.mark.parametrize("name", JOURNEY_PAGES)
def test_printed_emotion_chart_lines_up_with_the_stage_columns(
        site: Path, browser: Any, name: str) -> None:
    """In print, at the A3 page's width: each stage's emotion chart sits in that stage's
    column and is drawn across (nearly) all of its width, not shrunk to one side."""
    tab = browser.new_page(viewport={"width": A3_CONTENT_PX, "height": 1000})
    try:
        tab.goto((site / name).as_uri())
        tab.emulate_media(media="print")
        found = tab.evaluate(CHART_GEOMETRY)
    finally:
        tab.close()
    stages, charts = found["stages"], found["charts"]
    assert len(charts) == len(stages) >= 2
    for (left, right), (chart_left, chart_right), drawn in zip(stages, charts, found["drawn"],
                                                              strict=True):
        assert left - 1 <= chart_left and chart_right <= right + 1
        assert drawn >= 0.85 * (right - left)
    assert min(found["fontSizes"]) >= MIN_BODY_PT * 96 / 72 - 0.01  # CSS px
    assert found["overflowing"] == []  # no heading runs into the next column


@browser_tests
def test_the_flow_overview_opens_fitted_to_the_screen(site: Path, browser: Any) -> None:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        tab.goto((site / "en/journeys/newcomer.html").as_uri() + "#flow")
        box = tab.evaluate("""() => {
          const svg = document.querySelector('#flow .flow-overview svg');
          const r = svg.getBoundingClientRect(), f = svg.parentElement;
          return {left: r.left, right: r.right, width: r.width, top: r.top,
                  scroll: f.scrollWidth - f.clientWidth,
                  page: document.documentElement.scrollWidth,
                  links: [...document.querySelectorAll('#flow .flow-zoom a')]
                         .map(a => a.getAttribute('href'))};
        }""")
    finally:
        tab.close()
    assert 0 <= box["left"] and box["right"] <= 1280 and box["width"] > 640
    assert box["scroll"] <= 0 and box["page"] <= 1280  # nothing to scroll sideways
    assert box["top"] < 900  # the diagram starts on the first screen of the section
    journey = next(j for j in validate(ROOT).workspace.journeys if j.id == "newcomer")
    assert len(box["links"]) >= 2 + len(journey.stages)  # overview, whole flow, each stage
    for href in box["links"]:
        assert (site / "en/journeys" / href).resolve().is_file(), href


# -- the build's PDFs (WeasyPrint) -----------------------------------------------------------

@pytest.mark.parametrize("name", JOURNEY_PAGES)
def test_each_journey_map_is_an_a3_landscape_pdf_with_legible_text(site: Path,
                                                                   name: str) -> None:
    pdf = (site / name).with_suffix(".pdf")
    assert pdf.is_file()
    _, size = pdf_pages(pdf)
    assert size == pytest.approx(A3_LANDSCAPE_PT, abs=1)
    assert_legible(pdf, name.split("/")[0])
    html = (site / name).read_text(encoding="utf-8")
    assert f'<a href="{pdf.name}">' in html
    assert b"file:" not in pdf.read_bytes()


def test_no_journey_pdf_without_pdfs(tmp_path: Path) -> None:
    from toolkit.site.builder import build_site as build

    build(validate(ROOT).workspace, tmp_path / "build", ["en"], formats=("svg",))
    html = (tmp_path / "build/en/journeys/newcomer.html").read_text(encoding="utf-8")
    assert not (tmp_path / "build/en/journeys/newcomer.pdf").exists()
    assert "newcomer.pdf" not in html


# -- the parts of the flow -------------------------------------------------------------------

def test_a_part_fits_the_page_only_with_labels_of_6_pt() -> None:
    scale = MIN_LABEL_PT / 11
    width, height = PRINT_AREA_PT[0] / scale, PRINT_AREA_PT[1] / scale
    assert fits((width, height)) and fits((100, 100))
    assert not fits((width + 1, 100)) and not fits((100, height + 1))


def test_large_stages_print_step_by_step(site: Path) -> None:
    """The newcomer journey's stage 4 (28 touchpoints at its first step) does not fit one
    A3 page at 6 pt: it prints as its four steps; stage 1 prints whole."""
    files = {p.name for p in (site / "en/diagrams").glob("newcomer-*.svg")}
    assert {f"newcomer-stage-4-step-{n}.svg" for n in range(1, 5)} <= files
    assert "newcomer-stage-4.svg" not in files and "newcomer-stage-1.svg" in files
    assert "newcomer-overview.svg" in files


# -- titles ------------------------------------------------------------------------------------

DOT_ID = re.compile(r"^(cluster_|legend_|[a-z]+_[0-9a-f]{12}\b)|->|&#45;&gt;|^(journey|overview|"
                    r"ecosystem|%\d+)$")
TITLE = re.compile(r"<title>([^<]*)</title>")


def test_no_svg_title_is_a_graphviz_id(site: Path) -> None:
    svgs = sorted(site.rglob("*.svg"))
    pages = [p for p in site.rglob("*.html") if "<svg" in p.read_text(encoding="utf-8")]
    assert len(svgs) > 40 and pages
    titles = 0
    for path in [*svgs, *pages]:
        for title in TITLE.findall(path.read_text(encoding="utf-8")):
            titles += 1
            assert not DOT_ID.search(title), f"{path.relative_to(site)}: <title>{title}"
    assert titles > 1000
    flow = (site / "en/diagrams/newcomer.svg").read_text(encoding="utf-8")
    assert "<title>Legend</title>" in flow  # a cluster's title is its label
    assert "<title>" + "1. Before arrival –" in flow


@pytest.mark.parametrize("lang", ("et", "en"))
def test_the_final_report_prints_the_overview_diagrams_at_6_pt_or_more(site: Path,
                                                                       lang: str) -> None:
    """The shipped workspace's ten-stage journey makes the tallest overview: on its A4
    page (print.css: @page diagram) its labels still are 6 pt or more."""
    import pdfplumber

    emotion = translator(lang).gettext("emotion").replace(" ", "") + ":"
    with pdfplumber.open(site / lang / "reports" / "final-2025.pdf") as pdf:
        chars = [[c for c in page.chars if c["text"].strip()] for page in pdf.pages]
    # an overview's page: every step names the personas' emotion (> 20 steps a journey)
    diagrams = [page for page in chars if "".join(c["text"] for c in page).count(emotion) > 20]
    assert len(diagrams) == len(JOURNEYS)
    assert min(c["size"] for page in diagrams for c in page) >= MIN_LABEL_PT - TOLERANCE_PT
    assert min(c["size"] for page in chars for c in page) >= MIN_LABEL_PT - TOLERANCE_PT
