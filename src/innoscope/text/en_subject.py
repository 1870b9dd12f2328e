"""What an English number is about: the noun phrase a sentence names for it.

Heuristics on the words before a number (after the previous fact of the
sentence): introductory phrases (``In 2014,``, ``Adjusted for inflation …,``)
and asides (``, in current prices,``) are dropped and the subject is what comes
before the first verb (``Total R&D expenditure in the UK … represented 1.67%``);
a relative clause (``Sweden, which scores 135.7%``) or a participle (``Finland,
performing at 135.5%``) points back at the noun before its comma; a pronoun
(``This was below the EU's provisional estimate of 2.03%``) is replaced by the
phrase after its verb, or by the previous fact's subject.  A count takes the
noun after it (``25 countries``).  ``respectively`` gives each listed item its
value (``Higher Education and Business Enterprise R&D have increased by 27% and
34%, respectively``) or, when the items are places, its region.

>>> from innoscope.text.en import extract_en
>>> [f.subject for f in extract_en("In 2014, total R&D expenditure in the UK, in constant prices, increased by 3%.")]
['total R&D expenditure in the UK']
>>> facts = extract_en("Israel and Korea spent the most on R&D, at 4.9% and 4.5% of GDP, respectively.")
>>> [(f.subject, f.region) for f in facts]
[('the most on R&D', 'ISR'), ('the most on R&D', 'KOR')]
"""

from __future__ import annotations

import re

from innoscope.geo.places import find_region

__all__ = ["items_of", "subject_of"]

_VERBS = (
    r"is|are|was|were|be|been|being|has|have|had|will|would|could|should|may|might|can|shall|"
    r"rose|rises|rise|increased|increases|grew|grows|fell|falls|declined|declines|decreased|decreases|dropped|drops|"
    r"reached|reaches|represented|represents|represent|accounted|accounts|account|received|receives|receive|"
    r"includes|include|included|including|remained|remains|remain|saw|sees|displayed|displays|surpassed|surpasses|"
    r"scores|scored|stood|stands|totalled|totaled|totals|amounted|amounts|came|comes|ranks|ranked|ranking|"
    r"maintained|maintains|recorded|records|registered|posted|achieved|attracted|attracts|employed|employs|spent|"
    r"spends|invested|invests|granted|issued|published|filed|raised|secured|hit|topped|exceeded|exceeds|doubled|"
    r"improved|improves|expanded|gained|jumped|climbed|experienced|observed|highlights|highlighted|shows|showed|"
    r"reports|reported|identified|counted|numbered|hosts|hosted|houses|holds|held|led|leads|compares|"
    r"performs|performing|increasing|growing|falling|moved|fall|observe|experience|adds|add|added|provides|provided|"
    r"contributes|contributed|allocates|allocated|commits|committed|pledged|pledges|comes|come|goes|went|"
    r"totalling|reaching|rising|climbing|amounting|standing"
)
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_LEAD = re.compile(
    r"^(?:,\s*)?(?:(?:in|by|for|at|during|over|since|from|adjusted|thanks|compared|based|according|against|within|across|"
    r"among|under|after|before|yet|but|however|meanwhile|moreover|overall|nevertheless|by contrast|in contrast|"
    r"just behind|as|on|of which|of these|in total|altogether|similarly|likewise|also)\b[^,]*,\s+)+",
    re.IGNORECASE,
)
_CONJ = re.compile(
    r"^(?:,\s*)?(?:while|whereas|and|but|with|yet|or|so|then|also|only|just|compared (?:with|to)|against|versus|"
    r"relative to|from|as well as)\b\s*",
    re.IGNORECASE,
)
_PREPOSITION = re.compile(r"^(?:in|at|on|as|for|of|with|by|from|to|into|among|between|than|over|under)\b", re.I)
_ASIDE = re.compile(r",\s(?:in|at|on|adjusted for|measured in)\s[^,]{1,40},\s", re.IGNORECASE)
_PARENS = re.compile(r"\s?\([^()]*\)")
_PERIODS = re.compile(r"\b(?:(?:in|for|during|by)\s)?(?:FY\s?\d{2,4}|(?:19|20)\d\d)\b,?", re.IGNORECASE)
_TRAIL = re.compile(
    r"(?:\s|^)(?:of|at|to|for|by|from|with|on|in|as|the|a|an|its|their|that|than|and|or|which|who|is|are|was|were|"
    r"increase|increases|rise|rises|growth|grow|fall|decline|drop|up|down|above|below|over|under|around|about|"
    r"nearly|approximately|roughly|some|more|less|only|just|almost|"
    r"an? (?:increase|rise|decrease|decline|drop|fall|improvement|growth)|constant-dollar|real)\s*$",
    re.IGNORECASE,
)
_TRAIL_KEEP_LEVEL = re.compile(r"(?:\s|^)(?:of|at|to|for|by|from|with|on|in|as|than)\s*$", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:this|that|these|those|it|they|which|who|there|here)$", re.IGNORECASE)
_RELATIVE = re.compile(
    r",\s(?:which|who|whose|that)\s[^,]*$|,\s(?:performing|scoring|accounting|representing|reaching|with)\b[^,]*$"
)
_ACRONYM_PAREN = re.compile(r"\(\s?[A-Z][A-Za-z&.]{1,12},\s?$")
_POST_NOUN = re.compile(r"^\s((?:(?!(?:of|in|on|at|to|for|by|from|with|and|or|than|as)\b)[A-Za-z][\w&'’\-]*\s?){1,4})")
_INVERTED = re.compile(r"^\s(?:place\s)?(?:is|was|are|were)\s(?P<np>(?:the\s)?[A-Z][\w’'\-]*(?:\s[A-Z][\w’'\-]*)*)")
_COMPARE_LEAD = re.compile(
    r"^(?:below|above|ahead of|behind|over|under|higher than|lower than|more than|less than)\s", re.I
)
_SPLIT_ITEMS = re.compile(r",\s(?:and\s)?|\sand\s")


