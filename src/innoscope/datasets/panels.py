"""Every registered source as a panel: units, indicators, periods, values with their file and row.

>>> from innoscope.datasets.panels import LOADERS
>>> sorted(LOADERS)[:4]
['asem', 'china-gdp', 'china-population', 'china-regional']
>>> SOURCES_OF["china-regional"]
('china-sti-yearbook', 'china-gdp', 'china-population')
"""

from __future__ import annotations

from pathlib import Path

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


def _population(d):
    from innoscope.datasets.china import load_population

    p = load_population(d)
    return _panel(p.assign(unit=p["province"], indicator="population", period=p["year"]), "")


def _gii(d):
    from innoscope.datasets.gii import load_gii

    g = load_gii(d)
    path = SOURCES["gii-2019"].files[0].path
    values = g.assign(unit=g["economy"], indicator=g["code"], period=2019)
    scores = g.assign(unit=g["economy"], indicator=g["code"] + ":score", period=2019, value=g["score"])
    return _panel(pd.concat([values, scores]), path)


def _eis(d):
    from innoscope.datasets.eis import load_eis

    e, _ = load_eis(d)
    return _panel(e.assign(unit=e["country"], indicator=e["code"], period=e["year"]), SOURCES["eis-2023"].files[0].path)


def _worldbank(d):
    from innoscope.datasets.worldbank import load_worldbank

    w = load_worldbank(d)
    return _panel(
        w.assign(unit=w["country"], indicator="rd_expenditure_pct", period=w["year"]),
        SOURCES["worldbank-rd"].files[0].path,
    )


def _asem(d):
    root = require("asem", d)
    table = read_table(root / "asem" / "ASEM_iData.csv")
    groups = ["GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"]
    return Panel.from_wide(
        table, unit="uCode", name="uName", period="Time", groups=groups, source="asem/ASEM_iData.csv"
    )


def _china_regional(d):
    from innoscope.datasets.china import load_gdp, load_population, load_yearbook
    from innoscope.datasets.china_indicators import china_panel

    return china_panel(load_yearbook(d)[0], load_gdp(d), load_population(d))


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
    """The panel of a registered source (checksums verified), with its files' SHA-256."""
    if name not in LOADERS:
        raise InnoscopeError(
            E.UNKNOWN_SOURCE, where="data source", detail=f"{name!r}; known: {', '.join(sorted(LOADERS))}"
        )
    files = {f.path: f.sha256 for src in SOURCES_OF[name] for f in SOURCES[src].files}
    return LOADERS[name](data_dir).with_checksums(files)
