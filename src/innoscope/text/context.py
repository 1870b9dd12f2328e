"""A document's context: the place it is about, its years, and its sections' years and status.

A provincial government work report delivered in January 2025 is about its
province, reports 2024's results in its first part (``一、2024年工作回顾``)
and sets 2025's targets in its second (``二、2025年工作安排``).  A sentence that
names no place or year takes them from here; a number in a planning section
is a target unless its sentence says otherwise.

Relative years are read against the year the document was written in: in a
report delivered in 2025, ``今年`` is 2025 and ``去年``/``上年`` 2024.

>>> text = ("2025年广东省政府工作报告\\n——2025年1月15日在广东省第十四届人民代表大会第三次会议上\\n"
...         "一、2024年工作回顾\\n全年…\\n二、2025年工作安排\\n…")
>>> ctx = document_context(text)
>>> ctx.region, ctx.year, ctx.written, [(s.year, s.status) for s in ctx.sections]
('广东', 2024, 2025, [(2024, 'actual'), (2025, 'target')])
>>> ctx.section_at(text.index("全年")).year
2024
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from innoscope.geo.places import find_region

__all__ = ["DocumentContext", "Section", "document_context", "fill_from_context", "resolve_year"]

_HEAD_CHARS = 400  # the title and opening lines
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_FY = re.compile(r"\bFY\s?((?:19|20)?\d{2})\b")
_DELIVERED = re.compile(r"((?:19|20)\d{2})年\d{1,2}月\d{1,2}日在")
_WORK_REPORT = re.compile(r"政府工作报告|工作报告")
_NATIONAL = re.compile(r"国务院|全国人民代表大会|全国人大")
# A heading: a line that starts with a Chinese ordinal and names a year and a part of the report.
_ZH_HEADING = re.compile(
    r"^[ \t　]*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)(?P<title>[^\n]{0,40})$", re.M
)
_PLAN_WORDS = re.compile(r"安排|任务|目标|计划|要求|打算|展望|部署|重点工作|规划")
_REVIEW_WORDS = re.compile(r"回顾|总结|成就|成绩|进展")
_EN_HEADING = re.compile(r"^[ \t]*(?:\d+\.\s*)?(?P<title>[A-Z][^\n]{0,60})$", re.M)
_EN_PLAN_WORDS = re.compile(r"\b(?:outlook|plans?|targets?|priorities|goals?|the year ahead|budget request)\b", re.I)
_EN_REVIEW_WORDS = re.compile(r"\b(?:review|results|main points|highlights|performance)\b", re.I)


@dataclass(frozen=True, slots=True)
class Section:
    """A part of a document that reports one year (``status`` actual) or plans one (``target``)."""

    start: int
    end: int
    year: int | None
    status: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What a document is about, for the sentences that do not say.

    ``region``: the place the document is about (its title and opening name it);
    ``year``: the year its results are for; ``written``: the year it was written
    or delivered in (what ``今年`` and ``去年`` count from); ``plan_year``: the year
    its targets are for; ``sections``: the parts with a year and a status.
    """

    region: str | None = None
    year: int | None = None
    written: int | None = None
    plan_year: int | None = None
    sections: tuple[Section, ...] = ()
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def section_at(self, pos: int) -> Section | None:
        """The section ``pos`` falls in, if any."""
        starts = self._starts or tuple(s.start for s in self.sections)
        k = bisect_right(starts, pos) - 1
        if k >= 0 and pos < self.sections[k].end:
            return self.sections[k]
        return None

    def year_at(self, pos: int) -> int | None:
        s = self.section_at(pos)
        return s.year if s is not None and s.year is not None else self.year

    def status_at(self, pos: int) -> str:
        s = self.section_at(pos)
        return s.status if s is not None else "actual"


