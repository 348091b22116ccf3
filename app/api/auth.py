"""Who is asking: the user a request's bearer token names, or ``local`` in local mode.

With ``COLOPHON_JWT_SECRET`` set, every request except the health and metrics probes needs
``Authorization: Bearer <token>`` (see ``tokens``). Without a secret the server is
single-user (user id ``local``) and answers only clients on this machine.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.api.services import AppServices
from app.api.tokens import LOCAL_USER, AuthError, is_loopback, user_of

bearer = HTTPBearer(
    auto_error=False,
    description="A token from `colophon token --user ID`; not needed in local mode.",
)


def current_user(
    request: Request,
    services: AppServices,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str:
    """The caller's user id: from the bearer token, or ``local`` in local mode."""
    if services.jwt_key is None:
        client = request.client.host if request.client else ""
        if not is_loopback(client):
            raise AuthError("this server is in local mode and answers only its own machine")
        return LOCAL_USER
    if credentials is None:
        raise AuthError("send Authorization: Bearer <token> (colophon token --user ID)")
    return user_of(credentials.credentials, services.jwt_key)


User = Annotated[str, Depends(current_user)]


def catalogue_reader(request: Request, services: AppServices) -> None:
    """Anyone may read the catalogue (no token needed); in local mode, only from this machine."""
    client = request.client.host if request.client else ""
    if services.jwt_key is None and not is_loopback(client):
        raise AuthError("this server is in local mode and answers only its own machine")
