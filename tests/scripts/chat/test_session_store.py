"""The plan's integration tests (section 2.3 of the session-management plan), as it wrote them.

The test cases are the plan's own, word for word, except one line that read the typed
``QueryPlan`` like a dict (``query_plan["filters"][0]["value"]``) and now reads its
attributes. The fixtures run every case on both backends: a temporary SQLite file, as the
plan's fixture made, and a throwaway PostgreSQL database. Two cases reach into the database
with ``sqlite3.connect(str(store.db_path))``; on PostgreSQL that call opens a connection to the
same database through psycopg (``?`` placeholders as ``%s``, SQLite's PRAGMAs skipped), so
they check PostgreSQL's own rows and cascade.
"""

import pytest
import tempfile
from pathlib import Path
from datetime import datetime, timedelta
from scripts.chat.session_store import SessionStore
from scripts.chat.models import Message, ChatSession
from scripts.schemas import QueryPlan, Filter, FilterField, FilterOp


import sqlite3
from collections.abc import Iterator

import psycopg

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


class _PostgresAsSqlite:
    """The few calls the plan's cases make on a sqlite3 connection, on PostgreSQL."""

    def __init__(self, url: str) -> None:
        self._conn = psycopg.connect(url)

    def execute(self, sql: str, params: tuple = ()) -> psycopg.Cursor | None:
        if sql.lstrip().upper().startswith("PRAGMA"):
            return None  # foreign keys are always enforced on PostgreSQL
        return self._conn.execute(sql.replace("?", "%s"), params)

    def commit(self) -> None:
        self._conn.commit()

    def close(self) -> None:
        self._conn.close()


@pytest.fixture(params=BACKENDS)
def temp_db(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path | str]:
    """Create temporary database for testing: a SQLite file, or a PostgreSQL database."""
    if request.param == "postgres":
        url = request.getfixturevalue("pg_location")
        connect = sqlite3.connect
        monkeypatch.setattr(
            sqlite3,
            "connect",
            lambda target, *a, **k: (
                _PostgresAsSqlite(url) if target == url else connect(target, *a, **k)
            ),
        )
        yield url
        return
    with tempfile.NamedTemporaryFile(suffix=".db", delete=False) as f:
        db_path = Path(f.name)
    yield db_path
    for leftover in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        leftover.unlink(missing_ok=True)


@pytest.fixture
def store(temp_db):
    """Create SessionStore with temp database."""
    store = SessionStore(temp_db)
    yield store
    store.close()


def test_create_session(store):
    """Test session creation."""
    session = store.create_session(user_id="user123")

    assert session.session_id is not None
    assert session.user_id == "user123"
    assert len(session.messages) == 0

def test_get_session(store):
    """Test session retrieval."""
    session1 = store.create_session(user_id="user123")

    session2 = store.get_session(session1.session_id)

    assert session2 is not None
    assert session2.session_id == session1.session_id
    assert session2.user_id == "user123"

def test_get_nonexistent_session(store):
    """Test retrieving nonexistent session."""
    session = store.get_session("nonexistent")
    assert session is None

def test_add_message(store):
    """Test adding message to session."""
    session = store.create_session()
    msg = Message(role="user", content="test query")

    store.add_message(session.session_id, msg)

    # Retrieve and verify
    retrieved = store.get_session(session.session_id)
    assert len(retrieved.messages) == 1
    assert retrieved.messages[0].content == "test query"
    assert retrieved.messages[0].role == "user"

def test_add_message_with_query_plan(store):
    """Test adding message with QueryPlan."""
    session = store.create_session()

    plan = QueryPlan(
        filters=[Filter(field=FilterField.PUBLISHER, op=FilterOp.CONTAINS, value="Oxford")]
    )
    msg = Message(role="user", content="books by Oxford", query_plan=plan)

    store.add_message(session.session_id, msg)

    # Retrieve and verify QueryPlan preserved
    retrieved = store.get_session(session.session_id)
    assert retrieved.messages[0].query_plan is not None
    assert retrieved.messages[0].query_plan.filters[0].value == "Oxford"

def test_add_message_to_nonexistent_session(store):
    """Test adding message to nonexistent session raises error."""
    msg = Message(role="user", content="test")

    with pytest.raises(ValueError, match="not found"):
        store.add_message("nonexistent", msg)

