"""`innoscope records read|count` and `innoscope clusters`, in-process on tmp_path."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from innoscope.cli import app

DATA = Path(__file__).resolve().parent / "data" / "scientometrics"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_read_count_and_cluster(tmp_path):
    rec = tmp_path / "records.parquet"
    r = run("records", "read", DATA / "wos_plain.txt", DATA / "scopus.csv", DATA / "patents.csv", "--out", rec)
    assert r.exit_code == 0, r.output
    assert "13 records" in r.output and "problems: " in r.output
    unmatched = pd.read_csv(tmp_path / "records.unmatched.csv")
    assert "WOS:000000000000006" in set(unmatched["record_id"])  # Taizhou
    problems = pd.read_csv(tmp_path / "records.problems.csv")
    assert {"malformed_line", "duplicate_id", "no_end", "no_address"} <= set(problems["kind"])

    obs = tmp_path / "obs.csv"
    r = run(
        "records",
        "count",
        rec,
        "--by",
        "province",
        "--counting",
        "fractional",
        "--journal-set",
        "nature-science-cell",
        "--share-of",
        "CHN",
        "--out",
        obs,
    )
    assert r.exit_code == 0, r.output
    o = pd.read_csv(obs)
    row = o[(o.unit == "上海") & (o.period == 2021)].iloc[0]
    # 2021 NSC papers, fractional: China 1/3 + 1/3 + 1 (WoS) + 1/2 + 1 (Scopus, Tsinghua) = 19/6; Shanghai 1/3
    assert abs(row["value"] - 100 * (1 / 3) / (19 / 6)) < 1e-6
    assert row["indicator"] == "papers_nature_science_cell_fractional_share_of_chn_pct"
    assert row["record_ids"] == "WOS:000000000000001" and row["source_file"] == "records.parquet"
    assert len(row["source_sha256"]) == 64

    # the same count on a Dask cluster (its own ports: other test runs may hold the default ones)
    from distributed import LocalCluster

    dask_obs = tmp_path / "obs_dask.csv"
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=":0", scheduler_port=0) as cluster:
        r = run(
            "records",
            "count",
            rec,
            "--by",
            "province",
            "--counting",
            "fractional",
            "--journal-set",
            "nature-science-cell",
            "--share-of",
            "CHN",
            "--out",
            dask_obs,
            "--engine",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
        )
    assert r.exit_code == 0, r.output
    assert dask_obs.read_text(encoding="utf-8") == obs.read_text(encoding="utf-8")

    # any workspace reads the observations: a long-layout panel
    from innoscope.panel import Panel, read_table

    panel = Panel.from_long(read_table(obs), source="obs.csv")
    assert "上海" in panel.unit_codes

    clusters = tmp_path / "clusters.csv"
    assign = tmp_path / "assign.csv"
    r = run(
        "clusters",
        rec,
        "--eps-km",
        "30",
        "--min-mass",
        "1.5",
        "--out",
        clusters,
        "--assignments",
        assign,
        "--sensitivity",
        tmp_path / "sens.csv",
        "--eps-range",
        "10,30",
        "--observations",
        tmp_path / "cobs.csv",
    )
    assert r.exit_code == 0, r.output
    c = pd.read_csv(clusters)
    assert {"cluster", "name", "combined_share", "paper_share", "patent_share"} <= set(c.columns)
    a = pd.read_csv(assign, keep_default_na=False)
    assert list(a.columns) == ["id", "cluster"] and (a["cluster"] == "").any()
    assert (tmp_path / "sens.runs.csv").is_file()

    r = run("records", "count", rec, "--by", "cluster", "--clusters", assign, "--out", tmp_path / "bycl.csv")
    assert r.exit_code == 0, r.output
    by_cluster = pd.read_csv(tmp_path / "bycl.csv")
    assert set(by_cluster["unit"].astype(str)) <= set(c["cluster"].astype(str))


def test_count_reads_record_files_directly(tmp_path):
    r = run(
        "records",
        "count",
        DATA / "patents.csv",
        "--kind",
        "patent",
        "--counting",
        "fractional",
        "--out",
        tmp_path / "p.csv",
    )
    assert r.exit_code == 0, r.output
    o = pd.read_csv(tmp_path / "p.csv")
    assert dict(zip(zip(o.unit, o.period, strict=True), o.value, strict=True)) == {
        ("CHN", 2020): 1.0,
        ("CHN", 2021): 1.0,
        ("KOR", 2021): 1.0,
        ("USA", 2021): 1.0,
    }
    assert "records without a year" in r.output


def test_points_csv(tmp_path):
    pts = tmp_path / "pts.csv"
    pts.write_text("id,lat,lon,weight,kind\na,31.2,121.4,1,paper\nb,31.21,121.41,1,patent\nc,0,0,1,paper\n")
    r = run(
        "clusters",
        pts,
        "--eps-km",
        "5",
        "--min-mass",
        "2",
        "--out",
        tmp_path / "c.csv",
        "--assignments",
        tmp_path / "a.csv",
    )
    assert r.exit_code == 0, r.output
    a = pd.read_csv(tmp_path / "a.csv")
    assert a["cluster"].tolist()[:2] == [1, 1] and pd.isna(a["cluster"].iloc[2])


def test_user_errors_are_one_line_with_exit_2(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("hello\n")
    pts = tmp_path / "pts.csv"
    pts.write_text("id,lat,lon,weight,kind\na,31.2,121.4,1,paper\n")
    cases = [
        (("records", "read", bad, "--out", tmp_path / "r.parquet"), "E601"),
        (("records", "read", DATA / "scopus.csv", "--out", tmp_path / "r.csv"), "E002"),
        (("records", "read", tmp_path / "missing.txt", "--out", tmp_path / "r.parquet"), "E001"),
        (("records", "count", DATA / "scopus.csv", "--by", "planet", "--out", tmp_path / "o.csv"), "E605"),
        (("records", "count", DATA / "scopus.csv", "--journal-set", "top", "--out", tmp_path / "o.csv"), "E606"),
        (
            (
                "records",
                "count",
                DATA / "scopus.csv",
                "--by",
                "province",
                "--share-of",
                "FRA",
                "--out",
                tmp_path / "o.csv",
            ),
            "E609",
        ),
        (("clusters", DATA / "patents.csv", "--out", tmp_path / "c.csv"), "E604"),  # not a points CSV
        (("clusters", pts, "--eps-km", "-1", "--out", tmp_path / "c.csv"), "E608"),
    ]
    for args, code in cases:
        r = run(*args)
        assert r.exit_code == 2, (args, r.output)
        assert code in r.output and "Traceback" not in r.output
