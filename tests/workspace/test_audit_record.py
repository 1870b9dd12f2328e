"""Audits are recorded in the workspace's store against the run of the nominal build."""

from __future__ import annotations

from typer.testing import CliRunner

from innoscope.cli import app
from innoscope.results import Results
from tests.tiny import write_tiny_workspace

runner = CliRunner()


def _workspace(tmp_path):
    root = write_tiny_workspace(tmp_path)
    ws = root / "innoscope.yaml"
    ws.write_text(
        ws.read_text(encoding="utf-8")
        + ("uncertainty:\n  weights: {noise: {2: 0.5}}\n  aggregate: [{method: amean}, {method: genmean, p: 2}]\n"),
        encoding="utf-8",
    )
    return root


def test_uncertainty_and_sobol_are_stored_with_their_run(tmp_path):
    root = _workspace(tmp_path)
    r = runner.invoke(app, ["audit", "uncertainty", str(root), "--runs", "200", "--seed", "3"])
    assert r.exit_code == 0, r.output
    res = Results(root / "innoscope.duckdb")
    (run,) = res.runs()  # the nominal build was recorded first
    (audit,) = res.audits(run.run_id)
    assert (audit.kind, audit.runs, audit.seed, audit.period) == ("uncertainty", 200, 3, 2023)
    intervals = {i.unit: i for i in res.intervals(run_id=run.run_id)}
    nominal = {m.unit: m.rank for m in res.ranking(run.run_id)}
    assert {u: i.nominal_rank for u, i in intervals.items()} == nominal
    assert all(i.q05_rank <= i.median_rank <= i.q95_rank for i in intervals.values())
    # one scale (normalisation does not vary): score statistics are kept
    assert all(i.median_score is not None for i in intervals.values())

    # a second audit of the unchanged workspace reuses the run; Sobol indices are stored too
    r = runner.invoke(app, ["audit", "uncertainty", str(root), "--runs", "16", "--sobol"])
    assert r.exit_code == 0, r.output
    assert len(res.runs()) == 1 and [a.kind for a in res.audits()] == ["uncertainty", "sensitivity"]
    sobol = res.sobol(run_id=run.run_id)
    assert {s.target for s in sobol} >= {"mean_abs_rank_shift"}
    assert {s.factor for s in sobol if s.target == "mean_abs_rank_shift"} == {"aggregate", "weights"}

    # --no-store records nothing
    r = runner.invoke(app, ["audit", "uncertainty", str(root), "--runs", "50", "--no-store"])
    assert r.exit_code == 0 and len(res.audits()) == 2
