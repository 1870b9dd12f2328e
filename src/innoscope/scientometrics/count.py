"""Counting records by place into panel observations, in DuckDB.

Counting methods (a record's addresses are the rows of the records table;
papers count their authors' addresses, patents their inventors', unless
``role`` says otherwise):

- ``whole``: a record counts once for each unit among its addresses;
- ``fractional``: each address 1/n of the record (n = the record's addresses);
- ``author-fractional``: each author 1/N of the record, shared equally among
  that author's addresses (address-fractional where authors are not linked to
  addresses).

Fractions are summed exactly: each weight is held as an integer number of
1e-12 and the sums are integers, so the result does not depend on the order
of the additions — on one thread, many threads or a Dask cluster — and is
rounded to 9 decimals at the end.

A share (``share_of``) divides each unit's count by the reference's count in
the same period, by the same method, in percent: ``share_of="CHN"`` gives each
Chinese province's share of China's papers ("占全国总数的29.8%"),
``share_of="WORLD"`` each unit's share of all records.

The observations have the panel's columns ``unit, indicator, period, value``
and their source: the records file and its SHA-256, the number of records and
their ids (``;``-separated) — a :class:`~innoscope.provenance.RecordIds`.
Addresses without a unit (unmatched), records without a year and the mass
they hold are reported in :attr:`Counts.unassigned`, never dropped silently.

>>> import pandas as pd
>>> t = pd.DataFrame({"record_id": ["a", "a", "b"], "address_index": [0, 1, 0], "kind": "paper",
...     "role": "author", "year": 2021, "country": ["CHN", "USA", "CHN"], "frac": [0.5, 0.5, 1.0],
...     "author_frac": [0.5, 0.5, 1.0]})
>>> c = count_records(t, by="country", counting="fractional")
>>> c.observations[["unit", "indicator", "period", "value", "record_ids"]].to_dict("records")[0]
{'unit': 'CHN', 'indicator': 'papers_fractional', 'period': 2021, 'value': 1.5, 'record_ids': 'a;b'}
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from innoscope.errors import E, InnoscopeError
from innoscope.scientometrics.journals import journal_key

__all__ = ["By", "CountSpec", "Counting", "Counts", "count_records", "unit_sql"]

SCALE = 10**12  # fractions are summed as integers of 1e-12


class By(StrEnum):
    COUNTRY = "country"
    PROVINCE = "province"
    CITY = "city"
    INSTITUTION = "institution"
    CLUSTER = "cluster"


class Counting(StrEnum):
    WHOLE = "whole"
    FRACTIONAL = "fractional"
    AUTHOR_FRACTIONAL = "author-fractional"


@dataclass(frozen=True)
class CountSpec:
    """What to count: unit, method, which records (kind, role, journals, fields, periods), and the share."""

    by: By = By.COUNTRY
    counting: Counting = Counting.WHOLE
    kind: str = "paper"
    role: str | None = None  # default: author addresses for papers, inventors for patents
    journals: frozenset[str] | None = None  # journal keys
    journal_label: str | None = None
    fields: tuple[str, ...] = ()
    share_of: str | None = None  # ISO3 country or WORLD
    indicator: str | None = None
    sources: bool = True

    def indicator_name(self) -> str:
        if self.indicator:
            return self.indicator
        parts = [self.kind + "s"]
        if self.journal_label:
            parts.append(self.journal_label.replace("-", "_"))
        parts.append(self.counting.value.replace("-", "_"))
        if self.share_of:
            parts.append(f"share_of_{self.share_of.lower()}_pct")
        return "_".join(parts)

    def roles(self) -> tuple[str, ...]:
        if self.role:
            return (self.role,)
        return ("inventor",) if self.kind == "patent" else ("author", "reprint")


@dataclass
class Counts:
    """The observations and what could not be counted."""

    observations: object  # pandas.DataFrame
    unassigned: object  # pandas.DataFrame: period, records, weight — addresses without a unit
    no_year: int = 0  # records (of the selection) without a year, left out
    notes: list[str] = field(default_factory=list)


def unit_sql(by: By) -> str:
    """The SQL expression of a unit, over the records table's columns."""
    return {
        By.COUNTRY: "country",
        By.PROVINCE: "province",
        By.CITY: "CASE WHEN city IS NULL THEN NULL WHEN country = 'CHN' THEN city ELSE city || ', ' || country END",
        By.INSTITUTION: "CASE WHEN institution IS NOT NULL THEN institution || ', ' || coalesce(country, '?') END",
        By.CLUSTER: "cluster",
    }[by]


