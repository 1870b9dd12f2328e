"""The regular expressions of Chinese quantitative statements.

They run on the half-width copy of a text (:func:`~innoscope.text.numbers.to_halfwidth`
keeps every offset), so ``３０５１９件`` and ``30519件`` match alike.
"""

from __future__ import annotations

import re

ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"


def _starting(chars: str, pattern: str) -> re.Pattern:
    """``pattern`` behind a lookahead on the characters its matches can start with: the same matches,
    found several times faster, since the engine skips other positions at once."""
    return re.compile(f"(?=[{chars}])(?:{pattern})")


CN_NUM = r"[零〇一二两三四五六七八九十百千万亿]+"
FRACTION = r"(?:\d+/\d+|[一二三四五六七八九十]+分之[一二三四五六七八九十]+)"

# Units of counts and measures, longest first; the value is the base unit written out.
UNITS: dict[str, str] = {
    "个百分点": "pp",
    "百分点": "pp",
    "%": "%",
    "‰": "‰",
    "平方公里": "平方公里",
    "平方千米": "平方公里",
    "平方米": "平方米",
    "立方米": "立方米",
    "千瓦时": "千瓦时",
    "吨标准煤": "吨标准煤",
    "吨二氧化碳": "吨二氧化碳",
    "标准箱": "标箱",
    "人民币": "元",
    "美元": "美元",
    "欧元": "欧元",
    "港元": "港元",
    "日元": "日元",
    "英镑": "英镑",
    "人份": "人份",
    "人次": "人次",
    "千瓦": "千瓦",
    "兆瓦": "兆瓦",
    "吉瓦": "吉瓦",
    "公里": "公里",
    "千米": "公里",
    "公顷": "公顷",
    "小时": "小时",
    "标箱": "标箱",
    "辆次": "辆次",
    "架次": "架次",
    "元": "元",
    "吨": "吨",
    "亩": "亩",
    "件": "件",
    "家": "家",
    "项": "项",
    "名": "名",
    "份": "份",
    "个": "个",
    "篇": "篇",
    "款": "款",
    "所": "所",
    "座": "座",
    "台": "台",
    "套": "套",
    "辆": "辆",
    "艘": "艘",
    "架": "架",
    "次": "次",
    "条": "条",
    "种": "种",
    "户": "户",
    "人": "人",
    "位": "位",
    "支": "支",
    "批": "批",
    "部": "部",
    "本": "本",
    "场": "场",
    "列": "列",
    "分钟": "分钟",
    "秒": "秒",
    "天": "天",
    "公斤": "公斤",
    "千克": "公斤",
    "斤": "斤",
    "克": "克",
    "颗": "颗",
    "枚": "枚",
    "处": "处",
    "张": "张",
    "只": "只",
    "头": "头",
    "株": "株",
    "棵": "棵",
    "间": "间",
    "栋": "栋",
    "例": "例",
    "片": "片",
    "门": "门",
    "册": "册",
    "点": "点",
    "单": "单",
    "轮": "轮",
    "所次": "所次",
}
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))

# A quantity: numeral, "more than" suffix, multiplier, unit, trailing qualifier.
QUANTITY = re.compile(
    rf"(?P<num>{ARABIC}|{CN_NUM})(?P<approx>余|多)?(?P<mult>万亿|亿|万|千)?"
    rf"(?P<unit>{_UNIT_ALT})(?P<per>/(?:日|天|年|小时|秒|月))?(?P<post>以上|左右|以下|以内|之多|上下)?"
    # a bare count with a multiplier: 6600多万纳税人, 超过3300万
    rf"|(?P<num2>{ARABIC})(?P<approx2>余|多)?(?P<mult2>万亿|亿|万)(?P<post2>以上|左右|以下|以内|之多|上下)?"
)

BOUND_BEFORE = {
    "约": "approx",
    "近": "approx",
    "接近": "approx",
    "将近": "approx",
    "大约": "approx",
    "约为": "approx",
    "超过": "over",
    "超": "over",
    "突破": "over",
    "逾": "over",
    "多达": "over",
    "高达": "over",
    "不到": "under",
    "不足": "under",
    "未满": "under",
    "不超过": "under",
}
BOUND_AFTER = {
    "余": "over",
    "多": "over",
    "以上": "over",
    "之多": "over",
    "左右": "approx",
    "上下": "approx",
    "以下": "under",
    "以内": "under",
}
_BOUND_ALT = "|".join(sorted(BOUND_BEFORE, key=len, reverse=True))
BOUND_TAIL = re.compile(rf"(?:{_BOUND_ALT})$")

