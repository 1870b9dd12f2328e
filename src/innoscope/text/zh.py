"""Quantitative statements in Chinese text.

Match, then resolve: one pass finds the candidate spans (quantities,
changes, shares, ranks, periods) with the patterns of
:mod:`innoscope.text.zh_patterns`; a second pass, sentence by sentence, makes
facts of the quantities and attaches each change, share or rank to the fact
it follows in the sentence (or makes it a fact of its own when none does).
Periods carry across the clauses of a sentence; a list that ``分别`` spreads
over several values gives each value its own item (``家电、新能源汽车零售额分别
增长23.9%、35.8%``); the document's context supplies the region and the year a
sentence does not name, and the section a number stands in its status.

>>> doc = "1—11月，全市获发明专利授权30519件，同比增长40.1%；PCT专利申请受理量4141件，同比增长35.2%。"
>>> [(f.text, f.to_record()["value"], f.period, f.change.pct) for f in extract_zh(doc, "d")]
[('30519件', 30519, '1—11月', 40.1), ('4141件', 4141, '1—11月', 35.2)]
>>> [(f.subject, f.change.pct) for f in extract_zh("家电、新能源汽车零售额分别增长23.9%、35.8%。")]
[('家电零售额', 23.9), ('新能源汽车零售额', 35.8)]
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

from innoscope.geo.places import find_region
from innoscope.text import zh_patterns as P
from innoscope.text.context import DocumentContext, fill_from_context
from innoscope.text.fact import Change, Fact, Rank, Share, make_fact
from innoscope.text.numbers import parse_number, to_halfwidth
from innoscope.text.segment import QuotedRegions, Sentence, SentenceBounds, sentence_at
from innoscope.text.status import marker

__all__ = ["extract_zh"]

_MULT = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}


@dataclass
class _Draft:
    start: int  # span start (with a bound word before the number)
    num_start: int
    end: int
    value: float
    unit: str
    bound: str
    change: Change | None = None
    share: Share | None = None
    rank: Rank | None = None
    kind: str = "quantity"  # quantity | change | share | rank
    follows: bool = False
    end_attr: int = 0  # end of the last attribute attached to this fact
    subject_from: int | None = None  # the subject starts here (a change whose count was a modifier)

    def copy(self) -> _Draft:
        new = _Draft.__new__(_Draft)
        new.__dict__.update(self.__dict__)
        return new


@dataclass
class _Attr:
    start: int
    end: int
    kind: str  # change | share | rank | period
    data: Change | Share | Rank | None = None
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


_UNIT_GROUPS = ("num", "approx", "mult", "post")
_BARE_GROUPS = ("num2", "approx2", "mult2", "post2")


def _quantities(h: str, quoted: QuotedRegions, taken: list[tuple[int, int]]) -> list[_Draft]:
    out = []
    for m in P.QUANTITY.finditer(h):
        bare = m.group("num") is None  # a count without a unit word
        num, approx, mult, post = m.group(*(_BARE_GROUPS if bare else _UNIT_GROUPS))
        a, b = m.start("num2" if bare else "num"), m.end()
        prev = h[a - 1] if a > 0 else ""
        if prev and ((prev.isascii() and (prev.isalnum() or prev in "./-_")) or prev == "第"):
            continue
        if not num[0].isdigit():
            if any(h.endswith(v, 0, a) for v in P.VAGUE_BEFORE):
                continue
            if num in ("一", "十", "百", "千") or set(num) <= set("万亿"):
                continue  # 一批 (a batch), 千家万户: not counts
            if not mult and not _ends_clause(h, b) and (parse_number(num) or 0) < 10:
                continue  # 两个大局, 八项规定: small Chinese numerals inside set phrases
        if quoted.overlapping(a, b) or _overlaps(taken, a, b):
            continue
        value = parse_number(num)
        if value is None:
            continue
        if mult:
            value *= _MULT[mult]
        start, bound = _bound_before(h, a, 0)
        if approx:
            bound = "over"
        if post:
            bound = P.BOUND_AFTER[post]
        unit = "count" if bare else P.UNITS[m.group("unit")] + (m.group("per") or "")
        out.append(_Draft(start, a, b, value, unit, bound))
    return out


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether ``[a, b)`` overlaps any of the sorted, disjoint ``spans``."""
    k = bisect_left(spans, (b, -1)) - 1
    return k >= 0 and spans[k][1] > a


