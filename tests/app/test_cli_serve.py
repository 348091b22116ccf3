"""``colophon serve`` and ``colophon token``: refusals in process, a real server in a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import jwt
import pytest
from typer.testing import CliRunner

from app.cli import app

runner = CliRunner()
SECRET = "cli-test-secret-long-enough-for-hs256-signing"


@pytest.fixture
def env(tmp_path, monkeypatch, demo_index):
    monkeypatch.setenv("COLOPHON_STORE_URL", str(tmp_path / "sessions.db"))
    monkeypatch.setenv("COLOPHON_INDEX_DB", str(demo_index))
    for name in ("COLOPHON_JWT_SECRET", "COLOPHON_STORE_URL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_token_prints_one_token_naming_the_user(env, monkeypatch):
    monkeypatch.setenv("COLOPHON_JWT_SECRET", SECRET)
    result = runner.invoke(app, ["token", "--user", "alice", "--hours", "2"])
    assert result.exit_code == 0, result.output
    (token,) = result.stdout.splitlines()
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    assert claims["sub"] == "alice" and claims["exp"] - claims["iat"] == 7200


@pytest.mark.parametrize(
    ("secret", "says"),
    [(None, "COLOPHON_JWT_SECRET is not set"), ("short", "at least 32 characters")],
)
def test_token_needs_a_good_secret(env, monkeypatch, secret, says):
    if secret:
        monkeypatch.setenv("COLOPHON_JWT_SECRET", secret)
    result = runner.invoke(app, ["token", "--user", "alice"])
    assert result.exit_code == 1 and says in result.stderr and result.stdout == ""


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10"])
def test_local_mode_refuses_to_listen_beyond_loopback(env, host):
    result = runner.invoke(app, ["serve", "--host", host])
    assert result.exit_code == 1
    assert (
        f"refusing to listen on {host}" in result.stderr and "COLOPHON_JWT_SECRET" in result.stderr
    )
    assert not (env / "sessions.db").exists()


def test_serve_refuses_a_short_secret(env, monkeypatch):
    monkeypatch.setenv("COLOPHON_JWT_SECRET", "short")
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 1 and "at least 32 characters" in result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_with_two_workers_shares_one_store(tmp_path, demo_index):
    port, store = free_port(), tmp_path / "served.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("COLOPHON_")}
    env["COLOPHON_JWT_SECRET"] = SECRET
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--workers", "2"]
    command += ["--store", f"sqlite:///{store}", "--db", str(demo_index)]
    server = subprocess.Popen(
        command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if httpx.get(f"{url}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        token = jwt.encode({"sub": "alice", "exp": time.time() + 60}, SECRET)
        headers = {"Authorization": f"Bearer {token}"}
        ids = {
            httpx.post(
                f"{url}/chat", json={"message": "books printed in Venice"}, headers=headers
            ).json()["session_id"]
            for _ in range(6)
        }
        listed = httpx.get(f"{url}/sessions", headers=headers).json()["sessions"]
        assert {s["session_id"] for s in listed} == ids and len(ids) == 6
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert f"Colophon at http://127.0.0.1:{port}/" in out
    assert store.exists() and not Path(tmp_path / "data").exists()
