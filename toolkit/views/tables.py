"""Tables of pain points, proposals and services for partners who work in a spreadsheet
(`teekond export table`), and the columns a returned sheet may change (`teekond import table`).

A :class:`Table` is columns and rows of display values: texts in every workspace
language side by side (``title_et``, ``title_en``), names of journeys, stages and steps
in one language, ids where a partner has to write one (owner). Every number is the
analysis' (a pain point's rank, a service's pain score); nothing is counted here.

Editable columns are listed in :data:`EDITABLE`; for each one, a read-only ``was_<field>``
column holds the value at export, so an import can tell a partner's edit from a change
made to the YAML since the sheet left (a conflict).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import get_args

from ..analyse.analysis import Analysis
from ..analyse.rankings import evidence_status
from ..errors import UsageError
from ..graph.index import Index
from ..i18n import translator
from ..load.model import Evidence, Proposal, ProposalStatus, Service, ServiceStatus, Text

TABLES: tuple[str, ...] = ("pain-points", "proposals", "services")
"""The tables `teekond export table` writes."""

ID_COLUMNS: dict[str, str] = {
    "pain-points": "pain_point_id", "proposals": "proposal_id", "services": "service_id",
}
"""The first column of each table; its header tells an import which table a sheet is."""

EDITABLE: dict[str, tuple[str, ...]] = {
    "pain-points": ("severity",),
    "proposals": ("status", "owner", "target_date"),
    "services": ("status",),
}
"""The YAML fields a returned sheet may change, per table (besides ``comment``)."""

CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("pain-points", "severity"): ("1", "2", "3"),
    ("proposals", "status"): get_args(ProposalStatus),
    ("services", "status"): get_args(ServiceStatus),
}
"""The values an editable field allows, where they are a short list (a sheet offers them
as a drop-down)."""

COMMENT = "comment"
"""The free column whose text an import appends to the item's ``notes``."""

Cell = str | int


@dataclass(frozen=True)
class Table:
    name: str
    """One of :data:`TABLES`."""
    lang: str
    columns: tuple[str, ...]
    editable: frozenset[str]
    """Columns a partner may change: the editable fields and ``comment``."""
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...]
    """Sentences explaining the table (a spreadsheet's README sheet)."""


def was(field: str) -> str:
    """The read-only column holding ``field``'s value at export."""
    return f"was_{field}"


def hint_words(lang: str) -> tuple[str, str]:
    """The words of the hint row under the header: (editable, read-only)."""
    tr = translator(lang)
    return tr.pgettext("table", "editable"), tr.pgettext("table", "read-only")


def table_rows(ix: Index, analysis: Analysis, name: str, lang: str,
               kov: str | None = None) -> Table:
    """The table ``name`` in ``lang``; with ``kov``, only what that KOV's maps show."""
    if kov is not None and kov not in ix.partner_kovs:
        raise _unknown_kov(ix, kov)
    build = {"pain-points": _pain_table, "proposals": _proposal_table,
             "services": _service_table}[name]
    columns, rows = build(ix, analysis, lang, kov)
    editable = frozenset((*EDITABLE[name], COMMENT))
    return Table(name, lang, tuple(columns), editable, tuple(rows),
                 _notes(name, lang, len(analysis.bottlenecks)))


def _unknown_kov(ix: Index, kov: str) -> UsageError:
    err = UsageError(f"'{kov}' is not a partner KOV; partner KOVs: "
                     f"{', '.join(ix.partner_kovs) or 'none'}")
    err.param = "--kov"
    return err


# -- which items a KOV sees ---------------------------------------------------------------

def kov_items(ix: Index, analysis: Analysis, kov: str, kind: str) -> set[str]:
    """The pain points or proposals (``kind``) on ``kov``'s maps: its versions of the shared
    journeys (:attr:`Analysis.kov_journeys`) and the journeys local to it."""
    found = {i for k in analysis.kov_journeys if k.kov == kov
             for i in getattr(k, kind)}
    for journey in ix.journeys.values():
        if journey.kov == kov:
            found.update(analysis.journey(journey.id).pain_points if kind == "pain_points"
                         else (p.id for p in journey.proposals))
    return found


def kov_services(ix: Index, analysis: Analysis, kov: str) -> set[str]:
    """The services a KOV offers (:attr:`KovProfile.services`) and those of providers that
    are no KOV and name no KOVs they are limited to (state-level and shared ones)."""
    found = set(analysis.kov(kov).services)
    for ident, service in ix.services.items():
        limited = service.availability.kovs if service.availability else []
        if ix.providers[service.provider].level != "kov" and not limited:
            found.add(ident)
    return found


# -- the three tables ---------------------------------------------------------------------

def _texts(ix: Index, field: str, text: Text | None) -> dict[str, str]:
    return {f"{field}_{lang}": (text or {}).get(lang, "") for lang in ix.languages}


def _sources(evidence: list[Evidence] | None) -> str:
    return " ".join(dict.fromkeys(e.source for e in evidence or ()))


def _name(text: Text | None, lang: str) -> str:
    return text.get_lang(lang) if text else ""


