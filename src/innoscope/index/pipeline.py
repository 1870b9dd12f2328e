"""The pipeline: panel + framework + settings -> scores and ranks of every node.

Steps, in order, each optional: denominate, impute, screen, treat,
normalise, weight, aggregate, rank.  Weighting and aggregation are
:func:`~innoscope.index.tree.aggregate_tree`, the one path that every Monte
Carlo run takes too.  The array convention is a cube
``(n_periods, n_units, n_indicators)`` with NaN for missing values; units
dropped by screening become NaN rows of their period and get no score.

The result keeps every intermediate data set, so a mismatch against another
implementation can be traced to its step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from innoscope.errors import E, InnoscopeError
from innoscope.frameworks.framework import Framework
from innoscope.index.impute import impute_cross, impute_panel
from innoscope.index.normalise import Norm, NormSpec, normalise
from innoscope.index.rank import rank_desc
from innoscope.index.settings import Settings
from innoscope.index.treat import TreatSpec, treat_matrix
from innoscope.index.tree import aggregate_tree
from innoscope.panel.measures import select_measures
from innoscope.panel.panel import Panel

__all__ = ["IndexResult", "Prepared", "StageCache", "build_index", "prepare", "score_table"]

STAGES = ("raw", "denominated", "imputed", "screened", "treated", "normalised")


@dataclass(frozen=True)
class IndexResult:
    """Everything one build produced.

    ``scores`` has columns ``unit, node, period, score, rank`` for every
    indicator (its normalised score) and aggregate.  ``stages`` maps each
    stage name to its cube; ``treatment`` and ``screening`` record what those
    steps did; ``weights`` are the weights used (each parent's children sum to 1;
    the children of ratio nodes carry none).
    """

    scores: pd.DataFrame
    stages: dict[str, np.ndarray]
    units: list[str]
    indicators: list[str]
    periods: list
    treatment: pd.DataFrame
    screening: pd.DataFrame
    weights: dict[str, float]
    unused: list[str] = field(default_factory=list)

    def stage(self, name: str, period: object | None = None) -> pd.DataFrame:
        """One stage's data as a units x indicators table (first period by default)."""
        t = 0 if period is None else self.periods.index(period)
        return pd.DataFrame(self.stages[name][t], index=self.units, columns=self.indicators)

    def table(self, period: object | None = None, what: str = "score") -> pd.DataFrame:
        """Scores (or ranks) as units x nodes for one period (the last by default)."""
        period = self.periods[-1] if period is None else period
        s = self.scores[self.scores["period"] == period]
        return s.pivot(index="unit", columns="node", values=what)


def _check_inputs(panel: Panel, fw: Framework) -> list[str]:
    have = set(panel.indicator_codes)
    missing = [c for c in fw.indicators if c not in have]
    if missing:
        raise InnoscopeError(
            E.MISSING_INDICATOR,
            where=fw.source or "framework",
            detail=f"{len(missing)} indicator(s): {', '.join(missing[:10])}{' ...' if len(missing) > 10 else ''}",
        )
    denoms = sorted({fw.node(c).denominator for c in fw.indicators if fw.node(c).denominator})
    absent = [d for d in denoms if d not in have]
    if absent:
        raise InnoscopeError(
            E.MISSING_INDICATOR, where=fw.source or "framework", detail=f"denominator(s) {', '.join(absent)}"
        )
    used = set(fw.indicators) | set(denoms)
    return sorted(have - used)


def _denominate(P: np.ndarray, panel: Panel, fw: Framework, periods: list) -> np.ndarray:
    codes = fw.indicators
    by = [fw.node(c).denominator for c in codes]
    names = sorted({d for d in by if d})
    if not names:
        return P  # nothing to divide: the stage is the raw cube itself (stages are read, never written)
    out = P.copy()
    D, _ = panel.cube(names, periods)
    for j, d in enumerate(by):
        if d:
            with np.errstate(divide="ignore", invalid="ignore"):
                q = P[:, :, j] / D[:, :, names.index(d)] * fw.node(codes[j]).scale
            out[:, :, j] = np.where(np.isfinite(q), q, np.nan)
    return out


