"""Import a user's own table: tidy (unit, indicator, period, value) or wide, with the layout guessed.

>>> import pandas as pd, tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = p.write_text("region,year,rd,patents\\nA,2020,1.5,10\\nB,2020,2.5,12\\n")
>>> panel, layout = import_table(p)
>>> layout, panel.unit_codes, panel.indicator_codes
('wide', ['A', 'B'], ['rd', 'patents'])
"""

from __future__ import annotations

from pathlib import Path

from innoscope.errors import E, InnoscopeError
from innoscope.panel import Panel, read_table

__all__ = ["import_table"]

UNIT_NAMES = ("unit", "ucode", "region", "province", "country", "economy", "code", "iso3c", "地区", "省份", "地区名称")
PERIOD_NAMES = ("period", "year", "time", "年份", "年度", "date")
LONG = ({"indicator", "variable", "指标"}, {"value", "数值", "值"})


def _guess(columns: list[str], names: tuple[str, ...]) -> str | None:
    lower = {c.lower(): c for c in columns}
    return next((lower[n] for n in names if n in lower), None)


def import_table(path: str | Path, unit: str | None = None, period: str | None = None) -> tuple[Panel, str]:
    """Read ``path`` as a panel; returns it with the layout found (``long`` or ``wide``)."""
    table = read_table(path)
    cols = list(table.columns)
    unit = unit or _guess(cols, UNIT_NAMES)
    if unit is None or unit not in cols:
        raise InnoscopeError(
            E.MISSING_COLUMN, where=str(path), detail=f"no unit column found among {cols[:8]}; name it with --unit"
        )
    period = period or _guess(cols, PERIOD_NAMES)
    indicator = next((c for c in cols if c.lower() in LONG[0]), None)
    value = next((c for c in cols if c.lower() in LONG[1]), None)
    source = Path(path).name
    if indicator and value:
        return Panel.from_long(
            table, unit=unit, indicator=indicator, period=period or "period", value=value, source=source
        ), "long"
    return Panel.from_wide(table, unit=unit, period=period, source=source), "wide"
