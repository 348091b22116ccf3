"""Copying a SQLite store into PostgreSQL: everything arrives intact, once."""

import sqlite3
from contextlib import closing
from datetime import UTC

import psycopg
import pytest

from scripts.chat import CorruptRowError, Message, SessionStore
from scripts.chat.store_copy import copy_store
from tests.scripts.chat.histories import build_sqlite_history

pytestmark = pytest.mark.postgres


@pytest.fixture
def source(tmp_path) -> str:
    return str(tmp_path / "sessions.db")


def test_copied_sessions_read_back_identical(source, pg_location):
    ids = build_sqlite_history(source)
    report = copy_store(f"sqlite:///{source}", pg_location)
    assert report.complete
    assert (report.copied_sessions, report.copied_messages) == (len(ids), 6 * 3 * 2 + 1)
    with SessionStore(source) as old, SessionStore(pg_location) as new:
        for session_id in ids[:-1]:
            assert new.get_session(session_id) == old.get_session(session_id)
        # An older Colophon wrote naive times, meaning UTC; SQLite hands this one back naive.
        (old_message,) = old.get_session("old").messages
        (new_message,) = new.get_session("old").messages
        assert new_message.timestamp == old_message.timestamp.replace(tzinfo=UTC)
        for reader in ("reader-0", "reader-1", "reader-2"):
            assert new.list_user_sessions(reader, include_expired=True) == old.list_user_sessions(
                reader, include_expired=True
            )
        assert new.stats() | {"database_bytes": 0} == old.stats() | {"database_bytes": 0}
        assert new.get_session("old").messages[0].query_plan.filters[0].value == "lat"


def test_rerun_copies_nothing_and_still_checks_everything(source, pg_location):
    build_sqlite_history(source)
    first = copy_store(source, pg_location)
    again = copy_store(source, pg_location)
    assert (again.copied_sessions, again.copied_messages) == (0, 0)
    assert (again.present_sessions, again.present_messages) == (
        first.source_sessions,
        first.source_messages,
    )
    assert again.complete


def test_rerun_after_an_interruption_copies_only_what_is_missing(source, pg_location):
    build_sqlite_history(source)
    copy_store(source, pg_location)
    with psycopg.connect(pg_location, autocommit=True) as conn:
        conn.execute("DELETE FROM chat_messages WHERE id % 3 = 0")
        (missing,) = conn.execute("SELECT 37 - count(*) FROM chat_messages").fetchone()
    report = copy_store(source, pg_location)
    assert (report.copied_sessions, report.copied_messages) == (0, missing) and report.complete


def test_messages_written_after_the_copy_follow_the_copied_ones(source, pg_location):
    ids = build_sqlite_history(source)
    copy_store(source, pg_location)
    with SessionStore(pg_location) as store:
        added = store.add_message(ids[0], Message(role="user", content="and in Latin?"))
        messages = store.get_session(ids[0]).messages
    assert messages[-1].content == "and in Latin?"
    assert added.message_id > 6 * 3 * 2 + 1  # past every copied id, not only this session's


def test_batches_report_progress_up_to_the_totals(source, pg_location):
    build_sqlite_history(source, sessions=3, turns=2)
    calls = []
    copy_store(source, pg_location, lambda *call: calls.append(call), batch_size=2)
    assert calls == [
        ("sessions", 2, 4),
        ("sessions", 4, 4),
        *[("messages", done, 13) for done in (2, 4, 6, 8, 10, 12, 13)],
    ]


def test_rows_the_target_drops_make_the_copy_incomplete(source, pg_location):
    build_sqlite_history(source)
    SessionStore(pg_location).close()
    with psycopg.connect(pg_location, autocommit=True) as conn:
        conn.execute(
            "CREATE FUNCTION drop_hello() RETURNS trigger LANGUAGE plpgsql AS"
            " $$ BEGIN IF NEW.content = 'hello' THEN RETURN NULL; END IF; RETURN NEW; END $$;"
            " CREATE TRIGGER drop_hello BEFORE INSERT ON chat_messages"
            " FOR EACH ROW EXECUTE FUNCTION drop_hello();"
        )
    report = copy_store(source, pg_location)
    assert not report.complete
    assert report.present_messages == report.source_messages - 1


def test_corrupt_source_payload_stops_the_copy_naming_the_row(source, pg_location):
    build_sqlite_history(source)
    with closing(sqlite3.connect(source)) as conn, conn:
        conn.execute("UPDATE chat_messages SET candidate_set = x'00ff' WHERE id = 4")
    with pytest.raises(CorruptRowError, match="row 4"):
        copy_store(source, pg_location)


@pytest.mark.parametrize(
    ("source", "target", "error", "match"),
    [
        ("missing.db", "postgresql://x@127.0.0.1/x", FileNotFoundError, "no session database"),
        ("postgresql://x@h/x", "postgresql://x@127.0.0.1/x", ValueError, "must be a SQLite"),
        ("s.db", "other.db", ValueError, "must be a PostgreSQL"),
    ],
)
def test_wrong_locations_are_refused_before_anything_is_written(
    tmp_path, monkeypatch, source, target, error, match
):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(error, match=match):
        copy_store(source, target)
    assert list(tmp_path.iterdir()) == []
