"""The seed document against its hand annotation (tests/data/gold): no miss, no false fact."""

from __future__ import annotations

from pathlib import Path

import pytest

from innoscope.text import extract_facts, read_document
from innoscope.text.evaluate import ATTRIBUTES, load_gold, score

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
