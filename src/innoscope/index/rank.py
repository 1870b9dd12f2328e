"""Ranks of scores, as COINr reports them.

Rank 1 is the highest score; tied scores share the lowest rank of their
block (R's ``rank(-x, ties.method = "min")``); missing scores have no rank.
:func:`ranks` ranks ascending with any of R's tie methods (the ``rank`` and
``borda`` normalisations use it).  Both rank along one axis of an array of
any shape: the lines are sorted (NumPy's vectorised sort), tied values found
as blocks of equal neighbours, and each block's rank written back — the same
numbers, and number types, as SciPy's ``rankdata`` with ``nan_policy="omit"``
(which costs the whole of ``scipy.stats`` to import).

>>> import numpy as np
>>> rank_desc(np.array([5.0, 9.0, 5.0, np.nan, 1.0])).tolist()
[2.0, 1.0, 2.0, nan, 4.0]
>>> ranks(np.array([[3.0, 1.0], [1.0, 1.0], [3.0, 2.0]]), method="average").tolist()
[[2.5, 1.5], [1.0, 1.5], [2.5, 3.0]]
"""

from __future__ import annotations

import numpy as np

__all__ = ["METHODS", "rank_desc", "ranks"]

METHODS = ("min", "average", "max", "dense", "ordinal")
_BLOCK = 1 << 21  # values ranked at a time (bounds the temporaries)


def ranks(x: np.ndarray, axis: int = 0, method: str = "min", descending: bool = False) -> np.ndarray:
    """Ascending ranks (1 = lowest) along ``axis``, ties by R's ``ties.method`` name, NaN kept.

    ``method`` is ``min``, ``average``, ``max``, ``dense`` or ``ordinal`` (ties
    in the order they are listed); ``descending`` ranks the highest first.
    Whole ranks come as integers where no value is missing, floats otherwise
    (as ``rankdata`` gives them).
    """
    if method not in METHODS:
        raise ValueError(f"unknown ties method {method!r}; use one of {', '.join(METHODS)}")
    x = np.asarray(x, dtype=float)
    if x.ndim == 0:
        raise ValueError("ranks need an array of at least one dimension")
    whole = method != "average" and not np.isnan(x).any()
    moved = np.moveaxis(x, axis, -1)
    lines = np.ascontiguousarray(moved).reshape(-1, moved.shape[-1]) if moved.size else moved.reshape(0, 0)
    out = np.empty(lines.shape, dtype=np.int64 if whole else float)
    step = max(1, _BLOCK // max(lines.shape[1], 1))
    for a in range(0, lines.shape[0], step):
        block = lines[a : a + step]
        out[a : a + step] = _rank_lines(-block if descending else block, method)
    return np.moveaxis(out.reshape(moved.shape), -1, axis)


def _rank_lines(a: np.ndarray, method: str) -> np.ndarray:
    """Ranks along the rows of ``a`` (m, n); NaN (sorted last) stay NaN."""
    m, n = a.shape
    order = np.argsort(a, axis=1, kind="stable" if method == "ordinal" else None)
    s = np.take_along_axis(a, order, axis=1)
    position = np.arange(n)
    if method == "ordinal":
        value = np.broadcast_to(position + 1.0, (m, n)).copy()
    else:
        new = np.ones((m, n), dtype=bool)  # a value that starts a block of ties
        np.not_equal(s[:, 1:], s[:, :-1], out=new[:, 1:])
        if method == "dense":
            value = np.cumsum(new, axis=1).astype(float)
        else:
            start = np.maximum.accumulate(np.where(new, position, 0), axis=1)
            if method == "min":
                value = start + 1.0
            else:
                last = np.ones((m, n), dtype=bool)  # a value that ends its block
                last[:, :-1] = new[:, 1:]
                end = np.minimum.accumulate(np.where(last, position, n - 1)[:, ::-1], axis=1)[:, ::-1]
                value = end + 1.0 if method == "max" else (start + end) / 2 + 1.0
    value[np.isnan(s)] = np.nan
    out = np.empty((m, n))
    np.put_along_axis(out, order, value, axis=1)
    return out


def rank_desc(scores: np.ndarray, axis: int = 0) -> np.ndarray:
    """Descending ``min`` ranks along ``axis``, NaN kept."""
    return ranks(scores, axis=axis, method="min", descending=True)
