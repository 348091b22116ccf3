"""Query latency: compile + execute of typical questions, p50/p99 over many runs.

    python -m bench.query_latency [--quick]

Indexes, built fresh in a temporary directory: the demo catalogue (data/samples/rare_books.xml,
target p99 < 10 ms) and 100,100 records made by copying the NLNZ sample's rows 100 times with
new record ids (target p99 < 100 ms). An absent source is skipped with a note. Timings are
warm: the index vocabulary is loaded once (its cold load is reported) and cached, and each
thread's read-only connection is reused, as in use. Prints a markdown table and the EXPLAIN
QUERY PLAN of every statement of the main queries (a walked page has two: count, then page).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from app.settings import DEMO_CATALOGUE, DEMO_SOURCES
from scripts.marc.index import build_index, fill_full_text
from scripts.query.compile import compile_query
from scripts.query.connection import read_only
from scripts.query.execute import STATEMENTS, execute_plan
from scripts.query.vocabulary import load_vocabulary

NLNZ_MRC = Path(__file__).resolve().parents[2] / "shared" / "data" / "marc" / "nlnz-1000.mrc"
COPIES = 100
CHILD_TABLES = (
    "titles",
    "agents",
    "imprints",
    "languages",
    "subjects",
    "notes",
    "physical_descriptions",
    "citations",
    "genres",
    "holdings",
    "links",
    "marc",
    "imprint_names",
)
FTS_TABLES = ("titles_fts", "subjects_fts", "notes_fts", "keywords_fts")
DEMO_QUERIES = [
    "books printed in Venice",
    "Hebrew books printed in Amsterdam",
    "books in Latin before 1550",
    "not in Latin",
    "printed by Aldus",
    "about astronomy",
    "in the 16th century",
    "titled opera",
    "from Italy",
    "Latin books printed in Venice between 1500 and 1600",
    "Froschauer",
    "books printed in Edinbrugh",
    "have you got any incunabula?",
    "sermons",
]
NLNZ_QUERIES = [
    "books printed in Wellington",
    "books published by Oxford University Press",
    "books printed in London before 1900",
    "Maori language books",
    "not in English",
    "books about New Zealand",
    "titled history",
    "books by Manning",
    "from Australia after 1950",
    "English books printed in Auckland between 1950 and 1990",
    "English books after 1900",
    "Manning",
    "OUP",
    "books about the treaty of waitangi",
    "xyzzy plugh",
]
EXPLAINED = [
    "books printed in Wellington",
    "not in English",
    "books about New Zealand",
    "from Australia after 1950",
    "Maori language books",
    "books by Manning",
    "English books printed in Auckland between 1950 and 1990",
]
TARGETS_MS = {"demo catalogue": 10.0, "NLNZ x100": 100.0}


def main(argv: list[str] | None = None) -> None:
    """Build the indexes, time the queries, print the table and the query plans."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="20 runs per query instead of 200")
    runs = 20 if parser.parse_args(argv).quick else 200
    notes: list[str] = []
    rows: list[str] = []
    with tempfile.TemporaryDirectory(prefix="colophon-bench-") as folder:
        indexes = build_indexes(Path(folder), notes)
        for name, (db_path, queries) in indexes.items():
            rows += _measure(name, db_path, queries, runs)
        print(f"query latency: compile + execute, page of 10, {runs} runs per query\n")
        print("| index | records | query | total | p50 ms | p99 ms |")
        print("|---|---:|---|---:|---:|---:|")
        print("\n".join(rows))
        if "NLNZ x100" in indexes:
            _explain(indexes["NLNZ x100"][0])
    for note in notes:
        print(f"\nNote: {note}")


