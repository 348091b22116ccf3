"""The session store: every conversation and message, persisted, per user.

``SessionStore(location)`` opens the backend its location names: a file path or
``sqlite:///path`` opens the embedded SQLite store (the default), ``postgresql://...`` the
PostgreSQL store for deployments that outgrow one machine. Both honour one contract, which
this class states and the shared test-suite checks:

- every public method is one short transaction; nothing partial is ever written;
- ``add_message`` checks the session is active and inserts, without reading the history;
- messages come back in append order (by id, never by timestamp alone);
- ``update_context`` is an atomic shallow merge: concurrent merges never lose a key;
- a ``user_id`` argument scopes a call to that user's sessions: another user's session
  behaves exactly like a missing one;
- an unknown or expired session raises ``SessionNotFoundError`` where a write is asked for,
  and reads as None (``get_session``) unless a caller asks for expired ones explicitly
  (``include_expired=True``: a history view, a copy);
- a store that cannot be used (unreachable, read-only, full, damaged) raises
  ``StoreUnavailableError`` from any call, saying why without a path; ``check`` probes for it.
- a session's owner may share it read-only: ``share_session`` gives the id of its one share
  (the same until revoked), ``unshare_session`` revokes it, and ``get_shared_session`` reads
  the session by that id alone, for as long as the share stands and the session is active.
"""

from __future__ import annotations

import json
import secrets
import zlib
from abc import ABC, abstractmethod
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Self, TypeVar

from pydantic import BaseModel, ValidationError

from scripts.chat.models import ChatSession, Message

Payload = TypeVar("Payload", bound=BaseModel)

DEFAULT_LOCATION = "data/chat/sessions.db"
_POSTGRES_SCHEMES = ("postgresql://", "postgres://")

# Payload JSON longer than this is stored zlib-compressed: a page of ten candidates with
# evidence shrinks about fourfold, which keeps a 20-turn session well under 20 KB.
COMPRESS_ABOVE_BYTES = 256


class SessionNotFoundError(ValueError):
    """The session does not exist, has expired, or belongs to another user."""

    def __init__(self, session_id: str) -> None:
        super().__init__(f"Session {session_id!r} not found (unknown, expired or not yours)")
        self.session_id = session_id


class ContextChangedError(RuntimeError):
    """A turn was refused because the session context changed since it was read."""


class CorruptRowError(RuntimeError):
    """A stored row cannot be decoded; raised with its table and id rather than skipped."""

    def __init__(self, table: str, row_id: int | str, problem: str) -> None:
        super().__init__(f"{table} row {row_id}: {problem}")
        self.table, self.row_id = table, row_id


class StoreUnavailableError(ConnectionError):
    """The store cannot be used now: unreachable, read-only, full, locked or damaged.

    The message says why in words safe to show a client: never a file path or a password.
    ``where`` names the file or server (password masked), for logs.
    """

    def __init__(self, reason: str, where: str = "") -> None:
        super().__init__(f"the session store cannot be used: {reason}")
        self.reason, self.where = reason, where


def encode_payload(model: BaseModel | None) -> str | bytes | None:
    """Compact JSON (defaults omitted), compressed when long."""
    if model is None:
        return None
    text = model.model_dump_json(exclude_defaults=True)
    if len(text) <= COMPRESS_ABOVE_BYTES:
        return text
    return zlib.compress(text.encode(), 1)


def decode_payload(raw: str | bytes | None, model: type[Payload], row_id: int) -> Payload | None:
    """Inverse of ``encode_payload``; also reads plain JSON text written by older stores."""
    if raw is None:
        return None
    try:
        data = zlib.decompress(raw) if isinstance(raw, bytes) else raw
        return model.model_validate_json(data)
    except (zlib.error, ValidationError) as exc:
        raise CorruptRowError(
            "chat_messages", row_id, f"unreadable {model.__name__}: {_problem(exc)}"
        ) from exc


class RowReading:
    """``with RowReading(table, row_id):`` raises ``CorruptRowError`` naming the row when a
    stored value read inside does not decode (JSON that does not parse, a timestamp or a
    session that does not fit its model). A class, not a generator: every message read
    enters one, and this costs it under half as much (0.9 against 2.3 us)."""

    __slots__ = ("row_id", "table")

    def __init__(self, table: str, row_id: int | str) -> None:
        self.table, self.row_id = table, row_id

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type | None, exc: BaseException | None, trace: object) -> None:
        if isinstance(exc, ValueError | TypeError):  # JSON and validation errors are ValueErrors
            raise CorruptRowError(self.table, self.row_id, f"unreadable: {_problem(exc)}") from exc


