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

__all__ = ["movement_table", "records_of", "streak_of", "strengths_table"]


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
