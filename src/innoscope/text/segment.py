"""Sentences, clauses and quoted regions of a document, as character spans.

Spans are end-exclusive offsets into the original text.  A sentence ends at
``。！？!?`` or a line break (or an English full stop before a space); a
clause ends at ``，,；;：:`` where that mark is not inside a number (``30,519``).
Quoted regions (``《…》`` titles and ``“…”`` quotations) hold names, not facts.

>>> text = "1—11月，全市获发明专利授权30519件，同比增长40.1%；PCT专利申请受理量4141件。下一句"
>>> [text[s.start:s.end] for s in sentences(text)][1]
'下一句'
>>> [text[a:b] for a, b in sentences(text)[0].clauses]
['1—11月', '全市获发明专利授权30519件', '同比增长40.1%', 'PCT专利申请受理量4141件']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["QuotedRegions", "Sentence", "SentenceBounds", "sentence_at", "sentence_spans", "sentences"]

_SENTENCE_END = re.compile(r"[。！？!?\n]+|\.(?=\s|$)")
_CLAUSE_END = re.compile(r"[，；;：:]|,(?!\d{3}(?!\d))")


@dataclass(frozen=True)
class Sentence:
    """A sentence span and the spans of its clauses (without their separators)."""

    start: int
    end: int
    clauses: tuple[tuple[int, int], ...]

    def __iter__(self):
        return iter((self.start, self.end))


_NON_SPACE = re.compile(r"\S")


def _clauses(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    out = []
    pos = start
    for m in _CLAUSE_END.finditer(text, start, end):
        if m.start() > pos:
            span = _strip(text, pos, m.start())
            if span is not None:
                out.append(span)
        pos = m.end()
    if end > pos:
        span = _strip(text, pos, end)
        if span is not None:
            out.append(span)
    return tuple(out)


def _strip(text: str, a: int, b: int) -> tuple[int, int] | None:
    """``[a, b)`` without its leading and trailing whitespace; None when it is all whitespace."""
    m = _NON_SPACE.search(text, a, b)
    if m is None:
        return None
    a = m.start()
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with their clauses; blank stretches are skipped."""
    return [Sentence(a, b, _clauses(text, a, b)) for a, b in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as spans (without their clauses): what :func:`sentences` splits."""
    out = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > pos:
            span = _strip(text, pos, m.start())
            if span is not None:
                out.append(span)
        pos = m.end()
    if len(text) > pos:
        span = _strip(text, pos, len(text))
        if span is not None:
            out.append(span)
    return out


class SentenceBounds:
    """The sentence around any position, found by bisection in the sentence ends of ``text``: the same
    spans as :func:`sentence_spans`, computed only for the sentences asked for.

    >>> text = "第一句。 第二句有30件。\\n"
    >>> b = SentenceBounds(text)
    >>> b.around(text.index("30")), b.around(3), b.around(len(text) - 1)
    ((5, 12), None, None)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        ends = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]
        self._starts = [a for a, _ in ends]
        self._ends = ends

    def around(self, pos: int) -> tuple[int, int] | None:
        """The (stripped) sentence span containing ``pos``, or None when ``pos`` is in a separator or blank."""
        k = bisect_right(self._starts, pos)  # ends[k - 1] starts at or before pos
        if k > 0 and pos < self._ends[k - 1][1]:
            return None  # inside a separator
        lo = self._ends[k - 1][1] if k > 0 else 0
        hi = self._ends[k][0] if k < len(self._ends) else len(self.text)
        span = _strip(self.text, lo, hi)
        if span is None or not span[0] <= pos < span[1]:
            return None
        return span


def sentence_at(text: str, a: int, b: int) -> Sentence:
    """The sentence ``[a, b)`` (a span of :func:`sentence_spans`) with its clauses."""
    return Sentence(a, b, _clauses(text, a, b))


_OPEN = {"《": "》", "“": "”", "「": "」", "『": "』", "〈": "〉"}
_OPEN_MARK = re.compile("[" + "".join(_OPEN) + "]")


class QuotedRegions:
    """The spans of ``《…》`` titles and ``“…”`` quotations, for fast membership tests.

    An unclosed mark opens no region (a stray quote must not hide the rest of a document).

    >>> q = QuotedRegions("发布《关于2021年的意见》，共3项")
    >>> q.contains(5), q.contains(15), q.spans
    (True, False, [(2, 14)])
    """

    def __init__(self, text: str, max_len: int = 200) -> None:
        spans: list[tuple[int, int]] = []
        n = len(text)
        pos = 0
        for m in _OPEN_MARK.finditer(text):
            i = m.start()
            if i < pos:
                continue  # inside the region before
            j = text.find(_OPEN[m.group(0)], i + 1, min(n, i + 1 + max_len))
            if j < 0:
                continue
            spans.append((i, j + 1))
            pos = j + 1
        self.spans = spans
        self._starts = [a for a, _ in spans]

    def contains(self, pos: int) -> bool:
        k = bisect_right(self._starts, pos) - 1
        return k >= 0 and self.spans[k][0] <= pos < self.spans[k][1]

    def overlapping(self, a: int, b: int) -> bool:
        """Whether the span ``[a, b)`` touches any region."""
        k = bisect_right(self._starts, b - 1) - 1
        return k >= 0 and self.spans[k][1] > a
