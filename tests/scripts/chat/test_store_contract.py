"""The store contract; every test here runs on each backend."""

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from scripts.chat import ContextChangedError, Message, SessionNotFoundError, SessionStore


def user(text: str = "books printed by Oxford", **payloads) -> Message:
    return Message(role="user", content=text, **payloads)


def test_create_session_is_persisted(store_location):
    with SessionStore(store_location) as store:
        created = store.create_session(user_id="alice")
    with SessionStore(store_location) as reopened:
        loaded = reopened.get_session(created.session_id)
    assert loaded.session_id == created.session_id
    assert loaded.user_id == "alice" and loaded.messages == [] and loaded.context == {}
    assert loaded.created_at == created.created_at and loaded.created_at.tzinfo is not None


def test_create_session_without_user(store):
    session = store.create_session()
    assert store.get_session(session.session_id).user_id is None


def test_create_session_with_metadata(store):
    session = store.create_session(user_id="alice", metadata={"title": "Aldine press"})
    assert store.get_session(session.session_id).metadata == {"title": "Aldine press"}


def test_get_unknown_session_returns_none(store):
    assert store.get_session("no-such-session") is None


def test_add_message_round_trips_typed_payloads(store, plan, page):
    session = store.create_session(user_id="alice")
    store.add_message(session.session_id, user(query_plan=plan))
    store.add_message(
        session.session_id, Message(role="assistant", content="Found 37 books.", candidate_set=page)
    )
    first, second = store.get_session(session.session_id).messages
    assert first.query_plan == plan
    assert first.query_plan.filters[0].value == "Oxford"
    assert second.candidate_set == page
    assert second.candidate_set.total_count == 37
    assert second.candidate_set.candidates[0].evidence[0].source == "marc:260$a"


def test_add_message_returns_message_with_increasing_ids(store):
    session = store.create_session()
    ids = [store.add_message(session.session_id, user(str(i))).message_id for i in range(5)]
    assert ids == sorted(ids) and len(set(ids)) == 5


def test_messages_keep_append_order_when_timestamps_tie(store):
    session = store.create_session()
    tied = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    for i in range(20):
        store.add_message(session.session_id, Message(role="user", content=f"m{i}", timestamp=tied))
    assert [m.content for m in store.get_session(session.session_id).messages] == [
        f"m{i}" for i in range(20)
    ]


