"""Web of Science exports: plain text (tagged) and tab-delimited.

Plain text: an ``FN``/``VR`` header, then records from ``PT`` to ``ER``, one
field per two-letter tag, continuation lines indented by three spaces, ``EF``
at the end, and the byte-order mark WoS writes first.  Tab-delimited: a header
row of tags, one record per line, multi-valued fields separated by ``; ``,
UTF-8 or UTF-16 (with BOM), often with a trailing tab on every line.

Bad input is reported, not fatal: a line that is neither a tag, a
continuation nor blank (``malformed_line``), a record that never reaches
``ER`` (``no_end``: it is kept, from its ``PT`` line to where the next starts),
a line with more cells than the header (``bad_field``).

>>> text = "FN Clarivate\\nVR 1.0\\nPT J\\nAU Li, G\\n   Wu, X\\nSO NATURE\\nPY 2021\\nUT WOS:1\\nER\\nEF"
>>> recs, probs = parse_plain(text, "x.txt")
>>> recs[0].id, recs[0].authors, recs[0].line, recs[0].year, probs
('WOS:1', ('Li, G', 'Wu, X'), 3, 2021, [])
"""

from __future__ import annotations

import re

from innoscope.scientometrics.affiliations import split_authors, split_c1
from innoscope.scientometrics.schema import Problem, Record

__all__ = ["is_plain", "is_tabbed", "parse_plain", "parse_tabbed", "record_from_fields"]

_TAG = re.compile(r"^([A-Z][A-Z0-9]) ?(.*)$")
MULTILINE_JOIN = {"AU": "\n", "AF": "\n", "C1": "\n", "CR": "\n", "C3": "\n"}


def is_plain(head: str) -> bool:
    """Whether a file's first characters are a WoS plain-text export."""
    return bool(re.match(r"\s*(?:FN |PT [A-Z]\b)", head.lstrip("\ufeff")))


def is_tabbed(head: str) -> bool:
    """Whether a file's first line is a WoS tab-delimited header (PT, AU, ... UT)."""
    first = head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    cells = first.split("\t")
    return len(cells) > 3 and cells[0] == "PT" and "UT" in cells


def _year(text: str | None) -> int | None:
    m = re.search(r"(?:18|19|20)\d{2}", text or "")
    return int(m.group(0)) if m else None


def record_from_fields(fields: dict[str, str], file: str, line: int, sep: str) -> Record:
    """A record from WoS tags -> text (multi-valued text separated by ``sep``)."""

    def get(tag: str) -> str | None:
        v = fields.get(tag)
        return v.strip() if v and v.strip() else None

    authors = split_authors(get("AU").replace(sep, ";") if get("AU") else None)
    c1 = get("C1")
    subjects = get("WC") or get("SC")
    return Record(
        id=get("UT"),
        file=file,
        line=line,
        year=_year(get("PY")) or _year(get("EA")),
        journal=get("SO"),
        journal_abbrev=get("JI") or get("J9"),
        doc_type=get("DT"),
        title=get("TI"),
        doi=get("DI"),
        authors=authors,
        fields=tuple(s.strip() for s in subjects.split(";") if s.strip()) if subjects else (),
        affiliations=split_c1(c1.replace("\n", "; ") if c1 else None, authors),
    )


def parse_plain(text: str, file: str) -> tuple[list[Record], list[Problem]]:
    """Records and problems of a WoS plain-text export."""
    records: list[Record] = []
    problems: list[Problem] = []
    fields: dict[str, str] | None = None
    start = 0
    tag: str | None = None
    for n, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("   ") or line.startswith("\t"):
            if fields is None or tag is None:
                problems.append(
                    Problem(file, n, "malformed_line", f"continuation outside a field: {line.strip()[:60]!r}")
                )
            else:
                fields[tag] += MULTILINE_JOIN.get(tag, " ") + line.strip()
            continue
        m = _TAG.match(line)
        if not m:
            problems.append(Problem(file, n, "malformed_line", f"not a field tag: {line[:60]!r}"))
            continue
        tag, value = m.group(1), m.group(2)
        if tag in ("FN", "VR") and fields is None:
            continue
        if tag == "PT":
            if fields is not None:
                problems.append(
                    Problem(
                        file, start, "no_end", f"record starting at line {start} has no ER; read up to line {n - 1}"
                    )
                )
                records.append(record_from_fields(fields, file, start, "\n"))
            fields, start = {"PT": value}, n
            continue
        if tag == "ER":
            if fields is None:
                problems.append(Problem(file, n, "malformed_line", "ER without a record"))
            else:
                records.append(record_from_fields(fields, file, start, "\n"))
            fields, tag = None, None
            continue
        if tag == "EF":
            break
        if fields is None:
            problems.append(Problem(file, n, "malformed_line", f"field {tag} outside a record (no PT before it)"))
            tag = None
            continue
        fields[tag] = value if tag not in fields else fields[tag] + MULTILINE_JOIN.get(tag, " ") + value
    if fields is not None:
        problems.append(
            Problem(file, start, "no_end", f"record starting at line {start} has no ER before the end of the file")
        )
        records.append(record_from_fields(fields, file, start, "\n"))
    return records, problems


def parse_tabbed(text: str, file: str) -> tuple[list[Record], list[Problem]]:
    """Records and problems of a WoS tab-delimited export (text already decoded)."""
    lines = text.lstrip("\ufeff").splitlines()
    header = [h.strip() for h in lines[0].rstrip("\r").split("\t")]
    while header and not header[-1]:
        header.pop()  # the trailing tab
    records: list[Record] = []
    problems: list[Problem] = []
    for n, raw in enumerate(lines[1:], start=2):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        cells = line.split("\t")
        while len(cells) > len(header) and not cells[-1].strip():
            cells.pop()
        if len(cells) > len(header):
            problems.append(
                Problem(file, n, "bad_field", f"{len(cells)} cells for {len(header)} columns; line skipped")
            )
            continue
        fields = dict(zip(header, cells, strict=False))
        records.append(record_from_fields(fields, file, n, "; "))
    return records, problems
