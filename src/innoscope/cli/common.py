"""What every command shares: the consoles and the handling of user errors."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from rich.cells import cell_len
from rich.console import Console

from innoscope.errors import E, InnoscopeError

if TYPE_CHECKING:  # the commands' modules import no heavy library at start-up (innoscope --help)
    import pandas as pd
    from rich.progress import Progress

__all__ = [
    "err",
    "format_cells",
    "out",
    "pick_period",
    "print_frame",
    "progress_bar",
    "settings_with_options",
    "user_errors",
]

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
        E.BAD_OPTION, where="--period", detail=f"{wanted!r} not among {', '.join(map(str, periods))}"
    )


def settings_with_options(
    settings: Any, overrides: dict[str, dict[str, Any]], names: dict[tuple[str, str], str]
) -> Any:
    """``settings`` with the command line's ``overrides`` (step → field → value), each value checked.

    A value the settings refuse is an error of the option that gave it (E320,
    naming it: ``names`` maps each (step, field) to its option), not of the
    workspace file.

    >>> from innoscope.index.settings import Settings
    >>> names = {("normalise", "l"): "--l", ("normalise", "u"): "--u", ("treat", "winmax"): "--winmax"}
    >>> settings_with_options(Settings(), {"treat": {"winmax": -3}}, names)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    innoscope.errors.InnoscopeError: E320 --winmax: invalid command-line option: Input should be greater than or ...
    >>> settings_with_options(Settings(), {"normalise": {"l": 100.0, "u": 1.0}}, names)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    innoscope.errors.InnoscopeError: E320 --l --u: invalid command-line option: Value error, minmax needs u > l, ...
    """
    out = settings
    for step, fields in overrides.items():
        try:
            out = out.with_overrides({step: fields}, where="options")
        except InnoscopeError as exc:
            field = exc.where.removeprefix("options: ").removeprefix(f"{step}.")
            given = [names.get((step, f), f"{step}.{f}") for f in fields]
            named = [names[(step, field)]] if (step, field) in names else given
            raise InnoscopeError(E.BAD_OPTION, where=" ".join(named), detail=exc.detail) from None
    return out


def format_cells(col: pd.Series, decimals: int = 3) -> list[str]:
    """A column's cells as text: empty for missing, integers without decimals, floats to ``decimals``.

    A float column whose values are all whole numbers (ranks with gaps, counts) prints as integers.

    >>> import pandas as pd
    >>> format_cells(pd.Series([1.0, float("nan"), 12.0])), format_cells(pd.Series([0.5, 2.0]), 2)
    (['1', '', '12'], ['0.50', '2.00'])
    """
    import numpy as np
    import pandas as pd

    if pd.api.types.is_bool_dtype(col) or not pd.api.types.is_numeric_dtype(col):
        return ["" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v) for v in col]
    x = pd.to_numeric(col, errors="coerce").astype(float).to_numpy()
    ok = ~np.isnan(x)
    whole = pd.api.types.is_integer_dtype(col) or bool(np.all(x[ok] == np.round(x[ok])))
    return [("" if not k else (f"{int(v)}" if whole else f"{v:.{decimals}f}")) for v, k in zip(x, ok, strict=True)]


def print_frame(
    df: pd.DataFrame,
    title: str,
    limit: int | None = None,
    *,
    keys: int = 0,
    decimals: int | dict[str, int] = 3,
    text_width: int = 28,
) -> None:
    """Print a table without ever cutting a number.

    Numbers are right-aligned and printed whole (floats to ``decimals``, per column if a
    mapping; whole-number columns as integers); text wraps within ``text_width``.  Columns
    that do not fit the terminal go to further blocks below, each repeating the first
    ``keys`` columns (e.g. rank and unit), so a wide table wraps instead of shrinking its
    cells to ``7…``.  At most ``limit`` rows.
    """
    import pandas as pd
    from rich.table import Table

    rows = df if limit is None else df.head(limit)
    cols = [str(c) for c in rows.columns]
    cells, widths, numeric = {}, {}, {}
    for c, name in zip(rows.columns, cols, strict=True):
        d = decimals.get(name, 3) if isinstance(decimals, dict) else decimals
        cells[name] = format_cells(rows[c], d)
        numeric[name] = pd.api.types.is_numeric_dtype(rows[c]) and not pd.api.types.is_bool_dtype(rows[c])
        longest = max([cell_len(name), *map(cell_len, cells[name])])  # terminal cells: 上海 takes four
        widths[name] = longest if numeric[name] else min(longest, max(text_width, cell_len(name)))
    blocks = _blocks(cols, widths, keys, out.width)
    for i, block in enumerate(blocks):
        part = "" if len(blocks) == 1 else f" ({i + 1}/{len(blocks)})"
        t = Table(title=f"{title}{part}")
        for name in block:
            if numeric[name]:
                t.add_column(name, justify="right", no_wrap=True, min_width=widths[name])
            else:
                t.add_column(name, justify="left", overflow="fold", max_width=widths[name])
        for r in range(len(rows)):
            t.add_row(*[cells[name][r] for name in block])
        out.print(t)


def _blocks(cols: list[str], widths: dict[str, int], keys: int, total: int) -> list[list[str]]:
    """Split columns into blocks that fit ``total`` characters, each led by the first ``keys``."""
    lead, rest = cols[:keys], cols[keys:]
    base = 1 + sum(widths[c] + 3 for c in lead)
    blocks: list[list[str]] = []
    cur: list[str] = []
    used = base
    for c in rest:
        need = widths[c] + 3
        if cur and used + need > total:
            blocks.append(lead + cur)
            cur, used = [], base
        cur.append(c)
        used += need
    blocks.append(lead + cur)
    return blocks


def progress_bar(*, spinner: bool = False, disable: bool = False) -> Progress:
    """The commands' progress bar: description, bar, done/total, elapsed time; gone when finished."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    return Progress(*([SpinnerColumn()] if spinner else []), *columns, console=out, transient=True, disable=disable)
