"""An earlier version of a workspace, to compare the current one against.

The earlier version is either a plain folder or a git revision. A revision is read with
``git archive`` into a temporary folder (only ``teekond.yaml`` and the content folders), so
the user's repository, index and working tree are never touched: every git command here
only reads. Each failure is a :class:`SnapshotError` whose message is written for users.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from ..check.drafts import without_drafts
from ..check.validate import validate
from ..diagnostics import Diagnostic
from ..errors import NotAWorkspace, TeekondError, UsageError
from ..load.model import ReportingPeriod, WorkspaceSettings
from ..load.workspace import FOLDERS, SETTINGS_FILE, Workspace

log = logging.getLogger(__name__)

GIT = "git"
"""The git program, looked up on PATH."""
SNAPSHOT_PARTS = frozenset({SETTINGS_FILE, *FOLDERS})
"""Top-level names of a workspace that a snapshot holds; everything else is left out."""


class SnapshotError(TeekondError):
    """The earlier version of the workspace cannot be read. ``str(err)`` is for users."""


class GitNotFound(SnapshotError):
    def __init__(self) -> None:
        super().__init__("git is not installed (or not on PATH): install git to compare "
                         "with an earlier version, or name a folder to compare with")


class NotAGitRepository(SnapshotError):
    def __init__(self, root: Path) -> None:
        self.root = root
        super().__init__(f"{root} is not in a git repository: there is no history to "
                         "compare with; name a folder holding the earlier version instead")


class UnknownRevision(SnapshotError, UsageError):
    param = "--since"

    def __init__(self, ref: str) -> None:
        self.ref = ref
        super().__init__(f"unknown revision '{ref}': name a commit, branch or tag of this "
                         "repository (see `git log --oneline`)")


class NoWorkspace(SnapshotError, UsageError):
    """The revision or folder has no teekond.yaml."""

    param = "--since"

    def __init__(self, label: str) -> None:
        self.label = label
        super().__init__(f"{label} has no {SETTINGS_FILE}: there is no workspace to compare "
                         "with; name another revision or folder")


class NoHistoryBefore(SnapshotError):
    """No commit on or before the day: the report can only show the current state."""

    def __init__(self, day: dt.date) -> None:
        self.day = day
        super().__init__(f"no git history before {day.isoformat()}: nothing to compare "
                         "against, the report shows the current state only")


class UnknownPeriod(SnapshotError, UsageError):
    param = "--period"

    def __init__(self, period: str, known: list[str]) -> None:
        self.period = period
        declared = ", ".join(known) or "none"
        super().__init__(f"no reporting period '{period}' in {SETTINGS_FILE}; declared: "
                         f"{declared}")


class InvalidSnapshot(SnapshotError):
    """The earlier version does not validate; ``diagnostics`` holds its errors."""

    def __init__(self, label: str, diagnostics: list[Diagnostic]) -> None:
        self.label = label
        self.diagnostics = diagnostics
        count = len(diagnostics)
        super().__init__(f"{label} does not validate ({count} error{'s' * (count != 1)}, "
                         f"first: {diagnostics[0].to_text().splitlines()[0]}); compare "
                         "with another version, e.g. a later commit")


class GitFailed(SnapshotError):
    """Any other git failure, with git's own message."""

    def __init__(self, args: tuple[str, ...], stderr: str) -> None:
        message = stderr.strip().splitlines()[-1] if stderr.strip() else "no message"
        super().__init__(f"git {args[0]} failed: {message}")


# --- git ------------------------------------------------------------------------------------

def _git_env() -> dict[str, str]:
    """Git's messages in English, so that a missing repository can be told from others."""
    return {**os.environ, "LC_ALL": "C"}


def _git(cwd: Path, *args: str) -> str:
    """Run a read-only git command; its output without the final newline."""
    try:
        done = subprocess.run([GIT, "-C", str(cwd), *args], capture_output=True, env=_git_env(),
                              encoding="utf-8", errors="replace", check=False)
    except FileNotFoundError:
        raise GitNotFound() from None
    if done.returncode != 0:
        if "not a git repository" in done.stderr:
            raise NotAGitRepository(cwd)
        raise GitFailed(args, done.stderr)
    return done.stdout.rstrip("\n")


def _succeeds(cwd: Path, *args: str) -> bool:
    try:
        _git(cwd, *args)
    except GitFailed:
        return False
    return True


