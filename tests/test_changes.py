"""The "what changed" engine: comparing two versions of a workspace, from folders and from
git revisions, and its errors.

``fixtures/changes/before`` and ``after`` are the tiny workspace and a later version of it
with the differences listed in EXPECTED_* below; both validate cleanly."""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.analyse.changes import (
    PIPELINE,
    Changes,
    FieldChange,
    Item,
    compare,
    diff_fields,
    name_of,
)
from toolkit.analyse.snapshot import (
    GitNotFound,
    InvalidSnapshot,
    NoHistoryBefore,
    NotAGitRepository,
    NoWorkspace,
    SnapshotError,
    UnknownPeriod,
    UnknownRevision,
    commit_before,
    default_since,
    load_before,
    load_previous,
    load_revision,
    load_valid,
    previous_period_end,
    resolve_commit,
    snapshot,
)
from toolkit.check.validate import validate
from toolkit.load import yamlsource
from toolkit.load.model import (
    Catalogue,
    Journey,
    Persona,
    Proposal,
    Text,
    WorkspaceSettings,
)
from toolkit.load.workspace import Workspace

from .conftest import TESTS

BEFORE = TESTS / "fixtures" / "changes" / "before"
AFTER = TESTS / "fixtures" / "changes" / "after"

EXPECTED_ADDED = [
    ("stage", "settling", ("newcomer",)),
    ("step", "joins-language-club", ("newcomer", "settling")),
    ("pain point", "desk-queue", ("newcomer", "arrival", "register-residence")),
    ("proposal", "online-booking", ("newcomer",)),
    ("service", "language-club", ()),
    ("touchpoint", "language-club-evening", ()),
]
EXPECTED_REMOVED = [
    ("stage", "registration", ("newcomer",)),
    ("good practice", "one-stop-shop", ("newcomer", "registration", "register-residence")),
]
EXPECTED_CHANGED = [
    ("journey", "newcomer", (), [("title", "text", None, None, ("en",))]),
    ("step", "register-residence", ("newcomer", "arrival"),
     [("stage", "moved", "registration", "arrival", ())]),
    ("pain point", "permit-info-hard-to-find", ("newcomer", "arrival", "apply-permit"),
     [("title", "text", None, None, ("en",)), ("severity", "value", 2, 3, ())]),
    ("proposal", "permit-guide", ("newcomer",),
     [("owner", "value", "ppa", "tartu", ()), ("status", "value", "idea", "pilot", ()),
      ("target_date", "value", None, dt.date(2025, 9, 30), ())]),
    ("persona", "anna", (), [("quote", "text", None, None, ("et",))]),
    ("provider", "tartu", (), [("partner.journey_model_since", "value", None, 2025, ())]),
    ("touchpoint", "permit-web", (), [("languages", "value", [], ["et", "en"], ())]),
]


def load(root: Path) -> Workspace:
    return load_valid(root, f"folder {root}")


def items(found: tuple[Item, ...]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(i.kind, i.id, i.place.ids) for i in found]


def fields(change: FieldChange) -> tuple[Any, ...]:
    return change.field, change.what, change.old, change.new, change.languages


def summary(changes: Changes) -> dict[str, list[Any]]:
    return {
        "added": items(changes.added),
        "removed": items(changes.removed),
        "changed": [(c.kind, c.id, c.place.ids, [fields(f) for f in c.fields])
                    for c in changes.changed],
    }


EXPECTED = {"added": EXPECTED_ADDED, "removed": EXPECTED_REMOVED, "changed": EXPECTED_CHANGED}


@pytest.fixture(scope="module")
def fixture_changes() -> Changes:
    return compare(load(BEFORE), load(AFTER))


# --- comparing two folders ------------------------------------------------------------------

@pytest.mark.parametrize("root", [BEFORE, AFTER], ids=["before", "after"])
def test_both_fixture_versions_validate_cleanly(root: Path) -> None:
    assert validate(root).diagnostics == []


