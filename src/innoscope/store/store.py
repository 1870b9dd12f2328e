"""The writer of the store: runs, audits and documents, each in one short locked transaction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from innoscope.store.audits import AuditRecord, insert_audit
from innoscope.store.db import Database
from innoscope.store.facts import insert_document
from innoscope.store.runs import RunRecord, insert_run

__all__ = ["Store"]


class Store:
    """Write to the store at ``path`` (created and migrated as needed).

    Each call takes the store's lock, writes in one transaction and lets go,
    so any number of processes may write to one store; see
    :mod:`innoscope.store.db`.
    """

    def __init__(self, path: str | Path = ":memory:", timeout: float | None = None) -> None:
        self.db = Database(path, timeout=timeout)
        if self.db._memory is None:
            with self.db.write():  # create or migrate the schema now, not on first write
                pass

    @property
    def path(self) -> str:
        return self.db.path

    def save_run(self, run: RunRecord) -> int:
        """Store ``run``; returns its id."""
        with self.db.write() as con:
            return insert_run(con, run)

    def save_audit(self, audit: AuditRecord) -> int:
        """Store ``audit``; returns its id."""
        with self.db.write() as con:
            return insert_audit(con, audit)

    def save_document(
        self,
        doc_id: str,
        name: str,
        path: str,
        fmt: str,
        lang: str,
        chars: int,
        facts: list,
        entities: list | None = None,
        context: dict[str, Any] | None = None,
    ) -> bool:
        """Store a document with its facts (and entities); False when it was stored already."""
        meta = {"name": name, "path": path, "format": fmt, "lang": lang, "chars": chars, "context": context}
        with self.db.write() as con:
            return insert_document(con, doc_id, meta, facts, entities)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
