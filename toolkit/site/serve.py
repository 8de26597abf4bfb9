"""`teekond serve`: the site of a workspace, rendered into memory, served on the local
machine, rendered again on every change of the workspace, and open pages updated by
themselves.

- The pages are those of ``teekond build --formats svg``, kept in memory: nothing is written
  to ``build/``. Diagrams are SVG only; a PNG or PDF address answers 404 with a note that
  ``teekond build`` makes them. Rendered diagrams are cached by the hash of their DOT source
  in a cache folder of serve's own (:mod:`toolkit.site.cache`), so an edit re-runs ``dot``
  only for the diagrams whose source it changed.
- Each change renders the whole site again (docs/serve.md gives the measurements: with
  cached diagrams this is well under the time a person takes to look at the browser), which
  is far simpler than tracking which page reads which input.
- While the workspace has errors, the last good pages stay and every page shows the errors
  in an overlay (:mod:`toolkit.site.live`); once fixed, the overlay goes.
- The standard library's ``ThreadingHTTPServer`` serves; ``watchfiles`` watches; the pages
  listen to Server-Sent Events. Only the pages served get the live script: the built site
  never holds it.
"""

from __future__ import annotations

import errno
import mimetypes
import posixpath
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import jinja2

from ..analyse.analysis import Analysis, analyse
from ..check.validate import validate
from ..diagnostics import Diagnostic
from ..errors import OutputError, UsageError
from ..graph.index import Index
from ..output.templates import environment
from ..views.base import ViewContext, page_context
from ..views.journey import JourneyViews
from .builder import SiteBuilder
from .cache import cache_dir
from .live import EVENTS, LIVE_JS, SCRIPT, error_page, inject
from .writer import SiteWriter

WATCHED = ("teekond.yaml", "journeys", "personas", "touchpoints", "templates", "statistics")
"""What a change of re-renders the site (the files a build reads, besides persona images,
which live under personas/)."""
SERVE_OUT = ".teekond-serve"
"""The output folder serve's pages would have: never made, it only names serve's cache
folder (apart from any build's, whose unused entries a build drops)."""
WHOLE_SITE_DELAY = 1.0
"""Seconds without a change before the whole site is rendered once the open pages show the
change: the whole render (about 1.5 s for the shipped workspace) runs in this process, and
would slow down the open pages' render of an edit saved meanwhile."""
KEEPALIVE = 15.0
"""Seconds between comments on an idle event stream, so that a closed tab is noticed."""

Log = Callable[[str], None]


class PortInUse(UsageError):
    """Another program listens on the address serve was asked to use."""


class Superseded(Exception):
    """A newer change of the workspace made this render pointless."""


class MemoryWriter(SiteWriter):
    """A :class:`SiteWriter` that keeps every file in memory, by its path in the site;
    ``stale`` says when to give up (raising :class:`Superseded`)."""

    def __init__(self, out: Path, env: jinja2.Environment,
                 stale: Callable[[], bool] = lambda: False,
                 only: set[str] | None = None) -> None:
        super().__init__(out, env)
        self.files: dict[str, bytes] = {}
        self.stale, self.only = stale, only

    def wants(self, lang: str, page: str) -> bool:
        return self.only is None or f"{lang}/{page}" in self.only

    def page(self, lang: str, page: str, template: str, common: dict[str, object],
             **context: object) -> None:
        """Render the page unless it is not one of :attr:`only` (a template renders in
        tens of ms: the open pages come first)."""
        if self.wants(lang, page):
            super().page(lang, page, template, common, **context)

    def write(self, path: Path, data: str | bytes) -> None:
        if self.stale():
            raise Superseded()
        self.produced.add(path)
        self.files[path.relative_to(self.out).as_posix()] = (
            data.encode("utf-8") if isinstance(data, str) else data)
        self.report.written.append(path)


class MemoryBuilder(SiteBuilder):
    """The builder of a site kept in memory: nothing on disk to tidy up."""

    tidy = False

    def journey_only(self, lang: str, journey: str) -> None:
        """Only the pages of ``journey`` in ``lang``: what a page open on its map needs
        first (no other journey's diagrams are rendered)."""
        self.flows.submit(lang, only=journey)
        ctx = ViewContext(self.index, self.analysis, lang)
        common = page_context(ctx, self.languages, False)
        try:
            self.journey_pages(ctx, common, JourneyViews(ctx), self.index.journeys[journey])
        finally:
            self.renderer.close()


