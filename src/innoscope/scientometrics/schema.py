"""What the readers produce: records, their affiliations, and the problems found on the way.

Every reader turns its format into :class:`Record` objects (one per paper or
patent application, with the file and line it starts on) and a list of
:class:`Problem` (file, line, kind, message) for the input it could not use.
Problems never stop the reading: the valid records go on.

The records table (``records read --out``, :data:`COLUMNS`) has one row per
record and affiliation — the unit every count is made of — with the record's
fields repeated, the address, the place it was matched to, and two weights:
``frac`` = 1/n over the record's addresses, ``author_frac`` = each author's
1/n shared equally among that author's addresses.  A record without any
address has one row with an empty address, so nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["COLUMNS", "Affiliation", "Problem", "Record"]


@dataclass(frozen=True)
class Problem:
    """Input that could not be used as it is: where, what kind, and what was found."""

    file: str
    line: int
    kind: str  # malformed_line | no_end | no_id | duplicate_id | no_address | bad_field
    message: str


@dataclass(frozen=True)
class Affiliation:
    """One address of a record, with the authors (inventors, applicants) listed at it."""

    address: str
    authors: tuple[str, ...] = ()
    role: str = "author"  # author | reprint | inventor | applicant
    country: str | None = None  # given by the source (patent CSVs), else read from the address
    lat: float | None = None
    lon: float | None = None
    line: int | None = None


@dataclass
class Record:
    """A paper or a patent application as read, before its addresses are matched to places."""

    id: str | None
    file: str
    line: int
    kind: str = "paper"  # paper | patent
    year: int | None = None
    journal: str | None = None
    journal_abbrev: str | None = None
    doc_type: str | None = None
    title: str | None = None
    doi: str | None = None
    authors: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    office: str | None = None


# The records table, one row per (record, affiliation).
COLUMNS: dict[str, str] = {
    "record_id": "string",
    "file": "string",
    "line": "int64",
    "kind": "string",
    "year": "Int64",
    "journal": "string",
    "journal_abbrev": "string",
    "doc_type": "string",
    "title": "string",
    "doi": "string",
    "fields": "string",  # subject categories (WoS WC/SC, Scopus), IPC codes (patents); '; '-separated
    "office": "string",
    "n_authors": "int64",
    "address_index": "int64",  # -1: the record has no address
    "address_line": "Int64",  # the line of the address where the format gives one (patent CSVs)
    "role": "string",
    "address": "string",
    "authors_at_address": "string",
    "institution": "string",
    "city": "string",
    "province": "string",
    "country": "string",
    "division": "string",  # GB/T 2260 code for Chinese addresses
    "lat": "float64",
    "lon": "float64",
    "precision": "string",  # district | city | zip | province | country | coordinates
    "match": "string",  # matched | partial | ambiguous | unmatched | none
    "match_note": "string",
    "frac": "float64",
    "author_frac": "float64",
    # whole counting without DISTINCT: the record's first row (per role), and its first in each unit
    "first_row": "bool",
    "first_country": "bool",
    "first_province": "bool",
    "first_city": "bool",
    "first_institution": "bool",
}
