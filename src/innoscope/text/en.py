"""Quantitative statements in English text.

The same two passes as for Chinese.  Match: in each sentence of the
normalised text (:mod:`innoscope.text.en_text`), the quantities (``EUR 2.5
billion``, ``4.2%``, ``8.1%-points``, ``five``, ``two-thirds``), the ranks
(``ranks second``, ``3rd of 27``, ``No. 2``), and the words that make a
quantity a change (``rose``, ``an increase of``, ``6.7 points higher than``,
``(+3.9%)``, ``doubled``, ``up two places``), a share (``accounting for``,
``representing``) or not a fact at all (years, dates, ``EU28``, ``25-34 year
olds``, ``the top six``, ``the 2% threshold``, ranges).  Resolve: each change,
share or rank attaches to the level it describes (``up $3.5 billion, 9%, to
$40.2 billion`` is one fact, $40.2 billion, with its change) or stands alone;
``respectively`` gives each listed item its value; the subject is the noun
phrase the sentence says the number is about.

>>> doc = "Invention patents granted rose 40.1% year on year to 30,519. Shanghai ranked 8th worldwide."
>>> for f in extract_en(doc, "d"):
...     r = f.to_record()
...     print(f.text, r["value"], r["change"], r["rank"])
30,519 30519 {'kind': 'yoy', 'pct': 40.1} None
8th 8 None {'position': 8, 'scope': 'worldwide'}
>>> f, = extract_en("NASA's budget is $1.4 billion (-12%).")
>>> f.value, f.unit, f.change.pct
(1400000000.0, 'USD', -12.0)
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from innoscope.geo.places import find_region
from innoscope.text import en_patterns as P
from innoscope.text.context import DocumentContext, fill_from_context
from innoscope.text.en_subject import items_of, subject_of
from innoscope.text.en_text import Norm, clauses_en, sentences_en
from innoscope.text.fact import Change, Fact, Rank, Share, make_fact
from innoscope.text.segment import QuotedRegions
from innoscope.text.status import marker

__all__ = ["extract_en"]

_TIMES_WORDS = ("doubl", "tripl", "trebl", "quadrupl", "twice", "halved", "fold", "times")
_NOUN_WORDS = (
    "increase",
    "rise",
    "growth",
    "gain",
    "improvement",
    "jump",
    "surge",
    "expansion",
    "decrease",
    "decline",
    "drop",
    "fall",
    "reduction",
    "cut",
    "contraction",
    "loss",
)
_WHOLE = re.compile(
    rf"\s(?:of|out of) (?:the |all )?(?P<n>\d+|{P._SPELLED}) (?P<noun>[A-Za-z][\w-]*(?: [a-z][\w-]*)?)(?=[,.;)]|\s|$)",
    re.IGNORECASE,
)


_LIST_GAP = re.compile(r"\s(?:and|or)\s|,\s(?:and\s)?")


def _shared_units(t: str, items: list[_Item]) -> None:
    """``15.9 and 15.2 percentage points``: a unit written once after a list is every value's (in place)."""
    for i in range(len(items) - 2, -1, -1):
        q, nxt = items[i], items[i + 1]
        if q.unit == "count" and nxt.unit in ("pp", "%", "points") and _LIST_GAP.fullmatch(t[q.end : nxt.start]):
            q.unit = nxt.unit


def _round(v: float) -> float:
    return float(f"{v:.6g}")


