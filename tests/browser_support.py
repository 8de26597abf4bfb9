"""Helpers for the browser tests: find Debian's Chromium, build the site, visit a page and
record everything it did (requests, console, failures, axe-core results, links).

Playwright drives the system Chromium through ``executable_path``; nothing here downloads a
browser (never run ``playwright install``). axe-core comes from the PyPI package
``axe-playwright-python``, which ships ``axe.min.js`` (MPL-2.0).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

SKIP_ENV = "TEEKOND_SKIP_BROWSER"
CHROMIUM_ENV = "TEEKOND_CHROMIUM"
SCREENSHOTS_ENV = "TEEKOND_UPDATE_SCREENSHOTS"

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]
"""--no-sandbox because tests run as root in CI; the rest keep Chromium off the network."""

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
LOCAL_SCHEMES = {"file", "data"}
"""The only URL schemes a page of the offline site may load."""
EXTERNAL_LINK = re.compile(r"^(https?:|mailto:|tel:)", re.IGNORECASE)
NETWORK_URL = re.compile(r"^(https?|wss?|ftp)://", re.IGNORECASE)

INSTALL_HINT = ("install it with `apt-get install -y chromium` (or run `sh scripts/test.sh`, "
                f"which does), point {CHROMIUM_ENV} at another Chromium binary, or set "
                f"{SKIP_ENV}=1 to skip the browser tests on purpose")


def skip_requested() -> bool:
    return os.environ.get(SKIP_ENV, "") == "1"


def find_chromium() -> str | None:
    """The Chromium binary to drive: $TEEKOND_CHROMIUM, else chromium on PATH."""
    wanted = os.environ.get(CHROMIUM_ENV)
    if wanted:
        return wanted if Path(wanted).is_file() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


@contextmanager
def launched_chromium() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright, closed afterwards. A missing Chromium or
    Playwright fails the test with how to install it (skipping is only on request)."""
    chromium = find_chromium()
    if chromium is None:
        pytest.fail(f"Chromium was not found, so the browser tests cannot run: {INSTALL_HINT}.",
                    pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright for Python is not installed: run `pip install -e '.[test]'` "
                    f"(never `playwright install`: the tests drive {chromium}).", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS,
                                             headless=True)
        try:
            yield browser
        finally:
            browser.close()


def axe_script() -> Path | None:
    """axe.min.js as shipped inside the axe-playwright-python wheel (found without importing
    it, since its import reads the whole script)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "axe.min.js"
        if path.is_file():
            return path
    return None


def build_site(workspace: Path, out: Path) -> None:
    """`teekond build WORKSPACE --out OUT` (all languages, all formats), as a real program."""
    done = subprocess.run([sys.executable, "-m", "toolkit", "build", str(workspace),
                           "--out", str(out)], check=False, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "CI": "true"})
    if done.returncode != 0:
        raise AssertionError(f"teekond build exited {done.returncode}\n--- stdout\n"
                             f"{done.stdout}\n--- stderr\n{done.stderr}")


def url_to_path(url: str) -> Path | None:
    """The local file behind a file:// URL (fragment and query dropped), else None."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    return Path(unquote(parts.path))


