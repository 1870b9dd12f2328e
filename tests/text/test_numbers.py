"""Numerals: Chinese, Arabic, full-width, multipliers and fractions."""

from __future__ import annotations

import pytest

from innoscope.text.numbers import parse_chinese_integer, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("30519", 30519),
        ("30,519", 30519),
        ("３０５１９", 30519),
        ("40.1", 40.1),
        ("3.5万", 35000),
        ("1.2万亿", 1.2e12),
        ("3137亿", 3.137e11),
        ("百亿", 1e10),
        ("三千五百", 3500),
        ("两", 2),
        ("两千", 2000),
        ("十二", 12),
        ("二十", 20),
        ("一百零八", 108),
        ("一千零五", 1005),
        ("三万五千", 35000),
        ("一亿二千万", 1.2e8),
        ("二〇二一", 2021),
        ("五分之一", 0.2),
        ("三分之二", 2 / 3),
        ("1/5", 0.2),
        ("12 million", 1.2e7),
        ("3.5 billion", 3.5e9),
    ],
)
def test_values(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["十四五", "两院", "二十大", "", "abc", "1/0", "万万", "3..5"])
def test_not_numbers(text):
    assert parse_number(text) is None


def test_place_values_must_descend():
    assert parse_chinese_integer("十百") is None
    assert parse_chinese_integer("五十三十") is None
    assert parse_chinese_integer("三三") == 33  # digits without place words read one by one