def _layout(rows: list[dict[str, Cell]], fields: tuple[str, ...]
            ) -> tuple[list[str], list[tuple[Cell, ...]]]:
    """Columns in the order of the first row, then ``comment`` and the ``was_`` columns."""
    for row in rows:
        row[COMMENT] = ""
        for field in fields:
            row[was(field)] = row[field]
    columns = list(rows[0]) if rows else []
    return columns, [tuple(row[c] for c in columns) for row in rows]


def _pain_table(ix: Index, analysis: Analysis, lang: str, kov: str | None
                ) -> tuple[list[str], list[tuple[Cell, ...]]]:
    shown = kov_items(ix, analysis, kov, "pain_points") if kov else None
    rows: list[dict[str, Cell]] = []
    for ranked in analysis.bottlenecks:
        if shown is not None and ranked.id not in shown:
            continue
        at = ix.pains[ranked.id]
        pain = at.pain
        rows.append({
            ID_COLUMNS["pain-points"]: pain.id, **_texts(ix, "title", pain.title),
            **_texts(ix, "description", pain.description),
            "journey": _name(at.at.journey.title, lang), "stage_number": at.at.stage_number,
            "stage": _name(at.at.stage.name, lang), "step": _name(at.at.step.name, lang),
            "kovs": " ".join(ranked.kovs), "kind": ranked.kind,
            "perspective": ranked.perspective, "severity": pain.severity,
            "rank": ranked.rank, "evidence": ranked.evidence,
            "sources": _sources(pain.evidence), "proposals": " ".join(ranked.proposals),
        })
    return _layout(rows, EDITABLE["pain-points"])


def _proposal_table(ix: Index, analysis: Analysis, lang: str, kov: str | None
                    ) -> tuple[list[str], list[tuple[Cell, ...]]]:
    shown = kov_items(ix, analysis, kov, "proposals") if kov else None
    rows: list[dict[str, Cell]] = []
    for ident, placed in ix.proposals.items():
        if shown is not None and ident not in shown:
            continue
        proposal = placed.proposal
        rows.append({
            ID_COLUMNS["proposals"]: ident, **_texts(ix, "title", proposal.title),
            **_texts(ix, "description", proposal.description),
            "journey": _name(placed.journey.title, lang),
            "addresses": " ".join(proposal.addresses),
            "pain_ranks": " ".join(str(analysis.pain(p).rank) for p in proposal.addresses),
            "kovs": " ".join(sorted({k for p in proposal.addresses
                                     for k in ix.pains[p].pain.kovs})),
            "owner_name": _name(ix.name(proposal.owner), lang) if proposal.owner else "",
            "impact": proposal.impact or "", "effort": proposal.effort or "",
            **_proposal_fields(proposal),
            "evidence": evidence_status(proposal.evidence),
            "sources": _sources(proposal.evidence),
        })
    return _layout(rows, EDITABLE["proposals"])


def _proposal_fields(proposal: Proposal) -> dict[str, Cell]:
    return {"status": proposal.status, "owner": proposal.owner or "",
            "target_date": date_text(proposal.target_date)}


def date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _service_table(ix: Index, analysis: Analysis, lang: str, kov: str | None
                   ) -> tuple[list[str], list[tuple[Cell, ...]]]:
    shown = kov_services(ix, analysis, kov) if kov else None
    ranks = {r.id: n for n, r in enumerate(analysis.services, start=1)}
    rows: list[dict[str, Cell]] = []
    for ident in sorted(ix.services):
        if shown is not None and ident not in shown:
            continue
        service = ix.services[ident]
        rows.append({
            ID_COLUMNS["services"]: ident, **_texts(ix, "name", service.name),
            **_texts(ix, "description", service.description),
            "provider": service.provider,
            "provider_name": _name(ix.providers[service.provider].name, lang),
            **_availability(service), "channels": " ".join(service.channels),
            "languages": " ".join(service.languages),
            "rank": ranks.get(ident, ""),
            "pain_severity": analysis.pain_score("service", ident),
            "status": service.status, "evidence": evidence_status(service.evidence),
            "sources": _sources(service.evidence),
        })
    return _layout(rows, EDITABLE["services"])


def _availability(service: Service) -> dict[str, Cell]:
    available = service.availability
    return {"kovs": " ".join(available.kovs) if available else "",
            "not_on_site": " ".join(available.not_on_site) if available else ""}


# -- the explanation ----------------------------------------------------------------------

def _notes(name: str, lang: str, pains: int) -> tuple[str, ...]:
    _ = translator(lang).gettext
    editable = ", ".join((*EDITABLE[name], COMMENT))
    notes = [
        _("Change only the columns marked editable: %(columns)s.") % {"columns": editable},
        _("Grey columns are read-only: teekond ignores changes to them."),
        _("A comment is added to the item's notes; it never replaces earlier ones."),
        _("The was_ columns hold the values at export: teekond uses them to notice changes "
          "made to the YAML since then. Do not change them."),
        _("Return the sheet with `teekond import table FILE`: it shows every change first "
          "and writes nothing until run with --write."),
    ]
    if name == "pain-points":
        notes.append(_("rank: the pain point's place among all %(count)d, by severity, "
                       "then its stage's rank (docs/analysis.md).") % {"count": pains})
    if name == "services":
        notes.append(_("rank: the service's place in the bottleneck ranking (empty: no pain "
                       "point touches it)."))
    return tuple(notes)
