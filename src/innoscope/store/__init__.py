"""The store: one DuckDB file that every process shares, written here, read by :mod:`innoscope.results`.

>>> store = Store(":memory:")
>>> store.path
':memory:'
"""

from innoscope.store.audits import AuditRecord
from innoscope.store.db import SCHEMA_VERSION, Database
from innoscope.store.runs import RunRecord
from innoscope.store.store import Store

__all__ = ["SCHEMA_VERSION", "AuditRecord", "Database", "RunRecord", "Store"]
