"""Interface strings of the rendered outputs: gettext catalogues read with Babel.

One domain, ``teekond``; the msgids are the English strings (English needs no catalogue).
Each language has ``locale/<lang>/LC_MESSAGES/teekond.po`` next to this file; the template
of all strings is ``locale/teekond.pot``. Estonian is complete; Russian and Ukrainian are
there with their CLDR plural rules and empty translations, so they show English until a
translator fills them in. A ``.po`` is read when a build first needs it (no ``.mo`` to
compile), so a translator edits the ``.po`` (with Poedit, or any text editor) and builds.

msgctxt keeps apart words whose English is the same but whose translation is not
(``pgettext("column", "severity")``), and the values of the model's vocabularies
(``target group``, ``channel``, ``level``, ``status``, ``pain kind`` ...). Plurals use
``ngettext`` and the language's ``Plural-Forms``. Placeholders are ``%(name)s`` everywhere,
in Python (``_("Full persona: %(path)s") % {"path": ...}``) as in the templates
(``{{ _("Full persona: %(path)s", path=...) }}``).

After changing strings in the code or the templates, refresh the catalogues from the
repository's root (``babel.cfg`` says which files are Python and which Jinja; ``count`` is
:meth:`toolkit.views.base.ViewContext.count`, whose 3rd and 4th arguments are a noun's
singular and plural)::

    pybabel extract -F babel.cfg -k count:3,4 -c TRANSLATORS: --project teekond \
        --no-location --sort-output -o toolkit/i18n/locale/teekond.pot .
    pybabel update -i toolkit/i18n/locale/teekond.pot -d toolkit/i18n/locale -D teekond \
        --ignore-obsolete

``update`` adds the new strings to every ``.po`` untranslated, and marks ``#, fuzzy`` the
ones whose English changed a little (with the old translation as a guess). Translate the new
ones in ``locale/et/LC_MESSAGES/teekond.po`` and check the fuzzy ones, removing the flag: a
fuzzy or empty translation is shown in English. tests/test_i18n.py fails until the ``.pot``
holds every string the code asks for and Estonian translates every one of them.

A translator of Russian or Ukrainian edits ``locale/ru/LC_MESSAGES/teekond.po`` (or
``uk``): no code changes; the pages of that language then say ``<html lang="ru">``. A new
language: ``pybabel init -i toolkit/i18n/locale/teekond.pot -d toolkit/i18n/locale -D
teekond -l <lang>`` (Babel writes its CLDR plural rule into the header), then translate; a
language teekond does not know yet also needs its code in ``LANGS``
(:mod:`toolkit.load.model`), the languages YAML texts and ``--lang`` accept.

Texts from the YAML are :class:`Localised`: a ``str`` that knows the language it is in, so
the templates can mark those that differ from the page's interface language
(:mod:`toolkit.output.templates`).

This package is a foundation: it imports nothing from the rest of teekond.
"""

from __future__ import annotations

from .catalogue import (
    DOMAIN,
    LOCALE_DIR,
    SOURCE_LANGUAGE,
    Translator,
    catalogue_path,
    interface_language,
    translated_languages,
    translator,
)
from .text import Localised, keep_lang

__all__ = [
    "DOMAIN",
    "LOCALE_DIR",
    "SOURCE_LANGUAGE",
    "Localised",
    "Translator",
    "catalogue_path",
    "interface_language",
    "keep_lang",
    "translated_languages",
    "translator",
]
