"""Every figure agrees: the index, the journey maps, the final report (its KOV sections, its
journeys and totals), the persona pages and `teekond analyze --format json` show the same
number for the same thing, because all of them read it from the analysis.

Pages mark each figure as ``<data value=... data-figure=KEY>``; this test reads every marker
of the built shipped workspace and checks it against the value the analysis' JSON gives for
KEY, so a view that counted on its own (say, a KOV's services by provider only) fails here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from toolkit.cli import main

from .conftest import ROOT

LANGS = ("et", "en")


class Figures(HTMLParser):
    """Collects (key, value) of every ``<data data-figure>`` and the list items under the
    elements with the ids the persona page gives its sections."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self.sections: dict[str, int] = defaultdict(int)
        self.open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "data" and "data-figure" in values:
            self.found.append((values["data-figure"] or "", values.get("value") or ""))
        if tag in ("br", "img", "meta", "link", "input", "line", "circle", "rect", "polygon",
                   "polyline", "path", "hr"):
            return
        self.open.append((tag, values.get("id")))
        if tag == "li":
            for _, ident in self.open[:-1]:
                if ident:
                    self.sections[ident] += 1

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                break


def read(page: Path) -> Figures:
    parser = Figures()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("figures") / "build"
    result = CliRunner().invoke(main, ["build", str(ROOT), "--out", str(out), "--formats", "svg",
                                       "-q"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def analysis() -> dict[str, Any]:
    result = CliRunner().invoke(main, ["analyze", str(ROOT), "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def expected(a: dict[str, Any]) -> dict[str, float | int | None]:
    """Every figure key the pages may show, with its value in the analysis' JSON."""
    found: dict[str, float | int | None] = {}
    for name, value in a["totals"].items():
        found[f"total:{name}"] = value
    for j in a["journeys"]:
        key = f"journey:{j['id']}"
        found.update({f"{key}:stages": len(j["stages"]), f"{key}:personas": len(j["personas"]),
                      f"{key}:steps": j["steps"], f"{key}:pain_points": len(j["pain_points"]),
                      f"{key}:proposals": len(j["proposals"]),
                      f"{key}:practices": len(j["practices"])})
        for s in j["stages"]:
            key = f"stage:{j['id']}/{s['id']}"
            for name in ("steps", "pain_points", "touchpoints", "services"):
                found[f"{key}:{name}"] = len(s[name])
            for group in s["channels"]:
                found[f"{key}:channel:{group['key']}"] = len(group["ids"])
            for group in s["levels"]:
                found[f"{key}:level:{group['key']}"] = len(group["ids"])
            for mean in s["emotion"]:
                found[f"{key}:emotion:{mean['persona']}"] = mean["mean"]
    for k in a["kov_journeys"]:  # a KOV's version of a journey's map
        key = f"journey:{k['journey']}:kov:{k['kov']}"
        for name, local in (("pain_points", "local_pains"), ("proposals", "local_proposals"),
                            ("practices", "local_practices"),
                            ("touchpoints", "local_touchpoints")):
            found[f"{key}:{name}"] = len(k[name])
            found[f"{key}:local_{name}"] = len(k[local])
        for s in k["stages"]:
            key = f"stage:{k['journey']}/{s['id']}:kov:{k['kov']}"
            found[f"{key}:touchpoints"] = len(s["touchpoints"])
            found[f"{key}:services"] = len(s["services"])
            for group in s["channels"]:
                found[f"{key}:channel:{group['key']}"] = len(group["ids"])
    for p in a["bottlenecks"]:
        found[f"pain:{p['id']}:rank"] = p["rank"]
    for k in a["kov_profiles"]:
        for name in ("services", "touchpoints", "pain_points", "practices", "proposals_owned",
                     "role_tasks"):
            found[f"kov:{k['kov']}:{name}"] = len(k[name])
    for p in a["personas"]:
        for mean in p["stage_means"]:
            found[f"persona:{p['id']}:stage:{mean['stage']}:mean"] = mean["mean"]
    for c in a["comparisons"]:
        for row in c["stages"]:
            found[f"comparison:{c['target_group']}:stage:{row['stage']}:spread"] = row["spread"]
    for e in a["evidence"]:
        for name in ("items", "observed", "context", "assumed", "unsourced"):
            found[f"evidence:{e['kind']}:{name}"] = e[name]
    for k in a["source_kinds"]:
        found[f"sources:kind:{k['kind']}"] = len(k["sources"])
    for g in a["proposals_by_group"]:
        for status, count in g["by_status"].items():
            found[f"group:{g['group'] or '-'}:status:{status}"] = count
    for k in a["packs"]:  # a provider's partner pack
        key = f"pack:{k['provider']}"
        for name in ("steps", "pain_points", "top_pains", "proposals", "practices",
                     "top_practices"):
            found[f"{key}:{name}"] = len(k[name])
        found[f"{key}:handoffs"] = sum(len(g["handoffs"]) for g in k["handoffs"])
        for g in k["handoffs"]:
            found[f"{key}:handoffs:{g['direction']}:{g['other']}"] = len(g["handoffs"])
    for g in a["roles"]:
        for line in g["provides"]:
            found[f"group:{g['group']}:stage:{line['stage']}:services"] = len(line["services"])
    for p in a["priorities"]:  # the priorities page and the report's section 7
        key = f"proposal:{p['id']}"
        found.update({f"{key}:priority": p["rank"], f"{key}:score": p["score"],
                      f"{key}:addressed": len(p["pain_points"])})
    for name, answer in (("missing", a["missing_services"]),
                         ("improve", a["improve_services"])):  # items (d) and (f)
        found[f"services:{name}:total"] = len(answer["services"])
        for kind, groups in (("kov", answer["by_kov"]), ("stage", answer["by_stage"])):
            for g in groups:
                found[f"services:{name}:{kind}:{g['key'] or '-'}"] = len(g["services"])
    for row in a["kov_matrix"]:  # the KOV comparison page and the report's section 9
        for kov, services in row["offered"].items():
            found[f"kov-matrix:{row['kind']}:{kov}"] = len(services)
    for m in a["kov_missing"]:
        found[f"kov-missing:{m['kov']}:{m['kind']}"] = len(m["offered_by"])
    for h in a["handoffs"]:
        found[f"handoffs:{h['journey']}:{h['persona']}"] = h["count"]
        found[f"handoffs:{h['journey']}:{h['persona']}:providers"] = len(h["providers"])
    for d in a["statistics"]:  # the dashboard: a value, its change and the source's rank
        for s in d["series"]:
            for p in s["points"]:
                key = f"stat:{d['id']}:{s['kov']}:{p['period']}"
                found[key], found[f"{key}:change"] = p["value"], p["change"]
                found[f"{key}:rank"] = (p["rank_best"] if p["rank_best"] == p["rank_worst"]
                                        else None)
    return found


def number(text: str) -> float | None:
    return None if text == "" else float(text)


def shown(site: Path) -> dict[str, list[tuple[str, str]]]:
    """Page (relative to the site) -> the figures it shows."""
    return {p.relative_to(site).as_posix(): read(p).found for p in sorted(site.rglob("*.html"))}


def test_every_figure_on_every_page_is_the_analysis_figure(site: Path,
                                                           analysis: dict[str, Any]) -> None:
    truth = expected(analysis)
    wrong, unknown = [], []
    for page, figures in shown(site).items():
        for key, value in figures:
            if key not in truth:
                unknown.append(f"{page}: {key}")
            elif number(value) != (None if truth[key] is None else float(truth[key])):
                wrong.append(f"{page}: {key} shows {value}, the analysis says {truth[key]}")
    assert unknown == [], "figures the test does not know: add them to expected()"
    assert wrong == []


def test_the_pages_named_in_the_issue_show_their_figures(site: Path,
                                                         analysis: dict[str, Any]) -> None:
    """Every KOV, journey and stage has its figures on the index and in the final report,
    in each language (so the check above cannot pass by finding no markers)."""
    pages = shown(site)
    for lang in LANGS:
        index = {key for key, _ in pages[f"{lang}/index.html"]}
        report = {key for key, _ in pages[f"{lang}/reports/final-2025.html"]}
        assert {f"evidence:{e['kind']}:context" for e in analysis["evidence"]} <= report
        for k in analysis["kov_profiles"]:
            assert f"kov:{k['kov']}:services" in index
            assert {f"kov:{k['kov']}:{n}" for n in ("services", "touchpoints", "pain_points",
                                                    "practices", "proposals_owned",
                                                    "role_tasks")} <= report
        for j in analysis["journeys"]:
            assert {f"journey:{j['id']}:{n}" for n in ("stages", "personas", "pain_points",
                                                       "proposals")} <= index
            assert {f"journey:{j['id']}:{n}" for n in ("stages", "steps", "pain_points",
                                                       "proposals", "practices")} <= report
            journey_page = {key for key, _ in pages[f"{lang}/journeys/{j['id']}.html"]}
            for s in j["stages"]:
                key = f"stage:{j['id']}/{s['id']}"
                assert {f"{key}:steps", f"{key}:pain_points"} <= report
                assert {f"{key}:emotion:{p}" for p in j["personas"]} <= report
                if s["touchpoints"]:  # the map counts them in "Show all (n)"
                    assert f"{key}:touchpoints" in journey_page
            # the map ranks each of its pain points ("#2 of 74"), as does each KOV version
            assert {f"pain:{p}:rank" for p in j["pain_points"]} <= journey_page
        for k in analysis["kov_journeys"]:
            page = {key for key, _ in pages[f"{lang}/journeys/{k['journey']}--{k['kov']}.html"]}
            key = f"journey:{k['journey']}:kov:{k['kov']}"
            assert {f"{key}:pain_points", f"{key}:local_pain_points"} <= page
            assert {f"pain:{p}:rank" for p in k["pain_points"]} <= page
        for page in ("priorities.html", "reports/final-2025.html"):
            shown_there = {key for key, _ in pages[f"{lang}/{page}"]}
            assert {f"proposal:{p['id']}:score" for p in analysis["priorities"]} <= shown_there
        for page in ("kovs.html", "reports/final-2025.html"):
            shown_there = {key for key, _ in pages[f"{lang}/{page}"]}
            assert {f"handoffs:{h['journey']}:{h['persona']}"
                    for h in analysis["handoffs"]} <= shown_there
        services = {key for key, _ in pages[f"{lang}/services.html"]}
        assert {"services:missing:total", "services:improve:total"} <= services
        compare = {key for key, _ in pages[f"{lang}/personas/compare.html"]}
        assert {f"persona:{p['id']}:stage:{m['stage']}:mean" for p in analysis["personas"]
                for m in p["stage_means"]
                if any(p["id"] in c["personas"] and any(r["stage"] == m["stage"]
                                                        for r in c["stages"])
                       for c in analysis["comparisons"])} <= compare


def test_the_index_counts_a_kovs_services_as_the_analysis_does(site: Path,
                                                               analysis: dict[str, Any]) -> None:
    """The disagreement this test was written for: the index counted a KOV's services by
    provider only (City of Tartu 11, City of Rakvere 14); the analysis also counts the
    services offered there through availability.kovs (13 and 15)."""
    services = dict((key, value) for key, value in shown(site)["en/index.html"]
                    if key.startswith("kov:"))
    assert services["kov:tartu:services"] == "13"
    assert services["kov:rakvere:services"] == "15"
    profiles = {k["kov"]: len(k["services"]) for k in analysis["kov_profiles"]}
    assert (profiles["tartu"], profiles["rakvere"]) == (13, 15)


@pytest.mark.parametrize("lang", LANGS)
def test_persona_pages_list_what_the_analysis_lists(site: Path, analysis: dict[str, Any],
                                                    lang: str) -> None:
    for persona in analysis["personas"]:
        page = read(site / lang / "personas" / f"{persona['id']}.html")
        assert page.sections["journeys"] == len(persona["journeys"])
        assert page.sections["lows"] == len(persona["lows"])
        assert page.sections["highs"] == len(persona["highs"])
        assert page.sections["pains"] == len(persona["pains"])


def test_the_dashboard_shows_the_seed_figures_of_tartu_and_no_zero_for_no_data(
        site: Path) -> None:
    """seed-004 (domain.md §6.2): Tartu's returnees 146, 134, 126 in 2022-2024, 2nd of 79
    each year; §6.1: Rakvere is in neither TOP 5 table, so it has no data there."""
    for lang in ("et", "en"):
        shown_ = dict(read(site / lang / "dashboard.html").found)
        key = "stat:first-registrations.returnee.all:tartu"
        assert [shown_[f"{key}:{year}"] for year in ("2022", "2023", "2024")] == [
            "146", "134", "126"]
        assert [shown_[f"{key}:{year}:rank"] for year in ("2022", "2023", "2024")] == [
            "2", "2", "2"]
        assert [shown_[f"{key}:{year}:change"] for year in ("2023", "2024")] == ["-12", "-8"]
        assert shown_["stat:unstated.not-stated.eu:rakvere:2020/2024"] == ""
        assert shown_["stat:unstated.not-stated.eu:valga:2020/2024"] == "64"
