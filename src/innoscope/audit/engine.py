"""Evaluate a design: the replications go through the nominal build's own steps, as arrays.

The work is shared wherever the runs share it, without changing any run's numbers:

* identical runs (the same choices and weights — with 100 pre-drawn weight
  sets, 10,000 runs hold at most a few thousand distinct ones) are evaluated
  once (:func:`distinct_runs`);
* runs that share the data-stage choices (imputation, treatment,
  normalisation) share one pass through the data steps of
  :func:`~innoscope.index.pipeline.prepare`, and a data step whose settings
  no factor changes is computed once for all of them (a
  :class:`~innoscope.index.pipeline.StageCache`, with the groups ordered by
  pipeline step so that each step's result is reused while it can be);
* runs that also share the aggregation choice go through
  :func:`~innoscope.index.tree.aggregate_tree` together — the function the
  nominal build calls — with their weights as a (runs, nodes) array of factors
  on the weights the workspace's method gives (given, equal or PCA), or as the
  weights themselves for a replayed design, and with every period asked for
  in one pass (:func:`evaluate_periods`).

A run whose settings equal the nominal ones therefore gives the nominal
scores.  Each run's numbers depend on that run only, so an executor may split
the design among workers in any way (:mod:`innoscope.audit.executor`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from innoscope.audit.space import DATA_STEPS, Design, Space
from innoscope.frameworks import Framework
from innoscope.index.pipeline import StageCache, prepare
from innoscope.index.rank import rank_desc
from innoscope.index.settings import Settings
from innoscope.index.tree import aggregate_tree
from innoscope.index.weights import RunWeights
from innoscope.panel import Panel

__all__ = ["Problem", "distinct_runs", "evaluate", "evaluate_periods", "ranks_of"]


@dataclass(frozen=True)
class Problem:
    """What every replication shares: data, framework, base settings, space and period."""

    panel: Panel
    framework: Framework
    settings: Settings
    space: Space
    period: object

    def settings_for(self, choice: dict[str, int], steps: tuple[str, ...]) -> Settings:
        """The base settings with the alternatives ``choice`` picks for the factors of ``steps``."""
        overrides: dict[str, dict] = {}
        for d in self.space.discrete:
            if d.step in steps and d.name in choice:
                overrides.setdefault(d.step, {}).update(d.alternatives[int(choice[d.name])])
        return self.settings.with_overrides(overrides, where="uncertainty") if overrides else self.settings


def distinct_runs(design: Design) -> tuple[Design, np.ndarray]:
    """The distinct runs of ``design`` (in order of first appearance) and, for every run, its distinct run.

    ``design`` evaluates to ``evaluate(problem, distinct)[..., inverse, :]``.

    >>> import pandas as pd
    >>> d = Design(pd.DataFrame({"winmax": [0, 1, 0, 0]}), np.array([[1.0], [1.0], [1.0], [2.0]]), ("I",))
    >>> unique, inverse = distinct_runs(d)
    >>> unique.choices["winmax"].tolist(), inverse.tolist()
    ([0, 1, 0], [0, 1, 0, 2])
    """
    if len(design) < 2:
        return design, np.arange(len(design))
    key = np.ascontiguousarray(np.column_stack([design.choices.to_numpy(dtype=float), design.weights]))
    rows = key.view(np.dtype((np.void, key.shape[1] * key.itemsize))).ravel()  # a run's inputs as bytes
    _, first, inverse = np.unique(rows, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    order = np.argsort(first, kind="stable")  # distinct runs in order of first appearance
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    keep = first[order]
    unique = Design(
        design.choices.iloc[keep].reset_index(drop=True), design.weights[keep], design.nodes, design.absolute
    )
    return unique, rank[inverse]


def _pipeline_order(space: Space, names: list[str]) -> list[str]:
    """Factor names ordered by the step they vary (so a sorted walk reuses each earlier step's result)."""
    step = {d.name: DATA_STEPS.index(d.step) for d in space.discrete if d.step in DATA_STEPS}
    return sorted(names, key=lambda n: step[n])


def evaluate_periods(
    problem: Problem,
    design: Design,
    periods: Sequence[object] | None = None,
    progress: Callable[[int], None] | None = None,
) -> np.ndarray:
    """Root scores (periods, runs, units) of every run of ``design`` in each of ``periods``, in design order.

    ``periods`` defaults to the problem's period; ``progress`` is told how many
    runs (times periods) each pass completes.
    """
    periods = [problem.period] if periods is None else list(periods)
    unique, inverse = distinct_runs(design)
    weight = np.bincount(inverse, minlength=len(unique)) * len(periods)  # design runs × periods per distinct run
    fw = problem.framework
    out = np.full((len(periods), len(unique), len(problem.panel.unit_codes)), np.nan)
    data_factors = _pipeline_order(problem.space, [d.name for d in problem.space.discrete if d.step in DATA_STEPS])
    agg_factors = [d.name for d in problem.space.discrete if d.step not in DATA_STEPS]
    choices = unique.choices
    groups = choices.groupby(data_factors, sort=True).indices if data_factors else {(): np.arange(len(unique))}
    pooled = problem.settings.weights.method.from_data  # PCA weights pool every period, as the build does
    stages = StageCache()
    for key, rows in groups.items():
        key = key if isinstance(key, tuple) else (key,)
        choice = dict(zip(data_factors, key, strict=True))
        prep = prepare(problem.panel, fw, problem.settings_for(choice, DATA_STEPS), cache=stages)
        at = [prep.periods.index(p) for p in periods]
        cube, pick, labels = (
            (prep.normalised, at, prep.periods) if pooled else (prep.normalised[at], slice(None), periods)
        )
        kept = prep.kept[at]  # (periods, units)
        sub = choices.iloc[rows]
        agg_groups = sub.groupby(agg_factors, sort=True).indices if agg_factors else {(): np.arange(len(rows))}
        for akey, arows in agg_groups.items():
            akey = akey if isinstance(akey, tuple) else (akey,)
            settings = problem.settings_for({**choice, **dict(zip(agg_factors, akey, strict=True))}, ("aggregate",))
            idx = rows[arows]
            runs = RunWeights(unique.weights[idx], absolute=unique.absolute)
            root = aggregate_tree(fw, cube, settings, runs, periods=labels, keep=(fw.root,)).scores[fw.root]
            scores = np.broadcast_to(root[pick], (len(periods), root.shape[1], len(idx))).transpose(0, 2, 1)
            out[:, idx] = np.where(kept[:, None, :], scores, np.nan)
            if progress is not None:
                progress(int(weight[idx].sum()))
    return out[:, inverse]


def evaluate(problem: Problem, design: Design, progress: Callable[[int], None] | None = None) -> np.ndarray:
    """Root scores (runs, units) of every run of ``design`` in the problem's period, in design order."""
    return evaluate_periods(problem, design, None, progress)[0]


def ranks_of(scores: np.ndarray) -> np.ndarray:
    """Ranks (rank 1 = highest, ties share the lowest rank) of each run's scores, along the last axis."""
    return rank_desc(scores, axis=scores.ndim - 1)
