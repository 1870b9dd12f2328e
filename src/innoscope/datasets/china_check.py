"""The China framework against the published results, and the flags that go with its scores.

《中国区域科技创新评价报告》 of year Y evaluates mostly data of year Y-2 and names a
first tier (provinces above the national level, in published order).
:func:`first_tier_agreement` sets innoscope's top six of each data year beside
the published tier: how many of the six agree (``overlap``), the Spearman
correlation between the published order and innoscope's ranks of the six
published provinces, 上海's rank in both, and how many provinces innoscope
scores above the nation (the published tier's own definition).

:func:`flags` marks what a reader must know about a score: dimensions scored
with imputed cells, dimensions below the availability threshold, units with no
composite score, and top-ten dimension places that rest on one indicator (the unit's only
indicator of the dimension at or above the provinces' median).
:func:`coverage_changes` lists the years whose data change coverage (a
series not yet or no longer published, filled for most provinces), the breaks
a chart of ranks over time should mark.  :func:`rank_intervals` runs the
workspace's uncertainty analysis for one year.

Nothing here feeds back into the framework: indicators and standard values
come from the official definitions (:mod:`innoscope.datasets.china_standards`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from innoscope.errors import E, InnoscopeError

if TYPE_CHECKING:  # pragma: no cover
    from innoscope.frameworks import Framework
    from innoscope.index.pipeline import IndexResult
    from innoscope.workspace.build import Build

__all__ = [
    "PUBLISHED_TIERS",
    "PublishedTier",
    "agreement_summary",
    "agreement_table",
    "coverage_changes",
    "first_tier_agreement",
    "flags",
    "national_scores",
    "rank_intervals",
]

SHANGHAI = "上海"


@dataclass(frozen=True)
class PublishedTier:
    """A report's published first tier: ``order`` in published order (None where only 上海's place is known)."""

    report: str
    data_year: int
    order: tuple[str, ...] | None
    shanghai: int


_TIER_2016_17 = ("北京", "上海", "天津", "广东", "江苏", "浙江")
PUBLISHED_TIERS: tuple[PublishedTier, ...] = (
    PublishedTier("2016–17", 2014, _TIER_2016_17, 2),  # the 2016-17 report's tier, against both data years
    PublishedTier("2016–17", 2015, _TIER_2016_17, 2),
    *(PublishedTier(str(y), y - 2, None, 1) for y in range(2018, 2022)),  # 上海 first, 2018-2021
    PublishedTier("2022", 2020, ("上海", "北京", "天津", "广东", "江苏", "浙江"), 1),
    PublishedTier("2023", 2021, ("上海", "北京", "广东", "天津", "江苏", "浙江"), 1),
)


def _require_china(framework: Framework) -> None:
    root = framework.root
    if root != "CRSI" or not set(framework.children(root)) >= {"ENV", "INP", "OUT", "HTI", "ECO"}:
        raise InnoscopeError(
            E.CHINA_NO_FRAMEWORK_NODE,
            where=framework.source or "framework",
            detail=f"root {root!r} with children {', '.join(framework.children(root))}",
        )


def _ranks(result: IndexResult, node: str, year: int) -> pd.Series:
    if year not in result.periods:
        raise InnoscopeError(
            E.CHINA_NO_RESULT,
            where=f"data year {year}",
            detail=f"the build covers {result.periods[0]}-{result.periods[-1]}",
        )
    return result.table(year, "rank")[node].dropna().astype(int).sort_values(kind="stable")


def agreement_table(
    result: IndexResult,
    framework: Framework,
    national: pd.Series | None = None,
    tiers: tuple[PublishedTier, ...] = PUBLISHED_TIERS,
) -> pd.DataFrame:
    """One row per published tier: innoscope's top six of its data year against it.

    Columns: ``report``, ``data_year``, ``published`` and ``innoscope`` (the
    six, space-separated, in order; ``published`` is missing where only 上海's
    place is known), ``overlap`` (of six), ``spearman`` (published order against
    innoscope's ranks of the published six), ``shanghai_published`` and
    ``shanghai`` (上海's rank).

    ``national`` (the nation's root score by year, :func:`national_scores`) adds
    ``above_national``, the number of provinces innoscope scores above it.
    """
    from scipy.stats import spearmanr

    _require_china(framework)
    root = framework.root
    rows = []
    for tier in tiers:
        ranks = _ranks(result, root, tier.data_year)
        top = list(ranks.index[:6])
        row = {
            "report": tier.report,
            "data_year": tier.data_year,
            "published": " ".join(tier.order) if tier.order else None,
            "innoscope": " ".join(top),
            "overlap": len(set(top) & set(tier.order)) if tier.order else np.nan,
            "spearman": np.nan,
            "shanghai_published": tier.shanghai,
            "shanghai": int(ranks.get(SHANGHAI, -1)),
        }
        if tier.order:
            ours = [int(ranks.get(u, len(ranks) + 1)) for u in tier.order]
            row["spearman"] = float(spearmanr(np.arange(1, len(ours) + 1), ours).statistic)
        if national is not None and tier.data_year in national.index:
            scores = result.table(tier.data_year)[root].dropna()
            row["above_national"] = int((scores > national[tier.data_year]).sum())
        rows.append(row)
    out = pd.DataFrame(rows)
    if "above_national" in out.columns:
        out["above_national"] = out["above_national"].astype("Int64")
    out["overlap"] = out["overlap"].astype("Int64")
    return out


def agreement_summary(table: pd.DataFrame) -> str:
    """One line per published tier, as the framework's notes and the README record the agreement.

    >>> t = pd.DataFrame([{"report": "2023", "data_year": 2021, "published": "上海 北京", "overlap": 6,
    ...                    "spearman": 0.6, "shanghai_published": 1, "shanghai": 2}])
    >>> agreement_summary(t)
    'report 2023 (data 2021): 6 of 6, Spearman 0.60, 上海 2nd (published 1st)'
    """
    lines = []
    for r in table.itertuples(index=False):
        head = f"report {r.report} (data {r.data_year}): "
        body = f"{r.overlap} of 6, Spearman {r.spearman:.2f}, " if isinstance(r.published, str) else ""
        lines.append(f"{head}{body}上海 {_ordinal(r.shanghai)} (published {_ordinal(r.shanghai_published)})")
    return "\n".join(lines)


def _ordinal(n: int) -> str:
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n if n < 20 else n % 10, 'th') }"


def national_scores(build: Build) -> pd.Series:
    """The nation's (全国) root score per year, on the build's framework and settings."""
    from innoscope.datasets.cache import parsed
    from innoscope.datasets.china import load_gdp, load_population, load_yearbook
    from innoscope.datasets.china_indicators import NATIONAL, national_values
    from innoscope.index.pipeline import build_index
    from innoscope.panel import Panel

    d = build.workspace.data_dir
    yearbook = parsed("china-yearbook", ("china-sti-yearbook",), d, lambda: load_yearbook(d))[0]
    gdp = parsed("china-gdp", ("china-gdp",), d, lambda: load_gdp(d))
    population = parsed("china-population", ("china-population",), d, lambda: load_population(d))
    nat = national_values(yearbook, gdp, population, build.result.periods)
    long = nat.rename_axis("indicator").reset_index().melt(id_vars="indicator", var_name="period")
    values = long.assign(unit=NATIONAL, file="national_values", row=0, column=None).astype({"period": object})
    columns = ["unit", "indicator", "period", "value", "file", "row", "column"]
    panel = Panel(values[columns], pd.DataFrame({"unit": [NATIONAL], "name": ["National"]}))
    return _root_by_year(build_index(panel, build.framework, build.workspace.settings), build.framework.root)


def _root_by_year(res: IndexResult, root: str) -> pd.Series:
    s = res.scores[res.scores["node"] == root]
    return pd.Series(s["score"].to_numpy(float), index=s["period"].astype(int).to_numpy(), name=root)


def first_tier_agreement(build: Build, tiers: tuple[PublishedTier, ...] = PUBLISHED_TIERS) -> pd.DataFrame:
    """:func:`agreement_table` for a finished workspace build of the China framework, with the national level."""
    _require_china(build.framework)
    return agreement_table(build.result, build.framework, national_scores(build), tiers)


def flags(result: IndexResult, framework: Framework, top: int = 10) -> pd.DataFrame:
    """What a reader must know about each score: one row per unit, period, node and flag.

    Flags: ``imputed`` (a dimension used filled cells; ``detail`` names the
    indicators), ``below_threshold`` (a dimension with too few indicators to be
    scored), ``no_score`` (no composite score that year), ``one_indicator``
    (a unit in a dimension's top ``top`` whose only indicator at or above the
    units' median is one: its place rests on that indicator; ``detail`` names
    it and the dimension score without it).
    """
    units, periods, inds = result.units, result.periods, result.indicators
    raw, filled = result.stages["denominated"], result.stages["imputed"]
    scores = result.scores.set_index(["node", "period", "unit"])["score"]
    col = {c: i for i, c in enumerate(inds)}
    rows: list[dict] = []
    for dim in framework.children(framework.root):
        kids = [k for k in framework.children(dim) if k in col]
        j = [col[k] for k in kids]
        w = np.array([result.weights.get(k, 1.0) for k in kids])
        for t, period in enumerate(periods):
            gap = np.isnan(raw[t][:, j]) & ~np.isnan(filled[t][:, j])
            N = result.stages["normalised"][t][:, j]
            dim_score = np.array([scores.get((dim, period, u), np.nan) for u in units])
            for i, u in enumerate(units):
                if gap[i].any():
                    names = ", ".join(k for k, g in zip(kids, gap[i], strict=True) if g)
                    rows.append({"unit": u, "period": period, "node": dim, "flag": "imputed", "detail": names})
                if np.isnan(dim_score[i]) and not np.isnan(N[i]).all():
                    share = f"{(~np.isnan(N[i])).sum()} of {len(kids)} indicators"
                    rows.append({"unit": u, "period": period, "node": dim, "flag": "below_threshold", "detail": share})
            rows += _one_indicator(units, period, dim, kids, N, w, dim_score, top)
    root = result.scores[result.scores["node"] == framework.root]
    for period in periods:
        have = set(root.loc[(root["period"] == period) & root["score"].notna(), "unit"])
        rows += [
            {
                "unit": u,
                "period": period,
                "node": framework.root,
                "flag": "no_score",
                "detail": "a dimension is missing",
            }
            for u in units
            if u not in have
        ]
    return pd.DataFrame(rows, columns=["unit", "period", "node", "flag", "detail"])


def _one_indicator(units, period, dim, kids, N, w, dim_score, top) -> list[dict]:
    """Top-``top`` units whose only indicator at or above the units' median is one (their place rests on it)."""
    if len(kids) < 2:
        return []
    ok = ~np.isnan(dim_score)
    order = np.argsort(-np.where(ok, dim_score, -np.inf), kind="stable")
    with np.errstate(invalid="ignore"):
        strong = np.nanmedian(N, axis=0)[None, :] <= N  # (u, k)
    out = []
    for i in (i for i in order[:top] if ok[i]):
        if strong[i].sum() != 1:
            continue
        best = int(np.flatnonzero(strong[i])[0])
        keep = ~np.isnan(N[i])
        keep[best] = False
        without = float(np.sum(N[i][keep] * w[keep]) / np.sum(w[keep])) if keep.any() else 0.0
        out.append(
            {
                "unit": units[i],
                "period": period,
                "node": dim,
                "flag": "one_indicator",
                "detail": f"{kids[best]} alone at or above the median (without it {without:.1f})",
            }
        )
    return out


def coverage_changes(result: IndexResult, share: float = 0.5) -> pd.DataFrame:
    """Years in which an indicator is filled for at least ``share`` of the units: the breaks to mark.

    ``how`` is ``carried back`` (before the series starts), ``carried forward``
    (after it ends) or ``interpolated`` (a year missing inside it).
    """
    raw, filled = result.stages["denominated"], result.stages["imputed"]
    gap = np.isnan(raw) & ~np.isnan(filled)  # (t, u, k)
    observed = (~np.isnan(raw)).any(axis=1)  # (t, k)
    rows = []
    for t, period in enumerate(result.periods):
        for k, code in enumerate(result.indicators):
            frac = float(gap[t, :, k].mean())
            if frac >= share:
                before, after = observed[:t, k].any(), observed[t + 1 :, k].any()
                how = "interpolated" if before and after else "carried back" if after else "carried forward"
                rows.append({"period": period, "indicator": code, "filled_share": frac, "how": how})
    return pd.DataFrame(rows, columns=["period", "indicator", "filled_share", "how"])


def rank_intervals(build: Build, period: int, runs: int = 1000, seed: int = 1) -> pd.DataFrame:
    """Each unit's nominal, median, 5th and 95th percentile rank in ``period`` under the workspace's uncertainty.

    The runs vary what the workspace's ``uncertainty:`` block declares (for
    examples/china: the standard-value rule, the imputation and the weights);
    the same ``seed`` gives the same table.
    """
    from innoscope.audit.engine import Problem
    from innoscope.audit.space import parse_space, sample
    from innoscope.audit.uncertainty import run_uncertainty

    ws, fw = build.workspace, build.framework
    space = parse_space(ws.uncertainty, ws.settings, fw)
    design = sample(space, fw, runs=runs, seed=seed)
    return run_uncertainty(Problem(build.panel, fw, ws.settings, space, period), design).summary
