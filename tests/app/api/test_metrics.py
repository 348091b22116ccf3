"""``GET /metrics``: Prometheus text with store gauges and a latency histogram per route."""

from __future__ import annotations

import re

import pytest

from app.api.metrics import BUCKETS, Latency

SAMPLE = re.compile(r'^[a-z_]+(\{([a-z_]+="[^"]*",?)+\})? [0-9.e+-]+$')


def samples(text: str) -> dict[str, float]:
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert all(SAMPLE.match(line) for line in lines), [x for x in lines if not SAMPLE.match(x)]
    return {line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1]) for line in lines}


def test_metrics_count_sessions_messages_and_requests(alice, bob, anonymous):
    alice.post("/chat", json={"message": "books printed in Venice"})
    session_id = alice.post("/chat", json={"message": "Hebrew books"}).json()["session_id"]
    alice.get(f"/sessions/{session_id}")
    bob.get(f"/sessions/{session_id}")  # 404
    response = anonymous.get("/metrics")
    assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    found = samples(response.text)
    assert found["colophon_sessions_active"] == 2
    assert found["colophon_messages_stored"] == 4
    assert found["colophon_sessions_expired"] == 0
    chat = 'route="/chat",method="POST",status="200"'
    assert found[f"colophon_http_request_duration_seconds_count{{{chat}}}"] == 2
    assert found[f'colophon_http_request_duration_seconds_bucket{{{chat},le="+Inf"}}'] == 2
    one = 'route="/sessions/{session_id}",method="GET"'
    assert found[f'colophon_http_request_duration_seconds_count{{{one},status="200"}}'] == 1
    assert found[f'colophon_http_request_duration_seconds_count{{{one},status="404"}}'] == 1
    assert "# TYPE colophon_http_request_duration_seconds histogram" in response.text


@pytest.mark.parametrize(
    ("seconds", "first_bucket"), [(0.001, 0.005), (0.005, 0.005), (0.3, 0.5), (9.0, None)]
)
def test_buckets_count_observations_at_or_below_their_bound(seconds, first_bucket):
    latency = Latency()
    latency.observe(("/chat", "POST", "200"), seconds)
    found = samples("\n".join(latency.exposition()))
    for bound in BUCKETS:
        key = f'colophon_http_request_duration_seconds_bucket{{route="/chat",method="POST",status="200",le="{bound}"}}'
        assert found[key] == (first_bucket is not None and bound >= first_bucket)
    assert found[
        'colophon_http_request_duration_seconds_sum{route="/chat",method="POST",status="200"}'
    ] == pytest.approx(seconds)


def test_label_values_are_escaped():
    latency = Latency()
    latency.observe(('a"b\\c\nd', "GET", "200"), 0.01)
    assert 'route="a\\"b\\\\c\\nd"' in "\n".join(latency.exposition())
