"""Find a workspace's files, load each one and check its shape: the *load* stage.

The result is a :class:`Workspace` of typed objects (each knowing its file and line) plus
the diagnostics of every file. Files are read in one process: handing pydantic objects back
from worker processes (pickling) measured slower than reading the files.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..errors import NotAWorkspace
from . import paths, yamlsource
from . import shape as schema_check
from .model import (
    Catalogue,
    Journey,
    Model,
    Persona,
    Provider,
    Service,
    Touchpoint,
    WorkspaceSettings,
)
from .statistics import StatRow, load_statistics
from .yamlsource import Document

SETTINGS_FILE = "teekond.yaml"
FOLDERS: dict[str, type[Model]] = {
    "touchpoints": Catalogue,
    "personas": Persona,
    "journeys": Journey,
}
"""Each content folder and the model of the files in it."""
TEMPLATES = "templates"
"""A workspace's folder of template overrides (see toolkit.output.template_search)."""


@dataclass
class Workspace:
    """Everything loaded from a workspace that passed the shape check, file by file."""

    root: Path
    settings: WorkspaceSettings | None = None
    catalogues: list[Catalogue] = field(default_factory=list)
    personas: list[Persona] = field(default_factory=list)
    journeys: list[Journey] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    objects: list[Model] = field(default_factory=list)
    """Every model object of every loaded file, in file and document order."""
    statistics: list[StatRow] = field(default_factory=list)
    """The rows of ``statistics/*.csv`` (:mod:`toolkit.load.statistics`)."""

    @property
    def languages(self) -> list[str]:
        return list(self.settings.languages) if self.settings else ["et", "en"]

    @property
    def default_language(self) -> str:
        return self.settings.default_language if self.settings else "et"

    def providers(self) -> Iterator[Provider]:
        for catalogue in self.catalogues:
            yield from catalogue.providers

    def services(self) -> Iterator[Service]:
        for catalogue in self.catalogues:
            yield from catalogue.services

    def touchpoints(self) -> Iterator[Touchpoint]:
        for catalogue in self.catalogues:
            yield from catalogue.touchpoints

    def where(self, obj: Model, *inner: str | int, key: bool = False) -> tuple[str, int, int]:
        """File, line and column of ``obj`` or of one of its fields (``inner``)."""
        doc = self.documents[obj._file]
        line, col = doc.position((*obj._where, *inner), key=key)
        return doc.path, line, col


def content_files(root: Path) -> list[tuple[str, type[Model]]]:
    """The workspace's YAML files (relative POSIX paths) with their model, sorted."""
    return _scan(root)[0]


def _scan(root: Path) -> tuple[list[tuple[str, type[Model]]], list[Diagnostic]]:
    """The content files to read, and a diagnostic for each file that is not read: a link
    out of the workspace (Y009, never read) or a file that is not YAML (Y010)."""
    if not (root / SETTINGS_FILE).is_file():
        raise NotAWorkspace(f"{root} has no {SETTINGS_FILE}: it is not a teekond workspace. "
                            "Run teekond inside a workspace folder, or name one.")
    boundary = Path(os.path.realpath(root))
    found: list[tuple[str, type[Model]]] = []
    problems: list[Diagnostic] = []
    if paths.inside(root / SETTINGS_FILE, boundary):
        found.append((SETTINGS_FILE, WorkspaceSettings))
    else:
        problems.append(_outside(SETTINGS_FILE, is_dir=False))
    for folder, model in FOLDERS.items():
        for entry in paths.walk(root / folder, boundary):
            rel = entry.path.relative_to(root).as_posix()
            if entry.kind == "content":
                found.append((rel, model))
            elif entry.kind == "outside":
                problems.append(_outside(rel, entry.path.is_dir()))
            else:
                problems.append(Diagnostic(
                    rel, 1, 1, "Y010", f"this file is not read: {folder}/ holds "
                    ".yaml or .yml files", f"if it holds content, rename it to .yaml; "
                    f"otherwise move it out of {folder}/"))
    problems.extend(_template_links(root, boundary))
    return found[:1] + sorted(found[1:]), problems


def _outside(rel: str, is_dir: bool) -> Diagnostic:
    what = "folder" if is_dir else "file"
    return Diagnostic(rel, 1, 1, "Y009", f"this {what} is a link to a place outside the "
                      "workspace: teekond does not read it",
                      f"copy the {what} into the workspace instead of linking to it")


def _template_links(root: Path, boundary: Path) -> Iterator[Diagnostic]:
    """Y009 for template overrides that are links out of the workspace's templates/ folder:
    the build refuses to read them (toolkit.output.template_search)."""
    folder = root / TEMPLATES
    if not folder.exists():
        return
    if not paths.inside(folder, boundary):
        yield _outside(TEMPLATES, is_dir=True)
        return
    for entry in paths.walk(folder, Path(os.path.realpath(folder))):
        if entry.kind == "outside":
            rel = entry.path.relative_to(root).as_posix()
            what = "folder" if entry.path.is_dir() else "template"
            yield Diagnostic(rel, 1, 1, "Y009", f"this {what} is a link to a place outside "
                             f"{TEMPLATES}/: teekond does not read it",
                             f"copy the {what} into {TEMPLATES}/ instead of linking to it")


def load_workspace(root: Path) -> tuple[Workspace, list[Diagnostic]]:
    """Load and shape-check every file of the workspace at ``root``."""
    files_found, diagnostics = _scan(root)
    ws = Workspace(root)
    if files_found[:1] == [(SETTINGS_FILE, WorkspaceSettings)]:
        settings_doc, settings, objects, found = _load_one(
            root, SETTINGS_FILE, WorkspaceSettings, {})
        ws.documents[SETTINGS_FILE] = settings_doc
        diagnostics.extend(found)
        if isinstance(settings, WorkspaceSettings):
            ws.settings = settings
            ws.objects.extend(objects)
        files_found = files_found[1:]
    context = {"default_language": ws.default_language}
    for rel, model in files_found:
        doc, obj, objects, found = _load_one(root, rel, model, context)
        ws.documents[doc.path] = doc
        diagnostics.extend(found)
        if obj is not None:
            ws.objects.extend(objects)
        if isinstance(obj, Catalogue):
            ws.catalogues.append(obj)
        elif isinstance(obj, Persona):
            ws.personas.append(obj)
        elif isinstance(obj, Journey):
            ws.journeys.append(obj)
    ws.statistics, found = load_statistics(root)
    return ws, diagnostics + found


Loaded = tuple[Document, "Model | None", list[Model], list[Diagnostic]]


def _load_one(root: Path, rel: str, model: type[Model], context: dict[str, Any]) -> Loaded:
    doc, diagnostics = yamlsource.load(root / rel, rel)
    if doc.data is None:
        return doc, None, [], diagnostics
    obj, objects, problems = schema_check.check(doc, model, context)
    reported = {(d.line, d.col) for d in diagnostics}  # one diagnostic per place is enough
    problems = [d for d in problems if (d.line, d.col) not in reported]
    if diagnostics:
        obj, objects = None, []
    return doc, obj, objects, diagnostics + problems
