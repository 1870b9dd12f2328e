"""What the routes share: the server's state, run ids in paths, paging, CSV answers, unit labels."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from innoscope.errors import E, InnoscopeError

if TYPE_CHECKING:
    from innoscope.api.config import ServerConfig
    from innoscope.api.jobs import Jobs
    from innoscope.results import Results

__all__ = [
    "Format",
    "Limit",
    "Offset",
    "RunPath",
    "State",
    "csv_response",
    "region_of",
    "run_id",
    "state",
]

RunPath = Annotated[
    str, Path(pattern=r"^(latest|[0-9]{1,9})$", description="A run id, or `latest` for the newest run.")
]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Rows to skip.")]
Limit = Annotated[int, Query(ge=1, le=100_000, description="Rows per page.")]
Format = Annotated[Literal["json", "csv"], Query(description="`csv` for a table to download.")]
Text = Annotated[str | None, Query(max_length=200)]


@dataclass
class State:
    """The server's state, kept on ``app.state.innoscope``."""

    config: ServerConfig
    jobs: Jobs

    def results(self) -> Results:
        """The results layer for one request (see :func:`request_results`)."""
        return request_results(self.config.store)


def request_results(store: Any) -> Results:
    """A :class:`~innoscope.results.Results` that remembers runs, frameworks, nodes and units for one request.

    The results layer opens the store for every question, and its answers ask
    for the run and its framework again and again; within one request they
    cannot change, so they are read once.
    """
    from innoscope.results import Results

    class _Request(Results):
        def __init__(self) -> None:
            super().__init__(store)
            self._memo: dict[tuple, Any] = {}

        def _once(self, key: tuple, read: Any) -> Any:
            if key not in self._memo:
                self._memo[key] = read()
            return self._memo[key]

        def runs(self, workspace: str | None = None):
            return self._once(("runs", workspace), lambda: Results.runs(self, workspace))

        def framework(self, run_id: int | None = None):
            rid = self.run(run_id).run_id
            return self._once(("framework", rid), lambda: Results.framework(self, rid))

        def nodes(self, run_id: int | None = None):
            rid = self.run(run_id).run_id
            return self._once(("nodes", rid), lambda: Results.nodes(self, rid))

        def units(self, run_id: int | None = None):
            rid = self.run(run_id).run_id
            return self._once(("units", rid), lambda: Results.units(self, rid))

    return _Request()


def state(request: Request) -> State:
    return request.app.state.innoscope


def run_id(run: str) -> int | None:
    return None if run == "latest" else int(run)


def _cell(v: Any) -> Any:
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False, default=str)
    return "" if v is None else v


def csv_response(rows: list[BaseModel] | list[dict], name: str, columns: list[str] | None = None) -> Response:
    """Rows as a UTF-8 CSV download (nested values as JSON), with a BOM so spreadsheets read Chinese."""
    dicts = [r.model_dump(mode="json") if isinstance(r, BaseModel) else r for r in rows]
    cols = columns or (list(dicts[0]) if dicts else [])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for d in dicts:
        w.writerow([_cell(d.get(c)) for c in cols])
    return Response(
        "\ufeff" + buf.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


CSV = {200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "JSON, or CSV with format=csv"}}


def region_of(code: str, name: str) -> tuple[str | None, str | None]:
    """A unit's GB/T 2260 code and English name when it is one of China's provinces, else (None, None)."""
    from innoscope.geo import ENGLISH, PROVINCES

    for short, (full, gb) in PROVINCES.items():
        if code in (short, full, gb) or name in (short, full):
            english = next((en for en, zh in ENGLISH.items() if zh == short), None)
            return gb, english
    return None, None


def not_found(what: str, detail: str = "") -> InnoscopeError:
    return InnoscopeError(E.NOT_FOUND, where=what, detail=detail)


def pick_period(info: Any, period: str | None) -> Any:
    """The run's period named by ``period`` (as the data spell it), the latest when None; E407 otherwise."""
    from innoscope.results import period_label

    if period is None:
        if not info.periods:
            raise InnoscopeError(E.NOT_IN_RUN, where=f"run {info.run_id}", detail="the run has no scores")
        return info.periods[-1]
    label = period_label(period)
    if label not in info.periods:
        shown = ", ".join(map(str, info.periods))
        raise InnoscopeError(
            E.NOT_IN_RUN, where=f"run {info.run_id}", detail=f"period {period!r}; the run has: {shown}"
        )
    return label
