"""The actors of an innovation system named in Chinese reports: policies, organisations, programmes,
facilities, events, places, awards, journals and platforms.

Match, then resolve.  Candidates come from six rules: a ``《…》`` title (a
policy when it reads like one, a journal after 期刊; never split); a name
ending in a type's head word (``…研究院``, ``…计划``, ``…论坛``) whose left edge is
the nearest punctuation or predicate word; an enumeration (``扬帆、启明星、浦江等
…人才计划``) whose items share the type of its head; an agency without a head
word (科技部); a place of the gazetteer (上海, 新加坡, 德国巴伐利亚州); and a
platform (``开源决策智能平台（OpenDILab）``, ``“一网通办”``).  A name made of generic
words only (``公立医院``, ``公共文化设施``), or whose head goes on into a common
phrase (``…特区精神``, ``…中心城市``), is not kept.  Overlaps resolve to the
longest, then the leftmost.

>>> text = "组建上海集成电路材料研究院、上海处理器技术创新中心等高水平研究机构；超强超短激光装置建成。"
>>> for e in extract_entities(text):
...     print(e.name, e.type)
上海集成电路材料研究院 organization
上海处理器技术创新中心 organization
超强超短激光装置 facility
>>> [(e.name, e.type) for e in extract_entities("与新加坡、德国巴伐利亚州合作，推进“一网通办”，加强公立医院建设。")]
[('新加坡', 'place'), ('德国巴伐利亚州', 'place'), ('一网通办', 'platform')]
"""

from __future__ import annotations

import re

from innoscope.geo.places import WORLD_ZH, place_names
from innoscope.text import entity_words as W
from innoscope.text.fact import Entity

__all__ = ["ENTITY_TYPES", "extract_entities"]

ENTITY_TYPES = ("policy", "organization", "programme", "facility", "event", "place", "award", "journal", "platform")

_HEAD_TYPE = {h: t for t, hs in W.HEADS.items() for h in hs}
_HEAD_TYPE |= {"专项行动": "programme", "行动计划": "programme"}
_HEAD = re.compile("|".join(sorted(map(re.escape, _HEAD_TYPE), key=len, reverse=True)))
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·（）()/\-－]")
_LEADING = re.compile(r"(?:与|和|及|并|或)+")
_STOP = re.compile("|".join(sorted(set(W.STOP.split("|")), key=len, reverse=True)))
_GENERIC_SUFFIX = ("基础设施",)
_SLOGANS = ("新时代", "新征程", "高质量发展")  # 新时代经济特区: a role, not a place
_COUNTED = re.compile(r"\d+(?:家|个|所|项|批|座|条)")
_WEAK_HEADS = {"中心", "奖", "专项", "工程", "大会", "湾区", "示范区"}
_QUOTED = re.compile(r"“([^“”\n]{2,30})”")
_QUOTE_BEFORE = re.compile(r"“[^“”\n]{1,10}”$")
_LEADING_PERIOD = re.compile(r"(?:\d{4}年度?|\d{4}—\d{4}年|首届|第[一二三四五六七八九十\d]+届)")
_AGENCY = re.compile("|".join(sorted(W.AGENCIES, key=len, reverse=True)))
_POLICY_WORDS = re.compile(
    r"意见|办法|方案|规划|条例|规定|计划|纲要|细则|政策|措施|通知|决定|法|指引|行动|战略|规则|指南|制度"
)
_TITLE = re.compile(r"《([^《》\n]{1,60})》")
_JOURNAL_CONTEXT = re.compile(r"(?:期刊|杂志|刊物|学术期刊)(?:《[^《》]{1,20}》)*$")
_ENUM = re.compile(r"((?:[\u4e00-\u9fffA-Za-z0-9/·]{1,10}、)+[\u4e00-\u9fffA-Za-z0-9/·]{1,10})等([^，。；;、]{0,16})")
_WINDOW = 24
_PLACES = place_names()
_PLACE_ALT = "|".join(sorted(map(re.escape, _PLACES), key=len, reverse=True))
_COUNTRY_ALT = "|".join(sorted(map(re.escape, WORLD_ZH), key=len, reverse=True))
_PLACE = re.compile(
    rf"(?:{_COUNTRY_ALT})(?:{_PLACE_ALT})|{_PLACE_ALT}"
)  # 德国巴伐利亚州: a country, then a place in it
_LATIN_NAME = re.compile(r"(?<=[（(])([A-Z][a-z]+(?:[A-Z][A-Za-z]*)+|[A-Z]{2,}[a-z][A-Za-z]*)(?=[）)])")
_PLATFORM_BEFORE = re.compile(r"(?:平台|系统|模型|大模型|软件|数据库|工具|开源社区|框架)$")
_CONTINUES = re.compile("|".join(sorted(W.CONTINUES, key=len, reverse=True)))
_CONTINUES_LIST = re.compile("|".join(W.CONTINUES_LIST))
_GENERIC_WORD = sorted(W.GENERIC_WORDS, key=len, reverse=True)
_ADMIN_WORD = sorted(W.ADMIN_WORDS, key=len, reverse=True)
_PLACE_END = re.compile("(?:" + "|".join(sorted(map(re.escape, _PLACES), key=len, reverse=True)) + r")\Z")
_CAMPAIGN_VERB = re.compile(rf"(?:{W.CAMPAIGN_VERBS})")
_CAMPAIGN_HEADS = ("专项行动", "行动计划")


