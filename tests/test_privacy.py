"""Personal data in free text: Estonian personal identification codes (isikukood), e-mail
addresses and phone numbers. The numbers of a real programme document (dates, sections,
amounts, head counts, FTE) must never be mistaken for personal data."""

from __future__ import annotations

import datetime as dt
import string
import sys
import time

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.check.privacy import find, is_personal_code

from .conftest import ROOT, TESTS

sys.path.insert(0, str(ROOT / "scripts"))
from privacy_rates import rates  # noqa: E402

# -- an independent implementation of the isikukood check digit -------------------------
# (Estonian standard EVS 585:2007: weights 1..9,1; if the remainder is 10, weights
# 3..9,1,2,3; if that remainder is 10 too, the check digit is 0.)

LEVEL_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1]
LEVEL_2 = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3]


def check_digit(first_ten: str) -> int:
    digits = [int(c) for c in first_ten]
    remainder = sum(d * w for d, w in zip(digits, LEVEL_1, strict=True)) % 11
    if remainder < 10:
        return remainder
    remainder = sum(d * w for d, w in zip(digits, LEVEL_2, strict=True)) % 11
    return remainder if remainder < 10 else 0


CENTURY = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


def make_code(born: dt.date, female: bool, serial: int) -> str:
    base = (born.year // 100) * 100
    first = {1800: 1, 1900: 3, 2000: 5}[base] + int(female)
    ten = f"{first}{born:%y%m%d}{serial:03d}"
    return ten + str(check_digit(ten))


def test_known_published_codes_are_valid() -> None:
    # 37605030299 is the example of the Estonian ID card documentation
    for code in ("37605030299", "49403136526", "38001085718"):
        assert check_digit(code[:10]) == int(code[10])  # the helper agrees
        assert is_personal_code(code)


def test_check_digit_second_level_and_zero_cases_exist_and_are_accepted() -> None:
    """Walk serials until each branch of the algorithm has been met at least once."""
    seen = {"first": None, "second": None, "zero": None}
    for serial in range(1000):
        ten = f"3900101{serial:03d}"
        digits = [int(c) for c in ten]
        first = sum(d * w for d, w in zip(digits, LEVEL_1, strict=True)) % 11
        second = sum(d * w for d, w in zip(digits, LEVEL_2, strict=True)) % 11
        branch = "first" if first < 10 else ("second" if second < 10 else "zero")
        seen[branch] = seen[branch] or ten + str(check_digit(ten))
    assert all(seen.values()), seen
    for code in seen.values():
        assert is_personal_code(code)
        wrong = code[:10] + str((int(code[10]) + 1) % 10)
        assert not is_personal_code(wrong)


@pytest.mark.parametrize("code", [
    "37605030298",  # wrong check digit
    "37605030290",
    "07605030299",  # century digit 0
    "77605030299",  # 7 is not a century digit (yet)
    "97605030299",
    "37613030299",  # month 13
    "37600030299",  # month 0
    "37605000299",  # day 0
    "37605320299",  # day 32
    "3760503029",  # ten digits
    "376050302990",  # twelve digits
    "3760503029a",
    "",
    "3760503029 ",
])
def test_invalid_codes(code: str) -> None:
    assert not is_personal_code(code)


dates = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31))
codes = st.builds(make_code, dates, st.booleans(), st.integers(0, 999))


@given(codes)
def test_generated_codes_are_valid(code: str) -> None:
    assert is_personal_code(code)


@given(codes, st.integers(1, 9))
def test_a_changed_check_digit_is_invalid(code: str, delta: int) -> None:
    wrong = code[:10] + str((int(code[10]) + delta) % 10)
    assert not is_personal_code(wrong)


# -- find ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "code", "match"), [
    ("Isikukood 37605030299.", "P401", "37605030299"),
    ("(49403136526)", "P401", "49403136526"),
    ("kirjuta anna.tamm@example.ee kaudu", "P402", "anna.tamm@example.ee"),
    ("<maria+test@tartu.ee>", "P402", "maria+test@tartu.ee"),
    ("helista 5123 4567", "P403", "5123 4567"),
    ("tel. 55512345 õhtul", "P403", "55512345"),
    ("call +372 5123 4567 now", "P403", "+372 5123 4567"),
    ("tel +372 712 3456", "P403", "+372 712 3456"),
])
def test_find_personal_data(text: str, code: str, match: str) -> None:
    found = list(find(text))
    assert found == [(code, match, text.index(match))]


def test_find_several_in_one_text() -> None:
    text = "Anna (37605030299) a@b.ee, tel 5123 4567"
    assert sorted(c for c, _, _ in find(text)) == ["P401", "P402", "P403"]