@dataclass
class Visit:
    """What one page did while it loaded and what it contains."""

    page: str
    """Path relative to the site root, e.g. ``en/journeys/newcomer.html``."""
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    narrow_violations: list[dict[str, Any]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    """(href as written, absolute URL) of every ``a[href]``."""
    language_links: list[tuple[str, str]] = field(default_factory=list)
    """(hreflang, absolute URL) of the language switch."""
    ids: set[str] = field(default_factory=set)
    html_lang: str = ""
    narrow_overflow: list[str] = field(default_factory=list)
    """Elements that stick out of a 320 px wide viewport outside a scroll container."""


def attach_recorders(page: Any, visit: Visit) -> None:
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("requestfailed", lambda request: visit.failed_requests.append(
        f"{request.url} ({request.failure})"))
    page.on("response", lambda response: visit.bad_responses.append(
        f"{response.url} -> HTTP {response.status}") if response.status >= 400 else None)
    page.on("console", lambda message: visit.console_errors.append(
        f"{message.text} [{message.location.get('url', '')}:"
        f"{message.location.get('lineNumber', '')}]") if message.type == "error" else None)
    page.on("pageerror", lambda error: visit.page_errors.append(str(error)))


AXE_RUN = """async ([tags, rules]) => {
  const options = {resultTypes: ['violations'], preload: false};
  if (rules) { options.runOnly = {type: 'rule', values: rules}; }
  else { options.runOnly = {type: 'tag', values: tags}; options.rules = EXPERIMENTAL; }
  const result = await axe.run(document, options);
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    helpUrl: v.helpUrl, targets: v.nodes.map(n => n.target.join(' ')),
    summary: v.nodes.length ? v.nodes[0].failureSummary : ''}));
}"""
"""axe.run with ``preload: false``: from file:// axe's own XHR fetch of the stylesheets (for
its CSSOM rules) is refused by Chromium and would show up as a failed request."""
AXE_EXPERIMENTAL = ["label-content-name-mismatch"]
"""WCAG rules axe marks experimental and runs only when asked: 2.5.3 Label in Name (a link's
accessible name holds its visible text)."""
AXE_RUN = AXE_RUN.replace("EXPERIMENTAL", "{" + ", ".join(
    f"'{rule}': {{enabled: true}}" for rule in AXE_EXPERIMENTAL) + "}")

PAGE_FACTS = """() => ({
  links: [...document.querySelectorAll('a[href]')].map(a => [a.getAttribute('href'), a.href]),
  languages: [...document.querySelectorAll('nav.languages a[hreflang]')]
      .map(a => [a.getAttribute('hreflang'), a.href]),
  ids: [...document.querySelectorAll('[id]')].map(e => e.id),
  lang: document.documentElement.lang,
})"""

NARROW_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrollers = '.map-scroll, .flow-figure, .table-scroll, pre';
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest(scrollers))
    .filter((e, i, all) => !all.includes(e.parentElement))
    .slice(0, 5)
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className)
              .trim().replace(/\\s+/g, '.') : '') + ' (right edge at '
              + Math.round(e.getBoundingClientRect().right) + ' px)');
}"""


def visit_page(context: Any, site: Path, page_rel: str, axe_js: Path) -> Visit:
    """Open ``site/page_rel`` from file://, record its traffic, run axe-core at desktop width
    and the keyboard/reflow checks at 320 px."""
    visit = Visit(page_rel)
    page = context.new_page()
    attach_recorders(page, visit)
    try:
        page.goto((site / page_rel).as_uri(), wait_until="load")
        # Everything the page itself loads has loaded; what follows is the test's own doing.
        facts = page.evaluate(PAGE_FACTS)
        visit.links = [tuple(pair) for pair in facts["links"]]
        visit.language_links = [tuple(pair) for pair in facts["languages"]]
        visit.ids = set(facts["ids"])
        visit.html_lang = facts["lang"]
        page.add_script_tag(path=str(axe_js))
        visit.violations = page.evaluate(AXE_RUN, [AXE_TAGS, None])
        page.set_viewport_size({"width": 320, "height": 800})
        visit.narrow_overflow = page.evaluate(NARROW_OVERFLOW)
        visit.narrow_violations = page.evaluate(AXE_RUN, [None, ["scrollable-region-focusable"]])
    finally:
        page.close()
    return visit


def open_context(browser: Any, width: int = 1280, height: int = 900) -> Any:
    """A browser context for visits: desktop size (or ``width`` × ``height``), no service
    workers, and any request to the network refused (after the page's request listener has
    recorded it), so the tests themselves never send anything off the machine."""
    context = browser.new_context(viewport={"width": width, "height": height},
                                  service_workers="block")
    context.set_default_timeout(60_000)
    context.route(NETWORK_URL, lambda route: route.abort("blockedbyclient"))
    return context


# -- the checks, as functions of the visits so that they can be tested on a broken page ------

def request_problems(visits: dict[str, Visit], site: Path) -> list[str]:
    """Requests that are not file: or data: URLs, or files outside the built site."""
    problems = []
    for page, visit in visits.items():
        if not visit.requests:
            problems.append(f"{page}: no request recorded at all")
        for url in visit.requests:
            scheme = urlsplit(url).scheme.lower()
            if scheme not in LOCAL_SCHEMES:
                problems.append(f"{page}: {url}")
                continue
            path = url_to_path(url)
            if path is not None and not path.resolve().is_relative_to(site.resolve()):
                problems.append(f"{page}: {url} is outside the built site")
    return problems


def error_problems(visits: dict[str, Visit]) -> list[str]:
    problems = []
    for page, visit in visits.items():
        problems += [f"{page}: console error: {e}" for e in visit.console_errors]
        problems += [f"{page}: uncaught exception: {e}" for e in visit.page_errors]
        problems += [f"{page}: failed request: {e}" for e in visit.failed_requests]
        problems += [f"{page}: {e}" for e in visit.bad_responses]
        if not any(url.endswith("/assets/teekond.css") for url in visit.requests):
            problems.append(f"{page}: never asked for assets/teekond.css")
    return problems


def axe_problems(visits: dict[str, Visit]) -> tuple[list[str], list[str]]:
    """(serious or critical violations, minor or moderate ones), one entry per page, rule
    and set of elements, naming the widths it was found at."""
    found: dict[tuple[str, str, tuple[str, ...]], tuple[dict[str, Any], list[str]]] = {}
    for page, visit in visits.items():
        for width, violations in (("1280 px", visit.violations),
                                  ("320 px", visit.narrow_violations)):
            for v in violations:
                key = (page, v["id"], tuple(v["targets"]))
                found.setdefault(key, (v, []))[1].append(width)
    blocking, other = [], []
    for (page, _, _), (violation, widths) in found.items():
        text = format_violation(page, violation, " and ".join(widths))
        (blocking if violation["impact"] in BLOCKING_IMPACTS else other).append(text)
    return blocking, other


def link_problems(visits: dict[str, Visit], site: Path) -> list[str]:
    """Every a[href] that is not a web, mail or phone link must name a file inside the site,
    and a #fragment must name an id on the page it leads to."""
    problems = []
    for page, visit in visits.items():
        for href, absolute in visit.links:
            if EXTERNAL_LINK.match(href):
                continue
            parts = urlsplit(absolute)
            target = url_to_path(absolute)
            if target is None:
                problems.append(f"{page}: link {href!r} is neither a web link nor a file")
            elif not target.resolve().is_relative_to(site.resolve()):
                problems.append(f"{page}: link {href!r} leaves the site ({target})")
            elif not target.is_file():
                problems.append(f"{page}: link {href!r} -> {target.relative_to(site)} "
                                "does not exist")
            elif parts.fragment:
                target_page = target.relative_to(site).as_posix()
                if target_page in visits and parts.fragment not in visits[target_page].ids:
                    problems.append(f"{page}: link {href!r}: no id {parts.fragment!r} in "
                                    f"{target_page}")
    return problems


