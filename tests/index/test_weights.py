"""The one weights resolver: PCA weights against scikit-learn's PCA, COINr's signed loadings, policies, runs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from sklearn.decomposition import PCA

from innoscope.errors import InnoscopeError
from innoscope.frameworks import Framework, Node
from innoscope.index.pipeline import build_index
from innoscope.index.settings import parse_settings
from innoscope.index.weights import RunWeights, WeightResolver, pca_weights
from innoscope.panel import Panel

RNG = np.random.default_rng(11)
F = RNG.normal(size=40)
X = np.column_stack([F + 0.3 * RNG.normal(size=40), F + 0.6 * RNG.normal(size=40), -F + 0.5 * RNG.normal(size=40)])


def _sklearn_component(X):
    Z = (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)
    return PCA(n_components=1, svd_solver="full").fit(Z).components_[0]


def test_squared_loadings_match_scikit_learn():
    assert_allclose(pca_weights(X), _sklearn_component(X) ** 2, rtol=1e-10)


def test_signed_loadings_are_coinr_first_component_with_a_positive_sum():
    v = pca_weights(X, signed=True)
    ref = _sklearn_component(X)
    ref = ref if ref.sum() > 0 else -ref
    assert_allclose(v, ref, rtol=1e-10)
    assert v[0] > 0 and v[1] > 0 and v[2] < 0  # the child against the component keeps its negative sign
    assert_allclose((v**2).sum(), 1.0)  # a unit eigenvector, not rescaled


def test_policies_missing_rows_constant_children_and_too_few_rows():
    Xn = X.copy()
    Xn[[0, 5], 1] = np.nan  # rows with a missing child are left out
    assert_allclose(pca_weights(Xn), _sklearn_component(np.delete(X, [0, 5], axis=0)) ** 2, rtol=1e-10)
    constant = np.column_stack([X[:, :2], np.full(40, 3.0)])
    w = pca_weights(constant)
    assert w[2] == 0 and np.isclose(w[:2].sum(), 1.0)
    assert_allclose(pca_weights(X[:2]), [1 / 3] * 3)  # fewer than three complete rows: equal


def test_a_batch_of_runs_gives_each_run_its_own_weights_exactly():
    batch = np.stack([X, 2 * X + 1, X[:, [2, 0, 1]]], axis=2)  # (rows, k, runs)
    together = pca_weights(batch)
    for r in range(3):
        assert np.array_equal(together[r], pca_weights(batch[:, :, r]))


FW = Framework.from_nodes([Node("I", None), *(Node(f"x{j}", "I", weight=j + 1) for j in range(3))])


def _panel(values: np.ndarray) -> Panel:
    rows = [
        {"unit": f"u{i}", "indicator": f"x{j}", "period": "2020", "value": str(values[i, j])}
        for i in range(values.shape[0])
        for j in range(values.shape[1])
    ]
    return Panel.from_long(pd.DataFrame(rows))


def test_pca_loadings_weights_in_a_build():
    res = build_index(
        _panel(X), FW, parse_settings({"treat": {"enabled": False}, "weights": {"method": "pca_loadings"}})
    )
    normalised = res.stage("normalised")
    v = pca_weights(normalised.to_numpy(), signed=True)
    w = v / v.sum()
    assert_allclose([res.weights[f"x{j}"] for j in range(3)], w, rtol=1e-12)
    assert res.weights["x2"] < 0
    assert_allclose(res.table(2020)["I"].reindex(normalised.index), normalised.to_numpy() @ w, rtol=1e-12)


def test_loadings_that_cancel_are_refused():
    x = RNG.normal(size=30)
    settings = parse_settings({"treat": {"enabled": False}, "weights": {"method": "pca_loadings"}})
    fw = Framework.from_nodes([Node("I", None), Node("x0", "I"), Node("x1", "I")])
    with pytest.raises(InnoscopeError, match="E310 node I: .*loadings sum to zero"):
        build_index(_panel(np.column_stack([x, -x])), fw, settings)


def test_run_factors_multiply_the_methods_weights():
    settings = parse_settings({"weights": {"method": "equal"}})
    resolver = WeightResolver(FW, settings.weights, RunWeights(np.array([[1, 1, 1, 1], [1, 0, 1, 2.0]])))
    w = resolver.for_node("I", ("x0", "x1", "x2"), np.zeros((3, 3, 1)))
    assert_allclose(w, [[1 / 3, 1 / 3, 1 / 3], [0, 1 / 3, 2 / 3]])
    given = WeightResolver(FW, parse_settings({}).weights).for_node("I", ("x0", "x1", "x2"), np.zeros((3, 3, 1)))
    assert_allclose(given, [[1 / 6, 2 / 6, 3 / 6]])
    absolute = WeightResolver(FW, settings.weights, RunWeights(np.array([[9.0, 1, 3, 4]]), absolute=True))
    assert_allclose(absolute.for_node("I", ("x0", "x1", "x2"), np.zeros((3, 3, 1))), [[0.125, 0.375, 0.5]])
