"""Nothing outside the workspace is ever read: content files, folders, template overrides
and portraits that are links to a place outside it give a diagnostic at the link, and no
message or excerpt shows a line of what they point to.

The links are made at run time in temporary folders (a link to a file outside the
repository does not belong in it). The "secret" file is YAML with a syntax error, so if it
were read its line would be printed in the error's excerpt."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.check.validate import validate
from toolkit.cli import main
from toolkit.errors import OutputError
from toolkit.output.template_search import search_path
from toolkit.output.templates import environment

SECRET = "aws_secret_access_key: hunter2-9f8e7d\npassword: [unclosed\n"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the workspace that must never be read."""
    path = tmp_path / "outside" / "credentials.yaml"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


def lines(root: Path) -> list[str]:
    return [d.to_text().splitlines()[0] for d in validate(root).diagnostics]


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def assert_never_shown(root: Path) -> None:
    """Neither the text nor the JSON output of `validate` shows the secret."""
    for fmt in ("text", "json"):
        code, output = cli("validate", str(root), "--format", fmt)
        assert code == 1
        assert "hunter2" not in output and "unclosed" not in output
    assert "hunter2" not in json.dumps([d.to_json() for d in validate(root).diagnostics])


def test_a_journey_that_links_outside_is_not_read(tiny: Path, secret: Path) -> None:
    (tiny / "journeys" / "extra.yaml").symlink_to(secret)
    assert lines(tiny) == ["journeys/extra.yaml:1:1: error Y009 this file is a link to a "
                           "place outside the workspace: teekond does not read it"]
    assert "journeys/extra.yaml" not in validate(tiny).workspace.documents
    assert_never_shown(tiny)


def test_a_link_with_dotdot_that_leaves_the_workspace_is_not_read(tiny: Path,
                                                                  secret: Path) -> None:
    relative = Path("..", "..", *secret.relative_to(tiny.parent).parts)
    (tiny / "personas" / "mari.yaml").symlink_to(relative)
    assert (tiny / "personas" / "mari.yaml").read_text(encoding="utf-8") == SECRET
    assert lines(tiny) == ["personas/mari.yaml:1:1: error Y009 this file is a link to a "
                           "place outside the workspace: teekond does not read it"]
    assert_never_shown(tiny)


def test_settings_that_link_outside_are_not_read(tiny: Path, secret: Path) -> None:
    (tiny / "teekond.yaml").unlink()
    (tiny / "teekond.yaml").symlink_to(secret)
    # and only that: the sources it declares are unknown, not missing (no R202 flood)
    assert lines(tiny) == ["teekond.yaml:1:1: error Y009 this file is a link to a place "
                           "outside the workspace: teekond does not read it"]
    assert "teekond.yaml" not in validate(tiny).workspace.documents
    assert_never_shown(tiny)


@pytest.mark.parametrize("folder", ["journeys", "journeys/more", "touchpoints"])
def test_a_folder_that_links_outside_is_not_entered(tiny: Path, secret: Path,
                                                    folder: str) -> None:
    if folder in ("journeys", "touchpoints"):
        shutil.rmtree(tiny / folder)
    (tiny / folder).symlink_to(secret.parent, target_is_directory=True)
    found = lines(tiny)
    assert f"{folder}:1:1: error Y009 this folder is a link to a place outside the " \
           "workspace: teekond does not read it" in found
    assert not any(" R202 " in line for line in found)  # what it declares is unknown
    assert_never_shown(tiny)


def test_links_that_stay_inside_the_workspace_are_read(tiny: Path) -> None:
    shared = tiny / "shared"
    shared.mkdir()
    (tiny / "personas" / "anna.yaml").rename(shared / "anna.yaml")
    (tiny / "personas" / "anna.yaml").symlink_to(Path("..", "shared", "anna.yaml"))
    (tiny / "journeys" / "again").symlink_to(Path("."), target_is_directory=True)  # a loop
    result = validate(tiny)
    assert [d.code for d in result.diagnostics] == []
    assert [p.id for p in result.workspace.personas] == ["anna"]