def _clean(s: str) -> str:
    s = _PARENS.sub("", s)
    s = _PERIODS.sub(" ", s)
    s = re.sub(r"\s+", " ", s).strip(" ,;:-–—")
    for _ in range(4):
        new = _TRAIL.sub("", s).strip(" ,;:-–—")
        if new == s:
            break
        s = new
    return s


def _np_after_verb(text: str) -> str:
    m = _VERB.search(text)
    rest = text[m.end() :] if m else text
    rest = _COMPARE_LEAD.sub("", rest.strip())
    return rest


def _last_np(text: str) -> str:
    """The noun phrase at the end of ``text``: after its last verb, comma, ``with`` or ``by``."""
    text = _PARENS.sub("", text)
    cut = 0
    for m in re.finditer(rf",\s|\b(?:{_VERBS}|with|by|driven by|led by|behind|of which)\b\s?", text):
        cut = m.end()
    return text[cut:].strip()


def _main_verb(text: str) -> re.Match | None:
    """The first verb of ``text`` that is not a participle right before another verb (patents granted rose)."""
    verbs = list(_VERB.finditer(text))
    for k, m in enumerate(verbs):
        if k + 1 < len(verbs) and not text[m.end() : verbs[k + 1].start()].strip() and m.group(0).endswith("ed"):
            continue
        return m
    return None


def subject_of(t: str, sent, drafts: list, i: int) -> str:
    """The subject of ``drafts[i]`` in the normalised text ``t`` (see the module docstring)."""
    d = drafts[i]
    if d.hint:
        return _clean(d.hint)
    clause = sent.clauses[sent.clause_of(d.start)]
    floor = max((drafts[i - 1].end_attr or drafts[i - 1].end) if i > 0 else sent.s0, clause[0])
    prev = subject_of(t, sent, drafts, i - 1) if i > 0 else ""
    after = t[d.end : sent.s1]
    if d.unit == "count" and d.kind == "quantity":
        m = _POST_NOUN.match(after)
        if m:
            words = m.group(1).split()
            head = []
            for w in words:
                if _VERB.fullmatch(w):
                    break
                head.append(w)
            if head:
                return _clean(" ".join(head))
    if d.kind == "rank":
        inv = _INVERTED.match(after)
        if inv and t[max(floor, d.start - 4) : d.start].strip().lower() == "in":
            return inv.group("np")
    pre = t[floor : d.start]
    rel = _RELATIVE.search(pre)
    if rel:
        return _clean(_last_np(pre[: rel.start()])) or prev
    if _ACRONYM_PAREN.search(pre):
        head = pre[: pre.rindex("(")]
        return _clean(_last_np(head)) or prev
    pre = _ASIDE.sub(", ", pre)
    pre = re.sub(r",\s(?:which|who)\s[^,]*,\s", " ", pre)
    pre = _LEAD.sub("", pre.strip())
    pre = _CONJ.sub("", pre)
    pre = _LEAD.sub("", pre)
    verb = _main_verb(pre)
    subject = pre[: verb.start()] if verb else pre
    subject = _clean(subject)
    if not subject or _PRONOUN.match(subject):
        obj = _clean(_np_after_verb(pre)) if verb else ""
        if _VERB.match(obj) or re.match(r"^\w+(?:ed|ing)\b", obj):
            obj = ""  # it has increased by …: no noun after the verb
        subject = obj or prev
    subject = _COMPARE_LEAD.sub("", subject)
    if _PREPOSITION.match(subject):
        subject = prev or subject
    return subject


def items_of(t: str, sent, drafts: list, subjects: list[str], regions: list) -> None:
    """Give each value of a ``respectively`` list its item, as subject or region (in place)."""
    i = 0
    while i < len(drafts):
        j = i + 1
        while j < len(drafts) and re.fullmatch(
            r"(?:,\s|\s)?(?:and\s)?|,\s?and\s", t[drafts[j - 1].end : drafts[j].start]
        ):
            j += 1
        n = j - i
        tail = t[drafts[j - 1].end_attr or drafts[j - 1].end : sent.s1]
        if n >= 2 and re.match(r"^[^.;]{0,40}?\brespectively\b", tail):
            items = [x.strip() for x in _SPLIT_ITEMS.split(subjects[i]) if x.strip()]
            if len(items) == n:
                places = [find_region(x) for x in items]
                if all(places):
                    floor = (drafts[i - 1].end_attr or drafts[i - 1].end) if i > 0 else sent.s0
                    obj = _clean(_np_after_verb(t[floor : drafts[i].start]))
                    for k in range(n):
                        regions[i + k] = places[k]
                        subjects[i + k] = obj or subjects[i]
                else:
                    for k in range(n):
                        subjects[i + k] = items[k]
        i = j
