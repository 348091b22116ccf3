"""The caller's sessions: create, list, read, page through messages, rename, delete.

Every call passes the caller's user id to the store, so another user's session is answered
exactly like a missing one: 404 with the same body.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from app.api.auth import User
from app.api.schemas import (
    MAX_MESSAGE_ID,
    NOT_FOUND,
    MessagePage,
    NewSession,
    Rename,
    SessionDetail,
    SessionIdPath,
    SessionPage,
    SessionSummary,
)
from app.api.services import AppServices, owned_session
from scripts.chat import SessionNotFoundError

MAX_PAGE = 100

router = APIRouter(prefix="/sessions", tags=["sessions"])


@router.post("", status_code=status.HTTP_201_CREATED)
def create_session(
    user: User, services: AppServices, body: NewSession | None = None
) -> SessionSummary:
    """Start an empty session, optionally titled."""
    metadata = {"title": body.title} if body and body.title else {}
    return SessionSummary.of(services.store.create_session(user, metadata))


@router.get(
    "",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "sessions": [
                            {
                                "session_id": "6f1c1b0e-2f7e-4c8e-9a51-3d1f0b2a9c44",
                                "title": "books printed in Venice",
                                "created_at": "2025-11-25T09:12:03.201455Z",
                                "updated_at": "2025-11-25T09:14:41.882010Z",
                                "expired": False,
                            }
                        ],
                        "next_offset": None,
                    }
                }
            }
        }
    },
)
def list_sessions(
    user: User,
    services: AppServices,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> SessionPage:
    """The caller's active sessions, most recently updated first."""
    found = services.store.list_sessions(user, limit=limit + 1, offset=offset)
    return SessionPage(
        sessions=[SessionSummary.of(s) for s in found[:limit]],
        next_offset=offset + limit if len(found) > limit else None,
    )


@router.get("/{session_id}", responses=NOT_FOUND)
def get_session(session_id: SessionIdPath, user: User, services: AppServices) -> SessionDetail:
    """A session with all its messages, oldest first."""
    session = owned_session(services, session_id, user, include_expired=True)
    return SessionDetail(**SessionSummary.of(session).model_dump(), messages=session.messages)


@router.patch("/{session_id}", responses=NOT_FOUND)
def rename_session(
    session_id: SessionIdPath, body: Rename, user: User, services: AppServices
) -> SessionSummary:
    """Give a session a new title."""
    services.store.update_metadata(session_id, {"title": body.title}, user_id=user)
    return SessionSummary.of(owned_session(services, session_id, user, include_expired=True))


@router.get("/{session_id}/messages", responses=NOT_FOUND)
def list_messages(
    session_id: SessionIdPath,
    user: User,
    services: AppServices,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    before: Annotated[
        int | None,
        Query(ge=1, le=MAX_MESSAGE_ID, description="A message id: the messages before it."),
    ] = None,
) -> MessagePage:
    """The newest ``limit`` messages (before ``before``), oldest first."""
    found = services.store.get_messages(session_id, limit=limit + 1, before_id=before, user_id=user)
    page = found[-limit:]
    return MessagePage(
        messages=page, next_before=page[0].message_id if len(found) > limit else None
    )


@router.delete("/{session_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND)
def delete_session(session_id: SessionIdPath, user: User, services: AppServices) -> Response:
    """Delete a session and its messages for good."""
    if not services.store.delete_session(session_id, user_id=user):
        raise SessionNotFoundError(session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
