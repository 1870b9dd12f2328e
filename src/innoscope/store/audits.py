"""Writing audits of a run: uncertainty intervals and Sobol indices.

>>> import pandas as pd
>>> from innoscope.store import Store
>>> store = Store(":memory:")
>>> rec = AuditRecord(run_id=1, kind="uncertainty", period=2022, runs=100, seed=1, engine="local",
...     intervals=pd.DataFrame({"unit": ["A"], "nominal_rank": [1], "median_rank": [1.0], "mean_rank": [1.2],
...                             "q05_rank": [1.0], "q95_rank": [2.0], "nominal_score": [61.0]}))
>>> store.save_audit(rec)
1
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

__all__ = ["AuditRecord", "insert_audit"]

_INTERVALS = (
    "unit",
    "nominal_rank",
    "median_rank",
    "mean_rank",
    "q05_rank",
    "q95_rank",
    "nominal_score",
    "median_score",
    "q05_score",
    "q95_score",
)
_SOBOL = ("target", "factor", "s1", "s1_low", "s1_high", "st", "st_low", "st_high", "flagged")


def _empty():
    import pandas as pd

    return pd.DataFrame()


@dataclass
class AuditRecord:
    """One audit to store.

    ``intervals`` has one row per unit (columns as in
    :class:`~innoscope.results.RankInterval`; score columns may be absent when
    the runs do not share a scale); ``sobol`` one row per target and factor.
    """

    run_id: int
    kind: Literal["uncertainty", "sensitivity"]
    period: Any
    runs: int
    seed: int | None
    engine: str
    settings: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, Any] = field(default_factory=dict)
    intervals: pd.DataFrame = field(default_factory=_empty)
    sobol: pd.DataFrame = field(default_factory=_empty)


def insert_audit(con: duckdb.DuckDBPyConnection, audit: AuditRecord) -> int:
    """Insert ``audit`` inside the caller's transaction; returns the new audit id."""
    import pandas as pd

    aid = int(con.execute("SELECT nextval('audit_ids')").fetchone()[0])  # type: ignore[index]
    con.execute(
        "INSERT INTO audits VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            aid,
            audit.run_id,
            audit.kind,
            datetime.now(UTC).replace(tzinfo=None),
            str(audit.period),
            audit.runs,
            audit.seed,
            audit.engine,
            json.dumps(audit.settings, default=str, ensure_ascii=False),
            json.dumps(audit.notes, default=str, ensure_ascii=False),
        ],
    )
    if not audit.intervals.empty:
        t = audit.intervals.reindex(columns=list(_INTERVALS))
        t.insert(0, "audit_id", aid)
        t.insert(2, "period", str(audit.period))
        t["nominal_rank"] = t["nominal_rank"].astype("Int32")
        con.from_df(t).insert_into("audit_intervals")
    if not audit.sobol.empty:
        t = audit.sobol.reindex(columns=list(_SOBOL))
        t["flagged"] = t["flagged"].fillna(False).astype(bool)
        t.insert(0, "audit_id", aid)
        con.from_df(pd.DataFrame(t)).insert_into("audit_sobol")
    return aid
