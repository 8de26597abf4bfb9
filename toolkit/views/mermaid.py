"""A journey as Mermaid diagrams (`teekond export mermaid`): the view-model.

Two diagrams, in one language, as display strings (the writer, :mod:`toolkit.output.mermaid`,
escapes them):

- a **journey** diagram: sections are the stages, tasks the steps in journey order. Mermaid
  gives a task one score and any number of actors (the personas): a step is one task per
  score its personas give it, in the order of the journey's personas, so a step two
  personas feel differently about is two tasks of the same name. The score is the step's
  emotion on Mermaid's 1-5 scale (:data:`EMOTION_SCORE`). A step that none of the shown
  personas scores is one task marked "not scored" with the neutral score and no actor.
- a **flowchart** of the handoffs between providers: nodes are the providers the personas
  meet along the journey (in order of first contact), edges the handoffs the analysis
  found (``Analysis.handoffs``: consecutive touchpoints whose services have different
  providers), each edge once, labelled with the personas who make it.

Nothing is counted here: the emotions are the YAML's, the handoffs the analysis'.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..errors import UsageError
from .base import ViewContext

EMOTION_SCORE: dict[int, int] = {-2: 1, -1: 2, 0: 3, 1: 4, 2: 5}
"""A step's emotion (-2 very bad ... +2 very good, see ``Step.emotion``) as Mermaid's
journey score (1 ... 5, drawn as a sad to a happy face)."""
NEUTRAL_SCORE = EMOTION_SCORE[0]
"""The score of a step that no shown persona scores (marked "not scored")."""


@dataclass(frozen=True)
class Task:
    name: str
    score: int
    actors: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    name: str
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class JourneyDiagram:
    title: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class FlowNode:
    id: str
    """A Mermaid node id made from the provider id (never YAML text)."""
    label: str


@dataclass(frozen=True)
class FlowEdge:
    source: str
    target: str
    label: str


@dataclass(frozen=True)
class HandoffDiagram:
    nodes: tuple[FlowNode, ...]
    edges: tuple[FlowEdge, ...]


@dataclass(frozen=True)
class MermaidExport:
    """Both diagrams of one journey, with the headings of the Markdown file."""

    title: str
    journey_heading: str
    flowchart_heading: str
    journey: JourneyDiagram
    flowchart: HandoffDiagram


def node_id(provider: str) -> str:
    """``p_`` and the provider id with ``-`` as ``_`` (ids have no ``_``, so it is unique)."""
    return "p_" + provider.replace("-", "_")


def mermaid_export(ctx: ViewContext, journey_id: str, persona: str | None = None
                   ) -> MermaidExport:
    """The diagrams of journey ``journey_id`` as its personas walk it, or only ``persona``.

    Raises :class:`~toolkit.errors.UsageError` for an unknown journey or a persona that
    does not walk it, with the nearest id."""
    ix, _ = ctx.index, ctx.gettext
    if journey_id not in ix.journeys:
        raise _unknown("journey", journey_id, list(ix.journeys), "JOURNEY")
    journey = ix.journeys[journey_id]
    personas = list(journey.personas)
    if persona is not None:
        if persona not in personas:
            raise _unknown("persona", persona, personas, "--persona",
                           f" of journey '{journey_id}'")
        personas = [persona]
    title = ctx.text(journey.title)
    return MermaidExport(
        title=title,
        journey_heading=_("How each persona feels at each step"),
        flowchart_heading=_("Handoffs between providers"),
        journey=JourneyDiagram(title, _sections(ctx, journey_id, personas)),
        flowchart=_handoffs(ctx, journey_id, personas))


def _sections(ctx: ViewContext, journey_id: str, personas: list[str]) -> tuple[Section, ...]:
    ix = ctx.index
    not_scored = ctx.gettext("not scored")
    sections: list[Section] = []
    stage = 0
    for at in ix.steps_of(journey_id):  # a stage without steps has nothing to show
        if at.stage_number != stage:
            stage = at.stage_number
            sections.append(Section(ctx.text(at.stage.name), ()))
        name = ctx.text(at.step.name)
        by_score: dict[int, list[str]] = {}
        for p in personas:
            if p in at.step.emotion:
                by_score.setdefault(EMOTION_SCORE[at.step.emotion[p]], []).append(
                    ix.personas[p].name)
        tasks = tuple(Task(name, score, tuple(names)) for score, names in by_score.items()) or (
            Task(f"{name} ({not_scored})", NEUTRAL_SCORE, ()),)
        last = sections[-1]
        sections[-1] = Section(last.name, last.tasks + tasks)
    return tuple(sections)


def _handoffs(ctx: ViewContext, journey_id: str, personas: list[str]) -> HandoffDiagram:
    ix = ctx.index
    walks = {h.persona: h for h in ctx.analysis.handoffs if h.journey == journey_id}
    providers: dict[str, None] = {}
    who: dict[tuple[str, str], list[str]] = {}
    for persona in personas:
        walk = walks[persona]
        providers.update(dict.fromkeys(walk.providers))
        for h in walk.handoffs:
            names = who.setdefault((h.from_provider, h.to_provider), [])
            if ix.personas[persona].name not in names:
                names.append(ix.personas[persona].name)
    nodes = tuple(FlowNode(node_id(p), ctx.name_of(p)) for p in providers)
    edges = tuple(FlowEdge(node_id(a), node_id(b), ", ".join(names))
                  for (a, b), names in who.items())
    return HandoffDiagram(nodes, edges)


def _unknown(kind: str, value: str, known: list[str], param: str, where: str = ""
             ) -> UsageError:
    close = ([k for k in known if k.startswith(value)][:1]
             or difflib.get_close_matches(value, known, n=1, cutoff=0.6))
    hint = f"; did you mean '{close[0]}'?" if close else ""
    err = UsageError(f"no {kind} '{value}'{where}{hint} ({kind}s: {', '.join(known)})")
    err.param = param
    return err
