"""Measures: what each number of a panel is.

A source may hold several numbers for the same unit, indicator and period: the
raw value, the score it publishes, the rank it publishes, a score relative to a
reference.  The panel keeps them apart in its ``measure`` column, and a build
uses exactly one measure per indicator: the one the framework's node names
(``measure: score``), else the workspace's default (``data: {measure: score}``),
else the only one the data hold.

A published score or rank is already oriented, so the framework's
``direction`` applies to the measures that are not (``raw`` and any measure
not catalogued here); ``score`` and ``relative`` count as higher-is-better and
``rank`` as lower-is-better, whatever the node says.

>>> import pandas as pd
>>> from innoscope.frameworks import Framework, Node
>>> from innoscope.panel import Panel
>>> long = pd.DataFrame({"unit": ["A", "B", "A", "B"], "indicator": ["x"] * 4, "period": [2019] * 4,
...                      "measure": ["raw", "raw", "rank", "rank"], "value": ["5", "7", "2", "1"]})
>>> p = Panel.from_long(long)
>>> p.measures
['rank', 'raw']
>>> fw = Framework.from_nodes([Node("I", None), Node("x", "I", direction=-1)])
>>> chosen, fw2 = select_measures(p, fw, default="rank")
>>> chosen.values["value"].tolist(), fw2.node("x").direction
([2.0, 1.0], -1)
>>> select_measures(p, fw)[0]  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
innoscope.errors.InnoscopeError: E940 framework: indicator x: the data hold several measures ...: rank, raw. ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from innoscope.errors import E, InnoscopeError

if TYPE_CHECKING:  # pragma: no cover
    from innoscope.frameworks import Framework
    from innoscope.panel.panel import Panel

__all__ = ["DEFAULT_MEASURE", "MEASURES", "Measure", "check_measure_name", "select_measures"]

DEFAULT_MEASURE = "raw"
_NAME = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Measure:
    """A catalogued measure; ``direction`` None means the framework's direction applies."""

    name: str
    description: str
    direction: int | None


MEASURES: dict[str, Measure] = {
    m.name: m
    for m in (
        Measure("raw", "the indicator as the source measures it, in its own unit", None),
        Measure("score", "a normalised score the source publishes, higher is better (GII: 0-100)", 1),
        Measure("rank", "a rank the source publishes, 1 = best", -1),
        Measure("relative", "a score relative to a reference the source names (EIS: the EU in 2016 = 100)", 1),
    )
}


def check_measure_name(name: str, where: str) -> str:
    """``name`` if it is a valid measure name (lower case, digits, underscores), else E942."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise InnoscopeError(E.MEASURE_NAME, where=where, detail=repr(name))
    return name


def _measures_of(values: pd.DataFrame, codes: list[str]) -> dict[str, list[str]]:
    v = values[values["indicator"].isin(codes)]
    pairs = v[["indicator", "measure"]].drop_duplicates()
    out: dict[str, list[str]] = {}
    for ind, m in zip(pairs["indicator"], pairs["measure"].astype(str), strict=True):
        out.setdefault(ind, []).append(m)
    return {k: sorted(ms) for k, ms in out.items()}


def select_measures(panel: Panel, framework: Framework, default: str | None = None) -> tuple[Panel, Framework]:
    """The panel with one measure per indicator, and the framework with the measures' directions.

    Each framework indicator (and denominator) takes its node's ``measure``,
    else ``default``, else the only measure the data hold for it; several
    without a choice raise E940, a chosen measure the data lack raises E941.
    Indicators the framework does not use keep ``default`` (or their only
    measure).  A panel already holding one measure is returned as it is.
    """
    where = framework.source or "framework"
    if default is not None:
        check_measure_name(default, "data: measure")
    wanted = {c: framework.node(c).measure for c in framework.indicators}
    denoms = {framework.node(c).denominator for c in framework.indicators} - {None}
    held = panel.measures
    named = {m for m in wanted.values() if m is not None}
    if len(held) <= 1 and named <= set(held) and (default is None or [default] == held or not held):
        chosen = dict.fromkeys([*wanted, *denoms], held[0] if held else None)
        return panel, _oriented(framework, chosen)
    codes = [*wanted, *sorted(denoms)]
    have = _measures_of(panel.values, codes)
    chosen: dict[str, str | None] = {}
    for code in codes:
        ms = have.get(code, [])
        m = wanted.get(code) or default
        if m is None:
            if len(ms) > 1:
                raise InnoscopeError(E.MEASURE_AMBIGUOUS, where=f"{where}: indicator {code}", detail=", ".join(ms))
            m = ms[0] if ms else None
        elif ms and m not in ms:
            raise InnoscopeError(
                E.MEASURE_ABSENT, where=f"{where}: indicator {code}", detail=f"{m!r}; the data hold {', '.join(ms)}"
            )
        chosen[code] = m
    v = panel.values
    ind = v["indicator"].to_numpy(dtype=object)
    meas = v["measure"].astype(str).to_numpy(dtype=object)
    in_fw = pd.Index(codes).get_indexer(ind) >= 0
    want = pd.Series(chosen, dtype=object).reindex(ind).to_numpy(dtype=object)
    keep = np.where(in_fw, meas == want, False)
    others = ~in_fw
    if default is not None:
        keep |= others & (meas == default)
    else:
        single = v.loc[others].groupby("indicator", observed=True)["measure"].nunique()
        keep |= others & (pd.Index(single[single == 1].index).get_indexer(ind) >= 0)
    return replace(panel, values=v.loc[keep].reset_index(drop=True)), _oriented(framework, chosen)


def _oriented(framework: Framework, chosen: dict[str, str | None]) -> Framework:
    """The framework with the direction of each indicator whose measure is oriented by itself."""
    flips = {}
    for code in framework.indicators:
        m = MEASURES.get(chosen.get(code) or "")
        if m is not None and m.direction is not None and framework.node(code).direction != m.direction:
            flips[code] = m.direction
    return framework.with_directions(flips) if flips else framework
