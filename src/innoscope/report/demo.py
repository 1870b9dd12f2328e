"""The end-to-end evaluation: the README's main job, through the same workspace path as every user.

Builds the China workspace (``examples/china``, or any workspace named) with
:func:`~innoscope.workspace.build_workspace` — by the workspace's own method and,
for comparison, by min-max — records both runs in ``OUT/innoscope.duckdb``, audits
the ranks of the latest period when the workspace declares ``uncertainty:`` (a
short seeded audit, stored), and writes from the results layer: rankings per
period with the movement, every node's scores, each unit's strongest and weakest
dimension, the observations as used and what is missing, two charts, a one-page
summary, the report of one unit (``report.zh.html``, ``.pdf``, ``.docx``) and the
workbook (``results.xlsx``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from innoscope.errors import E, InnoscopeError
from innoscope.results import Results

__all__ = ["AUDIT_RUNS", "CHINA_WORKSPACE", "DEMO_STEPS", "DemoResult", "coverage", "rankings", "run_demo", "strengths"]

CHINA_WORKSPACE = Path(__file__).resolve().parents[3] / "examples" / "china"
DEMO_STEPS = 6  # the stages run_demo reports (downloads come on top, when a source is missing)
AUDIT_RUNS = 200  # the demo's uncertainty audit: enough for 5-95 % rank intervals, seconds to run
AUDIT_SEED = 1
REPORT_UNIT = "上海"
COMPARE = {"normalise": {"method": "minmax"}}  # the second build, beside the workspace's own method
MANIFEST = ".innoscope-demo.json"  # what the folder was made from, and each file's SHA-256


@dataclass(frozen=True)
class DemoResult:
    out_dir: Path
    files: list[Path]
    rankings: pd.DataFrame
    strengths: pd.DataFrame
    cleaning: list[str]
    coverage: pd.DataFrame
    run_id: int
    unit: str
    computed: bool = True  # False: the folder was up to date and nothing was computed again


def rankings(res: Results, run_id: int, compare: int | None = None) -> pd.DataFrame:
    """The index ranking of every period with the movement (``change`` > 0: moved up); ``compare``'s rank beside it."""
    names = {u.code: u.name for u in res.units(run_id)}
    from innoscope.report.context import display_name

    english = {u.code: display_name(u, "en") for u in res.units(run_id)}
    rows = []
    for p in res.run(run_id).periods:
        other = {m.unit: m for m in res.ranking(compare, period=p)} if compare is not None else {}
        for m in res.ranking(run_id, period=p):
            o = other.get(m.unit)
            rows.append(
                {
                    "year": m.period,
                    "rank": m.rank,
                    "province": m.unit,
                    "name": names.get(m.unit, m.unit),
                    "name_en": english.get(m.unit, m.unit),
                    "score": m.score,
                    "change": m.change,
                    "rank_compare": None if o is None else o.rank,
                    "score_compare": None if o is None else o.score,
                }
            )
    out = pd.DataFrame(rows)
    out["rank"] = out["rank"].astype("Int64")
    out["change"] = out["change"].astype("Float64")
    out["rank_compare"] = out["rank_compare"].astype("Int64")
    return out


def strengths(res: Results, run_id: int, period) -> pd.DataFrame:
    """Each unit's strongest and weakest dimension in ``period`` (its best and worst rank among the dimensions)."""
    info = res.run(run_id)
    dims = {n.code: n for n in res.nodes(run_id) if n.parent == info.root}
    level = next(iter(dims.values())).level
    rows = []
    for u in res.units(run_id):
        s = [x for x in res.strengths(run_id, u.code, period, level=level, min_gap=0) if x.node in dims]
        if not s:
            continue
        best, worst = s[0], s[-1]
        rows.append(
            {
                "province": u.code,
                "strongest": dims[best.node].name("zh"),
                "strongest_rank": best.rank,
                "weakest": dims[worst.node].name("zh"),
                "weakest_rank": worst.rank,
                "strongest_score": best.score,
            }
        )
    return pd.DataFrame(rows)


def coverage(res: Results, run_id: int) -> pd.DataFrame:
    """Per indicator and unit: the periods the framework needs but the data lack (imputed or not)."""
    indicators = {n.code for n in res.nodes(run_id) if n.is_indicator}
    obs = [o for o in res.observations(run_id) if o.value is None and o.indicator in indicators]
    t = pd.DataFrame(
        {"indicator": [o.indicator for o in obs], "province": [o.unit for o in obs], "period": [o.period for o in obs]},
        columns=["indicator", "province", "period"],
    )
    out = (
        t.groupby(["indicator", "province"])["period"]
        .apply(lambda s: ",".join(map(str, sorted(s))))
        .rename("missing_years")
        .reset_index()
    )
    out["n_missing"] = out["missing_years"].str.count(",") + 1 if len(out) else pd.Series(dtype=int)
    return out


