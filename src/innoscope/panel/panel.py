"""The panel: observations ``(unit, indicator, period, measure, value)`` with their source.

A :class:`Panel` holds the observations in long form, one row per unit,
indicator, period and measure, each with the file, row and column it came
from, plus unit metadata (name and group columns).  The measure says what the
number is: ``raw`` (the default), a published ``score`` or ``rank``, a
``relative`` score (see :mod:`innoscope.panel.measures`).  It is built from a long or a wide
table; both refuse duplicates, non-numeric cells and infinite values with an
error that names the file, row and column.

Provenance is columnar, so that a panel of millions of cells holds no Python
object per cell: ``file``, ``row`` and ``column`` locate a cell (rows numbered
as :class:`~innoscope.provenance.FileRow` says) and :attr:`Panel.checksums`
gives each file's SHA-256.  A value that is not a file cell (computed from
others, or read from a document) carries its typed source in the optional
``source`` column, which then takes precedence.  :meth:`Panel.source` turns a
row into its typed source.

>>> import pandas as pd
>>> wide = pd.DataFrame({"unit": ["A", "B"], "year": ["2020", "2020"], "x": ["1", "2.5"], "grp": ["n", "s"]})
>>> p = Panel.from_wide(wide, unit="unit", period="year", groups=["grp"], source="demo.csv")
>>> p.values.to_dict("records")[1]  # doctest: +NORMALIZE_WHITESPACE
{'unit': 'B', 'indicator': 'x', 'period': 2020, 'value': 2.5, 'file': 'demo.csv', 'row': 3, 'column': 'x',
 'measure': 'raw'}
>>> p.source(1)
FileRow(file='demo.csv', sha256=None, sheet=None, row=3, column='x')
>>> p.cube(["x"])[0].shape
(1, 2, 1)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from innoscope.errors import E, InnoscopeError
from innoscope.panel.measures import DEFAULT_MEASURE, check_measure_name
from innoscope.panel.readers import parse_numbers
from innoscope.provenance import FileRow, Source

__all__ = ["Panel"]

Period = int | str
COLUMNS = ("unit", "indicator", "period", "value", "file", "row", "column", "measure")


def _labels(col: pd.Series) -> pd.Series:
    """Labels as stripped text (None for empty), parsed once per distinct value."""
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    text = pd.Series(uniques, dtype="string").str.strip()
    text = text.where(text != "", None).astype(object).to_numpy()
    out = np.where(codes >= 0, text[np.maximum(codes, 0)] if len(text) else None, None)
    return pd.Series(out, index=col.index, dtype=object)


def _periods(col: pd.Series, where: str) -> pd.Series:
    """Periods as ints where every label is an integer (years), else as text; empty cells refused."""
    text = col.astype("string").str.strip()
    codes, uniques = pd.factorize(text.where(text != ""), use_na_sentinel=True)
    if (codes < 0).any():
        i = int(np.flatnonzero(codes < 0)[0])
        raise InnoscopeError(E.EMPTY_PERIOD, where=f"{where}:{i + 2}, column {col.name}", detail="the cell is empty")
    as_int = pd.to_numeric(pd.Series(uniques), errors="coerce")
    if as_int.notna().all() and (as_int == as_int.round()).all():
        labels = as_int.astype("int64").astype(object).to_numpy()
    else:
        labels = pd.Series(uniques).astype(object).to_numpy()
    return pd.Series(labels[codes] if len(labels) else [], index=col.index, dtype=object)


def _require(df: pd.DataFrame, cols: Sequence[str], where: str) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise InnoscopeError(
            E.MISSING_COLUMN,
            where=where,
            detail=f"{', '.join(map(repr, missing))} (columns found: {', '.join(df.columns[:12])})",
        )


@dataclass(frozen=True)
class Panel:
    """Observations in long form plus unit metadata.

    ``values`` has columns ``unit, indicator, period, value, file, row,
    column`` (the cell it came from; an optional ``sheet`` names the sheet), ``measure`` (``raw`` unless the source
    says otherwise) and optionally ``source`` (a typed source for values that
    are not file cells); ``units`` has ``unit``, ``name`` and
    one column per unit group; ``checksums`` maps file names to their SHA-256.
    """

    values: pd.DataFrame
    units: pd.DataFrame
    checksums: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what reading the sources changed (names mapped, rows dropped), said openly

    def __post_init__(self) -> None:
        if "column" not in self.values.columns:
            object.__setattr__(self, "values", self.values.assign(column=None))
        if "measure" not in self.values.columns:
            n = len(self.values)
            measure = pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), [DEFAULT_MEASURE])
            object.__setattr__(self, "values", self.values.assign(measure=measure))

    def with_checksums(self, checksums: Mapping[str, str]) -> Panel:
        """The same panel with the files' SHA-256 added to :attr:`checksums`."""
        return replace(self, checksums={**self.checksums, **checksums})

    def source(self, i: int) -> Source:
        """The typed source of the observation in row ``i`` of :attr:`values`."""
        r = self.values.iloc[i]
        typed = r.get("source")
        if typed is not None and not (isinstance(typed, float) and np.isnan(typed)):
            return typed
        row = None if pd.isna(r["row"]) or int(r["row"]) <= 0 else int(r["row"])
        column = None if r["column"] is None or pd.isna(r["column"]) else str(r["column"])
        file = str(r["file"])
        sheet = r.get("sheet")
        sheet = None if sheet is None or pd.isna(sheet) else str(sheet)
        return FileRow(file, self.checksums.get(file), sheet, row, column)

    # --- construction ---------------------------------------------------
    @classmethod
    def from_long(
        cls,
        df: pd.DataFrame,
        *,
        unit: str = "unit",
        indicator: str = "indicator",
        period: str = "period",
        value: str = "value",
        measure: str = "measure",
        source: str = "table",
        units: pd.DataFrame | None = None,
    ) -> Panel:
        """Build from a long table (one row per unit, indicator, period and measure).

        The ``measure`` column, where the table has one, says what each number
        is (see :mod:`innoscope.panel.measures`); without it every value is ``raw``.
        """
        _require(df, [unit, indicator, value], source)
        out = pd.DataFrame(
            {
                "unit": _labels(df[unit]),
                "indicator": _labels(df[indicator]),
                "period": _periods(df[period], source) if period in df.columns else 0,
                "value": parse_numbers(df[value], source, value),
                "file": pd.Categorical([source] * len(df)),
                "row": np.arange(2, len(df) + 2),
                "column": pd.Categorical([value] * len(df)),
                "measure": _measure_column(df, measure, source),
            }
        )
        for col in ("unit", "indicator"):
            blank = out[col].isna()
            if blank.any():
                i = int(np.flatnonzero(blank.to_numpy())[0])
                raise InnoscopeError(E.MISSING_COLUMN, where=f"{source}:{i + 2}, column {col}", detail="empty cell")
        _check_duplicates(out, source)
        meta = units if units is not None else pd.DataFrame({"unit": pd.unique(out["unit"])})
        return cls(out, _unit_table(meta))

    @classmethod
    def from_wide(
        cls,
        df: pd.DataFrame,
        *,
        unit: str = "uCode",
        period: str | None = "Time",
        name: str | None = None,
        groups: Sequence[str] = (),
        indicators: Sequence[str] | None = None,
        source: str = "table",
        default_period: Period = 0,
        measure: str = DEFAULT_MEASURE,
    ) -> Panel:
        """Build from a wide table: one row per unit (and period), one column per indicator.

        Columns other than the unit, period, name and group columns are read as
        indicators unless ``indicators`` lists them; every value is of ``measure``.
        """
        check_measure_name(measure, f"{source}: measure")
        _require(df, [unit, *groups], source)
        skip = {unit, *(g for g in groups)}
        if period and period in df.columns:
            skip.add(period)
        if name:
            _require(df, [name], source)
            skip.add(name)
        cols = list(indicators) if indicators is not None else [c for c in df.columns if c not in skip]
        _require(df, cols, source)
        units = df[unit].astype("string").str.strip()
        if units.isna().any():
            i = int(np.flatnonzero(units.isna().to_numpy())[0])
            raise InnoscopeError(E.MISSING_COLUMN, where=f"{source}:{i + 2}, column {unit}", detail="empty unit code")
        periods = (
            _periods(df[period], source) if period and period in df.columns else pd.Series([default_period] * len(df))
        )
        key = pd.DataFrame({"unit": units.astype(object), "period": periods.to_numpy()})
        dup = key.duplicated(keep=False)
        if dup.any():
            rows = np.flatnonzero(dup.to_numpy())[:4] + 2
            first = key.iloc[rows[0] - 2]
            raise InnoscopeError(
                E.DUPLICATE_ROWS,
                where=source,
                detail=f"rows {', '.join(map(str, rows))} repeat unit {first['unit']} period {first['period']}",
            )
        n = len(df)
        which = np.repeat(np.arange(len(cols)), n)
        values = pd.DataFrame(
            {
                "unit": np.tile(key["unit"].to_numpy(dtype=object), len(cols)),
                "indicator": np.asarray(cols, dtype=object)[which],
                "period": np.tile(key["period"].to_numpy(dtype=object), len(cols)),
                "value": np.concatenate([parse_numbers(df[c], source, c) for c in cols]) if cols else np.empty(0),
                "file": pd.Categorical.from_codes(np.zeros(n * len(cols), dtype=np.int8), [source]),
                "row": np.tile(np.arange(2, n + 2), len(cols)),
                "column": pd.Categorical.from_codes(which, pd.Index(cols).astype(str)) if cols else [],
                "measure": pd.Categorical.from_codes(np.zeros(n * len(cols), dtype=np.int8), [measure]),
            },
            columns=list(COLUMNS),
        )
        meta = pd.DataFrame({"unit": key["unit"]})
        if name:
            meta["name"] = df[name].to_numpy()
        for g in groups:
            meta[g] = df[g].to_numpy()
        meta = meta.drop_duplicates("unit", keep="last")
        return cls(values, _unit_table(meta))

    # --- queries ----------------------------------------------------------
    @property
    def periods(self) -> list[Period]:
        return sorted(pd.unique(self.values["period"]), key=lambda p: (isinstance(p, str), p))

    @property
    def measures(self) -> list[str]:
        """The measures the panel holds, sorted."""
        m = self.values["measure"]
        if isinstance(m.dtype, pd.CategoricalDtype):
            cats = m.cat.categories
            if len(cats) <= 1:
                return [str(c) for c in cats]
            codes = m.cat.codes.to_numpy()
            present = np.bincount(codes[codes >= 0], minlength=len(cats)) > 0
            return sorted(str(c) for c, here in zip(cats, present, strict=True) if here)
        return sorted(str(x) for x in pd.unique(m))

    @property
    def unit_codes(self) -> list[str]:
        return list(self.units["unit"])

    @property
    def indicator_codes(self) -> list[str]:
        return list(pd.unique(self.values["indicator"]))

    def groups(self, column: str) -> np.ndarray:
        """Each unit's label in a group column, in :attr:`unit_codes` order."""
        if column not in self.units.columns:
            raise InnoscopeError(
                E.MISSING_COLUMN,
                where="unit metadata",
                detail=f"group {column!r} (have: {', '.join(self.units.columns[1:]) or 'none'})",
            )
        return self.units[column].to_numpy(dtype=object)

    def cube(
        self, indicators: Sequence[str], periods: Sequence[Period] | None = None
    ) -> tuple[np.ndarray, list[Period]]:
        """Values as an array ``(n_periods, n_units, n_indicators)``, NaN where absent.

        An indicator held in several measures is refused (E940): choose one with
        :func:`~innoscope.panel.measures.select_measures`.
        """
        periods = list(periods) if periods is not None else self.periods
        v = self.values
        v = v[v["indicator"].isin(list(indicators))]
        if len(self.measures) > 1:
            n = v.groupby("indicator", observed=True)["measure"].nunique()
            if (n > 1).any():
                code = n.index[n > 1][0]
                ms = sorted(map(str, pd.unique(v.loc[v["indicator"] == code, "measure"])))
                raise InnoscopeError(E.MEASURE_AMBIGUOUS, where=f"indicator {code}", detail=", ".join(ms))
        u_idx = pd.Index(self.unit_codes)
        i_idx = pd.Index(list(indicators))
        p_idx = pd.Index(periods)
        out = np.full((len(periods), len(u_idx), len(i_idx)), np.nan)
        pi, ui, ii = p_idx.get_indexer(v["period"]), u_idx.get_indexer(v["unit"]), i_idx.get_indexer(v["indicator"])
        ok = (pi >= 0) & (ui >= 0) & (ii >= 0)
        out[pi[ok], ui[ok], ii[ok]] = v["value"].to_numpy(dtype=float)[ok]
        return out, periods


