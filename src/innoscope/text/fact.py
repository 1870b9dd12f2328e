"""A fact: one quantitative statement of a document, anchored to its span.

Facts are immutable and their span is the source of truth: ``text`` is
always ``document[start:end]`` (checked on construction by :func:`make_fact`).
A fact's change, share and rank are typed values (:class:`Change`,
:class:`Share`, :class:`Rank`); :meth:`Fact.to_record` writes them as plain
JSON objects that :func:`change_from_dict` and friends read back.

>>> doc = "全市获发明专利授权30519件，同比增长40.1%"
>>> f = make_fact(doc, "d.txt", 9, 15, sentence=(0, len(doc)), subject="全市获发明专利授权", value=30519, unit="件",
...               change=Change("yoy", pct=40.1))
>>> f.text, f.change.pct, f.to_record()["change"]
('30519件', 40.1, {'kind': 'yoy', 'pct': 40.1})
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

__all__ = [
    "MEASURES",
    "STATUSES",
    "Change",
    "Entity",
    "Fact",
    "Rank",
    "Share",
    "change_from_dict",
    "make_fact",
    "rank_from_dict",
    "share_from_dict",
]

STATUSES = ("actual", "estimate", "target")
MEASURES = ("level", "change", "share", "rank")
COVERAGES = ("year", "part", "years", "date")


def _plain(v: float | None) -> float | int | None:
    """An integral float as an int (JSON ``40`` rather than ``40.0``); other values unchanged."""
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        return int(v)
    return v


@dataclass(frozen=True, slots=True)
class Change:
    """A change of a quantity: in percent, percentage points, a multiple, an amount or rank places.

    ``kind`` is ``yoy`` (year on year), ``mom`` (on the previous month), ``change``
    (over a stated or implied time) or ``diff`` (a difference from a reference,
    ``above the EU average by 8.1%-points``: ``against`` names it).  ``since`` is the
    base period (``since 2016``, ``above the FY2023 level``).  Falls are negative.

    >>> Change("change", delta=3.5e9, unit="USD", pct=9).to_dict()
    {'kind': 'change', 'pct': 9, 'delta': 3500000000, 'unit': 'USD'}
    """

    kind: str
    pct: float | None = None
    pp: float | None = None
    times: float | None = None
    delta: float | None = None
    unit: str | None = None
    places: int | None = None
    since: str | None = None
    against: str | None = None
    bound: str = "exact"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for k in ("pct", "pp", "times", "delta", "unit", "places", "since", "against"):
            v = getattr(self, k)
            if v is not None:
                out[k] = _plain(v)
        if self.bound != "exact":
            out["bound"] = self.bound
        return out

    @property
    def value(self) -> float:
        """The change's one number: percent, points, multiple, amount or places, whichever is stated first."""
        for k in ("pct", "pp", "times", "delta", "places"):
            v = getattr(self, k)
            if v is not None:
                return float(v)
        return 0.0


@dataclass(frozen=True, slots=True)
class Share:
    """A part of a whole in percent: ``占全国总数的29.8%`` is ``Share(29.8, "全国")``."""

    pct: float
    of: str | None = None
    bound: str = "exact"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"pct": _plain(self.pct), "of": self.of}
        if self.bound != "exact":
            out["bound"] = self.bound
        return out


@dataclass(frozen=True, slots=True)
class Rank:
    """A position in a ranking: ``全球第8位`` is ``Rank(8, "全球")``; ``3rd of 27`` has ``out_of=27``;
    ``连续36年居全国首位`` has ``streak=36`` (years running)."""

    position: int
    scope: str | None = None
    out_of: int | None = None
    streak: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"position": self.position, "scope": self.scope}
        if self.out_of is not None:
            out["out_of"] = self.out_of
        if self.streak is not None:
            out["streak"] = self.streak
        return out


def change_from_dict(d: dict[str, Any] | None) -> Change | None:
    """The :class:`Change` a record's ``change`` object describes (None for None)."""
    return None if d is None else Change(**d)


def share_from_dict(d: dict[str, Any] | None) -> Share | None:
    return None if d is None else Share(**d)


def rank_from_dict(d: dict[str, Any] | None) -> Rank | None:
    return None if d is None else Rank(**d)


@dataclass(frozen=True, slots=True)
class Fact:
    """A quantity with its attributes.

    ``measure`` says what the value is: a ``level`` (a count, an amount, a ratio),
    a ``change``, a ``share`` or a ``rank`` standing alone.  ``status`` is
    ``actual``, ``estimate`` or ``target`` (a plan or goal).  ``period`` is the
    period phrase as written; ``year`` the calendar or fiscal year the value is
    for, and ``coverage`` how much of it the value covers: ``year``, ``part``
    (``1—11月``, ``上半年``), ``years`` (``过去五年``) or ``date`` (``截至目前``).
    ``inferred`` names the attributes taken from the document's context rather
    than the sentence (``region``, ``year``).
    """

    doc: str
    start: int
    end: int
    text: str
    sentence: str
    subject: str
    value: float
    unit: str
    bound: str = "exact"
    period: str | None = None
    change: Change | None = None
    share: Share | None = None
    rank: Rank | None = None
    region: str | None = None
    lang: str = "zh"
    measure: str = "level"
    status: str = "actual"
    year: int | None = None
    coverage: str | None = None
    inferred: tuple[str, ...] = ()

    def to_record(self) -> dict[str, Any]:
        """The fact as a JSON-ready dict (integral values as ints, typed values as objects)."""
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "sentence": self.sentence,
            "subject": self.subject,
            "value": _plain(float(self.value)),
            "unit": self.unit,
            "bound": self.bound,
            "period": self.period,
            "change": None if self.change is None else self.change.to_dict(),
            "share": None if self.share is None else self.share.to_dict(),
            "rank": None if self.rank is None else self.rank.to_dict(),
            "region": self.region,
            "lang": self.lang,
            "measure": self.measure,
            "status": self.status,
            "year": self.year,
            "coverage": self.coverage,
            "inferred": list(self.inferred),
        }


FACT_FIELDS = tuple(f.name for f in fields(Fact))


@dataclass(frozen=True, slots=True)
class Entity:
    """A named actor of the innovation system mentioned in a document."""

    doc: str
    start: int
    end: int
    name: str
    type: str
    kind: str = "entity"

    def to_record(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "type": self.type,
            "kind": self.kind,
        }


def make_fact(document: str, doc: str, start: int, end: int, *, sentence: tuple[int, int], **attrs: Any) -> Fact:
    """Build a fact whose text and sentence are taken from ``document`` by their spans."""
    if not 0 <= start < end <= len(document):
        raise ValueError(f"span [{start}, {end}) outside the document of length {len(document)}")
    return Fact(
        doc=doc, start=start, end=end, text=document[start:end], sentence=document[sentence[0] : sentence[1]], **attrs
    )
