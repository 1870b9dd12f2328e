"""The structured report: sections of paragraphs whose every number carries its source.

This is the contract between the report builder and everything that writes or
reads a report (HTML, PDF, DOCX, Markdown, the API, tests).  ``Report.to_json()``
gives::

    {"unit", "period", "lang", "title", "run_id",
     "sections": [{"key", "title", "paragraphs": [{"text", "numbers": [
         {"start", "end", "text", "value", "source": {"kind": "score" | "rank" | "observation" | "fact"
                                                      | "derived", ...}}]}]}]}

with ``paragraph.text[start:end] == number.text`` for every number.

>>> from innoscope.provenance import ScoreRef
>>> n = Number(2, 5, "第2位", 2, "rank", ScoreRef(1, "I", "上海", "2023"))
>>> p = Paragraph("排名第2位。", (n,))
>>> p.text[n.start:n.end], n.source_dict()["kind"], n.source_dict()["node"]
('第2位', 'rank', 'I')
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from innoscope.provenance import Source, describe, to_dict

__all__ = ["Figure", "Number", "NumberKind", "Paragraph", "Report", "Section"]

NumberKind = Literal["score", "rank", "observation", "fact", "derived"]


@dataclass(frozen=True, slots=True)
class Number:
    """A number of the prose: ``text`` at ``[start, end)`` of its paragraph, the ``value`` it reads as.

    ``source`` is the typed source; for an ``observation`` it is the
    observation's own source (file row, fact span or formula) and ``ref`` names
    the observation (run, unit, indicator, period).
    """

    start: int
    end: int
    text: str
    value: float | int
    kind: NumberKind
    source: Source
    ref: dict[str, Any] | None = None

    def source_dict(self) -> dict[str, Any]:
        """The source as the JSON contract writes it (``kind`` first)."""
        if self.kind == "observation":
            return {"kind": "observation", **(self.ref or {}), "origin": to_dict(self.source)}
        d = to_dict(self.source)
        if self.kind == "rank":
            d["kind"] = "rank"
        return d

    def describe(self) -> str:
        """One line saying where the number comes from."""
        if self.kind == "observation" and self.ref:
            r = self.ref
            return f"run {r['run_id']} observation {r['indicator']}/{r['unit']}/{r['period']}: {describe(self.source)}"
        return ("rank of " if self.kind == "rank" else "") + describe(self.source)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "source": self.source_dict(),
        }


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of prose and its numbers, in order."""

    text: str
    numbers: tuple[Number, ...] = ()

    def __post_init__(self) -> None:
        for n in self.numbers:
            if self.text[n.start : n.end] != n.text:
                raise ValueError(f"number {n.text!r} is not at [{n.start}, {n.end}) of the paragraph")

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "numbers": [n.to_dict() for n in self.numbers]}


@dataclass(frozen=True, slots=True)
class Figure:
    """A chart of a section: its caption and the PNG image."""

    key: str
    caption: str
    png: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class Section:
    """A section: ``key`` (the template's name), its title, paragraphs and figures."""

    key: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    figures: tuple[Figure, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "figures": [f.caption for f in self.figures],
        }


@dataclass(frozen=True, slots=True)
class Report:
    """A unit's report for one period of one run."""

    unit: str
    unit_name: str
    period: Any
    lang: str
    title: str
    run_id: int
    sections: tuple[Section, ...]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def numbers(self) -> list[Number]:
        """Every number of the report, in reading order."""
        return [n for s in self.sections for p in s.paragraphs for n in p.numbers]

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(f"no section {key!r}; the report has: {', '.join(s.key for s in self.sections)}")

    def text(self) -> str:
        """The prose alone: titles and paragraphs separated by blank lines."""
        parts = [self.title]
        for s in self.sections:
            parts.append(s.title)
            parts.extend(p.text for p in s.paragraphs)
        return "\n\n".join(parts) + "\n"

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "unit_name": self.unit_name,
            "period": self.period,
            "lang": self.lang,
            "title": self.title,
            "run_id": self.run_id,
            "sections": [s.to_dict() for s in self.sections],
            "meta": self.meta,
        }

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, default=str)
