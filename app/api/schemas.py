"""The API's request and response bodies; requests refuse unknown fields.

Chat messages and sessions travel as the chat models themselves (``ChatResponse``,
``Message``); the models here are the API's own envelopes around them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import Path
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from scripts.chat import ChatSession, Message

SESSION_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
EXAMPLE_SESSION_ID = "6f1c1b0e-2f7e-4c8e-9a51-3d1f0b2a9c44"


def _storable(text: str) -> str:
    """Refuse NUL characters, which PostgreSQL text cannot hold (lone surrogates fail earlier)."""
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    return text


def _not_blank(text: str) -> str:
    """Refuse text of only whitespace: there is nothing to answer, so nothing is stored."""
    if not text.strip():
        raise ValueError("must not be blank")
    return text


Text = Annotated[str, Field(min_length=1), AfterValidator(_storable), AfterValidator(_not_blank)]
Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_storable),
]
SessionId = Annotated[str, Field(pattern=SESSION_ID_PATTERN, examples=[EXAMPLE_SESSION_ID])]
MAX_MESSAGE_ID = 2**63 - 1  # SQLite's and PostgreSQL's largest integer id
SessionIdPath = Annotated[str, Path(pattern=SESSION_ID_PATTERN)]
MessageIdPath = Annotated[int, Path(ge=1, le=MAX_MESSAGE_ID)]


def _decoded(messages: list[Message]) -> list[Message]:
    """Decode stored payloads as the body is built: a row that cannot be read then raises
    ``CorruptRowError``, answered as an error, not while the body is being written."""
    return [message.decoded() for message in messages]


Messages = Annotated[list[Message], AfterValidator(_decoded)]


class ErrorDetail(BaseModel):
    code: str = Field(examples=["not_found"])
    message: str = Field(examples=[f"Session '{EXAMPLE_SESSION_ID}' not found"])


class ErrorBody(BaseModel):
    """Every error the API answers, whatever its status."""

    error: ErrorDetail


class ChatRequest(BaseModel):
    """One reader turn; without a usable ``session_id`` a new session is started."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"message": "books printed in Venice"},
                {"session_id": EXAMPLE_SESSION_ID, "message": "only those in Latin"},
            ]
        },
    )

    session_id: SessionId | None = None
    message: Text


class NewSession(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"title": "Aldines"}]}
    )

    title: Title | None = None


class Rename(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"title": "Venetian printing"}]}
    )

    title: Title


class SessionSummary(BaseModel):
    """A session without its messages, as the sidebar lists it."""

    session_id: str
    title: str | None = Field(description="The reader's title, else the first question.")
    created_at: datetime
    updated_at: datetime
    expired: bool

    @classmethod
    def of(cls, session: ChatSession) -> SessionSummary:
        return cls(
            session_id=session.session_id,
            title=session.metadata.get("title"),
            created_at=session.created_at,
            updated_at=session.updated_at,
            expired=session.is_expired,
        )


class SessionDetail(SessionSummary):
    messages: Messages


class SessionPage(BaseModel):
    sessions: list[SessionSummary] = Field(description="Most recently updated first.")
    next_offset: int | None = Field(description="The offset of the next page, if there is one.")


class MessagePage(BaseModel):
    messages: Messages = Field(description="Oldest first.")
    next_before: int | None = Field(
        description="Pass as `before` to get the messages before these, if there are any."
    )


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    active_sessions: int
    catalogue_records: int


# The error responses every route may give, for the OpenAPI schema.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in {
        400: "The body is not valid JSON or not UTF-8, or the Host is not this server's.",
        401: "Missing, malformed, expired or wrongly signed bearer token.",
        408: "The body did not all arrive within 30 seconds.",
        413: "The body is over 64 KB.",
        422: "The request does not match the schema, or the message is too long.",
        503: "The session store or the catalogue index cannot be used now.",
    }.items()
}


def not_found(description: str) -> dict[int | str, dict[str, Any]]:
    """A route's 404 in its OpenAPI responses, saying what it does not find."""
    return {404: {"model": ErrorBody, "description": description}}


NOT_FOUND = not_found("No such session of yours.")