_CUR_KEYS = {k.lower(): v for k, v in P.CURRENCY.items()}
_TIMES_VALUE = re.compile(r"\d+(?:\.\d+)?")
_PAREN_PCT = re.compile(r"^\s?\(\s?(?P<sign>[+\-−])?(?P<n>\d+(?:\.\d+)?)\s?%\s?\)")
_COMMA_PCT = re.compile(r"^,\s(?P<sign>[+\-−])?(?P<n>\d+(?:\.\d+)?)\s?%,?")
_TO = re.compile(r"^\s?(?:,\s)?(?:to|at)\s(?=\S)")
_ACRONYM_PAREN = re.compile(r"\(\s?[A-Z][A-Za-z&.]{1,12},\s?$")
_HOST_GAP = re.compile(r"^(?:\s(?:for|of|in|on|to)\s[^,;()]{1,40})?,\s$")
_SHARE_PARTICIPLE = re.compile(
    rf",\s(?:representing|accounting for|making up|or|i\.e\.|equal to|equivalent to)\s(?:(?:{P.BOUND_ALT})\s)?$",
    re.IGNORECASE,
)
_DIFF_BEFORE = re.compile(
    r"\b(?P<word>above|below|higher than|lower than|ahead of|behind|over|under)\s"
    r"(?P<against>the [^,;()]{1,50}?)\sby\s$",
    re.IGNORECASE,
)
_APPOSITIVE = re.compile(
    r"(?:\s(?:in|for|during)\s(?:the\s)?(?:FY\s?)?(?:19|20)\d\d|\s(?:a|per) year)?"
    r",\s(?:an?\s|which is\s(?:an?\s)?|or\s)?"
)
_ELLIPTIC_FOR = re.compile(r"\bfor\s$", re.IGNORECASE)
_ACCOUNT = re.compile(r"\baccount(?:s|ed|ing)? for\b", re.IGNORECASE)
_DOWN_WORDS = re.compile(rf"^(?:{P.DOWN})$", re.IGNORECASE)
_NEG_COMPARE = ("lower", "less", "fewer", "smaller", "below", "down", "under", "behind")


@dataclass
class _Item:
    start: int
    num_start: int
    end: int
    value: float
    unit: str
    bound: str = "exact"
    kind: str = "quantity"  # quantity | change | share | rank
    change: Change | None = None
    share: Share | None = None
    rank: Rank | None = None
    forward: bool = False  # a change that introduces the next value (rose 5% to 30,519)
    back: bool = False  # a change or share of the value before it (, $8.9 billion (4.4%) above …)
    hint: str | None = None  # what a change says it is about (an improvement in X of 8.5%)
    end_attr: int = 0
    since_span: tuple[int, int] | None = None


def _word_value(w: str) -> float | None:
    w = w.lower()
    if w in P.ONES:
        return float(P.ONES[w])
    tens, _, ones = w.partition("-")
    if tens in P.TENS:
        return float(P.TENS[tens] + (P.ONES.get(ones, 0) if ones else 0))
    return None


def _parse(m: re.Match) -> tuple[float, str] | None:
    if m.group("num"):
        v = float(m.group("num").replace(",", ""))
    elif m.group("frac"):
        return P.FRACTIONS[m.group("frac").lower()], "%"
    else:
        got = _word_value(m.group("word"))
        if got is None:
            return None
        v = got
    if m.group("scale"):
        v *= P.SCALE[m.group("scale").lower()]
    if m.group("sign") in ("-", "−"):
        v = -v
    if m.group("pp"):
        return v, "pp"
    if m.group("pct"):
        return v, "%"
    if m.group("points"):
        return v, "points"
    cur = m.group("cur") or m.group("cur2")
    if cur:
        return v, _CUR_KEYS.get(cur.strip().lower(), cur.strip().upper())
    return v, "count"


_HARD_BREAK = re.compile(r";|:(?!\d)|\s[–—]\s|\s--\s")
_NEW_CLAUSE = re.compile(r";|,\s(?:but|while|whereas|although)\b|\s[–—]\s|\s--\s")
_PERIOD_WORDS = {
    "In",
    "By",
    "Since",
    "From",
    "During",
    "For",
    "Until",
    "Before",
    "After",
    "At",
    "Over",
    "Of",
    "To",
    "Between",
    "And",
    "Through",
    *P.MONTHS.split("|"),
}
_ASIDE = re.compile(r",\s(?:which|who)\b[^,]*,|\s(?:[–—]|--)\s[^–—]*?\s(?:[–—]|--)\s")


