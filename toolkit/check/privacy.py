"""Find personal data in free text: Estonian personal identification codes, e-mail
addresses and phone numbers. Personas are composites and workshop notes must not carry
personal data, so any of these in a workspace is an error; an e-mail address written to
dodge filters (``mari at example dot ee``) is a warning, as prose can look like one.

Each kind is found in two steps: a loose pattern finds candidates (any grouping, any
separator), then a strict test keeps the real ones: the check digit and date of an ID code,
the numbering plan of a phone number (the ``phonenumbers`` library: Estonia's plan and every
other country's), and the context of a number (a budget, a count, a date, a legal
reference or a document number is not a phone). ``tests/fixtures/privacy/corpus.yaml`` holds
the realistic cases and near misses; ``scripts/privacy_rates.py`` prints the rates.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

_SEP = "[ \u00a0.-]"
"""What separates the digit groups of a written number: space, no-break space, dot, hyphen."""

ID_CODE = re.compile(r"(?<!\d)[1-6]\d{10}(?!\d)")
"""An ID code written as one run of digits."""
SPACED_ID_CODE = re.compile(
    rf"(?<![\d+])(?<!\d{_SEP})[1-6](?:{_SEP}?\d){{10}}(?!{_SEP}?\d)")
"""An ID code written in groups (``494 0313 6515``): not part of a longer grouped number."""

EMAIL = re.compile(r"[\w.%+-]{1,64}@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.){1,8}[^\W\d_]{2,24}"
                   r"(?![\w-])")
"""Letters of any script in both parts: ``tiina@pärnu.ee``, ``мария@почта.рф``. Every part
has a bounded length (RFC 5321's), so the search is linear in the text: an unbounded local
part would be rescanned from every start in a long run of letters or dots before an '@'."""

_AT = r"(?:[ ]?[(\[{<][ ]?(?:at|ät)[ ]?[)\]}>][ ]?|[ ](?:at|ät)[ ])"
_DOT = r"(?:[ ]?[(\[{<][ ]?(?:dot|punkt)[ ]?[)\]}>][ ]?|[ ](?:dot|punkt)[ ]|\.)"
DISGUISED_EMAIL = re.compile(
    rf"(?<![\w.+-])(?P<local>[\w.+-]{{1,64}}){_AT}"
    rf"(?P<domain>(?:[^\W_][\w-]{{0,62}}{_DOT}){{1,5}}[^\W\d_]{{2,24}})(?![\w-])",
    re.IGNORECASE)
"""``mari at example dot ee``, ``mari(at)example.ee``, ``mari [at] example [dot] ee``."""
_SPELLED_DOT = re.compile(r"(?i)dot|punkt")

PHONE = re.compile(
    r"(?<![\w+])(?<!\d[.,-])"
    rf"(?:\(?(?:\+|00)\d{{1,3}}\)?{_SEP}?)?"  # country code: +372, 00372, (+372)
    rf"(?:\(\d{{1,4}}\){_SEP}?)?"  # area code in brackets: (44)
    rf"\d{{1,4}}(?:{_SEP}?\d{{2,4}}){{1,5}}"  # the number in groups of two to four digits
    r"(?!\w)(?![.,-]?\d)")
"""Anything shaped like a phone number; :func:`_is_phone` decides."""
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?!\d)|\d{4}-\d{2}-\d{2}")
_PHONE_WORD = re.compile(
    r"(?i)(?:\btel|telefon\w*|\bmob\w*|\bgsm|phone|\bph|\bcall|helista\w*|\bfax|faks|"
    r"\bтел\w*|\bмоб\w*)\W{0,4}(?:nr\.?|no\.?|number)?\W{0,3}$")
"""Words that say a phone number follows: "tel", "tel.", "telefon", "mob", "тел." ..."""
_AMOUNT_BEFORE = re.compile(
    r"(?i)(?<![^\W\d_])(?:eur|€|\$|usd|nr|no|№|isbn|issn|kood|registrikood|iban|rt\s+i+|summa|"
    r"sum)\W{0,3}$")
_AMOUNT_AFTER = re.compile(
    r"(?i)^\W{0,2}(?:eur|€|\$|usd|%|protsent|percent|members|people|persons|inhabitants|"
    r"residents|liiget|inimest|inimesele|elanikku|isikut|km\b|человек|жител|евро|руб|гривен)")
"""A number next to a currency, a unit or a count is an amount, not a phone number."""
_THOUSANDS = re.compile(r"\d{1,3}(?:[ \u00a0]\d{3})+")
_MONEY_WORD = re.compile(r"(?i)eelarve|rahastus|maksumus|kulud|budget|funding|cost|бюджет|"
                         r"стоимост|финансир")
"""Words shortly before a number grouped in thousands that make it an amount."""
_DIGITS = re.compile(r"\d\d\d")
_AT_WORD = re.compile(r"[aAäÄ][tT](?!\w)")
"""An ID code and a phone number hold three digits in a row, a disguised e-mail address
the word 'at' or 'ät': most texts have neither, and these searches are much cheaper than
the patterns they guard."""
SUSPECT = re.compile(r"\d\d\d|@|[aAäÄ][tT](?!\w)")
"""Matches in every text in which :func:`find` can find something (three digits, an '@',
the word 'at'): the texts it does not match need no closer look."""
_WEIGHTS = ((1, 2, 3, 4, 5, 6, 7, 8, 9, 1), (3, 4, 5, 6, 7, 8, 9, 1, 2, 3))


def is_personal_code(digits: str) -> bool:
    """True for 11 digits that form a valid Estonian isikukood (date and check digit)."""
    if len(digits) != 11 or not digits.isdigit() or digits[0] not in "123456":
        return False
    month, day = int(digits[3:5]), int(digits[5:7])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    for weights in _WEIGHTS:
        check = sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11
        if check != 10:
            return check == int(digits[10])
    return int(digits[10]) == 0


def find(text: str) -> Iterator[tuple[str, str, int]]:
    """(code, matched text, offset) for each piece of personal data in ``text``."""
    codes: list[re.Match[str]] = []
    digits = _DIGITS.search(text) is not None
    if digits:
        codes = sorted({m.start(): m for pattern in (ID_CODE, SPACED_ID_CODE)
                        for m in pattern.finditer(text)
                        if is_personal_code(re.sub(r"\D", "", m.group()))}.values(),
                       key=lambda m: m.start())
        for match in codes:
            yield "P401", match.group(), match.start()
    if "@" in text:
        for match in EMAIL.finditer(text):
            yield "P402", match.group(), match.start()
    if digits:
        starts = [m.start() for m in codes]
        for match in PHONE.finditer(text):
            before = bisect.bisect_left(starts, match.end()) - 1  # the last code before its end
            if before >= 0 and codes[before].end() > match.start():
                continue  # an ID code, already reported
            if _is_phone(text, match):
                yield "P403", match.group(), match.start()
    if _AT_WORD.search(text):
        for match in DISGUISED_EMAIL.finditer(text):
            if _is_disguised_email(match):
                yield "P404", match.group(), match.start()


def _is_disguised_email(match: re.Match[str]) -> bool:
    """A bracketed ``(at)`` is always meant as '@'; a plain `` at `` only with a spelled-out
    dot or a local part no word has ("see details at tartu.ee" is prose)."""
    at = match.group()[len(match.group("local")):-len(match.group("domain"))]
    return (bool(re.search(r"[(\[{<]", at)) or bool(_SPELLED_DOT.search(match.group("domain")))
            or bool(re.search(r"[._+\d]", match.group("local"))))


def _is_phone(text: str, match: re.Match[str]) -> bool:
    raw = match.group()
    digits = re.sub(r"\D", "", raw)
    if len(digits) < 7 or _DATE.search(raw):
        return False
    if not _valid_number(raw.replace("\u00a0", " ")):
        return False
    if raw.startswith(("+", "00", "(+", "(00")):
        return True
    before = text[max(0, match.start() - 30): match.start()]
    after = text[match.end(): match.end() + 20]
    if _PHONE_WORD.search(before):
        return True
    if _AMOUNT_BEFORE.search(before) or _AMOUNT_AFTER.match(after):
        return False
    # "6 445 566" is a landline and an amount: grouped in thousands, it is an amount when
    # it is round ("5 500 000") or follows a word about money ("eelarve 6 445 566")
    return not (_THOUSANDS.fullmatch(raw) and (raw.endswith("000")
                                                or _MONEY_WORD.search(before)))


@functools.lru_cache(maxsize=4096)
def _valid_number(raw: str) -> bool:
    """True for a number valid in the numbering plan of its country (Estonia without a
    country code). Imported here: most workspaces never need it."""
    import phonenumbers

    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(raw, "EE"))
    except phonenumbers.NumberParseException:
        return False
