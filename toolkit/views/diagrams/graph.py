"""A DOT graph as data: nodes, edges, clusters and rank groups with their attributes.

The diagram views build one of these; :mod:`toolkit.output.dot` writes it as DOT text,
escaping every value (erdantic's ``to_graphviz()`` -> ``to_dot()`` split). Nothing here
knows DOT syntax, so nothing here can get the escaping wrong.
"""

from __future__ import annotations

import hashlib
import math
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise

from .theme import MAX_LABEL_CHARS, WRAP_WIDTH

Value = str | float | int
Attrs = Mapping[str, Value]


class Left(str):
    """A label whose lines are left-justified."""


@dataclass(frozen=True)
class Node:
    id: str
    attrs: Attrs


@dataclass(frozen=True)
class Edge:
    tail: str
    head: str
    attrs: Attrs | None = None


@dataclass(frozen=True)
class SameRank:
    ids: tuple[str, ...]


@dataclass
class Cluster:
    id: str
    attrs: Attrs
    statements: list[Statement] = field(default_factory=list)


Statement = Node | Edge | SameRank | Cluster


@dataclass
class DotGraph:
    """A directed graph being built; node ids are checked to be unique."""

    name: str
    statements: list[Statement] = field(default_factory=list)
    graph_attrs: Attrs = field(default_factory=dict)
    node_attrs: Attrs = field(default_factory=dict)
    edge_attrs: Attrs = field(default_factory=dict)
    _ids: set[str] = field(default_factory=set)
    _open: list[list[Statement]] = field(default_factory=list)

    def _add(self, statement: Statement) -> None:
        (self._open[-1] if self._open else self.statements).append(statement)

    def node(self, ident: str, attrs: Attrs) -> None:
        if ident in self._ids:
            raise ValueError(f"duplicate DOT node id {ident}")
        self._ids.add(ident)
        self._add(Node(ident, attrs))

    def edge(self, tail: str, head: str, attrs: Attrs | None = None) -> None:
        self._add(Edge(tail, head, attrs))

    def same_rank(self, idents: Sequence[str]) -> None:
        if len(idents) > 1:
            self._add(SameRank(tuple(idents)))

    @contextmanager
    def cluster(self, ident: str, attrs: Attrs) -> Iterator[None]:
        cluster = Cluster(ident, attrs)
        self._add(cluster)
        self._open.append(cluster.statements)
        try:
            yield
        finally:
            self._open.pop()


def wrap(text: str, width: int = WRAP_WIDTH, limit: int = MAX_LABEL_CHARS) -> str:
    """``text`` cut to ``limit`` characters and wrapped at ``width`` (lines joined by
    ``\\n``, which the DOT writer turns into DOT line breaks)."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False)) or " "


def node_id(key: str) -> str:
    """A DOT id for a key such as ``step:newcomer/apply-permit``: the kind plus a hash, so
    ids are stable when other nodes are added and never contain YAML text."""
    kind = key.split(":", 1)[0]
    kind = kind if kind.isidentifier() and kind.isascii() else "x"
    return f"{kind}_{hashlib.sha256(key.encode()).hexdigest()[:12]}"


def rows(count: int, most: int) -> int:
    """How many rows :func:`grid` uses for ``count`` items."""
    return math.ceil(count / math.ceil(count / most)) if count else 0


def grid(dot: DotGraph, items: Sequence[str], most: int, *, above: str | None = None,
         below: str | None = None, line: Attrs | None = None) -> None:
    """Lay ``items`` out in columns of at most ``most`` rows, row by row in reading order,
    under ``above`` and/or over ``below``. Items of a column are joined by ``line`` edges
    (to ``above``/``below`` too); without ``line`` the joins are invisible."""
    if not items:
        return
    join = dict(line) if line else {"style": "invis"}
    columns = math.ceil(len(items) / most)
    table = [items[i:i + columns] for i in range(0, len(items), columns)]
    for row in table:
        dot.same_rank(row)
        for left, right in pairwise(row):
            dot.edge(left, right, {"style": "invis"})
    for upper, lower in pairwise(table):
        for index, item in enumerate(lower):
            dot.edge(upper[min(index, len(upper) - 1)], item, join)
    if above:
        for item in table[0]:
            dot.edge(above, item, join)
    if below:
        for item in table[-1]:
            dot.edge(item, below, join)
