"""`teekond import FILE`: the sticky notes of a workshop board, one row each, as draft items.

A row names a stage and a step of one journey, a type (pain point, good practice, proposal,
question) and a text, and may give a KOV, a severity, an owner, a language and the section
of the source. :func:`plan_import` turns the rows into :class:`Planned` items and
:class:`RowProblem` s (every row that cannot be placed, all at once); :func:`apply_import`
writes the planned items into the journey's YAML through :mod:`toolkit.edit.roundtrip`,
after everything already there, and never changes an existing item.

Each item is a draft (``draft: true``) with a readable id (the journey's prefix and a slug
of the text), its text in the row's language, and evidence ``{source, status: observed}``.
What a row does not say and the model requires gets a placeholder for the reviewer to
check (docs/import.md): a pain point's kind ``process``, perspective ``target-group`` and
severity 2; a proposal addresses the pain points of its step.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..check.drafts import count_drafts
from ..check.validate import validate, validated
from ..diagnostics import Diagnostic
from ..errors import UsageError
from ..load.model import LANGS, TITLE_LIMIT, Journey, Stage, Step
from ..load.workspace import Workspace
from .ids import fold, journey_prefix, unique_id
from .roundtrip import open_document, save
from .sheets import RowProblem, Sheet, read_sheet

__all__ = ["FIELDS", "PRESETS", "BoardImport", "ImportOutcome", "Planned", "RowProblem",
           "apply_import", "detect_preset", "import_board", "plan_import", "template_header",
           "write_template"]

FIELDS = ("stage", "step", "type", "text", "kov", "severity", "owner", "language",
          "section", "addresses")
"""What a column can hold (`--map COLUMN=FIELD` names one of these)."""

PRESETS: dict[str, dict[str, tuple[str, ...]]] = {
    # The template teekond writes (`teekond new import-template`), with Estonian headers too.
    "template": {
        "stage": ("stage", "etapp"), "step": ("step", "samm"),
        "type": ("type", "tüüp", "liik"), "text": ("text", "tekst"), "kov": ("kov",),
        "severity": ("severity", "raskus"), "owner": ("owner", "omanik", "vastutaja"),
        "language": ("language", "keel"), "section": ("section", "jaotis"),
        "addresses": ("addresses", "lahendab"),
    },
    # Miro's CSV export of sticky notes: the note's text under Content, the frame it sits
    # in, its tags. One frame per step ("4.2" or "4.2 Registers ...") places the notes.
    "miro": {"text": ("content",), "stage": ("frame", "frame name"), "type": ("tags",)},
    # Mural's CSV export: the note's text, the area it sits in, its tags.
    "mural": {"text": ("text",), "stage": ("area", "area title"), "type": ("tags",)},
}

TYPES: dict[str, str] = {
    **dict.fromkeys(("pain point", "pain", "pain-point", "painpoint", "kitsaskoht",
                     "probleem"), "pain-point"),
    **dict.fromkeys(("good practice", "good-practice", "works well", "hea praktika",
                     "hea naide", "hea ja nutikas naide", "toimib"), "good-practice"),
    **dict.fromkeys(("proposal", "idea", "improvement", "parendusettepanek", "ettepanek",
                     "idee"), "proposal"),
    **dict.fromkeys(("question", "kusimus", "open question"), "question"),
}
"""A row's type, folded (no accents, lowercase) -> the kind of item."""

LANGUAGE_NAMES = {"eesti": "et", "estonian": "et", "inglise": "en", "english": "en",
                  "vene": "ru", "russian": "ru", "ukraina": "uk", "ukrainian": "uk"}

PAIN_DEFAULTS = {"kind": "process", "perspective": "target-group", "severity": 2}
"""What a board does not say about a pain point and the model requires: placeholders."""

_SEVERITY_TAG = re.compile(r"^(?:severity|raskus|sev)\s*[:=]?\s*(\S+)$")


