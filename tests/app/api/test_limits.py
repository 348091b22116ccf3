"""Bodies over 64 KB are refused with 413, whether declared or streamed, and store nothing;
headers over 16 KB, and headers or bodies that come too slowly, are refused too."""

from __future__ import annotations

import json
import socket

import httpx
import pytest

from app.api import limits
from app.api.limits import MAX_BODY_BYTES, MAX_HEADER_BYTES, HeaderDeadline
from app.api.main import create_app
from tests.app.api.live import assert_error, serving

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


class QuickHeaders(HeaderDeadline):
    seconds = 0.3


def raw_exchange(url: str, data: bytes, then: bytes = b"") -> bytes:
    """Send ``data`` (then, a moment later, ``then``) on a new connection; all it answers
    until the server closes it."""
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
            if then:
                sock.sendall(then)
                then = b""
    return answer


def test_headers_over_the_limit_are_refused_before_the_app(base_url, store):
    big = b"x" * (MAX_HEADER_BYTES + 1)
    answer = raw_exchange(base_url, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + big)
    assert answer.startswith(b"HTTP/1.1 400")
    small = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Small: abc\r\n\r\n"
    assert raw_exchange(base_url, small).startswith(b"HTTP/1.1 200")


@pytest.fixture
def quick_url(settings):
    with serving(create_app(settings), http=QuickHeaders) as url:
        yield url


def test_a_connection_whose_headers_trickle_in_is_closed(quick_url):
    answer = raw_exchange(quick_url, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    assert answer == b""  # closed without an answer: the request never finished


def test_an_idle_kept_alive_connection_gets_the_same_deadline(quick_url):
    first = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    answer = raw_exchange(quick_url, first, then=b"GET /healthz HTTP/1.1\r\n")
    assert answer.count(b"HTTP/1.1 200") == 1 and answer.endswith(b"}")


def test_headers_in_time_are_answered_however_slow_the_deadline(quick_url):
    with httpx.Client(base_url=quick_url) as client:
        for _ in range(3):  # one kept-alive connection
            assert client.get("/healthz").status_code == 200


def test_a_body_that_trickles_in_is_refused_with_408(settings, store, monkeypatch):
    monkeypatch.setattr(limits, "BODY_SECONDS", 0.3)
    with serving(create_app(settings)) as url:
        head = (
            b"POST /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: 60\r\n\r\n"
        )
        answer = raw_exchange(url, head + b'{"message": "books')
    status, _, body = answer.partition(b"\r\n\r\n")
    assert status.startswith(b"HTTP/1.1 408")
    assert json.loads(body)["error"]["code"] == "request_timeout"
    assert store.stats()["active_sessions"] == 0
