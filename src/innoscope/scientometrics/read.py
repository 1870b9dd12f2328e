"""Read record files of any supported format into the records table, with every problem reported.

:func:`read_records` takes WoS plain-text and tab-delimited exports, Scopus
CSVs, bibliometrix ``.rda`` files, patent CSVs and records tables written
before (``.parquet``), in any mix; the format is recognised from the content,
the encoding from the byte-order mark (UTF-8, UTF-16) or by trying UTF-8 and
then GB18030.  Then:

- a record without an id gets ``FILE:LINE`` as its id, and a ``no_id`` problem;
- a record whose id was seen before (in this or an earlier file) is a
  ``duplicate_id``: reported with both places, the first kept;
- a paper without any address is kept (one row with an empty address) and
  reported (``no_address``);
- every address is matched to a place (:func:`~innoscope.scientometrics.geocode.geocode`);
  the match rate and every address not matched are in :attr:`RecordSet.unmatched`.
"""

from __future__ import annotations

import codecs
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from innoscope.errors import E, InnoscopeError
from innoscope.scientometrics.geocode import Place, geocode
from innoscope.scientometrics.schema import COLUMNS, Problem, Record

__all__ = ["RecordSet", "decode", "flatten", "parse_file", "read_records", "write_records"]


@dataclass
class RecordSet:
    """The records table (:data:`~innoscope.scientometrics.schema.COLUMNS`) and the problems of reading it."""

    table: object  # pandas.DataFrame
    problems: list[Problem] = field(default_factory=list)

    @property
    def n_records(self) -> int:
        return int(self.table["record_id"].nunique())

    @property
    def unmatched(self):
        """Every address not matched to a city or finer: record, file, line, address, match and why."""
        t = self.table
        bad = t[(t["address_index"] >= 0) & (t["match"] != "matched")]
        return bad[["record_id", "file", "line", "address", "country", "province", "match", "match_note"]]

    def match_rate(self) -> float:
        """Share of addresses matched to a city or finer (NaN without addresses)."""
        t = self.table[self.table["address_index"] >= 0]
        return float((t["match"] == "matched").mean()) if len(t) else float("nan")

    def country_rate(self) -> float:
        """Share of addresses whose country is known."""
        t = self.table[self.table["address_index"] >= 0]
        return float(t["country"].notna().mean()) if len(t) else float("nan")

    def problem_counts(self) -> Counter:
        return Counter(p.kind for p in self.problems)

    def problems_frame(self):
        import pandas as pd

        return pd.DataFrame([p.__dict__ for p in self.problems], columns=["file", "line", "kind", "message"])


