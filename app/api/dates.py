"""Publication years over everything a plan matches, for the page's date chart."""

from __future__ import annotations

from pathlib import Path

from scripts.query.connection import read_only
from scripts.query.operators import clause
from scripts.schemas import QueryPlan

YEARS_SQL = """SELECT r.date_start, count(*) FROM records r
WHERE {where} AND r.date_start IS NOT NULL GROUP BY r.date_start ORDER BY r.date_start"""


def year_counts(plan: QueryPlan, index_db: Path) -> list[tuple[int, int]]:
    """``(year, records)`` for every dated record matching ``plan``, earliest first."""
    clauses = [clause(i, flt) for i, flt in enumerate(plan.filters)]
    params = {key: value for c in clauses for key, value in c.params.items()}
    where = " AND ".join(c.sql for c in clauses) or "1"
    with read_only(index_db) as conn:
        return [(year, n) for year, n in conn.execute(YEARS_SQL.format(where=where), params)]
