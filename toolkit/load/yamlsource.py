"""Read one YAML file into plain Python values, keeping the source position of every value.

Only safe YAML is read. Everything that can go wrong with a file a person edited by hand
becomes a :class:`~toolkit.diagnostics.Diagnostic`, never an exception: bytes that are not
UTF-8, tabs in indentation, duplicate keys, an empty file, a file too large, and alias
expansion bombs (the expanded count of values and of characters of text are bounded, so
time and memory stay bounded too: aliases share the anchored value, never copy it).
"""

from __future__ import annotations

import marshal
import re
import sys
from array import array
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Diagnostic, excerpt, shown

try:
    # libyaml is required, not optional: the pure-Python parser accepts and rejects slightly
    # different text and words its errors differently, and diagnostics must not depend on
    # how PyYAML was built. PyPI's PyYAML wheels include libyaml.
    from yaml import CSafeLoader as _Loader
except ImportError as err:  # pragma: no cover - depends on how PyYAML was built
    raise ImportError("teekond needs PyYAML with libyaml: pip install --force-reinstall "
                      "--no-binary=:none: pyyaml") from err

MAX_BYTES = 2 * 1024 * 1024
"""Largest file read; a journey of a hundred stages is well under 1 MiB."""
MAX_VALUES = 200_000
"""Most values (after alias expansion) one file may hold."""
MAX_TEXT = 8 * 1024 * 1024
"""Most characters of text (keys and values, after alias expansion) one file may hold: four
times what the largest file can hold without aliases. Every later step reads each text once
per use (checks, privacy, pages), so an anchor of 100 KB used 2,000 times would cost as much
as a 200 MB file."""
MAX_DEPTH = 40
"""Deepest nesting read; the model itself is at most about ten levels deep."""

Path_ = tuple[str | int, ...]
"""Where a value sits in a document: keys and list indexes from the root."""

_SCALAR = yaml.constructor.SafeConstructor()
_STR_TAG = "tag:yaml.org,2002:str"