def _impute(P: np.ndarray, panel: Panel, fw: Framework, s: Settings) -> np.ndarray:
    out = P.copy()
    codes = fw.indicators
    plan: dict[tuple, list[int]] = {}
    for j, c in enumerate(codes):
        spec = s.impute.for_indicator(c)
        plan.setdefault((spec.method, spec.group), []).append(j)
    for (method, group), cols in plan.items():
        if method.is_panel:
            out[:, :, cols] = impute_panel(P[:, :, cols], method)
        else:
            groups = panel.groups(group) if group else None
            for t in range(P.shape[0]):
                out[t][:, cols] = impute_cross(P[t][:, cols], method, groups)
    return out


def _screen(P: np.ndarray, s: Settings, units: list[str], periods: list) -> tuple[np.ndarray, pd.DataFrame]:
    avail = np.mean(~np.isnan(P), axis=2)  # (t, u)
    thr = s.screen.threshold
    keep = np.ones_like(avail, dtype=bool) if thr is None else avail >= thr
    rows = pd.DataFrame(
        {
            "unit": np.tile(units, len(periods)),
            "period": np.repeat(np.array(periods, dtype=object), len(units)),
            "availability": avail.ravel(),
            "kept": keep.ravel(),
        }
    )
    if keep.all():
        out = P  # nobody screened out: the stage is the imputed cube itself
    else:
        out = P.copy()
        out[~keep] = np.nan
    if thr is not None and not keep.any():
        raise InnoscopeError(
            E.NO_UNITS_LEFT, where="screen", detail=f"threshold {thr}, best availability {avail.max():.2f}"
        )
    return out, rows


def _treat(
    P: np.ndarray, fw: Framework, s: Settings, units: list[str], periods: list
) -> tuple[np.ndarray, pd.DataFrame]:
    specs = []
    for c in fw.indicators:
        t = s.treat.for_indicator(c)
        specs.append(
            TreatSpec(
                enabled=t.enabled,
                winmax=t.winmax,
                skew_limit=t.skew,
                kurt_limit=t.kurt,
                log_fallback=t.log,
                log_form=t.log_form,
            )
        )
    out = P.copy()
    log = []
    codes = np.array(units, dtype=object)
    for t in range(P.shape[0]):
        out[t], recs = treat_matrix(P[t], specs)
        for c, r in zip(fw.indicators, recs, strict=True):
            row: dict = {"period": periods[t], "indicator": c, "action": r.action.value, "nwin": r.nwin}
            for i, (sk, ku, ok) in enumerate(r.checks):
                row.update({f"skew{i}": sk, f"kurt{i}": ku, f"pass{i}": ok})
            if r.high is not None:
                row["winsorised_high"] = codes[r.high].tolist()
                row["winsorised_low"] = codes[r.low].tolist()
            log.append(row)
    return out, pd.DataFrame(log)


def _norm_spec(s: Settings, code: str, fw: Framework, units: list[str]) -> NormSpec:
    """The indicator's normalisation: its settings, with the parameters its framework node states.

    Precedence: a per-indicator setting, then the node's value (COINr's iMeta
    columns), then the global setting.
    """
    n = s.normalise.for_indicator(code)
    node = fw.node(code)
    own = s.normalise.indicators.get(code, {})
    ref = None
    if n.method is Norm.DIST2REF:
        if n.reference not in units:
            raise InnoscopeError(E.UNKNOWN_UNIT, where=f"normalise.reference ({code})", detail=repr(n.reference))
        ref = units.index(n.reference)  # type: ignore[arg-type]
    scale, cap = n.scale, n.cap
    if n.method is Norm.GOALPOSTS:
        scale = node.goalpost_scale if node.goalpost_scale is not None and "scale" not in own else scale
        cap = node.goalpost_trunc2posts if node.goalpost_trunc2posts is not None and "cap" not in own else cap
    elif n.method is Norm.DIST2TARG:
        cap = node.dist2targ_cap_max if node.dist2targ_cap_max is not None and "cap" not in own else cap
    floor = node.floor if node.floor is not None and "floor" not in own else n.floor
    return NormSpec(
        method=n.method,
        l=n.l,
        u=n.u,
        mean=n.mean,
        sd=n.sd,
        scale=scale,
        low=node.low,
        high=node.high,
        target=n.target if n.target is not None else node.target,
        reference=ref,
        cap=cap,
        ties=n.ties,
        floor=floor,
    )


