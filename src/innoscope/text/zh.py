"""Quantitative statements in Chinese text.

Match, then resolve: one pass finds the candidate spans (quantities,
changes, shares, ranks, periods) with the patterns of
:mod:`innoscope.text.zh_patterns`; a second pass, sentence by sentence, makes
facts of the quantities and attaches each change, share or rank to the fact
it follows in the sentence (or makes it a fact of its own when none does).
Periods carry across the clauses of a sentence.

>>> doc = "1—11月，全市获发明专利授权30519件，同比增长40.1%；PCT专利申请受理量4141件，同比增长35.2%。"
>>> [(f.text, f.to_record()["value"], f.period, f.change["pct"]) for f in extract_zh(doc, "d")]
[('30519件', 30519, '1—11月', 40.1), ('4141件', 4141, '1—11月', 35.2)]
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from innoscope.geo.places import find_region
from innoscope.text import zh_patterns as P
from innoscope.text.fact import Fact, make_fact
from innoscope.text.numbers import parse_number, to_halfwidth
from innoscope.text.segment import QuotedRegions, Sentence, sentences

__all__ = ["extract_zh"]


@dataclass
class _Draft:
    start: int  # span start (with a bound word before the number)
    num_start: int
    end: int
    value: float
    unit: str
    bound: str
    change: dict[str, Any] | None = None
    share: dict[str, Any] | None = None
    rank: dict[str, Any] | None = None
    kind: str = "quantity"  # quantity | change | share | rank
    follows: bool = False
    end_attr: int = 0  # end of the last attribute attached to this fact


@dataclass
class _Attr:
    start: int
    end: int
    kind: str  # change | share | rank
    data: dict[str, Any] = field(default_factory=dict)
    value: float = 0.0
    unit: str = ""
    bound: str = "exact"
    num_start: int = 0
    follows: bool = False  # a further item of an enumeration (分别增长23.9%、35.8%)


def _bound_before(h: str, pos: int, floor: int) -> tuple[int, str]:
    m = P.BOUND_TAIL.search(h, max(floor, pos - 4), pos)
    if m and m.end() == pos:
        return m.start(), P.BOUND_BEFORE[m.group(0)]
    return pos, "exact"


def _quantities(h: str, quoted: QuotedRegions, taken: list[tuple[int, int]]) -> list[_Draft]:
    out = []
    for m in P.QUANTITY.finditer(h):
        bare = m.group("num") is None  # a count without a unit word
        suffix = "2" if bare else ""
        groups = {k: m.group(k + suffix) for k in ("num", "approx", "mult", "post")}
        g = groups.__getitem__
        num, a, b = g("num"), m.start("num" + suffix), m.end()
        prev = h[a - 1] if a > 0 else ""
        if prev and ((prev.isascii() and (prev.isalnum() or prev in "./-_")) or prev == "第"):
            continue
        if any(h.endswith(v, 0, a) for v in P.VAGUE_BEFORE) and not num[0].isdigit():
            continue
        if not num[0].isdigit() and (num in ("一", "十", "百", "千") or set(num) <= set("万亿")):
            continue  # 一批 (a batch), 千家万户: not counts
        if not num[0].isdigit() and not g("mult") and not _ends_clause(h, b) and (parse_number(num) or 0) < 10:
            continue  # 两个大局, 八项规定: small Chinese numerals inside set phrases
        if quoted.overlapping(a, b) or _overlaps(taken, a, b):
            continue
        value = parse_number(num)
        if value is None:
            continue
        if g("mult"):
            value *= {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}[g("mult")]
        start, bound = _bound_before(h, a, 0)
        if g("approx"):
            bound = "over"
        if g("post"):
            bound = P.BOUND_AFTER[g("post")]
        unit = "count" if bare else P.UNITS[m.group("unit")]
        out.append(_Draft(start, a, b, value, unit, bound))
    return out


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether ``[a, b)`` overlaps any of the sorted, disjoint ``spans``."""
    k = bisect_left(spans, (b, -1)) - 1
    return k >= 0 and spans[k][1] > a


def _ends_clause(h: str, pos: int) -> bool:
    return pos >= len(h) or h[pos] in "，,。；;：:！？!?、）)\n 　" or h.startswith(("以上", "左右"), pos)


