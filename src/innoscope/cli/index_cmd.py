"""`innoscope index ...`: build, list and show composite-index runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.table import Table

from innoscope.cli.common import out, pick_period, print_frame, user_errors
from innoscope.errors import E, InnoscopeError
from innoscope.index.aggregate import Agg
from innoscope.index.impute import Imp
from innoscope.index.normalise import Norm
from innoscope.index.settings import WeightMethod
from innoscope.panel.writers import write_table
from innoscope.workspace import WORKSPACE_FILE, build_workspace, load_workspace

index_app = typer.Typer(help="Build, list and show composite-index runs.", no_args_is_help=True)


DataDir = Annotated[
    Path | None, typer.Option("--data-dir", help="Data directory (default $INNOSCOPE_DATA or ~/.cache/innoscope/data).")
]


def _overrides(**opts: Any) -> dict[str, dict[str, Any]]:
    """Map CLI options onto settings fields; options left unset change nothing."""
    table = {
        "normalise": {
            "normalise": "method",
            "l": "l",
            "u": "u",
            "mean": "mean",
            "sd": "sd",
            "across_periods": "across_periods",
        },
        "aggregate": {"aggregate": "method", "p": "p", "agg_threshold": "threshold"},
        "weights": {"weights": "method"},
        "impute": {"impute": "method", "impute_group": "group"},
        "treat": {"winmax": "winmax", "treat": "enabled"},
        "screen": {"screen": "threshold"},
        "denominate": {"denominate": "enabled"},
    }
    result: dict[str, dict[str, Any]] = {}
    for step, fields in table.items():
        for opt, name in fields.items():
            value = opts.get(opt)
            if value is not None:
                result.setdefault(step, {})[name] = value.value if hasattr(value, "value") else value
    return result


def _ranking_table(scores: pd.DataFrame, framework: list[dict], names: dict[str, str], period: Any, top: int) -> Table:
    root = next(n["code"] for n in framework if n["parent"] is None and not n.get("of"))
    kids = [n["code"] for n in framework if n["parent"] == root]
    s = scores[scores["period"] == period]
    wide = s.pivot(index="unit", columns="node", values="score")
    ranks = s[s["node"] == root].set_index("unit")["rank"]
    order = ranks.sort_values(kind="stable").index[:top]
    t = Table(title=f"{root} — period {period} (top {min(top, len(ranks))} of {len(ranks)})")
    t.add_column("Rank", justify="right")
    t.add_column("Unit")
    t.add_column("Name")
    for c in [root, *kids]:
        t.add_column(c, justify="right")
    for u in order:
        row = [str(ranks[u]), u, names.get(u, u)]
        row += ["" if pd.isna(wide.at[u, c]) else f"{wide.at[u, c]:.2f}" for c in [root, *kids]]
        t.add_row(*row)
    return t


@index_app.command("build")
@user_errors
def index_build(
    workspace: Annotated[Path, typer.Argument(help="Workspace folder (with innoscope.yaml) or the file itself.")],
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write unit, node, period, score, rank to .csv or .parquet.")
    ] = None,
    data_dir: DataDir = None,
    store: Annotated[
        Path | None, typer.Option(help="DuckDB file to record the run in (default: the workspace's).")
    ] = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not record the run.")] = False,
    normalise: Annotated[Norm | None, typer.Option(help="Normalisation method.")] = None,
    l: Annotated[float | None, typer.Option("--l", help="minmax: lower bound.")] = None,  # noqa: E741
    u: Annotated[float | None, typer.Option("--u", help="minmax: upper bound.")] = None,
    mean: Annotated[float | None, typer.Option(help="zscore: target mean.")] = None,
    sd: Annotated[float | None, typer.Option(help="zscore: target standard deviation.")] = None,
    across_periods: Annotated[
        bool | None, typer.Option("--across-periods/--per-period", help="Normalise all periods together.")
    ] = None,
    aggregate: Annotated[Agg | None, typer.Option(help="Aggregation method at every level.")] = None,
    p: Annotated[float | None, typer.Option("--p", help="genmean: exponent.")] = None,
    agg_threshold: Annotated[
        float | None, typer.Option(help="Minimum share of children with data to aggregate.")
    ] = None,
    weights: Annotated[
        WeightMethod | None, typer.Option(help="Weights: given, equal, pca (squared loadings) or pca_loadings (COINr).")
    ] = None,
    impute: Annotated[Imp | None, typer.Option(help="Imputation method.")] = None,
    impute_group: Annotated[str | None, typer.Option(help="Unit-group column for group_mean/group_median.")] = None,
    winmax: Annotated[int | None, typer.Option(help="Outlier treatment: most points to winsorise.")] = None,
    treat: Annotated[bool | None, typer.Option("--treat/--no-treat", help="Outlier treatment on or off.")] = None,
    screen: Annotated[float | None, typer.Option(help="Drop units with less than this share of data (0-1).")] = None,
    denominate: Annotated[
        bool | None, typer.Option("--denominate/--no-denominate", help="Divide by denominators.")
    ] = None,
    period: Annotated[str | None, typer.Option(help="Period to print (default: the last).")] = None,
    top: Annotated[int, typer.Option(help="Rows to print.")] = 10,
) -> None:
    """Build the index of a workspace, print the ranking and record the run."""
    ws = load_workspace(workspace, data_dir)
    overrides = _overrides(
        normalise=normalise,
        l=l,
        u=u,
        mean=mean,
        sd=sd,
        across_periods=across_periods,
        aggregate=aggregate,
        p=p,
        agg_threshold=agg_threshold,
        weights=weights,
        impute=impute,
        impute_group=impute_group,
        winmax=winmax,
        treat=treat,
        screen=screen,
        denominate=denominate,
    )
    b = build_workspace(ws, overrides, store=False if no_store else (store or True))
    res = b.result
    shown = pick_period(res.periods, period)
    names = dict(zip(b.panel.units["unit"], b.panel.units["name"], strict=True))
    out.print(_ranking_table(res.scores, b.framework.to_records(), names, shown, top))
    dropped = res.screening[~res.screening["kept"]]
    if len(dropped):
        out.print(
            f"screened out: {', '.join(f'{r.unit} ({r.period}, {r.availability:.0%})' for r in dropped.itertuples())}"
        )
    treated = res.treatment[res.treatment["action"] != "none"] if len(res.treatment) else res.treatment
    if len(treated):
        counts = treated["action"].value_counts().to_dict()
        out.print("outlier treatment: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    if res.unused:
        out.print(f"columns not used by the framework: {', '.join(res.unused)}")
    if out_file is not None:
        write_table(res.scores, out_file)
        out.print(f"wrote {len(res.scores)} rows to {out_file}")
    if b.run_id is not None:
        where = store or ws.store_path
        out.print(f"recorded as run {b.run_id} in {where}")


def _store_path(target: Path) -> Path:
    if target.suffix == ".duckdb":
        if not target.is_file():
            raise InnoscopeError(E.STORE_MISSING, where=str(target), detail="no store at this path")
        return target
    if (target / WORKSPACE_FILE).is_file() or target.name == WORKSPACE_FILE:
        ws = load_workspace(target, require_inputs=False)
        if not ws.store_path.is_file():
            raise InnoscopeError(
                E.RUN_NOT_FOUND,
                where=str(ws.store_path),
                detail="no run recorded yet; run `innoscope index build` first",
            )
        return ws.store_path
    raise InnoscopeError(E.FILE_MISSING, where=str(target), detail="expected a workspace folder or a .duckdb store")


@index_app.command("runs")
@user_errors
def index_runs(target: Annotated[Path, typer.Argument(help="Workspace folder or .duckdb store.")] = Path(".")) -> None:
    """List the runs recorded in a store, with what tells them apart."""
    from innoscope.results import Results

    runs = Results(_store_path(target)).runs()
    table = pd.DataFrame(
        {
            "run": [r.run_id for r in runs],
            "created (UTC)": [f"{r.created_at:%Y-%m-%d %H:%M:%S}" for r in runs],
            "name": [r.name for r in runs],
            "settings": [r.label for r in runs],
            "settings hash": [r.settings_hash[:8] for r in runs],
            "framework hash": [r.framework_hash[:8] for r in runs],
            "data hash": [r.data_hash[:8] for r in runs],
            "units": [r.units for r in runs],
            "periods": [_span(r.periods) for r in runs],
        }
    )
    print_frame(table, f"runs in {target}")


def _span(periods: tuple) -> str:
    if not periods:
        return ""
    return str(periods[0]) if len(periods) == 1 else f"{periods[0]}–{periods[-1]} ({len(periods)})"


@index_app.command("show")
@user_errors
def index_show(
    target: Annotated[Path, typer.Argument(help="Workspace folder or .duckdb store.")] = Path("."),
    run: Annotated[int | None, typer.Option(help="Run id (default: the latest).")] = None,
    period: Annotated[str | None, typer.Option(help="Period to print (default: the last).")] = None,
    top: Annotated[int, typer.Option(help="Rows to print.")] = 10,
    out_file: Annotated[Path | None, typer.Option("--out", help="Write the run's scores to .csv or .parquet.")] = None,
) -> None:
    """Print a stored run: its settings and ranking."""
    from innoscope.results import Results

    res = Results(_store_path(target))
    info = res.run(run)
    out.print(f"run {info.run_id} · {info.name} · {info.created_at:%Y-%m-%d %H:%M:%S} UTC", highlight=False)
    out.print(f"  differs from the defaults in: {info.label}", highlight=False)
    out.print(
        f"  settings {info.settings_hash[:12]} · framework {info.framework_hash[:12]} · data {info.data_hash[:12]}",
        highlight=False,
    )
    for step, fields in info.settings.items():
        shown = {k: v for k, v in fields.items() if v not in ({}, None)}
        out.print(f"  {step}: {shown}", highlight=False)
    for path, digest in info.inputs.items():
        out.print(f"  input {path} sha256 {digest[:16]}…", highlight=False)
    scores = res.score_frame(info.run_id)
    names = {u.code: u.name for u in res.units(info.run_id)}
    framework = [{"code": n.code, "parent": n.parent} for n in res.nodes(info.run_id)]
    out.print(_ranking_table(scores, framework, names, pick_period(list(info.periods), period), top))
    if out_file is not None:
        write_table(scores, out_file)
        out.print(f"wrote {len(scores)} rows to {out_file}")


@index_app.command("check")
@user_errors
def index_check(
    workspace: Annotated[Path, typer.Argument(help="Workspace of the China framework, e.g. examples/china.")],
    data_dir: DataDir = None,
    show_flags: Annotated[bool, typer.Option("--flags", help="Also list the flags of every top-ten place.")] = False,
) -> None:
    """Set the workspace's ranking beside the published results (China's regional evaluation)."""
    from innoscope.datasets.china_check import first_tier_agreement, flags

    build = build_workspace(load_workspace(workspace, data_dir=data_dir), store=False)
    table = first_tier_agreement(build)
    shown = table.assign(**{c: table[c].fillna("—").str.replace(" ", "") for c in ("published", "innoscope")})
    print_frame(shown, "top six against the published first tier (data year = report year - 2)")
    f = flags(build.result, build.framework)
    counts = f.groupby("flag").size()
    out.print("flags: " + ", ".join(f"{k} {v}" for k, v in counts.items()), highlight=False)
    if show_flags:
        print_frame(f[f["flag"] != "imputed"], "flags other than imputed cells")
