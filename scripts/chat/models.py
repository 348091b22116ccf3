"""The conversation's data: messages, sessions and the assistant's responses.

Timestamps are timezone-aware UTC and serialise as ISO 8601. A message may carry the
`QueryPlan` that a user turn compiled to and the `CandidateSet` an assistant turn answered
with; both stay typed (``msg.query_plan.filters``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import uuid4

from pydantic import BaseModel, ConfigDict, Field, field_validator

from scripts.schemas import CandidateSet, QueryPlan, as_utc, utc_now

Role = Literal["user", "assistant", "system"]


class Message(BaseModel):
    """One turn's text by one role, with its typed payloads."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    role: Role
    content: str = Field(min_length=1)
    query_plan: QueryPlan | None = None
    candidate_set: CandidateSet | None = None
    timestamp: datetime = Field(default_factory=utc_now)
    message_id: int | None = Field(default=None, description="Set by the store; append order.")

    _utc = field_validator("timestamp")(as_utc)

    @field_validator("content")
    @classmethod
    def _not_blank(cls, content: str) -> str:
        if not content.strip():
            raise ValueError("content must not be blank")
        return content


class ChatSession(BaseModel):
    """A conversation: its messages in append order and the context carried between turns."""

    model_config = ConfigDict(extra="forbid")

    session_id: str = Field(default_factory=lambda: str(uuid4()))
    user_id: str | None = None
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    messages: list[Message] = Field(default_factory=list)
    context: dict[str, Any] = Field(default_factory=dict)
    metadata: dict[str, Any] = Field(default_factory=dict)
    expired_at: datetime | None = None

    _utc = field_validator("created_at", "updated_at")(as_utc)

    @field_validator("expired_at")
    @classmethod
    def _expired_utc(cls, value: datetime | None) -> datetime | None:
        return None if value is None else as_utc(value)

    @property
    def is_expired(self) -> bool:
        return self.expired_at is not None

    def add_message(self, message: Message) -> None:
        """Append in memory and touch ``updated_at`` (the store persists separately)."""
        self.messages.append(message)
        self.updated_at = utc_now()

    def get_recent_messages(self, n: int = 5) -> list[Message]:
        """The last ``n`` messages, oldest first."""
        return self.messages[-n:] if n > 0 else []


class ChatResponse(BaseModel):
    """What the assistant answers to one user turn."""

    model_config = ConfigDict(extra="forbid")

    message: str
    session_id: str
    candidate_set: CandidateSet | None = None
    suggested_followups: list[str] = Field(default_factory=list)
    clarification_needed: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
