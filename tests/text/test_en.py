"""English statements."""

from __future__ import annotations

import pytest

from innoscope.text import extract_facts


def test_growth_to_a_level_is_one_fact():
    (f,) = extract_facts("Invention patents granted rose 40.1% year on year to 30,519.")
    assert (f.text, f.value, f.unit) == ("30,519", 30519, "count")
    assert f.change == {"kind": "yoy", "pct": 40.1}
    assert f.subject == "Invention patents granted"


@pytest.mark.parametrize(
    ("text", "value", "unit", "bound"),
    [
        ("About 330,000 work permits were issued.", 330000, "count", "approx"),
        ("R&D spending reached 4.1 percent of GDP.", 4.1, "%", "exact"),
        ("The city attracted US$2.5 billion of investment.", 2.5e9, "USD", "exact"),
        ("More than 1,500 firms were listed.", 1500, "count", "over"),
        ("Loans totalled 313.7 billion yuan.", 3.137e11, "CNY", "exact"),
    ],
)
def test_quantities(text, value, unit, bound):
    (f,) = extract_facts(text)
    assert (f.value, f.unit, f.bound) == (pytest.approx(value), unit, bound)
    assert text[f.start : f.end] == f.text


def test_rank_share_and_points():
    facts = extract_facts(
        "Shanghai ranked 8th worldwide. Researchers published 107 papers, accounting for 29.8% of the national total. "
        "The ratio rose 0.3 percentage points."
    )
    rank, papers, ratio = facts
    assert rank.rank == {"position": 8, "scope": "worldwide"} and rank.region == "上海"
    assert papers.share == {"pct": 29.8, "of": "national total"}
    assert ratio.change == {"kind": "change", "pp": 0.3}


def test_years_and_dates_are_not_facts():
    assert extract_facts("On March 5, 2024 the report was delivered in Beijing during 2024.") == []
