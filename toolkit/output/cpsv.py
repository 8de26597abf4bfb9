"""The workspace's services as CPSV-AP 3.2 linked data (`teekond export cpsv`).

CPSV-AP is the EU's application profile for describing public services (SEMIC,
https://semiceu.github.io/CPSV-AP/releases/3.2.0/). docs/exports.md says which YAML field
becomes which property; in short:

- every service whose provider is a **public organisation** (level ``state`` or ``kov``) is
  a ``cpsv:PublicService`` with ``dct:identifier`` (its id), ``dct:title`` and
  ``dct:description`` in each language, ``dct:language``, ``dct:spatial`` (the KOVs where
  it is available, else its KOV, else Estonia), ``adms:status`` and
  ``cv:hasCompetentAuthority`` (its provider, a ``cv:PublicOrganisation``). Services of
  NGOs, international organisations and employers are left out (:func:`left_out`):
  CPSV-AP requires a public competent authority, and inventing one would be false.
- a service without a description in the YAML gets one made of facts only: its name and
  its provider (:func:`made_description`), because CPSV-AP requires a description.
- each **touchpoint** of a service is a ``cv:Channel`` (``dct:type`` its channel kind); a
  channel the service lists without a touchpoint is a channel of its own.
- journeys become **life events** by their target group (:data:`LIFE_EVENTS`): newcomers
  are *moving to Estonia*, returnees *returning to Estonia*. People of the
  ``other-background`` group are long settled: their journey is no life event, so it
  groups no service.

IRIs are ``urn:teekond:<kind>:<id>`` (:data:`BASE`), stable as long as the ids are;
Estonia and the languages are the EU Publications Office's authority IRIs. The graph holds
no blank nodes, so the Turtle writer (which sorts) and the JSON-LD writer here (sorted
keys, sorted nodes and values) give the same bytes for the same workspace.
"""

from __future__ import annotations

import json

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from ..graph.index import Index
from ..i18n import translator
from ..load.model import Service, Text, Touchpoint

BASE = "urn:teekond:"
"""Prefix of every IRI teekond makes: ``urn:teekond:service:ppa-residence-permit``."""
CPSV = Namespace("http://purl.org/vocab/cpsv#")
CV = Namespace("http://data.europa.eu/m8g/")
ADMS = Namespace("http://www.w3.org/ns/adms#")
ESTONIA = URIRef("http://publications.europa.eu/resource/authority/country/EST")
LANGUAGE_IRIS = {
    code: URIRef(f"http://publications.europa.eu/resource/authority/language/{eu}")
    for code, eu in {"et": "EST", "en": "ENG", "ru": "RUS", "uk": "UKR"}.items()}
ATU = URIRef("http://data.europa.eu/88u/dataset/atu-type")
"""The class CPSV-AP 3.2's shapes ask of a public organisation's ``dct:spatial``."""
PUBLIC_LEVELS = ("state", "kov")

LIFE_EVENTS: dict[str, tuple[str, dict[str, str]]] = {
    "newcomer": ("moving-to-estonia",
                 {"et": "Eestisse elama asumine", "en": "Moving to Estonia"}),
    "returnee": ("returning-to-estonia",
                 {"et": "Eestisse tagasipöördumine", "en": "Returning to Estonia"}),
}
"""Target group -> (life event id, its name). ``other-background`` has none (see above)."""
PREFIXES = {"cpsv": CPSV, "cv": CV, "dct": DCTERMS, "skos": SKOS, "adms": ADMS}


def iri(kind: str, ident: str) -> URIRef:
    return URIRef(f"{BASE}{kind}:{ident}")


def left_out(ix: Index) -> list[str]:
    """Ids of the services that are not public services (their provider is not public)."""
    return sorted(s.id for s in ix.services.values()
                  if ix.providers[s.provider].level not in PUBLIC_LEVELS)


def cpsv_graph(ix: Index, langs: list[str]) -> Graph:
    """The public services of ``ix`` with texts in ``langs``."""
    g = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    out = set(left_out(ix))
    for service in sorted(ix.services.values(), key=lambda s: s.id):
        if service.id not in out:
            _service(g, ix, service, langs)
    return g


def _texts(g: Graph, node: URIRef, prop: URIRef, text: Text | None, langs: list[str]) -> None:
    for lang in langs:
        if text and text.get(lang):
            g.add((node, prop, Literal(text[lang], lang=lang)))


