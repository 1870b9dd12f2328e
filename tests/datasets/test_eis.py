"""EIS 2023: the Summary Innovation Index rebuilt from the indicator scores in the file."""

from __future__ import annotations

import pytest

from innoscope.datasets.eis import compare_sii, eu_reference_weights, load_eis


@pytest.fixture(scope="module")
def eis(shared_data):
    return load_eis(shared_data)


def test_layout(eis):
    data, dropped = eis
    assert dropped == 14040 and len(data) == 39 * 45 * 8
    eu16 = data[(data["country"] == "EU Average") & (data["year"] == 2016)]
    assert (eu16["value"] == 100).all()
    assert int(data["value"].isna().sum()) == 344


def test_plain_mean_of_relative_scores(eis):
    c = compare_sii(eis[0])
    assert c["abs_difference"].mean() == pytest.approx(7.65, abs=0.01)  # the EU weights matter
    assert c.groupby("year")[["sii", "published"]].corr(method="spearman").xs("sii", level=1)["published"].min() > 0.98


def test_with_eu_reference_weights(eis):
    data = eis[0]
    w = eu_reference_weights(data)
    assert w.mean() == pytest.approx(1.0, abs=0.01) and (w > 0).all()
    c = compare_sii(data, w)
    assert c["abs_difference"].mean() < 0.45 and c["abs_difference"].max() < 2.0
    held_out = compare_sii(data, eu_reference_weights(data, years=(2016, 2017, 2018, 2019)))
    later = held_out[held_out["year"] >= 2020]
    assert later["abs_difference"].mean() < 0.65
    assert (later["rank_rebuilt"] - later["rank_published"]).abs().max() <= 3


def test_shipped_framework_gives_the_plain_mean(eis):
    import numpy as np
    import pandas as pd

    from innoscope.frameworks import shipped
    from innoscope.index.pipeline import build_index
    from innoscope.index.settings import parse_settings
    from innoscope.panel import Panel

    data = eis[0]
    fw = shipped("eis_2023")
    ind = data[(data["depth"] == 3) & (data["year"] == 2023)]
    panel = Panel.from_long(
        pd.DataFrame({"unit": ind["country"], "indicator": ind["code"], "period": 2023, "value": ind["value"]})
    )
    res = build_index(panel, fw, parse_settings({"normalise": {"method": "none"}, "treat": {"enabled": False}}))
    plain = compare_sii(data).query("year == 2023").set_index("country")["sii"]
    full = ind.groupby("country")["value"].count() == 32  # with every indicator present, the tree mean is the plain one
    got = res.table(2023)["SII"]
    assert np.allclose(got[full[full].index], plain[full[full].index])
