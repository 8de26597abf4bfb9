"""Typed views of personas: the full persona page, the printable card and the comparison.

Everything a persona page shows that is not in the persona's own file comes from the
analysis (:mod:`toolkit.analyse.personas`: journeys walked, low and high points, the pain
points that touch the persona, stage means, comparisons); this module puts it into words.

A card is the same view shortened to fit one A5 page: each list keeps its first items and
each text is cut at a word boundary to a character budget (:data:`CARD`). Whatever is
shortened ends in "…"; on screen the card then shows a "continues" link to the full
persona page. Paper has no links: a printed card names the page's address (and shows it as
a QR code) when the workspace says where the site is published (``site_url:``), and
otherwise no address at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

from ..analyse.personas import ALL, Comparison
from ..analyse.personas import Moment as MomentFigure
from ..analyse.personas import TouchingPain as PainFigure
from ..i18n import keep_lang
from ..load.model import Persona, Text
from .base import EvidenceView, Figure, Named, ViewContext, signed
from .charts import ChartPoint, EmotionChart, Series, emotion_chart, persona_styles

T = TypeVar("T")


@dataclass(frozen=True)
class Loc:
    """A text in the page's language, or in another one when that is missing."""

    text: str
    """A :class:`~toolkit.i18n.Localised` that knows its language (the templates mark it
    with ``lang`` where it differs from the page's), or plain text (an age band)."""
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

    @property
    def emotion_label(self) -> str:
        return "" if self.emotion is None else signed(self.emotion)


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
    colour: str = "#4a5360"
    """Fill of the drawn portrait: the target group's colour."""
    draft: bool = False
    """Marked ``draft: true`` (only a `build --drafts` shows it)."""


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
    address: str = ""
    """The absolute address of the full persona page, or "" when the workspace does not
    say where its site is published."""

    @property
    def cut(self) -> bool:
        """True when anything on the card is shortened."""
        return any(getattr(self, name).cut for name in (
            "quote", "facts", "languages", "channels", "goals", "needs", "frustrations",
            "journeys", "lows", "highs", "pains"))


@dataclass(frozen=True)
class StageSpread:
    stage: str
    values: list[Figure]
    """Each persona's stage mean, in the order of the chart's curves."""
    spread: Figure

    @property
    def spread_label(self) -> str:
        return self.spread.text


@dataclass(frozen=True)
class GroupComparison:
    """The personas of one target group (or all personas) side by side: their emotion
    across the stages they share, their goals, needs, languages and channels."""

    key: str
    """The target group's id, or ``all``: the section's anchor."""
    target_group: str
    personas: list[Named]
    stages: list[str]
    chart: EmotionChart
    rows: list[StageSpread]
    differ_most: list[StageSpread] = field(default_factory=list)
    """Stages with the largest spread (above 0), largest first, ties in stage order."""
    profiles: list[PersonaView] = field(default_factory=list)
    """The personas in full, in the order of :attr:`personas`."""
    common_languages: list[str] = field(default_factory=list)
    """Languages every persona of the comparison can use."""
    common_channels: list[str] = field(default_factory=list)
    """Channels every persona of the comparison prefers."""


TARGET_GROUP_COLOURS = {"newcomer": "#0b5cad", "other-background": "#6b3fa0",
                        "returnee": "#1d6b34"}
"""Fill of a drawn portrait by target group (white initials on it: at least 5.9:1)."""


