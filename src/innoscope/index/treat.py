"""Outlier treatment: the GII / COINr rule of skewness and kurtosis.

An indicator *fails* when ``|skewness| >= skew_limit`` **and**
``kurtosis >= kurt_limit`` (sample skewness and excess kurtosis as Excel
computes them, :mod:`innoscope.index.moments`).  A failing column is
winsorised one extreme at a time on the side of its skew, re-testing after
each step, up to ``winmax`` points; if it still fails, the *original* column
is log-transformed with ``log(x - min + 0.01 (max - min))`` instead.

Numeric policies, as COINr has them:

* the count of winsorised points is the number of points changed *by the last
  step* (tied points move together, so it still grows step by step);
* a column whose test cannot be computed (fewer than 4 values, or no spread)
  passes untouched;
* a column that still fails after the log is kept log-transformed.

>>> import numpy as np
>>> x = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100])
>>> t = treat_column(x, TreatSpec(winmax=2))
>>> t.action.value, t.nwin, t.values[-2:].tolist()
('winsorise', 1, [30.0, 30.0])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from innoscope.index.moments import kurtosis, skewness

__all__ = ["Action", "ColumnTreatment", "TreatSpec", "passes", "treat_column", "treat_matrix"]


class Action(StrEnum):
    """What was done to a column."""

    NONE = "none"
    WINSORISE = "winsorise"
    LOG = "log_CT"


@dataclass(frozen=True)
class TreatSpec:
    """Parameters of the treatment of one indicator.

    ``winmax=0`` skips winsorising; ``log_fallback=False`` keeps the
    winsorised column even when it still fails; ``enabled=False`` leaves the
    column as it is.
    """

    enabled: bool = True
    winmax: int = 5
    skew_limit: float = 2.0
    kurt_limit: float = 3.5
    log_fallback: bool = True


@dataclass(frozen=True)
class ColumnTreatment:
    """The treated values of one column and a record of what happened."""

    values: np.ndarray
    action: Action
    nwin: int | None
    # (skewness, kurtosis, passed) before, after winsorising, after the log
    checks: tuple[tuple[float, float, bool], ...]
    points: tuple[str, ...] = field(default=())


def _check(x: np.ndarray, spec: TreatSpec) -> tuple[float, float, bool | None]:
    s = float(skewness(x))
    k = float(kurtosis(x))
    if np.isnan(s) or np.isnan(k):
        return s, k, None
    return s, k, bool(abs(s) < spec.skew_limit or k < spec.kurt_limit)


def passes(X: np.ndarray, skew_limit: float = 2.0, kurt_limit: float = 3.5) -> np.ndarray:
    """Column-wise pass/fail of the skewness-kurtosis test; NaN tests pass.

    >>> import numpy as np
    >>> passes(np.array([[1.0, 1], [2, 1], [3, 1], [4, 1], [100, 1]])).tolist()
    [False, True]
    """
    s = skewness(X)
    k = kurtosis(X)
    fail = (np.abs(s) >= skew_limit) & (k >= kurt_limit)
    return ~np.nan_to_num(fail, nan=False).astype(bool)


def _winsorise(x: np.ndarray, spec: TreatSpec) -> tuple[np.ndarray, int, np.ndarray, np.ndarray]:
    x = x.copy()
    hi = np.zeros(x.shape, dtype=bool)
    lo = np.zeros(x.shape, dtype=bool)
    nwin = 0
    passed = False
    while not passed and nwin < spec.winmax:
        if float(skewness(x)) >= 0:
            extreme = x == np.nanmax(x)
            rest = x[~extreme & ~np.isnan(x)]
            if rest.size == 0:
                break
            x[extreme] = rest.max()
            hi = extreme
        else:
            extreme = x == np.nanmin(x)
            rest = x[~extreme & ~np.isnan(x)]
            if rest.size == 0:
                break
            x[extreme] = rest.min()
            lo = extreme
        nwin = int(hi.sum() + lo.sum())
        passed = bool(_check(x, spec)[2] is not False)
    return x, nwin, hi, lo


def log_ct(x: np.ndarray) -> np.ndarray:
    """COIN Tool log: ``log(x - min + 0.01 (max - min))``, NaN kept.

    >>> import numpy as np
    >>> np.round(log_ct(np.array([0.0, 1.0, 100.0])), 4).tolist()
    [0.0, 0.6931, 4.6151]
    """
    lo, hi = np.nanmin(x), np.nanmax(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(x - lo + 0.01 * (hi - lo))


def treat_column(x: np.ndarray, spec: TreatSpec = TreatSpec()) -> ColumnTreatment:
    """Treat one indicator column (shape ``(n,)``, NaN for missing)."""
    x = np.asarray(x, dtype=float)
    n = x.shape[0]
    none = ColumnTreatment(x.copy(), Action.NONE, None, (), ("",) * n)
    if not spec.enabled:
        return none
    s0, k0, p0 = _check(x, spec)
    if p0 is None or p0:
        return ColumnTreatment(x.copy(), Action.NONE, None, ((s0, k0, bool(p0 is None or p0)),), ("",) * n)
    checks: list[tuple[float, float, bool]] = [(s0, k0, False)]
    xw, nwin, hi, lo = _winsorise(x, spec) if spec.winmax > 0 else (x.copy(), 0, None, None)
    s1, k1, p1 = _check(xw, spec)
    checks.append((s1, k1, p1 is not False))
    win_labels = [
        "winhi" if hi is not None and hi[i] else "winlo" if lo is not None and lo[i] else "" for i in range(n)
    ]
    if p1 is not False or not spec.log_fallback:
        return ColumnTreatment(xw, Action.WINSORISE, nwin, tuple(checks), tuple(win_labels))
    xl = log_ct(x)
    s2, k2, p2 = _check(xl, spec)
    checks.append((s2, k2, p2 is not False))
    labels = tuple(f"{w}+log_CT" for w in win_labels)
    return ColumnTreatment(xl, Action.LOG, nwin, tuple(checks), labels)


def treat_matrix(X: np.ndarray, specs: list[TreatSpec]) -> tuple[np.ndarray, list[ColumnTreatment]]:
    """Treat every column of ``X`` (shape ``(n_units, n_indicators)``).

    The pass test runs on all columns at once; only failing columns go through
    the step-by-step winsorising loop.
    """
    X = np.asarray(X, dtype=float)
    out = X.copy()
    quick = passes(X)
    records: list[ColumnTreatment] = []
    for j, spec in enumerate(specs):
        default_limits = spec.skew_limit == 2.0 and spec.kurt_limit == 3.5
        if not spec.enabled or (quick[j] and default_limits):
            s, k = float(skewness(X[:, j])), float(kurtosis(X[:, j]))
            checks = () if not spec.enabled else ((s, k, True),)
            records.append(ColumnTreatment(X[:, j].copy(), Action.NONE, None, checks, ("",) * X.shape[0]))
            continue
        rec = treat_column(X[:, j], spec)
        out[:, j] = rec.values
        records.append(rec)
    return out, records
