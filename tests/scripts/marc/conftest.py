"""Fixtures of the catalogue-ingest tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DEMO_CATALOGUE


@pytest.fixture(scope="session")
def demo_catalogue() -> Path:
    """data/samples/rare_books.xml; tests using it skip while it is absent."""
    if not DEMO_CATALOGUE.exists():
        pytest.skip(f"{DEMO_CATALOGUE} is absent")
    return DEMO_CATALOGUE