def _pct(num: str, unit: str) -> tuple[str, float] | None:
    v = parse_number(num)
    if v is None:
        return None
    if unit == "%":
        return "pct", v
    if unit == "倍":
        return "times", v
    return "pp", v


def _attributes(h: str, quoted: QuotedRegions) -> list[_Attr]:
    attrs: list[_Attr] = []
    for m in P.CHANGE.finditer(h):
        if quoted.overlapping(m.start(), m.end()):
            continue
        got = _pct(m.group("num"), m.group("unit"))
        if got is None:
            continue
        key, v = got
        v = -v if m.group("dir") in P.DOWN else v
        kind = "yoy" if m.group("yoy") and m.group("yoy") != "环比" else ("mom" if m.group("yoy") else "change")
        data: dict[str, Any] = {"kind": kind, key: v}
        if m.group("q"):
            data["bound"] = P.BOUND_BEFORE.get(m.group("q"), "approx")
        if m.group("post"):
            data["bound"] = P.BOUND_AFTER[m.group("post")]
        unit = {"pct": "%", "times": "times", "pp": "pp"}[key]
        end = m.start("more") if m.group("more") else m.end()
        attrs.append(_Attr(m.start(), end, "change", data, v, unit, data.get("bound", "exact"), m.start("num")))
        if m.group("more"):  # 分别增长23.9%、35.8%: one change for each item listed before
            for k in P.MORE.finditer(h, m.start("more"), m.end("more")):
                key2, v2 = _pct(k.group("num"), k.group("unit")) or (key, 0.0)
                v2 = -v2 if m.group("dir") in P.DOWN else v2
                data2 = {"kind": kind, key2: v2}
                attrs.append(_Attr(k.start(), k.end(), "change", data2, v2, unit, "exact", k.start("num"), True))
    for m in P.DELTA.finditer(h):
        if quoted.overlapping(m.start(), m.end()):
            continue
        v = parse_number(m.group("num"))
        if v is None:
            continue
        if m.group("mult"):
            v *= {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}[m.group("mult")]
        v = _clean(-v if m.group("dir") in P.DOWN else v)
        unit = P.UNITS[m.group("unit")]
        data = {"kind": "yoy", "delta": v, "unit": unit}
        if m.group("q"):
            data["bound"] = P.BOUND_BEFORE.get(m.group("q"), "approx")
        attrs.append(_Attr(m.start(), m.end(), "change", data, v, unit, data.get("bound", "exact"), m.start("num")))
    for m in P.SHARE.finditer(h):
        if quoted.overlapping(m.start(), m.end()):
            continue
        if m.group("num") is not None or m.group("num2") is not None:
            num = m.group("num") or m.group("num2")
            pct = parse_number(num)
            nstart = m.start("num") if m.group("num") else m.start("num2")
        elif m.group("tenths") is not None:
            tenths = parse_number(m.group("tenths"))
            pct = None if tenths is None else tenths * 10
            nstart = m.start("tenths")
        else:
            group = "frac" if m.group("frac") else "frac1"
            frac = parse_number(m.group(group))
            pct = None if frac is None else round(frac * 100, 6)
            nstart = m.start(group)
        if pct is None:
            continue
        of = (m.group("of") or m.group("of2") or "").strip()
        of = P._SHARE_OF_TAIL.sub("", of).strip() or None
        q = m.group("q") or m.group("q2")
        bound = P.BOUND_BEFORE.get(q, "approx") if q else "exact"
        post = m.group("post") or m.group("post2")
        if post:
            bound = P.BOUND_AFTER[post]
        pct = _clean(pct)
        data = {"pct": pct, "of": of} if bound == "exact" else {"pct": pct, "of": of, "bound": bound}
        attrs.append(_Attr(m.start(), m.end(), "share", data, pct, "%", bound, nstart))
    for m in P.RANK.finditer(h):
        if not (m.group("verb") or m.group("scope")) or quoted.overlapping(m.start(), m.end()):
            continue
        pos = 1.0 if m.group("first") else parse_number(m.group("num"))
        if pos is None or pos <= 0:
            continue
        nstart = m.start("first") if m.group("first") else m.start("num")
        data = {"position": int(pos), "scope": m.group("scope")}
        attrs.append(_Attr(m.start(), m.end(), "rank", data, pos, "rank", "exact", nstart))
    attrs.sort(key=lambda a: a.start)
    return _non_overlapping(attrs)


