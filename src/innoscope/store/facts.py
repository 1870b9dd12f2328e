"""Documents and their facts in the DuckDB store.

A document is keyed by the SHA-256 of its bytes: storing the same document
again changes nothing.

>>> from innoscope.text import extract_facts
>>> store = FactStore(":memory:")
>>> facts = extract_facts("全年发表论文107篇。", doc="a.txt")
>>> store.save_document("ab" * 32, "a.txt", "a.txt", "txt", "zh", 10, facts)
True
>>> store.save_document("ab" * 32, "a.txt", "a.txt", "txt", "zh", 10, facts)
False
>>> store.facts()[["doc", "text", "value", "unit"]].to_dict("records")
[{'doc': 'a.txt', 'text': '107篇', 'value': 107.0, 'unit': '篇'}]
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pandas as pd

from innoscope.store.db import DuckStore
from innoscope.text.fact import Entity, Fact

__all__ = ["FactStore"]

_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS documents (
        doc_id VARCHAR PRIMARY KEY, name VARCHAR, path VARCHAR, format VARCHAR, lang VARCHAR,
        chars INTEGER, stored_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS facts (
        doc_id VARCHAR, idx INTEGER, doc VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR, sentence VARCHAR,
        subject VARCHAR, value DOUBLE, unit VARCHAR, bound VARCHAR, period VARCHAR, change JSON, share JSON,
        rank JSON, region VARCHAR, lang VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS entities (
        doc_id VARCHAR, doc VARCHAR, start INTEGER, "end" INTEGER, name VARCHAR, type VARCHAR)""",
]


class FactStore(DuckStore):
    """DuckDB-backed store of documents, their facts and entities."""

    SCHEMA = _SCHEMA

    def has_document(self, doc_id: str) -> bool:
        return self.con.execute("SELECT count(*) FROM documents WHERE doc_id = ?", [doc_id]).fetchone()[0] > 0  # type: ignore[index]

    def save_document(
        self,
        doc_id: str,
        name: str,
        path: str,
        fmt: str,
        lang: str,
        chars: int,
        facts: list[Fact],
        entities: list[Entity] | None = None,
    ) -> bool:
        """Store a document with its facts (and entities); False when it was already stored.

        Entities of a document stored earlier without them are added.
        """
        if self.has_document(doc_id):
            if entities and not self._has_entities(doc_id):
                self._insert_entities(doc_id, entities)
            return False
        rows = []
        for i, f in enumerate(facts):
            r = f.to_record()
            rows.append(
                {
                    "doc_id": doc_id,
                    "idx": i,
                    "doc": r["doc"],
                    "start": r["start"],
                    "end": r["end"],
                    "text": r["text"],
                    "sentence": r["sentence"],
                    "subject": r["subject"],
                    "value": float(r["value"]),
                    "unit": r["unit"],
                    "bound": r["bound"],
                    "period": r["period"],
                    "change": None if r["change"] is None else json.dumps(r["change"], ensure_ascii=False),
                    "share": None if r["share"] is None else json.dumps(r["share"], ensure_ascii=False),
                    "rank": None if r["rank"] is None else json.dumps(r["rank"], ensure_ascii=False),
                    "region": r["region"],
                    "lang": r["lang"],
                }
            )
        now = datetime.now(UTC).replace(tzinfo=None)
        with self.transaction():
            self.con.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)", [doc_id, name, path, fmt, lang, chars, now]
            )
            if rows:
                frame = pd.DataFrame(rows)
                self.con.from_df(frame).insert_into("facts")
            if entities:
                self._insert_entities(doc_id, entities)
        return True

    def _has_entities(self, doc_id: str) -> bool:
        return self.con.execute("SELECT count(*) FROM entities WHERE doc_id = ?", [doc_id]).fetchone()[0] > 0  # type: ignore[index]

    def _insert_entities(self, doc_id: str, entities: list[Entity]) -> None:
        frame = pd.DataFrame(
            [
                {"doc_id": doc_id, "doc": e.doc, "start": e.start, "end": e.end, "name": e.name, "type": e.type}
                for e in entities
            ]
        )
        self.con.from_df(frame).insert_into("entities")

    def entity_registry(self) -> pd.DataFrame:
        """The actors across all stored documents: one row per (name, type) with its mentions."""
        return self.con.execute(
            """SELECT name, type, count(*) AS mentions, count(DISTINCT doc_id) AS documents,
                      string_agg(DISTINCT doc, '; ') AS docs,
                      list(doc || ':' || start ORDER BY doc, start) AS spans
               FROM entities GROUP BY name, type ORDER BY mentions DESC, name"""
        ).df()

    def documents(self) -> pd.DataFrame:
        return self.con.execute(
            """SELECT d.*, count(f.idx) AS facts FROM documents d LEFT JOIN facts f USING (doc_id)
               GROUP BY ALL ORDER BY stored_at"""
        ).df()

    def facts(self, doc_id: str | None = None) -> pd.DataFrame:
        sql = "SELECT * FROM facts {} ORDER BY doc_id, idx".format("WHERE doc_id = ?" if doc_id else "")
        return self.con.execute(sql, [doc_id] if doc_id else []).df()
