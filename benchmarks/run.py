#!/usr/bin/env python3
"""Every figure of issue 14 in one run and one table, each with its goal: met or missed.

    python benchmarks/run.py [--source WORKSPACE] [--repeat 3] [--jobs 2] [--json FILE]
    python benchmarks/run.py --smoke [--json FILE]

Figures (benchmarks/README.md says what each one means and why its goal is what it is):

- ``teekond validate`` on the workspace 1x and 100x its size (the synthetic copies of
  bench_validate.py), cold (no ``.teekond-cache``) and warm (right after a run), and the
  peak memory of the 100x run;
- ``teekond build --formats svg`` cold (a fresh output folder, no ``.teekond-cache``)
  against raw ``dot -Tsvg`` on the very DOT sources that build renders, with the same
  parallelism (``--jobs``), and their ratio;
- the no-op rebuild (the same build again, nothing changed);
- the cold full build with PNG and PDF too;
- ``teekond --version`` (Python start-up and the CLI's imports).

Every command runs as a subprocess, as a user runs it; each time is the median of
``--repeat`` runs (the full build: ``--full-repeat``, default 1), with its CPU time beside
it (user + system of the command and its workers: other load on the machine stretches the
wall time, not that).

``--smoke`` is the quick check CI runs (tests/test_benchmarks_smoke.py): validate and
analyze at 1x and 10x only, one run each; it fails (exit 1) when a growth ratio, CPU time at
10x / CPU time at 1x, exceeds :data:`SMOKE_GROWTH_BOUND`. It asserts only ratios: absolute
times depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
try:  # the installed toolkit, or the one of this checkout
    import toolkit  # noqa: F401
except ImportError:
    sys.path.insert(0, str(REPO))

import bench_validate  # noqa: E402  (the synthetic workspaces: one generator for all)

SMOKE_GROWTH_BOUND = 25.0
"""--smoke fails when time at 10x / time at 1x exceeds this: 10 times the data may take
at most 25 times as long (linear growth gives well under 10, since start-up does not grow;
a quadratic step would give about 100)."""
VALIDATE_COLD_S, PEAK_MB = bench_validate.GOALS["cold"]
VALIDATE_WARM_S = bench_validate.GOALS["warm"][0]
DOT_RATIO_GOAL = 1.3
NOOP_SHARE_GOAL = 0.10
FULL_BUILD_GOAL_S = 20.0
CACHE = ".teekond-cache"


@dataclass
class Row:
    """One line of the table."""

    figure: str
    value: float
    unit: str
    goal: str = "-"
    met: bool | None = None
    """None: a reference figure, no goal of its own."""
    cpu: float | None = None
    """CPU seconds (user + system, child processes included) of a timed command."""

    def line(self) -> str:
        cpu = "" if self.cpu is None else f"{self.cpu:.2f}"
        verdict = {None: "", True: "met", False: "MISSED"}[self.met]
        return (f"| {self.figure} | {self.value:.3f} {self.unit} | {cpu} | {self.goal} "
                f"| {verdict} |")


def teekond() -> list[str]:
    return [sys.executable, "-m", "toolkit"]


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    """User + system seconds of the command and the processes it waited for."""
    peak_kb: int
    """Peak resident memory of its largest process."""


def run_once(command: list[str], prepare: Callable[[], None] | None = None) -> Run:
    """Run ``command`` once and measure it; a failure stops the benchmark (exit status 1
    of validate counts as a run: it reports problems)."""
    if prepare:
        prepare()
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: it never fills up
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL,
                                   stderr=errors, env={**os.environ, "CI": "1"})
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    if code not in (0, 1):
        raise SystemExit(f"`{' '.join(command)}` exited {code}:\n{stderr[-2000:]}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def median_run(command: list[str], repeat: int,
               prepare: Callable[[], None] | None = None) -> Run:
    """The median wall and CPU times of ``repeat`` runs, the largest peak memory."""
    runs = [run_once(command, prepare) for _ in range(repeat)]
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
               max(r.peak_kb for r in runs))


def remove_cache(ws: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(ws / CACHE, ignore_errors=True)


def measure_validate(ws: Path, repeat: int) -> dict[str, Run]:
    """`teekond validate` of ``ws`` cold (no cache) and warm (after a run)."""
    command = [*teekond(), "validate", str(ws)]
    cold = median_run(command, repeat, remove_cache(ws))
    run_once(command)  # leaves whatever a run caches
    return {"cold": cold, "warm": median_run(command, repeat)}


def dot_sources(ws: Path, jobs: int) -> list[str]:
    """The DOT source of every ``dot -Tsvg`` run of ``teekond build --formats svg``:
    recorded from a build in this process, so the comparison uses exactly its diagrams
    (site diagrams, overviews, printable parts, report overviews)."""
    from toolkit.check.validate import validated
    from toolkit.output import dot_runner
    from toolkit.site.builder import build_site

    recorded: list[str] = []
    real = dot_runner.render

    def recording(source: str, fmt: Any, **kwargs: Any) -> bytes:
        recorded.append(source)
        return real(source, fmt, **kwargs)

    dot_runner.render = recording  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            result = validated(ws, False)
            build_site(result.workspace, Path(tmp) / "out", list(result.workspace.languages),
                       ("svg",), jobs, cache=Path(tmp) / "cache")
    finally:
        dot_runner.render = real  # type: ignore[assignment]
    return sorted(recorded)


def time_raw_dot(files: list[Path], jobs: int) -> float:
    def run(path: Path) -> None:
        subprocess.run(["dot", "-Tsvg", "-o", str(path.with_suffix(".svg")), str(path)],
                       check=True)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(run, files))
    return time.perf_counter() - start


def measure_build(ws: Path, work: Path, jobs: int, repeat: int,
                  full_repeat: int) -> dict[str, Any]:
    """Raw dot, the cold svg build, the no-op rebuild and (``full_repeat`` > 0) the cold
    full build."""
    sources = dot_sources(ws, jobs)
    files = []
    for i, source in enumerate(sources):
        files.append(work / "dot" / f"d{i:04d}.dot")
        files[-1].parent.mkdir(parents=True, exist_ok=True)
        files[-1].write_text(source, encoding="utf-8")
    time_raw_dot(files, jobs)  # warm-up: fontconfig cache, page cache
    out = work / "build"

    def fresh() -> None:
        shutil.rmtree(out, ignore_errors=True)
        remove_cache(ws)()

    def command(formats: str) -> list[str]:
        return [*teekond(), "-q", "build", str(ws), "--out", str(out), "--jobs", str(jobs),
                "--formats", formats]

    raw = statistics.median(time_raw_dot(files, jobs) for _ in range(repeat))
    found: dict[str, Any] = {"diagrams": len(sources), "raw_dot_s": raw,
                             "svg": median_run(command("svg"), repeat, fresh),
                             "noop": median_run(command("svg"), repeat)}
    if full_repeat:
        found["full"] = median_run(command("svg,png,pdf"), full_repeat, fresh)
    return found


def full_table(source: bench_validate.Source, base: Path, args: argparse.Namespace
               ) -> tuple[list[Row], dict[str, Any]]:
    results: dict[str, Any] = {}
    for scale in (1, 100):
        ws = base / f"x{scale}"
        source.generate(ws, scale)
        results[f"validate_{scale}x"] = measure_validate(ws, args.repeat)
    ws = base / "source"
    source.snapshot(ws)
    results["build"] = measure_build(ws, base / "work", args.jobs, args.repeat,
                                     args.full_repeat)
    results["version"] = median_run([*teekond(), "--version"], max(args.repeat, 5))
    v1, v100, b = results["validate_1x"], results["validate_100x"], results["build"]
    ratio = b["svg"].wall / b["raw_dot_s"]
    share = b["noop"].wall / b["svg"].wall
    peak_mb = max(v100["cold"].peak_kb, v100["warm"].peak_kb) / 1024
    rows = [
        timed("validate 1x, cold", v1["cold"]),
        timed("validate 1x, warm", v1["warm"]),
        timed("validate 100x, cold", v100["cold"], f"< {VALIDATE_COLD_S:g} s",
              v100["cold"].wall < VALIDATE_COLD_S),
        timed("validate 100x, warm", v100["warm"], f"< {VALIDATE_WARM_S:g} s",
              v100["warm"].wall < VALIDATE_WARM_S),
        Row("validate 100x, peak memory", peak_mb, "MB", f"< {PEAK_MB:g} MB",
            peak_mb < PEAK_MB),
        Row(f"raw dot -Tsvg, {b['diagrams']} diagrams, {args.jobs} jobs", b["raw_dot_s"], "s"),
        timed("build --formats svg, cold", b["svg"]),
        Row("build svg / raw dot", ratio, "x", f"<= {DOT_RATIO_GOAL:g}x",
            ratio <= DOT_RATIO_GOAL),
        timed("no-op rebuild", b["noop"], f"< {NOOP_SHARE_GOAL:.0%} of the svg build",
              share < NOOP_SHARE_GOAL),
        timed("build with PNG and PDF, cold", b["full"], f"< {FULL_BUILD_GOAL_S:g} s",
              b["full"].wall < FULL_BUILD_GOAL_S),
        timed("teekond --version", results["version"]),
    ]
    return rows, results


def timed(figure: str, run: Run, goal: str = "-", met: bool | None = None) -> Row:
    return Row(figure, run.wall, "s", goal, met, run.cpu)


def smoke_table(source: bench_validate.Source, base: Path, args: argparse.Namespace
                ) -> tuple[list[Row], dict[str, Any]]:
    """Validate (cold and warm) and analyze at 1x and 10x: the steps whose time grows
    with the data; a build at 10x renders ten times the diagrams, too slow for CI."""
    results: dict[str, Any] = {}
    for scale in (1, 10):
        ws = base / f"x{scale}"
        source.generate(ws, scale)
        results[f"validate_{scale}x"] = measure_validate(ws, args.repeat)
        results[f"analyze_{scale}x"] = median_run(
            [*teekond(), "analyze", str(ws), "--format", "json"], args.repeat)
    rows = []
    for name, one, ten in (
            ("validate, cold", results["validate_1x"]["cold"], results["validate_10x"]["cold"]),
            ("validate, warm", results["validate_1x"]["warm"], results["validate_10x"]["warm"]),
            ("analyze", results["analyze_1x"], results["analyze_10x"])):
        # CPU time: other load on the machine stretches wall time, not the work done
        growth = ten.cpu / one.cpu
        rows += [timed(f"{name} 1x", one), timed(f"{name} 10x", ten),
                 Row(f"{name}: CPU 10x / 1x", growth, "x", f"<= {SMOKE_GROWTH_BOUND:g}x",
                     growth <= SMOKE_GROWTH_BOUND)]
    return rows, results


def plain(value: Any) -> Any:
    """``value`` with every :class:`Run` as a dict, for JSON."""
    if isinstance(value, Run):
        return asdict(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--source", type=Path, default=REPO,
                   help="the workspace measured (default: the shipped one)")
    p.add_argument("--repeat", type=int, help="runs per figure (default 3; --smoke: 1)")
    p.add_argument("--full-repeat", type=int, default=1,
                   help="runs of the full build with PNG and PDF (about a minute each)")
    p.add_argument("--jobs", type=int, default=2, help="the build's --jobs and dot's threads")
    p.add_argument("--json", dest="json_out", type=Path, help="also write the figures here")
    p.add_argument("--smoke", action="store_true",
                   help="1x and 10x only; exit 1 when a growth ratio exceeds its bound")
    args = p.parse_args(argv)
    args.repeat = args.repeat or (1 if args.smoke else 3)
    if min(args.repeat, args.jobs, args.full_repeat) < 1:
        p.error("--repeat, --full-repeat and --jobs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    source = bench_validate.Source(args.source)
    print(f"teekond benchmarks{' (smoke)' if args.smoke else ''}: python "
          f"{platform.python_version()}, {os.cpu_count()} CPUs, --jobs {args.jobs}, "
          f"median of {args.repeat} runs, load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="teekond-bench-") as tmp:
        table = smoke_table if args.smoke else full_table
        rows, results = table(source, Path(tmp), args)
    print("| figure | wall | CPU s | goal | |\n|---|---:|---:|---|---|")
    for row in rows:
        print(row.line())
    missed = [row.figure for row in rows if row.met is False]
    if args.json_out:
        args.json_out.write_text(json.dumps(
            {"smoke": args.smoke, "jobs": args.jobs, "repeat": args.repeat,
             "cpus": os.cpu_count(), "rows": [asdict(r) for r in rows], "raw": plain(results)},
            indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if missed:
        print(f"missed: {', '.join(missed)}")
    return 1 if args.smoke and missed else 0


if __name__ == "__main__":
    sys.exit(main())
