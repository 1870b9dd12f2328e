"""No input text crashes the extractor, and every span it returns is its text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innoscope.text import extract_facts

PIECES = st.sampled_from(
    [
        "30519件",
        "同比增长40.1%",
        "占全国总数的29.8%",
        "，",
        "。",
        "；",
        "约",
        "超",
        "万",
        "亿",
        "第",
        "位列全球第8位",
        "《",
        "》",
        "“",
        "”",
        "三千五百",
        "两",
        "1/5",
        "全国占比",
        "1—11月",
        "截至年底",
        "\n",
        "rose 5% to 1,000",
        " ",
    ]
)


def check(text: str) -> None:
    for lang in ("zh", "en"):
        for f in extract_facts(text, lang=lang):
            assert 0 <= f.start < f.end <= len(text)
            assert text[f.start : f.end] == f.text
            assert f.value == f.value  # not NaN


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_random_unicode(text):
    check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_fragments_of_statements(text):
    check(text)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2000))
def test_binary_garbage(data):
    check(data.decode("utf-8", errors="replace"))
    check(data.decode("latin-1"))


def test_very_long_line():
    check("增长" * 50000 + "30519件" + "。" * 10 + "占" * 20000)
    check("1" * 100000 + "件")
