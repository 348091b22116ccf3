"""Session stores that cannot be used, made from real files and a real server: a SQLite file
damaged past its header, one that is read-only, a directory where the file should be, a
PostgreSQL database that refuses writes, and a PostgreSQL URL that does not answer."""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from scripts.chat import Message, SessionStore

UNREACHABLE_PG = "postgresql://nobody@127.0.0.1:9/none"  # the discard port: nothing listens


def populated(location: str | Path, sessions: int = 40) -> None:
    """Fill a store with enough sessions and messages to span many pages."""
    with SessionStore(location) as store:
        for i in range(sessions):
            session = store.create_session(user_id="alice", metadata={"title": f"search {i}"})
            store.add_message(session.session_id, Message(role="user", content="Venice " * 150))


def damage(path: Path) -> None:
    """Overwrite every page but the first (the header and schema) with garbage."""
    with closing(sqlite3.connect(path)) as conn:
        (page,) = conn.execute("PRAGMA page_size").fetchone()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = path.stat().st_size
    assert size > 4 * page, "populate the store first: there is nothing to damage"
    with path.open("r+b") as file:
        file.seek(page)
        file.write(bytes((i * 7 + 3) % 251 for i in range(size - page)))


def read_only(path: Path) -> None:
    """Make the store's file and directory read-only; skips where that does not stop writes."""
    if os.geteuid() == 0:
        pytest.skip("running as root, where file permissions do not stop writes")
    for target in (path, path.parent):
        target.chmod(target.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def writable_again(path: Path) -> None:
    """Undo ``read_only`` so the test's temporary directory can be removed."""
    for target in (path.parent, path):
        target.chmod(target.stat().st_mode | stat.S_IWUSR)


def refuse_writes(url: str) -> None:
    """Make the PostgreSQL database at ``url`` read-only for every new session, and end the
    sessions already open so that their pools reconnect into it."""
    with psycopg.connect(url, autocommit=True) as conn:
        name = sql.Identifier(conn.info.dbname)
        conn.execute(
            sql.SQL("ALTER DATABASE {} SET default_transaction_read_only = on").format(name)
        )
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
