"""Read tables from CSV, Excel (.xlsx) and Parquet, as text, without guessing types.

Every cell comes back as a string (or None for an empty cell), so numbers can
be parsed in one place with errors that name the file, row and column.
CSV files may be UTF-8 (with or without BOM) or GB18030/GBK.  Row numbers in
errors are the row as a spreadsheet shows it (the header is row 1).

CSV files are read by Arrow's multi-threaded reader (a regular file: one
header, the same number of fields on every line); a file it cannot read that
way (ragged rows, say) goes through pandas' reader, with the same result.
:func:`parse_numbers` parses text columns in Arrow, vectorised, and names the
first bad cell as the plain pandas parser does (which it falls back on to find
it).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from innoscope.errors import E, InnoscopeError

__all__ = ["MISSING_TOKENS", "parse_number_block", "parse_numbers", "read_coded_columns", "read_table"]

MISSING_TOKENS = frozenset({"", "na", "n/a", "nan", "null", "none", "..", "…", "-", "—"})


def _decode(raw: bytes, path: Path) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InnoscopeError(E.FILE_UNREADABLE, where=str(path), detail="not UTF-8 or GB18030 text")


def read_table(path: str | Path, sheet: str | int | None = 0) -> pd.DataFrame:
    """Read ``path`` into a DataFrame of strings, missing where a cell is empty or blank.

    Duplicate column names are refused rather than renamed.  The columns are
    pandas' string columns (Arrow-backed under pandas 3: no Python object per
    cell, which a table of millions of cells needs).
    """
    return _read_arrow(Path(path), sheet).to_pandas()


def _read_arrow(path: Path, sheet: str | int | None):
    """The table as Arrow string columns, stripped names, None for empty and blank cells."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not path.is_file():
        raise InnoscopeError(E.FILE_MISSING, where=str(path))
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".txt", ".tsv"):
            table = _read_csv(path, "\t" if suffix == ".tsv" else ",")
        elif suffix == ".xlsx":
            df = pd.read_excel(path, sheet_name=sheet, dtype=str, keep_default_na=False, engine="openpyxl")
            _check_unique_header([str(c) for c in df.columns], path)
            table = _frame_to_arrow(df)
        elif suffix == ".parquet":
            df = pd.read_parquet(path)
            df = df.astype(object).where(df.notna(), None)
            table = _frame_to_arrow(df.map(lambda v: None if v is None else str(v)))
        else:
            raise InnoscopeError(E.FILE_FORMAT, where=str(path), detail=f"{suffix!r}")
    except InnoscopeError:
        raise
    except Exception as exc:  # any reader failure is a file the user must fix
        raise InnoscopeError(E.FILE_UNREADABLE, where=str(path), detail=f"{type(exc).__name__}: {exc}") from None
    if table.num_rows == 0 or table.num_columns == 0:
        raise InnoscopeError(E.FILE_EMPTY, where=str(path))
    columns = []
    for col in table.columns:
        blank = pc.equal(pc.utf8_trim_whitespace(col), "")
        columns.append(pc.if_else(blank, pa.scalar(None, pa.string()), col) if pc.any(blank).as_py() else col)
    return pa.table(columns, names=[str(c).strip() for c in table.column_names])


def _frame_to_arrow(df: pd.DataFrame):
    import pyarrow as pa

    names = [str(c) for c in df.columns]
    cells = [df.iloc[:, j].to_numpy(dtype=object) for j in range(len(names))]
    cols = [pa.array(c, type=pa.string(), from_pandas=True) for c in cells]
    return pa.table(cols, names=names)


