"""How a build agrees with reference values: published scores and ranks of the same nodes.

A source that publishes an index usually publishes its scores and ranks at every
level (the GII's data file, the EIS database).  :func:`pairs` lines up each
node's built score (an indicator's normalised score, an aggregate's score) with
the reference measure of the same code, unit and period, and the built rank
with the reference rank where the source has one; :func:`summarise` gives, per
group of pairs, how many there are, the largest and mean absolute difference,
how many lie within a tolerance, and how many ranks are equal — among all
ranked pairs, among those whose reference score is *untied* (no other unit of
the same node and period has the same published score), and among those whose
reference score is *clear* (more than the tolerance from every other).

>>> import pandas as pd
>>> built = pd.DataFrame({"unit": ["A", "B", "C"], "node": "I", "period": 1,
...                       "score": [10.04, 9.98, 5.0], "rank": [1, 2, 3]})
>>> ref = pd.DataFrame({"unit": ["A", "B", "C"], "node": "I", "period": 1,
...                     "reference": [10.0, 10.0, 5.1], "reference_rank": [2, 1, 3]})
>>> p = pairs(built, ref)
>>> row = summarise(p, ["node"], tolerance=0.1).iloc[0]
>>> [int(row[c]) for c in ("n", "within", "ranks_equal", "untied", "untied_equal")]
[3, 3, 1, 1, 1]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["pairs", "reference_frame", "summarise"]


def reference_frame(values: pd.DataFrame, codes: list[str], measure: str, rank_measure: str | None) -> pd.DataFrame:
    """A panel's reference values (and ranks) of ``codes``: unit, node, period, reference, reference_rank.

    Without a ``rank_measure`` the reference ranks are those of the reference scores.
    """
    v = values[values["indicator"].isin(codes)]
    key = ["unit", "indicator", "period"]
    ref = v[v["measure"].astype(str) == measure][[*key, "value"]]
    if rank_measure is not None:
        rk = v[v["measure"].astype(str) == rank_measure][[*key, "value"]].rename(columns={"value": "reference_rank"})
        ref = ref.merge(rk, on=key, how="left")
    else:  # no published ranks: the ranks of the published scores (1 = highest, ties share the lowest)
        ref = ref.assign(
            reference_rank=ref.groupby(["indicator", "period"])["value"].rank(ascending=False, method="min")
        )
    ref = ref.rename(columns={"indicator": "node", "value": "reference"})
    ref["unit"] = ref["unit"].astype(str)
    return ref[ref["reference"].notna()].reset_index(drop=True)


def pairs(built: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Built scores (unit, node, period, score, rank) beside the reference ones, with the difference.

    Only pairs where both scores exist are kept; ``tie_gap`` is the distance of the
    reference score to the nearest other reference score of the same node and period.
    """
    b = built[["unit", "node", "period", "score", "rank"]].copy()
    b["unit"] = b["unit"].astype(str)
    p = b.merge(reference, on=["unit", "node", "period"], how="inner")
    p = p[p["score"].notna() & p["reference"].notna()].reset_index(drop=True)
    p["diff"] = p["score"] - p["reference"]
    p["tie_gap"] = np.nan
    for _, idx in p.groupby(["node", "period"], sort=False).groups.items():
        r = p.loc[idx, "reference"].to_numpy(dtype=float)
        gap = np.abs(r[:, None] - r[None, :])
        np.fill_diagonal(gap, np.inf)
        p.loc[idx, "tie_gap"] = gap.min(axis=1) if len(r) > 1 else np.inf
    return p


def summarise(p: pd.DataFrame, by: list[str], tolerance: float = 0.1) -> pd.DataFrame:
    """Agreement per group of ``by`` columns (see the module docstring)."""
    q = p.assign(
        abs_diff=p["diff"].abs(),
        within=p["diff"].abs() <= tolerance + 1e-9,
        ranked=p["reference_rank"].notna() & p["rank"].notna(),
    )
    same = q["ranked"] & (q["rank"].astype(float) == q["reference_rank"])
    q = q.assign(
        ranks_equal=same,
        untied=q["ranked"] & (q["tie_gap"] > 1e-9),
        clear=q["ranked"] & (q["tie_gap"] > tolerance + 1e-9),
    )
    q = q.assign(untied_equal=q["untied"] & same, clear_equal=q["clear"] & same)
    g = q.groupby(by, sort=False)
    out = g.agg(
        n=("abs_diff", "size"),
        max_abs_diff=("abs_diff", "max"),
        mean_abs_diff=("abs_diff", "mean"),
        within=("within", "sum"),
        ranked=("ranked", "sum"),
        ranks_equal=("ranks_equal", "sum"),
        untied=("untied", "sum"),
        untied_equal=("untied_equal", "sum"),
        clear=("clear", "sum"),
        clear_equal=("clear_equal", "sum"),
    ).reset_index()
    return out
