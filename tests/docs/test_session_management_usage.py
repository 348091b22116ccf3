"""Runs every code block of docs/session_management_usage.md, in order, in one scratch directory."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOC = ROOT / "docs" / "session_management_usage.md"
BLOCK = re.compile(r"```(python|bash)\n(.*?)```", re.S)


def blocks() -> list[tuple[str, str]]:
    return BLOCK.findall(DOC.read_text())


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, demo_index) -> Path:
    """A directory laid out like a checkout: the demo index in place, no sessions yet."""
    work = tmp_path_factory.mktemp("docs")
    (work / "data" / "index").mkdir(parents=True)
    shutil.copy(demo_index, work / "data" / "index" / "bibliographic.db")
    return work


def test_the_guide_has_runnable_examples():
    kinds = [kind for kind, _ in blocks()]
    assert kinds.count("python") >= 3 and kinds.count("bash") >= 3


@pytest.mark.parametrize(
    ("number", "kind", "code"), [(i, k, c) for i, (k, c) in enumerate(blocks())]
)
def test_code_block_runs(workdir, monkeypatch, number, kind, code):
    monkeypatch.chdir(workdir)
    if kind == "python":
        exec(compile(code, f"{DOC.name} block {number}", "exec"), {"__name__": "__docs__"})
        return
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("COLOPHON_STORE_URL", None)
    env.pop("COLOPHON_INDEX_DB", None)
    result = subprocess.run(
        ["bash", "-e", "-c", code], cwd=workdir, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, (
        f"block {number} failed:\n{code}\n{result.stdout}\n{result.stderr}"
    )
