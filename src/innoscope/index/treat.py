"""Outlier treatment: the GII / COINr rule of skewness and kurtosis.

An indicator *fails* when ``|skewness| >= skew_limit`` **and**
``kurtosis >= kurt_limit`` (sample skewness and excess kurtosis as Excel
computes them, :mod:`innoscope.index.moments`).  A failing column is
winsorised one extreme at a time on the side of its skew, re-testing after
each step, up to ``winmax`` points; if it still fails, the *original* column
is log-transformed instead, by one of two forms (``log_form``):

* ``ct`` (the default, COINr's ``log_CT``): ``log(x - min + 0.01 (max - min))``;
* ``gii`` (COINr's ``log_GII``, the form of the GII's own spreadsheet):
  ``log((max - 1)(x - min) / (max - min) + 1)``.  It keeps the order of the
  values only where ``max > 1``; a column whose maximum is at most 1 keeps its
  winsorised values instead, and the record says so.

Numeric policies, as COINr has them:

* the count of winsorised points is the number of points changed *by the last
  step* (tied points move together, so it still grows step by step);
* a column whose test cannot be computed (fewer than 4 values, or no spread)
  passes untouched;
* a column that still fails after the log is kept log-transformed.

>>> import numpy as np
>>> x = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100])
>>> values, t = treat_column(x, TreatSpec(winmax=2))
>>> t.action.value, t.nwin, values[-2:].tolist()
('winsorise', 1, [30.0, 30.0])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from innoscope.index.moments import skew_kurt

__all__ = ["Action", "ColumnTreatment", "TreatSpec", "passes", "treat_column", "treat_matrix"]


class Action(StrEnum):
    """What was done to a column."""

    NONE = "none"
    WINSORISE = "winsorise"
    LOG = "log_CT"
    LOG_GII = "log_GII"


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
    log_form: str = "ct"  # "ct" (log_CT) or "gii" (log_GII)

    def __post_init__(self) -> None:
        if self.log_form not in ("ct", "gii"):
            raise ValueError(f"log_form must be 'ct' or 'gii', got {self.log_form!r}")


@dataclass(frozen=True)
class ColumnTreatment:
    """What treatment did to one column.

    ``checks`` holds (skewness, kurtosis, passed) before treatment, after
    winsorising and after the log, as far as each ran.  ``high``/``low`` mark
    the points the last winsorising step changed.
    """

    action: Action
    nwin: int | None
    checks: tuple[tuple[float, float, bool], ...]
    high: np.ndarray | None = field(default=None, repr=False)
    low: np.ndarray | None = field(default=None, repr=False)
    n: int = 0

    @property
    def points(self) -> tuple[str, ...]:
        """COINr's label of every point: winhi, winlo, +log_CT, winhi+log_CT or ''."""
        labels = np.full(self.n, "", dtype=object)
        if self.high is not None:
            labels[self.high] = "winhi"
        if self.low is not None:
            labels[self.low] = "winlo"
        if self.action in (Action.LOG, Action.LOG_GII):
            labels = np.array([f"{w}+{self.action.value}" for w in labels], dtype=object)
        return tuple(labels)


def passes(X: np.ndarray, skew_limit: float | np.ndarray = 2.0, kurt_limit: float | np.ndarray = 3.5) -> np.ndarray:
    """Column-wise pass/fail of the skewness-kurtosis test; untestable columns pass.

    >>> import numpy as np
    >>> passes(np.array([[1.0, 1], [2, 1], [3, 1], [4, 1], [100, 1]])).tolist()
    [False, True]
    """
    return _passes(*skew_kurt(X), skew_limit, kurt_limit)


def _passes(s: np.ndarray, k: np.ndarray, skew_limit, kurt_limit) -> np.ndarray:
    """:func:`passes` from the columns' skewness and kurtosis."""
    fail = (np.abs(s) >= skew_limit) & (k >= kurt_limit)
    return ~np.nan_to_num(fail, nan=False).astype(bool)


def log_ct(x: np.ndarray) -> np.ndarray:
    """COIN Tool log: ``log(x - min + 0.01 (max - min))``, column-wise, NaN kept.

    >>> import numpy as np
    >>> np.round(log_ct(np.array([0.0, 1.0, 100.0])), 4).tolist()
    [0.0, 0.6931, 4.6151]
    """
    lo, hi = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(x - lo + 0.01 * (hi - lo))


def log_gii(x: np.ndarray) -> np.ndarray:
    """GII log: ``log((max - 1)(x - min) / (max - min) + 1)``, column-wise, NaN kept.

    >>> import numpy as np
    >>> np.round(log_gii(np.array([0.0, 1.0, 100.0])), 4).tolist()
    [0.0, 0.6881, 4.6052]
    """
    lo, hi = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log((hi - 1) * (x - lo) / (hi - lo) + 1)


