"""The workspace graph: queries named after what designers ask, and deterministic JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from toolkit.check.validate import validate
from toolkit.graph.network import RELATIONS, JourneyGraph, node_key

from .conftest import TINY


def graph_of(root: Path) -> JourneyGraph:
    result = validate(root)
    assert result.errors == [], result.errors
    return JourneyGraph.from_workspace(result.workspace)


@pytest.fixture(scope="module")
def tiny_graph() -> JourneyGraph:
    return graph_of(TINY)


# A second journey whose stage and step order is NOT alphabetical, so that order queries
# cannot pass by sorting names. "zz-" keeps its file after newcomer.yaml.
SECOND = """\
id: second
title: {et: Teine teekond, en: Second journey}
target_group: newcomer
personas: [anna]
stages:
  - id: zeta
    name: {et: Esimene, en: First}
    steps:
      - id: z-step
        name: {et: Z, en: Z}
        touchpoints: [registration-desk]
        emotion: {anna: 0}
      - id: a-step
        name: {et: A, en: A}
        touchpoints: [permit-web, registration-desk]
        emotion: {anna: -2}
        pain_points:
          - id: queue-too-long
            title: {et: Järjekord, en: Queue}
            kind: capacity
            perspective: target-group
            severity: 3
            services: [residence-registration]
            evidence:
              - {source: general-knowledge, status: assumed}
          - id: web-only-estonian
            title: {et: Ainult eesti keeles, en: Estonian only}
            kind: language
            perspective: target-group
            severity: 2
            evidence:
              - {source: general-knowledge, status: assumed}
      - id: m-step
        name: {et: M, en: M}
        touchpoints: []
        emotion: {anna: 1}
  - id: alpha
    name: {et: Teine, en: Second}
    steps:
      - id: b-step
        name: {et: B, en: B}
        touchpoints: [permit-web]
        emotion: {anna: 2}
  - id: middle
    name: {et: Kolmas, en: Third}
    steps:
      - id: c-step
        name: {et: C, en: C}
        touchpoints: [registration-desk]
        emotion: {anna: 0}
proposals:
  - id: more-staff
    title: {et: Rohkem töötajaid, en: More staff}
    addresses: [queue-too-long]
    owner: kov
    evidence:
      - {source: general-knowledge, status: assumed}
  - id: translate
    title: {et: Tõlgi, en: Translate}
    addresses: [web-only-estonian, queue-too-long]
    owner: tartu
    evidence:
      - {source: general-knowledge, status: assumed}
