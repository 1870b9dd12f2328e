"""Writing documents with their facts and entities.

A document is keyed by the SHA-256 of its bytes: storing the same document
again changes nothing (entities are added to a document stored without them).
Each fact is kept whole, as ``Fact.to_record()`` gives it, beside the columns
that queries filter on.  Reading them back is the results layer's job.

>>> from innoscope.store import Store
>>> from innoscope.text import extract_facts
>>> store = Store(":memory:")
>>> facts = extract_facts("全年发表论文107篇。", doc="a.txt")
>>> store.save_document("ab" * 32, "a.txt", "a.txt", "txt", "zh", 10, facts)
True
>>> store.save_document("ab" * 32, "a.txt", "a.txt", "txt", "zh", 10, facts)
False
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

__all__ = ["insert_document"]

_COLUMNS = ("doc", "start", "end", "text", "sentence", "subject", "value", "unit", "bound", "period", "region", "lang")


def _json(v: Any) -> str | None:
    return None if v is None else json.dumps(v, ensure_ascii=False, default=str)


def _has(con: duckdb.DuckDBPyConnection, table: str, doc_id: str) -> bool:
    return con.execute(f"SELECT count(*) FROM {table} WHERE doc_id = ?", [doc_id]).fetchone()[0] > 0  # type: ignore[index]


def insert_document(
    con: duckdb.DuckDBPyConnection,
    doc_id: str,
    meta: dict[str, Any],
    facts: list,
    entities: list | None,
) -> bool:
    """Insert a document inside the caller's transaction; False when it was stored already."""
    import pandas as pd

    if _has(con, "documents", doc_id):
        if entities and not _has(con, "entities", doc_id):
            _insert_entities(con, doc_id, entities)
        return False
    con.execute(
        "INSERT INTO documents (doc_id, name, path, format, lang, chars, stored_at, context) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            doc_id,
            meta["name"],
            meta["path"],
            meta["format"],
            meta["lang"],
            meta["chars"],
            datetime.now(UTC).replace(tzinfo=None),
            _json(meta.get("context") or {}),
        ],
    )
    rows = []
    for i, f in enumerate(facts):
        r = f.to_record()
        row = {"doc_id": doc_id, "idx": i, **{c: r.get(c) for c in _COLUMNS}}
        row["value"] = float(row["value"])
        row |= {k: _json(r.get(k)) for k in ("change", "share", "rank")}
        row["status"] = r.get("status")
        row["record"] = _json(r)
        rows.append(row)
    if rows:
        order = ["doc_id", "idx", *_COLUMNS[:10], "change", "share", "rank", "region", "lang", "status", "record"]
        con.from_df(pd.DataFrame(rows)[order]).insert_into("facts")
    if entities:
        _insert_entities(con, doc_id, entities)
    return True


def _insert_entities(con: duckdb.DuckDBPyConnection, doc_id: str, entities: list) -> None:
    import pandas as pd

    frame = pd.DataFrame(
        [
            {"doc_id": doc_id, "doc": e.doc, "start": e.start, "end": e.end, "name": e.name, "type": e.type}
            for e in entities
        ]
    )
    con.from_df(frame).insert_into("entities")
