"""Schema upgrades: from an empty file, from every older version, and concurrently."""

import json
import shutil
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing

import pytest

from scripts.chat import SessionStore
from scripts.chat.migrate_sessions import (
    LATEST_VERSION,
    MIGRATIONS,
    NotASessionStoreError,
    SchemaTooNewError,
    _statements,
    main,
    migrate,
)


def indexes(path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            )
        }


def version(path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def build_at_version(path, target: int) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        for step in MIGRATIONS[:target]:
            for statement in _statements(step.sql):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {target}")


def test_new_database_gets_the_latest_schema(tmp_path):
    SessionStore(tmp_path / "s.db").close()
    assert version(tmp_path / "s.db") == LATEST_VERSION
    assert {"idx_sessions_user_updated", "idx_sessions_expired", "idx_messages_session"} <= indexes(
        tmp_path / "s.db"
    )


@pytest.mark.parametrize("start", range(1, LATEST_VERSION))
def test_older_database_is_upgraded_on_open_and_keeps_its_data(tmp_path, start):
    path = tmp_path / "s.db"
    build_at_version(path, start)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(
            "INSERT INTO chat_sessions VALUES ('old', 'alice', '2024-01-01T00:00:00', '2024-01-01T00:00:00',"
            " '{\"k\": 1}', '{}', NULL)"
        )
        conn.execute(
            "INSERT INTO chat_messages (session_id, role, content, query_plan, timestamp)"
            " VALUES ('old', 'user', 'hello', ?, '2024-01-01T00:00:00')",
            (json.dumps({"filters": [{"field": "language", "op": "EQUALS", "value": "lat"}]}),),
        )
    with SessionStore(path) as store:
        session = store.get_session("old")
    assert version(path) == LATEST_VERSION
    assert "idx_sessions_user" not in indexes(path)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM chat_shares").fetchone() == (0,)
    assert session.context == {"k": 1} and session.created_at.tzinfo is not None
    assert session.messages[0].timestamp.tzinfo is not None  # old rows hold naive UTC times
    assert session.messages[0].query_plan.filters[0].value == "lat"


def test_migrate_is_safe_to_rerun(tmp_path):
    with closing(sqlite3.connect(tmp_path / "s.db", isolation_level=None)) as conn:
        assert migrate(conn) == [m.name for m in MIGRATIONS]
        assert migrate(conn) == []


def test_failed_step_leaves_the_previous_version(tmp_path, monkeypatch):
    from scripts.chat import migrate_sessions

    broken = (
        *MIGRATIONS,
        migrate_sessions.Migration(LATEST_VERSION + 1, "broken", "CREATE TABLE t(x); SELECT nope;"),
    )
    monkeypatch.setattr(migrate_sessions, "MIGRATIONS", broken)
    monkeypatch.setattr(migrate_sessions, "LATEST_VERSION", LATEST_VERSION + 1)
    with closing(sqlite3.connect(tmp_path / "s.db", isolation_level=None)) as conn:
        with pytest.raises(sqlite3.OperationalError):
            migrate_sessions.migrate(conn)
        assert conn.execute("PRAGMA user_version").fetchone() == (LATEST_VERSION,)
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 't'").fetchone() == (
            0,
        )


def test_newer_schema_is_refused_with_a_clear_error(tmp_path):
    SessionStore(tmp_path / "s.db").close()
    with closing(sqlite3.connect(tmp_path / "s.db")) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    with pytest.raises(SchemaTooNewError, match="upgrade Colophon"):
        SessionStore(tmp_path / "s.db")


def _open(path: str) -> int:
    SessionStore(path).close()
    return version(path)


def test_processes_opening_a_new_database_at_once_migrate_it_once(tmp_path):
    path = str(tmp_path / "s.db")
    with ProcessPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(_open, [path] * 8)) == [LATEST_VERSION] * 8


def test_migrate_command_reports_and_reruns(tmp_path, capsys):
    path = tmp_path / "s.db"
    build_at_version(path, 1)
    assert main(["--db-path", str(path)]) == 0
    assert "Applied: index_sessions_by_user_recency_and_expiry" in capsys.readouterr().out
    assert main(["--db-path", str(path)]) == 0
    assert "Schema is up to date." in capsys.readouterr().out


def test_migrate_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(SystemExit):
        main(["--db-path", str(tmp_path / "missing.db")])


def test_another_programs_database_is_refused_and_left_as_it_was(tmp_path, demo_index):
    other = tmp_path / "notes.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.commit()
    for path in (other, shutil.copy(demo_index, tmp_path / "index.db")):
        before = path.read_bytes()
        with pytest.raises(NotASessionStoreError, match="not a Colophon session store"):
            SessionStore(path)
        with closing(sqlite3.connect(path)) as conn, pytest.raises(NotASessionStoreError):
            migrate(conn)
        assert path.read_bytes() == before  # not even switched to WAL


def test_a_store_from_before_versions_were_recorded_is_still_upgraded(tmp_path):
    path = tmp_path / "sessions.db"
    with closing(sqlite3.connect(path)) as conn:  # its tables, at user_version 0
        conn.executescript(MIGRATIONS[0].sql)
    with SessionStore(path) as store:
        assert store.create_session().session_id
