"""Persona pages, cards, the card sheet and the comparison page.

Built from ``tests/fixtures/cards`` (the tiny workspace with three newcomer personas: one
whose texts overflow a card and lack English, one with a portrait image, one from tiny)
and from the tiny workspace itself (golden HTML). Golden files are rewritten on purpose
only, by ``python tests/regenerate.py cards``; review the diff.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.check.validate import validate
from toolkit.i18n import translator
from toolkit.load.workspace import Workspace
from toolkit.site.builder import BuildReport, build_site
from toolkit.views.base import ViewContext
from toolkit.views.persona import PersonaViews, Shown, clip, initials, shorten

from .conftest import ROOT, TESTS, TINY, analysed, overlay_workspace

CARDS_FIXTURE = TESTS / "fixtures" / "cards"
HOSTILE = TESTS / "fixtures" / "hostile"
GOLDEN = TESTS / "golden" / "cards"
GOLDEN_PAGES = ["anna.html", "anna-card.html", "cards.html", "compare.html"]
"""Pages of tiny's persona ``anna`` kept as golden files, per language."""
A4 = (595.28, 841.89)
A5_LANDSCAPE = (595.28, 419.53)

needs_poppler = pytest.mark.skipif(shutil.which("pdfinfo") is None,
                                   reason="poppler-utils (pdfinfo, pdftotext) not installed")


def loaded(root: Path) -> Workspace:
    result = validate(root)
    assert result.errors == [], [d.to_text() for d in result.errors]
    return result.workspace


def build(root: Path, out: Path) -> BuildReport:
    ws = loaded(root)
    return build_site(ws, out, ws.languages, formats=("svg", "pdf"))


def golden_pages(out: Path) -> dict[str, str]:
    """Golden file name -> text, for the pages of a build of tiny."""
    return {f"{lang}/{page}": (out / lang / "personas" / page).read_text(encoding="utf-8")
            for lang in ("et", "en") for page in GOLDEN_PAGES}