CHANGE = _starting(
    "同比较与环分增上提扩下减降回涨",
    rf"(?P<yoy>同比|比上年|较上年|比去年|较去年|比上年同期|较上年同期|与上年相比|环比)?(?:分别)?"
    rf"(?P<dir>增长|增加|上升|上涨|提高|提升|扩大|下降|减少|降低|回落|下滑|增幅为|增速为|增幅达|增速达|增幅|涨幅为|涨幅|降幅为|降幅)(?:了)?"
    rf"(?P<q>约|近|超过|超|逾)?(?P<num>{ARABIC}|{CN_NUM})(?P<unit>%|倍|个百分点|百分点)(?P<post>左右|以上|以下)?"
    rf"(?P<more>(?:(?:、|和|及){ARABIC}(?:%|倍|个百分点))+)?",  # 分别增长23.9%、35.8%; 分别增长4.3%和6.1%
)
MORE = re.compile(rf"(?P<num>{ARABIC})(?P<unit>%|倍|个百分点)")
# An absolute change against the previous year: 比上年增加1800亿元.
DELTA = _starting(
    "同比较",
    rf"(?P<yoy>同比|比上年|较上年|比去年|较去年|比上年同期|较上年同期)(?:年初预算)?(?P<dir>增加|增长|减少|下降|多|少)(?:了)?"
    rf"(?P<q>约|近|超过|超|逾)?(?P<num>{ARABIC}|{CN_NUM})(?P<mult>万亿|亿|万|千)?(?P<unit>{_UNIT_ALT})",
)
DOWN = {"下降", "减少", "降低", "回落", "下滑", "少", "降幅为", "降幅"}

SHARE = _starting(
    "占全世比份约近超逾接不",
    rf"占(?!比)(?P<of>[^，,。；;、]{{0,16}}?)(?:的)?(?:比重|比例|份额)?(?:为|达|达到)?"
    rf"(?P<q>约|近|超过|超|逾|接近|不到|不足)?(?:(?P<num>{ARABIC})(?P<unit>%)|(?P<frac1>{FRACTION}|一半|半数)|(?P<tenths>{ARABIC}|[一二三四五六七八九])成)"
    rf"(?P<post>左右|以上|以下|多)?"
    rf"|(?P<of2>全国|全球|全市|全省|全世界|世界)?(?:占比|比重|占有率|份额)"
    rf"(?:为|达|达到|超过|提高到|提高至|提升到|提升至|上升到|上升至|下降到|下降至|降至)?"
    rf"(?P<q2>约|近|超过|超|逾)?(?:(?P<num2>{ARABIC})(?P<unit2>%)|(?P<frac>{FRACTION}))(?P<post2>左右|以上|以下|多)?"
    # 新增装机超过全球一半: a part of the whole in words, with a bound before the whole
    rf"|(?P<q3>约|近|超过|超|逾|接近|不到|不足)(?P<of3>全国|全球|全市|全省|全世界|世界)(?:的)?(?P<frac3>一半|半数|{FRACTION})",
)
# Words by which a clause points back at the fact before it (在沪院士185名，数量全国第二).
ANAPHORA = re.compile(r"(?:数量|总量|规模|总数|总额|比重|均|分别|其|并|且|同比|比上年|较上年|全国|全球|全市|全省)*")
_SHARE_OF_TAIL = re.compile(
    r"(?:分别|总数|总量|总额|总和|合计|比重|比例|份额|提高到|提高至|提升到|提升至|达到|达|为|的)+$"
)

