"""Every rejection has one JSON shape, is never a 500, and stores nothing."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.api import errors
from app.api.main import create_app
from app.api.schemas import ErrorBody
from tests.app.api.live import assert_error, client_for, make_settings, serving

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