def _ends_clause(h: str, pos: int) -> bool:
    return pos >= len(h) or h[pos] in "，,。；;：:！？!?、）)\n 　" or h.startswith(("以上", "左右"), pos)


def _measure(num: str, unit: str) -> tuple[str, float] | None:
    v = parse_number(num)
    if v is None:
        return None
    if unit == "%":
        return "pct", v
    if unit == "倍":
        return "times", v
    return "pp", v


_UNIT_OF = {"pct": "%", "times": "times", "pp": "pp"}


def _changes(h: str, quoted: QuotedRegions) -> list[_Attr]:
    out = []
    for m in P.CHANGE.finditer(h):
        if quoted.overlapping(m.start(), m.end()):
            continue
        got = _measure(m.group("num"), m.group("unit"))
        if got is None:
            continue
        key, v = got
        down = m.group("dir") in P.DOWN
        v = -v if down else v
        yoy = m.group("yoy")
        kind = "yoy" if yoy and yoy != "环比" else ("mom" if yoy else "change")
        bound = "exact"
        if m.group("q"):
            bound = P.BOUND_BEFORE.get(m.group("q"), "approx")
        if m.group("post"):
            bound = P.BOUND_AFTER[m.group("post")]
        end = m.start("more") if m.group("more") else m.end()
        data = Change(kind, bound=bound, **{key: v})
        out.append(_Attr(m.start(), end, "change", data, v, _UNIT_OF[key], bound, m.start("num")))
        if m.group("more"):  # 分别增长23.9%、35.8%: one change for each item listed before
            for k in P.MORE.finditer(h, m.start("more"), m.end("more")):
                key2, v2 = _measure(k.group("num"), k.group("unit")) or (key, 0.0)
                v2 = -v2 if down else v2
                out.append(
                    _Attr(
                        k.start(),
                        k.end(),
                        "change",
                        Change(kind, **{key2: v2}),
                        v2,
                        _UNIT_OF[key2],
                        "exact",
                        k.start("num"),
                        True,
                    )
                )
    for m in P.DELTA.finditer(h):
        if quoted.overlapping(m.start(), m.end()):
            continue
        v = parse_number(m.group("num"))
        if v is None:
            continue
        if m.group("mult"):
            v *= _MULT[m.group("mult")]
        v = _clean(-v if m.group("dir") in P.DOWN else v)
        unit = P.UNITS[m.group("unit")]
        bound = P.BOUND_BEFORE.get(m.group("q"), "approx") if m.group("q") else "exact"
        data = Change("yoy", delta=v, unit=unit, bound=bound)
        out.append(_Attr(m.start(), m.end(), "change", data, v, unit, bound, m.start("num")))
    return out


def _shares(h: str, quoted: QuotedRegions) -> list[_Attr]:
    out = []
    for m in P.SHARE.finditer(h):
        if quoted.overlapping(m.start(), m.end()):
            continue
        if m.group("num") is not None or m.group("num2") is not None:
            pct = parse_number(m.group("num") or m.group("num2"))
            nstart = m.start("num") if m.group("num") else m.start("num2")
        elif m.group("tenths") is not None:
            tenths = parse_number(m.group("tenths"))
            pct = None if tenths is None else tenths * 10
            nstart = m.start("tenths")
        else:
            group = next(g for g in ("frac", "frac1", "frac3") if m.group(g))
            words = m.group(group)
            frac = 0.5 if words in ("一半", "半数") else parse_number(words)
            pct = None if frac is None else round(frac * 100, 6)
            nstart = m.start(group)
        if pct is None:
            continue
        of = (m.group("of") or m.group("of2") or m.group("of3") or "").strip()
        of = P._SHARE_OF_TAIL.sub("", of).strip() or None
        q = m.group("q") or m.group("q2") or m.group("q3")
        bound = P.BOUND_BEFORE.get(q, "approx") if q else "exact"
        post = m.group("post") or m.group("post2")
        if post:
            bound = P.BOUND_AFTER[post]
        pct = _clean(pct)
        out.append(_Attr(m.start(), m.end(), "share", Share(pct, of, bound), pct, "%", bound, nstart))
    return out


