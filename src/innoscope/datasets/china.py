"""China's provincial S&T yearbook tables, gross regional product and population, from their upstream files.

The yearbook objects (R .rda, one long table each) are cleaned openly: OCR-damaged
province names mapped to the 31 standard names (两藏 -> 西藏, 山两 -> 山西, …),
whitespace inside 2010 names removed, the stray 东部地区 rows and exact duplicate
rows dropped — each with a count in the returned report.  The GDP export (.xls,
English names, numbers stored as text) is mapped to the same names, and so is the population table (NBS year-end
resident population, pinyin names without spaces: ``InnerMongolia``, ``Tibet``).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from innoscope.datasets.registry import SOURCES, require
from innoscope.errors import E, InnoscopeError
from innoscope.geo.places import ENGLISH, PROVINCES

__all__ = [
    "OCR_FIX",
    "YEARBOOK_OBJECTS",
    "CleaningReport",
    "load_gdp",
    "load_population",
    "load_yearbook",
    "province_code",
]

OCR_FIX = {
    "两藏": "西藏",
    "四藏": "西藏",
    "山两": "山西",
    "江两": "江西",
    "江四": "江西",
    "浙汀": "浙江",
    "内蒙占": "内蒙古",
}
NOT_PROVINCES = {"东部地区", "尔部地区", "中部地区", "西部地区", "东北地区"}
YEARBOOK_OBJECTS = (
    "RDIntense",
    "RDActivity",
    "RDSource",
    "RDLaborHour",
    "RDPatentAccept",
    "RDPatentAuthority",
    "RDPatentValid",
    "RDPaperInternational",
    "MarketPull",
    "PublicBudget",
    "IndustryRD",
    "HitechFirmsPub",
    "MarketPush",
    "IndustryOperation",
    "IndustryTrade",
)


def province_code(name: str) -> str | None:
    """GB/T 2260 code of a province's standard short name; None for 全国 or unknown names."""
    return PROVINCES[name][1] if name in PROVINCES else None


@dataclass
class CleaningReport:
    """What cleaning changed, per object: names mapped, rows dropped."""

    renamed: dict[str, int] = field(default_factory=dict)
    dropped_regions: dict[str, int] = field(default_factory=dict)
    duplicates: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"{k}: {v} row(s) renamed" for k, v in self.renamed.items() if v]
        out += [f"{k}: {v} non-province row(s) dropped (东部地区)" for k, v in self.dropped_regions.items() if v]
        out += [f"{k}: {v} duplicate row(s) dropped" for k, v in self.duplicates.items() if v]
        return out


def _read_rda(path: Path, name: str) -> pd.DataFrame:
    import rdata

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return rdata.read_rda(path)[name]
    except Exception as exc:  # a truncated or foreign file
        raise InnoscopeError(E.FILE_UNREADABLE, where=str(path), detail=f"not a readable R data file: {exc}") from None


def load_yearbook(
    data_dir: str | Path | None = None, objects: tuple[str, ...] = YEARBOOK_OBJECTS, verify: bool = True
) -> tuple[pd.DataFrame, CleaningReport]:
    """Long table: province, year, variable, label, value, unit, dataset, file, row (1-based R row).

    ``attrs["data_dir"]`` records the data directory the tables were read from.
    """
    root = require("china-sti-yearbook", data_dir, verify=verify)
    report = CleaningReport()
    frames = []
    for name in objects:
        path = root / "china-sti-yearbook" / "data" / f"{name}.rda"
        df = _read_rda(path, name)
        rows = np.arange(1, len(df) + 1)
        if name == "HitechFirmsPub":
            df = pd.DataFrame(
                {
                    "province": df["province"],
                    "year": df["year"],
                    "chn_block4": "高新技术企业认定数",
                    "value": df["num"],
                    "units": "家",
                    "variables": "innocom_hitech_firms",
                }
            )
        prov = df["province"].astype("string").str.replace(r"\s+", "", regex=True)
        fixed = prov.replace(OCR_FIX)
        report.renamed[name] = int((fixed != prov).sum())
        out = pd.DataFrame(
            {
                "province": fixed.astype(object),
                "year": pd.to_numeric(df["year"]).astype(int),
                "variable": df["variables"].astype(object),
                "label": df["chn_block4"].astype(object),
                "value": df["value"].astype(float),
                "unit": df["units"].astype(object),
                "dataset": name,
                "file": f"china-sti-yearbook/data/{name}.rda",
                "row": rows,
            }
        )
        stray = out["province"].isin(NOT_PROVINCES)
        report.dropped_regions[name] = int(stray.sum())
        out = out[~stray]
        unknown = sorted(set(out["province"]) - set(PROVINCES) - {"全国"})
        if unknown:
            raise InnoscopeError(
                E.UNKNOWN_UNIT, where=str(path), detail=f"province names not recognised: {unknown[:5]}"
            )
        dup = out.duplicated(["province", "year", "variable", "value"])
        report.duplicates[name] = int(dup.sum())
        out = out[~dup]
        clash = out.duplicated(["province", "year", "variable"], keep=False)
        if clash.any():
            r = out[clash].iloc[0]
            raise InnoscopeError(
                E.DUPLICATE_ROWS,
                where=str(path),
                detail=f"conflicting values for ({r['province']}, {r['year']}, {r['variable']})",
            )
        frames.append(out)
    table = pd.concat(frames, ignore_index=True)
    table.attrs["data_dir"] = str(root)
    return table, report


