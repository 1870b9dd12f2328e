"""The DuckDB store: runs, their inputs, settings and results; documents and their facts."""

from innoscope.store.facts import FactStore
from innoscope.store.runs import RunRecord, RunStore

__all__ = ["FactStore", "RunRecord", "RunStore"]
