#!/usr/bin/env python3
"""Benchmark the final report on synthetic workspaces N times the size of a real one.

    python benchmarks/bench_report.py [--source WORKSPACE] [--scales 1,10,100] [--repeat 3]
                                      [--pdf-scales 1]

The synthetic workspaces are those of bench_validate.py (imported, not copied): N suffixed
copies of every journey, persona and catalogue file. Each is loaded, validated and turned
into a graph beforehand; then the script times, in this process (one warm-up, then
``--repeat`` runs, median):

- ``analyse`` alone;
- the final report's content in English (``FinalReportBuilder(...).build()``);
- the same content turned into HTML and Markdown in English (``ReportPages.render``, what
  `teekond build` runs: ``report_final.html`` and ``report_final.md``, Markdown tidied;
  nothing is written);
- all of it as the build does it: ``analyse`` once, then content, HTML and Markdown in
  Estonian and in English.

The report is that of the workspace's ``final`` reporting period. At the scales of
``--pdf-scales`` (default 1 only: at 100x the report has thousands of pages) it also runs
`teekond build --formats svg` into a temporary folder, which writes the stylesheets and
diagrams the PDF reads (and the report's PDF, whose pages it counts), and times
``html_to_pdf`` on the English report page written there.

It prints a table, the growth checks (time at 100x / time at 10x, target <= 12) of
``analyse`` and of the report's content and rendering, the target check (``analyse`` at
100x under 3 s), and the PDF's pages and time. This is a script, not a test.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_validate as bv  # the generator and timers are shared

from toolkit.analyse.analysis import Analysis, analyse
from toolkit.graph.index import Index
from toolkit.load.model import ReportingPeriod
from toolkit.load.workspace import Workspace
from toolkit.output.pdf import html_to_pdf
from toolkit.output.templates import environment, markdown_environment
from toolkit.site.pdfs import printable
from toolkit.site.reports import FOLDER, ReportPages
from toolkit.site.writer import SiteWriter
from toolkit.views.base import ViewContext, page_context
from toolkit.views.report_final import FinalReport, FinalReportBuilder

TIME_TARGET_S = 3.0
"""`analyse` of the 100x workspace must finish under this."""
LANGUAGES = ("et", "en")
"""The languages of the whole-report column; the others time English only."""
PAGE_TREE = re.compile(rb"/Type\s*/Pages\b[^>]*/Count\s+(\d+)")
"""The root of a PDF's page tree counts all its pages."""


class Reports:
    """The final report of one validated workspace, built and rendered as `teekond build`
    does it (:meth:`toolkit.site.reports.ReportPages.render`), without writing anything."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.index = Index(ws)
        self.period = final_period(ws)
        writer = SiteWriter(Path(tempfile.gettempdir()) / "unused", environment(ws.root))
        self.pages = ReportPages(writer, None, markdown_environment(ws.root),  # type: ignore
                                 [self.period])

    def context(self, analysis: Analysis, lang: str) -> tuple[ViewContext, dict[str, object]]:
        """A language's view context and what every page of it gets (as the build)."""
        ctx = ViewContext(self.index, analysis, lang)
        return ctx, page_context(ctx, list(self.ws.languages), True)

    def content(self, analysis: Analysis, lang: str) -> FinalReport:
        return FinalReportBuilder(self.context(analysis, lang)[0], self.period).build()

    def rendered(self, analysis: Analysis, lang: str) -> tuple[str, str]:
        """The report's HTML page and Markdown (content included)."""
        return self.pages.render(*self.context(analysis, lang), self.period)

    def whole(self) -> None:
        """analyse once, then content, HTML and Markdown in every language of LANGUAGES."""
        analysis = analyse(self.index)
        for lang in LANGUAGES:
            self.rendered(analysis, lang)


def final_period(ws: Workspace) -> ReportingPeriod:
    periods = sorted((p for p in ws.settings.reporting_periods if p.kind == "final"),
                     key=lambda p: p.id) if ws.settings else []
    if not periods:
        raise SystemExit(f"error: {ws.root} has no reporting period of kind final")
    return periods[0]


def measure(root: Path, repeat: int) -> dict[str, float]:
    """Sizes of the English report and median seconds of each measured part at one scale."""
    reports = Reports(bv.validate_mod.validate(root).workspace)
    analysis = analyse(reports.index)
    report = reports.content(analysis, "en")
    html, markdown = reports.rendered(analysis, "en")
    timings = {
        "analyse": bv.time_call(lambda: analyse(reports.index), repeat),
        "content": bv.time_call(lambda: reports.content(analysis, "en"), repeat),
        "render": bv.time_call(lambda: reports.rendered(analysis, "en"), repeat),
        "whole": bv.time_call(reports.whole, repeat),
    }
    return {"pain_points": len(report.pain_points),
            "proposals": sum(len(g.proposals) for g in report.proposal_groups),
            "html_mb": len(html.encode()) / 1e6, "md_mb": len(markdown.encode()) / 1e6,
            **{k: statistics.median(v) for k, v in timings.items()}}


