#!/usr/bin/env python3
"""Catch rate and false-positive rate of the privacy lint on its corpus.

    python scripts/privacy_rates.py [CORPUS]

Reads ``tests/fixtures/privacy/corpus.yaml`` (or CORPUS): ``personal`` texts, each with
the code the lint must give (P401 ID code, P402 e-mail, P403 phone, P404 disguised e-mail),
and ``near_misses``, texts it must never flag. Prints the catch rate per kind, the
false-positive rate, and every miss and false positive. tests/test_privacy.py asserts the
same numbers (catch >= 95 % for every kind, no false positive).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.check.privacy import find  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "privacy" / "corpus.yaml"


def rates(corpus: dict[str, Any]) -> dict[str, Any]:
    """Per kind: texts, caught, misses; and the near misses flagged."""
    total: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    misses: list[tuple[str, str]] = []
    for entry in corpus["personal"]:
        total[entry["kind"]] += 1
        if entry["kind"] in {code for code, _, _ in find(entry["text"])}:
            caught[entry["kind"]] += 1
        else:
            misses.append((entry["kind"], entry["text"]))
    flagged = [(text, list(find(text))) for text in corpus["near_misses"]]
    return {"total": total, "caught": caught, "misses": misses,
            "near_misses": len(corpus["near_misses"]),
            "false_positives": [(text, found) for text, found in flagged if found]}


def main(path: Path) -> int:
    result = rates(yaml.safe_load(path.read_text(encoding="utf-8")))
    total, caught = result["total"], result["caught"]
    print(f"{'kind':<6}{'texts':>7}{'caught':>8}{'rate':>9}")
    for kind in sorted(total):
        print(f"{kind:<6}{total[kind]:>7}{caught[kind]:>8}{caught[kind] / total[kind]:>9.1%}")
    all_total, all_caught = sum(total.values()), sum(caught.values())
    print(f"{'all':<6}{all_total:>7}{all_caught:>8}{all_caught / all_total:>9.1%}")
    fps = result["false_positives"]
    print(f"false positives: {len(fps)} of {result['near_misses']} near misses "
          f"({len(fps) / result['near_misses']:.1%})")
    for kind, text in result["misses"]:
        print(f"  missed {kind}: {text!r}")
    for text, found in fps:
        print(f"  flagged: {text!r} -> {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS))
