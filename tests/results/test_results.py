"""The results layer over a real build: movement, streaks, records, strengths and provenance."""

from __future__ import annotations

import pytest

from innoscope.errors import InnoscopeError
from innoscope.provenance import Derived, FileRow
from innoscope.results import Results, as_dict
from innoscope.workspace import build_workspace, load_workspace
from tests.tiny import write_tiny_workspace


@pytest.fixture
def built(tmp_path):
    root = write_tiny_workspace(tmp_path)
    b = build_workspace(load_workspace(root))
    return Results(root / "innoscope.duckdb"), b


def test_ranking_movement_and_movers(built):
    res, b = built
    ranking = res.ranking(b.run_id)
    assert [(m.unit, m.rank, m.previous_rank, m.change) for m in ranking] == [
        ("A", 1, 1, 0),
        ("C", 2, 2, 0),
        ("B", 3, 3, 0),
    ]
    r21 = res.ranking(b.run_id, period=2021)
    assert [(m.unit, m.change) for m in r21] == [("A", 1), ("B", -1), ("C", 0)]
    up, down = res.movers(b.run_id, period=2022)
    assert [m.unit for m in up] == ["C"] and [m.unit for m in down] == ["B"]


def test_streaks_and_records(built):
    res, b = built
    s = res.streak(b.run_id, "A")
    assert (s.rank, s.length, s.since) == (1, 3, 2021)
    rec = res.records(b.run_id, "A", period=2021)
    assert [(r.what, r.direction, r.previous) for r in rec] == [
        ("rank", "best", 2.0),
        ("score", "best", pytest.approx(46.43, abs=0.01)),
    ]
    assert [(r.what, r.direction, r.value) for r in res.records(b.run_id, "B", period=2022)] == [
        ("rank", "worst", 3.0),
        ("score", "worst", 0.0),
    ]
    assert res.records(b.run_id, "A", period=2022) == []  # held, not beaten
    assert res.records(b.run_id, "A", period=2020) == []  # nothing to beat in the first period


def test_strengths_and_weaknesses(built):
    res, b = built
    # C is 2nd overall in 2023 and 1st on inputs (x): a strength of one place; A, 1st overall, is 2nd on x
    assert [(s.node, s.kind, s.gap) for s in res.strengths(b.run_id, "C", min_gap=1)] == [
        ("In", "strength", 1),
        ("x", "strength", 1),
    ]
    assert [(s.node, s.kind, s.gap) for s in res.strengths(b.run_id, "A", min_gap=1)] == [
        ("In", "weakness", -1),
        ("x", "weakness", -1),
    ]
    assert res.strengths(b.run_id, "A", min_gap=2) == []


def test_provenance_reaches_the_cells(built):
    res, b = built
    p = res.provenance(b.run_id, "In", "A", 2023)
    assert p.score.score is not None and [c.node for c in p.children] == ["x"]
    assert [(o.indicator, o.value) for o in p.observations] == [("x", 2.0)]
    src = p.observations[0].source
    assert isinstance(src, FileRow) and src.file == "data.csv" and src.column == "x" and len(src.sha256) == 64
    # A 2023 is the 10th data row: line 11 of the file
    assert src.row == 11
    assert as_dict(p.observations[0])["source"]["kind"] == "file"


def test_unknown_names_are_listed(built):
    res, b = built
    with pytest.raises(InnoscopeError, match=r"E407 .*node 'Z'; the run has: I, In, Out, x, y"):
        res.streak(b.run_id, "A", node="Z")


def test_indicator_value_growth_share_and_rank(built):
    res, b = built
    y = res.indicator(b.run_id, "A", "y", 2023)  # 件: additive; A 9 of 9 + 1 + 4
    assert (y.value, y.previous_value, y.growth_pct, y.rank, y.units) == (9.0, 9.0, 0.0, 1, 3)
    assert y.total == 14.0 and y.share_pct == pytest.approx(900 / 14)
    assert isinstance(y.source, FileRow) and y.source.file == "data.csv" and y.source.column == "y"
    x = res.indicator(b.run_id, "A", "x", 2023)  # %: not additive, the change is in points
    assert (x.value, x.change, x.total, x.share_pct, x.rank) == (2.0, -1.0, None, None, 2)
    assert x.growth_pct == pytest.approx(-100 / 3) and x.mean == 2.0
    first = res.indicator(b.run_id, "B", "y", 2020)
    assert first.previous_period is None and first.growth_pct is None and first.previous_value is None
    with pytest.raises(InnoscopeError, match="E407.*unit 'Z'"):
        res.indicator(b.run_id, "Z", "y")


def test_tiers_against_the_mean_and_a_floor(built):
    res, b = built
    # 2023 min-max scores: A 75, C 68.75, B 0 (mean 47.9)
    a = res.tier(b.run_id, "A")
    assert (a.tier, a.members, a.units) == (1, ("A", "C"), 3) and a.mean == pytest.approx((75 + 68.75) / 3)
    assert res.tier(b.run_id, "B").tier == 2
    assert res.tier(b.run_id, "B", floor=10).tier == 3


