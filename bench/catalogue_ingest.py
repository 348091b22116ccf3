"""Catalogue ingest: time ``build_index`` on the real catalogues, median of 5 runs (1 quick).

    python -m bench catalogue_ingest [--quick]

Catalogues: the NLNZ sample (../shared/data/marc/nlnz-1000.mrc, 1,001 records of binary MARC)
and the demo catalogue (data/samples/rare_books.xml and its authority file, MARCXML); one that
is absent is skipped with a note. Each run builds a fresh index in a temporary directory, in a
process of its own, so no run finds what an earlier one cached (as ``colophon index`` runs).
"linking" is the part of the build spent linking names and building the vocabulary readers'
words are matched against, and its share of the rest of the build.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from app.settings import DEMO_SOURCES
from scripts.marc.index import build_index

NLNZ_MRC = Path(__file__).resolve().parents[2] / "shared" / "data" / "marc" / "nlnz-1000.mrc"
CATALOGUES = {
    "NLNZ sample (.mrc)": (NLNZ_MRC,),
    "demo catalogue (MARCXML)": DEMO_SOURCES,
}


def main(argv: list[str] | None = None) -> None:
    """Print a markdown table: records, median seconds and records per second per catalogue."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="one run instead of five")
    runs = 1 if parser.parse_args(argv).quick else 5
    print(f"catalogue ingest, median of {runs} run{'s' if runs > 1 else ''}\n")
    print("| catalogue | records | skipped | median s | records/s | linking s | linking share |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    notes = []
    for name, paths in CATALOGUES.items():
        if not paths[0].exists():
            notes.append(f"{name}: skipped, {paths[0]} is absent")
            continue
        records, skipped, seconds, linking = _time(list(paths), runs)
        print(
            f"| {name} | {records:,} | {skipped:,} | {seconds:.3f} | {records / seconds:,.0f} |"
            f" {linking:.3f} | {linking / (seconds - linking):.0%} |"
        )
    for note in notes:
        print(f"\nNote: {note}")


def _time(paths: list[Path], runs: int) -> tuple[int, int, float, float]:
    """Records, skipped records, and the median seconds of ``runs`` fresh builds and of their
    linking."""
    built = []
    spawn = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="colophon-bench-") as directory:
        for run in range(runs):
            with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as process:
                target = Path(directory) / f"index-{run}.db"
                built.append(process.submit(_build, paths, target).result())
    records, skipped = built[-1][:2]
    return (
        records,
        skipped,
        statistics.median(seconds for _, _, seconds, _ in built),
        statistics.median(linking for _, _, _, linking in built),
    )


def _build(paths: list[Path], target: Path) -> tuple[int, int, float, float]:
    summary = build_index(paths, target)
    return summary.records, len(summary.skipped), summary.seconds, summary.linking_seconds


if __name__ == "__main__":
    main()
