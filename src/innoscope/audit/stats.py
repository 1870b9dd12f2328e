"""Indicator statistics as COINr's ``get_stats`` reports them, with its flags.

Per column: min, max, mean, median, sample sd, skewness and excess kurtosis
(Excel's estimators), counts of available, non-zero, unique and most-repeated
values and their fractions (of the units for availability, of the available
values for the rest), and the flags: availability below 0.65, non-zero or
unique fraction below 0.5 ("LOW"), and |skew| > 2 with kurtosis > 3.5 ("OUT").

>>> import pandas as pd
>>> t = indicator_stats(pd.DataFrame({"x": [1.0, 2.0, 2.0, None], "y": [0.0, 0.0, 0.0, 5.0]}))
>>> [str(v) for v in t.loc["x", ["N.Avail", "N.Unique", "N.Same", "Frc.Avail", "Flag.Avail"]]]
['3', '2', '2', '0.75', 'ok']
>>> [str(v) for v in t.loc["y", ["N.NonZero", "Frc.NonZero", "Flag.NonZero", "Flag.Unique"]]]
['1', '0.25', 'LOW', 'ok']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from innoscope.errors import E, InnoscopeError
from innoscope.index.moments import skew_kurt

__all__ = ["MIN_UNITS", "indicator_stats", "require_units"]

MIN_UNITS = 3  # correlations with p-values, Cronbach's alpha and PCA compare at least three units


def require_units(scores: pd.Series, period: object) -> None:
    """E323 unless at least :data:`MIN_UNITS` units have an index score (``scores``) in ``period``.

    >>> require_units(pd.Series([1.0, 2.0, float("nan")]), 2020)
    Traceback (most recent call last):
    ...
    innoscope.errors.InnoscopeError: E323 period 2020: too few units for the audit statistics: 2 scored, at least 3 ...
    """
    n = int(scores.notna().sum())
    if n < MIN_UNITS:
        raise InnoscopeError(
            E.TOO_FEW_UNITS, where=f"period {period}", detail=f"{n} scored, at least {MIN_UNITS} needed"
        )


def indicator_stats(
    data: pd.DataFrame,
    t_avail: float = 0.65,
    t_zero: float = 0.5,
    t_unq: float = 0.5,
    t_skew: float = 2.0,
    t_kurt: float = 3.5,
) -> pd.DataFrame:
    """One row per column of ``data`` (units in rows)."""
    X = data.to_numpy(dtype=float)
    n = X.shape[0]
    avail = (~np.isnan(X)).sum(axis=0)
    nonzero = ((X != 0) & ~np.isnan(X)).sum(axis=0)
    unique, same = [], []
    for j in range(X.shape[1]):
        col = X[~np.isnan(X[:, j]), j]
        vals, counts = np.unique(col, return_counts=True)
        unique.append(len(vals))
        same.append(int(counts.max()) if len(counts) else 0)
    skew, kurt = skew_kurt(X)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = pd.DataFrame(
            {
                "Min": np.nanmin(X, axis=0),
                "Max": np.nanmax(X, axis=0),
                "Mean": np.nanmean(X, axis=0),
                "Median": np.nanmedian(X, axis=0),
                "Std": np.nanstd(X, axis=0, ddof=1),
                "Skew": skew,
                "Kurt": kurt,
                "N.Avail": avail,
                "N.NonZero": nonzero,
                "N.Unique": unique,
                "N.Same": same,
                "Frc.Avail": avail / n,
                "Frc.NonZero": nonzero / avail,
                "Frc.Unique": np.array(unique) / avail,
                "Frc.Same": np.array(same) / avail,
            },
            index=data.columns,
        )
    out["Flag.Avail"] = np.where(out["Frc.Avail"] >= t_avail, "ok", "LOW")
    out["Flag.NonZero"] = np.where(out["Frc.NonZero"] >= t_zero, "ok", "LOW")
    out["Flag.Unique"] = np.where(out["Frc.Unique"] >= t_unq, "ok", "LOW")
    out["Flag.SkewKurt"] = np.where((np.abs(out["Skew"]) > t_skew) & (out["Kurt"] > t_kurt), "OUT", "ok")
    return out
