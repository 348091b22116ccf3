"""The crafted index of ``catalogues.CRAFTED`` for the query tests (``demo_index`` and
``nlnz_index`` come from tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scripts.query.catalogues import build_crafted_index


@pytest.fixture(scope="session")
def crafted_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The nine crafted records, indexed."""
    return build_crafted_index(tmp_path_factory.mktemp("crafted"))
