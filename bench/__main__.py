"""Run Colophon's benchmarks: ``python -m bench [NAME ...] [--quick]`` (all when no name)."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = [
    "session_store",
    "catalogue_ingest",
    "chat_turn",
    "query_latency",
    "http_load",
    "page_paint",
    "understanding",
    "records",
]


def main() -> None:
    args = sys.argv[1:]
    if "-h" in args or "--help" in args:
        sys.exit(
            f"{__doc__}\nbenchmarks: {', '.join(BENCHMARKS)}; each takes --quick and its own options"
        )
    names = [a for a in args if a in BENCHMARKS] or BENCHMARKS
    options = [a for a in args if a not in BENCHMARKS]
    for name in names:
        print(f"\n## {name}\n", flush=True)
        importlib.import_module(f"bench.{name}").main(options)


if __name__ == "__main__":
    main()
