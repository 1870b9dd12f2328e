"""The typed values the results layer returns.

Every reader of results (CLI, reports, the workbook, the API) gets these, never
raw store rows.  They are frozen and hold plain Python values (``None`` for a
missing score or rank), so they serialise as they are.

>>> m = Movement(1, "Index", "上海", 2023, 2022, 61.0, 58.5, 1, 2)
>>> m.change, m.source
(1, ScoreRef(run_id=1, node='Index', unit='上海', period='2023'))
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

from innoscope.provenance import FactSpan, ScoreRef, Source, to_dict

__all__ = [
    "AuditInfo",
    "DocumentInfo",
    "EntityRow",
    "FactRow",
    "IndicatorValue",
    "Movement",
    "NodeInfo",
    "Observation",
    "Page",
    "Period",
    "Provenance",
    "RankInterval",
    "Record",
    "RunInfo",
    "ScoreRow",
    "SobolIndex",
    "Streak",
    "Strength",
    "Tier",
    "UnitInfo",
    "as_dict",
]

Period = int | str
T = TypeVar("T")


def as_dict(item: Any) -> dict[str, Any]:
    """A result value as JSON-ready data; sources become their ``kind`` dicts."""
    out: dict[str, Any] = {}
    for f in fields(item):
        v = getattr(item, f.name)
        if hasattr(v, "kind") and hasattr(v, "__slots__"):
            v = to_dict(v)
        elif isinstance(v, tuple) and v and hasattr(v[0], "__dataclass_fields__"):
            v = [as_dict(x) if not hasattr(x, "kind") else to_dict(x) for x in v]
        elif isinstance(v, datetime):
            v = v.isoformat()
        elif hasattr(v, "__dataclass_fields__"):
            v = as_dict(v)
        out[f.name] = v
    return out


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a longer result: ``items[offset : offset + limit]`` of ``total``."""

    items: tuple[T, ...]
    total: int
    offset: int = 0
    limit: int | None = None

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def frame(self):
        """The items as a pandas DataFrame (one column per field)."""
        import pandas as pd

        return pd.DataFrame([asdict(i) for i in self.items])

    def _repr_html_(self) -> str:
        return self.frame().to_html(index=False, na_rep="–")


@dataclass(frozen=True, slots=True)
class RunInfo:
    """A stored run and what tells it apart from the others.

    ``label`` lists the settings that differ from the defaults (e.g.
    ``normalise=zscore; weights=pca``); ``settings_hash`` and
    ``framework_hash`` are SHA-256 of their canonical JSON, so two rows with the
    same hashes were computed the same way from the same framework.
    """

    run_id: int
    created_at: datetime
    workspace: str
    name: str
    framework: str
    root: str
    label: str
    settings_hash: str
    framework_hash: str
    data_hash: str
    units: int
    periods: tuple[Period, ...]
    settings: dict[str, Any]
    inputs: dict[str, str]
    notes: dict[str, Any]


@dataclass(frozen=True, slots=True)
class NodeInfo:
    """A node of a run's framework."""

    code: str
    parent: str | None
    level: int
    name_en: str
    name_zh: str
    weight: float
    is_indicator: bool
    direction: int = 1
    unit: str | None = None
    notes: str = ""

    def name(self, lang: str = "en") -> str:
        first, second = (self.name_zh, self.name_en) if lang == "zh" else (self.name_en, self.name_zh)
        return first or second or self.code


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """A unit of a run: its code, name and group labels."""

    code: str
    name: str
    groups: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """A score and rank of one node, unit and period of a run."""

    run_id: int
    node: str
    unit: str
    period: Period
    score: float | None
    rank: int | None

    @property
    def source(self) -> ScoreRef:
        return ScoreRef(self.run_id, self.node, self.unit, str(self.period))


@dataclass(frozen=True, slots=True)
class Movement:
    """A unit's score and rank in a period against the period before (``None`` where it has none)."""

    run_id: int
    node: str
    unit: str
    period: Period
    previous_period: Period | None
    score: float | None
    previous_score: float | None
    rank: int | None
    previous_rank: int | None

    @property
    def change(self) -> int | None:
        """Places gained (positive: moved up, the rank number fell)."""
        if self.rank is None or self.previous_rank is None:
            return None
        return self.previous_rank - self.rank

    @property
    def score_change(self) -> float | None:
        if self.score is None or self.previous_score is None:
            return None
        return self.score - self.previous_score

    @property
    def source(self) -> ScoreRef:
        return ScoreRef(self.run_id, self.node, self.unit, str(self.period))


@dataclass(frozen=True, slots=True)
class Streak:
    """``length`` consecutive periods, ending at ``period``, in which the unit held ``rank``."""

    run_id: int
    node: str
    unit: str
    period: Period
    rank: int
    length: int
    since: Period


@dataclass(frozen=True, slots=True)
class Record:
    """A unit's best (or worst) rank or score of all the periods so far, reached in ``period``.

    ``previous`` is the best (worst) before ``period``; ``periods`` counts the
    periods compared.  A record is ``new`` when it beats every earlier period
    strictly (排名再创新高), and only then is it returned by the results layer.
    """

    run_id: int
    node: str
    unit: str
    period: Period
    what: Literal["rank", "score"]
    direction: Literal["best", "worst"]
    value: float
    previous: float
    periods: int


