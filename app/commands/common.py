"""What every command shares: opening the session store, turning errors into one line, and
writing output (to stdout, or to a file that appears only once it is complete)."""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import typer

from scripts.chat import CorruptRowError, SessionNotFoundError, SessionStore


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
    except CorruptRowError as exc:
        fail(str(exc))
    finally:
        store.close()


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
