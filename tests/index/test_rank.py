"""Ranks: R's tie methods along any axis, the same numbers as SciPy's ``rankdata``."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import rankdata

from innoscope.index.rank import rank_desc, ranks


def test_r_example_by_hand():
    # R: rank(c(3, 1, 3, NA, 7, 3), ties.method = "min", na.last = "keep") = 2 1 2 NA 6 2
    x = np.array([3.0, 1.0, 3.0, np.nan, 7.0, 3.0])
    assert ranks(x).tolist()[:3] == [2.0, 1.0, 2.0]
    assert np.isnan(ranks(x)[3]) and ranks(x)[4] == 5.0
    assert ranks(x, method="max")[[0, 2, 5]].tolist() == [4.0, 4.0, 4.0]
    assert ranks(x, method="dense").tolist()[4] == 3.0
    assert ranks(x, method="ordinal")[[0, 2, 5]].tolist() == [2.0, 3.0, 4.0]
    assert rank_desc(x)[[4, 0, 1]].tolist() == [1.0, 2.0, 5.0]


@pytest.mark.parametrize("method", ["min", "average", "max", "dense", "ordinal"])
@pytest.mark.parametrize(("shape", "axis"), [((40, 7), 0), ((40, 7), 1), ((3, 30, 5), 1), ((3, 30, 5), 2), ((9,), 0)])
def test_same_as_scipy(method, shape, axis):
    rng = np.random.default_rng(len(shape) * 10 + axis)
    x = rng.integers(0, 6, size=shape).astype(float)
    x[rng.random(shape) < 0.2] = np.nan
    x[..., 0] = np.nan  # an all-missing line along some axis
    expected = rankdata(x, method=method, axis=axis, nan_policy="omit")
    assert np.array_equal(ranks(x, axis=axis, method=method), expected, equal_nan=True)
    full = np.nan_to_num(x, nan=2.5)
    got = ranks(full, axis=axis, method=method)
    want = rankdata(full, method=method, axis=axis)
    assert got.dtype == want.dtype and np.array_equal(got, want)


def test_whole_ranks_are_integers_without_missing_values():
    assert ranks(np.array([2.0, 1.0, 2.0])).dtype == np.int64
    assert ranks(np.array([2.0, 1.0, np.nan])).dtype == np.float64
    assert ranks(np.array([2.0, 1.0, 2.0]), method="average").tolist() == [2.5, 1.0, 2.5]
    x = np.array([[3.0, 1.0], [1.0, 2.0]])
    assert ranks(x, axis=1).dtype == rankdata(x, method="min", axis=1, nan_policy="omit").dtype


@pytest.mark.parametrize("method", ["min", "average", "max", "dense", "ordinal"])
def test_blocks_of_lines_and_signed_zeros(monkeypatch, method):
    import innoscope.index.rank as rank_module

    monkeypatch.setattr(rank_module, "_BLOCK", 7)  # a few lines at a time
    rng = np.random.default_rng(5)
    x = rng.choice([-1.0, -0.0, 0.0, 2.0, np.nan], size=(6, 11, 4))
    for axis in range(3):
        want = rankdata(x, method=method, axis=axis, nan_policy="omit")
        assert np.array_equal(ranks(x, axis=axis, method=method), want, equal_nan=True)
