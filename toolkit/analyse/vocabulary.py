"""Vocabulary values (pain kinds, statuses ...) as localised text, for names in results."""

from __future__ import annotations

from .. import i18n
from ..load.model import Text


def vocabulary_text(value: str) -> Text:
    """A vocabulary value in every language that has words for it."""
    return Text({lang: i18n.word(lang, value) for lang in i18n.VOCABULARY})
