"""What a server is started with: the store, the workspace, the token and the limits.

Writes need a bearer token.  With ``--token-file`` it is the file's secret;
without one the server makes a session token, listens on loopback only and
hands the token to the dashboard pages it serves (which only this machine can
load, and only under a loopback host name, so another site cannot read it).
A non-loopback host without a token file is refused (E810).

>>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("::1"), is_loopback("0.0.0.0")
(True, True, True, False)
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from innoscope.errors import E, InnoscopeError

__all__ = ["DATA_TYPES", "DOCUMENT_TYPES", "ServerConfig", "is_loopback", "read_token"]

MIN_TOKEN = 16

# accepted extensions and the content types a client may declare for them (besides
# application/octet-stream, which says nothing)
DOCUMENT_TYPES: dict[str, tuple[str, ...]] = {
    ".txt": ("text/plain",),
    ".md": ("text/markdown", "text/plain", "text/x-markdown"),
    ".html": ("text/html", "application/xhtml+xml"),
    ".htm": ("text/html", "application/xhtml+xml"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"),
    ".pdf": ("application/pdf", "application/x-pdf"),
}
DATA_TYPES: dict[str, tuple[str, ...]] = {
    ".csv": ("text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "text/x-csv"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"),
    ".parquet": ("application/vnd.apache.parquet", "application/x-parquet"),
}


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) stays on this machine."""
    name = host.strip("[]").lower()
    if name in {"localhost", "localhost.localdomain", "ip6-localhost"}:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def read_token(path: str | Path) -> str:
    """The secret in a token file (its first line, stripped); E812 when missing, empty or short."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InnoscopeError(E.TOKEN_FILE, where=str(p), detail=type(exc).__name__) from None
    token = (text.splitlines() or [""])[0].strip()
    if len(token) < MIN_TOKEN:
        raise InnoscopeError(E.TOKEN_FILE, where=str(p), detail=f"the secret has {len(token)} characters")
    return token


@dataclass(frozen=True)
class ServerConfig:
    """A server's settings.

    ``store`` is the DuckDB file read and written; ``workspace`` (a folder with
    ``innoscope.yaml``) is what ``POST /api/v1/runs`` builds, None when only a
    store is served.  Uploaded files are kept, named by their SHA-256, under
    ``files`` (default: ``<store stem>.files`` beside the store).
    """

    store: Path
    workspace: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24), repr=False)
    token_from_file: bool = False
    max_upload_bytes: int = 50 * 2**20
    files: Path | None = None
    data_dir: Path | None = None
    run_workers: int = 2

    def __post_init__(self) -> None:
        if not self.token_from_file and not is_loopback(self.host):
            raise InnoscopeError(E.HOST_REFUSED, where=f"--host {self.host}", detail="no --token-file given")
        if self.max_upload_bytes < 1:
            raise InnoscopeError(E.BAD_REQUEST, where="--max-upload-mb", detail="must be positive")

    @property
    def files_dir(self) -> Path:
        return self.files if self.files is not None else self.store.with_name(self.store.stem + ".files")

    @property
    def loopback_only(self) -> bool:
        """Serving this machine alone (no token file): the Host header must be a loopback name."""
        return not self.token_from_file