@pytest.mark.parametrize("text", [
    # dates, also as periods
    "01.01.2023–31.12.2025",
    "leping 01.01.2023-31.12.2025, pikendus 01.01.2026 - 31.12.2026",
    "2023-01-01 kuni 2025-12-31",
    # section numbers of the seed document
    "3.5.2.1.2 (Tartu)",
    "vt 3.5.2.1.2, 4.1.10.3.7 ja tabel 5.12",
    # amounts
    "EUR 5,859,037",
    "eelarve EUR 5,859,037 (2024: EUR 1,234,567)",
    "800 000",
    "800 000 eurot",
    "5 500 000 EUR",
    "1 234 567,89 EUR",
    # head counts, years, FTE
    "7,600 members",
    "7 600 liiget",
    "1990, 2004, 2023, 2024 ja 2025",
    "aastatel 2023–2025",
    "0.75",
    "FTE 0.75, 0,5 ja 1.0",
    "koordinaator 0.75 FTE",
    # other numbers that are not personal data
    "registrikood 80123456",
    "ISBN 978-9949-03-123-4",
    "11 digits but not a code: 37605030298",
    "and not a date: 37613030299",
    "",
])
def test_no_false_positives(text: str) -> None:
    assert list(find(text)) == []


filler = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                 max_size=40)


@given(prefix=filler, code=codes, suffix=filler)
def test_a_valid_code_in_any_text_is_found(prefix: str, code: str, suffix: str) -> None:
    text = f"{prefix} {code} {suffix}"
    assert ("P401", code, len(prefix) + 1) in list(find(text))


@given(st.text(alphabet=string.ascii_letters + "õäöüšžÕÄÖÜŠŽ .,-–()" + "  ",
               max_size=200))
def test_text_of_letters_and_spaces_is_never_flagged(text: str) -> None:
    assert list(find(text)) == []


@settings(max_examples=200)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.sampled_from(["–", "-", " - ", " kuni "]))
def test_dates_and_periods_are_never_flagged(start: dt.date, end: dt.date, sep: str) -> None:
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        text = f"{start:{fmt}}{sep}{end:{fmt}}"
        assert list(find(text)) == [], text


@given(st.lists(st.integers(1, 20), min_size=2, max_size=6))
def test_section_numbers_are_never_flagged(parts: list[int]) -> None:
    assert list(find("jaotis " + ".".join(map(str, parts)) + " (Tartu)")) == []


@given(st.integers(0, 10**9), st.sampled_from([",", " ", "\u00a0"]))
def test_grouped_amounts_are_never_flagged(amount: int, sep: str) -> None:
    grouped = f"{amount:,}".replace(",", sep)
    assert list(find(f"EUR {grouped}")) == []
    assert list(find(f"{grouped} members")) == []


# -- the corpus: realistic personal data and near misses -----------------------------------

CORPUS = yaml.safe_load((TESTS / "fixtures" / "privacy" / "corpus.yaml").read_text("utf-8"))


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS["personal"]) >= 100
    assert len(CORPUS["near_misses"]) >= 50


def test_catch_rate_and_false_positives_on_the_corpus() -> None:
    """What scripts/privacy_rates.py prints: catch >= 95 % for each kind, no false
    positive. (Measured: every text caught, no near miss flagged.)"""
    result = rates(CORPUS)
    for kind, total in result["total"].items():
        assert result["caught"][kind] / total >= 0.95, (kind, result["misses"])
    assert result["false_positives"] == []


def test_the_corpus_id_codes_are_valid_and_of_no_living_person() -> None:
    for entry in CORPUS["personal"]:
        if entry["kind"] == "P401":
            for _, match, _ in find(entry["text"]):
                digits = "".join(c for c in match if c.isdigit())
                assert is_personal_code(digits)
                assert digits[0] in "12" or digits[1:3] >= "90", digits  # 1800s or 2090s


@pytest.mark.parametrize(("text", "match"), [
    # the misses named in issue 13
    ("494 0313 6526", "494 0313 6526"),
    ("helista 5123 4567.", "5123 4567"),
    ("644 5566", "644 5566"),
    ("6 445 566", "6 445 566"),
    ("7 345 678", "7 345 678"),
    ("tel 6123456", "6123456"),
    ("81 234 567", "81 234 567"),
    ("5 123 4567", "5 123 4567"),
    ("tiina@pärnu.ee", "tiina@pärnu.ee"),
    ("mari at example dot ee", "mari at example dot ee"),
    ("mari(at)example.ee", "mari(at)example.ee"),
])
def test_the_misses_of_issue_13_are_found(text: str, match: str) -> None:
    assert [m for _, m, _ in find(text)] == [match]


def test_the_budget_of_issue_13_is_not_a_phone_number() -> None:
    assert list(find("lisaraha +1 250 000 eurot aastas")) == []


@pytest.mark.parametrize("text", [
    "a." * 100_000 + "@",  # each '@' is matched outwards, never rescanned from every start
    "a@" * 100_000,
    "1 " * 100_000,
    "12 34 56 78 " * 25_000,
    "a at b dot c dot " * 12_000,
    "a(at)" + "b." * 100_000,
    "+1 " * 60_000,
    "Lorem ipsum 123 456, helista 5123 4567, kirjuta a@b.ee. " * 4_000,
    "37605030299 " * 16_000,  # many findings: each phone candidate checked against the codes
    "5123 4567, " * 20_000,
])
def test_the_scan_is_fast_on_hostile_text(text: str) -> None:
    start = time.perf_counter()
    list(find(text))
    assert time.perf_counter() - start < 3.0  # each measured at 0.02-0.8 s
