"""Counts and rankings over everything a plan matches, not just the page shown.

``answer`` gives a plan's count ("how many Latin books before 1550?") or its ranking;
``rank`` answers "which towns printed
Hebrew books?": one facet's values among the matches, most first, each with its count, the
filter that narrows the search to it and a follow-up that says so ("only those printed in
Venice"). Values are grouped as readers group them: places by modern town (Constantinople is
Istanbul; a country is no town), printers and
authors by their name key (variant forms and imprint spellings under one heading; a record's
imprint counts only when no heading names its printer), subjects
by their main heading, genres by term (655, and what the leader and 008 code; a subject's
form subdivision is a subject's part); fields in another script (880) repeat the ones they
pair with and are not counted again. A record counts towards a century or decade only
when its whole date range lies in it; the others are counted apart (``dated_apart``), as
for date filters. The same rankings give the chat its suggestions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.marc.names import PUBLISHING_ROLES
from scripts.marc.normalize import language_name, printing_town
from scripts.query.connection import IndexQueryError, read_only
from scripts.query.execute import count_matches
from scripts.query.operators import clause
from scripts.query.vocabulary import Vocabulary, load_vocabulary
from scripts.schemas import Answer, AnswerKind, Facet, Filter, FilterField, FilterOp, Tally
from scripts.schemas.query_plan import QueryPlan

DEFAULT_TOP = 10
_MATCHED = "SELECT r.record_id FROM records r WHERE {where}"
_CENTURY = "CAST(r.date_start / 100 AS INTEGER)"
_DECADE = "CAST(r.date_start / 10 AS INTEGER)"
# A record's whole range in one span of years: what a century or decade counts.
_WITHIN = "{span} = CAST(COALESCE(r.date_end, r.date_start) / {years} AS INTEGER)"
# A record whose cataloguer named its printers in headings (7XX with their roles): those
# count, not the imprint's wording of them.
_HEADED = f"""SELECT 1 FROM agents a WHERE a.record_id = {{record}}
    AND a.role_norm IN {PUBLISHING_ROLES}"""
# Per facet: (key, display) rows of the matched records, each record once per key.
_VALUES: dict[Facet, str] = {
    Facet.PLACE: """SELECT record_id, town, NULL FROM (SELECT record_id,
        printing_town(place_norm) AS town FROM imprints
        WHERE place_norm IS NOT NULL AND linked_tag IS NULL) WHERE town IS NOT NULL""",
    Facet.LANGUAGE: "SELECT record_id, code, code FROM languages",
    Facet.CENTURY: f"""SELECT r.record_id, {_CENTURY}, {_CENTURY} FROM records r
        WHERE r.date_start IS NOT NULL
        AND {_WITHIN.format(span=_CENTURY, years=100)}""",
    Facet.DECADE: f"""SELECT r.record_id, {_DECADE}, {_DECADE} FROM records r
        WHERE r.date_start IS NOT NULL AND {_WITHIN.format(span=_DECADE, years=10)}""",
    Facet.PRINTER: f"""SELECT record_id, name_key, NULL FROM agents
        WHERE role_norm IN {PUBLISHING_ROLES} AND name_key IS NOT NULL AND linked_tag IS NULL
        UNION SELECT n.record_id, n.name_key, NULL FROM imprint_names n WHERE n.tag != '880'
        AND NOT EXISTS ({_HEADED.format(record="n.record_id")})
        UNION SELECT i.record_id, i.publisher_norm, i.publisher_raw FROM imprints i
        WHERE i.publisher_norm IS NOT NULL AND i.linked_tag IS NULL
        AND NOT EXISTS ({_HEADED.format(record="i.record_id")})
        AND NOT EXISTS (SELECT 1 FROM imprint_names n
            WHERE n.record_id = i.record_id AND n.position = i.position)""",
    Facet.AUTHOR: f"""SELECT record_id, name_key, NULL FROM agents WHERE name_key IS NOT NULL
        AND linked_tag IS NULL AND (role_norm = 'author' OR (tag IN ('100', '110', '111')
             AND (role_norm IS NULL OR role_norm NOT IN {PUBLISHING_ROLES})))""",
    Facet.SUBJECT: """SELECT record_id, CASE WHEN instr(heading_norm, ' -- ') > 0
            THEN substr(heading_norm, 1, instr(heading_norm, ' -- ') - 1) ELSE heading_norm END,
        CASE WHEN instr(heading, ' -- ') > 0
            THEN substr(heading, 1, instr(heading, ' -- ') - 1) ELSE heading END
        FROM subjects WHERE heading_norm IS NOT NULL AND linked_tag IS NULL""",
    Facet.GENRE: """SELECT record_id, term_norm, term FROM genres
        WHERE linked_tag IS NULL AND tag NOT IN ('600', '610', '611', '630', '650', '651')""",
}
_VALUED = """WITH matched AS MATERIALIZED ({matched}),
facet_values (record_id, key, shown) AS ({values}),
valued AS MATERIALIZED (SELECT * FROM facet_values
  WHERE record_id IN (SELECT record_id FROM matched))"""
_RANK_SQL = (
    _VALUED
    + """
