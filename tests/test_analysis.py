"""`toolkit.analyse.figures` and `teekond analyze`, on a fixture small enough to rank by hand.

The fixture (tests/fixtures/analysis) has two journeys:

- newcomer: target group newcomer, personas anna (Tartu) and boris (Pärnu): reach 1 + 2 = 3
- returnee: target group returnee, persona kati (Tartu): reach 1 + 1 = 2
- both journeys: 2 target groups + 3 personas: reach 5

Pain points (severity, journey, services through the step's touchpoints + ``services:``):

    p1 2 newcomer  ppa-permit                  r1 3 returnee  ppa-permit, mtu-support
    p2 3 newcomer  ppa-permit                  r2 2 returnee  tartu-registration
    p3 1 newcomer  tartu-registration
    p4 3 newcomer  tartu-, parnu-, rakvere-counselling + mtu-support (named)
    p5 1 newcomer  parnu-club, rakvere-club

Score = severity x reach; ties by severity desc, then id asc.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.analyse.analysis import Analysis, analyse
from toolkit.analyse.rankings import Ranked
from toolkit.check.validate import validate
from toolkit.cli import main
from toolkit.graph.index import Index
from toolkit.graph.network import JourneyGraph
from toolkit.views.analysis_text import SECTIONS, to_csv, to_json, to_table

from .conftest import ROOT, TESTS, TINY

FIXTURE = TESTS / "fixtures" / "analysis"


def analysed(root: Path) -> Analysis:
    result = validate(root)
    assert not result.errors
    return analyse(Index(result.workspace))


@pytest.fixture(scope="module")
def a() -> Analysis:
    return analysed(FIXTURE)


def table(items: tuple[Ranked, ...]) -> list[tuple[str, int, int, tuple[str, ...]]]:
    return [(r.id, r.score, r.severity, r.pain_points) for r in items]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["analyze", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# -- the fixture validates -----------------------------------------------------------------

def test_fixture_has_no_errors_and_only_the_intended_gap_warning() -> None:
    result = validate(FIXTURE)
    assert [d.code for d in result.diagnostics] == ["C302"]  # wait-for-card: the step gap


# -- rankings, by hand -----------------------------------------------------------------------

def test_stages(a: Analysis) -> None:
    # arrival      p1 2 + p2 3 + r1 3 = 8, both journeys (5)  -> 40
    # registration p3 1 + p4 3 + r2 2 = 6, both journeys (5)  -> 30
    # community    p5 1, newcomer (3)                         -> 3
    assert table(a.stages) == [("arrival", 40, 8, ("p1", "p2", "r1")),
                               ("registration", 30, 6, ("p3", "p4", "r2")),
                               ("community", 3, 1, ("p5",))]
    assert a.stages[0].target_groups == ("newcomer", "returnee")
    assert a.stages[0].personas == ("anna", "boris", "kati")
    assert a.stages[0].name["en"] == "Arrival"


def test_topics_tie_broken_by_id(a: Analysis) -> None:
    # findability p1 2 + r1 3 = 5, both (5) -> 25;  confusion p3 1 + r2 2 = 3, both -> 15
    # language p2 3 x 3 = 9 and missing-support p4 3 x 3 = 9: a tie, "language" first by id
    assert table(a.topics) == [("findability", 25, 5, ("p1", "r1")),
                               ("confusion", 15, 3, ("p3", "r2")),
                               ("language", 9, 3, ("p2",)),
                               ("missing-support", 9, 3, ("p4",)),
                               ("missing-service", 3, 1, ("p5",))]
    assert a.topics[0].name == {"et": "leitavus", "en": "findability"}


def test_bottleneck_services(a: Analysis) -> None:
    # ppa-permit p1 + p2 + r1 = 8, used by both journeys -> 40
    # mtu-support p4 3 (newcomer, named) + r1 3 (returnee touchpoint) = 6, both -> 30
    # tartu-registration p3 1 + r2 2 = 3, used by both -> 15
    # the three counselling services: p4 3, newcomer only -> 9 each: tie, by id
    # parnu-club and rakvere-club: p5 1 x 3 -> 3 each: tie, by id
    assert table(a.services) == [
        ("ppa-permit", 40, 8, ("p1", "p2", "r1")),
        ("mtu-support", 30, 6, ("p4", "r1")),
        ("tartu-registration", 15, 3, ("p3", "r2")),
        ("parnu-counselling", 9, 3, ("p4",)),
        ("rakvere-counselling", 9, 3, ("p4",)),
        ("tartu-counselling", 9, 3, ("p4",)),
        ("parnu-club", 3, 1, ("p5",)),
        ("rakvere-club", 3, 1, ("p5",)),
    ]


def test_bottleneck_providers_count_each_pain_once(a: Analysis) -> None:
    # ppa 8 x 5 = 40; mtu p4 + r1 = 6 x 5 = 30; tartu p3 + p4 + r2 = 6 x 5 = 30 (tie: mtu
    # first by id; p4 hits two Tartu services but counts once); parnu and rakvere
    # p4 + p5 = 4, newcomer only -> 12 each: tie, by id
    assert table(a.providers) == [("ppa", 40, 8, ("p1", "p2", "r1")),
                                  ("mtu", 30, 6, ("p4", "r1")),
                                  ("tartu", 30, 6, ("p3", "p4", "r2")),
                                  ("parnu", 12, 4, ("p4", "p5")),
                                  ("rakvere", 12, 4, ("p4", "p5"))]


def test_shared_services(a: Analysis) -> None:
    # both used by two journeys; ppa-permit's pain points weigh more (8 > 3)
    assert [(s.id, s.journeys, s.severity) for s in a.shared_services] == [
        ("ppa-permit", ("newcomer", "returnee"), 8),
        ("tartu-registration", ("newcomer", "returnee"), 3)]


def test_handoffs_per_persona(a: Analysis) -> None:
    # kati: ppa-permit-web (ppa) -> mtu-support-phone (mtu) -> tartu-registration-desk: 2
    # anna: ppa, ppa, tartu-registration, tartu-counselling (Pärnu's and Rakvere's not met): 1
    # boris: ppa, ppa, parnu-counselling, parnu-club (Tartu's and Rakvere's not met): 1
    assert [(h.journey, h.persona, h.count, h.providers) for h in a.handoffs] == [
        ("returnee", "kati", 2, ("ppa", "mtu", "tartu")),
        ("newcomer", "anna", 1, ("ppa", "tartu")),
        ("newcomer", "boris", 1, ("ppa", "parnu"))]
    first = a.handoffs[0].handoffs[0]
    assert (first.from_touchpoint, first.to_touchpoint) == ("ppa-permit-web",
                                                            "mtu-support-phone")


def test_gaps(a: Analysis) -> None:
    assert [(g.journey, g.stage, g.step) for g in a.step_gaps] == [
        ("newcomer", "arrival", "wait-for-card")]
    # status order: needs-development, needs-improvement, then exists (named by prop-a)
    assert [(s.id, s.status, s.proposals, s.severity) for s in a.service_needs] == [
        ("parnu-club", "needs-development", ("prop-b",), 1),
        ("tartu-counselling", "needs-improvement", (), 3),
        ("ppa-permit", "exists", ("prop-a",), 8)]
    # clubs: Pärnu and Rakvere (2 KOVs), not Tartu; registration is Tartu's only (1 KOV)
    assert [(m.kov, m.kind, m.offered_by, m.services) for m in a.kov_missing] == [
        ("tartu", "club", ("parnu", "rakvere"), ("parnu-club", "rakvere-club"))]


def test_lacks_by_kind_and_perspective(a: Analysis) -> None:
    assert [(x.kind, x.perspective, x.severity, x.pain_points) for x in a.lacks] == [
        ("findability", "target-group", 5, ("p1", "r1")),
        ("language", "target-group", 3, ("p2",)),
        ("missing-support", "target-group", 3, ("p4",)),
        ("confusion", "target-group", 2, ("r2",)),
        ("confusion", "kov", 1, ("p3",)),
        ("missing-service", "target-group", 1, ("p5",))]


def test_language_gaps(a: Analysis) -> None:
    # anna can use en (C1; et A1 is below B1): Tartu's registration is et only
    # boris can use ru: the permit is offered in et and en (its desk narrows to et)
    # kati (et) has none; parnu-club records no language, so it is never a gap
    assert [(g.persona, g.service, g.usable, g.offered, g.touchpoints)
            for g in a.language_gaps] == [
        ("anna", "tartu-registration", ("en",), ("et",), ("tartu-registration-desk",)),
        ("boris", "ppa-permit", ("ru",), ("en", "et"), ("ppa-permit-desk", "ppa-permit-web"))]


def test_good_practices(a: Analysis) -> None:
    assert [(p.id, p.stage, p.kovs) for p in a.practices] == [
        ("gp-card-by-post", "arrival", ()), ("gp-club-two-languages", "community", ("parnu",)),
        ("gp-one-stop-shop", "registration", ("tartu",))]
    assert [(g.key, g.practices) for g in a.practices_by_kov] == [
        ("", ("gp-card-by-post",)), ("parnu", ("gp-club-two-languages",)),
        ("tartu", ("gp-one-stop-shop",))]
    assert [g.key for g in a.practices_by_stage] == ["arrival", "community", "registration"]


def test_kov_comparison(a: Analysis) -> None:
    assert [(k.kov, k.services, k.kinds, k.journey_model_since) for k in a.kov_profiles] == [
        ("parnu", ("parnu-club", "parnu-counselling"), ("club", "counselling"), None),
        ("rakvere", ("rakvere-club", "rakvere-counselling"), ("club", "counselling"), None),
        ("tartu", ("mtu-support", "tartu-counselling", "tartu-registration"),
         ("counselling", "mtu-support", "registration"), 2026)]
    assert [(r.kind, sorted(r.offered)) for r in a.kov_matrix] == [
        ("counselling", ["parnu", "rakvere", "tartu"]), ("club", ["parnu", "rakvere"]),
        ("mtu-support", ["tartu"]), ("registration", ["tartu"])]


def test_roles_per_stakeholder_group(a: Analysis) -> None:
    by_group = {r.group: r for r in a.roles}
    assert list(by_group) == ["state", "kov", "ngo", "implementer"]
    assert by_group["state"].owns == ("prop-a",)  # ppa is a state provider
    assert by_group["kov"].owns == ("prop-b",)  # owner is the group itself
    assert by_group["implementer"].owns == ("prop-c",)  # elvl: stakeholder_group implementer
    assert [(t.proposal, t.stakeholder) for t in by_group["kov"].tasks] == [
        ("prop-a", "tartu"), ("prop-c", "kov")]
    assert [(s.stage, s.services) for s in by_group["ngo"].provides] == [
        ("arrival", ("mtu-support",))]
    assert [s.stage for s in by_group["kov"].provides] == ["registration", "community"]


def test_pipeline_and_indicator(a: Analysis) -> None:
    assert {s.status: s.proposals for s in a.pipeline if s.proposals} == {
        "idea": ("prop-a", "prop-c"), "pilot": ("prop-b",)}
    assert a.pipeline[0].status == "idea"
    assert [(o.owner, o.group, o.by_status) for o in a.pipeline_by_owner] == [
        ("elvl", "implementer", {"idea": 1}), ("kov", "kov", {"pilot": 1}),
        ("ppa", "state", {"idea": 1})]
    assert a.indicator.kovs == ("tartu",)
    assert [(y.year, y.target, y.actual) for y in a.indicator.years] == [(2025, 0, 0),
                                                                         (2029, 2, 1)]


# -- journey maps: top bottlenecks, services by use, KOV versions ---------------------------

def test_a_journeys_top_pains_follow_the_bottleneck_ranking(a: Analysis) -> None:
    # bottlenecks: p2, r1, p4, p1, r2, p3, p5 (severity, then stage rank, then journey)
    assert [(p.id, p.rank) for p in a.bottlenecks] == [
        ("p2", 1), ("r1", 2), ("p4", 3), ("p1", 4), ("r2", 5), ("p3", 6), ("p5", 7)]
    assert a.journey("newcomer").top_pains == ("p2", "p4", "p1", "p3", "p5")
    assert a.journey("returnee").top_pains == ("r1", "r2")
    assert {p.evidence for p in a.bottlenecks} == {"assumed"}  # every source is assumed
    assert a.journey("newcomer").map_proposals == ("prop-a", "prop-b")


def variant(tmp: Path) -> Analysis:
    """The fixture with what a KOV's version of a map leaves out or marks: p5 limited to
    Tartu (kovs: [tartu]), p2 observed, a proposal owned by Tartu (prop-d, for p3 and p5), and
    Tartu's counselling desk also at the step "register" (two steps use it)."""
    ws = Path(shutil.copytree(FIXTURE, tmp / "ws"))
    path = ws / "journeys" / "newcomer.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in [
        ("touchpoints: [tartu-registration-desk]",
         "touchpoints: [tartu-registration-desk, tartu-counselling-desk]"),
        ("title: {et: Tartus klubi pole, en: No club in Tartu}\n",
         "title: {et: Tartus klubi pole, en: No club in Tartu}\n            kovs: [tartu]\n"),
        ("en: Service only in Estonian}\n            kind: language\n"
         "            perspective: target-group\n            severity: 3\n"
         "            evidence:\n",
         "en: Service only in Estonian}\n            kind: language\n"
         "            perspective: target-group\n            severity: 3\n"
         "            evidence:\n              - {source: seed-003, status: observed}\n")]:
        assert old in text, old
        text = text.replace(old, new, 1)
    text += ("  - id: prop-d\n    title: {et: Klubi Tartus, en: A club in Tartu}\n"
             "    addresses: [p3, p5]\n    owner: tartu\n    evidence:\n"
             "      - {source: general-knowledge, status: assumed}\n")
    path.write_text(text, encoding="utf-8")
    return analysed(ws)


