"""JSON Schemas of the four file kinds, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import CannotWrite, UsageError
from ..load.model import FILE_KINDS
from ..output.files import write_atomic

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def schema_of(kind: str) -> dict[str, object]:
    schema = FILE_KINDS[kind].model_json_schema()
    return {"$schema": SCHEMA_URI, "$id": f"{kind}.schema.json", **schema}


def write_schemas(out: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` for every file kind into ``out``; return the paths."""
    written = []
    for kind in FILE_KINDS:
        path = out / f"{kind}.schema.json"
        text = json.dumps(schema_of(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        try:
            write_atomic(path, text)
        except CannotWrite as err:
            raise UsageError(f"cannot write to {out}: {err.reason}") from None
        written.append(path)
    return written
