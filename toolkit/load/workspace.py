"""Find a workspace's files, load each one and check its shape: the *load* stage.

The result is a :class:`Workspace` of typed objects (each knowing its file and line) plus
the diagnostics of every file. Files are read in one process: handing pydantic objects back
from worker processes (pickling) measured slower than reading the files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..errors import NotAWorkspace
from . import shape as schema_check
from . import yamlsource
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
from .yamlsource import Document

SETTINGS_FILE = "teekond.yaml"
FOLDERS: dict[str, type[Model]] = {
    "touchpoints": Catalogue,
    "personas": Persona,
    "journeys": Journey,
}
"""Each content folder and the model of the files in it."""


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
    if not (root / SETTINGS_FILE).is_file():
        raise NotAWorkspace(f"{root} has no {SETTINGS_FILE}: it is not a teekond workspace. "
                            "Run teekond inside a workspace folder, or name one.")
    found: list[tuple[str, type[Model]]] = [(SETTINGS_FILE, WorkspaceSettings)]
    for folder, model in FOLDERS.items():
        base = root / folder
        if not base.is_dir():
            continue
        paths = [p for p in base.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
        found.extend((p.relative_to(root).as_posix(), model) for p in sorted(paths))
    return found


def load_workspace(root: Path) -> tuple[Workspace, list[Diagnostic]]:
    """Load and shape-check every file of the workspace at ``root``."""
    files = content_files(root)
    ws = Workspace(root)
    settings_doc, settings, objects, diagnostics = _load_one(
        root, SETTINGS_FILE, WorkspaceSettings, {})
    ws.documents[SETTINGS_FILE] = settings_doc
    if isinstance(settings, WorkspaceSettings):
        ws.settings = settings
        ws.objects.extend(objects)
    context = {"default_language": ws.default_language}
    rest = files[1:]
    for rel, model in rest:
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
    return ws, diagnostics


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
