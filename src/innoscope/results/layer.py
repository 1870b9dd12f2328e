"""The results layer: every reader of the store (CLI, reports, workbook, API) asks here.

:class:`Results` opens the store read-only for each question (so it never
blocks a writer for long and never runs DDL) and answers with the typed values
of :mod:`innoscope.results.types`.  Lists that may be long come as a
:class:`~innoscope.results.types.Page` (``offset``/``limit``).

>>> import pandas as pd
>>> from innoscope.store import RunRecord, Store
>>> store = Store(":memory:")
>>> fw = [{"code": "I", "parent": None, "level": 2, "name_en": "Index", "name_zh": "指数", "weight": 1.0,
...        "is_indicator": False},
...       {"code": "x", "parent": "I", "level": 1, "name_en": "x", "name_zh": "", "weight": 1.0, "is_indicator": True}]
>>> scores = pd.DataFrame({"unit": ["A", "B", "A", "B"], "node": ["I"] * 4, "period": [2022, 2022, 2023, 2023],
...                        "score": [40.0, 60.0, 70.0, 50.0], "rank": [2, 1, 1, 2]})
>>> rid = store.save_run(RunRecord("ws", "demo", {}, {}, fw, scores))
>>> res = Results(store)
>>> [(m.unit, m.rank, m.change) for m in res.ranking(rid)]
[('A', 1, 1), ('B', 2, -1)]
>>> res.streak(rid, "A").length, res.records(rid, "A")[0].what
(1, 'rank')
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from innoscope.errors import E, InnoscopeError
from innoscope.provenance import FactSpan, FileRow, from_dict
from innoscope.results.analysis import (
    indicator_value,
    is_additive,
    movement_table,
    records_of,
    streak_of,
    strengths_table,
    tiers_of,
)
from innoscope.results.types import (
    AuditInfo,
    DocumentInfo,
    EntityRow,
    FactRow,
    IndicatorValue,
    Movement,
    NodeInfo,
    Observation,
    Page,
    Period,
    Provenance,
    RankInterval,
    Record,
    RunInfo,
    ScoreRow,
    SobolIndex,
    Streak,
    Strength,
    Tier,
    UnitInfo,
)
from innoscope.store.db import Database
from innoscope.store.runs import root_of

__all__ = ["Results", "period_label", "sort_periods"]


def _none(v: Any) -> Any:
    """NaN, NA and NaT as None; numpy scalars as Python values."""
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        return v
    return v.item() if hasattr(v, "item") else v


def _int(v: Any) -> int | None:
    v = _none(v)
    return None if v is None else int(v)


def period_label(p: str) -> Period:
    """A stored period back as the data spelled it: an int for a year, else the text."""
    try:
        return int(p)
    except (TypeError, ValueError):
        return p


def sort_periods(periods) -> list[Period]:
    """Periods in time order: years numerically, other labels after them as text."""
    return sorted(
        {period_label(p) if isinstance(p, str) else p for p in periods}, key=lambda p: (isinstance(p, str), p)
    )


def _choose(kind: str, value: Any, have: list, where: str) -> None:
    if value not in have:
        shown = ", ".join(map(str, have[:40])) + (" ..." if len(have) > 40 else "")
        raise InnoscopeError(E.NOT_IN_RUN, where=where, detail=f"{kind} {value!r}; the run has: {shown}")


class Results:
    """Read-only questions to a store (a path, or a :class:`~innoscope.store.Store` for in-memory use)."""

    def __init__(self, store: str | Path | Any, timeout: float | None = None) -> None:
        self.db = (
            store.db if hasattr(store, "db") else store if isinstance(store, Database) else Database(store, timeout)
        )
        if not self.db.exists:
            raise InnoscopeError(E.STORE_MISSING, where=self.db.path, detail="no store at this path")
        self._local = threading.local()  # the connection of a session(), per thread, while one is open
        # a stored run never changes: its info, framework, nodes and units are read once
        self._runs: dict[int, RunInfo] = {}
        self._frameworks: dict[int, Any] = {}
        self._nodes: dict[int, tuple[NodeInfo, ...]] = {}
        self._units: dict[int, tuple[UnitInfo, ...]] = {}

    def _repr_html_(self) -> str:
        """The stored runs as a table, for notebooks."""
        from innoscope.results.types import as_dict

        rows = [
            {
                k: v
                for k, v in as_dict(r).items()
                if k not in ("settings", "inputs", "notes", "framework_hash", "data_hash")
            }
            for r in self.runs()
        ]
        head = f"<p>innoscope store <code>{self.db.path}</code>: {len(rows)} run(s)</p>"
        return head + (pd.DataFrame(rows).to_html(index=False) if rows else "")

    @property
    def _con(self):
        return getattr(self._local, "con", None)

    @contextmanager
    def session(self) -> Iterator[Results]:
        """Answer every question inside the block on one read-only connection.

        Opening a connection costs more than most questions; a caller with many
        (a report asks dozens) holds one for the block.  Writers wait for the
        block to end, so keep it short (seconds, not minutes).  The connection
        belongs to the calling thread: other threads asking the same ``Results``
        meanwhile open their own.
        """
        if self._con is not None:
            yield self
            return
        with self.db.read() as con:
            self._local.con = con
            try:
                yield self
            finally:
                self._local.con = None

    def _frame(self, sql: str, params: list | None = None) -> pd.DataFrame:
        if self._con is not None:
            return self._con.execute(sql, params or []).df()
        with self.db.read() as con:
            return con.execute(sql, params or []).df()

    def _rows(self, sql: str, params: list | None = None) -> list[tuple]:
        if self._con is not None:
            return self._con.execute(sql, params or []).fetchall()
        with self.db.read() as con:
            return con.execute(sql, params or []).fetchall()

    # --- runs -----------------------------------------------------------------
    def runs(self, workspace: str | None = None) -> list[RunInfo]:
        """Every stored run (of ``workspace`` when given), oldest first."""
        where, params = ("WHERE r.workspace = ?", [workspace]) if workspace else ("", [])
        rows = self._frame(
            f"""SELECT r.*, count(DISTINCT s.unit) AS n_units, list(DISTINCT s.period) AS period_list
                FROM runs r LEFT JOIN run_scores s USING (run_id) {where}
                GROUP BY ALL ORDER BY r.run_id""",
            params,
        )
        return [self._run_info(r) for r in rows.to_dict("records")]

    def _run_info(self, r: dict) -> RunInfo:
        framework = json.loads(r["framework"] or "[]")
        notes = json.loads(r["notes"] or "{}")
        plist = r.get("period_list")
        periods = tuple(sort_periods([p for p in (list(plist) if plist is not None else []) if p is not None]))
        return RunInfo(
            run_id=int(r["run_id"]),
            created_at=r["created_at"],
            workspace=r["workspace"] or "",
            name=r["name"] or "",
            framework=notes.get("framework_name", ""),
            root=r.get("root") or root_of(framework) or "",
            label=r.get("label") or "",
            settings_hash=r.get("settings_hash") or "",
            framework_hash=r.get("framework_hash") or "",
            data_hash=r.get("data_hash") or "",
            units=int(r["n_units"]),
            periods=periods,
            settings=json.loads(r["settings"] or "{}"),
            inputs=json.loads(r["inputs"] or "{}"),
            notes=notes,
        )

    def run(self, run_id: int | None = None, workspace: str | None = None) -> RunInfo:
        """One run; the latest (of ``workspace``) when ``run_id`` is None.

        A stored run never changes, so each is read once per ``Results`` and kept.
        """
        if run_id is None:
            where, params = ("WHERE workspace = ?", [workspace]) if workspace else ("", [])
            latest = self._rows(f"SELECT max(run_id) FROM runs {where}", params)[0][0]
            if latest is None:
                raise InnoscopeError(E.RUN_NOT_FOUND, where=self.db.path, detail="the store holds no runs yet")
            run_id = int(latest)
        key = int(run_id)
        if key not in self._runs:
            rows = self._frame(
                """SELECT r.*, count(DISTINCT s.unit) AS n_units, list(DISTINCT s.period) AS period_list
                   FROM runs r LEFT JOIN run_scores s USING (run_id) WHERE r.run_id = ? GROUP BY ALL""",
                [key],
            )
            if rows.empty:
                stored = [str(r[0]) for r in self._rows("SELECT run_id FROM runs ORDER BY run_id")]
                raise InnoscopeError(
                    E.RUN_NOT_FOUND,
                    where=self.db.path,
                    detail=f"run {run_id}; stored: {', '.join(stored)}" if stored else "the store holds no runs yet",
                )
            self._runs[key] = self._run_info(rows.to_dict("records")[0])
        info = self._runs[key]
        if workspace is not None and info.workspace != workspace:
            raise InnoscopeError(E.RUN_NOT_FOUND, where=self.db.path, detail=f"run {run_id} of workspace {workspace}")
        return info

    def find_run(self, workspace: str, settings_hash: str, framework_hash: str, data_hash: str) -> int | None:
        """The latest run of ``workspace`` computed the same way from the same framework and inputs, if any."""
        rows = self._rows(
            "SELECT max(run_id) FROM runs WHERE workspace = ? AND settings_hash = ? AND framework_hash = ? "
            "AND data_hash = ?",
            [workspace, settings_hash, framework_hash, data_hash],
        )
        return None if rows[0][0] is None else int(rows[0][0])

    def framework(self, run_id: int | None = None):
        """The run's framework as a :class:`~innoscope.frameworks.Framework`."""
        from innoscope.frameworks import Framework

        info = self.run(run_id)
        if info.run_id not in self._frameworks:
            rows = self._rows("SELECT framework FROM runs WHERE run_id = ?", [info.run_id])
            self._frameworks[info.run_id] = Framework.from_records(json.loads(rows[0][0]), name=info.framework)
        return self._frameworks[info.run_id]

    def nodes(self, run_id: int | None = None) -> list[NodeInfo]:
        """The run's framework nodes, in framework order."""
        info = self.run(run_id)
        if info.run_id in self._nodes:
            return list(self._nodes[info.run_id])
        fw = self.framework(info.run_id)
        nodes = [
            NodeInfo(
                code=n.code,
                parent=n.parent,
                level=fw.level(n.code),
                name_en=n.name_en,
                name_zh=n.name_zh,
                weight=n.weight,
                is_indicator=not fw.children(n.code),
                direction=n.direction,
                unit=n.unit,
                notes=n.notes,
            )
            for n in fw.nodes
        ]
        self._nodes[info.run_id] = tuple(nodes)
        return nodes

    def units(self, run_id: int | None = None) -> list[UnitInfo]:
        """The run's units with their names and groups."""
        info = self.run(run_id)
        if info.run_id not in self._units:
            self._units[info.run_id] = tuple(self._read_units(info))
        return list(self._units[info.run_id])

    def _read_units(self, info: RunInfo) -> list[UnitInfo]:
        rows = self._rows("SELECT unit, name, groups FROM run_units WHERE run_id = ? ORDER BY rowid", [info.run_id])
        if rows:
            return [UnitInfo(u, n, json.loads(g or "{}")) for u, n, g in rows]
        names = info.notes.get("unit_names", {})
        codes = [
            r[0]
            for r in self._rows("SELECT DISTINCT unit FROM run_scores WHERE run_id = ? ORDER BY unit", [info.run_id])
        ]
        return [UnitInfo(c, names.get(c, c), {}) for c in codes]

    # --- scores ---------------------------------------------------------------
    def score_frame(
        self, run_id: int | None = None, node: str | None = None, unit: str | None = None, period: Period | None = None
    ) -> pd.DataFrame:
        """Scores as a table ``unit, node, period, score, rank`` (periods as the data spell them)."""
        info = self.run(run_id)
        clauses, params = ["run_id = ?"], [info.run_id]
        for col, val in (("node", node), ("unit", unit), ("period", None if period is None else str(period))):
            if val is not None:
                clauses.append(f"{col} = ?")
                params.append(val)
        t = self._frame(
            f"SELECT unit, node, period, score, rank FROM run_scores WHERE {' AND '.join(clauses)} ORDER BY rowid",
            params,
        )
        t["period"] = t["period"].map(period_label).astype(object)
        t["rank"] = t["rank"].astype("Int64")
        return t

    def _check(self, info: RunInfo, node: str | None = None, unit: str | None = None, period: Period | None = None):
        if node is not None:
            _choose("node", node, [n.code for n in self.nodes(info.run_id)], f"run {info.run_id}")
        if unit is not None:
            _choose("unit", unit, [u.code for u in self.units(info.run_id)], f"run {info.run_id}")
        if period is not None:
            _choose("period", period_label(str(period)), list(info.periods), f"run {info.run_id}")

    def scores(
        self,
        run_id: int | None = None,
        *,
        node: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> Page[ScoreRow]:
        """Scores and ranks filtered by node, unit and period, by period then node then rank."""
        info = self.run(run_id)
        self._check(info, node, unit, period)
        t = self.score_frame(info.run_id, node, unit, period)
        order = {p: i for i, p in enumerate(info.periods)}
        t = t.assign(_p=t["period"].map(order)).sort_values(["_p", "node", "rank", "unit"], na_position="last")
        total = len(t)
        t = t.iloc[offset : None if limit is None else offset + limit]
        items = tuple(
            ScoreRow(info.run_id, r.node, r.unit, r.period, _none(r.score), _int(r.rank)) for r in t.itertuples()
        )
        return Page(items, total, offset, limit)

    def _latest(self, info: RunInfo, period: Period | None) -> Period:
        if period is None:
            return info.periods[-1]
        self._check(info, period=period)
        return period_label(str(period))

    def movement(
        self,
        run_id: int | None = None,
        *,
        node: str | None = None,
        unit: str | None = None,
        period: Period | None = None,
    ) -> list[Movement]:
        """Score and rank against the period before, for every unit (or one) in ``period`` (the latest)."""
        info = self.run(run_id)
        node = node or info.root
        self._check(info, node, unit)
        period = self._latest(info, period)
        t = movement_table(self.score_frame(info.run_id, node, unit), list(info.periods))
        t = t[t["period"] == period].sort_values(["rank", "unit"], na_position="last")
        return [
            Movement(
                info.run_id,
                node,
                r.unit,
                r.period,
                _none(r.previous_period),
                _none(r.score),
                _none(r.previous_score),
                _int(r.rank),
                _int(r.previous_rank),
            )
            for r in t.itertuples()
        ]

    def ranking(
        self, run_id: int | None = None, node: str | None = None, period: Period | None = None
    ) -> list[Movement]:
        """The ranking of ``node`` (the index) in ``period`` (the latest), best first, with movement."""
        return self.movement(run_id, node=node, period=period)

    def ranking_table(
        self,
        run_id: int | None = None,
        period: Period | None = None,
        nodes: list[str] | None = None,
        top: int | None = None,
    ) -> pd.DataFrame:
        """The index ranking of ``period`` (the latest) as one table: rank, unit, name and each node's score.

        ``nodes`` are the score columns (default: the index and its first level); at
        most ``top`` rows, best first.
        """
        info = self.run(run_id)
        period = self._latest(info, period)
        framework = self.nodes(info.run_id)
        if nodes is None:
            nodes = [info.root, *[n.code for n in framework if n.parent == info.root]]
        for code in nodes:
            self._check(info, node=code)
        ranking = self.ranking(info.run_id, period=period)[:top]
        names = {u.code: u.name for u in self.units(info.run_id)}
        units = [m.unit for m in ranking]
        s = self.score_frame(info.run_id, period=period)
        wide = s[s["node"].isin(nodes)].pivot(index="unit", columns="node", values="score").reindex(units)
        table = pd.DataFrame(
            {
                "rank": pd.array([m.rank for m in ranking], dtype="Int64"),
                "unit": units,
                "name": [names.get(u, u) for u in units],
            }
        )
        for code in nodes:
            table[code] = wide[code].to_numpy(dtype=float) if code in wide.columns else float("nan")
        return table

    def movers(
        self, run_id: int | None = None, node: str | None = None, period: Period | None = None, n: int = 3
    ) -> tuple[list[Movement], list[Movement]]:
        """The ``n`` units that gained the most places and the ``n`` that lost the most."""
        moved = [m for m in self.movement(run_id, node=node, period=period) if m.change]
        up = sorted((m for m in moved if m.change > 0), key=lambda m: (-m.change, m.rank))[:n]
        down = sorted((m for m in moved if m.change < 0), key=lambda m: (m.change, m.rank))[:n]
        return up, down

    def streak(self, run_id: int | None, unit: str, node: str | None = None, period: Period | None = None) -> Streak:
        """How many periods in a row, up to ``period``, the unit has held its rank on ``node``."""
        info = self.run(run_id)
        node = node or info.root
        self._check(info, node, unit)
        period = self._latest(info, period)
        try:
            rank, length, since = streak_of(
                self.score_frame(info.run_id, node, unit), list(info.periods), unit, node, period
            )
        except KeyError as exc:
            raise InnoscopeError(E.NOT_IN_RUN, where=f"run {info.run_id}", detail=str(exc).strip("'")) from None
        return Streak(info.run_id, node, unit, period, rank, length, since)

    def records(
        self, run_id: int | None, unit: str, node: str | None = None, period: Period | None = None
    ) -> list[Record]:
        """The records (best or worst rank and score so far) the unit set in ``period``."""
        info = self.run(run_id)
        node = node or info.root
        self._check(info, node, unit)
        period = self._latest(info, period)
        found = records_of(self.score_frame(info.run_id, node, unit), list(info.periods), unit, node, period)
        return [Record(info.run_id, node, unit, period, **r) for r in found]

    def strengths(
        self,
        run_id: int | None,
        unit: str,
        period: Period | None = None,
        level: int | None = None,
        min_gap: int = 3,
    ) -> list[Strength]:
        """Nodes where the unit ranks ``min_gap`` or more places above (strength) or below its overall rank.

        ``level`` picks the framework level (default: the index's children and
        the indicators), strongest first.
        """
        info = self.run(run_id)
        self._check(info, unit=unit)
        period = self._latest(info, period)
        nodes = self.nodes(info.run_id)
        if level is None:
            chosen = [n for n in nodes if n.parent == info.root or n.is_indicator]
        else:
            chosen = [n for n in nodes if n.level == level]
        lv = {n.code: n.level for n in nodes}
        try:
            t = strengths_table(
                self.score_frame(info.run_id, unit=unit, period=period),
                [n.code for n in chosen],
                info.root,
                unit,
                period,
                min_gap,
            )
        except KeyError as exc:
            raise InnoscopeError(E.NOT_IN_RUN, where=f"run {info.run_id}", detail=str(exc).strip("'")) from None
        return [
            Strength(
                info.run_id,
                unit,
                period,
                r.node,
                lv[r.node],
                int(r.rank),
                int(r.overall_rank),
                int(r.gap),
                _none(r.score),
            )
            for r in t.itertuples()
        ]

    def tier(
        self,
        run_id: int | None,
        unit: str,
        node: str | None = None,
        period: Period | None = None,
        floor: float | None = None,
    ) -> Tier:
        """The unit's tier on ``node`` (the index) in ``period``: above the units' mean, below it, below ``floor``."""
        info = self.run(run_id)
        node = node or info.root
        self._check(info, node, unit)
        period = self._latest(info, period)
        t = tiers_of(self.score_frame(info.run_id, node, period=period), floor)
        mine = t[t["unit"] == unit]
        if mine.empty:
            raise InnoscopeError(
                E.NOT_IN_RUN, where=f"run {info.run_id}", detail=f"{unit} has no {node} score in {period}"
            )
        tier = int(mine["tier"].iloc[0])
        return Tier(
            info.run_id,
            node,
            unit,
            period,
            tier,
            float(mine["score"].iloc[0]),
            t.attrs["mean"],
            floor,
            tuple(t.loc[t["tier"] == tier, "unit"]),
            len(t),
        )

    def indicator(self, run_id: int | None, unit: str, indicator: str, period: Period | None = None) -> IndicatorValue:
        """The unit's observed value of ``indicator`` in ``period``: growth on the period before, share and rank."""
        info = self.run(run_id)
        self._check(info, indicator, unit)
        period = self._latest(info, period)
        node = next(n for n in self.nodes(info.run_id) if n.code == indicator)
        obs = self.observations(info.run_id, indicator=indicator).items
        values = pd.DataFrame(
            {"unit": [o.unit for o in obs], "period": [o.period for o in obs], "value": [o.value for o in obs]},
            columns=["unit", "period", "value"],
        ).astype({"value": float})
        r = indicator_value(values, list(info.periods), unit, period, is_additive(node.unit), node.direction)
        src = {(o.unit, o.period): o.source for o in obs}
        return IndicatorValue(
            run_id=info.run_id,
            unit=unit,
            indicator=indicator,
            period=period,
            indicator_unit=node.unit,
            source=src.get((unit, period)),
            previous_source=src.get((unit, r["previous_period"])),
            **r,
        )

    # --- audits ---------------------------------------------------------------
    def audits(self, run_id: int | None = None, kind: str | None = None) -> list[AuditInfo]:
        """Stored audits (of one run, of one kind), oldest first."""
        clauses, params = [], []
        if run_id is not None:
            clauses.append("run_id = ?")
            params.append(int(run_id))
        if kind is not None:
            clauses.append("kind = ?")
            params.append(kind)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        t = self._frame(f"SELECT * FROM audits {where} ORDER BY audit_id", params)
        return [
            AuditInfo(
                int(r["audit_id"]),
                int(r["run_id"]),
                r["kind"],
                r["created_at"],
                period_label(r["period"]),
                int(r["runs"]),
                _int(r["seed"]),
                r["engine"],
                json.loads(r["settings"] or "{}"),
                json.loads(r["notes"] or "{}"),
            )
            for r in t.to_dict("records")
        ]

    def _audit(self, audit_id: int | None, run_id: int | None, kind: str) -> AuditInfo:
        found = [a for a in self.audits(run_id, kind) if audit_id is None or a.audit_id == audit_id]
        if not found:
            what = f"audit {audit_id}" if audit_id is not None else f"{kind} audit of run {run_id}"
            raise InnoscopeError(E.AUDIT_NOT_FOUND, where=self.db.path, detail=what)
        return found[-1]

    def intervals(self, audit_id: int | None = None, run_id: int | None = None) -> list[RankInterval]:
        """Rank intervals of an uncertainty audit (the latest of ``run_id`` when no id is given)."""
        a = self._audit(audit_id, run_id, "uncertainty")
        t = self._frame("SELECT * FROM audit_intervals WHERE audit_id = ? ORDER BY rowid", [a.audit_id])
        return [
            RankInterval(
                a.audit_id,
                r["unit"],
                period_label(r["period"]),
                _int(r["nominal_rank"]),
                float(r["median_rank"]),
                float(r["mean_rank"]),
                float(r["q05_rank"]),
                float(r["q95_rank"]),
                _none(r["nominal_score"]),
                _none(r["median_score"]),
                _none(r["q05_score"]),
                _none(r["q95_score"]),
            )
            for r in t.to_dict("records")
        ]

    def sobol(self, audit_id: int | None = None, run_id: int | None = None) -> list[SobolIndex]:
        """Sobol indices of a sensitivity audit (the latest of ``run_id`` when no id is given)."""
        a = self._audit(audit_id, run_id, "sensitivity")
        t = self._frame("SELECT * FROM audit_sobol WHERE audit_id = ? ORDER BY rowid", [a.audit_id])
        return [
            SobolIndex(
                a.audit_id,
                r["target"],
                r["factor"],
                float(r["s1"]),
                _none(r["s1_low"]),
                _none(r["s1_high"]),
                float(r["st"]),
                _none(r["st_low"]),
                _none(r["st_high"]),
                bool(r["flagged"]),
            )
            for r in t.to_dict("records")
        ]

    # --- documents, facts, entities ----------------------------------------
    def documents(self) -> list[DocumentInfo]:
        """Stored documents with their fact counts, in the order they were stored."""
        t = self._frame(
            """SELECT d.*, count(f.idx) AS n_facts FROM documents d LEFT JOIN facts f USING (doc_id)
               GROUP BY ALL ORDER BY stored_at, doc_id"""
        )
        return [
            DocumentInfo(
                r["doc_id"],
                r["name"],
                r["path"],
                r["format"],
                r["lang"],
                int(r["chars"]),
                int(r["n_facts"]),
                r["stored_at"],
                json.loads(r.get("context") or "{}"),
            )
            for r in t.to_dict("records")
        ]

    def document_text(self, doc_id: str) -> str:
        """The text of a stored document, read again from the file it was stored from.

        The file's SHA-256 must still be the document's id, so the stored facts'
        spans index this text; a moved or changed file raises E811.
        """
        from innoscope.text.readers import read_document

        rows = self._rows("SELECT path FROM documents WHERE doc_id = ?", [doc_id])
        if not rows:
            raise InnoscopeError(E.NOT_FOUND, where=f"document {doc_id}", detail="no stored document has this id")
        path = rows[0][0] or ""
        if not Path(path).is_file():
            raise InnoscopeError(E.DOCUMENT_TEXT_MISSING, where=path or doc_id, detail="the file is gone")
        doc = read_document(path)
        if doc.sha256 != doc_id:
            detail = f"the file changed since it was stored (now {doc.sha256[:12]})"
            raise InnoscopeError(E.DOCUMENT_TEXT_MISSING, where=path, detail=detail)
        return doc.text

    def facts(
        self,
        *,
        doc_id: str | None = None,
        region: str | None = None,
        period: str | None = None,
        subject: str | None = None,
        status: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> Page[FactRow]:
        """Stored facts, filtered by document, region, period, words of the subject and status."""
        clauses, params = [], []
        for col, val in (("doc_id", doc_id), ("region", region), ("period", period), ("status", status)):
            if val is not None:
                clauses.append(f"{col} = ?")
                params.append(val)
        if subject:
            clauses.append("contains(subject, ?)")
            params.append(subject)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        total = self._rows(f"SELECT count(*) FROM facts {where}", params)[0][0]
        page = f" LIMIT {int(limit)}" if limit is not None else ""
        rows = self._rows(
            f'SELECT doc_id, idx, start, "end", doc, record FROM facts {where} '
            f"ORDER BY doc_id, idx{page} OFFSET {int(offset)}",
            params,
        )
        items = tuple(
            FactRow(d, int(i), json.loads(rec), FactSpan(d, int(s), int(e), doc)) for d, i, s, e, doc, rec in rows
        )
        return Page(items, int(total), offset, limit)

    def entities(
        self, *, doc_id: str | None = None, type: str | None = None, offset: int = 0, limit: int | None = None
    ) -> Page[EntityRow]:
        """Stored entity mentions, filtered by document and type."""
        clauses, params = [], []
        for col, val in (("doc_id", doc_id), ("type", type)):
            if val is not None:
                clauses.append(f"{col} = ?")
                params.append(val)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        total = self._rows(f"SELECT count(*) FROM entities {where}", params)[0][0]
        page = f" LIMIT {int(limit)}" if limit is not None else ""
        rows = self._rows(
            f'SELECT doc_id, name, type, start, "end", doc FROM entities {where} ORDER BY doc_id, start{page} '
            f"OFFSET {int(offset)}",
            params,
        )
        items = tuple(EntityRow(d, n, t, FactSpan(d, int(s), int(e), doc)) for d, n, t, s, e, doc in rows)
        return Page(items, int(total), offset, limit)

    def entity_registry(self) -> pd.DataFrame:
        """The actors across all stored documents: one row per (name, type) with its mentions."""
        return self._frame(
            """SELECT name, type, count(*) AS mentions, count(DISTINCT doc_id) AS documents,
                      string_agg(DISTINCT doc, '; ') AS docs,
                      list(doc || ':' || start ORDER BY doc, start) AS spans
               FROM entities GROUP BY name, type ORDER BY mentions DESC, name"""
        )

    # --- observations and provenance ----------------------------------------
    def observations(
        self,
        run_id: int | None = None,
        *,
        unit: str | None = None,
        indicator: str | None = None,
        period: Period | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> Page[Observation]:
        """The observations that went into a run, with their typed sources."""
        info = self.run(run_id)
        clauses, params = ["run_id = ?"], [info.run_id]
        for col, val in (("unit", unit), ("indicator", indicator), ("period", None if period is None else str(period))):
            if val is not None:
                clauses.append(f"{col} = ?")
                params.append(val)
        where = " AND ".join(clauses)
        total = self._rows(f"SELECT count(*) FROM run_observations WHERE {where}", params)[0][0]
        page = f" LIMIT {int(limit)}" if limit is not None else ""
        t = self._frame(
            f"SELECT * FROM run_observations WHERE {where} ORDER BY indicator, unit, period{page} OFFSET {int(offset)}",
            params,
        )
        checksums = info.inputs
        items = []
        for r in t.to_dict("records"):
            if r["source"]:
                src = from_dict(json.loads(r["source"]))
            else:
                sha = checksums.get(r["file"]) or next(
                    (v for k, v in checksums.items() if k.endswith("/" + (r["file"] or "?"))), None
                )
                src = FileRow(r["file"] or "", sha, _none(r.get("sheet")), _int(r["row"]) or None, _none(r["column"]))
            items.append(
                Observation(
                    info.run_id,
                    r["unit"],
                    r["indicator"],
                    period_label(r["period"]),
                    _none(r["value"]),
                    src,
                    _none(r["imputed"]),
                    _none(r.get("measure")) or "raw",
                )
            )
        return Page(tuple(items), int(total), offset, limit)

    def stages(self, run_id: int | None = None) -> pd.DataFrame:
        """The run's data as used at each step, replayed from its stored observations and settings.

        One row per unit, indicator and period with the columns ``raw``,
        ``denominated``, ``imputed``, ``screened``, ``treated`` and ``normalised``
        (NaN where a unit has no value, or was screened out).  The replay runs
        the same data steps as the build; its normalised values are checked
        against the run's stored indicator scores, and a difference (a run
        written by another version of the steps) is refused (E710).
        """
        import numpy as np

        from innoscope.index.pipeline import STAGES, prepare
        from innoscope.index.settings import parse_settings
        from innoscope.panel import Panel

        info = self.run(run_id)
        obs = self._frame(
            "SELECT unit, indicator, period, value FROM run_observations WHERE run_id = ? ORDER BY rowid", [info.run_id]
        )
        if obs.empty:
            raise InnoscopeError(
                E.NOT_IN_RUN, where=f"run {info.run_id}", detail="no stored observations (build the run again)"
            )
        units = self.units(info.run_id)
        groups = sorted({k for u in units for k in u.groups})
        meta = pd.DataFrame(
            {"unit": [u.code for u in units], "name": [u.name for u in units]}
            | {g: [u.groups.get(g) for u in units] for g in groups}
        )
        values = obs.assign(
            period=obs["period"].map(period_label).astype(object), value=obs["value"].astype(float), file="", row=0
        )
        fw = self.framework(info.run_id)
        prep = prepare(Panel(values, meta), fw, parse_settings(info.settings, where=f"run {info.run_id}"))
        t, u, j = prep.stages["raw"].shape
        out = pd.DataFrame(
            {
                "unit": np.tile(np.repeat(np.asarray(prep.units, dtype=object), j), t),
                "indicator": np.tile(np.asarray(prep.indicators, dtype=object), t * u),
                "period": np.repeat(np.asarray(prep.periods, dtype=object), u * j),
            }
        )
        for stage in STAGES:
            out[stage] = prep.stages[stage].reshape(-1)
        stored = self.score_frame(info.run_id)
        stored = stored[stored["node"].isin(prep.indicators)].rename(columns={"node": "indicator"})
        check = out.merge(stored[["unit", "indicator", "period", "score"]], on=["unit", "indicator", "period"])
        diff = (check["normalised"] - check["score"]).abs()
        scale = max(1.0, float(check["score"].abs().max() or 0))
        if len(check) and (diff.max() > 1e-9 * scale or (check["normalised"].isna() != check["score"].isna()).any()):
            raise InnoscopeError(
                E.REPLAY_MISMATCH,
                where=f"run {info.run_id}",
                detail=f"largest difference {float(diff.max()):.3g} between replayed and stored normalised values",
            )
        return out

    def provenance(self, run_id: int | None, node: str, unit: str, period: Period) -> Provenance:
        """Where one score comes from: the run, the node, its children's scores and the observations beneath."""
        info = self.run(run_id)
        self._check(info, node, unit, period)
        period = period_label(str(period))
        fw = self.framework(info.run_id)
        nodes = {n.code: n for n in self.nodes(info.run_id)}
        t = self.score_frame(info.run_id, unit=unit, period=period)
        by_node = {
            r.node: ScoreRow(info.run_id, r.node, unit, period, _none(r.score), _int(r.rank)) for r in t.itertuples()
        }
        score = by_node.get(node) or ScoreRow(info.run_id, node, unit, period, None, None)
        children = tuple(by_node[c] for c in fw.children(node) if c in by_node)
        leaves = [c for c in fw.indicators if c == node or node in _ancestors(fw, c)]
        denominators = {fw.node(c).denominator for c in leaves} - {None}
        obs = [
            o
            for o in self.observations(info.run_id, unit=unit, period=period).items
            if o.indicator in leaves or o.indicator in denominators
        ]
        return Provenance(score, nodes[node], info, children, tuple(obs))


def _ancestors(fw, code: str) -> list[str]:
    out, n = [], fw.node(code).parent
    while n is not None:
        out.append(n)
        n = fw.node(n).parent
    return out
