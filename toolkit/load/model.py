"""The workspace model: every concept of a journey-mapping workspace, typed and documented.

One YAML file kind maps to one top-level model:

- ``teekond.yaml``        -> :class:`WorkspaceSettings`
- ``touchpoints/*.yaml``  -> :class:`Catalogue` (providers, KOVs, services, touchpoints)
- ``personas/*.yaml``     -> :class:`Persona`
- ``journeys/*.yaml``     -> :class:`Journey`

Unknown keys are errors (``extra="forbid"``); vocabularies are ``Literal`` types so that the
JSON Schema lists the allowed values. The field descriptions are what `teekond schema`
writes for editors, so they are written for designers, not for programmers.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

# --- vocabularies -----------------------------------------------------------------------

Lang = Literal["et", "en", "ru", "uk"]
LANGS: tuple[str, ...] = get_args(Lang)
TargetGroup = Literal["newcomer", "other-background", "returnee"]
ProviderLevel = Literal["state", "kov", "ngo", "international", "private"]
Channel = Literal["in-person", "web", "phone", "email", "social-media", "print", "event"]
PainKind = Literal[
    "missing-service", "missing-support", "wording", "findability", "confusion",
    "language", "availability", "process", "capacity", "trust",
]
Perspective = Literal["kov", "target-group"]
ProposalStatus = Literal["idea", "quick-test", "prototype", "pilot", "implemented", "rejected"]
Level3 = Literal["low", "medium", "high"]
ServiceStatus = Literal["exists", "needs-improvement", "needs-development", "missing-kov-view"]
SourceKind = Literal[
    "seed", "workshop", "interview", "survey", "statistic", "web", "general-knowledge",
]
EvidenceStatus = Literal["observed", "assumed"]
EvidenceSupport = Literal["claim", "context"]
Proficiency = Literal["native", "C2", "C1", "B2", "B1", "A2", "A1", "none"]
DigitalSkills = Literal["low", "medium", "high"]
GoodPracticeKind = Literal["good-example", "works-well"]
CouncilStatus = Literal["none", "mapping", "planned", "pilot", "set-up"]
KovType = Literal["linn", "vald"]

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=64),
    Field(description="A stable, human-readable slug: lowercase letters, digits and hyphens."),
]
"""Ids and references share one form; references are resolved after loading."""
Ref = Id

DRAFT_DESCRIPTION = (
    "True for a draft (imported from a workshop board, or a new skeleton): checked like "
    "everything else, but shown only in `teekond build --drafts` and never in reports or "
    "`teekond analyze`.")


def draft_field() -> Any:
    """The `draft:` flag every item that may be a draft carries."""
    return Field(False, description=DRAFT_DESCRIPTION)


# --- localised text ---------------------------------------------------------------------

class Text(dict[str, str]):
    """Localised text after loading: language code -> text. A plain YAML string is stored
    under the workspace's default language (passed in the validation context)."""

    def get_lang(self, lang: str, fallback: str = "et") -> str:
        """The text in ``lang``, else in ``fallback``, else in any language there is."""
        return self.get(lang) or self.get(fallback) or next(iter(self.values()), "")

    def lang_of(self, lang: str, fallback: str = "et") -> str:
        """The language :meth:`get_lang` takes the text from ("" when there is none)."""
        return next((code for code in (lang, fallback, *self) if self.get(code)), "")


TITLE_LIMIT = 500
"""Longest name or title, in characters: names and titles label diagrams, cards and every
page's navigation; a longer text belongs in a description."""
TEXT_LIMIT = 20_000
"""Longest other text (a description, note, quote, goal ...), in characters: about eight
printed pages; more is a document to link to as a source, not a field."""


def _validate_text(value: Any, info: ValidationInfo, limit: int) -> Text:
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("text_empty", "text is empty")
        _check_length(value, limit, None)
        default = (info.context or {}).get("default_language", "et")
        return Text({default: value})
    if isinstance(value, dict) and value:
        unknown = sorted(str(k) for k in value if k not in LANGS)
        if unknown:
            raise PydanticCustomError(
                "text_language",
                "unknown language {unknown} in localised text; allowed: {allowed}",
                {"unknown": ", ".join(unknown), "allowed": ", ".join(LANGS)},
            )
        for lang, text in value.items():
            if not isinstance(text, str) or not text.strip():
                raise PydanticCustomError(
                    "text_empty", "the {lang} text is empty or not text", {"lang": lang}
                )
            _check_length(text, limit, lang)
        return Text({lang: value[lang] for lang in LANGS if lang in value})
    raise PydanticCustomError(
        "text_type", "expected text, or a mapping of languages (et, en, ru, uk) to text"
    )


