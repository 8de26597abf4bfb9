"""Drafts: items marked ``draft: true`` are checked like everything else, then left out of
everything published unless a build asks for them (``teekond build --drafts``).

:func:`without_drafts` is the one place they are left out: it runs right after validation,
so every later stage (index, analysis, views, reports) sees one workspace and every figure
keeps one owner.

What a published item loses when it points at a draft: a proposal's ``addresses`` drop the
draft pain points (a proposal that addresses drafts only is hidden too: it is about
something not published yet); a journey's ``personas`` and ``emotion`` drop the draft
personas (a journey walked by draft personas only is hidden too). A stage whose steps are
all drafts is left out with them (and a journey left with no stage).
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from ..load.model import Journey, Model, Step
from ..load.workspace import Workspace

__all__ = ["count_drafts", "without_drafts"]

M = TypeVar("M", bound=Model)


def count_drafts(ws: Workspace) -> int:
    """How many objects of ``ws`` are marked ``draft: true`` (items inside a draft are not
    counted again)."""
    return sum(1 for obj in ws.objects if getattr(obj, "draft", False))


def without_drafts(ws: Workspace) -> Workspace:
    """``ws`` without its drafts (the same object when it has none)."""
    if not count_drafts(ws):
        return ws
    personas = [p for p in ws.personas if not p.draft]
    published = {p.id for p in personas}
    journeys = [j for j in (_journey(j, published) for j in ws.journeys if not j.draft) if j]
    # ``objects`` serves the rules only, which have run: it just loses the drafts.
    objects = [obj for obj in ws.objects if not getattr(obj, "draft", False)]
    return dataclasses.replace(ws, personas=personas, journeys=journeys, objects=objects)


def _journey(journey: Journey, personas: set[str]) -> Journey | None:
    walkers = [p for p in journey.personas if p in personas]
    if not walkers:
        return None
    stages = [_copy(stage, steps=[_step(step, personas) for step in stage.steps
                                  if not step.draft]) for stage in journey.stages]
    stages = [stage for stage in stages if stage.steps]
    if not stages:
        return None
    pains = {pain.id for stage in stages for step in stage.steps for pain in step.pain_points}
    proposals = []
    for proposal in journey.proposals:
        addresses = [ref for ref in proposal.addresses if ref in pains]
        if not proposal.draft and addresses:
            proposals.append(proposal if addresses == proposal.addresses
                             else _copy(proposal, addresses=addresses))
    return _copy(journey, personas=walkers, stages=stages, proposals=proposals)


def _step(step: Step, personas: set[str]) -> Step:
    return _copy(step, emotion={p: e for p, e in step.emotion.items() if p in personas},
                 pain_points=[p for p in step.pain_points if not p.draft],
                 good_practices=[g for g in step.good_practices if not g.draft])


def _copy(obj: M, **changes: object) -> M:
    """A shallow copy of ``obj`` with ``changes``, keeping where it came from."""
    if all(getattr(obj, name) == value for name, value in changes.items()):
        return obj
    return obj.model_copy(update=changes)