@dataclass
class Model:
    """A workspace without errors, ready to render."""

    root: Path
    index: Index
    analysis: Analysis
    languages: list[str]

    def builder(self, env: jinja2.Environment, stale: Callable[[], bool] = lambda: False,
                only: set[str] | None = None, jobs: int = 2) -> MemoryBuilder:
        out = self.root / SERVE_OUT
        return MemoryBuilder(self.index, self.analysis, out, cache_dir(self.root, out),
                             self.languages, ["svg"], jobs,
                             writer=MemoryWriter(out, env, stale, only))

    def site(self, env: jinja2.Environment,
             stale: Callable[[], bool] = lambda: False) -> dict[str, bytes]:
        """Every file of the site (SVG diagrams, no PDF); raise :class:`Superseded` once
        ``stale()``."""
        builder = self.builder(env, stale)
        builder.build()
        return builder.writer.files  # type: ignore[attr-defined]

    def journey_pages(self, env: jinja2.Environment, wanted: list[tuple[str, str]],
                      only: set[str] | None = None) -> dict[str, bytes]:
        """The pages of the journeys ``wanted`` as (language, journey id); ``only``: just
        these of them."""
        builder = self.builder(env, only=only)
        for lang, journey in wanted:
            builder.journey_only(lang, journey)
        return builder.writer.files  # type: ignore[attr-defined]

    def journeys_shown(self, pages: list[str]) -> list[tuple[str, str]]:
        """(language, journey) of each page of ``pages`` that is a journey's map, text
        version or KOV map."""
        found = set()
        for page in pages:
            lang, _, rest = page.partition("/journeys/")
            if lang not in self.languages or not rest.endswith(".html"):
                continue
            stem = rest.removesuffix(".html")
            found |= {(lang, j) for j in self.index.journeys
                      if stem == j or stem.startswith(f"{j}-")}
        return sorted(found)


def check(root: Path, languages: str = "all") -> tuple[Model | None, list[Diagnostic]]:
    """Validate the workspace at ``root``: its model (None when it has errors) and every
    diagnostic."""
    result = validate(root)
    if result.errors:
        return None, result.diagnostics
    index = Index(result.workspace)
    langs = list(result.workspace.languages) if languages == "all" else [languages]
    return Model(root, index, analyse(index), langs), result.diagnostics