def test_messages_keep_timestamps(store):
    session = store.create_session()
    moment = datetime(2023, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
    store.add_message(session.session_id, Message(role="system", content="x", timestamp=moment))
    assert store.get_session(session.session_id).messages[0].timestamp == moment


def test_add_message_touches_updated_at(store):
    session = store.create_session()
    store.add_message(session.session_id, user())
    assert store.get_session(session.session_id).updated_at > session.updated_at


def test_add_message_to_unknown_session_raises(store):
    with pytest.raises(SessionNotFoundError, match="not found"):
        store.add_message("missing", user())
    assert store.stats()["messages"] == 0


def test_add_message_to_expired_session_raises(store):
    session = store.create_session()
    store.expire_session(session.session_id)
    with pytest.raises(SessionNotFoundError, match="not found"):
        store.add_message(session.session_id, user())
    assert store.get_session(session.session_id, include_expired=True).messages == []


def test_session_not_found_error_is_a_value_error():
    assert issubclass(SessionNotFoundError, ValueError)


def test_invalid_message_is_rejected_before_the_store():
    with pytest.raises(ValidationError):
        user("   ")


def test_add_turn_writes_all_messages_and_context_together(store, plan, page):
    session = store.create_session()
    stored = store.add_turn(
        session.session_id,
        [user(query_plan=plan), Message(role="assistant", content="37 books", candidate_set=page)],
        context_updates={"plan": plan.model_dump(mode="json")},
    )
    assert [m.role for m in stored] == ["user", "assistant"]
    loaded = store.get_session(session.session_id)
    assert len(loaded.messages) == 2 and loaded.context["plan"]["filters"][1]["value"] == "lat"


def test_add_turn_with_bad_context_writes_nothing(store):
    session = store.create_session()
    with pytest.raises(ValueError, match="JSON"):
        store.add_turn(session.session_id, [user()], context_updates={"bad": object()})
    assert store.get_session(session.session_id).messages == []


def test_add_turn_needs_a_message(store):
    session = store.create_session()
    with pytest.raises(ValueError, match="at least one"):
        store.add_turn(session.session_id, [])


def test_update_context_merges_shallowly(store):
    session = store.create_session()
    store.update_context(session.session_id, {"a": 1, "nested": {"x": 1}})
    merged = store.update_context(session.session_id, {"b": 2, "nested": {"y": 2}})
    assert merged == {"a": 1, "b": 2, "nested": {"y": 2}}
    assert store.get_session(session.session_id).context == merged


def test_update_context_keeps_unicode_and_nesting(store):
    session = store.create_session()
    value = {
        "title": "ספר הזהר",
        "places": ["Venetiis", "Amstelodami"],
        "n": {"deep": [1, 2.5, None, True]},
    }
    store.update_context(session.session_id, {"last": value})
    assert store.get_session(session.session_id).context["last"] == value


@pytest.mark.parametrize(
    ("updates", "reason"),
    [
        ({"x": {1, 2}}, "JSON"),
        ({"x": float("nan")}, "JSON"),
        ({1: "x"}, "strings"),
        (["x"], "mapping"),
    ],
)
def test_update_context_rejects_non_json_and_changes_nothing(store, updates, reason):
    session = store.create_session()
    store.update_context(session.session_id, {"kept": True})
    with pytest.raises(ValueError, match=reason):
        store.update_context(session.session_id, updates)
    assert store.get_session(session.session_id).context == {"kept": True}


def test_update_context_of_unknown_session_raises(store):
    with pytest.raises(SessionNotFoundError):
        store.update_context("missing", {"a": 1})


def test_expire_session_marks_it_and_is_idempotent(store):
    session = store.create_session()
    store.expire_session(session.session_id)
    first = store.get_session(session.session_id, include_expired=True).expired_at
    store.expire_session(session.session_id)
    loaded = store.get_session(session.session_id, include_expired=True)
    assert loaded.is_expired and loaded.expired_at == first


def test_get_session_returns_none_for_an_expired_session(store):
    session = store.create_session(user_id="alice")
    store.add_message(session.session_id, user())
    store.expire_session(session.session_id)
    assert store.get_session(session.session_id) is None
    assert store.get_session(session.session_id, user_id="alice") is None
    kept = store.get_session(session.session_id, user_id="alice", include_expired=True)
    assert kept.is_expired and [m.content for m in kept.messages] == ["books printed by Oxford"]
    assert store.get_session(session.session_id, user_id="bob", include_expired=True) is None


def test_expire_unknown_session_raises(store):
    with pytest.raises(SessionNotFoundError):
        store.expire_session("missing")


def test_expire_old_sessions_expires_only_idle_ones(store):
    idle = store.create_session()
    assert store.expire_old_sessions(max_age_hours=1) == 0
    assert store.expire_old_sessions(max_age_hours=0) == 1
    assert store.get_session(idle.session_id) is None
    assert store.get_session(idle.session_id, include_expired=True).is_expired
    assert store.expire_old_sessions(max_age_hours=0) == 0


def test_list_user_sessions_newest_first_and_only_the_users(store):
    older = store.create_session(user_id="alice")
    newer = store.create_session(user_id="alice")
    store.create_session(user_id="bob")
    store.add_message(older.session_id, user())  # now the most recently updated
    assert store.list_user_sessions("alice") == [older.session_id, newer.session_id]
    listed = store.list_sessions("alice")
    assert [s.session_id for s in listed] == [older.session_id, newer.session_id]
    assert all(s.user_id == "alice" and s.messages == [] for s in listed)


def test_list_user_sessions_hides_expired_unless_asked(store):
    active = store.create_session(user_id="alice")
    expired = store.create_session(user_id="alice")
    store.expire_session(expired.session_id)
    assert store.list_user_sessions("alice") == [active.session_id]
    assert set(store.list_user_sessions("alice", include_expired=True)) == {
        active.session_id,
        expired.session_id,
    }
    assert [s.session_id for s in store.list_sessions("alice")] == [active.session_id]


def test_list_sessions_paginates(store):
    ids = [store.create_session(user_id="alice").session_id for _ in range(5)]
    first = store.list_sessions("alice", limit=2)
    rest = store.list_sessions("alice", limit=10, offset=2)
    assert len(first) == 2 and len(rest) == 3
    assert {s.session_id for s in first + rest} == set(ids)


def test_get_messages_pages_in_append_order(store):
    session = store.create_session()
    ids = [store.add_message(session.session_id, user(f"m{i}")).message_id for i in range(10)]
    assert [m.content for m in store.get_messages(session.session_id)] == [
        f"m{i}" for i in range(10)
    ]
    assert [m.content for m in store.get_messages(session.session_id, limit=3)] == [
        "m7",
        "m8",
        "m9",
    ]
    assert [
        m.content for m in store.get_messages(session.session_id, limit=3, before_id=ids[7])
    ] == ["m4", "m5", "m6"]
    assert [
        m.content for m in store.get_messages(session.session_id, limit=3, after_id=ids[1])
    ] == ["m2", "m3", "m4"]
    assert [m.content for m in store.get_messages(session.session_id, after_id=ids[7])] == [
        "m8",
        "m9",
    ]


@pytest.mark.parametrize("kwargs", [{"limit": 0}, {"limit": -2}, {"before_id": 1, "after_id": 2}])
def test_get_messages_rejects_bad_paging(store, kwargs):
    session = store.create_session()
    with pytest.raises(ValueError):
        store.get_messages(session.session_id, **kwargs)


def test_other_users_session_is_invisible(store):
    session = store.create_session(user_id="alice")
    store.add_message(session.session_id, user("private question"))
    assert store.get_session(session.session_id, user_id="bob") is None
    assert (
        store.get_session(session.session_id, user_id="alice").messages[0].content
        == "private question"
    )
    with pytest.raises(SessionNotFoundError):
        store.get_messages(session.session_id, user_id="bob")


@pytest.mark.parametrize(
    "attempt",
    [
        lambda store, sid: store.add_message(sid, user("intrusion"), user_id="bob"),
        lambda store, sid: store.update_context(sid, {"owned": "bob"}, user_id="bob"),
        lambda store, sid: store.expire_session(sid, user_id="bob"),
        lambda store, sid: store.add_turn(sid, [user("intrusion")], user_id="bob"),
    ],
)
def test_other_user_cannot_change_a_session(store, attempt):
    session = store.create_session(user_id="alice")
    with pytest.raises(SessionNotFoundError):
        attempt(store, session.session_id)
    loaded = store.get_session(session.session_id)
    assert loaded.messages == [] and loaded.context == {} and not loaded.is_expired


def test_other_user_cannot_delete_a_session(store):
    session = store.create_session(user_id="alice")
    assert store.delete_session(session.session_id, user_id="bob") is False
    assert store.get_session(session.session_id) is not None


def test_delete_session_cascades_to_messages(store):
    session = store.create_session(user_id="alice")
    keep = store.create_session(user_id="alice")
    for target in (session, keep):
        store.add_message(target.session_id, user())
    assert store.delete_session(session.session_id, user_id="alice") is True
    assert store.get_session(session.session_id) is None
    assert store.stats()["messages"] == 1
    assert store.delete_session(session.session_id) is False


def test_purge_expired_deletes_only_long_expired(store):
    expired = store.create_session()
    active = store.create_session()
    store.add_message(expired.session_id, user())
    store.expire_session(expired.session_id)
    assert store.purge_expired(older_than_hours=1) == 0
    assert store.purge_expired(older_than_hours=0) == 1
    assert store.get_session(expired.session_id) is None
    assert store.get_session(active.session_id) is not None
    assert store.stats()["messages"] == 0


def test_stats_counts_sessions_messages_and_bytes(store):
    first = store.create_session()
    second = store.create_session()
    store.add_message(first.session_id, user())
    store.add_message(first.session_id, user())
    store.expire_session(second.session_id)
    stats = store.stats()
    assert (
        stats["active_sessions"] == 1 and stats["expired_sessions"] == 1 and stats["messages"] == 2
    )
    assert stats["database_bytes"] > 0


def test_closed_store_refuses_work(store_location):
    store = SessionStore(store_location)
    store.close()
    with pytest.raises(RuntimeError, match="closed"):
        store.create_session()


def test_context_manager_closes(store_location):
    with SessionStore(store_location) as store:
        session = store.create_session()
    with pytest.raises(RuntimeError):
        store.get_session(session.session_id)


def test_get_context_reads_the_context_of_an_active_session(store):
    session = store.create_session(user_id="alice")
    store.update_context(session.session_id, {"turn": 3})
    assert store.get_context(session.session_id) == {"turn": 3}
    assert store.get_context(session.session_id, user_id="alice") == {"turn": 3}


@pytest.mark.parametrize("user_id", ["bob", None])
def test_get_context_of_missing_foreign_or_expired_session_raises(store, user_id):
    session = store.create_session(user_id="alice")
    store.expire_session(session.session_id)
    with pytest.raises(SessionNotFoundError):
        store.get_context(session.session_id, user_id=user_id)
    with pytest.raises(SessionNotFoundError):
        store.get_context("missing", user_id=user_id)


def test_add_turn_with_expected_context_applies_while_it_holds(store):
    session = store.create_session()
    store.add_turn(session.session_id, [user("one")], {"turn": 1}, expect_context={"turn": None})
    store.add_turn(session.session_id, [user("two")], {"turn": 2}, expect_context={"turn": 1})
    assert store.get_context(session.session_id) == {"turn": 2}


def test_add_turn_with_stale_context_writes_nothing(store):
    session = store.create_session()
    store.update_context(session.session_id, {"turn": 5})
    with pytest.raises(ContextChangedError):
        store.add_turn(session.session_id, [user("late")], {"turn": 5}, expect_context={"turn": 4})
    loaded = store.get_session(session.session_id)
    assert loaded.messages == [] and loaded.context == {"turn": 5}


def test_update_metadata_merges_and_keeps_other_keys(store):
    session = store.create_session(user_id="alice", metadata={"source": "web"})
    assert store.update_metadata(
        session.session_id, {"title": "Aldine press"}, user_id="alice"
    ) == {
        "source": "web",
        "title": "Aldine press",
    }
    assert store.get_session(session.session_id).metadata["title"] == "Aldine press"


def test_update_metadata_of_foreign_or_missing_session_raises(store):
    session = store.create_session(user_id="alice")
    for session_id, user_id in ((session.session_id, "bob"), ("missing", None)):
        with pytest.raises(SessionNotFoundError):
            store.update_metadata(session_id, {"title": "x"}, user_id=user_id)
    assert store.get_session(session.session_id).metadata == {}


def test_update_metadata_rejects_non_json(store):
    session = store.create_session()
    with pytest.raises(ValueError, match="JSON"):
        store.update_metadata(session.session_id, {"title": object()})


def test_add_turn_expecting_context_of_unknown_session_raises(store):
    with pytest.raises(SessionNotFoundError):
        store.add_turn("missing", [user()], expect_context={"turn": None})


def test_close_twice_is_harmless(store_location):
    store = SessionStore(store_location)
    store.close()
    store.close()


def test_add_turn_sets_metadata_defaults_only_where_unset(store):
    untitled = store.create_session(user_id="alice", metadata={"source": "web"})
    titled = store.create_session(user_id="alice", metadata={"title": "Aldines"})
    for session in (untitled, titled):
        store.add_turn(session.session_id, [user()], metadata_defaults={"title": "first question"})
    assert store.get_session(untitled.session_id).metadata == {
        "source": "web",
        "title": "first question",
    }
    assert store.get_session(titled.session_id).metadata == {"title": "Aldines"}


def test_add_turn_to_a_foreign_session_sets_no_metadata(store):
    session = store.create_session(user_id="alice")
    with pytest.raises(SessionNotFoundError):
        store.add_turn(session.session_id, [user()], user_id="bob", metadata_defaults={"t": 1})
    assert store.get_session(session.session_id).metadata == {}
