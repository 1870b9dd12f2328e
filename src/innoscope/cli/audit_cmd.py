"""`innoscope audit ...`: statistics, correlations, reliability, uncertainty and sensitivity."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from innoscope.audit.executor import Engine
from innoscope.cli.common import out, pick_period, print_frame, progress_bar, user_errors
from innoscope.errors import E, InnoscopeError

if TYPE_CHECKING:
    import pandas as pd

show = functools.partial(print_frame, limit=20)  # audit tables: the first 20 rows

audit_app = typer.Typer(
    help="Audit an index: statistics, correlations, uncertainty, sensitivity.", no_args_is_help=True
)

DataDir = Annotated[Path | None, typer.Option("--data-dir", help="Data directory (default $INNOSCOPE_DATA).")]


@audit_app.command("stats")
@user_errors
def audit_stats(
    workspace: Annotated[Path, typer.Argument(help="Workspace folder.")],
    out_dir: Annotated[Path | None, typer.Option("--out", help="Folder for the CSV tables.")] = None,
    dataset: Annotated[
        str, typer.Option(help="Data set for the indicator statistics: raw, treated or normalised.")
    ] = "raw",
    period: Annotated[str | None, typer.Option(help="Period (default: the last).")] = None,
    data_dir: DataDir = None,
) -> None:
    """Indicator statistics, correlations with parents, Cronbach's alpha, PCA and removal rank shifts."""
    import pandas as pd

    from innoscope.audit.correlation import corr_matrix, with_family, with_parents
    from innoscope.audit.reliability import cronbach_table, pca_table
    from innoscope.audit.removal import removal_shifts
    from innoscope.audit.stats import indicator_stats, require_units
    from innoscope.index.pipeline import build_index, prepare
    from innoscope.panel.writers import write_table
    from innoscope.workspace import load_workspace

    if dataset not in ("raw", "denominated", "imputed", "treated", "normalised"):
        raise InnoscopeError(E.BAD_OPTION, where="--dataset", detail=f"{dataset!r}")
    ws = load_workspace(workspace, data_dir)
    fw = ws.load_framework()
    panel = ws.load_panel(fw)
    res = build_index(panel, fw, ws.settings)
    when = pick_period(res.periods, period)
    scores = res.table(when)
    require_units(scores[fw.root], when)
    stats = indicator_stats(res.stage(dataset, when))
    parents = with_parents(scores, fw)
    family = with_family(scores, fw)
    pillars = [c for c in fw.aggregates if any(fw.node(k).parent == c for k in fw.indicators)]
    matrix = corr_matrix(scores[list(fw.indicators)], scores[pillars])
    cron = cronbach_table(pd.concat([res.stage("normalised", when), scores[list(fw.aggregates)]], axis=1), fw)
    pca = pca_table(scores, fw)
    removal = removal_shifts(prepare(panel, fw, ws.settings), fw, ws.settings, when)
    flagged = stats[(stats.filter(like="Flag.") != "ok").any(axis=1)]
    show(
        flagged.reset_index(names="indicator")[
            ["indicator", "Skew", "Kurt", "Frc.Avail", "Flag.Avail", "Flag.NonZero", "Flag.Unique", "Flag.SkewKurt"]
        ],
        f"{len(flagged)} flagged indicators ({dataset})",
    )
    show(parents[parents["flag"] != "ok"], "correlations with the parent that need a look")
    show(cron, "Cronbach's alpha")
    shift = removal.groupby("removed")["shift"].apply(lambda s: s.abs().mean()).sort_values(ascending=False)
    show(shift.rename("mean |rank shift|").reset_index().head(10), "elements whose removal moves ranks most")
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        write_table(stats.reset_index(names="indicator"), out_dir / "indicator_stats.csv")
        write_table(parents, out_dir / "correlation_parents.csv")
        write_table(family, out_dir / "correlation_family.csv")
        write_table(matrix.reset_index(names="indicator"), out_dir / "correlation_indicator_pillar.csv")
        write_table(cron, out_dir / "cronbach.csv")
        write_table(pca, out_dir / "pca.csv")
        write_table(removal, out_dir / "removal_shifts.csv")
        out.print(f"wrote 7 tables to {out_dir}")


