#!/usr/bin/env python3
"""Benchmark `teekond validate` on synthetic workspaces N times the size of a real one.

    python benchmarks/bench_validate.py [--source WORKSPACE] [--scales 1,10,100]
                                        [--repeat 5] [--json OUT] [--profile] [--keep DIR]

    from bench_validate import measure   # for benchmarks/run.py: one row per measurement
    rows = measure(scales=(1, 10, 100), repeat=3)   # [{name, scale, seconds, peak_mb, goal}]

For each scale N the script writes, in a temporary folder, a workspace holding N copies of
every journey, persona and catalogue file of the source workspace (default: the repository
root, i.e. the shipped workspace). In copy k every id and every reference to an id is
suffixed with ``-ck``, so the copies are independent and every reference still resolves.
``teekond.yaml`` is copied unchanged: its sources and stakeholder groups are shared, so
``source:`` and ``stakeholder_group:`` are never suffixed, and ``owner:`` / ``stakeholder:``
only when they name a provider rather than a stakeholder group.

The renaming works on the parsed YAML data, never on the text, and each copy is written with
``yaml.safe_dump(sort_keys=False, allow_unicode=True)``. A file that does not parse as YAML
is copied byte for byte instead (its diagnostics are then repeated per copy, too).

Every synthetic workspace is validated once and must give N times the source's number of
diagnostics (by severity); when the source has no errors the synthetic one must have none
either, otherwise the script stops with exit status 1.

Then it times ``teekond validate <ws>`` as a subprocess, **cold** (the parse cache
``.teekond-cache/parse/`` emptied before each run: every file parsed, by worker processes
when there are many) and **warm** (a repeat run: every file from the cache), ``--repeat``
runs each (median), with each run's peak memory (maximum resident set of the process and
its workers, from ``os.wait4``), and ``toolkit.check.validate.validate(root)`` in this
process (warm, median). It prints a table, the goals (1x about 0.3 s; 100x warm under 2 s,
cold under 5 s, under 400 MB; ``teekond --version`` under 0.1 s) and the growth check
(warm time at 100x / time at 10x, target <= 12).

``--profile`` also profiles the in-process run at the largest scale with cProfile (top 25
by cumulative and by own time) and prints a phase breakdown: reading, libyaml's events, the
position-keeping builder, pydantic validation, the cross-file rules one by one, and the
whole run with the garbage collector off.

This is a script, not a test: pytest does not collect it (the tests live in tests/).
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
try:  # the installed toolkit, or the one on PYTHONPATH (to benchmark another checkout)
    import toolkit  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(REPO))

# by module path: toolkit/__init__ has re-exported a function named validate, which hides
# the module of that name as an attribute of the package
validate_mod = importlib.import_module("toolkit.check.validate")
workspace_mod = importlib.import_module("toolkit.load.workspace")

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

SETTINGS_FILE = workspace_mod.SETTINGS_FILE
GOALS = {"cold": (5.0, 400.0), "warm": (2.0, 400.0), "version": (0.1, None)}
"""(seconds, peak MB) each measurement at 100x must stay under (the 1x ones: ~0.3 s)."""
GROWTH_TARGET = 12.0
"""Time at 100x divided by time at 10x must stay at or below this (10x the data, ~10x time)."""
ID_MAX = 64
"""Longest id the model accepts (toolkit.load.model.Id)."""

# Fields (toolkit/model.py) whose values are ids declared in content files. Each copy gets
# its own suffix on these. `source` (Evidence) and `stakeholder_group` (Provider) name
# entries of teekond.yaml, which all copies share, so they are deliberately absent.
SCALAR_REFS = frozenset({
    "provider",   # Service.provider
    "service",    # Touchpoint.service, Proposal.service
    "kov",        # Touchpoint, Background, Journey, Evidence
})
LIST_REFS = frozenset({
    "touchpoints",  # Step.touchpoints (Catalogue.touchpoints holds mappings: left to recursion)
    "services",     # PainPoint.services (Catalogue.services holds mappings)
    "personas",     # Journey.personas
    "kovs",         # Availability.kovs, PainPoint.kovs, GoodPractice.kovs
    "not_on_site",  # Availability.not_on_site
    "addresses",    # Proposal.addresses (pain point ids)
})
PROVIDER_OR_GROUP_REFS = frozenset({
    "owner",        # Proposal.owner: provider id, or a stakeholder group of teekond.yaml
    "stakeholder",  # Role.stakeholder: the same
})
KEYED_REFS = frozenset({"emotion"})  # Step.emotion: persona id -> score


# -- generating synthetic workspaces ---------------------------------------------------------

class SourceFile:
    """One content file of the source: its path, raw bytes and parsed data (if it parses)."""

    def __init__(self, rel: str, raw: bytes) -> None:
        self.rel = rel
        self.raw = raw
        self.data: Any = None
        self.parsed = False
        try:
            self.data = yaml.load(raw.decode("utf-8-sig"), Loader=_Loader)
            self.parsed = self.data is not None
        except Exception:  # noqa: BLE001 - broken files are copied byte for byte
            self.parsed = False


class Source:
    """A snapshot of the source workspace, read once (its folders may change meanwhile)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        files = workspace_mod.content_files(self.root)  # raises NotAWorkspace
        self.settings_raw = (self.root / SETTINGS_FILE).read_bytes()
        self.files = [SourceFile(rel, (self.root / rel).read_bytes())
                      for rel, _ in files if rel != SETTINGS_FILE]
        self.groups = self._group_ids()
        self.providers = {p["id"] for f in self.files if f.parsed and isinstance(f.data, dict)
                          for p in f.data.get("providers") or [] if isinstance(p, dict)
                          and isinstance(p.get("id"), str)}
        self.images = self._images()

    def _group_ids(self) -> set[str]:
        try:
            data = yaml.load(self.settings_raw.decode("utf-8-sig"), Loader=_Loader)
        except Exception:  # noqa: BLE001
            return set()
        groups = data.get("stakeholder_groups") if isinstance(data, dict) else None
        return {g["id"] for g in groups or [] if isinstance(g, dict) and isinstance(g.get("id"),
                                                                                    str)}

    def _images(self) -> list[str]:
        """Persona images inside the workspace: copied once so that rule R206 sees them."""
        found = []
        for f in self.files:
            image = f.data.get("image") if f.parsed and isinstance(f.data, dict) else None
            if isinstance(image, str):
                target = (self.root / image).resolve()
                if target.is_relative_to(self.root) and target.is_file():
                    found.append(target.relative_to(self.root).as_posix())
        return sorted(set(found))

    def snapshot(self, into: Path) -> None:
        """The source as read, byte for byte (the baseline the copies are compared with)."""
        self._common(into)
        for f in self.files:
            _write(into / f.rel, f.raw)

    def _common(self, into: Path) -> None:
        into.mkdir(parents=True)
        _write(into / SETTINGS_FILE, self.settings_raw)
        for rel in self.images:
            (into / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.root / rel, into / rel)

    def generate(self, into: Path, copies: int) -> list[str]:
        """Write ``copies`` suffixed copies of every content file; return warnings."""
        self._common(into)
        warnings: set[str] = set()
        for k in range(1, copies + 1):
            suffix = f"-c{k}"
            for f in self.files:
                rel = Path(f.rel)
                target = into / rel.parent / f"c{k}" / rel.name
                if not f.parsed:
                    _write(target, f.raw)
                    warnings.add(f"{f.rel} does not parse as YAML; copied unchanged")
                    continue
                data = self._rename(f.data, suffix, warnings)
                text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
                _write(target, text.encode("utf-8"))
        return sorted(warnings)

    def _rename(self, value: Any, suffix: str, warnings: set[str]) -> Any:
        """A copy of ``value`` with every id and id reference suffixed."""
        if isinstance(value, list):
            return [self._rename(v, suffix, warnings) for v in value]
        if not isinstance(value, dict):
            return value
        out: dict[Any, Any] = {}
        for key, item in value.items():
            if key == "id" or key in SCALAR_REFS:
                item = self._ref(item, suffix, warnings)
            elif key in PROVIDER_OR_GROUP_REFS:
                if isinstance(item, str) and (item in self.providers or item not in self.groups):
                    item = self._ref(item, suffix, warnings)
            elif key in LIST_REFS and isinstance(item, list):
                item = [self._ref(v, suffix, warnings) if isinstance(v, str)
                        else self._rename(v, suffix, warnings) for v in item]
            elif key in KEYED_REFS and isinstance(item, dict):
                item = {self._ref(p, suffix, warnings): s for p, s in item.items()}
            else:
                item = self._rename(item, suffix, warnings)
            out[key] = item
        return out

    @staticmethod
    def _ref(value: Any, suffix: str, warnings: set[str]) -> Any:
        if not isinstance(value, str):
            return value
        renamed = value + suffix
        if len(value) <= ID_MAX < len(renamed):
            warnings.add(f"id '{value}' is longer than {ID_MAX} characters once suffixed")
        return renamed


