"""Numbers on their way through a template: each prints as a marker that becomes a sourced span.

The sentence models hand templates :class:`Num` objects (and :class:`Quote`
objects for text quoted from a document or a framework).  Printed in a
template, a ``Num`` writes an invisible marker; :meth:`Book.resolve` turns a
rendered paragraph back into plain text and the :class:`~innoscope.report.model.Number`
spans of every number in it.  So a template can word a sentence any way it
likes and the numbers still know their place and their source.

>>> from innoscope.provenance import ScoreRef
>>> book = Book()
>>> r = book.num("第2位", 2, "rank", ScoreRef(1, "I", "上海", "2023"))
>>> para = book.resolve(f"上海排名{r}。")
>>> para.text, [(n.text, n.start, n.end, n.kind) for n in para.numbers]
('上海排名第2位。', [('第2位', 4, 7, 'rank')])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from innoscope.provenance import Source
from innoscope.report.model import Number, NumberKind, Paragraph

__all__ = ["DIGITS", "Book", "Num", "Quote"]

_OPEN, _CLOSE = "\ue000", "\ue001"
_MARK = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
DIGITS = re.compile(r"[0-9０-９]+(?:[.,．][0-9０-９]+)*")  # a number in prose, as the coverage check finds it


@dataclass(frozen=True, eq=False)
class Num:
    """A number for a template: its words, the value they read as, and where it comes from."""

    text: str
    value: float | int
    kind: NumberKind
    source: Source
    ref: dict[str, Any] | None = None
    id: int = field(default=-1, repr=False)

    def __str__(self) -> str:
        return f"{_OPEN}{self.id}{_CLOSE}"

    __html__ = __str__


@dataclass(frozen=True, eq=False)
class Quote:
    """Text quoted from a source, whose every number is marked with ``origin(start, end)``."""

    text: str
    marked: str

    def __str__(self) -> str:
        return self.marked

    __html__ = __str__


class Book:
    """The numbers of one report, by id."""

    def __init__(self) -> None:
        self._nums: list[Num] = []

    def num(
        self, text: str, value: float | int, kind: NumberKind, source: Source, ref: dict[str, Any] | None = None
    ) -> Num:
        n = Num(text, value, kind, source, ref, len(self._nums))
        self._nums.append(n)
        return n

    def quote(
        self, text: str, origin: Callable[[int, int], Source], kind: NumberKind, parse: Callable[[str], float | None]
    ) -> Quote:
        """Quote ``text``, marking each number in it as a number of ``kind`` sourced at ``origin(start, end)``."""
        out, last = [], 0
        for m in DIGITS.finditer(text):
            value = parse(m.group())
            out.append(text[last : m.start()])
            if value is None:
                out.append(m.group())
            else:
                out.append(str(self.num(m.group(), value, kind, origin(m.start(), m.end()))))
            last = m.end()
        out.append(text[last:])
        return Quote(text, "".join(out))

    def resolve(self, marked: str) -> Paragraph:
        """Plain text and number spans of a rendered paragraph."""
        text: list[str] = []
        numbers: list[Number] = []
        pos, last = 0, 0
        for m in _MARK.finditer(marked):
            chunk = marked[last : m.start()]
            text.append(chunk)
            pos += len(chunk)
            n = self._nums[int(m.group(1))]
            text.append(n.text)
            numbers.append(Number(pos, pos + len(n.text), n.text, n.value, n.kind, n.source, n.ref))
            pos += len(n.text)
            last = m.end()
        text.append(marked[last:])
        return Paragraph("".join(text), tuple(numbers))

    @staticmethod
    def strip(marked: str) -> str:
        """A marked string without its markers (the ids), for titles."""
        return _MARK.sub("", marked)
