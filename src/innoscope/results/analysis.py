"""What an analyst reads off a ranking over time: movement, streaks, records, strengths.

Pure functions over a run's score table (columns ``unit, node, period, score,
rank``; periods in the run's order).  The results layer calls them; they
never touch the store.

Conventions: rank 1 is the best; a unit screened out of a period has no row
there, so movement, streaks and records only compare consecutive periods in
which the unit was scored.

>>> import pandas as pd
>>> s = pd.DataFrame({"unit": ["A"] * 4, "node": ["I"] * 4, "period": [2020, 2021, 2022, 2023],
...                   "score": [50.0, 55.0, 60.0, 58.0], "rank": [3, 1, 1, 1]})
>>> streak_of(s, [2020, 2021, 2022, 2023], "A", "I", 2023)
(1, 3, 2021)
>>> [(r["what"], r["value"], r["previous"]) for r in records_of(s, [2020, 2021, 2022, 2023], "A", "I", 2022)]
[('score', 60.0, 55.0)]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["indicator_value", "is_additive", "movement_table", "records_of", "streak_of", "strengths_table", "tiers_of"]


def _series(scores: pd.DataFrame, periods: Sequence[Any], unit: str, node: str, upto: Any) -> pd.DataFrame:
    """The unit's rows of ``node`` in period order, up to and including ``upto``."""
    order = {p: i for i, p in enumerate(periods)}
    s = scores[(scores["unit"] == unit) & (scores["node"] == node)]
    s = s.assign(_i=s["period"].map(order)).dropna(subset=["_i"]).sort_values("_i")
    return s[s["_i"] <= order[upto]]


def movement_table(scores: pd.DataFrame, periods: Sequence[Any]) -> pd.DataFrame:
    """Each row with the previous period's score and rank of the same unit and node.

    Adds ``previous_period``, ``previous_score`` and ``previous_rank`` (missing
    where the unit was not scored in the period before).
    """
    prev = {p: periods[i - 1] for i, p in enumerate(periods) if i > 0}
    out = scores.copy()
    # object dtype: years stay ints beside the first period's missing one
    out["previous_period"] = pd.Series([prev.get(p) for p in out["period"]], index=out.index, dtype=object)
    before = scores.rename(columns={"period": "previous_period", "score": "previous_score", "rank": "previous_rank"})[
        ["unit", "node", "previous_period", "previous_score", "previous_rank"]
    ]
    return out.merge(before, on=["unit", "node", "previous_period"], how="left")


def streak_of(scores: pd.DataFrame, periods: Sequence[Any], unit: str, node: str, period: Any) -> tuple[int, int, Any]:
    """``(rank, length, since)``: how many consecutive periods up to ``period`` the unit held its rank there.

    A period in which the unit was not ranked ends the streak.
    """
    s = _series(scores, periods, unit, node, period)
    if s.empty or s["period"].iloc[-1] != period or pd.isna(s["rank"].iloc[-1]):
        raise KeyError(f"{unit} has no rank on {node} in {period}")
    rank = int(s["rank"].iloc[-1])
    idx = s["_i"].to_numpy(dtype=int)
    ranks = s["rank"].to_numpy(dtype=float)
    length, since = 1, s["period"].iloc[-1]
    for k in range(len(s) - 2, -1, -1):
        if ranks[k] != rank or idx[k] != idx[k + 1] - 1:
            break
        length += 1
        since = s["period"].iloc[k]
    return rank, length, since.item() if hasattr(since, "item") else since


def records_of(scores: pd.DataFrame, periods: Sequence[Any], unit: str, node: str, period: Any) -> list[dict]:
    """New records the unit set in ``period``: best rank / best score (or worst) beyond every earlier period.

    Returns dicts with ``what`` (rank or score), ``direction`` (best or
    worst), ``value``, ``previous`` (the earlier best or worst) and ``periods``
    (how many periods were compared).  Nothing is a record in the first period.
    """
    s = _series(scores, periods, unit, node, period)
    if len(s) < 2 or s["period"].iloc[-1] != period:
        return []
    out = []
    now, before = s.iloc[-1], s.iloc[:-1]
    for what, better_is_lower in (("rank", True), ("score", False)):
        if pd.isna(now[what]) or before[what].isna().all():
            continue
        v = float(now[what])
        earlier = before[what].dropna().astype(float)
        best = earlier.min() if better_is_lower else earlier.max()
        worst = earlier.max() if better_is_lower else earlier.min()
        if (v < best) if better_is_lower else (v > best):
            out.append({"what": what, "direction": "best", "value": v, "previous": float(best), "periods": len(s)})
        elif (v > worst) if better_is_lower else (v < worst):
            out.append({"what": what, "direction": "worst", "value": v, "previous": float(worst), "periods": len(s)})
    return out


