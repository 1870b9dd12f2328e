"""The results workbook (``innoscope export``): one .xlsx with everything a review needs, from the results layer.

Sheets: ``About`` (the run, its settings and input files with checksums),
``Framework``, ``Data`` (every observation as used: raw, imputed, treated,
normalised, with its source), ``Level N`` (scores and ranks of the nodes of each
level, per unit and period), ``Ranking`` (the index in the latest period with
the movement), ``Uncertainty`` and ``Sensitivity`` (stored audits), ``Facts``
and ``Documents``.  Headers are frozen and filterable, numbers formatted, ranks
coloured (green for the top, red for the bottom).  Written with XlsxWriter to a
temporary file and renamed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from innoscope.provenance import describe
from innoscope.results import Results, as_dict

__all__ = ["workbook_sheets", "write_workbook"]


def _rank_columns(df: pd.DataFrame) -> list[int]:
    return [i for i, c in enumerate(df.columns) if str(c) == "rank" or str(c).endswith(" rank")]


def workbook_sheets(res: Results, run_id: int | None = None) -> dict[str, pd.DataFrame]:
    """The workbook's sheets as tables, by name (see the module docstring)."""
    from innoscope.errors import InnoscopeError

    info = res.run(run_id)
    rid = info.run_id
    nodes = res.nodes(rid)
    units = {u.code: u.name for u in res.units(rid)}
    sheets: dict[str, pd.DataFrame] = {}
    about = [
        ("run", rid),
        ("name", info.name),
        ("workspace", info.workspace),
        ("created", str(info.created_at)),
        ("framework", info.framework),
        ("index", info.root),
        ("settings that differ from the defaults", info.label),
        ("settings", json.dumps(info.settings, ensure_ascii=False)),
        ("periods", ", ".join(map(str, info.periods))),
        ("units", info.units),
        ("store", res.db.path),
    ] + [(f"input: {p}", sha) for p, sha in info.inputs.items()]
    sheets["About"] = pd.DataFrame(about, columns=["item", "value"]).astype({"value": str})
    sheets["Framework"] = pd.DataFrame([as_dict(n) for n in nodes])

    obs = res.observations(rid)
    o = pd.DataFrame(
        {
            "unit": [x.unit for x in obs],
            "indicator": [x.indicator for x in obs],
            "period": [x.period for x in obs],
            "source": [describe(x.source) for x in obs],
        }
    )
    try:
        data = res.stages(rid)
        data = data.merge(o, on=["unit", "indicator", "period"], how="left") if len(o) else data
    except InnoscopeError:  # a run stored without observations, or written by other data steps
        data = pd.DataFrame(
            {
                "unit": o["unit"],
                "indicator": o["indicator"],
                "period": o["period"],
                "raw": [x.value for x in obs],
                "imputed": [x.imputed for x in obs],
                "source": o["source"],
            }
        )
    if len(data):
        data.insert(1, "name", data["unit"].map(units))
    sheets["Data"] = data

    scores = res.score_frame(rid)
    by_level: dict[int, list[str]] = {}
    for n in nodes:
        by_level.setdefault(n.level, []).append(n.code)
    for level in sorted(by_level, reverse=True):
        codes = by_level[level]
        s = scores[scores["node"].isin(codes)]
        if s.empty:
            continue
        wide = s.pivot_table(index=["unit", "period"], columns="node", values=["score", "rank"], aggfunc="first")
        cols = []
        for c in codes:
            for what in ("score", "rank"):
                if (what, c) in wide.columns:
                    cols.append((what, c))
        wide = wide[cols]
        wide.columns = [f"{c} {what}" for what, c in cols]
        wide = wide.reset_index()
        wide.insert(1, "name", wide["unit"].map(units))
        order = {p: i for i, p in enumerate(info.periods)}
        wide = wide.sort_values(["unit", "period"], key=lambda k: k.map(order) if k.name == "period" else k)
        sheets[f"Level {level}"] = wide.reset_index(drop=True)

    ranking = res.ranking(rid)
    sheets["Ranking"] = pd.DataFrame(
        [
            {
                "rank": m.rank,
                "unit": m.unit,
                "name": units.get(m.unit, m.unit),
                "score": m.score,
                "period": m.period,
                "previous rank": m.previous_rank,
                "places gained": m.change,
                "score change": m.score_change,
            }
            for m in ranking
        ]
    )
    iv, sob = [], []
    for a in res.audits(rid):
        if a.kind == "uncertainty":
            iv += [as_dict(i) | {"runs": a.runs, "seed": a.seed} for i in res.intervals(a.audit_id)]
        else:
            sob += [as_dict(s) for s in res.sobol(a.audit_id)]
    if iv:
        sheets["Uncertainty"] = pd.DataFrame(iv)
    if sob:
        sheets["Sensitivity"] = pd.DataFrame(sob)
    facts = res.facts().items
    if facts:
        rows = []
        for f in facts:
            r = f.record
            rows.append(
                {
                    "document": f.source.doc,
                    "doc_id": f.doc_id,
                    "start": f.source.start,
                    "end": f.source.end,
                    "text": r.get("text"),
                    "value": r.get("value"),
                    "unit": r.get("unit"),
                    "subject": r.get("subject"),
                    "period": r.get("period"),
                    "region": r.get("region"),
                    "change": json.dumps(r.get("change"), ensure_ascii=False) if r.get("change") else None,
                    "share": json.dumps(r.get("share"), ensure_ascii=False) if r.get("share") else None,
                    "rank": json.dumps(r.get("rank"), ensure_ascii=False) if r.get("rank") else None,
                    "sentence": r.get("sentence"),
                }
            )
        sheets["Facts"] = pd.DataFrame(rows)
        sheets["Documents"] = pd.DataFrame(
            [{k: v for k, v in as_dict(d).items() if k != "context"} for d in res.documents()]
        )
    return sheets


