"""Frameworks: validation errors that name the node, YAML and COINr iMeta loading."""

from __future__ import annotations

import textwrap

import pandas as pd
import pytest
from numpy.testing import assert_allclose

from innoscope.errors import InnoscopeError
from innoscope.frameworks import Framework, Node, load_framework, read_imeta


def tree(**changes) -> list[Node]:
    nodes = {
        "I": Node("I", None),
        "A": Node("A", "I"),
        "B": Node("B", "I", weight=2),
        "x": Node("x", "A"),
        "y": Node("y", "A", direction=-1),
        "z": Node("z", "B"),
    }
    nodes.update(changes)
    return list(nodes.values())


def test_structure_and_levels():
    fw = Framework.from_nodes(tree())
    assert fw.root == "I"
    assert fw.indicators == ("x", "y", "z")
    assert fw.aggregates == ("A", "B", "I")
    assert fw.children("A") == ("x", "y")
    assert [fw.level(c) for c in ("x", "A", "I")] == [1, 2, 3]


def test_uneven_depth_levels():
    nodes = [n for n in tree(z=Node("z", "I")) if n.code != "B"]
    fw = Framework.from_nodes(nodes)
    assert fw.level("z") == 1 and fw.level("I") == 3 and "z" in fw.children("I")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"A": Node("A", "y")}, r"E201 .*cycle.*A -> y -> A|E201 .*cycle.*y -> A -> y"),
        ({"y": Node("y", "Q")}, r"E202 framework: node y: .*parent 'Q'"),
        ({"A": Node("A", None)}, r"E203 .*2 root\(s\): I, A"),
        ({"y": Node("y", "A", direction=0)}, r"E206 framework: node y: invalid direction: direction 0"),
        ({"y": Node("y", "A", weight=-1)}, r"E205 framework: node y: invalid weight: weight -1"),
        ({"y": Node("y", "A", weight=float("nan"))}, r"E205 framework: node y"),
        (
            {"x": Node("x", "A", weight=0), "y": Node("y", "A", weight=0)},
            r"E205 framework: children of A: .*all weights are zero",
        ),
    ],
)
def test_invalid_frameworks_name_the_node(changes, message):
    with pytest.raises(InnoscopeError, match=message):
        Framework.from_nodes(tree(**changes))


def test_duplicate_code():
    with pytest.raises(InnoscopeError, match="E204 .*node 'x'"):
        Framework.from_nodes([*tree(), Node("x", "B")])


def test_yaml_framework(tmp_path):
    f = tmp_path / "fw.yaml"
    f.write_text(
        textwrap.dedent("""
        name: Demo
        nodes:
          - {code: Index, name: {en: Demo index, zh: 示例指数}}
          - {code: In, parent: Index, weight: 0.5}
          - {code: rd, parent: In, unit: "%", target: 2.5, phrases: [研发投入强度]}
          - {code: cost, parent: In, direction: -1, denominator: gdp, scale: 100, goalposts: [0, 10]}
    """),
        encoding="utf-8",
    )
    fw = load_framework(f)
    assert fw.node("Index").name_zh == "示例指数"
    assert fw.node("cost").denominator == "gdp" and fw.node("cost").high == 10
    assert fw.node("rd").phrases == ("研发投入强度",)
    assert fw.indicators == ("rd", "cost")


def test_yaml_errors_name_the_node_and_field(tmp_path):
    f = tmp_path / "fw.yaml"
    f.write_text("nodes:\n  - {code: I}\n  - {code: x, parent: I, weight: heavy}\n", encoding="utf-8")
    with pytest.raises(InnoscopeError, match=r"E207 .*fw.yaml: .*node x \(item 2\), field weight"):
        load_framework(f)
    f.write_text("nodes:\n  - {code: I}\n  - {code: x, parent: I, colour: red}\n", encoding="utf-8")
    with pytest.raises(InnoscopeError, match=r"field colour"):
        load_framework(f)


def test_coinr_imeta(asem_dir):
    fw = load_framework(asem_dir / "ASEM_iMeta.csv")
    assert len(fw.indicators) == 49
    assert fw.aggregates[-1] == "Index" and fw.max_level == 4
    assert fw.groups == ("GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group")
    assert fw.node("Flights").denominator == "Population"
    assert fw.node("NEET").direction == -1
    assert len([c for c in fw.aggregates if fw.level(c) == 2]) == 8


def test_imeta_bad_direction_names_row():
    meta = pd.DataFrame(
        {
            "Level": [2, 1],
            "iCode": ["I", "x"],
            "iName": ["I", "x"],
            "Direction": [1, 2],
            "Weight": [1, 1],
            "Type": ["Aggregate", "Indicator"],
            "Parent": [None, "I"],
        }
    )
    with pytest.raises(InnoscopeError, match=r"E206 meta.csv:3 \(x\)"):
        read_imeta(meta, source="meta.csv")