def _check_length(text: str, limit: int, lang: str | None) -> None:
    if len(text) > limit:
        raise PydanticCustomError(
            "text_too_long", "the text is {length} characters long; the limit is {limit}",
            {"length": len(text), "limit": limit, "lang": lang})


def _text_type(limit: int) -> Any:
    """A localised text of at most ``limit`` characters in each language."""
    line = Annotated[str, StringConstraints(max_length=limit)]
    schema = Union[line, dict[Lang, line]]  # noqa: UP007 - pydantic needs a runtime type
    return Annotated[Text, PlainValidator(functools.partial(_validate_text, limit=limit),
                                          json_schema_input_type=schema)]


LText = _text_type(TEXT_LIMIT)
"""Localised text: a description, note, quote, goal ..."""
LTitle = _text_type(TITLE_LIMIT)
"""A localised name or title."""
ShortStr = Annotated[str, StringConstraints(max_length=TITLE_LIMIT)]
"""Plain text that is a name or label (not translated)."""
LongStr = Annotated[str, StringConstraints(max_length=TEXT_LIMIT)]


class Model(BaseModel):
    """Base of every model: unknown keys are errors.

    After loading, each object knows the file it came from and its path inside that file
    (set by :func:`toolkit.load.shape.locate_all`), so later checks can name its line.
    """

    model_config = ConfigDict(extra="forbid")
    _file: str = PrivateAttr("")
    _where: tuple[str | int, ...] = PrivateAttr(())

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        # pydantic sets each private attribute of each new object through a generic Python
        # loop (a third of the validation time of a large workspace); the defaults here are
        # constants, so one dict copy does the same.
        super().__pydantic_init_subclass__(**kwargs)
        if getattr(cls.model_post_init, "__name__", "") != "init_private_attributes":
            return  # a model_post_init of our own: keep pydantic's way
        defaults = {name: attr.get_default() for name, attr in cls.__private_attributes__.items()}

        def init_private(self: BaseModel, context: Any, /) -> None:
            object.__setattr__(self, "__pydantic_private__", defaults.copy())

        cls.model_post_init = init_private  # type: ignore[method-assign]

    @classmethod
    @functools.cache
    def child_fields(cls) -> tuple[tuple[str, bool], ...]:
        """(field, is_list) of the fields that hold models, computed once per class."""
        return _fields_holding(cls, Model)

    @classmethod
    @functools.cache
    def text_fields(cls) -> tuple[tuple[str, bool], ...]:
        """(field, is_list) of the fields that hold localised text."""
        return _fields_holding(cls, Text)


def _holds(annotation: Any, target: type) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, target)
    return any(_holds(arg, target) for arg in get_args(annotation))


def _is_list(annotation: Any) -> bool:
    """True for list[...], also inside Annotated[...] and Optional[...]."""
    if get_origin(annotation) is list:
        return True
    return any(_is_list(arg) for arg in get_args(annotation) if not isinstance(arg, type))


def _fields_holding(model: type[BaseModel], target: type) -> tuple[tuple[str, bool], ...]:
    found = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if _holds(annotation, target):
            found.append((name, _is_list(annotation)))
    return tuple(found)


# --- evidence ---------------------------------------------------------------------------

class Evidence(Model):
    """Where a pain point, good practice, proposal or fact comes from."""

    source: Ref = Field(description="Id of a source declared under `sources:` in teekond.yaml.")
    section: ShortStr | None = Field(
        None, description="Section, table or page of the source, e.g. '3.5.2.1.2 (Tartu)'."
    )
    status: EvidenceStatus = Field(
        description="`observed`: the source states it. `assumed`: a hypothesis still to test."
    )
    supports: EvidenceSupport = Field("claim", description=(
        "`claim` (default): the source states the item itself. `context`: the source states "
        "only its background (the situation a pain point or proposal is built on), so the "
        "item counts as observed only if another entry supports its claim."))
    date: dt.date | None = Field(None, description="When it was observed (YYYY-MM-DD).")
    kov: Ref | None = Field(None, description="KOV the evidence is about, if one.")
    note: LText | None = Field(None, description="What exactly the source says.")


