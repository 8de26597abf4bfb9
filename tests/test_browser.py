"""The built site as a person's browser sees it: Debian's headless Chromium opens every page of
the shipped workspace's site from file://, in Estonian and English.

It checks that nothing leaves the machine (only file: and data: URLs are loaded), that no page
logs an error or fails to load a resource, that axe-core finds no serious or critical WCAG 2.x
A/AA violation, that every internal link and the language switch lead to an existing page,
and that the pages reflow at 320 px. On the journey maps (every journey, and one KOV version
of each) it checks that the stage names stay above their columns and the lane names at the
left however the map is scrolled, that pain points and proposals link to each other, and
that at 390 px the map is one column, stage by stage, and the page never scrolls sideways.

A missing Chromium or Playwright is a failure, not a skip: CI must not pass without these
checks. Set TEEKOND_SKIP_BROWSER=1 to skip them on purpose. TEEKOND_UPDATE_SCREENSHOTS=1
also rewrites docs/screenshots/*.png.
"""

from __future__ import annotations

import math
import os
import re
import textwrap
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from toolkit.analyse.analysis import analyse_workspace
from toolkit.check.validate import validate

from .browser_support import (
    FOCUS_RING,
    MAP_LINKS,
    PHONE_STACK,
    SCREENSHOT_MAX_BYTES,
    SCREENSHOTS,
    SCREENSHOTS_ENV,
    SKIP_ENV,
    STICKY_STAGES,
    TARGET_SHOWN,
    Visit,
    axe_problems,
    axe_script,
    build_site,
    contrast,
    error_problems,
    language_problems,
    launched_chromium,
    link_problems,
    open_context,
    pdf_facts,
    reflow_problems,
    request_problems,
    skip_requested,
    take_screenshots,
    visit_page,
)
from .conftest import ROOT

pytestmark = pytest.mark.skipif(skip_requested(), reason=f"{SKIP_ENV}=1")


# -- fixtures: one build, one browser, one visit per page ------------------------------------

@pytest.fixture(scope="module")
def workspace() -> Any:
    result = validate(ROOT)
    assert not result.errors, [d.to_text() for d in result.errors]
    return result.workspace


@pytest.fixture(scope="module")
def languages(workspace: Any) -> list[str]:
    langs = list(workspace.languages)
    assert {"et", "en"} <= set(langs), langs
    return langs


@pytest.fixture(scope="module")
def partner_kovs(workspace: Any) -> list[str]:
    return sorted(p.id for p in workspace.providers() if p.partner)


@pytest.fixture(scope="module")
def expected_pages(workspace: Any, languages: list[str], partner_kovs: list[str]) -> list[str]:
    """Every page `teekond build` must write, relative to the site root (the shipped
    journeys are national: each has a version for every partner KOV)."""
    pages = []
    for lang in languages:
        pages += [f"{lang}/index.html", f"{lang}/ecosystem.html", f"{lang}/priorities.html",
                  f"{lang}/services.html", f"{lang}/kovs.html"]
        pages += [f"{lang}/dashboard.html"] if workspace.statistics else []
        for journey in sorted(workspace.journeys, key=lambda j: j.id):
            pages += [f"{lang}/journeys/{journey.id}.html",
                      f"{lang}/journeys/{journey.id}-text.html"]
            pages += [f"{lang}/journeys/{journey.id}--{kov}.html" for kov in partner_kovs]
        pages += [f"{lang}/personas/cards.html", f"{lang}/personas/compare.html"]
        pages += [f"{lang}/packs/{pack.provider}.html"
                  for pack in analyse_workspace(ROOT)[0].packs]
        pages += [f"{lang}/reports/final-{period.end.year}.html"
                  for period in workspace.settings.reporting_periods if period.kind == "final"]
        for persona in sorted(workspace.personas, key=lambda p: p.id):
            pages += [f"{lang}/personas/{persona.id}.html",
                      f"{lang}/personas/{persona.id}-card.html"]
    return pages


@pytest.fixture(scope="module")
def visited_pages(workspace: Any, expected_pages: list[str], partner_kovs: list[str]
                  ) -> list[str]:
    """The pages the browser opens: all but the persona pages and cards, which share one
    template each, so one persona's page and card stand for all of them, and the KOV
    versions of the maps, where one KOV's (a different one for each journey) stands for
    all, and the partner packs, where a KOV's (Tartu) and a state agency's (PPA) do."""
    first = min(p.id for p in workspace.personas)
    return [page for page in expected_pages if not (
        ("/personas/" in page and not page.endswith((
            "/cards.html", "/compare.html", f"/{first}.html", f"/{first}-card.html")))
        or ("/packs/" in page and not page.endswith(("/tartu.html", "/ppa.html")))
        or ("--" in page and page not in kov_versions(workspace, partner_kovs, page[:2])))]


