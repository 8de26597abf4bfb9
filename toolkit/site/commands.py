"""Each command that writes, as one library call: build, the final report, an interim
summary. The CLI parses options, calls one of these, prints what it returns and picks the
exit code; everything in between happens here.

Each writes the output folder under its lock (one build at a time per folder:
:mod:`toolkit.site.lock`) into a staged copy that replaces the folder whole when the site is
complete (:mod:`toolkit.site.staging`), so a build stopped at any moment leaves the previous
site or the new one.

Failures are :class:`~toolkit.errors.TeekondError`: :class:`~toolkit.errors.ContentErrors`
when the workspace has errors (their diagnostics are attached),
:class:`~toolkit.errors.UsageError` for a request that cannot be met, an
:class:`~toolkit.errors.OutputError` when a page, diagram or PDF cannot be made, a
:class:`~toolkit.errors.CannotWrite` (checked before any rendering) when the output or the
cache cannot be written, an :class:`~toolkit.errors.OutputBusy` when another build kept the
output folder for longer than the timeout.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic
from ..errors import UsageError
from . import stamp
from .cache import cache_dir, read_manifest, write_manifest
from .lock import LOCK_TIMEOUT, output_lock

Progress = Callable[[str], None]
# Everything heavy (pydantic, Jinja, WeasyPrint) is imported inside the functions: an
# up-to-date build is recognised before any of it is loaded.


@dataclass(frozen=True)
class BuildOptions:
    out: Path
    languages: str = "all"
    """A language code, or ``all`` for the workspace's languages."""
    formats: tuple[str, ...] = ("pdf", "png", "svg")
    jobs: int = 2
    lock_timeout: float = LOCK_TIMEOUT
    """Seconds to wait for another build of the same output folder to finish."""
    drafts: bool = False
    """Show the items marked ``draft: true`` (`teekond build --drafts`)."""

    def languages_of(self, workspace_languages: list[str]) -> list[str]:
        return list(workspace_languages) if self.languages == "all" else [self.languages]

    def stamp_options(self) -> dict[str, object]:
        found: dict[str, object] = {"lang": self.languages, "formats": sorted(self.formats)}
        if self.drafts:  # only then: the stamps of earlier builds stay valid
            found["drafts"] = True
        return found


@dataclass
class BuildOutcome:
    """What a build did, for the CLI to print."""

    warnings: list[Diagnostic]
    up_to_date: bool = False
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    rendered: int = 0
    languages: list[str] = field(default_factory=list)


def build(root: Path, options: BuildOptions, progress: Progress | None = None,
          result=None) -> BuildOutcome:  # type: ignore[no-untyped-def]
    """Validate the workspace at ``root`` and build its site, unless the last build of the
    same inputs is untouched (then nothing is loaded at all)."""
    cache = cache_dir(root, options.out)
    # Checked without the lock first: the check only reads, and a build removes the stamp
    # before it changes the output folder and writes it again once the new site is whole.
    # Again under the lock: another build may have just made this very site.
    outcome = _up_to_date(root, options, cache)
    if outcome is not None:
        return outcome
    with output_lock(options.out, options.lock_timeout):
        return _up_to_date(root, options, cache) or _build(root, options, cache, progress,
                                                           result)


def _up_to_date(root: Path, options: BuildOptions, cache: Path) -> BuildOutcome | None:
    if (root / "teekond.yaml").is_file():
        stored = stamp.up_to_date(root, options.out, cache, options.stamp_options())
        if stored is not None:
            return BuildOutcome([Diagnostic(**d) for d in stored], up_to_date=True)
    return None


def _build(root: Path, options: BuildOptions, cache: Path,  # type: ignore[no-untyped-def]
           progress: Progress | None, result=None, before: Callable[[Path], None] | None = None,
           after: Callable[[Path], None] | None = None) -> BuildOutcome:
    """Build the site into a staged copy of the output folder and swap it in; ``before``
    and ``after`` add pages of a command's own to the staged folder (an interim summary)
    before and after the site. The caller holds the lock."""
    from ..check.validate import validated
    from .builder import build_site
    from .staging import staged

    with staged(options.out, root) as stage:  # fails here if the output cannot be written
        result = result or validated(root, options.drafts)
        ws = result.workspace
        languages = options.languages_of(ws.languages)
        stamp.remove(cache)
        if before:
            before(stage.folder)
        report = build_site(ws, stage.folder, languages, options.formats, options.jobs,
                            progress, cache)
        if after:
            after(stage.folder)
        # Until the swap is done the output folder holds either site: list the files of
        # both, so that the next build removes the stale ones of whichever it finds.
        write_manifest(cache, sorted(set(read_manifest(cache)) | set(report.manifest)))
        stage.commit()
    write_manifest(cache, report.manifest)
    outputs = [options.out / path.relative_to(stage.folder) for path in report.outputs]
    stamp.write(root, options.out, cache, options.stamp_options(), outputs, report.inputs,
                [dataclasses.asdict(d) for d in result.warnings])
    return BuildOutcome(result.warnings, False, len(report.written), report.unchanged,
                        report.removed, report.rendered, languages)