@pytest.fixture(scope="module")
def v(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    return variant(tmp_path_factory.mktemp("variant"))


def test_a_pains_evidence_status_is_its_strongest_source(v: Analysis) -> None:
    assert v.pain("p2").evidence == "observed"  # an observed and an assumed source
    assert v.pain("p1").evidence == "assumed"


def test_a_stages_services_come_most_used_first(v: Analysis) -> None:
    # registration: tartu-counselling at both steps (register, get-advice); the others
    # at one step each, by id
    assert v.stage("newcomer", "registration").services == (
        "tartu-counselling", "parnu-counselling", "rakvere-counselling", "tartu-registration")
    assert v.stage("returnee", "arrival").services == ("mtu-support", "ppa-permit")


def test_every_journey_has_a_version_for_every_partner_kov(v: Analysis) -> None:
    assert [k.key for k in v.kov_journeys] == [
        (j, k) for j in ("newcomer", "returnee") for k in ("parnu", "rakvere", "tartu")]
    assert v.kovs_of_journey("newcomer") == ("parnu", "rakvere", "tartu")


def test_a_kov_version_shows_what_a_person_there_meets(v: Analysis) -> None:
    parnu = v.kov_journey("newcomer", "parnu")
    # touchpoints: the state's, Pärnu's own; not Tartu's or Rakvere's
    assert parnu.touchpoints == ("ppa-permit-web", "ppa-permit-desk", "parnu-counselling-desk",
                                 "parnu-club-meeting")
    assert parnu.local_touchpoints == ("parnu-counselling-desk", "parnu-club-meeting")
    # p5 is Tartu's; p1-p4 name no KOV, so every KOV has them and none is Pärnu's own
    assert (parnu.pain_points, parnu.local_pains) == (("p1", "p2", "p3", "p4"), ())
    assert parnu.top_pains == ("p2", "p4", "p1", "p3")
    # gp-card-by-post names no KOV; gp-club-two-languages names Pärnu
    assert (parnu.practices, parnu.local_practices) == (
        ("gp-card-by-post", "gp-club-two-languages"), ("gp-club-two-languages",))
    # prop-a (PPA), prop-b (the KOV group) address pain points shown; prop-d addresses p3
    # too, but it is Tartu's
    assert (parnu.proposals, parnu.local_proposals) == (("prop-a", "prop-b"), ())
    community = parnu.stages[2]
    assert (community.touchpoints, community.services, community.pain_points,
            community.proposals) == (("parnu-club-meeting",), ("parnu-club",), (), ())
    registration = parnu.stages[1]
    assert (registration.services, registration.providers, registration.proposals) == (
        ("parnu-counselling",), ("parnu",), ("prop-b",))


def test_a_kov_version_keeps_its_own_pain_points_and_proposals(v: Analysis) -> None:
    tartu = v.kov_journey("newcomer", "tartu")
    assert (tartu.pain_points, tartu.local_pains) == (("p1", "p2", "p3", "p4", "p5"), ("p5",))
    assert (tartu.proposals, tartu.local_proposals) == (("prop-a", "prop-b", "prop-d"),
                                                        ("prop-d",))
    assert tartu.stages[1].services == ("tartu-counselling", "tartu-registration")
    assert tartu.stages[1].proposals == ("prop-b", "prop-d")
    assert tartu.stages[2].touchpoints == ()  # neither club is Tartu's
    assert tartu.stages[2].proposals == ("prop-b", "prop-d")
    assert tartu.practices == ("gp-card-by-post",)
    returnee = v.kov_journey("returnee", "tartu")
    assert returnee.local_touchpoints == ("tartu-registration-desk",)
    assert returnee.local_practices == ("gp-one-stop-shop",)
    assert v.kov_journey("returnee", "parnu").practices == ()


def test_the_full_map_lists_every_proposal_once(v: Analysis) -> None:
    assert v.journey("newcomer").map_proposals == ("prop-a", "prop-b", "prop-d")
    assert v.stage("newcomer", "community").proposals == ("prop-b", "prop-d")
    assert v.stage("newcomer", "registration").proposals == ("prop-b", "prop-d")


def test_names_cover_the_ids_in_the_results(a: Analysis) -> None:
    assert a.names["pain:p1"]["en"] == "Information is hard to find"
    assert a.names["service:ppa-permit"]["et"] == "Elamisluba"
    assert {f"stage:{s.id}" for s in a.stages} <= a.names.keys()


# -- invariants, on random severities and kinds ------------------------------------------

KINDS = ["missing-service", "missing-support", "wording", "findability", "confusion"]


@pytest.fixture(scope="module")
def loaded() -> tuple:
    result = validate(FIXTURE)
    return result.workspace, Index(result.workspace)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(1, 3), st.sampled_from(KINDS)), min_size=7, max_size=7))
