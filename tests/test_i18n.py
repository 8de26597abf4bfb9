"""Interface strings from gettext catalogues: the catalogues themselves, the plural rules, the
language a page claims, and that a translator's ``.po`` edit is all it takes.

The ``.pot`` is compared with what the documented ``pybabel extract`` command finds now, so a
string added to the code or a template without refreshing the catalogues fails here; the
Estonian catalogue must translate all of it."""

from __future__ import annotations

import copy
import gettext
import pickle
import re
import shlex
import shutil
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

import toolkit.i18n
from toolkit.check.validate import validate
from toolkit.cli import main
from toolkit.i18n import Localised, catalogue, interface_language, keep_lang, translator
from toolkit.load.model import Text
from toolkit.output import templates

from .conftest import ROOT, TESTS, TINY
from .test_changes import AFTER, BEFORE

LOCALE = ROOT / "toolkit" / "i18n" / "locale"
POT = LOCALE / "teekond.pot"
REPORTS_FIXTURE = TESTS / "fixtures" / "analysis"


def read(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po)


def messages(catalog: Catalog) -> dict[tuple[str | None, str], Catalog]:
    """(context, msgid) -> message, the header left out."""
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m
            for m in catalog if m.id}


def forms(message: object) -> tuple[str, ...]:
    string = message.string  # type: ignore[attr-defined]
    return string if isinstance(string, tuple) else (string,)


# -- the catalogues -------------------------------------------------------------------------

def documented_extract_command() -> list[str]:
    """The ``pybabel extract`` command of toolkit/i18n/__init__.py's docstring."""
    doc = toolkit.i18n.__doc__ or ""
    found = re.search(r"pybabel extract ((?:[^\n]*\\\n)*[^\n]*)", doc)
    assert found, "the i18n docstring documents `pybabel extract`"
    return shlex.split(found[1].replace("\\\n", " "))


def test_the_pot_holds_exactly_what_pybabel_extract_finds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = documented_extract_command()
    out = tmp_path / "fresh.pot"
    args[args.index("-o") + 1] = str(out)
    monkeypatch.chdir(ROOT)
    CommandLineInterface().run(["pybabel", "-q", "extract", *args])
    fresh, committed = messages(read(out)), messages(read(POT))
    assert sorted(fresh.keys() - committed.keys(), key=str) == [], (
        "strings in the code that the .pot lacks: run the two commands of "
        "toolkit/i18n/__init__.py and translate the new strings in the Estonian .po")
    assert sorted(committed.keys() - fresh.keys(), key=str) == [], "stale strings in the .pot"
    for key, message in fresh.items():
        assert committed[key].id == message.id, key  # the same plural
        assert set(committed[key].flags) == set(message.flags), key  # python-format
    assert len(fresh) > 300


