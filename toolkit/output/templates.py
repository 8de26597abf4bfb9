"""Jinja environment: a workspace's ``templates/`` folder first, then the package defaults.

Any default template (``base.html``, ``journey.html`` ...) can be replaced by a file of the
same name in the workspace; its named blocks (``content``, ``map``, ``flow`` ...) are the
documented override points. Autoescape is on for HTML, SVG and XML."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .template_search import search_path


def environment(workspace: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path(workspace)]),
        autoescape=jinja2.select_autoescape(["html", "svg", "xml"], default=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&!~])")


def markdown_escape(value: Any) -> Any:
    """Text from YAML made literal in Markdown: every punctuation mark Markdown could read
    as markup (links, emphasis, raw HTML, table cells) is backslash-escaped, and line breaks
    become spaces so a value never ends a table row or a paragraph."""
    if not isinstance(value, str) or isinstance(value, Markup):
        return value
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(value.split()))


def markdown_environment(workspace: Path) -> jinja2.Environment:
    """Like :func:`environment`, for ``.md`` templates: every ``{{ value }}`` is escaped for
    Markdown instead of HTML."""
    env = environment(workspace)
    env.autoescape = False
    env.finalize = markdown_escape
    return env


def render(env: jinja2.Environment, name: str, **context: Any) -> str:
    return env.get_template(name).render(**context)


def static_text(env: jinja2.Environment, name: str) -> str:
    """A non-template asset (the stylesheet) through the same override search list."""
    source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    return source
