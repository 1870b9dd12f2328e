"""Correlations of indicators with each other and with their parents, with p-values and flags.

Pearson and Spearman on pairwise-complete observations; the p-value is the
two-sided test of zero correlation (R's ``cor.test``).  Flags: |r| above 0.9
(redundant), negative, and not significant at 5 % within the indicator's own
parent.

>>> import pandas as pd
>>> from innoscope.frameworks import Framework, Node
>>> fw = Framework.from_nodes([Node("I", None), Node("x", "I"), Node("y", "I")])
>>> data = pd.DataFrame({"x": [1.0, 2, 3, 4], "y": [2.0, 4, 5, 9], "I": [1.5, 3, 4, 6.5]})
>>> with_parents(data, fw)[["indicator", "parent", "pearson", "flag"]].round(3).to_dict("records")[0]
{'indicator': 'x', 'parent': 'I', 'pearson': 0.983, 'flag': 'high'}
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from innoscope.frameworks import Framework

__all__ = ["corr_matrix", "pairwise", "with_family", "with_parents"]


def pairwise(x: np.ndarray, y: np.ndarray, method: str = "pearson") -> tuple[float, float]:
    """Correlation and two-sided p-value on the pairs where both are present."""
    ok = ~np.isnan(x) & ~np.isnan(y)
    if ok.sum() < 3 or np.std(x[ok]) == 0 or np.std(y[ok]) == 0:
        return np.nan, np.nan
    fn = stats.pearsonr if method == "pearson" else stats.spearmanr
    r, p = fn(x[ok], y[ok])
    return float(r), float(p)


def corr_matrix(a: pd.DataFrame, b: pd.DataFrame | None = None, method: str = "pearson") -> pd.DataFrame:
    """Correlations of the columns of ``a`` with those of ``b`` (default: ``a`` itself)."""
    b = a if b is None else b
    out = np.full((a.shape[1], b.shape[1]), np.nan)
    A, B = a.to_numpy(float), b.to_numpy(float)
    for i in range(A.shape[1]):
        for j in range(B.shape[1]):
            out[i, j] = pairwise(A[:, i], B[:, j], method)[0]
    return pd.DataFrame(out, index=a.columns, columns=b.columns)


def _flag(r: float, p: float, high: float) -> str:
    if np.isnan(r):
        return "n/a"
    if abs(r) > high:
        return "high"
    if r < 0:
        return "negative"
    if p > 0.05:
        return "insignificant"
    return "ok"


def with_parents(data: pd.DataFrame, framework: Framework, high: float = 0.9) -> pd.DataFrame:
    """Each indicator against its parent: Pearson, its p-value, the value masked at p > 0.05, Spearman, flag.

    ``data`` holds indicator and aggregate scores (units in rows, codes in columns).
    """
    rows = []
    for code in framework.indicators:
        parent = framework.node(code).parent
        x, y = data[code].to_numpy(float), data[parent].to_numpy(float)
        r, p = pairwise(x, y, "pearson")
        rho, _ = pairwise(x, y, "spearman")
        rows.append(
            {
                "indicator": code,
                "parent": parent,
                "pearson": r,
                "p_value": p,
                "pearson_p05": r if p <= 0.05 else np.nan,
                "spearman": rho,
                "flag": _flag(r, p, high),
            }
        )
    return pd.DataFrame(rows)


def with_family(data: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Each indicator against every ancestor (pillar, sub-index, index), Pearson."""
    rows = []
    for code in framework.indicators:
        node = framework.node(code).parent
        while node is not None:
            r, _ = pairwise(data[code].to_numpy(float), data[node].to_numpy(float))
            rows.append({"indicator": code, "ancestor": node, "level": framework.level(node), "pearson": r})
            node = framework.node(node).parent
    return pd.DataFrame(rows)
