"""The parse cache (``.teekond-cache/parse/``): a repeat run parses nothing and says exactly
what a run without the cache says; an edited, damaged or foreign entry is never trusted;
the cache never makes validate fail; worker processes change nothing in the output."""

from __future__ import annotations

import json
import marshal
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.check.validate import validate
from toolkit.cli import main
from toolkit.load import parse_cache, yamlsource
from toolkit.load.workspace import load_workspace

from .conftest import BAD, overlay_workspace

CASES = sorted(p for p in BAD.iterdir() if p.is_dir())
ENTRIES = Path(".teekond-cache") / "parse"


def fresh(case: Path, into: Path) -> Path:
    """The tiny workspace with ``case`` laid over it, without any parse cache (a test that
    validated the fixture in place leaves one there)."""
    root = overlay_workspace(case, into)
    shutil.rmtree(root / ".teekond-cache", ignore_errors=True)
    return root


def shown(root: Path, **options: object) -> list[dict[str, object]]:
    """Every diagnostic of ``root`` with every field (the excerpt too)."""
    return [d.to_json() for d in validate(root, **options).diagnostics]  # type: ignore[arg-type]


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed (not taken from the cache) during the test, in order."""
    seen: list[str] = []
    real = yamlsource.parse

    def counting(raw: bytes, display: str) -> tuple[yamlsource.Document, list]:  # type: ignore[type-arg]
        seen.append(display)
        return real(raw, display)

    monkeypatch.setattr(yamlsource, "parse", counting)
    return seen


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The tiny workspace with errors in two files: a duplicate key in the journey and an
    ID code in the persona."""
    root = fresh(BAD / "duplicate-pain-points-key", tmp_path / "ws")
    shutil.copyfile(BAD / "isikukood-in-frustration" / "personas" / "anna.yaml",
                    root / "personas" / "anna.yaml")
    return root


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cold_warm_and_uncached_runs_say_exactly_the_same(case: Path, tmp_path: Path) -> None:
    root = fresh(case, tmp_path / "ws")
    uncached = shown(root, cache=False)
    assert not (root / ENTRIES).exists()
    assert shown(root) == uncached  # cold: writes the entries
    assert shown(root) == uncached  # warm: reads them


def test_a_repeat_run_parses_no_file(broken: Path, parses: list[str]) -> None:
    first = shown(broken)
    files = len(parses)
    assert files == len(list(broken.rglob("*.yaml")))
    assert len(list((broken / ENTRIES).iterdir())) == files
    parses.clear()
    assert shown(broken) == first
    assert parses == []


def test_an_edited_file_is_parsed_again_and_its_old_entry_removed(
        broken: Path, parses: list[str]) -> None:
    shown(broken)
    before = set(os.listdir(broken / ENTRIES))
    journey = broken / "journeys" / "newcomer.yaml"
    journey.write_text(journey.read_text(encoding="utf-8").replace(
        "title:", "title: \"Mari, tel 5123 4567\"\nold_title:", 1), encoding="utf-8")
    parses.clear()
    after = shown(broken)
    assert parses == ["journeys/newcomer.yaml"]
    assert after == shown(broken, cache=False)
    assert {d["code"] for d in after if d["file"] == "journeys/newcomer.yaml"} >= {
        "P403", "S103"}
    now = set(os.listdir(broken / ENTRIES))
    assert len(now) == len(before) and len(now - before) == 1


def _damage(kind: str, blob: bytes) -> bytes:
    version = parse_cache.__version__.encode()
    if kind == "truncated":
        return blob[: len(blob) // 2]
    if kind == "empty":
        return b""
    if kind == "flipped":  # one byte of the payload changed
        return blob[:-5] + bytes([blob[-5] ^ 0x55]) + blob[-4:]
    if kind == "other-version":
        return blob.replace(version, b"9" * len(version), 1)
    if kind == "other-format":
        start = len(b"teekond-parse\n") + 1 + len(version)
        return blob[:start] + b"\x00\x63" + blob[start + 2:]
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["truncated", "empty", "flipped", "other-version",
                                  "other-format"])
def test_a_damaged_or_foreign_entry_is_ignored(kind: str, broken: Path,
                                               parses: list[str]) -> None:
    expected = shown(broken, cache=False)
    shown(broken)
    for entry in (broken / ENTRIES).iterdir():
        entry.write_bytes(_damage(kind, entry.read_bytes()))
    parses.clear()
    assert shown(broken) == expected
    assert len(parses) == len(list(broken.rglob("*.yaml")))  # every file read again
    parses.clear()
    assert shown(broken) == expected and parses == []  # and its entry written anew


class _Planted:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, ("open('PLANTED', 'w').close()",))


