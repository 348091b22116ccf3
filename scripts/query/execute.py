"""Running a ``QueryPlan`` against the index: one page of candidates, each with its evidence.

Every filter becomes one condition from the operator table (``operators.clause``), ANDed
together; a filter the index's value counts show to be broad (over a quarter of the records)
is probed per record while a more selective filter drives the query. Results are ordered by
date (undated last), title and record id, so the same plan always pages the same way; the
page is found in one of two ways, with the same result:

* walked: a plan of one filter whose records its indexes count (no LIKE) is counted first;
  when the matches are so many that the page should lie well within the first
  ``WALK_VISITS`` records in date order, those records are read from the ``records_order``
  index and probed, and the page is taken from them if they hold it (else it is sorted). A
  date filter walks the index from where its range begins, to the end of the page;
* sorted: one statement finds the matching records once (a MATERIALIZED CTE), counts them
  for ``total_count`` and sorts them for the page; only an empty page needs a separate COUNT.

Where every condition is broad and a date range takes in most records, the matches are counted
from outside the range: those meeting the other conditions, less the few of them beyond it.

``CandidateSet.sql`` holds the statements that produced the page and its count, in order,
separated by ``;\n``. The page's records are described with the evidence of why each matched
(``candidates``). A plan that is not actionable is refused, never run as "everything".

``iter_matches`` gives every match of a plan in the same order, with the same evidence, for
exports: one statement lists the matching ids in order, and they are read and described
``chunk`` at a time, so no list of all the matches is ever held.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scripts.query.candidates import as_candidates, id_list
from scripts.query.connection import IndexQueryError, read_only
from scripts.query.fields import FIELDS, estimate
from scripts.query.operators import Clause, beyond, bounds, clause, fts_string, outside
from scripts.query.vocabulary import Vocabulary, load_vocabulary
from scripts.schemas.candidate_set import Candidate, CandidateSet
from scripts.schemas.query_plan import Filter, FilterField, FilterOp, QueryPlan, SortKey

BROAD_SHARE = 0.25
# A date range taking in over this share of the records is counted from outside (``_count``).
WIDE_SHARE = 0.75
WALK_VISITS = 2000  # the records a walk looks at, first in date order
WALK_SLACK = 8  # walk when the page is expected in the first WALK_VISITS / WALK_SLACK of them
STATEMENTS = ";\n"  # between the statements of ``CandidateSet.sql``

PAGE_SQL = """WITH matched AS MATERIALIZED (
  SELECT r.record_id, r.date_start, r.title, r.title_sort, r.author{rank} FROM records r{ranked}
  WHERE {where}
), page AS (
  SELECT record_id, {position} AS position FROM matched
  ORDER BY position
  LIMIT :limit OFFSET :offset
)
SELECT r.record_id, r.title, r.author, r.date_start, r.date_end, r.description,
  (SELECT count(*) FROM matched) AS total_count
