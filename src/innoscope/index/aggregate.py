"""Aggregation methods: combine the children of a node into its score, for one build or many runs at once.

:func:`aggregate` takes the children's scores ``X`` — (rows, k), or
(rows, k, runs) for a batch of runs, where a runs axis of 1 is shared by all
— and their weights ``w`` — (k,), or (runs, k) — and returns one score per
row, (rows,) or (rows, runs).  Missing children are left out and the
remaining weights renormalised (COINr's rule); a row with no child data, or
whose present weights sum to 0, gets NaN.  Each run's result depends on its
own columns only — sums are taken child by child — so a batch gives exactly
what its runs give one at a time, however the runs are split among workers.

Numeric policies:

* ``gmean``, ``hmean`` and ``genmean`` with ``p < 0`` need every value > 0
  and raise :class:`~innoscope.errors.InnoscopeError` (E303) otherwise;
  ``genmean`` with ``p == 0`` is the geometric mean, with ``p == 1`` the
  arithmetic one;
* ``copeland`` scores each unit, within its group of rows (one period), by
  its pairwise outranking: for every other unit, +1 when the weight of the
  children on which it is higher exceeds the weight of those on which it is
  lower, -1 when it falls below, 0 when they are equal within 1e-12 of the
  weight compared (ties count half; only children both units have count).
  The outranking matrix is built child by child, so memory is O(n²) per run,
  never O(n² k);
* :func:`ratio` (a framework rule, not a settings method) divides the first
  child by the second; NaN where either is missing or the denominator is 0.
  Negative scores divide as they are: a ratio means something only on a
  ratio scale (min-max onto [0, 100], GII scores).

>>> import numpy as np
>>> X = np.array([[10.0, 40.0], [20.0, np.nan]])
>>> aggregate(X, np.array([1.0, 3.0]), Agg.AMEAN).tolist()
[32.5, 20.0]
>>> aggregate(X, np.array([1.0, 1.0]), Agg.GMEAN).round(9).tolist()
[20.0, 20.0]
>>> aggregate(X[:, :, None], np.array([[1.0, 3.0], [1.0, 1.0]]), Agg.AMEAN).tolist()  # two runs at once
[[32.5, 25.0], [20.0, 20.0]]
>>> ratio(np.array([[30.0, 60.0], [5.0, 0.0]])).tolist()
[0.5, nan]
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np

from innoscope.errors import E, InnoscopeError

__all__ = ["Agg", "aggregate", "availability", "ratio"]

COPELAND_BATCH = 1 << 22  # elements of the (runs, n, n) outranking arrays built at once
TIE_TOLERANCE = 1e-12


class Agg(StrEnum):
    """The aggregation methods (``--aggregate NAME``)."""

    AMEAN = "amean"
    GMEAN = "gmean"
    HMEAN = "hmean"
    GENMEAN = "genmean"
    COPELAND = "copeland"


def _as_batch(X: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    X = np.asarray(X, dtype=float)
    w = np.asarray(w, dtype=float)
    single = X.ndim == 2 and w.ndim == 1
    X = X[:, :, None] if X.ndim == 2 else X
    w = w[None, :] if w.ndim == 1 else w
    if X.shape[2] not in (1, w.shape[0]) and w.shape[0] != 1:
        raise ValueError(f"runs of the scores ({X.shape[2]}) and of the weights ({w.shape[0]}) differ")
    return X, w, single


def availability(X: np.ndarray) -> np.ndarray:
    """Share of non-missing children per row: (rows, k) -> (rows,), (rows, k, runs) -> (rows, runs)."""
    return np.mean(~np.isnan(X), axis=1)


def _wsum(A: np.ndarray, w: np.ndarray) -> np.ndarray:
    """sum_j A[:, j, r] * w[r, j], child by child, so that a run's sum never depends on the other runs."""
    acc = np.zeros((A.shape[0], max(A.shape[2], w.shape[0])))
    for j in range(A.shape[1]):
        acc += A[:, j, :] * w[:, j][None, :]
    return acc


def _positive(X: np.ndarray, present: np.ndarray, where: str) -> None:
    if np.any(X[present] <= 0):
        raise InnoscopeError(E.GMEAN_NONPOSITIVE, where=where, detail=f"min value {np.nanmin(X):g}")


