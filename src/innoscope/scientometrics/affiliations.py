"""Address fields split into affiliations: Web of Science ``C1`` and Scopus' affiliation columns.

WoS writes ``C1`` three ways, all read here:

- author groups in brackets: ``[Yang, GC; Li, G] Wuhan Univ, Wuhan, Peoples R China.; [Liu, T] ...``;
- addresses only: ``UNIV SAO PAULO, SAO PAULO, BRAZIL.;  ASTON UNIV, BIRMINGHAM, ENGLAND.;``;
- names leading the address, without brackets, with reprint lines:
  ``JIANG, W (REPRINT AUTHOR), 1037 LUOYU RD, WUHAN 430074, PEOPLES R CHINA.;   CHEN, HAIBIN, ...``.
  Leading name pairs are recognised by the record's author list; a reprint
  address repeats one of the others (it is WoS' ``RP`` field) and is kept
  only when the record has no other address.

``\\&`` (an escaped ampersand in the bibliometrix data frames) is read as ``&``.

>>> c1 = "[Li, G; Wu, X] Wuhan Univ, Wuhan, Peoples R China.; [Wu, X] Fudan Univ, Shanghai, Peoples R China."
>>> [(a.address, a.authors) for a in split_c1(c1)]
[('Wuhan Univ, Wuhan, Peoples R China', ('Li, G', 'Wu, X')), ('Fudan Univ, Shanghai, Peoples R China', ('Wu, X',))]
>>> c1 = "JIANG, W (REPRINT AUTHOR), 1 LUOYU RD, WUHAN, CHINA.;   CHEN, HAIBIN, JIANG, WEI, HUST, WUHAN, CHINA."
>>> a = split_c1(c1, ("CHEN HAIBIN", "JIANG WEI"))
>>> [(x.address, x.authors) for x in a]
[('HUST, WUHAN, CHINA', ('CHEN HAIBIN', 'JIANG WEI'))]
"""

from __future__ import annotations

import re

from innoscope.scientometrics.schema import Affiliation

__all__ = ["split_authors", "split_c1", "split_scopus"]

_REPRINT = re.compile(r"\(\s*(?:REPRINT|CORRESPONDING)\s+AUTHOR\s*\)", re.IGNORECASE)
_LETTERS = re.compile(r"[^A-Z]")


def split_outside_brackets(text: str, sep: str = ";") -> list[str]:
    """Split on ``sep`` where it is not inside ``[...]``.

    >>> split_outside_brackets("[a; b] x; [c] y;")
    ['[a; b] x', '[c] y']
    """
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def split_authors(text: str | None) -> tuple[str, ...]:
    """An author field (``;`` or ``' ;'`` separated, or one name per line) as a tuple of names.

    >>> split_authors("CHEN HAIBIN ;JIANG WEI ;"), split_authors("Yang, GC\\nLi, G")
    (('CHEN HAIBIN', 'JIANG WEI'), ('Yang, GC', 'Li, G'))
    """
    if not text:
        return ()
    return tuple(a.strip() for a in re.split(r"[;\n]", text) if a.strip())


def _clean(address: str) -> str:
    address = address.replace("\\&", "&").strip()
    address = re.sub(r"\s+", " ", address)
    return address.rstrip(".; ").strip()


def _name_key(surname: str, given: str) -> tuple[str, str, str]:
    s = _LETTERS.sub("", surname.upper())
    g = given.upper().replace("-", " ")
    initials = "".join(w[0] for w in re.split(r"[\s.]+", g) if w)
    return s, _LETTERS.sub("", g), initials


def _author_keys(authors: tuple[str, ...]) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    for a in authors:
        if "," in a:
            surname, _, given = a.partition(",")
        else:
            surname, _, given = a.strip().partition(" ")
        s, g, initials = _name_key(surname, given)
        if s:
            keys.update({(s, g), (s, initials), (s, g[:1])})
    return keys