def build_indexes(folder: Path, notes: list[str]) -> dict[str, tuple[Path, list[str]]]:
    """The demo index and the NLNZ x100 index, built in ``folder``; a note for each one absent."""
    indexes: dict[str, tuple[Path, list[str]]] = {}
    if DEMO_CATALOGUE.exists():
        demo = folder / "demo.db"
        build_index(list(DEMO_SOURCES), demo)
        indexes["demo catalogue"] = (demo, DEMO_QUERIES)
    else:
        notes.append(f"demo catalogue skipped: {DEMO_CATALOGUE} is absent")
    if NLNZ_MRC.exists():
        nlnz = folder / "nlnz.db"
        build_index([NLNZ_MRC], nlnz)
        started = time.perf_counter()
        multiplied = _multiply(nlnz, folder / "nlnz-x100.db", COPIES)
        notes.append(f"NLNZ x{COPIES} generated in {time.perf_counter() - started:.1f} s")
        indexes["NLNZ x100"] = (multiplied, NLNZ_QUERIES)
    else:
        notes.append(f"NLNZ x{COPIES} skipped: {NLNZ_MRC} is absent")
    return indexes


def _multiply(source: Path, target: Path, copies: int) -> Path:
    """A copy of ``source`` whose every record appears ``copies`` times, ids suffixed ``-k``.

    The full-text tables are filled afresh as ``build_index`` fills them, rowid = the record's;
    the vocabulary's record counts are multiplied.
    """
    target.write_bytes(source.read_bytes())
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("BEGIN")
        for table in ("records", *CHILD_TABLES):
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            rest = ", ".join(f"t.{c}" for c in columns if c != "record_id")
            listed = ", ".join(columns)
            conn.execute(
                f"WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < :last)"
                f" INSERT INTO {table} ({listed})"
                f" SELECT t.record_id || '-' || n.k, {rest} FROM {table} t, n",
                {"last": copies - 1},
            )
        for table in FTS_TABLES:
            conn.execute(f"DELETE FROM {table}")
        conn.execute("UPDATE vocabulary SET records = records * :copies", {"copies": copies})
        conn.execute("COMMIT")
        fill_full_text(conn)
        conn.execute("ANALYZE")
    finally:
        conn.close()
    return target


def _measure(name: str, db_path: Path, queries: list[str], runs: int) -> list[str]:
    with read_only(db_path) as conn:
        records = conn.execute("SELECT count(*) FROM records").fetchone()[0]
    started = time.perf_counter()
    load_vocabulary(db_path)
    cold = (time.perf_counter() - started) * 1000
    rows, every = [], []
    for text in queries:
        timings = []
        for _ in range(runs + 1):
            started = time.perf_counter()
            plan = compile_query(text, db_path=db_path)
            total = execute_plan(plan, db_path).total_count if plan.is_actionable else 0
            timings.append((time.perf_counter() - started) * 1000)
        timings = timings[1:]  # the first run warms SQLite's page cache
        every += timings
        p50, p99 = _percentiles(timings)
        rows.append(f"| {name} | {records:,} | {text} | {total:,} | {p50:.2f} | {p99:.2f} |")
    p50, p99 = _percentiles(every)
    verdict = "meets" if p99 < TARGETS_MS[name] else "MISSES"
    rows.append(
        f"| **{name}** | {records:,} | **all queries** (vocabulary cold load {cold:.1f} ms) |"
        f" | **{p50:.2f}** | **{p99:.2f}** ({verdict} p99 < {TARGETS_MS[name]:g} ms) |"
    )
    return rows


def _percentiles(timings: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return statistics.median(timings), cuts[98]


def _explain(db_path: Path) -> None:
    print("\n### EXPLAIN QUERY PLAN (NLNZ x100)")
    with read_only(db_path) as conn:
        for text in EXPLAINED:
            found = execute_plan(compile_query(text, db_path=db_path), db_path)
            print(f"\n{text} ({found.total_count:,} records)")
            for sql in found.sql.split(STATEMENTS):
                print(f"```sql\n{sql}\n```\n```")
                rows = conn.execute(f"EXPLAIN QUERY PLAN {sql}", found.sql_parameters).fetchall()
                parents = {row[0]: row[1] for row in rows}
                for row in rows:
                    print(f"{'  ' * _depth(row[1], parents)}{row[3]}")
                print("```")


def _depth(parent: int, parents: dict[int, int]) -> int:
    # EXPLAIN QUERY PLAN rows are (id, parent, notused, detail): indent by the parent chain.
    depth = 0
    while parent:
        depth, parent = depth + 1, parents.get(parent, 0)
    return depth


if __name__ == "__main__":
    main()
