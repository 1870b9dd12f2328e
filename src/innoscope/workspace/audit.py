"""Record a workspace's audits in its store, against the run they audit.

An audit varies a workspace's nominal build; it is stored with the id of the
stored run of that build — the latest run of the workspace with the same
settings, framework and inputs (the same hashes), built and recorded first
when there is none — so the results layer, the reports and the API find rank
intervals and Sobol indices beside the scores they qualify.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from innoscope.store import AuditRecord, Store
from innoscope.workspace.workspace import Workspace

__all__ = ["nominal_run_id", "record_sobol", "record_uncertainty"]


def nominal_run_id(ws: Workspace) -> int:
    """The stored run of ``ws``'s nominal build (recorded now if the store has none)."""
    from innoscope.workspace.build import build_workspace, find_run

    found = find_run(ws)
    if found is not None:
        return found
    run_id = build_workspace(ws).run_id
    assert run_id is not None  # stored by default
    return run_id


def record_uncertainty(
    ws: Workspace, results: Mapping[Any, Any], *, seed: int | None, engine: str, space: dict[str, Any]
) -> list[int]:
    """Store one uncertainty audit per period of ``results`` (period → UncertaintyResult); returns the ids."""
    run_id = nominal_run_id(ws)
    store = Store(ws.store_path)
    ids = []
    for period, r in results.items():
        notes = {"scores": r.note, "scales": list(r.scales)}
        rec = AuditRecord(run_id, "uncertainty", period, len(r.design), seed, engine, space, notes, r.summary)
        ids.append(store.save_audit(rec))
    return ids


def record_sobol(ws: Workspace, result: Any, *, seed: int | None, engine: str, space: dict[str, Any]) -> int:
    """Store a sensitivity audit (a SobolResult); returns its id."""
    run_id = nominal_run_id(ws)
    notes = {"output": result.output, "base_samples": result.base_samples}
    rec = AuditRecord(
        run_id, "sensitivity", result.period, result.runs, seed, engine, space, notes, sobol=result.long_table()
    )
    return Store(ws.store_path).save_audit(rec)