def regenerate() -> None:
    """Rewrite tests/golden/cards from a build of the tiny workspace; review the diff."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        build(TINY, Path(tmp) / "build")
        for name, text in golden_pages(Path(tmp) / "build").items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8", newline="\n")
            print(f"tests/golden/cards/{name}")


# -- fixtures --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cards_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return overlay_workspace(CARDS_FIXTURE, tmp_path_factory.mktemp("cards") / "ws")


@pytest.fixture(scope="module")
def cards_site(cards_ws: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cards-site") / "build"
    build(cards_ws, out)
    return out


@pytest.fixture(scope="module")
def views(cards_ws: Path) -> dict[str, PersonaViews]:
    index, analysis = analysed(loaded(cards_ws))
    return {lang: PersonaViews(ViewContext(index, analysis, lang)) for lang in ("et", "en")}


def persona_view(views: dict[str, PersonaViews], ident: str, lang: str = "en"):  # type: ignore
    pv = views[lang]
    persona = pv.ix.personas[ident]
    return pv.persona(persona)


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                         text=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def page_size(info: dict[str, str]) -> tuple[float, float]:
    width, _, height = info["Page size"].split()[:3]
    return round(float(width), 2), round(float(height), 2)


# -- golden HTML -----------------------------------------------------------------------------

def test_golden_html_of_the_tiny_workspace(tmp_path: Path) -> None:
    build(TINY, tmp_path / "build")
    for name, text in golden_pages(tmp_path / "build").items():
        expected = (GOLDEN / name).read_text(encoding="utf-8")
        assert text == expected, f"{name} differs: run `python tests/regenerate.py cards`"


# -- derived data, computed by hand from tests/fixtures/cards/journeys/newcomer.yaml ---------

def moments(items) -> list[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    return [(m.stage, m.step, m.score) for m in items]


def test_journeys_lows_and_highs_come_from_the_journey(views: dict[str, PersonaViews]) -> None:
    anna, long, mari = (persona_view(views, p) for p in ("anna", "long", "mari"))
    for view in (anna, long, mari):
        assert [(j.id, j.name) for j in view.journeys] == [("newcomer", "Newcomer journey")]
    # anna: -1, 0, +1
    assert moments(anna.lows) == [("Arrival", "Applies for a residence permit", -1)]
    assert moments(anna.highs) == [("Registration", "Registers the residence", 1)]
    # long: -2, -2, +2; equal lows keep journey order
    assert moments(long.lows) == [("Arrival", "Applies for a residence permit", -2),
                                  ("Arrival", "Waits for the decision", -2)]
    assert moments(long.highs) == [("Registration", "Registers the residence", 2)]
    # mari: 0, -1, +2
    assert moments(mari.lows) == [("Arrival", "Waits for the decision", -1)]
    assert moments(mari.highs) == [("Registration", "Registers the residence", 2)]


def test_pain_points_touching_a_persona(views: dict[str, PersonaViews]) -> None:
    """Severity first, then the persona's emotion at the step, then the id; a pain point
    limited to Tartu does not touch Mari, who lives in Pärnu."""
    ranked = {p: [(t.id, t.severity, t.emotion) for t in persona_view(views, p).pains]
              for p in ("anna", "long", "mari")}
    assert ranked["anna"] == [("tartu-queue", 3, -1), ("permit-info-hard-to-find", 2, -1),
                              ("no-status-info", 2, 0)]
    assert ranked["long"] == [("tartu-queue", 3, -2), ("no-status-info", 2, -2),
                              ("permit-info-hard-to-find", 2, -2)]
    assert ranked["mari"] == [("no-status-info", 2, -1), ("permit-info-hard-to-find", 2, 0)]


def test_comparison_of_stage_means(views: dict[str, PersonaViews]) -> None:
    (group,) = views["en"].comparisons()
    assert [p.id for p in group.personas] == ["anna", "long", "mari"]
    assert group.stages == ["Arrival", "Registration"]
    # arrival: anna (-1+0)/2, long (-2-2)/2, mari (0-1)/2; registration: 1, 2, 2
    assert [(r.stage, [v.shown for v in r.values], r.spread.value) for r in group.rows] == [
        ("Arrival", ["-0.5", "-2", "-0.5"], 1.5), ("Registration", ["+1", "+2", "+2"], 1)]
    assert [r.stage for r in group.differ_most] == ["Arrival", "Registration"]
    assert [[p.value for p in c.points] for c in group.chart.curves] == [
        [-0.5, 1], [-2, 2], [-0.5, 2]]
    assert [c.marker for c in group.chart.curves] == ["circle", "square", "triangle"]


# -- shortening --------------------------------------------------------------------------------

def test_shorten_cuts_at_a_word_boundary() -> None:
    assert shorten("short text", 20) == ("short text", False)
    assert shorten("one two three four", 12) == ("one two…", True)
    assert shorten("one two, three", 8) == ("one two…", True)
    assert shorten("  spaced\n  out  ", 20) == ("spaced out", False)
    assert shorten("Supercalifragilistic", 5) == ("Super…", True)
    assert clip([1, 2, 3], 2) == Shown([1, 2], True)
    assert clip([1, 2], 2) == Shown([1, 2], False)
    assert initials("Anna-Liisa Mets") == "AM"
    assert initials('Anna "<img src=x>" \\') == "AS"
    assert initials("") == "?"


def test_long_persona_is_shortened_visibly(views: dict[str, PersonaViews], cards_ws: Path,
                                           cards_site: Path) -> None:
    card = views["en"].card(persona_view(views, "long"))
    assert card.cut and card.goals.cut and card.frustrations.cut and card.quote.cut
    assert len(card.goals.items) == 3 and all(len(g.text) <= 86 for g in card.goals.items)
    html = (cards_site / "en" / "personas" / "long-card.html").read_text(encoding="utf-8")
    assert html.count('class="pc-more" href="long.html#') >= 5
    assert "… continues" in html
    full = (cards_site / "en" / "personas" / "long.html").read_text(encoding="utf-8")
    persona = next(p for p in loaded(cards_ws).personas if p.id == "long")
    for goal in persona.goals:  # the full page shows everything, word for word
        assert " ".join(goal["et"].split()) in " ".join(full.split())


def test_missing_translation_is_marked(cards_site: Path) -> None:
    html = (cards_site / "en" / "personas" / "long-card.html").read_text(encoding="utf-8")
    assert '<span lang="et">Iga kord, kui ma arvan' in html
    assert '<span class="fallback">(in Estonian)</span>' in html
    et = (cards_site / "et" / "personas" / "long-card.html").read_text(encoding="utf-8")
    assert 'class="fallback"' not in et


def test_portrait_image_is_copied_and_placeholder_drawn(cards_site: Path, cards_ws: Path
                                                       ) -> None:
    copied = cards_site / "assets" / "personas" / "mari.png"
    assert copied.read_bytes() == (cards_ws / "personas" / "images" / "mari.png").read_bytes()
    mari = (cards_site / "en" / "personas" / "mari-card.html").read_text(encoding="utf-8")
    assert '<img class="portrait" src="../../assets/personas/mari.png" alt="">' in mari
    long = (cards_site / "en" / "personas" / "long-card.html").read_text(encoding="utf-8")
    assert ">KP</text></svg>" in long and "<img" not in long


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    out = tmp_path / "build"
    build(HOSTILE, out)
    for page in (out / "en" / "personas").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<img src=x" not in html and "<script>" not in html, page.name
        assert "&lt;img src=x onerror=alert(1)&gt;" in html or page.name == "compare.html"


# -- links -----------------------------------------------------------------------------------

def test_cards_and_journeys_link_to_each_other(cards_site: Path) -> None:
    card = (cards_site / "en" / "personas" / "anna-card.html").read_text(encoding="utf-8")
    assert '<a href="../journeys/newcomer.html">Newcomer journey</a>' in card
    journey = (cards_site / "en" / "journeys" / "newcomer.html").read_text(encoding="utf-8")
    for ident in ("anna", "long", "mari"):
        assert f'<a href="../personas/{ident}.html">' in journey
    index = (cards_site / "en" / "index.html").read_text(encoding="utf-8")
    for href in ("personas/anna.html", "personas/anna-card.html", "personas/anna-card.pdf",
                 "personas/cards.html", "personas/cards.pdf", "personas/compare.html"):
        assert f'href="{href}"' in index


# -- PDFs ------------------------------------------------------------------------------------

@needs_poppler
def test_sheet_is_a4_with_two_cards_a_page(cards_site: Path) -> None:
    for lang in ("et", "en"):
        info = pdfinfo(cards_site / lang / "personas" / "cards.pdf")
        assert int(info["Pages"]) == math.ceil(3 / 2)
        assert page_size(info) == A4


@needs_poppler
def test_each_card_is_one_a5_page_with_text(cards_site: Path) -> None:
    names = {"anna": "Anna", "long": "Karoliina-Johanna", "mari": "Mari"}
    for lang in ("et", "en"):
        for ident, name in names.items():
            pdf = cards_site / lang / "personas" / f"{ident}-card.pdf"
            info = pdfinfo(pdf)
            assert (int(info["Pages"]), page_size(info)) == (1, A5_LANDSCAPE), pdf.name
            text = subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                  capture_output=True, text=True).stdout
            assert name in text


def test_pdfs_hold_no_local_path(cards_site: Path) -> None:
    """Links become text in the PDF: WeasyPrint would write them as file:// URLs."""
    for pdf in (cards_site / "en" / "personas").glob("*.pdf"):
        data = pdf.read_bytes()
        assert b"file:" not in data and str(cards_site).encode() not in data, pdf.name