def _weight_sql(counting: Counting) -> str:
    col = "frac" if counting is Counting.FRACTIONAL else "author_frac"
    return f"CAST(round({col} * {SCALE}) AS BIGINT)"


def _relation(con, source, clusters) -> str:
    """Register the records (DataFrame, Parquet file, folder or glob) and return the relation's SQL."""
    if isinstance(source, (str, Path)) or (isinstance(source, Sequence) and not hasattr(source, "columns")):
        paths = [source] if isinstance(source, (str, Path)) else list(source)
        files: list[str] = []
        for p in map(Path, paths):
            if p.is_dir():
                files.append(str(p / "**" / "*.parquet"))
            elif p.is_file() or any(ch in str(p) for ch in "*?["):
                files.append(str(p))
            else:
                raise InnoscopeError(E.FILE_MISSING, where=str(p))
        rel = f"read_parquet({files!r}, union_by_name = true)"
    else:
        con.register("records_df", source)
        rel = "records_df"
    if clusters is not None:
        con.register("assignments_df", clusters)
        rel = (
            f"(SELECT r.*, a.cluster FROM {rel} r LEFT JOIN assignments_df a "
            "ON a.id = r.record_id || '#' || CAST(r.address_index AS VARCHAR))"
        )
    return rel


def _connect(threads: int | None, memory_limit: str | None, temp_directory: str | None):
    import duckdb

    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    if memory_limit:
        con.execute(f"SET memory_limit = {_lit(memory_limit)}")
    if temp_directory:
        con.execute(f"SET temp_directory = {_lit(temp_directory)}")
    con.execute("SET preserve_insertion_order = false")
    return con


def count_records(
    source,
    by: By | str = By.COUNTRY,
    counting: Counting | str = Counting.WHOLE,
    *,
    spec: CountSpec | None = None,
    clusters=None,
    source_file: str | None = None,
    source_sha256: str | None = None,
    threads: int | None = None,
    memory_limit: str | None = None,
    temp_directory: str | None = None,
    **options,
) -> Counts:
    """Count the records of ``source`` (records table, Parquet file, folder or glob) by unit and period.

    ``clusters`` (a DataFrame ``id, cluster`` with ids ``record_id#address_index``) is needed for
    ``by="cluster"``.  ``threads``, ``memory_limit`` (e.g. ``"4GB"``) and ``temp_directory`` are
    passed to DuckDB, which spills to disk when the data do not fit in memory.
    """
    spec = spec or CountSpec(by=By(by), counting=Counting(counting), **options)
    parts = count_partials(
        source, spec, clusters=clusters, threads=threads, memory_limit=memory_limit, temp_directory=temp_directory
    )
    return finish(parts, spec, source_file, source_sha256)


@dataclass
class Partials:
    """What a part of the records adds to a count (integers: parts of disjoint records add exactly)."""

    groups: object  # DataFrame: unit, period, units (int: records, or weight in 1e-12), n_records, ids (list)
    unassigned: object  # DataFrame: period, records, units
    no_year: int
    reference: object  # DataFrame: period, units — the share's reference (empty without a share)
    members: frozenset  # units inside the reference country


def count_partials(source, spec: CountSpec, *, clusters=None, threads=None, memory_limit=None, temp_directory=None):
    """The :class:`Partials` of one source (all of it locally; one file of a dataset on a Dask worker)."""
    if spec.by is By.CLUSTER and clusters is None:
        raise InnoscopeError(
            E.COUNT_OPTION, where="--by cluster", detail="needs the assignments of `innoscope clusters`"
        )
    con = _connect(threads, memory_limit, temp_directory)
    try:
        return _partials(con, _relation(con, source, clusters), spec)
    finally:
        con.close()


def _lit(value) -> str:
    """A SQL literal: a quoted string, or a list of them."""
    if isinstance(value, (list, tuple, frozenset, set)):
        return "[" + ", ".join(_lit(v) for v in sorted(value)) + "]::VARCHAR[]"
    return "'" + str(value).replace("'", "''") + "'"