def test_rankings_are_sorted_and_add_up(loaded: tuple, values: list[tuple[int, str]]) -> None:
    ws, index = loaded
    pains = [p for j in ws.journeys for s in j.stages for st_ in s.steps
             for p in st_.pain_points]
    for pain, (severity, kind) in zip(pains, values, strict=True):
        pain.severity, pain.kind = severity, kind
    result = analyse(index)
    severity_of = {p.id: p.severity for p in pains}
    total = sum(severity_of.values())
    for ranking in (result.stages, result.topics, result.services, result.providers):
        keys = [(-r.score, -r.severity, r.id) for r in ranking]
        assert keys == sorted(keys)
        for r in ranking:
            assert r.severity == sum(severity_of[p] for p in r.pain_points)
            assert r.score == r.severity * (len(r.target_groups) + len(r.personas))
    for partition in (result.stages, result.topics, result.lacks):
        assert sum(r.severity for r in partition) == total
        assert sorted(p for r in partition for p in r.pain_points) == sorted(severity_of)


# -- the command -----------------------------------------------------------------------------

def test_table_in_english_and_estonian() -> None:
    code, out, _ = run(str(FIXTURE))
    assert code == 0
    assert "Bottleneck services\n===================" in out
    assert "ppa-permit          Residence permit" in out
    code, out, _ = run(str(FIXTURE), "--lang", "et")
    assert code == 0 and "Kitsaskohtadega teenused" in out and "Elamisluba" in out


