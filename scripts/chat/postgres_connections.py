"""Connections to a PostgreSQL session store: one pool per process, transactions, retries.

``Connections(location)`` checks the server answers, brings the schema up to date and opens a
``psycopg_pool.ConnectionPool`` (``min_size`` to ``max_size`` connections, autocommit, each
transaction explicit). ``transaction(work)`` runs ``work`` in one transaction: writes at the
server's default level (READ COMMITTED), reads READ ONLY at REPEATABLE READ, or a read of one
SELECT as that statement alone. The whole transaction is retried, a bounded number of times,
after a serialization failure, a deadlock, or a connection lost before its COMMIT (a read also
after one lost during COMMIT); a write whose COMMIT was lost may have landed and is not
retried. Nothing else is retried. In a forked child a new pool is opened on first use.

A server that cannot be reached (when the store opens, or no connection within the pool's
timeout), a connection that fails for good, a server error of the operational kind (disk
full, too many connections, shut down) and a database that refuses writes (a standby, or
``default_transaction_read_only``) raise ``StoreUnavailableError``. Once the store is open,
its reason names the failure, never the server's address (that is its ``where``).
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
from psycopg.errors import DeadlockDetected, ReadOnlySqlTransaction, SerializationFailure
from psycopg_pool import ConnectionPool, PoolTimeout

from scripts.chat.migrate_postgres import migrate
from scripts.chat.session_store import StoreUnavailableError
from scripts.utils.logger import LoggerManager, fields

log = LoggerManager.get_logger(__name__)

T = TypeVar("T")

RETRIES = 5
CONNECT_TIMEOUT_S = 10
# How long a transaction waits for a free connection before the store is unavailable: under
# load a transaction frees one in milliseconds, and a server gone should not hold a reader long.
POOL_WAIT_S = 10
READ_ONLY = "the database is read-only (a standby, or default_transaction_read_only is on)"


def unavailable_reason(exc: psycopg.Error) -> str:
    """Why the store cannot be used, in words without the server's address."""
    if isinstance(exc, ReadOnlySqlTransaction):
        return READ_ONLY
    if isinstance(exc, PoolTimeout):
        return "no database connection became free in time"
    if exc.sqlstate:  # the server's own error: DiskFull, TooManyConnections, AdminShutdown...
        return f"the database server reported {type(exc).__name__} ({exc.sqlstate})"
    return "the database server cannot be reached"


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
            raise self._cannot_connect(exc) from exc
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
            timeout=POOL_WAIT_S,
            open=False,
            name="colophon-sessions",
        )
        try:
            pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except PoolTimeout as exc:
            pool.close()
            raise self._cannot_connect(exc) from exc
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
        self,
        work: Callable[[psycopg.Connection], T],
        *,
        read_only: bool,
        one_select: bool = False,
        wait: float | None = None,
    ) -> T:
        """Run ``work`` in one transaction, retried whole when that is safe and may help.

        ``one_select`` is for a read of a single SELECT: in autocommit that statement is a
        transaction of its own, with its own snapshot, and needs no BEGIN and COMMIT.
        ``wait`` bounds the wait for a free connection (``POOL_WAIT_S`` by default).
        """
        for attempt in range(1, RETRIES + 1):
            conn, committing = None, False
            try:
                with self._current_pool().connection(timeout=wait) as conn:
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
            except ReadOnlySqlTransaction as exc:
                raise self._unavailable(exc) from exc
            except psycopg.OperationalError as exc:
                # A write whose COMMIT was sent may have landed: only a read is safe to redo then.
                lost = conn is not None and conn.broken and (read_only or not committing)
                if attempt == RETRIES or not lost:
                    raise self._unavailable(exc) from exc
                reason = "connection lost"
                self._pool.check()  # drop the other connections that went with it
            log.warning(
                "transaction failed, retrying", extra=fields(attempt=attempt, reason=reason)
            )
            time.sleep(random.uniform(0.005, 0.02) * 2 ** (attempt - 1))
        raise AssertionError("unreachable")

    def _cannot_connect(self, exc: psycopg.Error) -> StoreUnavailableError:
        """Opening failed: say where (the caller asked for it) and libpq's first line."""
        where = safe_url(self.location)
        said = str(exc).strip().splitlines()
        return StoreUnavailableError(
            f"cannot connect to {where}: {said[0] if said else type(exc).__name__}", where=where
        )

    def _unavailable(self, exc: psycopg.Error) -> StoreUnavailableError:
        return StoreUnavailableError(unavailable_reason(exc), where=safe_url(self.location))

    def close(self) -> None:
        """Close this process's pool; the store is unusable afterwards."""
        if self._closed:
            return
        self._closed = True
        if self._pid == os.getpid():
            self._pool.close()
