"""The server's gate, before any route: host names, bearer tokens and body sizes.

An ASGI middleware, so that a request is turned away before its body is read:

* without a token file the server answers loopback host names only (a page of
  another site that resolves its name to 127.0.0.1 gets E813);
* a write (any method but GET, HEAD and OPTIONS) needs ``Authorization: Bearer
  TOKEN`` (E800 without, E801 wrong), checked before the body is read;
* a body larger than the upload limit is refused with 413 (E802): at once when
  its declared ``Content-Length`` says so, else as soon as the bytes received
  pass the limit.
"""

from __future__ import annotations

import contextlib
import hmac
from typing import TYPE_CHECKING, Any

from innoscope.api.config import ServerConfig, is_loopback
from innoscope.api.errors import error_response
from innoscope.errors import E, InnoscopeError

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["FORM_SLACK", "Guard", "check_token"]

FORM_SLACK = 64 * 1024  # multipart boundaries and headers around the file
READS = {"GET", "HEAD", "OPTIONS"}


def check_token(header: str | None, config: ServerConfig) -> None:
    """Raise E800/E801 unless ``header`` is ``Bearer <the server's token>``."""
    if not header:
        raise InnoscopeError(E.TOKEN_REQUIRED, where="Authorization", detail="no Authorization header")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise InnoscopeError(E.TOKEN_REQUIRED, where="Authorization", detail="expected `Bearer TOKEN`")
    if not hmac.compare_digest(value.strip().encode(), config.token.encode()):
        raise InnoscopeError(E.TOKEN_WRONG, where="Authorization")


def _host(headers: dict[bytes, bytes]) -> str:
    raw = headers.get(b"host", b"").decode("latin-1")
    if raw.startswith("["):
        return raw[1 : raw.find("]")] if "]" in raw else raw
    return raw.rsplit(":", 1)[0] if raw.count(":") == 1 else raw


class _TooLarge(Exception):
    pass


class Guard:
    """The middleware; see the module docstring."""

    def __init__(self, app: ASGIApp, config: ServerConfig) -> None:
        self.app = app
        self.config = config
        self.limit = config.max_upload_bytes + FORM_SLACK

    async def _refuse(self, exc: InnoscopeError, scope: Scope, receive: Receive, send: Send) -> None:
        await error_response(exc)(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if self.config.loopback_only and not is_loopback(_host(headers)):
            host = headers.get(b"host", b"").decode("latin-1")[:100]
            await self._refuse(InnoscopeError(E.HOST_HEADER, where=f"Host: {host}"), scope, receive, send)
            return
        if scope["method"] in READS:
            await self.app(scope, receive, send)
            return
        try:
            auth = headers.get(b"authorization")
            check_token(auth.decode("latin-1") if auth else None, self.config)
            declared = headers.get(b"content-length")
            if declared is not None:
                try:
                    size = int(declared)
                except ValueError:
                    raise InnoscopeError(E.BAD_REQUEST, where="Content-Length", detail=repr(declared[:40])) from None
                if size > self.limit:
                    raise _too_large(size, self.config.max_upload_bytes)
        except InnoscopeError as exc:
            await self._refuse(exc, scope, receive, send)
            return
        await self._counted(scope, receive, send)

    async def _counted(self, scope: Scope, receive: Receive, send: Send) -> None:
        state: dict[str, Any] = {"bytes": 0, "over": False, "started": False}

        async def counting() -> dict:
            message = await receive()
            if message["type"] == "http.request":
                state["bytes"] += len(message.get("body", b""))
                if state["bytes"] > self.limit:
                    state["over"] = True
                    raise _TooLarge
            return message

        async def sending(message: dict) -> None:
            if state["over"]:
                return  # the app's answer to a body cut short is replaced below
            state["started"] = True
            await send(message)

        with contextlib.suppress(_TooLarge):
            await self.app(scope, counting, sending)
        if state["over"] and not state["started"]:
            exc = _too_large(state["bytes"], self.config.max_upload_bytes, received=True)
            await error_response(exc)(scope, receive, send)


def _too_large(size: int, limit: int, received: bool = False) -> InnoscopeError:
    what = "received more than" if received else "declared"
    mb = limit / 2**20
    return InnoscopeError(
        E.UPLOAD_TOO_LARGE, where="request body", detail=f"{what} {size:,} bytes; the limit is {mb:g} MiB"
    )
