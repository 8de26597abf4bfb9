"""The `teekond` command line: parse options, make one library call, print, pick the exit.

Exit codes: 0 ok, 1 problems in the content (or an output that cannot be made), 2 usage
error, 3 internal bug, 130 interrupted. Library code never prints or exits: it raises a
:class:`~toolkit.errors.TeekondError`, which :class:`TeekondGroup` turns into the message
and exit code; anything else is a bug (exit 3, from :func:`run`).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from .diagnostics import RULES, Diagnostic
from .errors import ContentErrors, TeekondError, UsageError
from .load.stat_vocabulary import MEASURES as STAT_MEASURES
from .load.stat_vocabulary import TARGET_GROUPS as STAT_TARGET_GROUPS
from .version import __version__
from .views.analysis_text import DEFAULT_SECTION, SECTIONS

log = logging.getLogger("teekond")

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
DISK_FULL_OR_READ_ONLY = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS}
REPORT_URL = "https://github.com/teekond/teekond/issues"
LANGUAGES = ["et", "en", "ru", "uk", "all"]

workspace_argument = click.argument(
    "workspace", type=click.Path(exists=True, file_okay=False, path_type=Path), default=".",
)


class ProblemsFound(click.ClickException):
    """Content problems were printed already; exit 1 without another message."""

    exit_code = EXIT_PROBLEMS

    def __init__(self) -> None:
        super().__init__("")

    def show(self, file: Any = None) -> None:
        pass


class TeekondGroup(click.Group):
    """Turns the library's errors into messages and exit codes, for every subcommand."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ContentErrors as err:
            print_diagnostics(err.diagnostics, "text", _quiet(ctx), err.files)
            raise ProblemsFound() from None
        except UsageError as err:
            if err.param:
                raise click.BadParameter(str(err), param_hint=err.param) from None
            raise click.UsageError(str(err)) from None
        except TeekondError as err:
            click.echo(f"error: {err}", err=True)
            raise ProblemsFound() from None
        except OSError as err:
            # Library code turns these into CannotWrite; should one slip through, a full or
            # read-only disk is still the user's to fix, not a bug in teekond.
            if err.errno not in DISK_FULL_OR_READ_ONLY:
                raise
            click.echo(f"error: cannot write to {err.filename}: {err.strerror}", err=True)
            raise ProblemsFound() from None


def _colour(text: str, **style: Any) -> str:
    if os.environ.get("NO_COLOR") or not sys.stdout.isatty():
        return text
    return click.style(text, **style)


def _set_verbosity(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """-v/-q work before or after the command name (`teekond -q validate` = `validate -q`)."""
    state = ctx.find_root().ensure_object(dict)
    if param.name == "quiet" and value:
        state["quiet"] = True
    elif param.name == "verbose" and value:
        state["verbose"] = state.get("verbose", 0) + value
    level = (logging.ERROR if state.get("quiet") else logging.DEBUG if
             state.get("verbose", 0) > 1 else logging.INFO if state.get("verbose") else
             logging.WARNING)
    logging.getLogger("teekond").setLevel(level)
    return value


def verbosity_options(command: Any) -> Any:
    command = click.option("-q", "--quiet", is_flag=True, expose_value=False,
                           callback=_set_verbosity, help="Print problems only, no summary.")(
        command)
    return click.option("-v", "--verbose", count=True, expose_value=False,
                        callback=_set_verbosity, help="Say more (-vv for debug output).")(command)


def _quiet(ctx: click.Context) -> bool:
    return bool(ctx.find_root().ensure_object(dict).get("quiet"))


def print_diagnostics(diagnostics: list[Diagnostic], fmt: str, quiet: bool,
                      files: int, drafts: int = 0) -> None:
    """Print diagnostics as text (with a summary) or as a JSON list."""
    if fmt == "json":
        click.echo(json.dumps([d.to_json() for d in diagnostics], ensure_ascii=False, indent=2))
        return
    for d in diagnostics:
        text = d.to_text()
        colour = "red" if d.severity == "error" else "yellow"
        click.echo(text.replace(f" {d.severity} ", " " + _colour(d.severity, fg=colour) + " ", 1))
    if not quiet:
        errors = sum(d.severity == "error" for d in diagnostics)
        warnings = len(diagnostics) - errors
        # The drafts only when there are some: the summary line stays as it was otherwise.
        also = f", {drafts} draft{'s' * (drafts != 1)}" if drafts else ""
        click.echo(f"{files} files checked: {errors} error{'s' * (errors != 1)}, "
                   f"{warnings} warning{'s' * (warnings != 1)}{also}", err=True)


def _progress(ctx: click.Context) -> Any:
    """A one-line progress display on a terminal (none in CI or with -q)."""
    if sys.stderr.isatty() and not _quiet(ctx) and not os.environ.get("CI"):
        return lambda message: click.echo(f"\r{message}", nl=False, err=True)
    return None


@click.group(cls=TeekondGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="teekond")
@verbosity_options
@click.pass_context
def main(ctx: click.Context) -> None:
    """teekond: journey maps, personas and improvement proposals from YAML."""
    logging.basicConfig(format="%(message)s", stream=sys.stderr)
    ctx.ensure_object(dict)


@main.command()
@workspace_argument
@verbosity_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format of the diagnostics.")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Processes that parse files not in the parse cache (default: one per CPU "
              "when many files changed, else 1).")