@dataclass
class LiveSite:
    """The site as served: the last good files, the current diagnostics, and a version that
    goes up with every change a page should show; waiters on :attr:`changed` are woken at
    each.

    A render first makes the pages open in a browser (journey maps: the pages an author
    looks at while editing a journey), shows them, then renders the whole site; a request
    for another page meanwhile waits for the whole site (:attr:`partial`)."""

    root: Path
    languages: str = "all"
    files: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    version: int = 0
    failure: str = ""
    """An output error of the last render (a template that does not render, dot crashing)."""
    changed: threading.Condition = field(default_factory=threading.Condition)
    closing: bool = False
    env: jinja2.Environment | None = None
    open_pages: Counter[str] = field(default_factory=Counter)
    """Pages open in a browser (by their event streams), by path in the site."""
    rendering: threading.Lock = field(default_factory=threading.Lock)
    generation: int = 0
    """Goes up with every change; a render of an older one is given up."""
    partial: set[str] = field(default_factory=set)
    """While the whole site is being rendered after the open pages: those pages, the only
    up-to-date ones."""

    def render(self, templates_changed: bool = False, wait: bool = False) -> float:
        """Render the site again (``templates_changed``: with a new Jinja environment, as
        its search list depends on which override folders exist); return the seconds it
        took until the open pages were up to date. The whole site is rendered in a thread
        of its own (``wait``: wait for it), given up when a newer change comes."""
        with self.rendering:  # the first render and the watcher's never overlap
            start = time.perf_counter()
            with self.changed:
                self.generation += 1
                generation = self.generation
            if self.env is None or templates_changed:
                self.env = environment(self.root)
            full = self._render(generation)
            seconds = time.perf_counter() - start
        if full is not None:
            full.start()
            if wait:
                full.join()
                seconds = time.perf_counter() - start
        return seconds

    def _render(self, generation: int) -> threading.Thread | None:
        """Check the workspace and show its errors, or render the open journey pages;
        return the thread that renders the whole site."""
        env = self.env
        assert env is not None
        try:
            model, diagnostics = check(self.root, self.languages)
            if model is None:
                self._publish(None, diagnostics)
                return None
            with self.changed:
                opened = set(self.open_pages)
            shown = model.journeys_shown(sorted(opened))
            first = bool(shown and self.files)
            if first:
                pages = model.journey_pages(env, shown, opened)
                self._publish({**self.files, **pages}, diagnostics, partial=set(pages))
        except OutputError as err:
            self._publish(None, self.diagnostics, str(err))
            return None

        def whole() -> None:
            stale = lambda: self.generation != generation or self.closing  # noqa: E731
            if first:  # the open pages show the change: let the author save again first
                with self.changed:
                    if self.changed.wait_for(stale, WHOLE_SITE_DELAY):
                        return
            try:
                files = model.site(env, stale)
            except Superseded:
                return
            except OutputError as err:
                self._publish(None, self.diagnostics, str(err), generation=generation)
                return
            self._publish(files, diagnostics, bump=not first, generation=generation)

        return threading.Thread(target=whole, name="teekond-render", daemon=True)

    def _publish(self, files: dict[str, bytes] | None, diagnostics: list[Diagnostic],
                 failure: str = "", partial: set[str] | None = None, bump: bool = True,
                 generation: int | None = None) -> None:
        with self.changed:
            if generation is not None and generation != self.generation:
                return  # a newer change is being rendered
            if files is not None:
                self.files = files
            self.diagnostics, self.failure = diagnostics, failure
            self.partial = partial or set()
            if bump:
                self.version += 1
            self.changed.notify_all()

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def wait(self, seen: int, timeout: float) -> int:
        """The version once it is no longer ``seen`` (or after ``timeout`` seconds)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen or self.closing, timeout)
            return self.version

    def opened(self, page: str, count: int) -> None:
        """Count ``page`` as opened (``count`` 1) or closed (-1) in a browser."""
        with self.changed:
            self.open_pages[page] += count
            if self.open_pages[page] <= 0:
                del self.open_pages[page]

    def close(self) -> None:
        with self.changed:
            self.closing = True
            self.changed.notify_all()

    def lookup(self, url: str) -> tuple[HTTPStatus, str, bytes]:
        """Status, content type and body for the path of ``url``."""
        rel = site_path(url)
        if rel is None:
            return HTTPStatus.BAD_REQUEST, "text/plain; charset=utf-8", b"bad path\n"
        with self.changed:
            page = rel + "index.html" if rel == "" or rel.endswith("/") else rel
            self.changed.wait_for(lambda: not self.partial or page in self.partial
                                  or self.closing, timeout=120)
            files, diagnostics, version = self.files, self.diagnostics, self.version
            failure = self.failure
        if not files:
            return (HTTPStatus.SERVICE_UNAVAILABLE, "text/html; charset=utf-8",
                    error_page(diagnostics, version, failure).encode("utf-8"))
        rel = rel + "index.html" if rel == "" or rel.endswith("/") else rel
        data = files.get(rel)
        if data is None:
            note = ("PNG and PDF files are made by `teekond build`; `teekond serve` renders "
                    "SVG only.\n" if rel.endswith((".png", ".pdf")) else "not found\n")
            return HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", note.encode("utf-8")
        kind = mimetypes.guess_type(rel)[0] or "application/octet-stream"
        if kind == "text/html":
            data = inject(data.decode("utf-8"), version, diagnostics, failure).encode("utf-8")
        if kind.startswith("text/") or kind in ("image/svg+xml", "application/javascript"):
            kind += "; charset=utf-8"
        return HTTPStatus.OK, kind, data


def site_path(url: str) -> str | None:
    """The path of ``url`` inside the site ("" for its top), or None for one that tries to
    leave it (``..``, encoded or not, backslashes, NUL)."""
    path = unquote(urlsplit(url).path)
    if not path.startswith("/") or "\\" in path or "\0" in path:
        return None
    parts = path.split("/")[1:]
    if any(part in (".", "..") for part in parts):
        return None
    normal = posixpath.normpath(path)
    if normal != path.rstrip("/") and path != "/":
        return None
    return path[1:]


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD of the live site; the event stream; nothing else."""

    site: LiveSite
    server_version = "teekond-serve"

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        path = urlsplit(self.path).path
        if path == EVENTS:
            self._events()
        elif path == SCRIPT:
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", LIVE_JS.encode())
        else:
            self._send(*self.site.lookup(self.path))

    def do_HEAD(self) -> None:  # noqa: N802
        status, kind, data = self.site.lookup(self.path)
        self._send(status, kind, data, body=False)

    def _send(self, status: HTTPStatus, kind: str, data: bytes, body: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        shown = site_path(parse_qs(urlsplit(self.path).query).get("page", ["/"])[0]) or ""
        shown = shown + "index.html" if shown == "" or shown.endswith("/") else shown
        self.site.opened(shown, +1)
        seen = -1
        try:
            while not self.site.closing:
                now = self.site.wait(seen, KEEPALIVE)
                if self.site.closing:
                    break
                message = f"event: version\ndata: {now}\n\n" if now != seen else ": idle\n\n"
                self.wfile.write(message.encode())
                self.wfile.flush()
                seen = now
        except OSError:  # the page was closed
            pass
        finally:
            self.site.opened(shown, -1)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # one line per request would drown the render messages


class LiveServer(ThreadingHTTPServer):
    daemon_threads = True
    """Event streams never end by themselves: do not wait for them when stopping."""


def make_server(site: LiveSite, host: str, port: int) -> LiveServer:
    """A server of ``site`` listening on ``host:port`` (``port`` 0: any free port); raise
    :class:`PortInUse` when the address is taken."""
    handler = type("LiveHandler", (Handler,), {"site": site})
    try:
        return LiveServer((host, port), handler)
    except OSError as err:
        if err.errno in (errno.EADDRINUSE, errno.EACCES):
            raise PortInUse(f"cannot listen on {host}:{port}: {err.strerror}; "
                            "choose another with --port") from None
        raise UsageError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None


def watched_paths(root: Path) -> list[Path]:
    return [root / name for name in WATCHED if (root / name).exists()]


def watch(site: LiveSite, stop: threading.Event, ready: threading.Event, log: Log) -> None:
    """Render ``site`` again after each batch of changes, until ``stop`` is set; set
    ``ready`` once the workspace is watched."""
    import watchfiles

    # yield_on_timeout: the first (empty) batch says the watches are in place, so that an
    # edit made right after start() returns is seen. step: a batch ends after 20 ms without
    # another change (an editor's save is one or two writes well within that).
    for changes in watchfiles.watch(*watched_paths(site.root), stop_event=stop,
                                    debounce=400, step=20, rust_timeout=500,
                                    yield_on_timeout=True, raise_interrupt=False):
        ready.set()
        if not changes:
            continue
        names = sorted({_relative(site.root, path) for _, path in changes})
        seconds = site.render(any(name.startswith("templates") for name in names))
        state = (f"{len(site.errors)} errors" if site.errors
                 else f"failed: {site.failure}" if site.failure else "ok")
        log(f"{', '.join(names)} changed: shown in {seconds * 1000:.0f} ms ({state})")
    ready.set()


def _relative(root: Path, path: str) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return path


@dataclass
class Running:
    """A started live preview: its server, site and watcher (:func:`start`)."""

    server: LiveServer
    site: LiveSite
    stop: threading.Event
    threads: list[threading.Thread]

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def close(self) -> None:
        self.stop.set()
        self.site.close()
        self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)