def test_a_template_that_links_outside_is_refused(tiny: Path, secret: Path,
                                                  tmp_path: Path) -> None:
    (tiny / "templates").mkdir()
    (tiny / "templates" / "base.html").symlink_to(secret)
    assert lines(tiny) == ["templates/base.html:1:1: error Y009 this template is a link to a "
                           "place outside templates/: teekond does not read it"]
    code, output = cli("build", str(tiny), "--out", str(tmp_path / "out"))
    assert code == 1 and "Y009" in output and "hunter2" not in output
    assert not (tmp_path / "out" / "en").exists()
    # the build refuses it too, should it ever get that far
    with pytest.raises(OutputError, match="base.html is a link to a file outside"):
        environment(tiny).get_template("base.html")


def test_a_templates_folder_that_links_outside_is_not_searched(tiny: Path,
                                                               secret: Path) -> None:
    (tiny / "templates").symlink_to(secret.parent, target_is_directory=True)
    assert lines(tiny) == ["templates:1:1: error Y009 this folder is a link to a place outside "
                           "the workspace: teekond does not read it"]
    assert tiny / "templates" not in search_path(tiny)


def test_a_template_that_links_inside_templates_is_used(tiny: Path) -> None:
    own = tiny / "templates" / "own"
    own.mkdir(parents=True)
    (own / "journey_text.html").write_text("{% extends 'base.html' %}{% block content %}"
                                           "Our own{% endblock %}", encoding="utf-8")
    (tiny / "templates" / "journey_text.html").symlink_to(Path("own", "journey_text.html"))
    assert lines(tiny) == []
    source, _, _ = environment(tiny).loader.get_source(  # type: ignore[union-attr]
        environment(tiny), "journey_text.html")
    assert "Our own" in source


def test_a_portrait_that_links_outside_is_refused(tiny: Path, tmp_path: Path) -> None:
    picture = tmp_path / "outside" / "face.png"
    picture.parent.mkdir()
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    (tiny / "personas" / "images").mkdir()
    (tiny / "personas" / "images" / "anna.png").symlink_to(picture)
    anna = tiny / "personas" / "anna.yaml"
    anna.write_text(anna.read_text(encoding="utf-8") + "image: personas/images/anna.png\n",
                    encoding="utf-8")
    assert lines(tiny) == [
        "personas/anna.yaml:18:8: error R206 the image 'personas/images/anna.png' lies outside "
        "the workspace"]


def test_a_file_name_with_an_escape_sequence_is_printed_escaped(tiny: Path) -> None:
    (tiny / "journeys" / "\x1b]0;pwned\x07.txt").write_text("notes", encoding="utf-8")
    assert lines(tiny) == ["journeys/\\x1b]0;pwned\\x07.txt:1:1: warning Y010 this file is "
                           "not read: journeys/ holds .yaml or .yml files"]
    code, output = cli("validate", str(tiny))
    assert "\x1b" not in output and "\x07" not in output


def test_the_build_stamp_does_not_read_a_file_outside(tiny: Path, secret: Path) -> None:
    """The no-op check hashes what a build reads, before validation runs: a link that
    leaves the workspace counts by its name only, so what it points to is never opened."""
    from toolkit.site.stamp import fingerprint

    (tiny / "journeys" / "extra.yaml").symlink_to(secret)
    (tiny / "templates").mkdir(exist_ok=True)
    (tiny / "templates" / "journey.html").symlink_to(secret)
    before = fingerprint(tiny, {}, [])
    secret.write_text(SECRET + "# changed\n", encoding="utf-8")
    assert fingerprint(tiny, {}, []) == before
    (tiny / "journeys" / "extra.yaml").unlink()
    assert fingerprint(tiny, {}, []) != before  # the link itself is an input
