"""examples/china built the normal way: the check against the published results, flags, availability, intervals."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from innoscope.cli import app
from innoscope.datasets.china_check import (
    PUBLISHED_TIERS,
    PublishedTier,
    agreement_summary,
    agreement_table,
    coverage_changes,
    first_tier_agreement,
    flags,
    rank_intervals,
)
from innoscope.errors import InnoscopeError
from innoscope.frameworks import Framework, Node
from innoscope.index.pipeline import build_index
from innoscope.index.settings import parse_settings
from innoscope.panel import Panel
from innoscope.workspace import build_workspace, load_workspace

REPO = Path(__file__).resolve().parents[2]
DIMS = ["ENV", "INP", "OUT", "HTI", "ECO"]


@pytest.fixture(scope="module")
def ws(shared_data):
    return load_workspace(REPO / "examples" / "china", data_dir=shared_data)


@pytest.fixture(scope="module")
def build(ws):
    return build_workspace(ws, store=False)


@pytest.fixture(scope="module")
def agreement(build):
    table = first_tier_agreement(build)
    print("\n" + table.to_string() + "\n" + agreement_summary(table))  # `pytest -s` prints the figures
    return table


def test_agreement_recomputed_by_hand(build, agreement):
    assert list(agreement["data_year"]) == [t.data_year for t in PUBLISHED_TIERS] == [2014, 2015, *range(2016, 2022)]
    ranks = build.result.scores[build.result.scores["node"] == "CRSI"].set_index(["period", "unit"])["rank"]
    for tier, row in zip(PUBLISHED_TIERS, agreement.itertuples(index=False), strict=True):
        year = ranks.xs(tier.data_year, level="period").astype(int)
        top = list(year.sort_values(kind="stable").index[:6])
        assert row.innoscope.split() == top
        assert row.shanghai == year["上海"]
        if tier.order is None:
            assert pd.isna(row.published) and pd.isna(row.overlap) and np.isnan(row.spearman)
            continue
        assert row.overlap == len(set(top) & set(tier.order))
        d = np.array([year[u] for u in tier.order]).argsort().argsort() + 1 - np.arange(1, 7)
        assert row.spearman == pytest.approx(1 - 6 * (d**2).sum() / (6 * 35))  # no ties among ranks
    assert agreement["above_national"].notna().all() and (agreement["above_national"] >= 1).all()


def test_agreement_is_recorded_where_readers_look(agreement):
    """The framework's notes and the README state the figures the check computes today."""
    summary = agreement_summary(agreement)
    flat = lambda text: re.sub(r"\s+", " ", text)  # noqa: E731
    notes = (REPO / "src/innoscope/frameworks/shipped/china_regional_sti.yaml").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for line in summary.splitlines():
        assert flat(line) in flat(notes), line
        assert flat(line) in flat(readme), line


def test_scores_are_defensible(build):
    s = build.result.scores
    aggregates = s[s["node"].isin(["CRSI", *DIMS])]
    assert (aggregates["score"] >= 0).all() and (aggregates["score"] <= 100).all()
    root = s[s["node"] == "CRSI"]
    for _, year in root.groupby("period"):
        assert sorted(year["rank"]) == list(range(1, 32))  # every province ranked every year
    # evaluation values lie in [0, 100], also where the value itself is negative (宁夏's loss-making 2013)
    res = build.result
    N, raw = res.stages["normalised"], res.stages["imputed"]
    assert (raw < 0).any() and (np.nan_to_num(N) >= 0).all() and (np.nan_to_num(N) <= 100).all()


def test_flags_on_a_made_up_case():
    units = [f"u{i:02d}" for i in range(12)]
    fw = Framework.from_nodes(
        [
            Node("I", None),
            Node("D", "I"),
            *(Node(c, "D", target=10.0) for c in ("a", "b", "c")),
            Node("E", "I"),
            Node("e", "E", target=10.0),
        ]
    )
    vals = {u: dict.fromkeys("abc", 1.0 + i * 0.5) | {"e": 5.0} for i, u in enumerate(units)}
    vals["u00"].update(a=100.0, b=0.5, c=0.5)  # strong on a alone: 100, 5 and 5 make 36.7, 7th place
    vals["u01"].update(b=np.nan, c=np.nan)  # one indicator of three
    rows = [(u, k, v) for u, d in vals.items() for k, v in d.items()]
    panel = Panel.from_long(
        pd.DataFrame(rows, columns=["unit", "indicator", "value"]).assign(value=lambda d: d["value"].astype(str))
    )
    settings = parse_settings(
        {
            "treat": {"enabled": False},
            "normalise": {"method": "standard"},
            "aggregate": {"levels": {2: {"threshold": 0.66}, 3: {"threshold": 1}}},
        }
    )
    res = build_index(panel, fw, settings)
    f = flags(res, fw).set_index(["unit", "flag"])
    assert f.loc[("u00", "one_indicator"), "detail"] == "a alone at or above the median (without it 5.0)"
    assert f.loc[("u01", "below_threshold"), "detail"] == "1 of 3 indicators"
    assert f.loc[("u01", "no_score"), "node"] == "I"
    assert ("u05", "one_indicator") not in f.index and len(f) == 3