def language_problems(visits: dict[str, Visit], site: Path, languages: list[str]
                      ) -> list[str]:
    """Each page is in the language of its folder and links to itself in every other one."""
    problems = []
    for page, visit in visits.items():
        lang, rest = page.split("/", 1)
        if visit.html_lang != lang:
            problems.append(f"{page}: <html lang={visit.html_lang!r}>, expected {lang!r}")
        offered = sorted(hreflang for hreflang, _ in visit.language_links)
        wanted = sorted(set(languages) - {lang})
        if offered != wanted:
            problems.append(f"{page}: language switch offers {offered}, expected {wanted}")
        for hreflang, absolute in visit.language_links:
            target, same = url_to_path(absolute), f"{hreflang}/{rest}"
            if target is None or target.resolve() != (site / same).resolve():
                problems.append(f"{page}: {hreflang.upper()} link goes to {absolute}, "
                                f"expected {same}")
            elif not target.is_file():
                problems.append(f"{page}: {hreflang.upper()} link: {same} does not exist")
            elif same in visits and visits[same].html_lang != hreflang:
                problems.append(f"{page}: {same} is not marked as {hreflang}")
    return problems


def reflow_problems(visits: dict[str, Visit]) -> list[str]:
    return [f"{page}: {', '.join(visit.narrow_overflow)}"
            for page, visit in visits.items() if visit.narrow_overflow]


def format_violation(page: str, violation: dict[str, Any], width: str = "") -> str:
    targets = violation["targets"]
    shown = ", ".join(targets[:6]) + (f", … ({len(targets)} in all)" if len(targets) > 6
                                      else "")
    where = f" (at {width})" if width else ""
    return (f"{page}{where}: {violation['id']} [{violation['impact']}] {violation['help']}\n"
            f"    targets: {shown}\n    {violation['summary'].strip().replace(chr(10), ' / ')}"
            f"\n    {violation['helpUrl']}")


