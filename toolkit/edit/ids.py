"""Readable ids for new items: a slug of the text, with the journey's prefix, unique."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

__all__ = ["fold", "journey_prefix", "slug", "unique_id"]

MAX_ID = 64
"""The longest id the model accepts (:data:`toolkit.load.model.Id`)."""
SLUG_CHARS = 40
"""A slug stops at a word boundary before this many characters: readable, not a sentence."""


def fold(text: str) -> str:
    """``text`` for comparing: accents and case removed, spaces collapsed
    ("Elukoha  REGISTREERIMINE" and "elukoha registreerimine" are the same)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def slug(text: str) -> str:
    """Lowercase ASCII words of ``text`` joined by hyphens, at most :data:`SLUG_CHARS`."""
    words = re.findall(r"[a-z0-9]+", fold(text).replace("ß", "ss"))
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > SLUG_CHARS:
            break
        out = candidate
    return out or (words[0][:SLUG_CHARS] if words else "item")


PREFIX_CHARS = 4
"""A journey's prefix is short: ``nc``, ``ob``, ``rt`` in the shipped workspace."""


def journey_prefix(item_ids: Iterable[str]) -> str:
    """The prefix most of a journey's items share (``nc`` for ``nc-...``), or "" when
    there is none."""
    ids = list(item_ids)
    prefixes = Counter(i.split("-", 1)[0] for i in ids if "-" in i)
    if prefixes:
        prefix, count = prefixes.most_common(1)[0]
        if count * 2 > len(ids) and len(prefix) <= PREFIX_CHARS:
            return prefix
    return ""


def unique_id(prefix: str, text: str, taken: set[str]) -> str:
    """``<prefix>-<slug of text>`` (the slug alone without a prefix), with ``-2``, ``-3``
    ... if taken; added to ``taken``."""
    base = (f"{prefix}-{slug(text)}" if prefix else slug(text))[:MAX_ID - 4].rstrip("-")
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    taken.add(ident)
    return ident
