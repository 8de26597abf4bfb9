"""Diagnostics: one problem in the content, with its place, code, message and hint.

Every rule teekond checks is registered in :data:`RULES` with its code, severity and a
sentence of documentation; `teekond rules` and the README's rule table are printed from it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str
    explanation: str


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {rule.code: rule for rule in rules}


RULES: dict[str, Rule] = _rules(
    # Y: reading the file
    Rule("Y001", "error", "YAML syntax error", "The file is not valid YAML."),
    Rule("Y002", "error", "duplicate key", "A key appears twice in one mapping; YAML would "
         "silently keep the last one."),
    Rule("Y003", "error", "tab indentation", "Indentation uses a tab; YAML allows spaces only."),
    Rule("Y004", "error", "not UTF-8", "The file is not UTF-8 text."),
    Rule("Y005", "error", "empty file", "The file holds no content."),
    Rule("Y006", "error", "file too large", "The file is larger than teekond reads."),
    Rule("Y007", "error", "too many values", "Aliases or nesting expand to more values than "
         "teekond reads (a YAML bomb, or a file far too large)."),
    Rule("Y008", "error", "unsupported YAML", "A YAML feature teekond does not read: custom "
         "tags, non-text keys, several documents in one file."),
    Rule("Y009", "error", "file outside the workspace", "A content file, folder or template "
         "override is a link to a place outside the workspace; teekond does not read it."),
    Rule("Y010", "warning", "file not read", "A file in a content folder that teekond does not "
         "read: only .yaml and .yml files are content."),
    # S: shape of the content
    Rule("S101", "error", "wrong type", "A value has the wrong type (text, number, list ...)."),
    Rule("S102", "error", "missing field", "A required field is missing."),
    Rule("S103", "error", "unknown field", "A field the model does not know (often a typo)."),
    Rule("S104", "error", "value not allowed", "A value outside its vocabulary."),
    Rule("S105", "error", "out of range", "A number outside its range (emotion -2..+2, "
         "severity 1..3 ...)."),
    Rule("S106", "error", "invalid id", "An id is not a slug of lowercase letters, digits and "
         "hyphens."),
    Rule("S107", "error", "invalid value", "A date, text or list that cannot be read."),
    Rule("S108", "error", "text too long", "A text is longer than its field allows (a name or "
         "title 500 characters, any other text 20,000; see docs/limits.md)."),
    Rule("S109", "warning", "control character in text", "A text holds a control character "
         "(ESC, BEL, CR ...) or a bidi override: pages escape it, but it can rewrite a "
         "terminal the text is printed in."),
    # R: references between files
    Rule("R201", "error", "duplicate id", "Two items of the same kind share an id."),
    Rule("R202", "error", "unknown reference", "A reference names an id that does not exist."),
    Rule("R203", "error", "wrong target group", "A persona walks a journey of another target "
         "group."),
    Rule("R204", "error", "emotion for a persona not walking the journey", "A step scores the "
         "emotion of a persona that the journey does not list."),
    Rule("R205", "error", "wrong kind of reference", "A reference names an item of the wrong "
         "kind (e.g. `kov:` naming a state agency)."),
    Rule("R206", "error", "image outside the workspace", "A persona image is missing, lies "
         "outside the workspace, or is not a PNG, JPEG, GIF, SVG or WebP file."),
    # C: completeness
    Rule("C301", "error", "stage with no steps", "A stage has no steps."),
    Rule("C302", "warning", "step with no touchpoint", "A step uses no touchpoint: a gap in the "
         "service landscape."),
    Rule("C303", "error", "no evidence", "A pain point, good practice or proposal cites no "
         "source."),
    Rule("C304", "error", "proposal without owner", "A proposal names no owner."),
    Rule("C305", "warning", "pain point with no proposal", "No proposal addresses this pain "
         "point yet."),
    Rule("C306", "warning", "missing translation", "A text lacks one of the workspace's "
         "languages."),
    Rule("C307", "warning", "unused catalogue entry", "A provider, service or touchpoint no "
         "journey uses (services with `audience: kov-staff` are exempt)."),
    Rule("C308", "error", "assumption presented as observed", "Evidence from general "
         "knowledge is marked `observed`; it can only be `assumed`."),
    Rule("C309", "warning", "emotion missing", "A step scores no emotion for a persona that "
         "walks the journey."),
    Rule("C310", "warning", "dated after every reporting period", "A pain point, good "
         "practice or proposal is known only after the last reporting period ends (the "
         "earliest date of its evidence), so no report includes it."),
    Rule("C311", "warning", "background only", "An item's evidence all states its "
         "background (`supports: context`) and none of it is `assumed`: the item counts as "
         "assumed, but nothing says what is to be tested."),
    Rule("C312", "error", "unverifiable web source marked observed", "Evidence from a web "
         "source is marked `observed`, but the source gives no `url` or no `accessed` date, "
         "so a reader cannot look it up."),
    # P: privacy
    Rule("P401", "error", "personal identification code", "Free text holds an Estonian "
         "personal identification code."),
    Rule("P402", "error", "e-mail address", "Free text holds an e-mail address."),
    Rule("P403", "error", "phone number", "Free text holds a phone number."),
    Rule("P404", "warning", "disguised e-mail address", "Free text holds what looks like an "
         "e-mail address written to dodge filters (`mari at example dot ee`)."),
    # N: statistics (statistics/*.csv, docs/statistics.md)
    Rule("N601", "error", "statistics file unreadable", "A statistics file is not UTF-8, "
         "not valid CSV, has no header or is larger than teekond reads."),
    Rule("N602", "error", "missing column", "A statistics file's header lacks a column."),
    Rule("N603", "error", "unknown column", "A statistics file's header names a column "
         "teekond does not know, or one column twice."),
    Rule("N604", "error", "unknown KOV", "A statistics row names a KOV that is neither a KOV "
         "of the workspace nor one of Estonia's 79 KOVs."),
    Rule("N605", "error", "bad period", "A period that is not a year (2024), a half-year "
         "(2024-H1) or a span of years (2020/2024)."),
    Rule("N606", "error", "unknown target group", "A target group outside newcomer, "
         "other-background, returnee, not-stated."),
    Rule("N607", "error", "unknown group", "A citizenship group that is not all, eu, "
         "third-country or a two-letter country code."),
    Rule("N608", "error", "unknown measure", "A measure outside first-registrations, "
         "residents, unstated."),
    Rule("N609", "error", "value not a number", "A statistics value that is not a whole "
         "number."),
    Rule("N610", "error", "negative count", "A statistics value below zero."),
    Rule("N611", "error", "bad rank", "A rank that is not a place from 1 to 79 or a shared "
         "place (10–11)."),
    Rule("N612", "error", "unknown source", "A statistics row cites a source not declared "
         "under `sources:` in teekond.yaml."),
    Rule("N613", "error", "duplicate row", "Two rows of the statistics give a value for the "
         "same KOV, period, target group, group and measure."),
    Rule("N614", "error", "wrong number of cells", "A statistics row has more or fewer cells "
         "than its header."),
    Rule("N615", "error", "too many rows", "A statistics file has more rows than teekond "
         "reads (20,000)."),
    Rule("N616", "error", "missing value", "A required cell of a statistics row is empty (a "
         "value the source does not give is no row, never 0)."),
    Rule("N617", "warning", "file not read", "A file in statistics/ that teekond does not "
         "read: only .csv files are statistics."),
    Rule("N618", "error", "text too long", "A statistics row's section (500 characters) or "
         "note (20,000) is longer than teekond reads."),
)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in the content. Ordered by place, then code.

    The fields keep the text as it is (``to_json`` gives it exactly, JSON-escaped); ``to_text``
    is what a terminal shows, with every control character made visible."""

    file: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    excerpt: str = field(default="", compare=False)

    @property
    def severity(self) -> Severity:
        return RULES[self.code].severity

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity
        if not self.excerpt:
            del data["excerpt"]
        return data

    def to_text(self) -> str:
        lines = [f"{self.file}:{self.line}:{self.col}: {self.severity} {self.code} {self.message}"]
        if self.hint:
            lines.append(f"    hint: {self.hint}")
        if self.excerpt:
            lines.extend("    " + row for row in self.excerpt.splitlines())
        return "\n".join(printable(row) for row in lines)