def start(root: Path, host: str = "127.0.0.1", port: int = 8000, languages: str = "all",
          log: Log | None = None) -> Running:
    """Render the site, start serving it (in a thread) and watching the workspace."""
    log = log or (lambda message: None)
    server_site = LiveSite(root.resolve(), languages)
    server = make_server(server_site, host, port)  # fails before the first render
    stop, ready = threading.Event(), threading.Event()
    watcher = threading.Thread(target=watch, args=(server_site, stop, ready, log),
                               name="teekond-watch", daemon=True)
    watcher.start()  # while the first render runs
    try:
        seconds = server_site.render(wait=True)
        ready.wait(timeout=30)
    except BaseException:
        stop.set()
        server.server_close()
        raise
    log(f"rendered in {seconds * 1000:.0f} ms"
        + (f" ({len(server_site.errors)} errors)" if server_site.errors else ""))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                              name="teekond-serve", daemon=True)
    thread.start()
    return Running(server, server_site, stop, [watcher, thread])


@dataclass
class Session:
    """What :func:`serve` reports before it blocks."""

    url: str
    errors: int


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, languages: str = "all",
          log: Log | None = None, ready: Callable[[Session], None] | None = None) -> None:
    """Serve the workspace at ``root`` until interrupted (KeyboardInterrupt propagates after
    the server and the watcher have stopped)."""
    running = start(root, host, port, languages, log)
    try:
        if ready:
            ready(Session(running.url, len(running.site.errors)))
        while True:
            time.sleep(3600)
    finally:
        running.close()
