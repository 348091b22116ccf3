"""A store that cannot be used: the app refuses to start on it, and a running server answers
503 ``store_unavailable`` (never 500), names no path, and writes nothing more. A stored row
that cannot be read is 503 too, on the routes that read it, naming the row but not its text."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from functools import partial
from pathlib import Path

import httpx
import pytest

from app.api import errors
from app.api.main import create_app
from scripts.chat import StoreUnavailableError
from scripts.chat.migrate_sessions import NotASessionStoreError
from tests.app.api.live import assert_error, client_for, make_settings, serving, start
from tests.app.api.routes import ROUTES, Conversation
from tests.faults import (
    UNREACHABLE_PG,
    damage,
    fill,
    mounted_read_only,
    populated,
    read_only,
    refuse_writes,
    refusing_connections,
    run_sql,
    small_disk,
    writable_again,
)


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


def test_the_app_refuses_to_start_on_another_programs_database(tmp_path, demo_index):
    index_as_store = shutil.copy(demo_index, tmp_path / "index.db")
    settings = make_settings(tmp_path, demo_index, store_url=str(index_as_store))
    before = index_as_store.read_bytes()
    with pytest.raises(NotASessionStoreError, match="other tables"):
        start(create_app(settings))
    assert index_as_store.read_bytes() == before


def test_the_app_refuses_to_start_on_a_postgres_server_that_does_not_answer(tmp_path, demo_index):
    with pytest.raises(StoreUnavailableError, match="cannot connect"):
        start(create_app(make_settings(tmp_path, demo_index, store_url=UNREACHABLE_PG)))


# Longer than a request waits for a PostgreSQL connection (the pool's 30 s) before its 503.
WAIT_SECONDS = 60
STORE_ROUTES = {str(route) for route in ROUTES if route.store}
WRITES = {str(route) for route in ROUTES if route.store == "write"}


def test_the_walk_takes_every_route_the_api_publishes():
    published = {
        (method.upper(), path)
        for path, methods in create_app().openapi()["paths"].items()
        for method in methods
    }
    walked = {(route.method, route.route) for route in ROUTES}
    assert published <= walked
    assert {("GET", "/"), ("GET", "/static")} <= walked  # the page, outside the schema


def walk(
    url: str, fault: Callable[[], object], failing: set[str], says: str, tmp_path: Path
) -> None:
    """Start a conversation, make the ``fault``, then ask every route at once (a store that
    does not answer keeps each waiting): those in ``failing`` answer 503 saying ``says`` and
    naming no path, every other one as usual."""
    with client_for(url, "alice") as alice:
        conversation = Conversation.started(alice)
        fault()
        alice.timeout = httpx.Timeout(WAIT_SECONDS)
        with ThreadPoolExecutor(len(ROUTES)) as pool:
            responses = list(pool.map(lambda route: conversation.request(alice, route), ROUTES))
    for route, response in zip(ROUTES, responses, strict=True):
        if str(route) in failing:
            code = "unavailable" if route.path == "/healthz" else "store_unavailable"
            message = assert_error(response, 503, code)
            assert "the session store cannot be used" in message, (str(route), message)
            assert says in message and str(tmp_path) not in message, (str(route), message)
        else:
            assert response.status_code < 300, (str(route), response.text)


def test_a_store_damaged_under_a_running_server_is_503_on_every_route_that_uses_it(
    tmp_path, demo_index, caplog
):
    settings = make_settings(tmp_path, demo_index)
    path = Path(settings.store_url)
    populated(path)
    errors.log.addHandler(caplog.handler)
    try:
        with serving(create_app(settings)) as url:
            walk(url, lambda: damage(path), STORE_ROUTES, "malformed", tmp_path)
    finally:
        errors.log.removeHandler(caplog.handler)
    logged = [getattr(record, "fields", {}) for record in caplog.records]
    assert any(found.get("where") == str(path) for found in logged)  # the log says which file


def test_a_store_made_read_only_under_a_running_server_is_503_on_every_write(tmp_path, demo_index):
    settings = make_settings(tmp_path, demo_index)
    path = Path(settings.store_url)
    populated(path, sessions=2)
    with serving(create_app(settings)) as url:
        try:
            walk(url, lambda: read_only(path), WRITES, "readonly", tmp_path)
        finally:
            writable_again(path)


def test_a_full_disk_under_a_running_server_is_503_on_every_write(tmp_path, demo_index):
    with small_disk(tmp_path / "disk") as disk:
        settings = make_settings(tmp_path, demo_index, store_url=str(disk / "sessions.db"))
        with serving(create_app(settings)) as url:
            # Sharing a session shared already writes nothing, so it still answers.
            failing = WRITES - {"POST /sessions/{session}/share"}
            walk(url, lambda: fill(disk), failing, "disk is full", tmp_path)


def test_the_app_refuses_to_start_on_a_full_or_read_only_file_system(tmp_path, demo_index):
    with small_disk(tmp_path / "disk") as disk:
        settings = make_settings(tmp_path, demo_index, store_url=str(disk / "sessions.db"))
        populated(disk / "sessions.db", sessions=2)
        fill(disk)
        with pytest.raises(StoreUnavailableError, match="disk is full"):
            start(create_app(settings))
        (disk / "filler").unlink()
        mounted_read_only(disk)
        with pytest.raises(StoreUnavailableError, match="readonly|read-only"):
            start(create_app(settings))


@pytest.mark.postgres
def test_a_postgres_store_that_refuses_writes_is_503_on_every_write(
    tmp_path, demo_index, pg_location
):
    settings = make_settings(tmp_path, demo_index, store_url=pg_location)
    with serving(create_app(settings)) as url:
        walk(url, lambda: refuse_writes(pg_location), WRITES, "read-only", tmp_path)


@pytest.mark.postgres
def test_a_postgres_server_gone_under_a_running_server_is_503_on_every_route_that_uses_it(
    tmp_path, demo_index, pg_server, pg_location
):
    settings = make_settings(tmp_path, demo_index, store_url=pg_location)
    with serving(create_app(settings)) as url, ExitStack() as stack:
        gone = partial(stack.enter_context, refusing_connections(pg_location, pg_server))
        walk(url, gone, STORE_ROUTES, "no database connection", tmp_path)


# How a stored row goes bad, on each backend (None: the backend's types cannot hold it), and
# the routes that read the bad value: they answer 503 naming the row, every other route works.
READS_MESSAGES = {
    "GET /sessions/{session}",
    "GET /sessions/{session}/messages",
    "GET /sessions/{session}/export?format=ris",
    "GET /sessions/{session}/messages/{answer}/export?format=bibtex",
    "GET /sessions/{session}/messages/{answer}/facets?names=place",
    "GET /shared/{share}",
}
READS_SESSION = {
    "GET /sessions",
    "GET /sessions/{session}",
    "PATCH /sessions/{session}",
    "GET /sessions/{session}/export?format=ris",
    "GET /sessions/{session}/messages/{answer}/export?format=bibtex",
    "GET /sessions/{session}/messages/{answer}/facets?names=place",
    "GET /shared/{share}",
}
CORRUPT_ROWS = {
    "a plan that is not JSON": (
        "UPDATE chat_messages SET query_plan = 'not json' WHERE role = 'user'",
        None,
        READS_MESSAGES,
    ),
    "a result set that does not fit its model": (
        "UPDATE chat_messages SET candidate_set = x'00ff00' WHERE role = 'assistant'",
        """UPDATE chat_messages SET candidate_set = '{"total_count": "many"}'"""
        " WHERE role = 'assistant'",
        READS_MESSAGES,
    ),
    "a message time that is not a time": (
        "UPDATE chat_messages SET timestamp = 'yesterday'",
        None,
        READS_MESSAGES | {"PATCH /sessions/{session}"},
    ),
    "a session time that is not a time": (
        "UPDATE chat_sessions SET created_at = 'soon'",
        None,
        READS_SESSION,
    ),
    "a context that is not a JSON object": (
        "UPDATE chat_sessions SET context = '[1]'",
        "UPDATE chat_sessions SET context = '[1]'",
        READS_SESSION | {"POST /chat"},
    ),
    "metadata that is not JSON": (
        "UPDATE chat_sessions SET metadata = '{title'",
        None,
        READS_SESSION | {"POST /chat"},
    ),
    "a context no Colophon writes": (
        """UPDATE chat_sessions SET context = '{"plan": "Venice", "turn": 1}'""",
        """UPDATE chat_sessions SET context = '{"plan": "Venice", "turn": 1}'""",
        {"POST /chat"},
    ),
}


def walk_with_a_corrupt_row(location: str, index: Path, tmp_path: Path, case: str) -> None:
    sqlite_statement, postgres_statement, fails = CORRUPT_ROWS[case]
    statement = postgres_statement if location.startswith("postgresql://") else sqlite_statement
    app = create_app(make_settings(tmp_path, index, store_url=location))
    with serving(app) as url, client_for(url, "alice") as alice:
        conversation = Conversation.started(alice)
        run_sql(location, statement)
        for route in ROUTES:
            response = conversation.request(alice, route)
            if str(route) in fails:
                message = assert_error(response, 503, "store_unavailable")
                assert " row " in message and "cannot be read" in message, message
                assert "Venice" not in message and "many" not in message  # not the row's text
            else:
                assert response.status_code < 300, (str(route), response.text)


@pytest.mark.parametrize("case", list(CORRUPT_ROWS))
def test_a_row_that_cannot_be_read_is_503_on_the_routes_that_read_it(tmp_path, demo_index, case):
    walk_with_a_corrupt_row(str(tmp_path / "sessions.db"), demo_index, tmp_path, case)


@pytest.mark.postgres
@pytest.mark.parametrize("case", [case for case, faults in CORRUPT_ROWS.items() if faults[1]])
def test_a_postgres_row_that_cannot_be_read_is_503_on_the_routes_that_read_it(
    tmp_path, demo_index, pg_location, case
):
    walk_with_a_corrupt_row(pg_location, demo_index, tmp_path, case)


def test_the_log_has_the_whole_problem_with_a_corrupt_row(tmp_path, demo_index, caplog):
    settings = make_settings(tmp_path, demo_index)
    errors.log.addHandler(caplog.handler)
    try:
        with serving(create_app(settings)) as url, client_for(url, "alice") as alice:
            conversation = Conversation.started(alice)
            run_sql(settings.store_url, CORRUPT_ROWS["a plan that is not JSON"][0])
            assert_error(alice.get(f"/sessions/{conversation.session}"), 503, "store_unavailable")
    finally:
        errors.log.removeHandler(caplog.handler)
    logged = next(getattr(r, "fields", {}) for r in caplog.records if r.name == errors.log.name)
    assert logged["error"] == "CorruptRowError"
    assert logged["detail"].startswith(f"chat_messages row {conversation.answer - 1}: unreadable")
