"""Standard values: one stated rule, from the national level and the published values, never from the provinces."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from innoscope.datasets.china_indicators import national_values
from innoscope.datasets.china_standards import PUBLISHED, VARIANTS, round_sig, standard_values, standard_variants
from innoscope.frameworks import shipped
from innoscope.geo.places import PROVINCES

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "china" / "innoscope.yaml"


@pytest.fixture(scope="module")
def inputs(china_inputs):
    return china_inputs


@pytest.fixture(scope="module")
def national(inputs):
    return national_values(*inputs)


def test_rule_by_hand():
    nat = pd.DataFrame(
        {2020: [2.40, 3.0, 600.0, 5.0], 2021: [2.44, 3.1, 640.0, np.nan], 2022: [2.54, 2.9, 700.0, 7.1]},
        index=["rd_intensity", "st_budget_share", "tech_sold_per_10k", "gdp_per_capita"],
    )
    t = standard_values(nat)
    assert t.loc["rd_intensity", "standard"] == 5.08  # 2.5% published, passed by the nation in 2022
    assert t.loc["rd_intensity", "rule"] == "published value passed in 2022; 2 x national max (2022)"
    assert t.loc["st_budget_share", ["standard", "rule"]].tolist() == [5.0, "published"]
    assert t.loc["tech_sold_per_10k", "standard"] == 1400.0
    assert t.loc["gdp_per_capita", ["standard", "national_year"]].tolist() == [14.2, 2022]
    assert standard_values(nat, published="always").loc["rd_intensity", "standard"] == 2.5
    assert standard_values(nat, published="never").loc["st_budget_share", "standard"] == 6.2
    assert standard_values(nat, multiple=1.5).loc["tech_sold_per_10k", "standard"] == 1050.0
    assert round_sig(6.25) == 6.25 and round_sig(123456) == 123000 and round_sig(0.0) == 0.0


def test_framework_targets_follow_the_rule(national):
    fw = shipped("china_regional_sti")
    table = standard_values(national)
    assert set(table.index) == set(fw.indicators)
    for code in fw.indicators:
        assert fw.node(code).target == table.loc[code, "standard"], code
        rule = table.loc[code, "rule"]
        note = fw.node(code).notes
        if rule == "published":  # the notes say which branch set each value, and from which year
            assert f"the published {PUBLISHED[code].value:g}" in note, code
        else:
            assert f"2 x national {table.loc[code, 'national_year']}" in note, code
        if rule.startswith("published value passed in"):
            assert f"passed by the nation in {rule.split()[4].rstrip(';')}" in note, code
    # the published values the nation had passed: 10 researchers and 200万元 from 2011-12, 2.5% in 2022
    assert table.loc["rd_intensity", "rule"].startswith("published value passed in 2022")
    assert table.loc["st_budget_share", "rule"] == "published"
    # every standard stays ahead of the nation in every year of the window
    assert (national.max(axis=1) < table["standard"]).all()


def test_uncertainty_alternatives_are_the_rule_variants(national):
    spec = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["uncertainty"]["normalise"]
    variants = standard_variants(national)
    base = variants["rule"]
    assert len(spec) == len(VARIANTS) and spec[0] == {"method": "standard"}
    for alt, name in zip(spec[1:], list(VARIANTS)[1:], strict=True):
        overrides = {k: v["target"] for k, v in alt["indicators"].items()}
        assert overrides == {k: x for k, x in variants[name].items() if x != base[k]}, name


def test_the_rule_does_not_see_the_provinces(inputs, national):
    """Standard values do not change when the provinces' data are reassigned among them."""
    yb, gdp, pop = inputs
    names = list(PROVINCES)
    shuffle = dict(zip(names, np.random.default_rng(7).permutation(names), strict=True))
    swap = {**shuffle, "全国": "全国"}
    moved = [df.assign(province=df["province"].map(swap)) for df in (yb, gdp, pop)]
    assert not moved[0]["province"].equals(yb["province"])
    again = standard_values(national_values(*moved))
    pd.testing.assert_frame_equal(again, standard_values(national))
