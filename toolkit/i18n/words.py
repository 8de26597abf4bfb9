"""The words of the model's vocabularies, of the emotion scores and of language names.

Written as ``pgettext`` calls so that ``pybabel extract`` finds them; the context keeps apart
values of different vocabularies whose English happens to be the same word ("none" is a
participation council's status and a language level; "web" a channel and a source kind).
"""

from __future__ import annotations

from collections.abc import Callable

PGettext = Callable[[str, str], str]

CEFR_LEVELS = ("C2", "C1", "B2", "B1", "A2", "A1")
"""Language levels written the same in every language: codes, not words to translate."""


def vocabulary(pgettext: PGettext) -> dict[str, str]:
    """Vocabulary value (the id the YAML uses) -> its word. A value that two vocabularies
    share with different words has a prefix: ``digital-low``, ``level-none``."""
    return {
        "newcomer": pgettext("target group", "Newcomers (18+)"),
        "other-background": pgettext(
            "target group", "People of a different language and cultural background"),
        "returnee": pgettext("target group", "Returnees"),
        "in-person": pgettext("channel", "in person"),
        "web": pgettext("channel", "web"),
        "phone": pgettext("channel", "phone"),
        "email": pgettext("channel", "e-mail"),
        "social-media": pgettext("channel", "social media"),
        "print": pgettext("channel", "print"),
        "event": pgettext("channel", "event"),
        "state": pgettext("level", "state"),
        "kov": pgettext("level", "municipality"),
        "ngo": pgettext("level", "NGO / other"),
        "international": pgettext("level", "international"),
        "private": pgettext("level", "private"),
        "idea": pgettext("status", "idea"),
        "quick-test": pgettext("status", "quick test"),
        "prototype": pgettext("status", "prototype"),
        "pilot": pgettext("status", "pilot"),
        "implemented": pgettext("status", "implemented"),
        "rejected": pgettext("status", "rejected"),
        "none": pgettext("council status", "none"),
        "mapping": pgettext("council status", "mapping"),
        "planned": pgettext("council status", "planned"),
        "set-up": pgettext("council status", "set up"),
        "missing-service": pgettext("pain kind", "missing service"),
        "missing-support": pgettext("pain kind", "missing support"),
        "wording": pgettext("pain kind", "wording not understandable"),
        "findability": pgettext("pain kind", "findability"),
        "confusion": pgettext("pain kind", "confusion"),
        "language": pgettext("pain kind", "language"),
        "availability": pgettext("pain kind", "availability"),
        "process": pgettext("pain kind", "process"),
        "capacity": pgettext("pain kind", "capacity"),
        "trust": pgettext("pain kind", "trust"),
        "target-group": pgettext("perspective", "target group"),
        "exists": pgettext("service status", "exists"),
        "needs-improvement": pgettext("service status", "needs improvement"),
        "needs-development": pgettext("service status", "needs development"),
        "missing-kov-view": pgettext("service status", "missing (KOV view)"),
        "digital-low": pgettext("digital skills", "low"),
        "digital-medium": pgettext("digital skills", "medium"),
        "digital-high": pgettext("digital skills", "high"),
        "level-native": pgettext("language level", "native"),
        "level-none": pgettext("language level", "none"),
        **{f"level-{code}": code for code in CEFR_LEVELS},
    }


def emotion_words(pgettext: PGettext) -> dict[int, str]:
    """An emotion score (-2 … +2) in words."""
    return {-2: pgettext("emotion", "very bad"), -1: pgettext("emotion", "bad"),
            0: pgettext("emotion", "neutral"), 1: pgettext("emotion", "good"),
            2: pgettext("emotion", "very good")}


def language_names(pgettext: PGettext) -> dict[str, str]:
    """Names of the languages personas speak (ISO 639-1); a code not listed is shown as is."""
    return {
        "et": pgettext("language", "Estonian"), "en": pgettext("language", "English"),
        "ru": pgettext("language", "Russian"), "uk": pgettext("language", "Ukrainian"),
        "be": pgettext("language", "Belarusian"), "fi": pgettext("language", "Finnish"),
        "de": pgettext("language", "German"), "fr": pgettext("language", "French"),
        "es": pgettext("language", "Spanish"), "nl": pgettext("language", "Dutch"),
        "lv": pgettext("language", "Latvian"), "lt": pgettext("language", "Lithuanian"),
        "pl": pgettext("language", "Polish"), "hi": pgettext("language", "Hindi"),
    }