@audit_app.command("uncertainty")
@user_errors
def audit_uncertainty(
    workspace: Annotated[Path, typer.Argument(help="Workspace folder with an `uncertainty:` section.")],
    runs: Annotated[int, typer.Option("--runs", help="Replications to sample (Sobol: base samples).")] = 1000,
    seed: Annotated[int, typer.Option(help="Seed of the sampling.")] = 1,
    out_file: Annotated[Path | None, typer.Option("--out", help="Per-unit summary, .csv or .parquet.")] = None,
    runs_file: Annotated[Path | None, typer.Option("--runs-out", help="Every run's scores and ranks (long).")] = None,
    plot: Annotated[Path | None, typer.Option(help="Plot of ranks with intervals (.png/.svg).")] = None,
    design: Annotated[Path | None, typer.Option(help="Replay these runs instead of sampling (COINr's export).")] = None,
    weight_sets: Annotated[Path | None, typer.Option(help="The design's weight sets (set, iCode, Weight).")] = None,
    sobol: Annotated[
        bool, typer.Option("--sobol", help="Sobol sensitivity indices instead of plain sampling.")
    ] = False,
    engine: Annotated[Engine, typer.Option(help="local, or dask (a local cluster unless --scheduler).")] = Engine.LOCAL,
    scheduler: Annotated[str | None, typer.Option(help="Address of a running Dask scheduler.")] = None,
    workers: Annotated[int, typer.Option(help="Workers of the LocalCluster.")] = 2,
    inputs: Annotated[
        list[str] | None,
        typer.Option("--input", help="Declare or replace an uncertain input: NAME=YAML, e.g. 'winmax=[1, 3, 5]'."),
    ] = None,
    period: Annotated[str | None, typer.Option(help="Period (default: the last; 'all' for every period).")] = None,
    data_dir: DataDir = None,
    no_store: Annotated[
        bool, typer.Option("--no-store", help="Do not record the audit in the workspace's store.")
    ] = False,
) -> None:
    """Monte Carlo over the workspace's uncertain inputs: median rank and 90% interval per unit.

    The results are recorded in the workspace's store against the run of its nominal build.
    """
    import pandas as pd

    from innoscope.audit.coinr import design_from_coinr
    from innoscope.audit.engine import Problem
    from innoscope.audit.executor import make_executor
    from innoscope.audit.sensitivity import check_base_samples, run_sobol
    from innoscope.audit.space import parse_space, sample
    from innoscope.audit.uncertainty import plot_format, plot_ranks, run_uncertainty_periods
    from innoscope.panel.readers import read_table
    from innoscope.panel.writers import write_table
    from innoscope.workspace import load_workspace

    if runs < 2:
        raise InnoscopeError(E.BAD_OPTION, where="--runs", detail=f"{runs}; at least 2 are needed")
    if seed < 0:
        raise InnoscopeError(E.BAD_OPTION, where="--seed", detail=f"{seed}; a seed is a whole number >= 0")
    if plot is not None:
        plot_format(plot)  # an unwritable format is refused before any work
    ws = load_workspace(workspace, data_dir)
    fw = ws.load_framework()
    given = _cli_inputs(inputs or [])
    declared = {**ws.uncertainty, **given}
    try:
        space = parse_space(declared, ws.settings, fw)
    except InnoscopeError as exc:  # an input given on the command line is the option's error
        name = next((n for n in given if exc.where.startswith(f"uncertainty: {n}")), None)
        if name is None:
            raise
        detail = f"{exc.where.removeprefix('uncertainty: ')}: {exc.detail}"
        raise InnoscopeError(E.BAD_OPTION, where=f"--input {name}", detail=detail) from None
    if design is not None and sobol:
        raise InnoscopeError(E.BAD_OPTION, where="--design", detail="a replayed design has no Sobol structure")
    if sobol:
        check_base_samples(runs, space)
    executor = make_executor(engine, scheduler, workers)
    panel = ws.load_panel(fw)
    periods = panel.periods if period == "all" else [pick_period(panel.periods, period)]
    problem = Problem(panel, fw, ws.settings, space, periods[-1])  # Sobol: the (last) period
    if design is not None:
        params = read_table(design)
        sets = read_table(weight_sets) if weight_sets is not None else None
        plan = design_from_coinr(
            params, sets, space, fw, ws.settings, source=str(design), sets_source=str(weight_sets)
        )
    with executor, progress_bar(disable=runs < 500) as bar:
        if sobol:
            task = bar.add_task("Sobol runs", total=None)
            res = run_sobol(problem, runs, seed, executor, progress=lambda k: bar.advance(task, k))
            show(res.indices, f"Sobol indices on the {res.output} ({res.runs} runs)")
            wide = [f.input for f in res.factors if f.S1_wide or f.ST_wide]
            if wide:
                out.print(
                    f"the bootstrap interval is wider than the index itself for {', '.join(wide)} "
                    f"(S1_wide / ST_wide): give more --runs for a usable estimate"
                )
            if out_file is not None:
                write_table(res.indices, out_file)
                write_table(res.by_unit, out_file.with_name(out_file.stem + "_by_unit" + out_file.suffix))
                out.print(f"wrote {out_file}")
            if not no_store:
                from innoscope.workspace.audit import record_sobol

                aid = record_sobol(ws, res, seed=seed, engine=str(engine), space=declared)
                out.print(f"recorded as audit {aid} in {ws.store_path}")
            return
        if design is None:
            plan = sample(space, fw, runs, seed)
        task = bar.add_task("replications", total=len(plan) * len(periods))
        results = run_uncertainty_periods(problem, plan, periods, executor, progress=lambda k: bar.advance(task, k))
    summary = pd.concat([r.summary.assign(period=p) for p, r in results.items()], ignore_index=True)
    summary = summary[["period", *[c for c in summary.columns if c != "period"]]]
    last = results[periods[-1]]
    names = dict(zip(panel.units["unit"], panel.units["name"], strict=True))
    view = uncertainty_view(last.summary, names)
    print_frame(
        view.head(20), f"rank uncertainty, {len(plan)} runs, period {periods[-1]}", keys=2, decimals=_VIEW_DECIMALS
    )
    if len(view) > 20:
        out.print(f"(the first 20 of {len(view)} units by nominal rank; --out writes them all)", highlight=False)
    out.print(f"scores: {last.note}", highlight=False)
    if out_file is not None:
        write_table(summary, out_file)
        out.print(f"wrote {out_file}")
        if not last.scores_comparable:
            by_scale = pd.concat([r.scores_by_scale.assign(period=p) for p, r in results.items()], ignore_index=True)
            by_scale = by_scale[["period", *[c for c in by_scale.columns if c != "period"]]]
            scale_file = out_file.with_name(out_file.stem + "_scores_by_scale" + out_file.suffix)
            write_table(by_scale, scale_file)
            out.print(f"wrote {scale_file}")
    if runs_file is not None:
        write_table(pd.concat([r.runs_table().assign(period=p) for p, r in results.items()]), runs_file)
    if plot is not None:
        plot_ranks(last.summary, plot, title=f"{ws.name}: ranks over {len(plan)} runs, {periods[-1]}")
        out.print(f"wrote {plot}")
    if not no_store:
        from innoscope.workspace.audit import record_uncertainty

        seed_used = None if design is not None else seed
        ids = record_uncertainty(ws, results, seed=seed_used, engine=str(engine), space=declared)
        out.print(f"recorded as audit {', '.join(map(str, ids))} in {ws.store_path}")


