"""Tokens and the local-mode rules, without a server."""

from __future__ import annotations

import jwt
import pytest

from app.api.tokens import (
    AuthConfigError,
    check_bind,
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
