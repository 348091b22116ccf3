"""Chat-turn latency on the demo catalogue: compile with context, execute, format, persist.

    python -m bench chat_turn [--quick]

Runs a fixed conversation (search, refine, page, point at a result, swap a place, start over)
over and over in one session, timing each ``Conversation.handle`` call in process, on the
SQLite store. Then compares the same turns in a fresh session with a session that already
holds 200 turns: a long history must not slow a turn down.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from app.settings import DEMO_SOURCES
from scripts.chat import SessionStore
from scripts.chat.conversation import Conversation
from scripts.marc.index import build_index

SCRIPT = [
    "books printed in Venice",
    "only those in Latin",
    "show more",
    "tell me about the second one",
    "what about Basel?",
    "before 1550",
    "not in Greek",
    "Hebrew books printed in Amsterdam",
    "#1",
    "start over",
]


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000


def timed_turns(conversation: Conversation, session_id: str, turns: int) -> list[float]:
    latencies = []
    for i in range(turns):
        start = time.perf_counter()
        conversation.handle(session_id, SCRIPT[i % len(SCRIPT)])
        latencies.append(time.perf_counter() - start)
    return latencies


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    turns = 200 if args.quick else 1000
    tmp = Path(tempfile.mkdtemp())
    index = tmp / "demo.db"
    build_index(list(DEMO_SOURCES), index)
    with SessionStore(tmp / "sessions.db") as store:
        conversation = Conversation(store, index)
        latencies = timed_turns(conversation, store.create_session().session_id, turns)
        short, long = [], []
        for _ in range(5 if args.quick else 20):
            fresh = store.create_session().session_id
            short += timed_turns(conversation, fresh, len(SCRIPT))
            old = store.create_session().session_id
            timed_turns(conversation, old, 200)
            long += timed_turns(conversation, old, len(SCRIPT))
    print("| turns | p50 ms | p99 ms | mean ms |\n|---|---|---|---|")
    print(
        f"| {turns} | {pct(latencies, 0.5):.2f} | {pct(latencies, 0.99):.2f} | {statistics.mean(latencies) * 1000:.2f} |"
    )
    print("\n| session | p50 ms | p99 ms |\n|---|---|---|")
    print(f"| fresh (turns 1-10) | {pct(short, 0.5):.2f} | {pct(short, 0.99):.2f} |")
    print(f"| after 200 turns (turns 201-210) | {pct(long, 0.5):.2f} | {pct(long, 0.99):.2f} |")
    print(
        f"\nlong/fresh p50 ratio: {pct(long, 0.5) / pct(short, 0.5):.2f}; p99 ratio: {pct(long, 0.99) / pct(short, 0.99):.2f}"
    )


if __name__ == "__main__":
    main()
