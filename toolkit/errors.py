"""teekond's one exception family: library code raises these; only the CLI decides the exit.

``str(err)`` is written for users. :attr:`TeekondError.exit_code` is the exit status the
command line gives: 1 when the content or the output cannot be made (the message says
why), 2 for a usage error. Any other exception reaching the command line is a bug in
teekond (exit 3).
"""

from __future__ import annotations


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
