"""The audit against COINr's own numbers on the ASEM example (reference cases g and h)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from innoscope.audit.coinr import design_from_coinr
from innoscope.audit.correlation import corr_matrix, with_family, with_parents
from innoscope.audit.engine import Problem
from innoscope.audit.reliability import cronbach_alpha, members
from innoscope.audit.space import parse_space
from innoscope.audit.stats import indicator_stats
from innoscope.audit.uncertainty import run_uncertainty
from innoscope.index.pipeline import build_index


@pytest.fixture(scope="module")
def built(asem_workspace, asem_inputs):
    panel, fw = asem_inputs
    return build_index(panel, fw, asem_workspace.settings)


@pytest.mark.parametrize(
    ("stage", "file"), [("raw", "case_g_stats_raw_fullprec.csv"), ("treated", "case_g_stats_treated_fullprec.csv")]
)
def test_indicator_stats(built, asem_ref, stage, file):
    ref = pd.read_csv(asem_ref / file).set_index("iCode")
    mine = indicator_stats(built.stage(stage)).loc[ref.index]
    numeric = [c for c in ref.columns if not c.startswith("Flag.")]
    flags = [c for c in ref.columns if c.startswith("Flag.")]
    assert_allclose(mine[numeric].to_numpy(float), ref[numeric].to_numpy(float), rtol=1e-10, atol=1e-12)
    assert (mine[flags].to_numpy() == ref[flags].to_numpy()).all()


def test_rounded_stats_table(built, asem_ref):
    ref = pd.read_csv(asem_ref / "case_g_stats_raw.csv").set_index("iCode")
    mine = indicator_stats(built.stage("raw")).loc[ref.index]
    for col in ("Mean", "Std", "Skew", "Kurt"):
        signif = mine[col].map(lambda v: float(f"{v:.3g}"))
        assert_allclose(signif, ref[col], rtol=1e-12)


def test_correlations_with_parents(built, asem_inputs, asem_ref):
    _, fw = asem_inputs
    ref = pd.read_csv(asem_ref / "case_g_corr_ind_pillar.csv")
    mine = with_parents(built.table(), fw).set_index("indicator").loc[ref["iCode"]]
    assert_allclose(mine["pearson"], ref["Correlation"], atol=1e-12)
    assert_allclose(mine["spearman"], ref["Spearman"], atol=1e-12)
    assert_allclose(mine["pearson_p05"], ref["Correlation_pval005"], atol=1e-12)  # NaN where p > 0.05
    assert sorted(mine.index[mine["pearson_p05"].isna()]) == ["Forest", "NEET", "RDExp", "Ship"]


def test_family_and_wide_matrix(built, asem_inputs, asem_ref):
    _, fw = asem_inputs
    fam = pd.read_csv(asem_ref / "case_g_corr_ind_family.csv")
    level = {"Pillar": 2, "Sub-index": 3, "Index": 4}
    mine = with_family(built.table(), fw).set_index(["indicator", "level"])["pearson"]
    assert_allclose(
        mine.loc[list(zip(fam["iCode"], fam["ParentLevelName"].map(level), strict=True))],
        fam["Correlation"],
        atol=1e-12,
    )
    wide = pd.read_csv(asem_ref / "case_g_corr_ind_x_pillar_wide.csv")  # rows in R's case-blind order
    table = built.table()
    matrix = corr_matrix(table[sorted(fw.indicators, key=str.lower)], table[list(wide.columns)])
    assert_allclose(matrix.to_numpy(), wide.to_numpy(), atol=1e-12)


def test_cronbach(built, asem_inputs, asem_ref):
    _, fw = asem_inputs
    ref = pd.read_csv(asem_ref / "case_g_cronbach.csv")
    data = {"Normalised": built.stage("normalised"), "Aggregated": built.table(), "Raw": built.stage("raw")}
    got = [cronbach_alpha(data[r.dset][members(fw, r.Group, r.ChildLevel)]) for r in ref.itertuples()]
    assert len(got) == 23
    assert_allclose(got, ref["alpha"], atol=1e-12)


def test_replay_of_coinr_uncertainty_analysis(asem_workspace, asem_inputs, asem_ref):
    panel, fw = asem_inputs
    space = parse_space(asem_workspace.uncertainty, asem_workspace.settings, fw)
    params = pd.read_csv(asem_ref / "case_h_ua_params.csv")
    sets = pd.read_csv(asem_ref / "case_h_ua_noisy_weights.csv")
    design = design_from_coinr(params, sets, space, fw, asem_workspace.settings)
    result = run_uncertainty(Problem(panel, fw, asem_workspace.settings, space, 2018), design)
    scores = pd.read_csv(asem_ref / "case_h_ua_scores.csv").set_index("uCode")
    runs = [f"r_{i}" for i in range(1, 201)]
    mine = pd.DataFrame(result.scores.T, index=result.units, columns=runs).loc[scores.index]
    assert np.abs(mine.to_numpy() - scores[runs].to_numpy()).max() < 0.01
    assert_allclose(mine.to_numpy(), scores[runs].to_numpy(), atol=1e-9)
    ranks = pd.read_csv(asem_ref / "case_h_ua_ranks.csv").set_index("uCode")
    my_ranks = pd.DataFrame(result.ranks.T, index=result.units, columns=runs).loc[ranks.index]
    assert (my_ranks.to_numpy() == ranks[runs].to_numpy()).all()
    stats = pd.read_csv(asem_ref / "case_h_ua_rankstats.csv").set_index("uCode")
    s = result.summary.set_index("unit").loc[stats.index]
    # the reference file holds R's doubles to 15 significant digits: equal at that precision
    for mine_col, ref_col in [
        ("nominal_rank", "Nominal"),
        ("mean_rank", "Mean"),
        ("median_rank", "Median"),
        ("q05_rank", "Q5"),
        ("q95_rank", "Q95"),
    ]:
        assert_allclose(s[mine_col].to_numpy(), stats[ref_col].to_numpy(), rtol=1e-13, atol=0, err_msg=mine_col)
    assert tuple(s.loc["IND", ["median_rank", "q05_rank", "q95_rank"]]) == (46, 43, 48)


def test_pca_per_aggregate(built, asem_inputs):
    from innoscope.audit.reliability import pca_table

    _, fw = asem_inputs
    table = pca_table(built.table(), fw)
    assert set(table["aggregate"]) == set(fw.aggregates)
    for agg, grp in table.groupby("aggregate"):
        assert len(grp) == len(fw.children(agg))
        assert abs((grp["loading"] ** 2).sum() - 1) < 1e-9  # a unit eigenvector
        assert 1 / len(grp) <= grp["pc1_explained"].iloc[0] <= 1
    # the two sub-indices' first component is their mean direction (both load positively)
    assert (table.query("aggregate == 'Index'")["loading"] > 0).all()
