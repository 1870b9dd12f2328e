"""Rebuild the GII 2019 from the indicator scores in its data file, with the shipped framework."""

from __future__ import annotations

import numpy as np
import pandas as pd

from innoscope.frameworks import Framework, shipped
from innoscope.index.pipeline import IndexResult, build_index
from innoscope.index.settings import parse_settings
from innoscope.panel import Panel

__all__ = ["gii_from_scores", "reconciled_scores"]


def gii_from_scores(gii: pd.DataFrame) -> tuple[IndexResult, Framework]:
    """Aggregate the published indicator scores (no normalisation, no treatment) up to the GII."""
    fw = shipped("gii_2019")
    ind = gii[gii["level"] == 1]
    long = pd.DataFrame({"unit": ind["economy"], "indicator": ind["code"], "period": 2019, "value": ind["score"]})
    panel = Panel.from_long(long, source="gii-2019 scores")
    settings = parse_settings({"normalise": {"method": "none"}, "treat": {"enabled": False}})
    return build_index(panel, fw, settings), fw


def reconciled_scores(result: IndexResult, gii: pd.DataFrame, step: float = 0.1) -> pd.DataFrame:
    """Best estimates of the unrounded aggregate scores, economies x codes.

    Two roundings bound each true score: the rebuilt score comes from indicator scores rounded to
    ``step`` (so it is within step/2 of the truth) and the published score is the truth rounded to
    ``step``.  The estimate is the midpoint of the intersection of the two intervals; ranking by it
    orders neighbours that the rounded inputs alone cannot.
    """
    published = gii[gii["level"] > 1].pivot(index="economy", columns="code", values="score")
    mine = result.table(2019)[published.columns].reindex(published.index)
    half = step / 2
    low = np.maximum(published - half, mine - half)
    high = np.minimum(published + half, mine + half)
    return ((low + high) / 2).where(published.notna(), mine)
