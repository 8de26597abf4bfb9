"""The one way a build writes into the site: atomic, only when the bytes changed, and every
file it makes remembered (so the next build can remove the ones it no longer makes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..errors import OutputError
from ..output.files import write_atomic
from ..output.templates import render


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    removed: int = 0
    """Files of the previous build that this one no longer makes."""
    rendered: int = 0
    """dot runs (the expensive part); 0 on a rebuild with unchanged input."""
    outputs: list[Path] = field(default_factory=list)
    """Every file this build made, written or unchanged."""
    inputs: list[str] = field(default_factory=list)
    """Workspace files read besides the YAML and templates (e.g. persona images), relative
    to the workspace: a change to them must trigger a rebuild."""
    pdfs: int = 0
    """WeasyPrint runs (persona cards, reports); 0 on a rebuild with unchanged input."""
    manifest: list[str] = field(default_factory=list)
    """What the output folder holds of teekond's after this build, relative to it: this
    build's files and the other languages' files of earlier builds."""


class SiteWriter:
    """Writes pages and files under ``out``; templates come from ``env``."""

    def __init__(self, out: Path, env: jinja2.Environment) -> None:
        self.out, self.env = out, env
        self.report = BuildReport()
        self.produced: set[Path] = set()

    def write(self, path: Path, data: str | bytes) -> None:
        self.produced.add(path)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        try:
            if path.is_file() and path.read_bytes() == raw:
                self.report.unchanged += 1
                return
            write_atomic(path, raw)
        except OSError as err:
            raise OutputError(f"cannot write to {path}: {err.strerror or err}") from err
        self.report.written.append(path)

    def wants(self, lang: str, page: str) -> bool:
        """Whether ``lang/page`` is to be made at all (a build makes every page; a live
        preview first only those open in a browser), asked before a costly view is made."""
        return True

    def page(self, lang: str, page: str, template: str, common: dict[str, object],
             **context: object) -> None:
        """Render ``template`` into ``out/lang/page``."""
        self.write(self.out / lang / page, self.render(page, template, common, **context))

    def render(self, page: str, template: str, common: dict[str, object],
               **context: object) -> str:
        """``template`` as the page ``page`` of a language folder (``root`` leads back to
        the site's top)."""
        root = "../" * (page.count("/") + 1)
        try:
            return render(self.env, template, root=root, page_path=page, **common, **context)
        except jinja2.TemplateError as err:
            raise OutputError(f"template {template}: {err}") from err
