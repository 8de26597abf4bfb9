"""Typed views of personas: the full persona page, the printable card and the comparison.

Everything a persona page shows that is not in the persona's own file is derived from the
journeys through the graph, never typed in twice:

- **journeys**: the journeys whose ``personas:`` list names the persona (``walks`` edges);
- **low and high points**: the steps of those journeys where the persona's emotion is below
  0 (lowest first) or above 0 (highest first); ties keep journey order (journeys by id,
  then stage and step order);
- **pain points that touch the persona**: every pain point on a step of a journey it walks,
  except one that names KOVs (``kovs:``) none of which is the persona's KOV. They are ranked
  by severity (highest first), then by the persona's emotion at that step (lowest first; a
  step it does not score comes last), then by pain point id, so the order is deterministic.

A card is the same view shortened to fit one A5 page: each list keeps its first items and
each text is cut at a word boundary to a character budget (:data:`CARD`). Whatever is
shortened says so; the card then shows a "continues" link to the full persona page.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from statistics import mean
from typing import Generic, TypeVar

from .. import i18n
from ..graph.network import JourneyGraph
from ..load.model import Journey, Persona, Text
from .journey import (
    PERSONA_MARKERS,
    Curve,
    CurvePoint,
    EmotionChart,
    EvidenceView,
    Named,
    ViewBuilder,
    emotion_y,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Loc:
    """A text in the page's language, or in another one when that is missing."""

    text: str
    lang: str
    """Language the text is written in."""
    fallback: str = ""
    """When the page's language was missing: a note naming the language used ("in
    Estonian"), which the page shows next to the text."""


@dataclass(frozen=True)
class Fact:
    """One line of the persona's background: a label and its value."""

    key: str
    label: str
    value: Loc


@dataclass(frozen=True)
class Moment:
    """A step where the persona's emotion is scored."""

    journey: Named
    stage: str
    step: str
    score: int
    word: str
    """The score in words (very bad ... very good)."""

    @property
    def label(self) -> str:
        return f"{self.score:+d}" if self.score else "0"


@dataclass(frozen=True)
class TouchingPain:
    """A pain point on a step the persona walks."""

    id: str
    title: Loc
    severity: int
    kind: str
    journey: Named
    stage: str
    step: str
    emotion: int | None
    """The persona's emotion at the step, if scored."""
    kovs: list[str]


@dataclass(frozen=True)
class Shown(Generic[T]):
    """The items a card shows of a list, and whether any were left out or shortened."""

    items: list[T]
    cut: bool = False


@dataclass(frozen=True)
class PersonaView:
    """Everything about one persona, in one language."""

    id: str
    name: str
    initials: str
    target_group: str
    target_group_id: str
    kov: str
    quote: Loc
    facts: list[Fact]
    languages: list[str]
    digital_skills: str
    channels: list[str]
    goals: list[Loc]
    needs: list[Loc]
    frustrations: list[Loc]
    journeys: list[Named]
    lows: list[Moment]
    highs: list[Moment]
    pains: list[TouchingPain]
    evidence: list[EvidenceView]
    image: str = ""
    """Path of the portrait relative to the site root, or "" for the drawn placeholder."""


@dataclass(frozen=True)
class CardBudget:
    """How much of each part fits on an A5 card: items per list, characters per text.
    Measured with the long-text test persona, which fills every budget."""

    quote: int = 140
    fact: int = 60
    languages: int = 4
    channels: int = 7
    goals: int = 3
    needs: int = 2
    frustrations: int = 2
    item: int = 85
    journeys: int = 2
    moments: int = 2
    """Low points, and high points, each."""
    place: int = 64
    """Stage and step of a low or high point, together."""
    pains: int = 3
    pain: int = 75


CARD = CardBudget()


