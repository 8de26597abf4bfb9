"""`teekond serve`: the live preview of a copy of the tiny workspace.

In Chromium (skipped with TEEKOND_SKIP_BROWSER=1, like the other browser tests): an edit of
a step's name shows on the open page without a reload; a YAML error shows as an overlay with
its place and code over the last good page; the fix removes it. Without a browser: the live
script is served and never built, serve listens on 127.0.0.1, a busy port is a one-line
usage error, and no URL leads out of the site.
"""

from __future__ import annotations

import http.client
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from toolkit.check.validate import validated
from toolkit.diagnostics import Diagnostic
from toolkit.site.builder import build_site
from toolkit.site.live import OVERLAY_ID, SCRIPT, inject, overlay
from toolkit.site.serve import Running, site_path, start

from .browser_support import launched_chromium, skip_requested
from .conftest import TINY

PAGE = "en/journeys/newcomer.html"
OLD_NAME = "Applies for a residence permit"
JOURNEY = Path("journeys") / "newcomer.yaml"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return Path(shutil.copytree(TINY, tmp_path / "ws"))


@pytest.fixture
def running(workspace: Path) -> Iterator[Running]:
    live = start(workspace, port=0)
    try:
        yield live
    finally:
        live.close()


def get(running: Running, path: str) -> tuple[int, str]:
    host, port = running.server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.request("GET", path)  # sent as written: http.client does not normalise it
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- without a browser -------------------------------------------------------------------------

def test_served_pages_carry_the_live_script_and_the_built_site_does_not(
        running: Running, workspace: Path, tmp_path: Path) -> None:
    status, html = get(running, "/" + PAGE)
    assert status == 200 and SCRIPT in html and OLD_NAME in html
    out = tmp_path / "out"
    build_site(validated(workspace).workspace, out, ["et", "en"], ["svg"])
    built = [p for p in out.rglob("*") if p.is_file()]
    assert any(p.name == "newcomer.html" for p in built)
    assert not [p for p in built if b"__teekond" in p.read_bytes()]
    assert not (workspace / "build").exists()  # serve writes no site to disk


def test_serve_listens_on_localhost_only(running: Running) -> None:
    assert running.server.server_address[0] == "127.0.0.1"
    assert running.url.startswith("http://127.0.0.1:")


def test_a_second_serve_on_the_same_port_is_a_usage_error(running: Running,
                                                          workspace: Path) -> None:
    port = running.server.server_address[1]
    done = subprocess.run([sys.executable, "-m", "toolkit", "serve", str(workspace),
                           "--port", str(port)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "in use" in lines[0] and str(port) in lines[0], done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("path", [
    "/../../etc/passwd", "/en/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/en/..%2f..%2fetc/passwd", "/..%5c..%5cetc%5cpasswd",
    "/%252e%252e/%252e%252e/etc/passwd", "/en/%00/index.html", "//etc/passwd",
])
def test_no_url_leads_out_of_the_site(running: Running, path: str) -> None:
    status, body = get(running, path)
    assert status in (400, 404), (path, status)
    assert "root:" not in body


def test_site_path() -> None:
    assert site_path("/") == ""
    assert site_path("/en/journeys/newcomer.html?x=1#y") == "en/journeys/newcomer.html"
    assert site_path("/en/") == "en/"
    for bad in ("/../x", "/en/%2e%2e/x", "/a\\b", "/a/./b", "relative"):
        assert site_path(bad) is None, bad


def test_png_and_pdf_are_left_to_build(running: Running) -> None:
    status, body = get(running, "/en/diagrams/newcomer.pdf")
    assert status == 404 and "teekond build" in body


def test_overlay_escapes_every_text() -> None:
    hostile = Diagnostic("journeys/<x>.yaml", 3, 7, "Y001", "bad <script>alert(1)</script>",
                         "use & not <b>")
    html = overlay([hostile], stale=True)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "journeys/&lt;x&gt;.yaml:3:7" in html and "use &amp; not &lt;b&gt;" in html
    page = inject("<html><body><p>a</p></body></html>", 4, [hostile])
    assert page.index(OVERLAY_ID) < page.index("</body>")
    assert 'data-version="4"' in page


def test_errors_keep_the_last_good_page_under_the_overlay(running: Running,
                                                          workspace: Path) -> None:
    edit(workspace / JOURNEY, "target_group: newcomer", "target_group: [newcomer")
    deadline = time.monotonic() + 10
    while not running.site.errors and time.monotonic() < deadline:
        time.sleep(0.05)
    status, html = get(running, "/" + PAGE)
    assert status == 200 and OVERLAY_ID in html and "Y001" in html
    assert "journeys/newcomer.yaml:" in html and OLD_NAME in html


# -- in Chromium -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if skip_requested():
        pytest.skip("TEEKOND_SKIP_BROWSER=1")
    with launched_chromium() as launched:
        yield launched


SHOWS = "(text) => document.body.innerText.includes(text)"
OVERLAY_SHOWN = f"() => !!document.getElementById('{OVERLAY_ID}')"
OVERLAY_GONE = f"() => !document.getElementById('{OVERLAY_ID}')"


def test_edits_show_on_the_open_page(browser: Any, running: Running, workspace: Path) -> None:
    page = browser.new_page()
    try:
        page.set_default_timeout(15_000)
        page.goto(running.url + PAGE, wait_until="load")
        assert page.evaluate(SHOWS, OLD_NAME)
        page.evaluate("() => { window.notReloaded = true; }")

        edit(workspace / JOURNEY, OLD_NAME, "Applies for a permit online")
        page.wait_for_function(SHOWS, arg="Applies for a permit online")
        assert not page.evaluate(SHOWS, OLD_NAME)

        edit(workspace / JOURNEY, "target_group: newcomer", "target_group: [newcomer")
        page.wait_for_function(OVERLAY_SHOWN)
        shown = page.inner_text(f"#{OVERLAY_ID}")
        assert "Y001" in shown and "journeys/newcomer.yaml:" in shown, shown
        assert page.evaluate(SHOWS, "Applies for a permit online")  # the last good page

        edit(workspace / JOURNEY, "target_group: [newcomer", "target_group: newcomer")
        edit(workspace / JOURNEY, "Applies for a permit online", "Applies in person")
        page.wait_for_function(OVERLAY_GONE)
        page.wait_for_function(SHOWS, arg="Applies in person")
        assert page.evaluate("() => window.notReloaded === true"), "the page was reloaded"
    finally:
        page.close()


def test_a_page_that_cannot_be_made_shows_in_the_overlay(running: Running,
                                                          workspace: Path) -> None:
    (workspace / "templates").mkdir()
    (workspace / "templates" / "journey.html").write_text("{% broken %}", encoding="utf-8")
    running.site.render(templates_changed=True, wait=True)
    status, html = get(running, "/" + PAGE)
    assert status == 200 and OVERLAY_ID in html and "journey.html" in html
    assert OLD_NAME in html  # the last good page under it


def test_ctrl_c_stops_serve_cleanly(workspace: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "toolkit", "serve", str(workspace),
                             "--port", "0"], stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()  # type: ignore[union-attr]
        while line and "serving" not in line:
            line = proc.stderr.readline()  # type: ignore[union-attr]
        assert "serving http://127.0.0.1:" in line, line
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=30)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, rest
    assert "Traceback" not in rest and "interrupted" in rest
