"""Store fixtures: the contract tests run once per backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scripts.chat import SessionStore

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def store_location(request: pytest.FixtureRequest, tmp_path) -> str:
    """Where a fresh, empty store lives for one test."""
    if request.param == "postgres":
        return request.getfixturevalue("pg_location")
    return str(tmp_path / "sessions.db")


@pytest.fixture
def store(store_location: str) -> Iterator[SessionStore]:
    with SessionStore(store_location) as opened:
        yield opened
