"""A store that cannot be used: the app refuses to start on it, and a running server answers
503 ``store_unavailable`` (never 500), names no path, and writes nothing more."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from app.api import errors
from app.api.main import create_app
from scripts.chat import StoreUnavailableError
from tests.app.api.live import assert_error, client_for, make_settings, serving
from tests.faults import (
    UNREACHABLE_PG,
    damage,
    populated,
    read_only,
    refuse_writes,
    writable_again,
)

TURN = {"message": "books printed in Venice"}


def start(app) -> None:
    async def run() -> None:
        async with app.router.lifespan_context(app):
            pass

    asyncio.run(run())


def directory(path: Path) -> None:
    path.mkdir()


def damaged(path: Path) -> None:
    populated(path)
    damage(path)


@pytest.mark.parametrize("fault", [directory, damaged])
def test_the_app_refuses_to_start_on_an_unusable_sqlite_store(tmp_path, demo_index, fault):
    settings = make_settings(tmp_path, demo_index)
    fault(Path(settings.store_url))
    with pytest.raises(StoreUnavailableError):
        start(create_app(settings))


def test_the_app_refuses_to_start_on_a_postgres_server_that_does_not_answer(tmp_path, demo_index):
    with pytest.raises(StoreUnavailableError, match="cannot connect"):
        start(create_app(make_settings(tmp_path, demo_index, store_url=UNREACHABLE_PG)))


def assert_unavailable(url: str, says: str, tmp_path: Path) -> None:
    """Every store route answers 503 store_unavailable saying ``says``; /healthz 503 too."""
    with client_for(url, "alice") as alice:
        for method, path, body in [
            ("POST", "/chat", TURN),
            ("POST", "/sessions", {"title": "t"}),
        ]:
            response = alice.request(method, path, json=body)
            message = assert_error(response, 503, "store_unavailable")
            assert says in message and str(tmp_path) not in message
        health = assert_error(alice.get("/healthz"), 503, "unavailable")
        assert "the session store cannot be used" in health and str(tmp_path) not in health


def test_a_store_damaged_under_a_running_server_is_503_and_takes_no_more_turns(
    tmp_path, demo_index, caplog
):
    settings = make_settings(tmp_path, demo_index)
    path = Path(settings.store_url)
    populated(path)
    errors.log.addHandler(caplog.handler)
    try:
        with serving(create_app(settings)) as url:
            damage(path)
            assert_unavailable(url, "malformed", tmp_path)
            with client_for(url, "alice") as alice:
                assert_error(alice.get("/sessions"), 503, "store_unavailable")
    finally:
        errors.log.removeHandler(caplog.handler)
    logged = [getattr(record, "fields", {}) for record in caplog.records]
    assert any(found.get("where") == str(path) for found in logged)  # the log says which file


def test_a_store_made_read_only_under_a_running_server_is_503(tmp_path, demo_index):
    settings = make_settings(tmp_path, demo_index)
    path = Path(settings.store_url)
    populated(path, sessions=2)
    with serving(create_app(settings)) as url:
        read_only(path)
        try:
            assert_unavailable(url, "readonly", tmp_path)
        finally:
            writable_again(path)


@pytest.mark.postgres
def test_a_postgres_store_that_refuses_writes_is_503_and_still_reads(
    tmp_path, demo_index, pg_location
):
    settings = make_settings(tmp_path, demo_index, store_url=pg_location)
    with serving(create_app(settings)) as url:
        with client_for(url, "alice") as alice:
            assert alice.post("/chat", json=TURN).status_code == 200
        refuse_writes(pg_location)
        assert_unavailable(url, "read-only", tmp_path)
        with client_for(url, "alice") as alice:
            assert len(alice.get("/sessions").json()["sessions"]) == 1
