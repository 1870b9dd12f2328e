"""Normalisation: one contract over every method, then known answers and policies."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from innoscope.errors import InnoscopeError
from innoscope.index.normalise import Norm, NormSpec, Ties, normalise

X = np.array([3.0, 1.0, np.nan, 7.0, 5.0, 2.0])
PARAMS = {
    Norm.GOALPOSTS: {"low": 0.0, "high": 10.0},
    Norm.DIST2REF: {"reference": 0},
    Norm.DIST2TARG: {"target": 8.0},
    Norm.STANDARD: {"target": 6.0},
}


@pytest.mark.parametrize("method", [m for m in Norm if m is not Norm.NONE])
@pytest.mark.parametrize("direction", [1, -1])
def test_contract_order_nan_and_shape(method, direction):
    params = dict(PARAMS.get(method, {}))
    if method is Norm.DIST2TARG and direction == -1:
        params["target"] = 0.5  # a lower-is-better target lies below the values
    spec = NormSpec(method, **params)
    y = normalise(X, spec, direction)
    assert y.shape == X.shape
    assert np.isnan(y[2]) and not np.isnan(np.delete(y, 2)).any()
    ok = ~np.isnan(X)
    # higher scores for better values: order follows direction * x (ties allowed under caps)
    order = np.argsort(direction * X[ok])
    assert np.all(np.diff(y[ok][order]) >= -1e-12)
    assert y[ok][order][-1] > y[ok][order][0]
    # column-wise on 2-D input gives the same as column by column
    Y2 = normalise(np.column_stack([X, X]), spec, direction)
    assert_allclose(Y2[:, 0], y, equal_nan=True)


def test_known_answers():
    x = np.array([2.0, 4.0, 10.0])
    assert_allclose(normalise(x, NormSpec(Norm.MINMAX)), [0, 25, 100])
    assert_allclose(normalise(x, NormSpec(Norm.MINMAX, l=1, u=100), -1), [100, 75.25, 1])
    z = normalise(x, NormSpec(Norm.ZSCORE, mean=10, sd=2))
    assert_allclose([z.mean(), z.std(ddof=1)], [10, 2])
    assert_allclose(normalise(x, NormSpec(Norm.RANK)), [1, 2, 3])
    assert_allclose(normalise(x, NormSpec(Norm.BORDA)), [0, 1, 2])
    assert_allclose(normalise(x, NormSpec(Norm.PRANK)), [0, 0.5, 1])
    assert_allclose(normalise(x, NormSpec(Norm.FRACMAX)), [20, 40, 100])
    assert_allclose(normalise(x, NormSpec(Norm.FRACMAX), -1), [100, 50, 20])
    assert_allclose(normalise(x, NormSpec(Norm.DIST2MAX, scale=1)), [0, 0.25, 1])
    assert_allclose(normalise(x, NormSpec(Norm.DIST2REF, reference=1, cap=False, scale=1)), [0.5, 1, 2.5])
    assert_allclose(normalise(x, NormSpec(Norm.DIST2TARG, target=6, scale=1)), [0, 0.5, 1])
    assert_allclose(normalise(x, NormSpec(Norm.GOALPOSTS, low=3, high=8)), [0, 20, 100])
    # goalposts for a lower-is-better indicator: 3 is the best, 8 the worst
    assert_allclose(normalise(x, NormSpec(Norm.GOALPOSTS, low=3, high=8), -1), [100, 80, 0])
    # China's standard value: x / standard * 100, capped at 100; lower-is-better uses standard / x
    assert_allclose(normalise(x, NormSpec(Norm.STANDARD, target=5)), [40, 80, 100])
    assert_allclose(normalise(x, NormSpec(Norm.STANDARD, target=5), -1), [100, 100, 50])


def test_constant_column_policy():
    x = np.array([4.0, 4.0, np.nan])
    assert_allclose(normalise(x, NormSpec(Norm.MINMAX)), [50, 50, np.nan])
    assert_allclose(normalise(x, NormSpec(Norm.ZSCORE, mean=10)), [10, 10, np.nan])
    assert_allclose(normalise(x, NormSpec(Norm.DIST2MAX)), [100, 100, np.nan])


def test_missing_parameters_are_named():
    with pytest.raises(InnoscopeError, match="needs `target`"):
        normalise(X, NormSpec(Norm.DIST2TARG))
    with pytest.raises(InnoscopeError, match="not better than the worst"):
        normalise(X, NormSpec(Norm.DIST2TARG, target=0.5))
    with pytest.raises(InnoscopeError, match="needs `low`"):
        normalise(X, NormSpec(Norm.GOALPOSTS))


def test_rank_ties_follow_coinr_min_by_default():
    x = np.array([3.0, 1.0, 3.0, np.nan, 7.0, 3.0])
    # R: rank(x, ties.method = "min", na.last = "keep") = 2 1 2 NA 5 2
    assert_allclose(normalise(x, NormSpec(Norm.RANK)), [2, 1, 2, np.nan, 5, 2])
    assert_allclose(normalise(x, NormSpec(Norm.BORDA)), [1, 0, 1, np.nan, 4, 1])
    assert_allclose(normalise(x, NormSpec(Norm.RANK, ties=Ties.AVERAGE)), [3, 1, 3, np.nan, 5, 3])
    assert_allclose(normalise(x, NormSpec(Norm.RANK, ties=Ties.MAX)), [4, 1, 4, np.nan, 5, 4])
    assert_allclose(normalise(x, NormSpec(Norm.RANK, ties=Ties.DENSE)), [2, 1, 2, np.nan, 3, 2])
    assert_allclose(normalise(x, NormSpec(Norm.RANK, ties=Ties.ORDINAL)), [2, 1, 3, np.nan, 5, 4])


def test_standard_value_is_floored_at_zero_unless_asked_otherwise():
    # GDP growth of -5.34% against a standard of 8%: -66.7 without the floor, 0 with it
    x = np.array([-5.34, 4.0, 8.0, 12.0])
    assert_allclose(normalise(x, NormSpec(Norm.STANDARD, target=8)), [0, 50, 100, 100])
    assert_allclose(normalise(x, NormSpec(Norm.STANDARD, target=8, floor=False)), [-66.75, 50, 100, 100], rtol=1e-12)
    assert_allclose(normalise(x, NormSpec(Norm.STANDARD, target=8, cap=False)), [0, 50, 100, 150])
    # lower is better: standard / x, a negative value still floored
    assert_allclose(normalise(np.array([-2.0, 4.0, 16.0]), NormSpec(Norm.STANDARD, target=8), -1), [0, 100, 50])


def test_floor_is_set_per_indicator_by_settings_or_framework():
    import pandas as pd

    from innoscope.frameworks import Framework, Node
    from innoscope.index.pipeline import build_index
    from innoscope.index.settings import parse_settings
    from innoscope.panel import Panel

    rows = [
        {"unit": u, "indicator": k, "period": "2020", "value": str(v)}
        for k, vals in {"g": [-4, 2, 8], "h": [-1, 1, 3]}.items()
        for u, v in zip(["a", "b", "c"], vals, strict=True)
    ]
    panel = Panel.from_long(pd.DataFrame(rows))
    base = {"treat": {"enabled": False}, "normalise": {"method": "standard"}}
    fw = Framework.from_nodes([Node("I", None), Node("g", "I", target=8), Node("h", "I", target=2, floor=False)])
    norm = build_index(panel, fw, parse_settings(base)).stage("normalised")
    assert_allclose(norm["g"], [0, 25, 100])  # floored by default
    assert_allclose(norm["h"], [-50, 50, 100])  # the framework asks otherwise
    s = parse_settings(
        {**base, "normalise": {"method": "standard", "floor": False, "indicators": {"h": {"floor": True}}}}
    )
    norm = build_index(panel, fw, s).stage("normalised")
    assert_allclose(norm["g"], [-50, 25, 100])  # the settings ask otherwise
    assert_allclose(norm["h"], [0, 50, 100])  # a per-indicator setting wins over the framework