@click.option("--no-cache", is_flag=True,
              help="Parse every file afresh; do not read or write .teekond-cache/parse/.")
@click.pass_context
def validate(ctx: click.Context, workspace: Path, fmt: str, strict: bool, jobs: int | None,
             no_cache: bool) -> None:
    """Check every file of WORKSPACE (default: this folder) and print all problems."""
    from .check.drafts import count_drafts
    from .check.validate import validate as validate_workspace

    result = validate_workspace(workspace, jobs=jobs, cache=not no_cache)
    print_diagnostics(result.diagnostics, fmt, _quiet(ctx), len(result.workspace.documents),
                      count_drafts(result.workspace))
    if not result.ok(strict):
        raise ProblemsFound()


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text",
              show_default=True)
def rules(fmt: str) -> None:
    """List every rule `validate` checks, with its code and severity."""
    if fmt == "markdown":
        click.echo("| code | severity | rule | what it means |\n|---|---|---|---|")
    for rule in RULES.values():
        if fmt == "markdown":
            click.echo(f"| {rule.code} | {rule.severity} | {rule.title} | {rule.explanation} |")
        else:
            click.echo(f"{rule.code}  {rule.severity:<8} {rule.title}\n      {rule.explanation}")


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"),
              show_default=True, help="Folder to write the schemas to.")
def schema(out: Path) -> None:
    """Write a JSON Schema for each file kind (for editor completion and checks)."""
    from .site.schemas import write_schemas

    for path in write_schemas(out):
        log.info("wrote %s", path)
        click.echo(str(path))


@main.command()
@click.argument("kind", type=click.Choice(["persona", "journey", "touchpoint", "period",
                                           "import-template"]))
@click.argument("ident", metavar="ID", required=False)
@workspace_argument
@click.option("--target-group", type=click.Choice(["newcomer", "other-background", "returnee"]),
              default="newcomer", show_default=True, help="For a persona or journey.")
def new(kind: str, ident: str | None, workspace: Path, target_group: str) -> None:
    """Write a commented skeleton of a new KIND with id ID into WORKSPACE.

    The skeleton validates as written, is a draft (`draft: true`) until you remove that
    line, and never replaces an existing file. `new period YEAR` instead adds the reporting
    periods of YEAR to teekond.yaml, in the shape of the latest year's (comments kept, the
    old file backed up); never a year it has already. `new import-template [PATH]` writes
    the spreadsheet template of `teekond import` (default: board-template.csv; a PATH
    ending in .xlsx gives a workbook)."""
    if kind == "import-template":
        from .edit.board import write_template

        path = Path(ident or "board-template.csv")
        write_template(path)
        click.echo(f"wrote {path}")
        return
    if ident is None:
        raise click.UsageError("Missing argument 'ID'.")
    if kind == "period":
        from .edit.periods import add_year

        added = add_year(workspace, ident)
        click.echo(f"added to {added.path}:")
        for period in added.periods:
            due = f", due {period.due.isoformat()}" if period.due else ""
            click.echo(f"  {period.id}: {period.kind}, {period.start.isoformat()} to "
                       f"{period.end.isoformat()}{due}")
        if added.backup:
            click.echo(f"backup of the old file in {added.backup}")
        return
    from .site.scaffold import write_skeleton

    click.echo(f"wrote {write_skeleton(workspace, kind, ident, target_group)}")