def test_same_input_same_bytes_and_no_second_render(cards_ws: Path, cards_site: Path,
                                                    tmp_path: Path) -> None:
    """A build into another folder gives byte-identical files; a rebuild into the same
    folder writes nothing and runs WeasyPrint not at all."""
    other = tmp_path / "elsewhere"
    build(cards_ws, other)
    files = sorted(p.relative_to(cards_site) for p in cards_site.rglob("*")
                   if p.is_file() and ".cache" not in p.parts)
    assert files == sorted(p.relative_to(other) for p in other.rglob("*")
                           if p.is_file() and ".cache" not in p.parts)
    for rel in files:
        assert (cards_site / rel).read_bytes() == (other / rel).read_bytes(), rel
    again = build(cards_ws, other)
    assert (again.pdfs, again.written) == (0, [])


def test_a_text_change_renders_only_what_changed(cards_ws: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(cards_ws, ws)
    out = tmp_path / "build"
    first = build(ws, out)
    # a card per persona and language, a sheet per language, the journey map per language,
    # the partner pack of each of the two providers per language
    assert first.pdfs == 3 * 2 + 2 + 2 + 2 * 2
    path = ws / "personas" / "mari.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("I just want", "I only want"),
                    encoding="utf-8")
    assert build(ws, out).pdfs == 2  # Mari's English card and the English sheet


