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

import csv
import functools
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from innoscope.errors import E, InnoscopeError
from innoscope.panel.measures import DEFAULT_MEASURE, check_measure_name
from innoscope.panel.readers import parse_number_block, parse_numbers, read_coded_columns, read_table
from innoscope.provenance import FileRow, Source

__all__ = ["Panel"]

Period = int | str
COLUMNS = ("unit", "indicator", "period", "value", "file", "row", "column", "measure")
_BLOCK = 1 << 22  # observations placed into a cube at a time (bounds the temporaries)


def _factor_labels(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Row codes and distinct labels (stripped text, first-seen order); code -1 for an empty cell.

    The text is stripped once per distinct value, and values equal once
    stripped share a code.
    """
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    text = pd.Series(np.asarray(uniques, dtype=object), dtype="string").str.strip()
    text = text.where(text != "")
    merged, labels = pd.factorize(text, use_na_sentinel=True)
    out = np.where(codes >= 0, merged[np.maximum(codes, 0)] if len(merged) else -1, -1)
    return out.astype(np.int32, copy=False), np.asarray(labels, dtype=object)


def _dictionary_codes(col) -> tuple[np.ndarray, pd.Series]:
    """An Arrow dictionary column's row codes (into its dictionary) and the dictionary's text."""
    import pyarrow as pa

    col = col.unify_dictionaries()
    chunks = [c for c in col.chunks if len(c)] or col.chunks
    codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks]).astype(np.int32, copy=False)
    words = chunks[0].dictionary if chunks else pa.array([], pa.string())
    return codes, pd.Series(words.to_pylist(), dtype=object)


def _recode(mapping: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """``mapping[codes]``, without a copy where the mapping is the identity (the usual case)."""
    if len(mapping) == 0 or np.array_equal(mapping, np.arange(len(mapping))):
        return codes
    return mapping[codes].astype(np.int32, copy=False)


def _factor_labels_coded(codes: np.ndarray, words: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_factor_labels` of the column whose rows are ``words[codes]``."""
    wc, labels = _factor_labels(words)
    return _recode(wc, codes), labels


def _factor_periods_coded(codes: np.ndarray, words: pd.Series, name: str, where: str) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_factor_periods` of the column whose rows are ``words[codes]`` (an empty cell named by its row)."""
    wc, labels = _factor_labels(words)
    if (wc < 0).any():
        rows = _recode(wc, codes)
        i = int(np.flatnonzero(rows < 0)[0])
        raise InnoscopeError(E.EMPTY_PERIOD, where=f"{where}:{i + 2}, column {name}", detail="the cell is empty")
    pc, periods = _factor_periods(pd.Series(labels, dtype=object, name=name), where)
    return _recode(pc[wc] if len(wc) else wc, codes), periods


def _take(labels: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """``labels[codes]`` as objects, None where the code is -1."""
    if not len(codes) or codes.min() >= 0:
        return np.asarray(labels, dtype=object)[codes]
    out = np.empty(len(codes), dtype=object)
    ok = codes >= 0
    out[ok] = labels[codes[ok]]
    return out


def _frame(n: int, columns: dict) -> pd.DataFrame:
    """A DataFrame of ``n`` rows, column by column: no copy into consolidated blocks (millions of rows)."""
    index = pd.RangeIndex(n)
    out = pd.DataFrame(index=index)
    for name, col in columns.items():
        out[name] = pd.Series(col, index=index, copy=False) if isinstance(col, np.ndarray) else col
    return out


def _factor_periods(col: pd.Series, where: str) -> tuple[np.ndarray, np.ndarray]:
    """Row codes and distinct periods: ints where every label is an integer (years), else text; empty refused."""
    codes, text = _factor_labels(col)
    if (codes < 0).any():
        i = int(np.flatnonzero(codes < 0)[0])
        raise InnoscopeError(E.EMPTY_PERIOD, where=f"{where}:{i + 2}, column {col.name}", detail="the cell is empty")
    as_int = pd.to_numeric(pd.Series(text, dtype=object), errors="coerce")
    if as_int.notna().all() and (as_int == as_int.round()).all():
        labels = as_int.astype("int64").astype(object).to_numpy()
        merged, uniques = pd.factorize(labels)  # "2020" and "2020.0" are one period
        return merged[codes].astype(np.int32, copy=False), np.asarray(uniques, dtype=object)
    return codes, text


@dataclass(frozen=True)
class _Index:
    """Each observation's period, unit and indicator as codes into the distinct labels (first-seen order)."""

    period: np.ndarray
    periods: np.ndarray
    unit: np.ndarray
    units: np.ndarray
    indicator: np.ndarray
    indicators: np.ndarray

    @classmethod
    def of(cls, values: pd.DataFrame) -> _Index:
        parts = []
        for col in ("period", "unit", "indicator"):
            codes, uniques = pd.factorize(values[col], use_na_sentinel=True)
            parts += [codes.astype(np.int32, copy=False), np.asarray(uniques, dtype=object)]
        return cls(*parts)

    def measure_of(self, values: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """Each observation's measure code and the measures (categories), from the ``measure`` column."""
        m = values["measure"]
        if isinstance(m.dtype, pd.CategoricalDtype):
            return m.cat.codes.to_numpy(), np.asarray(m.cat.categories.astype(str), dtype=object)
        codes, uniques = pd.factorize(m.astype(str), use_na_sentinel=True)
        return codes, np.asarray(uniques, dtype=object)


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
    column`` (the cell it came from) and optionally ``source`` (a typed source
    for values that are not file cells); ``units`` has ``unit``, ``name`` and
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

    @functools.cached_property
    def _index(self) -> _Index:
        """Codes of the observations (built once, from the values, unless the constructor knew them)."""
        return _Index.of(self.values)

    def _with_index(self, index: _Index) -> Panel:
        self.__dict__["_index"] = index
        return self

    def with_checksums(self, checksums: Mapping[str, str]) -> Panel:
        """The same panel with the files' SHA-256 added to :attr:`checksums`."""
        out = replace(self, checksums={**self.checksums, **checksums})
        return out._with_index(self.__dict__["_index"]) if "_index" in self.__dict__ else out

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
        u = _factor_labels(df[unit])
        i = _factor_labels(df[indicator])
        t = _factor_periods(df[period], source) if period in df.columns else None
        m = _factor_labels(df[measure]) if measure in df.columns else None
        values = parse_numbers(df[value], source, value)
        return cls._from_codes(u, i, t, m, values, source, value, measure, units)

    @classmethod
    def read_long(
        cls,
        path: str | Path,
        *,
        unit: str = "unit",
        indicator: str = "indicator",
        period: str = "period",
        value: str = "value",
        measure: str = "measure",
        source: str | None = None,
        units: pd.DataFrame | None = None,
        sheet: str | int | None = 0,
    ) -> Panel:
        """Read a long table from a file: what ``from_long(read_table(path, sheet), ...)`` gives.

        A regular UTF-8 CSV file is read in one pass of Arrow's reader, its
        labels dictionary-encoded and its values parsed on the way
        (:func:`~innoscope.panel.readers.read_coded_columns`); anything else,
        and any cell that needs a closer look, takes the general route with
        its errors.
        """
        source = source or Path(path).name
        try:
            with open(path, "rb") as fh:
                header = next(csv.reader(io.StringIO(fh.readline().decode("utf-8-sig"))), [])
        except (OSError, UnicodeDecodeError):
            header = []
        optional = [c for c in (period, measure) if c in header]
        table = read_coded_columns(path, [unit, indicator, *optional], value)
        if table is None:
            df = read_table(path, sheet=sheet)
            return cls.from_long(
                df,
                unit=unit,
                indicator=indicator,
                period=period,
                value=value,
                measure=measure,
                source=source,
                units=units,
            )
        u = _factor_labels_coded(*_dictionary_codes(table[unit]))
        i = _factor_labels_coded(*_dictionary_codes(table[indicator]))
        t = _factor_periods_coded(*_dictionary_codes(table[period]), period, source) if period in optional else None
        m = _factor_labels_coded(*_dictionary_codes(table[measure])) if measure in optional else None
        return cls._from_codes(u, i, t, m, table[value].to_numpy(), source, value, measure, units)

    @classmethod
    def _from_codes(
        cls,
        u: tuple[np.ndarray, np.ndarray],
        i: tuple[np.ndarray, np.ndarray],
        t: tuple[np.ndarray, np.ndarray] | None,
        m: tuple[np.ndarray, np.ndarray] | None,
        values: np.ndarray,
        source: str,
        value: str,
        measure: str,
        units: pd.DataFrame | None,
    ) -> Panel:
        """A long panel from each row's unit, indicator, period and measure codes (with their labels) and values."""
        n = len(values)
        (u_codes, u_labels), (i_codes, i_labels) = u, i
        p_codes, p_labels = t if t is not None else (np.zeros(n, dtype=np.int32), np.array([0], dtype=object))
        measures = _measure_column(m, n, measure, source)
        for col, codes in (("unit", u_codes), ("indicator", i_codes)):
            if (codes < 0).any():
                k = int(np.flatnonzero(codes < 0)[0])
                raise InnoscopeError(E.MISSING_COLUMN, where=f"{source}:{k + 2}, column {col}", detail="empty cell")
        out = _frame(
            n,
            {
                "unit": pd.Series(_take(u_labels, u_codes), dtype=object, copy=False),
                "indicator": pd.Series(_take(i_labels, i_codes), dtype=object, copy=False),
                "period": (
                    pd.Series(_take(p_labels, p_codes), dtype=object, copy=False) if t is not None else np.zeros(n, int)
                ),
                "value": values,
                "file": pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), [source]),
                "row": np.arange(2, n + 2),
                "column": pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), [value]),
                "measure": measures,
            },
        )
        coded = [(u_codes, len(u_labels)), (i_codes, len(i_labels)), (p_codes, len(p_labels))]
        if _any_repeated(*coded, (measures.codes, len(measures.categories))):
            _check_duplicates(out, source)
        meta = units if units is not None else pd.DataFrame({"unit": u_labels})
        index = _Index(p_codes, p_labels, u_codes, u_labels, i_codes, i_labels)
        return cls(out, _unit_table(meta))._with_index(index)

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
        u_codes, u_labels = _factor_labels(df[unit])
        if (u_codes < 0).any():
            i = int(np.flatnonzero(u_codes < 0)[0])
            raise InnoscopeError(E.MISSING_COLUMN, where=f"{source}:{i + 2}, column {unit}", detail="empty unit code")
        if period and period in df.columns:
            p_codes, p_labels = _factor_periods(df[period], source)
        else:
            p_codes, p_labels = np.zeros(len(df), dtype=np.int32), np.array([default_period], dtype=object)
        if _any_repeated((u_codes, len(u_labels)), (p_codes, len(p_labels))):
            key = pd.DataFrame({"unit": _take(u_labels, u_codes), "period": _take(p_labels, p_codes)})
            rows = np.flatnonzero(key.duplicated(keep=False).to_numpy())[:4] + 2
            first = key.iloc[rows[0] - 2]
            raise InnoscopeError(
                E.DUPLICATE_ROWS,
                where=source,
                detail=f"rows {', '.join(map(str, rows))} repeat unit {first['unit']} period {first['period']}",
            )
        n = len(df)
        which = np.repeat(np.arange(len(cols), dtype=np.int32), n)
        row_units = _take(u_labels, u_codes)
        values = pd.DataFrame(
            {
                "unit": np.tile(row_units, len(cols)),
                "indicator": np.asarray(cols, dtype=object)[which],
                "period": np.tile(_take(p_labels, p_codes), len(cols)),
                "value": parse_number_block(df, cols, source),
                "file": pd.Categorical.from_codes(np.zeros(n * len(cols), dtype=np.int8), [source]),
                "row": np.tile(np.arange(2, n + 2), len(cols)),
                "column": pd.Categorical.from_codes(which, pd.Index(cols).astype(str)) if cols else [],
                "measure": pd.Categorical.from_codes(np.zeros(n * len(cols), dtype=np.int8), [measure]),
            },
            columns=list(COLUMNS),
        )
        meta = pd.DataFrame({"unit": row_units})
        if name:
            meta["name"] = df[name].to_numpy()
        for g in groups:
            meta[g] = df[g].to_numpy()
        meta = meta.drop_duplicates("unit", keep="last")
        indicators_ = np.asarray(list(dict.fromkeys(cols)), dtype=object)
        index = _Index(
            np.tile(p_codes, len(cols)),
            p_labels,
            np.tile(u_codes, len(cols)),
            u_labels,
            pd.Index(indicators_).get_indexer(np.asarray(cols, dtype=object))[which].astype(np.int32, copy=False),
            indicators_,
        )
        return cls(values, _unit_table(meta))._with_index(index)

    # --- queries ----------------------------------------------------------
    @property
    def periods(self) -> list[Period]:
        return sorted(self._index.periods, key=lambda p: (isinstance(p, str), p))

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
        return list(self._index.indicators)

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
        idx = self._index
        if len(self.measures) > 1:
            self._check_one_measure(idx, indicators)
        shape = (len(periods), len(self.units), len(indicators))
        # each distinct label's position in the cube (-1: not asked for), then every observation's, block by block
        pmap = pd.Index(periods).get_indexer(idx.periods) if len(idx.periods) else np.empty(0, dtype=np.intp)
        umap = pd.Index(self.unit_codes).get_indexer(idx.units) if len(idx.units) else np.empty(0, dtype=np.intp)
        imap = pd.Index(list(indicators)).get_indexer(idx.indicators) if len(idx.indicators) else np.empty(0, np.intp)
        out = np.full(shape, np.nan)
        flat = out.reshape(-1)
        value = self.values["value"].to_numpy(dtype=float)
        for a in range(0, len(value), _BLOCK):
            b = a + _BLOCK
            pi, ui, ii = pmap[idx.period[a:b]], umap[idx.unit[a:b]], imap[idx.indicator[a:b]]
            ok = (pi >= 0) & (ui >= 0) & (ii >= 0)
            at = (pi.astype(np.int64) * shape[1] + ui) * shape[2] + ii
            flat[at[ok]] = value[a:b][ok]
        return out, periods

    def _check_one_measure(self, idx: _Index, indicators: Sequence[str]) -> None:
        """E940 where one of ``indicators`` is held in more than one measure."""
        m_codes, m_labels = idx.measure_of(self.values)
        wanted = pd.Index(list(indicators)).get_indexer(idx.indicators)
        ii = wanted[idx.indicator]
        ok = ii >= 0
        pairs = np.unique(ii[ok].astype(np.int64) * max(len(m_labels), 1) + m_codes[ok])
        per, counts = np.unique(pairs // max(len(m_labels), 1), return_counts=True)
        if (counts > 1).any():
            j = int(per[counts > 1][0])
            ms = sorted(str(m_labels[c]) for c in pairs[pairs // max(len(m_labels), 1) == j] % max(len(m_labels), 1))
            code = list(indicators)[j]
            raise InnoscopeError(E.MEASURE_AMBIGUOUS, where=f"indicator {code}", detail=", ".join(ms))


def _any_repeated(*coded: tuple[np.ndarray, int]) -> bool:
    """Whether two rows share every code (codes ``c`` with ``k`` labels each), by counting or hashing."""
    n = len(coded[0][0])
    space = 1
    key = np.zeros(n, dtype=np.int64)
    for codes, k in coded:
        space *= max(k, 1)
        if space > 2**62:
            return bool(pd.DataFrame({i: c for i, (c, _) in enumerate(coded)}).duplicated().any())
        key *= max(k, 1)
        key += codes
    if space <= 4 * n + 1024:
        return bool((np.bincount(key, minlength=space) > 1).any())
    return bool(pd.Series(key).duplicated().any())


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


def _measure_column(m: tuple[np.ndarray, np.ndarray] | None, n: int, column: str, source: str) -> pd.Categorical:
    """Each row's measure from its codes and labels (empty: ``raw``), or ``raw`` for every row without a column."""
    if m is None:
        return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), [DEFAULT_MEASURE])
    codes, labels = m
    if (codes < 0).any():
        labels = np.append(labels, DEFAULT_MEASURE)
        codes = np.where(codes < 0, len(labels) - 1, codes)
    names = pd.Index([str(x) for x in labels], dtype=object)
    cats = names.unique().sort_values()  # the categories pd.Categorical gives the labels
    for name in cats:
        try:
            check_measure_name(str(name), source)
        except InnoscopeError:
            first = np.flatnonzero(names == name)
            row = int(np.flatnonzero(np.isin(codes, first))[0]) + 2
            raise InnoscopeError(E.MEASURE_NAME, where=f"{source}:{row}, column {column}", detail=repr(name)) from None
    to_cat = cats.get_indexer(names)
    return pd.Categorical.from_codes(to_cat[codes].astype(np.int8 if len(cats) < 127 else np.int32), cats)


def _unit_table(meta: pd.DataFrame) -> pd.DataFrame:
    meta = meta.reset_index(drop=True).copy()
    meta["unit"] = meta["unit"].astype(str)
    if "name" not in meta.columns:
        meta["name"] = meta["unit"]
    cols = ["unit", "name", *[c for c in meta.columns if c not in ("unit", "name")]]
    return meta[cols]
