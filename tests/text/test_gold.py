"""Hand-annotated documents (tests/data/gold): the seed report and a section of a provincial work report."""

from __future__ import annotations

from pathlib import Path

import pytest

from innoscope.text import extract_facts, read_document
from innoscope.text.evaluate import ATTRIBUTES, gold_section, load_gold, score

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"


@pytest.fixture(scope="module")
def seed(shared_data):
    doc = read_document(shared_data.parent / "docs" / "shanghai-sti-2021-overview.zh.txt")
    return doc, load_gold(GOLD / "shanghai-sti-2021-overview.yaml", doc.text)


def test_recall_and_precision(seed):
    doc, gold = seed
    s = score(extract_facts(doc.text, doc.name), gold)
    assert len(gold) == 44
    assert s.missed == [] and s.false == []


@pytest.mark.parametrize("attribute", ATTRIBUTES)
def test_attribute_accuracy(seed, attribute):
    doc, gold = seed
    s = score(extract_facts(doc.text, doc.name), gold)
    assert s.wrong[attribute] == []


def test_every_span_is_its_text(seed):
    doc, _ = seed
    for f in extract_facts(doc.text, doc.name):
        assert doc.text[f.start : f.end] == f.text
        assert f.text in f.sentence


def test_issue_example_record(seed):
    doc, _ = seed
    rec = next(f.to_record() for f in extract_facts(doc.text, doc.name) if f.text == "30519件")
    assert {k: rec[k] for k in ("start", "end", "value", "unit", "bound", "period", "change", "share", "rank")} == {
        "start": 529,
        "end": 535,
        "value": 30519,
        "unit": "件",
        "bound": "exact",
        "period": "1—11月",
        "change": {"kind": "yoy", "pct": 40.1},
        "share": None,
        "rank": None,
    }
    assert rec["subject"] == "全市获发明专利授权"


@pytest.mark.parametrize(("name", "n"), [("gov-work-report-zhejiang-2025", 27), ("gov-work-report-guangdong-2025", 18)])
def test_provincial_report_sections(shared_data, name, n):
    """Annotated blind, before the extractor ran on them (first results in benchmarks/README.md)."""
    gold_file = GOLD / f"{name}.yaml"
    doc = read_document(shared_data.parent / "docs" / f"{name}.zh.txt")
    a, b = gold_section(gold_file, doc.text)
    facts = [f for f in extract_facts(doc.text, doc.name) if a <= f.start < b]
    s = score(facts, load_gold(gold_file, doc.text))
    assert s.found == n and s.missed == [] and s.false == []
    assert all(s.accuracy(x) == 1.0 for x in ATTRIBUTES), s.wrong
