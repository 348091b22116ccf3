"""Tokens and the local-mode rules, without a server."""

from __future__ import annotations

import time

import jwt
import pytest

from app.api.tokens import (
    LOCAL_USER,
    AuthConfigError,
    AuthError,
    InvalidUserIdError,
    check_bind,
    check_user_id,
    is_loopback,
    issue_token,
    signing_key,
    user_of,
)
from tests.app.api.live import SECRET, make_settings


def test_issued_tokens_name_the_user_and_expire():
    assert user_of(issue_token(SECRET, "carol", 1), SECRET) == "carol"
    claims = jwt.decode(issue_token(SECRET, "carol", 2), SECRET, algorithms=["HS256"])
    assert 7100 < claims["exp"] - claims["iat"] <= 7200


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_local_mode_binds_only_loopback(host, loopback):
    assert is_loopback(host) is loopback
    check_bind(host, SECRET)  # with a secret, anything goes
    if loopback:
        check_bind(host, None)
    else:
        with pytest.raises(AuthConfigError, match="local single-user mode"):
            check_bind(host, None)


def test_a_short_secret_is_refused(tmp_path, demo_index):
    with pytest.raises(AuthConfigError, match="at least 32 characters"):
        signing_key(make_settings(tmp_path, demo_index, jwt_secret="short"))


BAD_USER_IDS = [
    ("", "blank"),
    ("   ", "blank"),
    ("\t\n", "blank"),
    ("a\x00b", "printable"),
    ("a\ud800b", "printable"),
    ("tab\there", "printable"),
    ("x" * 129, "at most 128 characters"),
    (LOCAL_USER, "reserved for local mode"),
]


@pytest.mark.parametrize("user_id", ["alice", "Ana María", "読者-7", "x" * 128, "local-reader"])
def test_a_printable_user_id_is_accepted(user_id):
    assert check_user_id(user_id) == user_id
    assert user_of(issue_token(SECRET, user_id, 1), SECRET) == user_id


@pytest.mark.parametrize(("user_id", "says"), BAD_USER_IDS)
def test_a_bad_user_id_is_refused_when_issued_and_when_presented(user_id, says):
    with pytest.raises(InvalidUserIdError, match=says):
        check_user_id(user_id)
    with pytest.raises(InvalidUserIdError, match=says):
        issue_token(SECRET, user_id, 1)
    forged = jwt.encode({"sub": user_id, "exp": time.time() + 60}, SECRET)
    with pytest.raises(AuthError):
        user_of(forged, SECRET)


@pytest.mark.parametrize("claim", ["iat", "nbf"])
def test_token_times_allow_a_few_seconds_of_clock_skew(claim):
    now = time.time()
    ahead = jwt.encode({"sub": "alice", "exp": now + 60, claim: now + 2}, SECRET)
    assert user_of(ahead, SECRET) == "alice"
    far_ahead = jwt.encode({"sub": "alice", "exp": now + 60, claim: now + 120}, SECRET)
    with pytest.raises(AuthError, match="not valid"):
        user_of(far_ahead, SECRET)


def test_a_token_expired_within_the_leeway_is_still_accepted():
    now = time.time()
    assert user_of(jwt.encode({"sub": "alice", "exp": now - 2}, SECRET), SECRET) == "alice"
    with pytest.raises(AuthError, match="expired"):
        user_of(jwt.encode({"sub": "alice", "exp": now - 60}, SECRET), SECRET)
