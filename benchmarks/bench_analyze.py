#!/usr/bin/env python3
"""Benchmark `teekond analyze` on synthetic workspaces N times the size of a real one.

    python benchmarks/bench_analyze.py [--source WORKSPACE] [--scales 1,10,100] [--repeat 5]

The synthetic workspaces are those of bench_validate.py (imported, not copied): N suffixed
copies of every journey, persona and catalogue file. For each scale the script times, in
this process (one warm-up, then ``--repeat`` runs, median):

- ``analyse`` alone, on a workspace loaded, validated and turned into a graph beforehand;
- graph + ``analyse`` (what `analyze` adds to `validate`);
- the whole pipeline: load + validate + graph + ``analyse`` (load and validation included);
- the whole pipeline plus writing the JSON (what `teekond analyze --format json` does).

It prints a table, the growth check (time at 100x / time at 10x, target <= 12) and the
target check (`analyse` at 100x under 3 s). This is a script, not a test.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_validate as bv  # noqa: E402 - the generator and timers are shared

from toolkit.analyse.analysis import analyse  # noqa: E402
from toolkit.graph.index import Index  # noqa: E402
from toolkit.views.analysis_text import to_json  # noqa: E402

TIME_TARGET_S = 3.0
"""`analyse` of the 100x workspace must finish under this."""


def pipeline(root: Path, write: bool = False) -> object:
    """Load, validate, index and analyse: what `teekond analyze` runs."""
    ws = bv.validate_mod.validate(root).workspace
    result = analyse(Index(ws))
    return to_json(result) if write else result


def measure(root: Path, repeat: int) -> dict[str, float]:
    """Median seconds of each measured part at one scale."""
    ws = bv.validate_mod.validate(root).workspace
    index = Index(ws)
    timings = {
        "analyse": bv.time_call(lambda: analyse(index), repeat),
        "index+analyse": bv.time_call(lambda: analyse(Index(ws)), repeat),
        "pipeline": bv.time_call(lambda: pipeline(root), repeat),
        "pipeline+json": bv.time_call(lambda: pipeline(root, write=True), repeat),
    }
    return {k: statistics.median(v) for k, v in timings.items()}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--source", type=Path, default=bv.REPO)
    p.add_argument("--scales", default="1,10,100")
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args(argv)
    scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    source = bv.Source(args.source)
    base = Path(tempfile.mkdtemp(prefix="teekond-bench-analyze-"))
    rows: dict[int, dict[str, float]] = {}
    try:
        for scale in scales:
            ws = base / f"x{scale}"
            source.generate(ws, scale)
            files, size = bv.workspace_size(ws)
            rows[scale] = {"files": files, "mb": size / 1e6, **measure(ws, args.repeat)}
            shutil.rmtree(ws)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print("| scale | files | MB | analyse s | index + analyse s | load + validate + index "
          "+ analyse s | ... + JSON s |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for scale, r in rows.items():
        print(f"| {scale}x | {r['files']:.0f} | {r['mb']:.2f} | {bv.fmt(r['analyse'])} | "
              f"{bv.fmt(r['index+analyse'])} | {bv.fmt(r['pipeline'])} | "
              f"{bv.fmt(r['pipeline+json'])} |")
    ok = True
    if 10 in rows and 100 in rows:
        growth = rows[100]["analyse"] / rows[10]["analyse"]
        ok = growth <= bv.GROWTH_TARGET
        print(f"growth check: analyse at 100x / at 10x = {growth:.2f}; target <= "
              f"{bv.GROWTH_TARGET:g}: {'PASS' if ok else 'FAIL'}")
    if 100 in rows:
        fast = rows[100]["analyse"] < TIME_TARGET_S
        ok &= fast
        print(f"target check: analyse at 100x takes {rows[100]['analyse']:.3f} s; target < "
              f"{TIME_TARGET_S:g} s: {'PASS' if fast else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
