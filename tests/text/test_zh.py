"""Chinese statements: units, bounds, changes, shares, ranks, periods and what is not a fact."""

from __future__ import annotations

import pytest

from innoscope.text import extract_facts


def d(value):
    """A typed change, share or rank as the plain dict a record holds."""
    return None if value is None else value.to_dict()


def one(text: str):
    facts = extract_facts(text, lang="zh")
    assert len(facts) == 1, [f.text for f in facts]
    return facts[0]


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "bound"),
    [
        ("累计核发许可证近33万份。", "近33万份", 330000, "份", "approx"),
        ("高新技术企业数突破2万家。", "突破2万家", 20000, "家", "over"),
        ("集聚人才2400余名。", "2400余名", 2400, "名", "over"),
        ("投资规模超百亿元。", "超百亿元", 1e10, "元", "over"),
        ("检测试剂累计发货超3亿人份。", "超3亿人份", 3e8, "人份", "over"),
        ("其中95%以上为中小企业。", "95%以上", 95, "%", "over"),
        ("粮食产量1.3万亿斤以上。", "1.3万亿斤以上", 1.3e12, "斤", "over"),
        ("城镇新增就业1200万人以上。", "1200万人以上", 1.2e7, "人", "over"),
        ("不足100家企业参与。", "不足100家", 100, "家", "under"),
        ("全年发表论文三千五百篇。", "三千五百篇", 3500, "篇", "exact"),
        ("全年发表论文３５００篇。", "３５００篇", 3500, "篇", "exact"),
        ("6600多万纳税人受益。", "6600多万", 6.6e7, "count", "over"),
        ("建成载体空间约50万平方米左右。", "约50万平方米左右", 5e5, "平方米", "approx"),
    ],
)
def test_quantities(text, span, value, unit, bound):
    f = one(text)
    assert (f.text, f.value, f.unit, f.bound) == (span, pytest.approx(value), unit, bound)
    assert text[f.start : f.end] == f.text


def test_change_share_rank_attach_to_the_fact_they_follow():
    text = "1—11月，全市获发明专利授权30519件，同比增长40.1%；PCT专利申请受理量4141件，同比下降3.2%。"
    a, b = extract_facts(text)
    assert (a.value, a.period, d(a.change)) == (30519, "1—11月", {"kind": "yoy", "pct": 40.1})
    assert (b.value, b.period, d(b.change)) == (4141, "1—11月", {"kind": "yoy", "pct": -3.2})
    f = one("发表论文107篇，占全国总数的29.8%。")
    assert d(f.share) == {"pct": 29.8, "of": "全国"}
    f = one("在沪院士共185名，数量全国第二。")
    assert d(f.rank) == {"position": 2, "scope": "全国"}
    f = one("研发投入强度4.2%，比上年提高0.1个百分点。")
    assert d(f.change) == {"kind": "yoy", "pp": 0.1}
    f = one("出口额增长了2倍。")
    assert d(f.change) == {"kind": "change", "times": 2} and f.unit == "times"
    f = one("赤字规模4.06万亿元，比上年增加1800亿元。")
    assert f.value == 4.06e12 and d(f.change) == {"kind": "yoy", "delta": 1.8e11, "unit": "元"}


def test_standalone_rank_share_and_change():
    f = one("在全球最佳科技集群排名中，上海位列全球第8位。")
    assert (f.value, f.unit, d(f.rank), f.region) == (8, "rank", {"position": 8, "scope": "全球"}, "上海")
    assert "科技集群" in f.subject
    f = one("年内批准上市的创新药中，全国占比约1/5。")
    assert (f.value, d(f.share)) == (20, {"pct": 20, "of": "全国", "bound": "approx"})
    f = one("全省规上工业增加值增长7.5%。")
    assert (f.value, f.unit, d(f.change), f.subject) == (7.5, "%", {"kind": "change", "pct": 7.5}, "全省规上工业增加值")
    f = one("地区生产总值连续36年居全国首位。")
    assert d(f.rank) == {"position": 1, "scope": "全国", "streak": 36} and f.subject == "地区生产总值"


def test_attributes_do_not_jump_clauses():
    facts = extract_facts("居民消费价格涨幅3%左右；居民收入增长和经济增长同步；粮食产量稳定；能耗降低2.5%左右。")
    assert len(facts) == 2 and d(facts[0].change) == {"kind": "change", "pct": 3, "bound": "approx"}
    assert d(facts[-1].change) == {"kind": "change", "pct": -2.5, "bound": "approx"}


@pytest.mark.parametrize(
    "text",
    [
        "2021年是“十四五”规划的开局之年。",
        "实施《上海市促进科技成果转化行动方案(2021—2023)》。",
        "牵头承担了“科技创新2030——新一代人工智能”重大项目。",
        "深化G60科创走廊建设。",
        "首次同时获得“三大奖项”一等奖。",
        "新增两院院士。",
        "其中外国高端人才(A类)。",
        "一是加强基础研究。",
        "（一）推动高质量发展。",
        "年内批准上市的1类创新药。",
        "量产线1期建设全部封顶。",
        "连续4年保持增长。",
        "学习贯彻党的二十大和二十届二中全会精神。",
        "严格落实中央八项规定精神。",
        "统筹两个大局。",
        "千家万户受益。",
        "一批重要设备实现批量销售。",
        "第一批试点城市。",
        "数十家企业。",
        "编制2021—2035年中长期规划。",
    ],
)
def test_not_facts(text):
    assert extract_facts(text, lang="zh") == []


