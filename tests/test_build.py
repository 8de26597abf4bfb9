"""`teekond build`: golden pages, reproducibility, incremental and atomic writes, clean
errors, template overrides and escaping of hostile text.

Golden pages are rewritten on purpose only: ``python tests/regenerate.py site``."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.site import writer as site_writer
from toolkit.site.cache import MANIFEST, cache_dir

from .conftest import BAD, ROOT, TESTS, TINY, overlay_workspace

GOLDEN_SITE = TESTS / "golden" / "site"
HOSTILE = TESTS / "fixtures" / "hostile"
PAGES = ["index.html"] + [f"{lang}/{page}" for lang in ("et", "en") for page in (
    "index.html", "ecosystem.html", "journeys/newcomer.html", "journeys/newcomer-text.html",
    "journeys/newcomer--tartu.html", "priorities.html", "services.html", "kovs.html",
    "packs/ppa.html", "dashboard.html")]

_DOT_SVG = re.compile(r'(<figure class="flow-(?:figure|overview)"[^>]*>).*?(</figure>)', re.DOTALL)


def golden_text(html: str) -> str:
    """The page with the SVG that ``dot`` drew replaced by a marker: dot's exact coordinates
    belong to the Graphviz version (its DOT input has golden files in test_diagrams)."""
    return _DOT_SVG.sub(r"\1[svg drawn by dot]\2", html)


def build(workspace: Path, out: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", str(workspace), "--out", str(out), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a build (the site only: the stamp and caches live elsewhere)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "build"
    code, output = build(TINY, out)
    assert code == 0, output
    return out


def regenerate() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "build"
        code, output = build(TINY, out)
        assert code == 0, output
        for page in PAGES:
            target = GOLDEN_SITE / page
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(golden_text((out / page).read_text(encoding="utf-8")),
                              encoding="utf-8", newline="\n")
            print(f"golden/site/{page}")


# -- golden pages ------------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES)
def test_golden_page(tiny_site: Path, page: str) -> None:
    expected = (GOLDEN_SITE / page).read_text(encoding="utf-8")
    assert golden_text((tiny_site / page).read_text(encoding="utf-8")) == expected, (
        f"{page} differs from its golden file; if the change is intended run "
        "`python tests/regenerate.py site` and review the diff")


def test_every_page_and_diagram_is_built(tiny_site: Path) -> None:
    files = set(tree(tiny_site))
    for lang in ("et", "en"):
        for name in ("newcomer", "ecosystem"):
            assert {f"{lang}/diagrams/{name}.{fmt}" for fmt in ("svg", "png", "pdf")} <= files
    assert set(PAGES) <= files
    assert "assets/teekond.css" in files


def test_diagram_files_have_their_signatures(tiny_site: Path) -> None:
    assert (tiny_site / "en/diagrams/newcomer.png").read_bytes().startswith(b"\x89PNG\r\n")
    assert (tiny_site / "en/diagrams/newcomer.pdf").read_bytes().startswith(b"%PDF-")
    svg = (tiny_site / "en/diagrams/newcomer.svg").read_bytes()
    assert b"<svg" in svg


def test_svg_fonts_fall_back_to_sans_serif_and_bold_is_a_weight(tiny_site: Path) -> None:
    svg = (tiny_site / "en/diagrams/newcomer.svg").read_text(encoding="utf-8")
    families = set(re.findall(r'font-family="([^"]*)"', svg))
    assert families == {"DejaVu Sans,Verdana,Arial,sans-serif"}
    assert 'font-weight="bold"' in svg


def test_pages_link_only_to_files_in_the_build(tiny_site: Path) -> None:
    for page in PAGES:
        parser = _Collector()
        parser.feed((tiny_site / page).read_text(encoding="utf-8"))
        for url in parser.urls:
            assert not re.match(r"[a-z]+:", url), f"{page} links outside the build: {url}"
            target = url.split("#")[0]
            if target:
                assert ((tiny_site / page).parent / target).resolve().is_file(), (page, url)


def test_files_get_the_umask_mode_not_0600(tiny_site: Path) -> None:
    mask = os.umask(0)
    os.umask(mask)
    mode = stat.S_IMODE((tiny_site / "en/index.html").stat().st_mode)
    assert mode == 0o666 & ~mask


# -- reproducible and incremental --------------------------------------------------------

def test_same_input_gives_byte_identical_output(tmp_path: Path, tiny_site: Path) -> None:
    """Whatever the number of jobs: tiny_site made its PDFs in two worker processes, this
    build makes them one after the other."""
    code, _ = build(TINY, tmp_path / "again", "--jobs", "1")
    assert code == 0
    again = tree(tmp_path / "again")
    assert again == tree(tiny_site)
    pdfs = {name for name in again if name.endswith(".pdf") and "/diagrams/" not in name}
    assert {"en/journeys/newcomer.pdf", "et/personas/cards.pdf"} <= pdfs


def test_noop_rebuild_writes_and_renders_nothing(tmp_path: Path) -> None:
    out = tmp_path / "build"
    build(TINY, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    code, output = build(TINY, out)
    assert code == 0
    assert output.endswith("up to date, nothing changed since the last build\n")
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before


def test_noop_rebuild_loads_no_heavy_module(tmp_path: Path) -> None:
    out = tmp_path / "build"
    build(TINY, out)
    probe = ("import sys, runpy; sys.argv = ['teekond', 'build', sys.argv[1], '--out', "
             "sys.argv[2]]\ntry: runpy.run_module('toolkit', run_name='__main__')\n"
             "except SystemExit: pass\n"
             "print(sorted(m for m in ('pydantic', 'networkx', 'jinja2', 'yaml') "
             "if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", probe, str(TINY), str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "[]", proc.stderr


def test_noop_rebuild_repeats_the_warnings(tiny: Path, tmp_path: Path) -> None:
    add_unused_service(tiny)
    first = build(tiny, tmp_path / "out")[1]
    second = build(tiny, tmp_path / "out")[1]
    assert "up to date" in second
    assert [x for x in first.splitlines() if "C307" in x] == [
        x for x in second.splitlines() if "C307" in x] != []


@pytest.mark.parametrize("change", ["output edited", "output deleted", "template added",
                                    "option changed"])
def test_any_change_makes_a_real_build(tiny: Path, tmp_path: Path, change: str) -> None:
    out = tmp_path / "build"
    build(tiny, out)
    page = out / "en" / "index.html"
    good = page.read_bytes()
    args: list[str] = []
    if change == "output edited":
        page.write_text("edited by hand")
    elif change == "output deleted":
        page.unlink()
    elif change == "template added":
        (tiny / "templates").mkdir()
        (tiny / "templates" / "teekond.css").write_text("body { color: black }")
    else:
        args = ["--formats", "svg,pdf"]  # drops PNG: the pages stay the same
    code, output = build(tiny, out, *args)
    assert code == 0 and "up to date" not in output
    assert page.read_bytes() == good


def test_changing_one_text_rerenders_only_what_shows_it(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build(tiny, out)
    persona = tiny / "personas" / "anna.yaml"
    text = persona.read_text(encoding="utf-8")
    persona.write_text(text.replace("name: Anna", "name: Anne"), encoding="utf-8")
    code, output = build(tiny, out)
    assert code == 0, output
    written = int(re.search(r"(\d+) files written", output).group(1))  # type: ignore[union-attr]
    assert 0 < written < len(tree(out)) - 1


def test_a_removed_journey_disappears_from_the_build(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    second = tiny / "journeys" / "second.yaml"
    text = (tiny / "journeys" / "newcomer.yaml").read_text(encoding="utf-8")
    for ident in ("id: newcomer", "permit-info-hard-to-find", "one-stop-shop", "permit-guide"):
        text = text.replace(ident, f"{ident}-2")
    second.write_text(text, encoding="utf-8")
    mine = out / "notes.txt"
    out.mkdir(parents=True)
    mine.write_text("not teekond's")
    code, output = build(tiny, out)
    assert code == 0, output
    assert (out / "en/journeys/newcomer-2.html").is_file()
    second.unlink()
    code, output = build(tiny, out)
    assert code == 0, output
    assert not (out / "en/journeys/newcomer-2.html").exists()
    assert not (out / "et/diagrams/newcomer-2.svg").exists()
    assert mine.read_text() == "not teekond's"
    assert "newcomer-2" not in (cache_dir(tiny, out) / MANIFEST).read_text(encoding="utf-8")


def test_building_one_language_keeps_the_others(tmp_path: Path) -> None:
    out = tmp_path / "build"
    build(TINY, out)
    code, _ = build(TINY, out, "--lang", "en")
    assert code == 0
    assert (out / "et/journeys/newcomer.html").is_file()


def test_parallel_and_serial_builds_agree(tmp_path: Path) -> None:
    build(TINY, tmp_path / "one", "--jobs", "1")
    build(TINY, tmp_path / "four", "--jobs", "4")
    assert tree(tmp_path / "one") == tree(tmp_path / "four")


def test_an_interrupted_build_leaves_the_previous_one_usable(
        tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "build"
    build(tiny, out)
    previous = tree(out)
    persona = tiny / "personas" / "anna.yaml"
    persona.write_text(persona.read_text(encoding="utf-8").replace("name: Anna", "name: Anne"),
                       encoding="utf-8")
    real_write = site_writer.write_atomic
    calls = 0

    def write_then_die(path: Path, data: str | bytes) -> None:
        nonlocal calls
        calls += path.suffix == ".html"
        if calls == 2:
            raise KeyboardInterrupt  # Ctrl-C in the middle of the build
        real_write(path, data)

    monkeypatch.setattr(site_writer, "write_atomic", write_then_die)
    result = CliRunner().invoke(main, ["build", str(tiny), "--out", str(out)])
    assert calls == 2 and result.exit_code != 0
    assert tree(out) == previous  # the whole previous site, not some pages of the new one


# -- validation first, clean errors -----------------------------------------------------

def test_errors_stop_the_build_and_print_like_validate(tmp_path: Path) -> None:
    ws = overlay_workspace(BAD / "unknown-persona", tmp_path / "ws")
    validate = CliRunner().invoke(main, ["validate", str(ws)])
    code, output = build(ws, tmp_path / "out")
    assert (code, validate.exit_code) == (1, 1)
    assert output == validate.output
    assert not (tmp_path / "out").exists()


def add_unused_service(workspace: Path) -> None:
    catalogue = workspace / "touchpoints" / "catalogue.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        "services:\n", "services:\n  - id: never-used\n    name: {et: Keegi, en: Nobody}\n"
        "    provider: tartu\n", 1), encoding="utf-8")


def test_warnings_are_shown_and_the_build_goes_on(tiny: Path, tmp_path: Path) -> None:
    add_unused_service(tiny)
    code, output = build(tiny, tmp_path / "out")
    assert code == 0, output
    assert "warning C307" in output
    assert (tmp_path / "out/en/index.html").is_file()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert build(TINY, tmp_path / "o", "--formats", "gif")[0] == 2
    assert build(TINY, tmp_path / "o", "--lang", "fr")[0] == 2
    assert build(TINY, tmp_path / "o", "--jobs", "0")[0] == 2
    assert build(tmp_path / "missing", tmp_path / "o")[0] == 2


def test_a_crash_of_dot_is_a_clean_error_naming_the_diagram(tmp_path: Path) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "dot").write_text("#!/bin/sh\nkill -SEGV $$\n")
    (fake / "dot").chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}", "CI": "1"}
    proc = subprocess.run([sys.executable, "-m", "toolkit", "build", str(TINY), "--out",
                           str(tmp_path / "out")], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert re.search(r"error: (journey 'newcomer'(, [a-z0-9-]+)?|ecosystem map) \((et|en)\): "
                     r"dot crashed", proc.stderr), proc.stderr


# -- templates ---------------------------------------------------------------------------

def test_a_workspace_template_overrides_the_default_by_name(tiny: Path, tmp_path: Path) -> None:
    (tiny / "templates").mkdir()
    (tiny / "templates" / "journey_text.html").write_text(
        '{% extends "base.html" %}{% block content %}<p>Our own: {{ journey.title }}</p>'
        "{% endblock %}", encoding="utf-8")
    code, output = build(tiny, tmp_path / "out", "--formats", "svg")
    assert code == 0, output
    page = (tmp_path / "out/en/journeys/newcomer-text.html").read_text(encoding="utf-8")
    assert "<p>Our own: " in page and page.startswith("<!DOCTYPE html>")
    assert "Our own" not in (tmp_path / "out/en/journeys/newcomer.html").read_text()


def test_a_broken_workspace_template_is_a_clean_error(tiny: Path, tmp_path: Path) -> None:
    (tiny / "templates").mkdir()
    (tiny / "templates" / "index.html").write_text("{% block %}", encoding="utf-8")
    code, output = build(tiny, tmp_path / "out", "--formats", "svg")
    assert code == 1
    assert "error: template index.html" in output


# -- hostile text ------------------------------------------------------------------------

class _Collector(HTMLParser):
    """Collects what could execute in a page, and every URL it references."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.executable: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        data_block = tag == "script" and ("type", "application/ld+json") in attrs
        if tag in ("script", "iframe", "object", "embed", "foreignobject", "base",
                   "form") and not data_block:
            self.executable.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.executable.append(f"{tag} {name}=")
            if name in ("href", "src", "xlink:href", "action") and value is not None:
                if value.strip().lower().startswith(("javascript:", "data:text/html")):
                    self.executable.append(f"{tag} {name}={value}")
                if tag != "a" or name != "href" or not value.startswith("#"):
                    self.urls.append(value)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "build"
    code, output = build(HOSTILE, out, "--formats", "svg")
    assert code == 0, output
    return out


