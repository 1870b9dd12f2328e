"""Writing index runs: inputs' checksums, settings, framework, units, observations and results.

Each run records its settings and framework as plain data (so it can be
re-executed or varied), what tells it apart from other runs (a label of the
settings that differ from the defaults, and hashes of settings, framework and
inputs), its units, the observations that went in (with their typed sources),
its scores and ranks, and what treatment and screening did.  Reading runs
back is the results layer's job (:mod:`innoscope.results`).

>>> describe_settings({"normalise": {"method": "zscore", "l": 0.0}, "weights": {"method": "pca"}})
'normalise.method=zscore; weights.method=pca'
>>> json_hash({"b": 1, "a": [1, 2]}) == json_hash({"a": [1, 2], "b": 1})
True
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from innoscope.provenance import to_dict

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

__all__ = ["RunRecord", "describe_settings", "insert_run", "json_hash", "observations_frame", "root_of"]


def root_of(framework: list[dict[str, Any]]) -> str | None:
    """The index of stored framework records: the node without a parent that is not a standalone ratio.

    >>> root_of([{"code": "ER", "parent": None, "of": ["OUT", "IN"]}, {"code": "GII", "parent": None}])
    'GII'
    """
    return next((n["code"] for n in framework if n.get("parent") is None and not n.get("of")), None)


def _empty():
    import pandas as pd

    return pd.DataFrame()


@dataclass
class RunRecord:
    """One run to store.

    ``scores`` has ``unit, node, period, score, rank``; ``units`` has ``unit``,
    ``name`` and group columns; ``observations`` has ``unit, indicator,
    period, value, imputed, file, row, column, source`` (see
    :func:`observations_frame`).
    """

    workspace: str
    name: str
    settings: dict[str, Any]
    inputs: dict[str, str]
    framework: list[dict[str, Any]]
    scores: pd.DataFrame
    treatment: pd.DataFrame = field(default_factory=_empty)
    screening: pd.DataFrame = field(default_factory=_empty)
    notes: dict[str, Any] = field(default_factory=dict)
    units: pd.DataFrame = field(default_factory=_empty)
    observations: pd.DataFrame = field(default_factory=_empty)


def json_hash(data: Any) -> str:
    """SHA-256 of the canonical JSON of ``data`` (sorted keys)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _defaults() -> dict[str, Any]:
    from innoscope.index.settings import Settings

    return Settings().model_dump(mode="json")


def _flat(d: Any, prefix: str = "") -> dict[str, Any]:
    if not isinstance(d, dict):
        return {prefix: d}
    out: dict[str, Any] = {}
    for k, v in d.items():
        out.update(_flat(v, f"{prefix}.{k}" if prefix else str(k)))
    return out


def describe_settings(settings: dict[str, Any]) -> str:
    """The settings that differ from the defaults, as ``step.field=value`` joined by ``; ``."""
    base = _flat(_defaults())
    mine = _flat(settings)
    diffs = [f"{k}={v}" for k, v in mine.items() if (k in base and base[k] != v) or k not in base]
    return "; ".join(diffs) or "defaults"


