"""The China framework's indicators: values recomputed by hand from the source cells, provenance, vintages."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from innoscope.datasets.china_indicators import FORMULAS, china_panel, national_values
from innoscope.datasets.registry import SOURCES
from innoscope.errors import InnoscopeError
from innoscope.frameworks import shipped
from innoscope.provenance import Derived, FileRow


@pytest.fixture(scope="module")
def inputs(china_inputs):
    return china_inputs


@pytest.fixture(scope="module")
def panel(inputs):
    return china_panel(*inputs)


def raw(inputs, dataset, province, year, variable):
    yb = inputs[0]
    hit = yb[
        (yb["dataset"] == dataset) & (yb["province"] == province) & (yb["year"] == year) & (yb["variable"] == variable)
    ]
    return float(hit["value"].item())


def pop(inputs, province, year):
    p = inputs[2]
    return float(p[(p["province"] == province) & (p["year"] == year)]["value"].item())


def value(panel, unit, code, year):
    v = panel.values
    return float(v[(v["unit"] == unit) & (v["indicator"] == code) & (v["period"] == year)]["value"].item())


def test_per_10k_population_values(inputs, panel):
    # 上海 2021: 2489 万人 (SOURCES.md); R&D personnel and valid invention patents per 万人
    hj = raw(inputs, "RDLaborHour", "上海", 2021, "v4_zh_qsdl_hj")
    assert value(panel, "上海", "rd_personnel_per_10k", 2021) == pytest.approx(hj / 2489)
    fm = raw(inputs, "RDPatentValid", "北京", 2020, "v4_cg_zlsyx_fm")
    assert value(panel, "北京", "inv_valid_per_10k", 2020) == pytest.approx(fm / pop(inputs, "北京", 2020))


def test_contracts_sold_smoothed_over_three_years(inputs, panel):
    per = [raw(inputs, "MarketPush", "上海", y, "v4_cg_jssc_je") / pop(inputs, "上海", y) for y in (2019, 2020, 2021)]
    assert value(panel, "上海", "tech_sold_per_10k", 2021) == pytest.approx(np.mean(per))
    assert per[-1] == pytest.approx(25454910 / 2489, rel=1e-6)  # SOURCES.md's sample, sold not bought
    # no 2011 in the tables: the year's value is the mean of what its window holds (2010 only)
    assert value(panel, "北京", "tech_sold_per_10k", 2011) == pytest.approx(
        raw(inputs, "MarketPush", "北京", 2010, "v4_cg_jssc_je") / pop(inputs, "北京", 2010)
    )


def test_high_tech_industry_ratios(inputs, panel):
    rev = raw(inputs, "IndustryOperation", "北京", 2021, "v4_cy_scjy_zyyw")
    assert rev == 10311.0
    profit = raw(inputs, "IndustryOperation", "北京", 2021, "v4_cy_scjy_lrze")
    assert value(panel, "北京", "hitech_profit_margin", 2021) == pytest.approx(profit / rev * 100)
    newprod = raw(inputs, "IndustryRD", "江苏", 2019, "v4_cy_xcp_xssr")  # 万元 over 亿元
    jrev = raw(inputs, "IndustryOperation", "江苏", 2019, "v4_cy_scjy_zyyw")
    assert value(panel, "江苏", "hitech_newprod_share", 2019) == pytest.approx(newprod / 1e4 / jrev * 100)


def test_one_gdp_vintage_per_ratio(inputs, panel):
    gdp = inputs[1]
    # 天津 2016: the yearbook's 3.00% R&D intensity rests on its edition's GDP, which NBS later cut by a third
    rd = raw(inputs, "RDIntense", "天津", 2016, "v4_ztr_jf_RD")
    intensity = raw(inputs, "RDIntense", "天津", 2016, "v4_ztr_qd_RD")
    edition = rd / intensity * 100
    latest = float(gdp[(gdp["province"] == "天津") & (gdp["year"] == 2016)]["value"].item())
    assert intensity == 3.0 and rd / latest * 100 == pytest.approx(4.68, abs=0.01) and edition / latest > 1.5
    assert value(panel, "天津", "rd_intensity", 2016) == 3.0
    rev = raw(inputs, "IndustryOperation", "天津", 2016, "v4_cy_scjy_zyyw")
    assert value(panel, "天津", "hitech_revenue_gdp", 2016) == pytest.approx(rev / edition * 100)
    # GDP per capita: NBS's latest GDP over NBS's current population, both of one (the latest) vintage
    assert value(panel, "天津", "gdp_per_capita", 2016) == pytest.approx(latest / pop(inputs, "天津", 2016))


def test_every_value_carries_its_source_cells(shared_data, panel):
    import rdata

    v = panel.values
    have = v[v["value"].notna()]
    assert have["source"].map(lambda s: isinstance(s, Derived)).all()
    assert v[v["value"].isna()]["source"].isna().all()
    sha = {f.path: f.sha256 for s in SOURCES.values() for f in s.files}
    rows = {}
    for _, r in have.sample(60, random_state=1).iterrows():
        src = r["source"]
        assert src.formula == FORMULAS[r["indicator"]].text
        assert all(isinstance(c, FileRow) and c.sha256 == sha[c.file] and c.row for c in src.inputs)
        for c in src.inputs:
            if c.sheet:  # a yearbook cell: R's row of the object names the unit and a year of the window
                if c.sheet not in rows:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        rows[c.sheet] = rdata.read_rda(shared_data / c.file)[c.sheet]
                cell = rows[c.sheet].iloc[c.row - 1]
                assert cell["province"].replace(" ", "") in (r["unit"], "两藏", "山两", "四藏", "江两", "江四", "浙汀")
                assert int(r["period"]) - FORMULAS[r["indicator"]].window < int(cell["year"]) <= int(r["period"])
    assert panel.checksums[SOURCES["china-population"].files[0].path] == sha[SOURCES["china-population"].files[0].path]
    assert len(panel.unit_codes) == 31 and sorted(set(v["period"])) == list(range(2011, 2024))


def test_framework_matches_the_formulas(panel):
    fw = shipped("china_regional_sti")
    assert set(fw.indicators) == set(FORMULAS) == set(panel.indicator_codes)
    for code in fw.indicators:
        node = fw.node(code)
        assert node.target and node.target > 0
        assert node.notes.startswith(("official:", "stands for")), code
        series = FORMULAS[code].numerator.split(":")[0]
        assert series in node.notes or (series == "gdp" and "china-gdp" in node.notes), code
        assert node.unit == FORMULAS[code].unit, code


def test_national_values(inputs):
    nat = national_values(*inputs)
    assert nat.loc["rd_intensity", 2021] == 2.44  # the yearbook's 全国 row
    p = inputs[2]
    total = p[p["year"] == 2021]["value"].sum()
    assert nat.loc["researchers_per_10k", 2021] == pytest.approx(
        raw(inputs, "RDLaborHour", "全国", 2021, "v4_zh_qsdl_yjry") / total
    )
    # PublicBudget has 全国 rows from 2019 only; before, the sum over the 31 provinces stands for it
    yb = inputs[0]
    b = yb[(yb["dataset"] == "PublicBudget") & (yb["year"] == 2015) & (yb["province"] != "全国")]
    share = b[b["variable"] == "v6_cz_yszc_kxjs"]["value"].sum() / b[b["variable"] == "v6_cz_yszc_hj"]["value"].sum()
    assert nat.loc["st_budget_share", 2015] == pytest.approx(share * 100)


def test_wrong_unit_or_missing_series_is_refused(inputs):
    yb, gdp, pop = inputs
    bad = yb.copy()
    hit = (bad["dataset"] == "IndustryOperation") & (bad["variable"] == "v4_cy_scjy_zyyw") & (bad["year"] == 2020)
    bad.loc[hit, "unit"] = "万元"
    with pytest.raises(InnoscopeError, match=r"E921 .*IndustryOperation.rda:\d+: .*in '万元', expected '亿元'"):
        china_panel(bad, gdp, pop)
    with pytest.raises(InnoscopeError, match=r"E920 .*MarketPush.rda: .*MarketPush:v4_cg_jssc_je"):
        china_panel(yb[yb["dataset"] != "MarketPush"], gdp, pop)
