"""`innoscope index ...`: build, list and show composite-index runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from innoscope.cli.common import out, pick_period, print_frame, settings_with_options, user_errors
from innoscope.errors import E, InnoscopeError
from innoscope.index.methods import Agg, Imp, Norm, WeightMethod

index_app = typer.Typer(help="Build, list and show composite-index runs.", no_args_is_help=True)


DataDir = Annotated[
    Path | None, typer.Option("--data-dir", help="Data directory (default $INNOSCOPE_DATA or ~/.cache/innoscope/data).")
]


OPTION_FIELDS = {  # step -> option parameter -> settings field
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
# the option (as typed) that sets each (step, field), for errors that name it
OPTION_NAMES = {
    (step, field): f"--{opt.replace('_', '-')}"
    for step, fields in OPTION_FIELDS.items()
    for opt, field in fields.items()
}


def _overrides(**opts: Any) -> dict[str, dict[str, Any]]:
    """Map CLI options onto settings fields; options left unset change nothing."""
    result: dict[str, dict[str, Any]] = {}
    for step, fields in OPTION_FIELDS.items():
        for opt, name in fields.items():
            value = opts.get(opt)
            if value is not None:
                result.setdefault(step, {})[name] = value.value if hasattr(value, "value") else value
    return result


FIRST_LEVEL_MAX = 12


def pick_nodes(framework: list[dict], wanted: str | None) -> list[str]:
    """The nodes to print: the index and its first level by default; ``all``, ``level:N`` or codes.

    A first level of more than ``FIRST_LEVEL_MAX`` nodes is left out by default.

    >>> fw = [{"code": "I", "parent": None, "level": 3}, {"code": "A", "parent": "I", "level": 2},
    ...       {"code": "x", "parent": "A", "level": 1}]
    >>> pick_nodes(fw, None), pick_nodes(fw, "level:1"), pick_nodes(fw, "x,I")
    (['I', 'A'], ['x'], ['x', 'I'])
    """
    codes = [n["code"] for n in framework]
    root = next(n["code"] for n in framework if n["parent"] is None and not n.get("of"))
    if wanted is None:
        first = [n["code"] for n in framework if n["parent"] == root]
        return [root, *first] if len(first) <= FIRST_LEVEL_MAX else [root]
    if wanted.strip() == "all":
        return codes
    if wanted.startswith("level:"):
        try:
            level = int(wanted.removeprefix("level:"))
        except ValueError:
            raise InnoscopeError(
                E.BAD_OPTION, where="--nodes", detail=f"{wanted!r}: level:N needs a number"
            ) from None
        picked = [n["code"] for n in framework if n.get("level") == level]
        if not picked:
            levels = sorted({n.get("level") for n in framework if n.get("level") is not None})
            raise InnoscopeError(E.NODE_NOT_IN_RESULT, where="--nodes", detail=f"no level {level}; levels: {levels}")
        return picked
    picked = [c.strip() for c in wanted.split(",") if c.strip()]
    unknown = [c for c in picked if c not in codes]
    if unknown or not picked:
        raise InnoscopeError(
            E.NODE_NOT_IN_RESULT, where="--nodes", detail=f"{', '.join(unknown) or repr(wanted)} (root {root})"
        )
    return picked


def _print_ranking(res, run_id: int, period: Any, top: int, nodes: str | None) -> None:
    """Print the index ranking of ``period`` from the results layer, with the nodes asked for."""
    framework = res.framework(run_id).to_records()
    picked = pick_nodes(framework, nodes)
    table = res.ranking_table(run_id, period=period, nodes=picked, top=top)
    total = len(res.ranking(run_id, period=period))
    root = res.run(run_id).root
    print_frame(table, f"{root} — period {period} (top {min(top, total)} of {total})", keys=2, decimals=2)
    if nodes is None and len(picked) == 1:
        n = sum(1 for x in framework if x["parent"] == picked[0])
        out.print(
            f"the index has {n} nodes at its first level: --nodes level:N or --nodes CODE,CODE to see some",
            highlight=False,
        )


NodesOption = Annotated[
    str | None,
    typer.Option(
        help="Nodes to print: codes (comma-separated), level:N or all (default: the index and its first level)."
    ),
]


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
    nodes: NodesOption = None,
) -> None:
    """Build the index of a workspace, print the ranking and record the run."""
    from innoscope.panel.writers import write_table
    from innoscope.workspace import build_workspace, load_workspace

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
    from innoscope.results import Results
    from innoscope.store import Store

    settings_with_options(ws.settings, overrides, OPTION_NAMES)  # a bad value names its option, before any work
    kept = Store(":memory:") if no_store else None  # a build nobody keeps is read back all the same
    b = build_workspace(ws, overrides, store=kept if no_store else (store or True))
    res = b.result
    shown = pick_period(res.periods, period)
    _print_ranking(Results(kept or (store or ws.store_path)), b.run_id, shown, top, nodes)
    dropped = res.screening[~res.screening["kept"]]
    if len(dropped):
        out.print(
            f"screened out: {', '.join(f'{r.unit} ({r.period}, {r.availability:.0%})' for r in dropped.itertuples())}"
        )
    treated = res.treatment[res.treatment["action"] != "none"] if len(res.treatment) else res.treatment
    if len(treated):
        counts = treated["action"].value_counts().to_dict()
        out.print("outlier treatment: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    published = [c for c in res.unused if c in b.framework]
    unused = [c for c in res.unused if c not in b.framework]
    if published:
        out.print(
            f"the data also hold values of {len(published)} of the framework's aggregates "
            f"(see how the build agrees with them: innoscope index compare {workspace})",
            highlight=False,
        )
    if unused:
        shown_codes = ", ".join(unused[:12]) + (f" … ({len(unused)} in all)" if len(unused) > 12 else "")
        out.print(f"columns not used by the framework: {shown_codes}", highlight=False)
    if out_file is not None:
        write_table(res.scores, out_file)
        out.print(f"wrote {len(res.scores)} rows to {out_file}")
    if not no_store:
        where = store or ws.store_path
        out.print(f"recorded as run {b.run_id} in {where}")


def _store_path(target: Path) -> Path:
    from innoscope.workspace import WORKSPACE_FILE, load_workspace

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
    import pandas as pd

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
    nodes: NodesOption = None,
    out_file: Annotated[Path | None, typer.Option("--out", help="Write the run's scores to .csv or .parquet.")] = None,
) -> None:
    """Print a stored run: its settings and ranking."""
    from innoscope.panel.writers import write_table
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
    _print_ranking(res, info.run_id, pick_period(list(info.periods), period), top, nodes)
    if out_file is not None:
        scores = res.score_frame(info.run_id)
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
    from innoscope.workspace import build_workspace, load_workspace

    build = build_workspace(load_workspace(workspace, data_dir=data_dir), store=False)
    table = first_tier_agreement(build)
    shown = table.assign(**{c: table[c].fillna("—").str.replace(" ", "") for c in ("published", "innoscope")})
    print_frame(shown, "top six against the published first tier (data year = report year - 2)")
    f = flags(build.result, build.framework)
    counts = f.groupby("flag").size()
    out.print("flags: " + ", ".join(f"{k} {v}" for k, v in counts.items()), highlight=False)
    if show_flags:
        print_frame(f[f["flag"] != "imputed"], "flags other than imputed cells")


@index_app.command("compare")
@user_errors
def index_compare(
    workspace: Annotated[Path, typer.Argument(help="Workspace folder (with innoscope.yaml) or the file itself.")],
    measure: Annotated[
        str | None,
        typer.Option(
            help="The data's measure to compare with (default: score where the data hold it, else the one read)."
        ),
    ] = None,
    rank_measure: Annotated[
        str, typer.Option("--rank-measure", help="The data's measure of published ranks.")
    ] = "rank",
    tolerance: Annotated[float, typer.Option(help="Differences up to this count as agreeing.")] = 0.1,
    period: Annotated[str | None, typer.Option(help="Compare one period (default: every period).")] = None,
    out_file: Annotated[Path | None, typer.Option("--out", help="Agreement per node, .csv or .parquet.")] = None,
    pairs_file: Annotated[
        Path | None, typer.Option("--pairs", help="Every unit's built and reference score and rank.")
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Compare a build with the values the data publish for the same nodes: scores, ranks, per level."""
    import pandas as pd

    from innoscope.index.compare import pairs, reference_frame, summarise
    from innoscope.index.pipeline import build_index
    from innoscope.panel.measures import check_measure_name
    from innoscope.panel.writers import write_table
    from innoscope.workspace import load_workspace

    check_measure_name(rank_measure, "--rank-measure")
    if not tolerance >= 0:
        raise InnoscopeError(E.BAD_OPTION, where="--tolerance", detail=f"{tolerance}; must be >= 0")
    ws = load_workspace(workspace, data_dir)
    fw = ws.load_framework()
    source = ws.read_panel(fw)
    panel = ws.load_panel(fw)
    res = build_index(panel, fw, ws.settings)
    held = source.measures
    if measure is None:
        measure = "score" if "score" in held else (ws.data.measure or held[0])
    check_measure_name(measure, "--measure")
    if measure not in held:
        raise InnoscopeError(
            E.MEASURE_ABSENT, where="--measure", detail=f"{measure!r}; the data hold {', '.join(held)}"
        )
    # an indicator read from the reference measure itself would only be compared with its own input
    read = panel.values.drop_duplicates("indicator").set_index("indicator")["measure"].astype(str)
    codes = [n.code for n in fw.nodes if not (n.code in fw.indicators and read.get(n.code) == measure)]
    ref = reference_frame(source.values, codes, measure, rank_measure if rank_measure in held else None)
    built = res.scores
    if period is not None:
        when = pick_period(res.periods, period)
        built, ref = built[built["period"] == when], ref[ref["period"] == when]
    p = pairs(built, ref)
    if p.empty:
        raise InnoscopeError(
            E.MEASURE_ABSENT,
            where=f"--measure {measure}",
            detail="the data hold no such values of the framework's nodes",
        )
    levels = {n.code: fw.level(n.code) for n in fw.nodes}
    p["level"] = p["node"].map(levels)
    by_level = summarise(p, ["level"], tolerance).sort_values("level", ascending=False)
    nodes_at = p.groupby("level")["node"].nunique()
    table = pd.DataFrame(
        {
            "level": by_level["level"],
            "nodes": by_level["level"].map(nodes_at).to_numpy(),
            "pairs": by_level["n"],
            "max |Δ|": by_level["max_abs_diff"],
            "mean |Δ|": by_level["mean_abs_diff"],
            f"≤ {tolerance:g}": by_level["within"],
        }
    )
    ranked = int(by_level["ranked"].sum()) > 0
    if ranked:
        for name, eq, of in (
            ("untied =", "untied_equal", "untied"),
            ("apart =", "clear_equal", "clear"),
        ):
            table[name] = by_level[eq].astype(str) + "/" + by_level[of].astype(str)
    periods = sorted(pd.unique(p["period"]), key=str)
    span = str(periods[0]) if len(periods) == 1 else f"{periods[0]}–{periods[-1]}"
    print_frame(table, f"{ws.name}: built vs {measure} ({span})", keys=1, decimals=3)
    if ranked:
        out.print(
            f"ranks as published: among the untied (no other unit has the same published score) and among "
            f"those apart (the published score more than {tolerance:g} from every other)",
            highlight=False,
        )
    if out_file is not None:
        per_node = summarise(p, ["node", "level"], tolerance)
        per_node.insert(1, "name", [fw.node(c).name for c in per_node["node"]])
        write_table(per_node, out_file)
        out.print(f"wrote {len(per_node)} nodes to {out_file}")
    if pairs_file is not None:
        write_table(p, pairs_file)
        out.print(f"wrote {len(p)} pairs to {pairs_file}")
