"""Benchmark: fact extraction against the hand annotations in tests/data/gold.

Prints, per annotated document, recall and precision of facts (span, value and
unit right) and the accuracy of each attribute on the facts found, then every
miss, false fact and wrong attribute.

    python benchmarks/extract_quality.py [--docs ../shared/docs]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from innoscope.text import extract_facts, read_document
from innoscope.text.evaluate import ATTRIBUTES, gold_section, load_gold, score

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=Path, default=REPO.parent / "shared" / "docs")
    args = ap.parse_args()
    for gold_file in sorted((REPO / "tests" / "data" / "gold").glob("*.yaml")):
        name = yaml.safe_load(gold_file.read_text(encoding="utf-8"))["doc"]
        path = args.docs / name
        if not path.is_file():
            print(f"{name}: not found under {args.docs}, skipped")
            continue
        doc = read_document(path)
        gold = load_gold(gold_file, doc.text)
        a, b = gold_section(gold_file, doc.text)
        s = score([f for f in extract_facts(doc.text, doc.name) if a <= f.start < b], gold)
        print(f"{name}: {len(gold)} annotated facts")
        print(f"  recall {s.recall:.3f}  precision {s.precision:.3f}")
        print("  attribute accuracy: " + ", ".join(f"{a} {s.accuracy(a):.3f}" for a in ATTRIBUTES))
        for line in s.missed:
            print(f"  missed: {line}")
        for line in s.false:
            print(f"  false: {line}")
        for a in ATTRIBUTES:
            for line in s.wrong[a]:
                print(f"  wrong {a}: {line}")


if __name__ == "__main__":
    main()
