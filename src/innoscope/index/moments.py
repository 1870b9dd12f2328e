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

__all__ = ["kurtosis", "skew_kurt", "skewness"]


def _sums(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Count and the 2nd, 3rd and 4th central sums of each column, NaN ignored."""
    x = np.asarray(x, dtype=float)
    missing = np.isnan(x)
    n = (x.shape[0] - missing.sum(axis=0)).astype(float)
    d = np.where(missing, 0.0, x)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = d.sum(axis=0) / n
    np.subtract(x, mean, out=d)  # the deviations, in place (three arrays of x's size in all, not six)
    d[missing] = 0.0
    d2 = d * d
    s2 = d2.sum(axis=0)
    d *= d2
    s3 = d.sum(axis=0)
    d2 *= d2
    return n, s2, s3, d2.sum(axis=0)


def _skew(n, s2, s3):
    with np.errstate(invalid="ignore", divide="ignore"):
        g = np.sqrt(n) * s3 / (s2 * np.sqrt(s2))
        out = g * np.sqrt(n * (n - 1)) / (n - 2)
    return np.where(n < 3, np.nan, out)


def _kurt(n, s2, s4):
    with np.errstate(invalid="ignore", divide="ignore"):
        r = n * s4 / (s2 * s2)
        out = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return np.where(n < 4, np.nan, out)


def skewness(x: np.ndarray) -> np.ndarray:
    """Adjusted Fisher-Pearson sample skewness (Excel ``SKEW``), per column.

    Parameters
    ----------
    x : ndarray of shape (n,) or (n, k)
    """
    n, s2, s3, _ = _sums(x)
    return _skew(n, s2, s3)


def kurtosis(x: np.ndarray) -> np.ndarray:
    """Sample excess kurtosis (Excel ``KURT``), per column.

    Parameters
    ----------
    x : ndarray of shape (n,) or (n, k)
    """
    n, s2, _, s4 = _sums(x)
    return _kurt(n, s2, s4)


def skew_kurt(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both at once, sharing one pass over the data."""
    n, s2, s3, s4 = _sums(x)
    return _skew(n, s2, s3), _kurt(n, s2, s4)
