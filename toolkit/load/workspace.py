"""Find a workspace's files, load each one and check its shape: the *load* stage.

The result is a :class:`Workspace` of typed objects (each knowing its file and line) plus
the diagnostics of every file. Each file is parsed once per content: the parsed values,
their positions and the file's own diagnostics are kept in the parse cache
(:mod:`toolkit.load.parse_cache`). Files not in the cache can be parsed by worker processes,
which hand back cache entries (plain data, cheap to pass); the shape check (pydantic) always
runs here, as handing pydantic objects back from workers measured slower than making them.
"""

from __future__ import annotations

import marshal
import os
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..errors import NotAWorkspace
from . import parse_cache, paths, yamlsource
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
    """Each file read, by path: the positions of its values; its values (``data``) and its
    text only when the file has errors (a model holds the values of a file that loaded)."""
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


FileCheck = Callable[[Document], list[Diagnostic]]
"""A check of one loaded file on its own (e.g. the privacy scan): run as the file is read,
its diagnostics are cached with the file. It must be a module-level function (worker
processes receive it by name)."""
PARALLEL_FROM = 500
"""Files to parse (not in the cache) from which ``jobs=None`` uses worker processes (one
per 250 such files, at most one per CPU). Measured with benchmarks/bench_validate.py on 2
busy CPUs: at 201 files two workers were slower than none (3.1-3.6 s against 2.2-3.3 s),
at 2,001 files faster (19-28 s against 30-34 s)."""


@dataclass
class Parsed:
    """One file as read: the document, its YAML diagnostics and its per-file check's."""

    doc: Document
    problems: list[Diagnostic]
    checked: list[Diagnostic]


def load_workspace(root: Path, check: FileCheck | None = None, *, jobs: int | None = None,
                   cache: bool = True) -> tuple[Workspace, list[Diagnostic]]:
    """Load and shape-check every file of the workspace at ``root``.

    ``check`` runs on every file that parses (its diagnostics are returned with the rest);
    ``jobs`` worker processes parse the files not in the parse cache (None: as many as
    there are CPUs when there are many such files, else none); ``cache`` False (or the
    environment variable TEEKOND_NO_CACHE) reads every file afresh and writes no cache."""
    files_found, diagnostics = _scan(root)
    store = parse_cache.ParseCache(root, cache and not parse_cache.disabled_by_env())
    parsed = read_files(root, [rel for rel, _ in files_found], check, jobs, store)
    ws = Workspace(root)
    context: dict[str, Any] = {}
    for (rel, model), one in zip(files_found, parsed, strict=True):
        if model is not WorkspaceSettings and "default_language" not in context:
            context["default_language"] = ws.default_language
        ws.documents[rel] = one.doc
        obj, objects, found = _shape(one, model, context)
        diagnostics.extend(found)
        if not any(d.severity == "error" for d in found):
            one.doc.release()  # its model holds the values; text and values are read
            # later only for a file that failed (to find its ids: toolkit.check.validate)
        if obj is not None:
            ws.objects.extend(objects)
        if isinstance(obj, WorkspaceSettings):
            ws.settings = obj
        elif isinstance(obj, Catalogue):
            ws.catalogues.append(obj)
        elif isinstance(obj, Persona):
            ws.personas.append(obj)
        elif isinstance(obj, Journey):
            ws.journeys.append(obj)
    ws.statistics, found = load_statistics(root)
    store.prune()
    return ws, diagnostics + found


def _shape(one: Parsed, model: type[Model], context: dict[str, Any]) -> tuple[
        Model | None, list[Model], list[Diagnostic]]:
    doc, diagnostics = one.doc, one.problems
    if doc.data is None:
        return None, [], diagnostics + one.checked
    obj, objects, problems = schema_check.check(doc, model, context)
    reported = {(d.line, d.col) for d in diagnostics}  # one diagnostic per place is enough
    problems = [d for d in problems if (d.line, d.col) not in reported]
    if diagnostics:
        obj, objects = None, []
    return obj, objects, diagnostics + problems + one.checked