def _format(writer, name: str, df: pd.DataFrame) -> None:
    book, ws = writer.book, writer.sheets[name]
    header = book.add_format({"bold": True, "bg_color": "#1f4e79", "font_color": "white", "text_wrap": True})
    for i, c in enumerate(df.columns):
        ws.write(0, i, str(c), header)
    n = len(df)
    ws.freeze_panes(1, 2 if name.startswith(("Level", "Data")) else 1)
    if n:
        ws.autofilter(0, 0, n, max(0, len(df.columns) - 1))
    fmt_score = book.add_format({"num_format": "0.00"})
    fmt_int = book.add_format({"num_format": "0"})
    fmt_num = book.add_format({"num_format": "#,##0.####"})
    ranks = set(_rank_columns(df))
    for i, c in enumerate(df.columns):
        col = df[c]
        width = min(48, max(8, len(str(c)) + 2, *(len(str(v)) for v in col.head(200).tolist()))) if n else 10
        if i in ranks or str(c) in ("places gained", "previous rank", "start", "end", "run", "runs"):
            ws.set_column(i, i, max(7, min(width, 12)), fmt_int)
        elif str(c).endswith(" score") or str(c) in ("score", "score change", "normalised"):
            ws.set_column(i, i, max(9, min(width, 14)), fmt_score)
        elif pd.api.types.is_float_dtype(col):
            ws.set_column(i, i, max(10, min(width, 16)), fmt_num)
        else:
            ws.set_column(i, i, width)
    for i in ranks:
        if n:
            ws.conditional_format(
                1,
                i,
                n,
                i,
                {"type": "3_color_scale", "min_color": "#63be7b", "mid_color": "#ffeb84", "max_color": "#f8696b"},
            )


def write_workbook(results: Results | str | Path, out: str | Path, run_id: int | None = None) -> Path:
    """Write the workbook of run ``run_id`` (the latest) to ``out`` (.xlsx)."""
    from innoscope.report import check_format
    from innoscope.report.writers import atomic_path

    check_format(out, {".xlsx": "Excel"})
    res = results if isinstance(results, Results) else Results(results)
    with res.session():
        sheets = workbook_sheets(res, run_id)
    out = Path(out)
    with atomic_path(out) as tmp, pd.ExcelWriter(tmp, engine="xlsxwriter") as writer:
        for name, df in sheets.items():
            frame = df.copy()
            for c in frame.columns:  # lists, dicts and periods as text; None as empty
                if frame[c].dtype == object:
                    frame[c] = frame[c].map(_cell)
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            _format(writer, name[:31], frame)
    return out


def _cell(v: Any) -> Any:
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(v, ensure_ascii=False, default=str)
    return v
