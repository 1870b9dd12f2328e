"""The store: runs, audits and documents written by many processes, versioned and migrated."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from filelock import FileLock

from innoscope.errors import InnoscopeError
from innoscope.results import Results
from innoscope.store import SCHEMA_VERSION, AuditRecord, RunRecord, Store

V1_SQL = Path(__file__).parents[1] / "data" / "store-v1.sql"


def record(score: float, period, settings=None) -> RunRecord:
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
        settings=settings or {"normalise": {"method": "minmax"}},
        inputs={"d.csv": "ab" * 32},
        framework=[{"code": "I", "parent": None}, {"code": "x", "parent": "I"}],
        scores=scores,
        treatment=treat,
        screening=screen,
        notes={"unit_names": {"A": "Alpha"}},
    )


def test_round_trip_and_what_tells_runs_apart(tmp_path):
    path = tmp_path / "s.duckdb"
    store = Store(path)
    r1 = store.save_run(record(5.0, 2020))
    r2 = store.save_run(record(7.0, "2021Q1", {"normalise": {"method": "zscore"}}))
    res = Results(path)
    runs = res.runs()
    assert [r.run_id for r in runs] == [r1, r2]
    assert runs[0].periods == (2020,) and runs[1].periods == ("2021Q1",)
    assert runs[0].label != runs[1].label and runs[0].settings_hash != runs[1].settings_hash
    assert runs[0].framework_hash == runs[1].framework_hash
    assert res.run().run_id == r2  # the latest
    page = res.scores(r1)
    assert [(s.unit, s.score, s.rank) for s in page] == [("A", 5.0, 1), ("B", 1.0, 2)]
    assert page.items[0].source.run_id == r1
    assert [u.name for u in res.units(r1)] == ["Alpha", "B"]


def test_missing_runs_units_and_stores_are_named(tmp_path):
    path = tmp_path / "s.duckdb"
    with pytest.raises(InnoscopeError, match="E402"):
        Results(path)
    assert not path.exists()  # a read never creates a store
    store = Store(path)
    with pytest.raises(InnoscopeError, match="E401 .*no runs yet"):
        Results(path).run()
    rid = store.save_run(record(1.0, 2020))
    with pytest.raises(InnoscopeError, match="E401 .*run 9; stored: 1"):
        Results(path).run(9)
    with pytest.raises(InnoscopeError, match=r"E407 .*unit 'Z'; the run has: A, B"):
        Results(path).scores(rid, unit="Z")
    with pytest.raises(InnoscopeError, match=r"E407 .*period 2019; the run has: 2020"):
        Results(path).ranking(rid, period=2019)


def test_a_failed_write_leaves_nothing_half_written(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    bad = record(1.0, 2020)
    bad.scores = bad.scores.drop(columns=["rank"])
    with pytest.raises(KeyError):
        store.save_run(bad)
    assert Results(store.path).runs() == []
    assert store.save_run(record(2.0, 2020)) >= 1


def test_audits_are_stored_and_read_back(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    rid = store.save_run(record(1.0, 2020))
    intervals = pd.DataFrame(
        {
            "unit": ["A", "B"],
            "nominal_rank": [1, 2],
            "median_rank": [1.0, 2.0],
            "mean_rank": [1.1, 1.9],
            "q05_rank": [1.0, 1.0],
            "q95_rank": [2.0, 2.0],
            "nominal_score": [5.0, 1.0],
        }
    )
    aid = store.save_audit(AuditRecord(rid, "uncertainty", 2020, 500, 0, "local", {"winmax": [1, 5]}, {}, intervals))
    sobol = pd.DataFrame(
        {
            "target": ["mean rank shift"] * 2,
            "factor": ["winmax", "weights"],
            "s1": [0.6, 0.1],
            "s1_low": [0.5, -0.2],
            "s1_high": [0.7, 0.4],
            "st": [0.8, 0.3],
            "st_low": [0.7, 0.1],
            "st_high": [0.9, 0.5],
            "flagged": [False, True],
        }
    )
    store.save_audit(AuditRecord(rid, "sensitivity", 2020, 3072, 0, "local", sobol=sobol))
    res = Results(store.path)
    iv = res.intervals(run_id=rid)
    assert iv[0].audit_id == aid and (iv[1].unit, iv[1].q05_rank, iv[1].median_score) == ("B", 1.0, None)
    assert [s.factor for s in res.sobol(run_id=rid) if s.flagged] == ["weights"]
    assert res.audits(rid, "uncertainty")[0].seed == 0  # seed 0 is a seed, not "none"
    with pytest.raises(InnoscopeError, match="E408"):
        res.intervals(run_id=rid + 1)


def _load_v1(path: Path) -> None:
    con = duckdb.connect(str(path))
    for stmt in V1_SQL.read_text(encoding="utf-8").split(";\n"):
        if stmt.strip() and not stmt.lstrip().startswith("--"):
            con.execute(stmt)
        elif "\n" in stmt.strip():  # comment lines followed by a statement
            body = "\n".join(ln for ln in stmt.splitlines() if not ln.startswith("--"))
            if body.strip():
                con.execute(body)
    con.close()


def test_a_store_of_schema_version_1_is_migrated_and_read(tmp_path):
    path = tmp_path / "old.duckdb"
    _load_v1(path)
    res = Results(path)  # a reader migrates it once, through a short write
    runs = res.runs()
    assert [r.run_id for r in runs] == [1, 2]
    assert runs[0].label == "defaults" and "normalise.method=zscore" in runs[1].label
    assert runs[0].framework_hash == runs[1].framework_hash
    assert res.ranking(1, period=2021)[0].unit == "广东"
    assert {m.unit: m.change for m in res.ranking(1)} == {"广东": 1, "北京": -1, "上海": 0}  # 2020 to 2021
    facts = res.facts().items
    assert facts[0].text == "30519件" and facts[0].record["change"] == {"kind": "yoy", "pct": 40.1}
    assert res.entities().total >= 1
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    con.close()
    # new runs go on after the old ones
    assert Store(path).save_run(record(1.0, 2020)) == 3


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "new.duckdb"
    Store(path)
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(InnoscopeError, match="E403 .*schema version 99"):
        Results(path).runs()
    with pytest.raises(InnoscopeError, match="E403"):
        Store(path).save_run(record(1.0, 2020))


def test_a_writer_that_cannot_get_the_lock_fails_with_one_clear_error(tmp_path):
    path = tmp_path / "s.duckdb"
    store = Store(path, timeout=0.2)
    with FileLock(str(path) + ".lock"), pytest.raises(InnoscopeError, match="E404 .*waited 0.2 s"):
        store.save_run(record(1.0, 2020))


WRITER = """
import sys
import pandas as pd
sys.path.insert(0, {tests!r})
from store.test_store import record
from innoscope.store import Store
store = Store(sys.argv[1])
for i in range(3):
    store.save_run(record(float(sys.argv[2]) + i, 2020))
