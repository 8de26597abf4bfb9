"""Vocabulary values (pain kinds, statuses ...) as localised text, for names in results."""

from __future__ import annotations

from .. import i18n
from ..load.model import Text


def vocabulary_text(value: str) -> Text:
    """A vocabulary value in every language whose catalogue has words (English and the
    translated ones: a Russian key would claim an English word is Russian)."""
    return Text({lang: i18n.translator(lang).word(value) for lang in i18n.translated_languages()})