def _write(path: Path, raw: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)


def workspace_size(root: Path) -> tuple[int, int]:
    """Number of YAML files teekond reads and their total bytes."""
    files = workspace_mod.content_files(root)
    return len(files), sum((root / rel).stat().st_size for rel, _ in files)


# -- measuring ---------------------------------------------------------------------------

def teekond_command() -> list[str]:
    exe = shutil.which("teekond")
    return [exe] if exe else [sys.executable, "-m", "toolkit"]


def time_call(fn: Callable[[], Any], repeat: int) -> list[float]:
    """Wall times of ``fn()`` (after one warm-up call)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


_LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = proc.stderr.read()
_, status, usage = os.wait4(proc.pid, 0)
print(json.dumps({"seconds": time.perf_counter() - start, "maxrss_kb": usage.ru_maxrss,
                  "cpu": usage.ru_utime + usage.ru_stime,
                  "status": os.waitstatus_to_exitcode(status), "stderr": err.decode()[-2000:]}))
"""
"""Runs a command and reports its time, peak memory and CPU. The measured command must not
be started from this process: a process started by one that holds a large workspace in
memory (as this one does after checking the diagnostics) inherits its parent's peak as
its own starting peak (Linux keeps the high-water mark across fork and exec)."""


def run_measured(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak resident MB and CPU seconds (user + system) of ``cmd``, its
    workers included. CPU time is less disturbed by other work on a shared machine."""
    out = subprocess.run([sys.executable, "-c", _LAUNCHER, *cmd], capture_output=True,
                         text=True, check=True).stdout
    found = json.loads(out)
    if found["status"] not in (0, 1):
        raise SystemExit(f"`{' '.join(cmd)}` exited {found['status']}:\n{found['stderr']}")
    return found["seconds"], found["maxrss_kb"] / 1024, found["cpu"]


def time_cold_warm(root: Path, repeat: int) -> dict[str, dict[str, float]]:
    """Median wall time and largest peak memory of `teekond validate root`, cold (parse
    cache emptied first) and warm (after a run that filled it)."""
    cmd = [*teekond_command(), "validate", str(root)]
    cache = root / ".teekond-cache" / "parse"
    found: dict[str, dict[str, float]] = {}
    for mode in ("cold", "warm"):
        times, peaks, cpu = [], [], []
        for _ in range(repeat):
            if mode == "cold":
                shutil.rmtree(cache, ignore_errors=True)
            seconds, peak, used = run_measured(cmd)
            times.append(seconds)
            peaks.append(peak)
            cpu.append(used)
        found[mode] = {"seconds": statistics.median(times), "peak_mb": max(peaks),
                       "times": times, "cpu_s": statistics.median(cpu)}
    return found


def goal_text(kind: str, scale: int) -> str:
    seconds, mb = GOALS[kind]
    if kind != "version" and scale != 100:
        return "~0.3 s" if scale == 1 else ""
    return f"< {seconds:g} s" + (f", < {mb:g} MB" if mb else "")


def measure(scales: tuple[int, ...] = (1, 10, 100), repeat: int = 3,
            source: Path = REPO) -> list[dict[str, Any]]:
    """One row per measurement: `teekond --version`, then validate cold and warm at each
    scale (each row: name, scale, seconds, peak_mb, goal). For benchmarks/run.py."""
    src = Source(source)
    rows: list[dict[str, Any]] = []
    version = [run_measured([*teekond_command(), "--version"]) for _ in range(repeat)]
    rows.append({"name": "teekond --version", "scale": 0,
                 "seconds": statistics.median([t for t, _, _ in version]),
                 "peak_mb": max(m for _, m, _ in version), "goal": goal_text("version", 0)})
    with tempfile.TemporaryDirectory(prefix="teekond-bench-") as tmp:
        for scale in scales:
            ws = Path(tmp) / f"x{scale}"
            src.generate(ws, scale)
            for mode, found in time_cold_warm(ws, repeat).items():
                rows.append({"name": f"validate {mode}", "scale": scale,
                             "seconds": found["seconds"], "peak_mb": found["peak_mb"],
                             "goal": goal_text(mode, scale), "cpu_s": found["cpu_s"]})
            shutil.rmtree(ws)
    return rows


def count(result: Any) -> dict[str, int]:
    by = Counter(d.severity for d in result.diagnostics)
    return {"total": len(result.diagnostics), "errors": by["error"], "warnings": by["warning"]}


def check_counts(base: dict[str, int], got: dict[str, int], scale: int) -> tuple[bool, str]:
    """(hard failure, message) comparing a scale's diagnostics with the source's times N."""
    want = {k: v * scale for k, v in base.items()}
    if got == want:
        return False, ""
    msg = f"{scale}x: expected {want} diagnostics, got {got}"
    return base["errors"] == 0 and got["errors"] > 0, msg


# -- profiling ---------------------------------------------------------------------------

def profile(root: Path) -> str:
    """cProfile of the in-process run plus a phase-by-phase breakdown, as text."""
    out = io.StringIO()
    prof = cProfile.Profile()
    prof.enable()
    validate_mod.validate(root)
    prof.disable()
    for key in ("cumulative", "tottime"):
        out.write(f"\n--- cProfile of validate({root.name}), top 25 by {key} ---\n")
        pstats.Stats(prof, stream=out).strip_dirs().sort_stats(key).print_stats(25)
    out.write(phases(root))
    return out.getvalue()


def phases(root: Path) -> str:
    """Time each stage of validate() separately, in this process, best of three.

    Written against toolkit's internals, which change: a stage whose API moved is reported
    as n/a instead of stopping the benchmark."""
    import gc

    from toolkit.check import rules
    from toolkit.load import shape as schema_check
    from toolkit.load import yamlsource

    files = workspace_mod.content_files(root)
    context = {"default_language": "et"}
    rows: list[tuple[str, float | None, str]] = []
    state: dict[str, Any] = {}

    def stage(name: str, fn: Callable[[], Any], n: int = 3, keep: str = "") -> None:
        times, value = [], None
        try:
            for _ in range(n):
                start = time.perf_counter()
                value = fn()
                times.append(time.perf_counter() - start)
        except Exception as err:  # noqa: BLE001 - toolkit's internals moved
            rows.append((name, None, f"n/a: {type(err).__name__}: {err}"[:90]))
            return
        rows.append((name, min(times), ""))
        if keep:
            state[keep] = value

    stage("read + decode files", lambda: [(root / rel).read_bytes().decode("utf-8")
                                          for rel, _ in files], keep="texts")
    texts = state.get("texts", [])
    stage("_check_text (emptiness, NUL scan)",
          lambda: [yamlsource._check_text(x) for x in texts])
    stage("libyaml events only (yaml.parse, drained)",
          lambda: [sum(1 for _ in yaml.parse(x, Loader=_Loader)) for x in texts])
    stage("yaml.compose (for comparison; not used)",
          lambda: [yaml.compose(x, Loader=_Loader) and None for x in texts])
    stage("yaml.load CSafeLoader (for comparison; not used)",
          lambda: [yaml.load(x, Loader=_Loader) and None for x in texts])

    def build() -> list[Any]:
        docs = []
        for (rel, _), text in zip(files, texts, strict=True):
            doc = yamlsource.Document(rel, text)
            doc.data = yamlsource._Builder(doc).build(
                yaml.parse(text, Loader=_Loader))
            docs.append(doc)
        return docs

    stage("events + _Builder.build (values + position maps)", build, keep="docs")
    docs = state.get("docs", [])
    stage("pydantic model_validate",
          lambda: [model.model_validate(doc.data, context=context)
                   for (_, model), doc in zip(files, docs, strict=True)], keep="objs")

    def locate() -> None:
        for obj, doc in zip(state["objs"], docs, strict=True):
            schema_check.locate_all(obj, doc.path, (), [])

    stage("schema_check.locate_all", locate)
    stage("= yamlsource.load, all files",
          lambda: [yamlsource.load(root / rel, rel) for rel, _ in files])
    from toolkit.check import free_text

    stage("free_text.scan (privacy, control characters), all files",
          lambda: [free_text.scan(doc) for doc in docs])
    stage("= load_workspace, no cache, 1 job",
          lambda: workspace_mod.load_workspace(root, free_text.scan, jobs=1, cache=False))
    workspace_mod.load_workspace(root, free_text.scan)  # fills the parse cache
    stage("= load_workspace, warm cache", lambda: workspace_mod.load_workspace(
        root, free_text.scan), keep="loaded")
    if "loaded" in state:
        ws, found = state["loaded"]
        checker = rules.Checker(ws, set())
        for name in ("_index", "_catalogue", "_personas", "_journeys", "_proposals",
                     "_evidence", "_translations", "_unused"):
            if name == "_journeys" and not hasattr(checker, name):
                stage("rules: _journey (all journeys)",
                      lambda: [checker._journey(j) for j in ws.journeys], n=1)
            elif hasattr(checker, name):  # once each, in run() order: later ones need _index
                stage(f"rules: {name}", getattr(checker, name), n=1)
        stage("= check_workspace (all rules)", lambda: rules.check_workspace(ws, set()),
              keep="diags")
        stage("sorted(set(diagnostics))",
              lambda: sorted({*found, *state.get("diags", [])}))
    gc.collect()
    gc.disable()
    stage("= validate() with the garbage collector off", lambda: validate_mod.validate(root))
    gc.enable()
    stage("= validate()", lambda: validate_mod.validate(root))

    width = max(len(n) for n, _, _ in rows)
    text = [f"\n--- phases at {root.name} ({len(files)} files), best of 3, seconds ---"]
    text += [f"{name:<{width}}  {fmt(t):>8}  {note}".rstrip() for name, t, note in rows]
    return "\n".join(text) + "\n"


# -- main --------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--source", type=Path, default=REPO,
                   help="workspace to multiply (default: the repository root)")
    p.add_argument("--scales", default="1,10,100", help="comma-separated copy counts")
    p.add_argument("--repeat", type=int, default=5, help="timed runs per measurement")
    p.add_argument("--json", dest="json_out", type=Path, help="also write the results here")
    p.add_argument("--profile", action="store_true",
                   help="profile the in-process run at the largest scale")
    p.add_argument("--keep", type=Path, help="write the synthetic workspaces here and keep "
                   "them (default: a temporary folder, removed afterwards)")
    args = p.parse_args(argv)
    try:
        args.scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    except ValueError:
        p.error("--scales takes whole numbers, e.g. 1,10,100")
    if not args.scales or min(args.scales) < 1 or args.repeat < 1:
        p.error("scales and --repeat must be at least 1")
    return args


def fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        source = Source(args.source)
    except workspace_mod.NotAWorkspace as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    base_dir = args.keep or Path(tempfile.mkdtemp(prefix="teekond-bench-"))
    if args.keep:
        base_dir.mkdir(parents=True, exist_ok=True)
    print(f"teekond validate benchmark: source {source.root} "
          f"({len(source.files)} content files + {SETTINGS_FILE})")
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"libyaml {'yes' if getattr(yaml, '__with_libyaml__', False) else 'NO'}, "
          f"command: {' '.join(teekond_command())}, repeat {args.repeat}, "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"toolkit measured: {Path(validate_mod.__file__).parent}")

    failed = False
    results: dict[str, Any] = {"source": str(source.root), "repeat": args.repeat,
                               "cpus": os.cpu_count(), "scales": [], "rows": []}
    try:
        snap = base_dir / "source-snapshot"
        if snap.exists():
            shutil.rmtree(snap)
        source.snapshot(snap)
        base = count(validate_mod.validate(snap))
        files, size = workspace_size(snap)
        print(f"source: {files} files, {size / 1e6:.3f} MB, diagnostics {base}")
        results["source_diagnostics"] = base
        startup = time_call(lambda: subprocess.run([*teekond_command(), "--version"],
                                                   capture_output=True, check=True), args.repeat)
        results["cli_startup_median_s"] = statistics.median(startup)
        results["rows"].append({"name": "teekond --version", "scale": 0,
                                "seconds": statistics.median(startup), "peak_mb": None,
                                "goal": goal_text("version", 0)})
        print(f"CLI start-up (teekond --version): median {statistics.median(startup):.3f} s")

        for scale in args.scales:
            ws = base_dir / f"x{scale}"
            if ws.exists():
                shutil.rmtree(ws)
            start = time.perf_counter()
            warnings = source.generate(ws, scale)
            made = time.perf_counter() - start
            for w in warnings:
                print(f"  warning: {w}")
            files, size = workspace_size(ws)
            got = count(validate_mod.validate(ws))
            hard, msg = check_counts(base, got, scale)
            if msg:
                print(f"  {'ERROR' if hard else 'warning'}: {msg}")
                failed |= hard
            runs = time_cold_warm(ws, args.repeat)
            inproc = time_call(lambda ws=ws: validate_mod.validate(ws), args.repeat)
            row = {"scale": scale, "files": files, "bytes": size, "diagnostics": got,
                   "diagnostics_ok": not msg, "generate_s": made,
                   "cold_s": runs["cold"]["seconds"], "cold_peak_mb": runs["cold"]["peak_mb"],
                   "cold_times_s": runs["cold"]["times"], "cold_cpu_s": runs["cold"]["cpu_s"],
                   "warm_s": runs["warm"]["seconds"], "warm_peak_mb": runs["warm"]["peak_mb"],
                   "warm_times_s": runs["warm"]["times"], "warm_cpu_s": runs["warm"]["cpu_s"],
                   "inproc_median_s": statistics.median(inproc), "inproc_times_s": inproc}
            results["scales"].append(row)
            for mode in ("cold", "warm"):
                results["rows"].append({
                    "name": f"validate {mode}", "scale": scale, "seconds": row[f"{mode}_s"],
                    "peak_mb": row[f"{mode}_peak_mb"], "goal": goal_text(mode, scale),
                    "cpu_s": row[f"{mode}_cpu_s"]})
            print(f"  {scale}x: {files} files, {size / 1e6:.2f} MB, {got['total']} diagnostics "
                  f"({got['errors']} errors); cold {row['cold_s']:.3f} s, warm "
                  f"{row['warm_s']:.3f} s, in-process {row['inproc_median_s']:.3f} s")
            if not (args.profile and scale == args.scales[-1]) and not args.keep:
                shutil.rmtree(ws)

        rows = {r["scale"]: r for r in results["scales"]}
        ten = rows.get(10)
        print("\n| scale | files | MB | cold s | cold CPU s | cold peak MB | warm s | warm CPU s "
              "| warm peak MB | in-process warm s | goal |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for r in results["scales"]:
            goal = (f"cold {goal_text('cold', 100)}; warm {goal_text('warm', 100)}"
                    if r["scale"] == 100 else goal_text("warm", r["scale"]))
            print(f"| {r['scale']}x | {r['files']} | {r['bytes'] / 1e6:.2f} | "
                  f"{fmt(r['cold_s'])} | {fmt(r['cold_cpu_s'])} | {r['cold_peak_mb']:.0f} | "
                  f"{fmt(r['warm_s'])} | {fmt(r['warm_cpu_s'])} | {r['warm_peak_mb']:.0f} | "
                  f"{fmt(r['inproc_median_s'])} | {goal} |")
        print(f"| `teekond --version` | | | {fmt(results['cli_startup_median_s'])} | | | | | "
              f"| | {goal_text('version', 0)} |")

        print()
        if ten and 100 in rows:
            growth = rows[100]["warm_s"] / ten["warm_s"]
            ok = growth <= GROWTH_TARGET
            results["growth"] = {"warm": growth, "ok": ok}
            print(f"growth check: warm time at 100x / time at 10x = {growth:.2f}; target <= "
                  f"{GROWTH_TARGET:g}: {'PASS' if ok else 'FAIL'}")
        else:
            print("growth check: skipped (needs scales 10 and 100)")
        if 100 in rows:
            r = rows[100]
            checks = {f"{mode} {what}": (value, limit) for mode in ("cold", "warm")
                      for what, value, limit in (
                          ("seconds", r[f"{mode}_s"], GOALS[mode][0]),
                          ("peak MB", r[f"{mode}_peak_mb"], GOALS[mode][1]))}
            results["target"] = {k: {"value": v, "limit": lim, "ok": v < lim}
                                 for k, (v, lim) in checks.items()}
            for k, (v, lim) in checks.items():
                print(f"target check at 100x: {k} {v:.3f} < {lim:g}: "
                      f"{'PASS' if v < lim else 'FAIL'}")
        else:
            print("target check: skipped (needs scale 100)")
        print(f"load average now {os.getloadavg()[0]:.2f} (timings are noisy above ~0.5 "
              "on this machine: other work shares the CPUs)")
        print("diagnostics check: " + ("FAIL" if failed else "PASS" if all(
            r["diagnostics_ok"] for r in results["scales"]) else "differences (see warnings)"))

        if args.profile:
            ws = base_dir / f"x{args.scales[-1]}"
            print(profile(ws))
            if not args.keep:
                shutil.rmtree(ws)
    finally:
        if not args.keep:
            shutil.rmtree(base_dir, ignore_errors=True)

    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
