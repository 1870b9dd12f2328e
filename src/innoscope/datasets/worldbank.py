"""World Bank WDI R&D expenditure (% of GDP): countries and aggregates, 2000-2023."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from innoscope.datasets.registry import SOURCES, require
from innoscope.errors import E, InnoscopeError

__all__ = ["load_worldbank"]


def load_worldbank(data_dir: str | Path | None = None, verify: bool = True) -> pd.DataFrame:
    """Long table: unit, country, iso2c, iso3c, kind, year, value, row.

    ``unit`` is the ISO3 code (the World Bank's own three-letter code for a
    region), or for the three income groups the file gives no ISO3 code
    (High, Upper middle and Lower middle income) their two-letter code.
    ``kind`` is ``country`` when the code is an ISO 3166 country, else
    ``aggregate``.  Namibia's iso2c is the text ``NA``, kept as text.
    """
    from innoscope.geo.countries import country_name

    root = require("worldbank-rd", data_dir, verify=verify)
    path = root / SOURCES["worldbank-rd"].files[0].path
    try:
        df = pd.read_csv(path, keep_default_na=False, na_values=[""], dtype={"iso2c": str, "iso3c": str})
    except Exception as exc:
        raise InnoscopeError(E.FILE_UNREADABLE, where=str(path), detail=f"{type(exc).__name__}: {exc}") from None
    iso3 = df["iso3c"].fillna("")
    unit = iso3.where(iso3 != "", df["iso2c"])
    out = pd.DataFrame(
        {
            "unit": unit,
            "country": df["country"],
            "iso2c": df["iso2c"],
            "iso3c": iso3,
            "kind": [("country" if c and country_name(c) else "aggregate") for c in iso3],
            "year": df["year"].astype(int),
            "value": df["rd_expenditure_pct"].astype(float),
            "row": df.index.to_numpy() + 2,
        }
    )
    twice = out.groupby("unit")["country"].nunique()
    if (twice > 1).any():
        raise InnoscopeError(E.DUPLICATE_ROWS, where=str(path), detail=f"code {twice.idxmax()} names two countries")
    return out
