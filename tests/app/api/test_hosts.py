"""Which Host names the server answers to: loopback only in local mode (no DNS rebinding)."""

from __future__ import annotations

import asyncio
import socket

import pytest

from app.api.hosts import host_name
from app.api.main import create_app
from app.api.tokens import AuthConfigError
from tests.app.api.live import assert_error, client_for, make_settings, serving

LOOPBACK_HOSTS = [
    "localhost",
    "localhost:8000",
    "LOCALHOST:1",
    "127.0.0.1",
    "127.0.0.1:80",
    "[::1]",
    "[::1]:8000",
]
FOREIGN_HOSTS = [
    "attacker.example",
    "attacker.example:8000",
    "localhost.attacker.example",
    "127.0.0.1.nip.io",
    "0.0.0.0:8000",
]
PATHS = ["/", "/static/app.js", "/healthz", "/metrics", "/sessions", "/sessions/", "/nowhere"]


@pytest.fixture
def local_url(tmp_path, demo_index):
    with serving(create_app(make_settings(tmp_path, demo_index, jwt_secret=None))) as url:
        yield url


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("localhost", "localhost"),
        ("LocalHost:8000", "localhost"),
        ("[::1]:8000", "::1"),
        ("[::1]", "::1"),
        ("books.example.org:443", "books.example.org"),
        ("", ""),
    ],
)
def test_host_name_drops_the_port_and_brackets(header, name):
    assert host_name(header) == name


@pytest.mark.parametrize("host", LOOPBACK_HOSTS)
def test_local_mode_answers_loopback_host_names(local_url, host):
    with client_for(local_url, None) as client:
        assert client.get("/sessions", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", FOREIGN_HOSTS)
@pytest.mark.parametrize("path", PATHS)
def test_local_mode_refuses_any_other_host_name(local_url, host, path):
    with client_for(local_url, None) as client:
        response = client.get(path, headers={"Host": host})
        assert "COLOPHON_ALLOWED_HOSTS" in assert_error(response, 400, "host_not_allowed")
        assert "location" not in response.headers
        assert host.split(":")[0] not in response.text  # the untrusted name is not echoed


def test_a_request_without_host_is_refused(local_url):
    port = int(local_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET /sessions HTTP/1.0\r\n\r\n")
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 400") and b"host_not_allowed" in answer


def test_a_trailing_slash_is_not_found_rather_than_redirected(local_url):
    with client_for(local_url, None) as client:
        response = client.get("/sessions/", headers={"Host": "localhost:8000"})
        assert_error(response, 404, "not_found")
        assert "location" not in response.headers


def test_token_mode_answers_only_loopback_names_by_default(tmp_path, demo_index):
    app = create_app(make_settings(tmp_path, demo_index))
    with serving(app) as url, client_for(url, "alice") as alice:
        assert alice.get("/sessions", headers={"Host": "localhost:8000"}).status_code == 200
        refused = alice.get("/sessions", headers={"Host": "books.example.org"})
        assert_error(refused, 400, "host_not_allowed")


def test_token_mode_answers_the_configured_names(tmp_path, demo_index):
    settings = make_settings(
        tmp_path, demo_index, allowed_hosts="books.example.org, API.example.org"
    )
    with serving(create_app(settings)) as url, client_for(url, "alice") as alice:
        for host in ["books.example.org", "api.example.org:8443", "localhost"]:
            assert alice.get("/sessions", headers={"Host": host}).status_code == 200, host
        for host in ["example.org", "www.books.example.org", "attacker.example"]:
            assert_error(alice.get("/sessions", headers={"Host": host}), 400, "host_not_allowed")


def test_token_mode_with_a_star_answers_any_name(tmp_path, demo_index):
    settings = make_settings(tmp_path, demo_index, allowed_hosts="*")
    with serving(create_app(settings)) as url, client_for(url, "alice") as alice:
        assert alice.get("/sessions", headers={"Host": "anything.example"}).status_code == 200


def started(app) -> None:
    async def start() -> None:
        async with app.router.lifespan_context(app):
            pass

    asyncio.run(start())


@pytest.mark.parametrize("allowed", ["books.example.org", "*", "localhost, books.example.org"])
def test_local_mode_refuses_to_start_with_other_allowed_hosts(tmp_path, demo_index, allowed):
    settings = make_settings(tmp_path, demo_index, jwt_secret=None, allowed_hosts=allowed)
    with pytest.raises(AuthConfigError, match="COLOPHON_ALLOWED_HOSTS"):
        started(create_app(settings))
    started(create_app(make_settings(tmp_path, demo_index, allowed_hosts=allowed)))


def test_local_mode_starts_with_loopback_allowed_hosts(tmp_path, demo_index):
    allowed = "localhost, 127.0.0.1, [::1]"
    started(create_app(make_settings(tmp_path, demo_index, jwt_secret=None, allowed_hosts=allowed)))
