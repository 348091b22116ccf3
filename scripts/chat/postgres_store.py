"""The session store on PostgreSQL: several app servers share one database.

A write to a session starts by updating the session row, which takes its row lock: two
turns on one session never interleave, and within a session message ids follow commit order.
The context merge is ``context || updates`` in that same statement, and a turn's first
message goes in with it. Transactions, the pool and retries are in ``postgres_connections``.

Payloads are jsonb, read back as text and decoded on first use, as in SQLite. Session times
(created, updated, expired) come from the database clock; a message keeps its own timestamp.
Two limits of PostgreSQL's types show through: text and jsonb cannot hold the NUL character
(such input raises ``ValueError``), and jsonb keeps numbers as exact decimals, so a float that
JSON writes without a fraction (``1e+23``) reads back as an int.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from functools import partial
from typing import Any, TypeVar
from uuid import uuid4

import psycopg
from pydantic import BaseModel

from scripts.chat.models import ChatSession, Message
from scripts.chat.postgres_connections import READ_ONLY, Connections
from scripts.chat.session_store import (
    SessionNotFoundError,
    SessionStore,
    StoreUnavailableError,
    check_expected,
    context_json,
    decode_payload,
    new_share_id,
    session_of,
    stored_object,
)
from scripts.schemas import CandidateSet, QueryPlan, as_utc
from scripts.utils.logger import LoggerManager, fields

log = LoggerManager.get_logger(__name__)

T = TypeVar("T")

CHECK_WAIT_S = 5  # a health probe answers within seconds, even when no connection is free

_MESSAGE_COLUMNS = "id, role, content, query_plan::text, candidate_set::text, timestamp"
_SESSION_COLUMNS = "session_id, user_id, created_at, updated_at, context, metadata, expired_at"
# Matches the session only when it belongs to %(user_id)s, or when no user is given.
_OWNED = (
    "session_id = %(session_id)s AND (%(user_id)s::text IS NULL OR user_id = %(user_id)s::text)"
)
# Touches an active session and merges any context updates and metadata defaults (keys the
# session has keep their values); the row lock it takes serialises every write to the session.
_TOUCH_ACTIVE = (
    "UPDATE chat_sessions SET updated_at = now(), context = CASE"
    " WHEN %(updates)s::jsonb IS NULL THEN context ELSE context || %(updates)s::jsonb END,"
    " metadata = coalesce(%(defaults)s::jsonb, '{}') || metadata"
    f" WHERE {_OWNED} AND expired_at IS NULL"
)
# Locks an active session's row as the touch would, to read the context it will merge into.
_LOCK_ACTIVE = (
    f"SELECT context FROM chat_sessions WHERE {_OWNED} AND expired_at IS NULL FOR NO KEY UPDATE"
)
_MESSAGE_VALUES = (
    "%(role)s, %(content)s, %(query_plan)s::jsonb, %(candidate_set)s::jsonb, %(timestamp)s"
)
# A turn's first message goes in with the touch, in one statement: the session's row is locked
# before the insert, and nothing is inserted when there is no such active session.
_TOUCH_AND_INSERT = f"""
WITH touched AS ({_TOUCH_ACTIVE} RETURNING session_id)
INSERT INTO chat_messages (session_id, role, content, query_plan, candidate_set, timestamp)
SELECT session_id, {_MESSAGE_VALUES} FROM touched
RETURNING id
"""
_INSERT_MESSAGE = (
    "INSERT INTO chat_messages (session_id, role, content, query_plan, candidate_set, timestamp)"
    f" VALUES (%(session_id)s, {_MESSAGE_VALUES}) RETURNING id"
)


def _payload_json(model: BaseModel | None) -> str | None:
    return None if model is None else model.model_dump_json(exclude_defaults=True)


class PostgresSessionStore(SessionStore):
    """``SessionStore`` on a PostgreSQL database."""

    def __init__(self, location: str, *, min_size: int = 1, max_size: int = 10) -> None:
        self.location = str(location)
        self._connections = Connections(self.location, min_size=min_size, max_size=max_size)

    @property
    def db_path(self) -> str:
        """Where the store lives, as the plan names it: ``SessionStore(store.db_path)`` reopens it."""
        return self.location

    def _write(self, work: Callable[[psycopg.Connection], T]) -> T:
        return self._connections.transaction(work, read_only=False)

    def _read(self, work: Callable[[psycopg.Connection], T], *, one_select: bool = False) -> T:
        return self._connections.transaction(work, read_only=True, one_select=one_select)

    # ---------------------------------------------------------------- rows

    @staticmethod
    def _message(row: tuple) -> Message:
        message_id, role, content, plan, candidates, timestamp = row
        return Message.stored(
            message_id,
            role,
            content,
            as_utc(timestamp),
            {
                "query_plan": partial(decode_payload, plan, QueryPlan, message_id),
                "candidate_set": partial(decode_payload, candidates, CandidateSet, message_id),
            },
        )

    @staticmethod
    def _append(
        conn: psycopg.Connection,
        session_id: str,
        user_id: str | None,
        messages: list[Message],
        updates: str | None,
        defaults: str | None = None,
    ) -> list[Message]:
        """Touch the active session (taking its row lock), merge context, insert, or raise."""
        stored = []
        for i, message in enumerate(messages):
            row = conn.execute(
                _INSERT_MESSAGE if i else _TOUCH_AND_INSERT,
                {
                    "session_id": session_id,
                    "user_id": user_id,
                    "updates": updates,
                    "defaults": defaults,
                    "role": message.role,
                    "content": message.content,
                    "query_plan": _payload_json(message.query_plan),
                    "candidate_set": _payload_json(message.candidate_set),
                    "timestamp": message.timestamp,
                },
            ).fetchone()
            if row is None:
                raise SessionNotFoundError(session_id)
            stored.append(message.model_copy(update={"message_id": row[0]}))
        return stored

    # ---------------------------------------------------------------- contract

    def create_session(
        self, user_id: str | None = None, metadata: Mapping[str, Any] | None = None
    ) -> ChatSession:
        params = {
            "session_id": str(uuid4()),
            "user_id": user_id,
            "metadata": context_json(metadata or {}),
        }
        row = self._write(
            lambda conn: conn.execute(
                "INSERT INTO chat_sessions (session_id, user_id, created_at, updated_at, metadata)"
                " VALUES (%(session_id)s, %(user_id)s, now(), now(), %(metadata)s::jsonb)"
                f" RETURNING {_SESSION_COLUMNS}",
                params,
            ).fetchone()
        )
        log.info("session created", extra=fields(session=params["session_id"]))
        return session_of(row)

    def get_session(
        self, session_id: str, user_id: str | None = None, include_expired: bool = False
    ) -> ChatSession | None:
        def work(conn: psycopg.Connection) -> ChatSession | None:
            params = {"session_id": session_id, "user_id": user_id, "expired": include_expired}
            row = conn.execute(
                f"SELECT {_SESSION_COLUMNS} FROM chat_sessions WHERE {_OWNED}"
                " AND (%(expired)s OR expired_at IS NULL)",
                params,
            ).fetchone()
            if row is None:
                return None
            rows = conn.execute(
                f"SELECT {_MESSAGE_COLUMNS} FROM chat_messages WHERE session_id = %s ORDER BY id",
                (session_id,),
            ).fetchall()
            return session_of(row, [self._message(r) for r in rows])

        return self._read(work)

    def add_turn(
        self,
        session_id: str,
        messages: list[Message],
        context_updates: Mapping[str, Any] | None = None,
        user_id: str | None = None,
        expect_context: Mapping[str, Any] | None = None,
        metadata_defaults: Mapping[str, Any] | None = None,
    ) -> list[Message]:
        if not messages:
            raise ValueError("a turn needs at least one message")
        updates = context_json(context_updates) if context_updates else None
        defaults = context_json(metadata_defaults) if metadata_defaults else None

        params = {"session_id": session_id, "user_id": user_id}

        def work(conn: psycopg.Connection) -> list[Message]:
            if expect_context:
                row = conn.execute(_LOCK_ACTIVE, params).fetchone()
                if row is None:
                    raise SessionNotFoundError(session_id)
                check_expected(row[0], expect_context)
            return self._append(conn, session_id, user_id, messages, updates, defaults)

        stored = self._write(work)
        log.info("messages appended", extra=fields(session=session_id, count=len(stored)))
        return stored

    def get_context(self, session_id: str, user_id: str | None = None) -> dict[str, Any]:
        params = {"session_id": session_id, "user_id": user_id}

        def work(conn: psycopg.Connection) -> dict[str, Any]:
            row = conn.execute(
                f"SELECT context FROM chat_sessions WHERE {_OWNED} AND expired_at IS NULL", params
            ).fetchone()
            if row is None:
                raise SessionNotFoundError(session_id)
            return stored_object(row[0], session_id)

        return self._read(work, one_select=True)

    def get_messages(
        self,
        session_id: str,
        limit: int | None = None,
        before_id: int | None = None,
        after_id: int | None = None,
        user_id: str | None = None,
    ) -> list[Message]:
        if limit is not None and limit < 1:
            raise ValueError("limit must be at least 1")
        if before_id is not None and after_id is not None:
            raise ValueError("give before_id or after_id, not both")
        # Without a lower bound, a limited page is the newest `limit` rows, returned oldest first.
        newest_first = after_id is None and limit is not None
        sql = (
            f"SELECT {_MESSAGE_COLUMNS} FROM chat_messages WHERE session_id = %(session_id)s"
            " AND id < coalesce(%(before_id)s::bigint, 9223372036854775807)"
            " AND id > coalesce(%(after_id)s::bigint, 0)"
            f" ORDER BY id {'DESC' if newest_first else 'ASC'} LIMIT %(limit)s::bigint"
        )
        params = {
            "session_id": session_id,
            "user_id": user_id,
            "before_id": before_id,
            "after_id": after_id,
            "limit": limit,
        }

        def work(conn: psycopg.Connection) -> list[Message]:
            if (
                user_id is not None
                and conn.execute(f"SELECT 1 FROM chat_sessions WHERE {_OWNED}", params).fetchone()
                is None
            ):
                raise SessionNotFoundError(session_id)
            rows = conn.execute(sql, params).fetchall()
            return [self._message(r) for r in (reversed(rows) if newest_first else rows)]

        return self._read(work, one_select=user_id is None)

    def update_context(
        self, session_id: str, context_updates: Mapping[str, Any], user_id: str | None = None
    ) -> dict[str, Any]:
        params = {
            "session_id": session_id,
            "user_id": user_id,
            "updates": context_json(context_updates),
            "defaults": None,
        }

        def work(conn: psycopg.Connection) -> dict[str, Any]:
            row = conn.execute(f"{_TOUCH_ACTIVE} RETURNING context", params).fetchone()
            if row is None:
                raise SessionNotFoundError(session_id)
            return row[0]

        return self._write(work)

    def update_metadata(
        self, session_id: str, metadata_updates: Mapping[str, Any], user_id: str | None = None
    ) -> dict[str, Any]:
        params = {
            "session_id": session_id,
            "user_id": user_id,
            "updates": context_json(metadata_updates),
        }
        sql = f"UPDATE chat_sessions SET metadata = metadata || %(updates)s::jsonb WHERE {_OWNED} RETURNING metadata"
        row = self._write(lambda conn: conn.execute(sql, params).fetchone())
        if row is None:
            raise SessionNotFoundError(session_id)
        return row[0]

    def expire_session(self, session_id: str, user_id: str | None = None) -> None:
        params = {"session_id": session_id, "user_id": user_id}
        found = self._write(
            lambda conn: (
                conn.execute(
                    f"UPDATE chat_sessions SET expired_at = coalesce(expired_at, now()) WHERE {_OWNED}",
                    params,
                ).rowcount
            )
        )
        if not found:
            raise SessionNotFoundError(session_id)
        log.info("session expired", extra=fields(session=session_id))

    def expire_old_sessions(self, max_age_hours: float = 24) -> int:
        count = self._write(
            lambda conn: (
                conn.execute(
                    "UPDATE chat_sessions SET expired_at = now()"
                    " WHERE expired_at IS NULL AND updated_at < now() - %s::interval",
                    (timedelta(hours=max_age_hours),),
                ).rowcount
            )
        )
        log.info("old sessions expired", extra=fields(count=count, max_age_hours=max_age_hours))
        return count

    def list_sessions(
        self, user_id: str, include_expired: bool = False, limit: int | None = None, offset: int = 0
    ) -> list[ChatSession]:
        # COLLATE "C" breaks ties in byte order, as SQLite does, whatever the database collation.
        sql = (
            f"SELECT {_SESSION_COLUMNS} FROM chat_sessions WHERE user_id = %(user_id)s"
            " AND (%(include_expired)s OR expired_at IS NULL)"
            ' ORDER BY updated_at DESC, session_id COLLATE "C"'
            " LIMIT %(limit)s::bigint OFFSET %(offset)s"
        )
        params = {
            "user_id": user_id,
            "include_expired": include_expired,
            "limit": limit,
            "offset": offset,
        }
        return self._read(
            lambda conn: [session_of(row) for row in conn.execute(sql, params).fetchall()],
            one_select=True,
        )

    def delete_session(self, session_id: str, user_id: str | None = None) -> bool:
        params = {"session_id": session_id, "user_id": user_id}
        deleted = self._write(
            lambda conn: conn.execute(f"DELETE FROM chat_sessions WHERE {_OWNED}", params).rowcount
        )
        log.info("session deleted", extra=fields(session=session_id, deleted=bool(deleted)))
        return bool(deleted)

    def purge_expired(self, older_than_hours: float) -> int:
        count = self._write(
            lambda conn: (
                conn.execute(
                    "DELETE FROM chat_sessions WHERE expired_at < now() - %s::interval",
                    (timedelta(hours=older_than_hours),),
                ).rowcount
            )
        )
        log.info(
            "expired sessions purged", extra=fields(count=count, older_than_hours=older_than_hours)
        )
        return count

    def share_session(self, session_id: str, user_id: str | None = None) -> str:
        params = {"session_id": session_id, "user_id": user_id, "share_id": new_share_id()}

        def work(conn: psycopg.Connection) -> str:
            # Locking the session's row serialises two owners' clicks on "Share".
            active = f"SELECT 1 FROM chat_sessions WHERE {_OWNED} AND expired_at IS NULL FOR NO KEY UPDATE"
            if conn.execute(active, params).fetchone() is None:
                raise SessionNotFoundError(session_id)
            conn.execute(
                "INSERT INTO chat_shares (share_id, session_id) VALUES (%(share_id)s, %(session_id)s)"
                " ON CONFLICT (session_id) DO NOTHING",
                params,
            )
            sql = "SELECT share_id FROM chat_shares WHERE session_id = %(session_id)s"
            return conn.execute(sql, params).fetchone()[0]

        share_id = self._write(work)
        log.info("session shared", extra=fields(session=session_id))
        return share_id

    def unshare_session(self, session_id: str, user_id: str | None = None) -> bool:
        params = {"session_id": session_id, "user_id": user_id}

        def work(conn: psycopg.Connection) -> bool:
            if (
                conn.execute(f"SELECT 1 FROM chat_sessions WHERE {_OWNED}", params).fetchone()
                is None
            ):
                raise SessionNotFoundError(session_id)
            sql = "DELETE FROM chat_shares WHERE session_id = %(session_id)s"
            return bool(conn.execute(sql, params).rowcount)

        revoked = self._write(work)
        log.info("session share revoked", extra=fields(session=session_id, revoked=revoked))
        return revoked

    def get_shared_session(self, share_id: str) -> ChatSession | None:
        def work(conn: psycopg.Connection) -> ChatSession | None:
            columns = ", ".join(f"s.{c}" for c in _SESSION_COLUMNS.split(", "))
            row = conn.execute(
                f"SELECT {columns} FROM chat_shares sh JOIN chat_sessions s USING (session_id)"
                " WHERE sh.share_id = %s AND s.expired_at IS NULL",
                (share_id,),
            ).fetchone()
            if row is None:
                return None
            rows = conn.execute(
                f"SELECT {_MESSAGE_COLUMNS} FROM chat_messages WHERE session_id = %s ORDER BY id",
                (row[0],),
            ).fetchall()
            return session_of(row, [self._message(r) for r in rows])

        return self._read(work)

    def stats(self) -> dict[str, int]:
        active, expired, messages, size = self._read(
            lambda conn: conn.execute(
                "SELECT count(*) FILTER (WHERE expired_at IS NULL),"
                " count(*) FILTER (WHERE expired_at IS NOT NULL),"
                " (SELECT count(*) FROM chat_messages),"
                " pg_total_relation_size('chat_sessions') + pg_total_relation_size('chat_messages')"
                " FROM chat_sessions"
            ).fetchone(),
            one_select=True,
        )
        return {
            "active_sessions": active,
            "expired_sessions": expired,
            "messages": messages,
            "database_bytes": size,
        }

    def check(self, thorough: bool = False) -> None:
        # A round trip in a write transaction; a standby or a read-only default refuses writes.
        # PostgreSQL checks its own pages (data checksums), so ``thorough`` adds nothing here.
        refuses = self._connections.transaction(
            lambda conn: conn.execute(
                "SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'"
            ).fetchone()[0],
            read_only=False,
            wait=CHECK_WAIT_S,
        )
        if refuses:
            raise StoreUnavailableError(READ_ONLY)

    def close(self) -> None:
        self._connections.close()
