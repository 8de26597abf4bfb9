"""What `teekond serve` adds to a page it serves, and nothing a build writes: a small script
that listens to the server's events and swaps in the new page, and the overlay of the
workspace's errors (over the last good version of the page).

Pure functions over strings, so they are tested without a server or a browser.
"""

from __future__ import annotations

import re
from html import escape

from ..diagnostics import Diagnostic

PREFIX = "/__teekond/"
"""URLs of the live preview itself; no page of a site can be there (a site's top level
holds only language folders, ``assets/`` and ``index.html``)."""
EVENTS = PREFIX + "events"
SCRIPT = PREFIX + "live.js"

LIVE_JS = """\
(() => {
  const me = document.currentScript;
  let version = Number(me.dataset.version);
  async function refresh() {
    const response = await fetch(location.href, {cache: 'no-store'});
    const html = await response.text();
    const fresh = new DOMParser().parseFromString(html, 'text/html');
    const [x, y] = [scrollX, scrollY];
    document.title = fresh.title;
    // Scripts of a parsed document never run: the page keeps this one and its connection.
    document.body.replaceWith(document.adoptNode(fresh.body));
    scrollTo(x, y);
  }
  const events = new EventSource('EVENTS?page=' + encodeURIComponent(location.pathname));
  events.addEventListener('version', (event) => {
    const now = Number(event.data);
    if (now !== version) { version = now; refresh().catch(() => location.reload()); }
  });
})();
""".replace("EVENTS", EVENTS)
"""Each change of the workspace is one ``version`` event (also sent when the page connects,
so an edit made while the page loaded is not missed); a page whose version differs fetches
itself again and replaces its body, keeping the scroll position. EventSource reconnects by
itself when the server restarts."""

OVERLAY_ID = "teekond-overlay"
_OVERLAY_CSS = (
    "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;"
    "background:#fff;color:#1a1a1a;border:3px solid #b00020;border-radius:6px;"
    "padding:1rem 1.25rem;box-shadow:0 4px 24px rgba(0,0,0,.35);font:14px/1.45 sans-serif"
)

_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)


def overlay(diagnostics: list[Diagnostic], stale: bool, failure: str = "") -> str:
    """The errors of the workspace (and ``failure``, a page or diagram that could not be
    made) as an HTML block, every text escaped; ``stale``: a last good version of the page
    is shown under it."""
    errors = [d for d in diagnostics if d.severity == "error"]
    heading = (f"{len(errors)} error{'s' * (len(errors) != 1)} in the workspace"
               if errors or not failure else "The site could not be rendered")
    heading += ": the page below is the last version without errors" if stale else ""
    items = "".join(
        f'<li><code>{escape(f"{d.file}:{d.line}:{d.col}")}</code> '
        f"<strong>{escape(d.code)}</strong> {escape(d.message)}"
        + (f"<br><small>hint: {escape(d.hint)}</small>" if d.hint else "") + "</li>"
        for d in errors)
    if failure:
        items += f"<li>{escape(failure)}</li>"
    return (f'<aside id="{OVERLAY_ID}" role="alert" aria-label="teekond: errors" '
            f'style="{_OVERLAY_CSS}"><h2 style="margin:0 0 .5rem;font-size:1.1rem;'
            f'color:#b00020">{escape(heading)}</h2><ul style="margin:0;padding-left:1.2rem">'
            f"{items}</ul></aside>")


def inject(html: str, version: int, diagnostics: list[Diagnostic] | None = None,
           failure: str = "") -> str:
    """``html`` with the live script (and the overlay of ``diagnostics``' errors and of
    ``failure``, if any) before ``</body>``, or at the end of a page without one."""
    added = ""
    if failure or any(d.severity == "error" for d in diagnostics or []):
        added += overlay(diagnostics or [], stale=True, failure=failure)
    added += f'<script src="{SCRIPT}" data-version="{int(version)}"></script>'
    ends = list(_BODY_END.finditer(html))
    if not ends:
        return html + added
    at = ends[-1].start()
    return html[:at] + added + html[at:]


def error_page(diagnostics: list[Diagnostic], version: int, failure: str = "") -> str:
    """What every URL shows while the workspace has never been free of errors."""
    shown = overlay(diagnostics, stale=False, failure=failure)
    return inject('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                  "<title>teekond: errors</title></head><body><main><h1>teekond serve</h1>"
                  f"{shown}</main></body></html>\n", version)
