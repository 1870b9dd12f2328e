"""Score extracted facts against a hand annotation: recall, precision, attribute accuracy.

A gold file (YAML) lists facts by their span text, located inside a unique
context string ``at`` (default: the text itself), or as its ``nth`` occurrence,
with the expected attributes; ``subject`` is a phrase the extracted subject
must contain, and so are the ``of``, ``scope`` and ``against`` phrases of a
share, rank or change.  A fact counts as found when its span, value and unit
are right; each other attribute is then scored on the found facts.

A file's ``context: {region, year}`` states the document-level context: the
region and year of the facts whose sentence names none (a fact's own
``region``/``year`` overrides it); ``status`` defaults to ``actual``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from innoscope.text.fact import Fact

__all__ = [
    "ATTRIBUTES",
    "GoldFact",
    "Score",
    "entity_check",
    "gold_context",
    "gold_sections",
    "load_gold",
    "score",
    "score_entities",
    "within",
]

ATTRIBUTES = ("bound", "period", "change", "share", "rank", "region", "subject", "status", "year")
_PHRASE_KEYS = ("of", "scope", "against")


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
    scored: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))

    @property
    def recall(self) -> float:
        total = self.found + len(self.missed)
        return self.found / total if total else 1.0

    @property
    def precision(self) -> float:
        total = self.found + len(self.false)
        return self.found / total if total else 1.0

    def accuracy(self, attribute: str) -> float:
        n = self.scored[attribute]
        return self.correct[attribute] / n if n else 1.0

    @property
    def fully_right(self) -> int:
        """Found facts with every scored attribute right."""
        bad = {line.split(" @", 1)[0] for lines in self.wrong.values() for line in lines}
        return self.found - len(bad)


def _load(path: str | Path) -> dict[str, Any]:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def load_gold(path: str | Path, document: str) -> list[GoldFact]:
    """Read a gold file and locate each fact's span in ``document``."""
    doc = _load(path)
    context = doc.get("context") or {}
    out = []
    for item in doc["facts"]:
        at = item.get("at", item["text"])
        nth = item.get("nth")
        pos = document.find(at)
        if nth is not None:
            for _ in range(int(nth) - 1):
                pos = document.find(at, pos + 1) if pos >= 0 else -1
        elif pos >= 0 and document.find(at, pos + 1) >= 0:
            raise ValueError(f"{path}: context {at!r} is not unique in the document; give `at` or `nth`")
        if pos < 0:
            raise ValueError(f"{path}: context {at!r} is missing from the document")
        offset = at.find(item["text"])
        if offset < 0:
            raise ValueError(f"{path}: {item['text']!r} is not inside {at!r}")
        start = pos + offset
        expected = {"value": item["value"], "unit": item["unit"], "bound": item.get("bound", "exact")}
        for k in ("period", "change", "share", "rank", "subject"):
            expected[k] = item.get(k)
        expected["region"] = item["region"] if "region" in item else context.get("region")
        expected["status"] = item.get("status", "actual")
        expected["year"] = item.get("year", context.get("year"))
        out.append(GoldFact(start, start + len(item["text"]), expected))
    return out


def gold_context(path: str | Path) -> dict[str, Any]:
    """The document-level context a gold file states (``region``, ``year``), or {}."""
    return _load(path).get("context") or {}


def gold_sections(path: str | Path, document: str) -> list[tuple[int, int]]:
    """The parts of ``document`` the annotation covers: ``section: {from: …, to: …}`` (or a list of
    them), else all of it."""
    doc = _load(path)
    secs = doc.get("section")
    if not secs:
        return [(0, len(document))]
    out = []
    for sec in secs if isinstance(secs, list) else [secs]:
        a = document.find(sec["from"])
        b = document.find(sec["to"], a) if sec.get("to") else len(document)
        if a < 0 or b < 0:
            raise ValueError(f"{path}: section bounds {sec} not found in the document")
        out.append((a, b))
    return out


def within(facts: list[Fact], sections: list[tuple[int, int]]) -> list[Fact]:
    """The facts that start inside one of ``sections``."""
    return [f for f in facts if any(a <= f.start < b for a, b in sections)]


def _same(got: Any, want: Any, key: str = "") -> bool:
    if isinstance(got, dict) and isinstance(want, dict):
        return got.keys() == want.keys() and all(_same(got[k], want[k], k) for k in want)
    if isinstance(got, int | float) and isinstance(want, int | float) and not isinstance(got, bool):
        return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9)
    if key in _PHRASE_KEYS and isinstance(got, str) and isinstance(want, str):
        return want in got
    if key == "since" and got is not None and want is not None:
        return str(got) == str(want)
    return got == want


def _attribute(f: Fact, attr: str) -> Any:
    if attr in ("change", "share", "rank"):
        v = getattr(f, attr)
        return None if v is None else v.to_dict()
    return getattr(f, attr)


def score(facts: list[Fact], gold: list[GoldFact], attributes: tuple[str, ...] = ATTRIBUTES) -> Score:
    """Compare extracted ``facts`` with ``gold`` facts of the same document.

    ``year`` is scored only on gold facts that state one (or whose file states a context year).
    """
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
        for attr in attributes:
            want = g.expected[attr]
            if attr == "year" and want is None:
                continue
            s.scored[attr] += 1
            if attr == "subject":
                got = f.subject
                ok = want is None or want in f.subject
            else:
                got = _attribute(f, attr)
                ok = _same(got, want)
            if ok:
                s.correct[attr] += 1
            else:
                s.wrong[attr].append(f"{label} @ {f.text}: expected {want!r}, got {got!r}")
    for f in facts:
        if (f.start, f.end) not in matched:
            s.false.append(f"{f.text} ({f.start}:{f.end}) = {f.value:g} {f.unit}, subject {f.subject!r}")
    return s


def score_entities(found: list, gold_path: str | Path) -> dict[str, Any]:
    """Precision and recall of distinct (name, type) pairs against an entity annotation."""
    doc = _load(gold_path)
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


def entity_check(found: dict[str, list], check_path: str | Path) -> dict[str, Any]:
    """Precision of entities against a hand check: per document, the names judged real (by type) and
    the strings judged not to be names (of any type).

    ``found`` maps a document name to its extracted entities.  Distinct (document, name, type)
    triples are scored; those the check does not judge are listed, not counted.
    """
    check = _load(check_path)["documents"]
    real = junk = 0
    unjudged: list[tuple[str, str, str]] = []
    junk_found: list[tuple[str, str, str]] = []
    per_document: dict[str, tuple[int, int]] = {}
    for doc, ents in found.items():
        judged = check.get(doc, {})
        real_names = {(n, t) for t, names in (judged.get("real") or {}).items() for n in names}
        junk_names = set(judged.get("junk") or ())
        r = j = 0
        for name, kind in sorted({(e.name, e.type) for e in ents}):
            if (name, kind) in real_names:
                r += 1
            elif name in junk_names:
                j += 1
                junk_found.append((doc, name, kind))
            else:
                unjudged.append((doc, name, kind))
        per_document[doc] = (r, r + j)
        real += r
        junk += j
    return {
        "found": real + junk + len(unjudged),
        "real": real,
        "junk": junk,
        "precision": real / (real + junk) if real + junk else 1.0,
        "unjudged": unjudged,
        "junk_found": junk_found,
        "per_document": per_document,
    }
