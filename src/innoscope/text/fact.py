"""A fact: one quantitative statement of a document, anchored to its span.

Facts are immutable and their span is the source of truth: ``text`` is
always ``document[start:end]`` (checked on construction by :func:`make_fact`).

>>> doc = "全市获发明专利授权30519件，同比增长40.1%"
>>> f = make_fact(doc, "d.txt", 9, 15, sentence=(0, len(doc)), subject="全市获发明专利授权", value=30519, unit="件")
>>> f.text, f.to_record()["change"]
('30519件', None)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Entity", "Fact", "make_fact"]


@dataclass(frozen=True)
class Fact:
    """A quantity with its attributes; ``change``, ``share`` and ``rank`` are plain dicts or None."""

    doc: str
    start: int
    end: int
    text: str
    sentence: str
    subject: str
    value: float
    unit: str
    bound: str = "exact"
    period: str | None = None
    change: dict[str, Any] | None = None
    share: dict[str, Any] | None = None
    rank: dict[str, Any] | None = None
    region: str | None = None
    lang: str = "zh"

    def to_record(self) -> dict[str, Any]:
        """The fact as a JSON-ready dict (integral values as ints)."""
        rec = asdict(self)
        v = rec["value"]
        rec["value"] = int(v) if float(v).is_integer() and abs(v) < 2**53 else v
        return rec


@dataclass(frozen=True)
class Entity:
    """A named actor of the innovation system mentioned in a document."""

    doc: str
    start: int
    end: int
    name: str
    type: str
    kind: str = field(default="entity")

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


def make_fact(document: str, doc: str, start: int, end: int, *, sentence: tuple[int, int], **attrs: Any) -> Fact:
    """Build a fact whose text and sentence are taken from ``document`` by their spans."""
    if not 0 <= start < end <= len(document):
        raise ValueError(f"span [{start}, {end}) outside the document of length {len(document)}")
    return Fact(
        doc=doc, start=start, end=end, text=document[start:end], sentence=document[sentence[0] : sentence[1]], **attrs
    )