_VIEW_DECIMALS = {"median": 1, "mean": 1, "5%": 1, "95%": 1, "score": 2, "score 5%": 2, "score 95%": 2}


def uncertainty_view(summary: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The per-unit summary as printed: unit, name, nominal, median, mean, 5% and 95% rank, and the scores.

    The score quantiles come only where the summary has them (the runs share the nominal scale).

    >>> import pandas as pd
    >>> s = pd.DataFrame({"unit": ["A"], "nominal_rank": [1], "mean_rank": [1.25], "median_rank": [1.0],
    ...                   "q05_rank": [1.0], "q95_rank": [2.0], "nominal_score": [9.5], "median_score": [9.0],
    ...                   "q05_score": [8.0], "q95_score": [9.9]})
    >>> uncertainty_view(s, {"A": "Alpha"}).columns.tolist()
    ['unit', 'name', 'nominal', 'median', 'mean', '5%', '95%', 'score', 'score 5%', 'score 95%']
    >>> uncertainty_view(s.drop(columns=["median_score", "q05_score", "q95_score"]), {}).columns.tolist()[-2:]
    ['95%', 'score']
    """
    import pandas as pd

    view = pd.DataFrame(
        {
            "unit": summary["unit"],
            "name": [names.get(u, u) for u in summary["unit"]],
            "nominal": summary["nominal_rank"].astype("Int64"),
            "median": summary["median_rank"],
            "mean": summary["mean_rank"],
            "5%": summary["q05_rank"],
            "95%": summary["q95_rank"],
        }
    )
    if "nominal_score" in summary.columns:
        view["score"] = summary["nominal_score"]
    if "median_score" in summary.columns:
        view["score 5%"] = summary["q05_score"]
        view["score 95%"] = summary["q95_score"]
    return view


def _cli_inputs(items: list[str]) -> dict:
    """``NAME=YAML`` pairs from the command line as an `uncertainty:` mapping."""
    import yaml

    spec = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or not name.strip():
            raise InnoscopeError(E.BAD_OPTION, where=f"--input {item!r}", detail="expected NAME=YAML")
        try:
            spec[name.strip()] = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise InnoscopeError(
                E.BAD_OPTION, where=f"--input {name}", detail=str(exc).splitlines()[0]
            ) from None
    return spec
