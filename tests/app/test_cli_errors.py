"""Every way a command can meet a bad store, value or setting ends in one clear line.

Each case runs the real command and checks: a non-zero exit, no traceback, one line on
stderr starting ``Error:`` (or Typer's usage error for an option out of range), and that
nothing was created that was not there before.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from scripts.chat import Message, SessionStore
from tests.app.cli_commands import (
    COMMANDS,
    READ_ONLY_COMMANDS,
    command_line,
    every_command_line,
    files_under,
    healthy,
)
from tests.factories import oxford_latin_plan, result_page
from tests.faults import (
    UNREACHABLE_PG,
    mounted_read_only,
    read_only,
    small_disk,
    writable_again,
)

runner = CliRunner()
SECRET = "a-secret-that-is-long-enough-for-hs256-tokens"


def one_line_error(result, *expected: str) -> str:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    for text in expected:
        assert text in lines[0]
    return lines[0]


def corrupt(path: Path) -> Path:
    path.write_bytes(os.urandom(8192))
    return path


def truncated(path: Path) -> Path:
    data = healthy(path.with_name("whole.db")).read_bytes()
    path.write_bytes(data[:2048])
    return path


def newer(path: Path) -> Path:
    healthy(path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA user_version = 99")
        conn.commit()
    return path


def directory(path: Path) -> Path:
    path.mkdir()
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def another_programs_database(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.commit()
    return path


def unwritable(path: Path) -> Path:
    healthy(path)
    read_only(path)  # skips as root, whom file permissions do not stop
    return path


STORES = {
    "corrupt": (corrupt, "not a database"),
    "truncated": (truncated, "malformed"),
    "newer schema": (newer, "newer"),
    "a directory": (directory, "is a directory"),
    "/dev/null": (lambda path: Path("/dev/null"), "not a regular file"),
    "a path under /dev/null": (lambda path: Path("/dev/null/sessions.db"), "/dev/null"),
    "a FIFO": (fifo, "not a regular file"),
    "another program's database": (another_programs_database, "not a Colophon session store"),
    "an unwritable file": (unwritable, "read-only"),
}


@pytest.mark.parametrize("kind", list(STORES))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_store_that_cannot_be_used_is_one_line_and_nothing_changes(
    tmp_path, monkeypatch, demo_index, kind, command
):
    monkeypatch.chdir(tmp_path)
    make, says = STORES[kind]
    store = make(tmp_path / "sessions.db")
    try:
        before = files_under(tmp_path)
        result = runner.invoke(app, command_line(command, store, tmp_path, demo_index))
        one_line_error(result, says)
        assert files_under(tmp_path) == before
    finally:
        if kind == "an unwritable file":
            writable_again(store)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_store_on_a_read_only_file_system_is_one_line(tmp_path, demo_index, command):
    with small_disk(tmp_path / "disk") as disk:
        store = healthy(disk / "sessions.db")
        mounted_read_only(disk)
        before = files_under(tmp_path)
        result = runner.invoke(app, command_line(command, store, tmp_path, demo_index))
        one_line_error(result, "read-only")
        assert files_under(tmp_path) == before


@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in {"backup", "store-copy"}])
def test_an_unreachable_postgresql_server_is_one_line(tmp_path, demo_index, command):
    result = runner.invoke(app, command_line(command, UNREACHABLE_PG, tmp_path, demo_index))
    one_line_error(result, "cannot connect", "127.0.0.1:9")


def test_store_copy_to_an_unreachable_postgresql_server_is_one_line(tmp_path, demo_index):
    source = healthy(tmp_path / "sessions.db")
    result = runner.invoke(app, command_line("store-copy", source, tmp_path, demo_index))
    one_line_error(result, "cannot connect", "127.0.0.1:9")


@pytest.mark.parametrize("command", READ_ONLY_COMMANDS)
def test_read_only_commands_create_no_store_or_folder(tmp_path, demo_index, command):
    location = tmp_path / "new-folder" / "sessions.db"
    result = runner.invoke(app, command_line(command, location, tmp_path, demo_index))
    one_line_error(result, "no session database")
    assert not location.parent.exists()


def test_backup_refuses_a_store_that_fails_its_integrity_check(tmp_path):
    store = healthy(tmp_path / "sessions.db")
    with SessionStore(store) as opened:
        for _ in range(200):  # pages enough that damage can land inside a table
            opened.create_session(user_id="x" * 200)
    with closing(sqlite3.connect(store)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(store.read_bytes())
    for page in range(3, len(data) // page_size, 2):  # keep the header and schema pages
        start = page * page_size
        data[start + 8 : start + 64] = os.urandom(56)
    store.write_bytes(bytes(data))
    result = runner.invoke(app, ["backup", str(tmp_path / "copy.db"), "--db-path", str(store)])
    one_line_error(result, "failed its integrity check", "not backed up")
    assert not (tmp_path / "copy.db").exists()


def test_chat_with_a_bad_index_fails_before_starting_a_session(tmp_path):
    bad = tmp_path / "index.db"
    bad.write_text("not an index")
    store = tmp_path / "sessions.db"
    result = runner.invoke(
        app, ["chat", "--index", str(bad), "--db-path", str(store), "books printed in Venice"]
    )
    one_line_error(result, "cannot read the index", "rebuild it with `colophon index")
    assert not store.exists()


def index_that_fails_a_search(tmp_path: Path, demo_index: Path) -> Path:
    """An index whose words load but whose imprints table is gone: a search fails midway."""
    index = tmp_path / "index.db"
    shutil.copy(demo_index, index)
    with closing(sqlite3.connect(index)) as conn:
        conn.execute("DROP TABLE imprints")
        conn.commit()
    return index


@pytest.mark.parametrize("one_shot", [True, False], ids=["one message", "at the prompt"])
def test_chat_with_an_index_that_fails_a_turn_leaves_no_empty_session(
    tmp_path, demo_index, one_shot
):
    index, store = index_that_fails_a_search(tmp_path, demo_index), tmp_path / "sessions.db"
    args = ["chat", "--index", str(index), "--db-path", str(store)]
    for _ in range(3):
        if one_shot:
            result = runner.invoke(app, [*args, "books printed in Venice"])
        else:
            result = runner.invoke(app, args, input="books printed in Venice\n")
        *said, error = result.stderr.strip().splitlines()
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert said[-1].startswith("New session") and error == (
            f"Error: cannot query the index {index}: no such table: imprints; rebuild it with"
            f" `colophon index <marc files> --db {index}`"
        )
    with SessionStore(store) as opened:
        assert opened.stats()["active_sessions"] == 0


def test_chat_in_a_session_of_yours_keeps_it_when_the_index_fails(tmp_path, demo_index):
    index, store = index_that_fails_a_search(tmp_path, demo_index), tmp_path / "sessions.db"
    with SessionStore(store) as opened:
        session_id = opened.create_session(user_id="alice").session_id
    args = ["chat", "--index", str(index), "--db-path", str(store), "--session-id", session_id]
    result = runner.invoke(app, [*args, "--user-id", "alice", "books printed in Venice"])
    assert result.exit_code == 1 and "no such table: imprints" in result.stderr
    with SessionStore(store) as opened:
        assert opened.list_user_sessions("alice") == [session_id]


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["query", "venice", "--limit", "1e10"], "--limit"),
        (["query", "venice", "--limit", "10000000000"], "--limit"),
        (["query", "venice", "--offset", "100000000000000000000"], "--offset"),
        (["chat-cleanup", "--max-age-hours", "inf"], "--max-age-hours"),
        (["chat-cleanup", "--max-age-hours", "nan"], "--max-age-hours"),
        (["chat-cleanup", "--purge-days", "1e10"], "--purge-days"),
        (["token", "--user", "alice", "--hours", "inf"], "--hours"),
        (["token", "--user", "alice", "--hours", "1e10"], "--hours"),
        (["store-copy", "--from", "x.db", "--batch-size", "1e10"], "--batch-size"),
        (["query", "venice", "--limit", "-5"], "--limit"),
        (["query", "venice", "--limit", "nan"], "--limit"),
        (["query", "venice", "--offset", "-1"], "--offset"),
        (["chat-cleanup", "--max-age-hours", "-1"], "--max-age-hours"),
        (["chat-cleanup", "--max-age-hours", "1e309"], "--max-age-hours"),
        (["chat-cleanup", "--purge-days", "-inf"], "--purge-days"),
        (["chat-cleanup", "--purge-days", "nan"], "--purge-days"),
        (["token", "--user", "alice", "--hours", "-2"], "--hours"),
        (["token", "--user", "alice", "--hours", "nan"], "--hours"),
        (["store-copy", "--from", "x.db", "--batch-size", "-1"], "--batch-size"),
        (["serve", "--port", "-1"], "--port"),
        (["serve", "--port", "1e10"], "--port"),
        (["serve", "--port", "80.5"], "--port"),
        (["serve", "--workers", "0"], "--workers"),
        (["serve", "--workers", "inf"], "--workers"),
    ],
)
def test_numbers_out_of_range_are_usage_errors(tmp_path, monkeypatch, args, option):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLOPHON_JWT_SECRET", SECRET)
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert option in result.output and "Invalid value" in result.output


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("COLOPHON_STORE_URL", "mysql://db/sessions"),
        ("COLOPHON_STORE_URL", " "),
        ("COLOPHON_PG_POOL_SIZE", "lots"),
        ("COLOPHON_PG_POOL_SIZE", "0"),
        ("COLOPHON_LOG_LEVEL", "LOUD"),
        ("COLOPHON_MAX_MESSAGE_CHARS", "-1"),
        ("COLOPHON_LOG_JSON", "perhaps"),
    ],
)
@pytest.mark.parametrize("command", [*COMMANDS, "query", "record", "index", "token"])
def test_a_bad_setting_names_the_variable(
    tmp_path, monkeypatch, demo_index, variable, value, command
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(variable, value)
    result = runner.invoke(app, every_command_line(command, tmp_path, demo_index))
    one_line_error(result, variable)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [*COMMANDS, "query", "record", "index", "token"])
def test_an_argument_that_is_not_utf8_is_one_line_whatever_the_command(
    tmp_path, monkeypatch, demo_index, command
):
    """As Python keeps the bytes of an argument that is not UTF-8: as lone surrogates."""
    monkeypatch.chdir(tmp_path)
    args = every_command_line(command, tmp_path, demo_index)
    args[-1] += b" \xff\xfe".decode("utf-8", "surrogateescape")
    monkeypatch.setattr(sys, "argv", ["colophon", *args])
    result = runner.invoke(app, args)
    one_line_error(result, f"argument {len(args)} is not valid UTF-8")
    assert list(tmp_path.iterdir()) == []


def test_an_argument_that_is_not_utf8_is_one_line(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "query",
            b"books \xff\xfe printed".decode("utf-8", "surrogateescape"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "Error: argument 2 is not valid UTF-8; retype it or fix the terminal's encoding"
    )


def test_a_blank_chat_message_is_refused_before_a_session_starts(tmp_path, demo_index):
    store = tmp_path / "sessions.db"
    args = ["chat", "--index", str(demo_index), "--db-path", str(store), "  \n "]
    one_line_error(runner.invoke(app, args), "the message is empty")
    assert not store.exists()


def test_chat_history_prints_no_terminal_control_sequences(tmp_path):
    location = tmp_path / "sessions.db"
    with SessionStore(location) as store:
        session = store.create_session(user_id="\x1b[2Jmallory")
        store.add_message(
            session.session_id,
            Message(role="user", content="books\x1b]0;owned\x07 printed\x1b[31m in Venice\x9b"),
        )
    result = runner.invoke(app, ["chat-history", session.session_id, "--db-path", str(location)])
    assert result.exit_code == 0
    assert (
        "\x1b" not in result.stdout and "\x07" not in result.stdout and "\x9b" not in result.stdout
    )
    assert "books]0;owned printed[31m in Venice" in result.stdout
    exact = runner.invoke(
        app, ["chat-history", session.session_id, "--db-path", str(location), "--json"]
    )
    assert "\\u001b]0;owned" in exact.stdout  # JSON keeps the text exactly, escaped


def with_a_bad_row(path: Path, statement: str) -> str:
    """A store holding one search turn, then ``statement`` run on it; the session's id."""
    with SessionStore(path) as store:
        session = store.create_session()
        store.add_turn(
            session.session_id,
            [
                Message(role="user", content="Oxford", query_plan=oxford_latin_plan()),
                Message(role="assistant", content="found", candidate_set=result_page()),
            ],
        )
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(statement)
    return session.session_id