def test_hostile_text_builds_with_no_executable_markup(hostile_site: Path) -> None:
    pages = [p for p in hostile_site.rglob("*") if p.suffix in (".html", ".svg")]
    assert len(pages) >= 10
    for page in pages:
        parser = _Collector()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.executable == [], f"{page.relative_to(hostile_site)}: {parser.executable}"


def test_hostile_text_is_shown_escaped_not_dropped(hostile_site: Path) -> None:
    page = (hostile_site / "en/journeys/newcomer.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;pain&#39;)&lt;/script&gt;" in page
    text = (hostile_site / "et/journeys/newcomer-text.html").read_text(encoding="utf-8")
    assert "Infot on raske leida \\N\\G\\l" in text


def test_hostile_text_stays_inside_the_json_ld(hostile_site: Path) -> None:
    """A provider named "Tartu linn </text><script>alert(1)</script>" neither ends the
    schema.org script element nor changes what the JSON says."""
    page = (hostile_site / "et/journeys/newcomer.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(scripts) == 1 and "<" not in scripts[0]
    data = json.loads(scripts[0])
    providers = {s["provider"]["name"] for s in data["@graph"]}
    assert "Tartu linn </text><script>alert(1)</script>" in providers


def test_the_shipped_workspace_builds(tmp_path: Path) -> None:
    out = tmp_path / "build"
    code, output = build(ROOT, out, "--formats", "svg")
    assert code == 0, output
    # per journey its map, its text version and the versions of the 8 partner KOVs
    assert len(list((out / "et" / "journeys").glob("*.html"))) == 3 * (2 + 8)
    shutil.rmtree(out)
