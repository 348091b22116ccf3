"""Every route of the API, with a request that reaches it, for tests that walk them all.

``Route.path`` holds placeholders that ``Conversation.fill`` replaces with the ids of a real
conversation: its session, the answer's message id, its share link and a record it found.
``test_store_faults`` checks the table against the app's schema, so that no new route is left
out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

JSON_ACCEPT = {"Accept": "application/json"}
# The placeholders of these paths, and the parameters the app names them by.
PARAMETERS = {
    "{session}": "{session_id}",
    "{answer}": "{message_id}",
    "{share}": "{token}",
    "{record}": "{record_id}",
}


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    body: dict[str, Any] | None = None
    store: str = ""  # "read" or "write": what it asks of the session store, if anything
    mount: str = ""  # the mount that serves it, for a path no route of the app names

    @property
    def route(self) -> str:
        """The route as the app names it: its path without the query, parameters named."""
        path = self.path.split("?")[0]
        for placeholder, name in PARAMETERS.items():
            path = path.replace(placeholder, name)
        return self.mount or path

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


ROUTES = [
    Route("POST", "/chat", {"message": "only those in Latin", "session_id": "{session}"}, "write"),
    Route("POST", "/sessions", {"title": "Aldines"}, "write"),
    Route("GET", "/sessions", store="read"),
    Route("GET", "/sessions/{session}", store="read"),
    Route("PATCH", "/sessions/{session}", {"title": "Venetian printing"}, "write"),
    Route("GET", "/sessions/{session}/messages", store="read"),
    Route("GET", "/sessions/{session}/export?format=ris", store="read"),
    Route("GET", "/sessions/{session}/messages/{answer}/export?format=bibtex", store="read"),
    Route("GET", "/sessions/{session}/messages/{answer}/facets?names=place", store="read"),
    Route("POST", "/sessions/{session}/share", store="write"),
    Route("GET", "/shared/{share}", store="read"),
    Route("DELETE", "/sessions/{session}/share", store="write"),
    Route("GET", "/records/{record}"),
    Route("GET", "/records/{record}.xml"),
    Route("GET", "/records/{record}.mrc"),
    Route("GET", "/healthz", store="write"),  # its probe takes the write lock
    Route("GET", "/metrics", store="read"),
    Route("GET", "/"),
    Route("GET", "/static/app.js", mount="/static"),
    Route("GET", "/docs"),
    Route("GET", "/openapi.json"),
    Route("DELETE", "/sessions/{session}", store="write"),  # last: the others need the session
]


@dataclass(frozen=True)
class Conversation:
    """The ids a walk of the routes needs, from one real turn."""

    session: str
    answer: int
    share: str
    record: str

    @classmethod
    def started(cls, client: httpx.Client) -> Conversation:
        """A search in a new session, shared."""
        turn = client.post("/chat", json={"message": "books printed in Venice"})
        assert turn.status_code == 200, turn.text
        found = turn.json()
        session = found["session_id"]
        shared = client.post(f"/sessions/{session}/share")
        assert shared.status_code == 200, shared.text
        return cls(
            session=session,
            answer=found["metadata"]["message_id"],
            share=shared.json()["path"].removeprefix("/shared/"),
            record=found["candidate_set"]["candidates"][0]["record_id"],
        )

    def fill(self, text: str) -> str:
        return (
            text.replace("{session}", self.session)
            .replace("{answer}", str(self.answer))
            .replace("{share}", self.share)
            .replace("{record}", self.record)
        )

    def request(self, client: httpx.Client, route: Route) -> httpx.Response:
        body = None
        if route.body is not None:
            body = {key: self.fill(value) for key, value in route.body.items()}
        return client.request(route.method, self.fill(route.path), json=body, headers=JSON_ACCEPT)
