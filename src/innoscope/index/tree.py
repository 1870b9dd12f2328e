"""Every node's score from the indicators' normalised scores: the one aggregation path.

The nominal build (:func:`~innoscope.index.pipeline.build_index`), the Monte
Carlo runs, the removal shifts and the replay of COINr designs all call
:func:`aggregate_tree`.  The nominal build is one run at the method's
weights; a batch of runs shares the normalised cube and differs only in its
weights (:class:`~innoscope.index.weights.RunWeights`), so a run whose
settings equal the nominal ones gives the nominal scores.

Aggregates go lowest level first: the children's scores are stacked as
(rows, k, runs) — rows are (period, unit) pairs — weighted by the one
:class:`~innoscope.index.weights.WeightResolver`, combined by the level's
method (or the node's ``ratio`` rule) with the level's availability
threshold; ratio nodes that name their operands come last.

>>> import numpy as np
>>> from innoscope.frameworks import Framework, Node
>>> from innoscope.index.settings import Settings
>>> fw = Framework.from_nodes([Node("I", None), Node("a", "I"), Node("b", "I", weight=3)])
>>> N = np.array([[[10.0, 50.0], [30.0, 20.0]]])  # one period, two units, two indicators
>>> aggregate_tree(fw, N, Settings()).scores["I"][0, :, 0].tolist()
[40.0, 22.5]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from innoscope.errors import E, InnoscopeError
from innoscope.frameworks.framework import Framework, Rule
from innoscope.index.aggregate import aggregate, availability, ratio
from innoscope.index.settings import Settings
from innoscope.index.weights import RunWeights, WeightResolver

__all__ = ["TreeScores", "aggregate_tree"]


@dataclass(frozen=True)
class TreeScores:
    """Scores of the kept nodes, ``(periods, units, runs)`` each, and every weighted node's weight.

    ``weights[code]`` is (runs,): the node's weight within its parent as
    used (each parent's children sum to 1); children of ratio nodes carry none.
    """

    scores: dict[str, np.ndarray]
    weights: dict[str, np.ndarray]


def aggregate_tree(
    framework: Framework,
    normalised: np.ndarray,
    settings: Settings,
    runs: RunWeights | None = None,
    periods: list | None = None,
    keep: tuple[str, ...] | None = None,
) -> TreeScores:
    """Aggregate ``normalised`` (periods, units, indicators) up the tree, for one run or a batch.

    ``runs`` gives each run's weight factors (one nominal run by default);
    ``periods`` labels the periods in error messages; ``keep`` names the nodes
    whose scores are returned (every node by default; the others are freed as
    soon as their parent has them).
    """
    fw = framework
    t, n, _ = normalised.shape
    rows = t * n
    periods = list(range(t)) if periods is None else periods
    groups = np.repeat(np.arange(t), n)
    resolver = WeightResolver(fw, settings.weights, runs)
    kept = {node.code for node in fw.nodes} if keep is None else set(keep)
    uses: dict[str, int] = {}
    for code in fw.aggregates:
        for k in fw.children(code):
            uses[k] = uses.get(k, 0) + 1
    for code in fw.derived:
        for k in fw.node(code).of:
            uses[k] = uses.get(k, 0) + 1
    scores: dict[str, np.ndarray] = {c: normalised[:, :, j].reshape(rows, 1) for j, c in enumerate(fw.indicators)}
    weights: dict[str, np.ndarray] = {}

    def children_scores(kids: tuple[str, ...]) -> np.ndarray:
        width = max(scores[k].shape[1] for k in kids)
        X = np.stack([np.broadcast_to(scores[k], (rows, width)) for k in kids], axis=1)  # (rows, k, runs)
        for k in kids:
            uses[k] -= 1
            if uses[k] == 0 and k not in kept:
                del scores[k]
        return X

    for code in fw.aggregates:
        kids = fw.children(code)
        X = children_scores(kids)
        if fw.node(code).rule is Rule.RATIO:
            scores[code] = ratio(X)
            continue
        spec = settings.aggregate.for_level(fw.level(code))
        w = resolver.for_node(code, kids, X)
        weights.update({k: w[:, j] for j, k in enumerate(kids)})
        out = aggregate(X, w, spec.method, p=spec.p, where=f"node {code}", groups=groups)
        if spec.threshold is not None:
            out = np.where(availability(X) < spec.threshold, np.nan, out)
            _check_level(out, X, (t, n), code, periods, spec.threshold)
        scores[code] = out
    for code in fw.derived:
        scores[code] = ratio(children_scores(fw.node(code).of))
    return TreeScores({c: s.reshape(t, n, -1) for c, s in scores.items() if c in kept}, weights)


def _check_level(out: np.ndarray, X: np.ndarray, shape: tuple[int, int], code: str, periods: list, thr: float) -> None:
    """E304 where the threshold leaves a period without any score although its children have data."""
    t, n = shape
    empty = np.isnan(out).reshape(t, n, -1).all(axis=1)  # (periods, runs)
    has_data = (~np.isnan(X)).any(axis=1).reshape(t, n, -1).any(axis=1)  # (periods, runs or 1)
    bad = np.flatnonzero((empty & has_data).any(axis=1))
    if bad.size:
        raise InnoscopeError(
            E.LEVEL_NO_DATA,
            where=f"node {code}, period {periods[bad[0]]}",
            detail=f"no unit meets the availability threshold {thr}",
        )