def test_results_display_in_notebooks(built):
    res, b = built
    html = res._repr_html_()
    assert "<table" in html and f"<td>{b.run_id}</td>" in html and "tiny" in html


def test_stages_replay_the_data_steps_and_match_the_stored_scores(built):
    res, b = built
    t = res.stages(b.run_id).set_index(["unit", "indicator", "period"])
    assert len(t) == 3 * 2 * 4
    assert t.loc[("A", "y", 2023), "raw"] == 9 and t.loc[("A", "x", 2023), "normalised"] == pytest.approx(50)
    for stage in ("raw", "imputed", "treated", "normalised"):
        want = b.result.stages[stage]
        got = res.stages(b.run_id).pivot_table(index=["period", "unit"], columns="indicator", values=stage)
        assert got.to_numpy() == pytest.approx(want.reshape(-1, want.shape[2]), nan_ok=True)
    from innoscope.store.db import Database

    with Database(res.db.path).write() as con:  # a stored score that the steps cannot give
        con.execute("UPDATE run_scores SET score = score + 1 WHERE node = 'x' AND unit = 'A' AND period = '2023'")
    with pytest.raises(InnoscopeError, match="E710"):
        Results(res.db.path).stages(b.run_id)


def test_a_session_answers_on_one_connection(built, monkeypatch):
    res, b = built
    plain = (res.ranking(b.run_id), res.streak(b.run_id, "A"), res.indicator(b.run_id, "A", "y"))
    opened = []
    real = res.db.read

    def counting():
        opened.append(1)
        return real()

    monkeypatch.setattr(res.db, "read", counting)
    with res.session() as s:
        again = (s.ranking(b.run_id), s.streak(b.run_id, "A"), s.indicator(b.run_id, "A", "y"))
        with s.session():  # nested: the same connection
            s.tier(b.run_id, "A")
    assert again == plain and len(opened) == 1
    res.ranking(b.run_id)
    assert len(opened) == 2  # outside the block each question opens its own


def test_a_session_belongs_to_its_thread(built):
    import threading

    res, b = built
    seen = {}
    with res.session():
        t = threading.Thread(target=lambda: seen.update(con=res._con, rank=res.ranking(b.run_id)[0].unit))
        t.start()
        t.join()
        assert res._con is not None
    assert seen == {"con": None, "rank": "A"}


def test_document_text_is_read_back_with_its_checksum(tmp_path):
    from innoscope.store import Store
    from innoscope.text import extract_facts, read_document

    path = tmp_path / "bulletin.txt"
    path.write_text("全年发表论文107篇，同比增长12.5%。", encoding="utf-8")
    doc = read_document(path)
    facts = extract_facts(doc.text, doc.name)
    store = Store(tmp_path / "s.duckdb")
    store.save_document(doc.sha256, doc.name, doc.path, doc.format, "zh", len(doc.text), facts)
    res = Results(tmp_path / "s.duckdb")
    text = res.document_text(doc.sha256)
    assert text == doc.text
    assert [text[f.source.start : f.source.end] for f in res.facts(doc_id=doc.sha256)] == [f.text for f in facts]
    with pytest.raises(InnoscopeError, match="E808 document 00"):
        res.document_text("00" * 32)
    path.write_text("改过的文本", encoding="utf-8")
    with pytest.raises(InnoscopeError, match="E811 .*bulletin.txt: .*changed since it was stored"):
        res.document_text(doc.sha256)
    path.unlink()
    with pytest.raises(InnoscopeError, match="E811 .*the file is gone"):
        res.document_text(doc.sha256)


def test_previous_periods_keep_the_datas_spelling(built):
    res, b = built
    firsts = {m.previous_period for m in res.ranking(b.run_id, period=2020)}
    seconds = [m.previous_period for m in res.ranking(b.run_id, period=2021)]
    assert firsts == {None} and seconds == [2020, 2020, 2020] and all(type(p) is int for p in seconds)


def test_an_imputed_value_says_how_it_was_filled(tmp_path):
    root = write_tiny_workspace(tmp_path)
    data = root / "data.csv"
    data.write_text(data.read_text(encoding="utf-8").replace("B,2023,1,1", "B,2023,,1"), encoding="utf-8")
    ws = root / "innoscope.yaml"
    ws.write_text(ws.read_text(encoding="utf-8") + "settings: {impute: {method: mean}}\n", encoding="utf-8")
    b = build_workspace(load_workspace(root))
    (obs,) = Results(root / "innoscope.duckdb").observations(b.run_id, unit="B", indicator="x", period=2023)
    assert obs.value is None and obs.imputed == 2.5  # the mean of A's 2 and C's 3
    assert obs.source == Derived("imputed: mean")