def _audit(build, store: Path, step: Callable[[str], None]) -> int | None:
    """A short seeded uncertainty audit of the latest period, recorded against the build's run; None without one.

    The audit and its recording are the ones ``innoscope audit uncertainty`` uses; the workspace's store is
    the demo's.
    """
    from dataclasses import replace

    ws = build.workspace
    if not ws.uncertainty or build.run_id is None:
        return None
    from innoscope.audit.engine import Problem
    from innoscope.audit.space import parse_space, sample
    from innoscope.audit.uncertainty import run_uncertainty
    from innoscope.workspace.audit import record_uncertainty

    step(f"auditing the ranks ({AUDIT_RUNS} seeded runs)")
    space = parse_space(ws.uncertainty, ws.settings, build.framework)
    period = build.result.periods[-1]
    plan = sample(space, build.framework, AUDIT_RUNS, AUDIT_SEED)
    result = run_uncertainty(Problem(build.panel, build.framework, ws.settings, space, period), plan)
    (audit_id,) = record_uncertainty(
        replace(ws, store_path=store), {period: result}, seed=AUDIT_SEED, engine="local", space=ws.uncertainty
    )
    return audit_id


def _checks(build, out: Path) -> tuple[dict, list[Path]]:
    """For the China framework: innoscope's top six against the published first tiers, the flags on the
    scores, and the years whose data coverage changes; written beside the ranking. Empty for other frameworks.
    """
    from innoscope.datasets import china_check
    from innoscope.panel.writers import write_table

    try:
        validation = china_check.first_tier_agreement(build)
    except InnoscopeError as exc:
        if exc.kind is E.CHINA_NO_FRAMEWORK_NODE:
            return {}, []
        raise
    flags = china_check.flags(build.result, build.framework)
    breaks = china_check.coverage_changes(build.result)
    files = [
        write_table(validation, out / "validation.csv"),
        write_table(flags, out / "flags.csv"),
        write_table(breaks, out / "coverage_breaks.csv"),
    ]
    counts = flags["flag"].value_counts().to_dict() if len(flags) else {}
    return {
        "validation": validation.to_dict("records"),
        "validation_summary": china_check.agreement_summary(validation),
        "flag_counts": counts,
        "breaks": sorted(set(breaks["period"])),
    }, files


def run_demo(
    out_dir: str | Path,
    data_dir: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
    workspace: str | Path | None = None,
    unit: str = REPORT_UNIT,
    force: bool = False,
) -> DemoResult:
    """Build, record, audit and write the results folder (see the module docstring).

    When the folder already holds everything this would make — its store has runs of
    the same settings, framework and inputs and the audit, and every file is as the
    last run wrote it with the same innoscope code and templates — nothing is
    computed again (``force`` redoes it all).
    """
    from innoscope.datasets.panels import SOURCES_OF
    from innoscope.datasets.registry import ensure, status
    from innoscope.panel.writers import write_table
    from innoscope.report import build_report, charts
    from innoscope.report.summary import write_summary
    from innoscope.report.workbook import write_workbook
    from innoscope.report.writers import write
    from innoscope.workspace import build_workspace, load_workspace

    step = progress or (lambda _msg: None)
    root = Path(workspace) if workspace is not None else CHINA_WORKSPACE
    if not (root / "innoscope.yaml").is_file() and not root.is_file():
        raise InnoscopeError(E.FILE_MISSING, where=str(root), detail="the demo's workspace; name one with --workspace")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ws = load_workspace(root, data_dir, require_inputs=False)
    for name in SOURCES_OF.get(ws.data.dataset or "", ()):
        if status(name, data_dir) != "present":
            step(f"downloading {name} from its upstream address")
            ensure(name, data_dir)
    ws = load_workspace(root, data_dir)
    store = out / "innoscope.duckdb"
    state = None if force else _state(ws, store, unit)
    if state is not None and (done := _up_to_date(out, state)) is not None:
        step("the results folder is up to date (inputs, settings and code unchanged; --force redoes it)")
        return done
    step("building the index for every period (min-max, for comparison)")
    compare = build_workspace(ws, COMPARE, store=store)
    step(f"building the index for every period ({ws.settings.normalise.method.value})")
    main = build_workspace(ws, store=store)
    audit = _audit(main, store, step)
    if audit is None:
        step("no uncertainty block: no audit")
    checks, check_files = _checks(main, out)
    res = Results(store)
    with res.session():  # one read connection for everything written below
        rid = main.run_id
        info = res.run(rid)
        latest = info.periods[-1]
        step("writing tables and charts")
        ranks = rankings(res, rid, compare.run_id)
        strong = strengths(res, rid, latest)
        gaps = coverage(res, rid)
        files = [
            write_table(ranks, out / "rankings.csv"),
            write_table(
                res.score_frame(rid).rename(columns={"unit": "province", "period": "year"}),
                out / "scores_all_nodes.csv",
            ),
            write_table(strong, out / f"strengths_{latest}.csv"),
            write_table(
                res.observations(rid).frame().assign(source=lambda d: d["source"].map(str)), out / "indicators.csv"
            ),
            write_table(gaps, out / "missing_data.csv"),
            *check_files,
        ]
        top = ranks[ranks["year"] == latest].head(10)
        periods = list(info.periods)
        series = {
            r.name_en: [
                next(
                    (
                        float(x.rank)
                        for x in ranks[(ranks["province"] == r.province) & (ranks["year"] == p)].itertuples()
                        if pd.notna(x.rank)
                    ),
                    None,
                )
                for p in periods
            ]
            for r in top.itertuples()
        }
        files.append(
            charts.save(
                charts.trend_chart(
                    periods,
                    series,
                    f"Ranks over time of the top 10 in {latest}",
                    "rank",
                    ranks=True,
                    breaks=checks.get("breaks", ()),
                ),
                out / "ranks_over_time.png",
            )
        )
        now = ranks[ranks["year"] == latest]
        files.append(
            charts.save(
                charts.ranking_bars(list(now["name_en"]), list(now["score"]), None, f"Index scores, {latest}", "score"),
                out / f"scores_{latest}.png",
            )
        )
        cleaning = list(info.notes.get("cleaning", []))
        files.extend(write_summary(out, res, rid, ranks, strong, cleaning, checks))
        from innoscope.report.context import resolve_unit

        try:
            who = resolve_unit(res.units(rid), unit, f"run {rid}").code
        except InnoscopeError:
            who = ranks[ranks["year"] == latest].iloc[0]["province"]
        step(f"writing the report of {who}")
        report = build_report(res, unit=who, run_id=rid, lang="zh", figures=True)
        for ext in ("html", "pdf", "docx"):
            files.append(write(report, out / f"report.zh.{ext}"))
        step("writing the workbook")
        files.append(write_workbook(res, out / "results.xlsx", rid))
    state = _state(ws, store, unit)
    if state is not None:
        _write_manifest(out, state, files, who, latest)
    return DemoResult(out, files, ranks, strong, cleaning, gaps, rid, who)


