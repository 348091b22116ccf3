"""Connections to a PostgreSQL session store: one pool per process, transactions, retries.

``Connections(location)`` checks the server answers, brings the schema up to date and opens a
``psycopg_pool.ConnectionPool`` (``min_size`` to ``max_size`` connections, autocommit, each
transaction explicit). ``transaction(work)`` runs ``work`` in one transaction: writes at the
server's default level (READ COMMITTED), reads READ ONLY at REPEATABLE READ, or a read of one
SELECT as that statement alone. The whole transaction is retried, a bounded number of times,
after a serialization failure, a deadlock, or a connection lost before its COMMIT (a read also
after one lost during COMMIT); a write whose COMMIT was lost may have landed and is not
retried. Nothing else is retried. In a forked child a new pool is opened on first use.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlsplit

import psycopg
from psycopg import IsolationLevel
from psycopg.errors import DeadlockDetected, SerializationFailure
from psycopg_pool import ConnectionPool, PoolTimeout

from scripts.chat.migrate_postgres import migrate
from scripts.utils.logger import LoggerManager, fields

log = LoggerManager.get_logger(__name__)

T = TypeVar("T")

RETRIES = 5
CONNECT_TIMEOUT_S = 10


def safe_url(location: str) -> str:
    """The location with any password masked, for messages and logs."""
    parts = urlsplit(location)
    if parts.password is None:
        return location
    return parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")).geturl()


class Connections:
    """The pool of one store, and the one way its work runs: ``transaction``."""

    def __init__(self, location: str, *, min_size: int, max_size: int) -> None:
        self.location = location
        self._sizes = (min_size, max_size)
        self._closed = False
        self._fork_lock = threading.Lock()
        self._inherited: list[ConnectionPool] = []
        try:
            conn = psycopg.connect(location, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.ProgrammingError as exc:
            raise ValueError(f"invalid PostgreSQL location {safe_url(location)}: {exc}") from exc
        except psycopg.OperationalError as exc:
            raise ConnectionError(f"cannot connect to {safe_url(location)}: {exc}") from exc
        with conn:
            migrate(conn)
        self._pool, self._pid = self._open_pool(), os.getpid()

    def _open_pool(self) -> ConnectionPool:
        min_size, max_size = self._sizes
        pool = ConnectionPool(
            self.location,
            min_size=min_size,
            max_size=max_size,
            kwargs={"autocommit": True},  # transactions are explicit: conn.transaction()
            open=False,
            name="colophon-sessions",
        )
        try:
            pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except PoolTimeout as exc:
            pool.close()
            raise ConnectionError(f"cannot connect to {safe_url(self.location)}: {exc}") from exc
        return pool

    def _current_pool(self) -> ConnectionPool:
        if self._closed:
            raise RuntimeError("this SessionStore is closed")
        if self._pid != os.getpid():
            with self._fork_lock:
                if self._pid != os.getpid():
                    # Forked: the parent's connections are not ours to use, nor to close (that
                    # would end the parent's sessions too), so keep its pool untouched.
                    self._inherited.append(self._pool)
                    self._pool, self._pid = self._open_pool(), os.getpid()
        return self._pool

    def transaction(
        self, work: Callable[[psycopg.Connection], T], *, read_only: bool, one_select: bool = False
    ) -> T:
        """Run ``work`` in one transaction, retried whole when that is safe and may help.

        ``one_select`` is for a read of a single SELECT: in autocommit that statement is a
        transaction of its own, with its own snapshot, and needs no BEGIN and COMMIT.
        """
        for attempt in range(1, RETRIES + 1):
            conn, committing = None, False
            try:
                with self._current_pool().connection() as conn:
                    if one_select:
                        return work(conn)
                    # None: the server's defaults (READ COMMITTED; read-write unless a replica).
                    conn.read_only = True if read_only else None
                    conn.isolation_level = IsolationLevel.REPEATABLE_READ if read_only else None
                    with conn.transaction():
                        result = work(conn)
                        committing = True
                return result
            except (SerializationFailure, DeadlockDetected) as exc:
                if attempt == RETRIES:
                    raise
                reason = type(exc).__name__
            except psycopg.DataError as exc:  # NUL characters, values out of range
                raise ValueError(f"PostgreSQL refused a value: {exc}") from exc
            except psycopg.OperationalError:
                # A write whose COMMIT was sent may have landed: only a read is safe to redo then.
                lost = conn is not None and conn.broken and (read_only or not committing)
                if attempt == RETRIES or not lost:
                    raise
                reason = "connection lost"
                self._pool.check()  # drop the other connections that went with it
            log.warning(
                "transaction failed, retrying", extra=fields(attempt=attempt, reason=reason)
            )
            time.sleep(random.uniform(0.005, 0.02) * 2 ** (attempt - 1))
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Close this process's pool; the store is unusable afterwards."""
        if self._closed:
            return
        self._closed = True
        if self._pid == os.getpid():
            self._pool.close()
