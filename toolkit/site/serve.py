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
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2

from ..analyse.analysis import analyse
from ..check.validate import validate
from ..diagnostics import Diagnostic
from ..errors import OutputError, UsageError
from ..graph.index import Index
from ..output.templates import environment
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
KEEPALIVE = 15.0
"""Seconds between comments on an idle event stream, so that a closed tab is noticed."""

Log = Callable[[str], None]


class PortInUse(UsageError):
    """Another program listens on the address serve was asked to use."""


class MemoryWriter(SiteWriter):
    """A :class:`SiteWriter` that keeps every file in memory, by its path in the site."""

    def __init__(self, out: Path, env: jinja2.Environment) -> None:
        super().__init__(out, env)
        self.files: dict[str, bytes] = {}

    def write(self, path: Path, data: str | bytes) -> None:
        self.produced.add(path)
        self.files[path.relative_to(self.out).as_posix()] = (
            data.encode("utf-8") if isinstance(data, str) else data)
        self.report.written.append(path)


def render_site(root: Path, languages: str = "all", jobs: int = 2,
                env: jinja2.Environment | None = None
                ) -> tuple[dict[str, bytes] | None, list[Diagnostic]]:
    """Validate the workspace at ``root`` and render its site (SVG diagrams, no PDF) into
    memory: the files by path, and the diagnostics; no files when it has errors. ``env``:
    the Jinja environment of an earlier render (its templates compiled already, which
    saves about half of a render; Jinja reloads a template whose file changed)."""
    result = validate(root)
    if result.errors:
        return None, result.diagnostics
    ws = result.workspace
    index = Index(ws)
    out = root / SERVE_OUT
    langs = list(ws.languages) if languages == "all" else [languages]
    builder = MemoryBuilder(index, analyse(index), out, cache_dir(root, out), langs, ["svg"],
                             jobs, writer=MemoryWriter(out, env or environment(root)))
    builder.build()
    return builder.writer.files, result.diagnostics  # type: ignore[attr-defined]


class MemoryBuilder(SiteBuilder):
    """The builder of a site kept in memory: nothing on disk to tidy up."""

    tidy = False


@dataclass
class LiveSite:
    """The site as served: the last good files, the current diagnostics, and a version that
    goes up with every render; waiters on :attr:`changed` are woken at each."""

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

    def render(self, templates_changed: bool = False) -> float:
        """Render the site again (``templates_changed``: with a new Jinja environment, as
        its search list depends on which override folders exist); return the seconds it
        took."""
        start = time.perf_counter()
        failure = ""
        if self.env is None or templates_changed:
            self.env = environment(self.root)
        try:
            files, diagnostics = render_site(self.root, self.languages, env=self.env)
        except OutputError as err:
            files, diagnostics, failure = None, self.diagnostics, str(err)
        with self.changed:
            if files is not None:
                self.files = files
            self.diagnostics, self.failure = diagnostics, failure
            self.version += 1
            self.changed.notify_all()
        return time.perf_counter() - start

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def wait(self, seen: int, timeout: float) -> int:
        """The version once it is no longer ``seen`` (or after ``timeout`` seconds)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen or self.closing, timeout)
            return self.version

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
            files, diagnostics, version = self.files, self.diagnostics, self.version
            failure = self.failure
        if failure:
            diagnostics = [*diagnostics, Diagnostic("(build)", 0, 0, "Y001", failure)]
        if not files:
            return (HTTPStatus.SERVICE_UNAVAILABLE, "text/html; charset=utf-8",
                    error_page(diagnostics, version).encode("utf-8"))
        rel = rel + "index.html" if rel == "" or rel.endswith("/") else rel
        data = files.get(rel)
        if data is None:
            note = ("PNG and PDF files are made by `teekond build`; `teekond serve` renders "
                    "SVG only.\n" if rel.endswith((".png", ".pdf")) else "not found\n")
            return HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", note.encode("utf-8")
        kind = mimetypes.guess_type(rel)[0] or "application/octet-stream"
        if kind == "text/html":
            shown = [d for d in diagnostics if d.severity == "error"] or None
            data = inject(data.decode("utf-8"), version, shown).encode("utf-8")
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


def watch(site: LiveSite, stop: threading.Event, log: Log) -> None:
    """Render ``site`` again after each batch of changes, until ``stop`` is set."""
    import watchfiles

    for changes in watchfiles.watch(*watched_paths(site.root), stop_event=stop,
                                    debounce=400, step=30, yield_on_timeout=False,
                                    raise_interrupt=False):
        names = sorted({_relative(site.root, path) for _, path in changes})
        seconds = site.render(any(name.startswith("templates") for name in names))
        state = (f"{len(site.errors)} errors" if site.errors
                 else f"failed: {site.failure}" if site.failure else "ok")
        log(f"{', '.join(names)} changed: rendered in {seconds * 1000:.0f} ms ({state})")


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
    seconds = server_site.render()
    log(f"rendered in {seconds * 1000:.0f} ms"
        + (f" ({len(server_site.errors)} errors)" if server_site.errors else ""))
    stop = threading.Event()
    threads = [threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                                name="teekond-serve", daemon=True),
               threading.Thread(target=watch, args=(server_site, stop, log),
                                name="teekond-watch", daemon=True)]
    for thread in threads:
        thread.start()
    return Running(server, server_site, stop, threads)


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