FROM page JOIN records r ON r.record_id = page.record_id
ORDER BY page.position"""
# Words searched as keywords rank their matches (bm25): the best first, then by date.
RANKED = (
    ", k.rank",
    " JOIN keywords_fts k ON k.rowid = r.rowid AND keywords_fts MATCH :rank_fts",
    "row_number() OVER (ORDER BY rank, {order})",
)
DATED_APART_SQL = """SELECT count(*) FROM records r WHERE {where}"""
COUNT_SQL = "SELECT count(*) FROM records r WHERE {where}"
ROWIDS_SQL = "SELECT r.rowid FROM records r WHERE {where}"
# Every match's rowid as one JSON array: stepping through a row per match costs Python more
# than SQLite takes to find them (65 against 51 ms for 88,300 matches).
ROWID_ARRAY_SQL = "SELECT json_group_array(rowid) FROM ({rowids})"
# Orders a list can be in (``SortKey``, descending); the date orders walk ``records_order``
# and ``records_newest`` (SQLite sorts NULLs first, so DESC puts undated records last).
ORDERS = {
    (SortKey.DATE, False): "date_start NULLS LAST, title_sort, record_id",
    (SortKey.DATE, True): "date_start DESC, title_sort, record_id",
    (SortKey.TITLE, False): "title_sort IS NULL, title_sort, date_start, record_id",
    (SortKey.TITLE, True): "title_sort IS NULL, title_sort DESC, date_start, record_id",
    (SortKey.AUTHOR, False): "author IS NULL, author COLLATE NOCASE, title_sort, record_id",
    (SortKey.AUTHOR, True): "author IS NULL, author COLLATE NOCASE DESC, title_sort, record_id",
}
WALKED_ORDERS = {(SortKey.DATE, False): "records_order", (SortKey.DATE, True): "records_newest"}
WALK_SQL = """WITH first AS (
  SELECT rowid AS id FROM records INDEXED BY {index}
  ORDER BY {order}
  LIMIT :visits
)
SELECT r.record_id, r.title, r.author, r.date_start, r.date_end, r.description
FROM first CROSS JOIN records r ON r.rowid = first.id
WHERE {where}
ORDER BY {r_order}
LIMIT :limit OFFSET :offset"""
WALK_DATES_SQL = """SELECT r.record_id, r.title, r.author, r.date_start, r.date_end, r.description
FROM records r INDEXED BY {index}
WHERE {where}
ORDER BY {r_order}
LIMIT :limit OFFSET :offset"""
ALL_SQL = """SELECT r.record_id FROM records r
WHERE {where}
ORDER BY {r_order}"""
ROWS_SQL = """SELECT record_id, title, author, date_start, date_end, description FROM records
WHERE record_id IN ({ids})"""
EXPORT_CHUNK = 200  # records described at a time: fewer live objects, cheaper collections


class NotActionableError(ValueError):
    """The plan has no filters or asks the reader to clarify; running it would match everything."""


def check_actionable(plan: QueryPlan) -> None:
    """Raise NotActionableError for a plan that would match everything, saying why."""
    if not plan.is_actionable:
        reason = plan.clarification or "it has no filters"
        raise NotActionableError(f"the query plan cannot be run: {reason}")


def execute_plan(
    plan: QueryPlan, db_path: Path, *, limit: int = 10, offset: int = 0
) -> CandidateSet:
    """One page (``limit`` from ``offset``) of the records matching every filter of ``plan``,
    in its order, and no further than its top-N ("the five oldest")."""
    check_actionable(plan)
    if limit < 1 or offset < 0:
        raise ValueError(f"limit must be positive and offset not negative ({limit}, {offset})")
    vocabulary = load_vocabulary(db_path)
    order = (plan.sort or SortKey.DATE, plan.descending)
    keywords = None if plan.sort else _keywords(plan.filters)
    if plan.top is not None:
        limit = max(min(limit, plan.top - offset), 0)
    try:
        with read_only(db_path) as conn:
            walked = (
                _walk(conn, plan.filters, vocabulary, order, max(limit, 1), offset)
                if not keywords and order in WALKED_ORDERS
                else None
            )
            statements, params, rows, total = walked or _sort(
                conn, plan.filters, vocabulary, order, max(limit, 1), offset, keywords
            )
            rows = rows[:limit]
            candidates = as_candidates(conn, plan.filters, rows, order=order if plan.sort else None)
            apart = _dated_apart(conn, plan.filters, vocabulary)
    except sqlite3.DatabaseError as exc:
        raise IndexQueryError(f"cannot query the index {db_path}: {exc}") from exc
    return CandidateSet(
        query_text=plan.query_text,
        plan_hash=plan.plan_hash(),
        sql=STATEMENTS.join(statements),
        sql_parameters=params,
        candidates=candidates,
        total_count=total if plan.top is None else min(total, plan.top),
        dated_apart=apart,
    )


def count_matches(filters: list[Filter], db_path: Path) -> tuple[int, int]:
    """How many records match every filter (all when there are none), and how many more
    meet a date filter only roughly (``CandidateSet.dated_apart``)."""
    vocabulary = load_vocabulary(db_path)
    try:
        with read_only(db_path) as conn:
            total = _count(conn, filters, vocabulary)[2]
            return total, _dated_apart(conn, filters, vocabulary)
    except sqlite3.DatabaseError as exc:
        raise IndexQueryError(f"cannot query the index {db_path}: {exc}") from exc


def _count(
    conn: sqlite3.Connection, filters: list[Filter], vocabulary: Vocabulary
) -> tuple[list[str], dict[str, Any], int]:
    """The statements that count the records matching every filter, their parameters, and
    the count. When every condition is broad and a date range takes in most records, the
    range is counted from outside: the records meeting the other conditions, less those of
    them beyond the range, which are few, so few records are probed."""
    wide = _wide_dates(filters, vocabulary)
    sql, params = _count_sql(filters, vocabulary, without=wide)
    total = conn.execute(sql, params).fetchone()[0]
    if wide is None:
        return [sql], params, total
    where, beyond_params = _beyond(filters, wide)
    beyond_sql = COUNT_SQL.format(where=where)
    total -= conn.execute(beyond_sql, beyond_params).fetchone()[0]
    return [sql, beyond_sql], {**params, **beyond_params}, total


def _beyond(filters: list[Filter], wide: int) -> tuple[str, dict[str, Any]]:
    """The records meeting every filter but date filter number ``wide``, and beyond its
    range: each record's dates are read before its other conditions are probed."""
    others = [clause(i, flt, probe=True) for i, flt in enumerate(filters) if i != wide]
    return _where([beyond(wide, filters[wide]), *others])