def _selection(spec: CountSpec, titles: list[str] | None = None) -> str:
    """The WHERE clause choosing the addresses counted (``titles``: the journal spellings in the set)."""
    # records without any address stay in the selection: their mass is reported as unassigned
    where = [f"kind = {_lit(spec.kind)}", f"(address_index < 0 OR list_contains({_lit(spec.roles())}, role))"]
    if spec.journals is not None:
        keys = _lit(titles or ["\x00"])
        where.append(f"(list_contains({keys}, journal) OR list_contains({keys}, journal_abbrev))")
    if spec.fields:
        where.append(
            "(" + " OR ".join(f"contains(upper(coalesce(fields, '')), {_lit(f.upper())})" for f in spec.fields) + ")"
        )
    return " AND ".join(where)


FLAGGED = {
    By.COUNTRY: "first_country",
    By.PROVINCE: "first_province",
    By.CITY: "first_city",
    By.INSTITUTION: "first_institution",
}


def _partials(con, rel: str, spec: CountSpec) -> Partials:
    """Two passes over the selection: by (unit, period), and by period for the totals."""
    import pandas as pd

    titles = None
    if spec.journals is not None:  # match the distinct spellings once, not every row
        found = con.execute(f"SELECT DISTINCT journal FROM {rel} UNION SELECT DISTINCT journal_abbrev FROM {rel}")
        titles = sorted(t for (t,) in found.fetchall() if t is not None and journal_key(t) in spec.journals)
    where = _selection(spec, titles)
    placed = f"CASE WHEN address_index >= 0 THEN {unit_sql(spec.by)} END"
    con.execute(f"CREATE OR REPLACE TEMP VIEW sel AS SELECT *, {placed} AS unit FROM {rel} WHERE {where}")
    columns = {r[0] for r in con.execute("DESCRIBE sel").fetchall()}
    flag = FLAGGED.get(spec.by)
    # the first row of each record (and role) with a given unit: whole counts are sums, not DISTINCT
    fast = flag in columns and {"first_row", "first_country"} <= columns
    if fast:
        records, all_records = f"sum(CAST({flag} AS BIGINT))", "sum(CAST(first_row AS BIGINT))"
        in_ref = "sum(CAST(first_country AS BIGINT)) FILTER (WHERE country = {ref})"
    else:
        records, all_records = "count(DISTINCT record_id)", "count(DISTINCT record_id)"
        in_ref = "count(DISTINCT record_id) FILTER (WHERE country = {ref})"
    weight = f"sum({_weight_sql(spec.counting)})"
    amount = records if spec.counting is Counting.WHOLE else weight
    ids = (
        (
            f"list(record_id ORDER BY record_id) FILTER (WHERE {flag})"
            if fast
            else "list(DISTINCT record_id ORDER BY record_id)"
        )
        if spec.sources
        else "NULL"
    )
    # integers leave DuckDB as text: a HUGEINT would become a float in pandas
    by_unit = con.execute(
        f"""SELECT unit, CAST(year AS BIGINT) AS period, CAST({amount} AS VARCHAR) AS units,
                   {records} AS n_records, CASE WHEN unit IS NOT NULL THEN {ids} END AS ids
            FROM sel GROUP BY unit, year"""
    ).df()
    ref = (spec.share_of or "WORLD").upper()
    if ref == "WORLD":
        ref_amount = all_records if spec.counting is Counting.WHOLE else weight
    else:
        ref_amount = in_ref if spec.counting is Counting.WHOLE else f"{weight} FILTER (WHERE country = {{ref}})"
        ref_amount = ref_amount.format(ref=_lit(ref))
    by_year = con.execute(
        f"""SELECT CAST(year AS BIGINT) AS period, {all_records} AS records, CAST({ref_amount} AS VARCHAR) AS units
            FROM sel GROUP BY year"""
    ).df()
    for df in (by_unit, by_year):
        df["units"] = [int(u) if u is not None and not isinstance(u, float) else 0 for u in df["units"]]
    placed_rows = by_unit["unit"].notna()
    groups = by_unit[placed_rows & by_unit["period"].notna()].reset_index(drop=True)
    unassigned = by_unit[~placed_rows].rename(columns={"n_records": "records"})[["period", "records", "units"]]
    no_year = int(by_year.loc[by_year["period"].isna(), "records"].sum())
    reference, members = pd.DataFrame({"period": [], "units": []}), frozenset()
    if spec.share_of:
        reference = by_year[by_year["period"].notna() & (by_year["units"] > 0)][["period", "units"]]
        if ref != "WORLD" and spec.by is not By.COUNTRY:
            rows = con.execute(f"SELECT DISTINCT unit FROM sel WHERE unit IS NOT NULL AND country = {_lit(ref)}")
            members = frozenset(r[0] for r in rows.fetchall())
    return Partials(groups, unassigned.reset_index(drop=True), no_year, reference.reset_index(drop=True), members)


