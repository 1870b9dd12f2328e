"""The end-to-end evaluation goes through the workspace path and writes a complete, consistent results folder."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from innoscope.cli import app
from innoscope.report.demo import AUDIT_RUNS, CHINA_WORKSPACE, DEMO_STEPS, run_demo
from innoscope.results import Results


@pytest.fixture(scope="module")
def demo(shared_data, tmp_path_factory):
    seen: list[str] = []
    result = run_demo(tmp_path_factory.mktemp("demo"), shared_data, progress=seen.append)
    return result, seen


def test_results_folder(demo):
    d, _ = demo
    names = {p.name for p in d.files}
    assert {
        "rankings.csv",
        "strengths_2023.csv",
        "summary.html",
        "summary.md",
        "ranks_over_time.png",
        "scores_2023.png",
        "report.zh.html",
        "report.zh.pdf",
        "report.zh.docx",
        "results.xlsx",
    } <= names
    for p in d.files:
        assert p.stat().st_size > 200, p
    html = (d.out_dir / "summary.html").read_text(encoding="utf-8")
    assert "北京" in html and "科技活动产出" in html and "ranks_over_time.png" in html
    report = (d.out_dir / "report.zh.html").read_text(encoding="utf-8")
    assert d.unit == "上海" and "<h1>上海综合科技创新水平指数评价报告（2023年）</h1>" in report and "区间为<a" in report


def test_runs_recorded_through_the_workspace_with_an_audit(demo):
    d, _ = demo
    res = Results(d.out_dir / "innoscope.duckdb")
    runs = res.runs()
    assert len(runs) == 2 and runs[-1].run_id == d.run_id
    assert {r.workspace for r in runs} == {str(CHINA_WORKSPACE.resolve())}
    assert runs[0].settings["normalise"]["method"] == "minmax" and runs[1].settings["normalise"]["method"] == "standard"
    assert any(p.endswith("innoscope.yaml") for p in runs[-1].inputs)
    (audit,) = res.audits(d.run_id, "uncertainty")
    assert audit.runs == AUDIT_RUNS and audit.period == 2023 and len(res.intervals(audit.audit_id)) == 31


def test_rankings_and_movement(demo):
    r = demo[0].rankings
    assert len(r) == 31 * 13 and sorted(r["year"].unique()) == list(range(2011, 2024))
    for _, year in r.groupby("year"):
        assert sorted(year["rank"]) == list(range(1, 32))
    sh = r[r["province"] == "上海"].set_index("year")
    assert sh.loc[2023, "change"] == sh.loc[2022, "rank"] - sh.loc[2023, "rank"]
    assert pd.isna(sh.loc[2011, "change"])
    # the six provinces of the published first tier (above the national level) in the 2023 report
    top6 = set(r[(r["year"] == 2023) & (r["rank"] <= 6)]["province"])
    assert top6 == {"上海", "北京", "广东", "天津", "江苏", "浙江"}
    assert r["rank_compare"].notna().all()  # the min-max run's rank beside every row


def test_strengths(demo):
    s = demo[0].strengths.set_index("province")
    assert len(s) == 31
    assert (s["strongest_rank"] <= s["weakest_rank"]).all()


def test_missing_data_reported_per_indicator_and_province(demo):
    d, _ = demo
    gaps = d.coverage.set_index(["indicator", "province"])
    # high-tech industry R&D starts in 2016, its revenue lacks 2017, papers stop in 2022
    assert gaps.loc[("hitech_rd_revenue", "北京"), "missing_years"] == "2011,2012,2013,2014,2015,2017"
    assert gaps.loc[("hitech_newprod_share", "上海"), "n_missing"] == 6
    assert gaps.loc[("sci_papers_per_10k", "广东"), "missing_years"] == "2023"
    assert (d.out_dir / "missing_data.csv").is_file()


def test_progress_reports_every_stage(demo):
    _, seen = demo
    assert len(seen) == DEMO_STEPS and seen[-1] == "writing the workbook"


def test_demo_command_on_any_workspace(tmp_path):
    from tests.report.conftest import write_workspace

    ws = tmp_path / "ws"
    ws.mkdir()
    write_workspace(ws)
    r = CliRunner().invoke(app, ["demo", "--workspace", str(ws), "--out", str(tmp_path / "res")])
    assert r.exit_code == 0, r.output
    assert "上海 Shanghai" in r.output and "report.zh.html" in r.output
    assert (tmp_path / "res" / "report.zh.docx").is_file() and (tmp_path / "res" / "results.xlsx").is_file()


def test_demo_without_data_or_network_names_what_failed(tmp_path, monkeypatch):
    import innoscope.datasets.registry as registry

    def offline(url: str) -> bytes:
        raise OSError("network unreachable")

    monkeypatch.setattr(registry, "_download", offline)
    r = CliRunner().invoke(app, ["demo", "--out", str(tmp_path / "res"), "--data-dir", str(tmp_path / "none")])
    assert r.exit_code == 2 and "download failed" in r.output and "techme" in r.output


def test_validation_flags_and_coverage_breaks_beside_the_ranking(demo):
    from innoscope.datasets.china_check import PUBLISHED_TIERS

    d, _ = demo
    validation = pd.read_csv(d.out_dir / "validation.csv")
    assert len(validation) == len(PUBLISHED_TIERS)
    published = validation[validation["published"].notna()]
    # each row's overlap is the intersection of the two sets of six, as written in the row itself
    for r in published.itertuples():
        assert r.overlap == len(set(r.published.split()) & set(r.innoscope.split()))
    flags = pd.read_csv(d.out_dir / "flags.csv")
    assert set(flags["flag"]) <= {"imputed", "below_threshold", "no_score", "one_indicator"}
    breaks = pd.read_csv(d.out_dir / "coverage_breaks.csv")
    html = (d.out_dir / "summary.html").read_text(encoding="utf-8")
    assert "Against the published results" in html and "validation.csv" in html
    assert ", ".join(map(str, sorted(set(breaks["period"])))) in html
    md = (d.out_dir / "summary.md").read_text(encoding="utf-8")
    assert md.count("(published ") == len(PUBLISHED_TIERS)
    # the run records what cleaning the sources changed, and the summary says it
    cleaning = Results(d.out_dir / "innoscope.duckdb").run(d.run_id).notes["cleaning"]
    assert cleaning and all(line in md for line in cleaning)


def test_a_second_demo_with_nothing_changed_computes_nothing(demo, shared_data, tmp_path):
    import shutil

    first, _ = demo
    out = tmp_path / "results"
    shutil.copytree(first.out_dir, out)
    runs = len(Results(out / "innoscope.duckdb").runs())
    seen: list[str] = []
    again = run_demo(out, shared_data, progress=seen.append)
    assert not again.computed and any("up to date" in s for s in seen)
    assert len(Results(out / "innoscope.duckdb").runs()) == runs  # no new run recorded
    assert again.run_id == first.run_id and again.unit == first.unit
    pd.testing.assert_frame_equal(again.rankings, first.rankings, check_dtype=False)
    # a changed output file makes it all again (as --force does)
    (out / "rankings.csv").write_text("edited", encoding="utf-8")
    redo = run_demo(out, shared_data)
    assert redo.computed and len(Results(out / "innoscope.duckdb").runs()) == runs + 2
    pd.testing.assert_frame_equal(pd.read_csv(out / "rankings.csv"), pd.read_csv(first.out_dir / "rankings.csv"))
