"""The DuckDB file every process shares: schema with a version, migrations, and the lock.

A DuckDB file admits one writing process or several reading ones at a time.
innoscope keeps connections short and waits instead of failing:

* a **writer** first takes ``<store>.lock`` (a :mod:`filelock` lock, so writers
  queue in the kernel instead of polling), then opens the file, retrying while
  readers still hold it, writes in one transaction and closes.  Nothing is
  computed while the lock is held, so waiting is short; if the wait exceeds
  ``timeout`` seconds (``$INNOSCOPE_STORE_TIMEOUT``, default 300) the writer
  fails with one line (E404), never a traceback;
* a **reader** opens the file read-only (retrying while a writer holds it) and
  runs no DDL.  A read command on a path that does not exist is an error
  (E402), not a new empty store;
* **threads** of one process (a server answering requests) share the file too:
  DuckDB refuses a read-only and a read-write connection to one file in one
  process at the same time, so each path has an in-process readers-writer lock
  (:class:`_SharedLock`): readers share it, a writer waits for them and takes it
  alone, and a waiting writer lets no new reader in before it.

The schema carries its version in ``meta``; :data:`MIGRATIONS` bring any older
store forward, in order, the first time a writer (or a reader, through a short
write) opens it.  A store from a newer version of innoscope is refused (E403).

``":memory:"`` gives one in-process database (for tests and doctests) that
lives as long as its :class:`Database` object.

>>> db = Database(":memory:")
>>> with db.write() as con:
...     _ = con.execute("INSERT INTO runs (run_id, name) VALUES (1, 'demo')")
>>> with db.read() as con:
...     con.execute("SELECT name FROM runs").fetchall(), schema_version(con)
([('demo',)], 3)
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from innoscope.errors import E, InnoscopeError

if TYPE_CHECKING:
    import duckdb

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Database", "schema_version"]

# Version 1: the tables of the first release (runs with scores, treatment and screening; documents,
# facts and entities).  Every later version is one migration below.
_V1 = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    "CREATE SEQUENCE IF NOT EXISTS run_ids START 1",
    """CREATE TABLE IF NOT EXISTS runs (
        run_id INTEGER PRIMARY KEY, created_at TIMESTAMP, workspace VARCHAR, name VARCHAR,
        settings JSON, inputs JSON, framework JSON, notes JSON)""",
    """CREATE TABLE IF NOT EXISTS run_scores (
        run_id INTEGER, unit VARCHAR, node VARCHAR, period VARCHAR, score DOUBLE, rank INTEGER)""",
    """CREATE TABLE IF NOT EXISTS run_treatment (
        run_id INTEGER, period VARCHAR, indicator VARCHAR, action VARCHAR, nwin INTEGER, details JSON)""",
    """CREATE TABLE IF NOT EXISTS run_screening (
        run_id INTEGER, unit VARCHAR, period VARCHAR, availability DOUBLE, kept BOOLEAN)""",
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

# Version 2: what tells runs apart (label and hashes), their units and input observations with typed
# sources, stored audits, documents' context and facts' whole records.
_V2 = [
    "ALTER TABLE runs ADD COLUMN label VARCHAR",
    "ALTER TABLE runs ADD COLUMN root VARCHAR",
    "ALTER TABLE runs ADD COLUMN settings_hash VARCHAR",
    "ALTER TABLE runs ADD COLUMN framework_hash VARCHAR",
    "ALTER TABLE runs ADD COLUMN data_hash VARCHAR",
    "CREATE TABLE run_units (run_id INTEGER, unit VARCHAR, name VARCHAR, groups JSON)",
    """CREATE TABLE run_observations (
        run_id INTEGER, unit VARCHAR, indicator VARCHAR, period VARCHAR, value DOUBLE, imputed DOUBLE,
        file VARCHAR, "row" INTEGER, "column" VARCHAR, source JSON)""",
    "CREATE SEQUENCE audit_ids START 1",
    """CREATE TABLE audits (
        audit_id INTEGER PRIMARY KEY, run_id INTEGER, kind VARCHAR, created_at TIMESTAMP, period VARCHAR,
        runs INTEGER, seed BIGINT, engine VARCHAR, settings JSON, notes JSON)""",
    """CREATE TABLE audit_intervals (
        audit_id INTEGER, unit VARCHAR, period VARCHAR, nominal_rank INTEGER, median_rank DOUBLE,
        mean_rank DOUBLE, q05_rank DOUBLE, q95_rank DOUBLE, nominal_score DOUBLE, median_score DOUBLE,
        q05_score DOUBLE, q95_score DOUBLE)""",
    """CREATE TABLE audit_sobol (
        audit_id INTEGER, target VARCHAR, factor VARCHAR, s1 DOUBLE, s1_low DOUBLE, s1_high DOUBLE,
        st DOUBLE, st_low DOUBLE, st_high DOUBLE, flagged BOOLEAN)""",
    "ALTER TABLE documents ADD COLUMN context JSON",
    "ALTER TABLE facts ADD COLUMN status VARCHAR",
    "ALTER TABLE facts ADD COLUMN record JSON",
    # facts stored before version 2 get their record from their columns
    """UPDATE facts SET record = json_object(
        'doc', doc, 'start', start, 'end', "end", 'text', text, 'sentence', sentence, 'subject', subject,
        'value', value, 'unit', unit, 'bound', bound, 'period', period, 'change', change, 'share', share,
        'rank', rank, 'region', region, 'lang', lang)""",
]

# Version 3: an observation says which of its source's numbers it is (its measure) and the sheet
# (or R object) of its cell.
_V3 = [
    "ALTER TABLE run_observations ADD COLUMN measure VARCHAR",
    "ALTER TABLE run_observations ADD COLUMN sheet VARCHAR",
]

MIGRATIONS: tuple[tuple[str, ...], ...] = (tuple(_V1), tuple(_V2), tuple(_V3))
SCHEMA_VERSION = len(MIGRATIONS)
_AFTER: dict[int, Callable[[duckdb.DuckDBPyConnection], None]] = {}


def _backfill_run_hashes(con: duckdb.DuckDBPyConnection) -> None:
    from innoscope.store.runs import describe_settings, json_hash, root_of

    rows = con.execute("SELECT run_id, settings, framework, inputs FROM runs WHERE settings_hash IS NULL").fetchall()
    import json

    for rid, settings, framework, inputs in rows:
        s, f, i = json.loads(settings or "{}"), json.loads(framework or "[]"), json.loads(inputs or "{}")
        root = root_of(f)
        con.execute(
            "UPDATE runs SET label = ?, root = ?, settings_hash = ?, framework_hash = ?, data_hash = ? "
            "WHERE run_id = ?",
            [describe_settings(s), root, json_hash(s), json_hash(f), json_hash(i), rid],
        )


_AFTER[2] = _backfill_run_hashes


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version a store's schema is at: 0 for an empty file, 1 for a store without a version row."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "meta" not in tables:
        return 1 if {"runs", "documents"} & tables else 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 1


def _migrate(con: duckdb.DuckDBPyConnection, where: str) -> None:
    version = schema_version(con)
    if version > SCHEMA_VERSION:
        raise InnoscopeError(
            E.STORE_NEWER, where=where, detail=f"schema version {version}; this innoscope reads up to {SCHEMA_VERSION}"
        )
    if version == SCHEMA_VERSION:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        for v in range(max(version, 0), SCHEMA_VERSION):
            for stmt in (*_V1, *MIGRATIONS[v]) if v > 0 else _V1:
                con.execute(stmt)
            if v + 1 in _AFTER:
                _AFTER[v + 1](con)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


class _SharedLock:
    """A readers-writer lock preferring writers; a thread already reading may read again."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers: dict[int, int] = {}
        self._writer: int | None = None
        self._writes = 0
        self._waiting = 0

    @contextmanager
    def shared(self, deadline: float) -> Iterator[None]:
        me = threading.get_ident()
        with self._cond:
            nested = me in self._readers or self._writer == me
            while not nested and (self._writer is not None or self._waiting):
                if not self._cond.wait(max(deadline - time.monotonic(), 0)) and time.monotonic() > deadline:
                    raise TimeoutError
            self._readers[me] = self._readers.get(me, 0) + 1
        try:
            yield
        finally:
            with self._cond:
                self._readers[me] -= 1
                if not self._readers[me]:
                    del self._readers[me]
                self._cond.notify_all()

    @contextmanager
    def exclusive(self, deadline: float) -> Iterator[None]:
        me = threading.get_ident()
        with self._cond:
            if self._writer != me:
                self._waiting += 1
                try:
                    while self._writer is not None or self._readers:
                        if not self._cond.wait(max(deadline - time.monotonic(), 0)) and time.monotonic() > deadline:
                            raise TimeoutError
                finally:
                    self._waiting -= 1
                self._writer = me
            self._writes += 1
        try:
            yield
        finally:
            with self._cond:
                self._writes -= 1
                if not self._writes:
                    self._writer = None
                self._cond.notify_all()


