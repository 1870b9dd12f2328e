"""Typed provenance: where a number came from.

Every number that leaves innoscope carries one of these:

* :class:`FileRow` — a cell of an input file: the file (as the workspace or
  registry names it), its SHA-256, the sheet (an Excel sheet, or the object
  name inside an R ``.rda`` file), the row and the column.  ``row`` is the
  number a spreadsheet shows: the header is row 1 and the first data row is 2
  in a CSV or a sheet; in an R data frame, which has no header row, it is R's
  1-based row number.
* :class:`FactSpan` — a fact in a document: the document's SHA-256 and the
  end-exclusive character span of the fact in the document's text.
* :class:`Derived` — a value computed from others: the formula and the sources
  of its inputs (e.g. R&D personnel per 10,000 people = an R&D personnel row
  ÷ a population row × 10,000).
* :class:`ScoreRef` — a score or rank of a stored run: run id, node, unit and
  period; the run keeps which observations went into it.
* :class:`RecordIds` — a count of bibliographic or patent records: the records
  file, its SHA-256 and the ids of the records counted (WoS UT, Scopus EID,
  patent application id).

Each serialises to a plain dict with a ``kind`` key and back, so the store,
the reports' JSON and the API share one form.

>>> src = Derived("RDLaborHour ÷ population × 10000",
...               (FileRow("rd.rda", sheet="RDLaborHour", row=12, column="v4_zh_qsdl_hj"),
...                FileRow("pop.csv", row=5, column="2020")))
>>> to_dict(src)["inputs"][1]
{'kind': 'file', 'file': 'pop.csv', 'sha256': None, 'sheet': None, 'row': 5, 'column': '2020'}
>>> from_dict(to_dict(src)) == src
True
>>> describe(FactSpan("ab" * 32, 529, 535, doc="report.txt"))
'report.txt [529:535]'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

__all__ = ["Derived", "FactSpan", "FileRow", "RecordIds", "ScoreRef", "Source", "describe", "from_dict", "to_dict"]


@dataclass(frozen=True, slots=True)
class FileRow:
    """A cell of an input file (see the module docstring for how rows are numbered)."""

    file: str
    sha256: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    kind: ClassVar[str] = "file"


@dataclass(frozen=True, slots=True)
class FactSpan:
    """A fact: ``document[start:end]`` of the document with SHA-256 ``document_sha256``."""

    document_sha256: str
    start: int
    end: int
    doc: str | None = None
    kind: ClassVar[str] = "fact"

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"fact span [{self.start}, {self.end}) is empty or negative")


@dataclass(frozen=True, slots=True)
class Derived:
    """A value computed by ``formula`` from the values with sources ``inputs``."""

    formula: str
    inputs: tuple[Source, ...] = ()
    kind: ClassVar[str] = "derived"


@dataclass(frozen=True, slots=True)
class ScoreRef:
    """A score (or rank) of a stored run."""

    run_id: int
    node: str
    unit: str
    period: str
    kind: ClassVar[str] = "score"


@dataclass(frozen=True, slots=True)
class RecordIds:
    """The records behind a count: the records file, its SHA-256 and the records' ids."""

    file: str
    sha256: str | None = None
    ids: tuple[str, ...] = ()
    kind: ClassVar[str] = "records"


Source = FileRow | FactSpan | Derived | ScoreRef | RecordIds
_KINDS: dict[str, type] = {c.kind: c for c in (FileRow, FactSpan, Derived, ScoreRef, RecordIds)}


def to_dict(src: Source) -> dict[str, Any]:
    """The source as plain, JSON-ready data with its ``kind``."""
    if isinstance(src, Derived):
        return {"kind": src.kind, "formula": src.formula, "inputs": [to_dict(s) for s in src.inputs]}
    if isinstance(src, RecordIds):
        return {"kind": src.kind, "file": src.file, "sha256": src.sha256, "ids": list(src.ids)}
    return {"kind": src.kind, **{f: getattr(src, f) for f in src.__dataclass_fields__ if f != "kind"}}


def from_dict(data: dict[str, Any]) -> Source:
    """Rebuild a source written by :func:`to_dict`; ``ValueError`` names an unknown kind."""
    kind = data.get("kind")
    cls = _KINDS.get(kind)  # type: ignore[arg-type]
    if cls is None:
        raise ValueError(f"unknown source kind {kind!r}; known: {', '.join(_KINDS)}")
    fields = {k: v for k, v in data.items() if k != "kind"}
    if cls is Derived:
        return Derived(fields["formula"], tuple(from_dict(d) for d in fields.get("inputs", ())))
    if cls is RecordIds:
        fields["ids"] = tuple(fields.get("ids", ()))
    return cls(**fields)


def describe(src: Source) -> str:
    """A short human-readable form: ``file.csv:7, column x``, ``doc [s:e]``, ``run 3 Index/CHE/2022``."""
    if isinstance(src, FileRow):
        where = src.file + (f"[{src.sheet}]" if src.sheet else "") + (f":{src.row}" if src.row is not None else "")
        return where + (f", column {src.column}" if src.column else "")
    if isinstance(src, FactSpan):
        return f"{src.doc or src.document_sha256[:12]} [{src.start}:{src.end}]"
    if isinstance(src, ScoreRef):
        return f"run {src.run_id} {src.node}/{src.unit}/{src.period}"
    if isinstance(src, RecordIds):
        shown = ", ".join(src.ids[:3]) + (f" and {len(src.ids) - 3} more" if len(src.ids) > 3 else "")
        return f"{src.file}: {len(src.ids)} records ({shown})"
    return f"{src.formula} ← " + "; ".join(describe(s) for s in src.inputs)