def _count_sql(
    filters: list[Filter], vocabulary: Vocabulary, without: int | None = None
) -> tuple[str, dict[str, Any]]:
    """The statement counting the records matching every filter but number ``without``."""
    kept = [(i, flt) for i, flt in enumerate(filters) if i != without]
    if not kept:
        return "SELECT count(*) FROM records", {}
    if len(kept) == 1 and (single := clause(*kept[0], probe=True)).count_sql is not None:
        return single.count_sql, single.params  # from the filter's indexes alone
    where, params = _where(_clauses(filters, vocabulary, without))
    return COUNT_SQL.format(where=where), params


def _wide_dates(filters: list[Filter], vocabulary: Vocabulary) -> int | None:
    """The date filter to count from outside (see ``_count``), if any."""
    if len(filters) < 2 or not _dense(filters, vocabulary):
        return None
    return next(
        (
            i
            for i, flt in enumerate(filters)
            if flt.field is FilterField.YEAR
            and _estimate(flt, vocabulary) > vocabulary.records * WIDE_SHARE
        ),
        None,
    )


def matching_rowids(
    conn: sqlite3.Connection, filters: list[Filter], vocabulary: Vocabulary
) -> list[int]:
    """The rowids of the records matching every filter (all when there are none), in no
    particular order; ``conn`` reads the index ``vocabulary`` was loaded from."""
    single = clause(0, filters[0]) if len(filters) == 1 else None
    if single is not None and single.rowids_sql is not None:
        sql, params = single.rowids_sql, single.params  # from the full-text index alone
    else:
        where, params = _where(_clauses(filters, vocabulary))
        sql = ROWIDS_SQL.format(where=where)
    (array,) = conn.execute(ROWID_ARRAY_SQL.format(rowids=sql), params).fetchone()
    return json.loads(array)


def _where(clauses: list[Clause], joiner: str = " AND ") -> tuple[str, dict[str, Any]]:
    """The clauses ANDed (every record when there are none), and their parameters."""
    params = {k: v for c in clauses for k, v in c.params.items()}
    return joiner.join(c.sql for c in clauses) or "1", params


def _keywords(filters: list[Filter]) -> str | None:
    """The full-text query of the plan's keyword search, which ranks the results, if any."""
    found = [f for f in filters if f.field is FilterField.KEYWORD and not f.negate]
    return fts_string(str(found[0].value)) if found else None


def _dated_apart(conn: sqlite3.Connection, filters: list[Filter], vocabulary: Vocabulary) -> int:
    """Records that meet every condition but a date one only by overlapping its years ("16--"
    asked for the 1650s): counted apart, never among the results."""
    years = [
        i
        for i, f in enumerate(filters)
        if f.field is FilterField.YEAR and not f.negate and not f.roughly
    ]
    if not years:
        return 0
    clauses = [c for i, c in enumerate(_clauses(filters, vocabulary)) if i not in years]
    for i in years:
        clauses.append(clause(i, filters[i], overlapping=True))
        clauses.append(outside(i, filters[i]))
    where, params = _where(clauses)
    return conn.execute(DATED_APART_SQL.format(where=where), params).fetchone()[0]


def iter_matches(
    plan: QueryPlan,
    conn: sqlite3.Connection,
    vocabulary: Vocabulary,
    *,
    chunk: int = EXPORT_CHUNK,
) -> Iterator[list[Candidate]]:
    """Every record matching ``plan``, in result order, ``chunk`` candidates at a time, each
    with its evidence and record row (not its imprint or subjects: exports read whole records);
    ``conn`` reads the index (``connection.streaming``) that ``vocabulary`` was loaded from."""
    check_actionable(plan)
    where, params = _where(_clauses(plan.filters, vocabulary), "\n  AND ")
    order = ORDERS[plan.sort or SortKey.DATE, plan.descending]
    sql = ALL_SQL.format(where=where, r_order=_qualified(order))
    if plan.top is not None:
        sql, params = f"{sql}\nLIMIT :top", {**params, "top": plan.top}
    matches = conn.execute(sql, params)
    while ids := [row[0] for row in matches.fetchmany(chunk)]:
        id_sql, id_params = id_list(ids)
        rows = {
            row["record_id"]: row for row in conn.execute(ROWS_SQL.format(ids=id_sql), id_params)
        }
        yield as_candidates(conn, plan.filters, [rows[rid] for rid in ids], described=False)


Page = tuple[list[str], dict[str, Any], list[sqlite3.Row], int]  # statements, params, rows, total


def _qualified(order: str) -> str:
    """An order's columns as columns of ``records r``."""
    return ", ".join(f"r.{term}" for term in order.split(", "))


