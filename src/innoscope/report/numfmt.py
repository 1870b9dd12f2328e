"""Numbers as Chinese and English reports write them, and the value a reader takes from the text.

Each function returns ``(text, value)``: the words of the number and the value
:func:`innoscope.text.extract.extract_facts` reads back from them, in base units
(``2.3万家`` -> 23000, ``3137亿元`` -> 313700000000, ``4.21%`` -> 4.21).  The value
is the number as written (rounded), never the unrounded source value, which the
number's source keeps.

Conventions (those of Chinese statistical reports; English as an English report
writes them):

* counts and amounts: in full up to 99999 (``30519件``); from 10^5 in 万 with one
  decimal up to 100万 (``23.5万家``), then whole 万; from 10^8 in 亿 with two decimals
  below 10亿, one below 100亿, else none (``3137亿元``).  English: digits with
  commas below a million, then ``million``/``billion`` with one decimal (babel);
* a unit with a multiplier (``万元``, ``亿元``) is read as the multiplier times the
  base unit, so 3137 in ``亿元`` and 31370000 in ``万元`` both read ``3137亿元``;
* percentages: two decimals below 10 (``4.21%``), else one (``40.1%``);
  percentage points likewise (``0.30个百分点``);
* ranks: ``第8位`` / ``8th``;
* ratios: two decimals below 100, one below 1000, else none; scores: two decimals.

>>> quantity(234567, "家", "zh"), quantity(3137, "亿元", "zh"), quantity(30519, "件", "zh")
(('23.5万家', 235000.0), ('3137亿元', 313700000000.0), ('30519件', 30519.0))
>>> quantity(313.7e9, "元", "en"), percent(4.2126, "zh"), rank(2, "en"), points(0.3, "zh")
(('313.7 billion yuan', 313700000000.0), ('4.21%', 4.21), ('2nd', 2), ('0.30个百分点', 0.3))
"""

from __future__ import annotations

import math

__all__ = [
    "decimal",
    "english_unit",
    "ordinal",
    "percent",
    "points",
    "quantity",
    "rank",
    "split_unit",
]

_MULT = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}
_EN_UNITS = {
    "元": "yuan",
    "美元": "US dollars",
    "欧元": "euros",
    "人": "people",
    "人年": "person-years",
    "人次": "person-times",
    "件": "",
    "项": "",
    "个": "",
    "%": "%",
}


_NO_WORD = {"score", "number", "ratio", "index", "count", "value", "points"}


def split_unit(unit: str | None) -> tuple[float, str]:
    """``(multiplier, base unit)`` of a unit such as ``亿元`` (1e8, ``元``); plain units have multiplier 1.

    English words that only say "a number" (Score, Number of ..., Ratio, Index) are no unit;
    Percent is ``%``.

    >>> split_unit("亿元"), split_unit("件"), split_unit("人年/亿元"), split_unit(None), split_unit("Percent")
    ((100000000.0, '元'), (1.0, '件'), (1.0, '人年/亿元'), (1.0, ''), (1.0, '%'))
    """
    u = (unit or "").strip()
    low = u.lower()
    if low in ("percent", "per cent", "percentage", "pct"):
        return 1.0, "%"
    if low in _NO_WORD or low.startswith("number"):
        return 1.0, ""
    if "/" not in u:
        for m, f in _MULT.items():
            if u.startswith(m) and len(u) > len(m):
                return f, u[len(m) :]
    return 1.0, u


def english_unit(unit: str | None) -> str:
    """The English words of a (Chinese) unit; ratio units piece by piece; ``""`` where unknown.

    >>> english_unit("人年/亿元"), english_unit("件/万人年"), english_unit("万元")
    ('person-years per 100 million yuan', 'per 10,000 person-years', '10,000 yuan')
    """
    u = (unit or "").strip()
    if not u:
        return ""
    if "/" in u:
        num, _, den = u.partition("/")
        a, b = english_unit(num), english_unit(den)
        return f"{a} per {b}".strip() if b else a
    f, base = split_unit(u)
    if base in _EN_UNITS:
        word = _EN_UNITS[base]
    elif base.isascii():
        word = base
    else:
        return ""
    if f == 1:
        return word
    lead = {1e4: "10,000", 1e8: "100 million", 1e11: "100 billion", 1e12: "trillion", 1e3: "thousand"}.get(
        f, f"{f:,.0f}"
    )
    return f"{lead} {word}".strip()


