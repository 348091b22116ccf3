"""How much a client may send, and how slowly: the server's guards against clients that
hold connections or memory.

- The request line and headers may take ``MAX_HEADER_BYTES`` and must arrive within
  ``HEADER_SECONDS`` of the connection opening (or of the previous response): ``HeaderDeadline``
  is uvicorn's h11 protocol with that deadline, since uvicorn itself only times idle
  keep-alive connections (``KEEP_ALIVE_SECONDS``). Over either limit, uvicorn answers 400 or
  the connection is closed, before the app sees anything. ``SERVER_OPTIONS`` hands these to
  uvicorn (``colophon serve`` and the tests' live server use it).
- A body over ``MAX_BODY_BYTES`` is refused with 413 where it is read: a ``Content-Length``
  over it before any byte is taken, a body sent without one (chunked) as it arrives. A body
  that has not all arrived within ``BODY_SECONDS`` is refused with 408. Both refusals are
  ``HTTPException`` so that they reach the API's error handlers.
"""

from __future__ import annotations

import asyncio

import anyio
import h11
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

MAX_BODY_BYTES = 64 * 1024
MAX_HEADER_BYTES = 16 * 1024
HEADER_SECONDS = 10.0
BODY_SECONDS = 30.0
KEEP_ALIVE_SECONDS = 5


class HeaderDeadline(H11Protocol):
    """uvicorn's h11 protocol, closing connections whose request headers come too slowly."""

    seconds: float = HEADER_SECONDS
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:  # type: ignore[override]
        super().connection_made(transport)  # type: ignore[arg-type]
        self._await_headers()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # a request's headers are in
            self._stop()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._await_headers()  # the next request on this connection

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop()
        super().connection_lost(exc)

    def _await_headers(self) -> None:
        self._stop()
        self._deadline = self.loop.call_later(self.seconds, self._too_slow)

    def _stop(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


SERVER_OPTIONS = {
    "http": HeaderDeadline,
    "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
    "timeout_keep_alive": KEEP_ALIVE_SECONDS,
}


class BodyLimit:
    """ASGI middleware refusing request bodies over ``max_bytes`` or slower than ``seconds``."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, seconds: float) -> None:
        self.app, self.max_bytes, self.seconds = app, max_bytes, seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        deadline = anyio.current_time() + self.seconds
        received, complete = 0, False

        async def limited() -> Message:
            nonlocal received, complete
            if complete:  # after the body, e.g. waiting for a disconnect: no deadline
                return await receive()
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise self._too_large()
            try:
                with anyio.fail_after(max(deadline - anyio.current_time(), 0)):
                    message = await receive()
            except TimeoutError:
                raise HTTPException(
                    408, f"the request body did not arrive within {self.seconds:g} seconds"
                ) from None
            complete = message["type"] != "http.request" or not message.get("more_body", False)
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise self._too_large()
            return message

        await self.app(scope, limited, send)

    def _too_large(self) -> HTTPException:
        return HTTPException(413, f"the request body is over {self.max_bytes} bytes")
