"""Which files of a workspace teekond reads, and which it must not.

A workspace is often a clone of someone else's repository, and a link can point anywhere:
a journey file that links to ``~/.ssh/id_rsa`` would be read and its lines shown in a
syntax error's excerpt. So nothing that resolves outside the workspace is read, whether
the link is the file itself or a folder above it. Links that stay inside are followed.

This module imports only the standard library, so that the template search
(:mod:`toolkit.output.template_search`, loaded before the model) can use it too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

CONTENT_SUFFIXES = (".yaml", ".yml")
"""Suffixes of content files, in any case (``Extra.YAML`` is read too)."""
IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
"""File types a persona portrait may have: what browsers and WeasyPrint both show."""

Kind = Literal["content", "outside", "not-read"]


@dataclass(frozen=True)
class Entry:
    """A file or folder found under a workspace folder, and what teekond does with it."""

    path: Path
    kind: Kind
    """``content``: a YAML file to read. ``outside``: a link to a place outside the
    boundary (never read). ``not-read``: a file teekond does not read (worth a warning)."""


def inside(path: Path, boundary: Path) -> bool:
    """True when ``path``, all links followed, lies in ``boundary`` (itself resolved)."""
    return Path(os.path.realpath(path)).is_relative_to(boundary)


def is_silently_skipped(name: str) -> bool:
    """Files a content folder may hold without a warning: hidden files (``.gitkeep``,
    ``.DS_Store``, editor swap files), a README describing the folder, and portraits,
    which personas name by their path (rule R206 checks those)."""
    return (name.startswith(".") or name.split(".")[0].upper() == "README"
            or Path(name).suffix.lower() in IMAGE_TYPES)


def walk(folder: Path, boundary: Path) -> Iterator[Entry]:
    """Every file under ``folder`` (sorted, depth first) that teekond reads or should say
    it does not; links are followed only while they stay inside ``boundary``, a resolved
    folder. A link that leaves it is an ``outside`` entry and is not entered."""
    seen: set[str] = set()

    def visit(directory: Path) -> Iterator[Entry]:
        real = os.path.realpath(directory)
        if real in seen:  # a link back to a folder already read: a loop
            return
        seen.add(real)
        try:
            paths = sorted(directory.iterdir())
        except OSError:  # no permission to list it
            yield Entry(directory, "not-read")
            return
        for path in paths:
            if path.name.startswith(".") or (is_silently_skipped(path.name)
                                             and not path.is_dir()):
                continue  # never read here (a portrait is checked by R206 where it is named)
            if not inside(path, boundary):
                yield Entry(path, "outside")
            elif path.is_dir():
                yield from visit(path)
            elif path.is_file() and path.suffix.lower() in CONTENT_SUFFIXES:
                yield Entry(path, "content")
            else:
                yield Entry(path, "not-read")

    if not inside(folder, boundary):
        yield Entry(folder, "outside")
    elif folder.is_dir():
        yield from visit(folder)
