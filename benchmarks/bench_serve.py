#!/usr/bin/env python3
"""Benchmark `teekond serve`: from saving an edit to seeing it on the open page.

    python benchmarks/bench_serve.py [--source WORKSPACE] [--repeat 7] [--http]

Copies the source workspace (default: the shipped one) to a temporary folder, starts
`teekond serve` on it as a subprocess, opens a journey page in Debian's Chromium (or, with
``--http`` or without Chromium, polls the page over HTTP), then ``--repeat`` times renames
one step (its English name) in the YAML and measures the time until the new name is on the
page. Over HTTP no page listens to the server, so serve renders the whole site for each
edit instead of the open page first: that figure is the worst case, not the usual one.
Prints each run, the median and the spread; the target is a median under 300 ms.

Also prints what one full render of the site into memory costs (the second pass of every
edit, after the open page is shown), measured in this process with warm caches.

This is a script, not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser_support import CHROMIUM_FLAGS, find_chromium  # noqa: E402
from toolkit.site.serve import LiveSite  # noqa: E402

CONTENT = ("teekond.yaml", "journeys", "personas", "touchpoints", "statistics")
JOURNEY, PAGE = "journeys/newcomer.yaml", "en/journeys/newcomer.html"
STEP = "en: Looks for information about Estonia and the future municipality before moving"


def copy_workspace(source: Path, into: Path) -> Path:
    into.mkdir(parents=True)
    for name in CONTENT:
        if (source / name).is_dir():
            shutil.copytree(source / name, into / name)
        elif (source / name).is_file():
            shutil.copy2(source / name, into / name)
    return into


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        return conn.getresponse().read().decode("utf-8", "replace")
    finally:
        conn.close()


def wait_until_up(port: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if "newcomer" in fetch(port, "/" + PAGE):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("teekond serve did not answer")


def render_times(root: Path, repeat: int) -> list[float]:
    site = LiveSite(root.resolve())
    site.render(wait=True)  # compiles the templates, fills the diagram cache
    return [site.render(wait=True) for _ in range(repeat)]


def edits(root: Path, repeat: int, seen: callable) -> list[float]:  # type: ignore[valid-type]
    path, times, current = root / JOURNEY, [], STEP
    for run in range(repeat):
        new = f"en: Looks for information, edit {run} of the benchmark"
        text = path.read_text(encoding="utf-8")
        assert current in text, current
        time.sleep(0.5)  # let the previous render settle
        start = time.perf_counter()
        path.write_text(text.replace(current, new, 1), encoding="utf-8")
        seen(new.removeprefix("en: "))
        times.append(time.perf_counter() - start)
        current = new
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=REPO)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--http", action="store_true", help="poll over HTTP, no browser")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = copy_workspace(args.source, Path(tmp) / "ws")
        renders = render_times(root, 3)
        print(f"full render into memory (warm caches): median "
              f"{statistics.median(renders) * 1000:.0f} ms "
              f"({', '.join(f'{t * 1000:.0f}' for t in renders)})")
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "toolkit", "-q", "serve", str(root),
                                   "--port", str(port)], env={**os.environ, "CI": "true"})
        try:
            wait_until_up(port)
            chromium = None if args.http else find_chromium()
            if chromium:
                times = browser_edits(root, port, args.repeat, chromium)
            else:
                times = edits(root, args.repeat, lambda text: poll(port, text))
        finally:
            server.terminate()
            server.wait(timeout=30)
    how = ("in Chromium" if chromium else
           "over HTTP (no page open, so each edit waits for the whole site)")
    print(f"edit -> visible {how}, {len(times)} runs: "
          + ", ".join(f"{t * 1000:.0f}" for t in times) + " ms")
    print(f"median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f}, "
          f"max {max(times) * 1000:.0f} (target: median < 300 ms)")


def poll(port: int, text: str) -> None:
    while text not in fetch(port, "/" + PAGE):
        time.sleep(0.01)


def browser_edits(root: Path, port: int, repeat: int, chromium: str) -> list[float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(60_000)
            page.goto(f"http://127.0.0.1:{port}/{PAGE}", wait_until="load")
            return edits(root, repeat, lambda text: page.wait_for_function(
                "(t) => document.body.innerText.includes(t)", arg=text, polling=5))
        finally:
            browser.close()


if __name__ == "__main__":
    main()
