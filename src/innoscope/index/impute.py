"""Imputation of missing values.

Cross-sectional methods work on one period's matrix ``X`` (shape
``(n_units, n_indicators)``); panel methods on the stack ``P`` (shape
``(n_periods, n_units, n_indicators)``, periods in ascending order).  Every
function returns a new array and leaves the input untouched.

Numeric policies: a value that cannot be imputed (a group, or a unit's
series, with no data at all) stays NaN for the screening step to judge.

>>> import numpy as np
>>> X = np.array([[1.0], [np.nan], [3.0], [10.0]])
>>> impute_cross(X, Imp.GROUP_MEAN, groups=np.array(["a", "a", "a", "b"])).ravel().tolist()
[1.0, 2.0, 3.0, 10.0]
>>> P = np.array([[[1.0]], [[np.nan]], [[3.0]], [[np.nan]]])
>>> impute_panel(P, Imp.INTERP_CONST).ravel().tolist()
[1.0, 2.0, 3.0, 3.0]
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from innoscope.index.methods import Imp

__all__ = ["Imp", "impute_cross", "impute_panel"]



def _fill(X: np.ndarray, centre: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(X), centre, X)


def impute_cross(X: np.ndarray, method: Imp, groups: np.ndarray | None = None) -> np.ndarray:
    """Impute one period by the mean or median over all units or within groups."""
    X = np.asarray(X, dtype=float)
    if method is Imp.NONE or not np.isnan(X).any():
        return X.copy()
    stat = np.nanmedian if method in (Imp.MEDIAN, Imp.GROUP_MEDIAN) else np.nanmean
    with warnings.catch_warnings():  # all-NaN columns stay NaN, without a warning
        warnings.simplefilter("ignore", RuntimeWarning)
        if not method.needs_group:
            return _fill(X, stat(X, axis=0)[None, :])
        if groups is None:
            raise ValueError("group imputation needs unit groups")
        out = X.copy()
        labels = pd.Series(groups).astype("string")
        for g in labels.dropna().unique():
            rows = (labels == g).fillna(False).to_numpy()
            out[rows] = _fill(X[rows], stat(X[rows], axis=0)[None, :])
        return out


def impute_panel(P: np.ndarray, method: Imp) -> np.ndarray:
    """Impute along the period axis of ``P`` for each unit and indicator."""
    P = np.asarray(P, dtype=float)
    if not np.isnan(P).any():
        return P.copy()
    t, n, k = P.shape
    frame = pd.DataFrame(P.reshape(t, n * k))
    if method is Imp.LATEST:
        out = frame.ffill()
    elif method is Imp.INTERP:
        out = frame.interpolate(method="linear", axis=0, limit_area="inside")
    elif method is Imp.INTERP_CONST:
        out = frame.interpolate(method="linear", axis=0, limit_area="inside").ffill().bfill()
    else:
        raise ValueError(f"{method} is not a panel method")
    return out.to_numpy(dtype=float).reshape(t, n, k)
