"""The indicators of the shipped China regional S&T framework, computed from the yearbook and GDP.

Each indicator is a ratio of yearbook series (and GDP), one row per province and year,
with the sources it was computed from.  The formulas are listed in ``FORMULAS`` and in
the framework file, together with the official indicator each stands for.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from innoscope.geo.places import PROVINCES
from innoscope.panel import Panel

__all__ = ["FORMULAS", "Formula", "china_panel"]


@dataclass(frozen=True)
class Formula:
    """``numerator / denominator * scale``; operands are (dataset, variable) or ``gdp``."""

    numerator: tuple[str, str] | str
    denominator: tuple[str, str] | str | None
    scale: float
    unit: str


FORMULAS: dict[str, Formula] = {
    "st_budget_share": Formula(("PublicBudget", "v6_cz_yszc_kxjs"), ("PublicBudget", "v6_cz_yszc_hj"), 100, "%"),
    "researcher_share": Formula(("RDLaborHour", "v4_zh_qsdl_yjry"), ("RDLaborHour", "v4_zh_qsdl_hj"), 100, "%"),
    "rd_intensity": Formula(("RDIntense", "v4_ztr_qd_RD"), None, 1, "%"),
    "basic_research_share": Formula(("RDActivity", "v4_zh_nbzc_jcyj"), ("RDActivity", "v4_zh_nbzc_hj"), 100, "%"),
    "enterprise_rd_share": Formula(("RDSource", "v4_zh_nbzc_qyzj"), ("RDSource", "v4_zh_nbzc_hj"), 100, "%"),
    "rd_fte_per_gdp": Formula(("RDLaborHour", "v4_zh_qsdl_hj"), "gdp", 1, "人年/亿元"),
    "sci_papers_per_rd": Formula(
        ("RDPaperInternational", "v4_cg_gwlw_pssci"), ("RDLaborHour", "v4_zh_qsdl_hj"), 1e4, "篇/万人年"
    ),
    "inv_grants_per_rd": Formula(
        ("RDPatentAuthority", "v4_cg_zlsq2_fm"), ("RDLaborHour", "v4_zh_qsdl_hj"), 1e4, "件/万人年"
    ),
    "inv_valid_per_gdp": Formula(("RDPatentValid", "v4_cg_zlsyx_fm"), "gdp", 1, "件/亿元"),
    "tech_market_gdp": Formula(("MarketPull", "v4_cg_jssr_je"), "gdp", 1e-4 * 100, "%"),  # 万元 / 亿元
    "hitech_newprod_gdp": Formula(("IndustryRD", "v4_cy_xcp_xssr"), "gdp", 1e-4 * 100, "%"),
    "hitech_rd_gdp": Formula(("IndustryRD", "v4_cy_RDhd_nbzc"), "gdp", 1e-4 * 100, "%"),
    "hitech_firms_per_gdp": Formula(("HitechFirmsPub", "innocom_hitech_firms"), "gdp", 1000, "家/千亿元"),
    "hitech_export_share": Formula(("IndustryRD", "v4_cy_xcp_ck"), ("IndustryRD", "v4_cy_xcp_xssr"), 100, "%"),
    "gdp_growth": Formula("gdp_growth", None, 1, "%"),
}


def _series(yearbook: pd.DataFrame, gdp: pd.DataFrame) -> dict:
    wide = yearbook.pivot_table(
        index=["province", "year"], columns=["dataset", "variable"], values="value", aggfunc="first"
    )
    g = gdp.set_index(["province", "year"])["value"].sort_index()
    growth = (g / g.groupby(level="province").shift(1) - 1) * 100
    return {"wide": wide, "gdp": g, "gdp_growth": growth}


def _operand(name, series: dict, index: pd.MultiIndex) -> pd.Series:
    if isinstance(name, str):
        return series[name].reindex(index)
    wide = series["wide"]
    if name not in wide.columns:
        return pd.Series(np.nan, index=index)
    return wide[name].reindex(index)


def china_panel(yearbook: pd.DataFrame, gdp: pd.DataFrame, years: range = range(2011, 2024)) -> Panel:
    """The framework's indicators for the 31 provinces and ``years``, with their sources."""
    provinces = list(PROVINCES)
    index = pd.MultiIndex.from_product([provinces, list(years)], names=["province", "year"])
    series = _series(yearbook, gdp)
    rows = []
    for code, f in FORMULAS.items():
        num = _operand(f.numerator, series, index)
        val = num if f.denominator is None else num / _operand(f.denominator, series, index)
        val = val * f.scale
        parts = [f.numerator, f.denominator]
        source = " / ".join(p if isinstance(p, str) else f"{p[0]}:{p[1]}" for p in parts if p is not None)
        block = val.rename("value").reset_index()
        block["value"] = block["value"].replace([np.inf, -np.inf], np.nan)
        rows.append(block.assign(indicator=code, source=source))
    long = pd.concat(rows, ignore_index=True)
    long = long.rename(columns={"province": "unit", "year": "period"})
    long["file"] = long.pop("source")
    long["row"] = 0
    units = pd.DataFrame(
        {"unit": provinces, "name": [PROVINCES[p][0] for p in provinces], "code": [PROVINCES[p][1] for p in provinces]}
    )
    values = long[["unit", "indicator", "period", "value", "file", "row"]].astype({"period": object})
    return Panel(values, units.assign(name=units["name"]))
