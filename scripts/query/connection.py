"""Opening the bibliographic index for reading: one read-only connection per call."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class IndexNotFoundError(FileNotFoundError):
    """The index database file does not exist."""

    def __init__(self, db_path: Path) -> None:
        super().__init__(f"index database {db_path} does not exist")
        self.db_path = db_path


class IndexQueryError(RuntimeError):
    """The index could not be queried (not an index database, or damaged)."""


@contextmanager
def read_only(db_path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that cannot write (``mode=ro``), closed on exit."""
    path = Path(db_path)
    if not path.is_file():
        raise IndexNotFoundError(path)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()
