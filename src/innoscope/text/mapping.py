"""From facts to panel observations, safely, with the checks that come with them.

A framework indicator lists the phrases that name it (``phrases: [发明专利授权]``);
a fact whose subject contains one of them is a candidate observation of that
indicator.  It becomes one only if it measures what the indicator measures:

* unit and dimension (:mod:`innoscope.text.units`): a level in the
  indicator's unit (converted: ``3.2万亿元`` for an indicator in 亿元 is 32000),
  a percentage for a percentage, a growth rate only for a growth indicator, a
  rank for a rank; never a count for a per-population or per-GDP ratio;
* status: actuals only, unless ``statuses`` admits estimates or targets;
* period: the fact's year (stated, or the document's); a part of a year
  (``1—11月``) or several years is refused unless ``partial`` keeps it, as
  such — its ``coverage`` column says which part it covers;
* region: the fact's own (stated, or the document's); ``region`` and
  ``period`` are defaults for facts that have none, never overrides.

Every refused candidate is reported with its span and the reason; a bound
(``突破2万家``: over) is kept in the ``bound`` column.  Then the checks: the
total a share implies, the previous level a growth rate implies, and
conflicting values for the same unit, indicator, period and coverage.

>>> from innoscope.frameworks import Framework, Node
>>> from innoscope.text import extract_facts
>>> fw = Framework.from_nodes([Node("I", None), Node("pat", "I", unit="件", phrases=("发明专利授权",))])
>>> facts = extract_facts("2021年，上海获发明专利授权30519件，同比增长40.1%。", "a.txt")
>>> m = map_facts(facts, fw)
>>> m.observations[["unit", "indicator", "period", "value", "bound"]].to_dict("records")
[{'unit': '上海', 'indicator': 'pat', 'period': 2021, 'value': 30519.0, 'bound': 'exact'}]
>>> [c.message for c in m.checks]
['30519件 grew 40.1% year on year: the previous level was about 21784 件']
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, field

import pandas as pd

from innoscope.errors import E, InnoscopeError
from innoscope.frameworks import Framework
from innoscope.provenance import FactSpan, to_dict
from innoscope.text.fact import Fact
from innoscope.text.units import UnitSpec, indicator_unit

__all__ = ["Check", "Mapping", "check_facts", "map_facts"]

COLUMNS = [
    "unit", "indicator", "period", "value", "bound", "status", "coverage", "file", "row", "fact", "subject", "source",
]  # fmt: skip
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Check:
    """One finding: ``refused`` (a matching fact that is not an observation, and why), ``bound``,
    ``implied_total``, ``implied_previous``, ``conflict`` or ``note``; ``facts`` are their spans."""

    kind: str
    message: str
    facts: tuple[str, ...] = ()


@dataclass
class Mapping:
    """The observations (a long table, one row per fact used, with its typed ``source``) and the checks."""

    observations: pd.DataFrame
    checks: list[Check] = field(default_factory=list)

    @property
    def refused(self) -> list[Check]:
        return [c for c in self.checks if c.kind == "refused"]

    def table(self) -> pd.DataFrame:
        """The observations for a file: the ``source`` as its JSON form."""
        out = self.observations.copy()
        out["source"] = [json.dumps(to_dict(s), ensure_ascii=False) for s in out["source"]]
        return out


def _where(f: Fact) -> str:
    return f"{f.doc}:{f.start}-{f.end}"


def check_facts(facts: Iterable[Fact]) -> list[Check]:
    """Totals implied by shares and previous levels implied by growth rates."""
    out = []
    for f in facts:
        if f.share and f.share.pct and f.measure == "level" and f.unit not in ("%", "pp", "rank"):
            total = f.value / (f.share.pct / 100)
            of = f.share.of or "the whole"
            msg = f"{f.text} is {f.share.pct:g}% of {of}: {of} ≈ {total:.0f} {f.unit}"
            out.append(Check("implied_total", msg, (_where(f),)))
        c = f.change
        if c and c.kind == "yoy" and c.pct is not None and f.measure == "level" and f.unit not in ("%", "pp", "rank"):
            prev = f.value / (1 + c.pct / 100)
            word = "grew" if c.pct >= 0 else "fell"
            msg = f"{f.text} {word} {abs(c.pct):g}% year on year: the previous level was about {prev:.0f} {f.unit}"
            out.append(Check("implied_previous", msg, (_where(f),)))
    return out


def _value_for(f: Fact, spec: UnitSpec) -> tuple[float | None, str | None]:
    """The fact's value in the indicator's unit, or None and why it does not measure the indicator."""
    what = {"level": "a level", "change": "a change", "share": "a share", "rank": "a rank"}[f.measure]
    if spec.dimension == "rank":
        return (
            (float(f.rank.position), None)
            if f.rank is not None and f.measure == "rank"
            else (None, f"{what}, the indicator is a rank")
        )
    if spec.dimension == "growth":
        if f.measure == "change" and f.change is not None and f.change.pct is not None:
            return f.change.pct, None
        return None, f"{what} ({f.unit}), the indicator is a growth rate in %"
    if spec.dimension == "points":
        if f.change is not None and f.change.pp is not None and f.measure == "change":
            return f.change.pp, None
        return None, f"{what} ({f.unit}), the indicator is in percentage points"
    if f.measure == "change":
        return None, f"a change ({f.text}), not a level: the indicator is in {spec.text or 'levels'}"
    if f.measure == "rank":
        return None, f"a rank, the indicator is in {spec.text or 'levels'}"
    if spec.dimension == "percent":
        if f.unit == "%":
            return f.value, None
        return None, f"{f.unit}, the indicator is a percentage"
    if spec.dimension == "ratio":
        if f.unit == spec.base:
            return f.value, None
        kind = "a count" if f.unit not in ("%", "pp") else "a percentage"
        return None, f"{kind} ({f.unit}), the indicator is a ratio ({spec.text}): it needs the denominator too"
    if spec.dimension == "level":
        if f.unit == "%":
            return None, f"a percentage, the indicator is in {spec.text}"
        if not spec.accepts_unit(f.unit):
            return None, f"unit {f.unit}, the indicator is in {spec.text}"
        return f.value / spec.multiplier, None
    return f.value, None  # unknown: not checked (noted once)


def _phrase_index(framework: Framework) -> list[tuple[str, str, bool]]:
    out = []
    for code in framework.indicators:
        for p in framework.node(code).phrases:
            out.append((p, code, bool(_LATIN.search(p))))
    return sorted(out, key=lambda x: -len(x[0]))


def _match(f: Fact, phrases: list[tuple[str, str, bool]]) -> str | None:
    low = f.subject.lower()
    for p, code, latin in phrases:
        if (p.lower() in low) if latin else (p in f.subject):
            return code
    return None


def map_facts(
    facts: list[Fact],
    framework: Framework,
    region: str | None = None,
    period: int | str | None = None,
    *,
    statuses: Iterable[str] = ("actual",),
    partial: bool = False,
    checksums: MappingABC[str, str] | None = None,
    where: str = "framework",
) -> Mapping:
    """Observations of the framework's indicators found among ``facts``, what was refused and why, and the checks.

    ``region`` and ``period`` are used only for facts without a region or a year
    of their own; ``statuses`` are the statuses kept (``actual``, ``estimate``,
    ``target``); ``partial`` keeps facts that cover part of a year (or several);
    ``checksums`` maps document names to their SHA-256 for the facts' typed sources.
    A framework none of whose indicators names a phrase is refused (E501).
    """
    phrases = _phrase_index(framework)
    if not phrases:
        raise InnoscopeError(
            E.NO_PHRASES, where=where, detail=f"none of its {len(framework.indicators)} indicators lists `phrases`"
        )
    keep = set(statuses)
    specs = {
        code: indicator_unit(framework.node(code).unit, framework.node(code).name_en + framework.node(code).name_zh)
        for code in framework.indicators
    }
    checksums = checksums or {}
    rows = []
    checks: list[Check] = []
    unchecked: set[str] = set()
    for f in facts:
        code = _match(f, phrases)
        if code is None:
            continue
        label = f"{f.text} ({f.subject}, {_where(f)}) matches {code} but"

        def refuse(reason: str, f: Fact = f, label: str = label) -> None:
            checks.append(Check("refused", f"{label} {reason}", (_where(f),)))

        if f.status not in keep:
            refuse(
                f"is {'an' if f.status == 'estimate' else 'a'} {f.status}, not a result; "
                f"--status {f.status} keeps {f.status}s"
            )
            continue
        spec = specs[code]
        value, why = _value_for(f, spec)
        if why is not None:
            refuse(f"is {why}")
            continue
        if spec.dimension == "unknown":
            unchecked.add(code)
        when: int | str | None = f.year if f.year is not None else period
        if f.coverage in ("part", "years", "date") and not partial:
            span = {"part": "part of a year", "years": "several years", "date": "a date within a year"}[f.coverage]
            refuse(
                f"covers {span} ({f.period}), not the year {when if when is not None else ''}".rstrip()
                + "; --partial keeps it with its coverage"
            )
            continue
        unit = f.region if f.region is not None else region
        if unit is None or when is None:
            missing = " and ".join(x for x, v in (("region", unit), ("period", when)) if v is None)
            refuse(f"has no {missing}; give --region/--period for facts that name none")
            continue
        if f.bound != "exact":
            checks.append(
                Check("bound", f"{f.text} ({code}, {unit} {when}) is a bound ({f.bound}), kept as such", (_where(f),))
            )
        rows.append(
            {
                "unit": unit,
                "indicator": code,
                "period": when,
                "value": float(value),
                "bound": f.bound,
                "status": f.status,
                "coverage": f.period if f.coverage in ("part", "years", "date") else "year",
                "file": f.doc,
                "row": f.start,
                "fact": f.text,
                "subject": f.subject,
                "source": FactSpan(checksums.get(f.doc, ""), f.start, f.end, f.doc),
            }
        )
    for code in sorted(unchecked):
        checks.append(Check("note", f"{code} declares no unit: the facts mapped to it were not checked for one"))
    checks = check_facts(facts) + checks
    obs = pd.DataFrame(rows, columns=COLUMNS)
    for (u, ind, p, cov), grp in obs.groupby(["unit", "indicator", "period", "coverage"]):
        if grp["value"].nunique() > 1:
            vals = ", ".join(
                f"{v:g} ({fl}:{r})" for v, fl, r in zip(grp["value"], grp["file"], grp["row"], strict=True)
            )
            which = "" if cov == "year" else f" ({cov})"
            checks.append(
                Check(
                    "conflict",
                    f"{ind} for {u} in {p}{which} has conflicting values: {vals}",
                    tuple(f"{fl}:{r}" for fl, r in zip(grp["file"], grp["row"], strict=True)),
                )
            )
    return Mapping(obs, checks)
