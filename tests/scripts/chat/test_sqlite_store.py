"""What only the SQLite backend has: its file, pragmas, payload encoding and locations."""

import sqlite3
from contextlib import closing

import pytest

from scripts.chat import CorruptRowError, Message, SessionStore
from scripts.chat.sqlite_store import SqliteSessionStore
from tests.factories import result_page


@pytest.mark.parametrize("prefix", ["", "sqlite:///"])
def test_location_can_be_a_path_or_sqlite_url(tmp_path, prefix):
    with SessionStore(f"{prefix}{tmp_path / 'nested' / 'sessions.db'}") as store:
        assert isinstance(store, SqliteSessionStore)
    assert (tmp_path / "nested" / "sessions.db").exists()


def test_unknown_url_scheme_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unsupported session store location"):
        SessionStore("mysql://localhost/db")


def test_synchronous_must_be_normal_or_full(tmp_path):
    with pytest.raises(ValueError, match="synchronous"):
        SessionStore(tmp_path / "s.db", synchronous="OFF")
    with SessionStore(tmp_path / "s.db", synchronous="full") as store:
        assert store.create_session()


def test_every_connection_has_wal_and_foreign_keys(tmp_path):
    with SessionStore(tmp_path / "s.db") as store:
        store.create_session()
        for kind in ("writer", "reader"):
            conn = store._connection(kind)
            assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store._connection("reader").execute("DELETE FROM chat_sessions")


def test_foreign_keys_refuse_orphan_messages(tmp_path):
    with SessionStore(tmp_path / "s.db") as store, pytest.raises(sqlite3.IntegrityError):
        store._connection("writer").execute(
            "INSERT INTO chat_messages (session_id, role, content, timestamp) VALUES ('ghost', 'user', 'x', 'now')"
        )


def test_long_payloads_are_compressed_and_short_ones_stay_json(tmp_path, plan):
    with SessionStore(tmp_path / "s.db") as store:
        session = store.create_session()
        store.add_message(session.session_id, Message(role="user", content="q", query_plan=plan))
        store.add_message(
            session.session_id, Message(role="assistant", content="a", candidate_set=result_page())
        )
    with closing(sqlite3.connect(tmp_path / "s.db")) as conn:
        kinds = conn.execute(
            "SELECT typeof(query_plan), typeof(candidate_set) FROM chat_messages ORDER BY id"
        ).fetchall()
    assert kinds == [("text", "null"), ("null", "blob")]


def test_twenty_turn_session_with_result_pages_stays_under_20_kb(tmp_path):
    with SessionStore(tmp_path / "s.db") as store:
        for _ in range(50):
            session = store.create_session(user_id="reader")
            for turn in range(10):
                store.add_turn(
                    session.session_id,
                    [
                        Message(role="user", content=f"books printed in Leiden, page {turn}"),
                        Message(
                            role="assistant", content="Found 37 books.", candidate_set=result_page()
                        ),
                    ],
                )
    with closing(sqlite3.connect(tmp_path / "s.db")) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (page_count,) = conn.execute("PRAGMA page_count").fetchone()
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    assert page_count * page_size / 50 < 20_000


def test_corrupt_payload_is_an_error_naming_the_row(tmp_path):
    with SessionStore(tmp_path / "s.db") as store:
        session = store.create_session()
        stored = store.add_message(
            session.session_id, Message(role="assistant", content="a", candidate_set=result_page())
        )
        store._connection("writer").execute(
            "UPDATE chat_messages SET candidate_set = x'00ff' WHERE id = ?", (stored.message_id,)
        )
        (loaded,) = store.get_session(session.session_id).messages
        for _ in range(2):  # the error stays until the row is mended
            with pytest.raises(CorruptRowError, match=f"row {stored.message_id}"):
                loaded.candidate_set  # noqa: B018 - the access is the test


def test_store_is_usable_in_a_forked_child(tmp_path):
    import multiprocessing

    with SessionStore(tmp_path / "s.db") as store:
        session = store.create_session()
        store.add_message(session.session_id, Message(role="user", content="parent"))
        child = multiprocessing.get_context("fork").Process(
            target=store.add_message,
            args=(session.session_id, Message(role="user", content="child")),
        )
        child.start()
        child.join()
        assert child.exitcode == 0
        assert [m.content for m in store.get_session(session.session_id).messages] == [
            "parent",
            "child",
        ]
