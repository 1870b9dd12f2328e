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

from innoscope.text import zh_patterns as P
from innoscope.text.fact import Fact, make_fact
from innoscope.text.numbers import parse_number, to_halfwidth
from innoscope.text.places import find_region
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


def _bound_before(h: str, pos: int, floor: int) -> tuple[int, str]:
    m = P.BOUND_TAIL.search(h, max(floor, pos - 4), pos)
    if m and m.end() == pos:
        return m.start(), P.BOUND_BEFORE[m.group(0)]
    return pos, "exact"


def _quantities(h: str, quoted: QuotedRegions, taken: list[tuple[int, int]]) -> list[_Draft]:
    out = []
    for m in P.QUANTITY.finditer(h):
        a, b = m.start("num"), m.end()
        num = m.group("num")
        prev = h[a - 1] if a > 0 else ""
        if (prev.isascii() and (prev.isalnum() or prev in "./-_")) or prev == "第":
            continue
        if any(h.endswith(v, 0, a) for v in P.VAGUE_BEFORE) and not num[0].isdigit():
            continue
        if not num[0].isdigit() and (num in ("一", "十", "百", "千") or set(num) <= set("万亿")):
            continue  # 一批 (a batch), 千家万户: not counts
        if quoted.overlapping(a, b) or _inside(taken, a, b):
            continue
        value = parse_number(num)
        if value is None:
            continue
        mult = m.group("mult")
        if mult:
            value *= {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}[mult]
        start, bound = _bound_before(h, a, 0)
        if m.group("approx"):
            bound = "over"
        if m.group("post"):
            bound = P.BOUND_AFTER[m.group("post")]
        out.append(_Draft(start, a, b, value, P.UNITS[m.group("unit")], bound))
    return out


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    k = bisect_left(spans, (a + 1, -1)) - 1
    return k >= 0 and spans[k][0] <= a and spans[k][1] >= b


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
        unit = {"pct": "%", "times": "times", "pp": "pp"}[key]
        attrs.append(_Attr(m.start(), m.end(), "change", data, v, unit, data.get("bound", "exact"), m.start("num")))
    for m in P.SHARE.finditer(h):
        if quoted.overlapping(m.start(), m.end()):
            continue
        if m.group("num") is not None or m.group("num2") is not None:
            num = m.group("num") or m.group("num2")
            pct = parse_number(num)
            nstart = m.start("num") if m.group("num") else m.start("num2")
        else:
            frac = parse_number(m.group("frac"))
            pct = None if frac is None else round(frac * 100, 6)
            nstart = m.start("frac")
        if pct is None:
            continue
        of = (m.group("of") or m.group("of2") or "").strip()
        of = P._SHARE_OF_TAIL.sub("", of).strip() or None
        q = m.group("q") or m.group("q2")
        bound = P.BOUND_BEFORE.get(q, "approx") if q else "exact"
        data = {"pct": pct, "of": of} if bound == "exact" else {"pct": pct, "of": of, "bound": bound}
        attrs.append(_Attr(m.start(), m.end(), "share", data, pct, "%", bound, nstart))
    for m in P.RANK.finditer(h):
        if not (m.group("verb") or m.group("scope")) or quoted.overlapping(m.start(), m.end()):
            continue
        pos = parse_number(m.group("num"))
        if pos is None or pos <= 0:
            continue
        data = {"position": int(pos), "scope": m.group("scope")}
        attrs.append(_Attr(m.start(), m.end(), "rank", data, pos, "rank", "exact", m.start("num")))
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


def _subject(
    text: str, h: str, a: int, b: int, clause: tuple[int, int], floor: int, periods, nxt: int
) -> tuple[str, int]:
    """The phrase naming what is counted, and where it ends.

    It is the clause before the quantity (after any period phrase), joined with
    the noun phrase after the quantity (``3家国家实验室``).  When another
    quantity follows in the same clause, the phrase after stops at the first
    predicate word, which is where the next subject starts.
    """
    cs, ce = clause
    pre_start = max(cs, floor)
    pre = text[pre_start:a]
    for ps, pe in periods:
        if pre_start <= ps and pe <= a and h[pre_start:ps].strip(" ，,、") == "":
            pre = text[pe:a]
    pre = P.SUBJECT_LEAD.sub("", pre.strip(" ，,、：:（(")).strip()
    pre = P.SUBJECT_TAIL.sub("", pre).strip()
    end = min(ce, nxt)
    post = text[b:end]
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
    return (pre + post).strip(), used


def extract_zh(text: str, doc: str = "", region_hint: str | None = None) -> list[Fact]:
    """All facts of a Chinese ``text``, in document order."""
    h = to_halfwidth(text)
    quoted = QuotedRegions(h)
    attrs = _attributes(h, quoted)
    taken = sorted((x.num_start, x.end) for x in attrs)
    quantities = _quantities(h, quoted, taken)
    periods = _periods(h, quoted)
    facts: list[Fact] = []
    for sent in sentences(text):
        facts.extend(_resolve_sentence(text, h, doc, sent, quantities, attrs, periods, region_hint))
    return facts


def _in_sentence(items, sent: Sentence):
    return [x for x in items if sent.start <= x.start and x.end <= sent.end]


def _clause_of(sent: Sentence, pos: int) -> tuple[int, int]:
    for c in sent.clauses:
        if c[0] <= pos < c[1]:
            return c
    return (sent.start, sent.end)


def _resolve_sentence(text, h, doc, sent, quantities, attrs, periods, region_hint) -> list[Fact]:
    qs = _in_sentence(quantities, sent)
    ats = _in_sentence(attrs, sent)
    if not qs and not ats:
        return []
    pers = [(a, b) for a, b in periods if sent.start <= a and b <= sent.end]
    items: list = sorted([*qs, *ats], key=lambda x: x.start)
    drafts: list[_Draft] = []
    for it in items:
        if isinstance(it, _Draft):
            drafts.append(it)
            continue
        host = _host(drafts, it, sent)
        if host is not None:
            setattr(host, it.kind, it.data)
            host.end_attr = it.end  # type: ignore[attr-defined]
            continue
        d = _Draft(it.start, it.num_start, it.end, it.value, it.unit, it.bound, kind=it.kind)
        setattr(d, it.kind, it.data)
        if it.kind == "share" and it.data.get("pct") is not None:
            d.value, d.unit = it.data["pct"], "%"
        drafts.append(d)
    out = []
    starts = [d.start for d in drafts]
    used = sent.start
    for i, d in enumerate(drafts):
        clause = _clause_of(sent, d.num_start)
        floor = max(used, getattr(drafts[i - 1], "end_attr", 0) if i > 0 else 0)
        nxt = starts[i + 1] if i + 1 < len(starts) else sent.end
        subject, used = _subject(text, h, d.start, d.end, clause, floor, pers, nxt)
        period = None
        for a, b in pers:
            if b <= d.num_start and not (d.start <= a < d.end):
                period = text[a:b]
        region = find_region(text[max(clause[0], floor) : clause[1]]) or region_hint
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


def _host(drafts: list[_Draft], attr: _Attr, sent: Sentence) -> _Draft | None:
    """The fact an attribute belongs to: the last fact before it in the sentence, if free.

    A fact separated from the attribute by a clause that holds another
    attribute of the same kind, or that already has one, does not take it.
    """
    if not drafts:
        return None
    host = drafts[-1]
    if host.kind != "quantity" or getattr(host, attr.kind) is not None:
        return None
    if attr.kind == "rank" and host.unit in ("%", "pp"):
        return None
    return host


def _clean(v: float) -> float:
    r = round(v, 10)
    return float(int(r)) if r.is_integer() else r
