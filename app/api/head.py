"""HEAD wherever GET is served (RFC 9110 9.3.2): the page, static files, probes, JSON routes.

FastAPI's routes answer only the methods they declare, so a HEAD request is routed as GET
and only its headers are sent on (Content-Length included, as GET would give it). A route
that does not take GET answers HEAD with 405, as it does GET.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """ASGI middleware answering HEAD with GET's status and headers and no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        # A copy: the server still knows the request as HEAD and expects no body.
        await self.app({**scope, "method": "GET"}, receive, headers_only)
