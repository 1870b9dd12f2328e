"""Evaluate a design: the replications go through the pipeline as arrays.

Runs that share the data-stage choices (imputation, treatment,
normalisation) share one call of :func:`~innoscope.index.pipeline.prepare`;
their weights and aggregation are then applied to all of them at once, level
by level, as weighted sums over a (units, children, runs) array.  The local
engine evaluates the whole design; the Dask engine evaluates row blocks on a
cluster and gives the same numbers, since the design is drawn before and the
evaluation of a row does not depend on which block it is in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from innoscope.audit.space import DATA_STEPS, Design, Space
from innoscope.errors import E, InnoscopeError
from innoscope.frameworks import Framework
from innoscope.index.aggregate import Agg
from innoscope.index.pipeline import prepare
from innoscope.index.rank import rank_desc
from innoscope.index.settings import Settings
from innoscope.panel import Panel

__all__ = ["Problem", "aggregate_runs", "evaluate", "evaluate_dask"]


@dataclass(frozen=True)
class Problem:
    """What every replication shares: data, framework, base settings, space and period."""

    panel: Panel
    framework: Framework
    settings: Settings
    space: Space
    period: object

    def settings_for(self, choice: dict[str, int], steps: tuple[str, ...]) -> Settings:
        overrides: dict[str, dict] = {}
        for d in self.space.discrete:
            if d.step in steps:
                overrides.setdefault(d.step, {}).update(d.alternatives[int(choice[d.name])])
        return self.settings.with_overrides(overrides, where="uncertainty") if overrides else self.settings


def _wsum(A: np.ndarray, w: np.ndarray) -> np.ndarray:
    """sum_k A[u, k, r] * w[r, k], child by child, so that each run's sum never depends on the others.

    (A single ``einsum`` may reorder the additions with the batch's shape; results must not
    change with how runs are split among workers.)
    """
    acc = np.zeros((A.shape[0], A.shape[2]))
    for j in range(A.shape[1]):
        acc += A[:, j, :] * w[:, j][None, :]
    return acc


def aggregate_runs(fw: Framework, N: np.ndarray, W: np.ndarray, settings: Settings) -> np.ndarray:
    """Root scores of many runs: ``N`` (units, indicators), ``W`` (runs, nodes) -> (runs, units).

    Arithmetic, geometric and harmonic means and the generalised mean, with
    missing children left out and the weights renormalised (as in one build).
    """
    index = {n.code: i for i, n in enumerate(fw.nodes)}
    runs = W.shape[0]
    scores: dict[str, np.ndarray] = {c: N[:, j][:, None] for j, c in enumerate(fw.indicators)}  # (u, 1)
    for code in fw.aggregates:
        kids = fw.children(code)
        spec = settings.aggregate.for_level(fw.level(code))
        X = np.stack([np.broadcast_to(scores[k], (N.shape[0], runs)) for k in kids], axis=1)  # (u, k, r)
        w = W[:, [index[k] for k in kids]]  # (r, k)
        present = ~np.isnan(X)
        total = _wsum(present.astype(float), w)
        with np.errstate(divide="ignore", invalid="ignore"):
            if spec.method is Agg.AMEAN or (spec.method is Agg.GENMEAN and spec.p == 1):
                out = _wsum(np.where(present, X, 0.0), w) / total
            elif spec.method in (Agg.GMEAN, Agg.HMEAN) or (spec.method is Agg.GENMEAN and spec.p < 0):
                if np.any(X[present] <= 0):
                    raise InnoscopeError(E.GMEAN_NONPOSITIVE, where=f"node {code}", detail=f"min {np.nanmin(X):g}")
                if spec.method is Agg.GMEAN:
                    out = np.exp(_wsum(np.where(present, np.log(X), 0.0), w) / total)
                elif spec.method is Agg.HMEAN:
                    out = total / _wsum(np.where(present, 1 / X, 0.0), w)
                else:
                    out = (_wsum(np.where(present, X**spec.p, 0.0), w) / total) ** (1 / spec.p)
            elif spec.method is Agg.GENMEAN:
                out = (_wsum(np.where(present, X**spec.p, 0.0), w) / total) ** (1 / spec.p)
            else:
                raise InnoscopeError(
                    E.UNKNOWN_METHOD,
                    where=f"uncertainty: node {code}",
                    detail="copeland is not supported in Monte Carlo runs",
                )
        if spec.threshold is not None:
            out = np.where(present.mean(axis=1) < spec.threshold, np.nan, out)
        scores[code] = np.where(total > 0, out, np.nan)
    return scores[fw.root].T  # (runs, units)


def evaluate(problem: Problem, design: Design, progress: Callable[[int], None] | None = None) -> np.ndarray:
    """Root scores (runs, units) of every run of ``design``, in design order."""
    fw = problem.framework
    out = np.full((len(design), len(problem.panel.unit_codes)), np.nan)
    data_factors = [d.name for d in problem.space.discrete if d.step in DATA_STEPS]
    agg_factors = [d.name for d in problem.space.discrete if d.step not in DATA_STEPS]
    groups = design.choices.groupby(data_factors, sort=True).indices if data_factors else {(): np.arange(len(design))}
    for key, rows in groups.items():
        key = key if isinstance(key, tuple) else (key,)
        choice = dict(zip(data_factors, key, strict=True))
        prep = prepare(problem.panel, fw, problem.settings_for(choice, DATA_STEPS))
        t = prep.periods.index(problem.period)
        N = prep.normalised[t]
        kept = prep.kept[t]
        sub = design.choices.iloc[rows]
        agg_groups = sub.groupby(agg_factors, sort=True).indices if agg_factors else {(): np.arange(len(rows))}
        for akey, arows in agg_groups.items():
            akey = akey if isinstance(akey, tuple) else (akey,)
            settings = problem.settings_for({**choice, **dict(zip(agg_factors, akey, strict=True))}, ("aggregate",))
            idx = rows[arows]
            scores = aggregate_runs(fw, N, design.weights[idx], settings)
            out[idx] = np.where(kept[None, :], scores, np.nan)
            if progress is not None:
                progress(len(idx))
    return out


def ranks_of(scores: np.ndarray) -> np.ndarray:
    """Ranks (rank 1 = highest, ties share the lowest rank) of each run's scores."""
    return rank_desc(scores, axis=1)


def evaluate_dask(
    problem: Problem, design: Design, client, chunk: int = 2000, progress: Callable[[int], None] | None = None
) -> np.ndarray:
    """:func:`evaluate` in row blocks on a Dask cluster; the same result as the local engine."""
    from distributed import as_completed

    shared = client.scatter(problem, broadcast=True)
    futures = {}
    for a in range(0, len(design), chunk):
        fut = client.submit(evaluate, shared, design.rows(a, min(a + chunk, len(design))), pure=False)
        futures[fut] = a
    out = np.full((len(design), len(problem.panel.unit_codes)), np.nan)
    for fut in as_completed(futures):
        a = futures[fut]
        block = fut.result()
        out[a : a + len(block)] = block
        if progress is not None:
            progress(len(block))
    return out