def strengths_table(
    scores: pd.DataFrame, nodes: Sequence[str], root: str, unit: str, period: Any, min_gap: int
) -> pd.DataFrame:
    """The unit's nodes (among ``nodes``) whose rank is ``min_gap`` or more places from its overall rank.

    Columns ``node, rank, overall_rank, gap, score`` with ``gap`` = overall
    rank − node rank (positive: a strength), strongest first, then the
    weakest last.
    """
    s = scores[(scores["unit"] == unit) & (scores["period"] == period)]
    overall = s.loc[s["node"] == root, "rank"]
    if overall.empty or pd.isna(overall.iloc[0]):
        raise KeyError(f"{unit} has no overall rank in {period}")
    r0 = int(overall.iloc[0])
    t = s[s["node"].isin(list(nodes)) & s["rank"].notna()].copy()
    t["overall_rank"] = r0
    t["gap"] = r0 - t["rank"].astype(int)
    t = t[np.abs(t["gap"]) >= min_gap]
    return t.sort_values(["gap", "node"], ascending=[False, True])[["node", "rank", "overall_rank", "gap", "score"]]


_MULTIPLIERS = ("万亿", "百万", "千万", "亿", "万", "千", "百")
_EN_COUNTS = {"count", "number", "persons", "people", "firms", "patents", "papers", "usd", "eur", "cny", "yuan"}


def is_additive(unit: str | None) -> bool:
    """Whether values in ``unit`` add up across units (counts and amounts), so a share of the total means something.

    A unit is additive when, after an optional multiplier (万, 亿, ...), it is
    a Chinese count or amount unit of :data:`innoscope.text.zh_patterns.UNITS`
    other than %, ‰ and percentage points, or an English count or currency.
    Ratios (``件/亿元``, ``per 1,000``), percentages and scores are not.

    >>> [is_additive(u) for u in ("件", "亿元", "万家", "%", "件/亿元", "人年/亿元", None, "USD")]
    [True, True, True, False, False, False, False, True]
    """
    from innoscope.text.zh_patterns import UNITS

    if not unit:
        return False
    u = unit.strip()
    if "/" in u or "per" in u.lower().split() or u.startswith(("每", "人均")):
        return False
    if u.lower() in _EN_COUNTS:
        return True
    for m in _MULTIPLIERS:
        if u.startswith(m) and len(u) > len(m):
            u = u[len(m) :]
            break
    return UNITS.get(u) not in (None, "%", "‰", "pp")


def indicator_value(
    values: pd.DataFrame, periods: Sequence[Any], unit: str, period: Any, additive: bool, direction: int = 1
) -> dict[str, Any]:
    """One unit's value of one indicator in ``period``, with the period before, the total, share, mean and rank.

    ``values`` has ``unit, period, value`` for every unit and period of the
    indicator (NaN where missing).  The previous value is the unit's value in
    the period just before ``period`` in ``periods`` (None where missing).
    Totals, shares and means are over the units with a value in ``period``;
    the rank follows ``direction`` (ties share the lowest rank).

    >>> v = pd.DataFrame({"unit": ["A", "B", "A", "B"], "period": [2022, 2022, 2023, 2023],
    ...                   "value": [100.0, 300.0, 150.0, 350.0]})
    >>> r = indicator_value(v, [2022, 2023], "A", 2023, additive=True)
    >>> r["growth_pct"], r["share_pct"], r["rank"]
    (50.0, 30.0, 2)
    """
    i = list(periods).index(period)
    now = values[values["period"] == period]
    mine = now.loc[now["unit"] == unit, "value"]
    value = None if mine.empty or pd.isna(mine.iloc[0]) else float(mine.iloc[0])
    prev_period = periods[i - 1] if i > 0 else None
    prev = None
    if prev_period is not None:
        p = values.loc[(values["period"] == prev_period) & (values["unit"] == unit), "value"]
        prev = None if p.empty or pd.isna(p.iloc[0]) else float(p.iloc[0])
    have = now["value"].dropna().astype(float)
    total = float(have.sum()) if additive and len(have) else None
    rank = None
    if value is not None:
        better = (have > value) if direction >= 0 else (have < value)
        rank = int(better.sum()) + 1
    return {
        "value": value,
        "previous_period": prev_period,
        "previous_value": prev,
        "growth_pct": (value / prev - 1) * 100 if value is not None and prev and prev > 0 and value >= 0 else None,
        "change": value - prev if value is not None and prev is not None else None,
        "total": total,
        "share_pct": value / total * 100 if total and value is not None else None,
        "mean": float(have.mean()) if len(have) else None,
        "units": len(have),
        "rank": rank,
    }


def tiers_of(scores: pd.DataFrame, floor: float | None = None) -> pd.DataFrame:
    """Each unit's tier from its score (columns ``unit, score``): 1 at or above the mean, 3 below ``floor``, else 2.

    Units without a score get no tier.  Returns ``unit, score, tier`` best first
    and the mean as ``attrs["mean"]``.

    >>> t = tiers_of(pd.DataFrame({"unit": list("ABCD"), "score": [90.0, 70.0, 60.0, 40.0]}), floor=50)
    >>> t["tier"].tolist(), t.attrs["mean"]
    ([1, 1, 2, 3], 65.0)
    """
    s = scores.dropna(subset=["score"]).sort_values(["score", "unit"], ascending=[False, True])
    mean = float(s["score"].mean())
    tier = np.where(s["score"] >= mean, 1, 2)
    if floor is not None:
        tier = np.where((tier == 2) & (s["score"] < floor), 3, tier)
    out = pd.DataFrame({"unit": s["unit"].to_numpy(), "score": s["score"].to_numpy(float), "tier": tier})
    out.attrs["mean"] = mean
    return out