def _ranks(h: str, quoted: QuotedRegions) -> list[_Attr]:
    out = []
    for m in P.RANK.finditer(h):
        if not (m.group("verb") or m.group("scope")) or quoted.overlapping(m.start(), m.end()):
            continue
        pos = 1.0 if m.group("first") else parse_number(m.group("num"))
        if pos is None or pos <= 0:
            continue
        nstart = m.start("first") if m.group("first") else m.start("num")
        streak = P.STREAK.search(h, max(0, m.start() - 10), m.start())
        years = parse_number(streak.group("n")) if streak else None
        data = Rank(int(pos), m.group("scope"), streak=None if years is None else int(years))
        out.append(_Attr(m.start(), m.end(), "rank", data, pos, "rank", "exact", nstart))
    return out


def _attributes(h: str, quoted: QuotedRegions) -> list[_Attr]:
    attrs = _changes(h, quoted) + _shares(h, quoted) + _ranks(h, quoted)
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
    pre = P.SUBJECT_LEAD.sub("", pre).strip()
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


def extract_zh(text: str, doc: str = "", context: DocumentContext | None = None) -> list[Fact]:
    """All facts of a Chinese ``text``, in document order; ``context`` supplies what sentences leave unsaid."""
    ctx = context or DocumentContext()
    h = to_halfwidth(text)
    quoted = QuotedRegions(h)
    attrs = _attributes(h, quoted)
    taken = sorted((x.num_start, x.end) for x in attrs)
    quantities = _quantities(h, quoted, taken)
    periods = _periods(h, quoted)
    bounds = SentenceBounds(text)
    groups: dict[tuple[int, int], tuple[list, list, list]] = {}
    for slot, items in enumerate((quantities, attrs, [_Attr(a, b, "period") for a, b in periods])):
        for x in sorted(items, key=lambda x: x.start):
            span = bounds.around(x.start)
            if span is not None and x.end <= span[1]:
                groups.setdefault(span, ([], [], []))[slot].append(x)
    facts: list[Fact] = []
    for span in sorted(groups):
        qs, ats, pers = groups[span]
        if not qs and not ats:
            continue
        sent = sentence_at(text, *span)
        facts.extend(_resolve_sentence(text, h, doc, sent, qs, ats, [(x.start, x.end) for x in pers], ctx))
    return facts


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


def _drafts(text: str, sent: Sentence, qs: list[_Draft], ats: list[_Attr]) -> tuple[list[_Draft], list[int]]:
    items: list = sorted([*qs, *ats], key=lambda x: x.start)
    drafts: list[_Draft] = []
    for it in items:
        if isinstance(it, _Draft):
            drafts.append(it.copy())
            continue
        host = _host(text, drafts, it, sent)
        if host is not None:
            setattr(host, it.kind, it.data)
            host.end_attr = it.end
            continue
        d = _Draft(it.start, it.num_start, it.end, it.value, it.unit, it.bound, kind=it.kind, follows=it.follows)
        setattr(d, it.kind, it.data)
        if it.kind == "share":
            d.value, d.unit = it.data.pct, "%"  # type: ignore[union-attr]
        if it.kind == "change" and drafts and _measured_apart(text, drafts[-1], it, sent):
            d.subject_from = drafts[-1].end  # 17个重点传统制造业增加值增长8%
        drafts.append(d)
    return drafts, sorted({x.start for x in items})


