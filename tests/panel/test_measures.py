"""Measures: several numbers per unit, indicator and period, kept apart and chosen per indicator."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import pytest

from innoscope.errors import InnoscopeError
from innoscope.frameworks import Framework, Node
from innoscope.index.pipeline import build_index
from innoscope.index.settings import parse_settings
from innoscope.panel import MEASURES, Panel, read_table, select_measures

# x: raw values (lower is better), published scores and ranks; y: raw only
LONG = """unit,indicator,period,measure,value
A,x,2020,raw,30
B,x,2020,raw,10
C,x,2020,raw,20
A,x,2020,score,0
B,x,2020,score,100
C,x,2020,score,50
A,x,2020,rank,3
B,x,2020,rank,1
C,x,2020,rank,2
A,y,2020,,1
B,y,2020,,2
C,y,2020,,3
"""


@pytest.fixture()
def panel(tmp_path):
    (tmp_path / "m.csv").write_text(LONG, encoding="utf-8")
    return Panel.from_long(read_table(tmp_path / "m.csv"), source="m.csv")


def fw(**measures):
    return Framework.from_nodes(
        [
            Node("I", None),
            Node("x", "I", direction=-1, measure=measures.get("x")),
            Node("y", "I", measure=measures.get("y")),
        ]
    )


def test_catalogue_and_reading(panel):
    assert set(MEASURES) == {"raw", "score", "rank", "relative"}
    assert panel.measures == ["rank", "raw", "score"]
    v = panel.values
    assert (v["measure"] == "raw").sum() == 6  # an empty measure cell is a raw value
    assert v.loc[4, ["measure", "value", "row"]].tolist() == ["score", 100.0, 6]


def test_one_measure_per_indicator(panel):
    with pytest.raises(InnoscopeError, match=r"E940 framework: indicator x: .*rank, raw, score"):
        select_measures(panel, fw())
    with pytest.raises(InnoscopeError, match=r"E940 indicator x: .*rank, raw, score"):
        panel.cube(["x"])
    # y has no score: the default is not silently replaced by another measure ...
    with pytest.raises(InnoscopeError, match=r"E941 framework: indicator y: .*'score'; the data hold raw"):
        select_measures(panel, fw(), default="score")
    chosen, f = select_measures(panel, fw(y="raw"), default="score")
    assert chosen.cube(["x"])[0][0, :, 0].tolist() == [0.0, 100.0, 50.0]
    assert f.node("x").direction == 1  # a published score is oriented already
    # ... and a node's own measure wins over the default
    chosen, f = select_measures(panel, fw(x="rank"), default="raw")
    assert chosen.cube(["x", "y"])[0][0].tolist() == [[3.0, 1.0], [1.0, 2.0], [2.0, 3.0]]
    assert f.node("x").direction == -1


def test_directions_follow_the_measure(panel):
    """Raw with direction -1, the published score, and the published rank all order B, C, A."""
    settings = parse_settings({"normalise": {"method": "minmax"}, "treat": {"enabled": False}})
    orders = []
    for m in ("raw", "score", "rank"):
        res = build_index(panel, fw(x=m), settings)
        orders.append(res.table(2020)["x"].sort_values(ascending=False).index.tolist())
    assert orders == [["B", "C", "A"]] * 3


def test_single_measure_panels_pass_through(tmp_path):
    wide = pd.DataFrame({"unit": ["A", "B"], "x": ["1", "2"], "y": ["3", "4"]})
    p = Panel.from_wide(wide, unit="unit", period=None, measure="score")
    chosen, f = select_measures(p, fw())
    assert chosen is p and f.node("x").direction == 1 and p.measures == ["score"]
    with pytest.raises(InnoscopeError, match="E942"):
        Panel.from_wide(wide, unit="unit", period=None, measure="Score!")
    with pytest.raises(InnoscopeError, match=r"E941 .*'raw'; the data hold score"):
        select_measures(p, fw(), default="raw")


def test_duplicates_are_per_measure(tmp_path):
    (tmp_path / "d.csv").write_text(LONG + "C,x,2020,score,51\n", encoding="utf-8")
    with pytest.raises(InnoscopeError, match=r"E102 .*d.csv:7, d.csv:14 repeat \(C, x, 2020\) of measure score"):
        Panel.from_long(read_table(tmp_path / "d.csv"), source="d.csv")
    (tmp_path / "bad.csv").write_text(LONG.replace("A,x,2020,rank", "A,x,2020,Rank 1"), encoding="utf-8")
    with pytest.raises(InnoscopeError, match=r"E942 bad.csv:8, column measure: .*'Rank 1'"):
        Panel.from_long(read_table(tmp_path / "bad.csv"), source="bad.csv")


def test_framework_measure_field(tmp_path):
    (tmp_path / "fw.yaml").write_text(
        "nodes:\n  - {code: I}\n  - {code: x, parent: I, measure: rank}\n  - {code: y, parent: I, measure: 'no way'}\n",
        encoding="utf-8",
    )
    from innoscope.frameworks import load_framework

    with pytest.raises(InnoscopeError, match=r"E942 .*fw.yaml: node y: invalid measure name: 'no way'"):
        load_framework(tmp_path / "fw.yaml")
    with pytest.raises(InnoscopeError, match="only indicators can name a measure"):
        Framework.from_nodes([Node("I", None, measure="score"), Node("x", "I")])


def test_workspace_chooses_the_measure(tmp_path, panel):
    from innoscope.workspace import build_workspace, load_workspace

    (tmp_path / "m.csv").write_text(LONG, encoding="utf-8")
    (tmp_path / "fw.yaml").write_text(
        "nodes:\n  - {code: I}\n  - {code: x, parent: I, direction: -1}\n  - {code: y, parent: I, measure: raw}\n",
        encoding="utf-8",
    )
    text = """
        data: {{file: m.csv, layout: long{extra}}}
        framework: fw.yaml
        settings: {{treat: {{enabled: false}}, normalise: {{method: minmax}}}}
    """
    (tmp_path / "innoscope.yaml").write_text(textwrap.dedent(text.format(extra="")), encoding="utf-8")
    with pytest.raises(InnoscopeError, match="E940 .*fw.yaml: indicator x"):
        build_workspace(load_workspace(tmp_path), store=False)
    (tmp_path / "innoscope.yaml").write_text(textwrap.dedent(text.format(extra=", measure: rank")), encoding="utf-8")
    b = build_workspace(load_workspace(tmp_path), store=False)
    assert b.panel.values.groupby("indicator")["measure"].agg(lambda m: set(m.astype(str))).to_dict() == {
        "x": {"rank"},
        "y": {"raw"},
    }
    assert np.allclose(b.result.stage("raw")[["x"]].to_numpy().ravel(), [3.0, 1.0, 2.0])
