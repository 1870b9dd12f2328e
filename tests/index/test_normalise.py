"""Normalisation: one contract over every method, then known answers and policies."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from innoscope.errors import InnoscopeError
from innoscope.index.normalise import Norm, NormSpec, normalise

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
