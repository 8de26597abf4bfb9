"""The rules of ``statistics/*.csv`` that need the rest of the workspace: every row names a
known KOV (N604) and a source declared in teekond.yaml (N612). What one file can get wrong
on its own is found while reading it (:mod:`toolkit.load.statistics`)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..diagnostics import Diagnostic, shown
from ..load.estonian_kovs import KOVS
from ..load.statistics import StatRow
from ..load.workspace import Workspace


def known_kovs(ws: Workspace) -> set[str]:
    """The KOV ids a statistics row may name: the workspace's KOV providers and Estonia's
    79 KOVs (:mod:`toolkit.load.estonian_kovs`)."""
    return {p.id for p in ws.providers() if p.level == "kov"} | set(KOVS)


def check_statistics(ws: Workspace) -> Iterator[Diagnostic]:
    """N604 and N612 for every row of the workspace's statistics, and N613 for a row whose
    KOV, period, target group, group and measure an earlier file already gives."""
    kovs = known_kovs(ws)
    sources = {s.id for s in ws.settings.sources} if ws.settings else set()
    first: dict[tuple[str, ...], StatRow] = {}
    for row in ws.statistics:
        earlier = first.setdefault(row.key, row)
        if earlier.file != row.file:  # a second row in one file is found while reading it
            yield Diagnostic(row.file, row.line, 1, "N613", f"a second row for {row.kov} "
                             f"{row.period} {row.target_group}/{row.group} {row.measure}",
                             f"the first is in {earlier.file} on line {earlier.line}; keep "
                             "one of them")
        if row.kov not in kovs:
            yield Diagnostic(row.file, row.line, row.col("kov"), "N604",
                             f"unknown KOV '{shown(row.kov)}'", _suggest(row.kov, kovs,
                             "a KOV id: a KOV provider of touchpoints/ or one of Estonia's "
                             "79 KOVs (tartu, tartu-vald, kohtla-jarve ...)"))
        if ws.settings and row.source not in sources:
            yield Diagnostic(row.file, row.line, row.col("source"), "N612",
                             f"unknown source '{shown(row.source)}'", _suggest(
                                 row.source, sources, "declare it under sources: in "
                                 "teekond.yaml"))


def _suggest(name: str, known: set[str], otherwise: str) -> str:
    close = difflib.get_close_matches(name.lower(), sorted(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else otherwise
