"""Keeping a session store healthy: stats, backup, migrate."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer

from app.commands.common import fail, open_store
from app.settings import get_settings
from scripts.chat.migrate_sessions import migrate as migrate_sqlite
from scripts.chat.migrate_sessions import schema_version
from scripts.chat.sqlite_store import SqliteSessionStore

DbPath = Annotated[
    str | None,
    typer.Option(
        "--db-path",
        help="Session store: a path, sqlite:///path or postgresql://...",
        show_default="data/chat/sessions.db",
    ),
]


def _location(db_path: str | None) -> str:
    return db_path or str(get_settings().session_db)


def stats(
    db_path: DbPath = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Count active and expired sessions and messages, and the database size."""
    with open_store(_location(db_path)) as store:
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
    db_path: DbPath = None,
) -> None:
    """Copy a SQLite session store safely while it is in use (unlike cp)."""
    with open_store(_location(db_path)) as store:
        if not isinstance(store, SqliteSessionStore):
            fail("backup copies SQLite stores; back up PostgreSQL with pg_dump")
        try:
            written = store.backup(destination)
        except (FileExistsError, OSError, sqlite3.Error) as exc:
            fail(str(exc))
    typer.echo(f"Backed up {store.db_path} to {written} ({written.stat().st_size:,} bytes)")


def migrate(db_path: DbPath = None) -> None:
    """Upgrade the store's schema to this version of Colophon; safe to run again."""
    location = _location(db_path)
    if "://" in location and not location.startswith("sqlite:///"):
        with open_store(location):
            pass  # PostgreSQL stores apply their migrations when opened
        typer.echo("Schema is up to date.")
        return
    path = Path(location.removeprefix("sqlite:///"))
    if not path.exists():
        fail(f"no session database at {path}")
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        before = schema_version(conn)
        applied = migrate_sqlite(conn)
        after = schema_version(conn)
    typer.echo(f"Applied: {', '.join(applied)}" if applied else "Schema is up to date.")
    typer.echo(f"Schema version: {before} -> {after}" if applied else f"Schema version: {after}")


def register(app: typer.Typer) -> None:
    app.command("stats")(stats)
    app.command("backup")(backup)
    app.command("migrate")(migrate)
