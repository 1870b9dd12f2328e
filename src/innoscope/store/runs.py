"""The run store: every index build, with its inputs, settings and results, in DuckDB.

One small interface over a DuckDB file (``":memory:"`` for tests).  Each run
records the checksums of its input files, its settings and framework as
plain data (so it can be re-executed or varied), its scores and ranks, and
what treatment and screening did.

>>> import pandas as pd
>>> store = RunStore(":memory:")
>>> scores = pd.DataFrame({"unit": ["A"], "node": ["Index"], "period": [2020], "score": [50.0], "rank": [1]})
>>> run = RunRecord(workspace="ws", name="demo", settings={"a": 1}, inputs={}, framework=[], scores=scores)
>>> rid = store.save_run(run)
>>> store.load_run(rid).scores.to_dict("records")
[{'unit': 'A', 'node': 'Index', 'period': 2020, 'score': 50.0, 'rank': 1}]
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from innoscope.errors import E, InnoscopeError
from innoscope.store.db import DuckStore

__all__ = ["RunRecord", "RunStore"]

SCHEMA_VERSION = 1

_SCHEMA = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    "CREATE SEQUENCE IF NOT EXISTS run_ids START 1",
    """CREATE TABLE IF NOT EXISTS runs (
        run_id INTEGER PRIMARY KEY, created_at TIMESTAMP, workspace VARCHAR, name VARCHAR,
        settings JSON, inputs JSON, framework JSON, notes JSON)""",
    """CREATE TABLE IF NOT EXISTS run_scores (
        run_id INTEGER, unit VARCHAR, node VARCHAR, period VARCHAR, score DOUBLE, rank INTEGER)""",
    """CREATE TABLE IF NOT EXISTS run_treatment (
        run_id INTEGER, period VARCHAR, indicator VARCHAR, action VARCHAR, nwin INTEGER, details JSON)""",
    """CREATE TABLE IF NOT EXISTS run_screening (
        run_id INTEGER, unit VARCHAR, period VARCHAR, availability DOUBLE, kept BOOLEAN)""",
]


@dataclass
class RunRecord:
    """One stored run; ``run_id`` and ``created_at`` are set by the store."""

    workspace: str
    name: str
    settings: dict[str, Any]
    inputs: dict[str, str]
    framework: list[dict[str, Any]]
    scores: pd.DataFrame
    treatment: pd.DataFrame = field(default_factory=pd.DataFrame)
    screening: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: dict[str, Any] = field(default_factory=dict)
    run_id: int | None = None
    created_at: datetime | None = None


def _period_back(col: pd.Series) -> pd.Series:
    as_int = pd.to_numeric(col, errors="coerce")
    if as_int.notna().all():
        return as_int.astype("int64").astype(object)
    return col.astype(object)


class RunStore(DuckStore):
    """DuckDB-backed store of index runs."""

    SCHEMA = _SCHEMA

    def __init__(self, path: str | Path = ":memory:") -> None:
        super().__init__(path)
        self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def save_run(self, run: RunRecord) -> int:
        """Store ``run`` and return its id."""
        con = self.con
        rid = int(con.execute("SELECT nextval('run_ids')").fetchone()[0])  # type: ignore[index]
        now = datetime.now(UTC).replace(tzinfo=None)
        with self.transaction():
            con.execute(
                "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    rid,
                    now,
                    run.workspace,
                    run.name,
                    json.dumps(run.settings),
                    json.dumps(run.inputs),
                    json.dumps(run.framework, default=str),
                    json.dumps(run.notes, default=str),
                ],
            )
            scores = run.scores.assign(run_id=rid, period=run.scores["period"].astype(str))
            scores = scores[["run_id", "unit", "node", "period", "score", "rank"]].astype({"rank": "Int32"})
            con.from_df(scores).insert_into("run_scores")
            if not run.treatment.empty:
                t = run.treatment
                details = [
                    json.dumps(
                        {k: v for k, v in r.items() if k not in ("period", "indicator", "action", "nwin")}, default=str
                    )
                    for r in t.to_dict("records")
                ]
                treated = pd.DataFrame(
                    {
                        "run_id": rid,
                        "period": t["period"].astype(str),
                        "indicator": t["indicator"],
                        "action": t["action"],
                        "nwin": t["nwin"].astype("Int64"),
                        "details": details,
                    }
                )
                con.from_df(treated).insert_into("run_treatment")
            if not run.screening.empty:
                screened = run.screening.assign(run_id=rid, period=run.screening["period"].astype(str))
                con.from_df(screened[["run_id", "unit", "period", "availability", "kept"]]).insert_into("run_screening")
        return rid

    def list_runs(self) -> pd.DataFrame:
        """One row per run: id, time, workspace, name and size."""
        return self.con.execute(
            """SELECT r.run_id, r.created_at, r.workspace, r.name,
                      count(DISTINCT s.unit) AS units, count(DISTINCT s.period) AS periods
               FROM runs r LEFT JOIN run_scores s USING (run_id)
               GROUP BY ALL ORDER BY r.run_id"""
        ).df()

    def latest_run_id(self) -> int:
        rid = self.con.execute("SELECT max(run_id) FROM runs").fetchone()[0]  # type: ignore[index]
        if rid is None:
            raise InnoscopeError(E.RUN_NOT_FOUND, where=self.path, detail="the store holds no runs yet")
        return int(rid)

    def load_run(self, run_id: int | None = None) -> RunRecord:
        """Reload a run (the latest when ``run_id`` is None)."""
        rid = self.latest_run_id() if run_id is None else int(run_id)
        row = self.con.execute("SELECT * FROM runs WHERE run_id = ?", [rid]).fetchone()
        if row is None:
            raise InnoscopeError(E.RUN_NOT_FOUND, where=self.path, detail=f"run {rid}")
        _, created, workspace, name, settings, inputs, framework, notes = row
        scores = self.con.execute(
            "SELECT unit, node, period, score, rank FROM run_scores WHERE run_id = ? ORDER BY rowid", [rid]
        ).df()
        scores["period"] = _period_back(scores["period"])
        scores["rank"] = scores["rank"].astype("Int64")
        treatment = self.con.execute("SELECT * EXCLUDE (run_id) FROM run_treatment WHERE run_id = ?", [rid]).df()
        screening = self.con.execute("SELECT * EXCLUDE (run_id) FROM run_screening WHERE run_id = ?", [rid]).df()
        return RunRecord(
            workspace=workspace,
            name=name,
            settings=json.loads(settings),
            inputs=json.loads(inputs),
            framework=json.loads(framework),
            scores=scores,
            treatment=treatment,
            screening=screening,
            notes=json.loads(notes),
            run_id=rid,
            created_at=created,
        )