_LOCKS: dict[str, _SharedLock] = {}
_LOCKS_GUARD = threading.Lock()


def _inprocess(path: str) -> _SharedLock:
    key = os.path.realpath(path)
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, _SharedLock())


def _timeout() -> float:
    try:
        return float(os.environ.get("INNOSCOPE_STORE_TIMEOUT", "300"))
    except ValueError:
        raise InnoscopeError(
            E.BAD_ENVIRONMENT, where="INNOSCOPE_STORE_TIMEOUT", detail=repr(os.environ["INNOSCOPE_STORE_TIMEOUT"])
        ) from None


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


def _connect(path: str, read_only: bool, deadline: float) -> duckdb.DuckDBPyConnection:
    import duckdb

    pause = 0.01
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if not _is_lock_error(exc) or time.monotonic() > deadline:
                if _is_lock_error(exc):
                    raise InnoscopeError(E.STORE_BUSY, where=path, detail="another process held it too long") from None
                raise InnoscopeError(E.STORE_UNREADABLE, where=path, detail=str(exc).splitlines()[0]) from None
        except duckdb.Error as exc:
            raise InnoscopeError(E.STORE_UNREADABLE, where=path, detail=str(exc).splitlines()[0]) from None
        time.sleep(pause * (1 + random.random()))
        pause = min(pause * 2, 0.25)


