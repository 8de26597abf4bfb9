"""Reading a workspace's YAML for editing and writing it back, keeping everything a person
wrote: comments, key order, quoting, flow mappings, blank lines.

The loader (:mod:`toolkit.load`) reads with PyYAML and keeps positions; it never writes.
An edit opens the file again here with ruamel.yaml's round-trip mode, changes the data in
place (it behaves as dicts and lists), and :func:`save` writes it back:

- only files whose text changed are written;
- a file that changed on disk since it was opened is not overwritten (someone saved it in
  an editor meanwhile): :class:`~toolkit.errors.CannotWrite`, nothing written;
- the old bytes of every file about to change are copied first into
  ``.teekond-cache/backups/<UTC time>/`` (same relative path), then each file is replaced
  atomically (:func:`~toolkit.output.files.write_atomic`).

The dumper's settings match the shipped files' style; every shipped file loads and dumps
back byte for byte (tests/test_roundtrip.py).
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from ..errors import CannotWrite, TeekondError
from ..load.yamlsource import MAX_BYTES
from ..output.files import cannot_write, write_atomic
from ..site.cache import workspace_cache

BACKUPS = "backups"
"""Under the workspace's cache folder: ``.teekond-cache/backups/<time>/<path>``."""


def _yaml() -> YAML:
    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line someone wrote on one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@dataclass
class Document:
    """One YAML file open for editing: change :attr:`data` in place, then :func:`save`."""

    root: Path
    """The workspace."""
    rel: str
    """The file's path inside the workspace, with forward slashes."""
    original: bytes
    data: Any

    @property
    def path(self) -> Path:
        return self.root / self.rel

    def text(self) -> str:
        """The file as it would be written now."""
        out = io.StringIO()
        _yaml().dump(self.data, out)
        return out.getvalue()

    @property
    def changed(self) -> bool:
        return self.text().encode("utf-8") != self.original


def open_document(root: Path, rel: str) -> Document:
    """The file ``rel`` of the workspace ``root``, parsed for editing. The caller has
    validated the workspace first, so the file parses."""
    original = (root / rel).read_bytes()
    return Document(root, rel, original, _yaml().load(original.decode("utf-8")))


def new_document(root: Path, rel: str, data: Any) -> Document:
    """A file that does not exist yet, to be written by :func:`save`."""
    return Document(root, rel, b"", data)


def save(documents: list[Document]) -> Path | None:
    """Write every changed document; return the backup folder (None when nothing changed
    or only new files were written). A file that would be larger than the loader reads
    (:data:`~toolkit.load.yamlsource.MAX_BYTES`) is refused before anything is written."""
    # Each document is dumped once: dumping is most of the time of a large edit.
    texts = {id(d): d.text().encode("utf-8") for d in documents}
    changed = [d for d in documents if texts[id(d)] != d.original]
    for doc in changed:
        if len(texts[id(doc)]) > MAX_BYTES:
            raise TooLarge(doc.rel, len(texts[id(doc)]))
    for doc in changed:
        on_disk = doc.path.read_bytes() if doc.path.exists() else b""
        if on_disk != doc.original:
            raise CannotWrite(doc.path, "the file changed since teekond read it; "
                              "run the command again")
    existing = [d for d in changed if d.original]
    backup = None
    if existing:
        root = existing[0].root
        try:
            backups = workspace_cache(root) / BACKUPS
        except OSError as err:
            raise cannot_write(root / ".teekond-cache", err) from None
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        backup, n = backups / stamp, 1
        while backup.exists():  # two edits in the same second
            n += 1
            backup = backups / f"{stamp}-{n}"
        for doc in existing:
            write_atomic(backup / doc.rel, doc.original)
    for doc in changed:
        write_atomic(doc.path, texts[id(doc)])
    return backup


class TooLarge(TeekondError):
    """An edit would make a file larger than teekond reads: nothing is written."""

    def __init__(self, rel: str, size: int) -> None:
        super().__init__(f"{rel} would be {size:,} bytes; teekond reads files up to "
                         f"{MAX_BYTES:,}. Nothing was written: split the edit (or the file)")
        self.rel, self.size = rel, size