def _winsorise(W: np.ndarray, winmax: np.ndarray, skew_lim: np.ndarray, kurt_lim: np.ndarray, skew: np.ndarray):
    """Winsorise the failing columns of ``W`` step by step, all columns at once.

    Each step changes, in every column still failing and below its ``winmax``,
    the points equal to the max (skew >= 0) or min (skew < 0) to the next value.
    ``skew`` is each column's skewness; the test after each step gives the
    next one's (a failing column's skewness is at least the limit, so its sign
    is never in doubt).
    """
    W = W.copy()
    k = W.shape[1]
    high = np.zeros(W.shape, dtype=bool)
    low = np.zeros(W.shape, dtype=bool)
    nwin = np.zeros(k, dtype=int)
    n_high = np.zeros(k, dtype=int)  # points in each column's high and low masks
    n_low = np.zeros(k, dtype=int)
    skew = np.array(skew, dtype=float)
    active = winmax > 0
    while active.any():
        cols = np.flatnonzero(active)
        sub = W if len(cols) == k else W[:, cols]  # every column still failing: no copy
        up = skew[cols] >= 0
        ext_val = np.where(up, np.nanmax(sub, axis=0), np.nanmin(sub, axis=0))
        extreme = sub == ext_val
        rest = np.where(extreme | np.isnan(sub), np.nan, sub)
        has_rest = ~np.isnan(rest).all(axis=0)
        # np.nanmax's own reduction, which leaves an all-NaN column NaN without a warning
        nxt = np.where(up, np.fmax.reduce(rest, axis=0), np.fmin.reduce(rest, axis=0))
        step = cols[has_rest]
        ext = extreme[:, has_rest]
        W[:, step] = np.where(ext, nxt[has_rest], W[:, step])
        up_s = up[has_rest]
        high[:, step[up_s]] = ext[:, up_s]
        low[:, step[~up_s]] = ext[:, ~up_s]
        changed = ext.sum(axis=0)
        n_high[step[up_s]] = changed[up_s]
        n_low[step[~up_s]] = changed[~up_s]
        nwin[step] = n_high[step] + n_low[step]
        active[cols[~has_rest]] = False
        s, kt = skew_kurt(W[:, step])
        skew[step] = s
        ok = _passes(s, kt, skew_lim[step], kurt_lim[step])
        active[step] = ~ok & (nwin[step] < winmax[step])
    return W, nwin, high, low


def treat_matrix(X: np.ndarray, specs: list[TreatSpec]) -> tuple[np.ndarray, list[ColumnTreatment]]:
    """Treat every column of ``X`` (shape ``(n_units, n_indicators)``), one spec per column.

    The tests and the winsorising steps run on all failing columns at once.
    """
    X = np.asarray(X, dtype=float)
    n, k = X.shape
    enabled = np.array([s.enabled for s in specs], dtype=bool)
    skew_lim = np.array([s.skew_limit for s in specs], dtype=float)
    kurt_lim = np.array([s.kurt_limit for s in specs], dtype=float)
    winmax = np.array([s.winmax for s in specs], dtype=int)
    use_log = np.array([s.log_fallback for s in specs], dtype=bool)
    gii_form = np.array([s.log_form == "gii" for s in specs], dtype=bool)
    s0, k0 = skew_kurt(X)
    fail0 = enabled & ~_passes(s0, k0, skew_lim, kurt_lim)
    out = X.copy()
    fcols = np.flatnonzero(fail0)
    Wf, nwin, high, low = _winsorise(X[:, fcols], winmax[fcols], skew_lim[fcols], kurt_lim[fcols], s0[fcols])
    s1, k1 = skew_kurt(Wf)
    pass1 = _passes(s1, k1, skew_lim[fcols], kurt_lim[fcols])
    hi = np.nanmax(X[:, fcols], axis=0) if len(fcols) else np.empty(0)
    to_log = ~pass1 & use_log[fcols] & ~(gii_form[fcols] & ~(hi > 1))
    lcols = fcols[to_log]
    L = np.where(gii_form[lcols], log_gii(X[:, lcols]), log_ct(X[:, lcols]))
    s2, k2 = skew_kurt(L)
    pass2 = _passes(s2, k2, skew_lim[fcols[to_log]], kurt_lim[fcols[to_log]])
    out[:, fcols] = Wf
    out[:, fcols[to_log]] = L
    records: list[ColumnTreatment] = []
    where_f = {c: i for i, c in enumerate(fcols)}
    where_l = {c: i for i, c in enumerate(fcols[to_log])}
    for j in range(k):
        if not enabled[j]:
            records.append(ColumnTreatment(Action.NONE, None, (), n=n))
            continue
        first = (float(s0[j]), float(k0[j]), not fail0[j])
        if not fail0[j]:
            records.append(ColumnTreatment(Action.NONE, None, (first,), n=n))
            continue
        i = where_f[j]
        checks = [first, (float(s1[i]), float(k1[i]), bool(pass1[i]))]
        action = Action.WINSORISE
        if j in where_l:
            m = where_l[j]
            checks.append((float(s2[m]), float(k2[m]), bool(pass2[m])))
            action = Action.LOG_GII if gii_form[j] else Action.LOG
        records.append(ColumnTreatment(action, int(nwin[i]), tuple(checks), high[:, i], low[:, i], n))
    return out, records


def treat_column(x: np.ndarray, spec: TreatSpec = TreatSpec()) -> tuple[np.ndarray, ColumnTreatment]:
    """Treat one indicator column (shape ``(n,)``, NaN for missing)."""
    out, recs = treat_matrix(np.asarray(x, dtype=float)[:, None], [spec])
    return out[:, 0], recs[0]
