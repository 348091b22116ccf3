"""HTTP load: many concurrent readers holding conversations with ``colophon serve --workers 2``.

    python -m bench http_load [--quick] [--readers 100] [--turns 10] [--think 1] [--workers 2]

Starts ``colophon serve`` as a subprocess on a free loopback port, with bearer tokens so each
reader is its own user, once on a fresh SQLite store and once on a throwaway PostgreSQL
database when ``COLOPHON_BENCH_PG_URL`` (or ``--pg-url``) names a server (the database is
dropped afterwards). Each reader (asyncio + one shared ``httpx.AsyncClient``, its connections
bounded by the number of readers) follows a script of searches, refinements, paging and
references, pausing a random think time between turns (uniform, ``--think`` on average;
0 sends the next turn at once). It reports per-turn latency, errors and, read back through
the store, turns whose two messages are missing ("lost"). It also times the page's first
load: ``/`` and every CSS and JS file it uses, fetched in turn on a new connection, right
after start-up (cold) and after the load (warm).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from app.api.tokens import issue_token
from app.api.web import WEB_DIR
from app.settings import DEMO_SOURCES
from bench.chat_turn import pct
from scripts.chat import SessionStore
from scripts.marc.index import build_index
from tests.pg import create_database, drop_database

PG_URL_VARIABLE = "COLOPHON_BENCH_PG_URL"
SECRET = "bench-http-load-secret-of-at-least-32-chars"
STARTUP_SECONDS = 60
SCRIPTS = [
    [
        "books printed in Venice",
        "only those in Latin",
        "show more",
        "tell me about the second one",
        "what about Basel?",
        "before 1550",
        "#1",
        "not in Greek",
        "start over",
        "Hebrew books printed in Amsterdam",
    ],
    [
        "books about astronomy",
        "before 1650",
        "tell me about the first one",
        "books printed in Paris",
        "only those in French",
        "show more",
        "show the previous page",
        "what about Lyon?",
        "the last one",
        "books printed by Aldus",
    ],
]


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    turns_by_session: dict[str, int] = field(default_factory=dict)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(store: str, index: Path, workers: int) -> Iterator[str]:
    """``colophon serve`` on a free loopback port until the block ends; yields its URL."""
    port = free_port()
    env = {**os.environ, "COLOPHON_JWT_SECRET": SECRET, "COLOPHON_LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port)]
    command += ["--workers", str(workers), "--store", store, "--db", str(index)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                if httpx.get(f"{url}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"colophon serve did not start (exit {process.poll()})")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


async def reader(
    client: httpx.AsyncClient, number: int, turns: int, think: float, run: Run
) -> None:
    """One reader's conversation: ``turns`` messages from a script, in one session."""
    headers = {"Authorization": f"Bearer {issue_token(SECRET, f'reader-{number}', 1)}"}
    script = SCRIPTS[number % len(SCRIPTS)]
    session_id = None
    for turn in range(turns):
        if think:
            await asyncio.sleep(random.uniform(0, 2 * think))
        body = {"message": script[turn % len(script)]}
        if session_id:
            body["session_id"] = session_id
        start = time.perf_counter()
        try:
            response = await client.post("/chat", json=body, headers=headers)
        except httpx.HTTPError as exc:
            run.errors.append(f"{type(exc).__name__}: {exc}")
            continue
        run.latencies.append(time.perf_counter() - start)
        if response.status_code != 200:
            run.errors.append(f"{response.status_code}: {response.text[:200]}")
            continue
        answered = response.json()["session_id"]
        if session_id not in (None, answered):
            run.errors.append(f"reader {number}: session changed from {session_id} to {answered}")
        session_id = answered
        run.turns_by_session[session_id] = run.turns_by_session.get(session_id, 0) + 1


async def load(url: str, readers: int, turns: int, think: float) -> tuple[Run, float]:
    run = Run()
    limits = httpx.Limits(max_connections=readers, max_keepalive_connections=readers)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
        start = time.perf_counter()
        await asyncio.gather(*(reader(client, n, turns, think, run) for n in range(readers)))
        return run, time.perf_counter() - start


def lost_turns(store_location: str, run: Run) -> int:
    """Answered turns whose two messages the store does not hold."""
    with SessionStore(store_location) as store:
        return sum(
            max(0, turns - len(store.get_messages(session_id)) // 2)
            for session_id, turns in run.turns_by_session.items()
        )


def page_load_ms(url: str) -> float:
    """Time to fetch ``/`` and every asset the page uses, on a fresh connection."""
    assets = sorted(p.name for p in WEB_DIR.iterdir() if p.suffix in {".css", ".js"})
    start = time.perf_counter()
    with httpx.Client(base_url=url) as client:
        for path in ["/", *(f"/static/{name}" for name in assets)]:
            client.get(path).raise_for_status()
    return (time.perf_counter() - start) * 1000


def measure(name: str, store: str, index: Path, args: argparse.Namespace) -> str:
    with server(store, index, args.workers) as url:
        cold_ms = page_load_ms(url)
        run, seconds = asyncio.run(load(url, args.readers, args.turns, args.think))
        warm_ms = page_load_ms(url)
    lost = lost_turns(store, run)
    answered = sum(run.turns_by_session.values())
    return (
        f"| {name} | {args.readers} | {args.turns} | {args.think:g} | {pct(run.latencies, 0.5):.1f}"
        f" | {pct(run.latencies, 0.99):.1f} | {max(run.latencies) * 1000:.1f}"
        f" | {answered / seconds:.0f} | {len(run.errors)} | {lost} | {cold_ms:.0f} / {warm_ms:.0f} |"
    ) + "".join(f"\n  error: {e}" for e in run.errors[:5])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="20 readers x 5 turns")
    parser.add_argument("--readers", type=int, default=None)
    parser.add_argument("--turns", type=int, default=None)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between turns")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pg-url", default=os.environ.get(PG_URL_VARIABLE))
    args = parser.parse_args(argv)
    args.readers = args.readers or (20 if args.quick else 100)
    args.turns = args.turns or (5 if args.quick else 10)
    tmp = Path(tempfile.mkdtemp(prefix="colophon-http-load-"))
    index = tmp / "demo.db"
    build_index(list(DEMO_SOURCES), index)
    print(
        "| store | readers | turns each | think s | p50 ms | p99 ms | max ms | turns/s"
        " | errors | lost | page load ms, cold / warm |\n|---|---|---|---|---|---|---|---|---|---|---|"
    )
    print(measure("sqlite", f"sqlite:///{tmp / 'sessions.db'}", index, args), flush=True)
    if not args.pg_url:
        print(f"\nNote: postgresql skipped; set {PG_URL_VARIABLE} or pass --pg-url")
        return
    database = create_database(args.pg_url, prefix="colophon_bench")
    try:
        print(measure("postgresql", database, index, args), flush=True)
    finally:
        drop_database(args.pg_url, database)


if __name__ == "__main__":
    main()
