"""Fixtures shared by every test package."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.schemas import CandidateSet, QueryPlan
from tests import pg
from tests.factories import oxford_latin_plan, result_page

ROOT = Path(__file__).resolve().parent.parent
NLNZ_MRC = ROOT.parent / "shared" / "data" / "marc" / "nlnz-1000.mrc"
DEMO_CATALOGUE = ROOT / "data" / "samples" / "rare_books.xml"
DEMO_AUTHORITIES = ROOT / "data" / "samples" / "authorities.xml"


@pytest.fixture(autouse=True)
def no_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches a real model: the deterministic compiler unless a test says otherwise."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COLOPHON_LLM_MODEL"):
        monkeypatch.delenv(name, raising=False)


def pytest_report_header() -> list[str]:
    return [f"sqlite {sqlite3.sqlite_version}", pg.describe_server(pg.server_url())]


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The PostgreSQL server's URL; skips (fails under COLOPHON_REQUIRE_PG=1) when none answers."""
    url = pg.server_url()
    reason = pg.unreachable_reason(url)
    if reason is not None:
        message = f"PostgreSQL not reachable at {url} ({reason}): {pg.HOW_TO}"
        if os.environ.get("COLOPHON_REQUIRE_PG") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return url


@pytest.fixture
def pg_location(pg_server: str) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    with pg.throwaway_database(pg_server) as url:
        yield url


@pytest.fixture(scope="session")
def nlnz_mrc() -> Path:
    """The 1,001-record NLNZ sample from ../shared; tests using it skip when it is absent."""
    if not NLNZ_MRC.exists():
        pytest.skip(f"{NLNZ_MRC} is absent (it ships in ../shared beside the checkout)")
    return NLNZ_MRC


@pytest.fixture
def plan() -> QueryPlan:
    return oxford_latin_plan()


@pytest.fixture
def page() -> CandidateSet:
    """A page of ten candidates with evidence, as an assistant turn carries."""
    return result_page()


@pytest.fixture(scope="session")
def nlnz_index(nlnz_mrc: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The NLNZ sample, indexed once per run."""
    from scripts.marc.index import build_index

    db_path = tmp_path_factory.mktemp("nlnz") / "nlnz.db"
    build_index([nlnz_mrc], db_path)
    return db_path


@pytest.fixture(scope="session")
def rare_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four real books with rare-book fields and 880s, and one odd record (records tests)."""
    from tests.scripts.records.rare_books import build_rare_index

    return build_rare_index(tmp_path_factory.mktemp("rare"))


@pytest.fixture(scope="session")
def demo_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo rare-book catalogue, indexed once per run."""
    from scripts.marc.index import build_index

    db_path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_index([DEMO_CATALOGUE, DEMO_AUTHORITIES], db_path)
    return db_path
