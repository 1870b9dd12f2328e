"""`innoscope extract` and `innoscope facts`, in-process."""

from __future__ import annotations

import json

import pandas as pd
from typer.testing import CliRunner

from innoscope.cli import app

runner = CliRunner()
TEXT = "1—11月，全市获发明专利授权30519件，同比增长40.1%；PCT专利申请受理量4141件，同比增长35.2%。"


def test_jsonl_csv_table(tmp_path):
    doc = tmp_path / "report.txt"
    doc.write_text(TEXT, encoding="gb18030")
    r = runner.invoke(app, ["extract", str(doc)])
    assert r.exit_code == 0, r.output
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert recs[0]["doc"] == "report.txt" and recs[0]["value"] == 30519 and recs[0]["period"] == "1—11月"
    assert TEXT[recs[1]["start"] : recs[1]["end"]] == "4141件"
    r = runner.invoke(app, ["extract", str(doc), "--format", "csv"])
    frame = pd.read_csv(__import__("io").StringIO(r.stdout))
    assert frame["value"].tolist() == [30519, 4141]
    assert json.loads(frame.loc[1, "change"]) == {"kind": "yoy", "pct": 35.2}
    r = runner.invoke(app, ["extract", str(doc), "--format", "table"])
    assert r.exit_code == 0 and "30519" in r.stdout


def test_store_is_idempotent(tmp_path):
    doc = tmp_path / "report.txt"
    doc.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    first = runner.invoke(app, ["extract", str(doc), "--store", "--db", str(db)])
    second = runner.invoke(app, ["extract", str(doc), "--store", "--db", str(db)])
    assert first.exit_code == second.exit_code == 0
    assert "report.txt: 2 facts stored" in first.stderr
    assert "already stored" in second.stderr
    r = runner.invoke(app, ["facts", "list", "--db", str(db)])
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["value"] for x in recs] == [30519, 4141]
    assert recs[0]["change"] == {"kind": "yoy", "pct": 40.1}
    r = runner.invoke(app, ["facts", "documents", "--db", str(db)])
    assert "report.txt" in r.stdout


def test_an_unreadable_file_is_reported_and_skipped(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(TEXT, encoding="utf-8")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"\x00\x01binary")
    empty = tmp_path / "c.txt"
    empty.write_text("", encoding="utf-8")
    r = runner.invoke(app, ["extract", str(bad), str(good), str(empty)])
    assert r.exit_code == 1
    assert [json.loads(x)["value"] for x in r.stdout.splitlines()] == [30519, 4141]
    assert "E004" in r.stderr and "b.txt" in r.stderr and "skipped" in r.stderr
    assert "a.txt: 2 facts" in r.stderr and "c.txt: 0 facts" in r.stderr
    assert "1 of 3 documents could not be read" in r.stderr
    r = runner.invoke(app, ["extract", str(bad)])
    assert r.exit_code == 2 and "E503" in r.stderr


def test_empty_document_says_zero_facts(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    r = runner.invoke(app, ["extract", str(empty), "--format", "table"])
    assert r.exit_code == 0 and "0 facts" in r.stdout and "empty.txt: 0 facts" in r.stderr


def test_csv_has_the_new_attributes(tmp_path):
    doc = tmp_path / "r.txt"
    doc.write_text("2025年浙江省政府工作报告\n二、2025年目标任务\n生产总值增长5.5%左右。", encoding="utf-8")
    r = runner.invoke(app, ["extract", str(doc), "--format", "csv"])
    frame = pd.read_csv(__import__("io").StringIO(r.stdout))
    row = frame.iloc[0]
    assert (row["status"], row["year"], row["region"], row["measure"]) == ("target", 2025, "浙江", "change")
    assert json.loads(row["inferred"]) == ["region", "year"]


def test_entities_are_merged_across_documents(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("长三角国家技术创新中心挂牌成立，浦江创新论坛成功举办。", encoding="utf-8")
    b.write_text("浦江创新论坛在沪举办，参会嘉宾300余名。", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    r = runner.invoke(app, ["extract", str(a), str(b), "--entities", "--store", "--db", str(db)])
    assert r.exit_code == 0, r.output
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    ents = [x for x in recs if x.get("kind") == "entity"]
    assert {(e["name"], e["type"]) for e in ents} == {
        ("长三角国家技术创新中心", "organization"),
        ("浦江创新论坛", "event"),
    }
    r = runner.invoke(app, ["facts", "entities", "--db", str(db)])
    assert r.exit_code == 0
    row = next(line for line in r.stdout.splitlines() if "浦江创新论坛" in line)
    assert "│ 2 " in row and "a.txt:" in row and "b.txt:" in row


def test_facts_map_reports_what_it_refused(tmp_path):
    (tmp_path / "fw.yaml").write_text(
        "nodes:\n  - {code: I}\n  - {code: tech, parent: I, unit: '%', phrases: [技术合同成交额]}\n"
        "  - {code: pat, parent: I, unit: 件, phrases: [发明专利授权]}\n",
        encoding="utf-8",
    )
    doc = tmp_path / "sh.txt"
    doc.write_text(
        "2021年上海科技进步报告\n技术合同成交额增长28.6%。1—11月获发明专利授权30519件。全年获发明专利授权3.2万件。",
        encoding="utf-8",
    )
    r = runner.invoke(
        app,
        ["facts", "map", str(tmp_path / "fw.yaml"), str(doc), "--region", "浙江", "--out", str(tmp_path / "obs.csv")],
    )
    assert r.exit_code == 0, r.output
    assert "[refused] 增长28.6% (技术合同成交额, sh.txt:21-28) matches tech but is a change" in r.stdout
    assert "covers part of a year (1—11月)" in r.stdout
    assert "1 observations, 2 matching facts refused" in r.stdout
    obs = pd.read_csv(tmp_path / "obs.csv")
    assert obs[["unit", "indicator", "period", "value"]].values.tolist() == [["上海", "pat", 2021, 32000.0]]
    assert json.loads(obs.loc[0, "source"])["kind"] == "fact"
    r = runner.invoke(app, ["facts", "map", str(tmp_path / "fw.yaml"), str(doc), "--status", "planned"])
    assert r.exit_code == 2 and "E502" in r.stderr
    (tmp_path / "bare.yaml").write_text("nodes:\n  - {code: I}\n  - {code: a, parent: I}\n", encoding="utf-8")
    r = runner.invoke(app, ["facts", "map", str(tmp_path / "bare.yaml"), str(doc)])
    assert r.exit_code == 2 and "E501" in r.stderr and "phrases" in r.stderr
