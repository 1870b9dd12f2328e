"""The GII 2019 workspaces built from the command line, against the published scores and ranks."""

from __future__ import annotations

import re
import shutil

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from innoscope.cli import app
from innoscope.datasets.gii import gii_wide, load_gii
from tests.conftest import REPO

runner = CliRunner()
GII = REPO / "examples" / "gii-2019"
RAW = REPO / "examples" / "gii-2019-raw"


@pytest.fixture(scope="module")
def gii(shared_data):
    return load_gii(shared_data)


def cli(*args: str):
    r = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.output


def build(folder, data, tmp_path, *opts) -> tuple[pd.DataFrame, str]:
    out = tmp_path / f"{folder.name}.csv"
    text = cli("index", "build", folder, "--data-dir", data, "--no-store", "--out", out, *opts)
    scores = pd.read_csv(out, dtype={"node": str, "unit": str})
    return scores, text


@pytest.fixture(scope="module")
def from_scores(shared_data, tmp_path_factory):
    return build(GII, shared_data, tmp_path_factory.mktemp("gii"))


def test_every_aggregate_within_a_tenth_of_the_published(from_scores, gii):
    scores, text = from_scores
    mine = scores.pivot(index="unit", columns="node", values="score")
    published = gii_wide(gii, "score", (2, 3, 4, 5))
    assert published.shape == (129, 31)
    diff = (mine[published.columns].reindex(published.index) - published).abs()
    assert diff.notna().sum().sum() == published.notna().sum().sum()  # every published score is rebuilt
    assert float(np.nanmax(diff.to_numpy())) < 0.1 and float(np.nanmax(diff.to_numpy())) == pytest.approx(
        0.0833, abs=1e-3
    )
    # the terminal: the GII and its sub-indices, ranks as integers, Switzerland first at 67.24
    lines = text.splitlines()
    header = next(line for line in lines if "rank" in line and "GII" in line)
    assert header.split()[1:] == ["rank", "┃", "unit", "┃", "name", "┃", "GII", "┃", "IN", "┃", "OUT", "┃"]
    first = next(line for line in lines if "CHE" in line)
    assert first.split()[1] == "1" and "Switzerland" in first and "67.24" in first
    assert "…" not in text


def test_efficiency_ratio(from_scores, gii):
    """ER = Output / Input sub-index; the file has no ratio, so it is checked against the published sub-indices."""
    scores, _ = from_scores
    mine = scores.pivot(index="unit", columns="node", values="score")
    assert np.allclose(mine["ER"], mine["OUT"] / mine["IN"], rtol=1e-12)
    pub = gii_wide(gii, "score", (4,))
    assert float((mine["ER"].reindex(pub.index) - pub["OUT"] / pub["IN"]).abs().max()) < 0.003
    assert mine["ER"].between(0.2, 1.0).all()


def test_ranks_as_published(from_scores, gii):
    """Every rank as published where the published scores are apart; the untied that are not, explained."""
    scores, _ = from_scores
    ranks = scores.pivot(index="unit", columns="node", values="rank")
    pub = gii_wide(gii, "score", (2, 3, 4, 5))
    pub_rank = gii_wide(gii, "rank", (2, 3, 4, 5))
    mine = ranks[pub.columns].reindex(pub.index)
    untied = pub.notna() & ~pub.apply(lambda c: c.duplicated(keep=False))
    gaps = pub.apply(
        lambda c: pd.Series(np.sort(np.abs(c.to_numpy()[:, None] - c.to_numpy()[None, :]), axis=1)[:, 1], index=c.index)
    )
    apart = untied & (gaps > 0.1 + 1e-9)
    assert int(untied.to_numpy().sum()) == 2961 and int(apart.to_numpy().sum()) == 1766
    assert ((mine == pub_rank) | ~apart).all().all()
    top = ["GII", "IN", "OUT"]
    assert ((mine[top] == pub_rank[top]) | ~untied[top]).all().all()  # the index and sub-indices: every untied rank
    wrong = untied & (mine != pub_rank)
    assert int(wrong.to_numpy().sum()) == 16
    # each of them is one of two neighbours one rounding step apart, which rounded inputs cannot order
    w = wrong.to_numpy()
    assert (np.round(gaps.to_numpy()[w], 6) == 0.1).all()
    assert (np.abs(mine - pub_rank).to_numpy()[w] <= 2).all()


