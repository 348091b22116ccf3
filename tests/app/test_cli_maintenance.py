"""stats, backup and migrate through the real Typer app."""

import json
import sqlite3
import threading
from contextlib import closing

import pytest
from typer.testing import CliRunner

from app.cli import app
from scripts.chat import Message, SessionStore
from scripts.chat.migrate_sessions import LATEST_VERSION
from tests.scripts.chat.test_migrations import build_at_version

runner = CliRunner()


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "sessions.db")
    with SessionStore(path) as store:
        active = store.create_session(user_id="alice")
        store.add_message(
            active.session_id, Message(role="user", content="books printed in Venice")
        )
        store.expire_session(store.create_session().session_id)
    return path


def test_stats_counts_sessions_and_messages(db):
    result = runner.invoke(app, ["stats", "--db-path", db])
    assert result.exit_code == 0
    assert "Active sessions: 1\nExpired sessions: 1\nMessages: 1\n" in result.stdout


def test_stats_json(db):
    counts = json.loads(runner.invoke(app, ["stats", "--db-path", db, "--json"]).stdout)
    assert (
        counts["active_sessions"] == 1 and counts["messages"] == 1 and counts["database_bytes"] > 0
    )


def test_backup_while_writers_run_is_consistent(db, tmp_path):
    stop = threading.Event()

    def write() -> None:
        with SessionStore(db) as store:
            session = store.create_session()
            while not stop.is_set():
                store.add_message(session.session_id, Message(role="user", content="still writing"))

    writer = threading.Thread(target=write)
    writer.start()
    try:
        copies = [tmp_path / f"backup-{i}.db" for i in range(3)]
        for copy in copies:
            result = runner.invoke(app, ["backup", str(copy), "--db-path", db])
            assert result.exit_code == 0 and f"to {copy}" in result.stdout
    finally:
        stop.set()
        writer.join()
    counts = []
    for copy in copies:
        with closing(sqlite3.connect(copy)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            counts.append(conn.execute("SELECT count(*) FROM chat_messages").fetchone()[0])
    assert counts == sorted(counts)
    with SessionStore(copies[-1]) as restored:
        assert restored.stats()["messages"] == counts[-1]


def test_backup_refuses_to_overwrite(db, tmp_path):
    existing = tmp_path / "existing.db"
    existing.write_text("keep me")
    result = runner.invoke(app, ["backup", str(existing), "--db-path", db])
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert existing.read_text() == "keep me"


def test_migrate_upgrades_an_old_database_and_reruns(tmp_path):
    path = tmp_path / "old.db"
    build_at_version(path, 1)
    first = runner.invoke(app, ["migrate", "--db-path", str(path)])
    assert first.exit_code == 0 and f"Schema version: 1 -> {LATEST_VERSION}" in first.stdout
    again = runner.invoke(app, ["migrate", "--db-path", str(path)])
    assert again.stdout == f"Schema is up to date.\nSchema version: {LATEST_VERSION}\n"


def test_migrate_without_a_database_fails_clearly(tmp_path):
    result = runner.invoke(app, ["migrate", "--db-path", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no session database" in result.stderr
