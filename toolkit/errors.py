"""teekond's one exception family: library code raises these; only the CLI decides the exit.

``str(err)`` is written for users. :attr:`TeekondError.exit_code` is the exit status the
command line gives: 1 when the content or the output cannot be made (the message says
why), 2 for a usage error. Any other exception reaching the command line is a bug in
teekond (exit 3).
"""

from __future__ import annotations

from pathlib import Path


class TeekondError(Exception):
    """Something the user can fix: bad content, an output that cannot be written."""

    exit_code = 1


class UsageError(TeekondError):
    """The command was asked for something that cannot be: not a workspace, an unknown
    period or revision, an output folder that cannot be written."""

    exit_code = 2
    param: str | None = None
    """The option at fault (``--period``), when one is."""


class NotAWorkspace(UsageError):
    """The folder has no teekond.yaml."""


class ContentErrors(TeekondError):
    """The workspace has errors; its diagnostics say which (the CLI prints them)."""

    def __init__(self, diagnostics: list, files: int) -> None:  # type: ignore[type-arg]
        self.diagnostics, self.files = diagnostics, files
        super().__init__(f"{len(diagnostics)} problems in {files} files")


class OutputError(TeekondError):
    """A page, diagram or PDF could not be made or written; the message names which."""


class CannotWrite(OutputError):
    """A file or folder cannot be written: a read-only or full disk, a path below a file.

    ``str(err)`` is one line, ``cannot write to <path>: <reason>``."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"cannot write to {path}: {reason}")

    def moved(self, old: Path, new: Path) -> CannotWrite:
        """The same error about ``new/...`` when it was about ``old/...`` (a staged folder
        that the user knows as the output folder)."""
        if self.path == old or old in self.path.parents:
            return CannotWrite(new / self.path.relative_to(old), self.reason)
        return self


class OutputBusy(OutputError):
    """Another build kept the output folder locked for longer than this one would wait."""
