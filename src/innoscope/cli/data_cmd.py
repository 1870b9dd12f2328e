"""`innoscope data ...` and `innoscope demo`: public data sources and the end-to-end evaluation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from innoscope.cli.common import out, print_frame, progress_bar, user_errors
from innoscope.datasets.registry import SOURCES, default_data_dir, pull, status

data_app = typer.Typer(help="Public data sources: list, download, import your own tables.", no_args_is_help=True)

DataDir = Annotated[
    Path | None, typer.Option("--data-dir", help="Data directory (default $INNOSCOPE_DATA or the cache).")
]


@data_app.command("list")
@user_errors
def data_list(
    data_dir: DataDir = None,
    verify: Annotated[bool, typer.Option("--verify", help="Check every file's SHA-256.")] = False,
) -> None:
    """Each source, its files and whether they are present in the data directory."""
    root = default_data_dir(data_dir)
    t = Table(title=f"data sources in {root}")
    for c in ("name", "status", "files", "title", "licence"):
        t.add_column(c, overflow="fold")
    for name, src in SOURCES.items():
        st = status(name, root, verify=verify)
        colour = {"present": "green", "missing": "red"}.get(st, "yellow")
        t.add_row(name, f"[{colour}]{st}[/]", str(len(src.files)), src.title, src.licence)
    out.print(t)


@data_app.command("pull")
@user_errors
def data_pull(
    name: Annotated[str, typer.Argument(help="Source name (see `innoscope data list`).")], data_dir: DataDir = None
) -> None:
    """Download a source from its upstream address and verify the checksums."""
    written = pull(name, data_dir)
    out.print(
        f"{name}: {len(written)} file(s) downloaded and verified" if written else f"{name}: already present and intact"
    )


@data_app.command("show")
@user_errors
def data_show(
    name: Annotated[str, typer.Argument(help="Source name (see `innoscope data list`).")],
    data_dir: DataDir = None,
    out_file: Annotated[Path | None, typer.Option("--out", help="Write the panel (.csv/.parquet).")] = None,
) -> None:
    """Load a source as a panel and show its units, indicators and periods."""
    from innoscope.datasets.panels import load_panel
    from innoscope.panel.writers import write_table

    panel = load_panel(name, data_dir)
    v = panel.values
    out.print(
        f"{name}: {len(panel.unit_codes)} units, {len(panel.indicator_codes)} indicators, "
        f"measures {', '.join(panel.measures)}, periods "
        f"{panel.periods[0]}–{panel.periods[-1]}, {len(v):,} observations ({int(v['value'].isna().sum()):,} missing)",
        soft_wrap=True,
    )
    if out_file is not None:
        write_table(v, out_file)
        out.print(f"wrote {out_file}")


@data_app.command("import")
@user_errors
def data_import(
    file: Annotated[Path, typer.Argument(help="A tidy (long) or wide table: .csv, .xlsx or .parquet.")],
    unit: Annotated[str | None, typer.Option(help="Unit column (default: guessed).")] = None,
    period: Annotated[str | None, typer.Option(help="Period column (default: guessed).")] = None,
    out_file: Annotated[Path | None, typer.Option("--out", help="Write the long panel (.csv/.parquet).")] = None,
) -> None:
    """Read your own table and show what was understood: layout, units, periods, indicators."""
    from innoscope.datasets.importer import import_table
    from innoscope.panel.writers import write_table

    panel, layout = import_table(file, unit=unit, period=period)
    v = panel.values
    out.print(
        f"{file}: {layout} layout; {len(panel.unit_codes)} units, {len(panel.periods)} period(s) "
        f"({', '.join(map(str, panel.periods[:6]))}{' …' if len(panel.periods) > 6 else ''}), "
        f"{len(panel.indicator_codes)} indicators, {len(v)} observations, {int(v['value'].isna().sum())} missing",
        soft_wrap=True,
    )
    t = Table(title="preview")
    for c in ("unit", "indicator", "period", "value", "file", "row"):
        t.add_column(c)
    for r in v.head(8).itertuples(index=False):
        t.add_row(str(r.unit), str(r.indicator), str(r.period), f"{r.value:g}", str(r.file), str(r.row))
    out.print(t)
    if out_file is not None:
        write_table(v, out_file)
        out.print(f"wrote {out_file}")


@user_errors
def demo(
    out_dir: Annotated[Path, typer.Option("--out", help="Results folder.")] = Path("results"),
    data_dir: DataDir = None,
    workspace: Annotated[
        Path | None, typer.Option("--workspace", help="Workspace to evaluate (default: examples/china).")
    ] = None,
    unit: Annotated[str, typer.Option("--unit", help="Unit of the report.")] = "上海",
    force: Annotated[
        bool, typer.Option("--force", help="Compute and write everything again, even when nothing changed.")
    ] = False,
) -> None:
    """Evaluate a workspace (China's 31 provinces by default) end to end and write a results folder."""
    import pandas as pd

    from innoscope.report.demo import DEMO_STEPS, run_demo

    with progress_bar(spinner=True) as bar:
        task = bar.add_task("starting", total=DEMO_STEPS)

        def step(msg: str) -> None:
            bar.update(task, description=msg, advance=0 if msg.startswith("downloading") else 1)

        result = run_demo(out_dir, data_dir, progress=step, workspace=workspace, unit=unit, force=force)
        bar.update(task, completed=DEMO_STEPS)
    r = result.rankings
    latest = r["year"].iloc[-1]
    top = r[r["year"] == latest].head(10)
    moves = ["–" if pd.isna(c) or c == 0 else (f"↑{int(c)}" if c > 0 else f"↓{int(-c)}") for c in top["change"]]
    table = pd.DataFrame(
        {
            "rank": top["rank"].to_numpy(),
            "unit": [p if e == p else f"{p} {e}" for p, e in zip(top["province"], top["name_en"], strict=True)],
            "score": top["score"].to_numpy(dtype=float),
            "change": moves,
            "rank (min-max)": top["rank_compare"].to_numpy(),
        }
    )
    print_frame(table, f"index {latest}, run {result.run_id} (rank by min-max beside it)", decimals=1)
    for line in result.cleaning:
        out.print(f"cleaned: {line}", highlight=False)
    gaps = result.coverage.groupby("indicator")["n_missing"].sum().sort_values(ascending=False)
    if len(gaps):
        out.print(
            "missing data (unit-periods, per indicator; detail in missing_data.csv): "
            + ", ".join(f"{k} {v}" for k, v in gaps.items()),
            highlight=False,
            soft_wrap=True,
        )
    done = "wrote" if result.computed else "nothing changed since the last run (--force redoes it): kept"
    out.print(
        f"{done} {len(result.files)} files in {result.out_dir}; open {result.out_dir / 'summary.html'} "
        f"and the report of {result.unit}: {result.out_dir / 'report.zh.html'}",
        highlight=False,
        soft_wrap=True,
    )
