"""The crafted query catalogue for the record tests (``rare_index``, ``demo_index`` and
``nlnz_index`` come from tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scripts.query.catalogues import build_crafted_index


@pytest.fixture(scope="session")
def crafted_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_crafted_index(tmp_path_factory.mktemp("crafted"))