def _resolve_sentence(text, h, doc, sent, qs, ats, pers, ctx: DocumentContext) -> list[Fact]:
    drafts, starts = _drafts(text, sent, qs, ats)
    subjects: list[str] = []
    regions: list[str | None] = []
    raw_pres: list[str] = []
    used = sent.start
    prev_post = ""
    for i, d in enumerate(drafts):
        clause = _clause_of(sent, d.num_start)
        floor = max(used, drafts[i - 1].end_attr if i > 0 else 0)
        k = bisect_left(starts, d.end)
        nxt = starts[k] if k < len(starts) else sent.end
        ph = _subject(text, h, d.start, d.end, clause, floor, pers, nxt)
        if d.kind == "quantity" and i + 1 < len(drafts) and drafts[i + 1].subject_from == d.end:
            cut = P.MEASURE.search(ph.post)
            if cut:  # the noun after the count is a modifier of the measure the next change is about
                ph = _Phrase(ph.pre, ph.post[: cut.start()], d.end + cut.start(), ph.raw_pre)
        used = ph.used
        pre = ph.pre
        if d.subject_from is not None:
            pre = P.SUBJECT_TAIL.sub("", text[d.subject_from : d.start].strip(" ，,、")).strip()
        if not pre and P.SUBSET.fullmatch(ph.raw_pre.strip()) and prev_post:
            pre = prev_post  # 42个创新药中有8个…: the 8 are of the same kind
        subject = (pre + ph.post).strip()
        near = bool(subjects) and _clause_index(sent, drafts[i - 1].start) >= _clause_index(sent, d.start) - 1
        if (d.follows or not subject or P.BACK_WORDS.fullmatch(subject)) and near:
            subject = subjects[-1]  # the next item of a list, a share of the same thing, or 总量…
        elif near and P.TOTAL_WORDS.fullmatch(subject):
            subject = P.SUBJECT_NEW.sub("", subjects[-1]) + subject  # 新增实验室18家、累计38家
        if d.kind == "rank" and len(subject) <= 4:
            subject = _ranking_context(text, sent, clause) + subject
        region = find_region(ph.raw_pre) or find_region(ph.post) or find_region(subject)
        if region is None and regions:
            region = regions[-1]  # the place named earlier in the sentence carries over
        prev_post = ph.post
        subjects.append(subject)
        regions.append(region)
        raw_pres.append(ph.raw_pre)
    _distribute(text, drafts, subjects, raw_pres)
    out: list[Fact] = []
    prev_status: str | None = None
    for i, d in enumerate(drafts):
        period = None
        for a, b in pers:
            if b <= d.num_start and not (d.start <= a < d.end):
                period = text[a:b]
        floor = drafts[i - 1].end_attr or drafts[i - 1].end if i > 0 else sent.start
        own = marker(h[floor : d.start], h[d.end : d.end + 8], "zh")
        same_clause = i > 0 and (d.follows or _clause_index(sent, drafts[i - 1].start) == _clause_index(sent, d.start))
        status = own or (prev_status if same_clause else None) or ctx.status_at(d.start)
        prev_status = status
        region, year, coverage, inferred = fill_from_context(regions[i], period, d.start, ctx, "zh")
        out.append(
            make_fact(
                text,
                doc,
                d.start,
                d.end,
                sentence=(sent.start, sent.end),
                subject=subjects[i],
                value=_clean(d.value),
                unit=d.unit,
                bound=d.bound,
                period=period,
                change=d.change,
                share=d.share,
                rank=d.rank,
                region=region,
                lang="zh",
                measure="level" if d.kind == "quantity" else d.kind,
                status=status,
                year=year,
                coverage=coverage,
                inferred=tuple(inferred),
            )
        )
    return out


_LIST_SEP = ("、", "和", "及", "与")