@dataclass(frozen=True)
class Repository:
    """Where a workspace folder sits in its git repository."""

    toplevel: Path
    prefix: str
    """The workspace folder inside the repository, '' or ending in '/'."""

    @classmethod
    def of(cls, root: Path) -> Repository:
        toplevel = _git(root, "rev-parse", "--show-toplevel")
        return cls(Path(toplevel), _git(root, "rev-parse", "--show-prefix"))

    def commit(self, ref: str) -> str:
        """The full id of the commit ``ref`` names."""
        if ref.startswith("-"):  # an option, not a revision
            raise UnknownRevision(ref)
        try:
            return _git(self.toplevel, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        except GitFailed:
            raise UnknownRevision(ref) from None

    def has_workspace(self, commit: str) -> bool:
        return _succeeds(self.toplevel, "cat-file", "-e", f"{commit}:{self.prefix}{SETTINGS_FILE}")

    def last_commit_before(self, day: dt.date) -> str | None:
        if not _succeeds(self.toplevel, "rev-parse", "--verify", "--quiet", "HEAD^{commit}"):
            return None  # no commit at all yet
        found = _git(self.toplevel, "rev-list", "-1", f"--before={day.isoformat()} 23:59:59",
                     "HEAD")
        return found or None


def resolve_commit(root: Path, ref: str) -> str:
    """The full commit id that ``ref`` names in the repository holding ``root``."""
    return Repository.of(root).commit(ref)


def commit_before(root: Path, day: dt.date) -> str:
    """The last commit of HEAD's history made on or before ``day`` (committer date, local
    time). Raises :class:`NoHistoryBefore` when there is none."""
    found = Repository.of(root).last_commit_before(day)
    if found is None:
        raise NoHistoryBefore(day)
    return found


@contextmanager
def snapshot(root: Path, ref: str) -> Iterator[Path]:
    """A temporary folder holding the workspace at ``root`` as it was at revision ``ref``.

    Only ``teekond.yaml`` and the content folders are written; the folder is removed when
    the ``with`` block ends."""
    repo = Repository.of(root)
    commit = repo.commit(ref)
    if not repo.has_workspace(commit):
        raise NoWorkspace(f"revision '{ref}'")
    with tempfile.TemporaryDirectory(prefix="teekond-snapshot-") as tmp:
        _extract(repo.toplevel, f"{commit}:{repo.prefix}", Path(tmp), ref)
        yield Path(tmp)


def _extract(toplevel: Path, tree: str, into: Path, ref: str) -> None:
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen([GIT, "-C", str(toplevel), "archive", "--format=tar",
                                        tree], stdout=subprocess.PIPE, stderr=errors,
                                       env=_git_env())
        except FileNotFoundError:
            raise GitNotFound() from None
        unreadable: tarfile.TarError | None = None
        with process:
            assert process.stdout is not None  # stdout=PIPE above
            try:
                _extract_members(process.stdout, into, ref)
                process.stdout.read()  # the end-of-archive padding, so git can finish
            except tarfile.TarError as err:
                unreadable = err
            except OSError as err:  # e.g. a full disk
                raise SnapshotError(f"cannot write revision '{ref}' to a temporary folder: "
                                    f"{err.strerror or err}") from None
        if process.returncode:
            errors.seek(0)
            raise GitFailed(("archive",), errors.read().decode("utf-8", "replace"))
        if unreadable is not None:
            raise SnapshotError(f"cannot read revision '{ref}': {unreadable}")


def _extract_members(stream: IO[bytes], into: Path, ref: str) -> None:
    with tarfile.open(fileobj=stream, mode="r|") as archive:
        for member in archive:
            if not _in_snapshot(member.name):
                continue
            if member.issym() or member.islnk():
                raise SnapshotError(f"{member.name} is a link in revision '{ref}'; teekond "
                                    "reads regular files only")
            archive.extract(member, into, filter="data")


def _in_snapshot(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return bool(parts) and parts[0] in SNAPSHOT_PARTS


# --- loading --------------------------------------------------------------------------------

def load_valid(root: Path, label: str) -> Workspace:
    """Load and validate the workspace at ``root``; raise if it has errors.

    ``label`` names it in messages (e.g. "revision 'v1'" or "folder old/")."""
    try:
        result = validate(root)
    except NotAWorkspace:
        raise NoWorkspace(label) from None
    if result.errors:
        raise InvalidSnapshot(label, result.errors)
    return without_drafts(result.workspace)


def load_revision(root: Path, ref: str) -> Workspace:
    """The workspace at ``root`` as it was at git revision ``ref``, validated.

    The temporary folder is gone when this returns: the workspace's ``root`` names it, but
    every object and document is in memory."""
    with snapshot(root, ref) as folder:
        return load_valid(folder, f"revision '{ref}'")


def load_before(root: Path, since: str) -> Workspace:
    """The earlier version named by ``since``: a folder if one exists at that path,
    otherwise a git revision of the repository holding ``root``."""
    folder = Path(since)
    if folder.is_dir():
        return load_valid(folder, f"folder {since}")
    return load_revision(root, since)


# --- reporting periods ------------------------------------------------------------------------

def find_period(settings: WorkspaceSettings, period: str) -> ReportingPeriod:
    """The reporting period with id ``period`` (any case: 2025-Q2 is 2025-q2)."""
    for candidate in settings.reporting_periods:
        if candidate.id == period.lower():
            return candidate
    raise UnknownPeriod(period, [p.id for p in settings.reporting_periods])


def previous_period_end(settings: WorkspaceSettings, period: str) -> dt.date:
    """The end of the reporting period before ``period``; without one, the day before
    ``period`` starts."""
    current = find_period(settings, period)
    ends = [p.end for p in settings.reporting_periods if p.end < current.start]
    return max(ends, default=current.start - dt.timedelta(days=1))


def default_since(root: Path, settings: WorkspaceSettings, period: str) -> str:
    """The commit a report for ``period`` compares against when no ``--since`` is given:
    the last commit on or before the end of the previous reporting period."""
    return commit_before(root, previous_period_end(settings, period))


def load_previous(root: Path, settings: WorkspaceSettings, period: str,
                  since: str | None = None) -> Workspace:
    """The version a report for ``period`` compares against: ``since`` (a folder or a
    revision) if given, else :func:`default_since`. :class:`NoHistoryBefore` and
    :class:`NotAGitRepository` mean the report can show the current state only."""
    return load_before(root, since if since is not None else
                       default_since(root, settings, period))
