"""The CLI, run in-process on tmp_path: the reference cases from options alone, errors on one line."""

from __future__ import annotations

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


def build(ws, *opts: str):
    folder, data = ws
    out = folder / "scores.csv"
    r = runner.invoke(app, ["index", "build", str(folder), "--data-dir", str(data), "--out", str(out), *opts])
    assert r.exit_code == 0, r.output
    return pd.read_csv(out), r.output


@pytest.mark.parametrize(
    ("case", "opts"),
    [
        ("a", []),
        ("b", ["--normalise", "zscore"]),
        ("c", ["--normalise", "minmax", "--l", "1", "--u", "100", "--aggregate", "gmean"]),
    ],
)
def test_reference_cases_from_cli_options(ws, asem_ref, case, opts):
    scores, output = build(ws, *opts)
    assert set(scores.columns) == {"unit", "node", "period", "score", "rank"}
    ref = pd.read_csv(asem_ref / f"case_{case}.csv").set_index("uCode")
    nodes = [c for c in ref.columns if not c.startswith("Rank_")]
    wide = scores.pivot(index="unit", columns="node", values="score").loc[ref.index, nodes]
    ranks = scores.pivot(index="unit", columns="node", values="rank").loc[ref.index, nodes]
    assert_allclose(wide.to_numpy(), ref[nodes].to_numpy(), atol=0.005)
    assert (ranks.to_numpy() == ref[[f"Rank_{n}" for n in nodes]].to_numpy()).all()
    assert "CHE" in output and "recorded as run 1" in output


@pytest.mark.parametrize("winmax", [1, 3])
def test_winmax_option_matches_coinr_treatment(ws, asem_ref, winmax):
    folder, data = ws
    r = runner.invoke(
        app, ["index", "build", str(folder), "--data-dir", str(data), "--winmax", str(winmax), "--no-store"]
    )
    assert r.exit_code == 0, r.output
    det = pd.read_csv(asem_ref / "case_a_treat_details_by_winmax.csv")
    counts = det[det.winmax == winmax]["final_treatment"].value_counts()
    assert f"{counts['log_CT']} log_CT" in r.output and f"{counts['winsorise']} winsorise" in r.output


def test_runs_and_show(ws, tmp_path):
    folder, _ = ws
    build(ws)
    build(ws, "--normalise", "zscore", "--out", str(tmp_path / "z.parquet"))
    r = runner.invoke(app, ["index", "runs", str(folder)])
    assert r.exit_code == 0 and " 2 " in r.output
    r = runner.invoke(app, ["index", "show", str(folder), "--run", "2", "--top", "3", "--out", str(tmp_path / "s.csv")])
    assert r.exit_code == 0, r.output
    assert "zscore" in r.output and "Switzerland" in r.output
    shown = pd.read_csv(tmp_path / "s.csv")
    stored = pd.read_parquet(tmp_path / "z.parquet")
    assert_allclose(shown["score"], stored["score"])


@pytest.mark.parametrize(
    ("opts", "message"),
    [
        (["--aggregate", "gmean"], "E303 node Physical"),
        (["--normalise", "minmax", "--l", "5", "--u", "1"], "E320 --normalise --l --u: .*u > l"),
        (["--l", "100", "--u", "1"], "E320 --l --u: .*u > l"),
        (["--screen", "1.5"], "E320 --screen: .*less than or equal to 1"),
        (["--winmax", "-3"], "E320 --winmax: .*greater than or equal to 0"),
        (["--period", "1999"], "E320 --period: .*'1999' not among 2018"),
    ],
)
def test_user_errors_print_one_line_and_exit_2(ws, opts, message):
    folder, data = ws
    r = runner.invoke(app, ["index", "build", str(folder), "--data-dir", str(data), "--no-store", *opts])
    assert r.exit_code == 2
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert any(__import__("re").search(message, ln) for ln in lines), r.output
    assert "Traceback" not in r.output
    if message.startswith("E320"):  # an option's error is not the workspace file's
        assert "Fix the option named above" in r.output and "innoscope.yaml" not in r.output


def test_missing_data_directory_names_the_file(ws, tmp_path):
    folder, _ = ws
    r = runner.invoke(app, ["index", "build", str(folder), "--data-dir", str(tmp_path / "nowhere"), "--no-store"])
    assert r.exit_code == 2
    assert "E001" in r.output and "ASEM_iData.csv" in r.output and "data directory" in r.output


def test_show_without_runs(tmp_path, ws):
    folder, _ = ws
    r = runner.invoke(app, ["index", "show", str(folder)])
    assert r.exit_code == 2 and "E401" in r.output
