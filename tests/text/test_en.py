"""English statements: the notations of European and US innovation reports, PDF text, and what is not a fact."""

from __future__ import annotations

import pytest

from innoscope.text import extract_facts


def d(value):
    return None if value is None else value.to_dict()


def one(text: str):
    facts = extract_facts(text, lang="en")
    assert len(facts) == 1, [(f.text, f.value) for f in facts]
    return facts[0]


def test_growth_to_a_level_is_one_fact():
    f = one("Invention patents granted rose 40.1% year on year to 30,519.")
    assert (f.text, f.value, f.unit, f.measure) == ("30,519", 30519, "count", "level")
    assert d(f.change) == {"kind": "yoy", "pct": 40.1}
    assert f.subject == "Invention patents granted"


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "bound"),
    [
        ("About 330,000 work permits were issued.", "About 330,000", 330000, "count", "approx"),
        ("R&D spending reached 4.1 percent of GDP.", "4.1 percent", 4.1, "%", "exact"),
        ("The city attracted US$2.5 billion of investment.", "US$2.5 billion", 2.5e9, "USD", "exact"),
        ("More than 1,500 firms were listed.", "More than 1,500", 1500, "count", "over"),
        ("Loans totalled 313.7 billion yuan.", "313.7 billion yuan", 3.137e11, "CNY", "exact"),
        ("Business R&D was EUR 2.5 billion.", "EUR 2.5 billion", 2.5e9, "EUR", "exact"),
        ("Public R&D was EUR 450 million.", "EUR 450 million", 4.5e8, "EUR", "exact"),
        ("Venture capital per capita stood at EUR 1,150.", "EUR 1,150", 1150, "EUR", "exact"),
        ("The fund invests €450m a year.", "€450m", 4.5e8, "EUR", "exact"),
        ("The state adds 450 million euros.", "450 million euros", 4.5e8, "EUR", "exact"),
        ("Foreign sources provide 3bn USD.", "3bn USD", 3e9, "USD", "exact"),
        ("Research councils spent £2.1bn.", "£2.1bn", 2.1e9, "GBP", "exact"),
        ("The programme has a budget of EUR2.4 billion.", "EUR2.4 billion", 2.4e9, "EUR", "exact"),
        ("Nearly two-thirds of firms innovate.", "Nearly two-thirds", 200 / 3, "%", "approx"),
        ("Funding reached $1.2 trillion.", "$1.2 trillion", 1.2e12, "USD", "exact"),
    ],
)
def test_quantities(text, span, value, unit, bound):
    f = one(text)
    assert (f.text, f.value, f.unit, f.bound) == (span, pytest.approx(value), unit, bound)
    assert text[f.start : f.end] == f.text


def test_changes_attach_to_their_level():
    f = one("Business R&D expenditure reached EUR 2.5 billion in 2022, an increase of 4.2% on the previous year.")
    assert (f.value, f.period, f.year) == (2.5e9, "2022", 2022)
    assert d(f.change) == {"kind": "yoy", "pct": 4.2}
    f = one("The request for NIH is up $3.5 billion, 9%, to $40.2 billion.")
    assert (f.text, f.value) == ("$40.2 billion", 4.02e10)
    assert d(f.change) == {"kind": "change", "pct": 9, "delta": 3.5e9, "unit": "USD"}
    f = one("NSF would receive $1.4 billion (-12%) in FY2027.")
    assert (f.value, f.period, f.year, f.status) == (1.4e9, "FY2027", 2027, "target")
    assert d(f.change) == {"kind": "change", "pct": -12}
    f = one("The budget proposal includes $209.7 billion for R&D, $8.9 billion (4.4%) above the FY2023 level.")
    assert d(f.change) == {"kind": "change", "pct": 4.4, "delta": 8.9e9, "unit": "USD", "since": "FY2023"}


def test_comparisons_are_differences():
    f = one("Tertiary attainment among 25-34 year olds is 6.7 points higher than the EU average.")
    assert (f.measure, f.unit, f.region) == ("change", "points", None)
    assert d(f.change) == {"kind": "diff", "pp": 6.7, "against": "the EU average"}
    f = one("Employment in knowledge-intensive activities is 0.3 million more than in 2019.")
    assert d(f.change) == {"kind": "change", "delta": 3e5, "unit": "count", "since": "2019"} and f.period is None
    f = one("Performance is above the EU average by 8.1%-points.")
    assert (f.unit, d(f.change)) == ("pp", {"kind": "diff", "pp": 8.1, "against": "the EU average"})
    assert f.subject == "Performance"


def test_points_and_base_periods():
    _, b = extract_facts(
        "Performance is above the EU average by 8.1%-points, and it has increased by 3.2 percentage points since 2016."
    )
    assert d(b.change) == {"kind": "change", "pp": 3.2, "since": "2016"} and b.subject == "Performance"
    facts = extract_facts(
        "Higher Education and Business Enterprise R&D have increased by 27% and 34%, respectively, compared to 2007."
    )
    assert [(f.subject, d(f.change)) for f in facts] == [
        ("Higher Education", {"kind": "change", "pct": 27, "since": "2007"}),
        ("Business Enterprise R&D", {"kind": "change", "pct": 34, "since": "2007"}),
    ]


