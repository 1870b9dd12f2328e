"""The indicators of the shipped China regional S&T framework, computed from the yearbook, GDP and population.

Each indicator is a ratio of published series, one value per province and year,
whose typed source is a :class:`~innoscope.provenance.Derived` listing the
:class:`~innoscope.provenance.FileRow` of every yearbook, population and GDP
cell it came from.  ``FORMULAS`` holds the arithmetic; the framework file
(``frameworks/shipped/china_regional_sti.yaml``) holds, per indicator, the
official indicator it stands for and how it differs.

Operands are yearbook series (``"RDLaborHour:v4_zh_qsdl_hj"``, with the unit
the yearbook must state for it) or one of:

* ``population`` — NBS year-end resident population (万人), its current series;
* ``gdp`` — NBS gross regional product (亿元), its latest revision;
* ``gdp_edition`` — GDP as the yearbook's own edition recorded it, recovered as
  R&D expenditure ÷ R&D intensity × 100 (RDIntense, both from the same
  table); the published intensity has two decimals, so for the provinces with
  the lowest intensity (西藏, about 0.2-0.3 %) it is known to within about 3 %.

Each ratio uses one GDP vintage: ``gdp_edition`` where the numerator comes from
the same yearbook edition, ``gdp`` where the other operand (population) is
NBS's current series too.  ``window = 3`` makes an indicator the mean of the
ratio over the year and the two before it (those available): technology-market
turnover is lumpy (one large contract can multiply a small province's annual
total), so it is smoothed openly, and the provenance lists every year used.

National values (the ``全国`` rows of the yearbook; population and GDP summed
over the 31 provinces) come from :func:`national_values`; they set the standard
values (:mod:`innoscope.datasets.china_standards`).

>>> FORMULAS["rd_personnel_per_10k"].text
'RDLaborHour:v4_zh_qsdl_hj ÷ population'
>>> FORMULAS["tech_sold_per_10k"].window
3
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from innoscope.datasets.registry import SOURCES
from innoscope.errors import E, InnoscopeError
from innoscope.geo.places import PROVINCES
from innoscope.panel import Panel
from innoscope.provenance import Derived, FileRow

__all__ = ["FORMULAS", "YEARS", "Formula", "china_panel", "national_values"]

YEARS = range(2011, 2024)
NATIONAL = "全国"


@dataclass(frozen=True)
class Formula:
    """``numerator ÷ denominator × scale``, averaged over ``window`` years (the year and those before it)."""

    numerator: str
    denominator: str | None
    scale: float
    unit: str
    window: int = 1

    @property
    def text(self) -> str:
        core = self.numerator if self.denominator is None else f"{self.numerator} ÷ {self.denominator}"
        core += "" if self.scale == 1 else f" × {self.scale:g}"
        return core if self.window == 1 else f"mean over the year and the {self.window - 1} before of ({core})"


# the unit the yearbook states for each series used; a different one is refused (E921)
SERIES_UNITS = {
    "RDLaborHour:v4_zh_qsdl_hj": "人年",
    "RDLaborHour:v4_zh_qsdl_yjry": "人年",
    "RDPatentAccept:v4_cg_zlsq_hj": "件",
    "RDPatentValid:v4_cg_zlsyx_fm": "件",
    "RDPaperInternational:v4_cg_gwlw_pssci": "篇",
    "MarketPull:v4_cg_jssr_je": "万元",
    "MarketPush:v4_cg_jssc_je": "万元",
    "RDIntense:v4_ztr_qd_RD": "%",
    "RDIntense:v4_ztr_jf_RD": "亿元",
    "PublicBudget:v6_cz_yszc_kxjs": "亿元",
    "PublicBudget:v6_cz_yszc_hj": "亿元",
    "IndustryRD:v4_cy_RDhd_nbzc": "万元",
    "IndustryRD:v4_cy_xcp_xssr": "万元",
    "IndustryOperation:v4_cy_scjy_zyyw": "亿元",
    "IndustryOperation:v4_cy_scjy_lrze": "亿元",
}
_REVENUE = "IndustryOperation:v4_cy_scjy_zyyw"

FORMULAS: dict[str, Formula] = {
    # 科技创新环境
    "rd_personnel_per_10k": Formula("RDLaborHour:v4_zh_qsdl_hj", "population", 1, "人年/万人"),
    "patent_apps_per_10k": Formula("RDPatentAccept:v4_cg_zlsq_hj", "population", 1, "件/万人"),
    "tech_bought_per_10k": Formula("MarketPull:v4_cg_jssr_je", "population", 1, "万元/万人", window=3),
    # 科技活动投入
    "researchers_per_10k": Formula("RDLaborHour:v4_zh_qsdl_yjry", "population", 1, "人年/万人"),
    "rd_intensity": Formula("RDIntense:v4_ztr_qd_RD", None, 1, "%"),
    "st_budget_share": Formula("PublicBudget:v6_cz_yszc_kxjs", "PublicBudget:v6_cz_yszc_hj", 100, "%"),
    "hitech_rd_revenue": Formula("IndustryRD:v4_cy_RDhd_nbzc", _REVENUE, 0.01, "%"),  # 万元 / 亿元 x 100
    # 科技活动产出
    "sci_papers_per_10k": Formula("RDPaperInternational:v4_cg_gwlw_pssci", "population", 1, "篇/万人"),
    "inv_valid_per_10k": Formula("RDPatentValid:v4_cg_zlsyx_fm", "population", 1, "件/万人"),
    "tech_sold_per_10k": Formula("MarketPush:v4_cg_jssc_je", "population", 1, "万元/万人", window=3),
    # 高新技术产业化
    "hitech_revenue_gdp": Formula(_REVENUE, "gdp_edition", 100, "%"),
    "hitech_newprod_share": Formula("IndustryRD:v4_cy_xcp_xssr", _REVENUE, 0.01, "%"),
    "hitech_profit_margin": Formula("IndustryOperation:v4_cy_scjy_lrze", _REVENUE, 100, "%"),
    # 科技促进经济社会发展
    "gdp_per_capita": Formula("gdp", "population", 1, "万元/人"),  # 亿元 / 万人
}


@dataclass(frozen=True)
class _Series:
    """Values indexed by (province, year) and, aligned with them, the cells each came from."""

    value: pd.Series
    cells: pd.Series  # tuples of FileRow

    def at(self, index: pd.MultiIndex) -> _Series:
        cells = self.cells.reindex(index)
        return _Series(self.value.reindex(index), cells.where(cells.notna(), None))


def _sha(file: str) -> str | None:
    return next((f.sha256 for s in SOURCES.values() for f in s.files if f.path == file), None)


def _cells(df: pd.DataFrame, sheet: pd.Series | None, column: pd.Series | str) -> pd.Series:
    files = df["file"].to_numpy()
    shas = {f: _sha(f) for f in pd.unique(files)}
    sheets = [None] * len(df) if sheet is None else sheet.to_numpy()
    cols = [column] * len(df) if isinstance(column, str) else column.to_numpy()
    return pd.Series(
        [
            (FileRow(f, shas[f], s, int(r), c),)
            for f, s, r, c in zip(files, sheets, df["row"].to_numpy(), cols, strict=True)
        ],
        index=df.index,
        dtype=object,
    )


def _base_series(yearbook: pd.DataFrame, gdp: pd.DataFrame, population: pd.DataFrame) -> dict[str, _Series]:
    needed = {op for f in FORMULAS.values() for op in (f.numerator, f.denominator) if op and ":" in op}
    needed |= {"RDIntense:v4_ztr_qd_RD", "RDIntense:v4_ztr_jf_RD"}
    key = yearbook["dataset"].astype(str) + ":" + yearbook["variable"].astype(str)
    out: dict[str, _Series] = {}
    for name in sorted(needed):
        part = yearbook[key == name]
        if part.empty:
            raise InnoscopeError(
                E.CHINA_SERIES_MISSING,
                where=f"china-sti-yearbook/data/{name.split(':')[0]}.rda",
                detail=f"series {name} (needed by the China framework's indicators)",
            )
        units = set(part["unit"].dropna())
        if units - {SERIES_UNITS[name]}:
            bad = part[part["unit"] != SERIES_UNITS[name]].iloc[0]
            raise InnoscopeError(
                E.CHINA_UNIT_MISMATCH,
                where=f"{bad['file']}:{bad['row']}",
                detail=f"{name} {bad['province']} {bad['year']} is in {bad['unit']!r}, expected {SERIES_UNITS[name]!r}",
            )
        part = part.set_index(["province", "year"])
        out[name] = _Series(part["value"], _cells(part, part["dataset"], "value"))
    for name, df in (("gdp", gdp), ("population", population)):
        df = df.set_index(["province", "year"])
        out[name] = _Series(df["value"].astype(float), _cells(df, None, df["column"].astype(str)))
    rd, intensity = out["RDIntense:v4_ztr_jf_RD"], out["RDIntense:v4_ztr_qd_RD"]
    idx = rd.value.index.intersection(intensity.value.index)
    with np.errstate(divide="ignore", invalid="ignore"):
        edition = rd.value.reindex(idx) / intensity.value.reindex(idx) * 100
    out["gdp_edition"] = _Series(
        edition.where(np.isfinite(edition)), rd.cells.reindex(idx) + intensity.cells.reindex(idx)
    )
    return out


def _with_national(series: dict[str, _Series]) -> dict[str, _Series]:
    """National rows where a series lacks them: the sum of the 31 provinces, for additive series.

    Population and NBS GDP have no national row at all; the yearbook's 全国 rows are
    kept where they exist (PublicBudget has them from 2019 only).  Ratios (%) are
    not summed.
    """
    out = dict(series)
    for name, s in series.items():
        if name == "gdp_edition" or SERIES_UNITS.get(name) == "%":
            continue
        prov = s.value[s.value.index.get_level_values("province").isin(list(PROVINCES))]
        total = prov.groupby(level="year").sum(min_count=len(PROVINCES)).dropna()
        have = s.value.xs(NATIONAL, level="province").dropna().index if NATIONAL in s.value.index else []
        total = total[~total.index.isin(have)]
        total.index = pd.MultiIndex.from_product([[NATIONAL], total.index], names=["province", "year"])
        out[name] = _Series(
            pd.concat([s.value, total]), pd.concat([s.cells, pd.Series(None, index=total.index, dtype=object)])
        )
    return out


def _compute(f: Formula, series: dict[str, _Series], units: list[str], years: Iterable[int]) -> _Series:
    years = list(years)
    span = list(range(min(years) - f.window + 1, max(years) + 1))
    full = pd.MultiIndex.from_product([units, span], names=["province", "year"])
    num = series[f.numerator].at(full)
    value = num.value.astype(float)
    cells = num.cells
    if f.denominator is not None:
        den = series[f.denominator].at(full)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = value / den.value
        value = value.where(np.isfinite(value))
        cells = pd.Series(
            [None if a is None or b is None else a + b for a, b in zip(cells, den.cells, strict=True)],
            index=full,
            dtype=object,
        )
    value = value * f.scale
    if f.window > 1:
        table = value.unstack("year")
        value = table.T.rolling(f.window, min_periods=1).mean().T.stack(future_stack=True)
        value = value.reindex(full)
        ok = cells.where(num.value.reindex(full).notna() & value.notna(), None)
        grid = ok.unstack("year")
        merged = {}
        for p in units:
            row = grid.loc[p]
            for i, y in enumerate(span):
                parts = [c for c in row.iloc[max(0, i - f.window + 1) : i + 1] if c is not None]
                merged[(p, y)] = tuple(x for c in parts for x in c) or None
        cells = pd.Series(merged, dtype=object).reindex(full)
    want = pd.MultiIndex.from_product([units, years], names=["province", "year"])
    value = value.reindex(want)
    cells = cells.reindex(want).where(value.notna(), None)
    return _Series(value, cells)


def _population_or_read(yearbook: pd.DataFrame, population: pd.DataFrame | None) -> pd.DataFrame:
    if population is not None:
        return population
    from innoscope.datasets.china import load_population

    return load_population(yearbook.attrs.get("data_dir"))


def china_panel(
    yearbook: pd.DataFrame,
    gdp: pd.DataFrame,
    population: pd.DataFrame | None = None,
    years: Iterable[int] = YEARS,
) -> Panel:
    """The framework's indicators for the 31 provinces and ``years``, each value with its ``Derived`` source.

    ``population`` is :func:`~innoscope.datasets.china.load_population`'s table;
    when it is None it is read from the data directory the yearbook was read from.
    Values that cannot be computed (a series not published that year) are kept
    as NaN rows, so that coverage can be reported; they carry no source.
    """
    years = list(years)
    population = _population_or_read(yearbook, population)
    series = _base_series(yearbook, gdp, population)
    provinces = list(PROVINCES)
    blocks = []
    for code, f in FORMULAS.items():
        s = _compute(f, series, provinces, years)
        source = [None if c is None else Derived(f.text, c) for c in s.cells]
        first = [None if c is None else c[0] for c in s.cells]
        blocks.append(
            pd.DataFrame(
                {
                    "unit": s.value.index.get_level_values("province"),
                    "indicator": code,
                    "period": s.value.index.get_level_values("year"),
                    "value": s.value.to_numpy(),
                    "file": [c.file if c else "" for c in first],
                    "row": [c.row if c else 0 for c in first],
                    "column": [c.column if c else None for c in first],
                    "source": source,
                }
            )
        )
    values = pd.concat(blocks, ignore_index=True).astype({"period": object})
    units = pd.DataFrame(
        {"unit": provinces, "name": [PROVINCES[p][0] for p in provinces], "code": [PROVINCES[p][1] for p in provinces]}
    )
    files = {c.file: c.sha256 for s in values["source"].dropna() for c in s.inputs if c.sha256}
    return Panel(values, units, files)


def national_values(
    yearbook: pd.DataFrame, gdp: pd.DataFrame, population: pd.DataFrame | None = None, years: Iterable[int] = YEARS
) -> pd.DataFrame:
    """Every indicator for the nation (``全国``): a table indicator x year.

    Yearbook series use their ``全国`` rows; population and NBS GDP, which have
    none, the sum over the 31 provinces.
    """
    population = _population_or_read(yearbook, population)
    series = _with_national(_base_series(yearbook, gdp, population))
    years = list(years)
    rows = {code: _compute(f, series, [NATIONAL], years).value.droplevel("province") for code, f in FORMULAS.items()}
    return pd.DataFrame(rows).T.reindex(columns=years)
