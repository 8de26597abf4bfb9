"""Interface strings of the rendered outputs, per language.

Estonian and English are complete; Russian and Ukrainian fall back to English until a
translator fills them in (add a mapping below: every key of ``en`` is needed)."""

from __future__ import annotations

UI: dict[str, dict[str, str]] = {
    "et": {
        "site_title": "Lõimumisteekonnad",
        "journeys": "Teekonnad",
        "journey": "Teekond",
        "personas": "Persoonad",
        "kovs": "Partner-KOV-id",
        "ecosystem": "Teenuste ökosüsteem",
        "ecosystem_intro": "Teenuseosutajad, nende teenused ja teekonnad, mis neid kasutavad. "
                           "Number teenuse juures on sellega seotud kitsaskohtade raskusastmete "
                           "summa.",
        "language": "Keel",
        "stage": "Etapp",
        "steps": "Sammud",
        "touchpoints": "Kokkupuutepunktid",
        "services": "Teenused (eeslava)",
        "backstage": "Teenuseosutajad (tagalava)",
        "emotion": "Emotsioon",
        "pain_points": "Kitsaskohad",
        "good_practices": "Head näited",
        "proposals": "Parendusettepanekud",
        "owner": "Vastutaja",
        "status": "Staatus",
        "severity": "Raskusaste",
        "flow": "Teekonna vooskeem",
        "download": "Laadi alla",
        "text_version": "Tekstiversioon (ekraanilugejale ja kopeerimiseks)",
        "map_version": "Teekonnakaart",
        "target_group": "Sihtrühm",
        "walks": "Teekonda läbivad persoonad",
        "evidence": "Allikas",
        "observed": "vaadeldud",
        "assumed": "eeldus",
        "addresses": "Lahendab",
        "none": "—",
        "cross_cutting": "läbiv etapp",
        "emotion_scale": "−2 väga halb … +2 väga hea",
        "legend": "Legend",
        "contract": "Leping",
        "participation_council": "Osaluskogu",
        "services_count": "Teenuseid",
        "skip": "Jäta vahele, sisu juurde",
        "generated": "Koostatud tööriistaga teekond",
        "channel": "Kanal",
        "provider": "Osutaja",
        "kov": "KOV",
        "journey_model": "Teekonna mudel rakendatud",
        "not_yet": "veel mitte",
        "show_all": "Näita kõiki",
        "n_stages": "etapp|etappi",
        "n_personas": "persoona|persoonat",
        "n_pain_points": "kitsaskoht|kitsaskohta",
        "n_proposals": "ettepanek|ettepanekut",
    },
    "en": {
        "site_title": "Integration journeys",
        "journeys": "Journeys",
        "journey": "Journey",
        "personas": "Personas",
        "kovs": "Partner municipalities",
        "ecosystem": "Service ecosystem",
        "ecosystem_intro": "Providers, their services and the journeys that use them. The "
                           "number next to a service is the sum of the severities of the pain "
                           "points touching it.",
        "language": "Language",
        "stage": "Stage",
        "steps": "Steps",
        "touchpoints": "Touchpoints",
        "services": "Services (front stage)",
        "backstage": "Providers (back stage)",
        "emotion": "Emotion",
        "pain_points": "Pain points",
        "good_practices": "Good practices",
        "proposals": "Improvement proposals",
        "owner": "Owner",
        "status": "Status",
        "severity": "Severity",
        "flow": "Journey flow diagram",
        "download": "Download",
        "text_version": "Text version (for screen readers and copying)",
        "map_version": "Journey map",
        "target_group": "Target group",
        "walks": "Personas walking this journey",
        "evidence": "Source",
        "observed": "observed",
        "assumed": "assumed",
        "addresses": "Addresses",
        "none": "—",
        "cross_cutting": "runs through the journey",
        "emotion_scale": "−2 very bad … +2 very good",
        "legend": "Legend",
        "contract": "Contract",
        "participation_council": "Participation council",
        "services_count": "Services",
        "skip": "Skip to content",
        "generated": "Made with teekond",
        "channel": "Channel",
        "provider": "Provider",
        "kov": "Municipality",
        "journey_model": "Journey model implemented",
        "not_yet": "not yet",
        "show_all": "Show all",
        "n_stages": "stage|stages",
        "n_personas": "persona|personas",
        "n_pain_points": "pain point|pain points",
        "n_proposals": "proposal|proposals",
    },
}

