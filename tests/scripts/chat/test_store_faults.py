"""A store that cannot be used raises StoreUnavailableError, one exception for every backend
and every cause (unreachable, read-only, full, damaged), saying why without a path."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3

import pytest

from scripts.chat import Message, SessionStore, StoreUnavailableError, sqlite_store
from tests.faults import (
    UNREACHABLE_PG,
    damage,
    fill,
    mounted_read_only,
    populated,
    read_only,
    refuse_writes,
    small_disk,
    writable_again,
)


def user(text: str = "books printed in Venice") -> Message:
    return Message(role="user", content=text)


def test_a_healthy_store_passes_its_checks(store):
    store.check()
    store.check(thorough=True)
    assert store.create_session().session_id  # the probe left the store as it was


def test_a_directory_where_the_file_should_be_is_unavailable(tmp_path):
    (tmp_path / "sessions.db").mkdir()
    with pytest.raises(StoreUnavailableError, match="unable to open") as raised:
        SessionStore(tmp_path / "sessions.db")
    assert isinstance(raised.value, ConnectionError) and str(tmp_path) not in str(raised.value)


def test_a_file_that_is_not_a_database_is_unavailable(tmp_path):
    (tmp_path / "sessions.db").write_bytes(b"\x00garbage" * 1000)
    with pytest.raises(StoreUnavailableError, match="not a database"):
        SessionStore(tmp_path / "sessions.db")


def test_a_damaged_file_fails_the_thorough_check_and_every_call(tmp_path):
    path = tmp_path / "sessions.db"
    populated(path)
    with SessionStore(path) as store:
        damage(path)
        store.check()  # it can still take the write lock: only the thorough check reads pages
        with pytest.raises(StoreUnavailableError) as raised:
            store.check(thorough=True)
        assert str(path) not in str(raised.value)
        with pytest.raises(StoreUnavailableError, match="malformed"):
            store.list_user_sessions("alice")


def test_once_damage_is_seen_the_store_refuses_all_work_until_reopened(tmp_path):
    path = tmp_path / "sessions.db"
    populated(path)
    shutil.copy(path, tmp_path / "good.db")
    with SessionStore(path) as store:
        damage(path)
        with pytest.raises(StoreUnavailableError, match="malformed"):
            store.stats()
        shutil.copy(tmp_path / "good.db", path)  # even were the damage undone behind its back
        with pytest.raises(StoreUnavailableError, match="malformed"):
            store.create_session(user_id="alice")
    with SessionStore(path) as reopened:
        assert reopened.create_session(user_id="alice")


def test_a_full_disk_is_unavailable_and_passes_when_space_returns(tmp_path):
    with SessionStore(tmp_path / "sessions.db") as store:
        session = store.create_session()
        writer = store._connection("writer")  # SQLite's own way to stop a file growing
        (pages,) = writer.execute("PRAGMA page_count").fetchone()
        writer.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreUnavailableError, match="full"):
            for i in range(100):
                store.add_message(session.session_id, user("Venice " * 500 + str(i)))
        writer.execute("PRAGMA max_page_count = 1073741823")
        store.add_message(session.session_id, user())


def test_a_read_only_file_fails_the_check_and_writes(tmp_path):
    path = tmp_path / "sessions.db"
    populated(path, sessions=2)
    read_only(path)
    try:
        with SessionStore(path) as store:
            with pytest.raises(StoreUnavailableError, match="readonly"):
                store.check()
            with pytest.raises(StoreUnavailableError, match="readonly"):
                store.create_session()
    except StoreUnavailableError as exc:  # or it cannot even be opened without its WAL files
        assert "unable to open" in str(exc)
    finally:
        writable_again(path)


def test_lock_contention_held_past_every_retry_is_unavailable(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlite_store, "BUSY_TIMEOUT_MS", 20)
    monkeypatch.setattr(sqlite_store, "RETRIES", 2)
    path = tmp_path / "sessions.db"
    with SessionStore(path) as store:
        blocker = sqlite3.connect(path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreUnavailableError, match="locked"):
                store.check()
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        store.check()


def test_an_unreachable_postgres_server_is_unavailable_naming_it():
    with pytest.raises(StoreUnavailableError, match="127.0.0.1:9") as raised:
        SessionStore(UNREACHABLE_PG)
    assert isinstance(raised.value, ConnectionError)


@pytest.mark.postgres
def test_a_postgres_database_that_refuses_writes_is_unavailable(pg_location):
    with SessionStore(pg_location, max_size=2) as store:
        session = store.create_session(user_id="alice")
        refuse_writes(pg_location)
        with pytest.raises(StoreUnavailableError, match="read-only"):
            store.check()
        with pytest.raises(StoreUnavailableError, match="read-only"):
            store.add_message(session.session_id, user())
        assert store.get_session(session.session_id).messages == []  # reads still work


def open_files_under(folder) -> list[str]:
    found = []
    for descriptor in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            target = os.readlink(f"/proc/self/fd/{descriptor}")
            if target.startswith(str(folder)):
                found.append(target)
    return found


def test_a_full_file_system_fails_the_check_and_writes_but_not_reads(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        populated(disk / "sessions.db", sessions=2)
        with SessionStore(disk / "sessions.db") as store:
            (session_id,) = store.list_user_sessions("alice")[:1]
            fill(disk)
            with pytest.raises(StoreUnavailableError, match="disk is full") as raised:
                store.check()  # though a write rolled back never reaches the disk
            assert str(disk) not in str(raised.value) and raised.value.where == str(
                disk / "sessions.db"
            )
            with pytest.raises(StoreUnavailableError, match="disk is full"):
                store.add_message(session_id, user("Venice " * 500))
            assert len(store.get_session(session_id).messages) == 1
            (disk / "filler").unlink()
            store.check()
            store.add_message(session_id, user())


def test_a_store_that_cannot_open_on_a_full_disk_says_so_and_holds_no_file(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        populated(disk / "sessions.db", sessions=2)  # closed: its WAL files are gone
        fill(disk)
        with pytest.raises(StoreUnavailableError, match="disk is full"):
            SessionStore(disk / "sessions.db")
        assert open_files_under(disk) == []


def test_a_read_only_file_system_fails_the_check_even_with_its_wal_files_there(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        populated(disk / "sessions.db", sessions=2)
        for suffix in ("-wal", "-shm"):  # left by a server that was stopped hard
            (disk / f"sessions.db{suffix}").touch()
        mounted_read_only(disk)
        with SessionStore(disk / "sessions.db") as store:  # SQLite opens it read-only
            assert store.stats()["active_sessions"] == 2
            with pytest.raises(StoreUnavailableError, match="readonly"):
                store.check()
            with pytest.raises(StoreUnavailableError, match="readonly"):
                store.create_session()