EvidenceList = Annotated[
    list[Evidence],
    Field(description="Sources of this item; at least one is required."),
]


# --- workspace settings (teekond.yaml) --------------------------------------------------

_SOURCE_URL = re.compile(r"^https?://[^\s/?#]+\S*$")


def _source_url(value: str) -> str:
    if not _SOURCE_URL.match(value) or len(value) > 1000:
        raise PydanticCustomError(
            "source_url", "'{value}' is not an http or https address; write the page's "
            "address, e.g. https://www.example.ee/page", {"value": value})
    return value


SourceUrl = Annotated[str, AfterValidator(_source_url),
                      WithJsonSchema({"type": "string", "pattern": _SOURCE_URL.pattern,
                                      "maxLength": 1000})]


class Source(Model):
    """A document or event that evidence can cite."""

    id: Id
    kind: SourceKind = Field(description="What kind of source this is.")
    title: LTitle = Field(description="Title of the document or event.")
    date: dt.date | None = Field(None, description="Date of the document or event.")
    reference: LongStr | None = Field(None, description=(
        "Where the project keeps it: file name or register number. For the maintainers; "
        "pages never show it (they show the title and `url`)."))
    url: SourceUrl | None = Field(None, description=(
        "Public address (http or https) where a partner can look the source up."))
    accessed: dt.date | None = Field(None, description=(
        "When `url` was read (YYYY-MM-DD). A web source backs observed evidence only with "
        "both `url` and `accessed` (rule C312)."))


class StakeholderGroup(Model):
    """A stakeholder group (huvirühm) that proposals are broken down by."""

    id: Id
    name: LTitle
    description: LText | None = None


class ReportingPeriod(Model):
    """A reporting period: interim summaries and the final report."""

    id: Id = Field(description="e.g. 2025-q1")
    kind: Literal["interim", "final"]
    start: dt.date
    end: dt.date
    due: dt.date | None = Field(None, description="When the report is due.")


class Indicator(Model):
    """A programme indicator with yearly targets (e.g. KOVs where the model is implemented)."""

    id: Id
    name: LTitle
    targets: dict[int, int] = Field(description="Year -> target value.")
    evidence: EvidenceList | None = None


_SITE_URL = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?$")


def _site_url(value: str) -> str:
    if not _SITE_URL.match(value) or len(value) > 300:
        raise PydanticCustomError(
            "site_url", "'{value}' is not an http or https address; write it like "
            "https://example.org/teekond/", {"value": value})
    return value


SiteUrl = Annotated[str, AfterValidator(_site_url),
                    WithJsonSchema({"type": "string", "pattern": _SITE_URL.pattern,
                                    "maxLength": 300})]
"""An http(s) address without query or fragment: where the built site is published."""


class WorkspaceSettings(Model):
    """teekond.yaml: settings of the whole workspace."""

    title: LTitle
    organisation: LTitle
    site_url: SiteUrl | None = Field(None, description=(
        "Where the built site is published: an http or https address such as "
        "`https://example.org/teekond/` (the folder holding `et/`, `en/` and `assets/`). "
        "Printed persona cards then name the full persona page's address and show it as "
        "a QR code (where a card is shortened, the rest is there); without it, paper "
        "names no address."))
    languages: list[Lang] = Field(
        min_length=1, description="Languages the content is written in; the first is the default."
    )
    default_language: Lang = Field("et", description="Language of plain (unmapped) text.")
    sources: list[Source] = Field(default_factory=list)
    stakeholder_groups: list[StakeholderGroup] = Field(default_factory=list)
    reporting_periods: list[ReportingPeriod] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)


# --- catalogue (touchpoints/*.yaml) -----------------------------------------------------

class Period(Model):
    start: dt.date
    end: dt.date