def _check_duplicates(v: pd.DataFrame, source: str) -> None:
    dup = v.duplicated(["unit", "indicator", "period", "measure"], keep=False)
    if dup.any():
        rows = v.loc[dup].head(4)
        r0 = rows.iloc[0]
        raise InnoscopeError(
            E.DUPLICATE_ROWS,
            where=source,
            detail=f"{', '.join(f'{f}:{r}' for f, r in zip(rows['file'], rows['row'], strict=True))} "
            f"repeat ({r0['unit']}, {r0['indicator']}, {r0['period']})"
            + ("" if str(r0["measure"]) == DEFAULT_MEASURE else f" of measure {r0['measure']}"),
        )


def _measure_column(df: pd.DataFrame, column: str, source: str) -> pd.Categorical:
    """The measure of each row: the table's ``column`` where it has one, else ``raw``."""
    if column not in df.columns:
        return pd.Categorical.from_codes(np.zeros(len(df), dtype=np.int8), [DEFAULT_MEASURE])
    labels = _labels(df[column]).fillna(DEFAULT_MEASURE)
    cat = pd.Categorical(labels)
    for i, name in enumerate(cat.categories):
        try:
            check_measure_name(str(name), source)
        except InnoscopeError:
            row = int(np.flatnonzero(cat.codes == i)[0]) + 2
            raise InnoscopeError(E.MEASURE_NAME, where=f"{source}:{row}, column {column}", detail=repr(name)) from None
    return cat


def _unit_table(meta: pd.DataFrame) -> pd.DataFrame:
    meta = meta.reset_index(drop=True).copy()
    meta["unit"] = meta["unit"].astype(str)
    if "name" not in meta.columns:
        meta["name"] = meta["unit"]
    cols = ["unit", "name", *[c for c in meta.columns if c not in ("unit", "name")]]
    return meta[cols]
