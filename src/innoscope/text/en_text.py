"""English text as the patterns see it: whitespace, PDF line breaks and hyphenation smoothed, offsets kept.

Text extracted from PDFs breaks lines inside sentences and hyphenates words
across them (``EUR 2.5 bil-\\nlion``).  :func:`normalise` returns a copy with
one space for every run of spaces, a line break joined where the line goes on
(the next line starts in lower case, with a digit or a currency sign, or the
line ends in a hyphenated word part), and an offset map back to the original,
so every span found in the copy is a span of the original text.

>>> t = Norm.of("R&D spending of EUR 2.5 bil-\\nlion,  an in-\\ncrease of\\n4.2%.")
>>> t.text
'R&D spending of EUR 2.5 billion, an increase of 4.2%.'
>>> a = t.text.index("EUR"); b = t.text.index("billion") + len("billion")
>>> t.span(a, b)
(16, 33)
>>> [t.text[s:e] for s, e in sentences_en(t.text)]
['R&D spending of EUR 2.5 billion, an increase of 4.2%.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Norm", "clauses_en", "sentences_en"]

_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " ", "\u2007": " ", "\r": " "})
_SOFT_HYPHEN = "\u00ad"
_WORD_BREAK = re.compile(r"(?<=[a-z])[-\u00ad]\n[ ]*(?=[a-z])")
_LINE_GOES_ON = re.compile(r"(?<![.!?:;\n])[ ]*\n[ ]*(?=[a-z0-9$€£¥(%]|US\$)")
_RUN = re.compile(r" {2,}")


@dataclass(frozen=True)
class Norm:
    """A normalised text and, for each of its characters, the offset of that character in the original."""

    text: str
    offsets: list[int]
    length: int  # of the original

    @classmethod
    def of(cls, original: str) -> Norm:
        s = original.translate(_SPACES).replace(_SOFT_HYPHEN, "\u0000")
        keep = list(range(len(s)))
        s, keep = _drop(s, keep, _WORD_BREAK, "")
        s, keep = _drop(s, keep, re.compile("\u0000"), "")
        s, keep = _drop(s, keep, _LINE_GOES_ON, " ")
        s, keep = _drop(s, keep, _RUN, " ")
        return cls(s, keep, len(original))

    def span(self, a: int, b: int) -> tuple[int, int]:
        """The original span of the normalised span ``[a, b)``."""
        start = self.offsets[a] if a < len(self.offsets) else self.length
        end = self.offsets[b - 1] + 1 if b > 0 else 0
        return start, max(end, start)


def _drop(s: str, keep: list[int], pattern: re.Pattern, repl: str) -> tuple[str, list[int]]:
    """Replace each match of ``pattern`` by ``repl`` (empty or one character), carrying the offset map."""
    out: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in pattern.finditer(s):
        out.append(s[pos : m.start()])
        offs.extend(keep[pos : m.start()])
        if repl:
            out.append(repl)
            offs.append(keep[m.start()])
        pos = m.end()
    if pos == 0:
        return s, keep
    out.append(s[pos:])
    offs.extend(keep[pos:])
    return "".join(out), offs


_ABBREV = re.compile(
    r"(?:\b(?:No|Nos|Nr|Mr|Mrs|Ms|Dr|Prof|St|Inc|Ltd|Co|Corp|vs|approx|Fig|Figs|Art|Vol|Ed|Eds|cf|al|etc|e\.g|i\.e|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|U\.N|E\.U|P\.L|p|pp)|\b[A-Z])\.$"
)
_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9$€£]|\s*$)|\n+")


def sentences_en(text: str) -> list[tuple[int, int]]:
    """Sentence spans of normalised English text: a full stop, ``!`` or ``?`` before a capital or a digit
    (not after an abbreviation such as ``No.`` or ``U.S.``), or a line break."""
    out = []
    pos = 0
    for m in _END.finditer(text):
        if m.group(0)[0] == "." and _ABBREV.search(text, max(0, m.start() - 6), m.start() + 1):
            continue
        end = m.end() if m.group(0)[0] != "\n" else m.start()
        _add(text, pos, end, out)
        pos = m.end()
    _add(text, pos, len(text), out)
    return out


def _add(text: str, a: int, b: int, out: list) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append((a, b))


_CLAUSE = re.compile(r";|:(?!\d)|\s[–—]\s|\s--\s|,\s(?=(?:while|whereas|but|although|though|and|with)\b)")


def clauses_en(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Clause spans inside the sentence ``[a, b)``: split at ``;``, ``:``, dashes and ``, while``/``, and``…"""
    out = []
    pos = a
    for m in _CLAUSE.finditer(text, a, b):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if b > pos:
        out.append((pos, b))
    return out or [(a, b)]
