"""The gettext catalogues: a language's ``.po`` file, read with Babel when it is first asked
for and kept for the rest of the process. There is no compile step to forget: the ``.po``
a translator edited is what the next build uses."""

from __future__ import annotations

import functools
import gettext
import io
import logging
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .words import emotion_words, language_names, vocabulary

log = logging.getLogger(__name__)

DOMAIN = "teekond"
"""The one gettext domain: ``locale/<lang>/LC_MESSAGES/teekond.po``."""
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
"""Where the catalogues are (inside the package, so the wheel carries them)."""
SOURCE_LANGUAGE = "en"
"""The language of the msgids: a string a catalogue does not translate stays English."""


class Translator:
    """The interface strings of one language.

    ``gettext``, ``ngettext`` (with the language's CLDR plural rule), ``pgettext`` and
    ``npgettext`` are those of its catalogue; :attr:`language` is the language they are
    actually in: ``lang`` when the catalogue translates anything, else English."""

    def __init__(self, lang: str, translations: gettext.NullTranslations,
                 translated: bool) -> None:
        self.lang = lang
        self.language = lang if translated else SOURCE_LANGUAGE
        self.gettext = translations.gettext
        self.ngettext = translations.ngettext
        self.pgettext = translations.pgettext
        self.npgettext = translations.npgettext

    @functools.cached_property
    def _vocabulary(self) -> dict[str, str]:
        return vocabulary(self.pgettext)

    @functools.cached_property
    def _emotions(self) -> dict[int, str]:
        return emotion_words(self.pgettext)

    @functools.cached_property
    def _languages(self) -> dict[str, str]:
        return language_names(self.pgettext)

    def word(self, value: str) -> str:
        """A vocabulary value (target group, channel, status ...) in words; an unknown
        value as it is."""
        return self._vocabulary.get(value, value)

    def emotion_word(self, score: int) -> str:
        """An emotion score (-2 … +2) in words: very bad … very good."""
        return self._emotions[score]

    def language_name(self, code: str) -> str:
        """The name of language ``code`` ("Estonian", "inglise"), else the code in capitals."""
        return self._languages.get(code, code.upper())


def catalogue_path(lang: str, locale_dir: Path | None = None) -> Path:
    """The ``.po`` file of ``lang``."""
    return (locale_dir or LOCALE_DIR) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def translator(lang: str) -> Translator:
    """The translator of ``lang`` (English where it has no catalogue or the catalogue leaves
    a string untranslated), read from :data:`LOCALE_DIR` once per process."""
    return _translator(catalogue_path(lang), lang)


def interface_language(lang: str) -> str:
    """The language the interface strings of ``lang`` are actually in: ``lang`` when its
    catalogue has translations, else English (Russian and Ukrainian until a translator
    fills them in). A page's ``<html lang>``."""
    return translator(lang).language


def translated_languages() -> tuple[str, ...]:
    """English and every language whose catalogue translates something: the languages a
    vocabulary word can be written in without claiming a language it is not in."""
    return _translated_languages(LOCALE_DIR)


@functools.cache
def _translated_languages(locale_dir: Path) -> tuple[str, ...]:
    found = {p.parent.parent.name for p in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return tuple(sorted({SOURCE_LANGUAGE} | {
        lang for lang in found
        if _translator(catalogue_path(lang, locale_dir), lang).language == lang}))


@functools.cache
def _translator(path: Path, lang: str) -> Translator:
    if not path.is_file():
        return Translator(lang, gettext.NullTranslations(), translated=False)
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    _drop_broken(catalog, path)
    translated = _drop_untranslated(catalog)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return Translator(lang, gettext.GNUTranslations(mo), translated=bool(translated))


def _drop_broken(catalog: Catalog, path: Path) -> None:
    """Remove the translations Babel's checks reject (a placeholder the English does not
    have, a wrong number of plural forms), each with a warning: the page shows the English
    instead of failing on a translator's typo."""
    for message, errors in list(catalog.check()):
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        log.warning("%s:%s: the translation of %r is not used (English instead): %s", path,
                    message.lineno, msgid, "; ".join(str(e) for e in errors))
        catalog.delete(message.id, message.context)


def _drop_untranslated(catalog: Catalog) -> list[str]:
    """Remove the messages with an empty translation (or any empty plural form) and the
    fuzzy ones; return the ids of those left. ``write_mo`` would keep an untranslated
    plural with the English forms under the language's plural rule ("21 stage" in
    Russian); removed, it falls back to English as a whole."""
    kept = []
    for message in list(catalog):
        if not message.id:
            continue  # the header
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(forms):
            catalog.delete(message.id, message.context)
        else:
            kept.append(message.id if isinstance(message.id, str) else message.id[0])
    return kept
