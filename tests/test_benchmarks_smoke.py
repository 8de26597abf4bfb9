"""benchmarks/run.py --smoke: validate and analyze of the shipped workspace at 1x and 10x
its size must grow no faster than the documented bound (CPU time at 10x / at 1x). Only
ratios are asserted, never absolute times: those depend on the machine."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

RUN = ROOT / "benchmarks" / "run.py"


def test_smoke_growth_within_bound(tmp_path: Path) -> None:
    out = tmp_path / "smoke.json"
    done = subprocess.run([sys.executable, str(RUN), "--smoke", "--json", str(out)],
                          capture_output=True, text=True, timeout=300, check=False)
    figures = json.loads(out.read_text(encoding="utf-8"))
    growth = [row for row in figures["rows"] if row["unit"] == "x"]
    assert [row["figure"] for row in growth] == [
        "validate, cold: CPU 10x / 1x", "validate, warm: CPU 10x / 1x",
        "analyze: CPU 10x / 1x"]
    bound = float(growth[0]["goal"].removeprefix("<= ").removesuffix("x"))
    for row in growth:
        assert 0 < row["value"] <= bound, (row, done.stdout)
        assert row["met"] is True
    assert done.returncode == 0, done.stdout + done.stderr


def test_smoke_fails_when_a_ratio_exceeds_its_bound(tmp_path: Path, monkeypatch) -> None:
    """The exit status follows the verdict: a growth over its bound is exit 1."""
    spec = importlib.util.spec_from_file_location("teekond_bench_run", RUN)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, bench)  # dataclasses look their module up
    spec.loader.exec_module(bench)
    verdicts = iter([False, True])

    def table(source, base, args):  # type: ignore[no-untyped-def]
        met = next(verdicts)
        return [bench.Row("validate, cold: CPU 10x / 1x", 3.0, "x", "<= 25x", met)], {}

    monkeypatch.setattr(bench, "smoke_table", table)
    assert bench.main(["--smoke", "--json", str(tmp_path / "missed.json")]) == 1
    assert bench.main(["--smoke", "--json", str(tmp_path / "met.json")]) == 0
    assert json.loads((tmp_path / "missed.json").read_text())["rows"][0]["met"] is False
