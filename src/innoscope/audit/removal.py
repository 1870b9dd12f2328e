"""What each element contributes: the root ranks with one indicator or aggregate left out.

Leaving a node out is giving it weight zero: its parent is then the weighted
mean of its other children (COINr's ``remove_elements``).  All removals run
at once, as runs of the one aggregation path
(:func:`~innoscope.index.tree.aggregate_tree`) with the workspace's weights
(given, equal or PCA) and a factor of 0 on the removed node.  A child of a
ratio node carries no weight, so leaving it out changes nothing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from innoscope.frameworks import Framework
from innoscope.index.pipeline import Prepared
from innoscope.index.rank import rank_desc
from innoscope.index.settings import Settings
from innoscope.index.tree import aggregate_tree
from innoscope.index.weights import RunWeights

__all__ = ["removal_shifts"]


def removal_shifts(prep: Prepared, framework: Framework, settings: Settings, period: object) -> pd.DataFrame:
    """Per removed node and unit: the rank without it, the nominal rank and the shift.

    A positive shift means the unit falls (its rank number grows) without that element.
    """
    t = prep.periods.index(period)
    nodes = [n.code for n in framework.nodes if n.parent is not None]
    position = {n.code: j for j, n in enumerate(framework.nodes)}
    factors = np.ones((len(nodes) + 1, len(framework.nodes)))  # row 0: nominal
    for r, code in enumerate(nodes, start=1):
        factors[r, position[code]] = 0.0
    tree = aggregate_tree(
        framework, prep.normalised, settings, RunWeights(factors), periods=prep.periods, keep=(framework.root,)
    )
    scores = np.broadcast_to(tree.scores[framework.root][t], (len(prep.units), len(factors))).T.copy()
    scores[:, ~prep.kept[t]] = np.nan
    ranks = rank_desc(scores, axis=1)
    units = prep.units
    rows = pd.DataFrame(
        {
            "removed": np.repeat(nodes, len(units)),
            "level": np.repeat([framework.level(c) for c in nodes], len(units)),
            "unit": np.tile(units, len(nodes)),
            "rank": ranks[1:].ravel(),
            "nominal_rank": np.tile(ranks[0], len(nodes)),
        }
    )
    rows["shift"] = rows["rank"] - rows["nominal_rank"]
    return rows.dropna(subset=["nominal_rank"]).reset_index(drop=True)