@dataclass
class Planned:
    """One item the import adds."""

    row: int
    kind: str
    """pain-point, good-practice or proposal."""
    id: str
    text: str
    journey: Journey
    stage: int
    step: int
    """0-based positions of the stage and the step in the journey."""
    data: CommentedMap
    file: str
    """The journey's file, inside the workspace."""

    @property
    def where(self) -> str:
        stage = self.journey.stages[self.stage]
        return f"{stage.id}/{stage.steps[self.step].id}"

    def to_text(self) -> str:
        return (f"{self.file}: {self.where}: {self.kind} {self.id}: "
                f"{_one_line(self.text)}")


@dataclass
class BoardImport:
    """What an import of one file adds and what it leaves out."""

    planned: list[Planned] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    preset: str = ""

    @property
    def rejected(self) -> list[RowProblem]:
        """Rows that cannot be placed: the import exits 1."""
        return [p for p in self.problems if not p.notice]

    @property
    def skipped(self) -> list[RowProblem]:
        """Rows left out on purpose (a duplicate, a question)."""
        return [p for p in self.problems if p.notice]

    @property
    def rows_rejected(self) -> int:
        """How many rows have a problem (a row may have several)."""
        return len({p.row for p in self.rejected})


def template_header() -> list[str]:
    """The template's columns."""
    return [names[0] for names in PRESETS["template"].values()]


def detect_preset(header: Iterable[str]) -> str:
    """The preset whose columns the header has: Miro's Content, Mural's Area, else the
    template's."""
    names = {fold(h) for h in header}
    if "content" in names:
        return "miro"
    if names & {"area", "area title"}:
        return "mural"
    return "template"


def columns(header: list[str], preset: str, mapping: dict[str, str]) -> dict[str, int]:
    """Field -> column index for ``header``; ``mapping`` (column -> field) goes first."""
    folded = [fold(h) for h in header]
    found: dict[str, int] = {}
    for name, wanted in PRESETS[preset].items():
        for alias in wanted:
            if alias in folded and name not in found:
                found[name] = folded.index(alias)
    for column, name in mapping.items():
        if name not in FIELDS:
            raise _usage(f"'{name}' is not a field; fields: {', '.join(FIELDS)}", "--map")
        if fold(column) not in folded:
            raise _usage(f"the file has no column '{column}'; its columns: "
                         f"{', '.join(header)}", "--map")
        found[name] = folded.index(fold(column))
    if "text" not in found or "stage" not in found:
        raise _usage(f"no {'text' if 'stage' in found else 'stage'} column found with the "
                     f"'{preset}' preset; the file's columns: {', '.join(header)}. Name one "
                     "with --map COLUMN=FIELD", "--map")
    return found


def _usage(message: str, param: str) -> UsageError:
    err = UsageError(message)
    err.param = param
    return err


# --- planning ---------------------------------------------------------------------------

class _Places:
    """Lookups over one workspace: stages, steps, KOVs, owners, what is already there."""

    def __init__(self, ws: Workspace, journey: Journey) -> None:
        self.ws, self.journey = ws, journey
        self.file = ws.where(journey)[0]
        self.kovs = _names((p.id, p.name, p.short) for p in ws.providers() if p.level == "kov")
        groups = ws.settings.stakeholder_groups if ws.settings else []
        self.owners = _names([*((p.id, p.name, p.short) for p in ws.providers()),
                              *((g.id, g.name, None) for g in groups)])
        self.taken = {obj.id for obj in ws.objects if isinstance(getattr(obj, "id", None), str)}
        own = [i for s in journey.stages for st in s.steps
               for i in [*(p.id for p in st.pain_points), *(g.id for g in st.good_practices)]]
        self.prefix = journey_prefix([*own, *(p.id for p in journey.proposals)])
        self.texts: dict[tuple[int, int], set[str]] = {}
        self.pains: dict[tuple[int, int], list[str]] = {}
        for i, stage in enumerate(journey.stages):
            for j, step in enumerate(stage.steps):
                self.texts[i, j] = {fold(t) for item in [*step.pain_points,
                                                        *step.good_practices]
                                    for t in item.title.values()}
                self.pains[i, j] = [p.id for p in step.pain_points]
        self.proposal_texts = {fold(t) for p in journey.proposals for t in p.title.values()}
        self.pain_ids = {p.id for j in ws.journeys for s in j.stages for st in s.steps
                         for p in st.pain_points}

    def stage(self, value: str) -> int | None:
        return _find(self.journey.stages, value)

    def step(self, stage: Stage, value: str) -> int | None:
        return _find(stage.steps, value)