def _non_overlapping(attrs: list[_Attr]) -> list[_Attr]:
    """Resolve overlaps: the earliest wins, then the longest."""
    out: list[_Attr] = []
    for a in sorted(attrs, key=lambda a: (a.start, -(a.end - a.start))):
        if out and a.start < out[-1].end:
            continue
        out.append(a)
    return out


def _periods(h: str, quoted: QuotedRegions) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in P.PERIOD.finditer(h) if not quoted.overlapping(m.start(), m.end())]


@dataclass(frozen=True)
class _Phrase:
    pre: str  # the cleaned phrase before the quantity
    post: str  # the noun phrase after it
    used: int  # where the phrase after the quantity ends
    raw_pre: str  # the clause text before the quantity, as written


def _subject(text: str, h: str, a: int, b: int, clause: tuple[int, int], floor: int, periods, nxt: int) -> _Phrase:
    """The phrases before and after a quantity that name what is counted.

    Before: the clause up to the quantity, after any period phrase.  After: the
    noun phrase that follows (``3家国家实验室``); when another quantity follows
    in the same clause, it stops at the first predicate word, where the next
    subject starts.
    """
    cs, ce = clause
    pre_start = max(cs, floor)
    raw_pre = text[pre_start:a]
    pre = raw_pre
    for ps, pe in periods:
        if pre_start <= ps and pe <= a and h[pre_start:ps].strip(" ，,、") == "":
            pre = text[pe:a]
    pre = P.SUBJECT_LEAD.sub("", pre.strip(" ，,、：:（(")).strip()
    pre = P.SUBJECT_TAIL.sub("", pre).strip()
    end = min(ce, nxt)
    post = "" if b < len(h) and h[b] in "、，,。；;：:" else text[b:end]
    cut = P.SUBJECT_CUT.search(post)
    if cut:
        post = post[: cut.start()]
    if nxt < ce:
        stop = P.SUBJECT_STOP.search(post)
        if stop:
            post = post[: stop.start()]
    used = b + len(post)
    post = post.strip(" ，,、")
    if not pre:
        post = P.SUBJECT_VERB_LEAD.sub("", post)
    return _Phrase(pre, post, used, raw_pre)


def extract_zh(text: str, doc: str = "", region_hint: str | None = None) -> list[Fact]:
    """All facts of a Chinese ``text``, in document order."""
    h = to_halfwidth(text)
    quoted = QuotedRegions(h)
    attrs = _attributes(h, quoted)
    taken = sorted((x.num_start, x.end) for x in attrs)
    quantities = _quantities(h, quoted, taken)
    periods = _periods(h, quoted)
    facts: list[Fact] = []
    q_index = _SpanIndex(quantities)
    a_index = _SpanIndex(attrs)
    p_index = _SpanIndex([_Attr(a, b, "period") for a, b in periods])
    for sent in sentences(text):
        qs, ats = q_index.within(sent), a_index.within(sent)
        if not qs and not ats:
            continue
        pers = [(x.start, x.end) for x in p_index.within(sent)]
        facts.extend(_resolve_sentence(text, h, doc, sent, qs, ats, pers, region_hint))
    return facts


class _SpanIndex:
    """Items sorted by start, for the ones inside a sentence in O(log n)."""

    def __init__(self, items: list) -> None:
        self.items = sorted(items, key=lambda x: x.start)
        self.starts = [x.start for x in self.items]

    def within(self, sent: Sentence) -> list:
        lo = bisect_left(self.starts, sent.start)
        hi = bisect_left(self.starts, sent.end)
        return [x for x in self.items[lo:hi] if x.end <= sent.end]


def _clause_index(sent: Sentence, pos: int) -> int:
    for i, c in enumerate(sent.clauses):
        if pos < c[1]:
            return i
    return len(sent.clauses)


def _clause_of(sent: Sentence, pos: int) -> tuple[int, int]:
    for c in sent.clauses:
        if c[0] <= pos < c[1]:
            return c
    return (sent.start, sent.end)


