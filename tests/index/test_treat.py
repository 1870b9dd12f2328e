"""Outlier treatment against COINr's Treat() run with winmax 1..5 on the screened ASEM data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from innoscope.index.treat import Action, TreatSpec, passes, treat_column, treat_matrix


@pytest.fixture(scope="module")
def screened(asem_ref):
    df = pd.read_csv(asem_ref / "case_a_data_Screened.csv")
    cols = [c for c in df.columns if c != "uCode"]
    return df, cols


@pytest.mark.parametrize("winmax", [1, 2, 3, 4, 5])
def test_treated_values_details_and_points(asem_ref, screened, winmax):
    df, cols = screened
    out, recs = treat_matrix(df[cols].to_numpy(float), [TreatSpec(winmax=winmax)] * len(cols))
    data = pd.read_csv(asem_ref / "case_a_treated_data_by_winmax.csv")
    ref = data[data.winmax == winmax].set_index("uCode").loc[df.uCode, cols]
    assert_allclose(out, ref.to_numpy(float), rtol=1e-12, atol=1e-12)

    det = pd.read_csv(asem_ref / "case_a_treat_details_by_winmax.csv")
    det = det[det.winmax == winmax].set_index("iCode")
    for code, rec in zip(cols, recs, strict=True):
        row = det.loc[code]
        assert rec.action.value == row["final_treatment"], code
        assert_allclose(rec.checks[0][:2], [row["check_SkewKurt0.Skew"], row["check_SkewKurt0.Kurt"]], rtol=1e-10)
        if rec.action is not Action.NONE:
            assert rec.nwin == row["winsorise.nwin"], code
            assert_allclose(rec.checks[1][:2], [row["check_SkewKurt1.Skew"], row["check_SkewKurt1.Kurt"]], rtol=1e-10)
        if rec.action is Action.LOG:
            assert_allclose(rec.checks[2][:2], [row["check_SkewKurt2.Skew"], row["check_SkewKurt2.Kurt"]], rtol=1e-10)

    pts = pd.read_csv(asem_ref / "case_a_treated_points_by_winmax.csv")
    pts = pts[pts.winmax == winmax]
    mine = {
        (c, u, lab) for c, r in zip(cols, recs, strict=True) for u, lab in zip(df.uCode, r.points, strict=True) if lab
    }
    assert mine == set(zip(pts.iCode, pts.uCode, pts.treatment, strict=True))


def test_counts_of_treatments_by_winmax(asem_ref, screened):
    """COINr's README: winmax 1 -> 11 log, 4 winsorised; 2 -> 8, 7; 3 -> 1, 14; 4 -> 0, 15."""
    df, cols = screened
    expected = {1: (11, 4), 2: (8, 7), 3: (1, 14), 4: (0, 15), 5: (0, 15)}
    for winmax, (n_log, n_win) in expected.items():
        _, recs = treat_matrix(df[cols].to_numpy(float), [TreatSpec(winmax=winmax)] * len(cols))
        actions = [r.action for r in recs]
        assert (actions.count(Action.LOG), actions.count(Action.WINSORISE)) == (n_log, n_win)


def test_low_side_winsorising_for_negative_skew():
    x = -np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 60])
    values, t = treat_column(x, TreatSpec())
    assert t.action is Action.WINSORISE
    assert t.points[-1] == "winlo" and values[-1] == -12


def test_untestable_columns_pass_untouched():
    const = np.full(10, 3.0)
    short = np.array([1.0, 1000.0, np.nan])
    for x in (const, short):
        values, t = treat_column(x)
        assert t.action is Action.NONE
        assert_allclose(values, x, equal_nan=True)
    assert passes(np.column_stack([const, np.arange(10.0)])).all()


def test_disabled_and_no_log_fallback():
    x = np.array([1.0] * 20 + [1000.0, 2000.0, 5000.0])
    assert treat_column(x, TreatSpec(enabled=False))[1].action is Action.NONE
    values, t = treat_column(x, TreatSpec(winmax=1, log_fallback=False))
    assert t.action is Action.WINSORISE and t.nwin == 1 and values.max() == 2000.0


def test_matrix_treats_columns_independently():
    """Treating columns together gives what treating each alone gives, with mixed specs."""
    rng = np.random.default_rng(3)
    X = rng.lognormal(0, 1.5, size=(40, 6))
    X[5, 2] = np.nan
    specs = [TreatSpec(winmax=w, log_fallback=w % 2 == 0) for w in range(6)]
    together, recs = treat_matrix(X, specs)
    for j, spec in enumerate(specs):
        alone, rec = treat_column(X[:, j], spec)
        assert_allclose(together[:, j], alone, equal_nan=True)
        assert (rec.action, rec.nwin, rec.points) == (recs[j].action, recs[j].nwin, recs[j].points)


def test_gii_log_form():
    """The GII's log: log((max - 1)(x - min)/(max - min) + 1), by hand; refused where max <= 1."""
    x = np.array([1.0] * 20 + [1000.0, 2000.0, 5000.0])
    values, t = treat_column(x, TreatSpec(winmax=1, log_form="gii"))
    assert t.action is Action.LOG_GII and t.points[-1] == "winhi+log_GII"
    assert_allclose(values, np.log(x))  # min 1: (max - 1)(x - 1)/(max - 1) + 1 = x
    small = x / 10000  # max 0.5: the form would reverse the order, so the winsorised values stay
    values, t = treat_column(small, TreatSpec(winmax=1, log_form="gii"))
    assert t.action is Action.WINSORISE and values.max() == pytest.approx(0.2)
    with pytest.raises(ValueError, match="log_form"):
        TreatSpec(log_form="ln")
