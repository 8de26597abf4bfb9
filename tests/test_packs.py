"""Partner packs: one short brief per provider (`<lang>/packs/<provider>.html` and its PDF).

The content of the packs of ``tests/fixtures/packs`` is known item by item (two partner
KOVs, a state agency, an NGO with nothing on any journey); the shipped workspace's packs
are checked against a definition of "presence" written here from the YAML, and the Tartu
and PPA packs are printed to check they stay a brief. The golden HTML of the tiny
workspace's PPA pack is in tests/golden/site (tests/test_build.py)."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from toolkit.analyse.analysis import Analysis, analyse
from toolkit.analyse.providers import PACK_TOP_PAINS
from toolkit.check.validate import validated
from toolkit.graph.index import Index
from toolkit.output.templates import environment, static_text
from toolkit.site.builder import contexts
from toolkit.site.packs import CSS
from toolkit.site.pdfs import PdfQueue
from toolkit.site.writer import SiteWriter
from toolkit.views.pack import pack_page, pack_view

from .browser_support import pdf_facts
from .conftest import ROOT, TESTS
from .test_build import build

PACKS = TESTS / "fixtures" / "packs"
LANGS = ("et", "en")
needs_poppler = pytest.mark.skipif(shutil.which("pdfinfo") is None,
                                   reason="poppler-utils (pdfinfo, pdftotext) not installed")


def analysed(root: Path) -> tuple[Index, Analysis]:
    ix = Index(validated(root).workspace)
    return ix, analyse(ix)


@pytest.fixture(scope="module")
def fixture_analysis() -> Analysis:
    return analysed(PACKS)[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("packs") / "build"
    code, output = build(PACKS, out, "--formats", "svg,pdf", "-q")
    assert code == 0, output
    return out


class Page(HTMLParser):
    """The ids of the pain points and proposals a pack lists (in order), its links and its
    text."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "li" and values.get("id"):
            self.ids.append(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read(page: Path) -> Page:
    parser = Page()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


# -- the figures of the packs ------------------------------------------------------------

def test_tartus_pack_holds_its_part_and_nothing_else(fixture_analysis: Analysis) -> None:
    pack = fixture_analysis.pack("tartu")
    # Its one touchpoint is at one step; the PPA's step before it is not Tartu's.
    assert [(s.journey, s.stage, s.step, s.touchpoints) for s in pack.steps] == [
        ("newcomer", "counselling", "get-counselling", ("tartu-desk",))]
    assert [(s.id, s.steps) for s in pack.stages] == [
        ("counselling", ("newcomer/get-counselling",))]
    assert pack.kov_maps == ("newcomer",)
    # Anna (who lives in Tartu) goes from the PPA's web form to Tartu's desk; Kai (Pärnu)
    # never meets Tartu's desk.
    assert [(g.direction, g.other, [(h.from_touchpoint, h.to_touchpoint, h.personas)
                                    for h in g.handoffs]) for g in pack.handoffs] == [
        ("in", "ppa", [("permit-web", "tartu-desk", ("anna",))])]
    # Pain points at its step, severity first; the one limited to Pärnu left out.
    assert pack.pain_points == ("tartu-queue", "hours")
    assert pack.top_pains == pack.pain_points
    # It owns one; the KOV group's proposal addresses its pain point "hours"; Pärnu's own
    # proposal for the same pain point is Pärnu's business.
    assert [(p.id, p.relation, p.pains) for p in pack.proposals] == [
        ("tartu-more-staff", "owner", ("tartu-queue",)), ("shared-hours", "addresses", ("hours",))]
    # Its peers' practice at the same stage, not its own nor one it shares with Pärnu.
    assert pack.practices == ("parnu-evening",)
    assert fixture_analysis.pack("parnu").practices == ("tartu-chat",)


def test_a_state_agencys_pack_lists_its_handoffs_and_its_tasks(
        fixture_analysis: Analysis) -> None:
    pack = fixture_analysis.pack("ppa")
    assert [s.step for s in pack.steps] == ["apply-permit"]
    assert pack.kov_maps == ()
    assert [(g.direction, g.other) for g in pack.handoffs] == [("out", "parnu"), ("out", "tartu")]
    assert pack.pain_points == ("permit-info",)
    assert [(p.id, p.relation) for p in pack.proposals] == [
        ("permit-guide", "owner"), ("tartu-more-staff", "role")]
    assert pack.practices == ()  # no practice at the arrival stage


def test_a_provider_with_nothing_on_any_journey_has_no_pack(fixture_analysis: Analysis) -> None:
    assert [p.provider for p in fixture_analysis.packs] == ["parnu", "ppa", "tartu"]


def test_pack_pains_follow_the_bottleneck_ranking() -> None:
    """On the shipped workspace: each pack's pain points are the workspace's ranking
    filtered, and its top pains the first PACK_TOP_PAINS of them."""
    _, a = analysed(ROOT)
    rank = {p.id: p.rank for p in a.bottlenecks}
    for pack in a.packs:
        ranks = [rank[p] for p in pack.pain_points]
        assert ranks == sorted(ranks), pack.provider
        assert pack.top_pains == pack.pain_points[:PACK_TOP_PAINS]


def test_pack_proposals_follow_relation_then_priority() -> None:
    """On the shipped workspace: a pack lists its proposals by relation (owner, role,
    service, addresses), and within one relation in the priority ranking's order, the
    proposals the ranking leaves out (implemented, rejected) last."""
    _, a = analysed(ROOT)
    relations = ("owner", "role", "service", "addresses")
    rank = {p.id: p.rank for p in a.priorities}
    checked = 0
    for pack in a.packs:
        keys = [(relations.index(p.relation), rank.get(p.id, len(rank) + 1))
                for p in pack.proposals]
        assert keys == sorted(keys), pack.provider
        checked += len(keys) > 1 and len({k[0] for k in keys}) < len(keys)
    assert checked  # some pack has two proposals of one relation, so the order is tested


def test_every_provider_with_a_presence_on_the_shipped_journeys_has_a_pack() -> None:
    """Presence, from the YAML: a touchpoint of one of its services at a step, a pain point
    naming one of its services (or, for a KOV, naming it), or a proposal it owns or has a
    role in."""
    ix, a = analysed(ROOT)
    at_steps = {ix.services[ix.touchpoints[t].service].provider
                for j in ix.journeys.values() for s in j.stages for st in s.steps
                for t in st.touchpoints}
    named = {ix.services[s].provider for at in ix.pains.values() for s in at.pain.services}
    named |= {k for at in ix.pains.values() for k in at.pain.kovs}
    in_proposals = {p.proposal.owner for p in ix.proposals.values()}
    in_proposals |= {r.stakeholder for p in ix.proposals.values() for r in p.proposal.roles}
    present = (at_steps | named | in_proposals) & set(ix.providers)
    assert [p.provider for p in a.packs] == sorted(present)
    assert {"tartu", "ppa", "tootukassa"} <= present


# -- the pages ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_pack_is_built_in_each_language_with_its_pdf(site: Path, lang: str) -> None:
    assert sorted(p.name for p in (site / lang / "packs").iterdir()) == [
        f"{p}.{ext}" for p in ("parnu", "ppa", "tartu") for ext in ("html", "pdf")]


@pytest.mark.parametrize("lang", LANGS)
def test_the_index_links_every_pack_by_stakeholder_group(site: Path, lang: str) -> None:
    html = (site / lang / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="packs-h"'):]
    section = section[:section.index("</section>")]
    links = re.findall(r'href="(packs/[^"]+)"', section)
    assert links == ["packs/ppa.html", "packs/ppa.pdf", "packs/parnu.html", "packs/parnu.pdf",
                     "packs/tartu.html", "packs/tartu.pdf"]
    groups = re.findall(r"<h3>([^<]+)</h3>", section)
    assert groups == (["Riik", "KOV"] if lang == "et" else ["State", "Local government"])
    assert "quiet-ngo" not in section


def test_a_pack_page_lists_its_items_in_the_analysis_order(site: Path,
                                                           fixture_analysis: Analysis) -> None:
    pack = fixture_analysis.pack("tartu")
    page = read(site / "en" / "packs" / "tartu.html")
    assert [i for i in page.ids if i.startswith("pain-")] == [
        f"pain-{p}" for p in pack.top_pains]
    assert [i for i in page.ids if i.startswith("proposal-")] == [
        f"proposal-{p.id}" for p in pack.proposals]
    text = " ".join(" ".join(page.text).split())
    assert "Gets counselling" in text and "Tartu counselling desk (in person)" in text
    assert "Applies for a residence permit" in text  # the handoff from the PPA
    assert "Evening counselling (City of Pärnu)" in text
    assert "Counselling by chat" not in text  # Tartu's own practice
    assert "Only in Estonian" not in text  # Pärnu's pain point
    assert "../journeys/newcomer--tartu.html" in page.links
    assert "Impact: medium · Effort: high · Status: pilot" in text


@pytest.mark.parametrize("lang", LANGS)
def test_yaml_text_in_a_pack_is_escaped(site: Path, lang: str) -> None:
    html = (site / lang / "packs" / "tartu.html").read_text(encoding="utf-8")
    title = "Long queue" if lang == "en" else "Järjekord"
    assert f"{title} &lt;script&gt;&amp;&#34;" in html
    assert "<script" not in html


def test_the_build_of_the_packs_is_reproducible(site: Path, tmp_path: Path) -> None:
    code, output = build(PACKS, tmp_path / "again", "--formats", "svg,pdf", "-q")
    assert code == 0, output
    for lang in LANGS:
        for page in sorted((site / lang / "packs").iterdir()):
            assert page.read_bytes() == (tmp_path / "again" / lang / "packs" /
                                         page.name).read_bytes(), page


@needs_poppler
def test_a_pack_pdf_is_an_a4_brief(site: Path) -> None:
    pages, size, text = pdf_facts(site / "en" / "packs" / "tartu.pdf")
    assert (pages, size) == (1, "595.28 x 841.89")
    assert "Long queue <script>&\"" in text and "More counsellors" in text


@needs_poppler
@pytest.mark.parametrize("provider", ["tartu", "ppa"])
def test_the_shipped_tartu_and_ppa_packs_print_on_a_few_pages(provider: str,
                                                              tmp_path: Path) -> None:
    """The brief stays a brief: the packs of the largest KOV and of the PPA print on at most
    five A4 pages in either language (4 and 3 when this test was written)."""
    ix, a = analysed(ROOT)
    writer = SiteWriter(tmp_path, environment(ix.root))
    for sheet in CSS:
        writer.write(tmp_path / "assets" / sheet, static_text(writer.env, sheet))
    queue = PdfQueue(writer, tmp_path / "cache", True, lambda message: None)
    for ctx, common in contexts(ix, a, list(LANGS), True):
        writer.page(ctx.lang, pack_page(provider), "pack.html", common,
                    pack=pack_view(ctx, a.pack(provider)))
        queue.add(ctx.lang, pack_page(provider), provider, CSS)
    queue.write()
    for lang in LANGS:
        pages, size, _ = pdf_facts(tmp_path / lang / "packs" / f"{provider}.pdf")
        assert 1 <= pages <= 5 and size == "595.28 x 841.89", (lang, pages, size)
