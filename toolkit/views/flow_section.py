"""The flow section of a journey page, and the flow figure of the final report: the
overview diagram with its legend, the links that open a diagram at full size (the zoom that
works without JavaScript) and the printable parts with their captions."""

from __future__ import annotations

from dataclasses import dataclass

from ..load.model import Journey
from .base import ViewContext
from .diagrams.common import severity_word
from .diagrams.flow import Part
from .diagrams.theme import DEFAULT_THEME, Theme


@dataclass(frozen=True)
class Swatch:
    """One entry of the overview's legend: a step's look and what it means."""

    label: str
    fill: str
    border: str
    double: bool = False


@dataclass(frozen=True)
class FlowPartView:
    number: str
    """As the diagram numbers it: "4" for a stage, "4.1" for a step."""
    name: str
    """The stage's or the step's name (a Localised)."""
    stage: str
    """The name of the stage, for a step (else "")."""
    href: str
    """The part's SVG, relative to the page."""


@dataclass(frozen=True)
class FlowSection:
    overview_href: str
    full_href: str
    """The whole flow in one diagram, at full size."""
    parts: list[FlowPartView]
    legend: list[Swatch]


def flow_legend(ctx: ViewContext, theme: Theme = DEFAULT_THEME) -> list[Swatch]:
    """What the fill of a step in the overview means."""
    tr = ctx.translator
    found = [Swatch(ctx.gettext("no pain point"), theme.fills["step"], theme.borders["step"])]
    for severity in (1, 2, 3):
        label = ctx.gettext("worst pain point: %(severity)s") % {
            "severity": "!" * severity + " " + severity_word(tr, severity)}
        found.append(Swatch(label, theme.severity_fills[severity],
                            theme.severity_borders[severity], severity == 3))
    return found


def flow_section(ctx: ViewContext, journey: Journey, parts: list[Part],
                 diagrams: str = "../diagrams") -> FlowSection:
    """The flow section of ``journey``'s page, whose diagrams lie in ``diagrams``."""
    found = []
    for part in parts:
        stage = journey.stages[part.stage - 1]
        if part.step is None:
            found.append(FlowPartView(str(part.stage), ctx.text(stage.name), "",
                                      f"{diagrams}/{journey.id}-{part.stem}.svg"))
        else:
            step = stage.steps[part.step - 1]
            found.append(FlowPartView(f"{part.stage}.{part.step}", ctx.text(step.name),
                                      ctx.text(stage.name),
                                      f"{diagrams}/{journey.id}-{part.stem}.svg"))
    return FlowSection(f"{diagrams}/{journey.id}-overview.svg",
                       f"{diagrams}/{journey.id}.svg", found, flow_legend(ctx))