class Extension(Model):
    start: dt.date
    end: dt.date
    amount_eur: float | None = Field(None, ge=0)
    status: Literal["proposed", "agreed"] = "proposed"


class StaffRole(Model):
    role: LTitle
    fte: float = Field(ge=0, le=5)


class ParticipationCouncil(Model):
    status: CouncilStatus
    name: LTitle | None = None
    note: LText | None = None


class Partner(Model):
    """Partner data of a KOV in the programme."""

    kov_type: KovType = Field(description="`linn` (city) or `vald` (rural municipality).")
    contract: Period
    extension: Extension | None = None
    staff: list[StaffRole] = Field(default_factory=list)
    participation_council: ParticipationCouncil | None = None
    journey_model_since: int | None = Field(
        None, description="Year the journey model was implemented here; absent if not yet."
    )
    facts: list[LText] = Field(
        default_factory=list, description="KOV-specific facts worth showing to partners."
    )
    evidence: EvidenceList | None = None


class Provider(Model):
    """An organisation that runs services. A provider of level `kov` is a municipality."""

    id: Id
    name: LTitle
    short: ShortStr | None = Field(None, description="Abbreviation, e.g. PPA.")
    level: ProviderLevel
    stakeholder_group: Ref | None = Field(
        None, description="Stakeholder group id; defaults to the provider's level."
    )
    description: LText | None = None
    partner: Partner | None = Field(
        None, description="Only for KOVs taking part in the programme."
    )
    evidence: EvidenceList | None = None


class Availability(Model):
    """Where a service can be used."""

    kovs: list[Ref] = Field(default_factory=list, description="KOVs where it is offered.")
    not_on_site: list[Ref] = Field(
        default_factory=list, description="KOVs where it exists but is not available on site."
    )
    note: LText | None = None


class Service(Model):
    """What a provider offers."""

    id: Id
    name: LTitle
    provider: Ref
    description: LText | None = None
    channels: list[Channel] = Field(default_factory=list)
    languages: list[Lang] = Field(
        default_factory=list, description="Languages it is actually available in."
    )
    availability: Availability | None = None
    status: ServiceStatus = "exists"
    audience: Literal["target-group", "kov-staff"] = Field(
        "target-group", description="Who uses it: people of the target groups, or KOV staff "
        "(trainings, specialist networks). Journeys only walk target-group services.")
    tags: list[ShortStr] = Field(default_factory=list, description="Life-event or CPSV-AP tags.")
    evidence: EvidenceList | None = None
    notes: list[LongStr] = Field(default_factory=list, description=(
        "Remarks of the people reviewing this item, oldest first, in the language they "
        "were written in (not translated); `teekond import table` appends a returned "
        "sheet's comments here."))


class Touchpoint(Model):
    """One point of contact of a person with a service through one channel."""

    id: Id
    name: LTitle
    service: Ref
    channel: Channel
    kov: Ref | None = Field(None, description="KOV, when the touchpoint is local.")
    languages: list[Lang] = Field(
        default_factory=list, description="Languages, if narrower than the service's."
    )
    description: LText | None = None


class Catalogue(Model):
    """A catalogue file: providers, services and touchpoints shared by all journeys."""

    providers: list[Provider] = Field(default_factory=list)
    services: list[Service] = Field(default_factory=list)
    touchpoints: list[Touchpoint] = Field(default_factory=list)


# --- personas ---------------------------------------------------------------------------

class LanguageSkill(Model):
    lang: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] = Field(
        description="ISO 639-1 code (et, en, ru, uk, ...)."
    )
    level: Proficiency