def _names(items: Iterable[tuple[str, Any, str | None]]) -> dict[str, str]:
    """Folded id, name (any language) and short name -> id."""
    found: dict[str, str] = {}
    for ident, name, short in items:
        for key in (ident, short, *(name.values() if name else ())):
            if key:
                found.setdefault(fold(key), ident)
    return found


def _find(items: list[Stage] | list[Step], value: str) -> int | None:
    """The position of the item ``value`` names: its id, its number (1-based) or its
    name in any language, case and accents aside."""
    key = fold(value)
    if key.isdigit() and 1 <= int(key) <= len(items):
        return int(key) - 1
    for n, item in enumerate(items):
        if key == item.id or key in {fold(t) for t in item.name.values()}:
            return n
    return None


def plan_import(ws: Workspace, sheet: Sheet, file: str, journey_id: str, source: str,
                preset: str | None = None, mapping: dict[str, str] | None = None
                ) -> BoardImport:
    """What importing ``sheet`` into the journey ``journey_id`` would add, and every row it
    cannot place. ``ws`` validated without errors and holds its drafts."""
    journey = next((j for j in ws.journeys if j.id == journey_id), None)
    if journey is None:
        raise _usage(f"no journey '{journey_id}'; journeys: "
                     f"{', '.join(j.id for j in ws.journeys) or 'none'}", "--journey")
    sources = [s.id for s in ws.settings.sources] if ws.settings else []
    if source not in sources:
        raise _usage(f"no source '{source}' in teekond.yaml; add the workshop under "
                     f"sources: first (sources: {', '.join(sources) or 'none'})", "--source")
    preset = preset or detect_preset(sheet.header)
    cols = columns(sheet.header, preset, mapping or {})
    result, places = BoardImport(preset=preset), _Places(ws, journey)
    planner = _Planner(ws, places, file, source, result)
    for number, cells in sheet.rows:
        row = {name: (cells[i].strip() if i < len(cells) else "") for name, i in cols.items()}
        if not any(row.values()) or row["stage"].startswith("#"):
            continue  # an empty row, or a comment (the template's example rows)
        planner.row(number, row)
    return result