def test_respectively_spreads_places_over_values():
    facts = extract_facts(
        "Israel and Korea displayed the highest R&D intensity in 2018, at 4.9% and 4.5% of GDP, respectively."
    )
    assert [(f.value, f.region, f.period) for f in facts] == [(4.9, "ISR", "2018"), (4.5, "KOR", "2018")]
    assert all("R&D intensity" in f.subject and f.share is None for f in facts)


def test_multiples_and_rank_moves():
    a, b = extract_facts(
        "Patent applications roughly doubled between 2015 and 2022, and the country moved up two places to 12th."
    )
    assert (a.text, a.value, a.unit, a.bound) == ("roughly doubled", 2, "times", "approx")
    assert d(a.change) == {"kind": "change", "times": 2, "bound": "approx"} and a.coverage == "years"
    assert (b.text, b.value, d(b.rank), d(b.change)) == (
        "12th",
        12,
        {"position": 12, "scope": None},
        {"kind": "change", "places": 2},
    )
    f = one("From 2015, India's 29-place move up the index is the biggest jump.")
    assert (f.text, f.unit, d(f.change)) == ("29-place", "places", {"kind": "change", "places": 29})


@pytest.mark.parametrize(
    ("text", "span", "rank"),
    [
        ("Sweden ranks second in the EU.", "second", {"position": 2, "scope": "EU"}),
        ("Finland is in second place.", "second", {"position": 2, "scope": None}),
        (
            "Denmark ranks 3rd of 27 on public-private co-publications.",
            "3rd of 27",
            {"position": 3, "scope": "public-private co-publications", "out_of": 27},
        ),
        (
            "India remains No. 2 among middle-income economies.",
            "No. 2",
            {"position": 2, "scope": "middle-income economies"},
        ),
        ("Shanghai ranked 8th worldwide.", "8th", {"position": 8, "scope": "worldwide"}),
        (
            "Switzerland ranks first for the 13th consecutive year.",
            "first",
            {"position": 1, "scope": None, "streak": 13},
        ),
        (
            "Ireland holds the top place among Strong Innovators.",
            "top place",
            {"position": 1, "scope": "Strong Innovators"},
        ),
        (
            "UK R&D intensity was the 11th highest of all member countries.",
            "11th",
            {"position": 11, "scope": "member countries"},
        ),
    ],
)
def test_ranks(text, span, rank):
    f = one(text)
    assert (f.text, f.unit, f.measure, d(f.rank)) == (span, "rank", "rank", rank)


def test_spelled_out_numbers_and_wholes():
    f = one("Belgium performs above the EU average on five of the 20 indicators.")
    assert (f.text, f.value, f.subject, d(f.share)) == ("five", 5, "indicators", {"pct": 25, "of": "20 indicators"})
    facts = extract_facts(
        "The performance of 25 countries improved, and 20 Member States rose, while only seven observed a decline."
    )
    assert [(f.value, f.subject) for f in facts] == [(25, "countries"), (20, "Member States"), (7, "Member States")]


def test_statuses():
    a, b = extract_facts(
        "The budget proposal for FY2024 includes approximately $209.7 billion, "
        "above the FY2023 estimated level of $200.8 billion."
    )
    assert (a.status, a.period, b.status, b.period) == ("target", "FY2024", "estimate", "FY2023")
    f = one("The EU aims to raise R&D intensity to 3% by 2030.")
    assert (f.status, f.year) == ("target", 2030)
    f = one("In 2014, R&D expenditure was £30.6 billion.")
    assert f.status == "actual"


def test_periods_stay_in_their_clause():
    a, b = extract_facts("In 2021 exports rose 5%; imports fell 2%.")
    assert (a.period, b.period) == ("2021", None)
    assert d(b.change) == {"kind": "change", "pct": -2}
    a, b = extract_facts("Spending increased by 5% to £30.6 billion compared with £29.3 billion in 2013.")
    assert (a.period, b.period, b.subject) == (None, "2013", a.subject)


def test_pdf_text():
    text = (
        "Germany's gross expenditure on R&D rose to EUR 121 bil-\nlion in 2022,  an in-\ncrease of\n4.2%."
        "\n\nNext  paragraph."
    )
    (f,) = extract_facts(text, lang="en")
    assert (f.value, f.unit, f.period) == (1.21e11, "EUR", "2022")
    assert d(f.change) == {"kind": "change", "pct": 4.2}
    assert text[f.start : f.end] == f.text == "EUR 121 bil-\nlion"
    assert f.subject == "Germany's gross expenditure on R&D" and f.region == "DEU"


@pytest.mark.parametrize(
    "text",
    [
        "On March 5, 2024 the report was delivered in Beijing during 2024.",
        "Among the 27 Member States, innovation improved.",
        "Tertiary education among 25-34 year olds matters.",
        "The EU28 and the G7 met in the 2023 edition.",
        "Innovation Leaders (performance is above 125% of the EU average) and Strong innovators "
        "(between 100% and 125%).",
        "R&D intensity surpassed the 2% threshold.",
        "Now in its 12th year, the index covers the world.",
        "The top six agencies were funded under P.L. 116-6 in FY2024.",
        "See Figure 3 and Table 2 in Chapter 4.",
        "Growth over a two-year period was rare for the first time.",
        "1. Main points",
        "The COVID-19 crisis hit the Horizon 2020 programme.",
    ],
)
def test_not_facts(text):
    assert extract_facts(text, lang="en") == []
