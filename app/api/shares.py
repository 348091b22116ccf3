"""Sharing a conversation read-only: the owner makes or revokes its link; anyone opens it.

``POST /sessions/{id}/share`` gives the session's link (the same one until revoked),
``DELETE /sessions/{id}/share`` revokes it. ``GET /shared/{token}`` is the shared view: a page
for browsers, or for ``Accept: application/json`` the conversation with its results, without
its owner, its id or anything of the owner's other sessions. Nothing in it can write to the
session. A link that is malformed, altered, unknown or revoked is 404, like a missing session.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response, status
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from app.api.auth import User, catalogue_reader
from app.api.negotiation import HTML, JSON, VARY, wants_json
from app.api.schemas import NOT_FOUND, ErrorBody, Messages, SessionIdPath
from app.api.services import AppServices
from app.api.share_links import ShareNotFoundError, link_token, share_id_of, share_key
from app.api.web import WEB_DIR

router = APIRouter(tags=["sharing"])
TokenPath = Annotated[str, Path(min_length=1, max_length=200)]
# A revoked link must stop working at once: nothing may keep a copy of a shared view.
UNCACHED = {**VARY, "Cache-Control": "no-store"}


class ShareLink(BaseModel):
    path: str = Field(
        examples=["/shared/Xo3v8kq2RmWc1tHh0aP9Zg.lr7TtE0x6pY9mB0sQ2u1VhV8dKQyq3c0yN0Gx1m2ZfA"]
    )
    url: str = Field(description="The link to give: this server's address and the path.")


class SharedConversation(BaseModel):
    """A shared conversation as its readers see it."""

    title: str | None
    created_at: datetime
    messages: Messages = Field(description="Oldest first.")


@router.post("/sessions/{session_id}/share", responses=NOT_FOUND)
def share(
    session_id: SessionIdPath, request: Request, user: User, services: AppServices
) -> ShareLink:
    """The session's read-only link, made if it has none (the same link until revoked)."""
    share_id = services.store.share_session(session_id, user_id=user)
    path = f"/shared/{link_token(share_id, share_key(services.settings))}"
    return ShareLink(path=path, url=f"{str(request.base_url).rstrip('/')}{path}")


@router.delete(
    "/sessions/{session_id}/share", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND
)
def unshare(session_id: SessionIdPath, user: User, services: AppServices) -> Response:
    """Revoke the session's link: whoever opens it from now on gets 404."""
    services.store.unshare_session(session_id, user_id=user)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/shared/{token}",
    dependencies=[Depends(catalogue_reader)],
    response_model=SharedConversation,
    responses={
        200: {"content": {HTML: {}, JSON: {}}, "description": "The page, or its conversation."},
        404: {"model": ErrorBody, "description": "The link is wrong or was revoked."},
    },
)
def shared(
    token: TokenPath, request: Request, response: Response, services: AppServices
) -> SharedConversation | FileResponse:
    """A shared conversation, read-only: a page, or JSON for ``Accept: application/json``."""
    session = services.store.get_shared_session(share_id_of(token, share_key(services.settings)))
    if session is None:
        raise ShareNotFoundError()
    if not wants_json(request):
        return FileResponse(WEB_DIR / "shared.html", headers=UNCACHED)
    response.headers.update(UNCACHED)
    return SharedConversation(
        title=session.metadata.get("title"),
        created_at=session.created_at,
        messages=session.messages,
    )
