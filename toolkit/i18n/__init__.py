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
        "reports": "Aruanded",
        # -- persona cards (issue 4) --
        "persona_page": "Persoona",
        "persona_card": "Persoonakaart",
        "persona_cards": "Persoonakaardid",
        "persona_sheet": "Kõik kaardid ühel lehel",
        "persona_sheet_intro": "Kõik persoonakaardid prindiks: A4-leht, kaks A5-kaarti lehel. "
                               "Lõika mööda punktiirjoont.",
        "persona_compare": "Persoonade võrdlus",
        "persona_compare_intro": "Iga sihtrühma persoonade emotsioon etappides, mis on neil "
                                 "ühised. Etapi väärtus on persoona selle etapi sammude "
                                 "emotsioonide keskmine (−2 … +2).",
        "persona_differ_most": "Kõige rohkem erinevad",
        "persona_spread": "Erinevus",
        "persona_no_difference": "Persoonade etapiväärtused ei erine.",
        "persona_one_only": "Selles sihtrühmas on üks persoona; võrrelda pole kellegagi.",
        "persona_no_shared": "Selle sihtrühma persoonadel pole ühiseid etappe.",
        "persona_quote": "Tsitaat",
        "persona_background": "Taust",
        "persona_age": "Vanus",
        "persona_origin": "Päritolu",
        "persona_family": "Pere",
        "persona_lives_in": "Elukoht (KOV)",
        "persona_in_estonia": "Eestis",
        "persona_occupation": "Tegevus",
        "persona_languages": "Keeled",
        "persona_skill": "{language} keel: {level}",
        "persona_digital": "Digioskused",
        "persona_channels": "Eelistatud kanalid",
        "persona_goals": "Eesmärgid",
        "persona_needs": "Vajadused",
        "persona_frustrations": "Pettumused",
        "persona_journeys": "Teekonnad",
        "persona_lows": "Madalpunktid",
        "persona_highs": "Kõrgpunktid",
        "persona_no_lows": "Ühtegi sammu alla neutraalse pole.",
        "persona_no_highs": "Ühtegi sammu üle neutraalse pole.",
        "persona_pains": "Teda puudutavad kitsaskohad",
        "persona_pains_intro": "Kitsaskohad tema teekondade sammudel; KOV-idele piiratud "
                               "kitsaskohtadest ainult tema KOV-i omad. Järjestus: raskusaste, "
                               "siis tema emotsioon selles sammus.",
        "persona_no_pains": "Tema teekondadel pole kitsaskohti.",
        "persona_continues": "… jätkub",
        "persona_continues_label": "Loe edasi persoona lehelt: {name}",
        "persona_full": "Persoona leht",
        "persona_full_at": "Kogu persoona: {path}",
        "persona_fallback": "{language} keeles",
        "persona_composite": "Koondpersoona, mitte päris inimene.",
        "persona_step_emotion": "emotsioon",
        "persona_print": "Prindi või laadi alla",
        "persona_kind": "Liik",
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
        "reports": "Reports",
        # -- persona cards (issue 4) --
        "persona_page": "Persona",
        "persona_card": "Persona card",
        "persona_cards": "Persona cards",
        "persona_sheet": "All cards on one sheet",
        "persona_sheet_intro": "All persona cards for printing: A4 sheets, two A5 cards a "
                               "sheet. Cut along the dotted line.",
        "persona_compare": "Persona comparison",
        "persona_compare_intro": "The emotion of each target group's personas across the "
                                 "stages they share. A stage's value is the mean of the "
                                 "persona's step emotions in that stage (−2 … +2).",
        "persona_differ_most": "They differ most in",
        "persona_spread": "Difference",
        "persona_no_difference": "The personas' stage values do not differ.",
        "persona_one_only": "This target group has one persona; there is no one to compare.",
        "persona_no_shared": "The personas of this target group share no stage.",
        "persona_quote": "Quote",
        "persona_background": "Background",
        "persona_age": "Age",
        "persona_origin": "Origin",
        "persona_family": "Family",
        "persona_lives_in": "Lives in",
        "persona_in_estonia": "In Estonia",
        "persona_occupation": "Occupation",
        "persona_languages": "Languages",
        "persona_skill": "{language}: {level}",
        "persona_digital": "Digital skills",
        "persona_channels": "Preferred channels",
        "persona_goals": "Goals",
        "persona_needs": "Needs",
        "persona_frustrations": "Frustrations",
        "persona_journeys": "Journeys",
        "persona_lows": "Low points",
        "persona_highs": "High points",
        "persona_no_lows": "No step below neutral.",
        "persona_no_highs": "No step above neutral.",
        "persona_pains": "Pain points that touch this persona",
        "persona_pains_intro": "Pain points on the steps of the persona's journeys; of those "
                               "limited to some municipalities, only the ones of the persona's "
                               "municipality. Ranked by severity, then by the persona's "
                               "emotion at that step.",
        "persona_no_pains": "There are no pain points on this persona's journeys.",
        "persona_continues": "… continues",
        "persona_continues_label": "Read on, on the persona page: {name}",
        "persona_full": "Persona page",
        "persona_full_at": "Full persona: {path}",
        "persona_fallback": "in {language}",
        "persona_composite": "A composite persona, not a real person.",
        "persona_step_emotion": "emotion",
        "persona_print": "Print or download",
        "persona_kind": "Kind",
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
        # -- persona cards (issue 4) --
        "digital-low": "madalad", "digital-medium": "keskmised", "digital-high": "head",
        "level-native": "emakeel", "level-none": "ei oska",
        "level-C2": "C2", "level-C1": "C1", "level-B2": "B2", "level-B1": "B1",
        "level-A2": "A2", "level-A1": "A1",
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
        # -- persona cards (issue 4) --
        "digital-low": "low", "digital-medium": "medium", "digital-high": "high",
        "level-native": "native", "level-none": "none",
        "level-C2": "C2", "level-C1": "C1", "level-B2": "B2", "level-B1": "B1",
        "level-A2": "A2", "level-A1": "A1",
    },
}