def _read_csv(path: Path, sep: str):
    import pyarrow as pa
    import pyarrow.csv as pv

    raw = path.read_bytes()
    if not raw.strip():
        raise InnoscopeError(E.FILE_EMPTY, where=str(path))
    try:
        first = raw.split(b"\n", 1)[0].decode("utf-8-sig")
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    if utf8:
        header = next(csv.reader(io.StringIO(first), delimiter=sep))
        _check_unique_header(header, path)
        try:
            return pv.read_csv(
                pa.py_buffer(raw),
                parse_options=pv.ParseOptions(delimiter=sep, newlines_in_values=b'"' in raw),
                convert_options=pv.ConvertOptions(
                    column_types=dict.fromkeys(header, pa.string()),
                    strings_can_be_null=True,
                    null_values=[""],
                    quoted_strings_can_be_null=True,
                ),
            )
        except pa.ArrowInvalid:
            pass  # not UTF-8 after all, or not a regular table: the general reader below
    text = _decode(raw, path)
    _check_unique_header(next(csv.reader(io.StringIO(text), delimiter=sep)), path)
    df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    return _frame_to_arrow(df)


def _check_unique_header(cols: list[str], path: Path) -> None:
    seen: set[str] = set()
    for c in cols:
        if c in seen:
            raise InnoscopeError(E.MISSING_COLUMN, where=str(path), detail=f"column {c!r} appears twice in the header")
        seen.add(c)


def _arrow_text(col: pd.Series):
    """The column as an Arrow (large) string array, or None where it does not hold text."""
    import pyarrow as pa

    try:
        arrow_backed = (isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow") or (
            isinstance(col.dtype, pd.ArrowDtype) and pa.types.is_string(col.dtype.pyarrow_dtype)
        )
        if arrow_backed:
            arr = pa.array(col.array)
        elif col.dtype == object or isinstance(col.dtype, pd.StringDtype):
            arr = pa.array(col.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True)
        else:
            return None
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    return pa.chunked_array([c.cast(pa.large_string()) for c in chunks], type=pa.large_string())


