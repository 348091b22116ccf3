"""The plan's session commands, run through the real Typer app against a real database."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from scripts.chat import ChatSession, Message, SessionStore

runner = CliRunner()


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "chat" / "sessions.db")


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_chat_init_creates_a_session_and_says_its_id(db):
    result = invoke("chat-init", "--db-path", db, "--user-id", "alice")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Created session: ")
    assert lines[1:] == ["User: alice", f"Database: {db}"]
    session_id = lines[0].removeprefix("Created session: ")
    with SessionStore(db) as store:
        assert store.get_session(session_id).user_id == "alice"


def test_chat_init_announces_a_new_database_file(db):
    assert f"Created session database {db}" in invoke("chat-init", "--db-path", db).stderr
    assert "Created session database" not in invoke("chat-init", "--db-path", db).stderr


def test_chat_init_json_prints_the_session(db):
    result = invoke("chat-init", "--db-path", db, "--json")
    session = ChatSession.model_validate_json(result.stdout)
    assert session.user_id is None and session.messages == []


def test_default_database_is_data_chat_sessions_db(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("chat-init").exit_code == 0
    assert (tmp_path / "data" / "chat" / "sessions.db").exists()


def _session_with_messages(db: str, page) -> str:
    with SessionStore(db) as store:
        session = store.create_session(user_id="alice")
        store.add_message(
            session.session_id, Message(role="user", content="books printed in Leiden")
        )
        store.add_message(
            session.session_id,
            Message(role="assistant", content="Found 37 books.", candidate_set=page),
        )
    return session.session_id


def test_chat_history_shows_messages_in_order(db, page):
    session_id = _session_with_messages(db, page)
    result = invoke("chat-history", session_id, "--db-path", db)
    assert result.exit_code == 0
    out = result.stdout
    assert f"Session: {session_id}" in out and "Messages: 2" in out and "Status: active" in out
    assert out.index("user: books printed in Leiden") < out.index("assistant: Found 37 books.")
    assert "results: 37" in out


def test_chat_history_shows_an_expired_sessions_history(db, page):
    session_id = _session_with_messages(db, page)
    with SessionStore(db) as store:
        store.expire_session(session_id)
        assert store.get_session(session_id) is None  # expired: only asked for explicitly
    result = invoke("chat-history", session_id, "--db-path", db)
    assert result.exit_code == 0, result.output
    assert "Status: expired" in result.stdout and "user: books printed in Leiden" in result.stdout


def test_chat_history_json_round_trips(db, page):
    session_id = _session_with_messages(db, page)
    session = ChatSession.model_validate_json(
        invoke("chat-history", session_id, "--db-path", db, "--json").stdout
    )
    assert [m.role for m in session.messages] == ["user", "assistant"]
    assert session.messages[1].candidate_set.total_count == 37


def test_chat_history_as_markdown_reads_as_the_conversation(db, page):
    session_id = _session_with_messages(db, page)
    result = invoke("chat-history", session_id, "--db-path", db, "--format", "markdown")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "# Conversation" and lines[2].endswith("· 2 messages")
    assert "books printed in Leiden  " in lines and "Found 37 books\\.  " in lines
    assert "[Opera omnia, volume 0](/records/990000)" in result.stdout


def test_chat_history_as_json_is_the_transcript(db, page):
    session_id = _session_with_messages(db, page)
    result = invoke("chat-history", session_id, "--db-path", db, "--format", "json")
    document = json.loads(result.stdout)
    assert [m["role"] for m in document["messages"]] == ["user", "assistant"]
    assert document["messages"][1]["results"]["found"] == 37


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--format", "pdf"], "unknown format 'pdf': use one of text, markdown, json"),
        (["--format", "json", "--json"], "give --json or --format, not both"),
    ],
)
def test_chat_history_refuses_unknown_or_clashing_formats(db, page, args, says):
    session_id = _session_with_messages(db, page)
    result = invoke("chat-history", session_id, "--db-path", db, *args)
    assert result.exit_code == 1 and says in result.stderr


def test_chat_history_of_unknown_session_fails_clearly(db):
    invoke("chat-init", "--db-path", db)
    result = invoke("chat-history", "nope", "--db-path", db)
    assert result.exit_code == 1
    assert "Session 'nope' not found" in result.stderr and "Traceback" not in result.output


def test_chat_history_without_a_database_does_not_create_one(db):
    result = invoke("chat-history", "nope", "--db-path", db)
    assert result.exit_code == 1 and "no session database" in result.stderr
    assert not Path(db).exists()


def test_chat_cleanup_expires_idle_sessions(db):
    invoke("chat-init", "--db-path", db)
    kept = invoke("chat-cleanup", "--db-path", db)
    assert kept.exit_code == 0 and kept.stdout == "Expired 0 sessions older than 24 hours\n"
    expired = invoke("chat-cleanup", "--db-path", db, "--max-age-hours", "0")
    assert expired.stdout == "Expired 1 sessions older than 0 hours\n"
    with SessionStore(db) as store:
        assert store.stats()["expired_sessions"] == 1


def test_chat_cleanup_purges_long_expired_sessions(db):
    invoke("chat-init", "--db-path", db)
    result = invoke("chat-cleanup", "--db-path", db, "--max-age-hours", "0", "--purge-days", "0")
    assert "Deleted 1 sessions expired more than 0 days ago" in result.stdout
    with SessionStore(db) as store:
        assert store.stats()["expired_sessions"] == 0


def test_chat_cleanup_rejects_negative_age(db):
    result = invoke("chat-cleanup", "--db-path", db, "--max-age-hours", "-1")
    assert result.exit_code == 2


def test_help_lists_the_session_commands():
    result = invoke("--help")
    for command in ("chat-init", "chat-history", "chat-cleanup"):
        assert command in result.stdout
