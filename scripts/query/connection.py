"""Opening the bibliographic index for reading: one read-only connection per thread and file.

Opening a connection costs a file open and a parse of the schema, and a new connection starts
with an empty page cache, so each thread keeps its connection to an index and reuses it. The
index is never written in place: a rebuild replaces the file (``os.replace``), so a connection
is reused only while the path still names the same file, by device, inode, modification time
and size; otherwise it is closed and a new one opened on the new file. Connections stay with
the thread that opened them (``sqlite3`` refuses to share them), so threads need no lock, and
a forked child starts with none.

A new connection checks the index's ``schema_version``: an index built by another version of
the schema is refused with a request to rebuild it, never read wrongly.

``streaming`` is for a long read that a web server resumes from one worker thread after
another (a streamed export): a connection of its own, closed when the read ends.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scripts.marc.index import SCHEMA_VERSION

# Reads map the file (it is never written in place) instead of copying its pages into each
# connection's small page cache: the OS keeps one copy of the hot pages for every thread.
PRAGMAS = ("PRAGMA mmap_size = 1073741824",)
MAX_OPEN = 4  # per thread: more distinct index files than this close the least recently used

FileKey = tuple[int, int, int, int]


class IndexNotFoundError(FileNotFoundError):
    """The index database file does not exist."""

    def __init__(self, db_path: Path) -> None:
        super().__init__(f"index database {db_path} does not exist")
        self.db_path = db_path


class IndexQueryError(RuntimeError):
    """The index could not be queried (not an index database, or damaged)."""


class _Connections(threading.local):
    def __init__(self) -> None:
        self.open: dict[Path, tuple[FileKey, sqlite3.Connection]] = {}
        self.in_use: dict[Path, int] = {}


_local = _Connections()


def _forget_inherited() -> None:
    """A forked child must not use its parent's connections (SQLite forbids it): start afresh."""
    global _local
    _local = _Connections()


os.register_at_fork(after_in_child=_forget_inherited)


@contextmanager
def read_only(db_path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that cannot write (``mode=ro``); this thread's, while the file is the same."""
    path = Path(db_path)
    try:
        info = path.stat()
    except OSError:
        raise IndexNotFoundError(path) from None
    if not stat.S_ISREG(info.st_mode):
        raise IndexNotFoundError(path)
    key = (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size)
    resolved = path.resolve()
    conn = _reuse(resolved, key)
    _local.in_use[resolved] = _local.in_use.get(resolved, 0) + 1
    try:
        yield conn
    finally:
        _local.in_use[resolved] -= 1


@contextmanager
def streaming(db_path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection of its own, usable from any thread (one at a time), closed after.

    It reads the file as it was when opened, even if a rebuild replaces it meanwhile.
    """
    path = Path(db_path)
    if not path.is_file():
        raise IndexNotFoundError(path)
    conn = _open(path.resolve(), check_same_thread=False)
    try:
        yield conn
    finally:
        conn.close()


def _reuse(path: Path, key: FileKey) -> sqlite3.Connection:
    """This thread's connection to ``path`` if it is open on the same file, else a new one."""
    cached = _local.open.pop(path, None)
    if cached is not None and cached[0] == key:
        _local.open[path] = cached  # now the most recently used
        return cached[1]
    if cached is not None and not _local.in_use.get(path):
        cached[1].close()  # the file was replaced (if a caller up the stack still reads it, it
        # is closed when that caller lets go of it)
    conn = _open(path)
    _local.open[path] = (key, conn)
    idle = [p for p in _local.open if not _local.in_use.get(p) and p != path]
    for old in idle[: max(0, len(_local.open) - MAX_OPEN)]:
        _local.open.pop(old)[1].close()
    return conn


def _open(path: Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    conn = sqlite3.connect(
        f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=check_same_thread
    )
    conn.row_factory = sqlite3.Row
    try:
        for pragma in PRAGMAS:
            conn.execute(pragma)
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise IndexQueryError(f"cannot read the index {path}: {exc}") from exc
    if row is None or row[0] != SCHEMA_VERSION:
        conn.close()
        found = "no schema version" if row is None else f"schema {row[0]}"
        raise IndexQueryError(
            f"the index {path} has {found}, this version of Colophon reads schema "
            f"{SCHEMA_VERSION}: rebuild it with `colophon index`"
        )
    return conn
