"""Build a workspace's index and record the run: the library call behind ``index build``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from innoscope.frameworks import Framework
from innoscope.index.pipeline import IndexResult, build_index
from innoscope.panel import Panel
from innoscope.store import RunRecord, Store
from innoscope.store.runs import observations_frame
from innoscope.workspace.workspace import WORKSPACE_FILE, Workspace

__all__ = ["Build", "build_workspace", "find_run", "run_hashes"]


@dataclass(frozen=True)
class Build:
    """A finished build: its inputs, its result and the id it was stored under."""

    workspace: Workspace
    framework: Framework
    panel: Panel
    result: IndexResult
    run_id: int | None


def run_hashes(ws: Workspace, overrides: dict[str, dict[str, Any]] | None = None) -> tuple[str, str, str]:
    """The settings, framework and inputs hashes a build of ``ws`` (with ``overrides``) is stored under."""
    from innoscope.store.runs import json_hash

    settings = ws.settings.with_overrides(overrides, where="options") if overrides else ws.settings
    fw = ws.load_framework()
    return json_hash(settings.model_dump(mode="json")), json_hash(fw.to_records()), json_hash(ws.checksums())


def find_run(
    ws: Workspace, overrides: dict[str, dict[str, Any]] | None = None, store: str | Path | None = None
) -> int | None:
    """The id of a stored run of ``ws`` with the same settings, framework and inputs, or None.

    A build whose inputs have not changed need not be computed again: its run is
    already in the store (``store``, default the workspace's).
    """
    from innoscope.results import Results

    path = Path(store) if store is not None else ws.store_path
    if not path.is_file():
        return None
    return Results(path).find_run(str(ws.root.resolve()), *run_hashes(ws, overrides))


def build_workspace(
    ws: Workspace,
    overrides: dict[str, dict[str, Any]] | None = None,
    store: str | Path | bool | Store | None = True,
    panel: Panel | None = None,
) -> Build:
    """Build ``ws`` with optional setting overrides; store the run unless ``store`` is False.

    ``store`` may name a DuckDB file or be a :class:`~innoscope.store.Store` (e.g. an
    in-memory one, for a build nobody keeps); True uses the workspace's store.  ``panel``
    replaces the workspace's data (e.g. a newer table uploaded to the server):
    the run then records the panel's files and checksums as its data inputs.
    """
    settings = ws.settings.with_overrides(overrides, where="options") if overrides else ws.settings
    fw = ws.load_framework()
    inputs = ws.checksums()
    if panel is None:
        panel = ws.load_panel(fw)
    else:
        keep = {str(ws.framework_path), str(ws.root / WORKSPACE_FILE)}
        inputs = {k: v for k, v in inputs.items() if k in keep} | dict(panel.checksums)
    result = build_index(panel, fw, settings)
    run_id = None
    if store is not False:
        record = RunRecord(
            workspace=str(ws.root.resolve()),
            name=ws.name,
            settings=settings.model_dump(mode="json"),
            inputs=inputs,
            framework=fw.to_records(),
            scores=result.scores,
            treatment=result.treatment,
            screening=result.screening,
            notes={
                "framework_name": fw.name,
                "unused_columns": result.unused,
                "weights": result.weights,
                "unit_names": dict(zip(panel.units["unit"], panel.units["name"], strict=True)),
                "cleaning": list(panel.notes),
            },
            units=panel.units,
            observations=observations_frame(panel, fw, result, settings),
        )
        if isinstance(store, Store):
            run_id = store.save_run(record)
        else:
            with Store(ws.store_path if store is True or store is None else Path(store)) as db:
                run_id = db.save_run(record)
    return Build(ws, fw, panel, result, run_id)
