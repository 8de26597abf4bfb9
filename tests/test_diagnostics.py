"""Printing a diagnostic: what reaches a terminal shows control characters as escapes;
JSON keeps the text exactly as it was written."""

from __future__ import annotations

import json

import pytest

from toolkit.diagnostics import Diagnostic, printable, shown


@pytest.mark.parametrize(("text", "expected"), [
    ("plain text, õäöü, кириллица, 😀", "plain text, õäöü, кириллица, 😀"),
    ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
    ("a\rb\nc\td", "a\\x0db\\x0ac\\x09d"),
    ("\x7f\x85\x9b", "\\x7f\\x85\\x9b"),  # DEL and C1 (CSI)
    ("abc\u202edcba\u202c", "abc\\u202edcba\\u202c"),  # a bidi override (Trojan Source)
    ("\u2066x\u2069 \u200f \u061c", "\\u2066x\\u2069 \\u200f \\u061c"),
    ("line\u2028break", "line\\u2028break"),
])
def test_printable_escapes_control_characters(text: str, expected: str) -> None:
    assert printable(text) == expected


def test_to_text_escapes_every_part_and_json_keeps_the_original() -> None:
    d = Diagnostic("journeys/\x1b[2J.yaml", 3, 1, "S103", "unknown field '\x1b]0;x\x07'",
                   "did you mean '\x07'?", "3 | \x1b]0;x\x07: 1")
    text = d.to_text()
    assert text == ("journeys/\\x1b[2J.yaml:3:1: error S103 unknown field '\\x1b]0;x\\x07'\n"
                    "    hint: did you mean '\\x07'?\n"
                    "    3 | \\x1b]0;x\\x07: 1")
    data = json.loads(json.dumps(d.to_json()))
    assert data["message"] == "unknown field '\x1b]0;x\x07'"
    assert data["file"] == "journeys/\x1b[2J.yaml"


def test_shown_cuts_long_values() -> None:
    assert shown("x" * 61) == "x" * 59 + "…"
    assert shown("x" * 60) == "x" * 60
    assert shown(12) == "12"