class Document:
    """One loaded file: its values and where each value (and each key) stands.

    Positions are kept compactly while loading (for each value and each key: its parent's
    number, its key or list index, and line and column packed in one machine word), because
    a large workspace has millions of them and most are never asked for: only a diagnostic
    needs a place. The maps from paths to places (:attr:`values`, :attr:`keys`) are built
    the first time a place is asked for."""

    def __init__(self, path: str, text: str, data: Any = None) -> None:
        self.path = path
        self._text = text
        self._raw: bytes | None = None
        self.data = data
        self.value_parents = array("i")
        """For each value in the order read: the number of the mapping or list holding it
        (-1 for the root)."""
        self.value_names: list[str | int | None] = []
        """For each value: its key in its mapping or its index in its list."""
        self.value_places = array("Q")
        """For each value: ``line << 32 | column``."""
        self.key_parents = array("i")
        self.key_names: list[str | int] = []
        self.key_places = array("Q")
        self.dates: list[int] = []
        """Numbers of the values that are dates (kept apart in the parse cache)."""
        self._maps: tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]] | None = None

    @property
    def text(self) -> str:
        """The file's text (decoded on first use when the document came from the cache)."""
        if self._raw is not None:
            if self._raw is _RELEASED:
                raise RuntimeError(f"the text of {self.path} was released after loading")
            self._text, self._raw = text_of(self._raw), None
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self._text, self._raw = value, None

    def set_source(self, raw: bytes) -> None:
        """Keep the file's bytes; :attr:`text` decodes them when it is first asked for (a
        file without problems never is: its bytes take half the memory of its text)."""
        self._text, self._raw = "", raw

    def release(self) -> None:
        """Drop the values and the text, keeping the positions: for a file that loaded
        without errors, whose model now holds its values (nothing later reads its text)."""
        self.data, self._text, self._raw = None, "", _RELEASED

    def add_value(self, parent: int, name: str | int | None, line: int, col: int) -> int:
        """Record where a value stands; returns its number."""
        self.value_parents.append(parent)
        self.value_names.append(name)
        self.value_places.append(line << 32 | col)
        return len(self.value_names) - 1

    def add_key(self, parent: int, name: str | int, line: int, col: int) -> None:
        """Record where the key ``name`` of the mapping numbered ``parent`` stands."""
        self.key_parents.append(parent)
        self.key_names.append(name)
        self.key_places.append(line << 32 | col)

    def key_place(self, parent: int, name: str | int) -> tuple[int, int]:
        """Where the key ``name`` of the mapping numbered ``parent`` was first written."""
        for i in range(len(self.key_names) - 1, -1, -1):
            if self.key_parents[i] == parent and _same_key(self.key_names[i], name):
                return _unpack(self.key_places[i])
        return 1, 1

    @property
    def values(self) -> dict[Path_, tuple[int, int]]:
        """Path of every value -> (line, column), 1-based."""
        return self._path_maps()[0]

    @property
    def keys(self) -> dict[Path_, tuple[int, int]]:
        """Path of every key -> (line, column) of the key, 1-based."""
        return self._path_maps()[1]

    def _path_maps(self) -> tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]]:
        if self._maps is None:
            paths: list[Path_] = []
            values: dict[Path_, tuple[int, int]] = {}
            for parent, name, place in zip(self.value_parents, self.value_names,
                                           self.value_places, strict=True):
                where: Path_ = (() if parent < 0
                                else (*paths[parent], name))  # type: ignore[arg-type]
                paths.append(where)
                values[where] = _unpack(place)
            keys = {(*paths[parent], name): _unpack(place) for parent, name, place in zip(
                self.key_parents, self.key_names, self.key_places, strict=True)}
            self._maps = values, keys
        return self._maps

    def position(self, where: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``where``, or of its key.

        Falls back to the nearest enclosing value when ``where`` is not in the file (a
        missing field is reported at the mapping that should hold it).
        """
        values, keys = self._path_maps()
        if key and where in keys:
            return keys[where]
        while where not in values and where:
            where = where[:-1]
        return values.get(where, (1, 1))

    def strings(self) -> list[tuple[Path_, str]]:
        """Every text value with its path, for checks that read all free text."""
        found: list[tuple[Path_, str]] = []
        _collect_strings(self.data, (), found)
        return found


Plain = tuple[Any, ...]
"""A document as plain data, the first value :func:`to_plain` writes."""


def to_plain(doc: Document, *extra: Any) -> bytes:
    """``doc``'s values and positions (and ``extra`` plain values) in :mod:`marshal`'s
    format, dates written as text.

    Dates are swapped for ``(kind, ISO text)`` while the data is written (a tuple never
    occurs in loaded data), then put back. Values and positions are written in one go, so
    a key and its name in the positions stay one object, and shared values (aliases) stay
    shared."""
    dates = []
    for node in doc.dates:
        where = _path_of(doc, node)
        holder, name = _holder(doc.data, where)
        if holder is not None and isinstance(holder[name], date):
            dates.append((where, holder, name, holder[name]))
    try:
        for _, holder, name, value in dates:
            holder[name] = ("t" if isinstance(value, datetime) else "d", value.isoformat())
        return marshal.dumps(((doc.data, [where for where, *_ in dates],
                               doc.value_parents.tobytes(), doc.value_names,
                               doc.value_places.tobytes(), doc.key_parents.tobytes(),
                               doc.key_names, doc.key_places.tobytes()), *extra))
    finally:
        for _, holder, name, value in dates:
            holder[name] = value


def from_plain(path: str, raw: bytes, plain: Plain) -> Document:
    """The document of the file holding ``raw`` from the first value :func:`to_plain`
    wrote (raises on anything it did not write)."""
    data, dates, parents, names, places, key_parents, key_names, key_places = plain
    doc = Document(path, "", data)
    doc.set_source(raw)
    for where in dates:
        holder, name = _holder(doc.data, tuple(where))
        marked = holder[name] if holder is not None else None
        if type(marked) is tuple and len(marked) == 2:
            kind = datetime if marked[0] == "t" else date
            holder[name] = kind.fromisoformat(marked[1])  # type: ignore[index]
    doc.value_parents.frombytes(parents)
    doc.value_places.frombytes(places)
    doc.key_parents.frombytes(key_parents)
    doc.key_places.frombytes(key_places)
    doc.value_names, doc.key_names = list(names), list(key_names)
    if not (len(doc.value_parents) == len(doc.value_names) == len(doc.value_places)
            and len(doc.key_parents) == len(doc.key_names) == len(doc.key_places)):
        raise ValueError("positions do not match")
    return doc


def _path_of(doc: Document, node: int) -> Path_:
    where: list[Any] = []
    while node >= 0:
        parent = doc.value_parents[node]
        if parent >= 0:
            where.append(doc.value_names[node])
        node = parent
    return tuple(reversed(where))


def _holder(data: Any, where: Path_) -> tuple[Any, Any]:
    """The mapping or list holding the value at ``where`` and its key, or (None, None)."""
    if not where:
        return None, None
    try:
        for name in where[:-1]:
            data = data[name]
        data[where[-1]]
    except (KeyError, IndexError, TypeError):
        return None, None
    return data, where[-1]


_RELEASED = b"\0released"
"""The source of a document whose text was dropped (see :meth:`Document.release`)."""


def _collect_strings(value: Any, where: Path_, found: list[tuple[Path_, str]]) -> None:
    if isinstance(value, str):
        found.append((where, value))
    elif isinstance(value, dict):
        for k, v in value.items():
            _collect_strings(v, (*where, k), found)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _collect_strings(v, (*where, i), found)


def _unpack(place: int) -> tuple[int, int]:
    return place >> 32, place & 0xFFFFFFFF


def _same_key(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


class _Problem(Exception):
    def __init__(self, code: str, line: int, col: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.line, self.col, self.message, self.hint = code, line, col, message, hint


def load(path: Path, display: str) -> tuple[Document, list[Diagnostic]]:
    """Load ``path``; ``display`` is the name diagnostics use (relative to the workspace)."""
    raw = read(path, display)
    if isinstance(raw, Diagnostic):
        return Document(display, ""), [raw]
    return parse(raw, display)


def read(path: Path, display: str) -> bytes | Diagnostic:
    """The bytes of ``path``, or the diagnostic of a file too large (Y006) or unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return _diagnostic(Document(display, ""), _Problem(
                "Y006", 1, 1, f"the file is {size:,} bytes; the limit is {MAX_BYTES:,}",
                "split it into several files"))
        return path.read_bytes()
    except OSError as err:
        return Diagnostic(display, 1, 1, "Y004", f"cannot read the file: {err.strerror}",
                          "check the file's permissions")


def text_of(raw: bytes) -> str:
    """The text of a file's bytes as :func:`parse` keeps it in :attr:`Document.text`."""
    try:
        return _decode(raw)
    except _Problem:  # not UTF-8, or too large: readable all the same
        return raw.decode("utf-8", "replace")


def parse(raw: bytes, display: str) -> tuple[Document, list[Diagnostic]]:
    """Parse the bytes of a file; ``display`` is the name diagnostics use."""
    doc = Document(display, "")
    try:
        doc.text = raw.decode("utf-8", "replace")  # readable even when it is not UTF-8
        doc.text = _decode(raw)
        _check_text(doc.text)
        builder = _Builder(doc)
        doc.data = builder.build(yaml.parse(doc.text, Loader=_Loader))
    except _Problem as p:
        return doc, [_diagnostic(doc, p)]
    except yaml.MarkedYAMLError as err:
        if err.problem == _LIBYAML_TOO_DEEP:
            return doc, [_diagnostic(doc, _libyaml_too_deep(doc, err))]
        return doc, [_syntax_diagnostic(doc, err)]
    except yaml.YAMLError as err:
        return doc, [_diagnostic(doc, _Problem(
            "Y001", 1, 1, f"cannot read the YAML: {type(err).__name__}",
            "check the file's syntax (quotes, colons, brackets)"))]
    return doc, [_diagnostic(doc, p) for p in builder.problems]


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise _Problem("Y006", 1, 1, f"the file is {len(raw):,} bytes; the limit is "
                       f"{MAX_BYTES:,}", "split it into several files")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        line_start = raw[before.rfind(b"\n") + 1: err.start].removeprefix(b"\xef\xbb\xbf")
        col = len(line_start.decode("utf-8", "replace")) + 1
        raise _Problem("Y004", line, col, f"byte 0x{raw[err.start]:02x} is not UTF-8 text",
                       "save the file as UTF-8 in your editor") from None
    return text.removeprefix("\ufeff")


def _check_text(text: str) -> None:
    if not text.strip() or all(
        not row.strip() or row.lstrip().startswith("#") for row in text.splitlines()
    ):
        raise _Problem("Y005", 1, 1, "the file is empty",
                       "write the content, or delete the file if it is not needed")
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        at = bad.start()
        line, col = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
        if bad.group() == "\x00":
            raise _Problem("Y004", line, col, "the file contains a NUL byte",
                           "save it as UTF-8 text")
        raise _Problem("Y001", line, col, f"the file contains the control character "
                       f"U+{ord(bad.group()):04X}, which YAML does not allow",
                       "delete it (it often comes with text pasted from elsewhere); write "
                       "\"\\e\" or \"\\a\" in a double-quoted text if it is really meant")


_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff]")
"""Characters YAML does not allow in a file (it allows tab, line breaks and printable
text): libyaml would stop at the first without saying where."""