def _distribute(text: str, drafts: list[_Draft], subjects: list[str], raw_pres: list[str]) -> None:
    """Give each value of a ``分别`` list the item it belongs to (in place).

    ``家电、新能源汽车零售额分别增长23.9%、35.8%``: the items are 家电 and 新能源汽车,
    their shared head 零售额 (where the last item's first measure word starts);
    ``城乡居民…`` lists 城镇 and 农村; ``环比、同比分别增长`` lists the kinds of change.
    """
    i = 0
    while i < len(drafts):
        raw = raw_pres[i]
        lead = text[drafts[i].start : drafts[i].num_start]
        if "分别" not in raw and "分别" not in lead:
            i += 1
            continue
        j = i + 1
        while j < len(drafts):
            gap = text[(drafts[j - 1].end_attr or drafts[j - 1].end) : drafts[j].start].strip()
            if gap not in _LIST_SEP:
                break
            j += 1
        n = j - i
        if n >= 2:
            listed = raw[: raw.rindex("分别")] if "分别" in raw else raw
            kinds = P.KIND_LIST.search(listed)
            if kinds and drafts[i].change is not None:
                first = "mom" if kinds.group("first") == "环比" else "yoy"
                drafts[i].change = replace(drafts[i].change, kind=first)
                subjects[i] = P.KIND_TAIL.sub("", subjects[i])
                for k in range(i + 1, j):
                    subjects[k] = subjects[i]
            else:
                items = _items(listed, n)
                if items is not None:
                    for k, item in enumerate(items):
                        subjects[i + k] = item
                first_share = drafts[i].share
                if first_share is not None:  # 占规模以上工业比重分别提高到56.7%、31.6%: shares of the same whole
                    for k in range(i + 1, j):
                        if drafts[k].share is None and drafts[k].unit == "%":
                            drafts[k].share = Share(drafts[k].value, first_share.of, drafts[k].bound)
                            drafts[k].kind = "share"
        i = j


def _items(listed: str, n: int) -> list[str] | None:
    """The ``n`` subjects of a listed phrase, or None when it does not list ``n`` items."""
    phrase = P.SUBJECT_LEAD.sub("", listed.strip(" ，,、：:")).strip()
    for ps in P.PERIOD.finditer(phrase):
        if ps.start() == 0:
            phrase = phrase[ps.end() :].lstrip(" ，,")
    if n == 2 and phrase.startswith("城乡"):
        rest = phrase[2:]
        return ["城镇" + rest, "农村" + rest]
    if n == 2 and phrase.startswith("进出口"):
        rest = phrase[3:]
        return ["进口" + rest, "出口" + rest]
    parts: list[str] = []
    buf = ""
    for ch in phrase:
        if ch in _LIST_SEP:
            parts.append(buf)
            buf = ""
        else:
            buf += ch
    parts.append(buf)
    parts = [p.strip() for p in parts]
    if len(parts) != n or not all(parts):
        return None
    last = parts[-1]
    head = P.MEASURE.search(last)
    if head and head.start() > 0 and not any(P.MEASURE.search(p) for p in parts[:-1]):
        tail = last[head.start() :]
        parts = [p + tail for p in parts[:-1]] + [last]
    return parts


def _measured_apart(text: str, host: _Draft, attr: _Attr, sent: Sentence) -> bool:
    """Whether the words between a count and a change name a measure of the counted things, so the
    change is that measure's (``17个重点传统制造业增加值增长8%``), not the count's."""
    if host.kind != "quantity" or host.unit in ("%", "pp") or attr.kind != "change":
        return False
    if _clause_index(sent, attr.start) != _clause_index(sent, host.num_start):
        return False
    gap = text[host.end : attr.start]
    return bool(P.MEASURE.search(gap)) and len(gap.strip()) >= 3


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
    a fact that already has an attribute of that kind does not take another, nor
    does a count whose following words name the measure the change is about.
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
    if _measured_apart(text, host, attr, sent):
        return None
    clause = _clause_of(sent, attr.start)
    if clause[0] > host.end:
        words = P.STREAK.sub("", text[clause[0] : attr.start])
        own = P.ANAPHORA.sub("", words).strip(' “”"')
        if len(own) >= 2:
            return None  # “四新”产业占比55%: the clause names its own subject
    if attr.kind == "rank" and host.unit in ("%", "pp"):
        return None
    return host


def _clean(v: float) -> float:
    """The value to 15 significant digits (4.06 x 10^12, not 4059999999999.9995)."""
    return float(f"{v:.15g}")
