"""World Bank WDI R&D expenditure (% of GDP): countries and aggregates, 2000-2023."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from innoscope.datasets.registry import SOURCES, require
from innoscope.errors import E, InnoscopeError

__all__ = ["load_worldbank"]


def load_worldbank(data_dir: str | Path | None = None, verify: bool = True) -> pd.DataFrame:
    """Long table: country, iso2c, iso3c (empty for income aggregates), year, value, row.

    Namibia's iso2c is the text ``NA``, kept as text (not read as missing).
    """
    root = require("worldbank-rd", data_dir, verify=verify)
    path = root / SOURCES["worldbank-rd"].files[0].path
    try:
        df = pd.read_csv(path, keep_default_na=False, na_values=[""], dtype={"iso2c": str, "iso3c": str})
    except Exception as exc:
        raise InnoscopeError(E.FILE_UNREADABLE, where=str(path), detail=f"{type(exc).__name__}: {exc}") from None
    return pd.DataFrame(
        {
            "country": df["country"],
            "iso2c": df["iso2c"],
            "iso3c": df["iso3c"].fillna(""),
            "year": df["year"].astype(int),
            "value": df["rd_expenditure_pct"].astype(float),
            "row": df.index.to_numpy() + 2,
        }
    )
