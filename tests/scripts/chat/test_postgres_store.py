"""What only the PostgreSQL backend has: its schema, migrations, locks, retries and types."""

import multiprocessing
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import UTC, datetime

import psycopg
import pytest
from psycopg import sql
from psycopg.errors import SerializationFailure, UniqueViolation

from scripts.chat import (
    CorruptRowError,
    Message,
    SessionStore,
    StoreUnavailableError,
    migrate_postgres,
)
from scripts.chat.migrate_postgres import (
    LATEST_VERSION,
    MIGRATIONS,
    Migration,
    SchemaTooNewError,
    main,
    migrate,
)
from scripts.chat.postgres_connections import RETRIES, safe_url
from scripts.chat.postgres_store import PostgresSessionStore
from tests.factories import result_page
from tests.scripts.chat import workers

pytestmark = pytest.mark.postgres


def user(text: str = "books printed in Leiden") -> Message:
    return Message(role="user", content=text)


def query(url: str, statement: str, params: tuple = ()) -> list[tuple]:
    """Run one statement on its own connection; its rows, if it returns any."""
    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def versions(url: str) -> list[tuple[int, str]]:
    return query(url, "SELECT version, name FROM colophon_schema_version ORDER BY version")


# ---------------------------------------------------------------- locations


@pytest.mark.parametrize("scheme", ["postgresql://", "postgres://"])
def test_postgres_urls_open_the_postgres_store(pg_location, scheme):
    location = scheme + pg_location.removeprefix("postgresql://")
    with SessionStore(location, max_size=2) as store:
        assert isinstance(store, PostgresSessionStore)
        assert store.create_session().session_id


def test_unreachable_server_is_a_connection_error_naming_it():
    with pytest.raises(ConnectionError, match="127.0.0.1:9"):
        SessionStore("postgresql://nobody@127.0.0.1:9/none")


def test_malformed_url_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match="invalid PostgreSQL location .*nosuchoption"):
        SessionStore("postgresql://x@127.0.0.1/db?nosuchoption=1")


def test_passwords_are_masked_in_messages():
    assert safe_url("postgresql://app:s3cret@db:5432/chat") == "postgresql://app:***@db:5432/chat"
    assert safe_url("postgresql://app@db/chat") == "postgresql://app@db/chat"


# ---------------------------------------------------------------- schema and migrations


def test_new_database_records_every_step_in_the_version_table(pg_location):
    SessionStore(pg_location).close()
    assert versions(pg_location) == [(m.version, m.name) for m in MIGRATIONS]
    applied = query(pg_location, "SELECT applied_at FROM colophon_schema_version")
    assert len(applied) == LATEST_VERSION and all(at.tzinfo is not None for (at,) in applied)


def test_migrate_is_safe_to_rerun_and_reopening_changes_nothing(pg_location):
    with psycopg.connect(pg_location, autocommit=True) as conn:
        assert migrate(conn) == [m.name for m in MIGRATIONS]
        assert migrate(conn) == []
    SessionStore(pg_location).close()
    assert len(versions(pg_location)) == LATEST_VERSION


def test_migrate_needs_an_autocommit_connection(pg_location):
    with psycopg.connect(pg_location) as conn, pytest.raises(ValueError, match="autocommit"):
        migrate(conn)


def _with_step(monkeypatch, step: Migration) -> None:
    monkeypatch.setattr(migrate_postgres, "MIGRATIONS", (*MIGRATIONS, step))
    monkeypatch.setattr(migrate_postgres, "LATEST_VERSION", step.version)


def test_older_database_is_upgraded_on_open_and_keeps_its_data(pg_location, monkeypatch):
    with SessionStore(pg_location) as store:
        session = store.create_session(user_id="alice")
        store.add_message(session.session_id, Message(role="user", content="kept"))
    step = Migration(LATEST_VERSION + 1, "add_title", "ALTER TABLE chat_sessions ADD title text;")
    _with_step(monkeypatch, step)
    with SessionStore(pg_location) as store:
        assert store.get_session(session.session_id).messages[0].content == "kept"
    assert versions(pg_location)[-1] == (step.version, "add_title")
    assert query(pg_location, "SELECT count(title) FROM chat_sessions") == [(0,)]


def test_failed_step_leaves_the_previous_version_and_nothing_of_itself(pg_location, monkeypatch):
    SessionStore(pg_location).close()
    _with_step(
        monkeypatch, Migration(LATEST_VERSION + 1, "broken", "CREATE TABLE t (x int); SELECT nope;")
    )
    with pytest.raises(psycopg.errors.UndefinedColumn):
        SessionStore(pg_location)
    assert len(versions(pg_location)) == LATEST_VERSION
    assert query(pg_location, "SELECT to_regclass('t')") == [(None,)]