class _Sentence:
    """The candidates of one sentence ``[s0, s1)`` of the normalised text ``t``."""

    def __init__(self, t: str, s0: int, s1: int, blocked: list[tuple[int, int]], quoted: QuotedRegions) -> None:
        self.t, self.s0, self.s1 = t, s0, s1
        self.blocked = blocked
        self.quoted = quoted
        self.clauses = clauses_en(t, s0, s1)
        self.periods: list[tuple[int, int, str]] = []
        self.used_periods: set[int] = set()

    def clause_of(self, pos: int) -> int:
        for i, (_, b) in enumerate(self.clauses):
            if pos < b:
                return i
        return len(self.clauses) - 1

    def _blocked(self, a: int, b: int) -> bool:
        return any(x < b and a < y for x, y in self.blocked) or self.quoted.overlapping(a, b)

    def quantities(self, taken: list[tuple[int, int]]) -> list[_Item]:
        t, s0 = self.t, self.s0
        out: list[_Item] = []
        skip_next_and = -1
        for m in P.QUANTITY.finditer(t, s0, self.s1):
            a = (
                m.start("sign")
                if m.group("sign")
                else (
                    m.start("cur")
                    if m.group("cur")
                    else m.start("num")
                    if m.group("num")
                    else m.start("frac")
                    if m.group("frac")
                    else m.start("word")
                )
            )
            b = m.end()
            if self._blocked(a, b) or any(x < b and a < y for x, y in taken):
                continue
            got = _parse(m)
            if got is None:
                continue
            value, unit = got
            num = m.group("num") or ""
            if unit == "count" and not m.group("scale") and re.fullmatch(r"(?:19|20)\d\d", num):
                continue  # a year
            nxt = t[b : b + 1]
            if nxt.isalpha() or (nxt == "-" and not t.startswith(("-fold", "-place", "-point", "-percent"), b)):
                continue  # 52nd, 2.5x, two-year: a rank or a compound, handled elsewhere or not a fact
            if m.group("word") and (m.group("word").lower() == "one" or nxt == "-"):
                continue
            if m.group("frac") and not t.startswith(" of", b):
                continue
            before = t[max(s0, a - 24) : a]
            after = t[b : b + 40]
            if P.NAME_BEFORE.search(before) or P.NOT_AFTER.match(after):
                continue
            tail = P.BOUND_TAIL.search(t, max(s0, a - 16), a)
            if tail and P.DEFINITION_BEFORE.search(t[max(s0, a - 60) : a]):
                continue  # Innovation Leaders (performance is above 125% of the EU average): a class's threshold
            if a == s0 and re.match(r"^\.\s", after):
                continue  # 1. Main points: a list marker
            if P.BETWEEN.search(before):
                skip_next_and = b
                continue  # between 100% and 125%: a range
            if skip_next_and >= 0 and re.fullmatch(r"\s(?:and|to|-|–)\s", t[skip_next_and:a]):
                skip_next_and = -1
                continue
            if re.match(
                r"^\s(?:Member States|member states|EU countries|EU Member States|countries of the)\b", after
            ) and re.search(r"\b(?:the|all|its|EU's|Union's)\s$", before):
                continue  # the 27 Member States: the Union, not a count
            bound = P.BOUNDS[tail.group("bound").lower()] if tail else "exact"
            start = tail.start() if tail else a
            item = _Item(start, a, b, value, unit, bound)
            whole = _WHOLE.match(t, b, self.s1) if unit == "count" else None
            if whole:
                total = (
                    float(whole.group("n").replace(",", ""))
                    if whole.group("n")[0].isdigit()
                    else _word_value(whole.group("n"))
                )
                if total:
                    item.share = Share(_round(100 * value / total), f"{whole.group('n')} {whole.group('noun')}")
                    item.hint = whole.group("noun")
                    item.end_attr = whole.end()
                    self.blocked = [*self.blocked, (whole.start("n"), whole.end("n"))]
            out.append(item)
        _shared_units(t, out)
        return out

    def ranks(self) -> list[_Item]:
        t, s0 = self.t, self.s0
        out = []
        for m in P.ORDINAL.finditer(t, s0, self.s1):
            a, b = m.start(), m.end()
            if self._blocked(a, b):
                continue
            before = t[max(s0, a - 30) : a]
            after = t[b : b + 80]
            if m.group("top"):
                pos = 1
            elif m.group("no"):
                pos = int(m.group("no"))
            else:
                if P.NOT_RANK_AFTER.match(after) or re.match(r"^\s?-\s?(?!ranked|highest|largest|best)", after):
                    continue
                if not (P.RANK_BEFORE.search(before) or P.RANK_AFTER.match(after)):
                    continue
                if not P.RANK_AFTER.match(after) and not re.search(
                    r"\b(?:rank(?:s|ed|ing)?|placed|came|comes|coming|finished|stood|stands|remains|remained|in|at|to)\s(?:the\s)?$",
                    before,
                    re.IGNORECASE,
                ):
                    continue
                pos = int(m.group("digits")) if m.group("digits") else P.ORDINALS[m.group("word").lower()]
            scope_m = P.RANK_SCOPE.match(after)
            scope = out_of = None
            if scope_m:
                out_of = int(scope_m.group("of")) if scope_m.group("of") else None
                scope = scope_m.group("scope") or scope_m.group("on")
                if scope:
                    scope = re.sub(r"^(?:among|of all|of the|in the|in)\s", "", scope, flags=re.I).strip() or None
                    scope = {"worldwide": "worldwide", "globally": "worldwide", "in the world": "worldwide"}.get(
                        scope.lower(), scope
                    )
            end = b
            if scope_m and scope_m.group("of"):
                end = b + scope_m.end("of")
            streak = None
            s = P.STREAK.match(after)
            if s:
                n = s.group("n") or s.group("n2") or s.group("w")
                streak = (
                    int(n) if n and n.isdigit() else (P.ORDINALS.get(n.lower()) if n else None) or _word_value(n or "")
                )
                streak = int(streak) if streak else None
            out.append(_Item(a, a, end, float(pos), "rank", kind="rank", rank=Rank(pos, scope, out_of, streak)))
        return out

    def places(self) -> list[_Item]:
        out: list[_Item] = []
        low = self.t[self.s0 : self.s1].lower()
        if not any(w in low for w in ("place", "position", "spot", "rank")):
            return out
        for m in P.PLACES.finditer(self.t, self.s0, self.s1):
            if self._blocked(m.start(), m.end()):
                continue
            n = m.group("n")
            v = float(n) if n.isdigit() else _word_value(n)
            if v is None:
                continue
            words = " ".join(x for x in (m.group("dir"), m.group("dir2"), m.group("dir3")) if x).lower()
            if not words:
                continue
            down = any(w in words for w in ("down", "fell", "dropped", "slipped", "lost", "lower"))
            v = -v if down else v
            a = m.start("n")
            item = _Item(a, a, m.end("unit"), v, "places", kind="change", change=Change("change", places=int(v)))
            item.forward = bool(re.match(r"^\s(?:to|at)\s", self.t[m.end() : m.end() + 4]))
            item.end_attr = m.end()
            out.append(item)
        return out

    def times(self) -> list[_Item]:
        out: list[_Item] = []
        low = self.t[self.s0 : self.s1].lower()
        if not any(w in low for w in _TIMES_WORDS):
            return out
        for m in P.TIMES.finditer(self.t, self.s0, self.s1):
            if self._blocked(m.start(), m.end()):
                continue
            if m.group("w"):
                v = float(P.TIMES_WORDS[m.group("w").lower()])
                bound = P.BOUNDS[m.group("q").lower()] if m.group("q") else "exact"
                a = m.start("q") if m.group("q") else m.start("w")
                end = m.end()
            else:
                n = m.group("n")
                v = float(n) if _TIMES_VALUE.fullmatch(n) else (_word_value(n) or 0.0)
                bound, a, end = "exact", m.start(), m.end()
            out.append(
                _Item(a, a, end, v, "times", bound, kind="change", change=Change("change", times=v, bound=bound))
            )
        return out

    def collect_periods(self, dates: list[tuple[int, int]]) -> None:
        t = self.t
        for m in P.PERIOD.finditer(t, self.s0, self.s1):
            if any(x <= m.start() < y for x, y in dates) or self.quoted.overlapping(m.start(), m.end()):
                continue
            if m.group("year"):
                word = re.search(r"([A-Z][A-Za-z]+)\s$", t[max(self.s0, m.start() - 20) : m.start()])
                if word and word.group(1) not in _PERIOD_WORDS:
                    continue  # the Innovation Scoreboard 2023: part of a name
                if re.match(r"^\s(?:edition|version|release|round|wave)\b", t[m.end() : m.end() + 12]):
                    continue
            self.periods.append((m.start(), m.end(), m.group(0)))
        self.asides = [(m.start(), m.end()) for m in _ASIDE.finditer(t, self.s0, self.s1)]

    def aside_of(self, pos: int) -> tuple[int, int] | None:
        return next(((a, b) for a, b in self.asides if a <= pos < b), None)


