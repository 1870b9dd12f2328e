"""Normalisation methods: bring indicators onto a common scale.

Every method maps one column ``x`` (shape ``(n,)`` or ``(n, k)``, column-wise,
NaN kept as NaN) to scores where **higher is better**.  The direction is
applied first, as COINr does: a ``-1`` indicator is multiplied by ``-1``
before scaling.  The ratio methods (``fracmax``, ``dist2ref``, ``standard``)
cannot work on negated values; for them a ``-1`` indicator uses the
reciprocal ratio (best / x) instead.

Numeric policies:

* a column with no spread (max == min) gets the middle of the target range
  under ``minmax``, the mean under ``zscore`` (sd 0) and 0 distance under the
  distance methods, rather than a division by zero;
* ratios with a zero denominator give NaN;
* ranks give tied values the lowest rank of their block by default
  (``ties = "min"``, as COINr's ``n_rank`` and ``n_borda``); ``rank`` and
  ``borda`` take ``ties`` = ``average``, ``max``, ``dense`` or ``ordinal``
  (R's ``ties.method``) instead; ``prank`` always uses the lowest rank (as
  ``dplyr::percent_rank``);
* the standard-value method (China's evaluation value, actual / standard x
  100) is capped at 100 (``cap``) and floored at 0 (``floor``): a negative
  actual value, such as a fall in GDP, scores 0, not a negative number that
  would drag its dimension below zero.  Both bounds can be switched off per
  indicator (settings or framework).

>>> import numpy as np
>>> x = np.array([2.0, 4.0, np.nan, 10.0])
>>> normalise(x, NormSpec(Norm.MINMAX)).tolist()
[0.0, 25.0, nan, 100.0]
>>> normalise(x, NormSpec(Norm.MINMAX, l=1, u=100), direction=-1).round(2).tolist()
[100.0, 75.25, nan, 1.0]
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy.stats import rankdata

from innoscope.errors import E, InnoscopeError

__all__ = ["Norm", "NormSpec", "Ties", "normalise"]


class Norm(StrEnum):
    """The normalisation methods (``--normalise NAME``)."""

    NONE = "none"
    MINMAX = "minmax"  # onto [l, u]
    ZSCORE = "zscore"  # mean `mean`, standard deviation `sd` (sample sd, n-1)
    RANK = "rank"  # ranks, 1 = lowest
    PRANK = "prank"  # percentile rank in [0, 1]
    BORDA = "borda"  # Borda score: number of units beaten (rank - 1)
    GOALPOSTS = "goalposts"  # (x - low) / (high - low) * scale, capped to [0, scale]
    FRACMAX = "fracmax"  # x / max * scale
    DIST2MAX = "dist2max"  # 1 - (max - x) / (max - min), times scale
    DIST2REF = "dist2ref"  # x / x[reference unit] * scale, optionally capped
    DIST2TARG = "dist2targ"  # (x - min) / (target - min) * scale, optionally capped
    STANDARD = "standard"  # x / standard value * 100 in [0, 100] (China regional evaluation)


class Ties(StrEnum):
    """How ``rank`` and ``borda`` rank tied values (R's ``ties.method``)."""

    MIN = "min"  # the lowest rank of the block (COINr's default)
    AVERAGE = "average"
    MAX = "max"
    DENSE = "dense"  # like min, with no gaps after a block
    ORDINAL = "ordinal"  # distinct ranks in the order the units are listed


@dataclass(frozen=True)
class NormSpec:
    """A normalisation method and its parameters.

    ``target`` is the goal of ``dist2targ`` and the standard value of
    ``standard``; ``low``/``high`` are the goalposts; ``reference`` is the row
    index of the reference unit for ``dist2ref``; ``cap`` bounds the capped
    methods at their scale; ``floor`` bounds ``standard`` below at 0.
    """

    method: Norm = Norm.MINMAX
    l: float = 0.0  # noqa: E741 - the lower bound's conventional name
    u: float = 100.0
    mean: float = 0.0
    sd: float = 1.0
    scale: float = 100.0
    low: float | None = None
    high: float | None = None
    target: float | None = None
    reference: int | None = None
    cap: bool = True
    ties: Ties = Ties.MIN
    floor: bool = True


def _nanrank(x: np.ndarray, method: str) -> np.ndarray:
    return rankdata(x, method=method, axis=0, nan_policy="omit")


def _require(value: float | None, name: str, method: Norm) -> float:
    if value is None or not np.isfinite(value):
        raise InnoscopeError(E.BAD_PARAMETER, where=f"normalise {method.value}", detail=f"needs `{name}`")
    return float(value)


def normalise(x: np.ndarray, spec: NormSpec = NormSpec(), direction: int = 1) -> np.ndarray:
    """Normalise column(s) ``x`` by ``spec``; ``direction`` is +1 or -1.

    An all-missing column stays all-missing.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns
        return _normalise(np.asarray(x, dtype=float), spec, direction)


def _normalise(x: np.ndarray, spec: NormSpec, direction: int) -> np.ndarray:
    m = spec.method
    if m in (Norm.FRACMAX, Norm.DIST2REF, Norm.STANDARD):
        return _ratio(x, spec, direction)
    x = x * direction
    with np.errstate(divide="ignore", invalid="ignore"):
        if m is Norm.NONE:
            return x.copy()
        if m is Norm.MINMAX:
            lo, hi = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
            span = hi - lo
            out = (x - lo) / span * (spec.u - spec.l) + spec.l
            return np.where(span == 0, np.where(np.isnan(x), np.nan, (spec.l + spec.u) / 2), out)
        if m is Norm.ZSCORE:
            sd = np.nanstd(x, axis=0, ddof=1)
            z = (x - np.nanmean(x, axis=0)) / sd
            z = np.where(sd == 0, np.where(np.isnan(x), np.nan, 0.0), z)
            return z * spec.sd + spec.mean
        if m is Norm.RANK:
            return _nanrank(x, Ties(spec.ties).value)
        if m is Norm.BORDA:
            return _nanrank(x, Ties(spec.ties).value) - 1
        if m is Norm.PRANK:
            n = np.sum(~np.isnan(x), axis=0)
            return (_nanrank(x, "min") - 1) / (n - 1)
        if m is Norm.GOALPOSTS:
            low = _require(spec.low, "low", m) * direction
            high = _require(spec.high, "high", m) * direction
            low, high = min(low, high), max(low, high)
            out = (x - low) / (high - low) * spec.scale
            return np.clip(out, 0, spec.scale) if spec.cap else out
        if m is Norm.DIST2MAX:
            lo, hi = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
            span = hi - lo
            out = (1 - (hi - x) / span) * spec.scale
            return np.where(span == 0, np.where(np.isnan(x), np.nan, spec.scale), out)
        if m is Norm.DIST2TARG:
            target = _require(spec.target, "target", m) * direction
            lo = np.nanmin(x, axis=0)
            if np.any(target <= lo):
                raise InnoscopeError(
                    E.BAD_PARAMETER,
                    where="normalise dist2targ",
                    detail=f"target {spec.target:g} is not better than the worst value",
                )
            out = (x - lo) / (target - lo)
            if spec.cap:
                out = np.minimum(out, 1.0)
            return out * spec.scale
    raise InnoscopeError(E.UNKNOWN_METHOD, where="normalise", detail=f"{m!r}")


def _ratio(x: np.ndarray, spec: NormSpec, direction: int) -> np.ndarray:
    m = spec.method
    with np.errstate(divide="ignore", invalid="ignore"):
        if m is Norm.FRACMAX:
            best = np.nanmax(x, axis=0) if direction > 0 else np.nanmin(x, axis=0)
            ratio = x / best if direction > 0 else best / x
            return ratio * spec.scale
        if m is Norm.DIST2REF:
            if spec.reference is None:
                raise InnoscopeError(
                    E.BAD_PARAMETER, where="normalise dist2ref", detail="needs `reference` (a unit code)"
                )
            ref = x[spec.reference]
            ratio = x / ref if direction > 0 else ref / x
            if spec.cap:
                ratio = np.minimum(ratio, 1.0)
            return ratio * spec.scale
        # STANDARD: the standard-value ratio of China's regional S&T evaluation
        std = _require(spec.target, "target (the standard value)", m)
        ratio = x / std if direction > 0 else std / x
        if spec.cap:
            ratio = np.minimum(ratio, 1.0)
        if spec.floor:
            ratio = np.maximum(ratio, 0.0)
        return ratio * 100.0
