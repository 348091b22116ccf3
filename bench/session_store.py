"""Session-store workloads, timed for every available store in one run.

    python -m bench session_store [--quick] [--systems raw,colophon,...] [--pg-url URL]

W1 append      sessions x 50 messages, one call per message            -> messages/s
W2 get-all     1,000 random whole reads of W1's 50-message sessions     -> p50/p99 us
W3 recent-10   last 10 of a 2,000-message and of a 50-message session   -> p50/p99 us, ratio
W4 processes   8 processes x 500 appends into one database at once      -> messages/s, errors, lost
W5 scale       20,000 sessions x 20 messages (400,000): 1,000 random reads, alternating with the
               same reads in a 200-session database                     -> p50/p99 us, ratio
Storage: bytes per 20-message session whose assistant messages carry a page of 10 candidates.
Every assistant message carries a result page (10 candidates with evidence, ~3 KB of JSON).
Figures are medians of --reps runs; ratios are against raw sqlite3 in the same run.
With --pg-url (or COLOPHON_BENCH_PG_URL) the PostgreSQL store runs too, as colophon-pg: each
workload in a new database on that server, dropped afterwards. Its storage figure is the size
of its two tables (pg_total_relation_size), not of a file.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.stores import PG_URL_VARIABLE, available

CONTENT = "Which books did the Elzevir press print in Leiden between 1620 and 1680? " * 3


def result_page(seed: int) -> dict:
    rnd = random.Random(seed)
    return {
        "query_text": "books printed in Leiden",
        "plan_hash": f"{rnd.getrandbits(256):064x}",
        "sql": "SELECT r.record_id FROM records r JOIN imprints i USING (record_id) WHERE i.place_norm = :p0",
        "sql_parameters": {"p0": "leiden"},
        "total_count": 37,
        "candidates": [
            {
                "record_id": str(990000 + rnd.randrange(10**6)),
                "match_rationale": "imprint_place EQUALS leiden",
                "title": "Opera omnia " + "x" * rnd.randrange(20, 60),
                "date_start": 1600 + rnd.randrange(100),
                "evidence": [
                    {
                        "field": "imprint_place",
                        "value": "leiden",
                        "operator": "=",
                        "matched_against": "leiden",
                        "source": "marc:264$a",
                    }
                ],
            }
            for _ in range(10)
        ],
    }


def messages(n: int, seed: int):
    for i in range(n):
        role = "user" if i % 2 == 0 else "assistant"
        payload = result_page(seed * 1000 + i) if role == "assistant" else None
        yield role, CONTENT[: 150 + (seed + i) % 60], payload


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1e6


def fill(store, sessions: int, per: int) -> list[str]:
    sids = [store.create() for _ in range(sessions)]
    for k, sid in enumerate(sids):
        for role, content, payload in messages(per, k):
            store.append(sid, role, content, payload)
    return sids


def timed_reads(read, sids: list[str], count: int = 1000, seed: int = 7) -> tuple[float, float]:
    rnd, latencies = random.Random(seed), []
    for _ in range(count):
        sid = rnd.choice(sids)
        start = time.perf_counter()
        read(sid)
        latencies.append(time.perf_counter() - start)
    return pct(latencies, 0.5), pct(latencies, 0.99)


def database_bytes(location: str) -> int:
    return sum(os.path.getsize(location + s) for s in ("", "-wal") if os.path.exists(location + s))


def w1_w2(cls, location: str, sessions: int, per: int) -> dict[str, float]:
    store = cls(location)
    start = time.perf_counter()
    sids = fill(store, sessions, per)
    rate = sessions * per / (time.perf_counter() - start)
    p50, p99 = timed_reads(store.get_all, sids)
    store.close()
    return {"append": rate, "get50_p50": p50, "get50_p99": p99}


def w3(cls, location: str, long_n: int) -> dict[str, float]:
    store = cls(location)
    long_sid, short_sid = store.create(), store.create()
    for sid, n in ((long_sid, long_n), (short_sid, 50)):
        for role, content, payload in messages(n, 3):
            store.append(sid, role, content, payload)
    long_p50, long_p99 = timed_reads(lambda sid: store.get_recent(sid, 10), [long_sid])
    short_p50, short_p99 = timed_reads(lambda sid: store.get_recent(sid, 10), [short_sid])
    store.close()
    return {
        "recent_p50": long_p50,
        "recent_p99": long_p99,
        "recent_long_vs_short": long_p99 / short_p99,
    }


def _w4_worker(name: str, location: str, ready, go, n: int, out) -> None:
    cls = available(note=lambda _: None)[name][0]
    errors, store = 0, cls(location)
    sid = store.create()
    ready.release()
    go.wait()
    for role, content, payload in messages(n, os.getpid()):
        try:
            store.append(sid, role, content, payload)
        except Exception:  # noqa: BLE001 - counting failures is the point
            errors += 1
    store.close()
    out.put(errors)


def w4(name: str, cls, location: str, processes: int, per: int) -> dict[str, float]:
    cls(location).close()
    ctx = mp.get_context("spawn")
    ready, go, out = ctx.Semaphore(0), ctx.Event(), ctx.Queue()
    workers = [
        ctx.Process(target=_w4_worker, args=(name, location, ready, go, per, out))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    for _ in workers:
        while not ready.acquire(timeout=1):  # a worker that dies while opening never signals
            if any(w.exitcode not in (None, 0) for w in workers):
                for worker in workers:
                    worker.terminate()
                raise RuntimeError(f"{name}: a W4 worker failed before it was ready")
    start = time.perf_counter()
    go.set()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - start
    errors = sum(w.exitcode != 0 for w in workers) + sum(
        out.get() for _ in range(processes - sum(w.exitcode != 0 for w in workers))
    )
    store = cls(location)
    stored = store.count()
    store.close()
    return {
        "proc_rate": processes * per / elapsed,
        "proc_errors": errors,
        "proc_lost": processes * per - stored,
    }


def w5(cls, big: str, small: str, sessions: int) -> dict[str, float]:
    stores = {"scale": cls(big), "small": cls(small)}
    sids = {"scale": fill(stores["scale"], sessions, 20), "small": fill(stores["small"], 200, 20)}
    # Reads alternate between the two, so both sizes are timed under the same conditions.
    rnd, latencies = random.Random(5), {"scale": [], "small": []}
    for _ in range(1000):
        for tag, store in stores.items():
            sid = rnd.choice(sids[tag])
            start = time.perf_counter()
            store.get_all(sid)
            latencies[tag].append(time.perf_counter() - start)
    results = {}
    for tag, store in stores.items():
        store.close()
        results[f"{tag}_p50"], results[f"{tag}_p99"] = (
            pct(latencies[tag], 0.5),
            pct(latencies[tag], 0.99),
        )
    results["scale_vs_small"] = results["scale_p99"] / results["small_p99"]
    return results


def storage(cls, location: str) -> dict[str, float]:
    store = cls(location)
    fill(store, 50, 20)
    measure = getattr(store, "database_bytes", None)  # a server database has no file to stat
    size = measure() if measure else None
    store.close()
    return {"bytes_per_session": (size if size is not None else database_bytes(location)) / 50}


def release(tmp: Path, locate) -> None:
    """Remove a workload's files and any databases its locator created for it."""
    shutil.rmtree(tmp)
    getattr(locate, "release", lambda: None)()


