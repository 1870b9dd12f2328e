"""Imputation: cross-sectional and panel methods."""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_allclose

from innoscope.index.impute import Imp, impute_cross, impute_panel

X = np.array([[1.0, np.nan], [np.nan, 4.0], [5.0, 6.0], [100.0, np.nan]])
G = np.array(["a", "a", "a", "b"])


def test_cross_methods():
    assert_allclose(impute_cross(X, Imp.MEAN)[:, 0], [1, 106 / 3, 5, 100])
    assert_allclose(impute_cross(X, Imp.MEDIAN)[:, 0], [1, 5, 5, 100])
    assert_allclose(impute_cross(X, Imp.GROUP_MEAN, G)[:, 0], [1, 3, 5, 100])
    assert_allclose(impute_cross(X, Imp.GROUP_MEDIAN, G)[:, 1], [5, 4, 6, np.nan])


def test_input_left_untouched_and_unfillable_stays_nan():
    before = X.copy()
    out = impute_cross(X, Imp.GROUP_MEAN, G)
    assert_allclose(X, before, equal_nan=True)
    assert np.isnan(out[3, 1])  # group b has no value for the second indicator


def test_panel_methods():
    series = np.array([np.nan, 2.0, np.nan, np.nan, 8.0, np.nan])[:, None, None]
    assert_allclose(impute_panel(series, Imp.LATEST).ravel(), [np.nan, 2, 2, 2, 8, 8])
    assert_allclose(impute_panel(series, Imp.INTERP).ravel(), [np.nan, 2, 4, 6, 8, np.nan])
    assert_allclose(impute_panel(series, Imp.INTERP_CONST).ravel(), [2, 2, 4, 6, 8, 8])
    P = np.stack([X, X * 2, X * 3])
    P[1, 0, 0] = np.nan
    assert_allclose(impute_panel(P, Imp.INTERP)[1, 0, 0], 2.0)


def test_group_mean_matches_coinr(asem_ref):
    import pandas as pd

    den = pd.read_csv(asem_ref / "case_a_data_Denominated.csv").set_index("uCode")
    ref = pd.read_csv(asem_ref / "case_a_data_Imputed.csv").set_index("uCode")
    raw = pd.read_csv(asem_ref / "../ASEM_iData.csv").set_index("uCode").loc[den.index]
    cols = [c for c in ref.columns if c in den.columns]
    out = impute_cross(den[cols].to_numpy(float), Imp.GROUP_MEAN, raw["EurAsia_group"].to_numpy())
    assert np.isnan(den[cols].to_numpy(float)).sum() > 60 and not np.isnan(out).any()
    assert_allclose(out, ref[cols].to_numpy(float), rtol=1e-12)