def read_files(root: Path, rels: list[str], check: FileCheck | None, jobs: int | None,
               store: parse_cache.ParseCache) -> Iterator[Parsed]:
    """Every file of ``rels`` parsed and checked, in order, one at a time (so that the
    caller can drop each file's values before the next is decoded): from the cache when it
    holds the file's content, else parsed (by ``jobs`` workers) and stored."""
    check_name = f"{check.__module__}.{check.__qualname__}" if check else ""
    found: list[tuple[str, bytes | Diagnostic, bytes] | None] = []
    misses: list[tuple[str, bytes, bytes]] = []
    for rel in rels:
        raw = yamlsource.read(root / rel, rel)
        name = b"" if isinstance(raw, Diagnostic) else parse_cache.entry_name(
            rel, check_name, raw)
        if name and not store.holds(name):
            misses.append((rel, raw, name))  # type: ignore[arg-type]
        found.append((rel, raw, name))
    workers = jobs if jobs is not None else min(
        os.cpu_count() or 1, len(misses) // (PARALLEL_FROM // 2)) or 1
    with _Workers(misses, check, min(workers, len(misses))) as remote:
        for i, item in enumerate(found):
            found[i] = None  # its bytes are not needed once it is read
            rel, raw, name = item  # type: ignore[misc]
            if isinstance(raw, Diagnostic):
                yield Parsed(Document(rel, ""), [raw], [])
                continue
            yield _one(rel, raw, name, check, store, remote)


def _one(rel: str, raw: bytes, name: bytes, check: FileCheck | None,
         store: parse_cache.ParseCache, remote: _Workers) -> Parsed:
    blob = remote.result(name)
    if blob is not None:
        one = _from_entry(rel, raw, parse_cache.decode(name, blob))
        if one is not None:
            store.put(name, blob)
            return one
    value = store.get(name)
    one = _from_entry(rel, raw, value)
    if one is not None:
        return one
    if value is not None:
        store.rejected()
    one = _parse(rel, raw, check)
    if store.enabled:
        blob = _entry(name, one)
        if blob is not None:
            store.put(name, blob)
    return one


class _Workers:
    """Worker processes parsing the files not in the cache into cache entries, in order,
    a few chunks ahead of the reader (so finished entries do not pile up in memory while
    the shape check catches up); none when one worker is asked for or workers cannot be
    started (e.g. in a sandbox): the files are then parsed in this process."""

    def __init__(self, todo: list[tuple[str, bytes, bytes]], check: FileCheck | None,
                 workers: int) -> None:
        self.chunks = [todo[i: i + _CHUNK] for i in range(0, len(todo), _CHUNK)]
        self.check, self.workers = check, workers
        self.names = {name for _, _, name in todo}
        self.pool: Any = None
        self.pending: deque[Any] = deque()
        self.ready: deque[bytes] = deque()
        self.submitted = 0

    def __enter__(self) -> _Workers:
        if self.workers > 1 and len(self.names) > 1:
            from concurrent.futures import ProcessPoolExecutor

            try:
                self.pool = ProcessPoolExecutor(self.workers)
                for _ in range(self.workers * 2):
                    self._submit()
            except (OSError, RuntimeError):  # no processes here
                self.names = set()
        return self

    def _submit(self) -> None:
        if self.submitted < len(self.chunks):
            chunk, self.chunks[self.submitted] = self.chunks[self.submitted], []
            self.submitted += 1
            self.pending.append(self.pool.submit(_parse_chunk, chunk, self.check))

    def result(self, name: bytes) -> bytes | None:
        """The entry a worker made for ``name``, the next file not in the cache (files
        are asked for in the order they were handed out), or None."""
        if name not in self.names:
            return None
        try:
            if not self.ready:
                future = self.pending.popleft()
                self._submit()
                self.ready.extend(future.result())
            return self.ready.popleft()
        except Exception:  # noqa: BLE001 - a broken pool or worker: parse the rest here
            self.names = set()
            return None

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


_CHUNK = 16
"""Files per task handed to a worker: few enough to keep the workers evenly busy."""


def _parse_chunk(jobs: list[tuple[str, bytes, bytes]], check: FileCheck | None) -> list[bytes]:
    """In a worker process: the cache entries of some files (what the main process
    decodes; empty for a file whose values cannot be stored, which it then parses)."""
    return [_entry(name, _parse(rel, raw, check)) or b"" for rel, raw, name in jobs]


def _parse(rel: str, raw: bytes, check: FileCheck | None) -> Parsed:
    doc, problems = yamlsource.parse(raw, rel)
    checked = check(doc) if check is not None and doc.data is not None else []
    return Parsed(doc, problems, checked)


def _entry(name: bytes, one: Parsed) -> bytes | None:
    """The cache entry of ``one``, or None when its values cannot be stored."""
    problems, checked = [_plain(d) for d in one.problems], [_plain(d) for d in one.checked]
    try:
        if one.doc.data is None:
            payload = marshal.dumps((None, problems, checked))
        else:
            payload = yamlsource.to_plain(one.doc, problems, checked)
        return parse_cache.encode(name, payload)
    except (ValueError, TypeError, RecursionError):  # a value marshal cannot hold
        return None


def _plain(d: Diagnostic) -> tuple[str, int, int, str, str, str, str]:
    return d.file, d.line, d.col, d.code, d.message, d.hint, d.excerpt


def _from_entry(rel: str, raw: bytes, value: object) -> Parsed | None:
    """The file an entry holds, or None when it holds nothing usable (never trusted)."""
    if value is None:
        return None
    try:
        plain, problems, checked = value  # type: ignore[misc]
        if plain is None:
            doc = Document(rel, "")
            doc.set_source(raw)
        else:
            doc = yamlsource.from_plain(rel, raw, plain)
        return Parsed(doc, [Diagnostic(*d) for d in problems],
                      [Diagnostic(*d) for d in checked])
    except Exception:  # noqa: BLE001 - a damaged or foreign entry is a miss, whatever it holds
        return None