def _as_change(q: _Item, direction: str | None, t: str, s1: int) -> _Item:
    """The quantity ``q`` read as a change (``rose 5%``, ``an increase of $3.5 billion``), with what follows it:
    a second measure (``(26%)``, ``, 9%,``), year on year, the base period and a ``to`` that points on."""
    down = bool(direction) and (direction.lower() in P.NOUN_DOWN or bool(_DOWN_WORDS.match(direction)))
    v = -abs(q.value) if down else q.value
    fields: dict = {}
    if q.unit == "%":
        fields["pct"] = v
    elif q.unit in ("pp", "points"):
        fields["pp"] = v
    elif q.unit == "times":
        fields["times"] = v
    else:
        fields["delta"], fields["unit"] = v, q.unit
    end = q.end
    rest = t[end:s1]
    m = _PAREN_PCT.match(rest) or (_COMMA_PCT.match(rest) if "pct" not in fields else None)
    if m and "pct" not in fields:
        p = float(m.group("n"))
        fields["pct"] = -p if down or m.group("sign") in ("-", "−") else p
        end += m.end()
        rest = t[end:s1]
    kind = "change"
    y = P.YOY.match(rest)
    if y:
        kind = "yoy"
    since_span = None
    s = P.SINCE.match(rest) or P.SINCE_LEVEL.match(rest)
    if s:
        fields["since"] = re.sub(r"\s", "", s.group("p"))
        since_span = (end + s.start("p"), end + s.end("p"))
    bound = q.bound
    item = _Item(
        q.start,
        q.num_start,
        q.end,
        v,
        q.unit,
        bound,
        kind="change",
        change=Change(kind, bound=bound, **fields),
        since_span=since_span,
    )
    item.end_attr = end
    item.forward = bool(_TO.match(rest[y.end() :] if y else rest)) and q.unit not in ("times",)
    return item


