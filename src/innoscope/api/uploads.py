"""Uploaded files: checked whole before anything is kept, then kept under their SHA-256.

A file's name is only ever shown, never used as a path: :func:`accept` keeps
its last component without control characters, and :func:`keep` writes the
bytes to ``<folder>/<sha256><suffix>`` (a suffix from the accepted list) with
an atomic rename, so concurrent uploads of one file cannot clash.

>>> up = accept("../../etc/报告.TXT", "text/plain", "全年发表论文107篇。".encode(), DOCUMENT_TYPES, 2**20)
>>> up.name, up.suffix, len(up.sha256)
('报告.TXT', '.txt', 64)
>>> try:
...     accept("x.exe", "application/octet-stream", b"MZ", DOCUMENT_TYPES, 2**20)
... except InnoscopeError as exc:
...     print(exc.kind.code, exc.where, exc.detail)
E804 x.exe '.exe'; accepted: .txt, .md, .html, .htm, .docx, .pdf
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from innoscope.api.config import DATA_TYPES, DOCUMENT_TYPES
from innoscope.errors import E, InnoscopeError

__all__ = ["DATA_TYPES", "DOCUMENT_TYPES", "Upload", "accept", "keep", "scratch_copy"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TEXT = {".txt", ".md", ".html", ".htm", ".csv"}
_ZIP = {".docx", ".xlsx"}
_NEUTRAL = {"", "application/octet-stream", "binary/octet-stream"}


@dataclass(frozen=True)
class Upload:
    """An accepted upload: its shown name, suffix, bytes and checksum."""

    name: str
    suffix: str
    data: bytes
    sha256: str


def _shown(filename: str | None) -> str:
    base = PurePosixPath((filename or "").replace("\\", "/")).name
    return _CONTROL.sub("", base).strip()[:200]


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 100)


def _check_content(name: str, suffix: str, data: bytes) -> None:
    bad = None
    if suffix in _TEXT:
        if _looks_binary(data):
            bad = "binary data, not text"
        else:
            from innoscope.text.readers import decode_text

            decode_text(data, where=name)
    elif suffix == ".pdf" and not data.startswith(b"%PDF-"):
        bad = "no PDF header (%PDF-)"
    elif suffix in _ZIP and not data.startswith(b"PK\x03\x04"):
        bad = f"a {suffix} file is a zip archive, and this is none"
    elif suffix == ".parquet" and not (data.startswith(b"PAR1") and data.endswith(b"PAR1")):
        bad = "no Parquet magic number (PAR1)"
    if bad:
        raise InnoscopeError(E.UPLOAD_CONTENT, where=name, detail=bad)


def accept(
    filename: str | None, content_type: str | None, data: bytes, types: dict[str, tuple[str, ...]], limit: int
) -> Upload:
    """Check an upload's name, declared type, size and content; raise the catalogue error that fits."""
    name = _shown(filename)
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in types:
        raise InnoscopeError(
            E.UPLOAD_EXTENSION,
            where=name or "(no file name)",
            detail=f"{suffix or 'no extension'!r}; accepted: " + ", ".join(types),
        )
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared not in _NEUTRAL and declared not in types[suffix]:
        raise InnoscopeError(
            E.UPLOAD_CONTENT,
            where=name,
            detail=f"declared {declared!r} for a {suffix} file; expected {types[suffix][0]}",
        )
    if not data:
        raise InnoscopeError(E.UPLOAD_EMPTY, where=name)
    if len(data) > limit:
        raise InnoscopeError(
            E.UPLOAD_TOO_LARGE, where=name, detail=f"{len(data):,} bytes; the limit is {limit / 2**20:g} MiB"
        )
    _check_content(name, suffix, data)
    return Upload(name, suffix, data, hashlib.sha256(data).hexdigest())


def scratch_copy(upload: Upload, folder: str | Path) -> Path:
    """The bytes in a fresh file ``upload<suffix>`` of ``folder`` (for readers that want a path)."""
    path = Path(folder) / f"upload{upload.suffix}"
    path.write_bytes(upload.data)
    return path


def keep(upload: Upload, folder: Path) -> tuple[Path, bool]:
    """Write the upload to ``folder/<sha256><suffix>``; returns the path and whether it is new."""
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{upload.sha256}{upload.suffix}"
    if final.is_file():
        return final, False
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(upload.data)
        os.replace(tmp, final)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return final, True