def kov_versions(workspace: Any, partner_kovs: list[str], lang: str) -> list[str]:
    """One KOV version of each journey: the first journey's is the first KOV's, the
    second's the second KOV's ..."""
    journeys = sorted(j.id for j in workspace.journeys)
    return [f"{lang}/journeys/{j}--{partner_kovs[i % len(partner_kovs)]}.html"
            for i, j in enumerate(journeys)]


@pytest.fixture(scope="module")
def map_pages(workspace: Any, languages: list[str], partner_kovs: list[str]) -> list[str]:
    """Every journey map, and one KOV version of each, in every language."""
    return [page for lang in languages for page in (
        [f"{lang}/journeys/{j.id}.html" for j in sorted(workspace.journeys, key=lambda j: j.id)]
        + kov_versions(workspace, partner_kovs, lang))]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "build"
    build_site(ROOT, out)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def axe_js() -> Path:
    path = axe_script()
    if path is None:
        pytest.fail("axe-core was not found: it comes with the PyPI package "
                    "axe-playwright-python (run `pip install -e '.[test]'`).", pytrace=False)
    return path


@pytest.fixture(scope="module")
def visits(browser: Any, site: Path, visited_pages: list[str], axe_js: Path
           ) -> dict[str, Visit]:
    context = open_context(browser)
    try:
        return {page: visit_page(context, site, page, axe_js) for page in visited_pages
                if (site / page).is_file()}
    finally:
        context.close()


def _fail_with(title: str, problems: list[str]) -> None:
    if problems:
        pytest.fail(f"{title} ({len(problems)}):\n" + "\n".join(problems), pytrace=False)


# -- the checks ------------------------------------------------------------------------------

def test_build_writes_every_page(site: Path, expected_pages: list[str]) -> None:
    built = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if ".cache" not in p.parts)
    assert built == sorted([*expected_pages, "index.html"])


def test_no_request_leaves_the_machine(visits: dict[str, Visit], site: Path) -> None:
    _fail_with("requests that do not stay inside the built site (only file: and data: URLs "
               "under build/ are allowed)", request_problems(visits, site))


def test_no_console_errors_or_failed_requests(visits: dict[str, Visit]) -> None:
    """Also catches a wrong relative path to assets/teekond.css."""
    _fail_with("console errors and failed requests", error_problems(visits))


def test_no_serious_or_critical_accessibility_violations(visits: dict[str, Visit]) -> None:
    """axe-core with the WCAG 2.0/2.1/2.2 A and AA rules at 1280 px, and the keyboard access
    of scrolling regions again at 320 px (where more of them scroll). Minor and moderate
    findings are reported as warnings."""
    blocking, other = axe_problems(visits)
    for text in other:
        warnings.warn(f"axe-core: {text}", stacklevel=1)
    _fail_with("serious or critical axe-core violations", blocking)


def test_internal_links_resolve(visits: dict[str, Visit], site: Path) -> None:
    _fail_with("broken internal links", link_problems(visits, site))


def test_language_switch_leads_to_the_same_page(visits: dict[str, Visit], site: Path,
                                                 languages: list[str]) -> None:
    _fail_with("language switch problems", language_problems(visits, site, languages))


def test_pages_reflow_at_320_px(visits: dict[str, Visit]) -> None:
    """WCAG 1.4.10: at 320 CSS px the page itself must not scroll sideways; wide content
    (the journey map, diagrams, tables) belongs in its own focusable scroll container."""
    _fail_with("elements wider than a 320 px screen, outside a scroll container",
               reflow_problems(visits))


# -- the journey maps ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def map_checks(browser: Any, site: Path, map_pages: list[str]) -> dict[str, dict[str, Any]]:
    """What each map page reports: the sticky stage row at two scroll positions, the links,
    the :target of a followed link (at 1280 × 900), and the stacked layout at 390 px."""
    found: dict[str, dict[str, Any]] = {}
    for width, height in ((1280, 900), (390, 844)):
        context = open_context(browser, width, height)
        try:
            for page_rel in map_pages:
                page = context.new_page()
                page.goto((site / page_rel).as_uri(), wait_until="load")
                checks = found.setdefault(page_rel, {})
                if width > 700:
                    checks["pains"] = page.evaluate(STICKY_STAGES, "pains")
                    checks["end"] = page.evaluate(STICKY_STAGES, "end")
                    checks["links"] = page.evaluate(MAP_LINKS)
                    checks["target"] = page.evaluate(TARGET_SHOWN)
                else:
                    checks["phone"] = page.evaluate(PHONE_STACK)
                page.close()
        finally:
            context.close()
    return found


