"""The actors of an innovation system named in Chinese reports: policies, organisations, programmes,
facilities, events, places, awards and journals.

Match, then resolve.  Candidates come from three rules: a ``《…》`` title
(a policy when it reads like one, a journal after 期刊; never split), a name
ending in a type's head word (``…研究院``, ``…计划``, ``…论坛``) whose left edge is
the nearest punctuation or predicate word, and an enumeration
(``扬帆、启明星、浦江等…人才计划``) whose items share the type of its head.
Overlaps resolve to the longest, then the leftmost.

>>> text = "组建上海集成电路材料研究院、上海处理器技术创新中心等高水平研究机构；超强超短激光装置建成。"
>>> for e in extract_entities(text):
...     print(e.name, e.type)
上海集成电路材料研究院 organization
上海处理器技术创新中心 organization
超强超短激光装置 facility
"""

from __future__ import annotations

import re

from innoscope.text.fact import Entity

__all__ = ["ENTITY_TYPES", "extract_entities"]

ENTITY_TYPES = ("policy", "organization", "programme", "facility", "event", "place", "award", "journal")

HEADS: dict[str, tuple[str, ...]] = {
    "organization": (
        "国家实验室",
        "重点实验室",
        "实验室",
        "研究院",
        "研究所",
        "研究中心",
        "创新中心",
        "工程中心",
        "中心",
        "大学",
        "学院",
        "集团",
        "联盟",
        "协会",
        "学会",
        "基金会",
        "科学院",
        "分院",
        "工研院",
        "医院",
        "公司",
        "银行",
        "交易所",
        "委员会",
    ),
    "programme": ("计划", "专项", "工程"),
    "facility": ("装置", "设施", "光源", "望远镜", "天文馆", "博物馆", "科技馆", "纪念馆"),
    "event": ("论坛", "大会", "研讨会", "博览会", "交易会", "进博会", "峰会", "科技节", "展演", "年会"),
    "place": (
        "走廊",
        "集聚区",
        "创新园",
        "科学城",
        "示范区",
        "试验区",
        "自贸区",
        "新区",
        "街区",
        "经济圈",
        "开发区",
        "高新区",
        "科技园",
        "示范基地",
        "湾区",
        "特区",
    ),
    "award": ("奖",),
}
_HEAD_TYPE = {h: t for t, hs in HEADS.items() for h in hs}
_HEAD = re.compile("|".join(sorted(map(re.escape, _HEAD_TYPE), key=len, reverse=True)))
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·（）()/-]")
_LEADING = re.compile(r"(?:与|和|及|并|或)+")
_STOP = re.compile(
    r"组建|建设|建成|推进|设立|成立|筹建|牵头|推动|支持|依托|联合|加快|打造|举办|成功|发起|持续|完成|实施|开展|围绕|面向|新增|"
    r"拥有|包括|共同|形成|获得|获|入选|启动|发布|深化|落实|聚焦|加强|参与|承担|其中|以及|和|及|在|由|等|的|向|对|将|把|"
    r"被|为|是|了|着|一批|首批|首个|全市|全国|本市|我市|领域|列入|纳入|并|"
    r"提升|优化|办好|争创|探索|完善|布局|做强|做优|健全|增强|实现|加大|强化|推广|坚持|构建|创建|谋划|提高|促进|保障|"
    r"引进|引导|鼓励|规范|统筹|扩大|培育|壮大|争取|积极|全力|大力|高质量|适度超前|超前"
)
GENERIC = {
    "实验室",
    "重点实验室",
    "研究院",
    "研究所",
    "中心",
    "大学",
    "学院",
    "集团",
    "计划",
    "专项",
    "工程",
    "装置",
    "设施",
    "论坛",
    "大会",
    "奖",
    "国家技术创新中心",
    "研究机构",
    "创新中心",
    "技术创新中心",
    "一等奖",
    "二等奖",
    "三等奖",
    "大奖",
    "国家科学技术奖励",
    "科技创新中心",
    "重大科技基础设施",
    "商业银行",
    "双创示范基地",
    "创新创业集聚区",
    "国家创新街区",
    "重大工程",
    "上市公司",
    "省实验室",
    "省技术创新中心",
    "国家医学中心",
    "区域医疗中心",
    "大科学计划",
    "自贸试验区",
    "富裕示范区",
}
_GENERIC_PREFIX = (
    "各类",
    "各种",
    "一批",
    "相关",
    "有关",
    "多项",
    "若干",
    "这些",
    "重大",
    "重点",
    "高水平",
    "新型",
    "新一轮",
    "市级",
    "省级",
)
_GENERIC_SUFFIX = ("基础设施",)
_WEAK_HEADS = {"中心", "奖", "专项", "工程", "大会", "湾区", "示范区"}
_QUOTED = re.compile(r"“([^“”\n]{2,30})”")
_LEADING_PERIOD = re.compile(r"(?:\d{4}年度?|\d{4}—\d{4}年|首届|第[一二三四五六七八九十\d]+届)")
# Agencies whose names carry no head word
AGENCIES = (
    "国家发展改革委",
    "国家发改委",
    "科技部",
    "工信部",
    "工业和信息化部",
    "教育部",
    "财政部",
    "商务部",
    "国家知识产权局",
    "中国科学院",
    "中科院",
    "中国工程院",
    "国家自然科学基金委员会",
    "国家自然科学基金委",
)
_AGENCY = re.compile("|".join(sorted(AGENCIES, key=len, reverse=True)))
_POLICY_WORDS = re.compile(
    r"意见|办法|方案|规划|条例|规定|计划|纲要|细则|政策|措施|通知|决定|法|指引|行动|战略|规则|指南|制度"
)
_TITLE = re.compile(r"《([^《》\n]{1,60})》")
_JOURNAL_CONTEXT = re.compile(r"(?:期刊|杂志|刊物|学术期刊)(?:《[^《》]{1,20}》)*$")
_ENUM = re.compile(r"((?:[\u4e00-\u9fffA-Za-z0-9/·]{1,10}、)+[\u4e00-\u9fffA-Za-z0-9/·]{1,10})等([^，。；;、]{0,16})")
_WINDOW = 24


