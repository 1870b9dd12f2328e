"""Document context (the region and years of a report, its sections) and the status of each number."""

from __future__ import annotations

from innoscope.text import extract_facts
from innoscope.text.context import DocumentContext, document_context, resolve_year

REPORT = (
    "2025年浙江省政府工作报告\n"
    "2025年1月14日在浙江省第十四届人民代表大会第三次会议上\n"
    "一、2024年工作回顾\n"
    "全年地区生产总值增长5.5%。研发投入强度预计达3.2%，区域创新能力居全国第4位。城镇新增就业超143万人、超额完成国家下达的110万人年度任务。"
    "1—11月，规上工业增加值增长8%。\n"
    "二、2025年目标任务和重点工作\n"
    "主要预期目标为：生产总值增长5.5%左右，城镇调查失业率控制在5%以内。全年研发投入强度达3.3%左右。"
    "全省拥有8个万亿元级产业集群。去年新增高新技术企业1.6万家。\n"
)


def test_work_report_context():
    ctx = document_context(REPORT)
    assert (ctx.region, ctx.year, ctx.written, ctx.plan_year) == ("浙江", 2024, 2025, 2025)
    assert [(s.year, s.status) for s in ctx.sections] == [(2024, "actual"), (2025, "target")]


def test_status_year_and_coverage_from_sentence_and_section():
    got = {f.text: (f.status, f.year, f.coverage, f.region) for f in extract_facts(REPORT)}
    assert got["增长5.5%"] == ("actual", 2024, "year", "浙江")  # 全年 in the review: 2024
    assert got["3.2%"][0] == "estimate"
    assert got["居全国第4位"][0] == "actual"  # 预计 of the clause before does not reach it
    assert got["超143万人"][0] == "actual"
    assert got["110万人"][0] == "target"  # …年度任务: the national target it exceeded
    assert got["增长8%"] == ("actual", 2024, "part", "浙江")  # 1—11月: part of 2024
    assert got["增长5.5%左右"] == ("target", 2025, "year", "浙江")
    assert got["5%以内"][0] == "target"
    assert got["3.3%左右"] == ("target", 2025, "year", "浙江")  # 全年 in the plan: 2025
    assert got["8个"][0] == "actual"  # 拥有: what exists, even in the plan section
    assert got["1.6万家"][1:3] == (2024, "year")  # 去年 in a report delivered in 2025


def test_defaults_never_override_the_document():
    text = "2021年上海科技进步报告\n全年发明专利授权3.2万件。"
    (f,) = extract_facts(text, region="浙江", year=2019)
    assert (f.region, f.year) == ("上海", 2021)
    (f,) = extract_facts("发明专利授权3.2万件。", region="浙江", year=2019)
    assert (f.region, f.year, f.inferred) == ("浙江", 2019, ("region", "year"))


def test_national_report_and_english_titles():
    assert document_context("政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n").region == "全国"
    ctx = document_context("Gross domestic expenditure on research and development, UK: 2014\n\nIn 2014 …", "en")
    assert (ctx.region, ctx.year) == ("GBR", 2014)
    ctx = document_context("Switzerland is most innovative, India making gains\n\n…", "en")
    assert ctx.region is None  # two places: the title is about neither alone


def test_resolve_year():
    ctx = DocumentContext(year=2024, written=2025, plan_year=2025)
    assert resolve_year("上半年", 0, ctx, "zh") == (2024, "part", True)
    assert resolve_year("截至2024年底", 0, ctx, "zh") == (2024, "year", False)
    assert resolve_year("截至目前", 0, ctx, "zh") == (2024, "date", True)
    assert resolve_year("2021—2025年", 0, ctx, "zh") == (None, "years", False)
    assert resolve_year("the first half of 2023", 0, ctx, "en") == (2023, "part", False)
    assert resolve_year("last year", 0, ctx, "en") == (2024, "year", False)