def final_years(root: Path) -> tuple[object, list[int]]:
    """The validation result and the years of the workspace's `final` reporting periods."""
    from ..check.validate import validated
    from .reports import final_periods

    result = validated(root)
    return result, sorted({p.end.year for p in final_periods(result.workspace.settings)})


def report_final(root: Path, year: int, options: BuildOptions,
                 progress: Progress | None = None) -> list[Path]:
    """Build the site with the final report of ``year``; return the report's files."""
    result, years = final_years(root)
    if year not in years:
        err = UsageError(f"teekond.yaml has no `final` reporting period ending in {year}; "
                         f"final periods end in: {', '.join(map(str, years)) or 'none'} "
                         "(add one under reporting_periods:)")
        err.param = "--year"
        raise err
    build(root, options, progress, result)
    return [options.out / lang / "reports" / f"final-{year}{suffix}"
            for lang in options.languages_of(result.workspace.languages)  # type: ignore[attr-defined]
            for suffix in (".html", ".md", ".pdf")]


@dataclass
class InterimOutcome:
    files: list[Path]
    warning: str = ""
    """Why nothing was compared (no git history before the period), if so."""


def report_interim(root: Path, period: str, since: str | None, options: BuildOptions,
                   progress: Progress | None = None) -> InterimOutcome:
    """Write the interim summary of ``period`` (compared with ``since``, or with the last
    commit before the previous period ended), rebuild the site so its index lists it, and
    make its PDFs; return the summary's files."""
    from ..analyse import snapshot
    from ..analyse.analysis import analyse
    from ..analyse.changes import compare
    from ..check.validate import validated
    from ..graph.index import Index
    from ..graph.known import known_by
    from ..output.templates import environment, markdown_environment
    from .builder import contexts
    from .reports import FOLDER, write_interim_pages, write_interim_pdfs
    from .writer import SiteWriter

    result = validated(root)
    ws = result.workspace
    if ws.settings is None:
        raise UsageError("teekond.yaml is missing: it declares the reporting periods")
    found = snapshot.find_period(ws.settings, period)
    # The summary shows what was known by the end of its period; the version it compares
    # with, what was known by the end of the previous one (or of this one, for --since).
    ws = known_by(ws, found.end)
    changes, compared_with, no_history = None, "", ""
    try:
        if since is None:
            end = snapshot.previous_period_end(ws.settings, found.id)
            ref = snapshot.default_since(root, ws.settings, found.id)
            compared_with = f"{end.isoformat()} (git {ref[:10]})"
        else:
            end, ref = found.end, since
            compared_with = since
        changes = compare(known_by(snapshot.load_before(root, ref), end), ws)
    except (snapshot.NoHistoryBefore, snapshot.NotAGitRepository, snapshot.GitNotFound) as err:
        no_history = str(err)
    index = Index(ws)
    summaries = contexts(index, analyse(index), options.languages_of(ws.languages), pdf=True)
    pages: list[Path] = []

    def write_pages(folder: Path) -> None:  # before the site: the index lists the summary
        pages.extend(write_interim_pages(SiteWriter(folder, environment(root)),
                                         markdown_environment(root), summaries, found,
                                         changes, compared_with, no_history))

    cache = cache_dir(root, options.out)

    def write_pdfs(folder: Path) -> None:  # after the site: they read its stylesheets
        write_interim_pdfs(SiteWriter(folder, environment(root)), pages, cache, options.jobs,
                           progress or (lambda message: None))

    with output_lock(options.out, options.lock_timeout):
        _build(root, options, cache, progress, result, write_pages, write_pdfs)
    return InterimOutcome([options.out / lang / FOLDER / f"interim-{found.id}{suffix}"
                           for lang in options.languages_of(ws.languages)
                           for suffix in (".html", ".md", ".pdf")], no_history)
