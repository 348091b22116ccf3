"""``GET /metrics`` in the Prometheus text format: store counts and request latency.

The latency histogram (by route template, method and status) is prometheus_client's. Under
``colophon serve``, ``PROMETHEUS_MULTIPROC_DIR`` names a directory where every worker process
writes its observations, and a scrape answered by any worker adds them all up, so
``--workers N`` reports one set of figures. Without it (an app run in one process, as in the
tests) each app keeps its histogram in memory. The session and message gauges are read from
the store when scraped, the same in every worker.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse
from prometheus_client import (
    CONTENT_TYPE_PLAIN_0_0_4,
    CollectorRegistry,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.services import AppServices

MULTIPROC_DIR = "PROMETHEUS_MULTIPROC_DIR"
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
LATENCY = "colophon_http_request_duration_seconds"
GAUGES = {
    "active_sessions": ("colophon_sessions_active", "Active chat sessions in the store."),
    "expired_sessions": ("colophon_sessions_expired", "Expired chat sessions in the store."),
    "messages": ("colophon_messages_stored", "Chat messages in the store."),
}


def latency_histogram() -> Histogram:
    """An app's request latency histogram, in no registry: the scrape decides how to read it."""
    return Histogram(
        LATENCY,
        "Time to answer an HTTP request.",
        ("route", "method", "status"),
        buckets=BUCKETS,
        registry=None,
    )


class StoreGauges:
    """A collector of the store's counts, as read for one scrape."""

    def __init__(self, stats: dict[str, int]) -> None:
        self.stats = stats

    def collect(self) -> Iterator[Metric]:
        for key, (name, help_text) in GAUGES.items():
            yield GaugeMetricFamily(name, help_text, value=self.stats[key])


def exposition(latency: Histogram, stats: dict[str, int]) -> bytes:
    """The scrape's text: the store gauges and every worker's latency (or this app's)."""
    registry = CollectorRegistry()
    registry.register(StoreGauges(stats))
    if os.environ.get(MULTIPROC_DIR):
        MultiProcessCollector(registry)
    else:
        registry.register(latency)
    return generate_latest(registry)


class Timing:
    """ASGI middleware timing every HTTP request into a latency histogram."""

    def __init__(self, app: ASGIApp, latency: Histogram) -> None:
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
            self.latency.labels(route, scope["method"], str(status)).observe(
                time.perf_counter() - start
            )


router = APIRouter(tags=["operations"])


@router.get("/metrics", response_class=PlainTextResponse)
def metrics(request: Request, services: AppServices) -> PlainTextResponse:
    """Prometheus text exposition: session and message counts, request latency histogram."""
    body = exposition(request.app.state.latency, services.store.stats())
    return PlainTextResponse(body, media_type=CONTENT_TYPE_PLAIN_0_0_4)
