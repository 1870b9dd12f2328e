"""What every command shares: the consoles and the handling of user errors."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from innoscope.errors import E, InnoscopeError

__all__ = ["err", "out", "pick_period", "print_frame", "progress_bar", "user_errors"]

out = Console()
err = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])


def user_errors(fn: F) -> F:
    """Print an InnoscopeError on one line to stderr and exit 2, without a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except InnoscopeError as exc:
            err.print(f"[bold red]error[/] {exc}", highlight=False, soft_wrap=True, markup=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def pick_period(periods: list, wanted: str | None) -> Any:
    """The period named on the command line (the last one by default), as the data spell it."""
    if wanted is None:
        return periods[-1]
    for p in periods:
        if str(p) == wanted:
            return p
    raise InnoscopeError(
        E.WORKSPACE_INVALID, where="--period", detail=f"{wanted!r} not among {', '.join(map(str, periods))}"
    )


def print_frame(df: pd.DataFrame, title: str, limit: int | None = None) -> None:
    """Print a table: numbers right-aligned, floats to three decimals, at most ``limit`` rows."""
    t = Table(title=title)
    for c in df.columns:
        t.add_column(str(c), justify="right" if pd.api.types.is_numeric_dtype(df[c]) else "left")
    rows = df if limit is None else df.head(limit)
    for row in rows.itertuples(index=False):
        t.add_row(*[f"{v:.3f}" if isinstance(v, float) else str(v) for v in row])
    out.print(t)


def progress_bar(*, spinner: bool = False, disable: bool = False) -> Progress:
    """The commands' progress bar: description, bar, done/total, elapsed time; gone when finished."""
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    return Progress(*([SpinnerColumn()] if spinner else []), *columns, console=out, transient=True, disable=disable)