# -- paper: no "continues", the page's address when the site's address is known --------------

SITE_URL = "https://example.org/teekond/"


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                         text=True).stdout
    return " ".join(out.split())


def with_site_url(ws: Path, into: Path, url: str = SITE_URL) -> Path:
    shutil.copytree(ws, into)
    settings = into / "teekond.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("organisation:", f"site_url: {url}\norganisation:", 1),
                        encoding="utf-8")
    return into


@pytest.fixture(scope="module")
def addressed_site(cards_ws: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("addressed")
    out = base / "build"
    build(with_site_url(cards_ws, base / "ws"), out)
    return out


@needs_poppler
def test_a_printed_card_never_says_continues_and_names_no_relative_path(
        cards_site: Path) -> None:
    """Without site_url: a shortened text ends in "…", and no address is printed."""
    for lang, name in (("en", "long-card.pdf"), ("en", "cards.pdf"), ("et", "long-card.pdf")):
        text = pdf_text(cards_site / lang / "personas" / name)
        assert "…" in text
        _ = translator(lang).gettext
        assert _("… continues").strip("… ") not in text, (lang, name)
        assert "personas/" not in text and ".html" not in text, (lang, name)
    html = (cards_site / "en" / "personas" / "long-card.html").read_text(encoding="utf-8")
    assert '<span class="pc-page"> · <a href="long.html">Full persona</a></span>' in html


@needs_poppler
def test_with_site_url_a_printed_card_names_its_page_and_shows_a_qr_code(
        addressed_site: Path) -> None:
    import segno

    for lang in ("et", "en"):
        for ident in ("anna", "long", "mari"):
            address = f"{SITE_URL}{lang}/personas/{ident}.html"
            pdf = addressed_site / lang / "personas" / f"{ident}-card.pdf"
            assert pdfinfo(pdf)["Pages"].strip() == "1", pdf  # still one A5 page
            text = pdf_text(pdf)
            assert address in text
            assert translator(lang).gettext("… continues").strip("… ") not in text
            html = pdf.with_suffix(".html").read_text(encoding="utf-8")
            qr = segno.make(address, error="m").svg_inline(
                scale=1, border=2, omitsize=True, svgclass="pc-qr", lineclass=None,
                dark="#1b1f24", light="#ffffff")
            assert qr.replace("<svg ", '<svg aria-hidden="true" focusable="false" ') in html
    sheet = pdf_text(addressed_site / "en" / "personas" / "cards.pdf")
    assert sheet.count(f"{SITE_URL}en/personas/") == 3


def test_site_url_must_be_an_http_address(tmp_path: Path) -> None:
    for url in ("ftp://example.org/", "example.org", "https://example.org/a b",
                "https://example.org/?q=1"):
        ws = with_site_url(TINY, tmp_path / f"ws{abs(hash(url))}", url)
        diagnostics = [d.to_text() for d in validate(ws).errors]
        assert len(diagnostics) == 1, diagnostics
        assert diagnostics[0].startswith("teekond.yaml:")
        assert f"S107 'site_url': '{url}' is not an http or https address" in diagnostics[0]
    ok = with_site_url(TINY, tmp_path / "ok", "http://localhost:8000/site")
    assert validate(ok).errors == []


# -- comparison: goals, needs, languages and channels ----------------------------------------

def test_comparison_sets_languages_and_channels_side_by_side(
        views: dict[str, PersonaViews], cards_site: Path) -> None:
    """anna (tiny): en C1, web; long: ru, uk, en B1, et A2, de, fi and seven channels;
    mari: et B2, in person and phone."""
    (c,) = views["en"].ctx.analysis.comparisons
    assert c.personas == ("anna", "long", "mari")
    assert [(s.value, s.personas, s.by_all) for s in c.languages] == [
        ("en", ("anna", "long"), False), ("et", ("long", "mari"), False),
        ("ru", ("long",), False), ("uk", ("long",), False), ("de", ("long",), False),
        ("fi", ("long",), False)]
    assert [(s.value, len(s.personas)) for s in c.channels] == [
        ("web", 2), ("phone", 2), ("in-person", 2), ("email", 1), ("social-media", 1),
        ("print", 1), ("event", 1)]
    assert not any(s.by_all for s in c.channels)
    html = (cards_site / "en" / "personas" / "compare.html").read_text(encoding="utf-8")
    table = html[html.index('class="kov-table compare-profiles"'):]
    table = table[:table.index("</table>")]
    for row in ("Goals", "Needs", "Languages", "Preferred channels"):
        assert f'<th scope="row">{row}</th>' in table
    assert "Register her residence" in table and "English: C1" in table
    assert "no common language" in html and "no common channel" in html
    assert 'id="group-all"' not in html  # one target group: nothing to compare across


def test_every_persona_is_compared_across_the_target_groups() -> None:
    """The shipped workspace: three target groups, so one more comparison of all six; the
    returnees (Kadri, Marek) both speak Estonian natively and English at C1 and both
    prefer web, social media, e-mail and in person."""
    index, analysis = analysed(loaded(ROOT))
    groups = [c.target_group for c in analysis.comparisons]
    assert groups == ["newcomer", "other-background", "returnee", "all"]
    everyone = analysis.comparisons[-1]
    assert sorted(everyone.personas) == sorted(index.personas)
    returnee = analysis.comparisons[2]
    assert [s.value for s in returnee.languages if s.by_all] == ["et", "en"]
    assert [s.value for s in returnee.channels if s.by_all] == [
        "web", "social-media", "email", "in-person"]
    views = PersonaViews(ViewContext(index, analysis, "en")).comparisons()
    assert views[-1].target_group == "All personas" and views[-1].key == "all"
    assert views[2].common_languages == ["Estonian", "English"]


# -- errors ----------------------------------------------------------------------------------

def test_image_outside_the_workspace_is_a_validation_error(tmp_path: Path) -> None:
    ws = Path(shutil.copytree(TINY, tmp_path / "ws"))
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = ws / "personas" / "anna.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "image: ../secret.png\n",
                    encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "toolkit", "build", str(ws), "--out",
                           str(tmp_path / "build")], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    assert done.returncode == 1
    assert "R206 the image '../secret.png' lies outside the workspace" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert not (tmp_path / "build" / "assets" / "personas").exists()


def test_a_symlink_out_of_the_workspace_is_refused(tmp_path: Path) -> None:
    ws = Path(shutil.copytree(TINY, tmp_path / "ws"))
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (ws / "personas" / "anna.png").symlink_to(tmp_path / "secret.png")
    path = ws / "personas" / "anna.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "image: personas/anna.png\n",
                    encoding="utf-8")
    codes = [d.code for d in validate(ws).errors]
    assert codes == ["R206"]

