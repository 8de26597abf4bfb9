"""Mermaid text from :mod:`toolkit.views.mermaid`: the one place where text from YAML enters
Mermaid, and where it is escaped.

- **Journey diagrams** have no quoting: a title runs to the end of the line, a section or
  task name stops at ``:``, ``;``, ``#`` or a line break, and a line starting with a
  keyword (``title``, ``section``, ``journey``, ``accTitle``, ``accDescr``) is read as that
  keyword. :func:`journey_text` therefore puts text on one line and replaces those
  characters with look-alikes that are not syntax (:data:`JOURNEY_REPLACEMENTS`), turns
  ``%%`` (a comment) into ``% %``, and puts a zero-width space before a leading keyword.
  Actor names also lose ``,`` (it separates actors).
- **Flowcharts** get quoted labels (``["..."]``, ``|"..."|``) in which
  :func:`flowchart_label` writes ``#``, ``"``, ``<``, ``>``, ``&`` and the backtick as
  Mermaid entity codes (``#35;``, ``#quot;`` ...), so that Mermaid shows them as text.
  Node ids are made by the view from provider ids, never from YAML text.

The same view always gives the same bytes.
"""

from __future__ import annotations

import re

from ..views.mermaid import HandoffDiagram, JourneyDiagram, MermaidExport

INDENT = "    "

JOURNEY_REPLACEMENTS = str.maketrans({":": "\u2236", ";": ",", "#": "\uff03"})
"""``:`` -> ``∶`` (ratio), ``;`` -> ``,``, ``#`` -> ``＃`` (full-width number sign)."""
_KEYWORD = re.compile(r"(?i)(title|section|journey|acctitle|accdescr)\b")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]+")
FLOWCHART_ENTITIES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;",
                      "`": "#96;"}
_ENTITY = re.compile("[" + re.escape("".join(FLOWCHART_ENTITIES)) + "]")
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|~])")


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters as single spaces."""
    return " ".join(_CONTROLS.sub(" ", text).split())


def journey_text(text: str) -> str:
    """``text`` as a title, section or task name of a Mermaid journey diagram."""
    text = one_line(text).translate(JOURNEY_REPLACEMENTS).replace("%%", "% %")
    if _KEYWORD.match(text):
        text = "\u200b" + text
    return text or "-"


def flowchart_label(text: str) -> str:
    """``text`` as a quoted flowchart label, quotes included."""
    return '"' + _ENTITY.sub(lambda m: FLOWCHART_ENTITIES[m.group()], one_line(text)) + '"'


def markdown_text(text: str) -> str:
    """``text`` as Markdown inline text: one line, punctuation that is syntax escaped."""
    return _MARKDOWN.sub(r"\\\1", one_line(text)).replace("&", "&amp;")


def journey_diagram(diagram: JourneyDiagram) -> str:
    """The Mermaid ``journey`` diagram, ending with a line break."""
    lines = ["journey", f"{INDENT}title {journey_text(diagram.title)}"]
    for section in diagram.sections:
        lines.append(f"{INDENT}section {journey_text(section.name)}")
        for task in section.tasks:
            actors = ", ".join(journey_text(a.replace(",", " ")) for a in task.actors)
            lines.append(f"{INDENT * 2}{journey_text(task.name)}: {task.score}"
                         + (f": {actors}" if actors else ""))
    return "\n".join(lines) + "\n"


def handoff_flowchart(diagram: HandoffDiagram) -> str:
    """The Mermaid ``flowchart`` of the handoffs, ending with a line break."""
    lines = ["flowchart LR"]
    lines += [f"{INDENT}{n.id}[{flowchart_label(n.label)}]" for n in diagram.nodes]
    lines += [f"{INDENT}{e.source} -->|{flowchart_label(e.label)}| {e.target}"
              for e in diagram.edges]
    return "\n".join(lines) + "\n"


def markdown(export: MermaidExport) -> str:
    """One Markdown file with both diagrams in ```` ```mermaid ```` fences (GitHub and
    GitLab draw them)."""
    return (f"# {markdown_text(export.title)}\n\n"
            f"## {markdown_text(export.journey_heading)}\n\n"
            f"```mermaid\n{journey_diagram(export.journey)}```\n\n"
            f"## {markdown_text(export.flowchart_heading)}\n\n"
            f"```mermaid\n{handoff_flowchart(export.flowchart)}```\n")


def render(export: MermaidExport, diagram: str = "all") -> str:
    """``all``: the Markdown file; ``journey`` or ``flowchart``: that diagram alone."""
    if diagram == "journey":
        return journey_diagram(export.journey)
    if diagram == "flowchart":
        return handoff_flowchart(export.flowchart)
    return markdown(export)
