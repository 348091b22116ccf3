"""Bodies over 64 KB are refused with 413, whether declared or streamed, and store nothing."""

from __future__ import annotations

import json

from app.api.limits import MAX_BODY_BYTES
from tests.app.api.live import assert_error

JSON = {"Content-Type": "application/json"}


def body_of(size: int) -> bytes:
    """A chat body of exactly ``size`` bytes."""
    frame = json.dumps({"message": ""}).encode()
    return json.dumps({"message": "v" * (size - len(frame))}).encode()


def chunks(data: bytes, size: int = 8192):
    for start in range(0, len(data), size):
        yield data[start : start + size]


def test_a_declared_length_over_the_limit_is_refused(alice, store):
    response = alice.post("/chat", content=body_of(MAX_BODY_BYTES + 1), headers=JSON)
    assert "over 65536 bytes" in assert_error(response, 413, "body_too_large")
    assert store.stats()["active_sessions"] == 0


def test_a_streamed_body_over_the_limit_is_refused(alice, store):
    data = body_of(MAX_BODY_BYTES + 1)
    response = alice.post("/chat", content=chunks(data), headers=JSON)
    assert "transfer-encoding" in response.request.headers  # no Content-Length was sent
    assert_error(response, 413, "body_too_large")
    assert store.stats()["active_sessions"] == 0


def test_a_body_at_the_limit_is_read(alice):
    response = alice.post("/chat", content=body_of(MAX_BODY_BYTES), headers=JSON)
    assert_error(response, 422, "message_too_long")  # read and judged, not refused for size


def test_a_streamed_body_under_the_limit_is_read(alice):
    data = body_of(20_000)
    response = alice.post("/chat", content=chunks(data), headers=JSON)
    assert_error(response, 422, "message_too_long")
