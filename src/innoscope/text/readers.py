"""Read documents into text: .txt (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030/GBK), .docx, .pdf, .html.

Offsets of facts are Python string indices into the text returned here, so
the same file always gives the same text.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = p.write_bytes("全年发表论文107篇".encode("gb18030"))
>>> d = read_document(p)
>>> d.text, d.encoding, len(d.sha256)
('全年发表论文107篇', 'gb18030', 64)
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from innoscope.errors import E, InnoscopeError

__all__ = ["Document", "decode_text", "read_document"]

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@dataclass(frozen=True)
class Document:
    """A document's name, text and the checksum of its bytes."""

    name: str
    path: str
    text: str
    sha256: str
    format: str
    encoding: str | None = None


def decode_text(raw: bytes, where: str = "text") -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM or not), UTF-16 with BOM, or GB18030; refuse anything else."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    if b"\x00" in raw[:4096]:
        raise InnoscopeError(E.FILE_UNREADABLE, where=where, detail="binary data, not text")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise InnoscopeError(
            E.FILE_UNREADABLE, where=where, detail=f"neither UTF-8 nor GB18030 (bad byte at offset {exc.start})"
        ) from None


def _docx(raw: bytes) -> str:
    import docx

    d = docx.Document(io.BytesIO(raw))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _pdf(raw: bytes, where: str) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(raw))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    if not text.strip():
        raise InnoscopeError(E.FILE_UNREADABLE, where=where, detail="the PDF has no text layer; run OCR on it first")
    return text


def _html(raw: bytes, where: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(raw, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    lines = (line.strip() for line in soup.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line)


def read_document(path: str | Path) -> Document:
    """Read one document; the format follows the file's extension."""
    path = Path(path)
    if not path.is_file():
        raise InnoscopeError(E.FILE_MISSING, where=str(path))
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    suffix = path.suffix.lower()
    where = str(path)
    encoding = None
    try:
        if suffix in TEXT_SUFFIXES or suffix == "":
            text, encoding = decode_text(raw, where)
            fmt = "txt"
        elif suffix == ".docx":
            text, fmt = _docx(raw), "docx"
        elif suffix == ".pdf":
            text, fmt = _pdf(raw, where), "pdf"
        elif suffix in HTML_SUFFIXES:
            text, fmt = _html(raw, where), "html"
        else:
            raise InnoscopeError(E.FILE_FORMAT, where=where, detail=f"{suffix!r}; read .txt, .docx, .pdf or .html")
    except InnoscopeError:
        raise
    except Exception as exc:  # a damaged file of a known format
        raise InnoscopeError(E.FILE_UNREADABLE, where=where, detail=f"{type(exc).__name__}: {exc}") from None
    return Document(name=path.name, path=str(path), text=text, sha256=digest, format=fmt, encoding=encoding)
