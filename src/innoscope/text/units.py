"""What an indicator's unit says it measures, and how a fact's value converts to it.

A framework's ``unit`` is free text (``%``, ``件``, ``亿元``, ``件/万人年``,
``USD million``, ``rank``).  :func:`indicator_unit` reads it into a
:class:`UnitSpec`: the dimension (a ``level`` in a base unit with a multiplier,
a ``percent`` level, a ``ratio`` per something, a ``growth`` rate, percentage
``points``, a ``rank``, or ``unknown``) so that :mod:`innoscope.text.mapping`
can refuse a fact that does not measure the same thing.

>>> indicator_unit("亿元"), indicator_unit("USD million").multiplier
(UnitSpec(dimension='level', base='元', multiplier=100000000.0, text='亿元'), 1000000.0)
>>> indicator_unit("件/万人年").dimension, indicator_unit("%").dimension, indicator_unit(None).dimension
('ratio', 'percent', 'unknown')
>>> indicator_unit("%", name="Growth of gross regional product").dimension
'growth'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["UnitSpec", "indicator_unit"]

_ZH_MULT = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}
_EN_MULT = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
    "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_CURRENCY = {"$": "USD", "usd": "USD", "us$": "USD", "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
             "£": "GBP", "gbp": "GBP", "cny": "元", "rmb": "元", "yuan": "元", "jpy": "JPY", "chf": "CHF"}  # fmt: skip
_COUNT = {"count", "number", "no.", "#", "units", "firms", "enterprises", "people", "persons", "patents", "papers"}
_GROWTH_NAME = re.compile(r"增长率|增速|增幅|growth|rate of change|change in", re.IGNORECASE)
_RATIO = re.compile(r"/|\bper\b|每|占.*比|人均")


@dataclass(frozen=True, slots=True)
class UnitSpec:
    """An indicator's unit, read: ``dimension`` is level, percent, ratio, growth, points, rank or unknown."""

    dimension: str
    base: str | None = None
    multiplier: float = 1.0
    text: str = ""

    def accepts_unit(self, unit: str) -> bool:
        """Whether a level fact in ``unit`` (a base unit: 元, 件, USD, count) measures this indicator's quantity."""
        if self.base is None:
            return True
        if self.base == "count":
            return unit == "count" or len(unit) == 1  # 家, 件, 个 … are counts
        return unit == self.base


def _level(text: str) -> UnitSpec | None:
    t = text.strip()
    low = t.lower()
    for word, mult in sorted(_ZH_MULT.items(), key=lambda x: -len(x[0])):
        if t.startswith(word) and len(t) > len(word):
            return UnitSpec("level", t[len(word) :], mult, text)
    parts = re.split(r"[\s_]+", low)
    mult = 1.0
    base = None
    for p in parts:
        if p in _EN_MULT:
            mult *= _EN_MULT[p]
        elif p in _CURRENCY:
            base = _CURRENCY[p]
        elif p.upper() in ("USD", "EUR", "GBP", "JPY", "CHF", "CNY", "SEK", "DKK", "KRW", "INR", "CAD", "AUD"):
            base = p.upper()
        elif p in _COUNT:
            base = "count"
        else:
            base = None
            break
    if base is not None:
        return UnitSpec("level", base, mult, text)
    if len(t) <= 4 and not re.search(r"[A-Za-z%/]", t):
        return UnitSpec("level", t, 1.0, text)  # 件, 家, 篇, 人次, 平方米
    return None


def indicator_unit(unit: str | None, name: str = "") -> UnitSpec:
    """Read an indicator's ``unit`` (and its ``name``, which says whether a percentage is a growth rate)."""
    if unit is None or not str(unit).strip():
        return UnitSpec("unknown", text=unit or "")
    text = str(unit).strip()
    low = text.lower()
    if low in ("rank", "position", "名次", "位次"):
        return UnitSpec("rank", "rank", 1.0, text)
    if low in ("pp", "percentage points", "%-points", "百分点", "个百分点"):
        return UnitSpec("points", "pp", 1.0, text)
    if text in ("%", "percent", "per cent", "％") or low.startswith(("% of", "percent of")):
        return UnitSpec("growth" if _GROWTH_NAME.search(name) else "percent", "%", 1.0, text)
    if _RATIO.search(text):
        return UnitSpec("ratio", text, 1.0, text)
    return _level(text) or UnitSpec("unknown", text=text)
