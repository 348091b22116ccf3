"""Keeping a session store healthy: stats, backup, migrate."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer

from app.commands.common import (
    StoreOption,
    check_store_file,
    fail,
    not_a_store,
    open_store,
    reason,
    store_location,
)
from scripts.chat.migrate_sessions import NotASessionStoreError, SchemaTooNewError, schema_version
from scripts.chat.migrate_sessions import migrate as migrate_sqlite
from scripts.chat.session_store import parse_location
from scripts.chat.sqlite_store import SqliteSessionStore, unavailable


def stats(
    db_path: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Count active and expired sessions and messages, and the database size."""
    with open_store(db_path, create=False) as store:
        counts = store.stats()
    if as_json:
        typer.echo(json.dumps(counts))
        return
    typer.echo(f"Active sessions: {counts['active_sessions']:,}")
    typer.echo(f"Expired sessions: {counts['expired_sessions']:,}")
    typer.echo(f"Messages: {counts['messages']:,}")
    typer.echo(f"Database size: {counts['database_bytes'] / 1_048_576:,.1f} MiB")


def backup(
    destination: Annotated[Path, typer.Argument(help="New file to write the copy to.")],
    db_path: StoreOption = None,
) -> None:
    """Copy a SQLite session store safely while it is in use (unlike cp), after checking it."""
    with open_store(db_path, create=False) as store:
        if not isinstance(store, SqliteSessionStore):
            fail("backup copies SQLite stores; back up PostgreSQL with pg_dump")
        try:
            written = store.backup(destination)
        except (FileExistsError, OSError, sqlite3.Error) as exc:
            fail(str(exc))
    typer.echo(f"Backed up {store.db_path} to {written} ({written.stat().st_size:,} bytes)")


def migrate(db_path: StoreOption = None) -> None:
    """Upgrade the store's schema to this version of Colophon; safe to run again."""
    location = store_location(db_path)
    path = parse_location(location)
    if not isinstance(path, Path):
        with open_store(location):
            pass  # PostgreSQL stores apply their migrations when opened
        typer.echo("Schema is up to date.")
        return
    check_store_file(path, create=False)
    try:
        with closing(sqlite3.connect(path, isolation_level=None)) as conn:
            before = schema_version(conn)
            applied = migrate_sqlite(conn)
            after = schema_version(conn)
    except SchemaTooNewError as exc:
        fail(f"the session store {path} was written by a newer Colophon: {exc}")
    except NotASessionStoreError as exc:
        fail(not_a_store(location, exc))
    except sqlite3.Error as exc:
        fail(f"cannot migrate the session store {path}: {reason(unavailable(exc, path))}")
    typer.echo(f"Applied: {', '.join(applied)}" if applied else "Schema is up to date.")
    typer.echo(f"Schema version: {before} -> {after}" if applied else f"Schema version: {after}")


def register(app: typer.Typer) -> None:
    app.command("stats")(stats)
    app.command("backup")(backup)
    app.command("migrate")(migrate)