"""


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> JourneyGraph:
    root = Path(shutil.copytree(TINY, tmp_path_factory.mktemp("rich") / "ws"))
    (root / "journeys" / "zz-second.yaml").write_text(SECOND, encoding="utf-8")
    return graph_of(root)


# -- queries on the tiny workspace ------------------------------------------------------

def test_stages_of(tiny_graph: JourneyGraph) -> None:
    assert tiny_graph.stages_of("newcomer") == ["stage:newcomer/arrival",
                                                "stage:newcomer/registration"]


def test_steps_of(tiny_graph: JourneyGraph) -> None:
    assert tiny_graph.steps_of("stage:newcomer/arrival") == ["step:newcomer/apply-permit"]
    assert tiny_graph.steps_of("stage:newcomer/registration") == [
        "step:newcomer/register-residence"]


def test_touchpoints_of(tiny_graph: JourneyGraph) -> None:
    assert tiny_graph.touchpoints_of("step:newcomer/apply-permit") == ["touchpoint:permit-web"]
    assert tiny_graph.touchpoints_of("step:newcomer/register-residence") == [
        "touchpoint:registration-desk"]


def test_services_of_journey(tiny_graph: JourneyGraph) -> None:
    assert tiny_graph.services_of_journey("newcomer") == [
        "service:residence-permit", "service:residence-registration"]


def test_provider_of(tiny_graph: JourneyGraph) -> None:
    assert tiny_graph.provider_of("service:residence-permit") == "provider:ppa"
    assert tiny_graph.provider_of("service:residence-registration") == "provider:tartu"


def test_pain_point_queries(tiny_graph: JourneyGraph) -> None:
    pain = "pain:permit-info-hard-to-find"
    assert tiny_graph.services_of_pain(pain) == ["service:residence-permit"]
    assert tiny_graph.providers_of_pain(pain) == ["provider:ppa"]
    assert tiny_graph.pain_points_of("step:newcomer/apply-permit") == [pain]
    assert tiny_graph.pain_points_of("step:newcomer/register-residence") == []
    assert tiny_graph.proposals_for(pain) == ["proposal:permit-guide"]


def test_journeys_using(tiny_graph: JourneyGraph) -> None:
    assert tiny_graph.journeys_using("service:residence-permit") == ["journey:newcomer"]
    assert tiny_graph.journeys_using("service:residence-registration") == ["journey:newcomer"]


def test_personas_of(tiny_graph: JourneyGraph) -> None:
    assert tiny_graph.personas_of("newcomer") == ["persona:anna"]


def test_nodes_carry_kind_id_and_label_in_the_default_language(
        tiny_graph: JourneyGraph) -> None:
    g = tiny_graph.g
    assert g.nodes["journey:newcomer"]["label"] == "Uussisserändaja teekond"
    assert g.nodes["persona:anna"]["label"] == "Anna"
    assert g.nodes["step:newcomer/apply-permit"]["emotion"] == {"anna": -1}
    assert g.nodes["stage:newcomer/registration"]["order"] == 1
    assert g.nodes["pain:permit-info-hard-to-find"]["severity"] == 2
    for key, data in g.nodes(data=True):
        assert key == node_key(data["kind"], data["id"])
        assert data["label"]


def test_ownership_and_practice_edges(tiny_graph: JourneyGraph) -> None:
    g = tiny_graph.g
    assert g.has_edge("proposal:permit-guide", "provider:ppa", key="owned-by")
    assert g.has_edge("practice:one-stop-shop", "step:newcomer/register-residence",
                      key="works-at")
    assert g.has_edge("persona:anna", "journey:newcomer", key="walks")
    assert g.has_edge("stage:newcomer/arrival", "stage:newcomer/registration", key="next")
    assert g.has_edge("step:newcomer/apply-permit", "step:newcomer/register-residence",
                      key="next")


# -- queries where order and multiplicity matter -----------------------------------------

def test_stages_in_journey_order_not_name_order(rich: JourneyGraph) -> None:
    assert rich.stages_of("second") == ["stage:second/zeta", "stage:second/alpha",
                                        "stage:second/middle"]


def test_steps_in_journey_order_not_name_order(rich: JourneyGraph) -> None:
    assert rich.steps_of("stage:second/zeta") == [
        "step:second/z-step", "step:second/a-step", "step:second/m-step"]
    assert rich.steps_of("stage:second/alpha") == ["step:second/b-step"]
    # the first journey is not disturbed by the second
    assert rich.steps_of("stage:newcomer/arrival") == ["step:newcomer/apply-permit"]


def test_rich_touchpoints_services_and_pains(rich: JourneyGraph) -> None:
    assert rich.touchpoints_of("step:second/a-step") == [
        "touchpoint:permit-web", "touchpoint:registration-desk"]
    assert rich.touchpoints_of("step:second/m-step") == []
    assert rich.pain_points_of("step:second/a-step") == [
        "pain:queue-too-long", "pain:web-only-estonian"]
    assert rich.services_of_pain("pain:web-only-estonian") == [
        "service:residence-permit", "service:residence-registration"]
    assert rich.providers_of_pain("pain:queue-too-long") == ["provider:ppa",
                                                             "provider:tartu"]
    assert rich.proposals_for("pain:queue-too-long") == ["proposal:more-staff",
                                                         "proposal:translate"]
    assert rich.proposals_for("pain:web-only-estonian") == ["proposal:translate"]


def test_direct_service_of_a_pain_point_counts(rich: JourneyGraph) -> None:
    assert rich.g.has_edge("pain:queue-too-long", "service:residence-registration",
                           key="hurts")


def test_rich_journeys_using_and_personas(rich: JourneyGraph) -> None:
    assert rich.journeys_using("service:residence-permit") == ["journey:newcomer",
                                                               "journey:second"]
    assert rich.services_of_journey("second") == ["service:residence-permit",
                                                  "service:residence-registration"]
    assert rich.personas_of("second") == ["persona:anna"]


def test_owner_may_be_a_stakeholder_group(rich: JourneyGraph) -> None:
    assert rich.g.has_edge("proposal:more-staff", "group:kov", key="owned-by")
    assert rich.g.has_edge("proposal:translate", "provider:tartu", key="owned-by")


# -- output ------------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["tiny_graph", "rich"])
def test_node_link_is_sorted_and_relations_are_known(which: str,
                                                     request: pytest.FixtureRequest) -> None:
    graph: JourneyGraph = request.getfixturevalue(which)
    data = graph.to_node_link()
    assert data["directed"] is True and data["multigraph"] is True
    keys = [n["key"] for n in data["nodes"]]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    links = [(link["source"], link["target"], link["relation"]) for link in data["links"]]
    assert links == sorted(links)
    assert {r for _, _, r in links} <= set(RELATIONS)
    assert set(keys) == set(graph.g.nodes)
    assert len(links) == graph.g.number_of_edges()
    for source, target, _ in links:
        assert source in keys and target in keys
    for node in data["nodes"]:
        names = list(node)
        assert names[0] == "key" and names[1:] == sorted(names[1:])


def test_json_is_the_node_link_data_with_sorted_keys(tiny_graph: JourneyGraph) -> None:
    text = tiny_graph.to_json()
    assert json.loads(text) == tiny_graph.to_node_link()
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True)
    assert "Uussisserändaja" in text  # not escaped


def test_equal_workspaces_give_equal_json(tmp_path: Path) -> None:
    a = Path(shutil.copytree(TINY, tmp_path / "a"))
    b = Path(shutil.copytree(TINY, tmp_path / "b"))
    # the same content, declared in another order inside the catalogue
    catalogue = b / "touchpoints" / "catalogue.yaml"
    text = catalogue.read_text(encoding="utf-8")
    head, touchpoints = text.split("touchpoints:\n")
    first, second = touchpoints.split("  - id: permit-web\n")
    catalogue.write_text(head + "touchpoints:\n  - id: permit-web\n" + second + first,
                         encoding="utf-8")
    assert validate(b).diagnostics == []
    assert graph_of(a).to_json() == graph_of(b).to_json()


def test_every_edge_relation_is_in_relations(rich: JourneyGraph) -> None:
    relations = {key for _, _, key in rich.g.edges(keys=True)}
    assert relations <= set(RELATIONS)
    # the rich workspace uses every relation there is
    assert relations == set(RELATIONS)


CROSS = """\
id: aaa
title: {et: A, en: A}
target_group: newcomer
personas: [anna]
stages:
  - id: s
    name: {et: S, en: S}
    steps:
      - id: t
        name: {et: T, en: T}
        touchpoints: [permit-web]
        emotion: {anna: 0}
proposals:
  - id: cross
    title: {et: X, en: X}
    addresses: [permit-info-hard-to-find]
    owner: ppa
    evidence:
      - {source: general-knowledge, status: assumed}
"""


def test_proposal_may_address_a_pain_point_of_a_later_journey(tmp_path: Path) -> None:
    root = Path(shutil.copytree(TINY, tmp_path / "ws"))
    (root / "journeys" / "aaa.yaml").write_text(CROSS, encoding="utf-8")
    graph = graph_of(root)
    assert graph.proposals_for("pain:permit-info-hard-to-find") == [
        "proposal:cross", "proposal:permit-guide"]
