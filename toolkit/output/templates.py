"""Jinja environment: a workspace's ``templates/`` folder first, then the package defaults.

Any default template (``base.html``, ``journey.html`` ...) can be replaced by a file of the
same name in the workspace; its named blocks (``content``, ``map``, ``flow`` ...) are the
documented override points. Autoescape is on for HTML, SVG and XML.

Interface strings come from the gettext catalogues (:mod:`toolkit.i18n`) through Jinja's
i18n extension, newstyle: ``{{ _("Journeys") }}``, ``{{ _("Full persona: %(path)s",
path=...) }}``, ``{{ pgettext("column", "severity") }}``, ``{% trans %}``. One environment
serves every language: the functions it installs ask the render context's ``translator``
(:class:`~toolkit.i18n.Translator`, in every page's context) for the string, so a macro file
that translates is imported ``with context``. A translation is text, never markup: it is
escaped like any other value, so a translator cannot break a page.

``{{ text|in_lang }}`` writes a text from the YAML (a :class:`~toolkit.i18n.Localised`) as
element content, inside ``<span lang="...">`` when its language is not the one the page's
interface is in; never use it inside an attribute value. ``<text{{ label|lang_attr }}>``
does the same for an SVG element whose whole content is one such text.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..errors import OutputError
from ..i18n import Translator
from .template_search import allowed, search_path


class ConfinedLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, refusing a template that is a link out of its folder (Jinja's
    own loader follows links wherever they point)."""

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Any]:
        pieces = jinja2.loaders.split_template_path(template)  # refuses '..' as Jinja does
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if os.path.isfile(path):
                if not allowed(path, Path(folder)):
                    raise OutputError(f"the template {path} is a link to a file outside "
                                      f"{folder}: teekond does not read it; copy the file "
                                      "instead of linking to it")
                break
        return super().get_source(environment, template)


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates (checked against each template's source, so an
    edited template is compiled again); compiling every template costs a build about
    0.35 s. A cache that cannot be written is no reason to fail: the template is compiled
    as without one. The folder holds code that is run: it lies in the workspace's own
    ``.teekond-cache``, and a workspace is trusted to that degree already (its templates
    are Jinja, which is not sandboxed)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def environment(workspace: Path, compiled: Path | None = None) -> jinja2.Environment:
    """The environment of the HTML templates of ``workspace``; ``compiled``: a folder to
    keep compiled templates in (:class:`CompiledTemplates`)."""
    env = jinja2.Environment(
        loader=ConfinedLoader([str(p) for p in search_path(workspace)]),
        autoescape=jinja2.select_autoescape(["html", "svg", "xml"], default=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=CompiledTemplates(compiled / "html") if compiled else None,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        _gettext, _ngettext, newstyle=True, pgettext=_pgettext, npgettext=_npgettext)
    env.filters["in_lang"] = in_lang
    env.filters["lang_attr"] = lang_attr
    return env


def _translator(context: jinja2.runtime.Context) -> Translator:
    found = context.get("translator")
    if not isinstance(found, Translator):
        raise jinja2.TemplateRuntimeError(
            "no translator in the render context: a template that translates is rendered "
            "with one, and macros that translate are imported `with context`")
    return found


def _text(context: jinja2.runtime.Context, message: str, value: str) -> str:
    """A translation as text: escaped on an HTML page (Jinja would trust it as markup).
    Jinja's newstyle gettext always %-formats the result: a ``%`` in the translation of a
    string without placeholders ("100 %") is doubled so that it comes out as written."""
    if "%(" not in message:
        value = value.replace("%", "%%")
    return escape(value) if context.eval_ctx.autoescape else value


@jinja2.pass_context
def _gettext(context: jinja2.runtime.Context, message: str) -> str:
    return _text(context, message, _translator(context).gettext(message))


@jinja2.pass_context
def _ngettext(context: jinja2.runtime.Context, singular: str, plural: str, n: int) -> str:
    return _text(context, singular, _translator(context).ngettext(singular, plural, n))


@jinja2.pass_context
def _pgettext(context: jinja2.runtime.Context, msgctxt: str, message: str) -> str:
    return _text(context, message, _translator(context).pgettext(msgctxt, message))


@jinja2.pass_context
def _npgettext(context: jinja2.runtime.Context, msgctxt: str, singular: str, plural: str,
               n: int) -> str:
    return _text(context, singular,
                 _translator(context).npgettext(msgctxt, singular, plural, n))


@jinja2.pass_context
def in_lang(context: jinja2.runtime.Context, value: Any) -> Any:
    """``value`` as element content, marked with its language when that is not the one of
    the page's interface strings. Plain text and Markdown (no autoescape) pass unchanged."""
    lang = getattr(value, "lang", "")
    if not lang or not context.eval_ctx.autoescape or lang == _translator(context).language:
        return value
    return Markup('<span lang="%s">%s</span>') % (lang, value)


@jinja2.pass_context
def lang_attr(context: jinja2.runtime.Context, value: Any) -> Markup:
    """`` lang="..."`` for an element whose whole content is ``value`` and that cannot hold
    a ``<span>`` (an SVG ``<text>``), when :func:`in_lang` would mark ``value``; else
    nothing."""
    marked = in_lang(context, value)
    return Markup(' lang="%s"') % value.lang if marked is not value else Markup("")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&!~])")


def markdown_escape(value: Any) -> Any:
    """Text from YAML made literal in Markdown: every punctuation mark Markdown could read
    as markup (links, emphasis, raw HTML, table cells) is backslash-escaped, and line breaks
    become spaces so a value never ends a table row or a paragraph."""
    if not isinstance(value, str) or isinstance(value, Markup):
        return value
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(value.split()))


def markdown_environment(workspace: Path, compiled: Path | None = None) -> jinja2.Environment:
    """Like :func:`environment`, for ``.md`` templates: every ``{{ value }}`` is escaped for
    Markdown instead of HTML (compiled differently, so kept apart from the HTML ones)."""
    env = environment(workspace)
    env.bytecode_cache = CompiledTemplates(compiled / "md") if compiled else None
    env.autoescape = False
    env.finalize = markdown_escape
    return env


def render(env: jinja2.Environment, name: str, **context: Any) -> str:
    return env.get_template(name).render(**context)


def static_text(env: jinja2.Environment, name: str) -> str:
    """A non-template asset (the stylesheet) through the same override search list."""
    source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    return source