def test_compare_lists_exactly_the_known_changes(fixture_changes: Changes) -> None:
    assert summary(fixture_changes) == EXPECTED
    assert not fixture_changes.empty


def test_a_step_moved_to_another_stage_is_changed_not_removed_and_added(
        fixture_changes: Changes) -> None:
    moved = [c for c in fixture_changes.changed if c.moved]
    assert [(c.kind, c.id) for c in moved] == [("step", "register-residence")]
    assert moved[0].before_place.ids == ("newcomer", "registration")


def test_a_pain_point_moves_with_its_step_and_moves_on_its_own() -> None:
    before, after = load(BEFORE), load(BEFORE)
    arrival, registration = after.journeys[0].stages
    registration.steps.append(arrival.steps.pop())  # apply-permit, with its pain point
    [step] = compare(before, after).changed
    assert (step.id, [fields(f) for f in step.fields]) == (
        "apply-permit", [("stage", "moved", "arrival", "registration", ())])
    registration.steps[0].pain_points.append(registration.steps[1].pain_points.pop())
    moved = {c.id: [fields(f) for f in c.fields] for c in compare(before, after).changed}
    assert moved["permit-info-hard-to-find"] == [
        ("step", "moved", "apply-permit", "register-residence", ())]


def test_changes_carry_the_model_objects_for_rendering(fixture_changes: Changes) -> None:
    added_stage = fixture_changes.added[0]
    assert added_stage.name.get_lang("en") == "Settling in"
    assert added_stage.place.journey is not None
    assert added_stage.place.journey.title.get_lang("et") == "Uussisserändaja teekond"
    removed = fixture_changes.removed[1]
    assert removed.place.stage is not None and removed.place.stage.id == "registration"
    changed = fixture_changes.changed[2]
    assert changed.before.severity == 2 and changed.after.severity == 3  # type: ignore
    assert changed.name.get_lang("en") == "Information is very hard to find"
    assert changed.field("severity") == FieldChange("severity", "value", 2, 3)
    assert changed.field("kind") is None


def test_proposal_status_transitions(fixture_changes: Changes) -> None:
    [transition] = fixture_changes.status_transitions
    assert (transition.id, transition.old, transition.new) == ("permit-guide", "idea", "pilot")
    assert transition.advanced
    assert isinstance(transition.proposal, Proposal)
    assert transition.name.get_lang("en") == "Residence permit guide"


@pytest.mark.parametrize(("old", "new", "advanced"), [
    ("idea", "quick-test", True), ("pilot", "prototype", False), ("idea", "rejected", False),
    ("rejected", "idea", False), ("pilot", "implemented", True),
])
def test_a_transition_advances_only_forward_in_the_pipeline(old: str, new: str,
                                                            advanced: bool) -> None:
    before = _with_status(load(BEFORE), old)
    after = _with_status(load(BEFORE), new)
    [transition] = compare(before, after).status_transitions
    assert (transition.old, transition.new, transition.advanced) == (old, new, advanced)


def _with_status(ws: Workspace, status: str) -> Workspace:
    ws.journeys[0].proposals[0].status = status  # type: ignore[assignment]
    return ws


def test_indicator_progress_counts_kovs_with_the_journey_model(
        fixture_changes: Changes) -> None:
    progress = fixture_changes.journey_model
    assert (progress.before, progress.after) == ((), ("tartu",))
    assert progress.indicator is not None and progress.indicator.id == "kovs-journey-model"
    assert progress.targets == {2025: 0, 2029: 7}
    assert progress.next_target(2025) == (2025, 0)
    assert progress.next_target(2026) == (2029, 7)
    assert progress.next_target(2030) is None


def test_indicator_without_declaration_has_no_targets(tiny: Path) -> None:
    progress = compare(load(tiny), load(tiny)).journey_model
    assert (progress.indicator, progress.targets, progress.after) == (None, {}, ())


