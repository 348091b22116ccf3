"""Paging: walking the date order and sorting the matches give the same pages and counts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from scripts.query import execute
from scripts.query.compile import compile_query
from scripts.query.execute import STATEMENTS, execute_plan
from scripts.query.operators import clause
from scripts.schemas.query_plan import Filter, FilterField, FilterOp
from tests.scripts.query.test_execute import EVERYTHING, MATCHES, f, ids, plan_of

PAGES = [(1, 0), (3, 0), (2, 2), (4, 5), (10, 20)]
FULL_TEXT = {FilterField.TITLE, FilterField.SUBJECT}
WALK_VISITS = execute.WALK_VISITS


def _walked(monkeypatch: pytest.MonkeyPatch, visits: int = WALK_VISITS) -> None:
    monkeypatch.setattr(execute, "WALK_SLACK", 0)  # walk whenever the count is cheap
    monkeypatch.setattr(execute, "WALK_VISITS", visits)


def _sorted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(execute, "WALK_SLACK", 10**9)  # never expect the page early enough


@pytest.mark.parametrize("visits", [1, 4, WALK_VISITS])
@pytest.mark.parametrize(("flt", "expected"), MATCHES, ids=lambda v: str(v)[:60])
def test_walked_and_sorted_pages_are_the_same(
    crafted_index: Path,
    monkeypatch: pytest.MonkeyPatch,
    flt: Filter,
    expected: list[str],
    visits: int,
) -> None:
    for limit, offset in PAGES:
        _walked(monkeypatch, visits)
        walked = execute_plan(plan_of(flt), crafted_index, limit=limit, offset=offset)
        _sorted(monkeypatch)
        ordered = execute_plan(plan_of(flt), crafted_index, limit=limit, offset=offset)
        assert ids(walked) == ids(ordered) == expected[offset : offset + limit]
        assert walked.total_count == ordered.total_count == len(expected)
        assert walked.candidates == ordered.candidates


def test_the_records_a_walk_looks_at_are_the_first_in_date_order_undated_last(
    crafted_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _walked(monkeypatch, visits=1)  # q1, in Latin: the walk finds nothing and gives way
    found = execute_plan(
        plan_of(f("language", "EQUALS", "lat", negate=True)), crafted_index, limit=1
    )
    assert ids(found) == ["q4"] and found.sql.startswith("WITH matched")


@pytest.mark.parametrize(
    "text",
    [
        "not in Latin",
        "books printed in Venice",
        "about astronomy",
        "after 1600",
        "not in the 16th century",
        "Latin books after 1500",
        "in the 16th century in Latin",
    ],
)
def test_demo_pages_are_the_same_walked_and_sorted(
    demo_index: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    plan = compile_query(text, db_path=demo_index)
    for limit, offset in [(10, 0), (10, 10), (25, 100)]:
        _walked(monkeypatch)
        walked = execute_plan(plan, demo_index, limit=limit, offset=offset)
        _sorted(monkeypatch)
        ordered = execute_plan(plan, demo_index, limit=limit, offset=offset)
        assert "INDEXED BY records_order" in walked.sql
        assert "INDEXED BY records_order" not in ordered.sql
        assert ids(walked) == ids(ordered) and walked.total_count == ordered.total_count


def test_a_broad_filter_is_counted_then_walked_in_date_order(demo_index: Path) -> None:
    found = execute_plan(compile_query("not in Latin", db_path=demo_index), demo_index)
    count, page = found.sql.split(STATEMENTS)
    assert count.startswith("SELECT (SELECT count(*) FROM records) - (")
    assert "FROM records INDEXED BY records_order" in page and "LIMIT :visits" in page
    assert found.sql_parameters["visits"] == execute.WALK_VISITS


def test_a_walk_whose_records_hold_too_few_matches_gives_way_to_sorting(
    crafted_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _walked(monkeypatch)
    monkeypatch.setattr(execute, "WALK_VISITS", 2)  # q1 and q4: only q1 is in Latin
    found = execute_plan(plan_of(f("language", "EQUALS", "lat")), crafted_index, limit=2)
    assert ids(found) == ["q1", "q9"] and found.total_count == 3
    assert found.sql.startswith("WITH matched AS MATERIALIZED") and STATEMENTS not in found.sql


def test_a_filter_matching_nothing_runs_only_its_count(crafted_index: Path) -> None:
    found = execute_plan(plan_of(f("language", "EQUALS", "zzz")), crafted_index)
    assert (found.candidates, found.total_count) == ([], 0)
    assert found.sql.startswith("SELECT count(DISTINCT record_id)")
    assert STATEMENTS not in found.sql


@pytest.mark.parametrize(("flt", "expected"), MATCHES, ids=lambda v: str(v)[:60])
def test_count_sql_counts_what_the_clause_matches(
    crafted_index: Path, flt: Filter, expected: list[str]
) -> None:
    where = clause(0, flt)
    like = flt.op is FilterOp.CONTAINS and flt.field not in FULL_TEXT
    assert (where.count_sql is None) == like
    if where.count_sql is not None:
        with sqlite3.connect(crafted_index) as conn:
            counted = conn.execute(where.count_sql, where.params).fetchone()[0]
        assert counted == len(expected)


@pytest.mark.parametrize("negate", [False, True])
def test_a_full_text_filter_lists_records_rowids(crafted_index: Path, negate: bool) -> None:
    where = clause(0, f("subject", "CONTAINS", "early works", negate=negate))
    listed = "r.rowid NOT IN (SELECT f.rowid" if negate else "r.rowid IN (SELECT f.rowid"
    assert where.sql.startswith(listed)
    with sqlite3.connect(crafted_index) as conn:
        found = conn.execute(
            f"SELECT r.record_id FROM records r WHERE {where.sql} ORDER BY 1", where.params
        ).fetchall()
    expected = sorted(set(EVERYTHING) - {"q1", "q9"}) if negate else ["q1", "q9"]
    assert [record_id for (record_id,) in found] == expected