def _control_characters() -> dict[int, str]:
    codes = [*range(0x00, 0x20), *range(0x7F, 0xA0),  # C0, DEL, C1
             0x061C, 0x200E, 0x200F, 0x2028, 0x2029,  # bidi marks, line and paragraph breaks
             *range(0x202A, 0x202F), *range(0x2066, 0x206A)]  # bidi embeddings and overrides
    return {c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" for c in codes}


_ESCAPES = _control_characters()
"""Characters a terminal acts on instead of showing (ESC starts a sequence that can retitle
or rewrite the terminal, BEL rings, CR overwrites the line) or that reorder what is shown
(bidi overrides): written as ``\\x1b``, ``\\u202e`` ..."""


def printable(text: str) -> str:
    """``text`` with every control character written as an escape, safe for a terminal."""
    return text.translate(_ESCAPES)


def shown(value: object, limit: int = 60) -> str:
    """A key or value from the YAML as a message quotes it: at most ``limit`` characters."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


EXCERPT_WIDTH = 120
"""Widest excerpt line: a longer line is cut around the column, with '…' at the cuts."""


def excerpt(text: str, line: int, col: int, context: int = 2) -> str:
    """A few numbered lines around ``line`` with a caret under ``col`` (both 1-based).

    Lines are shown as a terminal can print them (control characters escaped) and at most
    :data:`EXCERPT_WIDTH` characters wide: a longer line is cut around ``col`` (a whole
    document squeezed onto one line would otherwise fill the screen)."""
    rows = text.splitlines()
    first, last = max(1, line - context), min(len(rows), line)
    width = len(str(last))
    start = 0
    if 1 <= line <= len(rows) and len(rows[line - 1]) > EXCERPT_WIDTH:
        start = max(0, min(col - 1 - EXCERPT_WIDTH // 2, len(rows[line - 1]) - EXCERPT_WIDTH))
    out = [f"{n:>{width}} | {_cut(rows[n - 1], start)}" for n in range(first, last + 1)]
    if 1 <= line <= len(rows):
        before = ("…" if start else "") + printable(rows[line - 1][start: col - 1])
        out.append(" " * width + " | " + " " * len(before) + "^")
    return "\n".join(out)


def _cut(row: str, start: int) -> str:
    """``row`` from ``start`` (or the last EXCERPT_WIDTH characters of a shorter row),
    escaped, at most EXCERPT_WIDTH wide, '…' marking each cut."""
    start = min(start, max(0, len(row) - EXCERPT_WIDTH))
    shown_row, used = [], 0
    for char in row[start: start + EXCERPT_WIDTH]:
        cell = printable(char)
        if used + len(cell) > EXCERPT_WIDTH:
            break
        shown_row.append(cell)
        used += len(cell)
    cut = "".join(shown_row)
    end = start + len(shown_row)
    return ("…" if start else "") + cut + ("…" if end < len(row) else "")
