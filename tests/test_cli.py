"""The `teekond` command line, in process (click's CliRunner) and as a real program
(`python -m toolkit` and the installed `teekond` script): output, formats, exit codes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

import toolkit
from toolkit.cli import REPORT_URL, main, run
from toolkit.diagnostics import RULES

from .conftest import TINY

DIAGNOSTIC = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): "
                        r"(?P<severity>error|warning) (?P<code>[A-Z]\d{3}) (?P<message>.+)$")
FIELDS = {"file", "line", "col", "severity", "code", "message", "hint"}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# -- running teekond three ways ------------------------------------------------------------

class Ran:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    @property
    def both(self) -> str:
        return self.out + self.err


def _script() -> str:
    beside = Path(sys.executable).with_name("teekond")
    if beside.exists():
        return str(beside)
    found = shutil.which("teekond")
    if found is None:
        pytest.skip("the teekond script is not installed")
    return found


def in_process(*args: str) -> Ran:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False, prog_name="teekond")
    return Ran(result.exit_code, result.stdout, result.stderr)


def as_module(*args: str, env: dict[str, str] | None = None) -> Ran:
    done = subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False,
                          env={**os.environ, **(env or {})})
    return Ran(done.returncode, done.stdout, done.stderr)


def as_script(*args: str) -> Ran:
    done = subprocess.run([_script(), *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)
    return Ran(done.returncode, done.stdout, done.stderr)


RUNNERS = pytest.mark.parametrize("teekond", [in_process, as_module, as_script],
                                  ids=["clirunner", "python-m", "script"])
IN_PROCESS_AND_SCRIPT = pytest.mark.parametrize("teekond", [in_process, as_script],
                                                ids=["clirunner", "script"])
Teekond = Callable[..., Ran]


def copy_tiny(into: Path) -> Path:
    return Path(shutil.copytree(TINY, into))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """Two errors (one a YAML syntax error) and one warning."""
    root = copy_tiny(tmp_path / "broken")
    edit(root / "journeys" / "newcomer.yaml",
         "title: {et: Elamisloa juhend, en: Residence permit guide}", "title: Step: x")
    edit(root / "touchpoints" / "catalogue.yaml", "level: state", "level: stat")
    edit(root / "personas" / "anna.yaml", "quote: {et: Kust ma alustan?, en: Where do I start?}",
         "quote: Kust ma alustan")
    return root


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    """Only a warning: a text without its English translation."""
    root = copy_tiny(tmp_path / "warned")
    edit(root / "personas" / "anna.yaml", "quote: {et: Kust ma alustan?, en: Where do I start?}",
         "quote: Kust ma alustan")
    return root


def parse_text(out: str) -> list[dict[str, Any]]:
    """Diagnostics back from the text format: a head line, a hint line, excerpt lines."""
    found: list[dict[str, Any]] = []
    for row in out.splitlines():
        head = DIAGNOSTIC.match(row)
        if head:
            found.append({**head.groupdict(), "line": int(head["line"]),
                          "col": int(head["col"]), "hint": ""})
        elif row.startswith("    hint: "):
            assert found and not found[-1]["hint"] and "excerpt" not in found[-1]
            found[-1]["hint"] = row.removeprefix("    hint: ")
        elif row.startswith("    "):
            assert found, row
            excerpt = found[-1].get("excerpt")
            found[-1]["excerpt"] = row[4:] if excerpt is None else excerpt + "\n" + row[4:]
        else:
            raise AssertionError(f"unexpected output line {row!r}")
    return found


# -- help and version ----------------------------------------------------------------------

@RUNNERS
def test_help(teekond: Teekond) -> None:
    ran = teekond("--help")
    assert ran.code == 0
    assert ran.out.startswith("Usage: teekond ")
    for command in ("validate", "rules", "schema", "new", "graph"):
        assert re.search(rf"^\s+{command}\s", ran.out, re.MULTILINE), command
    assert in_process("-h").out == in_process("--help").out


def test_help_of_a_command() -> None:
    ran = in_process("validate", "--help")
    assert ran.code == 0
    assert "--strict" in ran.out and "--format" in ran.out


@RUNNERS
def test_version(teekond: Teekond) -> None:
    ran = teekond("--version")
    assert ran.code == 0
    assert ran.out.strip() == f"teekond, version {toolkit.__version__}"


# -- validate ------------------------------------------------------------------------------

@RUNNERS
def test_validate_tiny_workspace_exits_0(teekond: Teekond) -> None:
    ran = teekond("validate", str(TINY))
    assert ran.code == 0
    assert ran.out == ""
    assert ran.err.strip() == "4 files checked: 0 errors, 0 warnings"


def test_validate_defaults_to_the_current_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TINY)
    ran = in_process("validate")
    assert ran.code == 0
    assert "4 files checked" in ran.err


@RUNNERS
def test_validate_broken_workspace_exits_1_with_located_diagnostics(teekond: Teekond,
                                                                     broken: Path) -> None:
    ran = teekond("validate", str(broken))
    assert ran.code == 1
    assert "Traceback" not in ran.both
    heads = [row for row in ran.out.splitlines() if DIAGNOSTIC.match(row)]
    assert heads == [
        ("journeys/newcomer.yaml:36:16: error Y001 mapping values are not allowed in this "
         "context"),
        "personas/anna.yaml:4:8: warning C306 'quote' has no en translation",
        "touchpoints/catalogue.yaml:11:12: error S104 'stat' is not allowed for 'level'",
    ]
    hints = [row for row in ran.out.splitlines() if row.startswith("    hint: ")]
    assert len(hints) == 3
    assert "    hint: use one of: 'state', 'kov', 'ngo', 'international', 'private'" in hints
    assert "    36 |     title: Step: x" in ran.out.splitlines()
    assert ran.err.strip() == "4 files checked: 2 errors, 1 warning"
    assert "\x1b[" not in ran.both  # no colour when not on a terminal


@pytest.mark.parametrize("args", [["-q", "validate"], ["validate", "-q"]],
                         ids=["before", "after"])
def test_quiet_prints_problems_only(args: list[str], broken: Path) -> None:
    loud = in_process("validate", str(broken))
    ran = in_process(*args, str(broken))
    assert ran.code == 1
    assert ran.err == ""
    assert ran.out == loud.out
    assert len(parse_text(ran.out)) == 3


@RUNNERS
def test_json_format(teekond: Teekond, broken: Path) -> None:
    ran = teekond("validate", "--format", "json", str(broken))
    assert ran.code == 1
    assert "Traceback" not in ran.both
    data = json.loads(ran.out)
    assert isinstance(data, list) and len(data) == 3
    for item in data:
        expected = FIELDS | ({"excerpt"} if item["code"] == "Y001" else set())
        assert set(item) == expected
        assert isinstance(item["line"], int) and isinstance(item["col"], int)
        assert item["severity"] == RULES[item["code"]].severity
        assert item["hint"]
    assert [(d["file"], d["line"], d["col"], d["code"], d["severity"]) for d in data] == [
        ("journeys/newcomer.yaml", 36, 16, "Y001", "error"),
        ("personas/anna.yaml", 4, 8, "C306", "warning"),
        ("touchpoints/catalogue.yaml", 11, 12, "S104", "error"),
    ]
    assert data[0]["excerpt"].splitlines()[-1].endswith("^")


@IN_PROCESS_AND_SCRIPT
def test_json_and_text_give_the_same_diagnostics(teekond: Teekond, broken: Path) -> None:
    text = teekond("validate", str(broken))
    data = json.loads(teekond("validate", "--format", "json", str(broken)).out)
    assert parse_text(text.out) == data


def test_json_of_a_clean_workspace_is_an_empty_list() -> None:
    ran = in_process("validate", "--format", "json", str(TINY))
    assert ran.code == 0
    assert json.loads(ran.out) == []


def test_strict_fails_on_warnings(warned: Path) -> None:
    ran = in_process("validate", str(warned))
    assert ran.code == 0
    assert [d["code"] for d in parse_text(ran.out)] == ["C306"]
    assert ran.err.strip() == "4 files checked: 0 errors, 1 warning"
    strict = in_process("validate", "--strict", str(warned))
    assert strict.code == 1
    assert strict.out == ran.out
    assert in_process("validate", "--strict", str(TINY)).code == 0


@IN_PROCESS_AND_SCRIPT
def test_strict_through_the_program(teekond: Teekond, warned: Path) -> None:
    assert teekond("validate", str(warned)).code == 0
    assert teekond("validate", "--strict", str(warned)).code == 1


# -- usage errors ------------------------------------------------------------------------------

@RUNNERS
def test_folder_without_settings_exits_2(teekond: Teekond, tmp_path: Path) -> None:
    (tmp_path / "journeys").mkdir()
    ran = teekond("validate", str(tmp_path))
    assert ran.code == 2
    assert "teekond.yaml" in ran.err
    assert "Traceback" not in ran.both
    assert ran.out == ""


@pytest.mark.parametrize("args", [
    ["validate", "--no-such-option"],
    ["--no-such-option"],
    ["no-such-command"],
    ["validate", "--format", "xml"],
    ["validate", "/no/such/folder"],
], ids=["option", "global-option", "command", "format", "missing-folder"])
def test_usage_errors_exit_2(args: list[str], teekond: Teekond = in_process) -> None:
    if args[-1] == "--no-such-option" and len(args) == 2:
        args = [*args, str(TINY)]
    ran = teekond(*args)
    assert ran.code == 2
    assert "Error:" in ran.err
    assert "Traceback" not in ran.both


def test_graph_of_a_folder_without_settings_exits_2(tmp_path: Path) -> None:
    assert in_process("graph", str(tmp_path)).code == 2


# -- rules and schema --------------------------------------------------------------------

@RUNNERS
def test_rules_lists_every_rule(teekond: Teekond) -> None:
    ran = teekond("rules")
    assert ran.code == 0
    listed = re.findall(r"^([A-Z]\d{3})\s+(error|warning)\s+(.+)$", ran.out, re.MULTILINE)
    assert [code for code, _, _ in listed] == list(RULES)
    for code, severity, title in listed:
        assert RULES[code].severity == severity and RULES[code].title == title.strip()
    for rule in RULES.values():
        assert rule.explanation in ran.out


def test_rules_as_markdown() -> None:
    ran = in_process("rules", "--format", "markdown")
    rows = ran.out.strip().splitlines()
    assert rows[0] == "| code | severity | rule | what it means |"
    assert [row.split(" | ")[0].lstrip("| ") for row in rows[2:]] == list(RULES)


def _plain(value: Any) -> Any:
    """YAML values as JSON would hold them (dates become YYYY-MM-DD text)."""
    return json.loads(json.dumps(value, default=lambda o: o.isoformat()))


TINY_FILES = {"workspace": "teekond.yaml", "catalogue": "touchpoints/catalogue.yaml",
              "persona": "personas/anna.yaml", "journey": "journeys/newcomer.yaml"}


@IN_PROCESS_AND_SCRIPT
def test_schema_writes_four_json_schemas(teekond: Teekond, tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    ran = teekond("schema", "--out", str(out))
    assert ran.code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{kind}.schema.json" for kind in TINY_FILES)
    assert sorted(ran.out.split()) == sorted(str(out / f"{k}.schema.json") for k in TINY_FILES)
    for kind in TINY_FILES:
        schema = json.loads((out / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert schema["$schema"].startswith("https://json-schema.org/")
        jsonschema.validators.validator_for(schema).check_schema(schema)


def test_tiny_files_validate_against_the_schemas(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    assert in_process("schema", "--out", str(out)).code == 0
    for kind, rel in TINY_FILES.items():
        schema = json.loads((out / f"{kind}.schema.json").read_text(encoding="utf-8"))
        cls = jsonschema.validators.validator_for(schema)
        validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
        # PyYAML's pure-Python loader rejects '?' inside flow mappings, which libyaml (the
        # loader teekond uses) accepts; read the file the way teekond reads it.
        data = _plain(yaml.load((TINY / rel).read_text(encoding="utf-8"), Loader=_LOADER))
        assert [e.message for e in validator.iter_errors(data)] == [], rel
        # and the schema does reject what teekond rejects
        assert list(validator.iter_errors({**data, "no_such_field": 1}))
        if kind != "catalogue":
            incomplete = {k: v for k, v in data.items() if k != "title" and k != "id"}
            assert list(validator.iter_errors(incomplete))


def test_schema_rejects_a_bad_vocabulary_value(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    in_process("schema", "--out", str(out))
    schema = json.loads((out / "journey.schema.json").read_text(encoding="utf-8"))
    data = _plain(yaml.load((TINY / TINY_FILES["journey"]).read_text(encoding="utf-8"),
                            Loader=_LOADER))
    data["stages"][0]["steps"][0]["pain_points"][0]["severity"] = 7
    assert list(jsonschema.validators.validator_for(schema)(schema).iter_errors(data))


# -- new -----------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["persona", "journey", "touchpoint"])
def test_new_writes_a_skeleton_that_validates(kind: str, tmp_path: Path) -> None:
    root = copy_tiny(tmp_path / "ws")
    folder = {"persona": "personas", "journey": "journeys", "touchpoint": "touchpoints"}[kind]
    ran = as_module("new", kind, "fresh-one", str(root))
    assert ran.code == 0, ran.err
    path = root / folder / "fresh-one.yaml"
    assert ran.out.strip() == f"wrote {path}"
    assert "fresh-one" in path.read_text(encoding="utf-8")
    assert in_process("validate", str(root)).code == 0
    before = path.read_bytes()
    again = as_module("new", kind, "fresh-one", str(root))
    assert again.code == 2
    assert "exists" in again.err
    assert path.read_bytes() == before


@IN_PROCESS_AND_SCRIPT
def test_new_never_overwrites_an_existing_file(teekond: Teekond, tmp_path: Path) -> None:
    root = copy_tiny(tmp_path / "ws")
    existing = root / "personas" / "maria.yaml"
    existing.write_bytes(b"# my own notes\xff, not even UTF-8\n")
    ran = teekond("new", "persona", "maria", str(root))
    assert ran.code == 2
    assert "exists" in ran.err and "Traceback" not in ran.both
    assert existing.read_bytes() == b"# my own notes\xff, not even UTF-8\n"


@pytest.mark.parametrize("ident", ["Maria", "maria_2", "-maria", "maria-", "a--b", "ä",
                                   "x" * 41, ""])
def test_new_with_an_invalid_id_exits_2(ident: str, tmp_path: Path,
                                        teekond: Teekond = in_process) -> None:
    root = copy_tiny(tmp_path / "ws")
    ran = teekond("new", "journey", "--", ident, str(root))
    assert ran.code == 2
    assert "not a valid id" in ran.err
    assert sorted(p.name for p in (root / "journeys").iterdir()) == ["newcomer.yaml"]


@pytest.mark.parametrize("teekond", [as_module, as_script], ids=["python-m", "script"])
def test_usage_errors_exit_2_from_the_program(teekond: Teekond, tmp_path: Path) -> None:
    test_usage_errors_exit_2(["validate", "--no-such-option"], teekond)
    test_new_with_an_invalid_id_exits_2("Maria", tmp_path, teekond)


def test_new_of_an_unknown_kind_exits_2(tmp_path: Path) -> None:
    root = copy_tiny(tmp_path / "ws")
    assert in_process("new", "provider", "x", str(root)).code == 2


def test_new_outside_a_workspace_exits_2(tmp_path: Path) -> None:
    ran = in_process("new", "persona", "maria", str(tmp_path))
    assert ran.code == 2
    assert not (tmp_path / "personas").exists()


# -- graph -----------------------------------------------------------------------------------

def _expected_nodes(root: Path) -> set[str]:
    nodes = set()
    for path in (root / "journeys").glob("*.yaml"):
        journey = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
        nodes.add(f"journey:{journey['id']}")
        for stage in journey["stages"]:
            nodes.add(f"stage:{journey['id']}/{stage['id']}")
            nodes.update(f"step:{journey['id']}/{step['id']}" for step in stage["steps"])
    for path in (root / "personas").glob("*.yaml"):
        nodes.add(f"persona:{yaml.load(path.read_text(encoding='utf-8'), Loader=_LOADER)['id']}")
    return nodes


def test_graph_is_byte_identical_across_runs() -> None:
    first = as_module("graph", str(TINY), env={"PYTHONHASHSEED": "1"})
    second = as_module("graph", str(TINY), env={"PYTHONHASHSEED": "2"})
    third = as_script("graph", str(TINY))
    assert first.code == second.code == third.code == 0
    assert first.out == second.out == third.out
    assert first.out == in_process("graph", str(TINY)).out


@RUNNERS
def test_graph_has_a_node_for_every_journey_stage_step_and_persona(teekond: Teekond) -> None:
    ran = teekond("graph", str(TINY))
    assert ran.code == 0
    data = json.loads(ran.out)
    keys = {node["key"] for node in data["nodes"]}
    expected = _expected_nodes(TINY)
    assert len(expected) == 6
    assert expected <= keys
    assert {"touchpoint:permit-web", "service:residence-permit", "provider:ppa"} <= keys


def test_graph_of_a_broken_workspace_exits_1_without_json(broken: Path) -> None:
    ran = in_process("graph", str(broken))
    assert ran.code == 1
    assert not ran.out.lstrip().startswith("{")
    # every problem, as `validate` prints them (the warning is in a file that loaded)
    assert [d["code"] for d in parse_text(ran.out)] == ["Y001", "C306", "S104"]


def test_graph_of_a_workspace_with_warnings_only_is_printed(warned: Path) -> None:
    ran = in_process("graph", str(warned))
    assert ran.code == 0
    assert _expected_nodes(warned) <= {n["key"] for n in json.loads(ran.out)["nodes"]}


# -- internal errors ---------------------------------------------------------------------------

WRAPPER = """\
import importlib
import sys

