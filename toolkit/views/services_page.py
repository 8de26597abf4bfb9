"""Mapping items (d) and (f): the services missing from the KOV's view and the services to
improve or develop, per KOV and per stage, each with its status and evidence. One view for
the site's services page and the final report's section (the analysis grouped them,
:mod:`toolkit.analyse.priorities`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..analyse.priorities import ServiceAnswer
from ..analyse.proposals import ServiceNeed
from .base import EvidenceView, Figure, Named, ViewContext
from .journey import Link


@dataclass(frozen=True)
class ServiceGroupView:
    name: str
    count: Figure
    services: list[Named]
    """Id (the anchor is ``service-<id>``), name and, where several KOVs' services share
    names, the provider."""


@dataclass(frozen=True)
class ServiceItem:
    id: str
    """The anchor is ``service-<id>``."""
    name: str
    provider: str
    status: str
    kovs: list[str]
    evidence: list[EvidenceView]
    proposals: list[Link]
    severity: int
    """The sum of the severities of the pain points touching it."""


@dataclass(frozen=True)
class AnswerView:
    key: str
    """``missing`` (item d) or ``improve`` (item f)."""
    total: Figure
    by_kov: list[ServiceGroupView]
    by_stage: list[ServiceGroupView]
    items: list[ServiceItem]


@dataclass(frozen=True)
class ServicesView:
    missing: AnswerView
    improve: AnswerView


def services_view(ctx: ViewContext, report: bool = False) -> ServicesView:
    """Both answers; ``report``: proposal links point into the final report."""
    a = ctx.analysis
    return ServicesView(_answer(ctx, "missing", a.missing_services, report),
                        _answer(ctx, "improve", a.improve_services, report))


def _answer(ctx: ViewContext, key: str, answer: ServiceAnswer, report: bool) -> AnswerView:
    names = ctx.analysis.names
    kov_none = ctx.gettext("not tied to one partner municipality")
    stage_none = ctx.gettext("at no step of the journeys")
    by_kov = [_group(ctx, f"services:{key}:kov:{g.key or '-'}",
                     ctx.name_of(g.key) if g.key else kov_none, g.services)
              for g in answer.by_kov]
    by_stage = [_group(ctx, f"services:{key}:stage:{g.key or '-'}",
                       ctx.text(names[f"stage:{g.key}"]) if g.key else stage_none, g.services,
                       with_provider=True)
                for g in answer.by_stage]
    needs = {n.id: n for n in ctx.analysis.service_needs}
    items = [_item(ctx, needs[s], [view.name for g, view in zip(answer.by_kov, by_kov,
                                                                strict=True)
                                   if g.key and s in g.services
                                   and g.key != needs[s].provider], report)
             for s in answer.services]
    return AnswerView(key, Figure(f"services:{key}:total", len(answer.services)),
                      by_kov, by_stage, items)


def _group(ctx: ViewContext, key: str, name: str, services: tuple[str, ...],
           with_provider: bool = False) -> ServiceGroupView:
    """``with_provider``: each service's name followed by its provider's (several KOVs'
    services share a name)."""
    found = [ctx.index.services[s] for s in services]
    return ServiceGroupView(name, Figure(key, len(services)), [
        Named(s.id, ctx.text(s.name), ctx.name_of(s.provider) if with_provider else "")
        for s in found])


def _item(ctx: ViewContext, need: ServiceNeed, kovs: list[str], report: bool) -> ServiceItem:
    service = ctx.index.services[need.id]
    proposals = []
    for p in need.proposals:
        placed = ctx.index.proposals[p]
        href = (f"#proposal-{p}" if report
                else f"journeys/{placed.journey.id}.html#proposal-{p}")
        proposals.append(Link(href, ctx.text(placed.proposal.title)))
    return ServiceItem(need.id, ctx.text(service.name), ctx.name_of(service.provider),
                       ctx.word(service.status), kovs, ctx.evidence(service.evidence),
                       proposals, need.severity)
