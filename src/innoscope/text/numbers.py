"""Numerals of Chinese and English reports: digits, Chinese numerals, multipliers, fractions.

Pure functions on strings.  Full-width digits and punctuation are read as
their ASCII twins; ``万`` is 10^4, ``亿`` 10^8, ``万亿`` 10^12; Chinese numerals
(``三千五百``, ``两``, ``百亿``) and fractions (``五分之一``, ``1/5``) are read.

>>> parse_number("3.5万"), parse_number("三千五百"), parse_number("两"), parse_number("百亿")
(35000.0, 3500.0, 2.0, 10000000000.0)
>>> parse_number("１２，３４５"), parse_number("30,519"), parse_number("五分之一"), parse_number("1/5")
(12345.0, 30519.0, 0.2, 0.2)
>>> parse_number("十四五") is None, parse_number("12 million")
(True, 12000000.0)
"""

from __future__ import annotations

import re

__all__ = ["CN_DIGITS", "CN_NUMERAL", "parse_chinese_integer", "parse_number", "to_halfwidth"]

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_LARGE = {"万": 10**4, "亿": 10**8}
CN_NUMERAL = "零〇○一二两三四五六七八九十百千万亿"

_HALF = str.maketrans("０１２３４５６７８９．，％／", "0123456789.,%/")
_PAIRS = tuple(zip("０１２３４５６７８９．，％／", "0123456789.,%/", strict=True))
_EN_MULT = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
_ARABIC = re.compile(r"^(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)$")
_FRACTION_CN = re.compile(r"^(.+)分之(.+)$")
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?\Z")


def to_halfwidth(text: str) -> str:
    """Full-width digits, dot, comma, percent and slash as ASCII (same length).

    >>> to_halfwidth("１２．５％")
    '12.5%'
    """
    for full, half in _PAIRS:  # str.replace per character is many times faster than str.translate here
        if full in text:
            text = text.replace(full, half)
    return text


def parse_chinese_integer(s: str) -> int | None:
    """Value of a Chinese numeral (``三千五百`` -> 3500, ``十二`` -> 12), None if malformed.

    Digit strings without place words (``二〇二一``) read digit by digit.

    >>> parse_chinese_integer("一万二千"), parse_chinese_integer("二〇二一"), parse_chinese_integer("十四五")
    (12000, 2021, None)
    """
    if not s or any(c not in CN_NUMERAL for c in s):
        return None
    if all(c in CN_DIGITS for c in s):
        if len(s) == 1:
            return CN_DIGITS[s]
        return int("".join(str(CN_DIGITS[c]) for c in s))
    total = 0  # finished 亿/万 sections
    section = 0  # within the current 万 section
    digit: int | None = None
    last_small = 10**9  # place values must fall within a section
    last_large = 10**13
    for c in s:
        if c in CN_DIGITS:
            if digit is not None:
                if CN_DIGITS[c] == 0 or digit == 0:
                    digit = CN_DIGITS[c]  # 一千零五: the zero is a placeholder
                    continue
                return None  # two digits in a row inside a place-value numeral
            digit = CN_DIGITS[c]
        elif c in CN_SMALL:
            unit = CN_SMALL[c]
            if unit >= last_small:
                return None
            section += (1 if digit is None else digit) * unit
            digit = None
            last_small = unit
        else:  # 万 or 亿
            unit = CN_LARGE[c]
            if digit is not None:
                section += digit
                digit = None
            if unit >= last_large and not (unit == 10**4 and last_large == 10**8):
                return None
            if section == 0 and total == 0:
                section = 1  # 万 or 亿 alone means one of it
            if unit == 10**8:
                total = (total + section) * unit
            else:
                total += section * unit
            section = 0
            last_small = 10**9
            last_large = unit
    if digit is not None:
        section += digit
    return total + section


def _arabic(s: str) -> float | None:
    m = _ARABIC.match(s)
    return float(m.group(1).replace(",", "")) if m else None


def parse_number(text: str) -> float | None:
    """Value of a numeral with an optional multiplier; None when it is not one.

    Handles ``30519``, ``30,519``, ``3.5万``, ``1.2万亿``, ``三千五百``, ``百亿``,
    ``五分之一``, ``1/5``, ``12 million``.
    """
    if _PLAIN.match(text):  # the common case, 30519 or 40.1: no multiplier, word or fraction to read
        return float(text)
    s = to_halfwidth(text.strip()).replace(" ", "")
    if not s:
        return None
    m = _FRACTION_CN.match(s)
    if m:
        den, num = parse_number(m.group(1)), parse_number(m.group(2))
        return num / den if den and num is not None else None
    if "/" in s:
        num_s, _, den_s = s.partition("/")
        num, den = _arabic(num_s), _arabic(den_s)
        return num / den if num is not None and den else None
    low = s.lower()
    for word, mult in _EN_MULT.items():
        if low.endswith(word) and len(low) > len(word):
            base = _arabic(low[: -len(word)])
            return base * mult if base is not None else None
    mult = 1.0
    while s and s[-1] in "万亿" and _arabic(s[:-1].rstrip("万亿") or "x") is not None:
        mult *= CN_LARGE[s[-1]]
        s = s[:-1]
    value = _arabic(s)
    if value is not None:
        return value * mult
    n = parse_chinese_integer(s)
    return None if n is None else n * mult
