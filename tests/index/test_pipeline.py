"""The pipeline on small hand-made panels: options, panels, policies and errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from innoscope.errors import InnoscopeError
from innoscope.frameworks import Framework, Node
from innoscope.index.pipeline import build_index
from innoscope.index.settings import parse_settings
from innoscope.panel import Panel

FW = Framework.from_nodes(
    [
        Node("I", None),
        Node("A", "I"),
        Node("B", "I", weight=3),
        Node("x", "A"),
        Node("y", "A", direction=-1),
        Node("z", "B"),
        Node("pop", "B", weight=0, denominator=None),
    ]
)
FW2 = Framework.from_nodes([n for n in FW.nodes if n.code != "pop"])


def panel(values: dict[str, list[list[float]]], units=("u1", "u2", "u3", "u4"), periods=(2020, 2021), groups=None):
    rows = []
    for ind, per_period in values.items():
        for t, vals in zip(periods, per_period, strict=True):
            rows += [
                {"unit": u, "indicator": ind, "period": str(t), "value": "" if np.isnan(v) else str(v)}
                for u, v in zip(units, vals, strict=True)
            ]
    meta = pd.DataFrame({"unit": list(units), "grp": groups or ["g"] * len(units)})
    return Panel.from_long(pd.DataFrame(rows), units=meta)


DATA = {
    "x": [[1, 2, 3, 4], [2, 3, 4, 5]],
    "y": [[4, 3, 2, 1], [4, 3, 2, 2]],
    "z": [[10, 20, 30, 40], [10, 20, 30, 60]],
}


def test_hand_computed_scores():
    res = build_index(panel(DATA), FW2, parse_settings({"treat": {"enabled": False}}))
    t = res.table(2020)
    # x and y both rank u1 < u4; min-max gives 0, 33.3, 66.7, 100 for each; B = z
    assert_allclose(t["A"], [0, 100 / 3, 200 / 3, 100])
    assert_allclose(t["I"], (t["A"] * 1 + t["B"] * 3) / 4)
    assert res.table(2020, "rank")["I"].tolist() == [4, 3, 2, 1]
    assert set(res.scores.columns) == {"unit", "node", "period", "score", "rank"}
    assert len(res.scores) == 4 * 2 * 6  # units x periods x nodes


def test_per_level_and_per_indicator_overrides():
    s = parse_settings(
        {
            "treat": {"enabled": False},
            "normalise": {"method": "minmax", "l": 1, "u": 100, "indicators": {"z": {"method": "fracmax"}}},
            "aggregate": {"method": "amean", "levels": {3: {"method": "gmean"}}},
        }
    )
    res = build_index(panel(DATA), FW2, s)
    t = res.table(2020)
    assert_allclose(t["z"], [25, 50, 75, 100])
    assert_allclose(t["I"], np.exp((np.log(t["A"]) + 3 * np.log(t["B"])) / 4))


def test_across_periods_normalisation_makes_scores_comparable():
    s = parse_settings({"treat": {"enabled": False}, "normalise": {"across_periods": True}})
    res = build_index(panel(DATA), FW2, s)
    z = res.scores[res.scores.node == "z"].set_index(["period", "unit"])["score"]
    # pooled min 10 and max 60
    assert_allclose(z[(2020, "u4")], 60.0)
    assert_allclose(z[(2021, "u4")], 100.0)
    per = build_index(panel(DATA), FW2, parse_settings({"treat": {"enabled": False}}))
    assert per.table(2020)["z"]["u4"] == 100.0


def test_panel_imputation_and_screening_report():
    data = {k: [list(v[0]), list(v[1])] for k, v in DATA.items()}
    data["x"][1][0] = np.nan
    data["y"][0][2] = data["z"][0][2] = data["x"][0][2] = np.nan  # u3 has nothing in 2020
    s = parse_settings({"impute": {"method": "latest"}, "screen": {"threshold": 0.5}, "treat": {"enabled": False}})
    res = build_index(panel(data), FW2, s)
    assert res.stage("imputed", 2021).at["u1", "x"] == 1.0  # carried forward from 2020
    dropped = res.screening[~res.screening.kept]
    assert dropped[["unit", "period"]].values.tolist() == [["u3", 2020]]
    assert "u3" not in set(res.scores[res.scores.period == 2020].unit)
    assert "u3" in set(res.scores[res.scores.period == 2021].unit)


def test_group_imputation_needs_a_group_column():
    with pytest.raises(InnoscopeError, match="E010 settings: impute: .*needs `group`"):
        parse_settings({"impute": {"method": "group_mean"}})
    s = parse_settings({"impute": {"method": "group_mean", "group": "region"}})
    with pytest.raises(InnoscopeError, match="E101 unit metadata: .*'region'"):
        data = {k: [list(v[0]), list(v[1])] for k, v in DATA.items()}
        data["x"][0][0] = np.nan
        build_index(panel(data), FW2, s)


def test_weights_given_equal_and_pca():
    res = build_index(panel(DATA), FW2, parse_settings({"weights": {"method": "equal"}, "treat": {"enabled": False}}))
    assert res.weights["B"] == 0.5
    res = build_index(panel(DATA), FW2, parse_settings({"weights": {"values": {"B": 1}}, "treat": {"enabled": False}}))
    assert res.weights["B"] == 0.5
    res = build_index(panel(DATA), FW2, parse_settings({"treat": {"enabled": False}}))
    assert res.weights["B"] == 0.75 and res.weights["x"] == 0.5
    res = build_index(panel(DATA), FW2, parse_settings({"weights": {"method": "pca"}, "treat": {"enabled": False}}))
    assert_allclose(res.weights["x"] + res.weights["y"], 1.0)
    with pytest.raises(InnoscopeError, match="E104 .*'nope'"):
        build_index(panel(DATA), FW2, parse_settings({"weights": {"values": {"nope": 1}}}))
    with pytest.raises(InnoscopeError, match="E010 .*weights.values"):
        parse_settings({"weights": {"values": {"x": -1}}})


def test_aggregation_threshold_and_level_without_data():
    data = {k: [list(v[0]), list(v[1])] for k, v in DATA.items()}
    data["y"][0][0] = np.nan
    s = parse_settings({"treat": {"enabled": False}, "aggregate": {"levels": {2: {"threshold": 0.75}}}})
    t = build_index(panel(data), FW2, s).table(2020)
    assert np.isnan(t.at["u1", "A"]) and not np.isnan(t.at["u2", "A"])
    data["y"][0] = [np.nan] * 4
    with pytest.raises(InnoscopeError, match="E304 node A, period 2020"):
        build_index(panel(data), FW2, s)


def test_copeland_in_the_pipeline():
    s = parse_settings({"treat": {"enabled": False}, "aggregate": {"method": "copeland"}})
    t = build_index(panel(DATA), FW2, s).table(2020)
    assert t["A"].tolist() == [-3, -1, 1, 3]


def test_denominators_and_missing_inputs():
    fw = Framework.from_nodes([Node("I", None), Node("x", "I", denominator="pop", scale=1000), Node("z", "I")])
    data = dict(DATA, pop=[[1, 2, 4, 8], [1, 2, 4, 8]])
    res = build_index(panel(data), fw, parse_settings({"treat": {"enabled": False}}))
    assert_allclose(res.stage("denominated", 2020)["x"], [1000, 1000, 750, 500])
    assert res.unused == ["y"]
    with pytest.raises(InnoscopeError, match="E105 .*denominator\\(s\\) pop"):
        build_index(panel(DATA), fw)
    with pytest.raises(InnoscopeError, match="E105 .*1 indicator\\(s\\): pop"):
        build_index(panel(DATA), FW)


def test_settings_naming_unknown_indicators_and_methods():
    with pytest.raises(InnoscopeError, match="E104 .*'nope'"):
        build_index(panel(DATA), FW2, parse_settings({"treat": {"indicators": {"nope": {"winmax": 1}}}}))
    with pytest.raises(
        InnoscopeError, match="E301 settings: normalise.method: .*'minimax'; Input should be 'none', 'minmax'"
    ):
        parse_settings({"normalise": {"method": "minimax"}})
    with pytest.raises(InnoscopeError, match="E010 settings: treat: .*indicator x: winmax"):
        parse_settings({"treat": {"indicators": {"x": {"winmax": -1}}}})


def test_gmean_over_zero_names_the_node():
    with pytest.raises(InnoscopeError, match="E303 node A"):
        build_index(panel(DATA), FW2, parse_settings({"aggregate": {"method": "gmean"}}))
