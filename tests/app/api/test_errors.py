"""Every rejection has one JSON shape, is never a 500, and stores nothing."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.api import errors
from app.api.main import create_app
from app.api.schemas import ErrorBody
from scripts.chat import SessionStore
from tests.app.api.live import assert_error, client_for, make_settings, serving
from tests.app.api.routes import JSON_ACCEPT, PARAMETERS, ROUTES, Conversation, Route

JSON = {"Content-Type": "application/json"}
VALID = '{"message": "books printed in Venice"}'
PAGE = 4096

BAD_CHAT_BODIES = [
    ('{"message": "hi", "colour": "red"}', 422, "invalid_request", "colour: Extra inputs"),
    ('{"message": 5}', 422, "invalid_request", "message: Input should be a valid string"),
    ('{"message": null}', 422, "invalid_request", "message"),
    ("{}", 422, "invalid_request", "message: Field required"),
    ('{"message": ""}', 422, "invalid_request", "at least 1 character"),
    ('{"message": "   "}', 422, "invalid_request", "message: Value error, must not be blank"),
    ('{"message": " \\n\\t\\r\\n "}', 422, "invalid_request", "must not be blank"),
    ('{"message": "a\\u0000b"}', 422, "invalid_request", "NUL"),
    ('{"message": "a\\ud800"}', 422, "invalid_request", "unicode"),
    ('{"message": "hi", "session_id": "not/a session"}', 422, "invalid_request", "session_id"),
    ('{"message": "hi", "session_id": 7}', 422, "invalid_request", "session_id"),
    ('["books printed in Venice"]', 422, "invalid_request", "valid dictionary"),
    ('"books printed in Venice"', 422, "invalid_request", "valid dictionary"),
    ('{"message": "hi"', 400, "invalid_json", "not valid JSON"),
    ("message=hi", 400, "invalid_json", "not valid JSON"),
    (b'{"message": "\xff\xfe"}', 400, "invalid_json", "utf-8"),
    ("x" * 5000, 400, "invalid_json", "not valid JSON"),
]


def test_the_error_shape_is_pinned():
    assert ErrorBody.model_json_schema()["properties"] == {"error": {"$ref": "#/$defs/ErrorDetail"}}
    assert list(ErrorBody.model_json_schema()["$defs"]["ErrorDetail"]["properties"]) == [
        "code",
        "message",
    ]


@pytest.mark.parametrize(("body", "status", "code", "says"), BAD_CHAT_BODIES)
def test_a_bad_chat_body_is_refused_and_stores_nothing(alice, store, body, status, code, says):
    response = alice.post("/chat", content=body, headers=JSON)
    assert says in assert_error(response, status, code)
    assert store.stats() | {"database_bytes": 0} == {
        "active_sessions": 0,
        "expired_sessions": 0,
        "messages": 0,
        "database_bytes": 0,
    }


def test_a_body_that_is_not_json_typed_is_refused(alice, store):
    response = alice.post("/chat", content=VALID, headers={"Content-Type": "text/plain"})
    assert_error(response, 422, "invalid_request")
    assert store.stats()["messages"] == 0


def test_a_message_over_the_default_limit_is_refused(alice, store):
    response = alice.post("/chat", json={"message": "Venice " * 572})  # 4,004 characters
    assert "over the limit of 4000" in assert_error(response, 422, "message_too_long")
    assert store.stats()["active_sessions"] == 0


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/no/such/route", 404, "not_found"),
        ("GET", "/static/missing.js", 404, "not_found"),
        ("PUT", "/chat", 405, "method_not_allowed"),
        ("GET", "/chat", 405, "method_not_allowed"),
        ("POST", "/healthz", 405, "method_not_allowed"),
    ],
)
def test_unknown_routes_and_methods_use_the_same_shape(alice, method, path, status, code):
    assert_error(alice.request(method, path), status, code)


def broken_index(path: Path, how: str) -> None:
    """Make the index at ``path`` missing, not an index, or damaged past its first pages."""
    if how == "missing":
        path.unlink()
    elif how == "not an index":
        path.unlink()
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("CREATE TABLE other (x)")
    else:
        with path.open("r+b") as file:
            file.seek(PAGE * 4)
            file.write(b"\xa5" * (path.stat().st_size - PAGE * 4))


@pytest.mark.parametrize("how", ["missing", "not an index", "damaged"])
def test_error_bodies_name_the_catalogue_index_not_its_path(tmp_path, demo_index, how, caplog):
    index = tmp_path / "index.db"
    shutil.copy(demo_index, index)
    with serving(create_app(make_settings(tmp_path, index))) as url, client_for(url, "a") as a:
        logger = errors.log
        logger.addHandler(caplog.handler)
        try:
            broken_index(index, how)
            chat = a.post("/chat", json={"message": "books printed in Venice"})
            health = a.get("/healthz")
        finally:
            logger.removeHandler(caplog.handler)
    assert "the catalogue index" in assert_error(chat, 503, "index_unavailable")
    assert "the catalogue index" in assert_error(health, 503, "unavailable")
    for response in (chat, health):
        assert str(tmp_path) not in response.text and "index.db" not in response.text
    logged = [str(getattr(record, "fields", "")) for record in caplog.records]
    assert any(str(index) in line for line in logged)  # the operator finds the path in the log


# Odd values for a path segment or query parameter, as they arrive percent-encoded.
ODD_IN_URL = {
    "a lone surrogate": "%ED%A0%80",
    "invalid UTF-8": "%FF%FE",
    "NUL": "%00",
    "control characters": "%1B%5B2J",
    "a huge value": "9" * 5000,
    "a negative number": "-1",
    "a number past 64 bits": str(2**64),
    "inf": "inf",
    "a wrong type": "%5B%5D",
}
# Odd values for each field of a JSON body, as JSON text.
ODD_IN_JSON = {
    "a lone surrogate": '"\\ud800"',
    "NUL": '"a\\u0000b"',
    "a huge value": '"' + "x" * 70_000 + '"',
    "a huge number": "1e400",
    "a wrong type": "[5]",
    "an object": '{"a": 1}',
}
QUERIES = {  # the query parameters of the routes that take them
    "GET /sessions": ["limit", "offset"],
    "GET /sessions/{session}/messages": ["limit", "before"],
    "GET /sessions/{session}/export?format=ris": ["format"],
    "GET /sessions/{session}/messages/{answer}/export?format=bibtex": ["format"],
}


def odd_requests() -> list[tuple[str, Route, str, str]]:
    """(what is odd, the route, the URL with the odd value, the body) for every input."""
    cases = []
    for route in ROUTES:
        for placeholder in PARAMETERS:
            if placeholder in route.path:
                for name, odd in ODD_IN_URL.items():
                    path = route.path.replace(placeholder, odd)
                    cases.append((f"{placeholder} is {name}", route, path, _body(route)))
        for parameter in QUERIES.get(str(route), []):
            base = route.path.split("?")[0]
            for name, odd in ODD_IN_URL.items():
                path = f"{base}?{parameter}={odd}" + ("&format=ris" * (parameter != "format"))
                cases.append((f"?{parameter} is {name}", route, path, _body(route)))
        for field in route.body or {}:
            for name, odd in ODD_IN_JSON.items():
                cases.append((f"{field} is {name}", route, route.path, _body(route, field, odd)))
    return cases


def _body(route: Route, field: str = "", odd: str = "") -> str:
    if route.body is None:
        return ""
    values = {key: json.dumps(value) for key, value in route.body.items()} | {field: odd}
    return "{" + ", ".join(f'"{k}": {v}' for k, v in values.items() if k) + "}"


@pytest.fixture(scope="module")
def walked(tmp_path_factory, demo_index):
    """One server for every odd request: a conversation to aim them at, and its store."""
    tmp_path = tmp_path_factory.mktemp("odd")
    settings = make_settings(tmp_path, demo_index)
    with serving(create_app(settings)) as url, client_for(url, "alice") as alice:
        yield alice, Conversation.started(alice), settings.store_url


@pytest.mark.parametrize(
    ("odd", "route", "path", "body"),
    [pytest.param(*case, id=f"{case[1]}: {case[0]}") for case in odd_requests()],
)
def test_an_odd_value_anywhere_is_a_4xx_in_the_error_shape_and_stores_nothing(
    walked, odd, route, path, body
):
    alice, conversation, store_url = walked
    with SessionStore(store_url) as store:
        before = store.stats() | {"database_bytes": 0}
    response = alice.request(
        route.method,
        conversation.fill(path),
        content=conversation.fill(body) or None,
        headers={**JSON_ACCEPT, "Content-Type": "application/json"},
    )
    assert 400 <= response.status_code < 500, (odd, response.status_code, response.text)
    assert_error(response, response.status_code, response.json()["error"]["code"])
    with SessionStore(store_url) as store:
        assert store.stats() | {"database_bytes": 0} == before
