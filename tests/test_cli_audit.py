"""`innoscope audit`, in-process on a copy of examples/asem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from numpy.testing import assert_allclose
from typer.testing import CliRunner

from innoscope.cli import app

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture()
def ws(asem_copy):
    return asem_copy


def uncertainty(folder, data, *opts):
    """Run `innoscope audit uncertainty FOLDER --data-dir DATA OPTS...` in-process."""
    return runner.invoke(app, ["audit", "uncertainty", str(folder), "--data-dir", str(data), *map(str, opts)])


def test_stats_tables(ws, tmp_path):
    folder, data = ws
    r = runner.invoke(app, ["audit", "stats", str(folder), "--data-dir", str(data), "--out", str(tmp_path / "audit")])
    assert r.exit_code == 0, r.output
    stats = pd.read_csv(tmp_path / "audit" / "indicator_stats.csv").set_index("indicator")
    assert stats.loc["Flights", "Flag.SkewKurt"] == "OUT" and stats.loc["LPI", "N.Avail"] == 51
    cron = pd.read_csv(tmp_path / "audit" / "cronbach.csv")
    assert cron.query("aggregate == 'SusEcFin' and members_level == 1")["alpha"].round(3).item() == -0.377
    removal = pd.read_csv(tmp_path / "audit" / "removal_shifts.csv")
    assert set(removal["removed"]) >= {"Conn", "Sust", "LPI"}


def test_replay_from_cli_matches_coinr(ws, tmp_path, asem_ref):
    folder, data = ws
    out = tmp_path / "replay.csv"
    r = uncertainty(
        folder,
        data,
        "--design",
        asem_ref / "case_h_ua_params.csv",
        "--weight-sets",
        asem_ref / "case_h_ua_noisy_weights.csv",
        "--out",
        out,
        "--plot",
        tmp_path / "ranks.png",
    )
    assert r.exit_code == 0, r.output
    mine = pd.read_csv(out).set_index("unit")
    ref = pd.read_csv(asem_ref / "case_h_ua_rankstats.csv").set_index("uCode")
    assert_allclose(mine.loc[ref.index, "median_rank"], ref["Median"])
    assert_allclose(mine.loc[ref.index, "q95_rank"], ref["Q95"], rtol=1e-13)
    assert (tmp_path / "ranks.png").stat().st_size > 10_000


def test_sampled_runs_are_reproducible(ws, tmp_path):
    folder, data = ws
    outs = []
    for name in ("a.csv", "b.csv"):
        r = uncertainty(
            folder,
            data,
            "--runs",
            "300",
            "--seed",
            "0",
            "--out",
            tmp_path / name,
            "--runs-out",
            tmp_path / f"runs_{name}",
        )
        assert r.exit_code == 0, r.output
        outs.append(pd.read_csv(tmp_path / f"runs_{name}"))
    assert outs[0].equals(outs[1]) and len(outs[0]) == 300 * 51


def test_score_quantiles_only_where_the_runs_share_a_scale(ws, tmp_path):
    folder, data = ws
    out = tmp_path / "ua.csv"
    r = uncertainty(folder, data, "--runs", "40", "--out", out)
    assert r.exit_code == 0, r.output
    assert "scores: the runs' scores lie on 2 scales" in " ".join(r.output.split())
    summary = pd.read_csv(out)
    assert "median_score" not in summary.columns and "median_rank" in summary.columns
    by_scale = pd.read_csv(tmp_path / "ua_scores_by_scale.csv")
    assert set(by_scale["scale"]) == {"normalise minmax l=1 u=100", "normalise zscore mean=10 sd=2"}
    assert by_scale.groupby("scale")["runs"].first().sum() == 40
    # one shared scale, the nominal one: the score columns are back, and no per-scale file
    out2 = tmp_path / "ua2.csv"
    r = uncertainty(
        folder,
        data,
        "--runs",
        "20",
        "--input",
        "normalise=[{method: minmax, l: 0, u: 100}]",
        "--input",
        "aggregate=[{method: amean}]",
        "--out",
        out2,
    )
    assert r.exit_code == 0, r.output
    assert {"median_score", "q05_score", "q95_score"} <= set(pd.read_csv(out2).columns)
    assert not (tmp_path / "ua2_scores_by_scale.csv").exists()


def test_sobol_from_cli(ws, tmp_path):
    folder, data = ws
    r = uncertainty(folder, data, "--runs", "64", "--sobol", "--out", tmp_path / "sobol.csv")
    assert r.exit_code == 0, r.output
    idx = pd.read_csv(tmp_path / "sobol.csv").set_index("input")
    assert set(idx.index) == {"winmax", "normalise", "aggregate", "weights"}
    assert idx["ST"].idxmax() == "aggregate"


@pytest.mark.parametrize(
    ("opts", "message"),
    [
        (["--runs", "1"], "E320 --runs: invalid command-line option: 1; at least 2"),
        (["--runs", "0"], "E320 --runs: .*0; at least 2"),
        (["--seed", "-1"], "E320 --seed: .*-1; a seed is a whole number >= 0"),
        (["--plot", "ua.jpg2"], "E321 ua.jpg2: unsupported plot format: 'jpg2'; use one of .*png"),
        (["--input", "winmax=[1, -2]"], r"E320 --input winmax: .*winmax\[1\]: treat.winmax: .*greater than"),
        (["--input", "winmax"], "E320 --input 'winmax': .*expected NAME=YAML"),
        (
            ["--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"],
            "E313 --scheduler tcp://127.0.0.1:9: .*cannot be reached",
        ),
        (["--scheduler", "tcp://127.0.0.1:9"], "E312 .*needs the Dask engine"),
        (["--engine", "spark"], "spark"),
        (["--runs", "3", "--sobol"], r"E314 --runs: .*: 3 base samples; .*at least 16"),
    ],
)
def test_errors_before_any_work(ws, opts, message, monkeypatch):
    import re

    import innoscope.audit.uncertainty as ua

    def no_runs(*a, **k):
        raise AssertionError("the runs were evaluated before the error")

    monkeypatch.setattr(ua, "run_uncertainty_periods", no_runs)
    folder, data = ws
    r = uncertainty(folder, data, *opts)
    assert r.exit_code == 2
    assert re.search(message, r.output), r.output
    assert "Traceback" not in r.output and "innoscope.yaml" not in r.output


def _design(tmp_path, asem_ref, column, row, value, sets_column=None):
    """COINr's exported design with one cell changed (and its weight sets, perhaps with one changed too)."""
    params = pd.read_csv(asem_ref / "case_h_ua_params.csv", dtype=str).head(20)
    sets = pd.read_csv(asem_ref / "case_h_ua_noisy_weights.csv", dtype=str)
    if column is not None:
        params.loc[row, column] = value
    if sets_column is not None:
        sets.loc[row, sets_column] = value
    params.to_csv(tmp_path / "params.csv", index=False)
    sets.to_csv(tmp_path / "sets.csv", index=False)
    return ["--design", tmp_path / "params.csv", "--weight-sets", tmp_path / "sets.csv", "--no-store"]