def _left_edge(text: str, end: int, keep: int = 2) -> int:
    """Where a name whose head starts at ``end`` begins: after punctuation or the last predicate word
    that still leaves ``keep`` characters before the head (改造提升工程 keeps 改造提升); a verb that
    also occurs inside names (建设) counts only at the start of the stretch."""
    start = end
    floor = max(0, end - _WINDOW)
    while start > floor and _NAME_CHAR.match(text[start - 1]):
        start -= 1
    last = start
    for m in _STOP.finditer(text, start, end):
        if end - m.end() < keep:
            continue
        after_place = _PLACE_END.search(text, start, m.start()) is not None
        if m.group(0) in W.INTERNAL and m.start() > last and not after_place:
            continue  # 文化强国建设高峰论坛: 建设 inside the name; 惠州建设…中心: a place, then the predicate
        last = max(last, m.end())
    return last


def _campaign_edge(text: str, head_start: int) -> int | None:
    """Where a campaign's name (…专项行动) starts: after the last main verb of the stretch, if any."""
    start = head_start
    floor = max(0, head_start - _WINDOW)
    while start > floor and _NAME_CHAR.match(text[start - 1]):
        start -= 1
    last = None
    for m in _CAMPAIGN_VERB.finditer(text, start, head_start):
        if head_start - m.end() >= 2:
            last = m.end()
    return last


def _generic(name: str, head: str) -> bool:
    """Whether ``name`` is its head with generic words only before it (公立医院, 国家制造业创新中心;
    for a programme, award or event, administrative words only: 省重大人才工程)."""
    modifier = re.sub(r"[（(][^）)]*[）)]", "", name[: len(name) - len(head)])
    if not modifier:
        return False
    words = _ADMIN_WORD if _HEAD_TYPE.get(head) in ("programme", "award", "event") else _GENERIC_WORD
    pos = 0
    while pos < len(modifier):
        word = next((w for w in words if modifier.startswith(w, pos)), None)
        if word is None:
            return False
        pos += len(word)
    return True


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
        or name in W.GENERIC
        or name.startswith(W.GENERIC_PREFIX)
        or name.endswith(_GENERIC_SUFFIX)
        or name[0].isdigit()
        or name[0] in "一二三四五六七八九十"
        or re.match(r"[百千万][场家人个项所]", name) is not None
        or _COUNTED.search(name) is not None
    )