# 连续36年居全国首位: the years a rank has been held, just before it.
STREAK = re.compile(r"连续(?P<n>\d+|[一二三四五六七八九十]+)年(?:来)?(?:均|都|稳)?$")
RANK = _starting(
    "位名居排列跃升全世国亚的第首榜",
    r"(?P<verb>位居|位列|名列|居于|居|排名|排在|排|列|位于|跃居|升至)?(?P<scope>全国|全球|全世界|世界|全市|全省|国内|国际|亚洲|全球城市)?"
    r"(?:的)?(?:第(?P<num>\d+|[一二三四五六七八九十]+)(?P<unit>位|名)?"
    r"(?!批|届|次|期|个|家|项|季|轮|章|条|款|节|阶段|部分|类|代|天|年|号|种|方面|大)|(?P<first>首位|榜首))",
)

PERIOD = _starting(
    "截\\d全年今去上当本下前一二三四过",
    r"截[至止](?:\d{4}年)?(?:年底|年末|目前|\d{1,2}月底|\d{1,2}月末|\d{1,2}月)"
    r"|\d{4}年(?!度[\u4e00-\u9fff])(?:\d{1,2}[—\-–~至到]\d{1,2}月|\d{1,2}月(?:底|末)?|上半年|下半年|前三季度|[一二三四]季度|度|底|末)?"
    r"|(?<![\d月])\d{1,2}[—\-–~至到]\d{1,2}月"
    r"|全年|年内|今年|(?<![比较于同])(?:去年|上年)|当年|本年度|上半年|下半年|前三季度|[一二三四]季度|过去[一二三四五六七八九十\d]+年",
)

# Words that end a subject phrase after a quantity (what follows is a predicate).
SUBJECT_STOP = re.compile(
    r"获得|获批|获|出自|成功|实现|完成|落户|入选|登陆|达到|达|占|同比|增长|下降|参与|支持|覆盖|进入|位居|居|列|"
    r"在|中|为|是|被|并|且|和|与|及|等|已|将|共|同|通过|累计"
)
# Words after which the rest of a clause is about something else than the counted thing.
SUBJECT_CUT = re.compile(r"同比|比上年|较上年|占|数量|其中|分别|新台阶|台阶|大关")
SUBJECT_VERB_LEAD = re.compile(r"^(?:为|是|系|属于)")
SUBJECT_LEAD = re.compile(
    r"^(?:其中|此外|另外|同时|并且|并|且|和|及|以及|、|与|均|都|已|共|另有|还有|预计|预期|初步统计|初步核算|力争|确保|争取)+"
)
SUBJECT_TAIL = re.compile(
    r"(?:共有|共计|合计|总计|拥有|现有|已有|有|达到|已达|达|为|约|近|超过|超|突破|逾|多达|高达|仅|共|中|"
    r"提高到|提高至|提升到|提升至|增加到|增加至|增至|增长到|增长至|下降到|下降至|降至|降低到|降低至|减少到|减少至|到|至|"
    r"迈上|跃上|站上|连续[\d一二三四五六七八九十]+年|分别|预计|预期)+$"
)
VAGUE_BEFORE = ("数", "几", "若干", "好几", "上")
SUBSET = re.compile(r"中(?:有|共有|包括)?")
RANKING_NAME = re.compile(r".*(?:排名|排行榜|排行|榜单|指数)")
TOTAL_WORDS = re.compile(r"(?:累计|合计|总计|共计)")
# A subject that only points back at the one before (总量连续39年居全国首位: 进出口总额's).
BACK_WORDS = re.compile(r"(?:总量|总数|数量|规模|总额|均|其)+")
# What a quantity measures, as distinct from the things counted (17个重点传统制造业增加值增长8%: the 8%
# is the 增加值's, not the 17个's); also where a listed item ends and the shared head of a 分别 list begins.
MEASURE = re.compile(
    r"增加值|零售额|销售额|营业额|营收|营业收入|收入|产值|产量|销量|吞吐量|客流量|车流量|人数|起数|件数|数量|面积|"
    r"金额|总额|规模|比重|占比|投资|出口|进口|利润|存款|贷款|人均|标准|增速|价格|指数|强度|总量"
)
# Change kinds listed before 分别 (环比、同比分别增长51.3%、15.3%).
KIND_LIST = re.compile(r"(?P<first>环比|同比)[、和]$")
KIND_TAIL = re.compile(r"(?:环比|同比)[、和]?$")
SUBJECT_NEW = re.compile(r"^(?:新增|新建|新)")