def _problem(exc: Exception) -> str:
    """The first thing wrong, on one line (a ValidationError lists every field over many)."""
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"{where}: {first['msg']}" if where else first["msg"]
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def stored_object(stored: object, session_id: str) -> dict[str, Any]:
    """A session's stored context or metadata (JSON text, or as the driver decoded it), which
    must be a JSON object."""
    with RowReading("chat_sessions", session_id):
        value = json.loads(stored) if isinstance(stored, str) else stored
        if not isinstance(value, dict):
            raise TypeError(f"a JSON object was expected, not {type(value).__name__}")
    return value


def session_of(row: tuple, messages: list[Message] | None = None) -> ChatSession:
    """A ``chat_sessions`` row (id, user, created, updated, context, metadata, expired) as a
    session with ``messages``; raises ``CorruptRowError`` when a value does not decode."""
    session_id, user_id, created, updated, context, metadata, expired = row
    with RowReading("chat_sessions", session_id):
        return ChatSession(
            session_id=session_id,
            user_id=user_id,
            created_at=created,
            updated_at=updated,
            context=stored_object(context, session_id),
            metadata=stored_object(metadata, session_id),
            expired_at=expired,
            messages=messages or [],
        )


def check_expected(context: Mapping[str, Any], expected: Mapping[str, Any] | None) -> None:
    """Raise ``ContextChangedError`` unless ``context`` holds every expected value."""
    if expected and any(context.get(key) != value for key, value in expected.items()):
        raise ContextChangedError("the session context changed since it was read")


def context_json(updates: Mapping[str, Any]) -> str:
    """Validate a context update and return it as JSON, or raise ``ValueError`` saying why."""
    if not isinstance(updates, Mapping):
        raise ValueError(f"context updates must be a mapping, not {type(updates).__name__}")
    if not all(isinstance(key, str) for key in updates):
        raise ValueError("context keys must be strings")
    try:
        return json.dumps(dict(updates), allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"context must be JSON-serialisable: {exc}") from exc


def new_share_id() -> str:
    """A random share id: 128 bits, URL-safe, never derived from the session's id."""
    return secrets.token_urlsafe(16)


def iso(moment: datetime) -> str:
    """Fixed-width UTC ISO 8601, so text order is time order."""
    return moment.isoformat(timespec="microseconds")


