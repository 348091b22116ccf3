"""Downloads of what a conversation found: one answer's records, or a whole session's.

``GET /sessions/{id}/messages/{mid}/export?format=`` gives every match of the search that
answer shows (not only its page); ``GET /sessions/{id}/export?format=`` every answer's
records, each once, or the conversation itself as Markdown or JSON. Bodies are streamed as
they are written. Only the session's owner may export it: another user's session is 404, as
everywhere. An unknown format is 400 naming the formats; nothing found is a valid empty file.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from app.api.auth import User
from app.api.downloads import attachment
from app.api.schemas import NOT_FOUND, MessageIdPath, SessionIdPath
from app.api.services import AppServices, Services, owned_session
from scripts.chat import ChatSession
from scripts.export.formats import (
    CONVERSATION_FORMATS,
    FORMATS,
    ConversationFormat,
    record_format,
    session_format,
)
from scripts.export.streams import answer_items, session_items
from scripts.records.view import address

router = APIRouter(prefix="/sessions", tags=["exports"])
MEDIA_TYPES = {
    f.media_type.split(";")[0] for f in [*FORMATS.values(), *CONVERSATION_FORMATS.values()]
}
DOWNLOAD = {
    200: {
        "content": {media: {} for media in sorted(MEDIA_TYPES)},
        "description": "The file, streamed.",
    }
}


def _owned(services: Services, session_id: str, user: str) -> ChatSession:
    """The caller's active session, every message decoded: a stored row that cannot be read
    is an error answer, not a download cut off after it started."""
    session = owned_session(services, session_id, user)
    for message in session.messages:
        message.decoded()
    return session


def _url_of(request: Request):
    base = str(request.base_url).rstrip("/")
    return lambda record_id: f"{base}{address(record_id)}"


def _stem(session: ChatSession) -> str:
    return f"colophon {session.metadata.get('title') or session.session_id}"


@router.get(
    "/{session_id}/messages/{message_id}/export",
    response_class=StreamingResponse,
    responses={**DOWNLOAD, **NOT_FOUND},
)
def export_answer(
    session_id: SessionIdPath,
    message_id: MessageIdPath,
    export_format: Annotated[
        str, Query(alias="format", description=f"One of: {', '.join(FORMATS)}.")
    ],
    request: Request,
    user: User,
    services: AppServices,
) -> StreamingResponse:
    """Every record the answer found (all matches of its search), why each matched included."""
    chosen = record_format(export_format)
    session = _owned(services, session_id, user)
    items = answer_items(
        session, message_id, services.settings.index_db, chosen.loading(_url_of(request))
    )
    headers = attachment(f"{_stem(session)} answer {message_id}", chosen.extension)
    return StreamingResponse(chosen.write(items), media_type=chosen.media_type, headers=headers)


@router.get(
    "/{session_id}/export", response_class=StreamingResponse, responses={**DOWNLOAD, **NOT_FOUND}
)
def export_session(
    session_id: SessionIdPath,
    export_format: Annotated[
        str,
        Query(
            alias="format",
            description=f"Records: {', '.join(FORMATS)}; the conversation: "
            f"{', '.join(CONVERSATION_FORMATS)}.",
        ),
    ],
    request: Request,
    user: User,
    services: AppServices,
) -> StreamingResponse:
    """Every answer's records (each once), or the conversation as Markdown or JSON."""
    chosen = session_format(export_format)
    session = _owned(services, session_id, user)
    if isinstance(chosen, ConversationFormat):
        body = chosen.write(session, _url_of(request))
    else:
        items = session_items(session, services.settings.index_db, chosen.loading(_url_of(request)))
        body = chosen.write(items)
    headers = attachment(_stem(session), chosen.extension)
    return StreamingResponse(body, media_type=chosen.media_type, headers=headers)
