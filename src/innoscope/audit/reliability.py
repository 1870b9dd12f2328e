"""Cronbach's alpha and principal components of each aggregate's children or descendants.

Alpha is ``k^2 * mean off-diagonal covariance / sum of the covariance matrix``
with pairwise-complete covariances (COINr's ``get_cronbach``).  PCA runs on
the standardised columns over complete rows (scikit-learn).

>>> import numpy as np, pandas as pd
>>> rng = np.random.default_rng(0)
>>> f = rng.normal(size=100)
>>> X = pd.DataFrame({c: f + 0.5 * rng.normal(size=100) for c in "abc"})
>>> round(cronbach_alpha(X), 3)
0.915
>>> pca_summary(X)["explained"].round(2).tolist()
[0.86, 0.07, 0.07]
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA

from innoscope.frameworks import Framework

__all__ = ["cronbach_alpha", "cronbach_table", "members", "pca_summary", "pca_table"]


def cronbach_alpha(X: pd.DataFrame) -> float:
    """Cronbach's alpha of the columns of ``X``; NaN with fewer than two columns, two units or no variance."""
    k = X.shape[1]
    if k < 2:
        return float("nan")
    cov = X.cov(min_periods=2).to_numpy()  # pairwise-complete
    off = cov[~np.eye(k, dtype=bool)]
    total = np.nansum(cov)
    if np.isnan(off).all() or total == 0:  # too few units, or no spread: no alpha (and no warning)
        return float("nan")
    return float(k**2 * np.nanmean(off) / total)


def members(framework: Framework, code: str, level: int) -> list[str]:
    """The descendants of ``code`` at ``level`` (its children when that is the level below)."""
    out = []
    stack = list(framework.children(code))
    while stack:
        c = stack.pop(0)
        if framework.level(c) == level or (level == 1 and not framework.children(c)):
            out.append(c)
        elif framework.level(c) > level:
            stack[:0] = list(framework.children(c))
    return out


def cronbach_table(data: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Alpha of every aggregate from its members at each lower level."""
    rows = []
    for code in framework.aggregates:
        for level in range(1, framework.level(code)):
            cols = members(framework, code, level)
            if len(cols) >= 2:
                rows.append(
                    {
                        "aggregate": code,
                        "level": framework.level(code),
                        "members_level": level,
                        "k": len(cols),
                        "alpha": cronbach_alpha(data[cols]),
                    }
                )
    return pd.DataFrame(rows)


def pca_summary(X: pd.DataFrame) -> pd.DataFrame:
    """Share of variance explained by each component and the loadings of the first."""
    rows = X.dropna()
    sd = rows.std(ddof=1)
    Z = (rows - rows.mean()) / sd.where(sd > 0, 1.0)
    n = min(Z.shape)
    pca = PCA(n_components=n, svd_solver="full").fit(Z.to_numpy())
    return pd.DataFrame({"component": np.arange(1, n + 1), "explained": pca.explained_variance_ratio_})


def pca_table(data: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Per aggregate: variance explained by the first component and each child's loading on it."""
    rows = []
    for code in framework.aggregates:
        kids = list(framework.children(code))
        X = data[kids].dropna()
        if len(kids) < 2 or len(X) < 3:
            continue
        sd = X.std(ddof=1)
        Z = ((X - X.mean()) / sd.where(sd > 0, 1.0)).to_numpy()
        pca = PCA(n_components=min(Z.shape), svd_solver="full").fit(Z)
        first = pca.components_[0] * np.sign(pca.components_[0].sum() or 1.0)
        for child, loading in zip(kids, first, strict=True):
            rows.append(
                {
                    "aggregate": code,
                    "child": child,
                    "loading": loading,
                    "pc1_explained": pca.explained_variance_ratio_[0],
                }
            )
    return pd.DataFrame(rows)