def _strip_names(tokens: list[str], keys: set[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """Leading (surname, given) token pairs that name one of the record's authors, and the rest."""
    names: list[str] = []
    i = 0
    while i + 1 < len(tokens):
        s, g, initials = _name_key(tokens[i], _REPRINT.sub("", tokens[i + 1]))
        if s and ((s, g) in keys or (s, initials) in keys or (g and (s, g[:1]) in keys and len(g) <= 2)):
            names.append(f"{tokens[i]} {_REPRINT.sub('', tokens[i + 1]).strip()}")
            i += 2
        else:
            break
    return names, tokens[i:]


def split_c1(c1: str | None, authors: tuple[str, ...] = ()) -> tuple[Affiliation, ...]:
    """The affiliations in a WoS ``C1`` field (see the module docstring for the three layouts)."""
    if not c1 or not c1.strip():
        return ()
    keys = _author_keys(authors)
    out: list[Affiliation] = []
    reprints: list[Affiliation] = []
    for entry in split_outside_brackets(c1.replace("\n", ";")):
        names: tuple[str, ...] = ()
        entry = entry.strip()
        if entry.startswith("["):
            close = entry.find("]")
            if close > 0:
                names = tuple(n.strip() for n in entry[1:close].split(";") if n.strip())
                entry = entry[close + 1 :]
        reprint = bool(_REPRINT.search(entry))
        tokens = [t.strip() for t in entry.split(",")]
        if not names and keys:
            found, tokens = _strip_names(tokens, keys)
            names = tuple(found)
        if reprint:
            tokens = [t for t in tokens if not _REPRINT.search(t)]
        address = _clean(", ".join(t for t in tokens if t))
        if not address:
            continue
        aff = Affiliation(address, names, "reprint" if reprint else "author")
        (reprints if reprint else out).append(aff)
    return tuple(out) if out else tuple(reprints)


def split_scopus(
    affiliations: str | None, with_authors: str | None, authors: tuple[str, ...]
) -> tuple[Affiliation, ...]:
    """Scopus' ``Affiliations`` or ``Authors with affiliations`` (``; ``-separated) as affiliations.

    In ``Authors with affiliations`` each entry starts with the author's name
    (``Yang G.-C.,`` in the old style, ``Yang, G.-C.,`` in the new one); the
    entries are grouped by address, so an address shared by two authors is one
    affiliation with both.

    >>> both = "Yang, G., Wuhan University, Wuhan, China; Li, H., Wuhan University, Wuhan, China"
    >>> a = split_scopus(None, both, ("Yang, G.", "Li, H."))
    >>> [(x.address, x.authors) for x in a]
    [('Wuhan University, Wuhan, China', ('Yang, G.', 'Li, H.'))]
    >>> aff = "Fudan University, Shanghai, China; MIT, Cambridge, MA, United States"
    >>> [x.address for x in split_scopus(aff, None, ())]
    ['Fudan University, Shanghai, China', 'MIT, Cambridge, MA, United States']
    """
    if with_authors and with_authors.strip():
        grouped: dict[str, list[str]] = {}
        for entry in (e.strip() for e in with_authors.split(";")):
            if not entry:
                continue
            name, address = _scopus_author(entry, authors)
            address = _clean(address)
            if not address:
                continue
            names = grouped.setdefault(address, [])
            if name and name not in names:
                names.append(name)
        return tuple(Affiliation(addr, tuple(names)) for addr, names in grouped.items())
    if not affiliations or not affiliations.strip():
        return ()
    seen: dict[str, None] = {}
    for entry in affiliations.split(";"):
        address = _clean(entry)
        if address:
            seen.setdefault(address)
    return tuple(Affiliation(a) for a in seen)


def _scopus_author(entry: str, authors: tuple[str, ...]) -> tuple[str, str]:
    """(author, address) of one ``Authors with affiliations`` entry."""
    for name in sorted(authors, key=len, reverse=True):
        if name and entry.startswith(name):
            rest = entry[len(name) :].lstrip(" ,")
            return name, rest
    parts = [p.strip() for p in entry.split(",")]
    # new style "Surname, I.", old style "Surname I."
    if len(parts) > 2 and re.fullmatch(r"(?:[A-Z][a-z]*\.-?\s*)+", parts[1]):
        return f"{parts[0]}, {parts[1]}", ", ".join(parts[2:])
    return parts[0], ", ".join(parts[1:])
