"""The EIS 2023 workspace from the command line: the Summary Innovation Index against the published one."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from innoscope.cli import app
from innoscope.datasets.eis import load_eis
from innoscope.frameworks import shipped
from innoscope.frameworks.loader import SHIPPED
from tests.conftest import REPO

runner = CliRunner()
EIS = REPO / "examples" / "eis-2023"


@pytest.fixture(scope="module")
def eis(shared_data):
    return load_eis(shared_data)[0]


def cli(*args):
    r = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.output


def sii(folder, data, tmp_path, *opts) -> tuple[pd.DataFrame, str]:
    out = tmp_path / "s.csv"
    text = cli("index", "build", folder, "--data-dir", data, "--no-store", "--out", out, *opts)
    s = pd.read_csv(out, dtype={"node": str})
    return s[s["node"] == "SII"].rename(columns={"period": "year"}), text


def against_published(built: pd.DataFrame, eis: pd.DataFrame) -> pd.DataFrame:
    pub = eis[eis["depth"] == 1][["unit", "year", "value"]].rename(columns={"value": "published"})
    both = built.merge(pub, on=["unit", "year"])
    both["abs_diff"] = (both["score"] - both["published"]).abs()
    both["rank_published"] = both.groupby("year")["published"].rank(ascending=False, method="min")
    return both


def fit_heights(eis: pd.DataFrame, years) -> pd.Series:
    """The goalposts H pinned down by the published SII: SII = mean over available j of r_j * 100 / H_j."""
    sub = eis[eis["year"].isin(years)]
    ind = sub[sub["depth"] == 3].pivot_table(index=["unit", "year"], columns="code", values="value", dropna=False)
    pub = sub[sub["depth"] == 1].set_index(["unit", "year"])["value"].reindex(ind.index)
    R = ind.to_numpy()
    avail = ~np.isnan(R)
    A = np.where(avail, R, 0.0) / avail.sum(axis=1)[:, None]
    w, *_ = np.linalg.lstsq(A, pub.to_numpy(), rcond=None)
    return pd.Series(100 / w, index=ind.columns)


def test_sii_agrees_with_the_published(shared_data, tmp_path, eis):
    built, text = sii(EIS, shared_data, tmp_path)
    both = against_published(built, eis)
    assert len(both) == 312  # 39 units x 8 years
    assert both["abs_diff"].mean() == pytest.approx(0.412, abs=0.001) and both["abs_diff"].max() < 1.81
    assert (both["rank"] - both["rank_published"]).abs().max() <= 2
    assert both.loc[(both["unit"] == "EU") & (both["year"] == 2016), "score"].item() == pytest.approx(100, abs=0.5)
    first = next(line for line in text.splitlines() if "CHE" in line)
    assert first.split()[1] == "1" and "Switzerland" in first
    assert "the index has 32 nodes at its first level" in text


def test_the_goalposts_are_the_least_squares_fit(eis):
    fw = shipped("eis_2023")
    shipped_h = pd.Series({c: fw.node(c).high for c in fw.indicators})
    fitted = fit_heights(eis, range(2016, 2024))
    assert np.allclose(shipped_h[fitted.index], fitted, rtol=0, atol=0.005 + 1e-9)
    assert all(fw.node(c).low == 0 and fw.node(c).measure == "relative" for c in fw.indicators)


def test_held_out_years_and_the_plain_mean(shared_data, tmp_path, eis):
    """Goalposts fitted on 2016-2019 alone rebuild 2020-2023 nearly as well; without them it is 7.65 off."""
    folder = tmp_path / "eis"
    shutil.copytree(EIS, folder)
    doc = yaml.safe_load((SHIPPED / "eis_2023.yaml").read_text(encoding="utf-8"))
    early = fit_heights(eis, range(2016, 2020))
    for node in doc["nodes"]:
        if node["code"] in early.index:
            node["goalposts"] = [0, float(early[node["code"]])]
    (folder / "fw.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    ws = yaml.safe_load((folder / "innoscope.yaml").read_text(encoding="utf-8"))
    ws["framework"] = "fw.yaml"
    (folder / "innoscope.yaml").write_text(yaml.safe_dump(ws), encoding="utf-8")
    built, _ = sii(folder, shared_data, tmp_path)
    later = against_published(built, eis).query("year >= 2020")
    assert later["abs_diff"].mean() < 0.6 and (later["rank"] - later["rank_published"]).abs().max() <= 3
    plain, _ = sii(EIS, shared_data, tmp_path, "--normalise", "none")
    assert against_published(plain, eis)["abs_diff"].mean() == pytest.approx(7.65, abs=0.01)


def test_compare_and_uncertainty(shared_data, tmp_path):
    text = cli("index", "compare", EIS, "--data-dir", shared_data, "--out", tmp_path / "a.csv")
    a = pd.read_csv(tmp_path / "a.csv")
    assert a["node"].tolist() == ["SII"] and int(a["n"].item()) == 312
    assert "relative" in text and "(2016–2023)" in text and "312" in text
    folder = tmp_path / "eis-2023"
    shutil.copytree(EIS, folder)
    text = cli("audit", "uncertainty", folder, "--data-dir", shared_data, "--runs", "40", "--out", tmp_path / "ua.csv")
    ua = pd.read_csv(tmp_path / "ua.csv")
    assert len(ua) == 39 and (ua["q05_rank"] <= ua["q95_rank"]).all()
    assert ua.set_index("unit").loc["CHE", "nominal_rank"] == 1


def test_a_stored_run_keeps_each_observations_measure_and_sheet(shared_data, tmp_path):
    from innoscope.provenance import FileRow
    from innoscope.results import Results
    from innoscope.workspace import build_workspace, load_workspace

    folder = tmp_path / "eis"
    shutil.copytree(EIS, folder, ignore=shutil.ignore_patterns("*.duckdb*"))
    b = build_workspace(load_workspace(folder, data_dir=shared_data))
    obs = Results(folder / "innoscope.duckdb").observations(b.run_id, unit="DNK", period=2023).items
    assert obs and {o.measure for o in obs} == {"relative"}
    assert all(isinstance(o.source, FileRow) and o.source.sheet and o.source.row for o in obs)
