"""The workspace as a ``networkx.MultiDiGraph`` with domain-named queries: one view of the
:class:`~toolkit.graph.index.Index`, for graph algorithms and ``teekond graph``.

Nodes are keyed ``"<kind>:<id>"`` (stages and steps, whose ids are unique only inside their
journey, as ``"stage:<journey>/<stage>"``). Every node carries ``kind``, ``id`` and ``label``
(the text in the default language). Edge keys are the relation names of the design:

    journey  -has-stage->  stage  -has-step->  step  -uses->  touchpoint
    touchpoint  -of-service->  service  -provided-by->  provider
    stage/step  -next->  stage/step            persona  -walks->  journey
    pain point  -hurts->  step | service       proposal  -addresses->  pain point
    good practice  -works-at->  step           proposal  -owned-by->  provider | group

Build it only from a workspace that validated without errors: references are assumed to
resolve (an unresolved one raises, since it would be a bug in the validator).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import networkx as nx

from ..check.validate import validated
from ..load.model import Journey, Model, Text
from ..load.workspace import Workspace
from .index import Index

RELATIONS = ("has-stage", "has-step", "next", "uses", "of-service", "provided-by", "walks",
             "hurts", "addresses", "works-at", "owned-by")


def node_key(kind: str, ident: str) -> str:
    return f"{kind}:{ident}"


class JourneyGraph:
    """The workspace as one graph, with queries named after what designers ask."""

    def __init__(self, graph: nx.MultiDiGraph, language: str = "et") -> None:
        self.g = graph
        self.language = language

    # -- building ------------------------------------------------------------------------

    @classmethod
    def from_workspace(cls, ws: Workspace) -> JourneyGraph:
        return cls.from_index(Index(ws))

    @classmethod
    def from_index(cls, index: Index) -> JourneyGraph:
        self = cls(nx.MultiDiGraph(), index.default_language)
        for group in sorted(index.groups):
            self._add("group", group, None)
        for provider in index.providers.values():
            self._add("provider", provider.id, provider, level=provider.level,
                      group=index.group_of(provider.id))
        for service in index.services.values():
            self._add("service", service.id, service, status=service.status)
            self._link("service", service.id, "provider", service.provider, "provided-by")
        for tp in index.touchpoints.values():
            self._add("touchpoint", tp.id, tp, channel=tp.channel)
            self._link("touchpoint", tp.id, "service", tp.service, "of-service")
        for persona in index.personas.values():
            self._add("persona", persona.id, None, label=persona.name,
                      target_group=persona.target_group)
        for journey in index.journeys.values():
            self._add_journey(journey)
        for journey in index.journeys.values():  # after every journey: a proposal may
            self._add_proposals(journey)         # address any journey's pain point
        return self

    def _add(self, kind: str, ident: str, obj: Model | None, label: str | None = None,
             **attrs: object) -> str:
        key = node_key(kind, ident)
        if label is None:
            text = getattr(obj, "name", None) or getattr(obj, "title", None)
            label = text.get_lang(self.language) if isinstance(text, Text) else ident
        self.g.add_node(key, kind=kind, id=ident, label=label, **attrs)
        return key

    def _link(self, kind: str, ident: str, to_kind: str, to_ident: str, relation: str) -> None:
        source, target = node_key(kind, ident), node_key(to_kind, to_ident)
        if target not in self.g:
            raise KeyError(f"{source} refers to missing {target}")
        self.g.add_edge(source, target, key=relation)

    def _add_journey(self, journey: Journey) -> None:
        self._add("journey", journey.id, journey, target_group=journey.target_group)
        for persona in journey.personas:
            self._link("persona", persona, "journey", journey.id, "walks")
        previous_stage = previous_step = None
        for order, stage in enumerate(journey.stages):
            stage_key = f"{journey.id}/{stage.id}"
            self._add("stage", stage_key, stage, order=order, journey=journey.id)
            self._link("journey", journey.id, "stage", stage_key, "has-stage")
            if previous_stage:
                self._link("stage", previous_stage, "stage", stage_key, "next")
            previous_stage = stage_key
            for step in stage.steps:
                step_key = f"{journey.id}/{step.id}"
                self._add("step", step_key, step, journey=journey.id, stage=stage_key,
                          emotion=dict(sorted(step.emotion.items())))
                self._link("stage", stage_key, "step", step_key, "has-step")
                if previous_step:
                    self._link("step", previous_step, "step", step_key, "next")
                previous_step = step_key
                for tp in step.touchpoints:
                    self._link("step", step_key, "touchpoint", tp, "uses")
                for pain in step.pain_points:
                    self._add("pain", pain.id, pain, severity=pain.severity, pain_kind=pain.kind,
                              perspective=pain.perspective)
                    self._link("pain", pain.id, "step", step_key, "hurts")
                    for service in pain.services:
                        self._link("pain", pain.id, "service", service, "hurts")
                for practice in step.good_practices:
                    self._add("practice", practice.id, practice)
                    self._link("practice", practice.id, "step", step_key, "works-at")

    def _add_proposals(self, journey: Journey) -> None:
        for proposal in journey.proposals:
            self._add("proposal", proposal.id, proposal, status=proposal.status)
            for pain in proposal.addresses:
                self._link("proposal", proposal.id, "pain", pain, "addresses")
            if proposal.owner:
                kind = "provider" if node_key("provider", proposal.owner) in self.g else "group"
                self._link("proposal", proposal.id, kind, proposal.owner, "owned-by")

    # -- queries -------------------------------------------------------------------------

    def _out(self, node: str, relation: str) -> list[str]:
        return sorted(t for _, t, k in self.g.out_edges(node, keys=True) if k == relation)

    def _in(self, node: str, relation: str) -> list[str]:
        return sorted(s for s, _, k in self.g.in_edges(node, keys=True) if k == relation)

    def nodes_of_kind(self, kind: str) -> list[str]:
        return sorted(n for n, data in self.g.nodes(data=True) if data["kind"] == kind)

    def stages_of(self, journey: str) -> list[str]:
        """Stages of a journey, in journey order."""
        stages = self._out(node_key("journey", journey), "has-stage")
        return sorted(stages, key=lambda n: self.g.nodes[n]["order"])

    def steps_of(self, stage: str) -> list[str]:
        """Steps of a stage node, in journey order."""
        return sorted(self._out(stage, "has-step"), key=self._step_rank.__getitem__)

    @functools.cached_property
    def _step_rank(self) -> dict[str, int]:
        """Position of every step in journey order (the graph is not changed after it is
        built, so the order is computed once)."""
        steps = self.nodes_of_kind("step")
        return {n: i for i, n in enumerate(nx.topological_sort(self.g.subgraph(steps)))}

    def touchpoints_of(self, step: str) -> list[str]:
        return self._out(step, "uses")

    def services_of_journey(self, journey: str) -> list[str]:
        """Services a journey uses through the touchpoints of its steps."""
        services = {s for stage in self.stages_of(journey) for step in self.steps_of(stage)
                    for tp in self.touchpoints_of(step) for s in self._out(tp, "of-service")}
        return sorted(services)

    def provider_of(self, service: str) -> str:
        return self._out(service, "provided-by")[0]

    def providers_of_pain(self, pain: str) -> list[str]:
        """Providers a pain point touches: through its step's touchpoints and its services."""
        return sorted({self.provider_of(s) for s in self.services_of_pain(pain)})

    def services_of_pain(self, pain: str) -> list[str]:
        hurt = self._out(pain, "hurts")
        direct = {n for n in hurt if self.g.nodes[n]["kind"] == "service"}
        via_steps = {s for n in hurt if self.g.nodes[n]["kind"] == "step"
                     for tp in self.touchpoints_of(n) for s in self._out(tp, "of-service")}
        return sorted(direct | via_steps)

    def journeys_using(self, service: str) -> list[str]:
        return sorted(j for j in self.nodes_of_kind("journey")
                      if service in self.services_of_journey(self.g.nodes[j]["id"]))

    def personas_of(self, journey: str) -> list[str]:
        return self._in(node_key("journey", journey), "walks")

    def journeys_walked_by(self, persona: str) -> list[str]:
        """Ids of the journeys a persona walks, sorted."""
        return [self.g.nodes[j]["id"] for j in self._out(node_key("persona", persona), "walks")]

    def pain_points_of(self, step: str) -> list[str]:
        return self._in(step, "hurts")

    def proposals_for(self, pain: str) -> list[str]:
        return self._in(pain, "addresses")

    # -- output --------------------------------------------------------------------------

    def to_node_link(self) -> dict[str, object]:
        """Node-link data with nodes and links sorted, so equal graphs give equal JSON."""
        nodes = [{"key": n, **_plain(self.g.nodes[n])} for n in sorted(self.g.nodes)]
        links = [{"source": s, "target": t, "relation": k}
                 for s, t, k in sorted(self.g.edges(keys=True))]
        return {"directed": True, "multigraph": True, "nodes": nodes, "links": links}

    def to_json(self) -> str:
        return json.dumps(self.to_node_link(), ensure_ascii=False, indent=2, sort_keys=True)


def workspace_graph(root: Path) -> JourneyGraph:
    """The graph of the valid workspace at ``root`` (errors raise
    :class:`~toolkit.errors.ContentErrors`): what `teekond graph` prints."""
    return JourneyGraph.from_index(Index(validated(root).workspace))


def _plain(attrs: dict[str, object]) -> dict[str, object]:
    return {k: (dict(v) if isinstance(v, dict) else v) for k, v in sorted(attrs.items())}

