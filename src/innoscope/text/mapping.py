"""From facts to panel observations, with the consistency checks that come with them.

A framework indicator lists the phrases that name it (``phrases: [发明专利授权]``);
a fact whose subject contains one of them becomes an observation of that
indicator: unit = the fact's region (or a default), period = the year in the
fact's period (or a default), value = the fact's value, source = the fact's
document and span.  Facts that match but lack a region or a period are
reported, not dropped silently.

Checks: the total a share implies (107篇 = 29.8% of 全国 -> 全国 ≈ 359), the
previous level a growth rate implies, and conflicting values for the same
unit, indicator and period.

>>> from innoscope.frameworks import Framework, Node
>>> from innoscope.text import extract_facts
>>> fw = Framework.from_nodes([Node("I", None), Node("pat", "I", phrases=("发明专利授权",))])
>>> facts = extract_facts("2021年，上海获发明专利授权30519件，同比增长40.1%。", "a.txt")
>>> m = map_facts(facts, fw)
>>> m.observations[["unit", "indicator", "period", "value"]].to_dict("records")
[{'unit': '上海', 'indicator': 'pat', 'period': 2021, 'value': 30519.0}]
>>> [c.message for c in m.checks]
['30519件 grew 40.1% year on year: the previous level was about 21784 件']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from innoscope.frameworks import Framework
from innoscope.text.fact import Fact

__all__ = ["Check", "Mapping", "check_facts", "map_facts"]

_YEAR = re.compile(r"(?:19|20)\d{2}")
COLUMNS = ["unit", "indicator", "period", "value", "file", "row", "fact", "subject"]


@dataclass(frozen=True)
class Check:
    """One finding of the consistency checks."""

    kind: str  # implied_total | implied_previous | conflict | unmapped
    message: str
    facts: tuple[str, ...] = ()


@dataclass
class Mapping:
    observations: pd.DataFrame
    checks: list[Check] = field(default_factory=list)


def _period(fact: Fact, default: int | str | None) -> int | str | None:
    if fact.period:
        m = _YEAR.search(fact.period)
        if m:
            return int(m.group(0))
    return default


def _where(f: Fact) -> str:
    return f"{f.doc}:{f.start}-{f.end}"


def check_facts(facts: list[Fact]) -> list[Check]:
    """Totals implied by shares and previous levels implied by growth rates."""
    out = []
    for f in facts:
        if f.share and f.share.get("pct") and f.unit not in ("%", "pp", "rank"):
            total = f.value / (f.share["pct"] / 100)
            of = f.share.get("of") or "the whole"
            out.append(
                Check(
                    "implied_total",
                    f"{f.text} is {f.share['pct']:g}% of {of}: {of} ≈ {total:.0f} {f.unit}",
                    (_where(f),),
                )
            )
        if f.change and f.change.get("kind") == "yoy" and "pct" in f.change and f.unit not in ("%", "pp", "rank"):
            prev = f.value / (1 + f.change["pct"] / 100)
            word = "grew" if f.change["pct"] >= 0 else "fell"
            out.append(
                Check(
                    "implied_previous",
                    f"{f.text} {word} {abs(f.change['pct']):g}% year on year: the previous level was about "
                    f"{prev:.0f} {f.unit}",
                    (_where(f),),
                )
            )
    return out


def map_facts(
    facts: list[Fact], framework: Framework, region: str | None = None, period: int | str | None = None
) -> Mapping:
    """Observations of the framework's indicators found among ``facts``, and the checks."""
    phrases = sorted(
        ((p, code) for code in framework.indicators for p in framework.node(code).phrases), key=lambda x: -len(x[0])
    )
    rows = []
    checks = check_facts(facts)
    for f in facts:
        code = next((c for p, c in phrases if p in f.subject), None)
        if code is None:
            continue
        unit = f.region or region
        when = _period(f, period)
        if unit is None or when is None:
            missing = " and ".join(x for x, v in (("region", unit), ("period", when)) if v is None)
            checks.append(
                Check(
                    "unmapped",
                    f"{f.text} ({f.subject}) matches {code} but has no {missing}; give --region/--period",
                    (_where(f),),
                )
            )
            continue
        rows.append(
            {
                "unit": unit,
                "indicator": code,
                "period": when,
                "value": float(f.value),
                "file": f.doc,
                "row": f.start,
                "fact": f.text,
                "subject": f.subject,
            }
        )
    obs = pd.DataFrame(rows, columns=COLUMNS)
    for (u, ind, p), grp in obs.groupby(["unit", "indicator", "period"]):
        if grp["value"].nunique() > 1:
            vals = ", ".join(
                f"{v:g} ({fl}:{r})" for v, fl, r in zip(grp["value"], grp["file"], grp["row"], strict=True)
            )
            checks.append(
                Check(
                    "conflict",
                    f"{ind} for {u} in {p} has conflicting values: {vals}",
                    tuple(f"{fl}:{r}" for fl, r in zip(grp["file"], grp["row"], strict=True)),
                )
            )
    return Mapping(obs, checks)