class DefaultGroup(click.Group):
    """A group whose first argument is a subcommand's name or, failing that, the first
    argument of its default subcommand (`teekond import FILE` = `teekond import board
    FILE`)."""

    default_command = "board"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


@main.group("import", cls=DefaultGroup)
def import_() -> None:
    """Bring content made outside teekond into the workspace's YAML: `teekond import FILE
    ...` imports a workshop board (the `board` subcommand, see `teekond import board
    --help`); `teekond import table FILE` applies a partner's returned table;
    `teekond import stats FILE.json` a JSON-stat dataset into statistics/."""


def _mapping(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> Any:
    found = {}
    for item in value:
        column, sep, name = item.partition("=")
        if not sep or not column.strip() or not name.strip():
            raise click.BadParameter(f"'{item}' is not COLUMN=FIELD", param=param)
        found[column.strip()] = name.strip()
    return found


@import_.command("board")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@workspace_argument
@verbosity_options
@click.option("--journey", required=True, help="Id of the journey the notes belong to.")
@click.option("--source", required=True,
              help="Id of the workshop under sources: in teekond.yaml (the notes' evidence).")
@click.option("--preset", type=click.Choice(["miro", "mural", "template"]), default=None,
              help="Column names of a Miro or Mural CSV export, or of the template "
                   "(default: recognised from the header).")
@click.option("--map", "mapping", multiple=True, callback=_mapping, metavar="COLUMN=FIELD",
              help="Read FIELD (stage, step, type, text, kov, severity, owner, language, "
                   "section, addresses) from COLUMN; repeatable.")
@click.option("--write", is_flag=True, help="Write the items (default: only show them).")
@click.pass_context
def import_board(ctx: click.Context, file: Path, workspace: Path, journey: str, source: str,
                 preset: str | None, mapping: dict[str, str], write: bool) -> None:
    """Import the sticky notes of a workshop board (FILE: .csv or .xlsx, one row per note)
    into WORKSPACE as draft items of JOURNEY. A dry run unless --write: prints each item it
    would add and each row it cannot place (exit 1 if any). docs/import.md has the
    columns."""
    from .edit.board import import_board as run_import

    outcome = run_import(workspace, file, journey, source, preset, mapping, write)
    plan = outcome.plan
    for item in plan.planned:
        click.echo(item.to_text())
    for problem in plan.problems:
        click.echo(problem.to_text())
    if not _quiet(ctx):
        verb = "added" if outcome.written else "would add"
        count = len(plan.planned)
        rejected, skipped = plan.rows_rejected, len({p.row for p in plan.skipped})
        click.echo(f"{file} ({plan.preset}): {verb} {count} draft item{'s' * (count != 1)}, "
                   f"{rejected} row{'s' * (rejected != 1)} rejected, {skipped} skipped"
                   + ("" if write or not count else "; run again with --write to add them"),
                   err=True)
        if outcome.backup:
            click.echo(f"backup of the changed files: {outcome.backup}", err=True)
    if outcome.written:
        print_diagnostics(outcome.after, "text", _quiet(ctx), outcome.files, outcome.drafts)
    if plan.rejected or any(d.severity == "error" for d in outcome.after):
        raise ProblemsFound()


@main.command()
@workspace_argument
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
def graph(workspace: Path, fmt: str) -> None:
    """Print the workspace graph as node-link JSON (sorted, deterministic)."""
    from .graph.network import workspace_graph

    click.echo(workspace_graph(workspace).to_json())


def _output_options(command: Any) -> Any:
    command = click.option("--lang", "langs", type=click.Choice(LANGUAGES), default="all",
                           show_default=True, help="Language of the outputs.")(command)
    return click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help="Output folder (default: WORKSPACE/build).")(command)