def test_availability_policy_is_the_same_in_every_year(ws, build):
    """A province with one HTI indicator of three has no HTI score, hence no composite, in every year."""
    v = build.panel.values.copy()
    gone = (v["unit"] == "西藏") & v["indicator"].isin(["hitech_revenue_gdp", "hitech_profit_margin"])
    v.loc[gone, "value"] = np.nan
    res = build_index(Panel(v, build.panel.units), build.framework, ws.settings)
    t = res.scores.set_index(["node", "unit", "period"])["score"]
    assert all(np.isnan(t[("HTI", "西藏", y)]) and np.isnan(t[("CRSI", "西藏", y)]) for y in res.periods)
    f = flags(res, build.framework)
    tibet = f[f["unit"] == "西藏"]
    assert set(tibet[tibet["flag"] == "no_score"]["period"]) == set(res.periods)
    assert set(tibet[tibet["flag"] == "below_threshold"]["period"]) == set(res.periods)
    root = res.scores[(res.scores["node"] == "CRSI") & res.scores["rank"].notna()]
    assert root.groupby("period")["rank"].max().eq(30).all()


def test_top_ten_places_on_one_indicator_are_flagged(build):
    res, fw = build.result, build.framework
    f = flags(res, fw)
    flagged = set(map(tuple, f[f["flag"] == "one_indicator"][["unit", "period", "node"]].to_numpy()))
    s = res.scores
    for dim in DIMS:
        kids = list(fw.children(dim))
        if len(kids) < 2:
            continue
        d = s[s["node"] == dim].dropna(subset=["rank"])
        ind = s[s["node"].isin(kids)].pivot_table(index=["period", "unit"], columns="node", values="score")
        strong = ind.ge(ind.groupby(level="period").transform("median")).sum(axis=1)
        for r in d[d["rank"] <= 10].itertuples():
            one = strong[(r.period, r.unit)] == 1
            assert one == ((r.unit, r.period, dim) in flagged), (r.unit, r.period, dim)
    assert len(flagged) > 0


def test_coverage_changes_are_listed(build):
    c = coverage_changes(build.result)
    got = {(r.period, r.indicator, r.how) for r in c.itertuples()}
    expected = {
        (y, k, "carried back") for y in range(2011, 2016) for k in ("hitech_rd_revenue", "hitech_newprod_share")
    }
    expected |= {
        (2017, k, "interpolated")
        for k in ("hitech_rd_revenue", "hitech_newprod_share", "hitech_revenue_gdp", "hitech_profit_margin")
    }
    expected |= {(2023, "sci_papers_per_10k", "carried forward")}
    assert got == expected


def test_ranks_over_time_show_no_coverage_artefact(build):
    """Rank movement in the years where coverage changes is no larger than in the others."""
    r = build.result.scores[build.result.scores["node"] == "CRSI"]
    ranks = r.pivot(index="unit", columns="period", values="rank").astype(float)
    moves = ranks.diff(axis=1).abs().mean()
    at_changes = moves[[2016, 2017, 2018, 2023]].mean()  # series start, a year missing, papers end
    elsewhere = moves.drop([2011, 2016, 2017, 2018, 2023]).mean()
    assert at_changes <= 1.25 * elsewhere
    assert ranks.loc["天津", 2014:2017].max() <= 5  # not 3 -> 17 -> 4 around the high-tech series' start


def test_rank_intervals(build):
    a = rank_intervals(build, 2021, runs=60, seed=5)
    b = rank_intervals(build, 2021, runs=60, seed=5)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 31 and (a["q05_rank"] <= a["median_rank"]).all() and (a["median_rank"] <= a["q95_rank"]).all()
    nominal = build.result.table(2021, "rank")["CRSI"]
    assert (a.set_index("unit")["nominal_rank"] == nominal.reindex(a["unit"]).to_numpy()).all()
    assert (a["q95_rank"] - a["q05_rank"]).max() > 0  # the alternatives move some ranks


def test_commands(shared_data, tmp_path):
    import shutil

    china = tmp_path / "china"  # the audit records into the workspace's store: keep it out of the repository
    shutil.copytree(REPO / "examples" / "china", china, ignore=shutil.ignore_patterns("*.duckdb*"))
    runner = CliRunner()
    r = runner.invoke(app, ["index", "check", str(REPO / "examples/china"), "--data-dir", str(shared_data)])
    assert r.exit_code == 0, r.output
    assert "0.600" in r.output and "0.829" in r.output and "one_indicator" in r.output
    r = runner.invoke(app, ["index", "check", str(REPO / "examples/asem"), "--data-dir", str(shared_data)])
    assert r.exit_code == 2 and "E923" in r.output
    args = ["audit", "uncertainty", str(china), "--period", "2021", "--runs", "40", "--seed", "2"]
    r = runner.invoke(app, [*args, "--data-dir", str(shared_data)])
    assert r.exit_code == 0, r.output
    assert "北京" in r.output and "95%" in r.output


def test_missing_data_year_is_refused(build):
    with pytest.raises(InnoscopeError, match=r"E922 data year 2030: .*2011-2023"):
        agreement_table(build.result, build.framework, tiers=(PublishedTier("2032", 2030, None, 1),))
