"""Find personal data in free text: Estonian personal identification codes, e-mail
addresses and phone numbers. Personas are composites and workshop notes must not carry
personal data, so any of these in a workspace is an error."""

from __future__ import annotations

import re
from collections.abc import Iterator

ID_CODE = re.compile(r"(?<!\d)[1-6]\d{10}(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(
    r"(?<![\w+])\+\d{1,3}[ -]?\(?\d{1,4}\)?(?:[ -]?\d){5,10}(?!\d)"  # international
    r"|(?<![\d.,])5\d{2,3}[ -]?\d{4}(?![\d.,])"  # Estonian mobile: 5xx(x) xxxx
)
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


_CANDIDATE = re.compile(r"@|\d{3}|\+\s?\d")
"""Every pattern above needs an '@', three digits in a row or a '+' and a digit; most text
has none of them, and one search is much cheaper than three."""


def find(text: str) -> Iterator[tuple[str, str, int]]:
    """(code, matched text, offset) for each piece of personal data in ``text``."""
    if not _CANDIDATE.search(text):
        return
    for match in ID_CODE.finditer(text):
        if is_personal_code(match.group()):
            yield "P401", match.group(), match.start()
    for match in EMAIL.finditer(text):
        yield "P402", match.group(), match.start()
    for match in PHONE.finditer(text):
        yield "P403", match.group(), match.start()
