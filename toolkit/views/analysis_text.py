"""Text forms of an :class:`~toolkit.analyse.analysis.Analysis`: aligned tables, JSON and CSV.

Each section of the analysis is turned once into columns and rows of strings
(:func:`section_rows`); the table and the CSV writers only lay those out, so both always
show the same numbers. JSON is the dataclasses themselves, with sorted keys.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..diagnostics import printable
from ..i18n import Translator, translator

if TYPE_CHECKING:  # the CLI imports this module at start-up: keep networkx out of it
    from ..analyse.figures import Analysis, Ranked
    from ..load.model import Text


@dataclass(frozen=True)
class Column:
    key: str
    """Label key (:func:`column_labels`); also the CSV header."""
    wide: bool = False
    """Left out of the plain-text table (long id lists); always in CSV."""


@dataclass(frozen=True)
class Style:
    """How a section is written: names and labels in ``lang``; vocabulary values (kinds,
    statuses) as words in ``lang``, or as their ids when ``words`` is False (CSV)."""

    lang: str
    words: bool = True

    @property
    def translator(self) -> Translator:
        return translator(self.lang)


Rows = list[list[str]]
Section = tuple[list[Column], Rows]

def titles(tr: Translator) -> dict[str, str]:
    """The heading of each section."""
    _ = tr.gettext
    return {
        "stages": _("Stages with the most confusion (score = severity x reach)"),
        "topics": _("Topics (pain kinds) with the most confusion"),
        "bottlenecks": _("Bottleneck services"),
        "providers": _("Bottleneck providers"),
        "shared": _("Services shared by several journeys"),
        "handoffs": _("Handoffs between providers (per persona and journey)"),
        "step-gaps": _("Steps with no touchpoint"),
        "service-needs": _("Services that need improving or developing"),
        "kov-missing": _("Service kinds other partner KOVs offer and this KOV lacks"),
        "lacks": _("What the target groups lacked, by category and perspective"),
        "language-gaps": _("Language gaps: no usable language offered"),
        "practices": _("What works well: good practices by stage"),
        "practices-by-kov": _("Good practices by KOV"),
        "kov-profiles": _("Partner KOVs: services and touchpoints"),
        "kov-matrix": _("KOV comparison: services per kind (number of services)"),
        "roles": _("Roles and tasks per stakeholder group"),
        "role-tasks": _("Tasks in proposals, per stakeholder group"),
        "pipeline": _("Proposal pipeline by status"),
        "owners": _("Proposals by owner"),
        "indicator": _("KOVs where the journey model is implemented"),
        "evidence": _("Evidence: items observed, resting on background only, assumed"),
    }


def column_labels(tr: Translator) -> dict[str, str]:
    """The header of each column key (the CSV writes the keys themselves)."""
    pgettext = tr.pgettext
    return {
        "rank": "#", "id": pgettext("column", "id"), "name": pgettext("column", "name"),
        "score": pgettext("column", "score"), "severity": pgettext("column", "severity"),
        "target_groups": pgettext("column", "groups"),
        "personas": pgettext("column", "personas"), "journeys": pgettext("column", "journeys"),
        "pain_points": pgettext("column", "pain points"), "count": pgettext("column", "count"),
        "provider": pgettext("column", "provider"), "journey": pgettext("column", "journey"),
        "persona": pgettext("column", "persona"), "kov": pgettext("column", "KOV"),
        "handoff_count": pgettext("column", "handoffs"),
        "provider_count": pgettext("column", "providers"),
        "providers_met": pgettext("column", "providers met"),
        "stage": pgettext("column", "stage"), "step": pgettext("column", "step"),
        "status": pgettext("column", "status"), "proposals": pgettext("column", "proposals"),
        "proposal": pgettext("column", "proposal"), "kind": pgettext("column", "kind"),
        "perspective": pgettext("column", "perspective"),
        "offered_by": pgettext("column", "offered by"),
        "services": pgettext("column", "services"),
        "usable": pgettext("column", "usable languages"),
        "offered": pgettext("column", "offered languages"),
        "touchpoints": pgettext("column", "touchpoints"), "kovs": pgettext("column", "KOVs"),
        "kinds": pgettext("column", "kinds"), "since": pgettext("column", "model since"),
        "group": pgettext("column", "group"), "owns": pgettext("column", "owns"),
        "tasks": pgettext("column", "tasks"),
        "stages_served": pgettext("column", "stages served"),
        "task": pgettext("column", "task"), "stakeholder": pgettext("column", "stakeholder"),
        "by_status": pgettext("column", "by status"), "owner": pgettext("column", "owner"),
        "year": pgettext("column", "year"), "target": pgettext("column", "target"),
        "actual": pgettext("column", "actual"),
        "items": pgettext("column", "items"), "observed": pgettext("column", "observed"),
        "context": pgettext("column", "background only"),
        "assumed": pgettext("column", "assumed"), "unsourced": pgettext("column", "no source"),
    }


def _ids(values: Iterable[str]) -> str:
    return " ".join(values)


def _name(text: Text, style: Style) -> str:
    return text.get_lang(style.lang)


def _word(style: Style, value: str) -> str:
    return style.translator.word(value) if style.words else value


# --- sections ---------------------------------------------------------------------------

RANKED_COLUMNS = [Column("rank"), Column("id"), Column("name"), Column("score"),
                  Column("severity"), Column("target_groups"), Column("personas"),
                  Column("count"), Column("pain_points", wide=True)]


def _ranked(items: tuple[Ranked, ...], style: Style) -> Section:
    rows = [[str(n), r.id, _name(r.name, style), str(r.score), str(r.severity),
             str(len(r.target_groups)), str(len(r.personas)), str(len(r.pain_points)),
             _ids(r.pain_points)] for n, r in enumerate(items, 1)]
    return RANKED_COLUMNS, rows


def _shared(a: Analysis, style: Style) -> Section:
    cols = [Column("id"), Column("name"), Column("provider"), Column("count"),
            Column("journeys"), Column("severity"), Column("pain_points", wide=True)]
    return cols, [[s.id, _name(s.name, style), s.provider, str(len(s.journeys)),
                   _ids(s.journeys), str(s.severity), _ids(s.pain_points)]
                  for s in a.shared_services]


def _handoffs(a: Analysis, style: Style) -> Section:
    cols = [Column("journey"), Column("persona"), Column("kov"), Column("handoff_count"),
            Column("provider_count"), Column("providers_met", wide=True)]
    return cols, [[h.journey, h.persona, h.kov, str(h.count), str(len(h.providers)),
                   _ids(h.providers)] for h in a.handoffs]


def _step_gaps(a: Analysis, style: Style) -> Section:
    cols = [Column("journey"), Column("stage"), Column("step"), Column("name"),
            Column("pain_points")]
    return cols, [[g.journey, g.stage, g.step, _name(g.name, style), _ids(g.pain_points)]
                  for g in a.step_gaps]


def _service_needs(a: Analysis, style: Style) -> Section:
    cols = [Column("id"), Column("name"), Column("provider"), Column("status"),
            Column("proposals"), Column("severity"), Column("pain_points", wide=True)]
    return cols, [[s.id, _name(s.name, style), s.provider, _word(style, s.status),
                   _ids(s.proposals), str(s.severity), _ids(s.pain_points)]
                  for s in a.service_needs]


def _kov_missing(a: Analysis, style: Style) -> Section:
    cols = [Column("kov"), Column("kind"), Column("count"), Column("offered_by"),
            Column("services", wide=True)]
    return cols, [[m.kov, m.kind, str(len(m.offered_by)), _ids(m.offered_by),
                   _ids(m.services)] for m in a.kov_missing]


def _lacks(a: Analysis, style: Style) -> Section:
    cols = [Column("kind"), Column("perspective"), Column("severity"), Column("count"),
            Column("pain_points", wide=True)]
    return cols, [[_word(style, x.kind), _word(style, x.perspective), str(x.severity),
                   str(len(x.pain_points)), _ids(x.pain_points)] for x in a.lacks]


def _language_gaps(a: Analysis, style: Style) -> Section:
    cols = [Column("persona"), Column("id"), Column("name"), Column("usable"),
            Column("offered"), Column("touchpoints", wide=True)]
    return cols, [[g.persona, g.service, _name(g.name, style), _ids(g.usable), _ids(g.offered),
                   _ids(g.touchpoints)] for g in a.language_gaps]


def _practices(a: Analysis, style: Style) -> Section:
    cols = [Column("stage"), Column("id"), Column("name"), Column("kind"), Column("kovs"),
            Column("journey")]
    ordered = sorted(a.practices, key=lambda p: (p.stage, p.id))
    return cols, [[p.stage, p.id, _name(p.name, style), _word(style, p.kind), _ids(p.kovs),
                   p.journey] for p in ordered]


def _practices_by_kov(a: Analysis, style: Style) -> Section:
    cols = [Column("kov"), Column("count"), Column("id")]
    none = style.translator.gettext("(no KOV named)")
    return cols, [[g.key or none, str(len(g.practices)), _ids(g.practices)]
                  for g in a.practices_by_kov]


def _kov_profiles(a: Analysis, style: Style) -> Section:
    cols = [Column("kov"), Column("name"), Column("services"), Column("touchpoints"),
            Column("kinds"), Column("since")]
    return cols, [[k.kov, _name(k.name, style), str(len(k.services)), str(len(k.touchpoints)),
                   str(len(k.kinds)), str(k.journey_model_since or "")] for k in a.kov_profiles]


def _kov_matrix(a: Analysis, style: Style) -> Section:
    kovs = [k.kov for k in a.kov_profiles]
    cols = [Column("kind")] + [Column(k) for k in kovs]
    return cols, [[row.kind] + [str(len(row.offered[k])) if k in row.offered else ""
                                for k in kovs]
                  for row in a.kov_matrix]


def _roles(a: Analysis, style: Style) -> Section:
    cols = [Column("group"), Column("name"), Column("owns"), Column("tasks"),
            Column("services"), Column("stages_served", wide=True),
            Column("proposals", wide=True)]
    return cols, [[r.group, _name(r.name, style), str(len(r.owns)), str(len(r.tasks)),
                   str(len({s for p in r.provides for s in p.services})),
                   _ids(p.stage for p in r.provides), _ids(r.owns)] for r in a.roles]


def _role_tasks(a: Analysis, style: Style) -> Section:
    cols = [Column("group"), Column("proposal"), Column("stakeholder"), Column("task")]
    return cols, [[r.group, t.proposal, t.stakeholder, _name(t.task, style)]
                  for r in a.roles for t in r.tasks]


def _pipeline(a: Analysis, style: Style) -> Section:
    cols = [Column("status"), Column("count"), Column("proposals", wide=True)]
    return cols, [[_word(style, s.status), str(len(s.proposals)), _ids(s.proposals)]
                  for s in a.pipeline]


def _owners(a: Analysis, style: Style) -> Section:
    cols = [Column("owner"), Column("group"), Column("count"), Column("by_status"),
            Column("proposals", wide=True)]
    none = style.translator.gettext("(no owner)")
    return cols, [[o.owner or none, o.group, str(len(o.proposals)),
                   ", ".join(f"{_word(style, s)} {n}" for s, n in o.by_status.items()),
                   _ids(o.proposals)] for o in a.pipeline_by_owner]


def _indicator(a: Analysis, style: Style) -> Section:
    cols = [Column("year"), Column("target"), Column("actual"), Column("kovs", wide=True)]
    return cols, [[str(y.year), str(y.target), str(y.actual), _ids(a.indicator.kovs)]
                  for y in a.indicator.years]


def _evidence(a: Analysis, style: Style) -> Section:
    cols = [Column("kind"), Column("items"), Column("observed"), Column("context"),
            Column("assumed"), Column("unsourced")]
    return cols, [[e.kind, str(e.items), str(e.observed), str(e.context), str(e.assumed),
                   str(e.unsourced)] for e in a.evidence]


SECTIONS: dict[str, Callable[[Analysis, Style], Section]] = {
    "stages": lambda a, style: _ranked(a.stages, style),
    "topics": lambda a, style: _ranked(a.topics, style),
    "bottlenecks": lambda a, style: _ranked(a.services, style),
    "providers": lambda a, style: _ranked(a.providers, style),
    "shared": _shared,
    "handoffs": _handoffs,
    "step-gaps": _step_gaps,
    "service-needs": _service_needs,
    "kov-missing": _kov_missing,
    "lacks": _lacks,
    "language-gaps": _language_gaps,
    "practices": _practices,
    "practices-by-kov": _practices_by_kov,
    "kov-profiles": _kov_profiles,
    "kov-matrix": _kov_matrix,
    "roles": _roles,
    "role-tasks": _role_tasks,
    "pipeline": _pipeline,
    "owners": _owners,
    "indicator": _indicator,
    "evidence": _evidence,
}
"""Every section, in the order the table shows them; the names `--section` accepts."""
DEFAULT_SECTION = "bottlenecks"


def section_rows(analysis: Analysis, name: str, style: Style) -> Section:
    return SECTIONS[name](analysis, style)


# --- writers ----------------------------------------------------------------------------

def to_json(analysis: Analysis) -> str:
    """One deterministic JSON object: the dataclass fields, keys sorted."""
    return json.dumps(dataclasses.asdict(analysis), ensure_ascii=False, indent=2,
                      sort_keys=True)


def to_csv(analysis: Analysis, name: str = DEFAULT_SECTION, lang: str = "en") -> str:
    """One section as CSV: a header row of stable column keys, vocabulary values as ids
    and names in ``lang``."""
    cols, rows = section_rows(analysis, name, Style(lang, words=False))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.key for c in cols])
    writer.writerows(rows)
    return out.getvalue()


def to_table(analysis: Analysis, lang: str = "en", sections: list[str] | None = None) -> str:
    """Each section (default: every one) as a heading and a plain-text table with aligned
    columns."""
    parts = [_table(analysis, name, lang) for name in sections or SECTIONS]
    return "\n\n".join(parts) + "\n"


NAME_WIDTH = 60
"""Names longer than this are shortened in the table (never in CSV or JSON)."""


def _clip(text: str) -> str:
    return text if len(text) <= NAME_WIDTH else text[:NAME_WIDTH - 1] + "…"


def _table(analysis: Analysis, name: str, lang: str) -> str:
    style = Style(lang)
    cols, rows = section_rows(analysis, name, style)
    keep = [i for i, c in enumerate(cols) if not c.wide]
    _, labels = style.translator.gettext, column_labels(style.translator)
    heading = titles(style.translator)[name]
    lines = [heading, "=" * len(heading)]
    if name == "indicator":
        kovs = _ids(analysis.indicator.kovs) or _("(none)")
        lines.append(_("Implemented in") + f": {analysis.indicator.actual} {kovs}")
    if not rows:
        return "\n".join([*lines, _("(none)")])
    table = [[labels.get(cols[i].key, cols[i].key) for i in keep]]
    # names come from the YAML: a control character would act on the terminal (S109 only
    # warns of it), so it is shown as an escape
    table += [[printable(_clip(r[i]) if cols[i].key == "name" else r[i]) for i in keep]
              for r in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(keep))]
    numeric = [all(r[i].isdigit() or not r[i] for r in table[1:]) for i in range(len(keep))]
    for n, row in enumerate(table):
        cells = [c.rjust(w) if num else c.ljust(w)
                 for c, w, num in zip(row, widths, numeric, strict=True)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