def test_context_carries_across_clauses_of_a_sentence_only():
    facts = extract_facts("截至年底，新增院士12名，在沪院士共185名。全市共有载体500余家。")
    assert [f.period for f in facts] == ["截至年底", "截至年底", None]


def test_subjects_name_what_is_counted():
    facts = extract_facts("新增3家全国双创示范基地和1家国家级大学科技园。累计帮助4791家高新技术企业获得贷款3137亿元。")
    assert [f.subject for f in facts] == [
        "新增全国双创示范基地",
        "国家级大学科技园",
        "累计帮助高新技术企业",
        "获得贷款",
    ]
    f = extract_facts("年内批准上市的42个1类创新药中有8个出自上海。")[1]
    assert f.subject == "1类创新药出自上海" and f.region == "上海"


def test_enumerated_changes():
    a, b = extract_facts("新能源汽车零售额分别增长23.9%、35.8%。")
    assert (a.change.pct, b.change.pct) == (23.9, 35.8)
    assert b.subject == a.subject == "新能源汽车零售额"


@pytest.mark.parametrize(
    ("text", "subjects"),
    [
        ("城乡居民人均可支配收入分别增长4.3%和6.1%。", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
        ("家电、新能源汽车零售额分别增长23.9%、35.8%。", ["家电零售额", "新能源汽车零售额"]),
        (
            "先进制造业、高技术制造业增加值占规模以上工业比重分别提高到56.7%、31.6%。",
            ["先进制造业增加值", "高技术制造业增加值"],
        ),
        ("宁波舟山港货物和集装箱吞吐量分别增长4%、11.3%。", ["宁波舟山港货物吞吐量", "集装箱吞吐量"]),
        ("生产安全事故起数、死亡人数分别下降17.7%、12.5%。", ["生产安全事故起数", "死亡人数"]),
        ("低保、特困人均月标准分别提高到1167元、1937元。", ["低保人均月标准", "特困人均月标准"]),
        ("服务贸易、数字贸易分别增长24.5%、14.5%。", ["服务贸易", "数字贸易"]),
    ],
)
def test_lists_spread_over_their_values(text, subjects):
    assert [f.subject for f in extract_facts(text)] == subjects


def test_lists_of_change_kinds():
    a, b = extract_facts("四季度新建商品房网签销售面积环比、同比分别增长51.3%、15.3%。")
    assert (d(a.change), d(b.change)) == ({"kind": "mom", "pct": 51.3}, {"kind": "yoy", "pct": 15.3})
    assert a.subject == b.subject == "新建商品房网签销售面积"


def test_units_keep_their_qualifier():
    f = one("保障重大项目用能指标1600万吨标准煤。")
    assert (f.value, f.unit) == (1.6e7, "吨标准煤")
    f = one("新增污水处理能力30万吨/日。")
    assert (f.value, f.unit) == (3e5, "吨/日")


def test_a_rate_belongs_to_the_measure_not_the_count():
    a, b = extract_facts("17个重点传统制造业增加值增长8%。")
    assert (a.text, a.value, a.unit, a.change, a.subject) == ("17个", 17, "个", None, "重点传统制造业")
    assert (b.text, b.measure, d(b.change)) == ("增长8%", "change", {"kind": "change", "pct": 8})
    assert b.subject == "重点传统制造业增加值"
    f = one("全市获发明专利授权30519件，同比增长40.1%。")
    assert d(f.change) == {"kind": "yoy", "pct": 40.1}  # the rate of the count itself still attaches


def test_subjects_do_not_start_with_a_stray_clause():
    f = one("预计全省地区生产总值迈上14万亿元新台阶、连续36年居全国首位。")
    assert (f.value, f.subject, f.status) == (1.4e13, "全省地区生产总值", "estimate")
    assert d(f.rank) == {"position": 1, "scope": "全国", "streak": 36}
    f = one("进出口总额突破9万亿元、增长9.8%，总量连续39年居全国首位。")
    assert (f.subject, f.bound, d(f.change)) == ("进出口总额", "over", {"kind": "change", "pct": 9.8})
    assert d(f.rank) == {"position": 1, "scope": "全国", "streak": 39}


def test_listed_shares_share_their_whole():
    a, b = extract_facts("先进制造业、高技术制造业增加值占规模以上工业比重分别提高到56.7%、31.6%。")
    assert (d(a.share), d(b.share)) == ({"pct": 56.7, "of": "规模以上工业"}, {"pct": 31.6, "of": "规模以上工业"})
    assert a.measure == b.measure == "share"


def test_foreign_places_are_not_the_home_region():
    text = "2025年广东省政府工作报告\n全省研发投入超5100亿元。与新加坡合作项目达12个，德国巴伐利亚州企业投资3亿美元。"
    facts = extract_facts(text)
    assert [(f.text, f.region, "region" in f.inferred) for f in facts] == [
        ("超5100亿元", "广东", True),
        ("12个", "SGP", False),
        ("3亿美元", "DEU", False),
    ]
