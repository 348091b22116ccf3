"""Runs every Python block of docs/api.md, in order, against a live server in local mode."""

from __future__ import annotations

import re

import pytest

from app.api.main import create_app
from tests.app.api.live import make_settings, serving
from tests.conftest import ROOT

DOC = ROOT / "docs" / "api.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text(), re.S)


def test_the_guide_has_runnable_examples():
    assert len(BLOCKS) >= 3


def test_the_examples_run_in_order(tmp_path, demo_index, monkeypatch):
    settings = make_settings(tmp_path, demo_index, jwt_secret=None)
    with serving(create_app(settings)) as url:
        monkeypatch.setenv("COLOPHON_API", url)
        namespace: dict = {"__name__": "__docs__"}
        for number, code in enumerate(BLOCKS):
            try:
                exec(compile(code, f"{DOC.name} block {number}", "exec"), namespace)
            except Exception as exc:  # name the block that failed
                pytest.fail(f"block {number} failed: {exc!r}\n{code}")
