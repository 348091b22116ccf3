"""``GET /metrics`` in the Prometheus text format: store counts and request latency.

The session and message gauges come from the store, so every worker reports the same; the
latency histogram (by route template, method and status) counts this worker process's
requests only, as Prometheus expects of a multi-process server scraped per process.
"""

from __future__ import annotations

import threading
import time
from bisect import bisect_left
from collections import defaultdict

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.services import AppServices

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
LATENCY = "colophon_http_request_duration_seconds"
GAUGES = {
    "active_sessions": ("colophon_sessions_active", "Active chat sessions in the store."),
    "expired_sessions": ("colophon_sessions_expired", "Expired chat sessions in the store."),
    "messages": ("colophon_messages_stored", "Chat messages in the store."),
}
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

Labels = tuple[str, str, str]  # route, method, status


def _label(value: str) -> str:
    return value.replace("\\", r"\\").replace('"', r"\"").replace("\n", r"\n")


class Latency:
    """A latency histogram per (route, method, status)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[Labels, list[int]] = defaultdict(lambda: [0] * (len(BUCKETS) + 1))
        self._sums: dict[Labels, float] = defaultdict(float)

    def observe(self, labels: Labels, seconds: float) -> None:
        with self._lock:
            self._counts[labels][bisect_left(BUCKETS, seconds)] += 1
            self._sums[labels] += seconds

    def exposition(self) -> list[str]:
        lines = [
            f"# HELP {LATENCY} Time to answer an HTTP request, in this worker process.",
            f"# TYPE {LATENCY} histogram",
        ]
        with self._lock:
            series = sorted((labels, list(counts)) for labels, counts in self._counts.items())
            sums = dict(self._sums)
        for (route, method, status), counts in series:
            labels = f'route="{_label(route)}",method="{method}",status="{status}"'
            cumulative = 0
            for bound, count in zip((*map(str, BUCKETS), "+Inf"), counts, strict=True):
                cumulative += count
                lines.append(f'{LATENCY}_bucket{{{labels},le="{bound}"}} {cumulative}')
            lines.append(f"{LATENCY}_sum{{{labels}}} {sums[(route, method, status)]:.6f}")
            lines.append(f"{LATENCY}_count{{{labels}}} {cumulative}")
        return lines


class Timing:
    """ASGI middleware timing every HTTP request into a ``Latency``."""

    def __init__(self, app: ASGIApp, latency: Latency) -> None:
        self.app, self.latency = app, latency

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start, status = time.perf_counter(), 500

        async def recording(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording)
        finally:
            # The router records the matched route in the scope; its template keeps the
            # label set small (/sessions/{session_id}, not one series per session).
            route = getattr(scope.get("route"), "path", "") or "static"
            labels = (route, scope["method"], str(status))
            self.latency.observe(labels, time.perf_counter() - start)


router = APIRouter(tags=["operations"])


@router.get("/metrics", response_class=PlainTextResponse)
def metrics(request: Request, services: AppServices) -> PlainTextResponse:
    """Prometheus text exposition: session and message counts, request latency histogram."""
    stats = services.store.stats()
    lines = []
    for key, (name, help_text) in GAUGES.items():
        lines += [f"# HELP {name} {help_text}", f"# TYPE {name} gauge", f"{name} {stats[key]}"]
    lines += request.app.state.latency.exposition()
    return PlainTextResponse("\n".join(lines) + "\n", media_type=CONTENT_TYPE)
