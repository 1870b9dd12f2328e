"""The DuckDB run store: save, list and reload runs."""

from __future__ import annotations

import pandas as pd
import pytest

from innoscope.errors import InnoscopeError
from innoscope.store import RunRecord, RunStore


def record(score: float, period) -> RunRecord:
    scores = pd.DataFrame(
        {
            "unit": ["A", "B"],
            "node": ["I", "I"],
            "period": [period, period],
            "score": [score, 1.0],
            "rank": pd.array([1, 2], dtype="Int64"),
        }
    )
    treat = pd.DataFrame({"period": [period], "indicator": ["x"], "action": ["winsorise"], "nwin": [2], "skew0": [3.1]})
    screen = pd.DataFrame(
        {"unit": ["A", "B"], "period": [period] * 2, "availability": [1.0, 0.5], "kept": [True, True]}
    )
    return RunRecord(
        workspace="/ws",
        name="t",
        settings={"normalise": {"method": "minmax"}},
        inputs={"d.csv": "ab" * 32},
        framework=[{"code": "I", "parent": None}],
        scores=scores,
        treatment=treat,
        screening=screen,
        notes={"unit_names": {"A": "Alpha"}},
    )


def test_roundtrip_and_listing(tmp_path):
    path = tmp_path / "s.duckdb"
    with RunStore(path) as db:
        r1 = db.save_run(record(5.0, 2020))
        r2 = db.save_run(record(7.0, "2021Q1"))
    with RunStore(path) as db:  # reopen: the runs persist
        runs = db.list_runs()
        assert runs["run_id"].tolist() == [r1, r2] == [1, 2]
        one = db.load_run(r1)
        latest = db.load_run()
    assert one.scores["period"].tolist() == [2020, 2020]
    assert one.scores["score"].tolist() == [5.0, 1.0]
    assert one.settings == {"normalise": {"method": "minmax"}}
    assert one.treatment.loc[0, "action"] == "winsorise" and one.treatment.loc[0, "nwin"] == 2
    assert one.notes["unit_names"] == {"A": "Alpha"}
    assert latest.run_id == 2 and latest.scores["period"].tolist() == ["2021Q1"] * 2


def test_missing_run():
    db = RunStore(":memory:")
    with pytest.raises(InnoscopeError, match="E401 .*no runs"):
        db.load_run()
    db.save_run(record(1.0, 2020))
    with pytest.raises(InnoscopeError, match="E401 .*run 9"):
        db.load_run(9)


def test_a_failed_save_leaves_nothing_behind():
    db = RunStore(":memory:")
    bad = record(1.0, 2020)
    bad.scores = bad.scores.drop(columns=["rank"])
    with pytest.raises(KeyError):
        db.save_run(bad)
    assert db.con.execute("SELECT count(*) FROM runs").fetchone()[0] == 0
    assert db.save_run(record(2.0, 2020)) >= 1
    assert len(db.list_runs()) == 1
