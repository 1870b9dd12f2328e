"""The end-to-end evaluation writes a complete, consistent results folder."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from innoscope.cli import app
from innoscope.report.demo import run_demo
from innoscope.results import Results


@pytest.fixture(scope="module")
def demo(shared_data, tmp_path_factory):
    return run_demo(tmp_path_factory.mktemp("demo"), shared_data)


def test_results_folder(demo):
    names = {p.name for p in demo.files}
    assert {
        "rankings.csv",
        "strengths_2023.csv",
        "summary.html",
        "summary.md",
        "ranks_over_time.png",
        "scores_2023.png",
    } <= names
    for p in demo.files:
        assert p.stat().st_size > 200, p
    html = (demo.out_dir / "summary.html").read_text(encoding="utf-8")
    assert "北京" in html and "科技活动产出" in html and "ranks_over_time.png" in html


def test_rankings_and_movement(demo):
    r = demo.rankings
    assert len(r) == 31 * 13 and sorted(r["year"].unique()) == list(range(2011, 2024))
    for _, year in r.groupby("year"):
        assert sorted(year["rank"]) == list(range(1, 32))
    sh = r[r["province"] == "上海"].set_index("year")
    assert sh.loc[2023, "change"] == sh.loc[2022, "rank"] - sh.loc[2023, "rank"]
    assert pd.isna(sh.loc[2011, "change"])
    top5 = set(r[(r["year"] == 2023) & (r["rank"] <= 5)]["province"])
    assert top5 == {"北京", "上海", "江苏", "广东", "浙江"}


def test_strengths_and_store(demo):
    s = demo.strengths.set_index("province")
    assert len(s) == 31
    assert (s["strongest_rank"] <= s["weakest_rank"]).all()
    assert len(Results(demo.out_dir / "innoscope.duckdb").runs()) == 2


def test_demo_command(shared_data, tmp_path):
    r = CliRunner().invoke(app, ["demo", "--out", str(tmp_path / "res"), "--data-dir", str(shared_data)])
    assert r.exit_code == 0, r.output
    assert "北京 Beijing" in r.output and "summary.html" in r.output


def test_demo_without_data_or_network_names_what_failed(tmp_path, monkeypatch):
    import innoscope.datasets.registry as registry

    def offline(url: str) -> bytes:
        raise OSError("network unreachable")

    monkeypatch.setattr(registry, "_download", offline)
    r = CliRunner().invoke(app, ["demo", "--out", str(tmp_path / "res"), "--data-dir", str(tmp_path / "none")])
    assert r.exit_code == 2 and "download failed" in r.output and "techme" in r.output


def test_missing_data_reported_per_indicator_and_province(demo):
    gaps = demo.coverage.set_index(["indicator", "province"])
    # high-tech industry R&D starts in 2016, its revenue lacks 2017, papers stop in 2022
    assert gaps.loc[("hitech_rd_revenue", "北京"), "missing_years"] == "2011,2012,2013,2014,2015,2017"
    assert gaps.loc[("hitech_newprod_share", "上海"), "n_missing"] == 6
    assert gaps.loc[("sci_papers_per_10k", "广东"), "missing_years"] == "2023"
    assert (demo.out_dir / "missing_data.csv").is_file()


def test_progress_reports_every_stage(shared_data, tmp_path):
    from innoscope.report.demo import DEMO_STEPS

    seen: list[str] = []
    run_demo(tmp_path / "r", shared_data, progress=seen.append)
    assert len(seen) == DEMO_STEPS and seen[-1].startswith("writing")