SELECT key, min(shown), count(DISTINCT record_id),
  (SELECT count(*) FROM matched), (SELECT count(DISTINCT record_id) FROM valued)
FROM valued GROUP BY key ORDER BY 3 DESC, 1 LIMIT :top"""
)
_TOTALS_SQL = (
    _VALUED
    + """
SELECT (SELECT count(*) FROM matched), (SELECT count(DISTINCT record_id) FROM valued)"""
)


@dataclass(frozen=True)
class Ranked:
    """One value of a ranking: the tally shown and the filter that narrows to it."""

    tally: Tally
    filter: Filter


@dataclass(frozen=True)
class Ranking:
    """A facet's values among a plan's matches, most first."""

    total: int
    values: list[Ranked]
    missing: int  # matches with no value for the facet
    dated_apart: int = 0  # CENTURY/DECADE: matches whose dates span several

    def answer(self, facet: Facet) -> Answer:
        return Answer(
            kind=AnswerKind.RANKING,
            total=self.total,
            facet=facet,
            rows=[r.tally for r in self.values],
            missing=self.missing,
            dated_apart=self.dated_apart,
        )


def _where(filters: list[Filter]) -> tuple[str, dict[str, Any]]:
    clauses = [clause(i, flt) for i, flt in enumerate(filters)]
    params = {key: value for c in clauses for key, value in c.params.items()}
    return " AND ".join(c.sql for c in clauses) or "1", params


def rank(filters: list[Filter], db_path: Path, facet: Facet, top: int = DEFAULT_TOP) -> Ranking:
    """The ``top`` most common values of ``facet`` among the records matching ``filters``."""
    where, params = _where(filters)
    matched = _MATCHED.format(where=where)
    sql = _RANK_SQL.format(matched=matched, values=_VALUES[facet])
    vocabulary = load_vocabulary(db_path)
    try:
        with read_only(db_path) as conn:
            conn.create_function("printing_town", 1, printing_town, deterministic=True)
            rows = conn.execute(sql, {**params, "top": top}).fetchall()
            if rows:
                total, valued = rows[0][3], rows[0][4]
            else:
                totals = _TOTALS_SQL.format(matched=matched, values=_VALUES[facet])
                total, valued = conn.execute(totals, params).fetchone()
            apart = _spanning(conn, facet, matched, params)
    except sqlite3.DatabaseError as exc:
        raise IndexQueryError(f"cannot rank the index {db_path}: {exc}") from exc
    values = [_ranked(facet, key, shown, n, vocabulary) for key, shown, n, *_ in rows]
    return Ranking(total, values, total - valued - apart, apart)


def _spanning(conn: sqlite3.Connection, facet: Facet, matched: str, params: dict[str, Any]) -> int:
    """Matches dated across two centuries (decades), which neither counts."""
    if facet not in (Facet.CENTURY, Facet.DECADE):
        return 0
    span, years = (_CENTURY, 100) if facet is Facet.CENTURY else (_DECADE, 10)
    sql = (
        f"SELECT count(*) FROM records r WHERE r.record_id IN ({matched})"
        f" AND r.date_start IS NOT NULL AND NOT ({_WITHIN.format(span=span, years=years)})"
    )
    return conn.execute(sql, params).fetchone()[0]


def _ranked(facet: Facet, key: Any, shown: Any, n: int, vocabulary: Vocabulary) -> Ranked:
    display, phrase, flt = _READINGS[facet](key, shown, vocabulary)
    return Ranked(
        Tally(value=display, count=n, refine=phrase), flt.model_copy(update={"shown": display})
    )


def ordinal(n: int) -> str:
    """ "16th", "21st", "22nd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def spoken_language(code: str) -> str:
    """A language as a reader would say it: "Greek, Ancient (to 1453)" -> "Greek"."""
    name = language_name(code) or code
    return name.split(" (")[0].split(",")[0]