def observations_frame(panel, framework, result, settings=None) -> pd.DataFrame:
    """The observations a build used: every framework indicator (and denominator) of its units and periods.

    ``value`` is the observed value (NaN where missing), ``imputed`` the value
    imputation put in its place; ``source`` is the typed source as JSON where
    the observation carries one, else the cell is given by ``file, row, column``.
    An imputed value's source is a ``Derived`` naming the imputation method
    (from ``settings``) that filled it.
    """
    import numpy as np
    import pandas as pd

    from innoscope.provenance import Derived

    v = panel.values
    denominators = {framework.node(c).denominator for c in framework.indicators} - {None}
    used = v[v["indicator"].isin([*framework.indicators, *denominators]) & v["unit"].isin(result.units)]
    out = pd.DataFrame(
        {
            "unit": used["unit"].astype(str).to_numpy(),
            "indicator": used["indicator"].astype(str).to_numpy(),
            "period": used["period"].astype(str).to_numpy(),
            "value": used["value"].to_numpy(dtype=float),
            "file": used["file"].astype(str).to_numpy(),
            "row": pd.array(used["row"].to_numpy(), dtype="Int64"),
            "column": used["column"].astype(object).where(used["column"].notna(), None).to_numpy(),
            "measure": used["measure"].astype(str).to_numpy() if "measure" in used.columns else "raw",
            "sheet": used["sheet"].astype(object).where(used["sheet"].notna(), None).to_numpy()
            if "sheet" in used.columns
            else None,
        }
    )
    if "source" in used.columns:
        out["source"] = [None if s is None else json.dumps(to_dict(s), ensure_ascii=False) for s in used["source"]]
    else:
        out["source"] = None
    # the values imputation filled in: missing before, present after
    raw, imputed = result.stages["raw"], result.stages["imputed"]
    filled = np.isnan(raw) & ~np.isnan(imputed)
    t, u, j = np.nonzero(filled)
    extra = pd.DataFrame(
        {
            "unit": np.asarray(result.units, dtype=object)[u],
            "indicator": np.asarray(result.indicators, dtype=object)[j],
            "period": np.asarray([str(p) for p in result.periods], dtype=object)[t],
            "imputed": imputed[t, u, j],
        }
    )
    out = out.merge(extra, on=["unit", "indicator", "period"], how="outer")
    out["file"] = out["file"].fillna("")
    filled_rows = out["imputed"].notna() & out["source"].isna()
    if filled_rows.any():
        method = {c: "imputed" for c in framework.indicators}
        if settings is not None:
            for c in framework.indicators:
                spec = settings.impute.for_indicator(c)
                group = f" by {spec.group}" if getattr(spec, "group", None) else ""
                method[c] = f"imputed: {spec.method.value}{group}"
        out.loc[filled_rows, "source"] = [
            json.dumps(to_dict(Derived(method.get(c, "imputed"))), ensure_ascii=False)
            for c in out.loc[filled_rows, "indicator"]
        ]
    return out[
        ["unit", "indicator", "period", "value", "imputed", "file", "row", "column", "source", "measure", "sheet"]
    ]


def insert_run(con: duckdb.DuckDBPyConnection, run: RunRecord) -> int:
    """Insert ``run`` inside the caller's transaction; returns the new run id."""
    import pandas as pd

    rid = int(con.execute("SELECT nextval('run_ids')").fetchone()[0])  # type: ignore[index]
    now = datetime.now(UTC).replace(tzinfo=None)
    root = root_of(run.framework)
    con.execute(
        "INSERT INTO runs (run_id, created_at, workspace, name, settings, inputs, framework, notes, label, root, "
        "settings_hash, framework_hash, data_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            rid,
            now,
            run.workspace,
            run.name,
            json.dumps(run.settings),
            json.dumps(run.inputs),
            json.dumps(run.framework, default=str, ensure_ascii=False),
            json.dumps(run.notes, default=str, ensure_ascii=False),
            describe_settings(run.settings),
            root,
            json_hash(run.settings),
            json_hash(run.framework),
            json_hash(run.inputs),
        ],
    )
    scores = run.scores.assign(run_id=rid, period=run.scores["period"].astype(str))
    scores = scores[["run_id", "unit", "node", "period", "score", "rank"]].astype({"rank": "Int32"})
    con.from_df(scores).insert_into("run_scores")
    if not run.treatment.empty:
        t = run.treatment
        keys = ("period", "indicator", "action", "nwin")
        details = [json.dumps({k: v for k, v in r.items() if k not in keys}, default=str) for r in t.to_dict("records")]
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
    if not run.units.empty:
        u = run.units
        groups = [c for c in u.columns if c not in ("unit", "name")]
        frame = pd.DataFrame(
            {
                "run_id": rid,
                "unit": u["unit"].astype(str),
                "name": u["name"].astype(str) if "name" in u.columns else u["unit"].astype(str),
                "groups": [json.dumps(r, default=str, ensure_ascii=False) for r in u[groups].to_dict("records")],
            }
        )
        con.from_df(frame).insert_into("run_units")
    if not run.observations.empty:
        obs = run.observations.assign(run_id=rid)
        cols = ["run_id", "unit", "indicator", "period", "value", "imputed", "file", "row", "column", "source"]
        obs = obs.reindex(columns=[*cols, "measure", "sheet"])
        con.from_df(obs).insert_into("run_observations")
    return rid
