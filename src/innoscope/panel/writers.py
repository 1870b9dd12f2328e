"""Write result tables as CSV or Parquet, chosen by the file's extension."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from innoscope.errors import E, InnoscopeError

__all__ = ["write_table"]


def write_table(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` to ``path`` (``.csv`` or ``.parquet``), creating its folder.

    >>> import tempfile, pandas as pd
    >>> p = write_table(pd.DataFrame({"a": [1]}), Path(tempfile.mkdtemp()) / "t.csv")
    >>> p.read_text()
    'a\\n1\\n'
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise InnoscopeError(E.FILE_FORMAT, where=str(path), detail=f"write .csv or .parquet, not {suffix!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        df.to_csv(path, index=False)
    else:
        out = df.copy()
        if "period" in out.columns:
            out["period"] = out["period"].astype(str)
        out.to_parquet(path, index=False)
    return path
