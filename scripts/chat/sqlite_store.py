"""The embedded session store: one SQLite file, safe from many threads and processes.

Each thread gets its own pair of connections: a writer whose every transaction starts with
``BEGIN IMMEDIATE`` (so a read-modify-write such as a context merge holds the write lock from
its first read) and a reader that cannot write. WAL lets readers run beside the writer;
a busy timeout plus a few bounded retries absorb lock contention, so "database is locked"
does not reach callers under load. ``synchronous=NORMAL`` survives a killed process; pass
``synchronous="FULL"`` to also survive power loss at some cost in append speed.

Any other SQLite failure means the file cannot be used (missing or a directory, read-only,
disk full, damaged, or locked past every retry) and is raised as ``StoreUnavailableError``
with SQLite's reason (its ``where`` is the path); ``check`` also reports a disk with under
1 MiB free. Damage is final: once SQLite reports the
file malformed, this store refuses all work until it is opened again, so no turn is written
into a damaged file.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from scripts.chat.migrate_sessions import migrate, refuse_other_databases
from scripts.chat.models import ChatSession, Message
from scripts.chat.session_store import (
    DEFAULT_LOCATION,
    RowReading,
    SessionNotFoundError,
    SessionStore,
    StoreUnavailableError,
    check_expected,
    context_json,
    decode_payload,
    encode_payload,
    iso,
    new_share_id,
    parse_location,
    session_of,
    stored_object,
)
from scripts.schemas import CandidateSet, QueryPlan, as_utc, utc_now
from scripts.utils.logger import LoggerManager, fields

log = LoggerManager.get_logger(__name__)

T = TypeVar("T")

BUSY_TIMEOUT_MS = 10_000
RETRIES = 5
# With less free than this, the next few turns fail on a full disk: ``check`` says so first.
MIN_FREE_BYTES = 1 << 20

_MESSAGE_COLUMNS = "id, role, content, query_plan, candidate_set, timestamp"
_SESSION_COLUMNS = "session_id, user_id, created_at, updated_at, context, metadata, expired_at"
# Matches the session only when it belongs to :user_id, or when no user is given.
_OWNED = "session_id = :session_id AND (:user_id IS NULL OR user_id = :user_id)"


def unavailable(exc: sqlite3.Error, path: Path) -> StoreUnavailableError:
    """SQLite's failure on the store at ``path`` as ``StoreUnavailableError``, saying why."""
    # SQLite names neither cause when it cannot make the -wal and -shm files beside the
    # store: a full disk is a "disk I/O error", a read-only folder "unable to open".
    reason = str(exc)
    if "disk I/O error" in reason:
        reason = disk_full(path) or reason
    elif "unable to open" in reason and path.is_file() and not os.access(path.parent, os.W_OK):
        reason += " (its folder is read-only: SQLite keeps -wal and -shm files there)"
    return StoreUnavailableError(reason, where=str(path))


def disk_full(path: Path) -> str | None:
    """Why the disk holding the store at ``path`` is too full for the next turns, if it is."""
    free = shutil.disk_usage(path.parent).free
    return f"database or disk is full ({free:,} bytes free)" if free < MIN_FREE_BYTES else None


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


