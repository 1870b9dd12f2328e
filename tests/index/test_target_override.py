"""A standard value (target) set in the settings replaces the framework's, per indicator."""

from __future__ import annotations

import pandas as pd
import pytest
from numpy.testing import assert_allclose

from innoscope.errors import InnoscopeError
from innoscope.frameworks import Framework, Node
from innoscope.index.pipeline import build_index
from innoscope.index.settings import parse_settings
from innoscope.panel import Panel

FW = Framework.from_nodes([Node("I", None), Node("x", "I", target=4.0), Node("y", "I", target=10.0)])
PANEL = Panel.from_long(
    pd.DataFrame({"unit": ["a", "b", "a", "b"], "indicator": ["x", "x", "y", "y"], "value": ["1", "8", "5", "20"]})
)


def scores(settings: dict) -> dict:
    t = build_index(PANEL, FW, parse_settings(settings)).table(0)
    return t[["x", "y"]].to_dict("index")


def test_framework_targets_by_default():
    s = scores({"normalise": {"method": "standard"}})
    assert s == {"a": {"x": 25.0, "y": 50.0}, "b": {"x": 100.0, "y": 100.0}}


def test_override_replaces_one_indicator_only():
    s = scores({"normalise": {"method": "standard", "indicators": {"y": {"target": 40.0}}}})
    assert_allclose([s["a"]["x"], s["a"]["y"], s["b"]["y"]], [25.0, 12.5, 50.0])


def test_bad_targets_are_refused():
    with pytest.raises(InnoscopeError, match=r"E010 .*indicator y.*must be > 0"):
        parse_settings({"normalise": {"method": "standard", "indicators": {"y": {"target": 0}}}})
    with pytest.raises(InnoscopeError, match=r"E010 .*finite"):
        parse_settings({"normalise": {"method": "dist2targ", "target": float("nan")}})