def _classify(sent: _Sentence, qs: list[_Item]) -> list[_Item]:
    """Turn quantities into changes and shares where the words around them say so."""
    t, s0, s1 = sent.t, sent.s0, sent.s1
    verbs = {m.end(): m for m in P.CHANGE_VERB.finditer(t, s0, s1)}
    low = t[s0:s1].lower()
    nouns = {m.end(): m for m in P.CHANGE_NOUN.finditer(t, s0, s1)} if any(w in low for w in _NOUN_WORDS) else {}
    out: list[_Item] = []
    consumed: set[int] = set()
    share_verb_seen = False
    for i, q in enumerate(qs):
        if q.start in consumed:
            continue
        before = t[max(s0, q.start - 60) : q.start]
        lead = q.start
        v = verbs.get(lead) or verbs.get(lead - 1)
        n = nouns.get(lead) or nouns.get(lead - 1)
        item = q
        if q.unit != "rank" and (v or n):
            direction = v.group("dir") if v else n.group("noun")
            item = _as_change(q, direction, t, s1)
            if n and n.group("what"):
                item.hint = n.group("what")
            # a second measure in brackets or between commas is part of this change
            for j in range(i + 1, len(qs)):
                if qs[j].start < max(item.end, item.end_attr):
                    consumed.add(qs[j].start)
            if item.forward:
                pass
            elif out and out[-1].kind == "quantity" and _APPOSITIVE.fullmatch(t[out[-1].end : (v or n).start()]):
                item.back = True  # EUR 2.5 billion in 2022, an increase of 4.2%
        else:
            cmp = P.COMPARE_AFTER.match(t[q.end : s1])
            diff = _DIFF_BEFORE.search(before)
            if diff:
                down = diff.group("word").lower() in _NEG_COMPARE
                item = _as_change(q, "decrease" if down else None, t, s1)
                item.change = Change(
                    "diff", **_measure_fields(item.change), against=diff.group("against"), bound=item.bound
                )
                item.back = bool(out) and bool(_HOST_GAP.match(t[out[-1].end : diff.start()]))
            elif cmp and (q.unit != "count" or cmp.group("than")) and not P.RATIO_OF.match(t[q.end : s1]):
                down = cmp.group("word").lower() in _NEG_COMPARE
                item = _as_change(q, "decrease" if down else None, t, s1)
                paren = cmp.group("paren")
                if paren:
                    pm = re.fullmatch(r"\s?([+\-−])?(\d+(?:\.\d+)?)\s?%\s?", paren)
                    if pm and item.change is not None and item.change.pct is None:
                        p = float(pm.group(2))
                        item.change = Change(
                            item.change.kind, **{**_measure_fields(item.change), "pct": -p if down else p}
                        )
                for j in range(i + 1, len(qs)):
                    if qs[j].start < q.end + (cmp.end("paren") + 1 if paren else 0):
                        consumed.add(qs[j].start)
                against_text = t[q.end + cmp.end() : s1].lstrip()
                temporal = cmp.group("than") is None or P.TEMPORAL_AGAINST.match(against_text)
                since = P.SINCE_LEVEL.match(t[q.end + cmp.start("word") : s1])
                fields = _measure_fields(item.change)
                base = (
                    re.match(r"^(?:in\s)?(?P<p>(?:FY\s?)?(?:19|20)\d\d)\b", against_text) if cmp.group("than") else None
                )
                if since:
                    fields["since"] = re.sub(r"\s", "", since.group("p"))
                    item.since_span = (
                        q.end + cmp.start("word") + since.start("p"),
                        q.end + cmp.start("word") + since.end("p"),
                    )
                elif base and temporal:
                    fields["since"] = re.sub(r"\s", "", base.group("p"))
                    off = q.end + cmp.end() + (len(t[q.end + cmp.end() : s1]) - len(against_text))
                    item.since_span = (off + base.start("p"), off + base.end("p"))
                if temporal:
                    item.change = Change("change", **fields, bound=item.bound)
                else:
                    against = re.split(r"[,;()]|\s(?:in|by|and|while)\s", against_text, maxsplit=1)[0].strip(" .")
                    item.change = Change("diff", **fields, against=against or None, bound=item.bound)
                item.back = bool(out) and out[-1].kind == "quantity" and bool(_HOST_GAP.match(t[out[-1].end : q.start]))
                item.forward = False
            elif (
                out
                and out[-1].kind == "change"
                and not out[-1].forward
                and out[-1].unit == q.unit
                and re.fullmatch(r"(?:,\s|\s)(?:and\s|or\s)?", t[out[-1].end : q.start])
            ):  # increased by 27% and 34%: the next item of a list of changes
                prev_change = out[-1].change
                item = _as_change(q, "decrease" if prev_change is not None and prev_change.value < 0 else None, t, s1)
                if prev_change is not None:
                    item.change = Change(prev_change.kind, **_measure_fields(item.change), bound=item.bound)
            elif q.value < 0 or t[q.num_start : q.num_start + 1] == "+" or q.unit == "pp":
                item = _as_change(q, None, t, s1)
                paren_after_level = bool(out) and re.fullmatch(r"\s?\(", t[out[-1].end : q.start])
                item.back = bool(paren_after_level) and out[-1].kind == "quantity"
            elif (
                q.unit == "%"
                and not P.RATIO_OF.match(t[q.end : s1])
                and (P.SHARE_BEFORE.search(before) or (share_verb_seen and _ELLIPTIC_FOR.search(before)))
            ):
                item = _as_share(q, t, s1)
                item.back = (
                    bool(out)
                    and out[-1].kind == "quantity"
                    and out[-1].unit not in ("%", "pp")
                    and bool(_SHARE_PARTICIPLE.search(before))
                )
        if _ACCOUNT.search(before) or P.SHARE_BEFORE.search(before):
            share_verb_seen = True
        out.append(item)
    _shared_since(t, out, s1)
    return out