def _normalise(P: np.ndarray, fw: Framework, s: Settings, units: list[str]) -> np.ndarray:
    codes = fw.indicators
    groups: dict[tuple[NormSpec, int], list[int]] = {}
    across: dict[int, bool] = {}
    for j, c in enumerate(codes):
        key = (_norm_spec(s, c, fw, units), fw.node(c).direction)
        groups.setdefault(key, []).append(j)
        across[j] = s.normalise.for_indicator(c).across_periods
    out = np.full_like(P, np.nan)
    t, n, _ = P.shape
    for (spec, direction), cols in groups.items():
        pooled = [j for j in cols if across[j] and spec.method is not Norm.DIST2REF]
        single = [j for j in cols if j not in pooled]
        if pooled:
            flat = P[:, :, pooled].reshape(t * n, len(pooled))
            out[:, :, pooled] = normalise(flat, spec, direction).reshape(t, n, len(pooled))
        for k in range(t):
            if single:
                out[k][:, single] = normalise(P[k][:, single], spec, direction)
    return out


@dataclass(frozen=True)
class Prepared:
    """The data stages of a build, up to the normalised cube that aggregation starts from."""

    stages: dict[str, np.ndarray]
    units: list[str]
    indicators: list[str]
    periods: list
    treatment: pd.DataFrame
    screening: pd.DataFrame
    unused: list[str]

    @property
    def normalised(self) -> np.ndarray:
        return self.stages["normalised"]

    @property
    def kept(self) -> np.ndarray:
        """(periods, units): the units that passed screening."""
        return ~np.isnan(self.stages["screened"]).all(axis=2)


class StageCache:
    """The latest result of each data step, keyed by the settings of that step and every step before it.

    Runs that differ only in a later step (an uncertainty analysis varying
    ``winmax`` or the normalisation) pass one cache to :func:`prepare`, so a
    step whose inputs and settings are unchanged is computed once.  Only the
    latest result per step is kept: visit the settings in pipeline order (the
    earliest varying step outermost) and each step runs once per distinct
    prefix.  The cached arrays are shared between the results: read, don't
    write them.

    >>> from innoscope.frameworks import Framework, Node
    >>> fw = Framework.from_nodes([Node("I", None), Node("x", "I"), Node("y", "I")])
    >>> panel = Panel.from_long(pd.DataFrame({"unit": list("ABCAB"), "indicator": list("xxxyy"),
    ...                                       "value": ["1", "5", "3", "2", "4"]}))
    >>> cache = StageCache()
    >>> a = prepare(panel, fw, Settings(), cache=cache)
    >>> b = prepare(panel, fw, Settings.model_validate({"normalise": {"method": "zscore"}}), cache=cache)
    >>> a.stages["treated"] is b.stages["treated"], cache.computed  # measures, raw .. treated once
    (True, 6)
    >>> c = prepare(panel, fw, Settings.model_validate({"treat": {"winmax": 1}}), cache=cache)
    >>> c.stages["screened"] is a.stages["screened"], cache.computed  # treated again, the rest reused
    (True, 7)
    """

    def __init__(self) -> None:
        self._last: dict[str, tuple[tuple, Any]] = {}
        self.computed = 0  # steps computed (not taken from the cache)

    def get(self, stage: str, key: tuple, compute: Callable[[], Any]) -> Any:
        hit = self._last.get(stage)
        if hit is not None and hit[0] == key:
            return hit[1]
        value = compute()
        self._last[stage] = (key, value)
        self.computed += 1
        return value


def prepare(
    panel: Panel, framework: Framework, settings: Settings | None = None, cache: StageCache | None = None
) -> Prepared:
    """Every step before weighting and aggregation: denominate, impute, screen, treat, normalise.

    Each indicator reads the measure its node names (else the panel's only one), and a
    measure that is oriented by itself (a published score or rank) sets its direction.
    ``cache`` shares the steps that several calls compute alike (see :class:`StageCache`).
    """
    s = settings or Settings()
    stages_ = cache if cache is not None else StageCache()
    key: tuple = (id(panel), id(framework))
    panel, framework = stages_.get("measures", key, lambda: select_measures(panel, framework))
    for step in (s.impute, s.treat, s.normalise):
        for code in step.indicators:
            if code not in framework.indicators:
                raise InnoscopeError(E.UNKNOWN_INDICATOR, where=f"settings: {type(step).__name__}", detail=repr(code))
    for code in s.weights.values:
        framework.node(code)
    unused = _check_inputs(panel, framework)
    units = panel.unit_codes
    indicators = list(framework.indicators)

    def step(name: str, settings_part: Any, compute: Callable[[], Any]) -> Any:
        nonlocal key
        key = (*key, settings_part.model_dump_json())
        return stages_.get(name, key, compute)

    raw, periods = stages_.get("raw", key, lambda: panel.cube(indicators))
    stages = {"raw": raw}
    stages["denominated"] = step(
        "denominated",
        s.denominate,
        lambda: _denominate(raw, panel, framework, periods) if s.denominate.enabled else raw,
    )
    stages["imputed"] = step("imputed", s.impute, lambda: _impute(stages["denominated"], panel, framework, s))
    stages["screened"], screening = step("screened", s.screen, lambda: _screen(stages["imputed"], s, units, periods))

    def treat() -> tuple[np.ndarray, pd.DataFrame]:
        if s.treat.enabled or s.treat.indicators:
            return _treat(stages["screened"], framework, s, units, periods)
        return stages["screened"], pd.DataFrame()

    stages["treated"], treatment = step("treated", s.treat, treat)
    stages["normalised"] = _normalise(stages["treated"], framework, s, units)
    return Prepared(stages, units, indicators, periods, treatment, screening, unused)


