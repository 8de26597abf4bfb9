"""The journey flow diagram: one journey, stage box by stage box, as a :class:`DotGraph`.

The flow reads left to right, its steps in one row; each step heads a column: pain points
and good practices above it, the touchpoints it uses (with channel) below it, then the
services of those touchpoints in one box per provider. Long lists are laid out in grids
(:attr:`Theme.grid_rows` per column), so that a journey with 150 touchpoints stays
readable. Why the layout looks the way it does (dot 2.43 quirks) is told at :class:`_Flow`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from ...analyse.analysis import Analysis
from ...graph.index import Index
from ...i18n import Translator
from ...load.model import Journey, Stage, Step
from .common import (
    Labels,
    edge_defaults,
    graph_attrs,
    key,
    level_order,
    node,
    node_defaults,
    pain_attrs,
    practice_label,
    signed,
)
from .graph import DotGraph, Left, grid, node_id, rows, wrap
from .theme import DEFAULT_THEME, Theme


@dataclass(frozen=True)
class Part:
    """A piece of a journey's flow small enough to print legibly: one stage, or one step
    of a stage too large for a page. Numbers count from 1, as the diagram shows them."""

    stage: int
    step: int | None = None

    @property
    def stem(self) -> str:
        """What its files are called after the journey id: ``stage-4``, ``stage-4-step-1``."""
        return f"stage-{self.stage}" + (f"-step-{self.step}" if self.step else "")


def stage_parts(journey: Journey) -> list[Part]:
    """One part per stage, in journey order."""
    return [Part(number) for number in range(1, len(journey.stages) + 1)]


def step_parts(journey: Journey, stage: int) -> list[Part]:
    """One part per step of stage number ``stage``."""
    return [Part(stage, step)
            for step in range(1, len(journey.stages[stage - 1].steps) + 1)]


def journey_flow(index: Index, analysis: Analysis, journey_id: str, lang: str,
                 theme: Theme = DEFAULT_THEME, part: Part | None = None) -> DotGraph:
    """DOT of one journey in ``lang`` (falling back to the workspace's default language),
    or of one ``part`` of it (without legend and arrows; the page around it explains).

    Stages run left to right, their steps in one row joined by ``next`` edges. Above a
    step, its pain points (worst first; severity as colour, exclamation marks, words and a
    double border for 3) with the number of proposals addressing each, and its good
    practices; below it, its touchpoints with their channel, then their services in one
    box per provider. Raises ``KeyError`` for an unknown journey id.
    """
    journey = index.journeys[journey_id]
    drawn = [(n, stage) for n, stage in enumerate(journey.stages, start=1)
             if part is None or n == part.stage]
    flow = _Flow(Labels(index, lang, theme), analysis, journey, part.step if part else None,
                 [stage for _, stage in drawn])
    if theme.legend and part is None:  # first in the source: dot places it left of the rest
        _flow_legend(flow.dot, theme, flow.tr)
    for number, stage in drawn:
        if number > 1 and part is None:
            flow.arrow(number)
        flow.stage(number, stage)
    names = ", ".join(index.personas[p].name for p in journey.personas)
    personas = flow.tr.gettext("Personas")
    title = f"{wrap(flow.cat.text(journey.title), 60, 300)}\n{personas}: {wrap(names, 80, 300)}"
    flow.dot.graph_attrs = graph_attrs(theme, theme.flow_rankdir, title)
    return flow.dot


class _Flow:
    """Builds the journey flow stage by stage, step by step.

    Why this shape: dot 2.43 keeps nodes in the order of flat edges (our ``next`` edges)
    only while nothing else pulls them around. A box (cluster) per step, edges from one
    step's touchpoints to services shared with other steps, and long invisible edges that
    align rows all made it swap steps, and a ``next`` edge between two stage boxes is
    drawn twice. So:

    - every stage is a separate connected component: dot places components left to right
      in the order of the source, which no edge can undo. Between two stages, a block
      arrow (a component of its own) stands for the ``next`` edge;
    - inside a stage, ``next`` edges join the steps; every step is a self-contained
      column: its pain points and good practices above, its touchpoints below, then its
      services in one box per provider. A service used by several steps appears under each;
    - every component starts with an invisible spacer :attr:`step_rank` ranks above its
      steps, so that the steps of all stages form one row.
    """

    def __init__(self, cat: Labels, analysis: Analysis, journey: Journey, only: int | None,
                 stages: list[Stage]) -> None:
        self.cat, self.analysis, self.journey, self.theme = cat, analysis, journey, cat.theme
        self.only = only
        """Draw only this step (by its number in its stage), or every step."""
        self.tr = cat.translator
        self.dot = DotGraph("journey", node_attrs=node_defaults(self.theme),
                            edge_attrs=edge_defaults(self.theme))
        self.personas = {p: cat.index.personas[p].name for p in journey.personas}
        self.line = {"color": self.theme.step_line_colour, "arrowhead": "none",
                     "penwidth": 1.5, "weight": 5}
        """Joins a step to its pain points and touchpoints."""
        self.step_rank = max((rows(len(s.pain_points) + len(s.good_practices),
                                    self.theme.grid_rows)
                              for stage in stages for _, s in self.steps(stage)), default=0)
        """Rank of the step row: the most rows of pain points and practices above a step."""

    def steps(self, stage: Stage) -> list[tuple[int, Step]]:
        """The steps of ``stage`` drawn, with their numbers in the stage."""
        return [(n, step) for n, step in enumerate(stage.steps, start=1)
                if self.only is None or n == self.only]

    def key(self, kind: str, *parts: str) -> str:
        return key(kind, "/".join((self.journey.id, *parts)))

    def stage(self, number: int, stage: Stage) -> None:
        theme = self.theme
        label = f"{number}. {self.cat.wrapped(stage.name)}"
        if stage.cross_cutting:
            label += "\n(" + self.tr.gettext("cross-cutting stage") + ")"
        label = Left(label)
        style = "rounded,filled,dashed" if stage.cross_cutting else "rounded,filled"
        with self.dot.cluster("cluster_" + node_id(self.key("stage", stage.id)), {
                "label": label, "style": style, "fillcolor": theme.cluster_fill,
                "color": theme.cluster_border, "fontname": theme.font_bold,
                "fontsize": theme.font_size + 2, "labeljust": "l", "penwidth": 1.5}):
            steps = [self.step(f"{number}.{index}", step)
                     for index, step in self.steps(stage)]
            for before, after in pairwise(steps):
                # minlen 0 and a high weight keep the steps in one row without rank=same
                self.dot.edge(before, after, {"color": theme.next_edge_colour,
                                              "penwidth": 2.5, "weight": 10, "minlen": 0})
            if steps:
                self.spacer(f"stage-{stage.id}", steps[0])

    def spacer(self, name: str, below: str) -> None:
        """An invisible node :attr:`step_rank` ranks above ``below``: the top of its
        component, so that ``below`` lands in the step row."""
        if self.step_rank:
            ident = node_id(self.key("spacer", name))
            self.dot.node(ident, {"style": "invis", "shape": "point", "width": 0,
                                  "label": ""})
            self.dot.edge(ident, below, {"style": "invis", "minlen": self.step_rank})

    def arrow(self, number: int) -> None:
        """The block arrow between stage ``number - 1`` and stage ``number``."""
        ident = node_id(self.key("arrow", str(number)))
        self.dot.node(ident, {"shape": "rarrow", "style": "filled", "label": "",
                              "fillcolor": self.theme.next_edge_colour,
                              "color": self.theme.next_edge_colour,
                              "width": 0.45, "height": 0.3, "fixedsize": "true"})
        self.spacer(f"arrow-{number}", ident)

    def step(self, number: str, step: Step) -> str:
        theme, cat, tr = self.theme, self.cat, self.tr
        ident = node_id(self.key("step", step.id))
        label = f"{number} {cat.wrapped(step.name)}"
        feelings = [f"{self.personas.get(p, p)} {signed(v)}"
                    for p, v in sorted(step.emotion.items())]
        if feelings:
            label += "\n" + tr.gettext("emotion") + ": " + wrap(", ".join(feelings), 36, 200)
        self.dot.node(ident, node(theme, "step", label))
        notes = []
        for pain in sorted(step.pain_points, key=lambda p: -p.severity):
            notes.append(node_id(self.key("pain", step.id, pain.id)))
            proposals = len(self.analysis.pain(pain.id).proposals)
            title = f"{cat.wrapped(pain.title)}\n" + tr.gettext("proposals") + f": {proposals}"
            self.dot.node(notes[-1], pain_attrs(theme, pain.severity, tr, title))
        for practice in step.good_practices:
            notes.append(node_id(self.key("practice", step.id, practice.id)))
            self.dot.node(notes[-1], node(theme, "practice", practice_label(
                tr, cat.wrapped(practice.title))))
        grid(self.dot, notes, theme.grid_rows, below=ident, line=self.line)
        uses = []
        for position, tp_id in enumerate(step.touchpoints):
            tp = cat.index.touchpoints[tp_id]
            use = node_id(self.key("use", step.id, str(position), tp_id))
            uses.append((use, tp_id))
            self.dot.node(use, node(theme, "touchpoint", f"{cat.wrapped(tp.name)}\n"
                                                          f"[{tr.word(tp.channel)}]"))
        grid(self.dot, [use for use, _ in uses], theme.grid_rows, above=ident,
              line=self.line)
        self.services(step, uses)
        return ident

    def services(self, step: Step, uses: list[tuple[str, str]]) -> None:
        """The step's services in one box per provider, the provider at the bottom; the
        boxes in as many columns as the touchpoints above, so the column stays narrow."""
        theme, cat = self.theme, self.cat
        services, touchpoints = cat.index.services, cat.index.touchpoints
        providers = cat.index.providers
        used: dict[str, list[str]] = defaultdict(list)  # provider -> services, first use first
        edges = []
        for use, tp_id in uses:
            service = services[touchpoints[tp_id].service]
            if service.id not in used[service.provider]:
                used[service.provider].append(service.id)
            edges.append((use, node_id(self.key("service", step.id, service.id))))
        boxes: list[tuple[list[str], str]] = []  # (first row of services, provider node)
        for provider in sorted((providers[p] for p in used), key=level_order):
            pid = node_id(self.key("provider", step.id, provider.id))
            fill = theme.level_fills.get(provider.level, theme.cluster_fill)
            with self.dot.cluster("cluster_" + pid, {"label": "", "style": "rounded,filled",
                                                     "fillcolor": fill,
                                                     "color": theme.cluster_border}):
                ids = [node_id(self.key("service", step.id, s)) for s in used[provider.id]]
                for ident, service_id in zip(ids, used[provider.id], strict=True):
                    self.dot.node(ident, node(theme, "service",
                                               cat.wrapped(services[service_id].name)))
                self.dot.node(pid, node(theme, "provider", cat.provider_label(provider),
                                         fillcolor=fill))
                grid(self.dot, ids, theme.grid_rows, below=pid)
                boxes.append((ids[:math.ceil(len(ids) / theme.grid_rows)], pid))
        columns = max(1, math.ceil(len(uses) / theme.grid_rows),
                      min(len(boxes), theme.service_columns))
        last_row = [use for use, _ in uses][-columns:]
        for top, _ in boxes[:columns]:  # the first boxes start under the touchpoints
            for ident in top:
                for use in last_row:
                    if (use, ident) not in edges:  # never two edges between one pair
                        self.dot.edge(use, ident, {"style": "invis"})
        for (top, _), (_, above) in zip(boxes[columns:], boxes, strict=False):
            for ident in top:
                self.dot.edge(above, ident, {"style": "invis"})
        for tail, head in edges:
            self.dot.edge(tail, head)


def _flow_legend(dot: DotGraph, theme: Theme, tr: Translator) -> None:
    """Sample nodes explaining shapes and colours, in a box left of the first step."""
    def sample(name: str, attrs: dict[str, str | float]) -> str:
        dot.node(f"legend_{name}", {**attrs, "width": 1.5, "fontsize": theme.font_size - 1})
        return f"legend_{name}"

    _ = tr.gettext
    pain = _("Pain point")
    with dot.cluster("cluster_legend", {"label": _("Legend"), "style": "rounded",
                                        "color": theme.cluster_border,
                                        "fontname": theme.font_bold, "labeljust": "l",
                                        "fontsize": theme.font_size + 2}):
        touchpoint = _("Touchpoint [channel]") + f"\n[{tr.word('web')}]"
        rows = [
            [sample("step", node(theme, "step", _("Step"))),
             sample("next", node(theme, "step", _("next step")))],
            [sample("touchpoint", node(theme, "touchpoint", touchpoint)),
             sample("practice", node(theme, "practice", practice_label(tr)))],
            [sample("service", node(theme, "service", _("Service"))),
             sample("sev1", pain_attrs(theme, 1, tr, pain))],
            [sample("provider", node(theme, "provider", _("Provider (level)"),
                                      fillcolor=theme.level_fills["state"])),
             sample("sev2", pain_attrs(theme, 2, tr, pain))],
            [sample("box", {"label": wrap(_("Box: a provider's services"), 20), "shape": "box",
                            "style": "rounded,filled", "color": theme.cluster_border,
                            "fillcolor": theme.level_fills["state"]}),
             sample("sev3", pain_attrs(theme, 3, tr, pain))],
        ]
        for row in rows:
            dot.same_rank(row)
        for upper, lower in pairwise(rows):
            for top, bottom in zip(upper, lower, strict=True):
                if (top, bottom) != ("legend_touchpoint", "legend_service"):
                    dot.edge(top, bottom, {"style": "invis"})
        dot.edge("legend_step", "legend_next", {"color": theme.next_edge_colour,
                                                "penwidth": 2.5})
        dot.edge("legend_touchpoint", "legend_service")


