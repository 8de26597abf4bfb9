"""What changed between two versions of a workspace: the engine of the interim report.

:func:`compare` matches items by id within their kind (stages and steps within their
journey, since their ids are unique only there) and returns typed, ordered results: items
added, removed and changed (with each changed field), proposal status transitions and the
progress of the journey-model indicator. Every result carries the model objects, so a
renderer can name items in any language; nothing here is formatted for people.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, get_args

from ..load.model import (
    LANGS,
    Indicator,
    Journey,
    Model,
    ProposalStatus,
    Stage,
    Step,
    Text,
)
from ..load.workspace import Workspace
from . import kovs

Kind = Literal["journey", "stage", "step", "pain point", "good practice", "proposal",
               "persona", "provider", "service", "touchpoint"]
KINDS: tuple[Kind, ...] = get_args(Kind)
"""The kinds of item compared, in the order results are listed."""
SCOPED_KINDS = frozenset({"stage", "step"})
"""Kinds whose ids are unique only inside their journey."""
CHILD_FIELDS: dict[type[Model], frozenset[str]] = {
    Journey: frozenset({"stages", "proposals"}),
    Stage: frozenset({"steps"}),
    Step: frozenset({"pain_points", "good_practices"}),
}
"""Fields holding items that are compared on their own: a new step is an added step, not a
change of its stage."""
PIPELINE: tuple[ProposalStatus, ...] = get_args(ProposalStatus)
"""Proposal statuses in pipeline order (``rejected`` last)."""

Level = Literal["journey", "stage", "step"]
LEVELS: tuple[Level, ...] = get_args(Level)


# --- results ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    """Where an item sits: its journey, stage and step; None for the levels it is not
    inside (a journey sits in none, a stage only in its journey)."""

    journey: Journey | None = None
    stage: Stage | None = None
    step: Step | None = None

    def id(self, level: Level) -> str | None:
        """Id of the journey, stage or step; None when the item does not sit in one."""
        holder = getattr(self, level)
        return holder.id if holder is not None else None

    @property
    def ids(self) -> tuple[str, ...]:
        """e.g. ``("newcomer", "arrival", "apply-permit")`` for a pain point."""
        return tuple(i for level in LEVELS if (i := self.id(level)) is not None)

    @property
    def parent(self) -> Level | None:
        """The innermost level the item sits in (a pain point's is ``step``)."""
        levels = [level for level in LEVELS if getattr(self, level) is not None]
        return levels[-1] if levels else None


@dataclass(frozen=True)
class Item:
    """One item of one version of the workspace, with its place."""

    kind: Kind
    id: str
    item: Model
    """The journey, stage, step, pain point ... itself."""
    place: Place

    @property
    def name(self) -> Text:
        return name_of(self.item)

    @property
    def sort_key(self) -> tuple[int, str, str]:
        scope = self.place.id("journey") if self.kind in SCOPED_KINDS else None
        return KINDS.index(self.kind), scope or "", self.id


class Added(Item):
    """An item only the later version has; ``place`` is in the later version."""


class Removed(Item):
    """An item only the earlier version has; ``place`` is in the earlier version."""


@dataclass(frozen=True)
class FieldChange:
    """One field of an item that differs between the versions.

    ``what`` is ``value`` (``old`` -> ``new``), ``text`` (localised text: ``languages``
    says which translations changed, ``old`` and ``new`` are None) or ``moved`` (the item
    went to another journey, stage or step: ``field`` is that level, ``old`` and ``new``
    its ids). Fields of a nested object are dotted, e.g. ``partner.journey_model_since``."""

    field: str
    what: Literal["value", "text", "moved"]
    old: Any = None
    new: Any = None
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Changed:
    """An item both versions have, with the fields that differ."""

    kind: Kind
    id: str
    before: Model
    after: Model
    place: Place
    """Where it sits now."""
    before_place: Place
    fields: tuple[FieldChange, ...]

    @property
    def name(self) -> Text:
        return name_of(self.after)

    @property
    def moved(self) -> bool:
        return any(f.what == "moved" for f in self.fields)

    def field(self, name: str) -> FieldChange | None:
        """The change of field ``name``, or None if that field is unchanged."""
        return next((f for f in self.fields if f.field == name), None)


@dataclass(frozen=True)
class StatusTransition:
    """A proposal whose status changed, e.g. ``idea`` -> ``pilot``."""

    id: str
    proposal: Model
    place: Place
    old: ProposalStatus
    new: ProposalStatus

    @property
    def name(self) -> Text:
        return name_of(self.proposal)

    @property
    def advanced(self) -> bool:
        """True when the proposal moved forward in the pipeline (rejection is not)."""
        return "rejected" not in (self.old, self.new) and \
            PIPELINE.index(self.new) > PIPELINE.index(self.old)


@dataclass(frozen=True)
class IndicatorProgress:
    """Partner KOVs where the journey model is implemented (``journey_model_since`` set),
    before and after, with the indicator's yearly targets from teekond.yaml."""

    indicator: Indicator | None
    """The indicator as the later version declares it; None if it declares none."""
    before: tuple[str, ...]
    """Ids of those KOVs in the earlier version, sorted."""
    after: tuple[str, ...]

    @property
    def targets(self) -> dict[int, int]:
        """Year -> target count, by year."""
        return dict(sorted(self.indicator.targets.items())) if self.indicator else {}

    def next_target(self, year: int) -> tuple[int, int] | None:
        """(year, target) of the first target in or after ``year``; None if none is left."""
        return next(((y, t) for y, t in self.targets.items() if y >= year), None)


@dataclass(frozen=True)
class Changes:
    """Everything that changed from one version of a workspace to the next, each list in
    a fixed order: by kind (as in :data:`KINDS`), then journey, then id."""

    added: tuple[Added, ...]
    removed: tuple[Removed, ...]
    changed: tuple[Changed, ...]
    status_transitions: tuple[StatusTransition, ...]
    journey_model: IndicatorProgress

    @property
    def empty(self) -> bool:
        """True when no item was added, removed or changed."""
        return not (self.added or self.removed or self.changed)

    def counts(self) -> tuple[KindCount, ...]:
        """Per kind (in :data:`KINDS` order) how many were added, removed and changed;
        kinds with no change left out."""
        found = []
        for kind in KINDS:
            row = KindCount(kind, sum(1 for i in self.added if i.kind == kind),
                            sum(1 for i in self.removed if i.kind == kind),
                            sum(1 for i in self.changed if i.kind == kind))
            if row.added or row.removed or row.changed:
                found.append(row)
        return tuple(found)


@dataclass(frozen=True)
class KindCount:
    kind: str
    added: int
    removed: int
    changed: int


def name_of(item: Model) -> Text:
    """The item's title or name as localised text (a persona's plain name in every
    language)."""
    name = getattr(item, "title", None) or getattr(item, "name", "")
    return name if isinstance(name, Text) else Text({lang: str(name) for lang in LANGS})


# --- comparing --------------------------------------------------------------------------

def compare(before: Workspace, after: Workspace) -> Changes:
    """What changed from ``before`` to ``after``; both should be valid workspaces."""
    old, new = items_of(before), items_of(after)
    changed = tuple(c for key in sorted(old.keys() & new.keys())
                    if (c := _changed(old[key], new[key])) is not None)
    return Changes(
        added=tuple(_as(Added, new[key]) for key in sorted(new.keys() - old.keys())),
        removed=tuple(_as(Removed, old[key]) for key in sorted(old.keys() - new.keys())),
        changed=changed,
        status_transitions=_transitions(changed),
        journey_model=_journey_model(before, after),
    )


def items_of(ws: Workspace) -> dict[tuple[int, str, str], Item]:
    """Every comparable item of the workspace by its sort key (kind, journey, id)."""
    return {item.sort_key: item for item in (*_catalogue_items(ws), *_journey_items(ws))}


def _catalogue_items(ws: Workspace) -> Iterator[Item]:
    groups: tuple[tuple[Kind, Any], ...] = (
        ("persona", ws.personas), ("provider", ws.providers()),
        ("service", ws.services()), ("touchpoint", ws.touchpoints()))
    for kind, items in groups:
        yield from (Item(kind, item.id, item, Place()) for item in items)


def _journey_items(ws: Workspace) -> Iterator[Item]:
    for journey in ws.journeys:
        yield Item("journey", journey.id, journey, Place())
        yield from (Item("proposal", p.id, p, Place(journey)) for p in journey.proposals)
        for stage in journey.stages:
            yield Item("stage", stage.id, stage, Place(journey))
            for step in stage.steps:
                yield Item("step", step.id, step, Place(journey, stage))
                here = Place(journey, stage, step)
                yield from (Item("pain point", p.id, p, here) for p in step.pain_points)
                yield from (Item("good practice", g.id, g, here) for g in step.good_practices)


ItemT = TypeVar("ItemT", bound=Item)


def _as(cls: type[ItemT], item: Item) -> ItemT:
    return cls(item.kind, item.id, item.item, item.place)


def _changed(old: Item, new: Item) -> Changed | None:
    fields = (*_moves(old.place, new.place), *diff_fields(old.item, new.item))
    if not fields:
        return None
    return Changed(new.kind, new.id, old.item, new.item, new.place, old.place, fields)


def _moves(old: Place, new: Place) -> list[FieldChange]:
    """The item moved if its parent (stage of a step, step of a pain point ...) or its
    journey differs; a pain point whose step moved to another stage has not moved."""
    watched = {"journey", new.parent}
    return [FieldChange(level, "moved", old.id(level), new.id(level)) for level in LEVELS
            if level in watched and old.id(level) != new.id(level)]


def diff_fields(old: Model, new: Model, prefix: str = "") -> list[FieldChange]:
    """The fields of ``new`` that differ from ``old`` (same model type), in declaration
    order; child items (see :data:`CHILD_FIELDS`) are left out."""
    skip = CHILD_FIELDS.get(type(new), frozenset())
    texts = dict(type(new).text_fields())
    found: list[FieldChange] = []
    for name in type(new).model_fields:
        before, after = getattr(old, name), getattr(new, name)
        if name in skip or _plain(before) == _plain(after):
            continue
        path = prefix + name
        if name in texts:
            found.append(FieldChange(path, "text", languages=_text_languages(before, after)))
        elif isinstance(before, Model) and isinstance(after, Model):
            found.extend(diff_fields(before, after, f"{path}."))
        else:
            found.append(FieldChange(path, "value", before, after))
    return found


def _plain(value: Any) -> Any:
    """A comparable form: models as dicts (their places in the files do not count)."""
    if isinstance(value, Model):
        return value.model_dump()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _text_languages(old: Text | list[Text] | None, new: Text | list[Text] | None,
                    ) -> tuple[str, ...]:
    return tuple(lang for lang in LANGS if _in(old, lang) != _in(new, lang))


def _in(value: Text | list[Text] | None, lang: str) -> list[str]:
    """The texts in ``lang``; a missing translation is no text, as no description is."""
    texts = value if isinstance(value, list) else [value] if value is not None else []
    return [text[lang] for text in texts if lang in text]


def _transitions(changed: tuple[Changed, ...]) -> tuple[StatusTransition, ...]:
    return tuple(StatusTransition(c.id, c.after, c.place, status.old, status.new)
                 for c in changed if c.kind == "proposal"
                 and (status := c.field("status")) is not None)


def _journey_model(before: Workspace, after: Workspace) -> IndicatorProgress:
    indicators = after.settings.indicators if after.settings else []
    indicator = next((i for i in indicators if i.id == kovs.JOURNEY_MODEL_INDICATOR), None)
    return IndicatorProgress(indicator, tuple(kovs.journey_model_since(before.providers())),
                             tuple(kovs.journey_model_since(after.providers())))
