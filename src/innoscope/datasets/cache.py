"""Parsed sources, kept: what a loader makes of a registered source is stored once per release and parser.

Reading a source's upstream format (R's ``.rda`` through a pure-Python reader,
spreadsheets, large CSV files) costs seconds; its result changes only when the
files or the code that reads them change.  :func:`parsed` returns a loader's
result from the cache when one was stored for

* the same files, by the SHA-256 the registry holds for them — which
  :func:`~innoscope.datasets.registry.require` checks against the files on
  disk first, so a changed or damaged file is refused (E902) as without the
  cache, never served from it;
* the same parser: a digest of innoscope's own source code, with the
  versions of Python, NumPy, pandas and pyarrow (any change to any loader, or
  to the classes a result is made of, stores afresh);
* the same data directory and the same loader (``label``).

Entries live in a writable folder of their own, never in the data directory
(which may be a read-only mirror): ``$INNOSCOPE_CACHE``, else
``$XDG_CACHE_HOME/innoscope/parsed``, else ``~/.cache/innoscope/parsed``.  An
entry is written to a temporary file and renamed into place, so two processes
filling the cache at once each leave a whole entry and readers never see half
of one; an entry that cannot be read is parsed again and replaced, and a cache
that cannot be written is simply not used.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> calls = []
>>> def loader():
...     calls.append(1)
...     return {"rows": 3}
>>> a = parsed("demo", (), None, loader, folder=folder)
>>> b = parsed("demo", (), None, loader, folder=folder)
>>> a == b == {"rows": 3}, len(calls)
(True, 1)
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from innoscope.datasets.registry import SOURCES, default_data_dir, require

__all__ = ["cache_dir", "parsed", "parser_version"]

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parents[1]  # src/innoscope


def cache_dir() -> Path:
    """The folder of the stored results (see the module docstring)."""
    env = os.environ.get("INNOSCOPE_CACHE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "innoscope" / "parsed"


@functools.cache
def parser_version() -> str:
    """A digest of the code that makes results: innoscope's own files and the libraries results are made of."""
    import numpy
    import pandas
    import pyarrow

    h = hashlib.sha256()
    h.update(json.dumps([sys.version, numpy.__version__, pandas.__version__, pyarrow.__version__]).encode())
    for path in _package_files():
        h.update(str(path.relative_to(_PACKAGE)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _package_files() -> list[Path]:
    """innoscope's own files that shape a result: its code, shipped frameworks and report templates.

    (The dashboard's vendored libraries under ``web/`` shape no stored result.)
    """
    kinds = ("*.py", "*.yaml", "*.j2", "*.html", "*.md", "*.css")
    found = {p for k in kinds for p in _PACKAGE.rglob(k) if "web" not in p.relative_to(_PACKAGE).parts}
    return sorted(found)


def _key(label: str, sources: Sequence[str], data_dir: Path) -> str:
    files = [(f.path, f.sha256) for s in sources for f in SOURCES[s].files]
    text = json.dumps([label, parser_version(), str(data_dir.resolve()), files])
    return hashlib.sha256(text.encode()).hexdigest()


def parsed(
    label: str,
    sources: Sequence[str],
    data_dir: str | Path | None,
    load: Callable[[], T],
    folder: str | Path | None = None,
) -> T:
    """``load()``, or the result it gave for the same files, parser and data directory.

    ``sources`` are the registered sources ``load`` reads (their files are
    checked first, cached or not); ``label`` names the loader; ``folder``
    replaces :func:`cache_dir`.
    """
    root = default_data_dir(data_dir)
    for name in sources:
        require(name, root)  # every file present and intact: a mismatch is refused, not looked up
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in label)
    path = Path(folder or cache_dir()) / f"{safe}-{_key(label, sources, root)[:40]}.pkl"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # none stored yet, or a damaged or foreign entry: parse again and replace it
        pass
    value = load()
    _store(path, value)
    return value


def _store(path: Path, value: object) -> None:
    """Write ``value`` to ``path`` whole or not at all (a temporary file, then a rename)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    except OSError:
        return  # no writable cache: the result is still returned
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # a full disk or an unpicklable result: leave no trace, keep the result
        Path(tmp).unlink(missing_ok=True)
