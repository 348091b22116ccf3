"""The README's Python example runs as written."""

import re

from tests.conftest import ROOT


def test_readme_python_example_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (code,) = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})
    assert (tmp_path / "data" / "chat" / "sessions.db").exists()
