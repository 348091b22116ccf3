"""Runs the bash and python blocks of docs/deployment.md, in order, against a new database."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import pg
from tests.conftest import ROOT

DOC = ROOT / "docs" / "deployment.md"
BLOCK = re.compile(r"```(python|bash)\n(.*?)```", re.S)
BLOCKS = BLOCK.findall(DOC.read_text())

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("deployment")


@pytest.fixture(scope="module")
def store_url(pg_server: str) -> Iterator[str]:
    with pg.throwaway_database(pg_server) as url:
        yield url


def test_the_guide_has_runnable_examples():
    kinds = [kind for kind, _ in BLOCKS]
    assert kinds.count("python") >= 1 and kinds.count("bash") >= 2


@pytest.mark.parametrize(("number", "kind", "code"), [(i, k, c) for i, (k, c) in enumerate(BLOCKS)])
def test_code_block_runs(workdir, store_url, monkeypatch, number, kind, code):
    monkeypatch.chdir(workdir)
    monkeypatch.setenv("COLOPHON_STORE_URL", store_url)
    if kind == "python":
        exec(compile(code, f"{DOC.name} block {number}", "exec"), {"__name__": "__docs__"})
        return
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", code],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (
        f"block {number} failed:\n{code}\n{result.stdout}\n{result.stderr}"
    )