def test_json_is_deterministic_and_complete(tmp_path: Path) -> None:
    code, first, _ = run(str(FIXTURE), "--format", "json")
    copy = shutil.copytree(FIXTURE, tmp_path / "elsewhere")
    _, second, _ = run(str(copy), "--format", "json")
    assert code == 0 and first == second
    data = json.loads(first)
    assert list(data) == sorted(data)
    assert data["services"][0]["id"] == "ppa-permit"
    assert data["services"][0]["name"] == {"et": "Elamisluba", "en": "Residence permit"}
    assert data["services"][0]["pain_points"] == ["p1", "p2", "r1"]


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_csv_of_every_section_parses(section: str) -> None:
    code, out, _ = run(str(FIXTURE), "--format", "csv", "--section", section)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows and all(len(r) == len(rows[0]) for r in rows)


def test_csv_defaults_to_the_bottleneck_ranking() -> None:
    _, out, _ = run(str(FIXTURE), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["id"], r["score"], r["pain_points"]) for r in rows[:2]] == [
        ("ppa-permit", "40", "p1 p2 r1"), ("mtu-support", "30", "p4 r1")]


def test_invalid_workspace_exits_1_with_the_diagnostics(tmp_path: Path) -> None:
    ws = shutil.copytree(TINY, tmp_path / "ws")
    journey = ws / "journeys" / "newcomer.yaml"
    journey.write_text(journey.read_text().replace("personas: [anna]", "personas: [nobody]"))
    code, out, err = run(str(ws))
    assert code == 1
    assert "journeys/newcomer.yaml:4:" in out and "nobody" in out
    assert "error" in err and "Bottleneck" not in out


