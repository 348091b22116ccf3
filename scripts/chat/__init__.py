"""Chat sessions: models, the persistent session store, and the conversation on top."""

from scripts.chat.models import ChatResponse, ChatSession, Message
from scripts.chat.session_store import CorruptRowError, SessionNotFoundError, SessionStore

__all__ = [
    "ChatResponse",
    "ChatSession",
    "CorruptRowError",
    "Message",
    "SessionNotFoundError",
    "SessionStore",
]