def _build_options(workspace: Path, out: Path | None, langs: str, formats: str = "svg,png,pdf",
                   jobs: int = 2, drafts: bool = False) -> Any:
    from .site.commands import BuildOptions

    wanted = {f.strip() for f in formats.split(",") if f.strip()}
    if not wanted <= {"svg", "png", "pdf"}:
        raise click.BadParameter("use svg, png and/or pdf", param_hint="--formats")
    return BuildOptions(out if out is not None else workspace / "build", langs,
                        tuple(sorted(wanted)), jobs, drafts=drafts)


@main.command()
@workspace_argument
@verbosity_options
@_output_options
@click.option("--jobs", type=click.IntRange(min=1), default=2, show_default=True,
              help="Diagrams and PDFs made in parallel (dot runs, WeasyPrint processes).")
@click.option("--formats", default="svg,png,pdf", show_default=True,
              help="Diagram files to write besides the SVG embedded in the pages; without "
                   "pdf, the persona cards and reports get no PDF either (a quicker build).")
@click.option("--drafts", is_flag=True,
              help="Show the items marked `draft: true`, each with a 'draft' badge (the "
                   "reports never include drafts).")
@click.pass_context
def build(ctx: click.Context, workspace: Path, out: Path | None, langs: str, jobs: int,
          formats: str, drafts: bool) -> None:
    """Validate WORKSPACE and build its site: journey maps, diagrams and the index."""
    from .site.commands import build as build_workspace

    options = _build_options(workspace, out, langs, formats, jobs, drafts)
    progress = _progress(ctx)
    try:
        outcome = build_workspace(workspace, options, progress)
    finally:
        if progress:
            click.echo("", err=True)
    if outcome.warnings and not _quiet(ctx):
        print_diagnostics(outcome.warnings, "text", True, 0)
    if _quiet(ctx):
        return
    if outcome.up_to_date:
        click.echo(f"built {options.out}: up to date, nothing changed since the last build",
                   err=True)
    else:
        click.echo(f"built {options.out}: {outcome.written} files written, "
                   f"{outcome.unchanged} unchanged, {outcome.removed} removed, "
                   f"{outcome.rendered} diagrams rendered", err=True)


@main.command(epilog="Sections for --section: " + ", ".join(SECTIONS) +
              ". Every ranking's formula and tie-break: docs/analysis.md.")
@workspace_argument
@verbosity_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="table: every section as text; json: everything as "
              "one object; csv: one section.")
@click.option("--lang", type=click.Choice(["et", "en"]), default="en", show_default=True,
              help="Language of headings and names (table and csv).")
@click.option("--section", type=click.Choice(list(SECTIONS)), default=None,
              help=f"Only this section (table, csv; csv default: {DEFAULT_SECTION}).")
@click.pass_context
def analyze(ctx: click.Context, workspace: Path, fmt: str, lang: str,
            section: str | None) -> None:
    """Validate WORKSPACE and print its analysis: where the journeys hurt most and why.

    Rankings (stages, topics, services, providers) score = severity x reach, where
    severity sums the pain points' severities and reach counts the target groups plus the
    personas of the journeys involved; ties: severity desc, then id asc."""
    from .analyse.analysis import analyse_workspace
    from .views.analysis_text import to_csv, to_json, to_table

    analysis, warnings = analyse_workspace(workspace)
    if warnings and not _quiet(ctx):
        count = len(warnings)
        click.echo(f"{count} warning{'s' * (count != 1)}: run `teekond validate` to see them",
                   err=True)
    if fmt == "json":
        click.echo(to_json(analysis))
    elif fmt == "csv":
        click.echo(to_csv(analysis, section or DEFAULT_SECTION, lang), nl=False)
    else:
        click.echo(to_table(analysis, lang, [section] if section else None), nl=False)


