"""Forward migrations of the SQLite session store, recorded in ``PRAGMA user_version``.

Each step is small, named and append-only; step 1 is ``schema.sql``. A step and its version
number commit in one transaction, so a crash never leaves a half-applied step, and two
processes opening an old database at once apply each step exactly once. The store runs
``migrate`` whenever it opens a database; this module also runs on its own:

    python -m scripts.chat.migrate_sessions --db-path data/chat/sessions.db
"""

from __future__ import annotations

import argparse
import sqlite3
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from scripts.utils.logger import LoggerManager, fields

log = LoggerManager.get_logger(__name__)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (executescript would commit mid-step)."""
    statements, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \t\n;"):
                statements.append(pending.strip())
            pending = ""
    return statements


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1, "create_sessions_and_messages", files("scripts.chat").joinpath("schema.sql").read_text()
    ),
    Migration(
        2,
        "index_sessions_by_user_recency_and_expiry",
        # Lists a user's sessions newest first, and finds long-expired sessions to purge,
        # without sorting or scanning the whole table.
        """
        DROP INDEX IF EXISTS idx_sessions_user;
        CREATE INDEX IF NOT EXISTS idx_sessions_user_updated ON chat_sessions(user_id, updated_at);
        CREATE INDEX IF NOT EXISTS idx_sessions_expired ON chat_sessions(expired_at)
            WHERE expired_at IS NOT NULL;
        """,
    ),
    Migration(
        3,
        "create_shares",
        # A session's read-only share: one per session, gone with it; revoking deletes the row.
        """
        CREATE TABLE IF NOT EXISTS chat_shares (
            share_id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL UNIQUE
                REFERENCES chat_sessions(session_id) ON DELETE CASCADE,
            created_at TEXT NOT NULL
        );
        """,
    ),
)
LATEST_VERSION = MIGRATIONS[-1].version


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer Colophon than this one."""


class NotASessionStoreError(ValueError):
    """The database holds tables of something else and no session store: not ours to change."""

    def __init__(self, tables: list[str]) -> None:
        shown = ", ".join(tables[:3]) + (", ..." if len(tables) > 3 else "")
        super().__init__(f"it is not a Colophon session store: it holds other tables ({shown})")
        self.tables = tables


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _other_tables(conn: sqlite3.Connection) -> list[str]:
    """Tables that are neither the session store's nor SQLite's own."""
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        r" AND name NOT LIKE 'chat\_%' ESCAPE '\' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'"
        " ORDER BY name"
    )
    return [name for (name,) in rows]


def refuse_other_databases(conn: sqlite3.Connection) -> None:
    """Raise ``NotASessionStoreError`` for a database at version 0 that holds other tables (a
    catalogue index, another program's file): it is not to be changed, not even its journal."""
    if schema_version(conn) == 0 and (others := _other_tables(conn)):
        raise NotASessionStoreError(others)


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply pending steps on an autocommit connection; return the names applied. Another
    program's database raises ``NotASessionStoreError`` and is left as it was."""
    applied = []
    for step in MIGRATIONS:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = schema_version(conn)
            if current > LATEST_VERSION:
                raise SchemaTooNewError(
                    f"session database schema version {current} is newer than this Colophon "
                    f"supports ({LATEST_VERSION}); upgrade Colophon to open it"
                )
            if current >= step.version:
                conn.execute("COMMIT")
                continue
            refuse_other_databases(conn)
            for statement in _statements(step.sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {step.version:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("applied migration", extra=fields(version=step.version, name=step.name))
        applied.append(step.name)
    return applied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Upgrade a Colophon session database in place.")
    parser.add_argument("--db-path", type=Path, default=Path("data/chat/sessions.db"))
    args = parser.parse_args(argv)
    if not args.db_path.exists():
        parser.error(f"{args.db_path} does not exist")
    conn = sqlite3.connect(args.db_path, isolation_level=None)
    try:
        applied = migrate(conn)
        version = schema_version(conn)
    finally:
        conn.close()
    print(f"Applied: {', '.join(applied)}" if applied else "Schema is up to date.")
    print(f"Schema version: {version}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