def pdf_facts(path: Path) -> tuple[int, str, str]:
    """(pages, page size in pt as "W x H" to two decimals, text) of a PDF, by poppler."""
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                          text=True).stdout
    facts = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    width, _, height = facts["Page size"].split()[:3]
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return int(facts["Pages"]), f"{float(width):.2f} x {float(height):.2f}", text


# -- the journey map's own checks ------------------------------------------------------------

STICKY_STAGES = """(where) => {
  const box = document.querySelector('.map-scroll');
  const rows = document.querySelectorAll('.journey-map tbody tr');
  if (where === 'pains') {
    document.querySelector('.journey-map tr.pains td').scrollIntoView({block: 'start'});
  } else {
    rows[rows.length - 1].lastElementChild.scrollIntoView({block: 'end', inline: 'end'});
  }
  const frame = box.getBoundingClientRect();
  const top = Math.max(frame.top, 0), bottom = Math.min(frame.bottom, window.innerHeight);
  const lanes = document.querySelector('.journey-map tbody th').getBoundingClientRect().right;
  const problems = [], shown = [];
  for (const head of document.querySelectorAll('.journey-map th.stage-head')) {
    const r = head.getBoundingClientRect();
    const left = Math.max(r.left, lanes, frame.left), right = Math.min(r.right, frame.right);
    if (right - left < 24) continue;  // the column is not in view
    shown.push(head.id);
    const hit = document.elementFromPoint((left + right) / 2, top + 10);
    if (!hit || !head.contains(hit)) {
      problems.push(`${where}: above the column of ${head.id} is ` +
                    (hit ? hit.outerHTML.slice(0, 70) : 'nothing'));
    }
  }
  const lane = document.elementFromPoint(frame.left + 12, bottom - 12);
  if (!lane || !lane.closest('tbody th')) {
    problems.push(`${where}: no lane name at the left edge of the map ` +
                  (lane ? lane.outerHTML.slice(0, 70) : ''));
  }
  if (!shown.length) problems.push(`${where}: no stage column in view`);
  return {problems, shown, scrolled: [box.scrollTop + window.scrollY,
                                      box.scrollLeft + window.scrollX]};
}"""
"""Scroll the pain points row to the top, or the map's last cell into view (whatever
scrolls: the map, the page), then look at what is drawn at the top of each column in view
and at the left edge: the stage's name and the lane's name must be there
(``elementFromPoint``), not a cell that scrolled under them."""

MAP_LINKS = """() => {
  const problems = [];
  const byId = (href) => document.getElementById(decodeURIComponent(href.slice(1)));
  const pains = [...document.querySelectorAll('li.pain[id^="pain-"]')];
  const proposals = [...document.querySelectorAll('li.proposal[id^="proposal-"]')];
  for (const [items, kind, back] of [[pains, 'proposal', 'pain'],
                                     [proposals, 'pain', 'proposal']]) {
    for (const item of items) {
      for (const a of item.querySelectorAll(`a[href^="#${kind}-"]`)) {
        const target = byId(a.getAttribute('href'));
        if (!target) {
          problems.push(`${item.id}: ${a.getAttribute('href')} is not on the page`);
          continue;
        }
        if (!target.querySelector(`a[href="#${item.id}"]`)) {
          problems.push(`${item.id} -> ${target.id}, but ${target.id} does not link back`);
        }
      }
    }
  }
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length) problems.push(`ids used twice: ${[...new Set(twice)].join(', ')}`);
  return {problems, pains: pains.length, proposals: proposals.length,
          links: document.querySelectorAll('li.pain a[href^="#proposal-"]').length};
}"""
"""Every pain point's links to proposals and every proposal's links to pain points lead to
an element of the page that links back; no id is used twice."""

TARGET_SHOWN = """() => {
  const link = document.querySelector('li.pain a[href^="#proposal-"]');
  if (!link) return 'no pain point links to a proposal';
  link.click();
  const target = document.querySelector(':target');
  if (!target || '#' + target.id !== link.getAttribute('href')) return 'the link has no :target';
  const r = target.getBoundingClientRect();
  if (r.bottom < 0 || r.top > innerHeight) return `${target.id} is out of view`;
  const style = getComputedStyle(target);
  return style.outlineStyle === 'none' ? `${target.id} is not highlighted` : '';
}"""
"""Following a pain point's link to a proposal shows the proposal, highlighted (``:target``,
no script)."""

