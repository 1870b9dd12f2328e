"""Weights of each node's children: as given, equal, or from PCA.

Weights are relative within a parent: :func:`renormalise` scales each
sibling group to sum to 1 (aggregation itself renormalises again over the
children a unit has data for).

PCA weights follow the OECD/JRC handbook's use of the first principal
component: for each aggregate, the children's scores (complete rows, pooled
over periods) are standardised, and each child's weight is its squared
loading on the first component, which sums to 1.  A node with one child, or
fewer than three complete rows, keeps equal weights.

>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> f = rng.normal(size=200)
>>> X = np.column_stack([f + 0.1 * rng.normal(size=200), f + 0.1 * rng.normal(size=200), rng.normal(size=200)])
>>> w = pca_weights(X)
>>> bool(w[0] > 0.4 and w[1] > 0.4 and w[2] < 0.1), round(float(w.sum()), 6)
(True, 1.0)
"""

from __future__ import annotations

import numpy as np
from sklearn.decomposition import PCA

__all__ = ["pca_weights", "renormalise"]


def pca_weights(X: np.ndarray) -> np.ndarray:
    """Squared first-component loadings of the standardised columns of ``X``."""
    X = np.asarray(X, dtype=float)
    k = X.shape[1]
    rows = X[~np.isnan(X).any(axis=1)]
    if k < 2 or rows.shape[0] < 3:
        return np.full(k, 1.0 / k)
    sd = rows.std(axis=0, ddof=1)
    ok = sd > 0
    if ok.sum() < 2:
        return np.full(k, 1.0 / k)
    Z = (rows[:, ok] - rows[:, ok].mean(axis=0)) / sd[ok]
    comp = PCA(n_components=1, svd_solver="full").fit(Z).components_[0]
    w = np.zeros(k)
    w[ok] = comp**2
    return w / w.sum()


def renormalise(weights: dict[str, float], parents: dict[str, str | None]) -> dict[str, float]:
    """Scale weights so that each parent's children sum to 1.

    >>> renormalise({"a": 1, "b": 3, "c": 2}, {"a": "P", "b": "P", "c": "Q"})
    {'a': 0.25, 'b': 0.75, 'c': 1.0}
    """
    totals: dict[str | None, float] = {}
    for code, w in weights.items():
        totals[parents[code]] = totals.get(parents[code], 0.0) + w
    return {c: (w / totals[parents[c]] if totals[parents[c]] > 0 else 0.0) for c, w in weights.items()}
