"""`innoscope report` and `innoscope export`: a unit's report and the results workbook of a stored run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from innoscope.cli.common import out, user_errors

__all__ = ["export", "report"]

Target = Annotated[Path, typer.Argument(help="Workspace folder or .duckdb store.")]
Run = Annotated[int | None, typer.Option("--run", help="Run id (default: the latest).")]


@user_errors
def report(
    target: Target,
    unit: Annotated[str, typer.Option("--unit", help="Unit code or name, e.g. 上海.")],
    out_file: Annotated[Path, typer.Option("--out", help="Output: .html, .pdf, .docx, .md or .json.")],
    period: Annotated[str | None, typer.Option("--period", help="Period (default: the latest).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="zh or en.")] = "zh",
    run: Run = None,
    templates: Annotated[
        Path | None, typer.Option("--templates", help="Folder of template files that replace the shipped ones.")
    ] = None,
) -> None:
    """Write a unit's report (scores, ranks, movement, strengths, indicators, facts, methods), every number sourced."""
    from innoscope.cli.index_cmd import _store_path
    from innoscope.report import check_format, write_report

    check_format(out_file)  # an unknown extension is refused before any work
    path = write_report(
        _store_path(target), unit=unit, out=out_file, period=period, lang=lang, run_id=run, templates=templates
    )
    out.print(f"wrote {path}", highlight=False)


@user_errors
def export(
    target: Target,
    out_file: Annotated[Path, typer.Option("--out", help="Output workbook (.xlsx).")],
    run: Run = None,
) -> None:
    """Write the results workbook of a run: framework, data as used, scores and ranks, audits, facts."""
    from innoscope.cli.index_cmd import _store_path
    from innoscope.report import check_format
    from innoscope.report.workbook import write_workbook

    check_format(out_file, {".xlsx": "Excel"})
    path = write_workbook(_store_path(target), out_file, run)
    out.print(f"wrote {path}", highlight=False)