@dataclass(frozen=True)
class CardView:
    """A persona shortened to one A5 card; ``persona`` is the full view it comes from."""

    persona: PersonaView
    quote: Shown[Loc]
    facts: Shown[Fact]
    languages: Shown[str]
    channels: Shown[str]
    goals: Shown[Loc]
    needs: Shown[Loc]
    frustrations: Shown[Loc]
    journeys: Shown[Named]
    lows: Shown[Moment]
    highs: Shown[Moment]
    pains: Shown[TouchingPain]

    @property
    def cut(self) -> bool:
        """True when anything on the card is shortened."""
        return any(getattr(self, name).cut for name in (
            "quote", "facts", "languages", "channels", "goals", "needs", "frustrations",
            "journeys", "lows", "highs", "pains"))


@dataclass(frozen=True)
class StageSpread:
    stage: str
    values: list[str]
    """Each persona's stage value as written, in the order of the chart's curves."""
    spread: float

    @property
    def spread_label(self) -> str:
        return f"{self.spread:.1f}"


@dataclass(frozen=True)
class GroupComparison:
    """The personas of one target group across the stages they share."""

    target_group: str
    personas: list[Named]
    stages: list[str]
    chart: EmotionChart
    rows: list[StageSpread]
    differ_most: list[StageSpread] = field(default_factory=list)
    """Stages with the largest spread (above 0), largest first, ties in stage order."""


DIFFER_MOST = 3
"""How many stages the comparison names as those where the personas differ most."""