def boom(*args, **kwargs):
    raise RuntimeError("simulated failure")

# toolkit/__init__ re-exports the function validate, which hides the module of that name
importlib.import_module("toolkit.check.validate").validate = boom
sys.argv = ["teekond", *sys.argv[1:]]
from toolkit.cli import run
run()
"""


def _assert_bug_report(err: str) -> None:
    assert f"teekond {toolkit.__version__}: internal error: RuntimeError: simulated failure" \
        in err
    assert "please report" in err.lower()
    assert REPORT_URL in err
    assert "Traceback" not in err


def test_internal_error_exits_3_with_a_short_report(tmp_path: Path) -> None:
    wrapper = tmp_path / "wrapper.py"
    wrapper.write_text(WRAPPER, encoding="utf-8")
    done = subprocess.run([sys.executable, str(wrapper), "validate", str(TINY)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 3
    assert done.stdout == ""
    _assert_bug_report(done.stderr)


@pytest.mark.parametrize("command", ["validate", "graph"])
def test_internal_error_in_process(command: str, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(sys.modules["toolkit.check.validate"], "validate", boom)
    monkeypatch.setattr(sys, "argv", ["teekond", command, str(TINY)])
    with pytest.raises(SystemExit) as exited:
        run()
    assert exited.value.code == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    _assert_bug_report(captured.err)


def test_interrupt_exits_130(monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(sys.modules["toolkit.check.validate"], "validate", interrupted)
    monkeypatch.setattr(sys, "argv", ["teekond", "validate", str(TINY)])
    with pytest.raises(SystemExit) as exited:
        run()
    assert exited.value.code == 130
    assert "interrupted" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "code"), [
    (["validate", str(TINY)], 0), (["--version"], 0), (["--help"], 0),
    (["validate", "--bogus"], 2),
])
def test_run_exit_codes(args: list[str], code: int, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["teekond", *args])
    with pytest.raises(SystemExit) as exited:
        run()
    assert exited.value.code == code
    assert "Traceback" not in capsys.readouterr().err


def test_run_exits_1_on_problems(broken: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["teekond", "validate", str(broken)])
    with pytest.raises(SystemExit) as exited:
        run()
    assert exited.value.code == 1
    assert "error S104" in capsys.readouterr().out


def test_schema_into_an_impossible_folder_is_a_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    ran = as_module("schema", "--out", str(blocker / "schemas"))
    assert ran.code == 2, ran.err
    assert "internal error" not in ran.err