class PersonaViews:
    """Builds the persona views of one workspace in one language."""

    def __init__(self, ctx: ViewContext, images: dict[str, str] | None = None) -> None:
        self.ctx, self.lang = ctx, ctx.lang
        self.ix = ctx.index
        self.images = images or {}
        settings = self.ix.settings
        self.site_url = (settings.site_url or "") if settings else ""

    # -- the full view -------------------------------------------------------------------

    def persona(self, p: Persona) -> PersonaView:
        ctx = self.ctx
        f = ctx.analysis.persona(p.id)
        return PersonaView(
            id=p.id, name=p.name, initials=initials(p.name),
            target_group=ctx.word(p.target_group), target_group_id=p.target_group,
            kov=ctx.name_of(p.background.kov), quote=self.loc(p.quote),
            facts=self._facts(p), languages=[self._skill(s.lang, s.level) for s in p.languages],
            digital_skills=ctx.word(f"digital-{p.digital_skills}"),
            channels=[ctx.word(c) for c in p.channels],
            goals=[self.loc(t) for t in p.goals], needs=[self.loc(t) for t in p.needs],
            frustrations=[self.loc(t) for t in p.frustrations],
            journeys=[Named(j, ctx.text(self.ix.journeys[j].title)) for j in f.journeys],
            lows=[self._moment(m) for m in f.lows], highs=[self._moment(m) for m in f.highs],
            pains=[self._pain(t) for t in f.pains], evidence=ctx.evidence(p.evidence),
            image=self.images.get(p.id, ""),
            colour=TARGET_GROUP_COLOURS.get(p.target_group, "#4a5360"), draft=p.draft,
        )

    def loc(self, text: Text | None) -> Loc:
        """``text`` in the page's language, else marked as a fallback (default language
        first, as everywhere else on the site)."""
        found = self.ctx.text(text)
        used = getattr(found, "lang", self.lang)
        if not found or used == self.lang:
            return Loc(found)
        # TRANSLATORS: next to a persona's text shown in another language: "(in Estonian)"
        note = self.ctx.gettext("in %(language)s") % {
            "language": self.ctx.translator.language_name(used)}
        return Loc(found, fallback=note)

    def _facts(self, p: Persona) -> list[Fact]:
        b, _ = p.background, self.ctx.gettext
        found = [("age", _("Age"), Loc(b.age_band)),
                 ("origin", _("Origin"), self.loc(b.origin)),
                 ("family", _("Family"), self.loc(b.family)),
                 ("lives_in", _("Lives in"), Loc(self.ctx.name_of(b.kov))),
                 ("in_estonia", _("In Estonia"), self.loc(b.in_estonia)),
                 ("occupation", _("Occupation"), self.loc(b.occupation))]
        return [Fact(key, label, value) for key, label, value in found if value.text]

    def _skill(self, lang: str, level: str) -> str:
        # TRANSLATORS: a language a persona speaks and how well: "English: C1"
        return self.ctx.gettext("%(language)s: %(level)s") % {
            "language": self.ctx.translator.language_name(lang),
            "level": self.ctx.word(f"level-{level}")}

    def _place(self, journey: str, stage: str, step: str) -> tuple[Named, str, str]:
        ctx, j = self.ctx, self.ix.journeys[journey]
        found = self.ix.step[f"{journey}/{step}"]
        return (Named(j.id, ctx.text(j.title)), ctx.text(found.stage.name),
                ctx.text(found.step.name))

    def _moment(self, m: MomentFigure) -> Moment:
        journey, stage, step = self._place(m.journey, m.stage, m.step)
        return Moment(journey, stage, step, m.score,
                      self.ctx.translator.emotion_word(m.score))

    def _pain(self, t: PainFigure) -> TouchingPain:
        pain = self.ix.pains[t.id].pain
        journey, stage, step = self._place(t.journey, t.stage, t.step)
        return TouchingPain(t.id, self.loc(pain.title), t.severity, self.ctx.word(pain.kind),
                            journey, stage, step, t.emotion,
                            [self.ctx.name_of(k) for k in pain.kovs])

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
            lows=self._card_moments(view.lows, budget),
            highs=self._card_moments(view.highs, budget),
            pains=self._card_pains(view.pains, budget),
            address=self.address(view.id),
        )

    def address(self, persona: str) -> str:
        """The absolute address of ``persona``'s page in this language, or ""."""
        if not self.site_url:
            return ""
        return f"{self.site_url.rstrip('/')}/{self.lang}/personas/{persona}.html"

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
        return [self._compare(c) for c in self.ctx.analysis.comparisons]

    def _compare(self, c: Comparison, band: int = 120, height: int = 190) -> GroupComparison:
        ctx = self.ctx
        names = [ctx.text(self.ix.stage_names[r.stage]) for r in c.stages]
        rows = [StageSpread(name, [Figure(f"persona:{p}:stage:{r.stage}:mean", v,
                                          text=signed(v))
                                   for p, v in zip(c.personas, r.means, strict=True)],
                            Figure(f"comparison:{c.target_group}:stage:{r.stage}:spread",
                                   r.spread, text=f"{r.spread:.1f}"))
                for r, name in zip(c.stages, names, strict=True)]
        by_stage = {r.stage: row for r, row in zip(c.stages, rows, strict=True)}
        styles = persona_styles(self.ix.personas)  # the same look as on the journey maps
        series = [Series(self.ix.personas[p].name, styles[p],
                         [ChartPoint(k * band + band / 2, r.means[i],
                                     f"{self.ix.personas[p].name}, {name}: {signed(r.means[i])}")
                          for k, (r, name) in enumerate(zip(c.stages, names, strict=True))])
                  for i, p in enumerate(c.personas)]
        group = ctx.gettext("All personas") if c.target_group == ALL else ctx.word(
            c.target_group)
        return GroupComparison(
            c.target_group, group,
            [Named(p, self.ix.personas[p].name) for p in c.personas],
            names, emotion_chart(series, len(c.stages), band, height), rows,
            [by_stage[s] for s in c.differ_most],
            profiles=[self.persona(self.ix.personas[p]) for p in c.personas],
            common_languages=[ctx.translator.language_name(s.value) for s in c.languages
                              if s.by_all],
            common_channels=[ctx.word(s.value) for s in c.channels if s.by_all])


# -- small pure helpers ----------------------------------------------------------------------

def initials(name: str) -> str:
    """Up to two initials for the drawn portrait: the first letter of the first two words
    that start with one ("Anna-Liisa Mets" -> "AM")."""
    letters = [w[0] for w in name.split() if w[:1].isalpha()]
    return "".join(letters[:2]).upper() or "?"


def shorten(text: str, budget: int) -> tuple[str, bool]:
    """``text`` cut to at most ``budget`` characters at a word boundary, with "…" added;
    and whether it was cut. Runs of white space count as one space; the result is in the
    language of ``text``."""
    whole = " ".join(text.split())
    if len(whole) <= budget:
        return keep_lang(whole, text), False
    head = whole[:budget]
    if whole[budget] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]
    return keep_lang(head.rstrip(" ,;:–—-") + "…", text), True


def shorten_loc(loc: Loc, budget: int) -> tuple[Loc, bool]:
    text, cut = shorten(loc.text, budget)
    return replace(loc, text=text), cut


def clip(items: list[T], count: int) -> Shown[T]:
    return Shown(list(items[:count]), len(items) > count)


def clip_texts(items: list[Loc], count: int, budget: int) -> Shown[Loc]:
    shown = clip(items, count)
    texts = [shorten_loc(t, budget) for t in shown.items]
    return Shown([t for t, _ in texts], shown.cut or any(cut for _, cut in texts))
