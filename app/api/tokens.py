"""Bearer tokens and the rules around them, free of any web framework (the CLI uses them).

Tokens are HS256 JWTs whose ``sub`` is the user id and whose ``exp`` must lie ahead. Without a
secret the server runs in local single-user mode, which may only listen on loopback.
"""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime, timedelta

import jwt

from app.settings import Settings

ALGORITHM = "HS256"
MIN_SECRET_CHARS = 32  # HS256 wants a key of at least 256 bits (RFC 7518 3.2)


class AuthError(Exception):
    """The request's bearer token is missing, malformed, expired or wrongly signed."""


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


def issue_token(key: str, user_id: str, hours: float) -> str:
    """A signed token naming ``user_id``, valid for ``hours``."""
    now = datetime.now(UTC)
    claims = {"sub": user_id, "iat": now, "exp": now + timedelta(hours=hours)}
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def user_of(token: str, key: str) -> str:
    """The user a token names; raises AuthError saying what is wrong with it."""
    try:
        claims = jwt.decode(token, key, algorithms=[ALGORITHM], options={"require": ["sub", "exp"]})
    except jwt.ExpiredSignatureError:
        raise AuthError("the bearer token has expired; ask for a new one") from None
    except jwt.InvalidSignatureError:
        raise AuthError("the bearer token's signature is not valid") from None
    except jwt.InvalidTokenError as exc:
        raise AuthError(f"the bearer token is not valid: {exc}") from None
    if not claims["sub"]:
        raise AuthError("the bearer token names no user (sub)")
    return claims["sub"]