def _first_year(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def document_context(
    text: str, lang: str = "zh", region: str | None = None, year: int | None = None
) -> DocumentContext:
    """Read the context from the title, the opening and the headings of ``text``.

    ``region`` and ``year`` are defaults for what the document does not say
    itself (a user's ``--region``/``--year``); what the document says wins.
    """
    head = text[:_HEAD_CHARS]
    found_region = find_region(head) if lang == "zh" else _title_region(head)
    if found_region is None and lang == "zh" and _NATIONAL.search(head):
        found_region = "全国"
    delivered = _DELIVERED.search(head)
    title_year = _first_year(head if lang == "zh" else _title(head))
    if lang != "zh":
        fy = _FY.search(head)
        if fy and title_year is None:
            title_year = _fiscal(fy.group(1))
    written = int(delivered.group(1)) if delivered else title_year
    if lang == "zh" and _WORK_REPORT.search(head) and written is not None:
        # a work report looks back on last year and plans this one
        doc_year, plan_year = written - 1, written
    else:
        doc_year, plan_year = title_year, None
    if doc_year is None:
        doc_year, written = year, written if written is not None else year
    sections = _sections(text, lang, doc_year, plan_year)
    return DocumentContext(
        region=found_region or region,
        year=doc_year,
        written=written,
        plan_year=plan_year,
        sections=sections,
        _starts=tuple(s.start for s in sections),
    )


def _title(head: str) -> str:
    """An English document's title: its first line, when it reads like one (short, no closing full stop)."""
    line = next((ln.strip() for ln in head.splitlines() if ln.strip()), "")
    return line if len(line) <= 120 and not line.endswith(".") else ""


_BENCHMARK = re.compile(r"\b(?:the\s)?(?:EU|OECD|world|global|national)\s(?:average|mean|median|total)\b")


def _title_region(head: str) -> str | None:
    """The one place an English title names (``Gross domestic expenditure on R&D, UK: 2014``), else None."""
    title = _BENCHMARK.sub(" ", _title(head))
    places = {p for p in map(find_region, re.split(r"[,;:]|\band\b|\bvs\.?\b", title)) if p}
    return places.pop() if len(places) == 1 else None


def _fiscal(y: str) -> int:
    return int(y) if len(y) == 4 else 2000 + int(y)


def _sections(text: str, lang: str, doc_year: int | None, plan_year: int | None) -> tuple[Section, ...]:
    heads = []
    pattern, plan_words, review_words = (
        (_ZH_HEADING, _PLAN_WORDS, _REVIEW_WORDS) if lang == "zh" else (_EN_HEADING, _EN_PLAN_WORDS, _EN_REVIEW_WORDS)
    )
    for m in pattern.finditer(text):
        title = m.group("title")
        y = _first_year(title)
        if lang != "zh" and y is None:
            fy = _FY.search(title)
            y = _fiscal(fy.group(1)) if fy else None
        if plan_words.search(title) and not review_words.search(title):
            status = "target"
            y = y if y is not None else plan_year
        elif review_words.search(title) or y is not None:
            status = "actual"
        else:
            continue  # a heading of a topic, not of a part of the report
        if lang == "zh" and y is None and status == "actual":
            y = doc_year
        heads.append((m.start(), y, status, title.strip()))
    out = []
    for i, (start, y, status, title) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        out.append(Section(start, end, y, status, title))
    return tuple(out)


_REL_ZH = {"今年": 0, "本年": 0, "本年度": 0, "去年": -1, "上年": -1, "上一年": -1, "明年": 1, "前年": -2}
_REL_EN = {"this year": 0, "last year": -1, "the previous year": -1, "next year": 1, "the past year": -1}
_WHOLE_YEAR = ("全年", "年内", "当年", "the year", "the full year", "the whole year")
_PART = re.compile(
    r"\d{1,2}[—\-–~至到]\d{1,2}月|\d{1,2}月(?!底|末)|上半年|下半年|前三季度|[一二三四]季度|"
    r"\b(?:first|second|third|fourth) quarter\b|\bQ[1-4]\b|\bfirst (?:half|\w+ months)\b|\bsecond half\b|"
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November)\b",
    re.I,
)
_DATE = re.compile(r"截[至止](?:目前|\d{1,2}月)|\d{1,2}月(?:底|末)|\bas of\b|\bto date\b", re.I)
_YEARS = re.compile(
    r"过去[一二三四五六七八九十\d]+年|\d{4}[—\-–~至到]\d{4}年|近[一二三四五六七八九十\d]+年|"
    r"\bover the past \w+ years\b|"
    r"\b(?:between|from) (?:FY\s?)?(?:19|20)\d\d (?:and|to) |\b(?:19|20)\d\d[-–/](?:19|20)?\d\d\b",
    re.I,
)


def resolve_year(period: str | None, pos: int, ctx: DocumentContext, lang: str) -> tuple[int | None, str | None, bool]:
    """The year a value at ``pos`` with period phrase ``period`` is for, its coverage, and whether the
    year came from the document's context rather than the phrase.

    >>> ctx = DocumentContext(year=2024, written=2025)
    >>> resolve_year("1—11月", 0, ctx, "zh"), resolve_year("今年", 0, ctx, "zh"), resolve_year(None, 0, ctx, "zh")
    ((2024, 'part', True), (2025, 'year', False), (2024, 'year', True))
    >>> resolve_year("FY2024", 0, ctx, "en"), resolve_year("过去五年", 0, ctx, "zh")
    ((2024, 'year', False), (None, 'years', False))
    """
    base = ctx.year_at(pos)
    if not period:
        return base, ("year" if base is not None else None), base is not None
    if _YEARS.search(period):
        return None, "years", False
    coverage = "part" if _PART.search(period) else ("date" if _DATE.search(period) else "year")
    fy = _FY.search(period) if lang != "zh" else None
    if fy:
        return _fiscal(fy.group(1)), coverage, False
    m = _YEAR.search(period)
    if m:
        return int(m.group(1)), coverage, False
    low = period.lower()
    rel = _REL_ZH if lang == "zh" else _REL_EN
    for word, off in rel.items():
        if word in low:
            anchor = ctx.written if ctx.written is not None else base
            return (None if anchor is None else anchor + off), coverage, False
    return base, coverage, base is not None


def fill_from_context(
    region: str | None, period: str | None, pos: int, ctx: DocumentContext, lang: str
) -> tuple[str | None, int | None, str | None, list[str]]:
    """A fact's region and year, the document's where the sentence names none; and which were so inferred.

    Returns ``(region, year, coverage, inferred)`` with ``inferred`` listing
    ``"region"`` and/or ``"year"``.

    >>> fill_from_context(None, None, 0, DocumentContext(region="广东", year=2024), "zh")
    ('广东', 2024, 'year', ['region', 'year'])
    """
    year, coverage, year_inferred = resolve_year(period, pos, ctx, lang)
    inferred = []
    if region is None and ctx.region is not None:
        region = ctx.region
        inferred.append("region")
    if year_inferred:
        inferred.append("year")
    return region, year, coverage, inferred
