"""Evaluate a design: the replications go through the nominal build's own steps, as arrays.

Runs that share the data-stage choices (imputation, treatment,
normalisation) share one call of :func:`~innoscope.index.pipeline.prepare`;
runs that also share the aggregation choice go through
:func:`~innoscope.index.tree.aggregate_tree` together — the function the
nominal build calls — with their weights as a (runs, nodes) array of factors
on the weights the workspace's method gives (given, equal or PCA), or as the
weights themselves for a replayed design.  A run whose settings equal the
nominal ones therefore gives the nominal scores.

Each run's numbers depend on that run only, so an executor may split the
design among workers in any way (:mod:`innoscope.audit.executor`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from innoscope.audit.space import DATA_STEPS, Design, Space
from innoscope.frameworks import Framework
from innoscope.index.pipeline import prepare
from innoscope.index.rank import rank_desc
from innoscope.index.settings import Settings
from innoscope.index.tree import aggregate_tree
from innoscope.index.weights import RunWeights
from innoscope.panel import Panel

__all__ = ["Problem", "evaluate", "ranks_of"]


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


def evaluate(problem: Problem, design: Design, progress: Callable[[int], None] | None = None) -> np.ndarray:
    """Root scores (runs, units) of every run of ``design``, in design order."""
    fw = problem.framework
    out = np.full((len(design), len(problem.panel.unit_codes)), np.nan)
    data_factors = [d.name for d in problem.space.discrete if d.step in DATA_STEPS]
    agg_factors = [d.name for d in problem.space.discrete if d.step not in DATA_STEPS]
    groups = design.choices.groupby(data_factors, sort=True).indices if data_factors else {(): np.arange(len(design))}
    pooled = problem.settings.weights.method.from_data  # PCA weights pool every period, as the build does
    for key, rows in groups.items():
        key = key if isinstance(key, tuple) else (key,)
        choice = dict(zip(data_factors, key, strict=True))
        prep = prepare(problem.panel, fw, problem.settings_for(choice, DATA_STEPS))
        t = prep.periods.index(problem.period)
        cube, at = (prep.normalised, t) if pooled else (prep.normalised[t : t + 1], 0)
        periods = prep.periods if pooled else [problem.period]
        kept = prep.kept[t]
        sub = design.choices.iloc[rows]
        agg_groups = sub.groupby(agg_factors, sort=True).indices if agg_factors else {(): np.arange(len(rows))}
        for akey, arows in agg_groups.items():
            akey = akey if isinstance(akey, tuple) else (akey,)
            settings = problem.settings_for({**choice, **dict(zip(agg_factors, akey, strict=True))}, ("aggregate",))
            idx = rows[arows]
            runs = RunWeights(design.weights[idx], absolute=design.absolute)
            root = aggregate_tree(fw, cube, settings, runs, periods=periods, keep=(fw.root,)).scores[fw.root]
            scores = np.broadcast_to(root[at], (root.shape[1], len(idx))).T  # (runs, units)
            out[idx] = np.where(kept[None, :], scores, np.nan)
            if progress is not None:
                progress(len(idx))
    return out


def ranks_of(scores: np.ndarray) -> np.ndarray:
    """Ranks (rank 1 = highest, ties share the lowest rank) of each run's scores."""
    return rank_desc(scores, axis=1)