def _state(ws, store: Path, unit: str) -> dict | None:
    """What a results folder is made from, when its store already holds all of it; None when it does not.

    The runs (the latest of the workspace with today's settings, framework and
    inputs), the audit of the main run (same seed, runs and uncertain inputs), the
    digest of innoscope's code and templates, and the unit of the report.
    """
    from innoscope.datasets.cache import parser_version
    from innoscope.workspace.build import find_run

    compare, main = find_run(ws, COMPARE, store), find_run(ws, None, store)
    if compare is None or main is None:
        return None
    audit = None
    if ws.uncertainty:
        declared = json.loads(json.dumps(ws.uncertainty, default=str))  # as the store keeps it
        same = [
            a.audit_id
            for a in Results(store).audits(main, "uncertainty")
            if (a.seed, a.runs, a.settings) == (AUDIT_SEED, AUDIT_RUNS, declared)
        ]
        if not same:
            return None
        audit = same[-1]
    return {"runs": [compare, main], "audit": audit, "code": parser_version(), "unit": unit}


def _write_manifest(out: Path, state: dict, files: list[Path], who: str, latest) -> None:
    from innoscope.datasets.registry import sha256_file
    from innoscope.report.writers import atomic_path

    body = {
        "state": state,
        "unit": who,
        "latest": latest,
        "files": {p.name: sha256_file(p) for p in files},
    }
    with atomic_path(out / MANIFEST) as tmp:
        tmp.write_text(json.dumps(body, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def _up_to_date(out: Path, state: dict) -> DemoResult | None:
    """The folder's results, read back, when its manifest says they were made from ``state`` and no file changed."""
    from innoscope.datasets.registry import sha256_file

    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("state") != state:
        return None
    files = [out / name for name in manifest["files"]]
    if not all(p.is_file() and sha256_file(p) == manifest["files"][p.name] for p in files):
        return None
    main = state["runs"][1]
    latest = manifest["latest"]
    ranks = pd.read_csv(out / "rankings.csv", dtype={"rank": "Int64", "rank_compare": "Int64", "change": "Float64"})
    strong = pd.read_csv(out / f"strengths_{latest}.csv")
    gaps = pd.read_csv(out / "missing_data.csv", dtype={"missing_years": str})
    cleaning = list(Results(out / "innoscope.duckdb").run(main).notes.get("cleaning", []))
    return DemoResult(out, files, ranks, strong, cleaning, gaps, main, manifest["unit"], computed=False)