def _too_deep(line: int, col: int) -> _Problem:
    return _Problem("Y007", line, col, f"values are nested more than {MAX_DEPTH} levels deep",
                    "check the indentation: the content is nested too deeply")


_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"
"""libyaml's own problem text: from 0.2.6 (in PyYAML 6.0.4's wheels) it stops at ~1000 levels."""


def _libyaml_too_deep(doc: Document, err: yaml.MarkedYAMLError) -> _Problem:
    """Y007 for a file libyaml refuses as too deep, at the place our own limit would name.

    libyaml's scanner reads a run of opening brackets ahead before it hands out their
    events, so its limit can answer before :data:`MAX_DEPTH` is ever seen. The text up to
    where libyaml stopped still nests deeper than MAX_DEPTH; reading it again finds the
    first value that is too deep."""
    mark = err.problem_mark
    if mark is not None:
        try:
            _Builder(Document(doc.path, "")).build(
                yaml.parse(doc.text[: mark.index], Loader=_Loader))
        except _Problem as p:
            if p.code == "Y007":
                return p
        except yaml.YAMLError:
            pass  # the cut text ends in the middle of a node
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return _too_deep(line, col)


class _Frame:
    """A mapping or list being filled while the events of its content arrive."""

    __slots__ = ("anchor", "depth", "is_map", "key", "node", "start", "text_start", "value")

    def __init__(self, value: dict[Any, Any] | list[Any], node: int, depth: int,
                 anchor: str | None, start: int, text_start: int) -> None:
        self.value, self.node, self.depth, self.anchor = value, node, depth, anchor
        self.start, self.text_start = start, text_start
        self.is_map = type(value) is dict
        self.key: Any = _NO_KEY


