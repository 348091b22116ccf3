"""Who is asking, over a live server: bearer tokens, per-user isolation, local mode."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from app.api.auth import LOCAL_USER
from app.api.main import create_app
from scripts.chat import SessionStore
from tests.app.api.live import SECRET, assert_error, client_for, make_settings, serving

SESSION_ROUTES = [
    ("GET", "/sessions/{id}", None),
    ("GET", "/sessions/{id}/messages", None),
    ("PATCH", "/sessions/{id}", {"title": "mine now"}),
    ("DELETE", "/sessions/{id}", None),
]


def alices_session(alice) -> str:
    response = alice.post("/chat", json={"message": "books printed in Venice"})
    return response.json()["session_id"]


@pytest.mark.parametrize(("method", "path", "body"), SESSION_ROUTES)
def test_another_users_session_answers_exactly_like_a_missing_one(
    alice, bob, store, method, path, body
):
    session_id = alices_session(alice)
    url = path.format(id=session_id)
    as_bob = bob.request(method, url, json=body)
    assert_error(as_bob, 404, "not_found")
    assert len(store.get_session(session_id).messages) == 2  # untouched
    assert store.get_session(session_id).metadata["title"] == "books printed in Venice"
    assert alice.delete(f"/sessions/{session_id}").status_code == 204
    missing = bob.request(method, url, json=body)
    assert (missing.status_code, missing.json()) == (as_bob.status_code, as_bob.json())


def test_listing_shows_only_the_callers_sessions(alice, bob):
    session_id = alices_session(alice)
    assert bob.get("/sessions").json()["sessions"] == []
    assert [s["session_id"] for s in alice.get("/sessions").json()["sessions"]] == [session_id]


def token(**claims) -> str:
    now = datetime.now(UTC)
    return jwt.encode({"sub": "alice", "exp": now + timedelta(hours=1)} | claims, SECRET)


def tampered() -> str:
    """Alice's signature on a payload that names bob."""
    header, _, signature = token().split(".")
    return ".".join([header, token(sub="bob").split(".")[1], signature])


@pytest.mark.parametrize(
    ("authorization", "says"),
    [
        (None, "send Authorization: Bearer"),
        ("Bearer not-a-token", "not valid"),
        ("Basic YWxpY2U6c2VjcmV0", "send Authorization: Bearer"),
        (
            f"Bearer {jwt.encode({'sub': 'alice'}, 'another-secret-of-enough-length-xx')}",
            "signature",
        ),
        (f"Bearer {token(exp=datetime.now(UTC) - timedelta(minutes=1))}", "expired"),
        (f"Bearer {token(sub='')}", "names no user"),
        (f"Bearer {jwt.encode({'sub': 'alice'}, SECRET)}", "exp"),
        (f"Bearer {jwt.encode({'exp': 9999999999}, SECRET)}", "sub"),
        (f"Bearer {tampered()}", "signature"),
    ],
)
def test_a_bad_token_is_refused_with_401_and_nothing_is_stored(
    anonymous, store, authorization, says
):
    headers = {"Authorization": authorization} if authorization else {}
    for method, path in [("POST", "/chat"), ("GET", "/sessions"), ("POST", "/sessions")]:
        body = {"message": "books printed in Venice"} if path == "/chat" else None
        response = anonymous.request(method, path, json=body, headers=headers)
        assert says in assert_error(response, 401, "unauthorized")
        assert response.headers["www-authenticate"] == "Bearer"
    assert store.stats()["active_sessions"] == 0


def test_probes_need_no_token(anonymous):
    assert anonymous.get("/healthz").status_code == 200
    assert anonymous.get("/metrics").status_code == 200


def test_local_mode_needs_no_token_and_owns_sessions_as_local(tmp_path, demo_index):
    settings = make_settings(tmp_path, demo_index, jwt_secret=None)
    with serving(create_app(settings)) as url, client_for(url, None) as client:
        answer = client.post("/chat", json={"message": "books printed in Venice"}).json()
        listed = client.get("/sessions").json()["sessions"]
        assert [s["session_id"] for s in listed] == [answer["session_id"]]
    with SessionStore(settings.store_url) as store:
        assert store.list_user_sessions(LOCAL_USER) == [answer["session_id"]]
