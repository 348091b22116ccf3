"""Forward migrations of the PostgreSQL session store, recorded in ``colophon_schema_version``.

The same discipline as the SQLite store (``migrate_sessions.py``): small, named, append-only
steps, step 1 being ``postgres_schema.sql``. Each step and the row that records it commit in
one transaction, under a transaction-scoped advisory lock, so several processes opening a new
database at once apply each step exactly once and a failed step leaves the previous version.
An up-to-date database is only read, so a store also opens on a read-only replica.
The store runs ``migrate`` whenever it opens a database; this module also runs on its own:

    python -m scripts.chat.migrate_postgres --url postgresql://user@host/dbname
"""

from __future__ import annotations

import argparse
from importlib.resources import files

import psycopg

from scripts.chat.migrate_sessions import Migration, SchemaTooNewError
from scripts.utils.logger import LoggerManager, fields

log = LoggerManager.get_logger(__name__)

# Any constant will do: it only has to be the same in every process that migrates.
ADVISORY_LOCK_KEY = 0x636F6C6F70686F6E  # "colophon"

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "create_sessions_and_messages",
        files("scripts.chat").joinpath("postgres_schema.sql").read_text(),
    ),
    Migration(
        2,
        "create_shares",
        # A session's read-only share: one per session, gone with it; revoking deletes the row.
        """
        CREATE TABLE chat_shares (
            share_id text PRIMARY KEY,
            session_id text NOT NULL UNIQUE
                REFERENCES chat_sessions (session_id) ON DELETE CASCADE,
            created_at timestamptz NOT NULL DEFAULT now()
        );
        """,
    ),
)
LATEST_VERSION = MIGRATIONS[-1].version

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS colophon_schema_version (
    version int PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)
"""


def schema_version(conn: psycopg.Connection) -> int:
    """The highest applied version, 0 for a new database (the table may not exist yet)."""
    if conn.execute("SELECT to_regclass('colophon_schema_version')").fetchone()[0] is None:
        return 0
    return conn.execute("SELECT coalesce(max(version), 0) FROM colophon_schema_version").fetchone()[
        0
    ]


def _check_not_too_new(current: int) -> None:
    if current > LATEST_VERSION:
        raise SchemaTooNewError(
            f"session database schema version {current} is newer than this Colophon "
            f"supports ({LATEST_VERSION}); upgrade Colophon to open it"
        )


def _apply(conn: psycopg.Connection, step: Migration) -> bool:
    """Apply one step with its record unless it is there already; True when applied."""
    with conn.transaction():
        # Look first without locking or DDL, so an up-to-date read-only replica opens too.
        current = schema_version(conn)
        _check_not_too_new(current)
        if current >= step.version:
            return False
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (ADVISORY_LOCK_KEY,))
        conn.execute(_VERSION_TABLE)
        current = schema_version(conn)  # another process may have applied it meanwhile
        _check_not_too_new(current)
        if current >= step.version:
            return False
        conn.execute(step.sql)  # a script of several statements: allowed without parameters
        conn.execute(
            "INSERT INTO colophon_schema_version (version, name) VALUES (%s, %s)",
            (step.version, step.name),
        )
    return True


def migrate(conn: psycopg.Connection) -> list[str]:
    """Apply pending steps on an autocommit connection; return the names applied."""
    if not conn.autocommit:
        raise ValueError("migrate needs an autocommit connection: each step is its own transaction")
    applied = []
    for step in MIGRATIONS:
        if _apply(conn, step):
            log.info("applied migration", extra=fields(version=step.version, name=step.name))
            applied.append(step.name)
    return applied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Upgrade a Colophon PostgreSQL session store.")
    parser.add_argument("--url", required=True, help="postgresql://user@host:port/dbname")
    args = parser.parse_args(argv)
    with psycopg.connect(args.url, autocommit=True) as conn:
        applied = migrate(conn)
        version = schema_version(conn)
    print(f"Applied: {', '.join(applied)}" if applied else "Schema is up to date.")
    print(f"Schema version: {version}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