def test_a_foreign_file_in_the_cache_never_runs_code(broken: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A pickle that would run code when loaded, dropped in place of every entry (also
    behind a header copied from a real entry), is a miss like any other damage."""
    monkeypatch.chdir(tmp_path)
    expected = shown(broken, cache=False)
    shown(broken)
    planted = pickle.dumps(_Planted())
    for entry in (broken / ENTRIES).iterdir():
        header = entry.read_bytes()[:-len(planted)]
        entry.write_bytes(header + planted)
    assert shown(broken) == expected
    for entry in (broken / ENTRIES).iterdir():
        entry.write_bytes(planted)
    assert shown(broken) == expected
    assert not (tmp_path / "PLANTED").exists()


def test_an_entry_round_trips_dates_aliases_duplicates_and_positions(tmp_path: Path) -> None:
    raw = (b"when: 2024-05-01\nat: 2024-05-01 10:30:00+02:00\nbase: &b {d: 2023-01-02, n: 1}\n"
           b"copies: [*b, *b]\nday: &d 2022-02-02\nagain: *d\ndup: 2021-01-01\ndup: x\n"
           b"list:\n  - [a, {b: c}]\n")
    doc, problems = yamlsource.parse(raw, "x.yaml")
    assert [p.code for p in problems] == ["Y002"]
    plain, extra = marshal.loads(yamlsource.to_plain(doc, "extra"))
    assert extra == "extra"
    back = yamlsource.from_plain("x.yaml", raw, plain)
    assert back.text == doc.text
    assert back.data == doc.data
    assert back.data["copies"][0] is back.data["copies"][1] is back.data["base"]
    assert back.values == doc.values and back.keys == doc.keys
    assert type(back.data["at"]) is type(doc.data["at"])


def test_two_runs_at_once_both_succeed(broken: Path) -> None:
    expected = subprocess.run([sys.executable, "-m", "toolkit", "validate", "--no-cache",
                               str(broken)], capture_output=True, text=True, check=False)
    assert expected.returncode == 1
    for _ in range(3):
        shutil.rmtree(broken / ".teekond-cache", ignore_errors=True)
        runs = [subprocess.Popen([sys.executable, "-m", "toolkit", "validate", str(broken)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
        for run in runs:
            out, err = run.communicate(timeout=120)
            assert (run.returncode, out, err) == (1, expected.stdout, expected.stderr)


def test_a_cache_folder_that_cannot_be_written_does_not_fail_validate(
        broken: Path, parses: list[str]) -> None:
    expected = shown(broken, cache=False)
    (broken / ".teekond-cache").write_text("a file where the folder should be\n")
    assert shown(broken) == expected
    (broken / ".teekond-cache").unlink()
    (broken / ENTRIES).parent.mkdir()
    (broken / ENTRIES).write_text("a file where the folder should be\n")
    assert shown(broken) == expected


def test_a_full_disk_does_not_fail_validate(broken: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    expected = shown(broken, cache=False)

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    (broken / ENTRIES).mkdir(parents=True)
    monkeypatch.setattr(parse_cache.os, "replace", full)
    assert shown(broken) == expected
    assert not list((broken / ENTRIES).iterdir())  # no entry, no temporary file left


def test_no_cache_option_and_environment_variable_write_nothing(
        broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    CliRunner().invoke(main, ["validate", "--no-cache", str(broken)])
    assert not (broken / ".teekond-cache").exists()
    monkeypatch.setenv(parse_cache.DISABLE_ENV, "1")
    load_workspace(broken)
    assert not (broken / ".teekond-cache").exists()
    monkeypatch.setenv(parse_cache.DISABLE_ENV, "0")
    load_workspace(broken)
    assert (broken / ENTRIES).is_dir()
    assert (broken / ".teekond-cache" / ".gitignore").read_text().splitlines()[-1] == "*"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_jobs_1_and_jobs_2_print_the_same_bytes(broken: Path, fmt: str) -> None:
    runs = {}
    for jobs in ("1", "2"):
        for cache in ("--no-cache", None):
            shutil.rmtree(broken / ".teekond-cache", ignore_errors=True)
            args = ["validate", "--format", fmt, "--jobs", jobs, str(broken)]
            result = CliRunner().invoke(main, args + ([cache] if cache else []))
            assert result.exit_code == 1, result.output
            runs[jobs, cache] = result.output
    assert len(set(runs.values())) == 1
    if fmt == "json":
        assert {d["code"] for d in json.loads(runs["1", None])} >= {
            "Y002", "P401"}


def test_worker_processes_fill_the_cache_a_serial_run_reads(broken: Path,
                                                            parses: list[str]) -> None:
    expected = shown(broken, cache=False)
    assert shown(broken, jobs=2) == expected
    parses.clear()
    assert shown(broken, jobs=1) == expected and parses == []


def test_changed_code_never_reuses_an_entry(broken: Path, parses: list[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A checkout whose loader or checks changed (same version number) parses again."""
    shown(broken)
    parses.clear()
    monkeypatch.setattr(parse_cache, "code_fingerprint", lambda: b"other code")
    shown(broken)
    assert len(parses) == len(list(broken.rglob("*.yaml")))