def test_stage_names_stay_above_their_columns(map_checks: dict[str, dict[str, Any]]) -> None:
    """Scrolled to the pain points, and to the last row and the far right, every column in
    view still has its stage's name above it, and the lane names stay at the left."""
    problems = [f"{page}: {p}" for page, c in map_checks.items()
                for where in ("pains", "end") for p in c[where]["problems"]]
    for page, c in map_checks.items():
        top, left = c["end"]["scrolled"]
        if not (top > 0 and left > 0):
            problems.append(f"{page}: the map did not scroll both ways ({top}, {left})")
        if c["end"]["shown"] == c["pains"]["shown"]:
            problems.append(f"{page}: the same columns before and after scrolling right")
    _fail_with("stage or lane names not in view", problems)


def test_pain_points_and_proposals_link_to_each_other(
        map_checks: dict[str, dict[str, Any]]) -> None:
    problems = [f"{page}: {p}" for page, c in map_checks.items() for p in c["links"]["problems"]]
    problems += [f"{page}: {c['target']}" for page, c in map_checks.items() if c["target"]]
    problems += [f"{page}: no pain point links to a proposal" for page, c in map_checks.items()
                 if not (c["links"]["pains"] and c["links"]["links"])]
    _fail_with("pain point and proposal links", problems)


def test_the_map_is_stacked_stage_by_stage_on_a_phone(
        map_checks: dict[str, dict[str, Any]], workspace: Any) -> None:
    """At 390 px: no sideways scrolling of the page, every stage shown across the screen,
    its cells under it in the order stage, emotion, steps, pain points."""
    stages = {j.id: len(j.stages) for j in workspace.journeys}
    problems = [f"{page}: {p}" for page, c in map_checks.items() for p in c["phone"]["problems"]]
    problems += [f"{page}: {c['phone']['stages']} stages shown" for page, c in map_checks.items()
                 if c["phone"]["stages"] != stages[page.split("/")[-1][:-5].split("--")[0]]]
    _fail_with("the phone layout", problems)


def test_the_focus_ring_stands_out_on_every_background(browser: Any, site: Path) -> None:
    """WCAG 2.4.13: at least 3:1 against white and the page's tinted backgrounds (the old
    ring, #ffbf47 on white, had 1.64:1)."""
    context = open_context(browser)
    try:
        page = context.new_page()
        page.goto((site / "en" / "journeys" / "newcomer.html").as_uri(), wait_until="load")
        style, width, colour = page.evaluate(FOCUS_RING)
    finally:
        context.close()
    assert style == "solid" and float(width[:-2]) >= 2
    backgrounds = ["#ffffff", "#f3f6f9", "#e8eef5", "#ffbdbd", "#ffdcb8", "#fff6d6", "#e2f4e6"]
    assert min(contrast(colour, b) for b in backgrounds) >= 3, colour
    assert contrast("#ffbf47", "#ffffff") < 3  # the check would have caught the old ring


BROKEN_PAGE = """<!DOCTYPE html>
<html lang="et"><head><meta charset="utf-8"><title>broken</title>
<link rel="stylesheet" href="../asset/teekond.css">
<link rel="stylesheet" href="https://cdn.example.invalid/font.css">
</head><body>
<nav class="languages"><a href="../et/ecosystem.html" hreflang="et">ET</a></nav>
<main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<a href="missing.html">missing</a> <a href="#nowhere">nowhere</a>
<a href="../en/index.html" aria-label="Persona card">HTML</a>
<a href="https://example.invalid/">web</a>
<div style="width: 800px">wide</div></main>
<script>throw new Error("boom")</script>
</body></html>
"""


def test_the_checks_catch_a_broken_page(browser: Any, axe_js: Path, tmp_path: Path) -> None:
    """The checks above pass only if they can fail: one page with one of each defect."""
    site = tmp_path / "site"
    for lang in ("et", "en"):
        (site / lang).mkdir(parents=True)
    (site / "en" / "index.html").write_text(BROKEN_PAGE, encoding="utf-8")
    (site / "et" / "ecosystem.html").write_text("<!DOCTYPE html><html lang=et></html>",
                                                encoding="utf-8")
    context = open_context(browser)
    try:
        visits = {"en/index.html": visit_page(context, site, "en/index.html", axe_js)}
    finally:
        context.close()
    report = textwrap.indent("\n".join(
        request_problems(visits, site) + error_problems(visits)
        + axe_problems(visits)[0] + link_problems(visits, site)
        + language_problems(visits, site, ["et", "en"]) + reflow_problems(visits)), "  ")
    for expected in [
        "en/index.html: https://cdn.example.invalid/font.css",       # leaves the machine
        "failed request: file://",                                   # broken stylesheet path
        "never asked for assets/teekond.css",
        "uncaught exception: boom",
        "image-alt [critical]",
        "label-content-name-mismatch [serious]",                     # axe's experimental rule
        "link 'missing.html' -> en/missing.html does not exist",
        "link '#nowhere': no id 'nowhere'",
        "<html lang='et'>, expected 'en'",
        "ET link goes to",
        "div (right edge at 8",
    ]:
        assert expected in report, f"{expected!r} not reported in:\n{report}"
    assert "example.invalid/'" not in report  # web links are not checked as files