PHONE_STACK = """() => {
  const width = window.innerWidth, problems = [];
  const page = document.documentElement.scrollWidth;
  if (page > width) problems.push(`the page scrolls sideways: ${page} px wide at ${width} px`);
  const heads = [...document.querySelectorAll('.journey-map th.stage-head')];
  const tops = heads.map(h => h.getBoundingClientRect().top + window.scrollY);
  heads.forEach((head, i) => {
    const r = head.getBoundingClientRect();
    if (r.width < 100 || r.left < 0 || r.right > width) {
      problems.push(`${head.id} is not shown across the screen (${Math.round(r.left)}` +
                    `-${Math.round(r.right)} px)`);
    }
    if (i && tops[i] <= tops[i - 1]) problems.push(`${head.id} is not below the stage before it`);
  });
  const order = ['steps', 'emotion', 'pains'];
  for (const cell of document.querySelectorAll('.journey-map tbody td')) {
    const r = cell.getBoundingClientRect();
    if (!r.height) continue;
    const stage = Number(getComputedStyle(cell).getPropertyValue('--s'));
    const top = r.top + window.scrollY;
    const next = stage < tops.length ? tops[stage] : Infinity;
    if (top < tops[stage - 1] || top >= next || r.right > width + 1) {
      problems.push(`a ${cell.parentElement.className} cell of stage ${stage} is not in its ` +
                    `stage's block`);
    }
  }
  for (const [i, head] of heads.entries()) {
    const cells = order.map(lane => document.querySelector(
        `.journey-map tr.${lane} td:nth-of-type(${i + 1})`));
    const ys = cells.filter(c => c.getBoundingClientRect().height)
        .map(c => c.getBoundingClientRect().top);
    if (ys.some((y, k) => k && y < ys[k - 1])) {
      problems.push(`${head.id}: not stage, steps, emotion, pain points in this order`);
    }
  }
  return {problems, stages: heads.length};
}"""
"""At phone width: the page never scrolls sideways, and the map is one column, stage by
stage, each stage's cells (steps, emotion, pain points ...) under its name and above the
next stage's."""

FOCUS_RING = """() => {
  const link = document.querySelector('main a[href]');
  link.focus();
  const style = getComputedStyle(link);
  return [style.outlineStyle, style.outlineWidth, style.outlineColor];
}"""


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio of two colours written ``rgb(r, g, b)`` or ``#rrggbb``."""
    def luminance(colour: str) -> float:
        if colour.startswith("#"):
            parts = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
        else:
            parts = [int(float(x)) for x in re.findall(r"[\d.]+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                  for c in (x / 255 for x in parts)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class Shot:
    page: str
    width: int = 1600
    height: int = 1200
    scale: int = 1
    scroll_to: str = ""
    """A CSS selector scrolled to the top of the window first (else the page's top)."""


SCREENSHOTS = {
    "journey-map": Shot("en/journeys/newcomer.html", scroll_to=".top-pains"),
    "journey-map-kov": Shot("en/journeys/returnee--haapsalu.html"),
    "journey-map-phone": Shot("en/journeys/newcomer.html", 390, 844, 2, "#stage-4"),
    "persona-card": Shot("en/personas/arjun-tartu-card.html"),
    "journey-text": Shot("en/journeys/newcomer-text.html"),
    "index": Shot("en/index.html"),
    "ecosystem": Shot("en/ecosystem.html"),
    "final-report": Shot("en/reports/final-2025.html"),
}
"""docs/screenshots/NAME.png -> the page, in a ``width`` × ``height`` window (``scale``
device pixels each)."""
SCREENSHOT_MAX_BYTES = 400_000


def take_screenshots(browser: Any, site: Path, into: Path) -> dict[str, Path]:
    into.mkdir(parents=True, exist_ok=True)
    taken = {}
    for name, shot in SCREENSHOTS.items():
        context = browser.new_context(viewport={"width": shot.width, "height": shot.height},
                                      device_scale_factor=shot.scale)
        try:
            page = context.new_page()
            page.goto((site / shot.page).as_uri(), wait_until="load")
            if shot.scroll_to:
                page.evaluate("(s) => { const e = document.querySelector(s); "
                              "window.scrollTo(0, e.getBoundingClientRect().top + scrollY); }",
                              shot.scroll_to)
            path = into / f"{name}.png"
            page.screenshot(path=str(path), type="png", animations="disabled", caret="hide")
            taken[name] = path
        finally:
            context.close()
    return taken
