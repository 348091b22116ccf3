"""Record pages and exports: how fast a record page answers, how fast and in how little
memory every match of a search is exported.

    python -m bench records [--quick]

Indexes as in ``query_latency``: the demo catalogue and NLNZ x100 (100,100 records). Record
pages are fetched over HTTP from a real server (uvicorn on loopback, one client, keep-alive)
for records picked at random, as HTML and as JSON: p50 and p99 (target p99 < 20 ms).
Exports run ``EXPORT_QUERY`` on NLNZ x100 (over 10,000 matches) in every format, writing to
nowhere: seconds (target < 2 s) and the CPU seconds of this process (on a shared machine the
difference is other jobs' load), then, in a second run under tracemalloc, the peak of Python
memory. A streamed export holds one chunk of records at a time, so the peak for a search
with several times as many matches (``LARGER_QUERY``) stays about the same. ``--quick``
times each export once instead of taking the median of three.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

import httpx

from app.api.main import create_app
from bench.query_latency import build_indexes
from scripts.export.formats import FORMATS
from scripts.export.streams import plan_items
from scripts.query.compile import compile_query
from scripts.query.connection import read_only
from scripts.records.view import address
from tests.app.api.live import make_settings, serving

EXPORT_QUERY = "books printed in Wellington between 1950 and 1999"
LARGER_QUERY = "books about New Zealand"
PAGE_TARGET_MS = 20.0
EXPORT_TARGET_S = 2.0
PAGES = {"HTML": {"Accept": "text/html"}, "JSON": {"Accept": "application/json"}}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="100 pages each instead of 1,000")
    quick = parser.parse_args(argv).quick
    requests = 100 if quick else 1000
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="colophon-bench-") as folder:
        indexes = {name: path for name, (path, _) in build_indexes(Path(folder), notes).items()}
        print(f"record pages over HTTP, {requests} records each, one client\n")
        print("| index | records | page | p50 ms | p99 ms |")
        print("|---|---:|---|---:|---:|")
        for name, db_path in indexes.items():
            for row in _pages(name, db_path, Path(folder), requests):
                print(row)
        if "NLNZ x100" in indexes:
            _exports(indexes["NLNZ x100"], runs=1 if quick else 3)
        else:
            notes.append("exports skipped: they need the NLNZ x100 index")
    for note in notes:
        print(f"\nNote: {note}")


def _pages(name: str, db_path: Path, folder: Path, requests: int) -> list[str]:
    with read_only(db_path) as conn:
        ids = [row[0] for row in conn.execute("SELECT record_id FROM records")]
    chosen = random.Random(1).choices(ids, k=requests)
    settings = make_settings(folder / f"pages-{len(ids)}", db_path)
    rows = []
    with serving(create_app(settings)) as url, httpx.Client(base_url=url) as client:
        for page, headers in PAGES.items():
            for record_id in chosen[:20]:  # warm the server, the connection and the page cache
                client.get(address(record_id), headers=headers).raise_for_status()
            timings = []
            for record_id in chosen:
                started = time.perf_counter()
                client.get(address(record_id), headers=headers).raise_for_status()
                timings.append((time.perf_counter() - started) * 1000)
            p50, p99 = statistics.median(timings), statistics.quantiles(timings, n=100)[98]
            verdict = "meets" if p99 < PAGE_TARGET_MS else "MISSES"
            rows.append(
                f"| {name} | {len(ids):,} | {page} | {p50:.2f} | {p99:.2f}"
                f" ({verdict} p99 < {PAGE_TARGET_MS:g} ms) |"
            )
    return rows


def _export(question: str, db_path: Path, name: str) -> tuple[int, int]:
    """Export every match of ``question`` as ``name`` into nowhere: (records, bytes)."""
    chosen = FORMATS[name]
    plan = compile_query(question, db_path=db_path)
    records = 0

    def counted():
        nonlocal records
        for item in plan_items(plan, db_path, chosen.loading()):
            records += 1
            yield item

    written = sum(len(chunk.encode()) for chunk in chosen.write(counted()))
    return records, written


def _peak(question: str, db_path: Path, name: str) -> float:
    tracemalloc.start()
    try:
        _export(question, db_path, name)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _exports(db_path: Path, runs: int = 3) -> None:
    print(f"\nexports of every match of “{EXPORT_QUERY}” on NLNZ x100, median of {runs}\n")
    print("| format | records | MB written | seconds | CPU seconds | peak MB (Python) |")
    print("|---|---:|---:|---:|---:|---:|")
    _export(EXPORT_QUERY, db_path, "ris")  # warm the page cache and the vocabulary
    for name in FORMATS:
        walls, cpus = [], []
        for _ in range(runs):
            started, cpu = time.perf_counter(), time.process_time()
            records, written = _export(EXPORT_QUERY, db_path, name)
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
        seconds, cpu = statistics.median(walls), statistics.median(cpus)
        verdict = "meets" if seconds < EXPORT_TARGET_S else "MISSES"
        peak = _peak(EXPORT_QUERY, db_path, name)
        print(
            f"| {name} | {records:,} | {written / 1e6:.1f} | {seconds:.2f}"
            f" ({verdict} < {EXPORT_TARGET_S:g} s) | {cpu:.2f} | {peak:.1f} |"
        )
    records, written = _export(LARGER_QUERY, db_path, "ris")
    peak = _peak(LARGER_QUERY, db_path, "ris")
    print(
        f"\nStreamed: “{LARGER_QUERY}” ({records:,} records, {written / 1e6:.0f} MB of RIS)"
        f" peaks at {peak:.1f} MB of Python memory."
    )


if __name__ == "__main__":
    main()
