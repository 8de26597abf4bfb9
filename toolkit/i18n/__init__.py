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

A new language: ``pybabel init -i toolkit/i18n/locale/teekond.pot -d toolkit/i18n/locale
-D teekond -l <lang>`` (Babel writes the CLDR plural rule into its header), then translate.
tests/test_i18n.py checks that the ``.pot`` holds every string the code uses and that the
Estonian catalogue translates every one of them.

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