"""


def test_concurrent_writers_all_succeed_and_readers_see_them(tmp_path):
    path = tmp_path / "shared.duckdb"
    Store(path)
    code = WRITER.format(tests=str(Path(__file__).parents[1]))
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path), str(10 * k)]) for k in range(4)]
    seen = 0
    while any(p.poll() is None for p in procs):  # read while they write
        seen = max(seen, len(Results(path).runs()))
        time.sleep(0.05)
    assert [p.wait() for p in procs] == [0, 0, 0, 0]
    runs = Results(path).runs()
    assert len(runs) == 12 and len({r.run_id for r in runs}) == 12
    scores = sorted(Results(path).score_frame(r.run_id, unit="A")["score"].iloc[0] for r in runs)
    assert scores == sorted(10.0 * k + i for k in range(4) for i in range(3))


def test_threads_of_one_process_read_and_write_one_store_at_once(tmp_path):
    """DuckDB refuses mixed read-only and read-write connections in one process; the store makes them wait."""
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "threads.duckdb"
    Store(path)

    def write(k: int) -> int:
        return Store(path).save_run(record(float(k), 2020))

    def read(_: int) -> int:
        return len(Results(path).runs())

    with ThreadPoolExecutor(8) as pool:
        writes = [pool.submit(write, k) for k in range(6)]
        reads = [pool.submit(read, k) for k in range(30)]
        ids = [f.result() for f in writes]
        seen = [f.result() for f in reads]
    assert sorted(ids) == list(range(1, 7))
    assert all(0 <= n <= 6 for n in seen)
    scores = sorted(Results(path).score_frame(r.run_id, unit="A")["score"].iloc[0] for r in Results(path).runs())
    assert scores == [float(k) for k in range(6)]


def test_four_cli_builds_and_three_extracts_at_once_all_land(tmp_path):
    from tests.tiny import write_tiny_workspace

    root = write_tiny_workspace(tmp_path)
    docs = []
    for k in range(3):
        d = tmp_path / f"doc{k}.txt"
        d.write_text(f"全市获发明专利授权{30000 + k}件，同比增长4{k}.1%。", encoding="utf-8")
        docs.append(d)
    cli = [sys.executable, "-m", "innoscope.cli"]
    db = tmp_path / "facts.duckdb"
    procs = [subprocess.Popen([*cli, "index", "build", str(root)], stdout=subprocess.DEVNULL) for _ in range(4)]
    procs += [
        subprocess.Popen([*cli, "extract", str(d), "--store", "--db", str(db)], stdout=subprocess.DEVNULL) for d in docs
    ]
    assert [p.wait(timeout=120) for p in procs] == [0] * 7
    assert len(Results(root / "innoscope.duckdb").runs()) == 4
    docs_stored = Results(db).documents()
    assert sorted(d.facts for d in docs_stored) == [1, 1, 1] and len(docs_stored) == 3
