"""Journal sets: the shipped ones and those read from a file.

A set is a collection of journal keys (:func:`journal_key`: upper case,
``&`` as ``AND``, letters and digits separated by single spaces); a record is
in the set when its journal title or its abbreviation has one of the keys —
exactly, so ``SCIENCE`` is not ``SCIENCE ADVANCES``.

Shipped: ``nature-science-cell`` (alias ``nsc``), the three flagship journals
of the "《自然》《科学》《细胞》" counts in Chinese S&T reports.

>>> sorted(journal_set("nsc"))
['CELL', 'NATURE', 'SCIENCE']
>>> journal_key("Nature "), journal_key("J. Am. Chem. Soc."), journal_key("Science & Education")
('NATURE', 'J AM CHEM SOC', 'SCIENCE AND EDUCATION')
"""

from __future__ import annotations

import re
from pathlib import Path

from innoscope.errors import E, InnoscopeError

__all__ = ["SHIPPED", "journal_key", "journal_set", "read_journal_file"]

SHIPPED: dict[str, frozenset[str]] = {
    "nature-science-cell": frozenset({"NATURE", "SCIENCE", "CELL"}),
}
ALIASES = {"nsc": "nature-science-cell", "cns": "nature-science-cell"}


def journal_key(title: str) -> str:
    """The key journal titles are compared by."""
    return re.sub(r"[^A-Z0-9]+", " ", title.upper().replace("&", " AND ")).strip()


def journal_set(name: str) -> frozenset[str]:
    """A shipped journal set by name."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in SHIPPED:
        raise InnoscopeError(E.JOURNAL_SET, where="--journal-set", detail=f"{name!r}; shipped: {', '.join(SHIPPED)}")
    return SHIPPED[key]


def read_journal_file(path: str | Path) -> frozenset[str]:
    """Journal titles (or abbreviations), one per line; ``#`` starts a comment."""
    path = Path(path)
    if not path.is_file():
        raise InnoscopeError(E.FILE_MISSING, where=str(path))
    keys = set()
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        title = line.split("#", 1)[0].strip()
        if title:
            keys.add(journal_key(title))
    if not keys:
        raise InnoscopeError(E.FILE_EMPTY, where=str(path), detail="no journal title in the file")
    return frozenset(keys)
