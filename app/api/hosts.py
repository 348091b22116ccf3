"""Which ``Host`` names the server answers to: its defence against DNS rebinding.

A page on any site can point its own name at 127.0.0.1 and have the browser send requests
there with ``Host: attacker.example``; checking the client's address alone would let it read
every session of a local-mode server. So every request's ``Host`` must be a loopback name
(``localhost``, ``127.0.0.1``, ``[::1]``, any port) or, with a token secret set, one of the
names in ``COLOPHON_ALLOWED_HOSTS`` (``*`` for any). Local mode answers loopback names only.
Anything else, a missing ``Host`` included, is refused before routing, so no route, page,
redirect or error ever sees (or echoes) an untrusted name.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from app.api.tokens import AuthConfigError, is_loopback
from app.settings import Settings

ANY = "*"


class HostNotAllowedError(ValueError):
    """The request's ``Host`` is not a name this server answers to."""

    def __init__(self) -> None:
        super().__init__(
            "this server does not answer to the host name in the request (Host header);"
            " loopback names always work, others must be listed in COLOPHON_ALLOWED_HOSTS"
        )


def host_name(header: str) -> str:
    """The name in a ``Host`` header, lower-cased, without port or IPv6 brackets."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.partition(":")[0]


def allowed_hosts(settings: Settings, key: str | None) -> frozenset[str]:
    """The names besides loopback that requests may carry; raises AuthConfigError in local
    mode when the setting names any."""
    names = {host_name(name) for name in settings.allowed_hosts.split(",") if name.strip()}
    others = frozenset(name for name in names if name == ANY or not is_loopback(name))
    if key is None and others:
        raise AuthConfigError(
            "COLOPHON_ALLOWED_HOSTS names hosts beyond loopback, but without"
            " COLOPHON_JWT_SECRET the server is in local single-user mode and answers"
            " loopback names only"
        )
    return others


def is_allowed(header: str | None, others: frozenset[str]) -> bool:
    """True when a request with this ``Host`` header may be answered."""
    if not header:
        return False
    name = host_name(header)
    return is_loopback(name) or ANY in others or name in others


class TrustedHosts:
    """ASGI middleware refusing requests whose ``Host`` is not allowed, with ``refuse``'s
    answer; the allowed names are the app's ``services.allowed_hosts``, set when it starts."""

    def __init__(self, app: ASGIApp, refuse: Callable[[Exception], Response]) -> None:
        self.app, self.refuse = app, refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            others = scope["app"].state.services.allowed_hosts
            if not is_allowed(Headers(scope=scope).get("host"), others):
                await self.refuse(HostNotAllowedError())(scope, receive, send)
                return
        await self.app(scope, receive, send)
