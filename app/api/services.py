"""What every request shares, created once per app by the lifespan in ``main``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from app.settings import Settings
from scripts.chat import ChatSession, SessionNotFoundError, SessionStore
from scripts.chat.conversation import Conversation


@dataclass(frozen=True)
class Services:
    settings: Settings
    store: SessionStore
    conversation: Conversation
    jwt_key: str | None  # None: local single-user mode
    allowed_hosts: frozenset[str] = frozenset()  # Host names answered besides loopback


def services(request: Request) -> Services:
    return request.app.state.services


AppServices = Annotated[Services, Depends(services)]


def owned_session(
    services: Services, session_id: str, user: str, *, include_expired: bool = False
) -> ChatSession:
    """The caller's session (another user's is not found, as a missing one is)."""
    session = services.store.get_session(session_id, user_id=user, include_expired=include_expired)
    if session is None:
        raise SessionNotFoundError(session_id)
    return session
