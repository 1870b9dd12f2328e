"""The report's charts, drawn from the results layer and attached to their sections.

overview: the ranking of every unit and the unit's rank over time (index and
dimensions); dimensions: the unit's dimension profile against the units ranked
next to it and the average; uncertainty: the rank intervals of the stored
audit; methods: the framework as a sunburst.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from innoscope.report import charts
from innoscope.report.context import display_name
from innoscope.report.model import Figure, Report
from innoscope.results import Results

__all__ = ["attach_figures", "report_figures"]

_WORDS = {
    "zh": {
        "ranking": "{period}年{index}得分",
        "ranking_np": "{period}{index}得分",
        "score": "得分",
        "rank": "排名",
        "trend": "{unit}排名变化",
        "profile": "{unit}各维度得分与相邻{noun}比较",
        "average": "平均水平",
        "intervals": "排名的不确定性（5%–95%区间）",
        "interval_labels": ("5%–95%区间", "中位数", "名义排名"),
        "sunburst": "评价指标体系",
    },
    "en": {
        "ranking": "{index}, {period}",
        "ranking_np": "{index}, {period}",
        "score": "score",
        "rank": "rank",
        "trend": "{unit}: rank over time",
        "profile": "{unit}: dimension scores against its neighbours",
        "average": "average",
        "intervals": "Rank uncertainty (5–95% interval)",
        "interval_labels": ("5–95% interval", "median", "nominal rank"),
        "sunburst": "The framework",
    },
}


def report_figures(res: Results, report: Report) -> dict[str, list[Figure]]:
    """The charts of each section of ``report`` (by section key)."""
    lang, period, rid = report.lang, report.period, report.run_id
    w = _WORDS[lang]
    info = res.run(rid)
    nodes = res.nodes(rid)
    name = {n.code: n.name(lang) for n in nodes}
    units = {u.code: display_name(u, lang) for u in res.units(rid)}
    me = units.get(report.unit, report.unit)
    root = info.root
    dims = [n.code for n in nodes if n.parent == root]
    out: dict[str, list[Figure]] = {}
    noun = "省份" if lang == "zh" else "units"

    ranking = [m for m in res.ranking(rid, root, period) if m.score is not None]
    key = "ranking" if isinstance(period, int) else "ranking_np"
    title = w[key].format(period=period, index=name[root])
    bars = charts.ranking_bars(
        [units.get(m.unit, m.unit) for m in ranking], [m.score for m in ranking], me, title, w["score"]
    )
    frame = res.score_frame(rid, unit=report.unit)
    periods = list(info.periods)
    series = {}
    for code in [root, *dims]:
        s = frame[frame["node"] == code].set_index("period")["rank"]
        series[name[code]] = [float(s[p]) if p in s.index and not pd.isna(s[p]) else None for p in periods]
    trend = charts.trend_chart(periods, series, w["trend"].format(unit=me), w["rank"], ranks=True, emphasis=name[root])
    out["overview"] = [Figure("ranking", title, bars), Figure("trend", w["trend"].format(unit=me), trend)]

    if dims:
        now = res.score_frame(rid, period=period)
        now = now[now["node"].isin(dims)]
        pos = [m.unit for m in ranking]
        i = pos.index(report.unit) if report.unit in pos else -1
        peers = [pos[j] for j in (i - 1, i + 1) if 0 <= j < len(pos)] if i >= 0 else []
        table = now.pivot(index="unit", columns="node", values="score")
        profiles = {me: [table.at[report.unit, d] if report.unit in table.index else None for d in dims]}
        for p in peers:
            profiles[units.get(p, p)] = [table.at[p, d] for d in dims]
        profiles[w["average"]] = [float(table[d].mean()) for d in dims]
        ptitle = w["profile"].format(unit=me, noun=noun)
        out["dimensions"] = [
            Figure("profile", ptitle, charts.profile_chart([name[d] for d in dims], profiles, me, ptitle, w["score"]))
        ]

    audits = [a for a in res.audits(rid, "uncertainty") if str(a.period) == str(period)]
    if audits:
        iv = sorted(res.intervals(audits[-1].audit_id), key=lambda r: (r.median_rank, r.unit))
        png = charts.rank_intervals(
            [units.get(r.unit, r.unit) for r in iv],
            [r.nominal_rank for r in iv],
            [r.q05_rank for r in iv],
            [r.q95_rank for r in iv],
            [r.median_rank for r in iv],
            me,
            w["intervals"],
            w["interval_labels"],
        )
        out["uncertainty"] = [Figure("intervals", w["intervals"], png)]

    out["methods"] = [Figure("sunburst", w["sunburst"], _sunburst(nodes, root, name, w["sunburst"]))]
    return out


def _sunburst(nodes, root: str, name: dict[str, str], title: str) -> bytes:
    kids: dict[str, list] = {}
    for n in nodes:
        if n.parent is not None:
            kids.setdefault(n.parent, []).append(n)
    rings: list[list[tuple[str, float, int]]] = []
    level = [(root, 1.0, -1)]
    while True:
        nxt = []
        for code, share, colour in level:
            children = kids.get(code, [])
            total = sum(c.weight for c in children) or len(children)
            for k, c in enumerate(children):
                w = (c.weight if total else 1.0) / total
                nxt.append((c.code, share * w, k if colour < 0 else colour))
        if not nxt:
            break
        rings.append([(name[c], s, col) for c, s, col in nxt])
        level = nxt
    return charts.framework_sunburst(rings, name[root], title)


def attach_figures(report: Report, res: Results) -> Report:
    """``report`` with its charts attached to their sections."""
    figs = report_figures(res, report)
    sections = tuple(replace(s, figures=tuple(figs.get(s.key, ()))) for s in report.sections)
    return replace(report, sections=sections)
