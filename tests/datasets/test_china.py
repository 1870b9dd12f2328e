"""China's yearbook, GDP and population as loaded and cleaned from their upstream files."""

from __future__ import annotations

import shutil

import pytest

from innoscope.datasets.china import load_population, load_yearbook
from innoscope.datasets.registry import SOURCES, sha256_file
from innoscope.errors import InnoscopeError

POP = SOURCES["china-population"].files[0].path


@pytest.fixture(scope="module")
def data(shared_data, china_inputs):
    yb, gdp, pop = china_inputs
    return yb, load_yearbook(shared_data, objects=("RDPatentValid", "RDPatentAuthority"))[1], gdp, pop


def test_cleaning_is_reported_and_complete(data):
    yb, report, _, _ = data
    provinces = set(yb["province"])
    assert len(provinces) == 32 and "全国" in provinces  # 31 provinces and the national total
    assert not provinces & {"两藏", "山两", "四藏", "浙汀", "江两", "江四", "内蒙占", "东部地区"}
    assert report.dropped_regions["RDPatentValid"] == 4
    assert report.renamed["RDPatentAuthority"] > 0
    assert not yb.duplicated(["dataset", "province", "year", "variable"]).any()
    # the three objects added later load whole (SOURCES.md: 960, 1,248 and 288 rows)
    assert yb.groupby("dataset").size()[["MarketPush", "IndustryOperation", "IndustryTrade"]].tolist() == [
        960,
        1248,
        288,
    ]


def test_known_values(data):
    yb, _, gdp, pop = data
    v = yb.set_index(["dataset", "province", "year", "variable"])["value"]
    assert v[("RDIntense", "全国", 2023, "v4_ztr_qd_RD")] == 2.65
    assert v[("RDIntense", "北京", 2023, "v4_ztr_jf_RD")] == 2947.1
    assert v[("RDPatentAuthority", "全国", 2023, "v4_cg_zlsq2_fm")] == 819234
    # samples printed in SOURCES.md for the objects added later
    assert v[("MarketPush", "北京", 2021, "v4_cg_jssc_je")] == pytest.approx(70056520.0, rel=1e-6)
    assert v[("MarketPush", "上海", 2021, "v4_cg_jssc_je")] == pytest.approx(25454910.0, rel=1e-6)
    assert v[("IndustryOperation", "北京", 2021, "v4_cy_scjy_zyyw")] == 10311.0
    assert v[("IndustryOperation", "上海", 2021, "v4_cy_scjy_zyyw")] == 8411.0
    assert 2011 not in set(yb[yb["dataset"] == "MarketPush"]["year"])
    assert 2017 not in set(yb[yb["dataset"] == "IndustryOperation"]["year"])
    g = gdp.set_index(["province", "year"])["value"]
    assert g[("广东", 2023)] == 135673.2 and g[("北京", 2004)] == 6252.5
    assert len(gdp) == 31 * 20
    p = pop.set_index(["province", "year"])
    assert p.loc[("上海", 2021), "value"] == 2489 and p.loc[("北京", 2024), "value"] == 2183
    assert len(pop) == 31 * 20 and set(pop["year"]) == set(range(2005, 2025))
    assert p.loc[("陕西", 2021), "value"] != p.loc[("山西", 2021), "value"]  # Shaanxi and Shanxi kept apart


def test_population_rows_point_at_the_file(data, shared_data):
    *_, pop = data
    lines = (shared_data / POP).read_text(encoding="ascii").splitlines()
    header = lines[1].split(",")
    for _, r in pop.sample(25, random_state=0).iterrows():
        cells = lines[r["row"] - 1].split(",")
        assert float(cells[header.index(r["column"])]) == r["value"]
    assert data[0].attrs["data_dir"] == str(shared_data)


def _copy_population(shared_data, tmp_path, edit):
    dest = tmp_path / POP
    dest.parent.mkdir(parents=True)
    shutil.copy(shared_data / POP, dest)
    dest.write_text(edit(dest.read_text(encoding="ascii")), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("edit", "match"),
    [
        (lambda t: t.replace("Shanghai,", "Shangai,"), r"E106 .*regions not recognised: \['Shangai'\]"),
        (lambda t: t.replace("Shanghai,2480", "Shanghai,n/a"), r"E103 .*historical_population.csv:11, column 2024"),
        (
            lambda t: t.replace("Shanghai,2480", "Shanghai,-2480"),
            r"E924 .*:11, column 2024: an implausible value .*: population '-2480'",
        ),
        (lambda t: t + t.splitlines()[-1] + "\n", r"E102 .*region 'Xinjiang' repeats"),
        (lambda t: t.replace("region,", "province,"), r"E101 .*'region'"),
        (lambda t: "", r"E004 "),
    ],
)
def test_bad_population_files_are_refused(shared_data, tmp_path, edit, match):
    d = _copy_population(shared_data, tmp_path, edit)
    with pytest.raises(InnoscopeError, match=match):
        load_population(d, verify=False)


def test_population_checksum_is_verified(shared_data, tmp_path):
    d = _copy_population(shared_data, tmp_path, lambda t: t.replace("2489", "2490"))
    assert sha256_file(d / POP) != SOURCES["china-population"].files[0].sha256
    with pytest.raises(InnoscopeError, match=r"E902 .*population.csv: .*part of data source china-population"):
        load_population(d)
