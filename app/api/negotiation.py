"""HTML or JSON from one address: a page for browsers, JSON for ``Accept: application/json``.

Such answers say ``Vary: Accept``, so a cache never hands the page to a script or the JSON to
a browser.
"""

from __future__ import annotations

from fastapi import Request

JSON = "application/json"
HTML = "text/html"
VARY = {"Vary": "Accept"}


def wants_json(request: Request) -> bool:
    """True when the client asks for JSON and not for HTML (browsers send text/html)."""
    accept = request.headers.get("accept", "").lower()
    return JSON in accept and HTML not in accept