def test_new_text_counts_only_the_languages_it_is_written_in() -> None:
    old = Proposal(id="p", title=Text(et="a", en="a"), addresses=["x"])
    new = old.model_copy(update={"description": Text(et="b", en="b"),
                                 "title": Text(et="a", en="c")})
    assert diff_fields(old, new) == [FieldChange("title", "text", languages=("en",)),
                                     FieldChange("description", "text", languages=("et", "en"))]


def test_a_persona_name_renders_in_every_language() -> None:
    persona = load(BEFORE).personas[0]
    assert name_of(persona).get_lang("uk") == "Anna"


# --- properties -----------------------------------------------------------------------------

FILES = {"settings": "teekond.yaml", "catalogue": "touchpoints/catalogue.yaml",
         "persona": "personas/anna.yaml", "journey": "journeys/newcomer.yaml"}
VERSIONS = [{kind: yamlsource.load(root / rel, rel)[0].data for kind, rel in FILES.items()}
            for root in (BEFORE, AFTER)]
PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def workspaces(draw: st.DrawFn) -> Workspace:
    """Each file from either fixture version, with items dropped and values edited."""
    data = {kind: copy.deepcopy(draw(st.sampled_from(VERSIONS))[kind]) for kind in FILES}
    _mutate(draw, data)
    context = {"default_language": "et"}
    return Workspace(
        Path("."),
        settings=WorkspaceSettings.model_validate(data["settings"], context=context),
        catalogues=[Catalogue.model_validate(data["catalogue"], context=context)],
        personas=[Persona.model_validate(data["persona"], context=context)],
        journeys=[Journey.model_validate(data["journey"], context=context)],
    )


def _mutate(draw: st.DrawFn, value: Any, key: str = "") -> None:
    if isinstance(value, dict):
        if "severity" in value:
            value["severity"] = draw(st.integers(1, 3))
        if "addresses" in value:
            value["status"] = draw(st.sampled_from(PIPELINE))
        if isinstance(value.get("title"), dict):
            value["title"]["en"] = draw(st.sampled_from(["A", "B"]))
        for name, inner in value.items():
            _mutate(draw, inner, name)
    elif isinstance(value, list) and value and isinstance(value[0], dict) and "id" in value[0]:
        keep = draw(st.lists(st.booleans(), min_size=len(value), max_size=len(value)))
        keep[0] = keep[0] or key == "stages"  # a journey has at least one stage
        value[:] = [item for item, kept in zip(value, keep, strict=True) if kept]
        for item in value:
            _mutate(draw, item)


@PROPERTY
@given(workspaces())
def test_a_workspace_compared_with_itself_has_no_changes(ws: Workspace) -> None:
    changes = compare(ws, ws)
    assert changes.empty and changes.status_transitions == ()
    assert changes.journey_model.before == changes.journey_model.after


@PROPERTY
@given(workspaces(), workspaces())
def test_comparing_the_other_way_round_swaps_added_and_removed(a: Workspace,
                                                                b: Workspace) -> None:
    forward, backward = compare(a, b), compare(b, a)
    assert items(forward.added) == items(backward.removed)
    assert items(forward.removed) == items(backward.added)
    assert [(c.kind, c.id) for c in forward.changed] == [(c.kind, c.id) for c in backward.changed]
    for there, back in zip(forward.changed, backward.changed, strict=True):
        assert [fields(f) for f in there.fields] == \
            [(f.field, f.what, f.new, f.old, f.languages) for f in back.fields]
    assert forward.journey_model.before == backward.journey_model.after


# --- git history ----------------------------------------------------------------------------

DAY_BEFORE, DAY_AFTER = "2025-04-15T12:00:00+00:00", "2025-06-10T12:00:00+00:00"