class _Planner:
    def __init__(self, ws: Workspace, places: _Places, file: str, source: str,
                 result: BoardImport) -> None:
        self.ws, self.places, self.file, self.source, self.result = (ws, places, file,
                                                                     source, result)
        kinds = {s.id: s.kind for s in ws.settings.sources} if ws.settings else {}
        # General knowledge is never "observed" (rule C308): what a board says about it is
        # a hypothesis still to test.
        self.status = "assumed" if kinds.get(source) == "general-knowledge" else "observed"

    def problem(self, row: int, code: str, message: str, hint: str = "",
                notice: bool = False) -> None:
        self.result.problems.append(RowProblem(self.file, row, code, message, hint, notice))

    def row(self, number: int, row: dict[str, str]) -> None:
        before = len(self.result.problems)
        kind, severity = self._type(number, row)
        place = self._place(number, row)
        text = row["text"]
        if not text:
            self.problem(number, "I103", "the note has no text",
                         "write the note's text, or delete the row")
        lang = self._language(number, row.get("language", ""))
        kov = self._lookup(number, row.get("kov", ""), self.places.kovs, "I106", "KOV",
                           "a KOV's id or name (a provider with 'level: kov')")
        owner = self._lookup(number, row.get("owner", ""), self.places.owners, "I107",
                             "owner", "a provider's or stakeholder group's id or name")
        if len(self.result.problems) > before or kind is None or place is None:
            return
        if kind == "question":
            self.problem(number, "I109", "not imported: questions have no place in the "
                         "model yet", "note the question in the workshop's minutes, or "
                         "turn it into a pain point or proposal", notice=True)
            return
        stage, step = place
        if self._duplicate(number, kind, stage, step, text):
            return
        addresses: list[str] = []
        if kind == "proposal" and not owner:
            self.problem(number, "I112", "a proposal needs an owner",
                         "name a provider or stakeholder group in the owner column")
            return
        if kind == "proposal":
            addresses = self._addresses(number, row.get("addresses", ""), stage, step)
            if not addresses:
                return
        self._add(number, kind, stage, step, text, lang, kov, owner, severity, addresses,
                  row.get("section", ""))

    def _type(self, number: int, row: dict[str, str]) -> tuple[str | None, int | None]:
        """The kind of item and the severity (from its column, or a tag 'severity 2')."""
        tags = [t.strip() for t in re.split(r"[,;]", row.get("type", "")) if t.strip()]
        kinds = [TYPES[fold(t)] for t in tags if fold(t) in TYPES]
        sev_tags = [m.group(1) for t in tags if (m := _SEVERITY_TAG.match(fold(t)))]
        severity_text = row.get("severity", "") or (sev_tags[0] if sev_tags else "")
        severity = None
        if severity_text:
            if severity_text in {"1", "2", "3"}:
                severity = int(severity_text)
            else:
                self.problem(number, "I104", f"severity '{severity_text}' is not 1, 2 or 3",
                             "1 minor, 2 serious, 3 blocks the journey")
        if not kinds:
            shown = row.get("type", "")
            self.problem(number, "I105", f"unknown type '{shown}'" if shown else
                         "the row has no type", "pain point, good practice, proposal or "
                         "question (or: kitsaskoht, hea praktika, parendusettepanek, küsimus)")
            return None, severity
        return kinds[0], severity

    def _place(self, number: int, row: dict[str, str]) -> tuple[int, int] | None:
        stage_text, step_text = row["stage"], row.get("step", "")
        journey = self.places.journey
        if not step_text:  # the stage column names both: "4.2", "4.2 Registers ...",
            # or "Registration / Registers the residence" (a frame or area per step)
            m = re.match(r"^(\d+)\.(\d+)\b", stage_text)
            parts = re.split(r"\s+[/›>]\s+", stage_text, maxsplit=1)
            if m:
                stage_text, step_text = m.group(1), m.group(2)
            elif len(parts) == 2:
                stage_text, step_text = parts
        elif re.fullmatch(r"\d+\.\d+", step_text):
            stage_text, step_text = step_text.split(".")  # the step column says "4.2"
        stage = self.places.stage(stage_text) if stage_text else None
        if stage is None:
            names = ", ".join(f"{n}. {s.id}" for n, s in enumerate(journey.stages, 1))
            self.problem(number, "I101", f"unknown stage '{stage_text}' in journey "
                         f"'{journey.id}'", f"a stage's number, id or name: {names}")
            return None
        step = self.places.step(journey.stages[stage], step_text) if step_text else None
        if step is None:
            steps = journey.stages[stage].steps
            names = ", ".join(f"{stage + 1}.{n} {s.id}" for n, s in enumerate(steps, 1))
            what = f"unknown step '{step_text}'" if step_text else "no step given"
            self.problem(number, "I102", f"{what} in stage '{journey.stages[stage].id}'",
                         f"a step's number, id or name: {names or 'the stage has no steps'}")
            return None
        return stage, step

    def _language(self, number: int, value: str) -> str:
        if not value:
            return self.ws.default_language
        key = fold(value)
        lang = key if key in LANGS else LANGUAGE_NAMES.get(key)
        if lang is None:
            self.problem(number, "I108", f"unknown language '{value}'",
                         f"one of: {', '.join(LANGS)}")
            return ""
        return lang

    def _lookup(self, number: int, value: str, known: dict[str, str], code: str, what: str,
                hint: str) -> str | None:
        if not value:
            return None
        found = known.get(fold(value))
        if found is None:
            close = difflib.get_close_matches(fold(value), list(known), n=1, cutoff=0.75)
            self.problem(number, code, f"unknown {what} '{value}'",
                         f"did you mean '{known[close[0]]}'?" if close else hint)
        return found

    def _duplicate(self, number: int, kind: str, stage: int, step: int, text: str) -> bool:
        seen = (self.places.proposal_texts if kind == "proposal"
                else self.places.texts[stage, step])
        if fold(text) in seen:
            where = "this journey's proposals" if kind == "proposal" else "this step"
            self.problem(number, "I201", f"skipped: the same text is already in {where}",
                         notice=True)
            return True
        return False

    def _addresses(self, number: int, value: str, stage: int, step: int) -> list[str]:
        if value:
            refs = [r.strip() for r in re.split(r"[,;\s]+", value) if r.strip()]
            unknown = [r for r in refs if r not in self.places.pain_ids]
            if unknown:
                self.problem(number, "I111", f"unknown pain point {', '.join(unknown)} "
                             "in addresses", "pain point ids, separated by commas")
                return []
            return refs
        found = self.places.pains[stage, step]
        if not found:
            self.problem(number, "I110", "a proposal must address a pain point, and this "
                         "step has none", "name the pain point ids in an addresses column, "
                         "or import the pain points first")
        return list(found)

    def _add(self, number: int, kind: str, stage: int, step: int, text: str, lang: str,
             kov: str | None, owner: str | None, severity: int | None,
             addresses: list[str], section: str) -> None:
        places = self.places
        (places.proposal_texts if kind == "proposal" else places.texts[stage, step]).add(
            fold(text))  # a second note with the same text is a duplicate
        ident = unique_id(places.prefix, text, places.taken)
        data = CommentedMap()
        data["id"] = ident
        data["draft"] = True
        data["title"] = _text(_title(text), lang, self.ws.default_language)
        if len(text) > TITLE_LIMIT:
            data["description"] = _text(text, lang, self.ws.default_language)
        if kind == "pain-point":
            data["kind"] = PAIN_DEFAULTS["kind"]
            data["perspective"] = PAIN_DEFAULTS["perspective"]
            data["severity"] = severity or PAIN_DEFAULTS["severity"]
            places.pains[stage, step].append(ident)
            places.pain_ids.add(ident)
        if kov and kind != "proposal":
            data["kovs"] = CommentedSeq([kov])
        if kind == "proposal":
            data["addresses"] = CommentedSeq(addresses)
            if owner:
                data["owner"] = owner
            data["status"] = "idea"
        evidence = CommentedMap()
        evidence["source"] = self.source
        if section:
            evidence["section"] = _quoted(section)
        evidence["status"] = self.status
        if kov:
            evidence["kov"] = kov
        data["evidence"] = CommentedSeq([evidence])
        self.result.planned.append(Planned(number, kind, ident, text, places.journey, stage,
                                           step, data, places.file))


