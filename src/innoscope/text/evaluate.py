"""Score extracted facts against a hand annotation: recall, precision, attribute accuracy.

A gold file (YAML) lists facts by their span text, located inside a unique
context string ``at`` (default: the text itself), with the expected
attributes; ``subject`` is a phrase the extracted subject must contain.  A
fact counts as found when its span, value and unit are right; each other
attribute is then scored on the found facts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from innoscope.text.fact import Fact

__all__ = ["ATTRIBUTES", "GoldFact", "Score", "gold_section", "load_gold", "score", "score_entities"]

ATTRIBUTES = ("bound", "period", "change", "share", "rank", "region", "subject")


@dataclass(frozen=True)
class GoldFact:
    start: int
    end: int
    expected: dict[str, Any]


@dataclass
class Score:
    """Counts and rates of one comparison, with the mismatches listed."""

    found: int = 0
    missed: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    wrong: dict[str, list[str]] = field(default_factory=lambda: {a: [] for a in ATTRIBUTES})

    @property
    def recall(self) -> float:
        total = self.found + len(self.missed)
        return self.found / total if total else 1.0

    @property
    def precision(self) -> float:
        total = self.found + len(self.false)
        return self.found / total if total else 1.0

    def accuracy(self, attribute: str) -> float:
        return self.correct[attribute] / self.found if self.found else 1.0


def load_gold(path: str | Path, document: str) -> list[GoldFact]:
    """Read a gold file and locate each fact's span in ``document``."""
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    out = []
    for item in doc["facts"]:
        at = item.get("at", item["text"])
        pos = document.find(at)
        if pos < 0 or document.find(at, pos + 1) >= 0:
            raise ValueError(f"{path}: context {at!r} is {'missing' if pos < 0 else 'not unique'} in the document")
        offset = at.find(item["text"])
        if offset < 0:
            raise ValueError(f"{path}: {item['text']!r} is not inside {at!r}")
        start = pos + offset
        expected = {"value": item["value"], "unit": item["unit"], "bound": item.get("bound", "exact")}
        for k in ("period", "change", "share", "rank", "region", "subject"):
            expected[k] = item.get(k)
        out.append(GoldFact(start, start + len(item["text"]), expected))
    return out


def gold_section(path: str | Path, document: str) -> tuple[int, int]:
    """The part of ``document`` the annotation covers: ``section: {from: …, to: …}``, else all of it."""
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    sec = doc.get("section")
    if not sec:
        return 0, len(document)
    a = document.find(sec["from"])
    b = document.find(sec["to"]) if sec.get("to") else len(document)
    if a < 0 or b < 0:
        raise ValueError(f"{path}: section bounds not found in the document")
    return a, b


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def score(facts: list[Fact], gold: list[GoldFact]) -> Score:
    """Compare extracted ``facts`` with ``gold`` facts of the same document."""
    s = Score()
    by_span = {(f.start, f.end): f for f in facts}
    matched: set[tuple[int, int]] = set()
    for g in gold:
        f = by_span.get((g.start, g.end))
        label = f"{g.start}:{g.end}"
        if f is None or not _same(f.value, g.expected["value"]) or f.unit != g.expected["unit"]:
            got = "none" if f is None else f"{f.value:g} {f.unit}"
            s.missed.append(f"{label} expected {g.expected['value']} {g.expected['unit']}, got {got}")
            if f is not None:
                matched.add((g.start, g.end))
            continue
        matched.add((g.start, g.end))
        s.found += 1
        for attr in ATTRIBUTES:
            want = g.expected[attr]
            if attr == "subject":
                ok = want is None or want in f.subject
                got = f.subject
            else:
                got = getattr(f, attr)
                ok = _same(got, want)
            if ok:
                s.correct[attr] += 1
            else:
                s.wrong[attr].append(f"{f.text} ({label}): expected {want!r}, got {got!r}")
    for f in facts:
        if (f.start, f.end) not in matched:
            s.false.append(f"{f.text} ({f.start}:{f.end}) = {f.value:g} {f.unit}, subject {f.subject!r}")
    return s


def score_entities(found: list, gold_path: str | Path) -> dict[str, Any]:
    """Precision and recall of distinct (name, type) pairs against an entity annotation."""
    doc = yaml.safe_load(Path(gold_path).read_text(encoding="utf-8"))
    gold = {(e["name"], e["type"]) for e in doc["entities"]}
    got = {(e.name, e.type) for e in found}
    hit = gold & got
    return {
        "precision": len(hit) / len(got) if got else 1.0,
        "recall": len(hit) / len(gold) if gold else 1.0,
        "false": sorted(got - gold),
        "missed": sorted(gold - got),
        "gold": len(gold),
        "found": len(got),
    }