@dataclass(frozen=True, slots=True)
class Strength:
    """A node where the unit ranks far from its overall rank: ``gap`` = overall rank − node rank.

    Positive gaps are strengths (the unit ranks better there than overall),
    negative ones weaknesses.
    """

    run_id: int
    unit: str
    period: Period
    node: str
    level: int
    rank: int
    overall_rank: int
    gap: int
    score: float | None

    @property
    def kind(self) -> Literal["strength", "weakness"]:
        return "strength" if self.gap > 0 else "weakness"


@dataclass(frozen=True, slots=True)
class AuditInfo:
    """A stored audit of a run: an uncertainty analysis or a sensitivity (Sobol) analysis."""

    audit_id: int
    run_id: int
    kind: Literal["uncertainty", "sensitivity"]
    created_at: datetime
    period: Period
    runs: int
    seed: int | None
    engine: str
    settings: dict[str, Any]
    notes: dict[str, Any]


@dataclass(frozen=True, slots=True)
class RankInterval:
    """A unit's rank under the audit's uncertain inputs: nominal, median and the 5–95 % interval.

    Score statistics are ``None`` when the audit's runs do not share one scale
    (e.g. min-max and z-score runs mixed), since they would mean nothing.
    """

    audit_id: int
    unit: str
    period: Period
    nominal_rank: int | None
    median_rank: float
    mean_rank: float
    q05_rank: float
    q95_rank: float
    nominal_score: float | None
    median_score: float | None = None
    q05_score: float | None = None
    q95_score: float | None = None


@dataclass(frozen=True, slots=True)
class SobolIndex:
    """First-order and total Sobol indices of one uncertain input (``factor``) on ``target``.

    ``*_low``/``*_high`` bound the bootstrap interval; ``flagged`` marks an index
    whose interval is wider than the index itself.
    """

    audit_id: int
    target: str
    factor: str
    s1: float
    s1_low: float | None
    s1_high: float | None
    st: float
    st_low: float | None
    st_high: float | None
    flagged: bool = False


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A stored document (keyed by the SHA-256 of its bytes) and how many facts it gave."""

    doc_id: str
    name: str
    path: str
    format: str
    lang: str
    chars: int
    facts: int
    stored_at: datetime
    context: dict[str, Any]


@dataclass(frozen=True, slots=True)
class FactRow:
    """A stored fact: its whole record (as ``Fact.to_record`` gives it) and its span."""

    doc_id: str
    idx: int
    record: dict[str, Any]
    source: FactSpan

    @property
    def text(self) -> str:
        return self.record["text"]

    @property
    def value(self) -> float:
        return self.record["value"]

    @property
    def unit(self) -> str:
        return self.record["unit"]

    @property
    def subject(self) -> str:
        return self.record.get("subject") or ""


@dataclass(frozen=True, slots=True)
class EntityRow:
    """A stored entity mention with its span."""

    doc_id: str
    name: str
    type: str
    source: FactSpan


@dataclass(frozen=True, slots=True)
class Observation:
    """An input value of a run: the observed ``value`` (None where missing) with its typed source.

    ``imputed`` holds the value imputation put in when the observation was missing; ``measure``
    says which of the source's numbers it is (``raw``, ``score``, ``rank``, ``relative``).
    """

    run_id: int
    unit: str
    indicator: str
    period: Period
    value: float | None
    source: Source
    imputed: float | None = None
    measure: str = "raw"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a score comes from: the run's method, the child scores and the observations beneath it."""

    score: ScoreRow
    node: NodeInfo
    run: RunInfo
    children: tuple[ScoreRow, ...]
    observations: tuple[Observation, ...]


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """A unit's observed value of an indicator in a period, against the period before and all units.

    ``growth_pct`` is the relative change in percent (None unless both values
    are positive); ``change`` the absolute difference (percentage points for a
    ``%`` indicator).  ``total`` and ``share_pct`` are given only for an
    additive indicator (a count or an amount, see
    :func:`~innoscope.results.analysis.is_additive`): the sum over the run's
    units with a value and the unit's share of it.  ``mean`` is the mean over
    those units, ``rank`` the unit's rank on the indicator's value (1 = best,
    in the indicator's direction).
    """

    run_id: int
    unit: str
    indicator: str
    period: Period
    value: float | None
    indicator_unit: str | None
    previous_period: Period | None
    previous_value: float | None
    growth_pct: float | None
    change: float | None
    total: float | None
    share_pct: float | None
    mean: float | None
    units: int
    rank: int | None
    source: Source | None
    previous_source: Source | None = None


@dataclass(frozen=True, slots=True)
class Tier:
    """A unit's tier on ``node`` in a period.

    Tier 1: score at or above ``mean`` (the mean over the run's units); tier 2:
    below the mean and, where a ``floor`` is set, at or above it; tier 3: below
    the floor.  ``members`` lists the units of the same tier, best first.
    """

    run_id: int
    node: str
    unit: str
    period: Period
    tier: int
    score: float
    mean: float
    floor: float | None
    members: tuple[str, ...]
    units: int