class SessionStore(ABC):
    """The session-store contract; ``SessionStore(location)`` returns the right backend."""

    def __new__(cls, location: str | Path = DEFAULT_LOCATION, **options: Any) -> Self:
        if cls is SessionStore:
            cls = _backend_for(location)
        return super().__new__(cls)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @abstractmethod
    def create_session(
        self, user_id: str | None = None, metadata: Mapping[str, Any] | None = None
    ) -> ChatSession:
        """Start an empty, active session."""

    @abstractmethod
    def get_session(
        self, session_id: str, user_id: str | None = None, include_expired: bool = False
    ) -> ChatSession | None:
        """The active session with all its messages, or None (also for another user's session);
        ``include_expired`` returns an expired session too."""

    def add_message(self, session_id: str, message: Message, user_id: str | None = None) -> Message:
        """Append to an active session; return the message with its ``message_id``."""
        return self.add_turn(session_id, [message], user_id=user_id)[0]

    @abstractmethod
    def add_turn(
        self,
        session_id: str,
        messages: list[Message],
        context_updates: Mapping[str, Any] | None = None,
        user_id: str | None = None,
        expect_context: Mapping[str, Any] | None = None,
        metadata_defaults: Mapping[str, Any] | None = None,
    ) -> list[Message]:
        """Append messages and merge context in one transaction (one chat turn).

        With ``expect_context``, the turn applies only while each of those context keys still
        holds that value (a missing key reads as None); otherwise ``ContextChangedError`` is
        raised and nothing is written. Turns computed from a context they read this way are
        serialised even across processes. ``metadata_defaults`` sets metadata keys the session
        does not have yet (a title from its first question), in the same transaction.
        """

    @abstractmethod
    def get_context(self, session_id: str, user_id: str | None = None) -> dict[str, Any]:
        """The context of an active session, without reading its messages."""

    @abstractmethod
    def get_messages(
        self,
        session_id: str,
        limit: int | None = None,
        before_id: int | None = None,
        after_id: int | None = None,
        user_id: str | None = None,
    ) -> list[Message]:
        """A page of messages in append order; with ``limit`` and no cursor, the last ones."""

    @abstractmethod
    def update_context(
        self, session_id: str, context_updates: Mapping[str, Any], user_id: str | None = None
    ) -> dict[str, Any]:
        """Shallow-merge ``context_updates`` into the session's context; return the result."""

    @abstractmethod
    def update_metadata(
        self, session_id: str, metadata_updates: Mapping[str, Any], user_id: str | None = None
    ) -> dict[str, Any]:
        """Shallow-merge into the session's metadata (e.g. its title); return the result."""

    @abstractmethod
    def expire_session(self, session_id: str, user_id: str | None = None) -> None:
        """Mark a session expired (idempotent); it keeps its messages until purged."""

    @abstractmethod
    def expire_old_sessions(self, max_age_hours: float = 24) -> int:
        """Expire active sessions idle for longer than ``max_age_hours``; return how many."""

    def list_user_sessions(self, user_id: str, include_expired: bool = False) -> list[str]:
        """The ids of the user's sessions, most recently updated first."""
        return [s.session_id for s in self.list_sessions(user_id, include_expired)]

    @abstractmethod
    def list_sessions(
        self, user_id: str, include_expired: bool = False, limit: int | None = None, offset: int = 0
    ) -> list[ChatSession]:
        """A page of the user's sessions, most recently updated first, without their messages."""

    @abstractmethod
    def delete_session(self, session_id: str, user_id: str | None = None) -> bool:
        """Delete a session and its messages; False when there was none."""

    @abstractmethod
    def purge_expired(self, older_than_hours: float) -> int:
        """Delete sessions expired longer ago than ``older_than_hours``; return how many."""

    @abstractmethod
    def share_session(self, session_id: str, user_id: str | None = None) -> str:
        """The id of the active session's read-only share, made if it has none."""

    @abstractmethod
    def unshare_session(self, session_id: str, user_id: str | None = None) -> bool:
        """Revoke the session's share, so its id reads nothing; False when it had none."""

    @abstractmethod
    def get_shared_session(self, share_id: str) -> ChatSession | None:
        """The active session a standing share names, with its messages; else None."""

    @abstractmethod
    def stats(self) -> dict[str, int]:
        """Counts: active_sessions, expired_sessions, messages, database_bytes."""

    @abstractmethod
    def check(self, thorough: bool = False) -> None:
        """Raise ``StoreUnavailableError`` unless the store can take a write now (a write
        transaction, rolled back); ``thorough`` also checks the stored data's integrity."""

    @abstractmethod
    def close(self) -> None:
        """Release connections; the store is unusable afterwards."""


def parse_location(location: str | Path) -> str | Path:
    """Where a store lives: a PostgreSQL URL (as text) or a SQLite file (as a path).

    ``sqlite:///path`` and plain paths are SQLite files; ``postgresql://...`` and
    ``postgres://...`` are PostgreSQL servers; any other ``scheme://`` is refused with
    ``ValueError``, so a mistyped URL never becomes a file of that name.
    """
    text = str(location).strip()
    if not text:
        raise ValueError("the session store location is empty: give a path or postgresql:// URL")
    if text.startswith(_POSTGRES_SCHEMES):
        return text
    if text.startswith("sqlite:///"):
        return Path(text.removeprefix("sqlite:///"))
    if "://" in text or text.startswith(("postgresql:", "postgres:", "sqlite:")):
        raise ValueError(
            f"unsupported session store location {text!r}: use a path, sqlite:///path"
            " or postgresql://user@host/db"
        )
    return Path(text)


def is_postgres(location: str | Path) -> bool:
    """True when ``location`` names a PostgreSQL store."""
    return isinstance(parse_location(location), str)


def _backend_for(location: str | Path) -> type[SessionStore]:
    if is_postgres(location):
        from scripts.chat.postgres_store import PostgresSessionStore

        return PostgresSessionStore
    from scripts.chat.sqlite_store import SqliteSessionStore

    return SqliteSessionStore
