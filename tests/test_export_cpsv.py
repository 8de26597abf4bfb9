"""`teekond export cpsv`: the shipped workspace's services conform to SEMIC's CPSV-AP 3.2
SHACL shapes (vendored in tests/vendor/cpsv-ap/, see VENDORED.md), a broken export does
not, the mapping says what docs/exports.md says, and the bytes never change by chance."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, SH

from toolkit.check.validate import validated
from toolkit.cli import main
from toolkit.graph.index import Index
from toolkit.site.exports import export_cpsv

TESTS = Path(__file__).parent
ROOT = TESTS.parent
SHAPES = TESTS / "vendor" / "cpsv-ap" / "cpsv-ap-SHACL.ttl"
HOSTILE = TESTS / "fixtures" / "hostile"
CV = Namespace("http://data.europa.eu/m8g/")
CPSV = Namespace("http://purl.org/vocab/cpsv#")
FORMATS = {"ttl": "turtle", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@pytest.fixture(scope="module")
def exported() -> dict[str, Graph]:
    return {fmt: Graph().parse(data=export_cpsv(ROOT, fmt)[0], format=parser)
            for fmt, parser in FORMATS.items()}


def public_services() -> set[str]:
    """The services of the shipped workspace whose provider is a state agency or a KOV."""
    ix = Index(validated(ROOT).workspace)
    return {s.id for s in ix.services.values()
            if ix.providers[s.provider].level in ("state", "kov")}


def violations(data: Graph, shapes: Graph) -> list[tuple[str, str, str]]:
    """(focus node, path, message) of every SHACL result, sorted."""
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none")
    found = sorted((str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath)),
                    str(report.value(r, SH.resultMessage)))
                   for r in report.subjects(RDF.type, SH.ValidationResult))
    assert conforms == (not found)
    return found


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_shipped_services_conform_to_cpsv_ap(fmt: str, exported: dict[str, Graph],
                                                   shapes: Graph) -> None:
    graph = exported[fmt]
    services = {str(s) for s in graph.subjects(RDF.type, CPSV.PublicService)}
    assert services == {f"urn:teekond:service:{s}" for s in public_services()}
    assert violations(graph, shapes) == []


def test_a_service_without_a_title_is_a_violation(exported: dict[str, Graph],
                                                   shapes: Graph) -> None:
    broken = Graph() + exported["ttl"]
    service = URIRef("urn:teekond:service:ppa-residence-permit")
    broken.remove((service, DCTERMS.title, None))
    broken.remove((URIRef("urn:teekond:organisation:ppa"), DCTERMS.spatial, None))
    found = violations(broken, shapes)
    assert [(focus, path) for focus, path, _ in found] == [
        ("urn:teekond:organisation:ppa", str(DCTERMS.spatial)),
        (str(service), str(DCTERMS.title))]


def test_turtle_and_json_ld_say_the_same(exported: dict[str, Graph]) -> None:
    assert isomorphic(exported["ttl"], exported["jsonld"])


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_same_workspace_gives_the_same_bytes(fmt: str) -> None:
    assert export_cpsv(ROOT, fmt) == export_cpsv(ROOT, fmt)


def test_the_mapping(exported: dict[str, Graph]) -> None:
    g = exported["ttl"]
    service = URIRef("urn:teekond:service:ppa-residence-permit")
    ppa = URIRef("urn:teekond:organisation:ppa")
    assert g.value(service, CV.hasCompetentAuthority) == ppa
    assert (ppa, RDF.type, CV.PublicOrganisation) in g
    assert g.value(service, DCTERMS.identifier) == Literal("ppa-residence-permit")
    assert {t.language for t in g.objects(service, DCTERMS.title)} == {"et", "en"}
    moving = URIRef("urn:teekond:life-event:moving-to-estonia")
    returning = URIRef("urn:teekond:life-event:returning-to-estonia")
    assert (service, CV.isGroupedBy, moving) in g
    assert (moving, CV.hasRelatedService, service) in g
    assert set(g.subjects(RDF.type, CV.LifeEvent)) == {moving, returning}
    # A touchpoint of the service is one of its channels, typed by its channel kind.
    channels = set(g.objects(service, CV.hasChannel))
    assert channels and all((c, RDF.type, CV.Channel) in g for c in channels)
    # No description in the YAML: one made of its name and provider.
    made = URIRef("urn:teekond:service:ppa-international-protection")
    assert Literal("Applying for international or temporary protection, a service of Police "
                   "and Border Guard Board.",
                   lang="en") in set(g.objects(made, DCTERMS.description))


def test_services_of_public_organisations_only() -> None:
    text, left_out = export_cpsv(ROOT, "ttl")
    assert "pagulasabi-support-person" in left_out and "employers-onboarding" in left_out
    assert not set(left_out) & public_services()
    assert set(left_out) | public_services() == set(Index(validated(ROOT).workspace).services)
    assert "urn:teekond:service:pagulasabi-support-person" not in text


def test_one_language() -> None:
    graph = Graph().parse(data=export_cpsv(ROOT, "ttl", "en")[0], format="turtle")
    langs = {o.language for o in graph.objects() if isinstance(o, Literal) and o.language}
    assert langs == {"en"}


def test_hostile_text_survives_both_formats(shapes: Graph) -> None:
    for fmt, parser in FORMATS.items():
        graph = Graph().parse(data=export_cpsv(HOSTILE, fmt)[0], format=parser)
        names = {str(o) for o in graph.objects(None, DCTERMS.title)}
        assert '<a href="javascript:alert(1)">Residence permit</a>' in names
        assert violations(graph, shapes) == []


def test_cli_writes_the_file_and_names_what_it_left_out(tmp_path: Path) -> None:
    out = tmp_path / "services.ttl"
    result = CliRunner().invoke(main, ["export", "cpsv", str(ROOT), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == export_cpsv(ROOT, "ttl")[0]
    left_out = export_cpsv(ROOT, "ttl")[1]
    assert (f"left out {len(left_out)} services not run by a public organisation: "
            f"{', '.join(left_out)}") in result.stderr


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_bytes_do_not_depend_on_hash_seeds(fmt: str) -> None:
    """Sets and dicts inside rdflib iterate in hash order; the writers sort."""
    import os
    import subprocess
    import sys

    outputs = {subprocess.run(
        [sys.executable, "-m", "toolkit", "export", "cpsv", str(ROOT), "--format", fmt, "-q"],
        check=True, capture_output=True, text=True,
        env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(outputs) == 1 and next(iter(outputs)) == export_cpsv(ROOT, fmt)[0]
