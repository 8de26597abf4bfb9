"""The README is part of the product: its commands and rule table must stay true."""

from __future__ import annotations

import re

from click.testing import CliRunner

from toolkit.cli import main

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", README)


def test_readme_has_exactly_two_commands_and_ci_runs_the_test_one() -> None:
    commands = _commands()
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()
    script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert commands[1] == "sh scripts/test.sh"
    assert "pytest" in script.splitlines()[-1]


def test_readme_main_command_is_the_build_script_which_ends_in_teekond_build() -> None:
    # tests/test_install.py runs it in a fresh copy of the repository.
    assert _commands()[0] == "sh scripts/build.sh"
    script = (ROOT / "scripts" / "build.sh").read_text(encoding="utf-8")
    assert script.splitlines()[-1].startswith("exec .venv/bin/teekond build . ")
    assert "pip install -q --disable-pip-version-check .\n" in script  # not editable


def test_readme_rule_table_matches_teekond_rules() -> None:
    table = CliRunner().invoke(main, ["rules", "--format", "markdown"]).output.strip()
    assert table in README