@main.group()
def report() -> None:
    """Write the final report or an interim summary: HTML, Markdown and PDF, in each
    language, into BUILD/<lang>/reports/ (listed on the site's index)."""


@report.command("final")
@workspace_argument
@verbosity_options
@click.option("--year", type=int, required=True,
              help="Year of a `final` reporting period in teekond.yaml.")
@_output_options
@click.pass_context
def report_final(ctx: click.Context, workspace: Path, year: int, out: Path | None,
                 langs: str) -> None:
    """Validate WORKSPACE, build its site and print where the final report of YEAR is.

    The report follows the programme's structure: the target groups' journeys with their
    maps, roles and tasks by stakeholder group, the bottlenecks ranked with their evidence,
    the proposals by stakeholder group, good practices, a section per partner KOV and a
    method annex. `teekond build` writes it too; this command names the files."""
    from .site.commands import report_final as write_final

    for path in write_final(workspace, year, _build_options(workspace, out, langs),
                            _progress(ctx)):
        click.echo(path)


@report.command("interim")
@workspace_argument
@verbosity_options
@click.option("--period", required=True, help="A reporting period of teekond.yaml, e.g. 2025-Q2.")
@click.option("--since", default=None, metavar="REF",
              help="Compare with this git revision, or with the workspace in this folder "
                   "(default: the last commit on or before the end of the previous period).")
@_output_options
@click.pass_context
def report_interim(ctx: click.Context, workspace: Path, period: str, since: str | None,
                   out: Path | None, langs: str) -> None:
    """Write the interim summary of PERIOD: what changed since the previous report (items
    added, removed and changed, proposal status transitions, the indicator) and the
    current bottleneck ranking; then rebuild the site so its index lists the summary."""
    from .site.commands import report_interim as write_interim

    outcome = write_interim(workspace, period, since, _build_options(workspace, out, langs),
                            _progress(ctx))
    if outcome.warning:
        click.echo(f"warning: {outcome.warning}", err=True)
    for path in outcome.files:
        click.echo(path)


# -- tables for partners (issue 12): export, and import of a returned sheet ---------------
TABLE_NAMES = ["pain-points", "proposals", "services"]


@main.group("export")
def export_group() -> None:
    """Write parts of the workspace in formats other tools read."""


@export_group.command("table")
@click.argument("table", type=click.Choice(TABLE_NAMES))
@workspace_argument
@verbosity_options
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="xlsx",
              show_default=True, help="csv: UTF-8 with BOM; xlsx: read-only columns grey.")
@click.option("--kov", default=None, metavar="ID",
              help="Only what this partner KOV's maps show (its items and the shared ones).")
@click.option("--lang", type=click.Choice(["et", "en"]), default=None,
              help="Language of names and hints (default: the workspace's).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write, '-' for standard output (default: TABLE[-KOV].FORMAT "
                   "in this folder).")
@click.pass_context
def export_table(ctx: click.Context, table: str, workspace: Path, fmt: str, kov: str | None,
                 lang: str | None, out: Path | None) -> None:
    """Write TABLE of WORKSPACE as a spreadsheet for partners: ids, texts in every
    language, where each item sits, its figures, and the columns a partner may edit
    (see docs/tables.md). Return it with `teekond import table`."""
    from .output.files import write_atomic
    from .output.spreadsheet import export_table as make_table

    exported = make_table(workspace, table, fmt, lang, kov)
    if out is not None and str(out) == "-":
        click.echo(exported.data, nl=False)
        return
    target = out or Path(f"{table}{'-' + kov if kov else ''}.{fmt}")
    write_atomic(target, exported.data)
    if not _quiet(ctx):
        click.echo(f"wrote {target}: {exported.rows} row{'s' * (exported.rows != 1)}", err=True)


