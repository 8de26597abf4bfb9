"""schema.org GovernmentService JSON-LD on the journey maps (views/structured_data.py)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT, analysed
from toolkit.check.validate import validated
from toolkit.views.base import ViewContext
from toolkit.views.structured_data import journey_services_jsonld, script_json


def test_script_json_cannot_close_the_script_element() -> None:
    data = {"name": "</script><script>alert(1)</script> & <!-- x -->"}
    text = script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


@pytest.mark.parametrize("lang", ["et", "en"])
def test_the_journey_services_as_government_services(lang: str) -> None:
    ix, analysis = analysed(validated(ROOT).workspace)
    data = json.loads(journey_services_jsonld(ViewContext(ix, analysis, lang), "returnee"))
    services = data["@graph"]
    assert [s["identifier"] for s in services] == list(analysis.journey("returnee").services)
    by_id = {s["identifier"]: s for s in services}
    grant = by_id["insa-returnee-support"]
    assert grant["provider"] == {"@type": "GovernmentOrganization",
                                 "name": ix.providers["insa"].name[lang]}
    assert grant["areaServed"] == [{"@type": "Country",
                                    "name": {"et": "Eesti", "en": "Estonia"}[lang]}]
    assert all(s["@type"] == "GovernmentService" and s["name"] for s in services)
