"""Jinja environment: a workspace's ``templates/`` folder first, then the package defaults.

Any default template (``base.html``, ``journey.html`` ...) can be replaced by a file of the
same name in the workspace; its named blocks (``content``, ``map``, ``flow`` ...) are the
documented override points. Autoescape is on for HTML, SVG and XML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

PACKAGE_TEMPLATES = "templates"


def environment(workspace: Path) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    custom = workspace / "templates"
    if custom.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(custom)))
    loaders.append(jinja2.PackageLoader("toolkit", PACKAGE_TEMPLATES))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(["html", "svg", "xml"], default=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(env: jinja2.Environment, name: str, **context: Any) -> str:
    return env.get_template(name).render(**context)


def static_text(env: jinja2.Environment, name: str) -> str:
    """A non-template asset (the stylesheet) through the same override search list."""
    source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    return source
