"""Quantitative statements in English text.

The same two passes as for Chinese: find quantities, changes, shares and
ranks; then, per sentence, make facts and attach each change, share or rank
to the fact it belongs to.  ``rose 40.1% year on year to 30,519`` makes one
fact, 30,519, with its change.

>>> doc = "Invention patents granted rose 40.1% year on year to 30,519. Shanghai ranked 8th worldwide."
>>> for f in extract_en(doc, "d"):
...     print(f.text, f.to_record()["value"], f.change, f.rank)
30,519 30519 {'kind': 'yoy', 'pct': 40.1} None
8th worldwide 8 None {'position': 8, 'scope': 'worldwide'}
"""

from __future__ import annotations

import re
from typing import Any

from innoscope.geo.places import find_region
from innoscope.text.fact import Fact, make_fact
from innoscope.text.segment import QuotedRegions, sentences

__all__ = ["extract_en"]

NUM = r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?"
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6}
CURRENCY = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "¥": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "yuan": "CNY",
    "dollars": "USD",
    "us dollars": "USD",
    "euros": "EUR",
}
BOUNDS = {
    "about": "approx",
    "around": "approx",
    "approximately": "approx",
    "roughly": "approx",
    "nearly": "approx",
    "almost": "approx",
    "close to": "approx",
    "some": "approx",
    "over": "over",
    "more than": "over",
    "above": "over",
    "exceeding": "over",
    "in excess of": "over",
    "upwards of": "over",
    "at least": "over",
    "under": "under",
    "less than": "under",
    "below": "under",
    "fewer than": "under",
    "up to": "under",
}
_BOUND_ALT = "|".join(sorted(map(re.escape, BOUNDS), key=len, reverse=True))
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

QUANTITY = re.compile(
    rf"(?:(?P<bound>{_BOUND_ALT})\s+)?(?P<cur>US\$|\$|€|£|¥|RMB\s?|USD\s?|CNY\s?)?(?P<num>{NUM})"
    rf"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn)\b)?"
    rf"(?:\s?(?P<pct>%|percent\b|per cent\b)|\s(?P<pp>percentage points?)\b"
    rf"|\s(?P<cur2>yuan|dollars|US dollars|euros)\b)?",
    re.IGNORECASE,
)
CHANGE = re.compile(
    rf"(?P<dir>rose|increased|grew|climbed|jumped|gained|was up|were up|up|fell|declined|decreased|dropped|"
    rf"was down|were down|down)(?:\s+by)?\s+(?:(?P<q>{_BOUND_ALT})\s+)?(?P<num>{NUM})\s?"
    rf"(?P<unit>%|percent\b|per cent\b|percentage points?\b|times\b|-fold\b)"
    rf"(?P<yoy>\s+(?:year[- ]on[- ]year|from a year earlier|from the previous year|over the previous year|yoy)\b)?"
    rf"(?:\s+to\s+(?=(?:{_BOUND_ALT}\s+)?(?:US\$|\$|€|£|¥|RMB\s?)?\d))?",
    re.IGNORECASE,
)
DOWN = ("fell", "declined", "decreased", "dropped", "was down", "were down", "down")
SHARE = re.compile(
    rf"(?:accounting for|accounted for|accounts for|representing|making up|a share of|or)\s+"
    rf"(?:(?P<q>{_BOUND_ALT})\s+)?(?P<num>{NUM})\s?(?:%|percent\b|per cent\b)"
    rf"(?:\s+of\s+(?:the\s+)?(?P<of>(?:[\w-]+\s){{0,3}}?(?:total|national|global|world|country|nation)(?:\s+total)?))?",
    re.IGNORECASE,
)
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
SCOPE = r"worldwide|globally|in the world|in the country|nationwide|nationally|in China|in Europe|in Asia"
RANK = re.compile(
    rf"(?P<verb>ranked|ranking|ranks|rank|placed|placing|came|is|was)\s+(?:No\.\s?)?"
    rf"(?P<num>\d+(?:st|nd|rd|th)?|{'|'.join(ORDINALS)})(?:\s+place)?(?:\s+(?P<scope>{SCOPE}))?",
    re.IGNORECASE,
)
PERIOD = re.compile(
    rf"\b(?:in|during|for|by the end of|as of|at the end of)\s+(?:the\s+)?(?:first\s+\w+\s+months\s+of\s+)?"
    rf"(?:(?:{MONTHS})\s+)?(?:19|20)\d{{2}}\b|\b(?:{MONTHS})[-–](?:{MONTHS})(?:\s+(?:19|20)\d{{2}})?"
    rf"|\bin the first \w+ months\b|\b(?:for )?the (?:whole|full) year\b|\bby the end of the year\b|\bin the year\b",
    re.IGNORECASE,
)
NOUN_STOP = re.compile(
    r"\b(?:were|was|is|are|have|has|had|in|on|at|by|for|from|to|with|and|or|which|that|rose|fell|grew|"
    r"increased|decreased|ranked|accounting|accounted|representing|of the)\b|[,;:()]",
    re.IGNORECASE,
)
SUBJECT_TAIL = re.compile(
    r"\s*\b(?:was|were|is|are|reached|totaled|totalled|stood at|amounted to|hit|of|at|to|with|had|has|"
    r"there were|there are|issued|numbered|a total of|some|about|nearly|over|more than)\s*$",
    re.IGNORECASE,
)


