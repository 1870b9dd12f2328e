"""Facts to panel observations, the checks, and an index built from prose."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from innoscope.cli import app
from innoscope.frameworks import Framework, Node
from innoscope.text import extract_facts
from innoscope.text.mapping import map_facts
from innoscope.workspace import build_workspace, load_workspace

REPO = Path(__file__).resolve().parents[2]
FW = Framework.from_nodes(
    [Node("I", None), Node("pat", "I", phrases=("发明专利授权",)), Node("pap", "I", phrases=("发表论文",))]
)


def test_observations_and_checks():
    facts = extract_facts(
        "2021年，上海获发明专利授权30519件，同比增长40.1%；上海发表论文107篇，占全国总数的29.8%。", "a"
    )
    m = map_facts(facts, FW)
    assert m.observations[["unit", "indicator", "period", "value"]].values.tolist() == [
        ["上海", "pat", 2021, 30519.0],
        ["上海", "pap", 2021, 107.0],
    ]
    kinds = {c.kind: c.message for c in m.checks}
    assert "全国 ≈ 359 篇" in kinds["implied_total"]
    assert "previous level was about 21784 件" in kinds["implied_previous"]


def test_conflicts_and_unmapped_are_reported():
    a = extract_facts("2021年，北京获发明专利授权7.9万件。", "a.txt")
    b = extract_facts("2021年，北京获发明专利授权7.98万件。", "b.txt")
    c = extract_facts("获发明专利授权100件。", "c.txt")
    m = map_facts(a + b + c, FW)
    conflict = [x for x in m.checks if x.kind == "conflict"]
    assert len(conflict) == 1 and "79000 (a.txt" in conflict[0].message and "79800 (b.txt" in conflict[0].message
    unmapped = [x for x in m.checks if x.kind == "unmapped"]
    assert len(unmapped) == 1 and "no region and period" in unmapped[0].message
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
    m = map_facts(extract_facts(doc.text, doc.name), fw, region="上海", period=2021)
    got = dict(zip(m.observations["indicator"], m.observations["value"], strict=True))
    assert got == pytest.approx(
        {"inv_patents": 30519, "pct_applications": 4141, "top_papers": 107, "hitech_firms": 20000, "academicians": 185}
    )
