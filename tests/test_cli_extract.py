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
    assert "stored report.txt: 2 facts" in first.stderr
    assert "already stored" in second.stderr
    r = runner.invoke(app, ["facts", "list", "--db", str(db)])
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["value"] for x in recs] == [30519, 4141]
    assert recs[0]["change"] == {"kind": "yoy", "pct": 40.1}
    r = runner.invoke(app, ["facts", "documents", "--db", str(db)])
    assert "report.txt" in r.stdout


def test_bad_file_stops_before_output(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(TEXT, encoding="utf-8")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"\x00\x01binary")
    r = runner.invoke(app, ["extract", str(good), str(bad)])
    assert r.exit_code == 2
    assert r.stdout == "" and "E004" in r.stderr and "b.txt" in r.stderr


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
