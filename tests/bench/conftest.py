"""The benchmark's oracle's reading of the demo catalogue and the NLNZ sample, done once."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.settings import DEMO_CATALOGUE
from bench.understanding.oracle import Book, read_books


@pytest.fixture(scope="session")
def demo_books() -> dict[str, Book]:
    return {b.id: b for b in read_books(DEMO_CATALOGUE)}


@pytest.fixture(scope="session")
def nlnz_books(nlnz_mrc: Path) -> dict[str, Book]:
    return {b.id: b for b in read_books(nlnz_mrc)}
