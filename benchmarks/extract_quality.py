"""Benchmark: fact and entity extraction against the hand annotations in tests/data/gold.

Prints, per annotated document, recall and precision of facts (span, value and
unit right), the accuracy of each attribute on the facts found and how many
found facts have every attribute right, then totals per set (the Chinese seed,
the Chinese held-out sections, the English development set and held-out passages); the document
context read from each annotated document against the one its file states;
how many facts of the work reports carry a region and a year; and entity
precision and recall against the seed's entity annotation and the hand check
of the work reports' entities.  ``-v`` lists every miss, false fact and wrong
attribute.

    python benchmarks/extract_quality.py [--docs DIR ...] [-v]

Documents are looked up in ../shared/docs and in each ``--docs`` directory (and
in the directories of ``$INNOSCOPE_DOCS``, separated by ``:``); a gold file
whose document is in none of them is skipped with a note.
"""

from __future__ import annotations

import argparse
import os
from collections import defaultdict
from pathlib import Path

import yaml

from innoscope.text import extract_facts, read_document
from innoscope.text.context import document_context
from innoscope.text.entities import extract_entities
from innoscope.text.evaluate import (
    ATTRIBUTES,
    Score,
    entity_check,
    gold_context,
    gold_sections,
    load_gold,
    score,
    score_entities,
    within,
)

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "gold"
WORK_REPORTS = (
    "gov-work-report-guangdong-2025.zh.txt",
    "gov-work-report-zhejiang-2025.zh.txt",
    "gov-work-report-national-2024.zh.txt",
)


def doc_dirs(extra: list[Path]) -> list[Path]:
    env = [Path(p) for p in os.environ.get("INNOSCOPE_DOCS", "").split(":") if p]
    return [REPO.parent / "shared" / "docs", *extra, *env]


def find_doc(name: str, dirs: list[Path]) -> Path | None:
    return next((d / name for d in dirs if (d / name).is_file()), None)


def set_of(gold_file: Path) -> str:
    data = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    doc = data["doc"]
    if data.get("set"):
        return data["set"]
    if doc.endswith(".en.txt"):
        return "English development set"
    return "Chinese seed" if doc.startswith("shanghai") else "Chinese held-out sections"


def add(total: Score, s: Score) -> None:
    total.found += s.found
    total.missed += s.missed
    total.false += s.false
    for a in ATTRIBUTES:
        total.correct[a] += s.correct[a]
        total.scored[a] += s.scored[a]
        total.wrong[a] += s.wrong[a]


def line(s: Score, n: int) -> str:
    attrs = ", ".join(f"{a} {s.accuracy(a):.3f}" for a in ATTRIBUTES if s.scored[a])
    return (
        f"{n} facts: recall {s.recall:.3f}, precision {s.precision:.3f}, fully right {s.fully_right}/{n}\n"
        f"    attributes: {attrs}"
    )


def facts_quality(dirs: list[Path], verbose: bool) -> None:
    totals: dict[str, tuple[Score, list[int]]] = defaultdict(lambda: (Score(), [0]))
    for gold_file in sorted(p for p in GOLD.glob("*.yaml") if ".entities" not in p.name):
        name = yaml.safe_load(gold_file.read_text(encoding="utf-8"))["doc"]
        path = find_doc(name, dirs)
        if path is None:
            print(f"{gold_file.name}: {name} not found in {', '.join(map(str, dirs))}, skipped")
            continue
        doc = read_document(path)
        gold = load_gold(gold_file, doc.text)
        facts = extract_facts(doc.text, doc.name)
        s = score(within(facts, gold_sections(gold_file, doc.text)), gold)
        print(f"{gold_file.name}: {line(s, len(gold))}")
        want = gold_context(gold_file)
        if want:
            ctx = document_context(doc.text, facts[0].lang if facts else "zh")
            got = {"region": ctx.region, "year": ctx.year_at(gold_sections(gold_file, doc.text)[0][0])}
            ok = all(got[k] == v for k, v in want.items())
            print(f"    context: {got} {'as annotated' if ok else f'annotated {want}'}")
        if verbose:
            for x in s.missed:
                print(f"    missed: {x}")
            for x in s.false:
                print(f"    false: {x}")
            for a in ATTRIBUTES:
                for x in s.wrong[a]:
                    print(f"    wrong {a}: {x}")
        total, n = totals[set_of(gold_file)]
        add(total, s)
        n[0] += len(gold)
    for name, (total, n) in totals.items():
        print(f"TOTAL {name}: {line(total, n[0])}")


def coverage(dirs: list[Path]) -> None:
    for name in WORK_REPORTS:
        path = find_doc(name, dirs)
        if path is None:
            continue
        doc = read_document(path)
        facts = extract_facts(doc.text, doc.name)
        n = len(facts)
        by_status = {st: sum(f.status == st for f in facts) for st in ("actual", "estimate", "target")}
        print(
            f"{name}: {n} facts; region {sum(f.region is not None for f in facts)} "
            f"(stated {sum(f.region is not None and 'region' not in f.inferred for f in facts)}), "
            f"year {sum(f.year is not None for f in facts)}, period as written "
            f"{sum(f.period is not None for f in facts)}; status {by_status}"
        )


def entities(dirs: list[Path], verbose: bool) -> None:
    for gold_file in sorted(GOLD.glob("*.entities.yaml")):
        name = yaml.safe_load(gold_file.read_text(encoding="utf-8"))["doc"]
        path = find_doc(name, dirs)
        if path is None:
            continue
        doc = read_document(path)
        e = score_entities(extract_entities(doc.text, doc.name), gold_file)
        print(
            f"{name} entities: {e['gold']} annotated, {e['found']} found: precision {e['precision']:.3f}, "
            f"recall {e['recall']:.3f}"
        )
        if verbose:
            print(f"    false: {', '.join(n for n, _ in e['false'])}")
            print(f"    missed: {', '.join(n for n, _ in e['missed'])}")
    check = GOLD / "gov-work-reports.entities-check.yaml"
    found = {}
    for name in WORK_REPORTS:
        path = find_doc(name, dirs)
        if path is not None:
            doc = read_document(path)
            found[name] = extract_entities(doc.text, doc.name)
    if found:
        c = entity_check(found, check)
        print(
            f"work reports' entities, hand check: {c['found']} distinct found, {c['real']} real, "
            f"{c['junk']} not names: "
            f"precision {c['precision']:.3f}; {len(c['unjudged'])} not yet judged"
        )
        for doc, (real, judged) in c["per_document"].items():
            print(f"    {doc}: {real}/{judged}")
        if verbose or c["unjudged"]:
            for doc, name, kind in c["unjudged"]:
                print(f"    unjudged: {doc} {kind} {name}")
        if verbose:
            for doc, name, kind in c["junk_found"]:
                print(f"    not a name: {doc} {kind} {name}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=Path, action="append", default=[], help="another directory of documents")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    dirs = doc_dirs(args.docs)
    facts_quality(dirs, args.verbose)
    print()
    coverage(dirs)
    print()
    entities(dirs, args.verbose)


if __name__ == "__main__":
    main()