def measure_pdf(root: Path, repeat: int) -> dict[str, float]:
    """Build the site into a temporary folder, then time the English report's PDF."""
    out = Path(tempfile.mkdtemp(prefix="teekond-bench-report-build-"))
    try:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "toolkit", "build", str(root), "--out", str(out),
                        "--formats", "svg", "-q"], check=True)
        built = time.perf_counter() - start
        year = final_period(bv.validate_mod.validate(root).workspace).end.year
        page = out / "en" / FOLDER / f"final-{year}.html"
        pdf = page.with_suffix(".pdf").read_bytes()  # the build made the same PDF
        html = printable(page.read_text(encoding="utf-8"), page)
        times = bv.time_call(lambda: html_to_pdf(html, page, out, "final report (en)"), repeat)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {"build": built, "pages": pdf_pages(pdf), "mb": len(pdf) / 1e6,
            "pdf": statistics.median(times)}


def pdf_pages(pdf: bytes) -> int:
    """Pages of a WeasyPrint PDF: its page tree sits in a compressed object stream."""
    data, counts = memoryview(pdf), [0]
    for start in re.finditer(rb"stream\r?\n", pdf):
        try:
            counts += map(int, PAGE_TREE.findall(zlib.decompressobj().decompress(
                data[start.end():])))
        except zlib.error:
            continue
    return max(counts)


def growth_check(rows: dict[int, dict[str, float]], key: str, label: str) -> bool:
    growth = rows[100][key] / rows[10][key]
    ok = growth <= bv.GROWTH_TARGET
    print(f"growth check: {label} at 100x / at 10x = {growth:.2f}; target <= "
          f"{bv.GROWTH_TARGET:g}: {'PASS' if ok else 'FAIL'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--source", type=Path, default=bv.REPO)
    p.add_argument("--scales", default="1,10,100")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--pdf-scales", default="1",
                   help="scales at which to time the PDF as well (default: 1)")
    args = p.parse_args(argv)
    scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    pdf_scales = {int(s) for s in args.pdf_scales.split(",") if s.strip()}
    source = bv.Source(args.source)
    base = Path(tempfile.mkdtemp(prefix="teekond-bench-report-"))
    rows: dict[int, dict[str, float]] = {}
    pdfs: dict[int, dict[str, float]] = {}
    try:
        for scale in scales:
            ws = base / f"x{scale}"
            source.generate(ws, scale)
            files, size = bv.workspace_size(ws)
            rows[scale] = {"files": files, "mb": size / 1e6, **measure(ws, args.repeat)}
            if scale in pdf_scales:
                pdfs[scale] = measure_pdf(ws, args.repeat)
            shutil.rmtree(ws)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print("| scale | files | MB | pain points | proposals | HTML MB | Markdown MB | analyse s "
          "| content (en) s | content + HTML + Markdown (en) s | analyse + content + HTML + "
          "Markdown (et, en) s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for scale, r in rows.items():
        print(f"| {scale}x | {r['files']:.0f} | {r['mb']:.2f} | {r['pain_points']:.0f} | "
              f"{r['proposals']:.0f} | {r['html_mb']:.2f} | {r['md_mb']:.2f} | "
              f"{bv.fmt(r['analyse'])} | {bv.fmt(r['content'])} | {bv.fmt(r['render'])} | "
              f"{bv.fmt(r['whole'])} |")
    ok = True
    if 10 in rows and 100 in rows:
        ok &= growth_check(rows, "analyse", "analyse")
        ok &= growth_check(rows, "content", "content (en)")
        ok &= growth_check(rows, "render", "content + HTML + Markdown (en)")
        ok &= growth_check(rows, "whole", "analyse + content + HTML + Markdown (et, en)")
    if 100 in rows:
        fast = rows[100]["analyse"] < TIME_TARGET_S
        ok &= fast
        print(f"target check: analyse at 100x takes {rows[100]['analyse']:.3f} s; target < "
              f"{TIME_TARGET_S:g} s: {'PASS' if fast else 'FAIL'}")
    for scale, r in pdfs.items():
        print(f"PDF at {scale}x: final report (en) {r['pages']:.0f} pages, {r['mb']:.2f} MB, "
              f"html_to_pdf {bv.fmt(r['pdf'])} s (median); `teekond build --formats svg` "
              f"took {bv.fmt(r['build'])} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
