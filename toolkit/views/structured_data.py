"""schema.org ``GovernmentService`` JSON-LD of the services a journey uses, for the
``<script type="application/ld+json">`` of its map page (search engines read it).

One object per service the journey's steps use (by id): name, description, identifier,
provider (``GovernmentOrganization`` for a state agency or KOV, else ``Organization``),
area served (the KOVs it is available in or its KOV as ``AdministrativeArea``, else
Estonia as ``Country``), available channels (its touchpoints as ``ServiceChannel``) and
service type (its tags). The text is JSON with ``<``, ``>`` and ``&`` written as
``\\u003c``, ``\\u003e``, ``\\u0026``: no text from the YAML can close the script element
or open a comment, and the JSON still reads the same.
"""

from __future__ import annotations

import json

from ..load.model import Service
from .base import ViewContext

PUBLIC_LEVELS = ("state", "kov")
ESTONIA = {"et": "Eesti", "en": "Estonia"}
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_json(data: object) -> str:
    """``data`` as JSON that is safe inside an HTML ``<script>`` element, keys sorted."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).translate(
        _SCRIPT_SAFE)


def journey_services_jsonld(ctx: ViewContext, journey: str) -> str:
    """The JSON-LD of the services journey ``journey`` uses ('' if it uses none)."""
    services = ctx.analysis.journey(journey).services
    if not services:
        return ""
    graph = [_service(ctx, ctx.index.services[s]) for s in services]
    return script_json({"@context": "https://schema.org", "@graph": graph})


def _service(ctx: ViewContext, service: Service) -> dict[str, object]:
    ix = ctx.index
    provider = ix.providers[service.provider]
    kovs = (service.availability.kovs if service.availability else []) or (
        [provider.id] if provider.level == "kov" else [])
    found: dict[str, object] = {
        "@type": "GovernmentService",
        "identifier": service.id,
        "name": ctx.text(service.name),
        "provider": {"@type": "GovernmentOrganization" if provider.level in PUBLIC_LEVELS
                     else "Organization", "name": ctx.text(provider.name)},
        "areaServed": [{"@type": "AdministrativeArea", "name": ctx.name_of(k)} for k in kovs]
        or [{"@type": "Country", "name": ESTONIA.get(ctx.lang, ESTONIA["en"])}],
        "availableChannel": [{"@type": "ServiceChannel", "name": ctx.text(t.name)}
                             for t in sorted(ix.touchpoints.values(), key=lambda t: t.id)
                             if t.service == service.id],
    }
    if service.description:
        found["description"] = ctx.text(service.description)
    if service.tags:
        found["serviceType"] = list(service.tags)
    return found
