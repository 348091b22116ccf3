"""The session routes over a live server: create, list, read, page, rename, delete."""

from __future__ import annotations

import pytest

from tests.app.api.live import assert_error


def new_session(client, title=None) -> str:
    response = client.post("/sessions", json={"title": title} if title else {})
    assert response.status_code == 201, response.text
    return response.json()["session_id"]


def turn(client, session_id, message="books printed in Venice"):
    response = client.post("/chat", json={"session_id": session_id, "message": message})
    assert response.status_code == 200 and response.json()["session_id"] == session_id


def test_create_returns_the_summary_with_the_title(alice):
    response = alice.post("/sessions", json={"title": "  Aldines  "})
    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Aldines" and body["expired"] is False
    assert set(body) == {"session_id", "title", "created_at", "updated_at", "expired"}


def test_create_without_a_body_or_title(alice):
    assert alice.post("/sessions").json()["title"] is None
    assert alice.post("/sessions", json={}).json()["title"] is None


def test_list_is_newest_first_and_pages_by_limit_and_offset(alice):
    ids = [new_session(alice, f"chat {i}") for i in range(5)]
    turn(alice, ids[0])  # the most recently updated now
    first = alice.get("/sessions", params={"limit": 2}).json()
    assert [s["session_id"] for s in first["sessions"]] == [ids[0], ids[4]]
    assert first["next_offset"] == 2
    rest = alice.get("/sessions", params={"limit": 2, "offset": 4}).json()
    assert [s["session_id"] for s in rest["sessions"]] == [ids[1]]
    assert rest["next_offset"] is None


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "ten"}])
def test_list_refuses_bad_paging(alice, params):
    assert_error(alice.get("/sessions", params=params), 422, "invalid_request")


def test_expired_sessions_are_not_listed_but_can_be_read(alice, store):
    session_id = new_session(alice)
    store.expire_session(session_id)
    assert alice.get("/sessions").json()["sessions"] == []
    assert alice.get(f"/sessions/{session_id}").json()["expired"] is True


def test_get_returns_the_session_with_its_messages_in_order(alice):
    session_id = new_session(alice)
    turn(alice, session_id)
    turn(alice, session_id, "only those in Latin")
    body = alice.get(f"/sessions/{session_id}").json()
    assert [m["role"] for m in body["messages"]] == ["user", "assistant"] * 2
    assert body["messages"][2]["content"] == "only those in Latin"
    assert body["messages"][1]["candidate_set"]["total_count"] > 0
    assert body["title"] == "books printed in Venice"


def test_messages_page_backwards_by_cursor(alice):
    session_id = new_session(alice)
    for message in ("books printed in Venice", "only those in Latin", "show more"):
        turn(alice, session_id, message)
    everything = alice.get(f"/sessions/{session_id}").json()["messages"]
    ids = [m["message_id"] for m in everything]
    newest = alice.get(f"/sessions/{session_id}/messages", params={"limit": 4}).json()
    assert [m["message_id"] for m in newest["messages"]] == ids[2:]
    assert newest["next_before"] == ids[2]
    older = alice.get(
        f"/sessions/{session_id}/messages", params={"limit": 4, "before": ids[2]}
    ).json()
    assert [m["message_id"] for m in older["messages"]] == ids[:2]
    assert older["next_before"] is None
    exact = alice.get(f"/sessions/{session_id}/messages", params={"limit": 6}).json()
    assert len(exact["messages"]) == 6 and exact["next_before"] is None


def test_rename_changes_the_title_everywhere(alice):
    session_id = new_session(alice, "old")
    response = alice.patch(f"/sessions/{session_id}", json={"title": "Venetian printing"})
    assert response.status_code == 200 and response.json()["title"] == "Venetian printing"
    assert alice.get("/sessions").json()["sessions"][0]["title"] == "Venetian printing"


@pytest.mark.parametrize(
    "body", [{}, {"title": ""}, {"title": "   "}, {"title": "x" * 201}, {"title": 3}]
)
def test_rename_refuses_a_bad_title(alice, body):
    session_id = new_session(alice, "kept")
    assert_error(alice.patch(f"/sessions/{session_id}", json=body), 422, "invalid_request")
    assert alice.get(f"/sessions/{session_id}").json()["title"] == "kept"


def test_delete_removes_the_session_and_its_messages(alice, store):
    session_id = new_session(alice)
    turn(alice, session_id)
    response = alice.delete(f"/sessions/{session_id}")
    assert response.status_code == 204 and response.content == b""
    assert store.get_session(session_id) is None and store.stats()["messages"] == 0
    assert_error(alice.get(f"/sessions/{session_id}"), 404, "not_found")
    assert_error(alice.delete(f"/sessions/{session_id}"), 404, "not_found")


@pytest.mark.parametrize("session_id", ["has space", "x" * 65, "semi;colon"])
def test_a_malformed_session_id_is_refused(alice, session_id):
    assert_error(alice.get(f"/sessions/{session_id}"), 422, "invalid_request")