def _title(text: str) -> str:
    if len(text) <= TITLE_LIMIT:
        return text
    return text[:TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def _text(text: str, lang: str, default: str) -> Any:
    if lang == default:
        return _quoted(text)
    mapping = CommentedMap()
    mapping[lang] = _quoted(text)
    return mapping


def _quoted(text: str) -> Any:
    """Text that a spreadsheet would read as a formula (= + - @) or that YAML would read as
    something else is written in double quotes; any other text as it is."""
    if text[:1] in "=+-@'\"&*!|>%#?:[]{},`" or text != text.strip() or ": " in text \
            or " #" in text or text.lower() in {"yes", "no", "true", "false", "null", "~"}:
        return DoubleQuotedScalarString(text)
    return text


def _one_line(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


# --- writing ----------------------------------------------------------------------------

def apply_import(root: Path, plan: BoardImport) -> Path | None:
    """Write the planned items into their journey files; return the backup folder. A file
    that would grow larger than teekond reads is refused before anything is written
    (:class:`~toolkit.edit.roundtrip.TooLarge`)."""
    documents = {}
    for item in plan.planned:
        rel = item.file
        if rel not in documents:
            documents[rel] = open_document(root, rel)
        data = documents[rel].data
        if item.kind == "proposal":
            _list(data, "proposals").append(item.data)
            continue
        step = data["stages"][item.stage]["steps"][item.step]
        key = "pain_points" if item.kind == "pain-point" else "good_practices"
        _list(step, key).append(item.data)
    return save(list(documents.values()))


def _list(mapping: Any, key: str) -> Any:
    if mapping.get(key) is None:
        mapping[key] = CommentedSeq()
    return mapping[key]


# --- the command ------------------------------------------------------------------------

@dataclass
class ImportOutcome:
    """What `teekond import FILE` did, for the CLI to print."""

    plan: BoardImport
    written: bool = False
    backup: Path | None = None
    after: list[Diagnostic] = field(default_factory=list)
    """The workspace's diagnostics after writing (it is validated again)."""
    files: int = 0
    drafts: int = 0
    """Drafts in the workspace after writing, for the summary line as `validate` prints it."""


def import_board(root: Path, path: Path, journey: str, source: str, preset: str | None = None,
                 mapping: dict[str, str] | None = None, write: bool = False) -> ImportOutcome:
    """Plan the import of the board ``path`` into ``journey``; with ``write``, write the
    rows that can be placed and validate the workspace again. A workspace with errors is
    refused (:class:`~toolkit.errors.ContentErrors`) before the file is read."""
    ws = validated(root, drafts=True).workspace
    plan = plan_import(ws, read_sheet(path), str(path), journey, source, preset, mapping)
    outcome = ImportOutcome(plan)
    if write and plan.planned:
        outcome.backup = apply_import(root, plan)
        outcome.written = True
        after = validate(root)
        outcome.after, outcome.files = after.diagnostics, len(after.workspace.documents)
        outcome.drafts = count_drafts(after.workspace)
    return outcome


def write_template(path: Path) -> None:
    """Write the import template: the header and two example rows that the import skips
    (their stage starts with #). ``.xlsx`` gives a workbook, any other name CSV."""
    from ..output.files import write_new

    if path.exists():
        raise UsageError(f"{path} exists already; teekond new never overwrites a file")
    header = template_header()
    examples = [["# 4", "2", "pain point", "# example: the note's text", "tartu", "2", "",
                 "en", "", ""],
                ["# 4.2", "", "proposal", "# example: rows whose stage starts with # are "
                 "skipped", "", "", "ppa", "en", "", ""]]
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(path, [header, *examples])
        return
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *examples])
    write_new(path, out.getvalue())


def _write_xlsx(path: Path, rows: list[list[str]]) -> None:
    from openpyxl import Workbook

    from ..output.files import cannot_write

    book = Workbook()
    sheet = book.active
    sheet.title = "board"
    for row in rows:
        sheet.append(row)
    for cell in sheet["B"]:  # the step column as text: 4.10 must not become 4.1
        cell.number_format = "@"
    try:
        book.save(path)
    except OSError as err:
        raise cannot_write(path, err) from None