def decode(data: bytes, where: str) -> str:
    """Text of a file: BOM first (UTF-8, UTF-16 LE/BE), else UTF-8, else GB18030."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InnoscopeError(E.RECORDS_ENCODING, where=where, detail=f"{enc} at byte {exc.start}") from None
    if len(data) > 3 and data[1:4:2] == b"\0\0" and data[0] != 0:  # UTF-16 LE without BOM
        try:
            return data.decode("utf-16-le")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InnoscopeError(
            E.RECORDS_ENCODING, where=where, detail=f"neither UTF-8 (byte {first}) nor GB18030"
        ) from None


def parse_file(path: str | Path) -> tuple[list[Record], list[Problem]]:
    """The records and problems of one file in any supported format."""
    from innoscope.scientometrics.patents import is_patents, parse_patents
    from innoscope.scientometrics.rda import read_rda
    from innoscope.scientometrics.scopus import is_scopus, parse_scopus
    from innoscope.scientometrics.wos import is_plain, is_tabbed, parse_plain, parse_tabbed

    path = Path(path)
    if not path.is_file():
        raise InnoscopeError(E.FILE_MISSING, where=str(path))
    data = path.read_bytes()
    if not data.strip():
        raise InnoscopeError(E.FILE_EMPTY, where=str(path))
    if (
        path.suffix.lower() in (".rda", ".rdata")
        or data[:5] in (b"RDX2\n", b"RDX3\n")
        or data[:2] in (b"\x1f\x8b", b"BZ")
    ):
        return read_rda(path)
    text = decode(data, str(path))
    head = text[:4000]
    name = path.name
    if is_plain(head):
        return parse_plain(text, name)
    if is_tabbed(head):
        return parse_tabbed(text, name)
    if is_patents(head):
        return parse_patents(text, name)
    if is_scopus(head):
        return parse_scopus(text, name)
    first = head.lstrip("\ufeff").split("\n", 1)[0][:80]
    raise InnoscopeError(E.RECORDS_FORMAT, where=str(path), detail=f"first line {first!r}")


def _place(address: str, country: str | None, lat: float | None, lon: float | None) -> Place:
    """The place of an address; given coordinates are kept, and name the city where the address does not."""
    from dataclasses import replace

    if not address and (lat is None or lon is None):
        return Place(note="no address and no coordinates")
    place = geocode(address, country) if address else Place(note="no address, coordinates only")
    if lat is None or lon is None:
        return place
    if place.city is None:  # name the place by the nearest gazetteer city
        from innoscope.geo.countries import iso2_to_iso3
        from innoscope.geo.world import nearest_cities

        (city,), _ = nearest_cities([lat], [lon])
        admin = (
            (f"US-{city.admin1}" if city.country == "US" else f"{city.country}.{city.admin1}") if city.admin1 else None
        )
        place = replace(
            place, city=city.name, province=place.province or admin, country=place.country or iso2_to_iso3(city.country)
        )
    return replace(place, lat=lat, lon=lon, precision="coordinates", match="matched")


def flatten(records: Iterable[Record]) -> list[dict]:
    """Records -> rows of the records table, one per (record, address), with places and weights."""
    rows: list[dict] = []
    for r in records:
        base = {
            "record_id": r.id,
            "file": r.file,
            "line": r.line,
            "kind": r.kind,
            "year": r.year,
            "journal": r.journal,
            "journal_abbrev": r.journal_abbrev,
            "doc_type": r.doc_type,
            "title": r.title,
            "doi": r.doi,
            "fields": "; ".join(r.fields) or None,
            "office": r.office,
            "n_authors": len(r.authors),
        }
        if not r.affiliations:
            rows.append({**base, "address_index": -1, "match": "none", "frac": 1.0, "author_frac": 1.0})
            continue
        by_role: dict[str, list[int]] = {}
        for i, a in enumerate(r.affiliations):
            by_role.setdefault(a.role, []).append(i)
        weights = [0.0] * len(r.affiliations)
        author_weights = [0.0] * len(r.affiliations)
        for idx in by_role.values():
            for i in idx:
                weights[i] = 1.0 / len(idx)
            people: dict[str, list[int]] = {}
            for i in idx:
                for name in r.affiliations[i].authors:
                    people.setdefault(name, []).append(i)
            if people and all(r.affiliations[i].authors for i in idx):
                # each person 1/N, shared equally among that person's addresses
                for where in people.values():
                    for i in where:
                        author_weights[i] += 1.0 / (len(people) * len(where))
            else:  # authors not linked to (every) address: author-fractional is address-fractional
                for i in idx:
                    author_weights[i] = weights[i]
        for i, a in enumerate(r.affiliations):
            p = _place(a.address, a.country, a.lat, a.lon)
            rows.append(
                {
                    **base,
                    "address_index": i,
                    "address_line": a.line,
                    "role": a.role,
                    "address": a.address or None,
                    "authors_at_address": "; ".join(a.authors) or None,
                    "institution": p.institution,
                    "city": p.city,
                    "province": p.province,
                    "country": p.country,
                    "division": p.division,
                    "lat": p.lat,
                    "lon": p.lon,
                    "precision": p.precision,
                    "match": p.match,
                    "match_note": p.note or None,
                    "frac": weights[i],
                    "author_frac": author_weights[i],
                }
            )
    return rows


def to_frame(rows: list[dict]):
    """The records table from rows, every column typed as :data:`COLUMNS` says."""
    import pandas as pd

    df = pd.DataFrame(rows, columns=[c for c in COLUMNS if not c.startswith("first_")])
    return add_flags(df.astype({c: t for c, t in COLUMNS.items() if c in df.columns}))


def add_flags(df):
    """Mark each record's first row (per role), and its first row in each country, province, city and institution.

    Whole counts are then sums of these flags instead of DISTINCT counts of record ids.  The unit keys
    are those of :func:`innoscope.scientometrics.count.unit_sql` (a city is named with its country
    outside China; an empty city or institution is no unit).
    """
    import numpy as np
    import pandas as pd

    country = df["country"].astype(object)
    city = df["city"].astype(object)
    inst = df["institution"].astype(object)
    keys = {
        "first_country": country,
        "first_province": df["province"].astype(object),
        "first_city": pd.Series(
            np.where(
                city.isna() | (country.isna() & city.notna()),
                None,
                np.where(country == "CHN", city, city + ", " + country),
            ),
            index=df.index,
            dtype=object,
        ),
        "first_institution": pd.Series(
            np.where(inst.isna(), None, inst + ", " + country.fillna("?")), index=df.index, dtype=object
        ),
    }
    base = [df["record_id"], df["role"].astype(object)]
    out = df.assign(first_row=~pd.DataFrame({"r": base[0], "o": base[1]}).duplicated().to_numpy())
    for name, key in keys.items():
        out[name] = ~pd.DataFrame({"r": base[0], "o": base[1], "k": key}).duplicated().to_numpy()
    return out


def _dedupe(records: list[Record], problems: list[Problem]) -> list[Record]:
    """Ids for records without one; within one file, the first of records sharing an id."""
    seen: dict[str, int] = {}
    kept = []
    for r in records:
        if not r.id:
            r.id = f"{r.file}:{r.line}"
            problems.append(Problem(r.file, r.line, "no_id", f"record has no id (UT, EID or application_id): {r.id}"))
        if r.id in seen:
            problems.append(Problem(r.file, r.line, "duplicate_id", f"{r.id} already read at {r.file}:{seen[r.id]}"))
            continue
        seen[r.id] = r.line
        kept.append(r)
    return kept


def read_one(path: str | Path) -> tuple[object, list[Problem]]:
    """One file as a records table (duplicates within it removed) and its problems; Parquet read back as is."""
    if Path(path).suffix.lower() == ".parquet":
        return read_table_file(path), []
    records, problems = parse_file(path)
    return to_frame(flatten(_dedupe(records, problems))), problems


def read_records(paths: Sequence[str | Path], client=None) -> RecordSet:
    """Read, de-duplicate and geocode record files into one :class:`RecordSet`.

    With a Dask ``client`` the files are read and geocoded on the cluster, one task per file;
    the result is the same as without.
    """
    import pandas as pd

    paths = list(paths)
    parts = [read_one(p) for p in paths] if client is None else client.gather(client.map(read_one, paths, pure=False))
    frames = []
    problems: list[Problem] = []
    seen: dict[str, tuple[str, int]] = {}
    for t, found in parts:
        problems.extend(found)
        firsts = t.drop_duplicates("record_id")[["record_id", "file", "line"]]
        dup = firsts["record_id"].isin(seen.keys())
        for rid, f, n in firsts[dup].itertuples(index=False):
            problems.append(
                Problem(str(f), int(n), "duplicate_id", f"{rid} already read at {seen[rid][0]}:{seen[rid][1]}")
            )
        for rid, f, n in firsts[~dup].itertuples(index=False):
            seen[rid] = (str(f), int(n))
        frames.append(t[~t["record_id"].isin(set(firsts.loc[dup, "record_id"]))])
    table = pd.concat(frames, ignore_index=True) if frames else to_frame([])
    if table.empty:
        raise InnoscopeError(E.RECORDS_EMPTY, where=", ".join(map(str, paths)), detail=f"{len(problems)} problems")
    bare = table[table["address_index"] < 0]
    for rid, f, n in bare[["record_id", "file", "line"]].itertuples(index=False):
        problems.append(Problem(str(f), int(n), "no_address", f"{rid} has no address; counted as unassigned"))
    order = {str(f): i for i, f in enumerate(pd.unique(table["file"].astype(str)))}
    problems.sort(key=lambda p: (order.get(p.file, len(order)), p.line, p.kind, p.message))
    return RecordSet(table.reset_index(drop=True), problems)


def read_table_file(path: str | Path):
    """A records table written by :func:`write_records` (``.parquet``), checked for its columns."""
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise InnoscopeError(E.FILE_MISSING, where=str(path))
    try:
        t = pd.read_parquet(path)
    except Exception as exc:  # pyarrow's errors for a file that is not Parquet
        raise InnoscopeError(E.RECORDS_FORMAT, where=str(path), detail=f"not a Parquet file ({exc})") from None
    missing = [c for c in ("record_id", "address_index", "frac") if c not in t.columns]
    if missing:
        raise InnoscopeError(E.RECORDS_COLUMN, where=str(path), detail=", ".join(missing))
    return t


def write_records(rs: RecordSet, path: str | Path) -> Path:
    """Write the records table as Parquet (what ``records count`` and ``clusters`` read back)."""
    path = Path(path)
    if path.suffix.lower() != ".parquet":
        raise InnoscopeError(E.FILE_FORMAT, where=str(path), detail="records are written as .parquet")
    path.parent.mkdir(parents=True, exist_ok=True)
    rs.table.to_parquet(path, index=False)
    return path
