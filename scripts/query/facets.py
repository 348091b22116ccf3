"""Counts over everything a plan matches, not just the page shown: for follow-up suggestions.

``count`` answers "how many would match these filters"; ``facet`` the most common languages,
centuries or places among the matches, so a suggestion such as "only those in Latin" is
always about the reader's own results.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from scripts.query.connection import read_only
from scripts.query.operators import clause
from scripts.schemas import Filter

Facet = Literal["language", "century", "place"]

_FACET_SQL: dict[str, str] = {
    "language": """SELECT l.code, count(DISTINCT r.record_id) FROM records r
        JOIN languages l ON l.record_id = r.record_id WHERE {where}
        GROUP BY l.code ORDER BY 2 DESC, 1 LIMIT :top""",
    "century": """SELECT r.date_start / 100 + 1, count(*) FROM records r
        WHERE {where} AND r.date_start IS NOT NULL
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT :top""",
    "place": """SELECT i.place_norm, count(DISTINCT r.record_id) FROM records r
        JOIN imprints i ON i.record_id = r.record_id WHERE {where} AND i.place_norm IS NOT NULL
        GROUP BY i.place_norm ORDER BY 2 DESC, 1 LIMIT :top""",
}


def _where(filters: list[Filter]) -> tuple[str, dict[str, Any]]:
    clauses = [clause(i, flt) for i, flt in enumerate(filters)]
    params = {key: value for c in clauses for key, value in c.params.items()}
    return " AND ".join(c.sql for c in clauses) or "1", params


def count(filters: list[Filter], db_path: Path) -> int:
    """How many records match every filter (all records when there are none)."""
    single = clause(0, filters[0]) if len(filters) == 1 else None
    if single is not None and single.count_sql is not None:
        sql, params = single.count_sql, single.params  # from the filter's indexes alone
    else:
        where, params = _where(filters)
        sql = f"SELECT count(*) FROM records r WHERE {where}"
    with read_only(db_path) as conn:
        return conn.execute(sql, params).fetchone()[0]


def facet(filters: list[Filter], db_path: Path, name: Facet, top: int = 3) -> list[tuple[Any, int]]:
    """The ``top`` most common values of ``name`` among the matches, with their counts."""
    where, params = _where(filters)
    with read_only(db_path) as conn:
        return [
            tuple(row)
            for row in conn.execute(_FACET_SQL[name].format(where=where), {**params, "top": top})
        ]
