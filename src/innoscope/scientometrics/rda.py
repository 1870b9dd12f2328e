"""bibliometrix data frames (.rda): one row per paper, columns named by WoS field tags.

The three collections of ``bibliometrixData`` are read as they are: ``AU``
separated by ``;`` or ``' ;'``, ``C1`` with or without bracketed author groups
(and ``\\&`` for ``&``), ``DT`` with a trailing space, ``UT`` as ``WOS:…`` or
``ISI…``.  The line of a record is its row in the data frame (1-based, as R
numbers it).  The file may hold several data frames; every one with an ``AU``
or ``C1`` column is read.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

from innoscope.errors import E, InnoscopeError
from innoscope.scientometrics.affiliations import split_authors, split_c1
from innoscope.scientometrics.schema import Problem, Record

__all__ = ["read_rda"]


def _text(value) -> str | None:
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _year(value) -> int | None:
    try:
        y = float(value)
    except (TypeError, ValueError):
        return None
    return int(y) if not math.isnan(y) else None


def read_rda(path: str | Path) -> tuple[list[Record], list[Problem]]:
    """The records of every bibliographic data frame in an .rda file, and the problems found."""
    import pandas as pd
    import rdata

    path = Path(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # R classes without a constructor (bibliometrixDB) read as data.frame
            objects = rdata.read_rda(str(path))
    except Exception as exc:  # rdata raises bare exceptions for files that are not R data
        raise InnoscopeError(E.RECORDS_FORMAT, where=str(path), detail=f"not readable as R data ({exc})") from None
    frames = {k: v for k, v in objects.items() if isinstance(v, pd.DataFrame) and ({"AU", "C1"} & set(v.columns))}
    if not frames:
        raise InnoscopeError(E.RECORDS_FORMAT, where=str(path), detail="no data frame with WoS field tags (AU, C1)")
    records: list[Record] = []
    problems: list[Problem] = []
    name = path.name
    for obj, df in frames.items():
        where = name if len(frames) == 1 else f"{name}[{obj}]"
        cols = {c: df[c].tolist() for c in df.columns}
        for i in range(len(df)):

            def get(tag: str, i: int = i, cols: dict = cols) -> str | None:
                return _text(cols[tag][i]) if tag in cols else None

            authors = split_authors(get("AU"))
            uid = get("UT")
            fields = get("WC") or get("SC")
            rec = Record(
                id=uid,
                file=where,
                line=i + 1,
                year=_year(cols["PY"][i]) if "PY" in cols else None,
                journal=get("SO"),
                journal_abbrev=get("JI") or get("J9"),
                doc_type=get("DT"),
                title=get("TI"),
                doi=get("DI"),
                authors=authors,
                fields=tuple(f.strip() for f in fields.replace("\\&", "&").split(";") if f.strip()) if fields else (),
                affiliations=split_c1(get("C1"), authors),
            )
            records.append(rec)
    return records, problems