def test_newer_schema_is_refused_with_a_clear_error(pg_location):
    SessionStore(pg_location).close()
    query(
        pg_location,
        "INSERT INTO colophon_schema_version VALUES (%s, 'future', now())",
        (LATEST_VERSION + 1,),
    )
    with pytest.raises(SchemaTooNewError, match="upgrade Colophon"):
        SessionStore(pg_location)


def test_stores_opening_a_new_database_at_once_migrate_it_once(pg_location, monkeypatch):
    # A slow step that fails if run twice widens the window in which the openers overlap.
    slow = Migration(
        LATEST_VERSION + 1, "slow", "SELECT pg_sleep(0.3); CREATE TABLE applied_once (x int);"
    )
    _with_step(monkeypatch, slow)
    start = threading.Barrier(8)

    def open_store(_: int) -> int:
        start.wait()
        with SessionStore(pg_location, max_size=1) as store:
            return store.stats()["messages"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(open_store, range(8))) == [0] * 8
    assert versions(pg_location) == [(m.version, m.name) for m in (*MIGRATIONS, slow)]


def _open(location: str) -> int:
    SessionStore(location, max_size=1).close()
    return len(versions(location))


def test_processes_opening_a_new_database_at_once_migrate_it_once(pg_location):
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=4, mp_context=context) as pool:
        assert list(pool.map(_open, [pg_location] * 8)) == [LATEST_VERSION] * 8


def test_up_to_date_read_only_database_opens_and_reads_but_refuses_writes(pg_location):
    with SessionStore(pg_location) as store:
        session_id = store.create_session().session_id
        store.add_message(session_id, user("kept"))
    with psycopg.connect(pg_location, autocommit=True) as conn:  # as a hot standby behaves
        name = sql.Identifier(conn.info.dbname)
        conn.execute(
            sql.SQL("ALTER DATABASE {} SET default_transaction_read_only = on").format(name)
        )
    with SessionStore(pg_location) as replica:
        assert [m.content for m in replica.get_session(session_id).messages] == ["kept"]
        with pytest.raises(StoreUnavailableError, match="read-only") as raised:
            replica.add_message(session_id, user("refused"))
        assert isinstance(raised.value.__cause__, psycopg.errors.ReadOnlySqlTransaction)


def test_migrate_command_reports_and_reruns(pg_location, capsys):
    assert main(["--url", pg_location]) == 0
    assert "Applied: create_sessions_and_messages" in capsys.readouterr().out
    assert main(["--url", pg_location]) == 0
    assert "Schema is up to date." in capsys.readouterr().out


def test_columns_are_jsonb_and_timestamptz(pg_location):
    SessionStore(pg_location).close()
    types = dict(
        ((table, column), kind)
        for table, column, kind in query(
            pg_location,
            "SELECT table_name, column_name, data_type FROM information_schema.columns"
            " WHERE table_name IN ('chat_sessions', 'chat_messages')",
        )
    )
    for column in ("context", "metadata"):
        assert types["chat_sessions", column] == "jsonb"
    for column in ("query_plan", "candidate_set"):
        assert types["chat_messages", column] == "jsonb"
    for column in ("created_at", "updated_at", "expired_at"):
        assert types["chat_sessions", column] == "timestamp with time zone"
    assert types["chat_messages", "timestamp"] == "timestamp with time zone"
    assert query(
        pg_location,
        "SELECT identity_generation FROM information_schema.columns"
        " WHERE table_name = 'chat_messages' AND column_name = 'id'",
    ) == [("ALWAYS",)]


def index_columns(url: str, table: str) -> dict[str, list[str]]:
    rows = query(
        url,
        "SELECT i.indexrelid::regclass::text, array_agg(a.attname::text ORDER BY k.ord)"
        " FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
        " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
        " WHERE i.indrelid = %s::regclass GROUP BY 1",
        (table,),
    )
    return dict(rows)


def test_every_message_key_and_index_leads_with_session_id(pg_location):
    SessionStore(pg_location).close()
    indexes = index_columns(pg_location, "chat_messages")
    assert indexes == {"chat_messages_pkey": ["session_id", "id"]}
    assert all(columns[0] == "session_id" for columns in indexes.values())
    assert query(
        pg_location,
        "SELECT confrelid::regclass::text, confdeltype FROM pg_constraint"
        " WHERE conrelid = 'chat_messages'::regclass AND contype = 'f'",
    ) == [("chat_sessions", "c")]


def test_sessions_are_indexed_by_user_recency_and_expiry(pg_location):
    SessionStore(pg_location).close()
    assert index_columns(pg_location, "chat_sessions") == {
        "chat_sessions_pkey": ["session_id"],
        "idx_sessions_user_updated": ["user_id", "updated_at"],
        "idx_sessions_expired": ["expired_at"],
    }


