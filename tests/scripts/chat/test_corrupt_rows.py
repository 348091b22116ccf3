"""A stored value the store cannot read back raises ``CorruptRowError`` naming its table and
row, from every call that reads it, on both backends: never skipped, never a bare
``ValueError`` or ``JSONDecodeError``, and a write that needs it writes nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from scripts.chat import ChatSession, CorruptRowError, Message, SessionStore
from tests.factories import oxford_latin_plan, result_page
from tests.faults import run_sql

Call = Callable[[SessionStore, str], object]

READS: dict[str, Call] = {
    "get_session": lambda store, sid: store.get_session(sid),
    "list_sessions": lambda store, sid: store.list_sessions("alice"),
    "list_user_sessions": lambda store, sid: store.list_user_sessions("alice"),
    "get_context": lambda store, sid: store.get_context(sid),
    "add_turn with a title": lambda store, sid: store.add_turn(
        sid, [Message(role="user", content="more")], metadata_defaults={"title": "t"}
    ),
    "update_metadata": lambda store, sid: store.update_metadata(sid, {"title": "t"}),
    "update_context": lambda store, sid: store.update_context(sid, {"turn": 2}),
    "get_messages": lambda store, sid: store.get_messages(sid),
    "the plan": lambda store, sid: store.get_session(sid).messages[0].query_plan,
    "the results": lambda store, sid: store.get_session(sid).messages[1].candidate_set,
    "every payload": lambda store, sid: [m.decoded() for m in store.get_messages(sid)],
}
# (how the row goes bad on SQLite, on PostgreSQL or None, the table, the calls that read it)
CORRUPTIONS = {
    "context not JSON": (
        "UPDATE chat_sessions SET context = '{turn'",
        None,
        "chat_sessions",
        ["get_session", "list_sessions", "list_user_sessions", "get_context", "update_context"],
    ),
    "context not an object": (
        "UPDATE chat_sessions SET context = '[1, 2]'",
        "UPDATE chat_sessions SET context = '[1, 2]'",
        "chat_sessions",
        ["get_session", "list_sessions", "get_context"],
    ),
    "metadata not an object": (
        "UPDATE chat_sessions SET metadata = '\"Venice\"'",
        "UPDATE chat_sessions SET metadata = '\"Venice\"'",
        "chat_sessions",
        ["get_session", "list_sessions"],
    ),
    "metadata not JSON": (
        "UPDATE chat_sessions SET metadata = 'title: Venice'",
        None,
        "chat_sessions",
        ["get_session", "list_user_sessions", "update_metadata", "add_turn with a title"],
    ),
    "a title that is not text": (
        """UPDATE chat_sessions SET metadata = '{"title": 5}'""",
        """UPDATE chat_sessions SET metadata = '{"title": 5}'""",
        "chat_sessions",
        ["get_session", "list_sessions"],
    ),
    "a session time that is not a time": (
        "UPDATE chat_sessions SET updated_at = 'later'",
        None,
        "chat_sessions",
        ["get_session", "list_sessions"],
    ),
    "a message time that is not a time": (
        "UPDATE chat_messages SET timestamp = '2025-13-45'",
        None,
        "chat_messages",
        ["get_session", "get_messages"],
    ),
    "a plan that is not JSON": (
        "UPDATE chat_messages SET query_plan = 'filters: Oxford' WHERE role = 'user'",
        None,
        "chat_messages",
        ["the plan", "every payload"],
    ),
    "results that do not fit their model": (
        """UPDATE chat_messages SET candidate_set = '{"total_count": "many"}'"""
        " WHERE role = 'assistant'",
        """UPDATE chat_messages SET candidate_set = '{"total_count": "many"}'"""
        " WHERE role = 'assistant'",
        "chat_messages",
        ["the results", "every payload"],
    ),
}
CASES = [
    (backend, corruption, call)
    for corruption, (_, on_postgres, _, calls) in CORRUPTIONS.items()
    for call in calls
    for backend in ["sqlite", "postgres"]
    if backend == "sqlite" or on_postgres
]


@pytest.mark.parametrize(
    ("backend", "corruption", "call"),
    [
        pytest.param(*case, marks=[pytest.mark.postgres] if case[0] == "postgres" else [])
        for case in CASES
    ],
)
def test_a_row_that_cannot_be_read_is_an_error_naming_it(
    request, tmp_path, backend, corruption, call
):
    location = (
        request.getfixturevalue("pg_location")
        if backend == "postgres"
        else str(tmp_path / "sessions.db")
    )
    on_sqlite, on_postgres, table, _ = CORRUPTIONS[corruption]
    with SessionStore(location) as store:
        session = store.create_session(user_id="alice", metadata={"title": "Oxford"})
        sid = session.session_id
        user, _ = store.add_turn(
            sid,
            [
                Message(role="user", content="Oxford", query_plan=oxford_latin_plan()),
                Message(role="assistant", content="found", candidate_set=result_page()),
            ],
            context_updates={"turn": 1},
        )
        run_sql(location, on_postgres if backend == "postgres" else on_sqlite)
        row = sid if table == "chat_sessions" else ""
        with pytest.raises(CorruptRowError, match=f"^{table} row {row}") as raised:
            READS[call](store, sid)
        assert raised.value.table == table
        if table == "chat_messages":
            assert raised.value.row_id in {user.message_id, user.message_id + 1}
    run_sql(location, "UPDATE chat_messages SET content = content")  # the store still opens
    with SessionStore(location) as reopened:
        assert reopened.stats()["messages"] == 2  # a refused write wrote nothing
        assert reopened.delete_session(sid)  # and the way out is open: delete the session


def test_a_title_must_be_text():
    with pytest.raises(ValueError, match="the title must be text"):
        ChatSession(metadata={"title": ["Venice"]})
    assert ChatSession(metadata={"title": None}).metadata == {"title": None}


def test_decoded_reads_every_payload_now(tmp_path):
    with SessionStore(tmp_path / "s.db") as store:
        sid = store.create_session().session_id
        store.add_message(
            sid, Message(role="user", content="Oxford", query_plan=oxford_latin_plan())
        )
        (message,) = store.get_messages(sid)
        assert "query_plan" not in message.__dict__  # not read yet
        assert message.decoded() is message
        assert message.__dict__["query_plan"] == oxford_latin_plan()
