"""What-if weights: the index re-aggregated from a run's stored child scores with other weights.

The children's scores do not depend on the weights above them, so giving the
index's children (the dimensions) other weights changes only the last
aggregation: it is redone with the run's own method for that level (the
project's one aggregator) and ranked the project's way.  With the run's
weights it gives back the stored scores and ranks.

>>> import pandas as pd
>>> X = pd.DataFrame({"In": [10.0, 50.0], "Out": [90.0, 40.0]}, index=["A", "B"])
>>> reweigh(X, {"In": 1.0, "Out": 1.0}, "amean").to_dict("list")
{'score': [50.0, 45.0], 'rank': [1, 2]}
>>> reweigh(X, {"In": 3.0, "Out": 1.0}, "amean").to_dict("list")
{'score': [30.0, 47.5], 'rank': [2, 1]}
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from innoscope.errors import E, InnoscopeError

__all__ = ["parse_weights", "reweigh", "run_weights"]


def parse_weights(text: str | None, children: list[str]) -> dict[str, float]:
    """``"ENV:2,INP:1.5"`` as a mapping; every code must be a child of the index, every weight >= 0."""
    out: dict[str, float] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        code, sep, value = part.partition(":")
        code = code.strip()
        if not sep or code not in children:
            raise InnoscopeError(
                E.BAD_REQUEST,
                where="weights",
                detail=f"{part.strip()!r}; write CODE:WEIGHT with CODE among " + ", ".join(children),
            )
        try:
            w = float(value)
        except ValueError:
            raise InnoscopeError(E.BAD_REQUEST, where=f"weights: {code}", detail=f"{value!r} is not a number") from None
        if not (np.isfinite(w) and w >= 0):
            raise InnoscopeError(E.BAD_REQUEST, where=f"weights: {code}", detail=f"{value!r}; weights are >= 0")
        out[code] = w
    return out


def run_weights(framework, settings: dict[str, Any], notes: dict[str, Any]) -> dict[str, float]:
    """The weights a run gave the index's children (as it recorded them, else its framework's)."""
    children = list(framework.children(framework.root))
    used = notes.get("weights") or {}
    if all(c in used for c in children):
        return {c: float(used[c]) for c in children}
    method = (settings.get("weights") or {}).get("method", "given")
    if method == "equal":
        return dict.fromkeys(children, 1.0)
    given = (settings.get("weights") or {}).get("values") or {}
    return {c: float(given.get(c, framework.node(c).weight)) for c in children}


def reweigh(
    children: pd.DataFrame, weights: dict[str, float], method: str, p: float = 1.0, threshold: float | None = None
) -> pd.DataFrame:
    """Scores and ranks of the index from ``children`` (units × child scores) with ``weights``."""
    from innoscope.index.aggregate import Agg, aggregate, availability
    from innoscope.index.rank import rank_desc

    cols = list(children.columns)
    w = np.array([weights[c] for c in cols], dtype=float)
    if not (w > 0).any():
        raise InnoscopeError(E.BAD_REQUEST, where="weights", detail="at least one weight must be above 0")
    X = children.to_numpy(dtype=float)
    score = aggregate(X, w, Agg(method), p=p, where="what-if")
    if threshold is not None:
        score = np.where(availability(X) < threshold, np.nan, score)
    ranks = pd.Series([None if np.isnan(r) else int(r) for r in rank_desc(score)], index=children.index, dtype=object)
    return pd.DataFrame({"score": score, "rank": ranks}, index=children.index)
