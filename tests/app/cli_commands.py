"""The commands of ``colophon`` for tests that walk them all: each command that opens the
session store with where its store goes, a good command line for any command, and a
snapshot of a folder to show that a command created or changed nothing in it."""

from __future__ import annotations

from pathlib import Path

from scripts.chat import SessionStore
from tests.faults import UNREACHABLE_PG


def healthy(path: Path) -> Path:
    with SessionStore(path) as store:
        store.create_session(user_id="alice")
    return path


# Every command that opens the session store, with where its store goes.
COMMANDS = {
    "stats": ["stats", "--db-path", "{store}"],
    "chat-init": ["chat-init", "--db-path", "{store}"],
    "chat-history": ["chat-history", "some-session", "--db-path", "{store}"],
    "chat-cleanup": ["chat-cleanup", "--db-path", "{store}"],
    "migrate": ["migrate", "--db-path", "{store}"],
    "backup": ["backup", "{dir}/copy.db", "--db-path", "{store}"],
    "chat": ["chat", "--index", "{index}", "--db-path", "{store}", "books printed in Venice"],
    "query --session-id": [
        "query",
        "books printed in Venice",
        "--db",
        "{index}",
        "--session-id",
        "some-session",
        "--session-db-path",
        "{store}",
    ],
    "serve": ["serve", "--db", "{index}", "--store", "{store}"],
    "store-copy": ["store-copy", "--from", "{store}", "--to", UNREACHABLE_PG],
}
READ_ONLY_COMMANDS = ["stats", "chat-history", "chat-cleanup", "migrate", "backup"]
READ_ONLY_COMMANDS += ["query --session-id", "store-copy"]


def command_line(name: str, store: str | Path, folder: Path, index: Path) -> list[str]:
    """The command line of ``name`` with its store, a folder and the index filled in."""
    values = {"{store}": str(store), "{dir}": str(folder), "{index}": str(index)}
    filled = []
    for arg in COMMANDS[name]:
        for placeholder, value in values.items():
            arg = arg.replace(placeholder, value)
        filled.append(arg)
    return filled


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its content (directories by name)."""
    return {
        str(path): path.read_bytes() if path.is_file() else b""
        for path in sorted(folder.rglob("*"))
        if not path.is_fifo()
    }


def every_command_line(name: str, folder: Path, index: Path) -> list[str]:
    """A good command line for any command, the store ones on a store in ``folder``."""
    others = {
        "query": ["query", "books printed in Venice", "--db", str(index)],
        "record": ["record", "cph000027", "--db", str(index)],
        "index": ["index", str(folder / "records.mrc"), "--db", str(folder / "index.db")],
        "token": ["token", "--user", "alice"],
    }
    return others.get(name) or command_line(name, folder / "sessions.db", folder, index)
