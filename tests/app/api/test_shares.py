"""Sharing a conversation over a live server: the owner's link, read-only, revocable."""

from __future__ import annotations

import httpx
import pytest

from app.api.main import create_app
from app.api.share_links import (
    KEY_FILE,
    ShareKeyError,
    ShareNotFoundError,
    link_token,
    share_id_of,
)
from tests.app.api.live import assert_error, make_settings, serving, start

JSON = {"Accept": "application/json"}


def say(client, message, session_id=None):
    body = {"message": message, **({"session_id": session_id} if session_id else {})}
    return client.post("/chat", json=body).json()


@pytest.fixture
def shared(alice):
    """Alice's conversation and its link."""
    venice = say(alice, "books printed in Venice")
    session_id = venice["session_id"]
    say(alice, "only those in Latin", session_id)
    response = alice.post(f"/sessions/{session_id}/share")
    assert response.status_code == 200, response.text
    return session_id, response.json()


def test_the_owner_gets_a_link_on_this_server(alice, base_url, shared):
    session_id, link = shared
    assert link["url"] == f"{base_url}{link['path']}" and link["path"].startswith("/shared/")
    assert session_id not in link["path"]
    assert alice.post(f"/sessions/{session_id}/share").json() == link  # the same until revoked


@pytest.mark.parametrize("reader", ["anonymous", "bob"])
def test_anyone_with_the_link_reads_the_conversation_and_nothing_else(request, shared, reader):
    client = request.getfixturevalue(reader)
    session_id, link = shared
    conversation = client.get(link["path"], headers=JSON).json()
    assert set(conversation) == {"title", "created_at", "messages"}
    assert conversation["title"] == "books printed in Venice"
    assert [m["role"] for m in conversation["messages"]] == ["user", "assistant"] * 2
    assert conversation["messages"][1]["candidate_set"]["total_count"] == 39
    page = client.get(link["path"], headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Shared conversation" in page.text
    assert "<form" not in page.text and "composer" not in page.text


def test_a_reader_cannot_write_to_or_manage_the_shared_session(bob, shared):
    session_id, link = shared
    assert_error(bob.post(f"/sessions/{session_id}/share"), 404, "not_found")
    assert_error(bob.delete(f"/sessions/{session_id}/share"), 404, "not_found")
    assert_error(bob.get(f"/sessions/{session_id}"), 404, "not_found")
    answer = bob.post("/chat", json={"session_id": session_id, "message": "show more"}).json()
    assert answer["session_id"] != session_id  # a session of bob's own, as for any other id


def _altered(path: str) -> list[str]:
    token = path.removeprefix("/shared/")
    share_id, signature = token.split(".")
    flip = lambda text: ("B" if text[0] == "A" else "A") + text[1:]  # noqa: E731
    return [
        f"/shared/{flip(share_id)}.{signature}",
        f"/shared/{share_id}.{flip(signature)}",
        f"/shared/{share_id}",
        f"/shared/{share_id}.",
        "/shared/nothing-here",
        f"/shared/{share_id}.{signature}é",
    ]


def test_altered_or_unknown_links_are_404_in_the_error_shape(anonymous, shared):
    _, link = shared
    for path in _altered(link["path"]):
        assert_error(anonymous.get(path, headers=JSON), 404, "not_found")
        assert_error(anonymous.get(path, headers={"Accept": "text/html"}), 404, "not_found")


def test_revoking_makes_the_link_404_and_sharing_again_makes_a_new_one(alice, anonymous, shared):
    session_id, link = shared
    assert alice.delete(f"/sessions/{session_id}/share").status_code == 204
    assert_error(anonymous.get(link["path"], headers=JSON), 404, "not_found")
    assert alice.delete(f"/sessions/{session_id}/share").status_code == 204
    again = alice.post(f"/sessions/{session_id}/share").json()
    assert again["path"] != link["path"]
    assert anonymous.get(again["path"], headers=JSON).status_code == 200


def test_sharing_needs_the_owners_token(anonymous, shared):
    session_id, _ = shared
    assert_error(anonymous.post(f"/sessions/{session_id}/share"), 401, "unauthorized")


def test_local_mode_signs_with_a_key_kept_beside_the_sessions(tmp_path, demo_index):
    settings = make_settings(tmp_path, demo_index, jwt_secret=None)
    with serving(create_app(settings)) as url, httpx.Client(base_url=url) as local:
        session_id = say(local, "books printed in Venice")["session_id"]
        link = local.post(f"/sessions/{session_id}/share").json()
    key = tmp_path / KEY_FILE
    assert len(key.read_bytes()) == 32 and key.stat().st_mode & 0o077 == 0
    with serving(create_app(settings)) as url, httpx.Client(base_url=url) as again:
        assert again.get(link["path"], headers=JSON).status_code == 200  # still valid


def test_a_link_signed_with_another_key_is_refused():
    token = link_token("Xo3v8kq2RmWc1tHh0aP9Zg", b"k" * 32)
    assert share_id_of(token, b"k" * 32) == "Xo3v8kq2RmWc1tHh0aP9Zg"
    with pytest.raises(ShareNotFoundError):
        share_id_of(token, b"other key" * 4)


def test_local_mode_refuses_to_start_on_a_key_file_it_cannot_use(tmp_path, demo_index):
    (tmp_path / KEY_FILE).mkdir()  # a directory where the key should be
    app = create_app(make_settings(tmp_path, demo_index, jwt_secret=None))
    with pytest.raises(ShareKeyError, match=r"cannot be signed.*Is a directory") as raised:
        start(app)
    assert str(tmp_path) not in str(raised.value) and raised.value.where == str(tmp_path / KEY_FILE)
