"""The end-to-end evaluation of China's 31 provinces: the README's main job.

Loads the S&T yearbook tables and GDP from the data directory (checksums
verified), computes the shipped China framework's indicators for 2011-2023,
builds the index for every year by the standard-value method (and by min-max,
for comparison), and writes a results folder: rankings per year with the
year-on-year movement, each province's strongest and weakest dimensions,
charts, and a one-page summary (HTML and Markdown).  Every build is recorded
in the folder's DuckDB store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from innoscope.datasets.china import load_gdp, load_yearbook
from innoscope.datasets.china_indicators import china_panel
from innoscope.datasets.registry import ensure, status
from innoscope.frameworks import Framework, shipped
from innoscope.geo.places import ENGLISH
from innoscope.index.pipeline import IndexResult, build_index
from innoscope.index.settings import parse_settings
from innoscope.panel.writers import write_table
from innoscope.report.charts import bar_latest, rank_lines
from innoscope.report.summary import write_summary
from innoscope.store import RunRecord, Store

__all__ = ["DEMO_STEPS", "DemoResult", "coverage", "rankings", "run_demo", "strengths"]

DEMO_STEPS = 6  # the stages run_demo reports (downloads come on top, when a source is missing)

ENGLISH_NAME = {zh: en for en, zh in ENGLISH.items() if len(zh) <= 3 and en not in ("Xizang", "Macau")}
METHODS = {
    "standard": {"treat": {"enabled": False}, "normalise": {"method": "standard"}},
    "minmax": {"treat": {"enabled": False}, "normalise": {"method": "minmax"}},
}


@dataclass(frozen=True)
class DemoResult:
    out_dir: Path
    files: list[Path]
    rankings: pd.DataFrame
    strengths: pd.DataFrame
    cleaning: list[str]
    coverage: pd.DataFrame


def coverage(panel, framework: Framework) -> pd.DataFrame:
    """Per indicator and province: the years the framework needs but the data lack."""
    v = panel.values
    missing = v[v["value"].isna() & v["indicator"].isin(framework.indicators)]
    out = (
        missing.groupby(["indicator", "unit"])["period"]
        .apply(lambda s: ",".join(map(str, sorted(s))))
        .rename("missing_years")
        .reset_index()
        .rename(columns={"unit": "province"})
    )
    out["n_missing"] = out["missing_years"].str.count(",") + 1
    return out


def rankings(result: IndexResult, framework: Framework) -> pd.DataFrame:
    """Root score and rank of every province and year, with the movement against the year before.

    ``change`` is positive when a province moved up (its rank number fell).
    """
    s = result.scores[result.scores["node"] == framework.root][["unit", "period", "score", "rank"]]
    s = s.rename(columns={"unit": "province", "period": "year"}).sort_values(["province", "year"])
    s["change"] = -(s["rank"].astype(float) - s.groupby("province")["rank"].shift(1).astype(float))
    s["name_en"] = s["province"].map(ENGLISH_NAME)
    return s.sort_values(["year", "rank"]).reset_index(drop=True)[
        ["year", "rank", "province", "name_en", "score", "change"]
    ]


def strengths(result: IndexResult, framework: Framework, year: int) -> pd.DataFrame:
    """Each province's strongest and weakest dimension in ``year``: its best and worst rank among provinces."""
    dims = list(framework.children(framework.root))
    ranks = result.table(year, "rank")[dims].astype(float)
    scores = result.table(year)[dims]
    zh = {d: framework.node(d).name_zh or d for d in dims}
    out = pd.DataFrame(
        {
            "province": ranks.index,
            "strongest": [zh[d] for d in ranks.idxmin(axis=1)],
            "strongest_rank": ranks.min(axis=1).astype(int).to_numpy(),
            "weakest": [zh[d] for d in ranks.idxmax(axis=1)],
            "weakest_rank": ranks.max(axis=1).astype(int).to_numpy(),
        }
    )
    out["strongest_score"] = [scores.at[p, d] for p, d in zip(ranks.index, ranks.idxmin(axis=1), strict=True)]
    return out


def run_demo(
    out_dir: str | Path, data_dir: str | Path | None = None, progress: Callable[[str], None] | None = None
) -> DemoResult:
    """Run the whole evaluation and write the results folder."""
    step = progress or (lambda _msg: None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("china-sti-yearbook", "china-gdp"):
        if status(name, data_dir) != "present":
            step(f"downloading {name} from its upstream address")
            ensure(name, data_dir)
    step("loading the S&T yearbook tables")
    yearbook, report = load_yearbook(data_dir)
    step("loading gross regional product")
    gdp = load_gdp(data_dir)
    step("computing the indicators")
    fw = shipped("china_regional_sti")
    panel = china_panel(yearbook, gdp)
    files: list[Path] = []
    results: dict[str, IndexResult] = {}
    with Store(out / "innoscope.duckdb") as store:
        for method, settings in METHODS.items():
            step(f"building the index for every year ({method})")
            s = parse_settings(settings)
            results[method] = build_index(panel, fw, s)
            store.save_run(
                RunRecord(
                    workspace="innoscope demo",
                    name=f"{fw.name} — {method}",
                    settings=s.model_dump(mode="json"),
                    inputs={"china-sti-yearbook": "verified", "china-gdp": "verified"},
                    framework=fw.to_records(),
                    scores=results[method].scores,
                    screening=results[method].screening,
                    notes={
                        "unit_names": dict(zip(panel.units["unit"], panel.units["name"], strict=True)),
                        "cleaning": report.lines(),
                    },
                )
            )
    step("writing tables, charts and the summary")
    main = results["standard"]
    ranks = rankings(main, fw)
    latest = int(ranks["year"].max())
    strong = strengths(main, fw, latest)
    compare = rankings(results["minmax"], fw).rename(columns={"rank": "rank_minmax", "score": "score_minmax"})
    ranks = ranks.merge(compare[["year", "province", "rank_minmax", "score_minmax"]], on=["year", "province"])
    files.append(write_table(ranks, out / "rankings.csv"))
    files.append(
        write_table(main.scores.rename(columns={"unit": "province", "period": "year"}), out / "scores_all_nodes.csv")
    )
    files.append(write_table(strong, out / f"strengths_{latest}.csv"))
    files.append(write_table(panel.values, out / "indicators.csv"))
    gaps = coverage(panel, fw)
    files.append(write_table(gaps, out / "missing_data.csv"))
    files.append(rank_lines(ranks, out / "ranks_over_time.png", top=10))
    files.append(bar_latest(ranks[ranks["year"] == latest], out / f"scores_{latest}.png"))
    files.extend(write_summary(out, fw, ranks, strong, latest, report.lines()))
    return DemoResult(out, files, ranks, strong, report.lines(), gaps)
