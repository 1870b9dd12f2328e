"""China's yearbook and GDP as loaded and cleaned, and the framework's indicators computed from them."""

from __future__ import annotations

import pytest

from innoscope.datasets.china import load_gdp, load_yearbook
from innoscope.datasets.china_indicators import china_panel
from innoscope.frameworks import shipped


@pytest.fixture(scope="module")
def data(shared_data):
    yb, report = load_yearbook(shared_data)
    return yb, report, load_gdp(shared_data)


def test_cleaning_is_reported_and_complete(data):
    yb, report, _ = data
    provinces = set(yb["province"])
    assert len(provinces) == 32 and "全国" in provinces  # 31 provinces and the national total
    assert not provinces & {"两藏", "山两", "四藏", "浙汀", "江两", "江四", "内蒙占", "东部地区"}
    assert report.dropped_regions["RDPatentValid"] == 4
    assert report.renamed["RDPatentAuthority"] > 0
    assert not yb.duplicated(["dataset", "province", "year", "variable"]).any()


def test_known_values(data):
    yb, _, gdp = data
    v = yb.set_index(["dataset", "province", "year", "variable"])["value"]
    assert v[("RDIntense", "全国", 2023, "v4_ztr_qd_RD")] == 2.65
    assert v[("RDIntense", "北京", 2023, "v4_ztr_jf_RD")] == 2947.1
    assert v[("RDPatentAuthority", "全国", 2023, "v4_cg_zlsq2_fm")] == 819234
    g = gdp.set_index(["province", "year"])["value"]
    assert g[("广东", 2023)] == 135673.2 and g[("北京", 2004)] == 6252.5
    assert len(gdp) == 31 * 20


def test_indicators(data):
    yb, _, gdp = data
    panel = china_panel(yb, gdp)
    v = panel.values.set_index(["unit", "indicator", "period"])["value"]
    assert v[("北京", "rd_intensity", 2023)] == 6.83 or v[("北京", "rd_intensity", 2023)] > 6
    src = yb.set_index(["dataset", "province", "year", "variable"])["value"]
    budget = (
        src[("PublicBudget", "上海", 2020, "v6_cz_yszc_kxjs")] / src[("PublicBudget", "上海", 2020, "v6_cz_yszc_hj")]
    )
    assert v[("上海", "st_budget_share", 2020)] == pytest.approx(budget * 100)
    growth = gdp.set_index(["province", "year"])["value"]
    assert v[("浙江", "gdp_growth", 2023)] == pytest.approx((growth[("浙江", 2023)] / growth[("浙江", 2022)] - 1) * 100)
    fw = shipped("china_regional_sti")
    assert set(fw.indicators) == set(panel.indicator_codes)
    assert all(fw.node(c).target and fw.node(c).notes for c in fw.indicators)
    assert len(panel.unit_codes) == 31 and panel.periods == list(range(2011, 2024))
