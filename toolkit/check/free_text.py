"""Rules on every text value of one file: personal data (P401-P404, see
:mod:`toolkit.check.privacy`) and control characters (S109).

They need nothing but the file itself, so the loader runs them on each file as it reads it
(:func:`toolkit.load.workspace.load_workspace` takes :func:`scan` as its per-file check)
and keeps their diagnostics in its parse cache with the file: a repeat run reads no text
again, and no run walks every string of the workspace a second time.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from ..diagnostics import Diagnostic
from ..load.yamlsource import Document, Path_
from . import privacy

_LABELS = {"P401": "a personal identification code", "P402": "an e-mail address",
           "P403": "a phone number", "P404": "what looks like a disguised e-mail address"}
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters no text of a workspace needs (tab and line breaks are fine): terminal
controls (ESC, BEL, CR ...) and the bidi embeddings and overrides that reorder what is
shown. A text from YAML reaches terminals (`teekond analyze`), so it may hold none."""


def scan(doc: Document) -> list[Diagnostic]:
    """The S109 and P4xx diagnostics of every text value of ``doc``."""
    found: list[Diagnostic] = []
    texts: list[tuple[Path_, str | int | None, str]] = []
    if isinstance(doc.data, str):
        texts.append(((), None, doc.data))
    else:
        _texts(doc.data, (), texts)
    controls = _matching(_CONTROL, texts)
    suspects = _matching(privacy.SUSPECT, texts)
    seen: dict[str, list[tuple[str, str, int]]] = {}  # by text: aliases repeat texts
    for parent, name, value in texts:
        if value not in controls and value not in suspects:
            continue
        where = parent if name is None else (*parent, name)
        control = _CONTROL.search(value)
        if control:
            line, col = doc.position(where)
            found.append(Diagnostic(
                doc.path, line, col, "S109", f"the text holds the control character "
                f"U+{ord(control.group()):04X}", "delete it: a control character "
                "can rewrite the terminal the text is printed in, or reorder it"))
        hits = seen.get(value)
        if hits is None:
            hits = seen[value] = list(privacy.find(value)) if value in suspects else []
        for code, match, offset in hits:
            line, col = _locate_text(doc.text, doc.position(where), match, offset)
            found.append(Diagnostic(
                doc.path, line, col, code, f"{_LABELS[code]} in free text",
                "personas are composites and notes must not carry personal data: "
                "remove it"))
    return found


def _matching(pattern: re.Pattern[str], texts: list[tuple[Path_, str | int | None, str]],
              ) -> set[str]:
    """The texts in which ``pattern`` matches, found with one search over all of them
    joined by line breaks (one search in C instead of one call per text; the patterns
    never match a line break, so a match never spans two texts)."""
    values = list(dict.fromkeys(value for _, _, value in texts))
    starts, at = [], 0
    for value in values:
        starts.append(at)
        at += len(value) + 1
    joined = "\n".join(values)
    found: set[str] = set()
    match = pattern.search(joined)
    while match:
        i = bisect.bisect_right(starts, match.start()) - 1
        found.add(values[i])
        if i + 1 == len(values):
            break
        match = pattern.search(joined, starts[i + 1])
    return found


def _texts(value: Any, where: Path_, into: list[tuple[Path_, str | int | None, str]]) -> None:
    """Every text under the mapping or list ``value``, in document order, as (path of its
    container, key or index, text): a path is made per container, not per text."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(
        value, list) else ()
    for name, item in items:
        if isinstance(item, str):
            into.append((where, name, item))
        elif isinstance(item, (dict, list)):
            _texts(item, (*where, name), into)


def _locate_text(text: str, start: tuple[int, int], match: str, offset: int) -> tuple[int, int]:
    """Exact line and column of ``match`` when it can be found from the value's start."""
    rows = text.splitlines()
    line, col = start
    for n in range(line - 1, min(len(rows), line + 40)):
        found = rows[n].find(match, col - 1 if n == line - 1 else 0)
        if found >= 0:
            return n + 1, found + 1
    return line, col + offset if "\n" not in match else col