class SqliteSessionStore(SessionStore):
    """``SessionStore`` on one SQLite file."""

    def __init__(
        self, location: str | Path = DEFAULT_LOCATION, *, synchronous: str = "NORMAL"
    ) -> None:
        if synchronous.upper() not in {"NORMAL", "FULL"}:
            raise ValueError("synchronous must be NORMAL or FULL")
        path = parse_location(location)
        if not isinstance(path, Path):
            raise ValueError(f"{location!r} is a PostgreSQL URL, not a SQLite file")
        self.db_path = path
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self._synchronous = synchronous.upper()
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._pid = os.getpid()
        self._closed = False
        self._damaged: str | None = None
        try:
            self._retrying(lambda: migrate(self._connection("writer")))
        except BaseException:
            self.close()  # a store that failed to open holds no file open
            raise

    # ---------------------------------------------------------------- connections

    def _connection(self, kind: str) -> sqlite3.Connection:
        if self._closed:
            raise RuntimeError("this SessionStore is closed")
        if self._damaged is not None:
            raise StoreUnavailableError(self._damaged, where=str(self.db_path))
        if self._pid != os.getpid():  # forked: the parent's connections are not ours to use
            self._local, self._connections, self._pid = threading.local(), [], os.getpid()
        conn = getattr(self._local, kind, None)
        if conn is None:
            conn = self._open(read_only=kind == "reader")
            setattr(self._local, kind, conn)
        return conn

    def _open(self, read_only: bool) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.db_path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        with self._lock:
            self._connections.append(conn)  # closed by ``close`` even if a pragma fails
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            refuse_other_databases(conn)  # before the switch to WAL changes its header
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA synchronous = {self._synchronous}")
        conn.execute("PRAGMA foreign_keys = ON")
        if read_only:
            conn.execute("PRAGMA query_only = ON")
        return conn

    def _retrying(self, work: Callable[[], T]) -> T:
        for attempt in range(RETRIES):
            try:
                return work()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or attempt == RETRIES - 1:
                    raise unavailable(exc, self.db_path) from exc
                log.warning("database busy, retrying", extra=fields(attempt=attempt + 1))
                time.sleep(random.uniform(0.01, 0.05) * 2**attempt)
            except sqlite3.DatabaseError as exc:
                if type(exc) is not sqlite3.DatabaseError:  # integrity, programming errors
                    raise
                self._damaged = str(exc)  # "file is not a database", "... malformed"
                raise unavailable(exc, self.db_path) from exc
        raise AssertionError("unreachable")

    def _transaction(self, kind: str, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` in one transaction, retried whole on lock contention."""
        begin = "BEGIN IMMEDIATE" if kind == "writer" else "BEGIN"

        def attempt() -> T:
            conn = self._connection(kind)
            conn.execute(begin)
            try:
                result = work(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return result

        return self._retrying(attempt)

    def _write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        return self._transaction("writer", work)

    def _read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        return self._transaction("reader", work)

    # ---------------------------------------------------------------- rows

    @staticmethod
    def _message(row: tuple) -> Message:
        message_id, role, content, plan, candidates, timestamp = row
        with RowReading("chat_messages", message_id):
            moment = as_utc(datetime.fromisoformat(timestamp))
        return Message.stored(
            message_id,
            role,
            content,
            moment,
            {
                "query_plan": partial(decode_payload, plan, QueryPlan, message_id),
                "candidate_set": partial(decode_payload, candidates, CandidateSet, message_id),
            },
        )

    @staticmethod
    def _touch_active(
        conn: sqlite3.Connection, session_id: str, user_id: str | None, now: str
    ) -> None:
        """Bump ``updated_at`` of an active session, or raise: the write lock is held after this."""
        updated = conn.execute(
            f"UPDATE chat_sessions SET updated_at = :now WHERE {_OWNED} AND expired_at IS NULL",
            {"now": now, "session_id": session_id, "user_id": user_id},
        ).rowcount
        if not updated:
            raise SessionNotFoundError(session_id)

    @staticmethod
    def _insert(conn: sqlite3.Connection, session_id: str, message: Message) -> Message:
        cursor = conn.execute(
            "INSERT INTO chat_messages (session_id, role, content, query_plan, candidate_set, timestamp)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                session_id,
                message.role,
                message.content,
                encode_payload(message.query_plan),
                encode_payload(message.candidate_set),
                iso(message.timestamp),
            ),
        )
        return message.model_copy(update={"message_id": cursor.lastrowid})

    @staticmethod
    def _context(conn: sqlite3.Connection, session_id: str) -> dict[str, Any]:
        sql = "SELECT context FROM chat_sessions WHERE session_id = ?"
        return stored_object(conn.execute(sql, (session_id,)).fetchone()[0], session_id)

    @classmethod
    def _merge_context(
        cls, conn: sqlite3.Connection, session_id: str, updates_json: str
    ) -> dict[str, Any]:
        merged = {**cls._context(conn, session_id), **json.loads(updates_json)}
        conn.execute(
            "UPDATE chat_sessions SET context = ? WHERE session_id = ?",
            (json.dumps(merged, separators=(",", ":")), session_id),
        )
        return merged

    # ---------------------------------------------------------------- contract

    def create_session(
        self, user_id: str | None = None, metadata: Mapping[str, Any] | None = None
    ) -> ChatSession:
        metadata_json = context_json(metadata or {})
        session = ChatSession(user_id=user_id, metadata=json.loads(metadata_json))
        self._write(
            lambda conn: conn.execute(
                f"INSERT INTO chat_sessions ({_SESSION_COLUMNS}) VALUES (?, ?, ?, ?, '{{}}', ?, NULL)",
                (
                    session.session_id,
                    user_id,
                    iso(session.created_at),
                    iso(session.updated_at),
                    metadata_json,
                ),
            )
        )
        log.info("session created", extra=fields(session=session.session_id))
        return session

    def get_session(
        self, session_id: str, user_id: str | None = None, include_expired: bool = False
    ) -> ChatSession | None:
        def work(conn: sqlite3.Connection) -> ChatSession | None:
            params = {"session_id": session_id, "user_id": user_id, "expired": include_expired}
            row = conn.execute(
                f"SELECT {_SESSION_COLUMNS} FROM chat_sessions WHERE {_OWNED}"
                " AND (:expired OR expired_at IS NULL)",
                params,
            ).fetchone()
            if row is None:
                return None
            rows = conn.execute(
                f"SELECT {_MESSAGE_COLUMNS} FROM chat_messages WHERE session_id = ? ORDER BY id",
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
        updates_json = context_json(context_updates) if context_updates else None
        defaults = json.loads(context_json(metadata_defaults)) if metadata_defaults else None

        def work(conn: sqlite3.Connection) -> list[Message]:
            self._touch_active(conn, session_id, user_id, iso(utc_now()))
            if expect_context:
                check_expected(self._context(conn, session_id), expect_context)
            stored = [self._insert(conn, session_id, m) for m in messages]
            if updates_json is not None:
                self._merge_context(conn, session_id, updates_json)
            if defaults:
                self._merge_metadata(conn, session_id, defaults, keep_existing=True)
            return stored

        stored = self._write(work)
        log.info("messages appended", extra=fields(session=session_id, count=len(stored)))
        return stored

    def get_context(self, session_id: str, user_id: str | None = None) -> dict[str, Any]:
        params = {"session_id": session_id, "user_id": user_id}
        sql = f"SELECT context FROM chat_sessions WHERE {_OWNED} AND expired_at IS NULL"

        def work(conn: sqlite3.Connection) -> dict[str, Any]:
            row = conn.execute(sql, params).fetchone()
            if row is None:
                raise SessionNotFoundError(session_id)
            return stored_object(row[0], session_id)

        return self._read(work)

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
            f"SELECT {_MESSAGE_COLUMNS} FROM chat_messages WHERE session_id = :session_id"
            " AND id < coalesce(:before_id, 9223372036854775807) AND id > coalesce(:after_id, 0)"
            f" ORDER BY id {'DESC' if newest_first else 'ASC'} LIMIT coalesce(:limit, -1)"
        )
        params = {
            "session_id": session_id,
            "user_id": user_id,
            "before_id": before_id,
            "after_id": after_id,
            "limit": limit,
        }

        def work(conn: sqlite3.Connection) -> list[Message]:
            if (
                user_id is not None
                and not conn.execute(
                    f"SELECT 1 FROM chat_sessions WHERE {_OWNED}", params
                ).fetchone()
            ):
                raise SessionNotFoundError(session_id)
            rows = conn.execute(sql, params).fetchall()
            return [self._message(r) for r in (reversed(rows) if newest_first else rows)]

        return self._read(work)

    def update_context(
        self, session_id: str, context_updates: Mapping[str, Any], user_id: str | None = None
    ) -> dict[str, Any]:
        updates_json = context_json(context_updates)

        def work(conn: sqlite3.Connection) -> dict[str, Any]:
            self._touch_active(conn, session_id, user_id, iso(utc_now()))
            return self._merge_context(conn, session_id, updates_json)

        return self._write(work)

    def update_metadata(
        self, session_id: str, metadata_updates: Mapping[str, Any], user_id: str | None = None
    ) -> dict[str, Any]:
        updates = json.loads(context_json(metadata_updates))
        params = {"session_id": session_id, "user_id": user_id}

        def work(conn: sqlite3.Connection) -> dict[str, Any]:
            if not conn.execute(f"SELECT 1 FROM chat_sessions WHERE {_OWNED}", params).fetchone():
                raise SessionNotFoundError(session_id)
            return self._merge_metadata(conn, session_id, updates)

        return self._write(work)

    @staticmethod
    def _merge_metadata(
        conn: sqlite3.Connection,
        session_id: str,
        updates: dict[str, Any],
        keep_existing: bool = False,
    ) -> dict[str, Any]:
        """Merge ``updates`` into the metadata (under ones already set, with ``keep_existing``)."""
        sql = "SELECT metadata FROM chat_sessions WHERE session_id = ?"
        current = stored_object(conn.execute(sql, (session_id,)).fetchone()[0], session_id)
        merged = {**updates, **current} if keep_existing else {**current, **updates}
        conn.execute(
            "UPDATE chat_sessions SET metadata = ? WHERE session_id = ?",
            (json.dumps(merged, separators=(",", ":")), session_id),
        )
        return merged

    def expire_session(self, session_id: str, user_id: str | None = None) -> None:
        def work(conn: sqlite3.Connection) -> None:
            params = {"session_id": session_id, "user_id": user_id, "now": iso(utc_now())}
            if not conn.execute(f"SELECT 1 FROM chat_sessions WHERE {_OWNED}", params).fetchone():
                raise SessionNotFoundError(session_id)
            conn.execute(
                f"UPDATE chat_sessions SET expired_at = :now WHERE {_OWNED} AND expired_at IS NULL",
                params,
            )

        self._write(work)
        log.info("session expired", extra=fields(session=session_id))

    def expire_old_sessions(self, max_age_hours: float = 24) -> int:
        now = utc_now()
        cutoff = iso(now - timedelta(hours=max_age_hours))
        count = self._write(
            lambda conn: (
                conn.execute(
                    "UPDATE chat_sessions SET expired_at = ? WHERE expired_at IS NULL AND updated_at < ?",
                    (iso(now), cutoff),
                ).rowcount
            )
        )
        log.info("old sessions expired", extra=fields(count=count, max_age_hours=max_age_hours))
        return count

    def list_sessions(
        self, user_id: str, include_expired: bool = False, limit: int | None = None, offset: int = 0
    ) -> list[ChatSession]:
        sql = (
            f"SELECT {_SESSION_COLUMNS} FROM chat_sessions WHERE user_id = :user_id"
            " AND (:include_expired OR expired_at IS NULL)"
            " ORDER BY updated_at DESC, session_id LIMIT coalesce(:limit, -1) OFFSET :offset"
        )
        params = {
            "user_id": user_id,
            "include_expired": include_expired,
            "limit": limit,
            "offset": offset,
        }
        return self._read(lambda conn: [session_of(row) for row in conn.execute(sql, params)])

    def delete_session(self, session_id: str, user_id: str | None = None) -> bool:
        params = {"session_id": session_id, "user_id": user_id}
        deleted = self._write(
            lambda conn: conn.execute(f"DELETE FROM chat_sessions WHERE {_OWNED}", params).rowcount
        )
        log.info("session deleted", extra=fields(session=session_id, deleted=bool(deleted)))
        return bool(deleted)

    def purge_expired(self, older_than_hours: float) -> int:
        cutoff = iso(utc_now() - timedelta(hours=older_than_hours))
        count = self._write(
            lambda conn: (
                conn.execute(
                    "DELETE FROM chat_sessions WHERE expired_at IS NOT NULL AND expired_at < ?",
                    (cutoff,),
                ).rowcount
            )
        )
        log.info(
            "expired sessions purged", extra=fields(count=count, older_than_hours=older_than_hours)
        )
        return count

    def share_session(self, session_id: str, user_id: str | None = None) -> str:
        params = {"session_id": session_id, "user_id": user_id, "share_id": new_share_id()}

        def work(conn: sqlite3.Connection) -> str:
            active = f"SELECT 1 FROM chat_sessions WHERE {_OWNED} AND expired_at IS NULL"
            if conn.execute(active, params).fetchone() is None:
                raise SessionNotFoundError(session_id)
            conn.execute(
                "INSERT INTO chat_shares (share_id, session_id, created_at)"
                " VALUES (:share_id, :session_id, :now) ON CONFLICT (session_id) DO NOTHING",
                {**params, "now": iso(utc_now())},
            )
            sql = "SELECT share_id FROM chat_shares WHERE session_id = :session_id"
            return conn.execute(sql, params).fetchone()[0]

        share_id = self._write(work)
        log.info("session shared", extra=fields(session=session_id))
        return share_id

    def unshare_session(self, session_id: str, user_id: str | None = None) -> bool:
        params = {"session_id": session_id, "user_id": user_id}

        def work(conn: sqlite3.Connection) -> bool:
            if (
                conn.execute(f"SELECT 1 FROM chat_sessions WHERE {_OWNED}", params).fetchone()
                is None
            ):
                raise SessionNotFoundError(session_id)
            sql = "DELETE FROM chat_shares WHERE session_id = :session_id"
            return bool(conn.execute(sql, params).rowcount)

        revoked = self._write(work)
        log.info("session share revoked", extra=fields(session=session_id, revoked=revoked))
        return revoked

    def get_shared_session(self, share_id: str) -> ChatSession | None:
        def work(conn: sqlite3.Connection) -> ChatSession | None:
            columns = ", ".join(f"s.{c}" for c in _SESSION_COLUMNS.split(", "))
            row = conn.execute(
                f"SELECT {columns} FROM chat_shares sh JOIN chat_sessions s USING (session_id)"
                " WHERE sh.share_id = ? AND s.expired_at IS NULL",
                (share_id,),
            ).fetchone()
            if row is None:
                return None
            rows = conn.execute(
                f"SELECT {_MESSAGE_COLUMNS} FROM chat_messages WHERE session_id = ? ORDER BY id",
                (row[0],),
            ).fetchall()
            return session_of(row, [self._message(r) for r in rows])

        return self._read(work)

    def stats(self) -> dict[str, int]:
        def work(conn: sqlite3.Connection) -> dict[str, int]:
            active, expired = conn.execute(
                "SELECT count(*) FILTER (WHERE expired_at IS NULL), count(*) FILTER (WHERE expired_at IS NOT NULL)"
                " FROM chat_sessions"
            ).fetchone()
            (messages,) = conn.execute("SELECT count(*) FROM chat_messages").fetchone()
            return {"active_sessions": active, "expired_sessions": expired, "messages": messages}

        counts = self._read(work)
        size = sum(
            os.path.getsize(f"{self.db_path}{suffix}")
            for suffix in ("", "-wal")
            if os.path.exists(f"{self.db_path}{suffix}")
        )
        return {**counts, "database_bytes": size}

    def check(self, thorough: bool = False) -> None:
        def work(conn: sqlite3.Connection) -> None:
            # A write that changes no row: SQLite still refuses it on a file it opened
            # read-only, which BEGIN IMMEDIATE alone does not show.
            conn.execute("UPDATE chat_sessions SET updated_at = updated_at WHERE 0")
            if thorough:
                found = [row[0] for row in conn.execute("PRAGMA quick_check")]
                if found != ["ok"]:
                    raise sqlite3.DatabaseError(f"the integrity check failed: {found[0]}")

        self._write(work)  # BEGIN IMMEDIATE: the file can be locked for writing, and written
        # A write rolled back never reaches the disk, so it cannot tell that the disk is full.
        if full := disk_full(self.db_path):
            raise StoreUnavailableError(full, where=str(self.db_path))

    def backup(self, destination: str | Path) -> Path:
        """Copy the database with SQLite's online backup: consistent while writers carry on.

        A store that fails ``PRAGMA integrity_check`` is not copied (``sqlite3.DatabaseError``
        says why): a backup of a damaged file would only look like a safe copy.
        """
        target = Path(destination)
        if target.exists():
            raise FileExistsError(f"{target} already exists; choose a new file for the backup")
        rows = self._read(lambda conn: conn.execute("PRAGMA integrity_check").fetchall())
        if [row[0] for row in rows] != ["ok"]:
            lines = [line for row in rows for line in row[0].splitlines() if "***" not in line]
            raise sqlite3.DatabaseError(
                f"the store failed its integrity check ({lines[0]}; {len(lines)} problems in"
                " all); not backed up"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        copy = sqlite3.connect(target)
        try:
            self._retrying(lambda: self._connection("reader").backup(copy))
        finally:
            copy.close()
        log.info("backup written", extra=fields(bytes=target.stat().st_size))
        return target

    def close(self) -> None:
        with self._lock:
            connections, self._connections = self._connections, []
        for conn in connections:
            conn.close()
        self._closed = True