_AFTER_LIST = re.compile(r"^,?\s?(?:respectively,?\s?)?")


def _shared_since(t: str, items: list[_Item], s1: int) -> None:
    """``increased by 27% and 34%, respectively, compared to 2007``: the base period after a list of
    changes is every one's (in place)."""
    i = 0
    while i < len(items):
        if items[i].kind != "change" or items[i].change is None:
            i += 1
            continue
        j = i + 1
        while (
            j < len(items)
            and items[j].kind == "change"
            and re.fullmatch(r"(?:,\s|\s)(?:and\s|or\s)?", t[items[j - 1].end : items[j].start])
        ):
            j += 1
        last = items[j - 1]
        rest = t[last.end_attr or last.end : s1]
        lead = _AFTER_LIST.match(rest)
        m = P.SINCE.match(rest[lead.end() :]) if lead else None
        if m:
            since = re.sub(r"\s", "", m.group("p"))
            pos = (last.end_attr or last.end) + lead.end()
            span = (pos + m.start("p"), pos + m.end("p"))
            for k in range(i, j):
                c = items[k].change
                if c is not None and c.since is None:
                    items[k].change = Change(
                        c.kind, **_measure_fields(c), since=since, against=c.against, bound=c.bound
                    )
                    items[k].since_span = span
        i = j