def _write_export(ctx: click.Context, text: str, out: Path | None) -> None:
    """Standard output, or ``out`` written atomically."""
    from .output.files import write_atomic

    if out is None or str(out) == "-":
        click.echo(text, nl=False)
        return
    write_atomic(out, text)
    if not _quiet(ctx):
        click.echo(f"wrote {out}", err=True)


@export_group.command("mermaid")
@click.argument("journey")
@workspace_argument
@verbosity_options
@click.option("--persona", default=None, metavar="ID",
              help="Only this persona of the journey (default: every persona walking it).")
@click.option("--diagram", type=click.Choice(["all", "journey", "flowchart"]), default="all",
              show_default=True, help="all: Markdown with both diagrams in mermaid fences; "
                                      "journey or flowchart: that diagram alone.")
@click.option("--lang", type=click.Choice(["et", "en"]), default=None,
              help="Language of the texts (default: the workspace's).")
@click.option("--out", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="File to write (default: standard output).")
@click.pass_context
def export_mermaid(ctx: click.Context, journey: str, workspace: Path, persona: str | None,
                   diagram: str, lang: str | None, out: Path | None) -> None:
    """Write JOURNEY of WORKSPACE as Mermaid diagrams, which GitHub and GitLab draw: a
    journey diagram (stages, steps, each persona's emotion as a 1-5 score) and a
    flowchart of the handoffs between providers."""
    from .site.exports import export_mermaid as make

    _write_export(ctx, make(workspace, journey, persona, lang, diagram), out)


@export_group.command("cpsv")
@workspace_argument
@verbosity_options
@click.option("--format", "fmt", type=click.Choice(["ttl", "jsonld"]), default="ttl",
              show_default=True, help="Turtle or JSON-LD.")
@click.option("--lang", type=click.Choice(["et", "en"]), default=None,
              help="Only the texts in this language (default: every language).")
@click.option("--out", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="File to write (default: standard output).")
@click.pass_context
def export_cpsv(ctx: click.Context, workspace: Path, fmt: str, lang: str | None,
                out: Path | None) -> None:
    """Write the services of WORKSPACE as CPSV-AP 3.2 linked data: public services, their
    channels, competent authorities and life events (see docs/exports.md)."""
    from .site.exports import export_cpsv as make

    text, left_out = make(workspace, fmt, lang)
    _write_export(ctx, text, out)
    if left_out and not _quiet(ctx):
        click.echo(f"left out {len(left_out)} services not run by a public organisation: "
                   f"{', '.join(left_out)}", err=True)


@import_.command("table")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@workspace_argument
@verbosity_options
@click.option("--write", is_flag=True,
              help="Apply the changes (default: only show them).")
@click.pass_context
def import_table(ctx: click.Context, file: Path, workspace: Path, write: bool) -> None:
    """Show what the returned sheet FILE (CSV or XLSX from `teekond export table`) changes
    in WORKSPACE; with --write, write exactly those fields and validate again.

    Only the editable columns count; a comment is added to the item's notes. A row with
    an unknown id, a value not allowed or a conflict with a change made to the YAML since
    the export is reported, and then nothing is written."""
    from .edit.table_import import SheetProblems
    from .edit.table_import import import_table as apply_table

    try:
        result = apply_table(workspace, file, write)
    except SheetProblems as err:
        for problem in err.problems:
            click.echo(problem.to_text())
        click.echo(f"error: {err}", err=True)
        raise ProblemsFound() from None
    for change in result.changes:
        click.echo(change.to_text())
    count = len(result.changes)
    summary = f"{count} change{'s' * (count != 1)} in {result.rows} rows of {result.table}"
    if not result.written:
        if not _quiet(ctx):
            click.echo(f"{summary}" + ("; dry run, run with --write to apply" if count
                                       else ""), err=True)
        return
    if not _quiet(ctx):
        click.echo(f"{summary}: written (backup: {result.backup})", err=True)
    after = result.after
    assert after is not None
    from .check.drafts import count_drafts

    print_diagnostics(after.diagnostics, "text", _quiet(ctx), len(after.workspace.documents),
                      count_drafts(after.workspace))
    if not after.ok():
        raise ProblemsFound()