BAD_ROWS = {
    "a plan that is not JSON": (
        "UPDATE chat_messages SET query_plan = 'filters: Oxford' WHERE role = 'user'",
        "chat_messages row 1",
    ),
    "results that do not decompress": (
        "UPDATE chat_messages SET candidate_set = x'00ff00' WHERE role = 'assistant'",
        "chat_messages row 2",
    ),
    "a message time that is not a time": (
        "UPDATE chat_messages SET timestamp = 'yesterday'",
        "chat_messages row 1",
    ),
    "a context that is not JSON": ("UPDATE chat_sessions SET context = '{turn'", "chat_sessions"),
}
SESSION_COMMANDS = {
    "chat-history": ["chat-history", "{id}"],
    "chat-history --json": ["chat-history", "{id}", "--json"],
    "chat-history --format markdown": ["chat-history", "{id}", "--format", "markdown"],
    "chat-history --format json": ["chat-history", "{id}", "--format", "json"],
    "chat": ["chat", "--session-id", "{id}", "--index", "{index}", "only those in Latin"],
    "query --session-id": [
        "query",
        "only those in Latin",
        "--session-id",
        "{id}",
        "--db",
        "{index}",
        "--session-db-path",
        "{store}",
    ],  # fmt: skip
}
# Which commands read which value: the context only by a turn, the plans only by a history.
READS = {
    "a plan that is not JSON": [c for c in SESSION_COMMANDS if c.startswith("chat-history")],
    "results that do not decompress": [c for c in SESSION_COMMANDS if c.startswith("chat-")],
    "a message time that is not a time": [c for c in SESSION_COMMANDS if c != "query --session-id"],
    "a context that is not JSON": list(SESSION_COMMANDS),
}


@pytest.mark.parametrize(
    ("bad", "command"), [(bad, command) for bad, commands in READS.items() for command in commands]
)
def test_a_row_that_cannot_be_read_is_one_line(tmp_path, demo_index, bad, command):
    statement, names = BAD_ROWS[bad]
    store = tmp_path / "sessions.db"
    session_id = with_a_bad_row(store, statement)
    values = {"{id}": session_id, "{index}": str(demo_index), "{store}": str(store)}
    args = [values.get(arg, arg) for arg in SESSION_COMMANDS[command]]
    if "--session-db-path" not in args:
        args += ["--db-path", str(store)]
    result = runner.invoke(app, args)
    one_line_error(result, "holds a row that cannot be read", names, "restore the store")
    assert "Oxford" not in result.stdout
