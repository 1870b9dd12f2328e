"""The European Innovation Scoreboard 2023 database.

The sheet holds every row twice (``Level`` 0 and 1); the ``Level == 0`` half is
kept (39 countries and the EU x 45 measures x 8 years, 2016-2023).  Every value
is a score relative to the EU in 2016 (= 100): the Summary Innovation Index
(``Numbers`` 0, read as code ``SII``), its 12 dimensions (``1.1`` ... ``4.3``)
and 32 indicators (``1.1.1`` ... ``4.3.3``).  How the index is computed from the
indicators is the shipped framework's business (``frameworks/shipped/eis_2023.yaml``).

Countries come with Eurostat's two-letter codes (``EL`` for Greece, ``UK`` for
the United Kingdom); they are keyed here by ISO 3166 alpha-3 code.  The EU
(``EU Average``) is keyed ``EU``.  ``Zone`` (EU / non-EU) and ``Perf`` (the
performance group of 2023) are the same in every year and become unit groups.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from innoscope.datasets.registry import SOURCES, require
from innoscope.errors import E, InnoscopeError

__all__ = ["EU", "load_eis"]

EU = "EU"
_EUROSTAT = {"EL": "GR", "UK": "GB"}  # Eurostat's codes that differ from ISO 3166 alpha-2


def _iso3(code: str, where: str) -> str:
    from innoscope.geo.countries import iso2_to_iso3

    if code == "EU Average":
        return EU
    iso3 = iso2_to_iso3(_EUROSTAT.get(code, code))
    if iso3 is None:
        raise InnoscopeError(E.COUNTRY_UNKNOWN, where=where, detail=f"country code {code!r}")
    return iso3


def load_eis(data_dir: str | Path | None = None, verify: bool = True) -> tuple[pd.DataFrame, int]:
    """Long table and the number of duplicate (``Level`` 1) rows dropped.

    Columns: unit (ISO3, or ``EU``), country (the file's code), name, zone,
    performance, year, code, indicator, depth (1 index, 2 dimension, 3
    indicator), value, row (the sheet row, header = 1), column.
    """
    root = require("eis-2023", data_dir, verify=verify)
    path = root / SOURCES["eis-2023"].files[0].path
    try:
        raw = pd.read_excel(path, sheet_name="Sheet 1", engine="calamine")
    except Exception as exc:
        raise InnoscopeError(E.FILE_UNREADABLE, where=str(path), detail=f"{type(exc).__name__}: {exc}") from None
    need = ["Indicator", "Perf", "Year", "Zone", "Country", "CountryName", "Level", "Value", "Numbers", "DigitCount"]
    missing = [c for c in need if c not in raw.columns]
    if missing:
        raise InnoscopeError(E.MISSING_COLUMN, where=f"{path} [Sheet 1]", detail=", ".join(missing))
    kept = raw[raw["Level"] == 0]
    dropped = len(raw) - len(kept)
    value = pd.to_numeric(kept["Value"], errors="coerce")
    bad = value.isna() & kept["Value"].notna() & (kept["Value"].astype(str).str.strip() != "")
    if bad.any():
        i = bad.to_numpy().nonzero()[0][0]
        raise InnoscopeError(
            E.NON_NUMERIC,
            where=f"{path} [Sheet 1]:{kept.index[i] + 2}, column Value",
            detail=repr(kept["Value"].iloc[i]),
        )
    country = kept["Country"].astype(str).str.strip()
    codes = {c: _iso3(c, f"{path} [Sheet 1], column Country") for c in pd.unique(country)}
    numbers = kept["Numbers"].astype(str).str.strip()
    out = pd.DataFrame(
        {
            "unit": country.map(codes),
            "country": country,
            "name": kept["CountryName"].astype(str).str.strip().replace({"EU": "European Union"}),
            "zone": kept["Zone"].astype(str),
            "performance": kept["Perf"].astype(str),
            "year": kept["Year"].astype(int),
            "code": numbers.where(numbers != "0", "SII"),
            "indicator": kept["Indicator"].astype(str),
            "depth": kept["DigitCount"].astype(int),
            "value": value,
            "row": kept.index.to_numpy() + 2,
            "column": "Value",
        }
    )
    dup = out.duplicated(["unit", "year", "code"], keep=False)
    if dup.any():
        first = out[dup].iloc[0]
        same = out[
            dup & (out["unit"] == first["unit"]) & (out["year"] == first["year"]) & (out["code"] == first["code"])
        ]
        raise InnoscopeError(
            E.DUPLICATE_ROWS,
            where=f"{path} [Sheet 1]",
            detail=f"rows {', '.join(map(str, same['row']))} repeat ({first['country']}, {first['year']}, "
            f"{first['code']}) after dropping the Level 1 copy",
        )
    return out.reset_index(drop=True), dropped