def test_other_nodes_and_the_comparison(shared_data, tmp_path, gii):
    _, text = build(GII, shared_data, tmp_path, "--nodes", "level:3", "--top", "3")
    headers = [[c for c in line.split() if c != "┃"] for line in text.splitlines() if "rank" in line and "unit" in line]
    assert headers[0][:3] == ["rank", "unit", "name"] and all(h[:2] == ["rank", "unit"] for h in headers)
    assert [c for h in headers for c in h if c not in ("rank", "unit", "name")] == list("1234567")  # wrapped, not cut
    text = cli("index", "compare", GII, "--data-dir", shared_data, "--out", tmp_path / "agree.csv")
    agree = pd.read_csv(tmp_path / "agree.csv", dtype={"node": str})
    assert len(agree) == 31 and (agree["max_abs_diff"] < 0.1).all()  # the aggregates; indicator scores are inputs
    assert int(agree["untied_equal"].sum()) == 2945 and int(agree["clear_equal"].sum()) == int(agree["clear"].sum())
    row = next(line for line in text.splitlines() if line.split()[:2] == ["│", "5"])
    assert "96/96" in row and "0.052" in row
    r = runner.invoke(app, ["index", "build", str(GII), "--data-dir", str(shared_data), "--no-store", "--nodes", "9.9"])
    assert r.exit_code == 2 and "E944" in r.output
    for opts, message in (
        (["--measure", "relative"], "E941 --measure: .*'relative'; the data hold rank, raw, score"),
        (["--tolerance", "-1"], "E320 --tolerance"),
        (["--measure", "Score"], "E942 --measure"),
    ):
        r = runner.invoke(app, ["index", "compare", str(GII), "--data-dir", str(shared_data), *opts])
        assert r.exit_code == 2 and re.search(message, r.output.replace("\n", "")), r.output


def test_raw_values_by_the_gii_method(shared_data, tmp_path, gii):
    """The recorded per-indicator agreement is what the command gives today, and it holds its floors."""
    cli("index", "compare", RAW, "--data-dir", shared_data, "--out", tmp_path / "agree.csv")
    fresh = pd.read_csv(tmp_path / "agree.csv", dtype={"node": str}).set_index("node")
    recorded = pd.read_csv(RAW / "agreement.csv", dtype={"node": str}).set_index("node")
    assert fresh.index.tolist() == recorded.index.tolist()
    num = recorded.select_dtypes("number").columns
    assert np.allclose(fresh[num].to_numpy(float), recorded[num].to_numpy(float), rtol=0, atol=1e-9)
    ind = recorded[recorded["level"] == 1]
    assert len(ind) == 80
    assert ((ind["max_abs_diff"] <= 0.1).sum(), (ind["max_abs_diff"] <= 0.5).sum()) == (20, 44)
    assert ((ind["max_abs_diff"] <= 1).sum(), (ind["max_abs_diff"] <= 3).sum()) == (54, 66)
    scores, text = build(RAW, shared_data, tmp_path)
    assert "23 winsorise, 5 log_GII" in text
    mine = scores[scores["node"] == "GII"].set_index("unit")["score"]
    pub = gii_wide(gii, "score", (5,))["GII"]
    assert (mine - pub).abs().max() < 1.5 and (mine - pub).abs().mean() < 0.4
    assert mine.corr(pub, method="spearman") > 0.998


def test_uncertainty_from_the_command_line(shared_data, tmp_path, gii):
    folder = tmp_path / "gii-2019"
    shutil.copytree(GII, folder)
    cli(
        "audit",
        "uncertainty",
        folder,
        "--data-dir",
        shared_data,
        "--runs",
        "60",
        "--seed",
        "3",
        "--out",
        tmp_path / "ua.csv",
    )
    text = cli("audit", "uncertainty", folder, "--data-dir", shared_data, "--runs", "60", "--seed", "3")
    ua = pd.read_csv(tmp_path / "ua.csv")
    assert (
        len(ua) == 129 and (ua["q05_rank"] <= ua["median_rank"]).all() and (ua["median_rank"] <= ua["q95_rank"]).all()
    )
    nominal = ua.set_index("unit")["nominal_rank"]
    pub_rank = gii_wide(gii, "rank", (5,))["GII"]
    assert (nominal.reindex(pub_rank.index) == pub_rank).mean() > 0.95
    assert ua["q95_rank"].sub(ua["q05_rank"]).max() > 5  # the alternatives move ranks
    row = next(line for line in text.splitlines() if "CHE" in line)
    cells = [c for c in row.split("│") if c.strip()]
    assert cells[2].strip() == "1"  # the nominal rank as an integer
    assert "quantiles across runs would mean nothing" in text and "…" not in text
