"""The app's life: settings read at start-up, store opened once and closed at shutdown, schema."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from app.api.chat import EXAMPLE_RESPONSE, RANKING_RESPONSE
from app.api.main import create_app
from app.api.tokens import AuthConfigError
from scripts.chat import ChatResponse
from scripts.query.connection import IndexNotFoundError
from tests.app.api.live import make_settings, serving


def test_settings_default_to_the_environment_read_at_start_up(tmp_path, demo_index, monkeypatch):
    app = create_app()
    monkeypatch.setenv("COLOPHON_STORE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    monkeypatch.setenv("COLOPHON_INDEX_DB", str(demo_index))
    monkeypatch.delenv("COLOPHON_JWT_SECRET", raising=False)
    with serving(app) as url:
        response = httpx.post(f"{url}/chat", json={"message": "books printed in Venice"})
        assert response.status_code == 200
    assert (tmp_path / "env.db").exists()


def test_the_store_is_opened_once_and_closed_at_shutdown(tmp_path, demo_index):
    app = create_app(make_settings(tmp_path, demo_index))
    with serving(app):
        store = app.state.services.store
        assert store.stats()["active_sessions"] == 0
    with pytest.raises(RuntimeError, match="closed"):
        store.stats()


@pytest.mark.parametrize(
    ("overrides", "error"),
    [({"index_db": "missing.db"}, IndexNotFoundError), ({"jwt_secret": "short"}, AuthConfigError)],
)
def test_the_app_refuses_to_start_misconfigured(tmp_path, demo_index, overrides, error):
    app = create_app(make_settings(tmp_path, demo_index, **overrides))

    async def start() -> None:
        async with app.router.lifespan_context(app):
            pass

    with pytest.raises(error):
        asyncio.run(start())
    assert not (tmp_path / "sessions.db").exists()  # refused before opening the store


def test_the_openapi_schema_has_examples_and_strict_requests():
    schema = create_app().openapi()
    components = schema["components"]["schemas"]
    for name in ("ChatRequest", "NewSession", "Rename"):
        assert components[name]["additionalProperties"] is False
        assert components[name]["examples"]
    chat = schema["paths"]["/chat"]["post"]
    examples = chat["responses"]["200"]["content"]["application/json"]["examples"]
    assert [e["value"] for e in examples.values()] == [EXAMPLE_RESPONSE, RANKING_RESPONSE]
    assert {"400", "401", "408", "413", "422", "503"} <= set(chat["responses"])
    listing = schema["paths"]["/sessions"]["get"]["responses"]["200"]["content"]
    assert listing["application/json"]["example"]["sessions"]
    assert "HTTPBearer" in schema["components"]["securitySchemes"]


@pytest.mark.parametrize("example", [EXAMPLE_RESPONSE, RANKING_RESPONSE])
def test_the_chat_examples_are_valid_responses(example):
    ChatResponse.model_validate(example)


def test_head_is_answered_wherever_get_is(alice):
    session_id = alice.post("/chat", json={"message": "books printed in Venice"}).json()[
        "session_id"
    ]
    for path in [
        "/",
        "/static/app.js",
        "/healthz",
        "/metrics",
        "/sessions",
        f"/sessions/{session_id}",
        f"/sessions/{session_id}/messages",
        "/sessions/no-such-session",
        "/openapi.json",
        "/docs",
    ]:
        got, head = alice.get(path), alice.head(path)
        assert head.status_code == got.status_code, path
        assert head.headers["content-type"] == got.headers["content-type"], path
        assert head.content == b"", path


def test_head_is_refused_where_get_is(alice):
    response = alice.head("/chat")
    assert response.status_code == 405 and response.headers["allow"] == "POST"


def test_head_routes_stay_out_of_the_schema():
    assert not any("head" in ops for ops in create_app().openapi()["paths"].values())
