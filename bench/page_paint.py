"""The chat page's first contentful paint in a real browser (Debian's Chromium).

    python -m bench page_paint [--quick] [--loads 30]

Serves the API and page in process on a loopback port (the demo catalogue, a fresh SQLite
store, token mode), then opens the page in a new browser context again and again and reads
``first-contentful-paint`` from the browser's own performance timeline. Prints p50 and p99
in milliseconds; the page's target is under a second on a loaded machine. Skipped with a
note when /usr/bin/chromium or the playwright package is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import tempfile
from pathlib import Path

from app.api.main import create_app
from app.api.tokens import issue_token
from app.settings import DEMO_CATALOGUE
from bench.chat_turn import pct
from scripts.marc.index import build_index
from tests.app.api.live import SECRET, make_settings, serving
from tests.app.web.conftest import ARGS, CHROMIUM

PAINT = "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"


def first_paints(url: str, loads: int) -> list[float]:
    """Seconds to the first contentful paint of ``loads`` fresh page loads."""
    from playwright.sync_api import sync_playwright

    token = issue_token(SECRET, "bench", 1)
    paints = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for _ in range(loads):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(f"{url}/#token={token}")
                page.wait_for_function(f"({PAINT}) !== null")
                paints.append(page.evaluate(PAINT) / 1000)
                context.close()
        finally:
            browser.close()
    return paints


def main(options: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench page_paint")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--loads", type=int, default=30)
    args = parser.parse_args(options)
    if importlib.util.find_spec("playwright") is None or not CHROMIUM.exists():
        print(f"Skipped: needs the playwright package and {CHROMIUM}.")
        return
    loads = 5 if args.quick else args.loads
    with tempfile.TemporaryDirectory() as folder:
        index = Path(folder) / "demo.db"
        build_index([DEMO_CATALOGUE], index)
        with serving(create_app(make_settings(Path(folder), index))) as url:
            paints = first_paints(url, loads)
    print("| page loads | first paint p50 ms | p99 ms | target |")
    print("|---|---|---|---|")
    print(f"| {len(paints)} | {pct(paints, 0.5):.0f} | {pct(paints, 0.99):.0f} | < 1,000 |")