def combine(parts: list[Partials]) -> Partials:
    """Partials of disjoint sets of records added together (exact: integer sums, id lists merged)."""
    import heapq

    import pandas as pd

    if len(parts) == 1:
        return parts[0]
    g = pd.concat([p.groups for p in parts], ignore_index=True)
    if len(g):
        merged = (
            g.groupby(["unit", "period"], sort=False, dropna=False)
            .agg(
                units=("units", lambda s: sum(int(x) for x in s)),
                n_records=("n_records", "sum"),
                ids=("ids", lambda s: list(heapq.merge(*[x for x in s if x is not None])) if s.notna().any() else None),
            )
            .reset_index()
        )
    else:
        merged = g
    u = pd.concat([p.unassigned for p in parts], ignore_index=True)
    u = u.groupby("period", sort=False, dropna=False).agg(
        records=("records", "sum"), units=("units", lambda s: sum(map(int, s)))
    )
    r = pd.concat([p.reference for p in parts], ignore_index=True)
    r = r.groupby("period", sort=False, dropna=False).agg(units=("units", lambda s: sum(map(int, s)))).reset_index()
    return Partials(
        merged, u.reset_index(), sum(p.no_year for p in parts), r, frozenset().union(*(p.members for p in parts))
    )


def _value(units: int, counting: Counting) -> float:
    return float(units) if counting is Counting.WHOLE else round(units / SCALE, 9)


def finish(
    parts: Partials, spec: CountSpec, source_file: str | None = None, source_sha256: str | None = None
) -> Counts:
    """The observations (and what could not be counted) from the partials."""
    import pandas as pd

    g = parts.groups
    obs = pd.DataFrame(
        {
            "unit": g["unit"].astype(object),
            "indicator": spec.indicator_name(),
            "period": g["period"].astype("int64"),
            "value": [_value(int(u), spec.counting) for u in g["units"]],
            "n_records": g["n_records"].astype("int64"),
            "record_ids": [";".join(x) if x is not None and not isinstance(x, float) else None for x in g["ids"]],
        }
    )
    notes = []
    if spec.share_of:
        ref = spec.share_of.upper()
        if parts.reference.empty:
            raise InnoscopeError(
                E.SHARE_REFERENCE, where="--share-of", detail=f"no {spec.kind} has an address in {ref}"
            )
        totals = {int(p): int(u) for p, u in zip(parts.reference["period"], parts.reference["units"], strict=True)}
        if ref != "WORLD" and spec.by is not By.COUNTRY:
            obs = obs[obs["unit"].isin(parts.members)]
        obs = obs[obs["period"].isin(totals)].copy()
        units = dict(zip(zip(g["unit"], g["period"], strict=True), g["units"], strict=True))
        obs["reference"] = ref
        obs["reference_value"] = [_value(totals[p], spec.counting) for p in obs["period"]]
        obs["value"] = [
            round(100.0 * int(units[(u, p)]) / totals[p], 9) for u, p in zip(obs["unit"], obs["period"], strict=True)
        ]
        notes.append(f"shares in percent of {ref}'s {spec.kind}s counted {spec.counting.value}")
    obs["source_kind"] = "records"
    obs["source_file"] = source_file
    obs["source_sha256"] = source_sha256
    obs = obs.sort_values(["unit", "period"], kind="stable").reset_index(drop=True)
    u = parts.unassigned
    unassigned = (
        pd.DataFrame(
            {
                "period": u["period"],
                "records": u["records"].astype("int64"),
                "weight": [_value(int(x), spec.counting) for x in u["units"]],
            }
        )
        .sort_values("period", na_position="first")
        .reset_index(drop=True)
    )
    return Counts(obs, unassigned, parts.no_year, notes)