def _walk(
    conn: sqlite3.Connection,
    filters: list[Filter],
    vocabulary: Vocabulary,
    order: tuple[SortKey, bool],
    limit: int,
    offset: int,
) -> Page | None:
    """The page walked in date order (either way), when the plan is likely to match so many
    records that its page should lie early in that order; else None (it is to be sorted)."""
    if len(filters) == 1 and clause(0, filters[0], probe=True).count_sql is None:
        return None
    if len(filters) > 1 and not _dense(filters, vocabulary):
        return None
    counted, count_params, total = _count(conn, filters, vocabulary)
    if total == 0:
        return counted, {**count_params, "limit": limit, "offset": offset}, [], 0
    if (offset + limit) * vocabulary.records * WALK_SLACK > WALK_VISITS * total:
        return None
    # Each record in date order is probed; a date range is left to drive the walk.
    probes = [
        clause(i, flt, probe=flt.field is not FilterField.YEAR) for i, flt in enumerate(filters)
    ]
    where, params = _where(probes)
    params.update(limit=limit, offset=offset)
    ordered = {
        "order": ORDERS[order],
        "r_order": _qualified(ORDERS[order]),
        "index": WALKED_ORDERS[order],
    }
    if not filters or any(f.field is FilterField.YEAR and not f.negate for f in filters):
        # The order is by date: a date filter's matches are not spread along it but lie in
        # one stretch of it, which the index finds by its range.
        sql = WALK_DATES_SQL.format(where=where, **ordered)
    else:
        sql = WALK_SQL.format(where=where, **ordered)
        params["visits"] = WALK_VISITS
    rows = conn.execute(sql, params).fetchall()
    if len(rows) < limit and offset + len(rows) < total:
        return None  # the matches cluster later in date order than the records looked at
    return [*counted, sql], {**count_params, **params}, rows, total


def _dense(filters: list[Filter], vocabulary: Vocabulary) -> bool:
    """Whether every condition is broad: the records meeting them all are then likely many."""
    limit = vocabulary.records * BROAD_SHARE
    return all(_estimate(flt, vocabulary) > limit for flt in filters)


def _sort(
    conn: sqlite3.Connection,
    filters: list[Filter],
    vocabulary: Vocabulary,
    order: tuple[SortKey, bool],
    limit: int,
    offset: int,
    keywords: str | None = None,
) -> Page:
    """The page of the matching records sorted (in ``order``, or by rank for keywords),
    counted in the same statement."""
    where, params = _where(_clauses(filters, vocabulary), "\n  AND ")
    if keywords:
        rank, ranked, position = RANKED
        position = position.format(order=ORDERS[order])
        params["rank_fts"] = keywords
    else:
        rank, ranked, position = "", "", f"row_number() OVER (ORDER BY {ORDERS[order]})"
    sql = PAGE_SQL.format(where=where, rank=rank, ranked=ranked, position=position)
    page_params = {**params, "limit": limit, "offset": offset}
    rows = conn.execute(sql, page_params).fetchall()
    if rows:
        return [sql], page_params, rows, rows[0]["total_count"]
    # An empty page carries no count: past the end, or nothing matched.
    count = COUNT_SQL.format(where=where)
    return [sql, count], page_params, rows, conn.execute(count, params).fetchone()[0]


def _clauses(
    filters: list[Filter], vocabulary: Vocabulary, without: int | None = None
) -> list[Clause]:
    """The conditions of the filters (all but number ``without``), the broad ones probed
    per record."""
    kept = {i: flt for i, flt in enumerate(filters) if i != without}
    broad = _broad_filters(kept, vocabulary)
    return [clause(i, flt, probe=i in broad) for i, flt in kept.items()]


def _broad_filters(filters: dict[int, Filter], vocabulary: Vocabulary) -> set[int]:
    """Filters (by number) matching over a quarter of the index, to probe while a more
    selective one drives; when all are broad, the one matching fewest drives."""
    estimates = {i: _estimate(flt, vocabulary) for i, flt in filters.items()}
    broad = {i for i, n in estimates.items() if n > vocabulary.records * BROAD_SHARE}
    if broad and len(broad) == len(filters):
        broad.discard(min(broad, key=estimates.__getitem__))
    return broad


def _estimate(flt: Filter, vocabulary: Vocabulary) -> int:
    """How many records a positive filter may match, from the index's counts; 0 when they
    cannot tell (a negation, or words searched)."""
    if flt.negate:
        return 0
    if flt.field is FilterField.YEAR:
        return vocabulary.dated(*bounds(flt))
    counted = FIELDS[flt.field].counted
    if counted and flt.op in (FilterOp.EQUALS, FilterOp.IN):
        return estimate(flt, getattr(vocabulary, counted))
    return 0