def _service(g: Graph, ix: Index, service: Service, langs: list[str]) -> None:
    node = iri("service", service.id)
    g.add((node, RDF.type, CPSV.PublicService))
    g.add((node, DCTERMS.identifier, Literal(service.id)))
    _texts(g, node, DCTERMS.title, service.name, langs)
    description = service.description or made_description(ix, service, langs)
    _texts(g, node, DCTERMS.description, description, langs)
    for lang in service.languages:
        g.add((node, DCTERMS.language, _language(g, lang)))
    g.add((node, CV.hasCompetentAuthority, _organisation(g, ix, service.provider, langs)))
    kovs = (service.availability.kovs if service.availability else []) or (
        [service.provider] if ix.providers[service.provider].level == "kov" else [])
    for place in [_place(g, ix, k, langs) for k in kovs] or [_place(g, ix, None, langs)]:
        g.add((node, DCTERMS.spatial, place))
    status = iri("status", service.status)
    g.add((status, RDF.type, SKOS.Concept))
    g.add((status, SKOS.prefLabel, Literal(service.status, lang="en")))
    g.add((node, ADMS.status, status))
    for channel in _channels(g, ix, service, langs):
        g.add((node, CV.hasChannel, channel))
    for journey in sorted(ix.journeys_of_service.get(service.id, ())):
        event = _life_event(g, ix.journeys[journey].target_group, langs)
        if event is not None:
            g.add((node, CV.isGroupedBy, event))
            g.add((event, CV.hasRelatedService, node))


def made_description(ix: Index, service: Service, langs: list[str]) -> Text:
    """The description of a service that has none in the YAML: its name and provider."""
    provider = ix.providers[service.provider].name
    return Text({lang: translator(lang).gettext("%(service)s, a service of %(provider)s.") % {
        "service": service.name.get_lang(lang), "provider": provider.get_lang(lang)}
        for lang in langs})


def _language(g: Graph, code: str) -> URIRef:
    node = LANGUAGE_IRIS.get(code, iri("language", code))
    g.add((node, RDF.type, DCTERMS.LinguisticSystem))
    return node


def _organisation(g: Graph, ix: Index, ident: str, langs: list[str]) -> URIRef:
    node = iri("organisation", ident)
    provider = ix.providers[ident]
    g.add((node, RDF.type, CV.PublicOrganisation))
    g.add((node, DCTERMS.identifier, Literal(ident)))
    _texts(g, node, SKOS.prefLabel, provider.name, langs)
    area = ident if provider.level == "kov" else None
    g.add((node, DCTERMS.spatial, _place(g, ix, area, langs)))
    return node


def _place(g: Graph, ix: Index, kov: str | None, langs: list[str]) -> URIRef:
    """A KOV's area, or Estonia (``kov=None``)."""
    node = iri("place", kov) if kov else ESTONIA
    g.add((node, RDF.type, DCTERMS.Location))
    g.add((node, RDF.type, ATU))
    if kov:
        _texts(g, node, SKOS.prefLabel, ix.providers[kov].name, langs)
    else:
        _texts(g, node, SKOS.prefLabel, Text({"et": "Eesti", "en": "Estonia"}), langs)
    return node


def _channels(g: Graph, ix: Index, service: Service, langs: list[str]) -> list[URIRef]:
    touchpoints = sorted((t for t in ix.touchpoints.values() if t.service == service.id),
                         key=lambda t: t.id)
    found = [_touchpoint(g, t, langs) for t in touchpoints]
    covered = {t.channel for t in touchpoints}
    for kind in sorted(set(service.channels) - covered):
        ident = f"{service.id}:{kind}"
        node = iri("channel", ident)
        g.add((node, RDF.type, CV.Channel))
        g.add((node, DCTERMS.identifier, Literal(ident)))
        g.add((node, DCTERMS.type, _channel_type(g, kind)))
        found.append(node)
    return found


def _touchpoint(g: Graph, touchpoint: Touchpoint, langs: list[str]) -> URIRef:
    node = iri("channel", touchpoint.id)
    g.add((node, RDF.type, CV.Channel))
    g.add((node, DCTERMS.identifier, Literal(touchpoint.id)))
    _texts(g, node, DCTERMS.title, touchpoint.name, langs)
    _texts(g, node, DCTERMS.description, touchpoint.description, langs)
    g.add((node, DCTERMS.type, _channel_type(g, touchpoint.channel)))
    return node


def _channel_type(g: Graph, kind: str) -> URIRef:
    node = iri("channel-type", kind)
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, SKOS.prefLabel, Literal(kind, lang="en")))
    return node


def _life_event(g: Graph, target_group: str, langs: list[str]) -> URIRef | None:
    if target_group not in LIFE_EVENTS:
        return None
    ident, names = LIFE_EVENTS[target_group]
    node = iri("life-event", ident)
    g.add((node, RDF.type, CV.LifeEvent))
    g.add((node, RDF.type, CV.Event))  # the Event shape applies (no inference needed)
    g.add((node, DCTERMS.identifier, Literal(ident)))
    _texts(g, node, DCTERMS.title, Text(names), langs)
    return node


def serialise(g: Graph, fmt: str) -> str:
    """Turtle (rdflib's writer sorts subjects and properties) or JSON-LD (expanded form,
    nodes by ``@id``, values sorted, keys sorted)."""
    if fmt == "ttl":
        return g.serialize(format="turtle")
    nodes = json.loads(g.serialize(format="json-ld"))
    for node in nodes:
        for values in node.values():
            if isinstance(values, list):
                values.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    nodes.sort(key=lambda n: n["@id"])
    return json.dumps(nodes, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
