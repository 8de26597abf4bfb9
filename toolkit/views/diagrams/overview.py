"""A journey at a glance, as a :class:`DotGraph`: its stages top to bottom, each a box of
its steps in rows; a step names the personas' emotion and the severity of each of its pain
points, and is filled with the colour of the worst (the page around the diagram holds the
legend: a legend row would push the diagram over an A4 page).

The full flow (:mod:`.flow`) of a ten-stage journey is some 9,000 pt wide: on screen it
opens as a thumbnail, on paper its labels would be 1 pt. The overview fits one A4 page with
labels of 6 pt or more and reads on screen without zooming; the flow's parts (one per
stage) hold the detail.
"""

from __future__ import annotations

import math
from itertools import pairwise

from ...analyse.analysis import Analysis
from ...graph.index import Index
from ...load.model import Journey, Step
from .common import (
    Labels,
    edge_defaults,
    graph_attrs,
    key,
    node,
    node_defaults,
    signed,
)
from .graph import DotGraph, Left, node_id, wrap
from .theme import DEFAULT_THEME, Theme

STEPS_PER_ROW = 4
"""Steps side by side in a stage's box; more wrap into further rows."""


def journey_overview(index: Index, analysis: Analysis, journey_id: str, lang: str,
                     theme: Theme = DEFAULT_THEME) -> DotGraph:
    """The overview of one journey in ``lang``. Raises ``KeyError`` for an unknown id."""
    del analysis  # the overview shows no figure; kept for the signature all diagrams share
    journey = index.journeys[journey_id]
    cat = Labels(index, lang, theme)
    dot = DotGraph("overview", node_attrs=node_defaults(theme),
                   edge_attrs=edge_defaults(theme))
    personas = {p: index.personas[p].name for p in journey.personas}
    steps: list[str] = []
    firsts: list[str] = []
    """The first step of each row: an invisible edge with a high weight holds each under
    the one before, so that stages stack top to bottom instead of stepping sideways."""
    for number, stage in enumerate(journey.stages, start=1):
        label = f"{number}. {cat.wrapped(stage.name)}"
        if stage.cross_cutting:
            label += " (" + cat.translator.gettext("cross-cutting stage") + ")"
        with dot.cluster("cluster_" + node_id(key("ostage", f"{journey.id}/{stage.id}")), {
                "label": Left(label), "style": "rounded,filled,dashed" if stage.cross_cutting
                else "rounded,filled", "fillcolor": theme.cluster_fill,
                "color": theme.cluster_border, "fontname": theme.font_bold,
                "fontsize": theme.font_size, "labeljust": "l", "penwidth": 1.2}):
            ids = [_step(dot, cat, journey, f"{number}.{index}", step, personas)
                   for index, step in enumerate(stage.steps, start=1)]
            per_row = math.ceil(len(ids) / max(1, math.ceil(len(ids) / STEPS_PER_ROW)))
            for start in range(0, len(ids), per_row):  # rows of even length
                dot.same_rank(ids[start:start + per_row])
                firsts.append(ids[start])
        steps += ids
    for above, below in pairwise(firsts):
        dot.edge(above, below, {"style": "invis", "weight": 20})
    for before, after in pairwise(steps):
        dot.edge(before, after, {"color": theme.next_edge_colour, "penwidth": 2.0})
    # the title names the journey only: the steps name the personas with their emotion
    dot.graph_attrs = {**graph_attrs(theme, "TB", wrap(cat.text(journey.title), 60, 300)),
                       "ranksep": "0.25", "nodesep": "0.2", "newrank": "true"}
    return dot


def _step(dot: DotGraph, cat: Labels, journey: Journey, number: str, step: Step,
          personas: dict[str, str]) -> str:
    theme, tr = cat.theme, cat.translator
    ident = node_id(key("ostep", f"{journey.id}/{step.id}"))
    lines = [f"{number} {cat.wrapped(step.name)}"]
    feelings = [f"{personas.get(p, p)} {signed(v)}" for p, v in sorted(step.emotion.items())]
    if feelings:
        lines.append(tr.gettext("emotion") + ": " + wrap(", ".join(feelings), 30, 200))
    severities = sorted((p.severity for p in step.pain_points), reverse=True)
    if severities:
        lines.append(tr.gettext("pain points") + ": " + " ".join("!" * s for s in severities))
    if step.good_practices:
        lines.append(" ".join("✓" for _ in step.good_practices) + " "
                     + tr.gettext("Good practice").lower())
    worst = severities[0] if severities else 0
    extra: dict[str, str | float] = {}
    if worst:
        extra = {"fillcolor": theme.severity_fills[worst],
                 "color": theme.severity_borders[worst], "penwidth": 1.0 + 0.5 * worst,
                 "peripheries": 2 if worst == 3 else 1}
    dot.node(ident, {**node(theme, "step", Left("\n".join(lines)), fontname=theme.font),
                     **extra})
    return ident

