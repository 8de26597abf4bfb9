"""The package tree is the pipeline: imports point down it, and there are no import cycles.

Read from the source with ``ast`` (every ``import`` and ``from ... import``, at module level
or inside a function), so a lazy import cannot hide an upward dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "toolkit"
FOUNDATION = ("version", "errors", "diagnostics", "i18n")
"""Modules every stage may import; each imports only the ones before it in this list."""
STAGES = ("load", "check", "graph", "analyse", "views", "output", "site", "edit")
"""The pipeline, in order: a stage imports the foundation, itself and the stages before it."""
TOP = ("cli", "__main__", "__init__")
"""The command line and the package's face: they may import anything."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """The toolkit modules ``path`` imports (resolved to dotted names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "toolkit")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "toolkit":
                continue
            for alias in node.names:  # `from . import x` may name a module
                candidate = f"{target}.{alias.name}"
                found.add(candidate if _exists(candidate) else target)
    return {name for name in found if name != module_name(path)}


def _exists(dotted: str) -> bool:
    base = ROOT.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def layer(module: str) -> tuple[str, int]:
    """(kind, rank) of a module: foundation and stages are ranked in pipeline order."""
    parts = module.split(".")
    head = parts[1] if len(parts) > 1 else "__init__"
    if head in FOUNDATION:
        return "foundation", FOUNDATION.index(head)
    if head in STAGES:
        return "stage", STAGES.index(head)
    if head in TOP:
        return "top", 0
    raise AssertionError(f"{module}: not in a known layer; add its package to the test")


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def upward(module: str, target: str) -> bool:
    kind, rank = layer(module)
    to_kind, to_rank = layer(target)
    if kind == "top":
        return False
    if to_kind == "top":
        return target != "toolkit"  # the package itself is loaded first anyway
    if kind == "foundation":
        return to_kind != "foundation" or to_rank > rank
    return to_kind == "stage" and to_rank > rank


def test_every_module_is_in_a_layer() -> None:
    for module in graph():
        layer(module)


def test_imports_point_down_the_pipeline() -> None:
    wrong = sorted(f"{m} -> {t}" for m, targets in graph().items() for t in targets
                   if upward(m, t))
    assert wrong == []


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    # The package's __init__ re-exports lazily and is loaded before any module: leave it out.
    edges = {m: {t for t in ts if t != "toolkit"} for m, ts in graph().items()}
    assert cycles(edges) == []


@pytest.mark.parametrize("edges, expected", [
    ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
])
def test_the_cycle_finder_finds_cycles(edges: dict[str, set[str]],
                                       expected: list[list[str]]) -> None:
    assert cycles(edges) == expected


def test_the_layer_rule_catches_an_upward_import() -> None:
    assert upward("toolkit.analyse.analysis", "toolkit.views.base")
    assert upward("toolkit.load.model", "toolkit.site.builder")
    assert upward("toolkit.i18n", "toolkit.load.model")
    assert not upward("toolkit.views.base", "toolkit.analyse.analysis")
    assert not upward("toolkit.site.builder", "toolkit.errors")


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_module_uses_another_modules_private_names() -> None:
    """A module that imports another's ``_underscore`` names, or calls them through an
    attribute (``self.site._write``), is one module split in the wrong place (style.md 15)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (
                    node.level or (node.module or "").startswith("toolkit")):
                found += [f"{module_name(path)} imports {a.name}" for a in node.names
                          if _private(a.name)]
            elif isinstance(node, ast.Attribute) and _private(node.attr) \
                    and isinstance(node.value, ast.Attribute):
                found.append(f"{module_name(path)} uses .{node.value.attr}.{node.attr}")
    assert found == []
