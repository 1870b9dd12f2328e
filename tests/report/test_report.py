"""The unit report: content against hand-known numbers, the JSON contract, sources, round trip, bad input."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from innoscope.errors import InnoscopeError
from innoscope.provenance import FactSpan, FileRow, ScoreRef
from innoscope.report import build_report, write_report
from innoscope.report.book import DIGITS
from innoscope.report.render import TEMPLATES
from innoscope.results import Results
from innoscope.text import extract_facts

KINDS = {"score", "rank", "observation", "fact", "derived"}


@pytest.fixture(scope="module")
def zh(evaluation):
    return build_report(evaluation[0], unit="上海")


@pytest.fixture(scope="module")
def en(evaluation):
    return build_report(evaluation[0], unit="上海", lang="en")


def _numbers(report, key):
    return [n for p in report.section(key).paragraphs for n in p.numbers]


def test_json_contract_every_number_placed_sourced_and_covered(zh, en):
    for report in (zh, en):
        data = json.loads(report.to_json())
        assert (data["unit"], data["period"], data["lang"]) == ("上海", 2023, report.lang)
        assert len(report.numbers) > 40
        for s in data["sections"]:
            assert s["title"] and s["paragraphs"]
            for p in s["paragraphs"]:
                spans = []
                for n in p["numbers"]:
                    assert p["text"][n["start"] : n["end"]] == n["text"]
                    assert n["source"]["kind"] in KINDS
                    spans.append((n["start"], n["end"]))
                for m in DIGITS.finditer(p["text"]):  # every number of the prose is one of the numbers
                    assert any(a <= m.start() and m.end() <= b for a, b in spans), (m.group(), p["text"])


def test_overview_score_rank_streak_tier_as_built(zh, en, evaluation):
    _, b, _, _ = evaluation
    t = b.result.table(2023)
    r = b.result.table(2023, "rank")
    text = zh.section("overview").paragraphs[0].text
    assert f"得分为{t.at['上海', 'I']:.2f}分" in text and "在5个省份中居第1位，与上年持平" in text
    assert "已连续2年位居榜首" in text  # first in 2022 and 2023, second in 2021
    tier = zh.section("overview").paragraphs[1].text
    mean = t["I"].mean()
    assert f"第一梯队（得分高于平均水平{mean:.2f}分）" in tier and "共有2个省份：上海、北京" in tier
    assert int(r.at["上海", "I"]) == 1
    ov = en.section("overview").paragraphs[0].text
    assert "ranked 1st of 5 provinces" in ov and "led the ranking for 2 years in a row" in ov
    ranks = [n for n in _numbers(zh, "overview") if n.kind == "rank"]
    assert ranks[0].source == ScoreRef(b.run_id, "I", "上海", "2023") and ranks[0].value == 1


def test_record_rank_in_the_year_it_was_set(evaluation):
    report = build_report(evaluation[0], unit="上海", period=2022)
    text = report.section("overview").paragraphs[0].text
    assert "比上年上升1位" in text and "排名再创新高，为2021年以来最好位次" in text


def test_headline_indicators_value_growth_share_rank(zh, en):
    text = " ".join(p.text for p in zh.section("indicators").paragraphs)
    # 30519 of 100000; 30519 / 21789 - 1 = 40.07 %
    assert "发明专利授权为30519件，比上年增长40.1%，占全国总数的30.5%，居第1位" in text
    # 235000 firms -> 23.5万家; 235000 / 200000 - 1 = 17.5 %; of 905000 -> 26.0 %
    assert "高新技术企业为23.5万家，比上年增长17.5%，占全国总数的26.0%" in text
    # 3137 亿元 of 10637; 3137 / 2761 - 1 = 13.6 %
    assert "技术合同成交额为3137亿元，比上年增长13.6%，占全国总数的29.5%" in text
    assert "研发投入强度为4.21%，比上年提高0.30个百分点" in text
    etext = " ".join(p.text for p in en.section("indicators").paragraphs)
    assert "Invention patents granted stood at 30,519, up 40.1%" in etext
    assert "Technology contracts stood at 313.7 billion yuan" in etext and "up 0.30 percentage points" in etext
    values = {n.text: n for n in _numbers(zh, "indicators")}
    pat = values["30519件"]
    assert pat.kind == "observation" and pat.ref["indicator"] == "pat" and pat.value == 30519
    assert isinstance(pat.source, FileRow) and pat.source.file == "data.csv" and pat.source.column == "pat"
    assert values["23.5万家"].value == 235000 and values["3137亿元"].value == 313700000000
    assert values["4.21%"].value == 4.21 and values["0.30个百分点"].value == 0.3


def test_movers_and_interval(zh, en, evaluation):
    movers = zh.section("movers").paragraphs[0].text
    assert "上升最多的是江苏（上升1位，居第3位）；下降最多的是广东（下降1位，居第4位）" in movers
    u = zh.section("uncertainty").paragraphs[0].text
    assert "500次模拟" in u and "综合排名第1位，90%区间为第1位至第2位，排名中位数为1.5" in u
    assert "90% interval runs from 1st to 2nd" in en.section("uncertainty").paragraphs[0].text


def test_facts_quoted_with_their_document_span(zh, evaluation):
    from innoscope.text.extract import extract_facts as ef

    doc_id = evaluation[3]
    from tests.report.conftest import DOCUMENT

    quotes = zh.section("documents").paragraphs
    assert any("上海获发明专利授权30519件，同比增长40.1%" in p.text and "shanghai.txt" in p.text for p in quotes)
    spans = [n for p in quotes for n in p.numbers if n.kind == "fact"]
    assert spans and all(isinstance(n.source, FactSpan) and n.source.document_sha256 == doc_id for n in spans)
    for n in spans:  # each quoted number points at its own characters in the stored document
        assert DOCUMENT[n.source.start : n.source.end] == n.text
    assert ef(DOCUMENT)  # the document the store holds is the one quoted


def test_methods_from_the_framework_notes(zh, en):
    text = " ".join(p.text for p in zh.section("methods").paragraphs)
    assert "区域科技创新评价（测试）" in text and "由2个维度、4项指标构成" in text and "极差标准化" in text
    assert "研发投入强度：official: R&D经费投入强度" in text and "框架说明：四项指标，两个维度。" in text
    assert "2 dimensions and 4 indicators" in " ".join(p.text for p in en.section("methods").paragraphs)


def _recovered(report, lang):
    """Facts read back from the report's prose."""
    return [f for s in report.sections for p in s.paragraphs for f in extract_facts(p.text, lang=lang)]


