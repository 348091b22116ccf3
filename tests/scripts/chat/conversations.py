"""Helpers for the scripted-conversation tests: a chat bound to one session, and its state."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scripts.chat import ChatResponse, SessionStore
from scripts.chat.context import ConversationContext
from scripts.chat.conversation import Conversation


def start_chat(
    store: SessionStore, index: Path, user_id: str | None = "reader"
) -> Callable[[str], ChatResponse]:
    """A function sending one message to a new session; its ``session_id`` attribute names it."""
    conversation = Conversation(store, index)
    session_id = store.create_session(user_id=user_id).session_id

    def say(text: str) -> ChatResponse:
        return conversation.handle(session_id, text, user_id=user_id)

    say.session_id = session_id
    return say


def context(store: SessionStore, session_id: str) -> ConversationContext:
    return ConversationContext.of(store.get_context(session_id))


def filters(store: SessionStore, session_id: str) -> list[tuple[str, object, bool]]:
    """The carried plan as (field, value or (start, end), negated) triples."""
    plan = context(store, session_id).plan
    return [
        (f.field.value, f.value if f.value is not None else (f.start, f.end), f.negate)
        for f in plan.filters
    ]
