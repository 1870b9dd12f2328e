"""Scopus CSV exports.

The columns used: ``Authors`` (old style ``Yang G., Li H.``, comma-delimited;
new style ``Yang, G.; Li, H.``), ``Title``, ``Year``, ``Source title``,
``Abbreviated Source Title``, ``DOI``, ``Affiliations``, ``Authors with
affiliations`` (preferred: it links authors to addresses), ``Document Type``,
``EID`` (the record id).  The line of a record is the CSV line its row starts
on (quoted cells may span lines).

>>> text = (
...     "Authors,Title,Year,Source title,Affiliations,EID\\n"
...     '"Li, G.; Wu, X.",T,2020,Cell,"Fudan Univ, Shanghai, China",2-s2.0-1\\n'
... )
>>> recs, probs = parse_scopus(text, "s.csv")
>>> recs[0].id, recs[0].authors, recs[0].affiliations[0].address, recs[0].line
('2-s2.0-1', ('Li, G.', 'Wu, X.'), 'Fudan Univ, Shanghai, China', 2)
"""

from __future__ import annotations

import csv
import io
import re

from innoscope.scientometrics.affiliations import split_scopus
from innoscope.scientometrics.schema import Problem, Record

__all__ = ["is_scopus", "parse_scopus"]

REQUIRED = ("Authors", "Title")


def is_scopus(head: str) -> bool:
    """Whether a CSV header is a Scopus export's."""
    first = head.lstrip("\ufeff").split("\n", 1)[0]
    return ("EID" in first and ("Source title" in first or "Authors" in first)) or (
        "Authors with affiliations" in first
    )


def _authors(text: str) -> tuple[str, ...]:
    text = text.strip()
    if not text or text == "[No author name available]":
        return ()
    if ";" in text:
        return tuple(a.strip() for a in text.split(";") if a.strip())
    return tuple(a.strip() for a in text.split(", ") if a.strip())


def parse_scopus(text: str, file: str) -> tuple[list[Record], list[Problem]]:
    """Records and problems of a Scopus CSV export (text already decoded)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        return [], []
    col = {h: i for i, h in enumerate(header)}
    records: list[Record] = []
    problems: list[Problem] = []
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(file, start, "malformed_line", f"unreadable CSV row: {exc}"))
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(header):
            problems.append(
                Problem(file, line, "bad_field", f"{len(row)} cells for {len(header)} columns; row skipped")
            )
            continue

        def get(name: str, row: list[str] = row) -> str | None:
            i = col.get(name)
            v = row[i].strip() if i is not None and i < len(row) else ""
            return v or None

        authors = _authors(get("Authors") or "")
        year = get("Year")
        m = re.fullmatch(r"\d{4}", year or "")
        if year and not m:
            problems.append(Problem(file, line, "bad_field", f"Year {year!r} is not a year; left empty"))
        records.append(
            Record(
                id=get("EID"),
                file=file,
                line=line,
                year=int(year) if m and year else None,
                journal=get("Source title"),
                journal_abbrev=get("Abbreviated Source Title"),
                doc_type=get("Document Type"),
                title=get("Title"),
                doi=get("DOI"),
                authors=authors,
                fields=(),
                affiliations=split_scopus(get("Affiliations"), get("Authors with affiliations"), authors),
            )
        )
    return records, problems
