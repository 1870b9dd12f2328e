"""The command line: parse, call the library, print.  No computing here.

User mistakes (:class:`~innoscope.errors.InnoscopeError`) are printed on one
line to stderr and exit with status 2, without a traceback.
"""

from __future__ import annotations

from typing import Annotated

import typer

from innoscope import __version__
from innoscope.cli.audit_cmd import audit_app
from innoscope.cli.common import out
from innoscope.cli.data_cmd import data_app, demo
from innoscope.cli.extract_cmd import extract, facts_app
from innoscope.cli.index_cmd import index_app
from innoscope.cli.records_cmd import clusters, records_app
from innoscope.cli.report_cmd import export, report
from innoscope.cli.serve_cmd import serve

__all__ = ["app"]

app = typer.Typer(help="innoscope: monitor and evaluate science-and-technology innovation hubs.", no_args_is_help=True)
app.add_typer(index_app, name="index")
app.add_typer(facts_app, name="facts")
app.add_typer(audit_app, name="audit")
app.add_typer(data_app, name="data")
app.command("demo")(demo)
app.command("extract")(extract)
app.command("report")(report)
app.command("export")(export)
app.add_typer(records_app, name="records")
app.command("clusters")(clusters)
app.command("serve")(serve)


@app.callback(invoke_without_command=True)
def _main(version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False) -> None:
    if version:
        out.print(f"innoscope {__version__}")
        raise typer.Exit()