def _left_edge(text: str, end: int, keep: int = 2) -> int:
    """Where a name whose head starts at ``end`` begins: after punctuation or the last predicate word
    that still leaves ``keep`` characters before the head (改造提升工程 keeps 改造提升)."""
    start = end
    floor = max(0, end - _WINDOW)
    while start > floor and _NAME_CHAR.match(text[start - 1]):
        start -= 1
    last = start
    for m in _STOP.finditer(text, start, end):
        if end - m.end() >= keep:
            last = max(last, m.end())
    return last


def _titles(text: str) -> list[tuple[int, int, str, str]]:
    out = []
    for m in _TITLE.finditer(text):
        title = m.group(1)
        if _JOURNAL_CONTEXT.search(text, max(0, m.start() - 40), m.start()) and len(title) <= 12:
            out.append((m.start(), m.end(), title, "journal"))
        elif _POLICY_WORDS.search(title):
            out.append((m.start(), m.end(), title, "policy"))
    return out


def _keep(name: str) -> bool:
    return not (
        len(name) < 4
        or name in GENERIC
        or name.startswith(_GENERIC_PREFIX)
        or name.endswith(_GENERIC_SUFFIX)
        or name[0].isdigit()
        or name[0] in "一二三四五六七八九十"
    )


def _headed(text: str) -> list[tuple[int, int, str, str]]:
    out = []
    for m in _HEAD.finditer(text):
        end = m.end()
        start = _left_edge(text, m.start())
        lead = _LEADING.match(text, start)
        if lead:
            start = lead.end()
        period = _LEADING_PERIOD.match(text, start)
        if period and period.end() < m.start():
            start = period.end()  # 2020年度国家科学技术奖: the award, not its year
        while start < end and text[start] in "（(" and not any(c in text[start:end] for c in "）)"):
            start += 1
        name = text[start:end]
        if (
            name.count("(") + name.count("（") > name.count(")") + name.count("）")
            and end < len(text)
            and text[end] in ")）"
        ):
            end += 1
            name = text[start:end]
        modifier = m.start() - start
        weak = m.group(0) in _WEAK_HEADS and (modifier < 4 or _STOP.search(text, start, m.start()))
        if _STOP.match(name) or weak or name[0] in "以对把将向为在从" or "的" in name:
            continue  # 推动示范区, 以人民为中心: a predicate, not a name
        if _keep(name):
            out.append((start, end, name, _HEAD_TYPE[m.group(0)]))
    return out


def _quoted(text: str) -> list[tuple[int, int, str, str]]:
    """A name in quotation marks that ends in a head word: “上海碳中和创新联盟”."""
    out = []
    for m in _QUOTED.finditer(text):
        name = m.group(1)
        head = _HEAD.search(name)
        if head and head.end() == len(name) and _keep(name):
            out.append((m.start(1), m.end(1), name, _HEAD_TYPE[head.group(0)]))
    return out


def _enumerations(text: str) -> list[tuple[int, int, str, str]]:
    out = []
    for m in _ENUM.finditer(text):
        head = _HEAD.search(m.group(2))
        if not head:
            continue
        kind = _HEAD_TYPE[head.group(0)]
        items_start = m.start(1)
        first = _left_edge(text, m.start(1) + m.group(1).find("、"))
        pos = items_start
        for i, item in enumerate(m.group(1).split("、")):
            a = first if i == 0 else pos
            name = text[a : pos + len(item)]
            if len(name) >= 2 and not _HEAD.search(item):
                out.append((a, a + len(name), name, kind))
            pos += len(item) + 1
    return out


def _resolve(
    cands: list[tuple[int, int, str, str]], protected: list[tuple[int, int]]
) -> list[tuple[int, int, str, str]]:
    """Longest first, then leftmost; nothing may cut into a 《…》 title."""
    chosen: list[tuple[int, int, str, str]] = []
    for c in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[0])):
        if any(c[0] < b and a < c[1] for a, b, *_ in chosen):
            continue
        if any(c[0] < b and a < c[1] and not (a <= c[0] and c[1] <= b) for a, b in protected):
            continue
        chosen.append(c)
    return sorted(chosen)


def extract_entities(text: str, doc: str = "") -> list[Entity]:
    """Entities named in ``text``, in document order; spans cover the name (a title without 《》)."""
    titles = _titles(text)
    protected = _title_spans(text)
    cands = [(a + 1, b - 1, name, kind) for a, b, name, kind in titles]
    cands += [c for c in _quoted(text) if not _inside_title(c, protected)]
    cands += [
        (m.start(), m.end(), m.group(0), "organization")
        for m in _AGENCY.finditer(text)
        if not _inside_title((m.start(), m.end(), "", ""), protected)
    ]
    cands += [c for c in _headed(text) if not _inside_title(c, protected)]
    cands += [c for c in _enumerations(text) if not _inside_title(c, protected)]
    return [Entity(doc, a, b, name, kind) for a, b, name, kind in _resolve(cands, protected)]


def _title_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TITLE.finditer(text)]


def _inside_title(c: tuple[int, int, str, str], titles: list[tuple[int, int]]) -> bool:
    return any(a <= c[0] and c[1] <= b for a, b in titles)
