"""The conversation's data: messages, sessions and the assistant's responses.

Timestamps are timezone-aware UTC and serialise as ISO 8601. A message may carry the
`QueryPlan` that a user turn compiled to and the `CandidateSet` an assistant turn answered
with; both stay typed (``msg.query_plan.filters``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, Literal, Self
from uuid import uuid4

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_serializer

from scripts.schemas import Answer, CandidateSet, QueryPlan, as_utc, utc_now

Role = Literal["user", "assistant", "system"]


class Message(BaseModel):
    """One turn's text by one role, with its typed payloads.

    A message read from the store decodes its payloads on first use: reading a long history
    costs no more than its text until a payload is asked for. Every way of looking at the
    message (attribute, dump, equality, copy, repr) sees the decoded values.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    role: Role
    content: str = Field(min_length=1)
    query_plan: QueryPlan | None = None
    candidate_set: CandidateSet | None = None
    timestamp: datetime = Field(default_factory=utc_now)
    message_id: int | None = Field(default=None, description="Set by the store; append order.")

    _utc = field_validator("timestamp")(as_utc)

    _pending: dict[str, Callable[[], Any]] = PrivateAttr(default_factory=dict)

    @field_validator("content")
    @classmethod
    def _not_blank(cls, content: str) -> str:
        if not content.strip():
            raise ValueError("content must not be blank")
        if "\x00" in content:
            raise ValueError("content must not contain NUL characters")
        return content

    @classmethod
    def stored(
        cls,
        message_id: int,
        role: str,
        content: str,
        timestamp: datetime,
        payloads: dict[str, Callable[[], Any]],
    ) -> Self:
        """A message as the store read it; each payload comes from its decoder on first use."""
        message = cls.model_construct(
            role=role, content=content, timestamp=timestamp, message_id=message_id
        )
        for name in payloads:
            del message.__dict__[name]
        message._pending = payloads
        return message

    def __getattr__(self, name: str) -> Any:
        # Reached only for names missing from __dict__: a payload not yet decoded, or a real miss.
        private = self.__pydantic_private__
        if private and name in private.get("_pending", ()):
            value = private["_pending"][name]()  # a decode error leaves the payload pending
            fields = self.__dict__ | {name: value}
            # Keep declaration order: dumps and reprs read __dict__ in order.
            object.__setattr__(
                self,
                "__dict__",
                {key: fields[key] for key in type(self).model_fields if key in fields},
            )
            del private["_pending"][name]
            return value
        return super().__getattr__(name)

    def decoded(self) -> Self:
        """This message with every payload decoded now: a stored payload that cannot be read
        raises ``CorruptRowError`` here, not later while a caller writes it out."""
        for name in list(self._pending):
            getattr(self, name)
        return self

    @model_serializer(mode="wrap")
    def _serialize(self, handler: Callable[[Self], dict[str, Any]]):  # noqa: ANN202 - keeps the JSON schema
        return handler(self.decoded())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Message):
            other.decoded()
        return super(Message, self.decoded()).__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # mutable, like every BaseModel

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return super(Message, self.decoded()).__iter__()

    def __repr_args__(self):  # noqa: ANN204 - pydantic's own signature
        return super(Message, self.decoded()).__repr_args__()

    def __copy__(self) -> Self:
        return super(Message, self.decoded()).__copy__()

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        return super(Message, self.decoded()).__deepcopy__(memo)

    def __getstate__(self) -> dict[Any, Any]:
        return super(Message, self.decoded()).__getstate__()


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

    @field_validator("metadata")
    @classmethod
    def _titled_in_text(cls, metadata: dict[str, Any]) -> dict[str, Any]:
        # Every view shows the title as text: a sidebar entry, a file name, a heading.
        if not isinstance(metadata.get("title", ""), str | None):
            raise ValueError("the title must be text")
        return metadata

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
    query_plan: QueryPlan | None = Field(
        default=None, description="The plan behind candidate_set: what this turn searched for."
    )
    answer: Answer | None = Field(
        default=None, description="A count or a ranking, when the turn asked for one."
    )
    suggested_followups: list[str] = Field(default_factory=list)
    clarification_needed: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