def _records(report, lang):
    return [f.to_record() for f in _recovered(report, lang)]


def test_round_trip_extract_recovers_values_units_changes_and_shares(zh, en):
    facts = _records(zh, "zh")
    got = {(f["value"], f["unit"]): f for f in facts}
    assert got[(30519, "件")]["change"] == {"kind": "yoy", "pct": 40.1}
    assert got[(235000, "家")]["change"] == {"kind": "yoy", "pct": 17.5}
    assert got[(313700000000, "元")]["change"] == {"kind": "yoy", "pct": 13.6}
    assert got[(4.21, "%")]["change"] == {"kind": "yoy", "pp": 0.3}
    shares = sorted(f["share"]["pct"] for f in facts if f["share"] and f["share"].get("of") == "全国")
    assert shares == [26.0, 29.5, 30.5]
    ranks = [f["rank"]["position"] for f in facts if f["unit"] == "rank" and f["rank"]]
    assert ranks.count(1) >= 6
    # every observation of the report reads back with its value
    for n in [n for n in zh.numbers if n.kind == "observation"]:
        assert any(abs(f["value"] - n.value) < 1e-9 for f in facts), n.text
    efacts = _records(en, "en")
    eg = {f["value"]: f for f in efacts}
    assert eg[30519]["change"]["pct"] == 40.1 and eg[313700000000]["unit"] == "CNY"
    assert eg[4.21]["change"]["pp"] == 0.3
    # a share stands as its own fact or attaches to the count it follows
    eshares = sorted(f["share"]["pct"] for f in efacts if f["share"] and "national total" in f["share"]["of"])
    assert eshares == [26.0, 29.5, 30.5]


def test_round_trip_prose_facts_panel_index_prose_closes(zh, evaluation, tmp_path):
    """Facts read from the report become the unit's panel values; the index built on them words the same report."""
    from innoscope.frameworks import load_framework
    from innoscope.text.mapping import map_facts
    from innoscope.workspace import build_workspace, load_workspace
    from tests.report.conftest import DATA, UNITS, write_workspace

    fw = load_framework(evaluation[0].parent / "fw.yaml")
    facts = [f for f in _recovered(zh, "zh") if f.unit != "rank"]
    obs = map_facts(facts, fw, region="上海", period=2023).observations
    found = dict(zip(obs["indicator"], obs["value"], strict=True))
    # in the framework's units: 3137 亿元 of contracts
    assert found == {"pat": 30519.0, "firms": 235000.0, "contracts": 3137.0, "rd": 4.21}
    data = {y: {k: list(v) for k, v in cols.items()} for y, cols in DATA.items()}
    i = UNITS.index("上海")
    for code, value in found.items():
        data[2023][code][i] = value
    write_workspace(tmp_path, data)
    build_workspace(load_workspace(tmp_path))
    again = build_report(Results(tmp_path / "innoscope.duckdb"), unit="上海")
    for key in ("overview", "indicators", "dimensions", "strengths", "movers"):
        assert [p.text for p in again.section(key).paragraphs] == [p.text for p in zh.section(key).paragraphs]