def _headed(text: str) -> list[tuple[int, int, str, str]]:
    out = []
    for m in _HEAD.finditer(text):
        end = m.end()
        if _CONTINUES.match(text, end):
            continue  # 特区精神, 中心城市, 专项债券: the phrase goes on; the head ends no name
        start = _left_edge(text, m.start())
        campaign = _campaign_edge(text, m.start()) if m.group(0) in _CAMPAIGN_HEADS else None
        if campaign is not None:
            start = campaign  # 开展规范涉企执法专项行动: 规范… is the campaign's own name
        lead = _LEADING.match(text, start)
        if lead:
            start = lead.end()
        period = _LEADING_PERIOD.match(text, start)
        if period and period.end() < m.start():
            start = period.end()  # 2020年度国家科学技术奖: the award, not its year
        while start < end and text[start] in "（(" and not any(c in text[start:end] for c in "）)"):
            start += 1
        quote = _QUOTE_BEFORE.search(text, max(0, start - 12), start)
        if quote and quote.end() == start:
            if _generic(text[start:end], m.group(0)):
                continue  # “走出去”平台公司: a kind of company with a slogan, not a name
            start = quote.start()  # “一带一路”国际合作高峰论坛, “五个一工程”优秀作品奖
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
        if (_STOP.match(name) and campaign is None) or weak or name[0] in "以对把将向为在从" or "的" in name:
            continue  # 推动示范区, 以人民为中心: a predicate, not a name
        slogan = _HEAD_TYPE[m.group(0)] == "place" and name.startswith(_SLOGANS)
        if _keep(name) and not _generic(name, m.group(0)) and not slogan:
            out.append((start, end, name, _HEAD_TYPE[m.group(0)]))
    return out


def _quoted(text: str) -> list[tuple[int, int, str, str]]:
    """A name in quotation marks that ends in a head word (“上海碳中和创新联盟”), or a platform (“一网通办”)."""
    out = []
    for m in _QUOTED.finditer(text):
        name = m.group(1)
        head = _HEAD.search(name)
        if head and head.end() == len(name) and _keep(name) and "的" not in name and not name.startswith(_SLOGANS):
            modifier = len(name) - len(head.group(0))
            if head.group(0) in _WEAK_HEADS and modifier < 4:
                continue  # “数字湾区”: a slogan
            out.append((m.start(1), m.end(1), name, _HEAD_TYPE[head.group(0)]))
        elif _is_platform(name, text[m.end() : m.end() + 6]):
            out.append((m.start(1), m.end(1), name, "platform"))
    return out


def _is_platform(name: str, after: str) -> bool:
    """一网通办, “湾事通”平台, “浙江e港通”上线: a quoted name of a digital service (not a slogan)."""
    if not (2 <= len(name) <= 10) or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", name):
        return False
    return name.startswith("一网") or after.startswith(W.PLATFORM_AFTER)


def _latin_platforms(text: str) -> list[tuple[int, int, str, str]]:
    """开源决策智能平台（OpenDILab）: a mixed-case Latin name given for a platform or system."""
    out = []
    for m in _LATIN_NAME.finditer(text):
        if _PLATFORM_BEFORE.search(text, max(0, m.start() - 8), m.start() - 1):
            out.append((m.start(), m.end(), m.group(0), "platform"))
    return out


def _places(text: str) -> list[tuple[int, int, str, str]]:
    """Places of the gazetteer; a country and a place in it as one (德国巴伐利亚州)."""
    return [(m.start(), m.end(), m.group(0), "place") for m in _PLACE.finditer(text)]


def _enumerations(text: str) -> list[tuple[int, int, str, str]]:
    out = []
    for m in _ENUM.finditer(text):
        head = _HEAD.search(m.group(2))
        if not head or _CONTINUES_LIST.match(m.group(2), head.end()):
            continue
        if m.group(2)[: head.end()].endswith(_GENERIC_SUFFIX):
            continue  # 能源、水利等基础设施: the items are sectors, not names
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
    rest = [
        *_quoted(text),
        *((m.start(), m.end(), m.group(0), "organization") for m in _AGENCY.finditer(text)),
        *_headed(text),
        *_enumerations(text),
        *_latin_platforms(text),
        *_places(text),
    ]
    cands += [c for c in rest if not _inside_title(c, protected)]
    return [Entity(doc, a, b, name, kind) for a, b, name, kind in _resolve(cands, protected)]


def _title_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TITLE.finditer(text)]


def _inside_title(c: tuple[int, int, str, str], titles: list[tuple[int, int]]) -> bool:
    return any(a <= c[0] and c[1] <= b for a, b in titles)
