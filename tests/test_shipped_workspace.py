"""The shipped workspace is the product's real content: it must validate and cover what
the programme maps (three target groups, eight partner KOVs, evidence on everything)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from toolkit.check.validate import validate
from toolkit.load.model import FILE_KINDS
from toolkit.site.schemas import schema_of

from .conftest import ROOT

PARTNER_KOVS = {"tartu", "tallinn", "rakvere", "saaremaa", "parnu", "haapsalu", "johvi",
                "kohtla-jarve"}
SCHEMA_OF_FOLDER = {"journeys": "journey", "personas": "persona", "touchpoints": "catalogue"}


@pytest.fixture(scope="module")
def shipped():
    return validate(ROOT)


def test_shipped_workspace_has_no_errors(shipped) -> None:
    assert [d.to_text() for d in shipped.errors] == []


def test_three_journeys_one_per_target_group_with_eight_stages(shipped) -> None:
    journeys = shipped.workspace.journeys
    assert sorted(j.target_group for j in journeys) == ["newcomer", "other-background",
                                                        "returnee"]
    for journey in journeys:
        assert len(journey.stages) >= 8, journey.id
        assert all(stage.steps for stage in journey.stages)


def test_two_personas_per_target_group(shipped) -> None:
    groups = Counter(p.target_group for p in shipped.workspace.personas)
    assert set(groups) == {"newcomer", "other-background", "returnee"}
    assert min(groups.values()) >= 2


def test_every_partner_kov_is_in_the_catalogue_with_partner_data(shipped) -> None:
    kovs = {p.id: p for p in shipped.workspace.providers() if p.level == "kov"}
    assert PARTNER_KOVS <= set(kovs)
    assert all(kovs[k].partner is not None for k in PARTNER_KOVS)


def test_journeys_touch_state_kov_and_ngo_providers(shipped) -> None:
    ws = shipped.workspace
    level = {p.id: p.level for p in ws.providers()}
    provider_of = {s.id: s.provider for s in ws.services()}
    service_of = {t.id: t.service for t in ws.touchpoints()}
    for journey in ws.journeys:
        levels = {level[provider_of[service_of[tp]]] for stage in journey.stages
                  for step in stage.steps for tp in step.touchpoints}
        assert {"state", "kov", "ngo"} <= levels, journey.id


def test_every_step_scores_every_walking_persona(shipped) -> None:
    for journey in shipped.workspace.journeys:
        for stage in journey.stages:
            for step in stage.steps:
                assert set(step.emotion) == set(journey.personas), (journey.id, step.id)


def test_schemas_in_the_repository_are_current() -> None:
    for kind in FILE_KINDS:
        committed = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text("utf-8"))
        assert committed == schema_of(kind), f"run: teekond schema (schemas/{kind})"


def test_every_content_file_names_its_schema() -> None:
    assert (ROOT / "teekond.yaml").read_text("utf-8").startswith(
        "# yaml-language-server: $schema=schemas/workspace.schema.json\n")
    for folder, kind in SCHEMA_OF_FOLDER.items():
        for path in sorted((ROOT / folder).glob("*.yaml")):
            first = path.read_text("utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json", path
