"""A live API for tests: a real uvicorn server on a free loopback port, clients, checks."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn
from fastapi import FastAPI

from app.api.limits import SERVER_OPTIONS
from app.api.tokens import issue_token
from app.settings import Settings

STARTUP_SECONDS = 20
SECRET = "test-secret-that-is-long-enough-for-hs256"


@contextmanager
def serving(app: FastAPI, **options: object) -> Iterator[str]:
    """Run ``app`` with ``colophon serve``'s server options (or these) until the block ends;
    yield its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(
        app, log_level="warning", lifespan="on", **{**SERVER_OPTIONS, **options}
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the test server did not start; see the log above")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(STARTUP_SECONDS)
        sock.close()


def start(app: FastAPI) -> None:
    """Run the app's start-up and shut-down, without a server: raises what start-up raises."""

    async def run() -> None:
        async with app.router.lifespan_context(app):
            pass

    asyncio.run(run())


def make_settings(tmp_path: Path, index: Path, **overrides: object) -> Settings:
    values = {
        "store_url": str(tmp_path / "sessions.db"),
        "index_db": index,
        "jwt_secret": SECRET,
    }
    return Settings(**{**values, **overrides})


def client_for(base_url: str, user: str | None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {issue_token(SECRET, user, 1)}"} if user else {}
    return httpx.Client(base_url=base_url, headers=headers, timeout=30)


def assert_error(response: httpx.Response, status: int, code: str) -> str:
    """The response is the API's one error shape with this status and code; its message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]
    return body["error"]["message"]
