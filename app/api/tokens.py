"""Bearer tokens and the rules around them, free of any web framework (the CLI uses them).

Tokens are HS256 JWTs whose ``sub`` is the user id and whose ``exp`` must lie ahead, with
``LEEWAY_SECONDS`` of grace on every time in them for clocks that disagree a little. A user id
is checked in one place, ``check_user_id``, when a token is issued and when one is presented:
an id the store cannot keep (a NUL, a lone surrogate) or a reader cannot see (blank, control
characters) never reaches it. Without a secret the server runs in local single-user mode as
user ``local``, which may only listen on loopback; no token may name that user, so local-mode
history stays with local mode.
"""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime, timedelta

import jwt

from app.settings import Settings

ALGORITHM = "HS256"
MIN_SECRET_CHARS = 32  # HS256 wants a key of at least 256 bits (RFC 7518 3.2)
LEEWAY_SECONDS = 5
MAX_USER_ID_CHARS = 128
LOCAL_USER = "local"


class AuthError(Exception):
    """The request's bearer token is missing, malformed, expired or wrongly signed."""


class InvalidUserIdError(ValueError):
    """A user id no token may carry."""


class AuthConfigError(ValueError):
    """The server's auth set-up is unsafe: a short secret, or local mode off loopback."""


def signing_key(settings: Settings) -> str | None:
    """The JWT secret, or None for local mode; raises AuthConfigError when it is too short."""
    if settings.jwt_secret is None:
        return None
    key = settings.jwt_secret.get_secret_value()
    if len(key) < MIN_SECRET_CHARS:
        raise AuthConfigError(
            f"COLOPHON_JWT_SECRET must be at least {MIN_SECRET_CHARS} characters;"
            " generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    return key


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def check_bind(host: str, key: str | None) -> None:
    """Refuse to listen beyond this machine in local mode, where nothing checks who asks."""
    if key is None and not is_loopback(host):
        raise AuthConfigError(
            f"refusing to listen on {host}: without COLOPHON_JWT_SECRET the server is in local"
            " single-user mode and may only listen on 127.0.0.1, ::1 or localhost"
        )


def check_user_id(user_id: str) -> str:
    """``user_id`` if a token may name it, else InvalidUserIdError saying why (not echoing it)."""
    if not user_id.strip():
        raise InvalidUserIdError("the user id must not be blank")
    if len(user_id) > MAX_USER_ID_CHARS:
        raise InvalidUserIdError(f"the user id must be at most {MAX_USER_ID_CHARS} characters")
    if not user_id.isprintable():  # also refuses NUL and lone surrogates
        raise InvalidUserIdError(
            "the user id must be printable text (no control characters, NUL or lone surrogates)"
        )
    if user_id == LOCAL_USER:
        raise InvalidUserIdError(f"the user id {LOCAL_USER!r} is reserved for local mode")
    return user_id


def issue_token(key: str, user_id: str, hours: float) -> str:
    """A signed token naming ``user_id``, valid for ``hours``; raises InvalidUserIdError."""
    check_user_id(user_id)
    now = datetime.now(UTC)
    claims = {"sub": user_id, "iat": now, "exp": now + timedelta(hours=hours)}
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def user_of(token: str, key: str) -> str:
    """The user a token names; raises AuthError saying what is wrong with it."""
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            options={"require": ["sub", "exp"]},
            leeway=LEEWAY_SECONDS,
        )
    except jwt.ExpiredSignatureError:
        raise AuthError("the bearer token has expired; ask for a new one") from None
    except jwt.InvalidSignatureError:
        raise AuthError("the bearer token's signature is not valid") from None
    except jwt.InvalidTokenError as exc:
        raise AuthError(f"the bearer token is not valid: {exc}") from None
    if not claims["sub"]:
        raise AuthError("the bearer token names no user (sub)")
    try:
        return check_user_id(claims["sub"])
    except InvalidUserIdError as exc:
        raise AuthError(f"the bearer token's user (sub) is not valid: {exc}") from None
