"""Aggregation methods: combine the children of a node into its score.

Each function takes the children's scores ``X`` (shape ``(n_units, k)``, NaN
for missing) and their weights ``w`` (shape ``(k,)``, >= 0) and returns one
score per unit.  Missing children are left out and the remaining weights
renormalised (COINr's rule); a unit with no child data gets NaN.

Numeric policies:

* ``gmean`` and ``hmean`` need every value > 0 and raise
  :class:`~innoscope.errors.InnoscopeError` (E303) otherwise;
* ``genmean`` with ``p == 0`` is the geometric mean;
* ``copeland`` scores each unit by its pairwise outranking: for every other
  unit, +1 when the weight of children on which it is higher exceeds half
  the weight (ties count half), -1 when it falls below, 0 when equal.

>>> import numpy as np
>>> X = np.array([[10.0, 40.0], [20.0, np.nan]])
>>> aggregate(X, np.array([1.0, 3.0]), Agg.AMEAN).tolist()
[32.5, 20.0]
>>> aggregate(X, np.array([1.0, 1.0]), Agg.GMEAN).round(9).tolist()
[20.0, 20.0]
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np

from innoscope.errors import E, InnoscopeError

__all__ = ["Agg", "aggregate", "availability"]


class Agg(StrEnum):
    """The aggregation methods (``--aggregate NAME``)."""

    AMEAN = "amean"
    GMEAN = "gmean"
    HMEAN = "hmean"
    GENMEAN = "genmean"
    COPELAND = "copeland"


def availability(X: np.ndarray) -> np.ndarray:
    """Share of non-missing children per unit."""
    return np.mean(~np.isnan(X), axis=1)


def _weights(X: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    present = ~np.isnan(X)
    W = np.where(present, w[None, :], 0.0)
    total = W.sum(axis=1)
    return W, total


def _positive(X: np.ndarray, where: str) -> None:
    if np.any(X[~np.isnan(X)] <= 0):
        raise InnoscopeError(E.GMEAN_NONPOSITIVE, where=where, detail=f"min value {np.nanmin(X):g}")


def aggregate(X: np.ndarray, w: np.ndarray, method: Agg = Agg.AMEAN, p: float = 1.0, where: str = "") -> np.ndarray:
    """Aggregate children ``X`` with weights ``w`` by ``method``.

    ``p`` is the exponent of the generalised mean; ``where`` names the node for
    error messages.
    """
    X = np.asarray(X, dtype=float)
    w = np.asarray(w, dtype=float)
    W, total = _weights(X, w)
    Xz = np.where(np.isnan(X), 0.0, X)
    with np.errstate(divide="ignore", invalid="ignore"):
        if method is Agg.AMEAN or (method is Agg.GENMEAN and p == 1):
            out = (W * Xz).sum(axis=1) / total
        elif method is Agg.GMEAN or (method is Agg.GENMEAN and p == 0):
            _positive(X, where)
            out = np.exp((W * np.log(np.where(np.isnan(X), 1.0, X))).sum(axis=1) / total)
        elif method is Agg.HMEAN:
            _positive(X, where)
            out = total / (W / np.where(np.isnan(X), 1.0, X)).sum(axis=1)
        elif method is Agg.GENMEAN:
            if p < 0:
                _positive(X, where)
            out = ((W * np.where(np.isnan(X), 1.0, X) ** p).sum(axis=1) / total) ** (1.0 / p)
        elif method is Agg.COPELAND:
            out = _copeland(X, w)
        else:  # pragma: no cover - the enum is closed
            raise InnoscopeError(E.UNKNOWN_METHOD, where=where, detail=str(method))
    return np.where(total > 0, out, np.nan)


def _copeland(X: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Copeland scores from the weighted pairwise outranking matrix."""
    # diff[i, j, c] compares unit i with unit j on child c
    a = X[:, None, :]
    b = X[None, :, :]
    both = ~np.isnan(a) & ~np.isnan(b)
    wins = np.where(both & (a > b), w, 0.0).sum(axis=2) + 0.5 * np.where(both & (a == b), w, 0.0).sum(axis=2)
    tot = np.where(both, w, 0.0).sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = wins / tot
    score = np.where(tot > 0, np.sign(share - 0.5), 0.0)
    np.fill_diagonal(score, 0.0)
    return score.sum(axis=1)