@pytest.mark.parametrize(
    ("column", "value", "sets_column", "message"),
    [
        ("Norm_f_n", "n_foo", None, r"E322 .*params.csv:5, column Norm_f_n: .*'n_foo'; known: n_minmax, n_zscore"),
        ("Winmax", "five", None, r"E103 .*params.csv:5, column Winmax: non-numeric value: 'five'"),
        ("Winmax", "2.5", None, r"E103 .*params.csv:5, column Winmax: .*2.5 is not a whole number"),
        ("Norm_f_n_para", "1;x", None, r"E103 .*params.csv:5, column Norm_f_n_para: .*'1;x'; expected 2 numbers"),
        ("Aggregation", "a_median", None, r"E322 .*params.csv:5, column Aggregation: .*'a_median'"),
        (None, "heavy", "Weight", r"E103 .*sets.csv:5, column Weight: non-numeric value: 'heavy'"),
    ],
)
def test_a_bad_cell_of_a_coinr_design_is_named(ws, tmp_path, asem_ref, column, value, sets_column, message):
    import re

    folder, data = ws
    r = uncertainty(folder, data, *_design(tmp_path, asem_ref, column, 3, value, sets_column))
    assert r.exit_code == 2, r.output
    assert re.search(message, r.output), r.output
    assert "Traceback" not in r.output


def test_a_coinr_design_as_text_replays_as_before(ws, tmp_path, asem_ref):
    folder, data = ws
    r = uncertainty(folder, data, *_design(tmp_path, asem_ref, None, 0, None), "--out", tmp_path / "ua.csv")
    assert r.exit_code == 0, r.output
    assert pd.read_csv(tmp_path / "ua.csv")["unit"].nunique() == 51


def test_stats_of_too_few_units_is_one_error(ws, tmp_path):
    _, data = ws
    one = tmp_path / "one"
    one.mkdir()
    rows = (data / "asem" / "ASEM_iData.csv").read_text(encoding="utf-8").splitlines()
    (one / "data.csv").write_text("\n".join(rows[:3]) + "\n", encoding="utf-8")  # two units
    shutil.copy(data / "asem" / "ASEM_iMeta.csv", one / "meta.csv")
    (one / "innoscope.yaml").write_text(
        "data: {file: data.csv, unit: uCode, name: uName, period: Time}\nframework: meta.csv\n", encoding="utf-8"
    )
    r = runner.invoke(app, ["audit", "stats", str(one)])
    assert r.exit_code == 2, r.output
    assert "E323 period 2018: too few units for the audit statistics: 2 scored, at least 3 needed" in r.output
    assert "Warning" not in r.output and "Traceback" not in r.output


def test_inputs_declared_on_the_command_line_and_every_period(tmp_path, shared_data):
    folder = tmp_path / "panel"
    shutil.copytree(REPO / "examples" / "asem-panel", folder)
    out = tmp_path / "ua.csv"
    r = uncertainty(
        folder,
        shared_data,
        "--runs",
        "20",
        "--input",
        "winmax=[1, 5]",
        "--input",
        "aggregate=[{method: amean}, {method: gmean}]",
        "--input",
        "normalise=[{method: minmax, l: 1, u: 100}]",
        "--period",
        "all",
        "--out",
        out,
    )
    assert r.exit_code == 0, r.output
    summary = pd.read_csv(out)
    assert sorted(summary["period"].unique()) == [2018, 2019, 2020, 2021, 2022]
    assert len(summary) == 5 * 51
    r = uncertainty(folder, shared_data, "--input", "oops")
    assert r.exit_code == 2 and "NAME=YAML" in r.output
