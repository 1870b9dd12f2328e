"""Ranks of scores, as COINr reports them.

Rank 1 is the highest score; tied scores share the lowest rank of their
block (R's ``rank(-x, ties.method = "min")``); missing scores have no rank.
:func:`ranks` ranks ascending with any of R's tie methods (the ``rank`` and
``borda`` normalisations use it).  Both rank along one axis of an array of
any shape, with pandas' ranking (SciPy's ``rankdata`` gives the same numbers
but costs the whole of ``scipy.stats`` to import).

>>> import numpy as np
>>> rank_desc(np.array([5.0, 9.0, 5.0, np.nan, 1.0])).tolist()
[2.0, 1.0, 2.0, nan, 4.0]
>>> ranks(np.array([[3.0, 1.0], [1.0, 1.0], [3.0, 2.0]]), method="average").tolist()
[[2.5, 1.5], [1.0, 1.5], [2.5, 3.0]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["rank_desc", "ranks"]

_METHOD = {"min": "min", "average": "average", "max": "max", "dense": "dense", "ordinal": "first"}


def ranks(x: np.ndarray, axis: int = 0, method: str = "min") -> np.ndarray:
    """Ascending ranks (1 = lowest) along ``axis``, ties by R's ``ties.method`` name, NaN kept.

    ``method`` is ``min``, ``average``, ``max``, ``dense`` or ``ordinal`` (ties
    in the order they are listed).  Whole ranks come as integers where no value
    is missing, floats otherwise (as ``rankdata`` gives them).
    """
    x = np.asarray(x, dtype=float)
    if x.ndim == 0:
        raise ValueError("ranks need an array of at least one dimension")
    moved = np.moveaxis(x, axis, 0)
    flat = moved.reshape(moved.shape[0], -1)
    r = pd.DataFrame(flat, copy=False).rank(axis=0, method=_METHOD[method], na_option="keep").to_numpy(float)
    r = np.moveaxis(r.reshape(moved.shape), 0, axis)
    return r if method == "average" or np.isnan(x).any() else r.astype(np.int64)


def rank_desc(scores: np.ndarray, axis: int = 0) -> np.ndarray:
    """Descending ``min`` ranks along ``axis``, NaN kept."""
    return ranks(-np.asarray(scores, dtype=float), axis=axis, method="min")
