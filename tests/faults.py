"""Session stores that cannot be used, made from real files and a real server: a SQLite file
damaged past its header, one that is read-only, a directory where the file should be, a file
system that is full or mounted read-only (a small tmpfs, where this process may mount one), a
PostgreSQL database that refuses writes or takes no connections, and a PostgreSQL URL that
does not answer."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from scripts.chat import Message, SessionStore

UNREACHABLE_PG = "postgresql://nobody@127.0.0.1:9/none"  # the discard port: nothing listens


def populated(location: str | Path, sessions: int = 40) -> None:
    """Fill a store with enough sessions and messages to span many pages."""
    with SessionStore(location) as store:
        for i in range(sessions):
            session = store.create_session(user_id="alice", metadata={"title": f"search {i}"})
            store.add_message(session.session_id, Message(role="user", content="Venice " * 150))


def run_sql(location: str, statement: str) -> None:
    """Run one statement on a store's database (a SQLite path or a PostgreSQL URL), behind
    the store's back: how a test makes a row no Colophon wrote."""
    if location.startswith("postgresql://"):
        with psycopg.connect(location, autocommit=True) as conn:
            conn.execute(statement)
        return
    with closing(sqlite3.connect(location)) as conn, conn:
        conn.execute(statement)


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


@contextmanager
def small_disk(path: Path, size_kib: int = 4096) -> Iterator[Path]:
    """A tmpfs of ``size_kib`` mounted at ``path`` until the block ends; skips where this
    process may not mount one (file permissions do not stop root, a full disk does)."""
    mount, umount = shutil.which("mount"), shutil.which("umount")
    if mount is None or umount is None:
        pytest.skip("no mount command to make a small file system with")
    path.mkdir()
    done = subprocess.run(
        [mount, "-t", "tmpfs", "-o", f"size={size_kib}k", "colophon-test", str(path)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        yield path
    finally:
        subprocess.run([umount, "--lazy", str(path)], check=False)


def fill(folder: Path) -> None:
    """Write a file into ``folder`` until its file system has no space left."""
    descriptor = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:  # the last write that fits is short; the one after fails
            os.write(descriptor, b"\0" * 65536)
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
    finally:
        os.close(descriptor)


def mounted_read_only(folder: Path) -> None:
    """Remount the small disk at ``folder`` read-only: no process, root's included, may write."""
    done = subprocess.run(
        ["mount", "-o", "remount,ro", str(folder)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


@contextmanager
def refusing_connections(url: str, server: str) -> Iterator[None]:
    """The PostgreSQL database at ``url`` takes no new connections and has none open, as if
    its server had gone, until the block ends; ``server`` is another database to do it from."""
    database = conninfo_to_dict(url)["dbname"]
    name = sql.Identifier(database)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS false").format(name))
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            (database,),
        )
        try:
            yield
        finally:
            conn.execute(sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS true").format(name))