def _arrow_floats(text) -> np.ndarray | None:
    """Arrow strings as floats, missing tokens as NaN; None where some cell is not a number."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pc.utf8_trim_whitespace(text)
    tokens = pa.array(sorted(MISSING_TOKENS))
    for attempt in range(2):
        try:
            out = pc.cast(text, pa.float64()).to_numpy(zero_copy_only=False)
        except pa.ArrowInvalid:
            if attempt:
                return None
            token = pc.is_in(pc.utf8_lower(text), value_set=tokens)
            text = pc.if_else(token, pa.scalar(None, pa.large_string()), text)
            continue
        nan = np.isnan(out) & ~np.asarray(pc.is_null(text))
        if nan.any() and not pc.all(pc.is_in(pc.utf8_lower(text.filter(pa.array(nan))), value_set=tokens)).as_py():
            return None  # "-nan" and the like: not numbers to pandas either
        return out
    return None  # pragma: no cover - the loop returns


def parse_numbers(col: pd.Series, where: str, column: str, row_offset: int = 2) -> np.ndarray:
    """Parse a column of strings into floats; missing tokens become NaN.

    Raises E103 naming the first bad cell (file, row, column and its text),
    and E107 for infinite values.

    >>> parse_numbers(pd.Series(["1.5", None, "NA", "2e3"]), "f.csv", "x").tolist()
    [1.5, nan, nan, 2000.0]
    """
    if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
        return _finite(col.to_numpy(dtype=float, na_value=np.nan), col, where, column, row_offset)
    text = _arrow_text(col)
    fast = _arrow_floats(text) if text is not None else None
    if fast is not None:
        return _finite(fast, col, where, column, row_offset)
    return _parse_python(col, where, column, row_offset)


def parse_number_block(df: pd.DataFrame, columns: list[str], where: str, row_offset: int = 2) -> np.ndarray:
    """Columns of strings parsed into one float array, column after column (as :func:`parse_numbers` would).

    One vectorised pass over every cell where they are all text; a bad cell is
    named as :func:`parse_numbers` names it, in the first column that has one.

    >>> parse_number_block(pd.DataFrame({"a": ["1", "2"], "b": ["NA", "4"]}), ["a", "b"], "f.csv").tolist()
    [1.0, 2.0, nan, 4.0]
    """
    import pyarrow as pa

    texts = [_arrow_text(df[c]) for c in columns]
    if columns and all(t is not None for t in texts):
        fast = _arrow_floats(pa.chunked_array([chunk for t in texts for chunk in t.chunks], type=pa.large_string()))
        if fast is not None and not np.isinf(fast).any():
            return fast
    parts = [parse_numbers(df[c], where, c, row_offset) for c in columns]
    return np.concatenate(parts) if parts else np.empty(0)


def _parse_python(col: pd.Series, where: str, column: str, row_offset: int) -> np.ndarray:
    text = col.astype("string").str.strip()
    missing = text.isna() | text.str.lower().isin(MISSING_TOKENS)
    values = pd.to_numeric(text.where(~missing), errors="coerce")
    bad = values.isna() & ~missing
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise InnoscopeError(
            E.NON_NUMERIC,
            where=f"{where}:{i + row_offset}, column {column}",
            detail=f"{text.iloc[i]!r} ({int(bad.sum())} such cell(s))",
        )
    return _finite(values.to_numpy(dtype=float), text, where, column, row_offset)


def _finite(out: np.ndarray, cells: pd.Series, where: str, column: str, row_offset: int) -> np.ndarray:
    if np.isinf(out).any():
        i = int(np.flatnonzero(np.isinf(out))[0])
        raise InnoscopeError(
            E.NOT_FINITE, where=f"{where}:{i + row_offset}, column {column}", detail=f"{cells.iloc[i]!r}"
        )
    return out


def _case_variants(token: str) -> list[str]:
    out = [""]
    for ch in token:
        out = [o + v for o in out for v in dict.fromkeys((ch.lower(), ch.upper()))]
    return out


def read_coded_columns(path: str | Path, labels: list[str], value: str):
    """A regular UTF-8 CSV file's ``labels`` columns dictionary-encoded and its ``value`` column as floats.

    One pass of Arrow's reader, for long panels of millions of rows.  Returns
    an Arrow table, or None wherever the general route (:func:`read_table`,
    then parsing) must decide: not a CSV file, not UTF-8, a column missing,
    an irregular row, or a value cell that is not a plain number or a
    missing-value token (its error, with file, row and column, comes from
    that route).
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pv

    path = Path(path)
    if path.suffix.lower() not in (".csv", ".txt", ".tsv") or not path.is_file():
        return None
    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open("rb") as fh:
        first = fh.readline()
    try:
        header = next(csv.reader(io.StringIO(first.decode("utf-8-sig")), delimiter=sep))
    except (UnicodeDecodeError, StopIteration):
        return None
    if len(set(header)) != len(header) or any(c not in header for c in [*labels, value]):
        return None
    with path.open("rb") as fh:
        quoted = any(b'"' in block for block in iter(lambda: fh.read(1 << 24), b""))
    tokens = [v for t in sorted(MISSING_TOKENS) for v in _case_variants(t)]
    text = pa.dictionary(pa.int32(), pa.string())
    try:
        table = pv.read_csv(
            path,
            read_options=pv.ReadOptions(block_size=1 << 24),  # fewer, larger chunks: fewer dictionaries to unify
            parse_options=pv.ParseOptions(delimiter=sep, newlines_in_values=quoted),
            convert_options=pv.ConvertOptions(
                column_types={**dict.fromkeys(labels, text), value: pa.float64()},
                include_columns=[*labels, value],
                null_values=tokens,
                strings_can_be_null=False,  # labels keep their text ("NA" is Namibia); only values can be missing
                quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    values = table[value]
    # a NaN that is no missing token ("-nan"), or an infinity: the general route
    if pc.any(pc.is_nan(values)).as_py() or pc.any(pc.is_inf(values)).as_py():
        return None
    return table
