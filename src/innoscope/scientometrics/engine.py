"""Counting on a Dask cluster: one DuckDB task per file of a Parquet dataset, the parts added exactly.

Each worker counts its files with the same query as the local engine
(:func:`~innoscope.scientometrics.count.count_partials`); the parts are
integers (record counts and weights in 1e-12) and sorted id lists, so adding
them gives exactly the local result, whatever the number of workers.  This
holds when each record's rows lie in one file, as ``records read`` and
:func:`write_dataset` write them.
"""

from __future__ import annotations

import glob
from collections.abc import Sequence
from pathlib import Path

from innoscope.errors import E, InnoscopeError
from innoscope.scientometrics.count import Counts, CountSpec, combine, count_partials, finish

__all__ = ["count_dask", "dataset_files", "write_dataset"]


def dataset_files(source: str | Path | Sequence[str | Path]) -> list[str]:
    """The Parquet files of a dataset given as files, folders (searched recursively) or globs, sorted."""
    items = [source] if isinstance(source, (str, Path)) else list(source)
    files: list[str] = []
    for item in map(str, items):
        if Path(item).is_dir():
            files += sorted(glob.glob(str(Path(item) / "**" / "*.parquet"), recursive=True))
        elif any(ch in item for ch in "*?["):
            files += sorted(glob.glob(item, recursive=True))
        elif Path(item).is_file():
            files.append(item)
        else:
            raise InnoscopeError(E.FILE_MISSING, where=item)
    if not files:
        raise InnoscopeError(E.RECORDS_EMPTY, where=", ".join(map(str, items)), detail="no Parquet file found")
    return files


def count_dask(
    source, spec: CountSpec, client, clusters=None, source_file: str | None = None, source_sha256: str | None = None
) -> Counts:
    """:func:`~innoscope.scientometrics.count.count_records` on a Dask cluster, file by file."""
    files = dataset_files(source)
    shared = client.scatter(clusters, broadcast=True) if clusters is not None else None
    futures = [client.submit(count_partials, f, spec, clusters=shared, threads=1, pure=False) for f in files]
    return finish(combine(client.gather(futures)), spec, source_file, source_sha256)


def write_dataset(table, folder: str | Path, rows_per_file: int = 1_000_000) -> list[Path]:
    """Write a records table as a Parquet dataset of files of about ``rows_per_file`` rows, no record split."""
    import numpy as np

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ids = table["record_id"].to_numpy()
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]) if len(ids) else np.array([0])
    out, a, k = [], 0, 0
    while a < len(table):
        cut = a + rows_per_file
        if cut < len(table):  # move the cut to the start of the next record
            cut = int(starts[np.searchsorted(starts, cut)]) if cut <= starts[-1] else len(table)
        path = folder / f"part-{k:05d}.parquet"
        table.iloc[a:cut].to_parquet(path, index=False)
        out.append(path)
        a, k = cut, k + 1
    return out
