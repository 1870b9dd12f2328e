"""Errors as JSON bodies from the catalogue: ``{"error": {code, title, where, detail, advice}}``.

A client's mistake gets a 4xx status with the same message the command line
prints; anything unexpected gets a 500 with a generic body (the trace goes to
the server's log, never to the client).

>>> status_of(InnoscopeError(E.TOKEN_REQUIRED)), status_of(InnoscopeError(E.RUN_NOT_FOUND))
(401, 404)
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from innoscope.errors import E, InnoscopeError

if TYPE_CHECKING:
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse

__all__ = ["error_body", "error_response", "install_handlers", "status_of"]

log = logging.getLogger("innoscope.api")

_STATUS: dict[E, int] = {
    E.TOKEN_REQUIRED: 401,
    E.TOKEN_WRONG: 403,
    E.UPLOAD_TOO_LARGE: 413,
    E.UPLOAD_EMPTY: 400,
    E.UPLOAD_EXTENSION: 415,
    E.UPLOAD_CONTENT: 415,
    E.UPLOAD_FORM: 400,
    E.BAD_REQUEST: 422,
    E.NOT_FOUND: 404,
    E.NO_WORKSPACE: 409,
    E.DOCUMENT_TEXT_MISSING: 404,
    E.HOST_HEADER: 400,
    E.METHOD_NOT_ALLOWED: 405,
    E.REPORTS_UNAVAILABLE: 501,
    E.RUN_NOT_FOUND: 404,
    E.STORE_MISSING: 404,
    E.NOT_IN_RUN: 404,
    E.AUDIT_NOT_FOUND: 404,
    E.STORE_BUSY: 503,
    E.STORE_NEWER: 503,
    E.STORE_UNREADABLE: 503,
}


def status_of(exc: InnoscopeError) -> int:
    """The HTTP status of a catalogue error: 4xx for the client's mistakes (422 for bad inputs)."""
    return _STATUS.get(exc.kind, 422)


def error_body(exc: InnoscopeError) -> dict[str, Any]:
    return {"error": exc.as_dict()}


def error_response(exc: InnoscopeError) -> JSONResponse:
    from fastapi.responses import JSONResponse

    headers = {"WWW-Authenticate": "Bearer"} if exc.kind is E.TOKEN_REQUIRED else None
    return JSONResponse(error_body(exc), status_code=status_of(exc), headers=headers)


def _validation(exc: Any) -> InnoscopeError:
    first = (exc.errors() or [{}])[0]
    loc = ".".join(str(x) for x in first.get("loc", ()) if x not in ("body", "query", "path"))
    where = loc or "request"
    if first.get("loc", ("",))[0] == "body" and "file" in where:
        return InnoscopeError(E.UPLOAD_FORM, where=where, detail=first.get("msg", ""))
    return InnoscopeError(E.BAD_REQUEST, where=where, detail=first.get("msg", "invalid"))


def install_handlers(app: FastAPI) -> None:
    """Every error leaves as a catalogue body."""
    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException

    @app.exception_handler(InnoscopeError)
    async def _user(_request: Request, exc: InnoscopeError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(_validation(exc))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        if exc.status_code == 404:
            err = InnoscopeError(E.NOT_FOUND, where=request.url.path, detail=str(exc.detail))
        elif exc.status_code == 405:
            err = InnoscopeError(E.METHOD_NOT_ALLOWED, where=f"{request.method} {request.url.path}")
        elif exc.status_code == 413:
            err = InnoscopeError(E.UPLOAD_TOO_LARGE, where=request.url.path, detail=str(exc.detail))
        else:  # e.g. a multipart body the parser cannot read
            err = InnoscopeError(E.UPLOAD_FORM if exc.status_code == 400 else E.BAD_REQUEST, detail=str(exc.detail))
        resp = error_response(err)
        if exc.status_code not in (404, 405, 413) and exc.status_code < 500:
            resp.status_code = exc.status_code
        return resp

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        resp = error_response(InnoscopeError(E.INTERNAL, where=request.url.path, detail=type(exc).__name__))
        resp.status_code = 500
        return resp
