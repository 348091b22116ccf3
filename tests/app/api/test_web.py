"""The page and its assets are served from app/web, with nothing fetched from elsewhere."""

from __future__ import annotations

import re

import pytest

from app.api.web import WEB_DIR

ASSETS = sorted(p.name for p in WEB_DIR.iterdir() if p.suffix in {".css", ".js"})
EXTERNAL = re.compile(r"(?:https?:)?//(?!www\.w3\.org/2000/svg)[\w.-]+\.[a-z]{2,}", re.I)


def test_the_page_is_served_at_the_root(anonymous):
    response = anonymous.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="/static/app.js">' in response.text


@pytest.mark.parametrize("name", ASSETS)
def test_every_asset_is_served_with_its_type(anonymous, name):
    response = anonymous.get(f"/static/{name}")
    assert response.status_code == 200
    kind = "text/css" if name.endswith(".css") else "text/javascript"
    assert response.headers["content-type"].startswith(kind)


@pytest.mark.parametrize("name", ["index.html", *ASSETS])
def test_nothing_is_loaded_from_another_host(name):
    assert EXTERNAL.findall((WEB_DIR / name).read_text()) == []


def test_every_module_the_page_imports_exists():
    for name in ASSETS:
        for imported in re.findall(r'from "\./([\w.]+)"', (WEB_DIR / name).read_text()):
            assert (WEB_DIR / imported).is_file(), f"{name} imports missing {imported}"
