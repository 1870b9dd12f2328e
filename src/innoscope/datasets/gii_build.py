"""Rebuild the GII 2019 from the indicator scores in its data file, with the shipped framework."""

from __future__ import annotations

import pandas as pd

from innoscope.frameworks import Framework, shipped
from innoscope.index.pipeline import IndexResult, build_index
from innoscope.index.settings import parse_settings
from innoscope.panel import Panel

__all__ = ["gii_from_scores"]


def gii_from_scores(gii: pd.DataFrame) -> tuple[IndexResult, Framework]:
    """Aggregate the published indicator scores (no normalisation, no treatment) up to the GII."""
    fw = shipped("gii_2019")
    ind = gii[gii["level"] == 1]
    long = pd.DataFrame({"unit": ind["economy"], "indicator": ind["code"], "period": 2019, "value": ind["score"]})
    panel = Panel.from_long(long, source="gii-2019 scores")
    settings = parse_settings({"normalise": {"method": "none"}, "treat": {"enabled": False}})
    return build_index(panel, fw, settings), fw
