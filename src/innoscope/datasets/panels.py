"""Every registered source as a panel: units, indicators, periods, measures, values with their file cell.

A source that publishes several numbers per unit, indicator and period keeps
them apart by measure (:mod:`innoscope.panel.measures`): the GII's raw values,
scores and ranks (``raw``, ``score``, ``rank``), the EIS's scores relative to
the EU in 2016 (``relative``).  Countries are keyed by ISO 3166 alpha-3 code
with their names beside.

>>> from innoscope.datasets.panels import LOADERS
>>> sorted(LOADERS)[:4]
['asem', 'china-gdp', 'china-population', 'china-regional']
>>> SOURCES_OF["china-regional"]
('china-sti-yearbook', 'china-gdp', 'china-population')
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from innoscope.datasets.registry import SOURCES, require
from innoscope.errors import E, InnoscopeError
from innoscope.panel import Panel, read_table

__all__ = ["LOADERS", "SOURCES_OF", "load_panel"]


def _panel(df: pd.DataFrame, file: str) -> Panel:
    df = df.copy()
    df["file"] = df.get("file", file)
    df["row"] = df.get("row", 0)
    df["column"] = df.get("column", None)
    return Panel(
        df[["unit", "indicator", "period", "value", "file", "row", "column"]].astype({"period": object}),
        pd.DataFrame({"unit": pd.unique(df["unit"]), "name": pd.unique(df["unit"])}),
    )


def _yearbook(d):
    from innoscope.datasets.china import load_yearbook

    yb, _ = load_yearbook(d)
    return _panel(
        yb.assign(
            unit=yb["province"], indicator=yb["dataset"] + ":" + yb["variable"], period=yb["year"], column="value"
        ),
        "",
    )


def _gdp(d):
    from innoscope.datasets.china import load_gdp

    g = load_gdp(d)
    return _panel(g.assign(unit=g["province"], indicator="gdp", period=g["year"]), "")


def _measured(df: pd.DataFrame, file: str, units: pd.DataFrame, sheet: str | None = None) -> Panel:
    """A panel from a loader's long table with unit, indicator, period, measure, value, row, column."""
    values = pd.DataFrame(
        {
            "unit": df["unit"].astype(str).to_numpy(dtype=object),
            "indicator": df["indicator"].astype(str).to_numpy(dtype=object),
            "period": df["period"].astype(object).to_numpy(),
            "value": df["value"].astype(float).to_numpy(),
            "file": pd.Categorical.from_codes(np.zeros(len(df), dtype=np.int8), [file]),
            "row": df["row"].astype(int).to_numpy(),
            "column": pd.Categorical(df["column"].astype(str)),
            "measure": pd.Categorical(df["measure"].astype(str)),
        }
    )
    if sheet is not None:
        values["sheet"] = pd.Categorical.from_codes(np.zeros(len(df), dtype=np.int8), [sheet])
    return Panel(values, units.reset_index(drop=True))


def _population(d):
    from innoscope.datasets.china import load_population

    p = load_population(d)
    return _panel(p.assign(unit=p["province"], indicator="population", period=p["year"]), "")


def _gii(d):
    from innoscope.datasets.gii import load_gii

    g = load_gii(d)
    units = g[["iso3", "economy"]].drop_duplicates().rename(columns={"iso3": "unit", "economy": "name"})
    long = g.assign(unit=g["iso3"], indicator=g["code"], period=2019)
    return _measured(long, SOURCES["gii-2019"].files[0].path, units)


def _eis(d):
    from innoscope.datasets.eis import load_eis

    e, _ = load_eis(d)
    units = e[["unit", "name", "zone", "performance"]].drop_duplicates("unit")
    long = e.assign(indicator=e["code"], period=e["year"], measure="relative")
    return _measured(long, SOURCES["eis-2023"].files[0].path, units, sheet="Sheet 1")


def _worldbank(d):
    from innoscope.datasets.worldbank import load_worldbank

    w = load_worldbank(d)
    units = w[["unit", "country", "kind"]].drop_duplicates("unit").rename(columns={"country": "name"})
    long = w.assign(indicator="rd_expenditure_pct", period=w["year"], measure="raw", column="rd_expenditure_pct")
    return _measured(long, SOURCES["worldbank-rd"].files[0].path, units)


def _asem(d):
    root = require("asem", d)
    table = read_table(root / "asem" / "ASEM_iData.csv")
    groups = ["GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"]
    return Panel.from_wide(
        table, unit="uCode", name="uName", period="Time", groups=groups, source="asem/ASEM_iData.csv"
    )


def _china_regional(d):
    from dataclasses import replace

    from innoscope.datasets.china import load_gdp, load_population, load_yearbook
    from innoscope.datasets.china_indicators import china_panel

    yearbook, cleaning = load_yearbook(d)
    return replace(china_panel(yearbook, load_gdp(d), load_population(d)), notes=tuple(cleaning.lines()))


LOADERS = {
    "china-sti-yearbook": _yearbook,
    "china-gdp": _gdp,
    "china-population": _population,
    "gii-2019": _gii,
    "eis-2023": _eis,
    "worldbank-rd": _worldbank,
    "asem": _asem,
    "china-regional": _china_regional,  # the China framework's indicators, computed
}
# the registered sources each panel is read from
SOURCES_OF = {name: (name,) for name in LOADERS} | {
    "china-regional": ("china-sti-yearbook", "china-gdp", "china-population")
}


def load_panel(name: str, data_dir: str | Path | None = None) -> Panel:
    """The panel of a registered source (checksums verified), with its files' SHA-256.

    The parsed panel is kept (:mod:`innoscope.datasets.cache`): a source is read
    from its upstream format once per release and parser.
    """
    if name not in LOADERS:
        raise InnoscopeError(
            E.UNKNOWN_SOURCE, where="data source", detail=f"{name!r}; known: {', '.join(sorted(LOADERS))}"
        )
    from innoscope.datasets.cache import parsed

    files = {f.path: f.sha256 for src in SOURCES_OF[name] for f in SOURCES[src].files}
    panel = parsed(f"panel-{name}", SOURCES_OF[name], data_dir, lambda: LOADERS[name](data_dir))
    return panel.with_checksums(files)
