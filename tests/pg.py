"""A PostgreSQL server for tests and benchmarks: is it there, and throwaway databases on it.

The server comes from ``COLOPHON_TEST_PG_URL`` (default: the local ``postgres`` database as
user ``postgres``). Each throwaway database is created from ``template0`` under a random
name and dropped afterwards, its leftover connections terminated first.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
HOW_TO = (
    "set COLOPHON_TEST_PG_URL to a server where this user may CREATE DATABASE,"
    " e.g. postgresql://postgres@127.0.0.1:5432/postgres"
)


def server_url() -> str:
    return os.environ.get("COLOPHON_TEST_PG_URL", DEFAULT_URL)


def unreachable_reason(url: str, timeout: float = 1.0) -> str | None:
    """None when the server answers within ``timeout`` seconds, else why not."""
    parts = urlsplit(url)
    try:
        if parts.hostname and not parts.hostname.startswith("/"):
            # libpq's connect_timeout cannot go below 2 s: probe the port first.
            socket.create_connection((parts.hostname, parts.port or 5432), timeout=timeout).close()
        psycopg.connect(url, connect_timeout=2).close()
    except (OSError, psycopg.Error) as exc:
        return f"{type(exc).__name__}: {str(exc).strip()}"
    return None


def describe_server(url: str) -> str:
    """One line for the test report: which PostgreSQL the tests use, if any."""
    reason = unreachable_reason(url)
    if reason is not None:
        return f"postgresql: not reachable at {url}"
    with psycopg.connect(url) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
    return f"postgresql {version} at {url}"


def database_url(url: str, name: str) -> str:
    """The same server URL with another database name."""
    return urlsplit(url)._replace(path=f"/{name}").geturl()


def create_database(url: str, prefix: str = "colophon_test") -> str:
    """Create an empty database on the server at ``url``; return its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))
    return database_url(url, name)


def drop_database(url: str, database: str) -> None:
    """Drop ``database`` (a URL or a name) from the server at ``url``, ending its connections."""
    name = urlsplit(database).path.lstrip("/") if "://" in database else database
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        # FORCE (PostgreSQL 13+) also refuses connections that arrive after the termination.
        force = sql.SQL(" WITH (FORCE)" if conn.info.server_version >= 130000 else "")
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}{}").format(sql.Identifier(name), force))


@contextmanager
def throwaway_database(url: str, prefix: str = "colophon_test") -> Iterator[str]:
    """A new empty database's URL for the duration of the block."""
    database = create_database(url, prefix)
    try:
        yield database
    finally:
        drop_database(url, database)
