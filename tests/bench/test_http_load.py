"""The HTTP load benchmark runs a few readers against a real `colophon serve` and checks them."""

import os
import subprocess
import sys

from bench import http_load
from tests.conftest import ROOT


def test_a_small_run_answers_every_turn_and_loses_nothing():
    # A process of its own: asyncio.run needs a thread without a running event loop.
    env = {k: v for k, v in os.environ.items() if k != http_load.PG_URL_VARIABLE}
    command = [sys.executable, "-m", "bench", "http_load", "--readers", "3", "--turns", "4"]
    result = subprocess.run(
        [*command, "--think", "0"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["", "## http_load"]
    assert lines[3].startswith("| store | readers | turns each | think s | p50 ms | p99 ms |")
    cells = [cell.strip() for cell in lines[5].strip("|").split("|")]
    assert cells[:4] == ["sqlite", "3", "4", "0"]
    assert cells[8:10] == ["0", "0"]  # errors, lost
    assert lines[-1] == (
        f"Note: postgresql skipped; set {http_load.PG_URL_VARIABLE} or pass --pg-url"
    )
