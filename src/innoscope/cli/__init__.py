"""The command line: parse, call the library, print.  No computing here.

User mistakes (:class:`~innoscope.errors.InnoscopeError`) are printed on one
line to stderr and exit with status 2, without a traceback.

Commands are registered by name in :data:`COMMANDS` (``module:attribute``, a
Typer app of subcommands or a command function) and imported when they are
first used: ``innoscope audit uncertainty`` loads the audit commands alone,
and every command module imports what it computes with inside its functions,
so that asking for help costs no numerical library
(``tests/test_cli_startup.py`` holds every command to it).
"""

from __future__ import annotations

import importlib
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from innoscope import __version__

__all__ = ["COMMANDS", "app"]

# name -> where the command lives: the commands, then the groups of subcommands, as `innoscope --help` lists them
COMMANDS = {
    "demo": "innoscope.cli.data_cmd:demo",
    "extract": "innoscope.cli.extract_cmd:extract",
    "report": "innoscope.cli.report_cmd:report",
    "export": "innoscope.cli.report_cmd:export",
    "clusters": "innoscope.cli.records_cmd:clusters",
    "serve": "innoscope.cli.serve_cmd:serve",
    "index": "innoscope.cli.index_cmd:index_app",
    "facts": "innoscope.cli.extract_cmd:facts_app",
    "audit": "innoscope.cli.audit_cmd:audit_app",
    "data": "innoscope.cli.data_cmd:data_app",
    "records": "innoscope.cli.records_cmd:records_app",
}


def _load(name: str, where: str) -> Any:
    """The click command of ``name``, built as registering it on the root app builds it."""
    module, attribute = where.split(":")
    obj = getattr(importlib.import_module(module), attribute)
    holder = typer.Typer(add_completion=False)
    holder.callback()(lambda: None)
    if isinstance(obj, typer.Typer):
        holder.add_typer(obj, name=name)
    else:
        holder.command(name)(obj)
    return typer.main.get_command(holder).commands[name]  # type: ignore[attr-defined]


class LazyGroup(TyperGroup):
    """The root group: a command of :data:`COMMANDS` is loaded when it is asked for."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), *(n for n in COMMANDS if n not in self.commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands[cmd_name] = _load(cmd_name, COMMANDS[cmd_name])
        return super().get_command(ctx, cmd_name)


app = typer.Typer(
    help="innoscope: monitor and evaluate science-and-technology innovation hubs.",
    no_args_is_help=True,
    cls=LazyGroup,
)


@app.callback(invoke_without_command=True)
def _main(version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False) -> None:
    if version:
        from innoscope.cli.common import out

        out.print(f"innoscope {__version__}")
        raise typer.Exit()
