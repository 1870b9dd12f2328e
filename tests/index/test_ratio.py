"""Ratio nodes: a child-form ratio inside the tree and a ratio beside the index, in builds and in runs."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from innoscope.audit.engine import Problem, evaluate
from innoscope.audit.space import parse_space, sample
from innoscope.errors import InnoscopeError
from innoscope.frameworks import Framework, Node, Rule, load_framework
from innoscope.index.pipeline import build_index
from innoscope.index.settings import parse_settings
from innoscope.panel import Panel

NODES = [
    Node("I", None),
    Node("IN", "I"),
    Node("OUT", "I", weight=2),
    Node("E", "I", rule=Rule.RATIO),  # E = o1 / i1, weights of o1 and i1 play no part
    Node("i1", "IN"),
    Node("i2", "IN"),
    Node("o1", "OUT"),
    Node("o2", "OUT"),
    Node("e_num", "E", weight=7),
    Node("e_den", "E", weight=0.1),
    Node("ER", None, rule=Rule.RATIO, of=("OUT", "IN")),  # beside the index
]
FW = Framework.from_nodes(NODES)
DATA = {
    "i1": [1, 2, 3, 4, 5],
    "i2": [5, 4, 3, 2, 1],
    "o1": [2, 2, 4, 4, 8],
    "o2": [1, 3, 5, 7, 9],
    "e_num": [10, 20, 30, 40, 50],
    "e_den": [5, 10, 10, 0, 25],  # u4 divides by zero
}
UNITS = ["u1", "u2", "u3", "u4", "u5"]
NONE = parse_settings({"treat": {"enabled": False}, "normalise": {"method": "none"}})


def panel(data=DATA) -> Panel:
    rows = [
        {"unit": u, "indicator": k, "period": "2020", "value": str(v)}
        for k, vals in data.items()
        for u, v in zip(UNITS, vals, strict=True)
    ]
    return Panel.from_long(pd.DataFrame(rows))


def test_structure():
    assert FW.root == "I"
    assert FW.derived == ("ER",)
    assert "ER" not in FW.indicators and "ER" not in FW.aggregates
    assert FW.level("ER") == FW.level("OUT") == 2
    rec = {r["code"]: r for r in FW.to_records()}
    assert rec["ER"]["rule"] == "ratio" and rec["ER"]["of"] == ["OUT", "IN"] and not rec["ER"]["is_indicator"]
    assert Framework.from_records(FW.to_records()) == FW


def test_ratio_scores_by_hand():
    res = build_index(panel(), FW, NONE)
    t = res.table(2020)
    data = pd.DataFrame(DATA, index=UNITS)
    IN, OUT = (data.i1 + data.i2) / 2, (data.o1 + data.o2) / 2
    E = data.e_num / data.e_den.replace(0, np.nan)
    assert_allclose(t["IN"], IN)
    assert_allclose(t["E"], E)  # weights 7 and 0.1 play no part
    assert np.isnan(t.at["u4", "E"])  # zero denominator: no score, no rank
    assert pd.isna(res.table(2020, "rank").at["u4", "E"])
    assert_allclose(t["ER"], OUT / IN)
    # the index leaves the missing ratio out and renormalises the weights of the others
    expected = (IN + 2 * OUT + E.fillna(0)) / np.where(E.isna(), 3, 4)
    assert_allclose(t["I"], expected)
    assert res.table(2020, "rank")["ER"].tolist() == [5, 4, 3, 2, 1]
    assert "e_num" not in res.weights and res.weights["E"] == pytest.approx(0.25)


def test_yaml_ratio_nodes(tmp_path):
    f = tmp_path / "fw.yaml"
    f.write_text(
        textwrap.dedent("""
        nodes:
          - {code: GII}
          - {code: IN, parent: GII}
          - {code: OUT, parent: GII}
          - {code: i1, parent: IN}
          - {code: o1, parent: OUT}
          - {code: ER, aggregate: ratio, of: [OUT, IN], name: {en: Efficiency ratio}}
        """),
        encoding="utf-8",
    )
    fw = load_framework(f)
    assert fw.node("ER").rule is Rule.RATIO and fw.node("ER").of == ("OUT", "IN") and fw.root == "GII"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"E": Node("E", "I", rule=Rule.RATIO), "e3": Node("e3", "E")},
            r"node E: .*divides its first child.*3 children",
        ),
        ({"ER": Node("ER", "I", rule=Rule.RATIO, of=("OUT", "IN"))}, r"node ER: .*no parent and no children"),
        ({"ER": Node("ER", None, rule=Rule.RATIO, of=("OUT",))}, r"node ER: .*`of` needs two codes"),
        ({"ER": Node("ER", None, rule=Rule.RATIO, of=("OUT", "nope"))}, r"E202 .*node ER: .*'nope' is not defined"),
        ({"ER": Node("ER", None, of=("OUT", "IN"))}, r"node ER: .*only for `aggregate: ratio`"),
        ({"R2": Node("R2", None, rule=Rule.RATIO, of=("ER", "IN"))}, r"node R2: .*'ER' is itself a ratio"),
    ],
)
def test_invalid_ratio_nodes_are_named(changes, message):
    nodes = {n.code: n for n in NODES}
    nodes.update(changes)
    with pytest.raises(InnoscopeError, match=message):
        Framework.from_nodes(list(nodes.values()))


def test_ratio_nodes_in_monte_carlo_runs():
    """Each noisy run equals a build with that run's weights; the ratio ignores the noise on its children."""
    p = panel()
    space = parse_space({"weights": {"noise": {1: 0.4, 2: 0.4}}, "aggregate": [{"method": "amean"}]}, NONE, FW)
    design = sample(space, FW, 6, seed=4)
    scores = evaluate(Problem(p, FW, NONE, space, 2020), design)
    for r in range(len(design)):
        values = dict(zip(design.nodes, design.weights[r] * [n.weight for n in FW.nodes], strict=True))
        s = NONE.with_overrides({"weights": {"values": {c: w for c, w in values.items() if FW.node(c).parent}}})
        single = build_index(p, FW, s).table(2020)["I"].reindex(UNITS).to_numpy(float)
        assert_allclose(scores[r], single, rtol=1e-12)
    assert not np.allclose(scores[0], scores[1])  # the noise does move the index