class Database:
    """A store file (or ``":memory:"``): short read and write connections with the rules above."""

    def __init__(self, path: str | Path = ":memory:", timeout: float | None = None) -> None:
        self.path = str(path)
        self.timeout = _timeout() if timeout is None else timeout
        self._memory = None
        if self.path == ":memory:":
            import duckdb

            self._memory = duckdb.connect(":memory:")
            _migrate(self._memory, self.path)

    @property
    def exists(self) -> bool:
        return self._memory is not None or Path(self.path).is_file()

    @contextmanager
    def write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for writing; everything inside commits together or not at all."""
        if self._memory is not None:
            with _transaction(self._memory):
                yield self._memory
            return
        from filelock import FileLock, Timeout

        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.timeout
        try:
            with FileLock(self.path + ".lock", timeout=self.timeout), _inprocess(self.path).exclusive(deadline):
                con = _connect(self.path, False, deadline)
                try:
                    _migrate(con, self.path)
                    with _transaction(con):
                        yield con
                finally:
                    con.close()
        except (Timeout, TimeoutError):
            raise InnoscopeError(
                E.STORE_BUSY, where=self.path, detail=f"waited {self.timeout:g} s for another writer"
            ) from None

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection (the store is migrated first where it is older)."""
        if self._memory is not None:
            yield self._memory
            return
        if not Path(self.path).is_file():
            raise InnoscopeError(E.STORE_MISSING, where=self.path, detail="no store at this path")
        deadline = time.monotonic() + self.timeout
        with self._shared(deadline):
            con = _connect(self.path, True, deadline)
            version = schema_version(con)
            if version == SCHEMA_VERSION:
                try:
                    yield con
                finally:
                    con.close()
                return
            con.close()
        if version > SCHEMA_VERSION:
            raise InnoscopeError(
                E.STORE_NEWER,
                where=self.path,
                detail=f"schema version {version}; this innoscope reads up to {SCHEMA_VERSION}",
            )
        with self.write():
            pass
        with self._shared(deadline):
            con = _connect(self.path, True, deadline)
            try:
                yield con
            finally:
                con.close()

    @contextmanager
    def _shared(self, deadline: float) -> Iterator[None]:
        try:
            with _inprocess(self.path).shared(deadline):
                yield
        except TimeoutError:
            raise InnoscopeError(
                E.STORE_BUSY, where=self.path, detail=f"waited {self.timeout:g} s for a writer of this process"
            ) from None

    def close(self) -> None:
        if self._memory is not None:
            self._memory.close()
            self._memory = None


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