SUBJECT_LEAD = re.compile(r"^(?:including|of which|among them|and|while|with)\b\s*", re.IGNORECASE)


def _value(num: str, scale: str | None) -> float:
    v = float(num.replace(",", ""))
    return v * SCALE[scale.lower()] if scale else v


def _is_year_or_date(text: str, m: re.Match) -> bool:
    num = m.group("num")
    if m.group("pct") or m.group("pp") or m.group("scale") or m.group("cur") or m.group("cur2"):
        return False
    if re.fullmatch(r"(?:1[89]|20)\d\d", num):
        return True
    around = text[max(0, m.start() - 10) : m.end() + 10]
    return bool(re.search(rf"(?:{MONTHS})\s+{re.escape(num)}\b|\b{re.escape(num)}\s+(?:{MONTHS})", around))


def _ordinal(s: str) -> int | None:
    s = s.lower()
    if s in ORDINALS:
        return ORDINALS[s]
    digits = re.match(r"\d+", s)
    return int(digits.group(0)) if digits else None


def extract_en(text: str, doc: str = "", region_hint: str | None = None) -> list[Fact]:
    """All facts of an English ``text``, in document order."""
    quoted = QuotedRegions(text)
    facts: list[Fact] = []
    for sent in sentences(text):
        s0, s1 = sent.start, sent.end
        chunk = text[s0:s1]
        taken: list[tuple[int, int]] = []
        attrs: list[dict[str, Any]] = []
        for m in CHANGE.finditer(chunk):
            v = float(m.group("num").replace(",", ""))
            unit = m.group("unit").lower()
            key = (
                "pct" if unit in ("%", "percent", "per cent") else ("pp" if unit.startswith("percentage") else "times")
            )
            data = {"kind": "yoy" if m.group("yoy") else "change", key: -v if m.group("dir").lower() in DOWN else v}
            attrs.append(
                {
                    "kind": "change",
                    "start": s0 + m.start(),
                    "end": s0 + m.end(),
                    "data": data,
                    "forward": chunk[m.end() - 4 : m.end()].strip().lower().endswith("to"),
                }
            )
            taken.append((s0 + m.start("num"), s0 + m.end("unit")))
        for m in SHARE.finditer(chunk):
            data = {"pct": float(m.group("num").replace(",", "")), "of": (m.group("of") or "").strip() or None}
            attrs.append(
                {"kind": "share", "start": s0 + m.start(), "end": s0 + m.end(), "data": data, "forward": False}
            )
            taken.append((s0 + m.start("num"), s0 + m.end()))
        for m in RANK.finditer(chunk):
            pos = _ordinal(m.group("num"))
            plain_number = m.group("num").isdigit()
            if (
                pos is None
                or (plain_number and not m.group("scope"))
                or (not m.group("scope") and m.group("verb").lower() in ("is", "was"))
            ):
                continue
            data = {"position": pos, "scope": m.group("scope")}
            attrs.append(
                {
                    "kind": "rank",
                    "start": s0 + m.start("num"),
                    "end": s0 + m.end(),
                    "data": data,
                    "forward": False,
                    "verb_start": s0 + m.start(),
                }
            )
            taken.append((s0 + m.start("num"), s0 + m.end()))
        quantities = []
        for m in QUANTITY.finditer(chunk):
            a = s0 + m.start("num")
            if any(x <= a < y for x, y in taken) or quoted.contains(a) or _is_year_or_date(chunk, m):
                continue
            unit = "%" if m.group("pct") else "pp" if m.group("pp") else None
            cur = (m.group("cur") or m.group("cur2") or "").strip().lower()
            if cur:
                unit = CURRENCY.get(cur, cur.upper())
            bound = BOUNDS[m.group("bound").lower()] if m.group("bound") else "exact"
            quantities.append(
                {
                    "start": s0 + m.start(),
                    "end": s0 + m.end(),
                    "num_start": a,
                    "value": _value(m.group("num"), m.group("scale")),
                    "unit": unit or "count",
                    "bound": bound,
                }
            )
        periods = [(s0 + m.start(), s0 + m.end()) for m in PERIOD.finditer(chunk)]
        facts.extend(_resolve(text, doc, (s0, s1), quantities, attrs, periods, region_hint))
    return facts


