"""Copy a SQLite session store into PostgreSQL: every session and message, ids and all.

The source is read in one transaction, so the copy is one consistent snapshot of it. Rows go
over in batches, one target transaction each, with ids, timestamps, context, metadata and
payload JSON as stored. Copying is idempotent: a row whose key the target already holds is
left as it is (``ON CONFLICT DO NOTHING``), so a re-run copies only what is missing and
updates nothing. Message ids are kept (``OVERRIDING SYSTEM VALUE``); before any is inserted
the target's id sequence is moved past the largest of them, so the messages PostgreSQL
numbers itself come after every copied one. After each batch its rows are counted in the
target; the report says whether every source row is there.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psycopg
from pydantic import BaseModel

from scripts.chat.postgres_connections import safe_url
from scripts.chat.postgres_store import PostgresSessionStore
from scripts.chat.session_store import decode_payload, is_postgres, parse_location
from scripts.chat.sqlite_store import SqliteSessionStore
from scripts.schemas import CandidateSet, QueryPlan, as_utc
from scripts.utils.logger import LoggerManager, fields

log = LoggerManager.get_logger(__name__)

Progress = Callable[[str, int, int], None]
"""Called after each batch with the table, rows done so far and rows in the source."""

_SOURCE_SESSIONS = (
    "SELECT session_id, user_id, created_at, updated_at, context, metadata, expired_at"
    " FROM chat_sessions ORDER BY session_id"
)
_SOURCE_MESSAGES = (
    "SELECT id, session_id, role, content, query_plan, candidate_set, timestamp"
    " FROM chat_messages ORDER BY id"
)
_INSERT_SESSIONS = """
INSERT INTO chat_sessions (session_id, user_id, created_at, updated_at, context, metadata, expired_at)
SELECT * FROM unnest(%s::text[], %s::text[], %s::timestamptz[], %s::timestamptz[],
                     %s::jsonb[], %s::jsonb[], %s::timestamptz[])
ON CONFLICT (session_id) DO NOTHING
"""
_PRESENT_SESSIONS = "SELECT count(*) FROM chat_sessions WHERE session_id = ANY(%s::text[])"
_INSERT_MESSAGES = """
INSERT INTO chat_messages (id, session_id, role, content, query_plan, candidate_set, timestamp)
OVERRIDING SYSTEM VALUE
SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[],
                     %s::jsonb[], %s::jsonb[], %s::timestamptz[])
ON CONFLICT (session_id, id) DO NOTHING
"""
_PRESENT_MESSAGES = """
SELECT count(*) FROM chat_messages
JOIN unnest(%s::bigint[], %s::text[]) AS source (id, session_id) USING (session_id, id)
"""
# Only ever moves the sequence forward, past ids the target has handed out as well.
_ADVANCE_IDS = """
SELECT setval(seq, greatest(%s::bigint, coalesce(pg_sequence_last_value(seq), 0)))
FROM (SELECT pg_get_serial_sequence('chat_messages', 'id')::regclass AS seq) AS identity
"""


@dataclass
class CopyReport:
    """Source rows, rows this run inserted, and source rows found in the target."""

    source_sessions: int
    source_messages: int
    copied_sessions: int = 0
    copied_messages: int = 0
    present_sessions: int = 0
    present_messages: int = 0

    @property
    def complete(self) -> bool:
        return (self.present_sessions, self.present_messages) == (
            self.source_sessions,
            self.source_messages,
        )


def _sqlite_path(location: str) -> Path:
    path = parse_location(location)
    if not isinstance(path, Path):
        raise ValueError(
            f"the source must be a SQLite store (a path or sqlite:///path), not {safe_url(path)}"
        )
    if not path.is_file():
        raise FileNotFoundError(f"no session database at {path}")
    return path


def _time(text: str | None) -> datetime | None:
    return None if text is None else as_utc(datetime.fromisoformat(text))


def _payload(raw: str | bytes | None, model: type[BaseModel], row_id: int) -> str | None:
    """The payload's JSON text as stored, once it is known to decode (else CorruptRowError)."""
    decode_payload(raw, model, row_id)
    return zlib.decompress(raw).decode() if isinstance(raw, bytes) else raw


def _batches(source: sqlite3.Connection, sql: str, size: int) -> Iterator[list[tuple]]:
    cursor = source.execute(sql)
    while rows := cursor.fetchmany(size):
        yield rows


def _copy_sessions(target: psycopg.Connection, rows: list[tuple]) -> tuple[int, int]:
    ids, users, created, updated, contexts, metadata, expired = zip(*rows, strict=True)
    with target.transaction():
        inserted = target.execute(
            _INSERT_SESSIONS,
            (
                list(ids),
                list(users),
                [_time(t) for t in created],
                [_time(t) for t in updated],
                list(contexts),
                list(metadata),
                [_time(t) for t in expired],
            ),
        ).rowcount
        (present,) = target.execute(_PRESENT_SESSIONS, (list(ids),)).fetchone()
    return inserted, present


def _copy_messages(target: psycopg.Connection, rows: list[tuple]) -> tuple[int, int]:
    ids, sessions, roles, contents, plans, candidates, stamps = zip(*rows, strict=True)
    with target.transaction():
        inserted = target.execute(
            _INSERT_MESSAGES,
            (
                list(ids),
                list(sessions),
                list(roles),
                list(contents),
                [_payload(p, QueryPlan, i) for p, i in zip(plans, ids, strict=True)],
                [_payload(c, CandidateSet, i) for c, i in zip(candidates, ids, strict=True)],
                [_time(t) for t in stamps],
            ),
        ).rowcount
        (present,) = target.execute(_PRESENT_MESSAGES, (list(ids), list(sessions))).fetchone()
    return inserted, present


def copy_store(
    source: str, target: str, progress: Progress | None = None, batch_size: int = 1000
) -> CopyReport:
    """Copy every session and message of the SQLite store ``source`` into PostgreSQL ``target``."""
    if not is_postgres(target):
        raise ValueError(f"the target must be a PostgreSQL store (postgresql://...), not {target}")
    path = _sqlite_path(source)
    SqliteSessionStore(path).close()  # brings an older source schema up to date
    PostgresSessionStore(target, max_size=1).close()  # creates or upgrades the target schema
    report_progress = progress or (lambda table, done, total: None)
    with (
        closing(sqlite3.connect(path, isolation_level=None)) as src,
        psycopg.connect(target, autocommit=True) as dst,
    ):
        src.execute("PRAGMA query_only = ON")
        src.execute("BEGIN")  # one snapshot for the counts and every row
        (sessions,) = src.execute("SELECT count(*) FROM chat_sessions").fetchone()
        messages, max_id = src.execute("SELECT count(*), max(id) FROM chat_messages").fetchone()
        report = CopyReport(sessions, messages)
        if max_id is not None:
            dst.execute(_ADVANCE_IDS, (max_id,))
        done = 0
        for rows in _batches(src, _SOURCE_SESSIONS, batch_size):
            inserted, present = _copy_sessions(dst, rows)
            report.copied_sessions += inserted
            report.present_sessions += present
            done += len(rows)
            report_progress("sessions", done, sessions)
        done = 0
        for rows in _batches(src, _SOURCE_MESSAGES, batch_size):
            inserted, present = _copy_messages(dst, rows)
            report.copied_messages += inserted
            report.present_messages += present
            done += len(rows)
            report_progress("messages", done, messages)
        src.execute("COMMIT")
    log.info(
        "store copied",
        extra=fields(
            sessions=report.copied_sessions,
            messages=report.copied_messages,
            complete=report.complete,
        ),
    )
    return report
