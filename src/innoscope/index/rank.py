"""Ranks of scores, as COINr reports them.

Rank 1 is the highest score; tied scores share the lowest rank of their
block (R's ``rank(-x, ties.method = "min")``); missing scores have no rank.

>>> import numpy as np
>>> rank_desc(np.array([5.0, 9.0, 5.0, np.nan, 1.0])).tolist()
[2.0, 1.0, 2.0, nan, 4.0]
"""

from __future__ import annotations

import numpy as np
from scipy.stats import rankdata

__all__ = ["rank_desc"]


def rank_desc(scores: np.ndarray, axis: int = 0) -> np.ndarray:
    """Descending ``min`` ranks along ``axis``, NaN kept."""
    scores = np.asarray(scores, dtype=float)
    return rankdata(-scores, method="min", axis=axis, nan_policy="omit")
