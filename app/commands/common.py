"""What every command shares: where the session store is, opening it, errors as one line,
and writing output.

A command that touches sessions takes the store from its own option (``--db-path``, or
``--store`` for ``serve``), else from ``COLOPHON_STORE_URL``, else ``data/chat/sessions.db``;
``store_location`` is that rule and ``parse_location`` (scripts/chat) the one reading of the
value. Every failure a reader can cause or meet (a missing or damaged store, a server that
does not answer, an unknown session) ends as one line on stderr and exit code 1. Output goes
to stdout, or to a file that appears only once it is complete (``write_out``).
"""

from __future__ import annotations

import math
import os
import secrets
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import psycopg
import typer

from app.settings import get_settings
from scripts.chat import (
    CorruptRowError,
    SessionNotFoundError,
    SessionStore,
    StoreUnavailableError,
)
from scripts.chat.migrate_sessions import NotASessionStoreError, SchemaTooNewError
from scripts.chat.postgres_connections import safe_url
from scripts.chat.session_store import parse_location

STORE_HELP = "Session store: a path, sqlite:///path or postgresql://user@host/db."
STORE_DEFAULT = "COLOPHON_STORE_URL, else data/chat/sessions.db"

StoreOption = Annotated[
    str | None, typer.Option("--db-path", help=STORE_HELP, show_default=STORE_DEFAULT)
]


def finite(value: float | None) -> float | None:
    """A Typer callback refusing NaN, which passes every range check."""
    if value is not None and math.isnan(value):
        raise typer.BadParameter("must be a number")
    return value


def fail(message: str) -> NoReturn:
    """Print one clear line to stderr and exit with code 1."""
    typer.secho(f"Error: {message}", err=True, fg=typer.colors.RED)
    raise typer.Exit(code=1)


def store_location(option: str | None) -> str:
    """The store a command uses: its option, else ``COLOPHON_STORE_URL``, else the default."""
    location = option or get_settings().store_url
    try:
        parse_location(location)
    except ValueError as exc:
        fail(str(exc))
    return location


def _shown(location: str) -> str:
    return safe_url(location)


def refuse_non_files(path: Path) -> None:
    """Fail on what is there and can never be a store: a directory, a device, a FIFO."""
    if path.is_dir():
        fail(
            f"the session store {path} is a directory; give a file path such as {path}/sessions.db"
        )
    if path.exists() and not path.is_file():
        fail(f"the session store {path} is not a regular file")


def check_store_file(path: Path, create: bool) -> bool:
    """Whether a new SQLite file will be created; fails on what can never be a store."""
    refuse_non_files(path)
    if path.exists():
        return False
    if not create:
        fail(f"no session database at {path}; create a session with `colophon chat-init`")
    above = next(parent for parent in path.absolute().parents if parent.exists())
    if not above.is_dir():
        fail(f"the session store {path} cannot be created: {above} is not a directory")
    return True


@contextmanager
def open_store(option: str | None, *, create: bool = True) -> Iterator[SessionStore]:
    """Open the session store a command names; ``create=False`` refuses to create a new file.

    A new SQLite file is announced, so running from the wrong directory never silently starts
    an empty store.
    """
    location = store_location(option)
    where = parse_location(location)
    is_new_file = isinstance(where, Path) and check_store_file(where, create)
    try:
        store = get_settings().open_store(location)
    except SchemaTooNewError as exc:
        fail(f"the session store {_shown(location)} was written by a newer Colophon: {exc}")
    except NotASessionStoreError as exc:
        fail(not_a_store(location, exc))
    except (OSError, ValueError, sqlite3.Error, psycopg.Error) as exc:
        fail(f"cannot open the session store {_shown(location)}: {reason(exc)}")
    if is_new_file:
        typer.secho(f"Created session database {location}", err=True, fg=typer.colors.YELLOW)
    try:
        yield store
    except SessionNotFoundError as exc:
        fail(f"{exc}. Start one with `colophon chat-init`.")
    except CorruptRowError as exc:
        fail(
            f"the session store {_shown(location)} holds a row that cannot be read ({exc});"
            " restore the store from a backup"
        )
    except (sqlite3.Error, psycopg.Error, StoreUnavailableError) as exc:
        fail(f"the session store {_shown(location)} failed: {reason(exc)}")
    finally:
        store.close()


def not_a_store(location: str, exc: NotASessionStoreError) -> str:
    return (
        f"{_shown(location)} was left as it was: {exc}; give the path of a session store or of"
        " a new file"
    )


def reason(exc: BaseException) -> str:
    """An exception as the one line a reader sees."""
    text = exc.reason if isinstance(exc, StoreUnavailableError) else str(exc).strip()
    text = text or type(exc).__name__
    if isinstance(exc, sqlite3.DatabaseError | StoreUnavailableError) and "not a database" in text:
        return f"{text} (the file is damaged or is not a session store)"
    return text.splitlines()[0]


def index_failed(exc: Exception, path: Path) -> str:
    """The line for a catalogue index that cannot answer, with the way to mend it."""
    return f"{exc}; rebuild it with `colophon index <marc files> --db {path}`"


def write_out(chunks: Iterable[str], output: Path | None) -> None:
    """Write ``chunks`` to stdout, or to ``output`` through a temporary file moved into place
    when complete, so a failed or interrupted export never leaves half a file."""
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    temporary = output.with_name(f".{output.name}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(temporary, output)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    finally:
        temporary.unlink(missing_ok=True)
