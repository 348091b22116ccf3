"""A fake OpenAI-compatible chat model on 127.0.0.1: every POST to ``/v1/chat/completions``
is answered with the ``reply`` it holds at that moment (a status and body, after an optional
delay), so a test sets what the "model" returns before each request; ``answer`` sets a
completion whose content is, say, a QueryPlan's JSON."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def completion(content: str) -> dict[str, Any]:
    return {"choices": [{"message": {"role": "assistant", "content": content}}]}


@dataclass
class Reply:
    """What the fake server answers: a status and body, after an optional delay."""

    status: int = 200
    body: Any = None
    delay: float = 0.0


@dataclass
class FakeModel:
    url: str = ""
    reply: Reply = field(default_factory=Reply)
    requests: list[dict[str, Any]] = field(default_factory=list)  # path, headers, body

    def answer(self, content: str) -> None:
        """Reply with a completion whose message is ``content``."""
        self.reply = Reply(body=completion(content))


@contextmanager
def fake_model() -> Iterator[FakeModel]:
    """Run the fake until the block ends; its ``url`` is the base URL to configure."""
    fake = FakeModel()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            length = int(self.headers.get("Content-Length", 0))
            fake.requests.append(
                {
                    "path": self.path,
                    "headers": dict(self.headers),
                    "body": json.loads(self.rfile.read(length)),
                }
            )
            time.sleep(fake.reply.delay)
            payload = fake.reply.body
            data = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
            try:
                self.send_response(fake.reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
