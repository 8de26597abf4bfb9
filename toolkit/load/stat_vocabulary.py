"""The vocabularies of a statistics table (:mod:`toolkit.load.statistics`), in a module that
imports nothing: the CLI offers them as choices without loading the model."""

from __future__ import annotations

__all__ = ["GROUPS", "MEASURES", "TARGET_GROUPS"]

MEASURES = ("first-registrations", "residents", "unstated")
"""What a value counts: ``first-registrations`` people who first registered their residence
in the KOV during the period (population register); ``residents`` people registered as
living in the KOV at the end of the period; ``unstated`` a count whose source does not say
what it counts (seed-004's "TOP 5 linna" table)."""
TARGET_GROUPS = ("newcomer", "other-background", "returnee", "not-stated")
"""The programme's three target groups, or ``not-stated``: the source does not say which of
them the count is limited to (all third-country citizens, say)."""
GROUPS = ("all", "eu", "third-country")
"""Citizenship groups: ``all`` (no breakdown), ``eu`` (citizens of EU member states),
``third-country`` (of other states); or one citizenship as an ISO 3166-1 alpha-2 code
(``UA``)."""
