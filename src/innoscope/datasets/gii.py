"""The Global Innovation Index 2019 data export: ranks, scores and raw values of every node.

The upstream CSV repeats the 129 economies in five column blocks (rank, score,
raw value, two strength/weakness flags); its rows are the GII, the two
sub-indices, 7 pillars, 21 sub-pillars and 80 indicators.  Codes are normalised
(``1.1.1.`` -> ``1.1.1``; the index rows become ``GII``, ``IN`` and ``OUT``);
``n/a`` is missing; a rank in square brackets (the economy does not meet the
data-coverage rule for that node) is kept as a flag.  The flag blocks are text
and are not read.

Each number becomes one row of the long table, with its measure (``raw``,
``score`` or ``rank``), the CSV line it is on (1-based, as a spreadsheet shows
it) and the spreadsheet column letter of its cell.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from innoscope.datasets.registry import SOURCES, require
from innoscope.errors import E, InnoscopeError

__all__ = ["BLOCKS", "column_letter", "economy_iso3", "gii_wide", "load_gii"]

BLOCKS = {"rank": 3, "score": 133, "raw": 263}  # first column (0-based) of each measure's block
_TOP = {"Global Innovation Index": "GII", "Innovation Input Sub-index": "IN", "Innovation Output Sub-index": "OUT"}
_N = 129
# the file's (UN/WIPO) spellings that the gazetteer knows by their short names
_SPELLINGS = {"Hong Kong, China": "Hong Kong", "United Republic of Tanzania": "Tanzania"}


def column_letter(i: int) -> str:
    """The spreadsheet letter of 0-based column ``i``.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(651)
    ('A', 'Z', 'AA', 'YB')
    """
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def _num(cells: np.ndarray, where: str, first_col: int) -> tuple[np.ndarray, np.ndarray]:
    """Numbers of a block of cells (rows x economies): ``n/a`` and empty are missing, ``[x]`` flagged."""
    text = np.char.strip(cells.astype(str))
    bracket = np.char.startswith(text, "[") & np.char.endswith(text, "]")
    clean = np.char.strip(text, "[]")
    clean = np.where(clean == "n/a", "", clean)
    flat = pd.to_numeric(pd.Series(clean.ravel()).replace("", np.nan), errors="coerce").to_numpy(float)
    bad = np.isnan(flat) & (clean.ravel() != "")
    if bad.any():
        r, c = divmod(int(np.flatnonzero(bad)[0]), cells.shape[1])
        raise InnoscopeError(
            E.NON_NUMERIC, where=f"{where[r]}, column {column_letter(first_col + c)}", detail=repr(text[r, c])
        )
    return flat.reshape(cells.shape), bracket


def load_gii(data_dir: str | Path | None = None, verify: bool = True) -> pd.DataFrame:
    """Long table, one row per number: economy, iso3, code, label, level, measure, value, bracketed, row, column.

    ``level`` counts from the indicators (1) up to the GII (5); ``bracketed`` marks
    ranks printed in brackets.
    """
    root = require("gii-2019", data_dir, verify=verify)
    path = root / SOURCES["gii-2019"].files[0].path
    try:
        raw = pd.read_csv(path, header=None, dtype=str, keep_default_na=False).to_numpy(dtype=object)
    except Exception as exc:
        raise InnoscopeError(E.FILE_UNREADABLE, where=str(path), detail=f"{type(exc).__name__}: {exc}") from None
    if raw.shape != (118, 652):
        raise InnoscopeError(E.FILE_UNREADABLE, where=str(path), detail=f"expected 118 x 652 cells, found {raw.shape}")
    economies = [str(e).strip() for e in raw[0, BLOCKS["rank"] : BLOCKS["rank"] + _N]]
    for measure, start in BLOCKS.items():
        if [str(e).strip() for e in raw[0, start : start + _N]] != economies:
            raise InnoscopeError(
                E.FILE_UNREADABLE, where=f"{path}:1", detail=f"the {measure} block does not list the same economies"
            )
    rows = np.array([3, 4, 5, *range(10, 118)])
    codes, labels, levels = [], [], []
    for r in rows:
        first = str(raw[r, 0]).strip()
        code = _TOP.get(first, first.rstrip("."))
        if not re.fullmatch(r"GII|IN|OUT|\d(\.\d)*", code):
            raise InnoscopeError(E.FILE_UNREADABLE, where=f"{path}:{r + 1}", detail=f"unexpected code {first!r}")
        codes.append(code)
        labels.append(first if code in _TOP.values() else str(raw[r, 1]).strip())
        levels.append({"GII": 5, "IN": 4, "OUT": 4}.get(code, 3 - code.count(".")))
    iso = {e: economy_iso3(e, f"{path}:1") for e in economies}
    if len(set(iso.values())) < len(iso):
        twice = pd.Series(iso).loc[lambda c: c.duplicated(keep=False)]
        raise InnoscopeError(E.DUPLICATE_ROWS, where=f"{path}:1", detail=f"economies with one code: {dict(twice)}")
    where = [f"{path}:{r + 1}" for r in rows]
    n, k = len(rows), _N
    frames = []
    for measure, start in BLOCKS.items():
        values, bracket = _num(raw[np.ix_(rows, np.arange(start, start + k))], where, start)
        frames.append(
            pd.DataFrame(
                {
                    "economy": np.tile(economies, n),
                    "iso3": np.tile([iso[e] for e in economies], n),
                    "code": np.repeat(codes, k),
                    "label": np.repeat(labels, k),
                    "level": np.repeat(levels, k),
                    "measure": measure,
                    "value": values.ravel(),
                    "bracketed": bracket.ravel(),
                    "row": np.repeat(rows + 1, k),
                    "column": np.tile([column_letter(c) for c in range(start, start + k)], n),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def economy_iso3(name: str, where: str = "gii-2019") -> str:
    """The ISO 3166 alpha-3 code of a GII economy name (ISO short names end in ``(the)``).

    >>> economy_iso3("United States of America (the)"), economy_iso3("Hong Kong, China")
    ('USA', 'HKG')
    """
    from innoscope.geo.countries import country_iso3

    plain = re.sub(r"\s*\(the\)$", "", name)
    code = country_iso3(_SPELLINGS.get(plain, plain))
    if code is None:
        raise InnoscopeError(E.COUNTRY_UNKNOWN, where=where, detail=repr(name))
    return code


def gii_wide(gii: pd.DataFrame, measure: str, levels: tuple[int, ...] = (1, 2, 3, 4, 5)) -> pd.DataFrame:
    """One measure of the long table as economies (ISO3) x codes."""
    sub = gii[(gii["measure"] == measure) & gii["level"].isin(levels)]
    return sub.pivot(index="iso3", columns="code", values="value")