def _measure_fields(c: Change | None) -> dict:
    if c is None:
        return {}
    return {
        k: getattr(c, k)
        for k in ("pct", "pp", "times", "delta", "unit", "places", "since")
        if getattr(c, k) is not None
    }


def _as_share(q: _Item, t: str, s1: int) -> _Item:
    rest = t[q.end : s1]
    of = None
    if not P.RATIO_OF.match(rest):
        m = P.SHARE_OF.match(rest)
        if m:
            of = m.group("of").strip()
    item = _Item(q.start, q.num_start, q.end, q.value, "%", q.bound, kind="share", share=Share(q.value, of, q.bound))
    item.end_attr = q.end + (len(of) + 4 if of else 0)
    return item


def _resolve(items: list[_Item]) -> list[_Item]:
    """Attach changes, shares and ranks to the level they describe; the rest stand alone."""
    drafts: list[_Item] = []
    pending: _Item | None = None
    for it in sorted(items, key=lambda x: x.start):
        if it.kind == "quantity":
            if pending is not None and pending.change is not None and it.change is None:
                it.change = pending.change
                it.hint = it.hint or pending.hint
                pending = None
            drafts.append(it)
            continue
        if it.kind == "change" and it.forward:
            pending = it
            continue
        if (
            it.kind == "rank"
            and pending is not None
            and pending.change is not None
            and pending.change.places is not None
        ):
            it.change, pending = pending.change, None  # moved up two places to 12th
        if it.back and drafts and drafts[-1].kind == "quantity" and getattr(drafts[-1], it.kind) is None:
            host = drafts[-1]
            setattr(host, it.kind, getattr(it, it.kind))
            host.end_attr = max(it.end, it.end_attr)
            continue
        drafts.append(it)
    if pending is not None:
        drafts.append(pending)  # rose 5% to … with nothing after: the change stands alone
    return sorted(drafts, key=lambda x: x.start)


def extract_en(text: str, doc: str = "", context: DocumentContext | None = None) -> list[Fact]:
    """All facts of an English ``text``, in document order; ``context`` supplies what sentences leave unsaid."""
    ctx = context or DocumentContext()
    norm = Norm.of(text)
    t = norm.text
    quoted = QuotedRegions(t)
    dates = [(m.start(), m.end()) for m in P.DATE.finditer(t)]
    anchors = [m.start() for m in P.ANCHOR.finditer(t)]
    facts: list[Fact] = []
    for s0, s1 in sentences_en(t):
        k = bisect_left(anchors, s0)
        if k == len(anchors) or anchors[k] >= s1:
            continue  # no number, ordinal or multiple: no fact
        sent = _Sentence(t, s0, s1, dates, quoted)
        ranks = sent.ranks()
        moves = sent.places()
        multiples = sent.times()
        taken = sorted((x.start, x.end) for x in ranks + moves + multiples)
        qs = sent.quantities(taken)
        if not qs and not ranks and not moves and not multiples:
            continue
        sent.collect_periods(dates)
        items = _classify(sent, qs) + ranks + moves + multiples
        drafts = _resolve(items)
        facts.extend(_facts(text, norm, doc, sent, drafts, ctx))
    return facts