EMOTION_WORDS: dict[str, dict[int, str]] = {
    "et": {-2: "väga halb", -1: "halb", 0: "neutraalne", 1: "hea", 2: "väga hea"},
    "en": {-2: "very bad", -1: "bad", 0: "neutral", 1: "good", 2: "very good"},
}


LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "et": {"et": "eesti", "en": "inglise", "ru": "vene", "uk": "ukraina", "be": "valgevene",
           "fi": "soome", "de": "saksa", "fr": "prantsuse", "es": "hispaania",
           "nl": "hollandi", "lv": "läti", "lt": "leedu", "pl": "poola", "hi": "hindi"},
    "en": {"et": "Estonian", "en": "English", "ru": "Russian", "uk": "Ukrainian",
           "be": "Belarusian", "fi": "Finnish", "de": "German", "fr": "French",
           "es": "Spanish", "nl": "Dutch", "lv": "Latvian", "lt": "Lithuanian",
           "pl": "Polish", "hi": "Hindi"},
}
"""Names of the languages personas speak (ISO 639-1); a code not listed is shown as is."""


def language_name(lang: str, code: str) -> str:
    """The name of language ``code`` in ``lang`` ("inglise", "English"), else the code."""
    return LANGUAGE_NAMES.get(lang, LANGUAGE_NAMES["en"]).get(code, code.upper())


def ui(lang: str) -> dict[str, str]:
    """Interface strings for ``lang`` (English where a language has none yet)."""
    return UI.get(lang, UI["en"])


def word(lang: str, value: str) -> str:
    """A vocabulary value (target group, channel, status ...) in ``lang``."""
    return VOCABULARY.get(lang, VOCABULARY["en"]).get(value, value)


def emotion_word(lang: str, value: int) -> str:
    return EMOTION_WORDS.get(lang, EMOTION_WORDS["en"])[value]