def test_persona_pdfs(site: Path, workspace: Any, languages: list[str]) -> None:
    """Each persona card is one A5 page (the long texts of the shipped personas fit), the
    sheet holds two cards an A4 page; both PDFs have extractable text."""
    personas = sorted(workspace.personas, key=lambda p: p.id)
    for lang in languages:
        sheet = pdf_facts(site / lang / "personas" / "cards.pdf")
        assert sheet[:2] == (math.ceil(len(personas) / 2), "595.28 x 841.89")
        for persona in personas:
            pages, size, text = pdf_facts(site / lang / "personas" / f"{persona.id}-card.pdf")
            assert (pages, size) == (1, "595.28 x 419.53"), persona.id
            assert persona.name in text and persona.name in sheet[2]


def test_root_index_links_to_every_language(site: Path, languages: list[str]) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs == [f"{lang}/index.html" for lang in languages]
    assert all((site / href).is_file() for href in hrefs)


DASHBOARD_SHOWN = """() => Array.from(document.querySelectorAll(
  "main tr[data-kov], main figure[data-kov], main figure[data-period], "
  + "main section[data-target-group]"))
  .filter(el => el.offsetParent !== null)
  .map(el => [el.tagName.toLowerCase(), el.dataset.kov || "", el.dataset.period || "",
              el.dataset.targetGroup || ""].join(" "))"""


def test_the_dashboard_filters_hide_other_kovs_periods_and_groups(browser: Any,
                                                                   site: Path) -> None:
    """Without a choice everything shows; choosing Tartu hides other KOVs' rows and charts
    (the charts across KOVs stay); a period and a target group narrow it further."""
    context = open_context(browser)
    try:
        page = context.new_page()
        page.goto((site / "en" / "dashboard.html").as_uri(), wait_until="load")
        everything = page.evaluate(DASHBOARD_SHOWN)
        # 8 partner KOVs x 3 years of returnees; each TOP 5 table's five KOVs and the
        # partners it does not name (no data): 5 + 5 for EU citizens, 5 + 4 for others
        assert len([x for x in everything if x.startswith("tr ")]) == 24 + 10 + 9
        page.select_option("select[name=kov]", "tartu")
        shown = page.evaluate(DASHBOARD_SHOWN)
        rows = [x for x in shown if x.startswith("tr ")]
        assert rows == ["tr tartu 2022 ", "tr tartu 2023 ", "tr tartu 2024 ",
                        "tr tartu 2020/2024 ", "tr tartu 2020/2024 "]
        assert [x for x in shown if x.startswith("figure") and x.split()[1:2] != ["2022"]
                and "tartu" in x] == ["figure tartu  "]
        assert len([x for x in shown if x.startswith("figure  ")]) == 3 + 1 + 1  # across KOVs
        page.select_option("select[name=period]", "2023")
        page.select_option("select[name=target_group]", "returnee")
        shown = page.evaluate(DASHBOARD_SHOWN)
        assert [x for x in shown if not x.startswith("figure")] == [
            "section   returnee", "tr tartu 2023 "]
        assert "figure  2023 " in shown and "figure  2022 " not in shown
    finally:
        context.close()


def test_screenshots(browser: Any, site: Path, tmp_path: Path) -> None:
    """The README's screenshots: PNG, of their window's size, small enough to commit. With
    TEEKOND_UPDATE_SCREENSHOTS=1 they are written to docs/screenshots/."""
    into = ROOT / "docs" / "screenshots" if os.environ.get(SCREENSHOTS_ENV) == "1" else tmp_path
    taken = take_screenshots(browser, site, into)
    assert sorted(taken) == sorted(SCREENSHOTS)
    for name, path in taken.items():
        data, shot = path.read_bytes(), SCREENSHOTS[name]
        assert data[:8] == b"\x89PNG\r\n\x1a\n", name
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (shot.width * shot.scale, shot.height * shot.scale), name
        assert len(data) <= SCREENSHOT_MAX_BYTES, f"{name}.png is {len(data)} bytes"