def test_templates_override_and_errors_name_file_and_line(evaluation, tmp_path):
    from innoscope.report.context import sentence_models
    from innoscope.report.render import render_report

    store = evaluation[0]
    mine = tmp_path / "tpl"
    shutil.copytree(TEMPLATES, mine)
    over = mine / "zh" / "overview.j2"
    over.write_text(over.read_text(encoding="utf-8").replace("属于", "位列"), encoding="utf-8")
    report = build_report(store, unit="上海", templates=mine)
    assert "上海位列第一梯队" in report.section("overview").paragraphs[1].text
    context, book = sentence_models(Results(store), "上海")
    over.write_text("# 综述\n\n{{ unit }}\n{% if index %}\n得分{{ index.score }}\n", encoding="utf-8")
    with pytest.raises(InnoscopeError, match=r"E704 .*zh/overview\.j2:5: template syntax error"):
        render_report(context, book, "zh", mine)
    over.write_text("# 综述\n\n{{ unit }}\n{{ index.no_such_thing }}\n", encoding="utf-8")
    with pytest.raises(InnoscopeError, match=r"E705 .*zh/overview\.j2:4: template failed to render"):
        render_report(context, book, "zh", mine)
    over.write_text("# 综述\n\n{{ unit }}排名前10位。\n", encoding="utf-8")
    with pytest.raises(InnoscopeError, match=r"E706 .*overview\.j2: a number in the report has no source: '10'"):
        render_report(context, book, "zh", mine)
    with pytest.raises(InnoscopeError, match="E703"):
        build_report(store, unit="上海", templates=tmp_path / "absent")


def test_unknown_unit_period_language_and_run_name_what_there_is(evaluation):
    store = evaluation[0]
    with pytest.raises(InnoscopeError, match=r"E407 .*unit '天津'; the run has: 北京, 上海, 江苏, 浙江, 广东"):
        build_report(store, unit="天津")
    with pytest.raises(InnoscopeError, match=r"E407 .*period 2030 for 上海; the run ranks it in: 2021, 2022, 2023"):
        build_report(store, unit="上海", period=2030)
    with pytest.raises(InnoscopeError, match="E702"):
        build_report(store, unit="上海", lang="fr")
    with pytest.raises(InnoscopeError, match="E401 .*run 99"):
        build_report(store, unit="上海", run_id=99)
    assert build_report(store, unit="Shanghai", lang="en").unit == "上海"  # English names resolve


def test_unknown_extension_refused_before_any_work(tmp_path):
    with pytest.raises(InnoscopeError, match=r"E701 .*report\.txt: unknown output format: \.txt"):
        write_report(tmp_path / "no-store.duckdb", unit="上海", out=tmp_path / "report.txt")
    assert list(tmp_path.iterdir()) == []


def test_nothing_written_half(zh, tmp_path, monkeypatch):
    import innoscope.report.writers as writers

    out = tmp_path / "r.md"
    out.write_text("previous report", encoding="utf-8")

    def broken(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writers, "render_markdown", broken)
    with pytest.raises(RuntimeError):
        writers.write(zh, out)
    assert out.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]  # no temporary file left behind


def test_markdown_and_json_files(zh, tmp_path):
    from innoscope.report.writers import write

    md = write(zh, tmp_path / "r.md")
    text = md.read_text(encoding="utf-8")
    links = re.findall(r"\]\(#n(\d+)\)", text)
    anchors = re.findall(r'<a id="n(\d+)"></a>', text)
    assert links and links == anchors and "[30519件](#n" in text
    js = json.loads(write(zh, tmp_path / "r.json").read_text(encoding="utf-8"))
    assert js["sections"][0]["title"] == "综述" and js == json.loads(zh.to_json())
    assert md.stat().st_mode & 0o777 != 0o600  # an ordinary file, not a private temporary one