def test_imeta_inconsistent_levels():
    meta = pd.DataFrame(
        {
            "Level": [1, 1],
            "iCode": ["I", "x"],
            "iName": ["I", "x"],
            "Direction": [1, 1],
            "Weight": [1, 1],
            "Type": ["Aggregate", "Indicator"],
            "Parent": [None, "I"],
        }
    )
    with pytest.raises(InnoscopeError, match="E208"):
        read_imeta(meta)


def _asem_meta_with_goalposts(asem_dir):
    """COINr's normalisation vignette: goalposts 5% inside each indicator's range, scale 1, truncated."""
    meta = pd.read_csv(asem_dir / "ASEM_iMeta.csv")
    data = pd.read_csv(asem_dir / "ASEM_iData.csv")
    ind = meta["Type"] == "Indicator"
    lo = meta.loc[ind, "iCode"].map(lambda c: data[c].min())
    hi = meta.loc[ind, "iCode"].map(lambda c: data[c].max())
    meta.loc[ind, "goalpost_lower"] = lo + 0.05 * (hi - lo)
    meta.loc[ind, "goalpost_upper"] = hi - 0.05 * (hi - lo)
    meta["goalpost_scale"] = 1.0
    meta["goalpost_trunc2posts"] = "TRUE"
    meta.loc[meta["iCode"] == "Flights", "goalpost_scale"] = 10.0  # COINr's test sets these exceptions
    meta.loc[meta["iCode"] == "Goods", "goalpost_trunc2posts"] = "FALSE"
    meta["dist2targ_cap_max"] = "TRUE"
    return meta, data


def test_imeta_goalposts_and_targets_come_over_unchanged(asem_dir):
    meta, _ = _asem_meta_with_goalposts(asem_dir)
    fw = read_imeta(meta, source="iMeta.csv")
    lpi = meta.set_index("iCode").loc["LPI"]
    assert (fw.node("LPI").low, fw.node("LPI").high) == (lpi["goalpost_lower"], lpi["goalpost_upper"])
    assert fw.node("LPI").goalpost_scale == 1.0 and fw.node("Flights").goalpost_scale == 10.0
    assert fw.node("LPI").goalpost_trunc2posts is True and fw.node("Goods").goalpost_trunc2posts is False
    assert fw.node("LPI").dist2targ_cap_max is True and fw.node("LPI").target == pytest.approx(4.11803135)


def test_imeta_goalposts_normalise_as_coinr_n_goalposts(asem_dir, asem_inputs):
    """COINr's n_goalposts: (x - low) / (high - low) (reversed for direction -1), truncated to [0, 1], x scale."""
    import numpy as np

    from innoscope.index.pipeline import build_index
    from innoscope.index.settings import parse_settings

    panel, _ = asem_inputs
    meta, data = _asem_meta_with_goalposts(asem_dir)
    fw = read_imeta(meta, source="iMeta.csv")
    raw = {"denominate": {"enabled": False}, "treat": {"enabled": False}, "normalise": {"method": "goalposts"}}
    norm = build_index(panel, fw, parse_settings(raw)).stage("normalised").reindex(data["uCode"])
    for code in ("LPI", "Flights", "Goods", "NEET", "CO2"):
        node, x = fw.node(code), data[code].to_numpy(float)
        y = (x - node.low) / (node.high - node.low) if node.direction == 1 else (node.high - x) / (node.high - node.low)
        if node.goalpost_trunc2posts:
            y = np.clip(y, 0, 1)
        assert_allclose(norm[code].to_numpy(), y * node.goalpost_scale, rtol=1e-12, equal_nan=True, err_msg=code)
    assert norm["Goods"].max() > 1  # not truncated
    # a per-indicator setting still wins over the framework's value
    override = parse_settings({**raw, "normalise": {"method": "goalposts", "indicators": {"LPI": {"scale": 100}}}})
    assert_allclose(build_index(panel, fw, override).stage("normalised")["LPI"].max(), 100)


def test_imeta_logical_columns_are_checked():
    meta = pd.DataFrame(
        {
            "Level": [2, 1],
            "iCode": ["I", "x"],
            "iName": ["I", "x"],
            "Direction": [1, 1],
            "Weight": [1, 1],
            "Type": ["Aggregate", "Indicator"],
            "Parent": [None, "I"],
            "goalpost_trunc2posts": [None, "maybe"],
        }
    )
    with pytest.raises(InnoscopeError, match=r"E207 meta.csv:3 \(x\), column goalpost_trunc2posts: .*'maybe'"):
        read_imeta(meta, source="meta.csv")
