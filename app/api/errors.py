"""The one place exceptions become HTTP answers, all shaped ``{"error": {"code", "message"}}``.

Library and API exceptions map to a status and a code through ``STATUS``; FastAPI's own
rejections (bad JSON, validation, unknown routes, an oversized body) keep their status and
get the same shape. Messages that name server paths (the index's) are answered with the
sentence in ``PUBLIC_MESSAGE``, and a stored row that cannot be read by its table and id; the
server's own failures (``LOGGED``) are logged whole, with where they happened. Anything
unexpected is logged and answered as a plain 500.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from app.api.chat import MessageTooLongError
from app.api.health import UnhealthyError
from app.api.hosts import HostNotAllowedError
from app.api.schemas import ErrorBody, ErrorDetail
from app.api.share_links import ShareNotFoundError
from app.api.tokens import AuthError
from scripts.chat import (
    ContextChangedError,
    CorruptRowError,
    SessionNotFoundError,
    StoreUnavailableError,
)
from scripts.chat.conversation import BlankMessageError
from scripts.chat.searches import MessageNotFoundError, NoSearchError
from scripts.export.formats import UnknownFormatError
from scripts.query.connection import IndexNotFoundError, IndexQueryError
from scripts.records.load import RecordNotFoundError
from scripts.utils.logger import LoggerManager, fields

log = LoggerManager.get_logger(__name__)

STATUS: dict[type[Exception], tuple[int, str]] = {
    HostNotAllowedError: (400, "host_not_allowed"),
    AuthError: (401, "unauthorized"),
    SessionNotFoundError: (404, "not_found"),
    RecordNotFoundError: (404, "not_found"),
    MessageNotFoundError: (404, "not_found"),
    NoSearchError: (404, "not_found"),
    ShareNotFoundError: (404, "not_found"),
    UnknownFormatError: (400, "unsupported_format"),
    ContextChangedError: (409, "session_busy"),
    MessageTooLongError: (422, "message_too_long"),
    BlankMessageError: (422, "invalid_request"),
    UnhealthyError: (503, "unavailable"),
    StoreUnavailableError: (503, "store_unavailable"),
    CorruptRowError: (503, "store_unavailable"),
    IndexNotFoundError: (503, "index_unavailable"),
    IndexQueryError: (503, "index_unavailable"),
    # The store turns its own sqlite3 errors into StoreUnavailableError: any left are the index's.
    sqlite3.DatabaseError: (503, "index_unavailable"),
}
# The server's own failures, logged with where they happened (a path, a database server).
LOGGED = (
    IndexNotFoundError,
    IndexQueryError,
    sqlite3.DatabaseError,
    StoreUnavailableError,
    CorruptRowError,
)
INDEX_UNREADABLE = "the catalogue index cannot be read; see the server log"
PUBLIC_MESSAGE: dict[type[Exception], str] = {
    IndexNotFoundError: "the catalogue index is missing; see the server log",
    IndexQueryError: INDEX_UNREADABLE,
    sqlite3.DatabaseError: INDEX_UNREADABLE,
}
HTTP_CODES = {
    400: "invalid_json",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    413: "body_too_large",
}
MAX_LISTED_PROBLEMS = 3


def error_response(status: int, code: str, message: str, headers: Any = None) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code, message=message))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def response_for(exc: Exception) -> JSONResponse:
    """The answer to one of the exceptions in ``STATUS``."""
    kind = next(kind for kind in type(exc).__mro__ if kind in STATUS)
    status, code = STATUS[kind]
    message = (
        _unreadable(exc) if isinstance(exc, CorruptRowError) else PUBLIC_MESSAGE.get(kind, str(exc))
    )
    if isinstance(exc, LOGGED):
        where = getattr(exc, "where", "")  # StoreUnavailableError's file or server
        log.error(
            message,
            extra=fields(code=code, error=type(exc).__name__, detail=str(exc), where=where),
        )
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return error_response(status, code, message, headers)


def _unreadable(exc: CorruptRowError) -> str:
    # The row's decoding error can quote its stored text; the log has it, the client the row.
    return (
        f"the session store cannot be used: {exc.table} row {exc.row_id} cannot be read;"
        " see the server log"
    )


async def _mapped(request: Request, exc: Exception) -> JSONResponse:
    return response_for(exc)


async def _http(request: Request, exc: HTTPException) -> JSONResponse:
    code = HTTP_CODES.get(exc.status_code, "http_error")
    cause = f": {exc.__cause__}" if exc.__cause__ else ""  # e.g. why the body did not parse
    return error_response(exc.status_code, code, f"{exc.detail}{cause}", exc.headers)


def _where(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc[1:]) or str(loc[0])


async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = exc.errors()
    bad_json = next((p for p in problems if p["type"] == "json_invalid"), None)
    if bad_json is not None:
        reason = bad_json.get("ctx", {}).get("error", "JSON decode error")
        return error_response(400, "invalid_json", f"the body is not valid JSON: {reason}")
    listed = "; ".join(f"{_where(p['loc'])}: {p['msg']}" for p in problems[:MAX_LISTED_PROBLEMS])
    more = len(problems) - MAX_LISTED_PROBLEMS
    return error_response(
        422, "invalid_request", listed + (f" (and {more} more)" if more > 0 else "")
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error(
        "request failed",
        exc_info=exc,
        extra=fields(path=request.url.path, error=type(exc).__name__),
    )
    return error_response(500, "internal_error", "the server failed to answer; see its log")


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    for kind in STATUS:
        app.add_exception_handler(kind, _mapped)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _unexpected)