def _period_of(sent: _Sentence, d: _Item, drafts: list[_Item], i: int) -> tuple[str | None, int | None]:
    """The period phrase of a draft: one right after it (``£29.3 billion in 2013``), else the last one before
    it in the sentence, else the first one after it in its clause with no other number between."""
    t = sent.t
    since = d.since_span
    own_aside = sent.aside_of(d.start)
    cands = [
        p
        for p in sent.periods
        if not (since and p[0] >= since[0] and p[1] <= since[1]) and sent.aside_of(p[0]) in (None, own_aside)
    ]
    after = re.match(
        r"^\s?(?:\)\s?)?(?:,\s)?(?:in|for|during|over|by the end of|at the end of|as of)\s(?:the\s)?(?:fiscal year\s)?",
        t[d.end_attr or d.end : sent.s1],
    )
    if after:
        pos = (d.end_attr or d.end) + after.end()
        for a, _, txt in cands:
            if a == pos:
                return txt, a
    best = None
    own_clause = sent.clause_of(d.start)
    for a, b, txt in cands:
        carries = sent.clause_of(a) == own_clause or not _HARD_BREAK.search(t[b : d.start])
        if b <= d.num_start and not (d.start <= a < d.end) and carries:
            best = (txt, a)  # a period carries over ", while …", not over ";" or a dash
    if best:
        return best
    nxt = drafts[i + 1].start if i + 1 < len(drafts) else sent.s1
    clause = sent.clauses[sent.clause_of(d.start)]
    for a, _, txt in cands:
        if d.end <= a < min(nxt, clause[1]):
            return txt, a
    return None, None


_AVERAGE = re.compile(
    r"\b(?:the\s)?(?:EU|EU27|EU-27|EU28|EU-28|OECD|world|global|national|euro area)(?:'s)?\s"
    r"(?:average|mean|median|total|level)\b"
)


def _place(text: str) -> str | None:
    """The place ``text`` names, not counting a benchmark it is compared with (``the EU average``)."""
    return find_region(_AVERAGE.sub(" ", text))


def _facts(text: str, norm: Norm, doc: str, sent: _Sentence, drafts: list[_Item], ctx: DocumentContext) -> list[Fact]:
    t = sent.t
    subjects = [subject_of(t, sent, drafts, i) for i in range(len(drafts))]
    regions: list[str | None] = []
    for i, d in enumerate(drafts):
        clause = sent.clauses[sent.clause_of(d.start)]
        floor = max((drafts[i - 1].end_attr or drafts[i - 1].end) if i > 0 else sent.s0, clause[0])
        inherited = i > 0 and subjects[i] == subjects[i - 1]
        nxt = drafts[i + 1].start if i + 1 < len(drafts) else sent.s1
        r = _place(t[floor : d.start]) or (None if inherited else _place(subjects[i]))
        if r is None and i > 0 and sent.clause_of(drafts[i - 1].start) == sent.clause_of(d.start):
            r = regions[-1]  # the place named earlier in the clause carries over
        if r is None:
            r = _place(t[d.end : min(nxt, clause[1])])
        regions.append(r)
    for i in range(len(drafts) - 2, -1, -1):
        if regions[i] is None and regions[i + 1] is not None:
            gap = t[drafts[i].end_attr or drafts[i].end : drafts[i + 1].start]
            if _place(gap) == regions[i + 1]:
                regions[i] = regions[i + 1]  # From No. 81 in 2015, India's 29-place move up: India's
    items_of(t, sent, drafts, subjects, regions)
    out = []
    prev_status: str | None = None
    for i, d in enumerate(drafts):
        period, _ = _period_of(sent, d, drafts, i)
        floor = (drafts[i - 1].end_attr or drafts[i - 1].end) if i > 0 else sent.s0
        own = marker(t[floor : d.start], t[d.end : d.end + 12], "en")
        same = i > 0 and not _NEW_CLAUSE.search(t[drafts[i - 1].end : d.start])
        status = own or (prev_status if same else None) or ctx.status_at(norm.span(d.start, d.end)[0])
        prev_status = status
        a, b = norm.span(d.start, d.end)
        region, year, coverage, inferred = fill_from_context(regions[i], period, a, ctx, "en")
        sa, sb = norm.span(sent.s0, sent.s1)
        out.append(
            make_fact(
                text,
                doc,
                a,
                b,
                sentence=(sa, sb),
                subject=subjects[i],
                value=float(f"{d.value:.15g}"),
                unit=d.unit,
                bound=d.bound,
                period=period,
                change=d.change,
                share=d.share,
                rank=d.rank,
                region=region,
                lang="en",
                measure="level" if d.kind == "quantity" else d.kind,
                status=status,
                year=year,
                coverage=coverage,
                inferred=tuple(inferred),
            )
        )
    return out
