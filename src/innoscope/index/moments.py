"""Sample skewness and excess kurtosis as Excel (and e1071 type 2, COINr) compute them.

Both work column-wise on a 2-D array and ignore NaN.  A column with too few
points (skewness needs 3, kurtosis 4) or no spread gives NaN.

>>> import numpy as np
>>> x = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100])
>>> round(float(skewness(x)), 4), round(float(kurtosis(x)), 4)
(3.0632, 9.7414)
"""

from __future__ import annotations

import numpy as np

__all__ = ["kurtosis", "skewness"]


def _centred(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=float)
    n = np.sum(~np.isnan(x), axis=0).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        d = x - np.nanmean(x, axis=0)
    return np.where(np.isnan(d), 0.0, d), n


def skewness(x: np.ndarray) -> np.ndarray:
    """Adjusted Fisher-Pearson sample skewness (Excel ``SKEW``), per column.

    Parameters
    ----------
    x : ndarray of shape (n,) or (n, k)
    """
    d, n = _centred(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        g = np.sqrt(n) * np.sum(d**3, axis=0) / np.sum(d**2, axis=0) ** 1.5
        out = g * np.sqrt(n * (n - 1)) / (n - 2)
    return np.where(n < 3, np.nan, out)


def kurtosis(x: np.ndarray) -> np.ndarray:
    """Sample excess kurtosis (Excel ``KURT``), per column.

    Parameters
    ----------
    x : ndarray of shape (n,) or (n, k)
    """
    d, n = _centred(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = n * np.sum(d**4, axis=0) / np.sum(d**2, axis=0) ** 2
        out = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return np.where(n < 4, np.nan, out)
