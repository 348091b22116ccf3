"""Catalogue ingest: time ``build_index`` on the real catalogues, median of 5 runs (1 quick).

    python -m bench catalogue_ingest [--quick]

Catalogues: the NLNZ sample (../shared/data/marc/nlnz-1000.mrc, 1,001 records of binary MARC)
and the demo catalogue (data/samples/rare_books.xml, MARCXML); one that is absent is skipped
with a note. Each run builds a fresh index in a temporary directory.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from app.settings import DEMO_CATALOGUE
from scripts.marc.index import build_index

NLNZ_MRC = Path(__file__).resolve().parents[2] / "shared" / "data" / "marc" / "nlnz-1000.mrc"
CATALOGUES = {"NLNZ sample (.mrc)": NLNZ_MRC, "demo catalogue (MARCXML)": DEMO_CATALOGUE}


def main(argv: list[str] | None = None) -> None:
    """Print a markdown table: records, median seconds and records per second per catalogue."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="one run instead of five")
    runs = 1 if parser.parse_args(argv).quick else 5
    print(f"catalogue ingest, median of {runs} run{'s' if runs > 1 else ''}\n")
    print("| catalogue | records | skipped | median s | records/s |")
    print("|---|---:|---:|---:|---:|")
    notes = []
    for name, path in CATALOGUES.items():
        if not path.exists():
            notes.append(f"{name}: skipped, {path} is absent")
            continue
        records, skipped, seconds = _time(path, runs)
        print(f"| {name} | {records:,} | {skipped:,} | {seconds:.3f} | {records / seconds:,.0f} |")
    for note in notes:
        print(f"\nNote: {note}")


def _time(path: Path, runs: int) -> tuple[int, int, float]:
    """Records, skipped records and the median seconds of ``runs`` fresh builds."""
    timings = []
    with tempfile.TemporaryDirectory(prefix="colophon-bench-") as directory:
        for run in range(runs):
            summary = build_index([path], Path(directory) / f"index-{run}.db")
            timings.append(summary.seconds)
    return summary.records, len(summary.skipped), statistics.median(timings)


if __name__ == "__main__":
    main()
