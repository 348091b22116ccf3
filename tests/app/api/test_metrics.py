"""``GET /metrics``: Prometheus text with store gauges and a latency histogram per route.
(Several workers adding up their figures: tests/app/test_cli_serve.py.)"""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from app.api.metrics import BUCKETS, LATENCY

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def samples(text: str) -> Samples:
    """Every sample of a scrape, parsed as Prometheus would, by name and label set."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(found: Samples, name: str, **labels: str) -> float:
    return found[(name, frozenset(labels.items()))]


def test_metrics_count_sessions_messages_and_requests(alice, bob, anonymous):
    alice.post("/chat", json={"message": "books printed in Venice"})
    session_id = alice.post("/chat", json={"message": "Hebrew books"}).json()["session_id"]
    alice.get(f"/sessions/{session_id}")
    bob.get(f"/sessions/{session_id}")  # 404
    response = anonymous.get("/metrics")
    assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    found = samples(response.text)
    assert value(found, "colophon_sessions_active") == 2
    assert value(found, "colophon_messages_stored") == 4
    assert value(found, "colophon_sessions_expired") == 0
    chat = {"route": "/chat", "method": "POST", "status": "200"}
    assert value(found, f"{LATENCY}_count", **chat) == 2
    assert value(found, f"{LATENCY}_bucket", **chat, le="+Inf") == 2
    one = {"route": "/sessions/{session_id}", "method": "GET"}
    assert value(found, f"{LATENCY}_count", **one, status="200") == 1
    assert value(found, f"{LATENCY}_count", **one, status="404") == 1
    assert f"# TYPE {LATENCY} histogram" in response.text


def test_the_histogram_has_our_buckets(alice, anonymous):
    alice.get("/sessions")
    found = samples(anonymous.get("/metrics").text)
    labels = {"route": "/sessions", "method": "GET", "status": "200"}
    for bound in (*map(str, BUCKETS), "+Inf"):
        assert value(found, f"{LATENCY}_bucket", **labels, le=bound) <= 1
    assert value(found, f"{LATENCY}_bucket", **labels, le="+Inf") == 1
    assert value(found, f"{LATENCY}_sum", **labels) > 0
