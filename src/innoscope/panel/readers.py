"""Read tables from CSV, Excel (.xlsx) and Parquet, as text, without guessing types.

Every cell comes back as a string (or None for an empty cell), so numbers can
be parsed in one place with errors that name the file, row and column.
CSV files may be UTF-8 (with or without BOM) or GB18030/GBK.  Row numbers in
errors are the row as a spreadsheet shows it (the header is row 1).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from innoscope.errors import E, InnoscopeError

__all__ = ["MISSING_TOKENS", "parse_numbers", "read_table"]

MISSING_TOKENS = frozenset({"", "na", "n/a", "nan", "null", "none", "..", "…", "-", "—"})


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InnoscopeError(E.FILE_UNREADABLE, where=str(path), detail="not UTF-8 or GB18030 text")


def read_table(path: str | Path, sheet: str | int | None = 0) -> pd.DataFrame:
    """Read ``path`` into a DataFrame of strings (None for empty cells).

    Duplicate column names are refused rather than renamed.
    """
    path = Path(path)
    if not path.is_file():
        raise InnoscopeError(E.FILE_MISSING, where=str(path))
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".txt", ".tsv"):
            text = _decode(path)
            if not text.strip():
                raise InnoscopeError(E.FILE_EMPTY, where=str(path))
            sep = "\t" if suffix == ".tsv" else ","
            _check_unique_header(next(csv.reader(io.StringIO(text), delimiter=sep)), path)
            df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
        elif suffix == ".xlsx":
            df = pd.read_excel(path, sheet_name=sheet, dtype=str, keep_default_na=False, engine="openpyxl")
            _check_unique_header([str(c) for c in df.columns], path)
        elif suffix == ".parquet":
            df = pd.read_parquet(path)
            df = df.astype(object).where(df.notna(), None)
            df = df.map(lambda v: None if v is None else str(v))
        else:
            raise InnoscopeError(E.FILE_FORMAT, where=str(path), detail=f"{suffix!r}")
    except InnoscopeError:
        raise
    except Exception as exc:  # any reader failure is a file the user must fix
        raise InnoscopeError(E.FILE_UNREADABLE, where=str(path), detail=f"{type(exc).__name__}: {exc}") from None
    if df.empty:
        raise InnoscopeError(E.FILE_EMPTY, where=str(path))
    df.columns = [str(c).strip() for c in df.columns]
    return df.map(lambda v: None if v is None or (isinstance(v, str) and not v.strip()) else v)


def _check_unique_header(cols: list[str], path: Path) -> None:
    seen: set[str] = set()
    for c in cols:
        if c in seen:
            raise InnoscopeError(E.MISSING_COLUMN, where=str(path), detail=f"column {c!r} appears twice in the header")
        seen.add(c)


def parse_numbers(col: pd.Series, where: str, column: str, row_offset: int = 2) -> np.ndarray:
    """Parse a column of strings into floats; missing tokens become NaN.

    Raises E103 naming the first bad cell (file, row, column and its text),
    and E107 for infinite values.

    >>> parse_numbers(pd.Series(["1.5", None, "NA", "2e3"]), "f.csv", "x").tolist()
    [1.5, nan, nan, 2000.0]
    """
    if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
        return _finite(col.to_numpy(dtype=float, na_value=np.nan), col, where, column, row_offset)
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