_ENGLISH_TO_SHORT = {**ENGLISH, "Inner Mongolia": "内蒙古", "Tibet": "西藏"}


def load_gdp(data_dir: str | Path | None = None, verify: bool = True) -> pd.DataFrame:
    """Gross regional product: province (standard short name), year, value (亿元), file, row, column.

    The figures are NBS's latest revision (the 2018 economic census revised 2011-2018,
    e.g. 天津 2016 by about a third); ``row`` is the sheet row, ``column`` the year's label.
    """
    root = require("china-gdp", data_dir, verify=verify)
    path = root / SOURCES["china-gdp"].files[0].path
    try:
        raw = pd.read_excel(path, engine="calamine", header=3, nrows=31, dtype=str)
    except Exception as exc:
        raise InnoscopeError(E.FILE_UNREADABLE, where=str(path), detail=f"{type(exc).__name__}: {exc}") from None
    names = raw["Region"].str.strip()
    unknown = sorted(set(names) - set(_ENGLISH_TO_SHORT))
    if unknown:
        raise InnoscopeError(E.UNKNOWN_UNIT, where=str(path), detail=f"regions not recognised: {unknown[:5]}")
    long = raw.assign(province=names.map(_ENGLISH_TO_SHORT), row=np.arange(5, 5 + len(raw))).melt(
        id_vars=["Region", "province", "row"], var_name="year", value_name="value"
    )
    long["column"] = long["year"].astype(str)
    long["year"] = long["year"].astype(int)
    long["value"] = pd.to_numeric(long["value"], errors="raise")
    long["file"] = f"china-gdp/{path.relative_to(root / 'china-gdp')}"
    return long[["province", "year", "value", "file", "row", "column"]]


_PINYIN_TO_SHORT = {k.replace(" ", ""): v for k, v in _ENGLISH_TO_SHORT.items()}


def load_population(data_dir: str | Path | None = None, verify: bool = True) -> pd.DataFrame:
    """Year-end resident population: province, year, value (万人), file, row, column.

    ``row`` is the line of the CSV file (line 1 is the source comment, line 2 the
    header), ``column`` the year's column label.
    """
    root = require("china-population", data_dir, verify=verify)
    rel = SOURCES["china-population"].files[0].path
    path = root / rel
    try:
        raw = pd.read_csv(path, comment="#", dtype=str, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InnoscopeError(E.FILE_UNREADABLE, where=str(path), detail=f"{type(exc).__name__}: {exc}") from None
    if "region" not in raw.columns:
        raise InnoscopeError(E.MISSING_COLUMN, where=str(path), detail=f"'region' (columns: {list(raw.columns)[:6]})")
    names = raw["region"].str.strip()
    unknown = sorted(set(names) - set(_PINYIN_TO_SHORT))
    if unknown:
        raise InnoscopeError(E.UNKNOWN_UNIT, where=str(path), detail=f"regions not recognised: {unknown[:5]}")
    if names.duplicated().any():
        raise InnoscopeError(
            E.DUPLICATE_ROWS, where=str(path), detail=f"region {names[names.duplicated()].iloc[0]!r} repeats"
        )
    long = raw.assign(province=names.map(_PINYIN_TO_SHORT), row=np.arange(3, 3 + len(raw))).melt(
        id_vars=["region", "province", "row"], var_name="column", value_name="text"
    )
    long["year"] = pd.to_numeric(long["column"], errors="coerce")
    if long["year"].isna().any():
        raise InnoscopeError(E.MISSING_COLUMN, where=str(path), detail="every column after 'region' must be a year")
    value = pd.to_numeric(long["text"], errors="coerce")
    for bad, kind in ((value.isna(), E.NON_NUMERIC), (~(value > 0), E.CHINA_BAD_VALUE)):
        if bad.any():
            r = long[bad].iloc[0]
            raise InnoscopeError(
                kind, where=f"{path}:{r['row']}, column {r['column']}", detail=f"population {r['text']!r}"
            )
    return pd.DataFrame(
        {
            "province": long["province"],
            "year": long["year"].astype(int),
            "value": value.astype(float),
            "file": rel,
            "row": long["row"].astype(int),
            "column": long["column"].astype(str),
        }
    )
