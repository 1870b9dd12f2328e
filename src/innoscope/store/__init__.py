"""The DuckDB store: runs, their inputs, settings and results."""

from innoscope.store.runs import RunRecord, RunStore

__all__ = ["RunRecord", "RunStore"]