_NO_KEY = object()
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
"""First character -> [(tag, pattern)] of YAML 1.1's plain scalars that are not text."""


class _Builder:
    """Turns libyaml's event stream into values, recording positions and checking limits.

    Working on events (not a composed node tree) with an explicit stack keeps it fast and
    free of recursion; aliases reuse the anchored value but count its full size (values and
    characters of text), so an expansion bomb is stopped at MAX_VALUES or MAX_TEXT however
    it is built."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0
        self.text = 0
        """Characters of text read so far, aliases counted at their full size."""
        self.problems: list[_Problem] = []
        """Problems that do not stop reading (a duplicate key keeps the last value, as YAML
        does, so the rest of the file can still be checked)."""
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        """Anchor name -> (value, number of values, characters of text) it stands for."""

    def build(self, events: Iterator[yaml.Event]) -> Any:
        # The common events (a plain or quoted text as a key or a value) are handled inline:
        # this loop runs once per value of every file, and method calls per value cost
        # more than the parsing itself. Everything else goes through the methods below.
        stack: list[_Frame] = []
        root: Any = _NO_KEY
        documents = 0
        doc = self.doc
        add_parent, add_name = doc.value_parents.append, doc.value_names.append
        add_place = doc.value_places.append
        implicit = _IMPLICIT
        scalar_event, no_key = yaml.ScalarEvent, _NO_KEY
        for event in events:
            kind = type(event)
            if kind is scalar_event:
                top = stack[-1] if stack else None
                value = event.value
                plain = event.tag is None and (not event.implicit[0] or (
                    value != "" and value[0] not in implicit))
                if top is not None and top.is_map and top.key is no_key:
                    if plain and self.text + len(value) <= MAX_TEXT:
                        self.text += len(value)
                        key = sys.intern(value)
                        if key in top.value:
                            top.key = self._duplicate(event, top, key)
                        else:
                            mark = event.start_mark
                            doc.add_key(top.node, key, mark.line + 1, mark.column + 1)
                            top.key = key
                    else:
                        top.key = self._key(event, top)
                    continue
                if top is None:
                    parent, name, depth = -1, None, 0
                else:
                    parent, depth = top.node, top.depth + 1
                    name = top.key if top.is_map else len(top.value)
                mark = event.start_mark
                self.count += 1
                if self.count > MAX_VALUES or depth > MAX_DEPTH:
                    self._check_limits(mark, depth)
                add_parent(parent)
                add_name(name)
                add_place((mark.line + 1) << 32 | (mark.column + 1))
                self._add_text(len(value), mark)
                if not plain:
                    value = self._scalar(event)
                    if isinstance(value, date):
                        doc.dates.append(len(doc.value_names) - 1)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1, len(event.value))
                if top is None:
                    root = value
                elif top.is_map:
                    top.value[top.key] = value
                    top.key = no_key
                else:
                    top.value.append(value)
                continue
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    raise _Problem("Y008", mark.line + 1, mark.column + 1,
                                   "the file holds several YAML documents",
                                   "remove the extra '---' line; one file holds one document")
                continue
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor:
                    self.anchors[frame.anchor] = (frame.value, self.count - frame.start,
                                                  self.text - frame.text_start)
                root = self._store(stack, frame.value, root)
                continue
            if kind not in _VALUE_EVENTS:
                continue
            top = stack[-1] if stack else None
            if top is not None and top.is_map and top.key is no_key:
                top.key = self._key(event, top)
                continue
            if top is None:
                parent, name, depth = -1, None, 0
            else:
                parent, depth = top.node, top.depth + 1
                name = top.key if top.is_map else len(top.value)
            mark = event.start_mark
            self.count += 1
            self._check_limits(mark, depth)
            node = doc.add_value(parent, name, mark.line + 1, mark.column + 1)
            if kind is yaml.AliasEvent:
                value = self._alias(event)
                if isinstance(value, date):
                    doc.dates.append(node)
                root = self._store(stack, value, root)
            else:
                _check_collection_tag(event)
                container: dict[Any, Any] | list[Any] = (
                    {} if kind is yaml.MappingStartEvent else [])
                stack.append(_Frame(container, node, depth, event.anchor, self.count,
                                    self.text))
        if root is _NO_KEY or root is None:
            raise _Problem("Y005", 1, 1, "the file is empty" if root is _NO_KEY else
                           "the file holds only an empty value",
                           "write the content, or delete the file if it is not needed")
        return root


    def _check_limits(self, mark: yaml.Mark, depth: int) -> None:
        if self.count > MAX_VALUES:
            raise _Problem("Y007", mark.line + 1, mark.column + 1,
                           f"the file expands to more than {MAX_VALUES:,} values",
                           "remove aliases (*name) that repeat large parts, or split the file")
        if depth > MAX_DEPTH:
            raise _too_deep(mark.line + 1, mark.column + 1)

    @staticmethod
    def _store(stack: list[_Frame], value: Any, root: Any) -> Any:
        if not stack:
            return value
        top = stack[-1]
        if top.is_map:
            top.value[top.key] = value
            top.key = _NO_KEY
        else:
            top.value.append(value)  # type: ignore[union-attr]
        return root

    def _alias(self, event: yaml.AliasEvent) -> Any:
        mark = event.start_mark
        if event.anchor not in self.anchors:
            raise _Problem("Y001", mark.line + 1, mark.column + 1,
                           f"unknown alias *{event.anchor}",
                           f"define the anchor &{event.anchor} before using it")
        value, size, text = self.anchors[event.anchor]
        self.count += size
        self._check_limits(mark, 0)
        self._add_text(text, mark)
        return value

    def _add_text(self, length: int, mark: yaml.Mark) -> None:
        self.text += length
        if self.text > MAX_TEXT:
            raise _Problem("Y007", mark.line + 1, mark.column + 1,
                           f"the file expands to more than {MAX_TEXT:,} characters of text",
                           "remove aliases (*name) that repeat long texts, or split the file")

    def _key(self, event: yaml.Event, frame: _Frame) -> Any:
        mark = event.start_mark
        line, col = mark.line + 1, mark.column + 1
        if type(event) is not yaml.ScalarEvent:
            raise _Problem("Y008", line, col, "a key is a list, mapping or alias",
                           "keys must be plain names")
        self._add_text(len(event.value), mark)
        if event.implicit[0] and event.tag is None and event.value == "<<":
            raise _Problem("Y008", line, col, "merge keys (<<) are not supported",
                           "write the fields out in full")
        key = self._scalar(event)
        if type(key) is str:
            key = sys.intern(key)  # a few dozen names repeated in every mapping: one copy
        if not isinstance(key, (str, int)) or isinstance(key, bool):
            raise _Problem("Y008", line, col, f"the key {shown(event.value)!r} is not a name",
                           f"quote it if it is meant as text: \"{shown(event.value)}\":")
        if key in frame.value:
            return self._duplicate(event, frame, key)
        self.doc.add_key(frame.node, key, line, col)
        return key

    def _duplicate(self, event: yaml.Event, frame: _Frame, key: str | int) -> str | int:
        """Y002 for a key already in its mapping (reading goes on: the last value counts)."""
        mark = event.start_mark
        first = self.doc.key_place(frame.node, key)
        self.problems.append(_Problem(
            "Y002", mark.line + 1, mark.column + 1, f"duplicate key '{shown(key)}'",
            f"'{shown(key)}' is already set on line {first[0]}; keep only one"))
        return key

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag, value = event.tag, event.value
        if tag is None or tag == "!":
            if not event.implicit[0] or tag == "!":
                return value  # quoted or block text: never resolved to another type
            if not value:
                return None
            resolvers = _IMPLICIT.get(value[0])
            if not resolvers:
                return value
            tag = next((t for t, pattern in resolvers if pattern.match(value)), _STR_TAG)
        if tag == _STR_TAG:
            return value
        construct = _SCALAR.yaml_constructors.get(tag)
        mark = event.start_mark
        if construct is None or tag.endswith((":binary", ":omap", ":pairs", ":set", ":merge",
                                              ":value", ":seq", ":map")):
            raise _Problem("Y008", mark.line + 1, mark.column + 1,
                           f"the tag {tag} is not supported", "remove the tag (!...)")
        try:
            return construct(_SCALAR, yaml.ScalarNode(tag, value, mark, mark, event.style))
        except (ValueError, OverflowError, KeyError, IndexError, AttributeError, TypeError,
                yaml.YAMLError):  # PyYAML's constructors fail in all these ways on bad values
            kind = "a date" if tag.endswith("timestamp") else tag.rsplit(":", 1)[-1]
            self.problems.append(_Problem(
                "S107", mark.line + 1, mark.column + 1, f"{shown(value)!r} is not {kind}",
                "write a real date as YYYY-MM-DD, or quote the value to keep it as text"))
            return value


_COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _check_collection_tag(event: yaml.CollectionStartEvent) -> None:
    if event.tag not in _COLLECTION_TAGS:
        mark = event.start_mark
        raise _Problem("Y008", mark.line + 1, mark.column + 1,
                       f"the tag {event.tag} is not supported", "remove the tag (!...)")


_VALUE_EVENTS = frozenset({yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent,
                           yaml.SequenceStartEvent})


def _diagnostic(doc: Document, p: _Problem) -> Diagnostic:
    shown_text = excerpt(doc.text, p.line, p.col) if p.code == "Y001" else ""
    return Diagnostic(doc.path, p.line, p.col, p.code, p.message, p.hint, shown_text)


def _syntax_diagnostic(doc: Document, err: yaml.MarkedYAMLError) -> Diagnostic:
    # An unfinished key, quote or bracket is noticed later than it went wrong: point at
    # where it started. Other errors are noticed where they are.
    problem = err.problem or "syntax error"
    at = err.problem_mark
    rows = doc.text.splitlines()
    offending = (rows[at.line][at.column: at.column + 1]
                 if at and at.line < len(rows) else "")
    tab = "tab character" in problem or offending == "\t"
    unfinished = not tab and err.context and ("scanning" in err.context or
                                              "flow" in err.context)
    mark = (err.context_mark if unfinished and err.context_mark else
            err.problem_mark or err.context_mark)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = problem if not err.context else f"{problem} ({err.context})"
    if tab:
        return Diagnostic(doc.path, line, col, "Y003", "a tab is used for indentation",
                          "indent with spaces only (set your editor to insert spaces for Tab)")
    if "expected a single document" in message:
        return Diagnostic(doc.path, line, col, "Y008", "the file holds several YAML documents",
                          "remove the extra '---' line; one file holds one document")
    quote = _unclosed_quote(doc.text, err)
    if quote is not None:
        line, col, hint = quote
        return Diagnostic(doc.path, line, col, "Y001", "a quote opened here is never closed",
                          hint, excerpt(doc.text, line, col))
    hint = _syntax_hint(message)
    return Diagnostic(doc.path, line, col, "Y001", message, hint, excerpt(doc.text, line, col))


_KEY_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)?[A-Za-z_][\w-]*:(?:[ \t]|$)", re.MULTILINE)
"""A line that starts a mapping entry (``name: ...``, ``- id: ...``)."""


def _unclosed_quote(text: str, err: yaml.MarkedYAMLError) -> tuple[int, int, str] | None:
    """Line, column and hint of a quote that opens and is never closed, if that is the error.

    A quote left open at the end of a text runs on until the next quote of its kind, often
    many lines below, where libyaml finally fails ("did not find expected key"). The text
    it swallowed then holds whole ``key: value`` lines; its opening quote is the mistake."""
    if err.context == "while scanning a quoted scalar" and err.context_mark is not None:
        mark = err.context_mark  # still open at the end of the file
        return mark.line + 1, mark.column + 1, "add the closing quote where the text ends"
    if err.problem_mark is None:
        return None
    failed, last = err.problem_mark.index, None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.index >= failed:
                break
            if type(token) is yaml.ScalarToken and token.style in ("'", '"'):
                last = token
    except yaml.YAMLError:
        pass  # the scanner may stop before the parser did: the tokens until then count
    if last is None or not 0 <= err.problem_mark.line - last.end_mark.line <= 3:
        return None
    start, end = last.start_mark, last.end_mark
    swallowed = "\n".join(text.splitlines()[start.line + 1: end.line + 1])
    if not _KEY_LINE.search(swallowed):
        return None
    return start.line + 1, start.column + 1, (
        f"add the closing quote where the text ends: as it is, the text runs on to line "
        f"{end.line + 1}")


def _syntax_hint(message: str) -> str:
    if "flow sequence" in message or "flow mapping" in message:
        return "the bracket that opens here is never closed, or an item in it needs quotes"
    if "mapping values are not allowed" in message:
        return "a text containing ': ' must be quoted, e.g. title: \"Step: register\""
    if "could not find expected ':'" in message or "simple key" in message:
        return "a line is missing its ':' or is indented wrongly"
    if "found character" in message and "cannot start any token" in message:
        return "quote the value: a text may not start with this character"
    if "expected <block end>" in message:
        return "check the indentation of this line against the lines above"
    return "check quotes, colons, brackets and indentation around this line"