def git(cwd: Path, *args: str, date: str = "2025-01-10T12:00:00+00:00") -> str:
    """Git for setting up test repositories, free of the machine's own configuration."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    done = subprocess.run(["git", "-C", str(cwd), *args], env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout.strip()


def commit_version(repo: Path, version: Path, date: str) -> str:
    """Commit ``version`` as the workspace folder ``repo/ws``; the new commit's id."""
    shutil.rmtree(repo / "ws", ignore_errors=True)
    shutil.copytree(version, repo / "ws")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"version of {date}", date=date)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def history(tmp_path: Path) -> dict[str, Any]:
    """A repository whose workspace lives in ``ws/``: a first commit without a workspace
    (2025-01-10), the ``before`` version (2025-04-15) and the ``after`` one (2025-06-10)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "README.md").write_text("notes\n", encoding="utf-8")
    git(repo, "add", "README.md")
    git(repo, "commit", "-q", "-m", "start")
    return {"repo": repo, "ws": repo / "ws", "start": git(repo, "rev-parse", "HEAD"),
            "before": commit_version(repo, BEFORE, DAY_BEFORE),
            "after": commit_version(repo, AFTER, DAY_AFTER)}


def repo_state(repo: Path) -> tuple[str, str, str]:
    return (git(repo, "rev-parse", "HEAD"), git(repo, "status", "--porcelain"),
            git(repo, "stash", "list"))


def test_the_workspace_at_a_revision_compares_like_the_folder(history: dict[str, Any]) -> None:
    (history["ws"] / "personas" / "anna.yaml").write_text("edited: [", encoding="utf-8")
    state = repo_state(history["repo"])
    before = load_revision(history["ws"], history["before"][:10])
    assert summary(compare(before, load(AFTER))) == EXPECTED
    assert repo_state(history["repo"]) == state  # the uncommitted edit is still there
    assert not before.root.exists()  # the temporary folder is gone


def test_a_snapshot_holds_only_the_workspace_files(history: dict[str, Any]) -> None:
    (history["ws"] / "notes.txt").write_text("x", encoding="utf-8")
    git(history["repo"], "add", "-A")
    git(history["repo"], "commit", "-q", "-m", "notes", date=DAY_AFTER)
    with snapshot(history["ws"], "HEAD") as folder:
        found = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.*"))
    assert found == ["journeys/newcomer.yaml", "personas/anna.yaml", "teekond.yaml",
                     "touchpoints/catalogue.yaml"]


def test_a_snapshot_of_a_repository_root_workspace(tmp_path: Path) -> None:
    repo = Path(shutil.copytree(BEFORE, tmp_path / "plain"))
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "all")
    assert compare(load_revision(repo, "HEAD"), load(BEFORE)).empty


def test_the_default_revision_is_the_last_commit_before_the_previous_period_ends(
        history: dict[str, Any]) -> None:
    ws = load(history["ws"])
    assert ws.settings is not None
    assert previous_period_end(ws.settings, "2025-Q2") == dt.date(2025, 4, 30)
    assert default_since(history["ws"], ws.settings, "2025-Q2") == history["before"]
    assert commit_before(history["ws"], dt.date(2025, 6, 10)) == history["after"]
    assert commit_before(history["ws"], dt.date(2025, 4, 14)) == history["start"]
    assert resolve_commit(history["ws"], "HEAD~1") == history["before"]
    previous = load_previous(history["ws"], ws.settings, "2025-q2")
    assert summary(compare(previous, ws)) == EXPECTED
    assert compare(load_previous(history["ws"], ws.settings, "2025-q2", "HEAD"), ws).empty


def test_no_commit_before_the_day(history: dict[str, Any]) -> None:
    with pytest.raises(NoHistoryBefore) as caught:
        commit_before(history["ws"], dt.date(2025, 1, 9))
    assert str(caught.value) == ("no git history before 2025-01-09: nothing to compare "
                                 "against, the report shows the current state only")


def test_the_first_period_compares_against_the_day_before_it_starts(
        history: dict[str, Any]) -> None:
    settings = load(history["ws"]).settings
    assert settings is not None
    with pytest.raises(NoHistoryBefore) as caught:
        default_since(history["ws"], settings, "2025-q1")
    assert caught.value.day == dt.date(2024, 12, 31)


def test_a_repository_without_commits_has_no_history(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    with pytest.raises(NoHistoryBefore):
        commit_before(tmp_path, dt.date(2025, 6, 30))


def test_an_unknown_period_names_the_declared_ones() -> None:
    settings = load(BEFORE).settings
    assert settings is not None
    with pytest.raises(UnknownPeriod) as caught:
        previous_period_end(settings, "2025-q9")
    assert str(caught.value) == ("no reporting period '2025-q9' in teekond.yaml; declared: "
                                 "2025-q1, 2025-q2")


@pytest.mark.parametrize("ref", ["no-such-branch", "--output=/tmp/x", "HEAD~99"])
def test_an_unknown_revision(history: dict[str, Any], ref: str) -> None:
    with pytest.raises(UnknownRevision) as caught:
        load_revision(history["ws"], ref)
    assert str(caught.value) == (f"unknown revision '{ref}': name a commit, branch or tag of "
                                 "this repository (see `git log --oneline`)")


def test_a_revision_without_a_workspace(history: dict[str, Any]) -> None:
    with pytest.raises(NoWorkspace) as caught:
        load_revision(history["ws"], history["start"][:7])
    assert str(caught.value) == (
        f"revision '{history['start'][:7]}' has no teekond.yaml: there is no workspace to "
        "compare with; name another revision or folder")


def test_a_folder_outside_git(tiny: Path) -> None:
    with pytest.raises(NotAGitRepository) as caught:
        load_revision(tiny, "HEAD")
    assert str(caught.value) == (f"{tiny} is not in a git repository: there is no history to "
                                 "compare with; name a folder holding the earlier version "
                                 "instead")


def test_git_not_installed(history: dict[str, Any], tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(GitNotFound) as caught:
        load_revision(history["ws"], "HEAD")
    assert str(caught.value) == ("git is not installed (or not on PATH): install git to "
                                 "compare with an earlier version, or name a folder to "
                                 "compare with")


def test_an_earlier_version_that_does_not_validate(history: dict[str, Any]) -> None:
    broken = history["ws"] / "journeys" / "newcomer.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("severity: 3", "severity: 9"),
                      encoding="utf-8")
    git(history["repo"], "commit", "-q", "-a", "-m", "broken", date=DAY_AFTER)
    with pytest.raises(InvalidSnapshot) as caught:
        load_revision(history["ws"], "HEAD")
    assert [d.code for d in caught.value.diagnostics] == ["S105"]
    assert str(caught.value) == (
        "revision 'HEAD' does not validate (1 error, first: journeys/newcomer.yaml:18:23: "
        "error S105 'severity' is 9, out of range); compare with another version, e.g. a "
        "later commit")


def test_a_link_in_the_revision_is_refused(history: dict[str, Any]) -> None:
    (history["ws"] / "journeys" / "other.yaml").symlink_to("/etc/passwd")
    git(history["repo"], "add", "-A")
    git(history["repo"], "commit", "-q", "-m", "link", date=DAY_AFTER)
    with pytest.raises(SnapshotError) as caught:
        load_revision(history["ws"], "HEAD")
    assert str(caught.value) == ("journeys/other.yaml is a link in revision 'HEAD'; teekond "
                                 "reads regular files only")


def test_the_earlier_version_can_be_a_folder(tmp_path: Path) -> None:
    assert summary(compare(load_before(tmp_path, str(BEFORE)), load(AFTER))) == EXPECTED
    (tmp_path / "empty").mkdir()
    with pytest.raises(NoWorkspace) as caught:
        load_before(tmp_path, str(tmp_path / "empty"))
    assert str(caught.value) == (f"folder {tmp_path / 'empty'} has no teekond.yaml: there is "
                                 "no workspace to compare with; name another revision or "
                                 "folder")