def _eq(field: FilterField, value: Any) -> Filter:
    return Filter(field=field, op=FilterOp.EQUALS, value=value)


def _years(start: int, end: int) -> Filter:
    return Filter(field=FilterField.YEAR, op=FilterOp.RANGE, start=start, end=end)


def _place(key: str, _: Any, vocabulary: Vocabulary) -> tuple[str, str, Filter]:
    shown = vocabulary.display("place", key) or key.title()
    return shown, f"only those printed in {shown}", _eq(FilterField.IMPRINT_PLACE, key)


def _language(key: str, _: Any, __: Vocabulary) -> tuple[str, str, Filter]:
    shown = spoken_language(key)
    return shown, f"only those in {shown}", _eq(FilterField.LANGUAGE, key)


def _century(key: int, _: Any, __: Vocabulary) -> tuple[str, str, Filter]:
    shown = f"{ordinal(key + 1)} century"
    return shown, f"only those from the {shown}", _years(key * 100, key * 100 + 99)


def _decade(key: int, _: Any, __: Vocabulary) -> tuple[str, str, Filter]:
    shown = f"{key * 10}s"
    return shown, f"only those from the {shown}", _years(key * 10, key * 10 + 9)


def _name(
    field: FilterField, cue: str
) -> Callable[[str, Any, Vocabulary], tuple[str, str, Filter]]:
    def read(key: str, shown: Any, vocabulary: Vocabulary) -> tuple[str, str, Filter]:
        display = (
            vocabulary.display("name", key)
            or vocabulary.display("publisher", key)
            or shown
            or key.title()
        )
        return display, f"only those {cue} {key.title()}", _eq(field, key)

    return read


def _subject(key: str, shown: Any, _: Vocabulary) -> tuple[str, str, Filter]:
    display = shown or key
    flt = Filter(field=FilterField.SUBJECT, op=FilterOp.CONTAINS, value=f'"{key}"')
    return display, f"only those about {display}", flt


def _genre(key: str, shown: Any, _: Vocabulary) -> tuple[str, str, Filter]:
    display = shown or key
    return display, f"only those of the kind {display}", _eq(FilterField.GENRE, key)


_READINGS = {
    Facet.PLACE: _place,
    Facet.LANGUAGE: _language,
    Facet.CENTURY: _century,
    Facet.DECADE: _decade,
    Facet.PRINTER: _name(FilterField.PUBLISHER, "printed by"),
    Facet.AUTHOR: _name(FilterField.AGENT, "by"),
    Facet.SUBJECT: _subject,
    Facet.GENRE: _genre,
}


def answer(plan: QueryPlan, db_path: Path) -> tuple[Answer, list[Ranked]]:
    """The count or ranking ``plan`` asks for, and a ranking's values with their filters."""
    if plan.answer is AnswerKind.COUNT:
        total, apart = count_matches(plan.filters, db_path)
        return Answer(kind=AnswerKind.COUNT, total=total, dated_apart=apart), []
    ranking = rank(plan.filters, db_path, plan.facet, plan.top or DEFAULT_TOP)
    return ranking.answer(plan.facet), ranking.values