KEYS = [
    "append", "get50_p50", "get50_p99", "recent_p50", "recent_p99", "recent_long_vs_short",
    "proc_rate", "proc_errors", "proc_lost", "scale_p50", "scale_p99", "scale_vs_small", "bytes_per_session",
]  # fmt: skip
NO_RATIO = {"proc_errors", "proc_lost", "recent_long_vs_short", "scale_vs_small"}


def run(name: str, cls, locate, quick: bool, reps: int, skip: set[str]) -> dict[str, float]:
    sessions, long_n, processes, per_process, big = (
        (50, 500, 4, 200, 2_000) if quick else (200, 2_000, 8, 500, 20_000)
    )
    repeated = []
    for rep in range(reps):
        tmp = Path(tempfile.mkdtemp())
        try:
            repeated.append(
                w1_w2(cls, locate(tmp, f"w1-{rep}"), sessions, 50)
                | w3(cls, locate(tmp, f"w3-{rep}"), long_n)
            )
        finally:
            release(tmp, locate)
    result = {key: statistics.median(r[key] for r in repeated) for key in repeated[0]}
    tmp = Path(tempfile.mkdtemp())
    try:
        if "w4" not in skip:
            result |= w4(name, cls, locate(tmp, "w4"), processes, per_process)
        if "w5" not in skip:
            result |= w5(cls, locate(tmp, "w5"), locate(tmp, "w5-small"), big)
        result |= storage(cls, locate(tmp, "size"))
    finally:
        release(tmp, locate)
    return result


def table(rows: dict[str, dict[str, float]]) -> str:
    base = rows.get("raw", {})
    lines = ["| system | " + " | ".join(KEYS) + " |", "|---|" + "---|" * len(KEYS)]
    for name, row in rows.items():
        cells = []
        for key in KEYS:
            if key not in row:
                cells.append("-")
                continue
            value = f"{row[key]:.2f}" if key in NO_RATIO and "vs" in key else f"{row[key]:.0f}"
            if base.get(key) and name != "raw" and key not in NO_RATIO:
                value += f" ({row[key] / base[key]:.2f}x)"
            cells.append(value)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smaller workloads, for a first look")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--systems", default="", help="comma list; default: every available store")
    parser.add_argument("--skip", default="", help="comma list of workloads to skip: w4,w5")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(PG_URL_VARIABLE),
        help=f"PostgreSQL server for colophon-pg (default: ${PG_URL_VARIABLE}); the user must"
        " be allowed to CREATE DATABASE",
    )
    args = parser.parse_args(argv)
    if args.pg_url:  # the W4 worker processes look the system up again
        os.environ[PG_URL_VARIABLE] = args.pg_url
    systems = available()
    wanted = [s for s in args.systems.split(",") if s] or list(systems)
    rows = {}
    for name in wanted:
        cls, locate = systems[name]
        rows[name] = run(
            name, cls, locate, args.quick, args.reps, set(filter(None, args.skip.split(",")))
        )
        print(f"{name}: " + ", ".join(f"{k}={v:.0f}" for k, v in rows[name].items()), flush=True)
    print()
    print(table(rows))
    print(
        "\nappend and proc_rate in messages/s (higher is better); latencies in microseconds;"
        " ratios in brackets are system / raw-sqlite3 of this run; *_vs_* are p99 ratios within a system."
    )


if __name__ == "__main__":
    main()
