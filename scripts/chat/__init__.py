"""Chat sessions: models, the persistent session store, and the conversation on top."""

from scripts.chat.models import ChatResponse, ChatSession, Message
from scripts.chat.session_store import (
    ContextChangedError,
    CorruptRowError,
    SessionNotFoundError,
    SessionStore,
    StoreUnavailableError,
)

__all__ = [
    "ChatResponse",
    "ChatSession",
    "ContextChangedError",
    "CorruptRowError",
    "Message",
    "SessionNotFoundError",
    "SessionStore",
    "StoreUnavailableError",
]
