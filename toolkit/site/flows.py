"""The flow diagrams of the journey pages and their print: per journey and language, an
overview (the page shows it, the report embeds it) and the flow in parts small enough to
print with labels of 6 pt or more on the A3 page of the map.

A part is a stage; a stage whose diagram would have to shrink more than that to fit the
page is split into one part per step. Whether it fits is read off the rendered SVG, so the
stage parts are rendered first (in ``dot``'s threads, cached like every diagram) and only
the stages that do not fit are rendered again step by step.

Output, under ``build/<lang>/diagrams/``: ``<journey>-overview.svg`` and
``<journey>-stage-<n>.svg`` or ``<journey>-stage-<n>-step-<m>.svg``.
"""

from __future__ import annotations

from pathlib import Path

from ..analyse.analysis import Analysis
from ..graph.index import Index
from ..output.dot import journey_overview_dot, journey_part_dot
from ..views.diagrams.flow import Part, stage_parts, step_parts
from ..views.diagrams.theme import MIN_PRINT_LABEL_PT, PRINT_THEME
from .diagrams import Diagram, DiagramRenderer

PRINT_AREA_PT = (1150.0, 737.0)
"""Room for one part on the A3 landscape page of the map, in pt: print.css gives a part's
image at most 408 × 260 mm (the page inside its margins, less the section heading and the
part's caption)."""


def fits(size: tuple[float, float], area: tuple[float, float] = PRINT_AREA_PT) -> bool:
    """Whether a diagram ``size`` pt large fits ``area`` with labels of at least
    :data:`MIN_PRINT_LABEL_PT` (a diagram's labels are :attr:`Theme.font_size` large)."""
    scale = MIN_PRINT_LABEL_PT / PRINT_THEME.font_size
    return size[0] * scale <= area[0] and size[1] * scale <= area[1]


class FlowDiagrams:
    """The overviews and parts of one build, submitted early and resolved per page."""

    def __init__(self, renderer: DiagramRenderer, index: Index, analysis: Analysis,
                 out: Path) -> None:
        self.renderer, self.index, self.analysis, self.out = renderer, index, analysis, out
        self.overviews: dict[tuple[str, str], Diagram] = {}
        self.stages: dict[tuple[str, str], list[tuple[Part, Diagram]]] = {}
        self.resolved: dict[tuple[str, str], list[tuple[Part, Diagram]]] = {}

    def submit(self, lang: str, only: str | None = None) -> None:
        """Start rendering the overview and the stage parts of every journey in ``lang``
        (``only``: of that journey)."""
        for journey in self.index.journeys.values():
            if only is not None and journey.id != only:
                continue
            at = (lang, journey.id)
            self.overviews[at] = self._submit(lang, journey.id, "overview", None)
            self.stages[at] = [(part, self._submit(lang, journey.id, part.stem, part))
                               for part in stage_parts(journey)]

    def overview(self, lang: str, journey: str) -> Diagram:
        return self.overviews[(lang, journey)]

    def parts(self, lang: str, journey: str) -> list[tuple[Part, Diagram]]:
        """The parts of ``journey`` to print: each stage that fits the page, else its steps
        (waits for ``dot``)."""
        at = (lang, journey)
        if at not in self.resolved:
            found = []
            for part, diagram in self.stages[at]:
                if fits(self.renderer.size(diagram)):
                    found.append((part, diagram))
                else:
                    found += [(step, self._submit(lang, journey, step.stem, step))
                              for step in step_parts(self.index.journeys[journey], part.stage)]
            self.resolved[at] = found
        return self.resolved[at]

    def written(self) -> list[Diagram]:
        """Every diagram whose file the site holds: the overviews and the resolved parts."""
        return [*self.overviews.values(),
                *(d for parts in self.resolved.values() for _, d in parts)]

    def _submit(self, lang: str, journey: str, stem: str, part: Part | None) -> Diagram:
        what = f"journey '{journey}', {stem} ({lang})"
        source = (journey_part_dot(self.index, self.analysis, journey, lang, part)
                  if part else journey_overview_dot(self.index, self.analysis, journey, lang))
        path = self.out / lang / "diagrams" / f"{journey}-{stem}.svg"
        return self.renderer.submit(Diagram(what, source, {"svg": path}), "svg")
