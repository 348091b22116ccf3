"""A live API per test: uvicorn on loopback, its own SQLite store, the demo catalogue index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.api.main import create_app
from app.settings import Settings
from scripts.chat import SessionStore
from tests.app.api.live import client_for, make_settings, serving


@pytest.fixture
def settings(tmp_path: Path, demo_index: Path) -> Settings:
    return make_settings(tmp_path, demo_index)


@pytest.fixture
def base_url(settings: Settings) -> Iterator[str]:
    with serving(create_app(settings)) as url:
        yield url


@pytest.fixture
def alice(base_url: str) -> Iterator[httpx.Client]:
    with client_for(base_url, "alice") as client:
        yield client


@pytest.fixture
def bob(base_url: str) -> Iterator[httpx.Client]:
    with client_for(base_url, "bob") as client:
        yield client


@pytest.fixture
def anonymous(base_url: str) -> Iterator[httpx.Client]:
    with client_for(base_url, None) as client:
        yield client


@pytest.fixture
def store(settings: Settings, base_url: str) -> Iterator[SessionStore]:
    """The server's own store, opened beside it to check what was written."""
    with SessionStore(settings.store_url) as opened:
        yield opened
