#!/usr/bin/env python3
"""Benchmark `teekond build` against the physical limit of the renderer, raw `dot`.

    python benchmarks/bench_build.py [--source WORKSPACE] [--repeat 3] [--jobs 2]

In one run, on the same journeys of the source workspace (default: the shipped one):

1. **full build**: `teekond build --formats svg` (HTML + SVG, every language) into a fresh
   folder, as a subprocess, so Python start-up, loading and validation are included;
2. **raw dot**: the very DOT sources that build renders (recorded from a build: the site's
   diagrams, the overviews, the printable parts, the reports' overviews), written to files
   and run through `dot -Tsvg` with the same parallelism (`--jobs`), nothing else;
3. **no-op rebuild**: the same build command again on the untouched output.

Each is repeated ``--repeat`` times; the table shows the median and the ratios the issue
sets targets for: full build <= 1.3x raw dot, no-op rebuild < 10% of the full build.
A fourth line times the build with PNG and PDF as well, for information.

This is a script, not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import DOT_RATIO_GOAL, dot_sources  # noqa: E402  (one list of DOT sources)


def time_raw_dot(files: list[Path], jobs: int) -> float:
    def run(path: Path) -> None:
        subprocess.run(["dot", "-Tsvg", "-o", str(path.with_suffix(".svg")), str(path)],
                       check=True)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(run, files))
    return time.perf_counter() - start


def time_build(root: Path, out: Path, jobs: int, formats: str) -> float:
    command = [sys.executable, "-m", "toolkit", "-q", "build", str(root), "--out", str(out),
               "--jobs", str(jobs), "--formats", formats]
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO, env={**os.environ, "CI": "1"})
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=REPO)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    sources = dot_sources(args.source, args.jobs)
    results: dict[str, list[float]] = {"full": [], "raw": [], "noop": [], "all": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = []
        for i, source in enumerate(sources):
            files.append(folder / f"d{i}.dot")
            files[-1].write_text(source, encoding="utf-8")
        time_raw_dot(files, args.jobs)  # warm-up: fontconfig cache, page cache
        for _ in range(args.repeat):
            out = folder / "build"
            shutil.rmtree(out, ignore_errors=True)
            results["raw"].append(time_raw_dot(files, args.jobs))
            results["full"].append(time_build(args.source, out, args.jobs, "svg"))
            results["noop"].append(time_build(args.source, out, args.jobs, "svg"))
            shutil.rmtree(out)
            results["all"].append(time_build(args.source, out, args.jobs, "svg,png,pdf"))

    median = {name: statistics.median(times) for name, times in results.items()}
    print(f"{len(sources)} diagrams, --jobs {args.jobs}, median of {args.repeat} runs, "
          f"{os.cpu_count()} CPUs")
    print(f"{'measurement':<44} {'seconds':>8}")
    print(f"{'raw dot -Tsvg on the same DOT files':<44} {median['raw']:>8.2f}")
    print(f"{'full build, HTML + SVG, all languages':<44} {median['full']:>8.2f}")
    print(f"{'no-op rebuild':<44} {median['noop']:>8.2f}")
    print(f"{'full build with PNG and PDF too':<44} {median['all']:>8.2f}")
    full_ratio = median["full"] / median["raw"]
    noop_share = median["noop"] / median["full"]
    print(f"full build / raw dot = {full_ratio:.2f} (target <= {DOT_RATIO_GOAL:g}): "
          f"{'PASS' if full_ratio <= DOT_RATIO_GOAL else 'FAIL'}")
    print(f"no-op / full build = {noop_share:.1%} (target < 10%): "
          f"{'PASS' if noop_share < 0.10 else 'FAIL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