@import_.command("stats")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@workspace_argument
@verbosity_options
@click.option("--measure", required=True, type=click.Choice(STAT_MEASURES),
              help="What the values count (docs/statistics.md).")
@click.option("--source", default="statistics-estonia", show_default=True,
              help="Id of the source under sources: in teekond.yaml that the rows cite.")
@click.option("--target-group", default="not-stated", show_default=True,
              type=click.Choice(STAT_TARGET_GROUPS), help="The target group the values count.")
@click.option("--into", default=None, metavar="statistics/NAME.csv",
              help="The table to write (default: statistics/MEASURE.csv).")
@click.option("--write", is_flag=True, help="Write the table (default: only show the rows).")
@click.pass_context
def import_stats(ctx: click.Context, file: Path, workspace: Path, measure: str, source: str,
                 target_group: str, into: str | None, write: bool) -> None:
    """Import a JSON-stat 2.0 dataset (FILE, as Statistics Estonia's PxWeb API returns it)
    into a statistics table of WORKSPACE. A dry run unless --write: prints each row it
    would add (+) or change (~) and each label it cannot place; missing values are not
    written. docs/import.md has the codes."""
    from .edit.stats_import import NotADataset
    from .edit.stats_import import import_stats as run_import

    try:
        result = run_import(workspace, file, measure, source, target_group, into, write)
    except NotADataset as err:
        click.echo(err.problem.to_text())
        raise ProblemsFound() from None
    for change in result.changes:
        click.echo(change.to_text())
    for problem in result.problems:
        click.echo(problem.to_text())
    for diagnostic in result.after:
        click.echo(diagnostic.to_text())
    if not _quiet(ctx):
        added = sum(1 for c in result.changes if c.old is None)
        changed = len(result.changes) - added
        verb = "wrote" if write and not result.failed else "would write"
        click.echo(f"{file.name} -> {result.target}: {verb} {added} new "
                   f"row{'s' * (added != 1)}, {changed} changed, {result.unchanged} unchanged"
                   + ("; run again with --write to write them" if not write and
                      result.changes and not result.failed else "")
                   + ("; nothing written" if result.failed and not result.written else ""),
                   err=True)
        if result.backup:
            click.echo(f"backup of the old table: {result.backup}", err=True)
    if result.failed:
        raise ProblemsFound()


@main.command()
@workspace_argument
@verbosity_options
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default is reachable from this machine only.")
@click.option("--lang", "langs", type=click.Choice(LANGUAGES), default="all", show_default=True,
              help="Language of the pages.")
@click.pass_context
def serve(ctx: click.Context, workspace: Path, port: int, host: str, langs: str) -> None:
    """Serve WORKSPACE's site locally, render it again on every change, update open pages."""
    from .site.serve import PortInUse
    from .site.serve import serve as serve_workspace

    quiet = _quiet(ctx)

    def ready(session: Any) -> None:
        errors = f" ({session.errors} errors: see the page)" if session.errors else ""
        click.echo(f"serving {session.url}{errors}; press Ctrl-C to stop", err=True)

    try:
        serve_workspace(workspace, host, port, langs,
                        log=None if quiet else lambda line: click.echo(line, err=True),
                        ready=ready)
    except PortInUse as err:  # one line, no usage text: the command line itself was fine
        failure = click.ClickException(str(err))
        failure.exit_code = EXIT_USAGE
        raise failure from None


def run() -> None:
    """Console entry point: turn anything unexpected into exit 3 with a short report."""
    try:
        main.main(prog_name="teekond", standalone_mode=False)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as err:
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 - the last line of defence
        log.debug("%s", "".join(traceback.format_exception(err)))
        click.echo(f"teekond {__version__}: internal error: {type(err).__name__}: {err}\n"
                   f"This is a bug in teekond, not in your files. Please report it at "
                   f"{REPORT_URL} with the command you ran (run with -vv for details).",
                   err=True)
        sys.exit(EXIT_BUG)
    sys.exit(EXIT_OK)
