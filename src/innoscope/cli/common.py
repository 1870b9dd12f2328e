"""What every command shares: the consoles and the handling of user errors."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from rich.console import Console

from innoscope.errors import E, InnoscopeError

__all__ = ["err", "out", "pick_period", "user_errors"]

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
