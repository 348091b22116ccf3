"""``colophon serve`` and ``colophon token``: refusals in process, a real server in a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import jwt
import pytest
from typer.testing import CliRunner

from app.api.metrics import LATENCY
from app.cli import app
from tests.app.api.test_metrics import samples, value
from tests.faults import UNREACHABLE_PG, damage, populated, read_only, writable_again

runner = CliRunner()
SECRET = "cli-test-secret-long-enough-for-hs256-signing"


@pytest.fixture
def env(tmp_path, monkeypatch, demo_index):
    monkeypatch.setenv("COLOPHON_STORE_URL", str(tmp_path / "sessions.db"))
    monkeypatch.setenv("COLOPHON_INDEX_DB", str(demo_index))
    for name in ("COLOPHON_JWT_SECRET", "COLOPHON_STORE_URL", "COLOPHON_ALLOWED_HOSTS"):
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


@pytest.mark.parametrize(
    ("user", "says"),
    [
        ("   ", "must not be blank"),
        ("x" * 129, "at most 128 characters"),
        ("tab\there", "printable"),
        ("lone \ud800", "printable"),
        ("local", "reserved for local mode"),
    ],
)
def test_token_refuses_a_user_id_no_token_may_carry(env, monkeypatch, user, says):
    monkeypatch.setenv("COLOPHON_JWT_SECRET", SECRET)
    result = runner.invoke(app, ["token", "--user", user])
    assert result.exit_code == 1 and says in result.stderr and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10"])
def test_local_mode_refuses_to_listen_beyond_loopback(env, host):
    result = runner.invoke(app, ["serve", "--host", host])
    assert result.exit_code == 1
    assert (
        f"refusing to listen on {host}" in result.stderr and "COLOPHON_JWT_SECRET" in result.stderr
    )
    assert not (env / "sessions.db").exists()


def test_local_mode_refuses_allowed_hosts_beyond_loopback(env, monkeypatch):
    monkeypatch.setenv("COLOPHON_ALLOWED_HOSTS", "books.example.org")
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 1 and "COLOPHON_ALLOWED_HOSTS" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (env / "sessions.db").exists()


def unusable_store(env: Path, fault: str) -> str:
    path = env / "served.db"
    if fault == "a directory":
        path.mkdir()
    elif fault == "damaged":
        populated(path)
        damage(path)
    elif fault == "read-only":
        populated(path, sessions=2)
        read_only(path)
    else:
        return UNREACHABLE_PG
    return str(path)


@pytest.mark.parametrize(
    ("fault", "says"),
    [
        ("a directory", "is a directory"),
        ("damaged", "failed"),
        ("read-only", "readonly"),
        ("unreachable", "127.0.0.1:9"),
    ],
)
def test_serve_refuses_a_store_it_cannot_use_in_one_line(env, fault, says):
    store = unusable_store(env, fault)
    try:
        result = runner.invoke(app, ["serve", "--store", store])
    finally:
        if fault == "read-only":
            writable_again(Path(store))
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Error: ") and "session store" in line and says in line


def test_serve_in_local_mode_refuses_a_share_key_it_cannot_use_in_one_line(env):
    (env / "share.key").mkdir()
    result = runner.invoke(app, ["serve", "--store", str(env / "sessions.db")])
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = [line for line in result.stderr.strip().splitlines() if "Created" not in line]
    assert line.startswith("Error: share links cannot be signed") and "Is a directory" in line
    assert str(env / "share.key") in line and "COLOPHON_JWT_SECRET" in line


def test_serve_refuses_a_short_secret(env, monkeypatch):
    monkeypatch.setenv("COLOPHON_JWT_SECRET", "short")
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 1 and "at least 32 characters" in result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(tmp_path: Path, demo_index: Path, workers: int) -> Iterator[tuple[str, dict]]:
    """``colophon serve`` in a subprocess with a token secret, its temporary files in
    ``tmp_path/tmp``; yields its URL and the auth headers, and after the block its output."""
    port, store, temp = free_port(), tmp_path / "served.db", tmp_path / "tmp"
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COLOPHON_", "PROMETHEUS"))}
    env |= {"COLOPHON_JWT_SECRET": SECRET, "TMPDIR": str(temp)}
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port)]
    command += ["--workers", str(workers), "--store", f"sqlite:///{store}", "--db", str(demo_index)]
    server = subprocess.Popen(
        command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    output: dict = {}
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if httpx.get(f"{url}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        token = jwt.encode({"sub": "alice", "exp": time.time() + 60}, SECRET)
        yield url, {"Authorization": f"Bearer {token}"}, output
    finally:
        server.terminate()
        output["out"], output["err"] = server.communicate(timeout=30)
        output["code"] = server.returncode


def test_serve_with_two_workers_shares_one_store(tmp_path, demo_index):
    with served(tmp_path, demo_index, workers=2) as (url, headers, output):
        ids = {
            httpx.post(
                f"{url}/chat", json={"message": "books printed in Venice"}, headers=headers
            ).json()["session_id"]
            for _ in range(6)
        }
        listed = httpx.get(f"{url}/sessions", headers=headers).json()["sessions"]
        assert {s["session_id"] for s in listed} == ids and len(ids) == 6
    assert f"Colophon at {url}/" in output["out"]
    assert (tmp_path / "served.db").exists() and not Path(tmp_path / "data").exists()


@pytest.mark.parametrize("workers", [1, 2])
def test_metrics_add_up_over_every_worker(tmp_path, demo_index, workers):
    requests = 24
    with served(tmp_path, demo_index, workers) as (url, headers, output):
        for _ in range(requests):  # a new connection each, so the workers share them
            assert httpx.get(f"{url}/sessions", headers=headers).status_code == 200
        for _ in range(6):  # whichever worker answers the scrape, it counts them all
            found = samples(httpx.get(f"{url}/metrics").text)
            labels = {"route": "/sessions", "method": "GET", "status": "200"}
            assert value(found, f"{LATENCY}_count", **labels) == requests
            assert value(found, f"{LATENCY}_bucket", **labels, le="+Inf") == requests
        (metrics_dir,) = (tmp_path / "tmp").glob("colophon-metrics-*")
        assert list(metrics_dir.glob("*.db"))  # the workers write their figures there
    assert output["code"] == 0
    assert list((tmp_path / "tmp").iterdir()) == []  # and it is gone once the server stops