# ---------------------------------------------------------------- types


def test_times_come_back_in_utc_whatever_the_database_time_zone(pg_location):
    with psycopg.connect(pg_location, autocommit=True) as conn:
        name = sql.Identifier(conn.info.dbname)
        conn.execute(sql.SQL("ALTER DATABASE {} SET timezone TO 'Pacific/Auckland'").format(name))
    moment = datetime(2023, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
    with SessionStore(pg_location) as store:
        session = store.create_session()
        store.add_message(session.session_id, Message(role="user", content="x", timestamp=moment))
        loaded = store.get_session(session.session_id)
    assert loaded.created_at.tzinfo is UTC and loaded.updated_at.tzinfo is UTC
    assert loaded.messages[0].timestamp == moment and loaded.messages[0].timestamp.tzinfo is UTC


@pytest.mark.parametrize(
    "write",
    [
        lambda store, sid: store.add_message(sid, Message(role="user", content="a\x00b")),
        lambda store, sid: store.update_context(sid, {"k": "a\x00b"}),
        lambda store, sid: store.add_message(
            sid,
            Message(
                role="assistant",
                content="a",
                candidate_set=result_page().model_copy(update={"query_text": "a\x00b"}),
            ),
        ),
        lambda store, sid: store.add_turn(sid, [user(), user("a\x00b")], {"k": 1}),
    ],
    ids=["content", "context", "payload", "second message of a turn"],
)
def test_nul_characters_are_refused_and_nothing_is_written(pg_location, write):
    with SessionStore(pg_location) as store:
        session = store.create_session()
        with pytest.raises(ValueError, match="NUL|0x00|u0000"):
            write(store, session.session_id)
        loaded = store.get_session(session.session_id)
    assert loaded.messages == [] and loaded.context == {}


def test_jsonb_reads_a_float_written_without_a_fraction_as_an_int(pg_location):
    with SessionStore(pg_location) as store:
        session = store.create_session()
        context = store.update_context(session.session_id, {"big": 1e23, "small": 2.5})
    assert context == {"big": 10**23, "small": 2.5} and isinstance(context["big"], int)


def test_payloads_are_stored_as_json_objects(pg_location, plan):
    with SessionStore(pg_location) as store:
        session = store.create_session()
        store.add_message(session.session_id, Message(role="user", content="q", query_plan=plan))
    assert query(pg_location, "SELECT query_plan->'filters'->0->>'value' FROM chat_messages") == [
        ("Oxford",)
    ]


def test_payload_that_does_not_fit_its_model_is_an_error_naming_the_row(pg_location):
    with SessionStore(pg_location) as store:
        session = store.create_session()
        stored = store.add_message(
            session.session_id, Message(role="assistant", content="a", candidate_set=result_page())
        )
        query(
            pg_location,
            """UPDATE chat_messages SET candidate_set = '{"total_count": "many"}' WHERE id = %s""",
            (stored.message_id,),
        )
        (loaded,) = store.get_session(session.session_id).messages
        with pytest.raises(CorruptRowError, match=f"row {stored.message_id}"):
            loaded.candidate_set  # noqa: B018 - the access is the test


def test_stats_database_bytes_is_the_size_of_both_tables(pg_location):
    with SessionStore(pg_location) as store:
        store.add_message(store.create_session().session_id, user())
        reported = store.stats()["database_bytes"]
    assert query(
        pg_location,
        "SELECT pg_total_relation_size('chat_sessions') + pg_total_relation_size('chat_messages')",
    ) == [(reported,)]


# ---------------------------------------------------------------- locks and retries


def test_a_turn_waits_for_the_session_row_lock(pg_location):
    with SessionStore(pg_location) as store, psycopg.connect(pg_location) as holder:
        session = store.create_session()
        holder.execute(
            "SELECT 1 FROM chat_sessions WHERE session_id = %s FOR UPDATE", (session.session_id,)
        )
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = pool.submit(store.add_message, session.session_id, user("waits"))
            time.sleep(0.3)
            assert not pending.done()
            holder.commit()
            assert pending.result(timeout=10).message_id is not None


def _terminate_connections(server: str, location: str) -> int:
    name = location.rsplit("/", 1)[1]
    rows = query(
        server,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
        (name,),
    )
    time.sleep(0.2)  # termination is asynchronous
    return len(rows)


def test_lost_connections_are_replaced_and_the_call_retried(pg_server, pg_location, caplog):
    with SessionStore(pg_location, min_size=3) as store:
        session = store.create_session()
        assert _terminate_connections(pg_server, pg_location) >= 3
        store.add_message(session.session_id, user("after the outage"))
        assert [r.fields["reason"] for r in caplog.records if "retrying" in r.message] == [
            "connection lost"
        ]
        assert [m.content for m in store.get_session(session.session_id).messages] == [
            "after the outage"
        ]
        _terminate_connections(pg_server, pg_location)
        caplog.clear()
        assert [m.content for m in store.get_messages(session.session_id, limit=5)] == [
            "after the outage"
        ]  # a single SELECT, without BEGIN: retried the same way
        assert [r.fields["reason"] for r in caplog.records if "retrying" in r.message] == [
            "connection lost"
        ]


def _counting(attempts: list, work):
    def counted(conn):
        attempts.append(conn.info.backend_pid)
        return work(conn, len(attempts))

    return counted


def test_serialization_failure_retries_the_whole_transaction(pg_location):
    attempts: list[int] = []

    def work(conn, attempt):
        conn.execute(
            "INSERT INTO chat_sessions (session_id, created_at, updated_at) VALUES (%s, now(), now())",
            (f"s{attempt}",),
        )
        if attempt == 1:
            raise SerializationFailure("simulated")
        return attempt

    with SessionStore(pg_location) as store:
        assert store._write(_counting(attempts, work)) == 2
        assert store.get_session("s1") is None and store.get_session("s2") is not None


def test_retries_are_bounded(pg_location):
    attempts: list[int] = []

    def work(conn, attempt):
        raise SerializationFailure("simulated")

    with SessionStore(pg_location) as store, pytest.raises(SerializationFailure):
        store._write(_counting(attempts, work))
    assert len(attempts) == RETRIES


def test_other_database_errors_are_not_retried(pg_location):
    attempts: list[int] = []

    def work(conn, attempt):
        raise UniqueViolation("simulated")

    with SessionStore(pg_location) as store, pytest.raises(UniqueViolation):
        store._write(_counting(attempts, work))
    assert len(attempts) == 1


@pytest.mark.parametrize(("read_only", "expected_attempts"), [(False, 1), (True, 2)])
def test_connection_lost_at_commit_retries_reads_but_not_writes(
    pg_server, pg_location, read_only, expected_attempts
):
    attempts: list[int] = []

    def work(conn, attempt):
        if attempt == 1:  # the transaction's work is done; kill its connection before COMMIT
            query(pg_server, "SELECT pg_terminate_backend(%s)", (conn.info.backend_pid,))
            time.sleep(0.2)
        return attempt

    with SessionStore(pg_location) as store:
        run = store._read if read_only else store._write
        if read_only:
            assert run(_counting(attempts, work)) == 2
        else:
            with pytest.raises(StoreUnavailableError, match="AdminShutdown") as raised:
                run(_counting(attempts, work))
            assert isinstance(raised.value.__cause__, psycopg.OperationalError)
        assert len(attempts) == expected_attempts
        assert store.create_session()  # the pool has recovered


def test_store_is_usable_in_a_forked_child_and_the_parent_keeps_its_connections(pg_location):
    with SessionStore(pg_location) as store:
        session = store.create_session()
        store.add_message(session.session_id, user("parent"))
        child = multiprocessing.get_context("fork").Process(
            target=store.add_message, args=(session.session_id, user("child"))
        )
        child.start()
        child.join()
        assert child.exitcode == 0
        store.add_message(session.session_id, user("parent again"))
        assert [m.content for m in store.get_session(session.session_id).messages] == [
            "parent",
            "child",
            "parent again",
        ]


def test_eight_processes_appending_and_merging_on_one_session_lose_nothing(pg_location):
    with SessionStore(pg_location) as store:
        session = store.create_session()
    context = multiprocessing.get_context("spawn")
    started = [
        context.Process(target=target, args=(pg_location, session.session_id, w, count))
        for target, processes, count in (
            (workers.append_messages, 8, 500),
            (workers.merge_keys, 4, 100),
        )
        for w in range(processes)
    ]
    for process in started:
        process.start()
    for process in started:
        process.join(timeout=300)
    assert [p.exitcode for p in started] == [0] * 12  # a worker that meets an error exits 1
    with SessionStore(pg_location) as store:
        loaded = store.get_session(session.session_id)
    contents = [m.content for m in loaded.messages]
    assert Counter(contents) == Counter(f"w{w}-m{i}" for w in range(8) for i in range(500))
    for writer in range(8):
        assert [c for c in contents if c.startswith(f"w{writer}-")] == [
            f"w{writer}-m{i}" for i in range(500)
        ]
    assert loaded.context == {f"w{w}-k{i}": i for w in range(4) for i in range(100)}
