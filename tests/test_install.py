"""The README's main command works in a fresh copy of the repository.

The files git tracks (with their working-tree content, so uncommitted edits are tried too)
are copied to a temporary folder, and the README's first command runs there exactly as the
README writes it: system packages, .venv, `pip install .` (from PyPI, through pip's cache)
and a full `teekond build .`. It takes a minute or two; deselect it with `-m "not install"`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.install

TIMEOUT_S = 900
"""pip's downloads on a cold cache plus a full build with PNGs and PDFs."""
CACHE_NAMES = (".cache", ".teekond-stamp", ".teekond-files")
"""Where the build cache, the stamp and the manifest lived before they moved out of build/."""


def _main_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)[0]


def _tracked_files() -> list[str]:
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                                check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: nothing tells which files a clone would hold")
    return [name for name in listed.decode("utf-8").split("\0") if name]


def _copy_tracked(into: Path) -> None:
    for name in _tracked_files():
        source = ROOT / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree, not yet committed
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)


class Run:
    """The README's main command, run once in a fresh copy."""

    def __init__(self, folder: Path, command: str) -> None:
        self.folder, self.command = folder, command
        start = time.perf_counter()
        done = subprocess.run(command, shell=True, cwd=folder, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=TIMEOUT_S)
        self.seconds = time.perf_counter() - start
        self.code, self.output = done.returncode, done.stdout + done.stderr

    def tail(self) -> str:
        return f"`{self.command}` exited {self.code} after {self.seconds:.0f} s:\n" + "\n".join(
            self.output.splitlines()[-40:])


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    folder = tmp_path_factory.mktemp("clone")
    _copy_tracked(folder)
    assert not (folder / "build").exists() and not (folder / ".venv").exists()
    return Run(folder, _main_command())


def _site_files(run: Run) -> list[Path]:
    return [p.relative_to(run.folder / "build") for p in (run.folder / "build").rglob("*")]


def test_main_command_exits_0_and_says_files_were_written(run: Run) -> None:
    assert run.code == 0, run.tail()
    written = re.search(r"built \S+: (\d+) files written", run.output)
    assert written and int(written.group(1)) > 0, run.tail()


def test_build_holds_the_site_in_both_languages(run: Run) -> None:
    assert run.code == 0, run.tail()
    assert (run.folder / "build" / "et" / "index.html").is_file()
    assert (run.folder / "build" / "en" / "index.html").is_file()


def test_build_holds_nothing_of_the_python_package(run: Run) -> None:
    # setuptools built the wheel in build/ (build/lib/, build/bdist.*), next to the site.
    assert run.code == 0, run.tail()
    stray = [str(p) for p in _site_files(run)
             if p.parts[0] in ("lib", "toolkit") or p.parts[0].startswith("bdist.")
             or p.suffix == ".py" or any(part.endswith(".egg-info") for part in p.parts)]
    assert stray == []


def test_pip_left_no_build_output_in_the_source_tree(run: Run) -> None:
    assert run.code == 0, run.tail()
    egg_info = [str(p.relative_to(run.folder)) for p in run.folder.rglob("*.egg-info")
                if ".venv" not in p.relative_to(run.folder).parts]
    assert egg_info == []
    assert not (run.folder / "dist").exists()
    # build/ exists because teekond wrote the site there; anything pip would leave in it is
    # checked above.


def test_build_holds_the_site_only(run: Run) -> None:
    assert run.code == 0, run.tail()
    assert [name for name in CACHE_NAMES if (run.folder / "build" / name).exists()] == []
    assert sorted(p.name for p in (run.folder / "build").iterdir()) == [
        "assets", "en", "et", "index.html"]
    assert (run.folder / ".teekond-cache" / ".gitignore").is_file()