def score_table(scores: dict[str, np.ndarray], units: list[str], periods: list, kept: np.ndarray) -> pd.DataFrame:
    """The long table ``unit, node, period, score, rank`` of every node's (periods, units) scores.

    Rows run node by node (in ``scores`` order), period by period, unit by
    unit, and only for the units ``kept`` (periods, units) in each period;
    ranks are within each node and period.  Built as whole columns, not as a
    table per node.

    >>> t = score_table({"I": np.array([[2.0, 5.0, 1.0]])}, ["a", "b", "c"], [2020], np.array([[True, True, False]]))
    >>> t.to_dict("list")
    {'unit': ['a', 'b'], 'node': ['I', 'I'], 'period': [2020, 2020], 'score': [2.0, 5.0], 'rank': [2, 1]}
    """
    import pyarrow as pa

    codes = list(scores)
    t, n = len(periods), len(units)
    k = len(codes)
    S = np.stack([scores[c] for c in codes]) if codes else np.empty((0, t, n))  # (nodes, periods, units)
    R = rank_desc(S, axis=2).reshape(k, t * n)
    keep = np.asarray(kept, dtype=bool).reshape(t, n)
    cells = np.flatnonzero(keep.ravel())  # the (period, unit) cells kept, the same for every node
    every = len(cells) == t * n  # no unit screened out anywhere: the arrays as they are
    text = pa.large_string()  # pandas' own string storage: no conversion on the way
    # each period's kept units, once: the unit column repeats these chunks node after node (no copy)
    names = pa.array(units, type=text)
    per_period = [names.filter(pa.array(keep[p])) for p in range(t)]
    table = pd.DataFrame(index=pd.RangeIndex(k * len(cells)))
    table["unit"] = pa.chunked_array([c for _ in range(k) for c in per_period], type=text).to_pandas()
    node_idx = np.repeat(np.arange(k, dtype=np.int32), len(cells))
    table["node"] = pa.array(codes, type=text).take(pa.array(node_idx)).to_pandas()
    del node_idx
    period_of = np.array(periods, dtype=object)[(cells // n).astype(np.int32)]
    table["period"] = pd.Series(np.tile(period_of, k), dtype=object, copy=False)
    table["score"] = S.reshape(-1) if every else S.reshape(k, t * n)[:, cells].ravel()
    ranks = R.reshape(-1) if every else R[:, cells].ravel()
    if ranks.dtype == np.int64:  # no missing score: the ranks as they are, nothing masked
        table["rank"] = pd.arrays.IntegerArray(ranks, np.zeros(len(ranks), dtype=bool), copy=False)
    else:
        table["rank"] = pd.array(ranks, dtype="Int64")
    return table


def build_index(panel: Panel, framework: Framework, settings: Settings | None = None) -> IndexResult:
    """Run the whole pipeline; see the module docstring."""
    s = settings or Settings()
    prep = prepare(panel, framework, s)
    units, periods = prep.units, prep.periods
    tree = aggregate_tree(framework, prep.normalised, s, periods=periods)
    weights = {n.code: float(tree.weights[n.code][0]) for n in framework.nodes if n.code in tree.weights}
    order = [*framework.indicators, *framework.aggregates, *framework.derived]
    table = score_table({c: tree.scores[c][:, :, 0] for c in order}, units, periods, prep.kept)
    return IndexResult(
        scores=table,
        stages=prep.stages,
        units=units,
        indicators=prep.indicators,
        periods=periods,
        treatment=prep.treatment,
        screening=prep.screening,
        weights=weights,
        unused=prep.unused,
    )
