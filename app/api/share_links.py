"""Share links: ``/shared/<share id>.<signature>``, free of any web framework.

The share id comes from the session store, which can revoke it; the signature (HMAC-SHA256
of the id) proves the link was made by this server, so a guessed or altered link is refused
before the store is asked. The key is ``COLOPHON_JWT_SECRET``; in local mode, which has no
secret, a random key kept in ``share.key`` beside the SQLite session store (with a PostgreSQL
store, in ``data/chat``), created once by whichever worker gets there first. The app reads it
as it starts, so a key file it cannot use stops the start. Changing the key invalidates every
link.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from contextlib import suppress
from functools import cache
from pathlib import Path

from app.settings import Settings
from scripts.chat.session_store import DEFAULT_LOCATION, parse_location

KEY_FILE = "share.key"
KEY_BYTES = 32
_CONTEXT = b"colophon share link:"


class ShareKeyError(RuntimeError):
    """The local key file cannot be read or written, so no link can be made or checked."""

    def __init__(self, path: Path, exc: OSError) -> None:
        why = exc.strerror or type(exc).__name__
        super().__init__(f"share links cannot be signed: the key file cannot be used ({why})")
        self.where = str(path)


class ShareNotFoundError(LookupError):
    """A share link that is malformed, altered, unknown or revoked."""

    def __init__(self) -> None:
        super().__init__("no such shared conversation: the link is wrong, or was revoked")


def share_key(settings: Settings) -> bytes:
    """The key that signs share links; ``ShareKeyError`` when the local key file cannot be
    used (a directory in its place, a full or read-only disk)."""
    if settings.jwt_secret is not None:
        return settings.jwt_secret.get_secret_value().encode()
    store = parse_location(settings.store_url)
    folder = store.parent if isinstance(store, Path) else Path(DEFAULT_LOCATION).parent
    path = folder.resolve() / KEY_FILE
    try:
        return _local_key(path)
    except OSError as exc:
        raise ShareKeyError(path, exc) from exc


def link_token(share_id: str, key: bytes) -> str:
    """The token of a share's link: its id and signature."""
    return f"{share_id}.{_signature(share_id, key)}"


def share_id_of(token: str, key: bytes) -> str:
    """The share id a token carries; raises ShareNotFoundError unless this server signed it."""
    share_id, dot, signature = token.rpartition(".")
    expected = _signature(share_id, key).encode()
    if not dot or not share_id or not hmac.compare_digest(signature.encode(), expected):
        raise ShareNotFoundError()
    return share_id


def _signature(share_id: str, key: bytes) -> str:
    digest = hmac.new(key, _CONTEXT + share_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@cache
def _local_key(path: Path) -> bytes:
    """The key in ``path``, made first if there is none: written whole to a temporary file,
    then linked into place, so every process reads the same complete key."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(secrets.token_bytes(KEY_BYTES))
                handle.flush()
                os.fsync(handle.fileno())
            with suppress(FileExistsError):  # another process made it first: use theirs
                os.link(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
    return path.read_bytes()
