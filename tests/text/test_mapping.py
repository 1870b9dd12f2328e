"""Facts to panel observations: what is kept, what is refused and why, the checks, and an index built from prose."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from innoscope.cli import app
from innoscope.errors import InnoscopeError
from innoscope.frameworks import Framework, Node
from innoscope.provenance import FactSpan
from innoscope.text import extract_facts
from innoscope.text.mapping import map_facts
from innoscope.workspace import build_workspace, load_workspace

REPO = Path(__file__).resolve().parents[2]
FW = Framework.from_nodes(
    [
        Node("I", None),
        Node("pat", "I", unit="件", phrases=("发明专利授权",)),
        Node("pap", "I", unit="篇", phrases=("发表论文",)),
    ]
)


def test_observations_and_checks():
    facts = extract_facts(
        "2021年，上海获发明专利授权30519件，同比增长40.1%；上海发表论文107篇，占全国总数的29.8%。", "a"
    )
    m = map_facts(facts, FW, checksums={"a": "ab" * 32})
    assert m.observations[["unit", "indicator", "period", "value"]].values.tolist() == [
        ["上海", "pat", 2021, 30519.0],
        ["上海", "pap", 2021, 107.0],
    ]
    assert m.observations["source"].iloc[0] == FactSpan("ab" * 32, 15, 21, "a")
    kinds = {c.kind: c.message for c in m.checks}
    assert "全国 ≈ 359 篇" in kinds["implied_total"]
    assert "previous level was about 21784 件" in kinds["implied_previous"]
    assert m.refused == []


def test_a_growth_rate_is_not_the_level_of_a_share_of_gdp():
    fw = Framework.from_nodes(
        [
            Node("I", None),
            Node("tech", "I", unit="%", name_zh="技术市场成交合同金额与GDP比值", phrases=("技术合同成交额",)),
            Node(
                "growth", "I", unit="%", name_en="Growth of technology-contract turnover", phrases=("技术合同成交金额",)
            ),
        ]
    )
    facts = extract_facts("2023年，技术合同成交额增长28.6%，技术合同成交金额增长20%。", "n.txt", region="全国")
    m = map_facts(facts, fw)
    assert m.observations[["indicator", "value"]].values.tolist() == [["growth", 20.0]]
    (r,) = m.refused
    assert "增长28.6%" in r.message and "a change" in r.message and r.facts == ("n.txt:13-20",)


def test_targets_and_estimates_are_refused_unless_asked():
    text = (
        "2025年广东省政府工作报告\n一、2024年工作回顾\n全年获发明专利授权14万件。\n"
        "二、2025年工作安排\n今年力争发明专利授权15万件。"
    )
    facts = extract_facts(text, "gd.txt")
    m = map_facts(facts, FW)
    assert m.observations[["unit", "period", "value", "status"]].values.tolist() == [["广东", 2024, 140000.0, "actual"]]
    assert [c.kind for c in m.checks if c.kind == "conflict"] == []
    assert any("is a target" in c.message and "15万件" in c.message for c in m.refused)
    m = map_facts(facts, FW, statuses=("actual", "target"))
    assert m.observations[["period", "value", "status"]].values.tolist() == [
        [2024, 140000.0, "actual"],
        [2025, 150000.0, "target"],
    ]


def test_region_and_period_are_defaults_not_overrides():
    sh = extract_facts("2021年上海科技进步报告\n全年获发明专利授权3.1万件。", "sh.txt", region="浙江", year=2020)
    other = extract_facts("获发明专利授权100件。", "x.txt")
    m = map_facts(sh + other, FW, region="浙江", period=2020)
    assert m.observations[["unit", "period", "value", "file"]].values.tolist() == [
        ["上海", 2021, 31000.0, "sh.txt"],
        ["浙江", 2020, 100.0, "x.txt"],
    ]
    m = map_facts(other, FW)
    assert "has no region and period" in m.refused[0].message


def test_part_of_a_year_is_kept_as_such_or_refused():
    facts = extract_facts("2021年上海科技进步报告\n1—11月，全市获发明专利授权30519件。全年发表论文107篇。", "sh.txt")
    m = map_facts(facts, FW)
    assert m.observations["indicator"].tolist() == ["pap"]
    assert "covers part of a year (1—11月)" in m.refused[0].message
    m = map_facts(facts, FW, partial=True)
    assert m.observations[["indicator", "period", "coverage"]].values.tolist() == [
        ["pat", 2021, "1—11月"],
        ["pap", 2021, "year"],
    ]


def test_bounds_units_and_ratios():
    fw = Framework.from_nodes(
        [
            Node("I", None),
            Node("firms", "I", unit="家", phrases=("高新技术企业",)),
            Node("rd", "I", unit="亿元", phrases=("研发经费",)),
            Node("per_rd", "I", unit="件/万人年", phrases=("发明专利授权",)),
            Node("cnt", "I", unit="项", phrases=("国家科技奖",)),
            Node("rank", "I", unit="rank", phrases=("区域创新能力",)),
        ]
    )
    facts = extract_facts(
        "2024年，浙江高新技术企业突破2万家，研发经费支出3200亿元，获发明专利授权5.9万件，获国家科技奖30件，区域创新能力居全国第4位。",
        "zj.txt",
    )
    m = map_facts(facts, fw)
    got = {r.indicator: (r.value, r.bound) for r in m.observations.itertuples()}
    assert got == {"firms": (20000.0, "over"), "rd": (3200.0, "exact"), "rank": (4.0, "exact")}
    assert any(c.kind == "bound" and "突破2万家" in c.message for c in m.checks)
    reasons = {c.message.split(" matches ")[1].split(" ")[0]: c.message for c in m.refused}
    assert "it needs the denominator" in reasons["per_rd"]
    assert "unit 件, the indicator is in 项" in reasons["cnt"]


def test_english_phrases_and_unknown_units():
    fw = Framework.from_nodes(
        [
            Node("I", None),
            Node("gerd", "I", unit="GBP billion", phrases=("expenditure on R&D",)),
            Node("x", "I", phrases=("business sector",)),
        ]
    )
    text = (
        "Gross domestic expenditure on R&D, UK: 2014\n\nIn 2014, total expenditure on R&D was £30.6 billion. "
        "The business sector accounted for £19.9 billion."
    )
    m = map_facts(extract_facts(text, "ons.txt"), fw)
    assert m.observations[["unit", "indicator", "period", "value"]].values.tolist() == [
        ["GBR", "gerd", 2014, 30.6],
        ["GBR", "x", 2014, 1.99e10],
    ]
    assert any(c.kind == "note" and "x declares no unit" in c.message for c in m.checks)


def test_a_framework_without_phrases_says_so():
    fw = Framework.from_nodes([Node("I", None), Node("a", "I")])
    with pytest.raises(InnoscopeError, match="E501 .*none of its 1 indicators lists `phrases`"):
        map_facts(extract_facts("获发明专利授权100件。"), fw)


def test_conflicts_are_reported():
    a = extract_facts("2021年，北京获发明专利授权7.9万件。", "a.txt")
    b = extract_facts("2021年，北京获发明专利授权7.98万件。", "b.txt")
    m = map_facts(a + b, FW)
    (conflict,) = [x for x in m.checks if x.kind == "conflict"]
    assert "79000 (a.txt" in conflict.message and "79800 (b.txt" in conflict.message
    assert len(m.observations) == 2


def test_index_from_prose(tmp_path):
    (tmp_path / "sh.txt").write_text("2021年，上海获发明专利授权30519件，发表论文107篇。", encoding="utf-8")
    (tmp_path / "bj.txt").write_text("2021年，北京获发明专利授权20000件，发表论文95篇。", encoding="utf-8")
    (tmp_path / "gd.txt").write_text("2021年，广东获发明专利授权102900件，发表论文40篇。", encoding="utf-8")
    (tmp_path / "fw.yaml").write_text(
        textwrap.dedent("""
        nodes:
          - {code: I}
          - {code: pat, parent: I, phrases: [发明专利授权]}
          - {code: pap, parent: I, phrases: [发表论文]}
    """),
        encoding="utf-8",
    )
    r = CliRunner().invoke(
        app,
        [
            "facts",
            "map",
            str(tmp_path / "fw.yaml"),
            *(str(tmp_path / f) for f in ("sh.txt", "bj.txt", "gd.txt")),
            "--out",
            str(tmp_path / "obs.csv"),
        ],
    )
    assert r.exit_code == 0, r.output
    (tmp_path / "innoscope.yaml").write_text(
        "data: {file: obs.csv, layout: long}\nframework: fw.yaml\nsettings: {treat: {enabled: false}}\n",
        encoding="utf-8",
    )
    b = build_workspace(load_workspace(tmp_path), store=False)
    ranks = b.result.table(2021, "rank")["I"].to_dict()
    # patents min-max: Shanghai 12.7, Beijing 0, Guangdong 100; papers: 100, 82.5, 0
    assert ranks == {"上海": 1, "广东": 2, "北京": 3}
    src = b.panel.values.set_index(["unit", "indicator"]).loc[("上海", "pat")]
    assert (src["file"], src["row"]) == ("obs.csv", 2)


def test_shipped_example_framework(shared_data):
    from innoscope.frameworks import load_framework
    from innoscope.text import read_document

    fw = load_framework(REPO / "examples" / "shanghai-facts" / "framework.yaml")
    doc = read_document(shared_data.parent / "docs" / "shanghai-sti-2021-overview.zh.txt")
    m = map_facts(extract_facts(doc.text, doc.name), fw, partial=True)
    got = {r.indicator: (r.unit, r.period, r.value, r.bound, r.coverage) for r in m.observations.itertuples()}
    assert got == {
        "inv_patents": ("上海", 2021, 30519, "exact", "1—11月"),
        "pct_applications": ("上海", 2021, 4141, "exact", "1—11月"),
        "top_papers": ("上海", 2021, 107, "exact", "year"),
        "hitech_firms": ("上海", 2021, 20000, "over", "year"),
        "academicians": ("上海", 2021, 185, "exact", "year"),
    }
    strict = map_facts(extract_facts(doc.text, doc.name), fw)  # the 1—11月 figures are not the year's
    assert set(strict.observations["indicator"]) == {"top_papers", "hitech_firms", "academicians"}
