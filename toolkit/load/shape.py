"""Check one loaded document against its model and turn pydantic's errors into diagnostics.

pydantic reports an error as a path of keys and list indexes (``loc``); the document knows
the line and column of every path, so each error lands on the exact place in the file.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, shown
from .model import TITLE_LIMIT, Model
from .yamlsource import Document, Path_

_TYPE_NAMES = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "float_type": "a number", "float_parsing": "a number",
    "bool_type": "true or false", "bool_parsing": "true or false", "list_type": "a list",
    "dict_type": "a mapping", "model_type": "a mapping of fields", "model_attributes_type":
    "a mapping of fields", "date_type": "a date (YYYY-MM-DD)", "date_parsing":
    "a date (YYYY-MM-DD)", "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date without a time (YYYY-MM-DD)",
    "text_type": "text, or a mapping of languages (et, en, ru, uk) to text",
}
_RANGE = {"greater_than_equal": "ge", "less_than_equal": "le", "greater_than": "gt",
          "less_than": "lt"}


def check(doc: Document, model: type[Model], context: dict[str, Any]) -> tuple[
        Model | None, list[Model], list[Diagnostic]]:
    """Validate ``doc.data`` against ``model``.

    Returns the object (or None), every model object inside it in document order (each
    knowing its file and path, see :func:`locate_all`), and the diagnostics."""
    try:
        obj = model.model_validate(doc.data, context=context)
    except ValidationError as err:
        return None, [], [_diagnostic(doc, model, e) for e in err.errors(include_url=False)]
    objects: list[Model] = []
    locate_all(obj, doc.path, (), objects)
    return obj, objects, []


def locate_all(obj: Model, file: str, where: Path_, into: list[Model]) -> None:
    """Record on ``obj`` and every model inside it the file and path it was read from."""
    private = obj.__pydantic_private__  # what `obj._file = file` sets, without the detour
    if private is None:  # pragma: no cover - pydantic always makes it for private fields
        obj._file, obj._where = file, where
    else:
        private["_file"], private["_where"] = file, where
    into.append(obj)
    for name, is_list in type(obj).child_fields():
        value = getattr(obj, name)
        if value is None:
            continue
        if is_list:
            for i, item in enumerate(value):
                locate_all(item, file, (*where, name, i), into)
        else:
            locate_all(value, file, (*where, name), into)


def _diagnostic(doc: Document, model: type[Model], error: Any) -> Diagnostic:
    loc: Path_ = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    on_key = kind == "extra_forbidden"
    if loc and loc[-1] == "[key]":  # a mapping key failed (e.g. a persona id in 'emotion')
        loc, on_key = loc[:-1], True
    name = _field_name(loc[:-1] if on_key and kind != "extra_forbidden" else loc)
    line, col = doc.position(loc, key=on_key)

    def diag(code: str, message: str, hint: str = "") -> Diagnostic:
        return Diagnostic(doc.path, line, col, code, message, hint)

    if kind == "extra_forbidden":
        allowed = sorted(_fields_at(model, loc[:-1]))
        close = difflib.get_close_matches(shown(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed fields: {', '.join(allowed)}"
        return diag("S103", f"unknown field '{shown(loc[-1])}'", hint)
    if kind == "missing":
        line, col = doc.position(loc[:-1])
        described = _description(model, loc)
        allowed = _allowed_values(model, loc)
        hint = f"add '{name}:'" + (f" ({described})" if described else "") + (
            f" with one of: {allowed}" if allowed else "")
        return Diagnostic(doc.path, line, col, "S102", f"missing field '{name}'", hint)
    if kind == "too_short":
        return diag("S102", f"'{name}' needs at least {ctx.get('min_length', 1)} item(s)",
                    f"add an item under '{name}:'")
    if kind in ("literal_error", "enum"):
        return diag("S104", f"{_show(value)} is not allowed for '{name}'",
                    f"use one of: {ctx.get('expected', '')}".replace("' or '", "', '"))
    if kind == "text_language":
        unknown = str(ctx.get("unknown", "")).split(", ")[0]
        line, col = doc.position((*loc, unknown), key=True)
        unknown = shown(unknown)
        hint = ("a text containing ', ' inside {...} must be quoted: {et: \"a, b\", en: ...}"
                if " " in unknown else "use the language codes et, en, ru or uk")
        return Diagnostic(doc.path, line, col, "S104", f"unknown language '{unknown}' in the "
                          f"text of '{name}'", hint)
    if kind == "text_empty":
        lang = ctx.get("lang")
        if lang is not None:  # an empty value has no place of its own: point at its key
            line, col = doc.position((*loc, lang), key=True)
        return Diagnostic(doc.path, line, col, "S107", f"'{name}': {error['msg']}",
                          "write the text, or remove the language that has none")
    if kind in ("text_too_long", "string_too_long"):
        limit = ctx.get("limit", ctx.get("max_length", 0))
        lang = ctx.get("lang")
        if lang is not None:
            line, col = doc.position((*loc, lang))
        length = ctx.get("length", len(value) if isinstance(value, str) else 0)
        return Diagnostic(doc.path, line, col, "S108", f"'{name}' is {length:,} characters "
                          f"long; the limit is {limit:,}", _too_long_hint(limit))
    if kind == "string_pattern_mismatch":
        return diag("S106", f"{_show(value)} is not a valid id for '{name}'",
                    f"use lowercase letters, digits and hyphens, e.g. '{_slug(value)}'")
    if kind in _RANGE:
        return _range_diagnostic(doc.path, line, col, loc, value, ctx)
    if kind in _TYPE_NAMES:
        if "emotion" in loc and loc[-1] != "emotion":
            name = f"emotion of {name}"
        token = _source_token(doc, line, col)
        return diag("S101", f"'{name}' should be {_TYPE_NAMES[kind]}, not {_kind_of(value)}",
                    _type_hint(kind, value, loc, token))
    return diag("S107", f"'{name}': {error['msg']}", "check the value against the format in "
                "the README")


def _range_diagnostic(file: str, line: int, col: int, loc: Path_, value: Any,
                      ctx: dict[str, Any]) -> Diagnostic:
    if "emotion" in loc:
        return Diagnostic(file, line, col, "S105", f"emotion {value} of persona "
                          f"'{shown(loc[-1])}' is out of range",
                          "emotion runs from -2 (very bad) to +2 (very good)")
    name = _field_name(loc)
    bound = next(iter(ctx.values()), "")
    return Diagnostic(file, line, col, "S105", f"'{name}' is {value}, out of range",
                      f"the limit is {bound}" + (" (severity runs from 1 to 3)"
                                                 if name == "severity" else ""))


def _too_long_hint(limit: int) -> str:
    if limit <= 64:
        return "shorten it"
    if limit <= TITLE_LIMIT:
        return "shorten it, and put the details in the description"
    return "shorten it, or split it into several items; cite a long document as a source"


def _field_name(loc: Path_) -> str:
    names = [part for part in loc if isinstance(part, str)]
    return shown(names[-1]) if names else "document"  # a key the user wrote, at times


def _show(value: Any) -> str:
    return repr(shown(value)) if isinstance(value, str) else shown(value)


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        return f"text {shown(value, 40)!r}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty"
    return f"{type(value).__name__} {shown(value)}"


def _type_hint(kind: str, value: Any, loc: Path_ = (), token: str = "") -> str:
    if isinstance(value, bool) and kind.startswith("string"):
        token = shown(token or value)
        return (f"YAML reads {token} as true/false: quote it if it is meant as text, "
                f"e.g. \"{token}\"")
    if "emotion" in loc:
        return "emotion is a whole number from -2 (very bad) to +2 (very good)"
    if kind == "list_type":
        return "write the items on their own lines starting with '- ', or as [a, b]"
    if kind == "text_type":
        return "write the text, or a mapping such as {et: ..., en: ...}"
    if kind in ("string_type",) and value is None:
        return "write a text after the colon, or remove the line"
    if kind == "string_type" and isinstance(value, (int, float)):
        return f"quote the value if it is meant as text: \"{shown(value)}\""
    if kind == "string_type":
        return "write a text here"
    if kind.startswith("bool"):
        return "write true or false"
    if kind.startswith("int"):
        return "write a whole number"
    if kind.startswith("float"):
        return "write a number"
    if kind.startswith("date"):
        return "write a date as YYYY-MM-DD"
    return f"write the fields indented under '{_field_name(loc)}:'"


def _source_token(doc: Document, line: int, col: int) -> str:
    """The word written at ``line``:``col`` in the file (as typed, before YAML read it)."""
    rows = doc.text.splitlines()
    if not 1 <= line <= len(rows):
        return ""
    match = re.match(r"[^\s,\]}#]+", rows[line - 1][col - 1:])
    return match.group() if match else ""


def _allowed_values(model: type[BaseModel], loc: Path_) -> str:
    parent = _model_at(model, loc[:-1])
    info = parent.model_fields.get(str(loc[-1])) if parent else None
    if info is None or typing.get_origin(info.annotation) is not typing.Literal:
        return ""
    return ", ".join(str(v) for v in typing.get_args(info.annotation))


def _slug(value: Any) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", shown(value, 64).lower()).strip("-")
    return slug or "my-id"


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation like ``list[Stage] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is None and not isinstance(annotation, types.UnionType):
        return None
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _model_at(model: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        current = _model_of(info.annotation) if info else None
    return current


def _fields_at(model: type[BaseModel], loc: Path_) -> list[str]:
    found = _model_at(model, loc)
    return list(found.model_fields) if found else []


def _description(model: type[BaseModel], loc: Path_) -> str:
    parent = _model_at(model, loc[:-1])
    info = parent.model_fields.get(str(loc[-1])) if parent else None
    return (info.description or "") if info else ""
