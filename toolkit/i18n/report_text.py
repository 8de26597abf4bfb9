"""Words of the reports (final and interim), per language.

Kept apart from :mod:toolkit.i18n (the site's interface strings) because a report is a
document with its own prose. Estonian and English are complete; Russian and Ukrainian fall
back to English until a translator adds a mapping with every key of en."""

from __future__ import annotations

REPORT: dict[str, dict[str, str]] = {
    "et": {
        # -- titles and navigation --
        "final_title": "Lõimumisteekondade kaardistamise lõpparuanne {year}",
        "interim_title": "Vahekokkuvõte {period}",
        "reports": "Aruanded",
        "reports_intro": "Lõpparuanne koostatakse iga teekond build käiguga; vahekokkuvõtted "
                         "käsuga teekond report interim.",
        "final_report": "Lõpparuanne",
        "interim_report": "Vahekokkuvõte",
        "period": "Periood",
        "due": "Tähtaeg",
        "contents": "Sisukord",
        "summary": "Kokkuvõte",
        "summary_intro": "Aruanne on koostatud teekonna-tööriistaga teekond otse kaardistuse "
                         "YAML-failidest: iga arv on loendatav failides ja iga kitsaskoht, hea "
                         "näide ja ettepanek kannab oma allikat.",
        "s_journeys": "Sihtrühmade teekonnad",
        "s_roles": "Rollide ja ülesannete jaotus huvirühmade lõikes",
        "s_bottlenecks": "Kitsaskohad",
        "s_proposals": "Ettepanekud huvirühmade lõikes",
        "s_practices": "Head näited",
        "s_kovs": "Partner-KOV-id",
        "s_method": "Meetod ja allikad",
        "annex": "Lisa",
        # -- figures --
        "fig_journeys": "teekond|teekonda",
        "fig_personas": "persoona|persoonat",
        "fig_stages": "etapp|etappi",
        "fig_steps": "samm|sammu",
        "fig_pain_points": "kitsaskoht|kitsaskohta",
        "fig_proposals": "ettepanek|ettepanekut",
        "fig_practices": "hea näide|head näidet",
        "fig_kovs": "partner-KOV|partner-KOV-i",
        "fig_services": "teenus|teenust",
        "fig_touchpoints": "kohalik kontaktpunkt|kohalikku kontaktpunkti",
        "fig_owned": "ettepanek vastutajana|ettepanekut vastutajana",
        "fig_roles": "ülesanne teiste ettepanekutes|ülesannet teiste ettepanekutes",
        "n_steps": "samm|sammu",
        "n_services": "teenus|teenust",
        # -- summary --
        "top_bottlenecks": "Viis suurimat kitsaskohta",
        "indicator": "Indikaator",
        "indicator_none": "veel üheski KOV-is",
        "indicator_table": "Sihttase ja tegelik tase aastate kaupa",
        "year": "Aasta",
        "target": "Sihttase",
        "actual": "Tegelik",
        # -- 1. journeys --
        "journeys_intro": "Iga sihtrühma teekond etappide kaupa, selle persoonad ja nende "
                          "emotsioon etappides. Täielik teekonnakaart (kontaktpunktid, "
                          "teenused, kitsaskohad ja ettepanekud sammude kaupa) on saidil.",
        "cross_cutting": "läbib kogu teekonda",
        "emotion_caption": "Persoonade emotsioon teekonna sammudel (−2 väga halb … +2 väga "
                           "hea); vertikaalsed jooned eraldavad etappe.",
        "emotion_table": "persoonade keskmine emotsioon etapis",
        "flow_alt": "Teekonna „{journey}“ vooskeem: etapid, sammud ja kontaktpunktid",
        "flow_caption": "Teekonna vooskeem.",
        "full_map": "Ava täielik teekonnakaart",
        # -- 2. roles --
        "roles_intro": "Huvirühma roll tuleneb kahest allikast: milliseid teenuseid tema "
                       "teenuseosutajad teekonna etappides pakuvad ning millised ülesanded "
                       "talle ettepanekutes on antud (vastutajana või kaasatud osapoolena).",
        "provides": "Pakub teenuseid etappides",
        "owns": "Vastutab ettepanekute eest",
        "tasks": "Ülesanded ettepanekutes",
        "no_role": "Selle huvirühma kohta pole teenuseid ega ülesandeid kirjas.",
        # -- 3. bottlenecks --
        "bottlenecks_intro": "Kitsaskohad on järjestatud valemiga skoor = raskusaste × "
                             "ulatus, kus ulatus on puudutatud sihtrühmade ja persoonade arv "
                             "(vt lisa). Iga kitsaskoha juures on selle allikas ja märge, kas "
                             "see on allikas vaadeldud või alles eeldus.",
        "by_stage": "Kitsaskohad etappide kaupa",
        "chart_stages": "Kitsaskohtade skoor etapiti",
        "by_topic": "Kitsaskohad teemade kaupa",
        "by_service": "Kitsaskohtade koondumine teenustele",
        "by_service_intro": "Kümme teenust, mille juures kitsaskohad enim koonduvad; teenus, "
                            "mida kasutavad mitu teekonda, kaalub rohkem.",
        "provider": "Teenuseosutaja",
        "all_pain_points": "Kõik kitsaskohad järjestatult",
        "pain_order": "Järjestus: raskusaste (suurim enne), siis etapi koht etappide "
                      "järjestuses, siis teekond ja järjekord teekonnas.",
        "score": "Skoor",
        "severity": "Raskusaste",
        "severity_sum": "raskusastmete summa {severity}",
        "pain_count": "Kitsaskohti",
        "addressed_by": "Lahendab",
        "no_proposal": "ettepanek puudub",
        "kovs": "KOV-id",
        "perspective-kov": "KOV-i vaade",
        "perspective-target-group": "sihtrühma vaade",
        # -- 4. proposals --
        "proposals_intro": "Ettepanekud on rühmitatud vastutaja huvirühma järgi. Iga "
                           "ettepaneku juures on vastutaja, staatus, tähtaeg, kitsaskohad, "
                           "mida see lahendab, ja teiste osapoolte ülesanded.",
        "chart_status": "Ettepanekud staatuse järgi",
        "count": "Arv",
        "owner": "Vastutaja",
        "no_owner": "vastutaja määramata",
        "status": "Staatus",
        "target_date": "Tähtaeg",
        "addresses": "Lahendab kitsaskohti",
        # -- 5. practices --
        "no_practices": "Häid näiteid pole veel kirja pandud.",
        # -- 6. KOVs --
        "kovs_intro": "Iga partner-KOV-i leping, osalejad, teenused ning tema kohta kirja "
                      "pandud faktid, kitsaskohad, head näited ja ettepanekud.",
        "staff": "Osalejad",
        "services": "Teenused",
        "kov_pains": "Kitsaskohad, mis on märgitud selle KOV-i kohta",
        "kov_practices": "Head näited",
        "kov_proposals": "Vastutab ettepanekute eest",
        "none": "puudub",
        "not_yet": "veel mitte",
        # -- annex --
        "method_intro": "Kaardistus on kirja pandud YAML-failidena ja kontrollitud käsuga "
                        "teekond validate. Iga kitsaskoht, hea näide ja ettepanek viitab "
                        "allikale; „vaadeldud“ tähendab, et allikas ütleb seda, „eeldus“ on "
                        "hüpotees, mida tuleb sihtrühma uuringu ja töötubadega kontrollida.",
        "evidence_table": "Vaadeldud ja eeldatud kirjed",
        "item": "Kirje",
        "total": "Kokku",
        "observed": "Vaadeldud",
        "assumed": "Eeldus",
        "unsourced": "Allikata",
        "evidence_note": "Kirje loetakse vaadelduks, kui vähemalt üks tema allikatest on "
                         "vaadeldud.",
        "formulas": "Valemid",
        "formula_score": "Skoor = raskusaste × ulatus. Raskusaste on kitsaskohtade "
                         "raskusastmete (1–3) summa; ulatus on puudutatud teekondade "
                         "sihtrühmade arv pluss neid teekondi läbivate persoonade arv. Viigi "
                         "korral otsustab raskusaste, siis tunnus (id).",
        "formula_pain_order": "Üksikud kitsaskohad: raskusaste, siis etapi koht "
                              "etappide järjestuses, siis teekond ja järjekord failis.",
        "formula_roles": "Huvirühm: teenuseosutaja stakeholder_group, selle puudumisel "
                         "tema tase (riik, KOV, vabaühendus …).",
        "sources": "Allikad",
        "source_id": "Tunnus",
        "source_title": "Allikas",
        "source_kind": "Liik",
        "date": "Kuupäev",
        "reference": "Viide",
        "cited": "Viiteid",
        "chart_data": "Joonise andmed",
        "note": "Märkus",
        "evidence": "Allikas",
        "no_evidence": "allikas puudub",
        "kind-seed": "lähtedokument", "kind-workshop": "töötuba", "kind-interview": "intervjuu",
        "kind-survey": "küsitlus", "kind-statistic": "statistika", "kind-web": "veebileht",
        "kind-general-knowledge": "üldteadmine",
        # -- interim --
        "interim_intro": "Mis on kaardistuses muutunud alates {since}: lisatud, eemaldatud ja "
                         "muudetud etapid, sammud, kitsaskohad, head näited ja ettepanekud, "
                         "ettepanekute staatuse muutused ja indikaatori seis; seejärel praegune "
                         "kitsaskohtade järjestus.",
        "compared_with": "Võrdlusalus",
        "no_history": "Võrdlust ei saa teha: {reason} Aruanne näitab ainult praegust seisu. "
                      "Võrdluseks andke --since (git-revisjon või varasema versiooni kaust).",
        "no_changes": "Võrdlusalusega võrreldes pole midagi muutunud.",
        "changes": "Muudatused",
        "changes_table": "Muudatused liikide kaupa",
        "kind": "Liik",
        "added": "Lisatud",
        "removed": "Eemaldatud",
        "changed": "Muudetud",
        "fields": "muutunud väljad",
        "moved": "teisaldatud",
        "transitions": "Ettepanekute staatuse muutused",
        "no_transitions": "Ühegi ettepaneku staatus pole muutunud.",
        "before": "Enne",
        "after": "Nüüd",
        "current_ranking": "Praegune kitsaskohtade järjestus",
        "ranking_intro": "Kitsaskohad praeguses kaardistuses, järjestatud valemiga skoor = "
                         "raskusaste × ulatus (ulatus: puudutatud sihtrühmade ja persoonade "
                         "arv); kümme suurimat koos allikaga.",
        "indicator_progress": "Indikaatori seis",
        "now": "praegu",
        "next_target": "Järgmine sihttase: {target} aastaks {year}.",
        "item-journey": "teekond", "item-stage": "etapp", "item-step": "samm",
        "item-pain point": "kitsaskoht", "item-good practice": "hea näide",
        "item-proposal": "ettepanek", "item-persona": "persoona",
        "item-provider": "teenuseosutaja", "item-service": "teenus",
        "item-touchpoint": "kontaktpunkt",
    },
    "en": {
        "final_title": "Integration journey mapping: final report {year}",
        "interim_title": "Interim summary {period}",
        "reports": "Reports",
        "reports_intro": "The final report is made by every teekond build; interim summaries "
                         "by teekond report interim.",
        "final_report": "Final report",
        "interim_report": "Interim summary",
        "period": "Period",
        "due": "Due",
        "contents": "Contents",
        "summary": "Summary",
        "summary_intro": "This report was written by teekond straight from the mapping's YAML "
                         "files: every number can be counted in the files, and every pain "
                         "point, good practice and proposal carries its source.",
        "s_journeys": "The target groups' journeys",
        "s_roles": "Roles and tasks by stakeholder group",
        "s_bottlenecks": "Bottlenecks",
        "s_proposals": "Proposals by stakeholder group",
        "s_practices": "Good practices",
        "s_kovs": "Partner municipalities",
        "s_method": "Method and sources",
        "annex": "Annex",
        "fig_journeys": "journey|journeys",
        "fig_personas": "persona|personas",
        "fig_stages": "stage|stages",
        "fig_steps": "step|steps",
        "fig_pain_points": "pain point|pain points",
        "fig_proposals": "proposal|proposals",
        "fig_practices": "good practice|good practices",
        "fig_kovs": "partner municipality|partner municipalities",
        "fig_services": "service|services",
        "fig_touchpoints": "local touchpoint|local touchpoints",
        "fig_owned": "proposal it owns|proposals it owns",
        "fig_roles": "task in others' proposals|tasks in others' proposals",
        "n_steps": "step|steps",
        "n_services": "service|services",
        "top_bottlenecks": "The five largest bottlenecks",
        "indicator": "Indicator",
        "indicator_none": "no municipality yet",
        "indicator_table": "Target and actual value by year",
        "year": "Year",
        "target": "Target",
        "actual": "Actual",
        "journeys_intro": "Each target group's journey stage by stage, its personas and "
                          "their emotion in each stage. The full journey map (touchpoints, "
                          "services, pain points and proposals step by step) is on the site.",
        "cross_cutting": "runs through the whole journey",
        "emotion_caption": "The personas' emotion at each step of the journey (−2 very bad … "
                           "+2 very good); vertical lines separate the stages.",
        "emotion_table": "the personas' mean emotion per stage",
        "flow_alt": "Flow diagram of the journey “{journey}”: stages, steps and touchpoints",
        "flow_caption": "The journey's flow diagram.",
        "full_map": "Open the full journey map",
        "roles_intro": "A stakeholder group's role comes from two places: the services its "
                       "providers offer at each stage of the journeys, and the tasks the "
                       "proposals give it (as owner or as a party involved).",
        "provides": "Provides services in the stages",
        "owns": "Owns the proposals",
        "tasks": "Tasks in proposals",
        "no_role": "No services or tasks are recorded for this stakeholder group.",
        "bottlenecks_intro": "Bottlenecks are ranked by score = severity × reach, where reach "
                             "is the number of target groups and personas touched (see the "
                             "annex). Each pain point names its source and whether the source "
                             "observed it or it is still an assumption.",
        "by_stage": "Bottlenecks by stage",
        "chart_stages": "Pain score by stage",
        "by_topic": "Bottlenecks by topic",
        "by_service": "Where pain concentrates on services",
        "by_service_intro": "The ten services where pain points concentrate most; a service "
                            "used by several journeys weighs more.",
        "provider": "Provider",
        "all_pain_points": "All pain points, ranked",
        "pain_order": "Order: severity (highest first), then the stage's place in the stage "
                      "ranking, then the journey and the order within it.",
        "score": "Score",
        "severity": "Severity",
        "severity_sum": "sum of severities {severity}",
        "pain_count": "Pain points",
        "addressed_by": "Addressed by",
        "no_proposal": "no proposal yet",
        "kovs": "Municipalities",
        "perspective-kov": "municipality's view",
        "perspective-target-group": "target group's view",
        "proposals_intro": "Proposals are grouped by their owner's stakeholder group. Each "
                           "names its owner, status, target date, the pain points it "
                           "addresses and the tasks of the other parties.",
        "chart_status": "Proposals by status",
        "count": "Count",
        "owner": "Owner",
        "no_owner": "no owner yet",
        "status": "Status",
        "target_date": "Target date",
        "addresses": "Addresses",
        "no_practices": "No good practices are recorded yet.",
        "kovs_intro": "Each partner municipality's contract, the people taking part, its "
                      "services, and the facts, pain points, good practices and proposals "
                      "recorded for it.",
        "staff": "Taking part",
        "services": "Services",
        "kov_pains": "Pain points recorded for this municipality",
        "kov_practices": "Good practices",
        "kov_proposals": "Owns the proposals",
        "none": "none",
        "not_yet": "not yet",
        "method_intro": "The mapping is kept as YAML files and checked with teekond "
                        "validate. Every pain point, good practice and proposal cites a "
                        "source; “observed” means the source states it, “assumed” is a "
                        "hypothesis still to test with the target-group survey and workshops.",
        "evidence_table": "Observed and assumed items",
        "item": "Item",
        "total": "Total",
        "observed": "Observed",
        "assumed": "Assumed",
        "unsourced": "No source",
        "evidence_note": "An item counts as observed when at least one of its sources "
                         "observed it.",
        "formulas": "Formulas",
        "formula_score": "Score = severity × reach. Severity is the sum of the pain points' "
                         "severities (1–3); reach is the number of target groups of the "
                         "journeys touched plus the number of personas walking them. Ties go "
                         "to the higher severity, then to the id.",
        "formula_pain_order": "Single pain points: severity, then the stage's place in the "
                              "stage ranking, then the journey and the order in the file.",
        "formula_roles": "Stakeholder group: the provider's stakeholder_group, else its "
                         "level (state, municipality, NGO …).",
        "sources": "Sources",
        "source_id": "Id",
        "source_title": "Source",
        "source_kind": "Kind",
        "date": "Date",
        "reference": "Reference",
        "cited": "Cited",
        "chart_data": "Data of the chart",
        "note": "Note",
        "evidence": "Source",
        "no_evidence": "no source",
        "kind-seed": "seed document", "kind-workshop": "workshop", "kind-interview": "interview",
        "kind-survey": "survey", "kind-statistic": "statistic", "kind-web": "web page",
        "kind-general-knowledge": "general knowledge",
        "interim_intro": "What changed in the mapping since {since}: stages, steps, pain "
                         "points, good practices and proposals added, removed or changed, "
                         "proposal status transitions and the indicator; then the current "
                         "ranking of bottlenecks.",
        "compared_with": "Compared with",
        "no_history": "No comparison is possible: {reason} This summary shows the current "
                      "state only. To compare, pass --since (a git revision or a folder "
                      "holding the earlier version).",
        "no_changes": "Nothing changed since the version compared with.",
        "changes": "Changes",
        "changes_table": "Changes by kind",
        "kind": "Kind",
        "added": "Added",
        "removed": "Removed",
        "changed": "Changed",
        "fields": "fields changed",
        "moved": "moved",
        "transitions": "Proposal status transitions",
        "no_transitions": "No proposal changed its status.",
        "before": "Before",
        "after": "Now",
        "current_ranking": "Current ranking of bottlenecks",
        "ranking_intro": "Bottlenecks in the mapping as it is now, ranked by score = severity "
                         "× reach (reach: the target groups and personas touched); the ten "
                         "largest with their sources.",
        "indicator_progress": "Indicator progress",
        "now": "now",
        "next_target": "Next target: {target} by {year}.",
        "item-journey": "journey", "item-stage": "stage", "item-step": "step",
        "item-pain point": "pain point", "item-good practice": "good practice",
        "item-proposal": "proposal", "item-persona": "persona",
        "item-provider": "provider", "item-service": "service",
        "item-touchpoint": "touchpoint",
    },
}


def report_text(lang: str) -> dict[str, str]:
    """The report words of lang (English where a language has none yet)."""
    return REPORT.get(lang, REPORT["en"])
