"""`teekond export mermaid` and `teekond export cpsv`: the workspace in formats that other
tools read, each as one library call that returns the text to write.

Both validate the workspace first (a workspace with errors raises
:class:`~toolkit.errors.ContentErrors`) and leave drafts out, as reports do.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError


def export_mermaid(root: Path, journey: str, persona: str | None = None,
                   lang: str | None = None, diagram: str = "all") -> str:
    """The Mermaid diagrams of ``journey`` (see :mod:`toolkit.views.mermaid`): a Markdown
    file with both (``diagram="all"``), or the ``journey`` or ``flowchart`` diagram alone."""
    from ..analyse.analysis import analyse
    from ..check.validate import validated
    from ..graph.index import Index
    from ..output.mermaid import render
    from ..views.base import ViewContext
    from ..views.mermaid import mermaid_export

    ix = Index(validated(root).workspace)
    ctx = ViewContext(ix, analyse(ix), _language(ix.languages, ix.default_language, lang))
    return render(mermaid_export(ctx, journey, persona), diagram)


def export_cpsv(root: Path, fmt: str = "ttl", lang: str | None = None
                ) -> tuple[str, list[str]]:
    """The workspace's public services as CPSV-AP 3.2 (see :mod:`toolkit.output.cpsv`), as
    Turtle (``ttl``) or JSON-LD (``jsonld``), and the ids of the services left out (not
    run by a public organisation); ``lang`` keeps the texts of one language only."""
    from ..check.validate import validated
    from ..graph.index import Index
    from ..output.cpsv import cpsv_graph, left_out, serialise

    ix = Index(validated(root).workspace)
    langs = [_language(ix.languages, ix.default_language, lang)] if lang else ix.languages
    return serialise(cpsv_graph(ix, langs), fmt), left_out(ix)


def _language(languages: list[str], default: str, lang: str | None) -> str:
    if lang is None:
        return default
    if lang not in languages:
        err = UsageError(f"the workspace is not written in '{lang}'; its languages: "
                         f"{', '.join(languages)}")
        err.param = "--lang"
        raise err
    return lang