@pytest.mark.parametrize("args", [["--format", "xml"], ["--lang", "fi"],
                                  ["--section", "nope"], ["--nope"]])
def test_bad_options_exit_2(args: list[str]) -> None:
    code, _, _ = run(str(FIXTURE), *args)
    assert code == 2


def test_not_a_workspace_exits_2(tmp_path: Path) -> None:
    assert run(str(tmp_path))[0] == 2


def test_writers_agree_with_the_library(a: Analysis) -> None:
    assert run(str(FIXTURE), "--format", "json")[1] == to_json(a) + "\n"
    assert run(str(FIXTURE), "--format", "csv")[1] == to_csv(a)
    assert run(str(FIXTURE))[1] == to_table(a)


# -- the shipped workspace -------------------------------------------------------------------

def test_shipped_workspace_adds_up() -> None:
    result = validate(ROOT)
    ws = result.workspace
    a = analyse(Index(ws))
    severities = {p.id: p.severity for j in ws.journeys for s in j.stages for st_ in s.steps
                  for p in st_.pain_points}
    assert sum(r.severity for r in a.stages) == sum(severities.values())
    assert sum(len(s.proposals) for s in a.pipeline) == sum(len(j.proposals)
                                                            for j in ws.journeys)
    assert len(a.kov_profiles) == 8
    assert run(str(ROOT))[0] == 0