class PersonaViews:
    """Builds the persona views of one workspace in one language."""

    def __init__(self, views: ViewBuilder, graph: JourneyGraph,
                 images: dict[str, str] | None = None) -> None:
        self.v, self.graph, self.lang = views, graph, views.lang
        self.ui = i18n.ui(views.lang)
        self.images = images or {}
        self.journeys = {j.id: j for j in views.ws.journeys}

    # -- the full view -------------------------------------------------------------------

    def persona(self, p: Persona) -> PersonaView:
        walked = [self.journeys[j] for j in self.graph.journeys_walked_by(p.id)]
        moments = [m for j in walked for m in self._moments(p, j)]
        return PersonaView(
            id=p.id, name=p.name, initials=initials(p.name),
            target_group=i18n.word(self.lang, p.target_group), target_group_id=p.target_group,
            kov=self.v.name_of(p.background.kov), quote=self.loc(p.quote),
            facts=self._facts(p), languages=[self._skill(s.lang, s.level) for s in p.languages],
            digital_skills=i18n.word(self.lang, f"digital-{p.digital_skills}"),
            channels=[i18n.word(self.lang, c) for c in p.channels],
            goals=[self.loc(t) for t in p.goals], needs=[self.loc(t) for t in p.needs],
            frustrations=[self.loc(t) for t in p.frustrations],
            journeys=[Named(j.id, self.v.text(j.title)) for j in walked],
            lows=sorted((m for m in moments if m.score < 0), key=lambda m: m.score),
            highs=sorted((m for m in moments if m.score > 0), key=lambda m: -m.score),
            pains=self._pains(p, walked), evidence=self.v.evidence(p.evidence),
            image=self.images.get(p.id, ""),
        )

    def loc(self, text: Text | None) -> Loc:
        """``text`` in the page's language, else marked as a fallback (default language
        first, as everywhere else on the site)."""
        if not text:
            return Loc("", self.lang)
        if text.get(self.lang):
            return Loc(text[self.lang], self.lang)
        used = self.v.ws.default_language if text.get(self.v.ws.default_language) \
            else next(iter(text))
        note = self.ui["persona_fallback"].format(language=i18n.language_name(self.lang, used))
        return Loc(text[used], used, fallback=note)

    def _facts(self, p: Persona) -> list[Fact]:
        b = p.background
        found = [("age", Loc(b.age_band, self.lang)), ("origin", self.loc(b.origin)),
                 ("family", self.loc(b.family)),
                 ("lives_in", Loc(self.v.name_of(b.kov), self.lang)),
                 ("in_estonia", self.loc(b.in_estonia)), ("occupation", self.loc(b.occupation))]
        return [Fact(key, self.ui[f"persona_{key}"], value) for key, value in found if value.text]

    def _skill(self, lang: str, level: str) -> str:
        return self.ui["persona_skill"].format(language=i18n.language_name(self.lang, lang),
                                               level=i18n.word(self.lang, f"level-{level}"))

    def _steps(self, journey: Journey):  # type: ignore[no-untyped-def]
        """(stage, step) of a journey, in journey order."""
        return [(stage, step) for stage in journey.stages for step in stage.steps]

    def _moments(self, p: Persona, journey: Journey) -> list[Moment]:
        named = Named(journey.id, self.v.text(journey.title))
        return [Moment(named, self.v.text(stage.name), self.v.text(step.name),
                       step.emotion[p.id], i18n.emotion_word(self.lang, step.emotion[p.id]))
                for stage, step in self._steps(journey) if p.id in step.emotion]

    def _pains(self, p: Persona, walked: list[Journey]) -> list[TouchingPain]:
        found = []
        for journey in walked:
            named = Named(journey.id, self.v.text(journey.title))
            for stage, step in self._steps(journey):
                for pain in step.pain_points:
                    if pain.kovs and p.background.kov not in pain.kovs:
                        continue
                    found.append(TouchingPain(
                        pain.id, self.loc(pain.title), pain.severity,
                        i18n.word(self.lang, pain.kind), named, self.v.text(stage.name),
                        self.v.text(step.name), step.emotion.get(p.id),
                        [self.v.name_of(k) for k in pain.kovs]))
        return sorted(found, key=lambda t: (-t.severity, 3 if t.emotion is None else t.emotion,
                                            t.id))

    # -- the card ------------------------------------------------------------------------

    def card(self, view: PersonaView, budget: CardBudget = CARD) -> CardView:
        quote, quote_cut = shorten_loc(view.quote, budget.quote)
        facts = [(replace(f, value=v), cut) for f in view.facts
                 for v, cut in [shorten_loc(f.value, budget.fact)]]
        return CardView(
            persona=view, quote=Shown([quote], quote_cut),
            facts=Shown([f for f, _ in facts], any(cut for _, cut in facts)),
            languages=clip(view.languages, budget.languages),
            channels=clip(view.channels, budget.channels),
            goals=clip_texts(view.goals, budget.goals, budget.item),
            needs=clip_texts(view.needs, budget.needs, budget.item),
            frustrations=clip_texts(view.frustrations, budget.frustrations, budget.item),
            journeys=clip(view.journeys, budget.journeys),
            lows=self._card_moments(view.lows, budget), highs=self._card_moments(view.highs, budget),
            pains=self._card_pains(view.pains, budget),
        )

    def _card_moments(self, moments: list[Moment], budget: CardBudget) -> Shown[Moment]:
        shown = clip(moments, budget.moments)
        items, cut = [], shown.cut
        for mo in shown.items:
            stage, stage_cut = shorten(mo.stage, budget.place // 2)
            step, step_cut = shorten(mo.step, max(budget.place - len(stage), budget.place // 2))
            items.append(replace(mo, stage=stage, step=step))
            cut = cut or stage_cut or step_cut
        return Shown(items, cut)

    def _card_pains(self, pains: list[TouchingPain], budget: CardBudget) -> Shown[TouchingPain]:
        shown = clip(pains, budget.pains)
        items, cut = [], shown.cut
        for pain in shown.items:
            title, shortened = shorten_loc(pain.title, budget.pain)
            items.append(replace(pain, title=title))
            cut = cut or shortened
        return Shown(items, cut)

    # -- the comparison ------------------------------------------------------------------

    def comparisons(self) -> list[GroupComparison]:
        found = []
        for group in ("newcomer", "other-background", "returnee"):
            personas = sorted((p for p in self.v.ws.personas if p.target_group == group),
                              key=lambda p: p.id)
            if personas:
                found.append(self._compare(group, personas))
        return found

    def _compare(self, group: str, personas: list[Persona]) -> GroupComparison:
        means = {p.id: self._stage_means(p) for p in personas}
        order = self._stage_order(personas)
        shared = [s for s in order if all(s in means[p.id] for p in personas)]
        names = [self._stage_name(s) for s in shared]
        rows = [StageSpread(name, [point_label(means[p.id][s]) for p in personas],
                            round(max(means[p.id][s] for p in personas)
                                  - min(means[p.id][s] for p in personas), 1))
                for s, name in zip(shared, names, strict=True)]
        ranked = sorted((r for r in rows if r.spread > 0), key=lambda r: -r.spread)
        return GroupComparison(
            i18n.word(self.lang, group), [Named(p.id, p.name) for p in personas], names,
            self._chart(personas, shared, means), rows, ranked[:DIFFER_MOST])

    def _stage_means(self, p: Persona) -> dict[str, float]:
        """Stage id -> mean of the persona's step emotions in that stage, over the journeys
        it walks (a stage id shared by two journeys pools their steps)."""
        scores: dict[str, list[int]] = {}
        for j in self.graph.journeys_walked_by(p.id):
            for stage, step in self._steps(self.journeys[j]):
                if p.id in step.emotion:
                    scores.setdefault(stage.id, []).append(step.emotion[p.id])
        return {s: rounded(mean(v)) for s, v in scores.items()}

    def _stage_order(self, personas: list[Persona]) -> list[str]:
        """Stage ids in the order they first appear in the journeys the personas walk."""
        walked = sorted({j for p in personas for j in self.graph.journeys_walked_by(p.id)})
        return list(dict.fromkeys(s.id for j in walked for s in self.journeys[j].stages))

    def _stage_name(self, stage_id: str) -> str:
        for journey in sorted(self.journeys.values(), key=lambda j: j.id):
            for stage in journey.stages:
                if stage.id == stage_id:
                    return self.v.text(stage.name)
        return stage_id

    def _chart(self, personas: list[Persona], stages: list[str],
               means: dict[str, dict[str, float]], band: int = 120,
               height: int = 190) -> EmotionChart:
        curves = [Curve(p.name, PERSONA_MARKERS[i % len(PERSONA_MARKERS)],
                        [CurvePoint(k * band + band / 2, emotion_y(means[p.id][s], height),
                                    means[p.id][s]) for k, s in enumerate(stages)])
                  for i, p in enumerate(personas)]
        return EmotionChart(width=band * max(1, len(stages)), height=height, band=band,
                            curves=curves, levels=[(v, emotion_y(v, height))
                                                   for v in (2, 1, 0, -1, -2)])


# -- small pure helpers ----------------------------------------------------------------------

def initials(name: str) -> str:
    """Up to two initials for the drawn portrait: the first letter of the first two words
    that start with one ("Anna-Liisa Mets" -> "AM")."""
    letters = [w[0] for w in name.split() if w[:1].isalpha()]
    return "".join(letters[:2]).upper() or "?"


def rounded(value: float) -> float:
    """A mean to one decimal; a whole number stays an int, so it prints as "-1", not "-1.0"."""
    value = round(value, 1)
    return int(value) if value == int(value) else value


def point_label(value: float) -> str:
    return CurvePoint(0, 0, value).label


def shorten(text: str, budget: int) -> tuple[str, bool]:
    """``text`` cut to at most ``budget`` characters at a word boundary, with "…" added;
    and whether it was cut. Runs of white space count as one space."""
    text = " ".join(text.split())
    if len(text) <= budget:
        return text, False
    head = text[:budget]
    if text[budget] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:–—-") + "…", True


def shorten_loc(loc: Loc, budget: int) -> tuple[Loc, bool]:
    text, cut = shorten(loc.text, budget)
    return replace(loc, text=text), cut


def clip(items: list[T], count: int) -> Shown[T]:
    return Shown(list(items[:count]), len(items) > count)


def clip_texts(items: list[Loc], count: int, budget: int) -> Shown[Loc]:
    shown = clip(items, count)
    texts = [shorten_loc(t, budget) for t in shown.items]
    return Shown([t for t, _ in texts], shown.cut or any(cut for _, cut in texts))
