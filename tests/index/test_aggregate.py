"""Aggregation: one contract over every method, known answers and numeric policies."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from innoscope.errors import InnoscopeError
from innoscope.index.aggregate import Agg, aggregate

X = np.array([[10.0, 20.0, 40.0], [30.0, np.nan, 30.0], [np.nan, np.nan, np.nan], [5.0, 5.0, 5.0]])
W = np.array([1.0, 1.0, 2.0])


@pytest.mark.parametrize("method", list(Agg))
def test_contract(method):
    y = aggregate(X, W, method, p=2.0)
    assert y.shape == (4,)
    assert np.isnan(y[2]) and not np.isnan(y[[0, 1, 3]]).any()
    if method is not Agg.COPELAND:
        # a mean lies between the smallest and largest child, and equal children give that value
        assert 10 <= y[0] <= 40
        assert_allclose(y[[1, 3]], [30, 5])
        # weights only matter relatively
        assert_allclose(aggregate(X, W * 7, method, p=2.0), y)


def test_known_answers():
    x = np.array([[1.0, 4.0, 16.0]])
    w = np.ones(3)
    assert_allclose(aggregate(x, w, Agg.AMEAN), [7.0])
    assert_allclose(aggregate(x, w, Agg.GMEAN), [4.0])
    assert_allclose(aggregate(x, w, Agg.HMEAN), [3 / (1 + 0.25 + 1 / 16)])
    assert_allclose(aggregate(x, w, Agg.GENMEAN, p=2), [np.sqrt((1 + 16 + 256) / 3)])
    assert_allclose(aggregate(x, w, Agg.GENMEAN, p=1), [7.0])
    assert_allclose(aggregate(x, np.array([1.0, 0, 1]), Agg.GMEAN), [4.0])


def test_missing_children_renormalise_weights():
    x = np.array([[10.0, np.nan, 40.0]])
    assert_allclose(aggregate(x, np.array([1.0, 5.0, 3.0]), Agg.AMEAN), [(10 + 120) / 4])


def test_copeland_outranking():
    # A beats B on 2 of 3 equal-weight children, B beats C on all, A beats C on all
    x = np.array([[3.0, 3.0, 1.0], [2.0, 2.0, 2.0], [1.0, 1.0, 1.5]])
    assert_allclose(aggregate(x, np.ones(3), Agg.COPELAND), [2, 0, -2])
    # with the third child outweighing the other two, B and C both beat A
    assert_allclose(aggregate(x, np.array([1.0, 1.0, 3.0]), Agg.COPELAND), [-2, 2, 0])


@pytest.mark.parametrize("method", [Agg.GMEAN, Agg.HMEAN])
def test_geometric_and_harmonic_refuse_non_positive(method):
    with pytest.raises(InnoscopeError, match=r"E303 node P: .*min value 0"):
        aggregate(np.array([[0.0, 1.0]]), np.ones(2), method, where="node P")