def test_pain_services_match_the_graph() -> None:
    """The index finds a pain point's services as JourneyGraph.services_of_pain does."""
    for root in (FIXTURE, ROOT):
        ws = validate(root).workspace
        index = Index(ws)
        graph = JourneyGraph.from_index(index)
        result = analyse(index)
        found: dict[str, set[str]] = {}
        for service in result.services:
            for pain in service.pain_points:
                found.setdefault(pain, set()).add(service.id)
        for pain, services in found.items():
            expected = {graph.g.nodes[s]["id"] for s in graph.services_of_pain(f"pain:{pain}")}
            assert services == expected


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_hostile_and_empty_workspaces_analyse_without_a_traceback(fmt: str,
                                                                  tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    shutil.copyfile(TINY / "teekond.yaml", empty / "teekond.yaml")
    for root in (TESTS / "fixtures" / "hostile", empty):
        code, out, _ = run(str(root), "--format", fmt)
        assert code == 0 and out


def test_table_of_one_section() -> None:
    code, out, _ = run(str(FIXTURE), "--section", "pipeline")
    assert code == 0
    assert out.splitlines()[:2] == ["Proposal pipeline by status", "=" * 27]
    assert "Stages with the most confusion" not in out
    assert [line.split() for line in out.splitlines()[4:]] == [
        ["idea", "2"], ["quick", "test", "0"], ["prototype", "0"], ["pilot", "1"],
        ["implemented", "0"], ["rejected", "0"]]


def test_the_table_shows_control_characters_from_the_yaml_as_escapes(tiny: Path) -> None:
    """A name with a terminal escape (S109 only warns) is printed as ``\\x1b``, never sent
    to the terminal; CSV and JSON keep the text as it is, for the files they go to."""
    journey = tiny / "journeys" / "newcomer.yaml"
    journey.write_text(journey.read_text(encoding="utf-8").replace(
        "en: Arrival}", 'en: "Arrival\\e]0;pwned\\a"}'), encoding="utf-8")
    code, out, _ = run(str(tiny))
    assert code == 0
    assert "Arrival\\x1b]0;pwned\\x07" in out
    assert "\x1b" not in out and "\x07" not in out
    assert "Arrival\x1b]0;pwned\x07" in json.loads(run(str(tiny), "--format", "json")[1])[
        "stages"][0]["name"]["en"]