def decimal(value: float, lang: str, digits: int = 2) -> tuple[str, float]:
    """A plain number with ``digits`` decimals (babel's locale separators in English)."""
    from babel.numbers import format_decimal

    v = round(float(value), digits)
    if lang == "en":
        return format_decimal(v, format="#,##0." + "0" * digits if digits else "#,##0", locale="en"), v
    return f"{v:.{digits}f}", v


def _zh_amount(x: float) -> tuple[str, float]:
    a = abs(x)
    if a >= 1e8:
        q = a / 1e8
        d = 2 if q < 10 else 1 if q < 100 else 0
        q = round(q, d)
        return f"{'-' if x < 0 else ''}{q:.{d}f}亿", math.copysign(q * 1e8, x)
    if a >= 1e5:
        q = a / 1e4
        d = 1 if q < 100 else 0
        q = round(q, d)
        return f"{'-' if x < 0 else ''}{q:.{d}f}万", math.copysign(q * 1e4, x)
    if abs(a - round(a)) < 1e-9 or a >= 1000:
        return f"{round(x):d}", float(round(x))
    return f"{x:.2f}", round(x, 2)


def _en_amount(x: float) -> tuple[str, float]:
    from babel.numbers import format_decimal

    a = abs(x)
    for f, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if a >= f:
            q = round(a / f, 1)
            return f"{'-' if x < 0 else ''}{format_decimal(q, format='#,##0.0', locale='en')} {word}", math.copysign(
                q * f, x
            )
    if abs(a - round(a)) < 1e-9 or a >= 1000:
        return format_decimal(round(x), locale="en"), float(round(x))
    return format_decimal(round(x, 2), format="#,##0.00", locale="en"), round(x, 2)


def percent(value: float, lang: str) -> tuple[str, float]:
    """A percentage: two decimals below 10, else one."""
    d = 2 if abs(value) < 10 else 1
    text, v = decimal(value, lang, d)
    return text + "%", v


def points(value: float, lang: str) -> tuple[str, float]:
    """Percentage points, as a magnitude: ``0.30个百分点`` / ``0.30 percentage points``."""
    d = 2 if abs(value) < 10 else 1
    text, v = decimal(abs(value), lang, d)
    return (text + "个百分点", v) if lang == "zh" else (f"{text} percentage points", v)


def ordinal(n: int) -> str:
    """English ordinal: 1st, 2nd, 3rd, 4th, 11th, 21st.

    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '102nd']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank(n: int, lang: str) -> tuple[str, int]:
    """A rank: ``第8位`` / ``8th``."""
    n = int(n)
    return (f"第{n}位", n) if lang == "zh" else (ordinal(n), n)


def quantity(value: float, unit: str | None, lang: str) -> tuple[str, float]:
    """An observed value with its unit, as the report writes it (see the module docstring)."""
    f, base = split_unit(unit)
    if base in ("%", "％"):
        return percent(value * f, lang)
    if "/" in base or not base:
        a = abs(value)
        text, v = decimal(value, lang, 2 if a < 100 else 1 if a < 1000 else 0)
        if lang == "zh":
            return text + (" " if base[:1].isascii() and base[:1].isalpha() else "") + base, v
        word = english_unit(unit)
        return (f"{text} {word}" if word else text), v
    x = float(value) * f
    if lang == "zh":
        text, v = _zh_amount(x)
        return text + (" " if base[:1].isascii() and base[:1].isalpha() else "") + base, v
    text, v = _en_amount(x)
    word = english_unit(base)
    return (f"{text} {word}" if word else text), v
