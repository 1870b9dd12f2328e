"""Patent records from a CSV file: one row per inventor or applicant of an application.

The layout (UTF-8, header row; columns in any order, names case-insensitive):

============== ======== ===========================================================
column         required content
============== ======== ===========================================================
application_id yes      the application's id, e.g. ``WO2021123456`` (rows sharing it
                        form one record)
filing_date    yes      ``YYYY-MM-DD`` (or ``YYYY``): the period is its year
office         no       the receiving office, e.g. ``WO``, ``CN``, ``EP``
ipc            no       IPC codes, ``;``-separated (``H04L 9/32; G06F 21/60``)
title          no       the title
role           yes      ``inventor`` or ``applicant``
name           no       the person's or organisation's name
address        no*      the address as free text (``Pudong, Shanghai, China`` or
                        ``上海市浦东新区``)
country        no       ISO 3166 alpha-2 or alpha-3 code, or a name
lat, lon       no*      coordinates in degrees (used as given, the address still
                        names the city and province)
============== ======== ===========================================================

\\* each row needs an address or coordinates; a row with neither is reported
(``no_address``); the person still counts among the record's inventors, and
that share of the application stays unassigned.
Application-level fields that differ between rows of one application are
reported (``bad_field``) and the first row's value is kept.

>>> text = (
...     "application_id,filing_date,office,ipc,role,name,address,country\\n"
...     'WO1,2021-03-02,WO,H04L 9/32,inventor,Li,"Pudong, Shanghai",CN\\n'
...     "WO1,2021-03-02,WO,H04L 9/32,inventor,Wu,Hangzhou,CN\\n"
... )
>>> recs, probs = parse_patents(text, "p.csv")
>>> r = recs[0]; r.id, r.kind, r.year, r.fields, [a.line for a in r.affiliations], probs
('WO1', 'patent', 2021, ('H04L 9/32',), [2, 3], [])
"""

from __future__ import annotations

import csv
import io
import math
import re

from innoscope.errors import E, InnoscopeError
from innoscope.scientometrics.schema import Affiliation, Problem, Record

__all__ = ["COLUMNS", "is_patents", "parse_patents"]

COLUMNS = (
    "application_id",
    "filing_date",
    "office",
    "ipc",
    "title",
    "role",
    "name",
    "address",
    "country",
    "lat",
    "lon",
)
REQUIRED = ("application_id", "filing_date", "role")
ROLES = ("inventor", "applicant")


def is_patents(head: str) -> bool:
    """Whether a CSV header is the patent layout's."""
    first = head.lstrip("\ufeff").split("\n", 1)[0].lower()
    cells = {c.strip().strip('"') for c in first.split(",")}
    return "application_id" in cells


def _float(text: str) -> float | None:
    try:
        v = float(text)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def _filing_year(text: str) -> int | None:
    """The year of ``YYYY-MM-DD`` (a real date) or ``YYYY``; None otherwise."""
    from datetime import date

    if re.fullmatch(r"(?:18|19|20)\d{2}", text):
        return int(text)
    try:
        return date.fromisoformat(text).year if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def parse_patents(text: str, file: str) -> tuple[list[Record], list[Problem]]:
    """Records (one per application) and problems of a patent CSV."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return [], []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InnoscopeError(
            E.RECORDS_COLUMN, where=f"{file}:1", detail=f"{', '.join(missing)} (found: {', '.join(header)})"
        )
    col = {h: i for i, h in enumerate(header)}
    by_id: dict[str, Record] = {}
    parties: dict[str, list[Affiliation]] = {}
    names: dict[str, list[str]] = {}
    problems: list[Problem] = []
    start = reader.line_num + 1
    for row in reader:
        line, start = start, reader.line_num + 1
        if not any(c.strip() for c in row):
            continue

        def get(name: str, row: list[str] = row) -> str:
            i = col.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        app = get("application_id")
        if not app:
            problems.append(Problem(file, line, "no_id", "no application_id; row skipped"))
            continue
        year = _filing_year(get("filing_date"))
        if year is None:
            problems.append(Problem(file, line, "bad_field", f"filing_date {get('filing_date')!r} is not YYYY-MM-DD"))
        role = get("role").lower()
        if role not in ROLES:
            problems.append(
                Problem(file, line, "bad_field", f"role {get('role')!r} is not inventor or applicant; row skipped")
            )
            continue
        ipc = tuple(c.strip() for c in get("ipc").split(";") if c.strip())
        rec = by_id.get(app)
        if rec is None:
            rec = by_id[app] = Record(
                id=app,
                file=file,
                line=line,
                kind="patent",
                year=year,
                title=get("title") or None,
                fields=ipc,
                office=get("office") or None,
            )
            parties[app], names[app] = [], []
        else:
            for label, mine, theirs in (
                ("filing_date", rec.year, year),
                ("office", rec.office, get("office") or None),
                ("ipc", rec.fields, ipc),
            ):
                if theirs and mine != theirs:
                    problems.append(
                        Problem(
                            file,
                            line,
                            "bad_field",
                            f"{label} differs from line {rec.line} of {app}; line {rec.line}'s kept",
                        )
                    )
        lat, lon = _float(get("lat")) if get("lat") else None, _float(get("lon")) if get("lon") else None
        if (get("lat") or get("lon")) and (lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180)):
            problems.append(
                Problem(file, line, "bad_field", f"coordinates ({get('lat')!r}, {get('lon')!r}) are not valid; ignored")
            )
            lat = lon = None
        name = get("name")
        names[app].append(name)
        address = get("address")
        if not address and lat is None:  # kept: the person still has a share, which stays unassigned
            problems.append(
                Problem(
                    file, line, "no_address", f"{role} {name or '(no name)'} of {app} has no address or coordinates"
                )
            )
        parties[app].append(Affiliation(address, (name,) if name else (), role, get("country") or None, lat, lon, line))
    out = []
    for app, rec in by_id.items():
        rec.affiliations = tuple(parties[app])
        rec.authors = tuple(n for n in names[app] if n)
        out.append(rec)
    return out, problems