def test_every_string_asked_for_at_run_time_is_in_the_pot(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Catches what no extractor sees: a gettext call inside an f-string, a msgid built at
    run time. Builds the sites and reports of two fixtures, an interim summary and the
    analysis table in Estonian, recording every string the code asks the catalogue for."""
    asked: set[tuple[str | None, str]] = set()

    def recording(name: str, context: bool):  # type: ignore[no-untyped-def]
        original = getattr(gettext.GNUTranslations, name)

        def wrapper(self, *args):  # type: ignore[no-untyped-def]
            asked.add((args[0], args[1]) if context else (None, args[0]))
            return original(self, *args)
        return wrapper

    for name, context in (("gettext", False), ("ngettext", False), ("pgettext", True),
                          ("npgettext", True)):
        monkeypatch.setattr(gettext.GNUTranslations, name, recording(name, context))
    catalogue._translator.cache_clear()  # new translators bind the recording methods
    try:
        build(TINY, tmp_path / "tiny", "et")
        build(REPORTS_FIXTURE, tmp_path / "reports", "et")
        runner = CliRunner()
        result = runner.invoke(main, ["report", "interim", str(AFTER), "--period", "2025-q2",
                                      "--since", str(BEFORE), "--out", str(tmp_path / "i"),
                                      "--lang", "et"])
        assert result.exit_code == 0, result.output
        result = runner.invoke(main, ["analyze", str(REPORTS_FIXTURE), "--lang", "et"])
        assert result.exit_code == 0, result.output
    finally:
        catalogue._translator.cache_clear()
    assert sorted(asked - messages(read(POT)).keys(), key=str) == []
    assert len(asked) > 250


def test_the_estonian_catalogue_translates_every_string_and_nothing_is_fuzzy() -> None:
    et, pot = read(LOCALE / "et" / "LC_MESSAGES" / "teekond.po"), read(POT)
    assert messages(et).keys() == messages(pot).keys()
    assert not et.fuzzy
    untranslated = [key for key, m in messages(et).items() if not all(forms(m))]
    fuzzy = [key for key, m in messages(et).items() if m.fuzzy]
    assert untranslated == [] and fuzzy == []
    assert list(et.obsolete) == []
    assert et.num_plurals == 2
    assert list(et.check()) == []  # Babel's checks: placeholders, number of plural forms


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_russian_and_ukrainian_catalogues_are_empty_with_cldr_plural_rules(lang: str) -> None:
    po = read(LOCALE / lang / "LC_MESSAGES" / "teekond.po")
    assert messages(po).keys() == messages(read(POT)).keys()
    assert all(not any(forms(m)) for m in messages(po).values())
    assert po.num_plurals == 3
    assert po.plural_forms == Catalog(locale=lang).plural_forms  # Babel's CLDR rule
    assert interface_language(lang) == "en"
    assert translator(lang).gettext("Journeys") == "Journeys"
    assert translator(lang).pgettext("status", "idea") == "idea"


def test_languages_without_translations_speak_english() -> None:
    assert interface_language("et") == "et"
    assert interface_language("en") == "en"
    assert interface_language("fr") == "en"  # no catalogue at all
    assert toolkit.i18n.translated_languages() == ("en", "et")


@pytest.mark.parametrize(("lang", "expected"), [
    ("et", ["etapp", "etappi", "etappi", "etappi"]),
    ("en", ["stage", "stages", "stages", "stages"]),
    # untranslated: English as a whole, never the English forms under the Russian rule
    # (which would give "21 stage")
    ("ru", ["stage", "stages", "stages", "stages"]),
])
def test_plurals_follow_the_language(lang: str, expected: list[str]) -> None:
    ngettext = translator(lang).ngettext
    assert [ngettext("stage", "stages", n) for n in (1, 2, 5, 21)] == expected


def test_estonian_words_of_vocabularies_emotions_and_languages() -> None:
    et = translator("et")
    assert et.word("newcomer") == "Uussisserändajad (18+)"
    assert (et.word("none"), et.word("level-none")) == ("puudub", "ei oska")  # two contexts
    assert et.word("level-B2") == "B2"
    assert et.word("not-a-value") == "not-a-value"
    assert et.emotion_word(-2) == "väga halb"
    assert (et.language_name("en"), et.language_name("xx")) == ("inglise", "XX")
    assert et.pgettext("column", "severity") == "raskus"
    assert et.gettext("severity") == "severity"  # no plain msgid of that name


def test_localised_text_keeps_its_language() -> None:
    text = Localised("Saabumine", "et")
    assert text == "Saabumine" and text.lang == "et"
    assert copy.deepcopy(text).lang == "et"
    assert pickle.loads(pickle.dumps(text)).lang == "et"
    assert type(text.upper()) is str  # any operation: plain text
    assert keep_lang("Saab…", text).lang == "et"  # type: ignore[attr-defined]
    assert type(keep_lang("plain", "plain")) is str
    assert Text({"en": "Arrival", "et": "Saabumine"}).lang_of("ru", "et") == "et"


# -- the pages of a language nobody has translated yet --------------------------------------

class _Page(HTMLParser):
    """Every text node of a page with the ``lang`` of its nearest element that has one.

    Skipped: ``<title>`` (its content cannot hold markup, and a mixed-language title cannot
    be marked), the SVG that ``dot`` drew (a diagram, its words and names in one image),
    ``<script>`` and ``<style>``."""

    VOID = {"meta", "link", "img", "br", "input", "hr", "col", "source"}
    SKIP = {"title", "script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []
        self.texts: list[tuple[str, str | None]] = []
        self.html_lang: str | None = None
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.attributes.extend(v for v in found.values() if v)
        if tag == "html":
            self.html_lang = found.get("lang")
        skipped = bool(self.stack and self.stack[-1][2]) or tag in self.SKIP or (
            tag == "figure" and any(c in (found.get("class") or "").split()
                                    for c in ("flow-figure", "flow-overview")))
        if tag not in self.VOID:
            self.stack.append((tag, found.get("lang"), skipped))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.extend(v for _, v in attrs if v)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and not (self.stack and self.stack[-1][2]):
            lang = next((lang for _, lang, _ in reversed(self.stack) if lang), None)
            self.texts.append((" ".join(data.split()), lang))


def yaml_texts(workspace: Path, lang: str) -> dict[str, str]:
    """Every localised text of the workspace as a ``lang`` page shows it -> the language it
    is really in (the page's, else the default language's, else any)."""
    ws = validate(workspace).workspace
    found: dict[str, str] = {}
    for obj in ws.objects:
        for value in vars(obj).values():
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, Text):
                    shown = text.get_lang(lang, ws.default_language)
                    found[" ".join(shown.split())] = text.lang_of(lang, ws.default_language)
    return {text: used for text, used in found.items() if len(text) >= 4}


def language_problems(site: Path, workspace: Path, lang: str, interface: str,
                      root: bool = True) -> list[str]:
    """What is wrong with the language marking of the ``lang`` pages of a build (and of the
    root page, which leads to the first language, if ``root``): an ``<html lang>`` that is
    not ``interface``, a text from the YAML whose nearest ``lang`` is not the language it is
    in, markup inside an attribute value."""
    texts, problems, seen = yaml_texts(workspace, lang), [], set()
    pages = sorted((site / lang).rglob("*.html")) + ([site / "index.html"] if root else [])
    for page in pages:
        parser = _Page()
        parser.feed(page.read_text(encoding="utf-8"))
        name = page.relative_to(site).as_posix()
        if parser.html_lang != interface:
            problems.append(f"{name}: <html lang={parser.html_lang!r}>")
        problems += [f"{name}: markup in an attribute: {v!r}" for v in parser.attributes
                     if "<" in v]
        for node, marked in parser.texts:
            for text, used in texts.items():
                if text in node:
                    seen.add(text)
                    if marked != used:
                        problems.append(f"{name}: {text!r} is {used}, marked {marked}")
    assert len(seen) >= 10, f"too few texts from the YAML found: {sorted(seen)}"
    return problems


def build(workspace: Path, out: Path, lang: str) -> Path:
    result = CliRunner().invoke(main, ["build", str(workspace), "--out", str(out), "--lang",
                                       lang, "--formats", "svg"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def tiny_ru(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(TINY, tmp_path_factory.mktemp("ru") / "build", "ru")


def test_a_russian_build_claims_english_and_marks_every_text_from_the_yaml(
        tiny_ru: Path) -> None:
    assert language_problems(tiny_ru, TINY, "ru", "en") == []
    for page in tiny_ru.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'lang="ru"' not in html and 'hreflang="ru"' not in html, page
    index = (tiny_ru / "ru" / "index.html").read_text(encoding="utf-8")
    assert "<h2 id=\"journeys-h\">Journeys</h2>" in index
    assert '<h1><span lang="et">Väike tööruum</span></h1>' in index


def test_the_reports_of_a_russian_build_mark_their_texts_too(tmp_path: Path) -> None:
    site = build(REPORTS_FIXTURE, tmp_path / "build", "ru")
    assert (site / "ru" / "reports").is_dir()
    assert language_problems(site, REPORTS_FIXTURE, "ru", "en") == []


def test_the_check_fails_when_the_marking_is_gone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templates, "in_lang", jinja2.pass_context(lambda context, value: value))
    site = build(TINY, tmp_path / "build", "ru")
    problems = language_problems(site, TINY, "ru", "en")
    assert any("'Uussisserändaja teekond' is et, marked en" in p for p in problems), problems


def test_estonian_and_english_pages_mark_only_what_fell_back(tmp_path: Path) -> None:
    site = build(TINY, tmp_path / "build", "all")
    assert language_problems(site, TINY, "et", "et") == []
    assert language_problems(site, TINY, "en", "en", root=False) == []
    assert '<span lang="' not in (site / "en" / "journeys" / "newcomer.html").read_text(
        encoding="utf-8")  # the tiny workspace has every text in both languages


# -- a translator's edit --------------------------------------------------------------------

def test_a_translators_po_edit_changes_the_pages_without_code_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locale = Path(shutil.copytree(LOCALE, tmp_path / "locale"))
    po_path = locale / "ru" / "LC_MESSAGES" / "teekond.po"
    po = read(po_path)
    po.get("Journeys").string = "Маршруты"
    po.get("stage").string = ("этап", "этапа", "этапов")
    po.get("Skip to content").string = "К <содержанию>"  # text, not markup
    with po_path.open("wb") as out:
        write_po(out, po)
    monkeypatch.setattr(catalogue, "LOCALE_DIR", locale)

    ru = translator("ru")
    assert ru.language == "ru" and interface_language("ru") == "ru"
    assert [ru.ngettext("stage", "stages", n) for n in (1, 2, 5, 21)] == [
        "этап", "этапа", "этапов", "этап"]
    assert ru.gettext("Persona card") == "Persona card"  # still English
    assert toolkit.i18n.translated_languages() == ("en", "et", "ru")

    site = build(TINY, tmp_path / "build", "ru")
    index = (site / "ru" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in index
    assert '<h2 id="journeys-h">Маршруты</h2>' in index
    assert '<data value="2" data-figure="journey:newcomer:stages">2</data> этапа' in index
    assert "К &lt;содержанию&gt;" in index
    assert language_problems(site, TINY, "ru", "ru") == []


def test_a_translators_typo_shows_english_with_a_warning_not_a_broken_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    locale = Path(shutil.copytree(LOCALE, tmp_path / "locale"))
    po_path = locale / "ru" / "LC_MESSAGES" / "teekond.po"
    po = read(po_path)
    po.get("in %(language)s").string = "на %(lang)s"  # not the English placeholder
    po.get("Journeys").string = "Маршруты 100%"  # a % in a string without placeholders
    with po_path.open("wb") as out:
        write_po(out, po)
    monkeypatch.setattr(catalogue, "LOCALE_DIR", locale)

    with caplog.at_level("WARNING"):
        ru = translator("ru")
    assert ru.gettext("in %(language)s") == "in %(language)s"
    assert "the translation of 'in %(language)s' is not used" in caplog.text
    assert "teekond.po:" in caplog.text  # names the file and line
    site = build(TINY, tmp_path / "build", "ru")
    index = (site / "ru" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="journeys-h">Маршруты 100%</h2>' in index
