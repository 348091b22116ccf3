"""Read-only shares of a session, on every backend: one per session, revocable, scoped."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from scripts.chat import Message, SessionNotFoundError


def with_turn(store, user_id="alice"):
    session = store.create_session(user_id=user_id)
    store.add_message(session.session_id, Message(role="user", content="books printed in Venice"))
    store.add_message(session.session_id, Message(role="assistant", content="Found 34 books."))
    return session.session_id


def test_a_share_reads_the_session_with_its_messages(store):
    session_id = with_turn(store)
    share_id = store.share_session(session_id, user_id="alice")
    shared = store.get_shared_session(share_id)
    assert shared.session_id == session_id
    assert [m.content for m in shared.messages] == ["books printed in Venice", "Found 34 books."]
    assert session_id not in share_id and len(share_id) >= 22


def test_sharing_again_gives_the_same_share_until_it_is_revoked(store):
    session_id = with_turn(store)
    first = store.share_session(session_id, user_id="alice")
    assert store.share_session(session_id, user_id="alice") == first
    assert store.unshare_session(session_id, user_id="alice") is True
    assert store.get_shared_session(first) is None
    assert store.unshare_session(session_id, user_id="alice") is False
    second = store.share_session(session_id, user_id="alice")
    assert second != first and store.get_shared_session(second).session_id == session_id


def test_only_the_owner_shares_or_revokes(store):
    session_id = with_turn(store)
    with pytest.raises(SessionNotFoundError):
        store.share_session(session_id, user_id="bob")
    share_id = store.share_session(session_id, user_id="alice")
    with pytest.raises(SessionNotFoundError):
        store.unshare_session(session_id, user_id="bob")
    assert store.get_shared_session(share_id) is not None


def test_unknown_expired_or_deleted_sessions_share_nothing(store):
    with pytest.raises(SessionNotFoundError):
        store.share_session("nope")
    assert store.get_shared_session("nope") is None
    session_id = with_turn(store)
    share_id = store.share_session(session_id)
    store.expire_session(session_id)
    assert store.get_shared_session(share_id) is None
    with pytest.raises(SessionNotFoundError):
        store.share_session(session_id)
    assert store.unshare_session(session_id) is True  # revoking stays possible
    other = with_turn(store)
    other_share = store.share_session(other)
    assert store.delete_session(other)
    assert store.get_shared_session(other_share) is None


def test_concurrent_shares_of_one_session_agree(store):
    session_id = with_turn(store)
    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = set(pool.map(lambda _: store.share_session(session_id), range(8)))
    assert len(ids) == 1