def test_message_ordering(store):
    """Test messages retrieved in chronological order."""
    session = store.create_session()

    for i in range(5):
        msg = Message(role="user", content=f"message {i}")
        store.add_message(session.session_id, msg)

    retrieved = store.get_session(session.session_id)
    assert len(retrieved.messages) == 5
    assert retrieved.messages[0].content == "message 0"
    assert retrieved.messages[4].content == "message 4"

def test_update_context(store):
    """Test updating session context."""
    session = store.create_session()

    store.update_context(session.session_id, {"last_query": "test", "result_count": 5})

    retrieved = store.get_session(session.session_id)
    assert retrieved.context["last_query"] == "test"
    assert retrieved.context["result_count"] == 5

def test_context_merge(store):
    """Test context updates merge with existing."""
    session = store.create_session()

    store.update_context(session.session_id, {"key1": "value1"})
    store.update_context(session.session_id, {"key2": "value2"})

    retrieved = store.get_session(session.session_id)
    assert retrieved.context["key1"] == "value1"
    assert retrieved.context["key2"] == "value2"

def test_expire_session(store):
    """Test session expiration."""
    session = store.create_session()

    store.expire_session(session.session_id)

    # Expired session should not be retrieved
    retrieved = store.get_session(session.session_id)
    assert retrieved is None

def test_expire_old_sessions(store):
    """Test expiring sessions by age."""
    # Create sessions
    session1 = store.create_session()
    session2 = store.create_session()

    # Manually set one session's updated_at to 25 hours ago
    import sqlite3
    conn = sqlite3.connect(str(store.db_path))
    old_time = (datetime.utcnow() - timedelta(hours=25)).isoformat()
    conn.execute(
        "UPDATE chat_sessions SET updated_at = ? WHERE session_id = ?",
        (old_time, session1.session_id)
    )
    conn.commit()
    conn.close()

    # Expire old sessions
    count = store.expire_old_sessions(max_age_hours=24)

    assert count == 1
    assert store.get_session(session1.session_id) is None
    assert store.get_session(session2.session_id) is not None

def test_list_user_sessions(store):
    """Test listing sessions for a user."""
    session1 = store.create_session(user_id="user1")
    session2 = store.create_session(user_id="user1")
    session3 = store.create_session(user_id="user2")

    user1_sessions = store.list_user_sessions("user1")

    assert len(user1_sessions) == 2
    assert session1.session_id in user1_sessions
    assert session2.session_id in user1_sessions
    assert session3.session_id not in user1_sessions

def test_list_user_sessions_exclude_expired(store):
    """Test expired sessions excluded from user list."""
    session1 = store.create_session(user_id="user1")
    session2 = store.create_session(user_id="user1")

    store.expire_session(session1.session_id)

    user1_sessions = store.list_user_sessions("user1")
    assert len(user1_sessions) == 1
    assert session2.session_id in user1_sessions

    # Include expired
    all_sessions = store.list_user_sessions("user1", include_expired=True)
    assert len(all_sessions) == 2

def test_session_persistence(store):
    """Test session persists across store reconnections."""
    session = store.create_session(user_id="user1")
    msg = Message(role="user", content="persistent message")
    store.add_message(session.session_id, msg)
    store.close()

    # Reconnect
    store2 = SessionStore(store.db_path)
    retrieved = store2.get_session(session.session_id)

    assert retrieved is not None
    assert len(retrieved.messages) == 1
    assert retrieved.messages[0].content == "persistent message"
    store2.close()

def test_foreign_key_cascade(store):
    """Test deleting session cascades to messages."""
    import sqlite3

    session = store.create_session()
    store.add_message(session.session_id, Message(role="user", content="test"))

    # Manually delete session (simulating cascade)
    conn = sqlite3.connect(str(store.db_path))
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM chat_sessions WHERE session_id = ?", (session.session_id,))
    conn.commit()

    # Verify messages also deleted
    cursor = conn.execute("SELECT COUNT(*) FROM chat_messages WHERE session_id = ?", (session.session_id,))
    count = cursor.fetchone()[0]
    assert count == 0

    conn.close()
