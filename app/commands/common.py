"""What every command shares: opening the session store and turning errors into one line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import typer

from scripts.chat import (
    CorruptRowError,
    SessionNotFoundError,
    SessionStore,
    StoreUnavailableError,
)


def fail(message: str) -> NoReturn:
    """Print one clear line to stderr and exit with code 1."""
    typer.secho(f"Error: {message}", err=True, fg=typer.colors.RED)
    raise typer.Exit(code=1)


@contextmanager
def open_store(location: str | Path) -> Iterator[SessionStore]:
    """Open the session store, saying so when a new SQLite file is created, and map its errors."""
    is_new_file = "://" not in str(location) and not Path(location).exists()
    try:
        store = SessionStore(location)
    except (OSError, ValueError) as exc:
        fail(f"cannot open session store {location}: {exc}")
    if is_new_file:
        typer.secho(f"Created session database {location}", err=True, fg=typer.colors.YELLOW)
    try:
        yield store
    except SessionNotFoundError as exc:
        fail(f"{exc}. Start one with `colophon chat-init`.")
    except (CorruptRowError, StoreUnavailableError) as exc:
        fail(str(exc))
    finally:
        store.close()