def aggregate(
    X: np.ndarray,
    w: np.ndarray,
    method: Agg = Agg.AMEAN,
    p: float = 1.0,
    where: str = "",
    groups: np.ndarray | None = None,
) -> np.ndarray:
    """Aggregate children ``X`` with weights ``w`` by ``method`` (shapes in the module docstring).

    ``p`` is the exponent of the generalised mean; ``where`` names the node for
    error messages; ``groups`` labels the rows that Copeland compares with each
    other (one label per period; all rows together by default).
    """
    X, w, single = _as_batch(X, w)
    present = ~np.isnan(X)
    total = _wsum(present.astype(float), w)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if method is Agg.COPELAND:
            out = _copeland(X, w, groups)
            total = np.broadcast_to(present.any(axis=1), out.shape).astype(float)
        elif method is Agg.AMEAN or (method is Agg.GENMEAN and p == 1):
            out = _wsum(np.where(present, X, 0.0), w) / total
        elif method is Agg.GMEAN or (method is Agg.GENMEAN and p == 0):
            _positive(X, present, where)
            out = np.exp(_wsum(np.where(present, np.log(X), 0.0), w) / total)
        elif method is Agg.HMEAN:
            _positive(X, present, where)
            out = total / _wsum(np.where(present, 1.0 / X, 0.0), w)
        elif method is Agg.GENMEAN:
            if p < 0:
                _positive(X, present, where)
            out = (_wsum(np.where(present, X**p, 0.0), w) / total) ** (1.0 / p)
        else:  # pragma: no cover - the enum is closed
            raise InnoscopeError(E.UNKNOWN_METHOD, where=where, detail=str(method))
    out = np.where(total != 0, out, np.nan)
    return out[:, 0] if single else out


def ratio(X: np.ndarray) -> np.ndarray:
    """First child / second child: (rows, 2) -> (rows,), (rows, 2, runs) -> (rows, runs); see the policy above."""
    X = np.asarray(X, dtype=float)
    num, den = X[:, 0], X[:, 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        q = num / den
    return np.where(den != 0, q, np.nan)


def _copeland(X: np.ndarray, w: np.ndarray, groups: np.ndarray | None) -> np.ndarray:
    """Copeland scores (rows, runs) from the weighted pairwise outranking within each group of rows."""
    rows, _, rx = X.shape
    runs = max(rx, w.shape[0])
    out = np.zeros((rows, runs))
    labels = np.zeros(rows, dtype=int) if groups is None else np.unique(np.asarray(groups), return_inverse=True)[1]
    for g in np.unique(labels):
        idx = np.flatnonzero(labels == g)
        n = len(idx)
        step = max(1, COPELAND_BATCH // max(n * n, 1))
        for a in range(0, runs, step):
            b = min(a + step, runs)
            out[idx, a:b] = _copeland_block(X[idx], w, a, b)
    return out


def _copeland_block(Xg: np.ndarray, w: np.ndarray, a: int, b: int) -> np.ndarray:
    """Scores (n, b - a) of runs a..b of one group: the outranking matrices are accumulated child by child."""
    n, k, rx = Xg.shape
    m = b - a
    xs = Xg[:, :, a:b] if rx > 1 else Xg  # (n, k, m or 1)
    ws = w[a:b] if w.shape[0] > 1 else w  # (m or 1, k)
    margin = np.zeros((m, n, n))  # weight on which i beats j minus weight on which j beats i
    compared = np.zeros((m, n, n))  # weight of the children both have
    for j in range(k):
        col = np.moveaxis(xs[:, j, :], 1, 0)  # (m or 1, n)
        diff = col[:, :, None] - col[:, None, :]  # NaN where either is missing
        both = ~np.isnan(diff)
        np.sign(diff, out=diff)
        diff[~both] = 0.0
        wj = ws[:, j][:, None, None]
        if diff.shape[0] == m:
            diff *= wj
            margin += diff
        else:  # one set of scores, many weightings
            margin += diff * wj
        np.add(compared, wj, out=compared, where=both)
    del diff, both
    np.abs(compared, out=compared)
    compared *= TIE_TOLERANCE  # margins this small are ties
    tie = np.abs(margin) <= compared
    np.sign(margin, out=margin)
    margin[tie] = 0.0
    return margin.sum(axis=2).T  # the diagonal is 0: a unit never beats itself
