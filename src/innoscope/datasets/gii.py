"""The Global Innovation Index 2019 data export: ranks, scores and raw values of every node.

The upstream CSV repeats the 129 economies in five column blocks (rank, score,
value, two strength/weakness flags); its rows are the GII, the two sub-indices,
7 pillars, 21 sub-pillars and 80 indicators.  Codes are normalised (``1.1.1.``
-> ``1.1.1``; the index rows become ``GII``, ``IN`` and ``OUT``); ``n/a`` is
missing; a rank in square brackets (data coverage not met) is kept as a flag.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from innoscope.datasets.registry import SOURCES, require
from innoscope.errors import E, InnoscopeError

__all__ = ["BLOCKS", "load_gii"]

BLOCKS = {"rank": 3, "score": 133, "value": 263}
_TOP = {"Global Innovation Index": "GII", "Innovation Input Sub-index": "IN", "Innovation Output Sub-index": "OUT"}
_N = 129


def _num(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    text = cells.str.strip()
    bracket = text.str.fullmatch(r"\[.*\]")
    clean = text.str.strip("[]").replace({"n/a": "", "": ""})
    return pd.to_numeric(clean.replace("", np.nan), errors="raise").to_numpy(float), bracket.to_numpy()


def load_gii(data_dir: str | Path | None = None, verify: bool = True) -> pd.DataFrame:
    """Long table: economy, code, label, level, rank, rank_bracketed, score, value, row (CSV line, 1-based)."""
    root = require("gii-2019", data_dir, verify=verify)
    path = root / SOURCES["gii-2019"].files[0].path
    try:
        raw = pd.read_csv(path, header=None, dtype=str, keep_default_na=False)
    except Exception as exc:
        raise InnoscopeError(E.FILE_UNREADABLE, where=str(path), detail=f"{type(exc).__name__}: {exc}") from None
    if raw.shape != (118, 652):
        raise InnoscopeError(E.FILE_UNREADABLE, where=str(path), detail=f"expected 118 x 652 cells, found {raw.shape}")
    economies = [e.strip() for e in raw.iloc[0, BLOCKS["rank"] : BLOCKS["rank"] + _N]]
    frames = []
    for r in [3, 4, 5, *range(10, 118)]:
        first = raw.iat[r, 0].strip()
        code = _TOP.get(first, first.rstrip("."))
        label = first if code in _TOP.values() else raw.iat[r, 1].strip()
        if not re.fullmatch(r"GII|IN|OUT|\d(\.\d)*", code):
            raise InnoscopeError(E.FILE_UNREADABLE, where=f"{path}:{r + 1}", detail=f"unexpected code {first!r}")
        rank, bracket = _num(raw.iloc[r, BLOCKS["rank"] : BLOCKS["rank"] + _N])
        score, _ = _num(raw.iloc[r, BLOCKS["score"] : BLOCKS["score"] + _N])
        value, _ = _num(raw.iloc[r, BLOCKS["value"] : BLOCKS["value"] + _N])
        level = {"GII": 5, "IN": 4, "OUT": 4}.get(code, 3 - code.count("."))
        frames.append(
            pd.DataFrame(
                {
                    "economy": economies,
                    "code": code,
                    "label": label,
                    "level": level,
                    "rank": rank,
                    "rank_bracketed": bracket,
                    "score": score,
                    "value": value,
                    "row": r + 1,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)