VOCABULARY: dict[str, dict[str, str]] = {
    "et": {
        "newcomer": "Uussisserändajad (18+)",
        "other-background": "Erineva keele- ja kultuuritaustaga inimesed",
        "returnee": "Tagasipöördujad",
        "in-person": "kohapeal", "web": "veeb", "phone": "telefon", "email": "e-post",
        "social-media": "sotsiaalmeedia", "print": "trükis", "event": "üritus",
        "state": "riik", "kov": "KOV", "ngo": "MTÜ / muu", "international": "rahvusvaheline",
        "private": "erasektor",
        "idea": "idee", "quick-test": "kiirtest", "prototype": "prototüüp", "pilot": "piloot",
        "implemented": "rakendatud", "rejected": "tagasi lükatud",
        "none": "puudub", "mapping": "kaardistamisel", "planned": "kavandatud",
        "set-up": "loodud",
        # analysis: pain kinds, perspectives and service statuses
        "missing-service": "puuduv teenus", "missing-support": "puuduv tugi",
        "wording": "arusaamatu sõnastus", "findability": "leitavus", "confusion": "segadus",
        "language": "keel", "availability": "kättesaadavus", "process": "protsess",
        "capacity": "võimekus", "trust": "usaldus", "target-group": "sihtrühm",
        "exists": "olemas", "needs-improvement": "vajab parendamist",
        "needs-development": "vajab arendamist", "missing-kov-view": "puudub (KOV-i vaade)",
    },
    "en": {
        "newcomer": "Newcomers (18+)",
        "other-background": "People of a different language and cultural background",
        "returnee": "Returnees",
        "in-person": "in person", "web": "web", "phone": "phone", "email": "e-mail",
        "social-media": "social media", "print": "print", "event": "event",
        "state": "state", "kov": "municipality", "ngo": "NGO / other",
        "international": "international", "private": "private",
        "idea": "idea", "quick-test": "quick test", "prototype": "prototype", "pilot": "pilot",
        "implemented": "implemented", "rejected": "rejected",
        "none": "none", "mapping": "mapping", "planned": "planned", "set-up": "set up",
        # analysis: pain kinds, perspectives and service statuses
        "missing-service": "missing service", "missing-support": "missing support",
        "wording": "wording not understandable", "findability": "findability",
        "confusion": "confusion", "language": "language", "availability": "availability",
        "process": "process", "capacity": "capacity", "trust": "trust",
        "target-group": "target group", "exists": "exists",
        "needs-improvement": "needs improvement", "needs-development": "needs development",
        "missing-kov-view": "missing (KOV view)",
    },
}

EMOTION_WORDS: dict[str, dict[int, str]] = {
    "et": {-2: "väga halb", -1: "halb", 0: "neutraalne", 1: "hea", 2: "väga hea"},
    "en": {-2: "very bad", -1: "bad", 0: "neutral", 1: "good", 2: "very good"},
}


def ui(lang: str) -> dict[str, str]:
    """Interface strings for ``lang`` (English where a language has none yet)."""
    return UI.get(lang, UI["en"])


def word(lang: str, value: str) -> str:
    """A vocabulary value (target group, channel, status ...) in ``lang``."""
    return VOCABULARY.get(lang, VOCABULARY["en"]).get(value, value)


def emotion_word(lang: str, value: int) -> str:
    return EMOTION_WORDS.get(lang, EMOTION_WORDS["en"])[value]