def _resolve_sentence(text, h, doc, sent, qs, ats, pers, region_hint) -> list[Fact]:
    items: list = sorted([*qs, *ats], key=lambda x: x.start)
    drafts: list[_Draft] = []
    for it in items:
        if isinstance(it, _Draft):
            drafts.append(it)
            continue
        host = _host(text, drafts, it, sent)
        if host is not None:
            setattr(host, it.kind, it.data)
            host.end_attr = it.end
            continue
        d = _Draft(it.start, it.num_start, it.end, it.value, it.unit, it.bound, kind=it.kind, follows=it.follows)
        setattr(d, it.kind, it.data)
        if it.kind == "share" and it.data.get("pct") is not None:
            d.value, d.unit = it.data["pct"], "%"
        drafts.append(d)
    out = []
    starts = sorted({x.start for x in items})
    used = sent.start
    prev_post = ""
    for i, d in enumerate(drafts):
        clause = _clause_of(sent, d.num_start)
        floor = max(used, drafts[i - 1].end_attr if i > 0 else 0)
        k = bisect_left(starts, d.end)
        nxt = starts[k] if k < len(starts) else sent.end
        ph = _subject(text, h, d.start, d.end, clause, floor, pers, nxt)
        used = ph.used
        pre = ph.pre
        if not pre and P.SUBSET.fullmatch(ph.raw_pre.strip()) and prev_post:
            pre = prev_post  # 42个创新药中有8个…: the 8 are of the same kind
        subject = (pre + ph.post).strip()
        near = bool(out) and _clause_index(sent, out[-1].start) >= _clause_index(sent, d.start) - 1
        if (d.follows or not subject) and near:
            subject = out[-1].subject  # the next item of a list, or a share of the same thing
        elif near and P.TOTAL_WORDS.fullmatch(subject):
            subject = P.SUBJECT_NEW.sub("", out[-1].subject) + subject  # 新增实验室18家、累计38家
        if d.kind == "rank" and len(subject) <= 4:
            subject = _ranking_context(text, sent, clause) + subject
        period = None
        for a, b in pers:
            if b <= d.num_start and not (d.start <= a < d.end):
                period = text[a:b]
        region = find_region(ph.raw_pre) or find_region(ph.post) or find_region(subject)
        if region is None and out:
            region = out[-1].region  # the place named earlier in the sentence carries over
        region = region or region_hint
        prev_post = ph.post
        out.append(
            make_fact(
                text,
                doc,
                d.start,
                d.end,
                sentence=(sent.start, sent.end),
                subject=subject,
                value=_clean(d.value),
                unit=d.unit,
                bound=d.bound,
                period=period,
                change=d.change,
                share=d.share,
                rank=d.rank,
                region=region,
                lang="zh",
            )
        )
    return out


def _ranking_context(text: str, sent: Sentence, clause: tuple[int, int]) -> str:
    """The clause before a bare ranking (``…科技集群排名中，上海位列全球第8位``) when it names the ranking."""
    before = [c for c in sent.clauses if c[1] <= clause[0]]
    if before:
        prev = text[before[-1][0] : before[-1][1]]
        m = P.RANKING_NAME.search(prev)
        if m:
            return P.SUBJECT_LEAD.sub("", prev[: m.end()]).strip() + "："
    return ""


def _host(text: str, drafts: list[_Draft], attr: _Attr, sent: Sentence) -> _Draft | None:
    """The fact an attribute belongs to: the last fact before it, if free and near.

    Near means in the same clause or in the next one (``30519件，同比增长40.1%``);
    a fact that already has an attribute of that kind does not take another.
    """
    if not drafts:
        return None
    host = drafts[-1]
    if host.kind != "quantity" or getattr(host, attr.kind) is not None:
        return None
    if _clause_index(sent, attr.start) - _clause_index(sent, host.num_start) > 1:
        return None
    if "其中" in text[host.end : attr.start]:
        return None  # 其中…占比51%: a part of the host, not the host itself
    clause = _clause_of(sent, attr.start)
    if clause[0] > host.end:
        own = P.ANAPHORA.sub("", text[clause[0] : attr.start]).strip(' “”"')
        if len(own) >= 2:
            return None  # “四新”产业占比55%: the clause names its own subject
    if attr.kind == "rank" and host.unit in ("%", "pp"):
        return None
    return host


def _clean(v: float) -> float:
    """The value to 15 significant digits (4.06 x 10^12, not 4059999999999.9995)."""
    return float(f"{v:.15g}")
