"""The crafted index of ``catalogues.CRAFTED`` for the query tests (``demo_index`` and
``nlnz_index`` come from tests/conftest.py); no test reaches a real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scripts.query.catalogues import build_crafted_index

LLM_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COLOPHON_LLM_MODEL")


@pytest.fixture(autouse=True)
def no_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches a real model: the deterministic compiler unless a test says otherwise."""
    for name in LLM_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def crafted_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The nine crafted records, indexed."""
    return build_crafted_index(tmp_path_factory.mktemp("crafted"))
