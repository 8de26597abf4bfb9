"""The diagram part of a build: DOT sources rendered by ``dot`` in worker threads, cached
by the hash of their source, so a rebuild with unchanged input renders nothing.

``dot`` runs in threads (subprocesses, so no GIL) while the build writes the pages; a page
waits only for the SVG it embeds.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..output import dot_runner
from ..output.dot import tidy_svg
from ..output.files import remove_file, write_atomic
from ..version import __version__
from .writer import SiteWriter

CACHE = "dot"
"""Sub-folder of the build's cache folder."""


@dataclass(frozen=True)
class Diagram:
    """One DOT source and the files it becomes."""

    name: str
    """What the diagram shows, for error messages: "journey 'newcomer' (et)"."""
    source: str
    outputs: dict[str, Path]
    """Format (svg, png, pdf) -> output path."""

    def key(self, fmt: str) -> str:
        digest = hashlib.sha256(f"{__version__}\0{fmt}\0{self.source}".encode()).hexdigest()
        return f"{digest[:32]}.{fmt}"


class DiagramRenderer:
    """Renders diagrams through the cache; :meth:`close` waits for every ``dot`` run."""

    def __init__(self, cache: Path, jobs: int, progress: Callable[[str], None]) -> None:
        self.cache, self.progress = cache / CACHE, progress
        self.pool = ThreadPoolExecutor(max_workers=max(1, jobs))
        self.used: set[str] = set()
        """Names of the cache entries this build uses; the others are pruned at the end."""
        self.pending: dict[str, Future[None]] = {}
        self.lock = threading.Lock()
        self.started = self.done = 0

    def submit(self, diagram: Diagram, fmt: str) -> Diagram:
        """Start rendering ``diagram`` as ``fmt`` unless the cache holds it already."""
        key = diagram.key(fmt)
        self.used.add(key)
        cached = self.cache / key
        if key in self.pending or cached.exists():
            return diagram

        def run() -> None:
            data = dot_runner.render(diagram.source, fmt, name=diagram.name)  # type: ignore[arg-type]
            write_atomic(cached, tidy_svg(data) if fmt == "svg" else data)

        self.started += 1
        self.pending[key] = self.pool.submit(run)
        self.pending[key].add_done_callback(lambda _: self._rendered_one())
        return diagram

    def _rendered_one(self) -> None:
        with self.lock:
            self.done += 1
            self.progress(f"[{self.done}/{self.started}] diagrams rendered")

    def cached(self, diagram: Diagram, fmt: str) -> Path:
        """The cache file of ``diagram`` as ``fmt``, once dot has written it."""
        future = self.pending.get(diagram.key(fmt))
        if future is not None:
            future.result()  # re-raises the DotError of a failed render
        return self.cache / diagram.key(fmt)

    def svg(self, diagram: Diagram) -> Markup:
        """The SVG to embed in a page (dot escapes every text it writes into SVG)."""
        return Markup(inline_svg(self.cached(diagram, "svg").read_text(encoding="utf-8")))

    def fitted_svg(self, diagram: Diagram) -> Markup:
        """The SVG to embed as wide as its container, its height following (dot writes
        its natural size in pt, which a wide diagram overflows a screen with)."""
        return Markup(fitted(self.svg(diagram)))

    def size(self, diagram: Diagram) -> tuple[float, float]:
        """Width and height of ``diagram`` in pt, from its SVG."""
        return svg_size(self.cached(diagram, "svg").read_text(encoding="utf-8"))

    def write_files(self, writer: SiteWriter, diagrams: Iterable[Diagram]) -> None:
        for diagram in diagrams:
            for fmt, path in diagram.outputs.items():
                writer.write(path, self.cached(diagram, fmt).read_bytes())

    def close(self, cancel: bool = False) -> None:
        self.pool.shutdown(wait=True, cancel_futures=cancel)

    def prune(self) -> None:
        """Drop the cache entries this build did not use (and temporary files of killed
        writes). No other build reads this cache folder meanwhile: builds into one output
        folder take turns, and each output folder has a cache folder of its own."""
        for stale in sorted(self.cache.glob("*")) if self.cache.is_dir() else []:
            if stale.name not in self.used:
                remove_file(stale)


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)


def inline_svg(svg: str) -> str:
    """dot's SVG without the XML prolog and DOCTYPE, ready to embed in HTML."""
    return _PROLOG.sub("", svg, count=1).strip()


_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def svg_size(svg: str) -> tuple[float, float]:
    """The size dot gives its SVG, in pt."""
    found = _SIZE.search(svg)
    if not found:
        raise ValueError("not an SVG of dot: no width and height in pt")
    return float(found[1]), float(found[2])


def fitted(svg: str) -> str:
    """``svg`` 100 % wide, its height from the viewBox."""
    return _SIZE.sub('<svg width="100%"', svg, count=1)
