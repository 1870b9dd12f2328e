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
from innoscope.text.entities import extract_entities
from innoscope.text.evaluate import ATTRIBUTES, gold_section, load_gold, score, score_entities

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=Path, default=REPO.parent / "shared" / "docs")
    args = ap.parse_args()
    for gold_file in sorted((REPO / "tests" / "data" / "gold").glob("*.entities.yaml")):
        name = yaml.safe_load(gold_file.read_text(encoding="utf-8"))["doc"]
        if not (args.docs / name).is_file():
            continue
        doc = read_document(args.docs / name)
        e = score_entities(extract_entities(doc.text, doc.name), gold_file)
        print(
            f"{name} entities: {e['gold']} annotated, {e['found']} found: precision {e['precision']:.3f}, "
            f"recall {e['recall']:.3f}"
        )
        print(f"  false: {', '.join(n for n, _ in e['false'])}")
        print(f"  missed: {', '.join(n for n, _ in e['missed'])}")
    for gold_file in sorted(p for p in (REPO / "tests" / "data" / "gold").glob("*.yaml") if ".entities." not in p.name):
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