class Background(Model):
    age_band: Literal["18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
    origin: LText
    family: LText | None = None
    kov: Ref = Field(description="KOV the persona lives in.")
    in_estonia: LText = Field(description="How long in Estonia, e.g. '8 months'.")
    occupation: LText | None = None


class Persona(Model):
    """A composite person of one target group. Never real personal data."""

    id: Id
    draft: bool = draft_field()
    name: ShortStr = Field(
        description="A first name for the composite; never a real person.")
    target_group: TargetGroup
    sub_profiles: list[Id] = Field(
        default_factory=list, description="e.g. ukrainian-war-refugee, family, eu-citizen."
    )
    quote: LText
    background: Background
    languages: list[LanguageSkill] = Field(min_length=1)
    digital_skills: DigitalSkills
    channels: list[Channel] = Field(min_length=1, description="Channels the persona prefers.")
    goals: list[LText] = Field(min_length=1)
    needs: list[LText] = Field(min_length=1)
    frustrations: list[LText] = Field(default_factory=list)
    image: ShortStr | None = Field(
        None, description="Path of a portrait inside the workspace.")
    evidence: EvidenceList | None = None


# --- journeys ---------------------------------------------------------------------------

class PainPoint(Model):
    """A bottleneck (kitsaskoht) at a step."""

    id: Id
    draft: bool = draft_field()
    title: LTitle
    description: LText | None = None
    kind: PainKind
    perspective: Perspective = Field(description="Whose view: the KOV's or the target group's.")
    severity: int = Field(ge=1, le=3, description="1 minor, 2 serious, 3 blocks the journey.")
    kovs: list[Ref] = Field(default_factory=list, description="KOVs where it applies.")
    services: list[Ref] = Field(
        default_factory=list, description="Services it concerns, beyond the step's touchpoints."
    )
    evidence: EvidenceList | None = None
    notes: list[LongStr] = Field(default_factory=list, description=(
        "Remarks of the people reviewing this item, oldest first, in the language they "
        "were written in (not translated); `teekond import table` appends a returned "
        "sheet's comments here."))


class GoodPractice(Model):
    """What works well (hea ja nutikas näide)."""

    id: Id
    draft: bool = draft_field()
    title: LTitle
    description: LText | None = None
    kind: GoodPracticeKind = "works-well"
    kovs: list[Ref] = Field(default_factory=list)
    evidence: EvidenceList | None = None


class Step(Model):
    """What the person does."""

    id: Id
    draft: bool = draft_field()
    name: LTitle
    description: LText | None = None
    touchpoints: list[Ref] = Field(default_factory=list)
    emotion: dict[Id, Annotated[int, Field(ge=-2, le=2)]] = Field(
        default_factory=dict, description="Persona id -> emotion from -2 (very bad) to +2."
    )
    pain_points: list[PainPoint] = Field(default_factory=list)
    good_practices: list[GoodPractice] = Field(default_factory=list)


class Stage(Model):
    id: Id
    name: LTitle
    description: LText | None = None
    cross_cutting: bool = Field(
        False, description="True for a stage that runs through the whole journey."
    )
    steps: list[Step] = Field(default_factory=list)


class Role(Model):
    """What another stakeholder does for a proposal."""

    stakeholder: Ref = Field(description="A provider or stakeholder group id.")
    task: LText


class Proposal(Model):
    """An improvement proposal (parendusettepanek)."""

    id: Id
    draft: bool = draft_field()
    title: LTitle
    description: LText | None = None
    addresses: list[Ref] = Field(min_length=1, description="Pain point ids it addresses.")
    owner: Ref | None = Field(None, description="A provider or stakeholder group id.")
    roles: list[Role] = Field(default_factory=list)
    impact: Level3 | None = None
    effort: Level3 | None = None
    status: ProposalStatus = "idea"
    target_date: dt.date | None = None
    measure: LText | None = Field(None, description="How success is measured.")
    service: Ref | None = Field(
        None, description="A service that is missing or needs development."
    )
    evidence: EvidenceList | None = None
    notes: list[LongStr] = Field(default_factory=list, description=(
        "Remarks of the people reviewing this item, oldest first, in the language they "
        "were written in (not translated); `teekond import table` appends a returned "
        "sheet's comments here."))


class Journey(Model):
    """The integration journey of one target group."""

    id: Id
    draft: bool = draft_field()
    title: LTitle
    target_group: TargetGroup
    kov: Ref | None = Field(None, description="KOV, when the journey is local.")
    description: LText | None = None
    personas: list[Ref] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1)
    proposals: list[Proposal] = Field(default_factory=list)


FILE_KINDS: dict[str, type[Model]] = {
    "workspace": WorkspaceSettings,
    "catalogue": Catalogue,
    "persona": Persona,
    "journey": Journey,
}
"""Each file kind and the model its files are validated against."""
