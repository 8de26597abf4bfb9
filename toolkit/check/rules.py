"""The *validate* stage: rules across files (ids, references, completeness).

The rules on each text value (privacy, control characters) run per file as it is loaded:
see :mod:`toolkit.check.free_text`.

Each check walks the loaded :class:`~toolkit.load.workspace.Workspace` and returns diagnostics;
none of them raises on user content. The rules and their codes are listed in
:data:`toolkit.diagnostics.RULES`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from ..load.dates import known_since, last_period_end
from ..load.model import Evidence, Journey, Model, Source, Text
from ..load.paths import IMAGE_TYPES
from ..load.workspace import Workspace

KINDS = ("source", "stakeholder group", "provider", "service", "touchpoint", "persona",
         "journey", "pain point", "good practice", "proposal")


@dataclass
class Index:
    """Every id in the workspace, by kind, with the object that declares it."""

    ids: dict[str, dict[str, Model]] = field(default_factory=lambda: {k: {} for k in KINDS})
    used: set[tuple[str, str]] = field(default_factory=set)
    """(kind, id) pairs some journey, persona or proposal refers to."""

    def kovs(self) -> dict[str, Model]:
        return {i: p for i, p in self.ids["provider"].items() if getattr(p, "level", "") == "kov"}


class Checker:
    """Runs every cross-file rule over one workspace and collects the diagnostics."""

    def __init__(self, ws: Workspace, unreadable_ids: set[str] | None = None,
                 partial: bool = False, unread_kinds: set[str] | None = None) -> None:
        self.ws = ws
        self.index = Index()
        self.found: list[Diagnostic] = []
        self.unreadable_ids = unreadable_ids or set()
        """Ids declared in files that failed to load: references to them are not reported."""
        self.unread_kinds = unread_kinds or set()
        """Kinds of id declared in a file never read (a link out of the workspace): which
        ids it holds is unknown, so no reference to that kind is reported."""
        self.partial = partial
        """Some file failed to load: whole-workspace completeness warnings (unused entries,
        pain points without proposals) would be noise, so they wait for a clean load."""

    def run(self) -> list[Diagnostic]:
        self._index()
        self._catalogue()
        self._personas()
        for journey in self.ws.journeys:
            self._journey(journey)
        self._proposals()
        self._evidence()
        self._dates()
        self._translations()
        self._unused()
        return self.found

    # -- helpers -------------------------------------------------------------------------

    def report(self, obj: Model, inner: tuple[str | int, ...], code: str, message: str,
               hint: str = "", key: bool = False) -> None:
        file, line, col = self.ws.where(obj, *inner, key=key)
        self.found.append(Diagnostic(file, line, col, code, message, hint))

    def resolve(self, obj: Model, inner: tuple[str | int, ...], ref: str | None,
                *kinds: str, use: bool = True, key: bool = False,
                label: str = "") -> Model | None:
        """Look ``ref`` up among ``kinds``; report R202 with a suggestion when it is unknown.

        ``use=False`` for references inside the catalogue, which do not make an entry used."""
        if ref is None:
            return None
        for kind in kinds:
            target = self.index.ids[kind].get(ref)
            if target is not None:
                if use:
                    self.index.used.add((kind, ref))
                return target
        if ref in self.unreadable_ids or self.unread_kinds.intersection(kinds):
            return None
        names = [i for kind in kinds for i in self.index.ids[kind]]
        close = difflib.get_close_matches(ref, names, n=1, cutoff=0.6)
        what = label or " or ".join(kinds)
        hint = (f"did you mean '{close[0]}'?" if close
                else f"declare a {what} with id '{ref}', or fix the spelling")
        self.report(obj, inner, "R202", f"unknown {what} '{ref}'", hint, key=key)
        return None

    def resolve_kov(self, obj: Model, inner: tuple[str | int, ...], ref: str | None,
                    use: bool = True) -> None:
        target = self.resolve(obj, inner, ref, "provider", use=use, label="KOV")
        if target is not None and getattr(target, "level", "") != "kov":
            kovs = sorted(self.index.kovs())
            self.report(obj, inner, "R205", f"'{ref}' is a provider of level "
                        f"'{target.level}', not a KOV",  # type: ignore[attr-defined]
                        f"name a KOV: {', '.join(kovs[:8])}" if kovs else "declare the KOV")

    def declare(self, kind: str, obj: Model) -> None:
        ident: str = obj.id  # type: ignore[attr-defined]
        first = self.index.ids[kind].get(ident)
        if first is None:
            self.index.ids[kind][ident] = obj
            return
        file, line, _ = self.ws.where(first, "id")
        self.report(obj, ("id",), "R201", f"duplicate {kind} id '{ident}'",
                    f"first declared at {file}:{line}; give one of them another id")

    # -- ids -----------------------------------------------------------------------------

    def _index(self) -> None:
        settings = self.ws.settings
        if settings:
            for source in settings.sources:
                self.declare("source", source)
            for group in settings.stakeholder_groups:
                self.declare("stakeholder group", group)
        for kind, items in (("provider", self.ws.providers()), ("service", self.ws.services()),
                            ("touchpoint", self.ws.touchpoints()),
                            ("persona", self.ws.personas), ("journey", self.ws.journeys)):
            for item in items:
                self.declare(kind, item)
        for journey in self.ws.journeys:
            _unique_within(self, journey)
            for step in _steps(journey):
                for pain in step.pain_points:
                    self.declare("pain point", pain)
                for practice in step.good_practices:
                    self.declare("good practice", practice)
            for proposal in journey.proposals:
                self.declare("proposal", proposal)

    # -- catalogue and personas ----------------------------------------------------------

    def _catalogue(self) -> None:
        groups = self.index.ids["stakeholder group"]
        for provider in self.ws.providers():
            group = provider.stakeholder_group
            if group is not None:
                self.resolve(provider, ("stakeholder_group",), group, "stakeholder group",
                             use=False)
            elif groups and provider.level not in groups:
                self.report(provider, ("level",), "R202", f"no stakeholder group for level "
                            f"'{provider.level}'", "add 'stakeholder_group:' to the provider, "
                            f"or declare a group '{provider.level}' in teekond.yaml")
            if provider.partner is not None and provider.level != "kov":
                self.report(provider, ("partner",), "R205", "partner data on a provider that "
                            "is not a KOV", "set 'level: kov', or remove 'partner:'", key=True)
        for service in self.ws.services():
            self.resolve(service, ("provider",), service.provider, "provider", use=False)
            if service.availability:
                for name in ("kovs", "not_on_site"):
                    for i, ref in enumerate(getattr(service.availability, name)):
                        self.resolve_kov(service.availability, (name, i), ref, use=False)
        for touchpoint in self.ws.touchpoints():
            self.resolve(touchpoint, ("service",), touchpoint.service, "service", use=False)
            self.resolve_kov(touchpoint, ("kov",), touchpoint.kov, use=False)

    def _personas(self) -> None:
        for persona in self.ws.personas:
            self.resolve_kov(persona.background, ("kov",), persona.background.kov)
            if persona.image is not None:
                self._image(persona)

    def _image(self, persona: Model) -> None:
        image: str = persona.image  # type: ignore[attr-defined]
        root = self.ws.root.resolve()
        target = (root / image).resolve()
        if not target.is_relative_to(root):
            self.report(persona, ("image",), "R206", f"the image '{image}' lies outside the "
                        "workspace", "copy the image into the workspace, e.g. personas/images/")
        elif not target.is_file():
            self.report(persona, ("image",), "R206", f"the image '{image}' does not exist",
                        "give the path relative to the workspace folder")
        elif target.suffix.lower() not in IMAGE_TYPES:
            self.report(persona, ("image",), "R206", f"the image '{image}' is not a "
                        "PNG, JPEG, GIF, SVG or WebP file", "save the portrait as .png or .jpg")

    # -- journeys ------------------------------------------------------------------------

    def _journey(self, journey: Journey) -> None:
        self.resolve_kov(journey, ("kov",), journey.kov)
        walkers = set()
        for i, ref in enumerate(journey.personas):
            persona = self.resolve(journey, ("personas", i), ref, "persona")
            if persona is None:
                continue
            walkers.add(ref)
            group = persona.target_group  # type: ignore[attr-defined]
            if group != journey.target_group:
                self.report(journey, ("personas", i), "R203", f"persona '{ref}' belongs to "
                            f"target group '{group}', this journey to "
                            f"'{journey.target_group}'", "list personas of the journey's "
                            "target group only")
        for stage in journey.stages:
            if not stage.steps:
                self.report(stage, ("id",), "C301", f"stage '{stage.id}' has no steps",
                            "add at least one step under 'steps:', or remove the stage")
            for step in stage.steps:
                self._step(step, walkers, journey)

    def _step(self, step: Model, walkers: set[str], journey: Journey) -> None:
        s = step  # a Step; typed loosely to keep the helpers generic
        for i, ref in enumerate(s.touchpoints):  # type: ignore[attr-defined]
            self.resolve(s, ("touchpoints", i), ref, "touchpoint")
        if not s.touchpoints:  # type: ignore[attr-defined]
            self.report(s, ("id",), "C302", f"step '{s.id}' uses no touchpoint",  # type: ignore
                        "name the touchpoints the person uses here; if there is none, this is "
                        "a gap worth a pain point")
        for persona in sorted(s.emotion):  # type: ignore[attr-defined]
            if persona in walkers:
                continue
            if persona in self.index.ids["persona"]:
                self.report(s, ("emotion", persona), "R204", f"persona '{persona}' does not "
                            f"walk journey '{journey.id}'", "add the persona to the journey's "
                            "'personas:' or remove this emotion", key=True)
            else:
                self.resolve(s, ("emotion", persona), persona, "persona", key=True)
        missing = sorted(walkers - set(s.emotion))  # type: ignore[attr-defined]
        if missing:
            self.report(s, ("id",), "C309", f"step '{s.id}' scores no emotion for "  # type: ignore
                        f"{', '.join(missing)}", "add 'emotion: {persona-id: -2..2}'")
        for pain in s.pain_points:  # type: ignore[attr-defined]
            for i, ref in enumerate(pain.kovs):
                self.resolve_kov(pain, ("kovs", i), ref)
            for i, ref in enumerate(pain.services):
                self.resolve(pain, ("services", i), ref, "service")
        for practice in s.good_practices:  # type: ignore[attr-defined]
            for i, ref in enumerate(practice.kovs):
                self.resolve_kov(practice, ("kovs", i), ref)

    def _proposals(self) -> None:
        addressed: set[str] = set()
        for journey in self.ws.journeys:
            for proposal in journey.proposals:
                for i, ref in enumerate(proposal.addresses):
                    if self.resolve(proposal, ("addresses", i), ref, "pain point"):
                        addressed.add(ref)
                if proposal.owner is None:
                    self.report(proposal, ("id",), "C304", f"proposal '{proposal.id}' has no "
                                "owner", "add 'owner:' with a provider or stakeholder group id")
                self.resolve(proposal, ("owner",), proposal.owner, "provider",
                             "stakeholder group")
                for role in proposal.roles:
                    self.resolve(role, ("stakeholder",), role.stakeholder, "provider",
                                 "stakeholder group")
                self.resolve(proposal, ("service",), proposal.service, "service")
        for ident, pain in sorted(self.index.ids["pain point"].items()):
            if ident not in addressed and not self.partial:
                self.report(pain, ("id",), "C305", f"no proposal addresses pain point "
                            f"'{ident}'", "add a proposal with 'addresses: [" + ident + "]'")

    # -- evidence ------------------------------------------------------------------------

    def _evidence(self) -> None:
        for kind in ("pain point", "good practice", "proposal"):
            for ident, item in self.index.ids[kind].items():
                if not item.evidence:  # type: ignore[attr-defined]
                    self.report(item, ("id",), "C303", f"{kind} '{ident}' cites no evidence",
                                "add 'evidence:' with a source id from teekond.yaml and "
                                "'status: observed' or 'assumed'")
        for evidence in _all_of(self.ws, Evidence):
            source = self.resolve(evidence, ("source",), evidence.source, "source")
            self.resolve_kov(evidence, ("kov",), evidence.kov)
            if source is None or evidence.status != "observed":
                continue
            if source.kind == "general-knowledge":  # type: ignore[attr-defined]
                self.report(evidence, ("status",), "C308", f"evidence from '{evidence.source}' "
                            "is marked observed", "general knowledge is never an observation: "
                            "write 'status: assumed', or cite the document that observed it")
            elif source.kind == "web" and not (source.url and source.accessed):  # type: ignore
                lacks = " and ".join(name for name, value in (
                    ("no url", source.url), ("no accessed date", source.accessed))  # type: ignore
                    if not value)
                self.report(evidence, ("status",), "C312", f"evidence from web source "
                            f"'{evidence.source}' is marked observed, but the source has "
                            f"{lacks}", "give the source in teekond.yaml 'url:' and "
                            "'accessed: YYYY-MM-DD' (the day you read it), or write "
                            "'status: assumed'")
        self._background_only()

    def _background_only(self) -> None:
        """C311: an item whose observed evidence states only its background counts as
        assumed; warn when nothing in its evidence says so (no entry is assumed)."""
        for kind in EVIDENCED_KINDS:
            for ident, item in sorted(self.index.ids[kind].items()):
                entries = getattr(item, "evidence", None) or []
                observed = [e for e in entries if e.status == "observed"]
                if (observed and all(e.supports == "context" for e in observed)
                        and len(observed) == len(entries)):
                    self.report(item, ("id",), "C311", f"{kind} '{ident}' cites only its "
                                "background (supports: context), so it counts as assumed",
                                "add the claim's own evidence: an entry with 'status: "
                                "assumed' saying what is to be tested, or a source that "
                                "states the item itself")

    def _dates(self) -> None:
        """C310: an item known only after the end of every reporting period is in no
        report; say so at the date that makes it so (the evidence's ``date:``, or its
        ``source:`` when the date is the source's)."""
        last = last_period_end(self.ws.settings)
        if last is None:
            return
        sources: dict[str, Source] = self.index.ids["source"]  # type: ignore[assignment]
        for kind in ("pain point", "good practice", "proposal"):
            for ident, item in self.index.ids[kind].items():
                known = known_since(item, sources)  # type: ignore[arg-type]
                if known is None or known[0] <= last:
                    continue
                day, evidence = known
                self.report(evidence, ("date",) if evidence.date else ("source",), "C310",
                            f"{kind} '{ident}' is dated {day.isoformat()}, after every "
                            f"reporting period (the last ends {last.isoformat()})",
                            f"add a reporting period for {day.year}: "
                            f"teekond new period {day.year}")

    # -- texts ---------------------------------------------------------------------------

    def _translations(self) -> None:
        languages = self.ws.languages
        for owner, name, text in _texts(self.ws):
            missing = [lang for lang in languages if lang not in text]
            if missing:
                self.report(owner, name, "C306", f"'{name[0]}' has no {', '.join(missing)} "
                            "translation", "write it as a mapping: {" + ", ".join(
                                f"{lang}: ..." for lang in languages) + "}")

    def _unused(self) -> None:
        if self.partial:
            return
        ids, used = self.index.ids, self.index.used
        for ident, service in ids["service"].items():
            if service.audience == "kov-staff":  # type: ignore[attr-defined]
                used.add(("service", ident))  # journeys of the target groups never use these
        for ident, touchpoint in ids["touchpoint"].items():
            if ("service", touchpoint.service) in used and ids["service"].get(  # type: ignore
                    touchpoint.service).audience == "kov-staff":  # type: ignore[union-attr]
                used.add(("touchpoint", ident))
        for ident, touchpoint in ids["touchpoint"].items():
            if ("touchpoint", ident) in used:
                used.add(("service", touchpoint.service))  # type: ignore[attr-defined]
                if touchpoint.kov:  # type: ignore[attr-defined]
                    used.add(("provider", touchpoint.kov))  # type: ignore[attr-defined]
        for ident, service in ids["service"].items():
            if ("service", ident) in used:
                used.add(("provider", service.provider))  # type: ignore[attr-defined]
        for kind in ("provider", "service", "touchpoint"):
            for ident, item in sorted(self.index.ids[kind].items()):
                if (kind, ident) not in self.index.used:
                    self.report(item, ("id",), "C307", f"{kind} '{ident}' is not used by any "
                                "journey", f"use it in a journey step, or remove the {kind}")


# -- module helpers --------------------------------------------------------------------------

def _steps(journey: Journey) -> Iterator[Model]:
    for stage in journey.stages:
        yield from stage.steps


def _unique_within(checker: Checker, journey: Journey) -> None:
    """Stage ids and step ids must be unique inside one journey."""
    seen: dict[str, Model] = {}
    for stage in journey.stages:
        for item, kind in [(stage, "stage"), *((step, "step") for step in stage.steps)]:
            key = f"{kind}:{item.id}"  # type: ignore[attr-defined]
            if key in seen:
                _, line, _ = checker.ws.where(seen[key], "id")
                checker.report(item, ("id",), "R201", f"duplicate {kind} id "
                               f"'{item.id}' in journey '{journey.id}'",  # type: ignore
                               f"first used on line {line}; give one of them another id")
            else:
                seen[key] = item


EVIDENCED_KINDS = ("pain point", "good practice", "proposal", "service", "persona", "provider")
"""Kinds of item whose evidence C311 reads (each has an `evidence:` list)."""


def _all_of(ws: Workspace, kind: type[Model]) -> Iterable[Model]:
    return (obj for obj in ws.objects if isinstance(obj, kind))


def _texts(ws: Workspace) -> Iterator[tuple[Model, tuple[str | int, ...], Text]]:
    """Every localised text with the object holding it and its field path."""
    for obj in ws.objects:
        for name, is_list in type(obj).text_fields():
            value = getattr(obj, name)
            if value is None:
                continue
            if is_list:
                for i, item in enumerate(value):
                    yield obj, (name, i), item
            else:
                yield obj, (name,), value


def check_workspace(ws: Workspace, unreadable_ids: set[str] | None = None,
                    partial: bool = False,
                    unread_kinds: set[str] | None = None) -> list[Diagnostic]:
    """All cross-file diagnostics of a loaded workspace.

    ``unreadable_ids`` are the ids found in files that could not be loaded; ``partial`` says
    some file could not be loaded; ``unread_kinds`` are the kinds of id declared in files
    that were never read."""
    return Checker(ws, unreadable_ids, partial, unread_kinds).run()

