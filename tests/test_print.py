"""Printing a journey map: the print stylesheet puts the map on one A3 landscape page and the
flow diagram on the next, as Chromium prints it (the browser a coordinator prints from)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from toolkit.check.validate import validate

from .browser_support import CHROMIUM_FLAGS, build_site, find_chromium, skip_requested
from .conftest import ROOT

A3_LANDSCAPE_PT = (1190.6, 841.9)

pytestmark = pytest.mark.skipif(skip_requested(), reason="browser tests skipped on request")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("print") / "build"
    build_site(ROOT, out)
    return out


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    assert chromium, "Chromium not found: run `sh scripts/test.sh`, which installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def pdf_pages(pdf: Path) -> tuple[int, tuple[float, float]]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    assert size, info
    return pages, (float(size.group(1)), float(size.group(2)))


JOURNEY_PAGES = [f"{lang}/journeys/{j.id}.html" for lang in ("et", "en")
                 for j in sorted(validate(ROOT).workspace.journeys, key=lambda j: j.id)]


@pytest.mark.parametrize("name", JOURNEY_PAGES)
def test_a_journey_map_prints_on_one_a3_landscape_page(site: Path, page: Any, name: str,
                                                       tmp_path: Path) -> None:
    page.goto((site / name).as_uri())
    pdf = tmp_path / "map.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    pages, size = pdf_pages(pdf)
    assert size == pytest.approx(A3_LANDSCAPE_PT, abs=1)
    assert pages == 2, f"{name}: the map should fill page 1 and the flow diagram page 2"
