"""A real Chromium (Debian's, never a downloaded one) driving the page on a live server.

The browser tests skip, saying why, when /usr/bin/chromium or the playwright package is
missing; with COLOPHON_REQUIRE_BROWSER=1 (as in CI) they fail instead.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.api.main import create_app
from tests.app.api.live import make_settings, serving

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is absent (apt-get install chromium)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _missing()
    if reason is not None:
        if os.environ.get("COLOPHON_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required but {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def base_url(tmp_path: Path, demo_index: Path) -> Iterator[str]:
    with serving(create_app(make_settings(tmp_path, demo_index))) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == [], f"the page's scripts failed: {errors}"