def _resolve(text, doc, sent, quantities, attrs, periods, region_hint) -> list[Fact]:
    items = sorted([("q", q) for q in quantities] + [("a", a) for a in attrs], key=lambda x: x[1]["start"])
    drafts: list[dict[str, Any]] = []
    pending: dict[str, Any] | None = None  # a change that introduces the next value ("rose 5% to 30,519")
    for kind, it in items:
        if kind == "q":
            d = dict(it, change=None, share=None, rank=None)
            if pending is not None:
                d["change"] = pending["data"]
                d["subject_end"] = pending["start"]
                pending = None
            drafts.append(d)
            continue
        if it["kind"] == "change" and it["forward"]:
            pending = it
            continue
        host = drafts[-1] if drafts and drafts[-1].get(it["kind"]) is None and drafts[-1].get("kind") is None else None
        if host is not None:
            host[it["kind"]] = it["data"]
            continue
        value = it["data"].get("pct", it["data"].get("pp", it["data"].get("times", it["data"].get("position"))))
        unit = {"change": "%", "share": "%", "rank": "rank"}[it["kind"]]
        drafts.append(
            {
                "start": it["start"],
                "end": it["end"],
                "num_start": it["start"],
                "value": value,
                "unit": unit,
                "bound": "exact",
                "change": None,
                "share": None,
                "rank": None,
                it["kind"]: it["data"],
                "kind": it["kind"],
                "subject_end": it.get("verb_start", it["start"]),
            }
        )
    out = []
    prev_end = sent[0]
    for d in drafts:
        subj_end = d.get("subject_end", d["start"])
        pre = text[prev_end:subj_end]
        pre = re.split(r"[,;:]", pre)[-1]
        for a, b in periods:
            if prev_end <= a and b <= subj_end:
                pre = pre.replace(text[a:b], " ")
        pre = SUBJECT_LEAD.sub("", SUBJECT_TAIL.sub("", pre.strip())).strip(" ,")
        post = text[d["end"] : sent[1]]
        stop = NOUN_STOP.search(post)
        post = (post[: stop.start()] if stop else post).strip(" ,.")
        subject = " ".join(x for x in (pre, post if d["unit"] == "count" else "") if x)
        period = None
        for a, b in periods:
            if a < d["num_start"] or (not period and a < sent[1]):
                period = text[a:b]
        out.append(
            make_fact(
                text,
                doc,
                d["start"],
                d["end"],
                sentence=sent,
                subject=subject,
                value=d["value"],
                unit=d["unit"],
                bound=d["bound"],
                period=period,
                change=d["change"],
                share=d["share"],
                rank=d["rank"],
                region=find_region(pre) or region_hint,
                lang="en",
            )
        )
        prev_end = d["end"]
    return out
