"""What each element contributes: the root ranks with one indicator or aggregate left out.

Leaving a node out is giving it weight zero: its parent is then the weighted
mean of its other children (COINr's ``remove_elements``).  All removals run
at once through the vectorised aggregation of the uncertainty engine.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from innoscope.audit.engine import aggregate_runs
from innoscope.audit.space import base_weights
from innoscope.frameworks import Framework
from innoscope.index.pipeline import Prepared
from innoscope.index.rank import rank_desc
from innoscope.index.settings import Settings

__all__ = ["removal_shifts"]


def removal_shifts(prep: Prepared, framework: Framework, settings: Settings, period: object) -> pd.DataFrame:
    """Per removed node and unit: the rank without it, the nominal rank and the shift.

    A positive shift means the unit falls (its rank number grows) without that element.
    """
    t = prep.periods.index(period)
    N = prep.normalised[t]
    w0 = base_weights(framework, settings)
    nodes = [n.code for n in framework.nodes if n.parent is not None]
    position = {n.code: j for j, n in enumerate(framework.nodes)}
    W = np.tile(w0, (len(nodes) + 1, 1))
    for r, code in enumerate(nodes, start=1):
        W[r, position[code]] = 0.0
    scores = aggregate_runs(framework, N, W, settings)  # row 0: nominal
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
